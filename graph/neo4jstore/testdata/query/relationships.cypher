// The generator's Cypher for the query "relationships" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find
// params: limit, p0, p1, p2, p3, p4, p5, p6, p7
// $limit = 20
// $p0 = ["COM(2010) 673"]
// $p1 = ["COM(2010) 673"]
// $p2 = "institution/council"
// $p3 = 2010-12-31
// $p4 = ["COM(2010) 673"]
// $p5 = ["COM(2010) 673"]
// $p6 = "institution/council"
// $p7 = 2010-12-31
CALL () {
MATCH (o1:Document)
WHERE (o1.reference IN $p0 OR any(x1 IN coalesce(o1.aliases, []) WHERE x1 IN $p0))
MATCH (n:Document)-[r1:CITES]->(o1:Document)
WITH DISTINCT n
WHERE (EXISTS { MATCH (n)-[r2:CITES]->(o2:Document) WHERE (o2.reference IN $p1 OR any(x2 IN coalesce(o2.aliases, []) WHERE x2 IN $p1)) } AND NOT EXISTS { MATCH (n)<-[r3:AUTHORED]-(o3:Institution) WHERE o3.id = $p2 } AND NOT EXISTS { MATCH (n)-[r4:CITES]-(o4:Document) WHERE NOT coalesce(o4.date <= $p3, false) })
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior
}
CALL () {
MATCH (o5:Document)
WHERE (o5.reference IN $p4 OR any(x3 IN coalesce(o5.aliases, []) WHERE x3 IN $p4))
MATCH (n:Document)-[r5:CITES]->(o5:Document)
WITH DISTINCT n
WHERE (EXISTS { MATCH (n)-[r6:CITES]->(o6:Document) WHERE (o6.reference IN $p5 OR any(x4 IN coalesce(o6.aliases, []) WHERE x4 IN $p5)) } AND NOT EXISTS { MATCH (n)<-[r7:AUTHORED]-(o7:Institution) WHERE o7.id = $p6 } AND NOT EXISTS { MATCH (n)-[r8:CITES]-(o8:Document) WHERE NOT coalesce(o8.date <= $p7, false) })
WITH n
WITH n
ORDER BY n.id ASC
LIMIT $limit
RETURN collect(n) AS page
}
RETURN total, rest, prior, page
