// The generator's Cypher for the query "relationships" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find_count
// params: p0, p1, p2
// $p0 = ["COM(2010) 673"]
// $p1 = "institution/council"
// $p2 = 2010-12-31
MATCH (n:Document)
WHERE (EXISTS { MATCH (n)-[r1:CITES]->(o1:Document) WHERE (o1.reference IN $p0 OR any(x1 IN coalesce(o1.aliases, []) WHERE x1 IN $p0)) } AND NOT EXISTS { MATCH (n)<-[r2:AUTHORED]-(o2:Institution) WHERE o2.id = $p1 } AND NOT EXISTS { MATCH (n)-[r3:CITES]-(o3:Document) WHERE NOT coalesce(o3.date <= $p2, false) })
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior

// name: find_page
// params: limit, p0, p1, p2
// $limit = 20
// $p0 = ["COM(2010) 673"]
// $p1 = "institution/council"
// $p2 = 2010-12-31
MATCH (n:Document)
WHERE (EXISTS { MATCH (n)-[r1:CITES]->(o1:Document) WHERE (o1.reference IN $p0 OR any(x1 IN coalesce(o1.aliases, []) WHERE x1 IN $p0)) } AND NOT EXISTS { MATCH (n)<-[r2:AUTHORED]-(o2:Institution) WHERE o2.id = $p1 } AND NOT EXISTS { MATCH (n)-[r3:CITES]-(o3:Document) WHERE NOT coalesce(o3.date <= $p2, false) })
WITH n
RETURN n
ORDER BY n.id ASC
LIMIT $limit
