// The generator's Cypher for the query "nested_with_edges" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find
// params: limit, p0, p1, p2, p3
// $limit = 20
// $p0 = "leads"
// $p1 = "key-action"
// $p2 = "leads"
// $p3 = "key-action"
CALL () {
MATCH (n:Agency)
WHERE EXISTS { MATCH (n)-[r1:RESPONSIBLE_FOR]->(o3:Objective) WHERE ((r1.roleFold = $p0 AND NOT coalesce(r1.date IS NULL, false)) AND (o3.typeFold = $p1 AND EXISTS { MATCH (o3)-[r2:PART_OF]->(o4:Agency|Document|Institution|Objective) WHERE NOT EXISTS { MATCH (o4)<-[r3:ADDRESSES]-(o5:Document|Event) WHERE true } })) }
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior
}
CALL () {
MATCH (n:Agency)
WHERE EXISTS { MATCH (n)-[r4:RESPONSIBLE_FOR]->(o8:Objective) WHERE ((r4.roleFold = $p2 AND NOT coalesce(r4.date IS NULL, false)) AND (o8.typeFold = $p3 AND EXISTS { MATCH (o8)-[r5:PART_OF]->(o9:Agency|Document|Institution|Objective) WHERE NOT EXISTS { MATCH (o9)<-[r6:ADDRESSES]-(o10:Document|Event) WHERE true } })) }
WITH n
WITH n
ORDER BY n.id ASC
LIMIT $limit
RETURN collect(n) AS page
}
RETURN total, rest, prior, page
