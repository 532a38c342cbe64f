// The generator's Cypher for the query "nested_with_edges" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find_count
// params: p0, p1
// $p0 = "leads"
// $p1 = "key-action"
MATCH (n:Agency)
WHERE EXISTS { MATCH (n)-[r1:RESPONSIBLE_FOR]->(o3:Objective) WHERE ((r1.roleFold = $p0 AND NOT coalesce(r1.date IS NULL, false)) AND (o3.typeFold = $p1 AND EXISTS { MATCH (o3)-[r2:PART_OF]->(o4:Agency|Document|Institution|Objective) WHERE NOT EXISTS { MATCH (o4)<-[r3:ADDRESSES]-(o5:Document|Event) WHERE true } })) }
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior

// name: find_page
// params: limit, p0, p1
// $limit = 20
// $p0 = "leads"
// $p1 = "key-action"
MATCH (n:Agency)
WHERE EXISTS { MATCH (n)-[r1:RESPONSIBLE_FOR]->(o3:Objective) WHERE ((r1.roleFold = $p0 AND NOT coalesce(r1.date IS NULL, false)) AND (o3.typeFold = $p1 AND EXISTS { MATCH (o3)-[r2:PART_OF]->(o4:Agency|Document|Institution|Objective) WHERE NOT EXISTS { MATCH (o4)<-[r3:ADDRESSES]-(o5:Document|Event) WHERE true } })) }
WITH n
RETURN n
ORDER BY n.id ASC
LIMIT $limit
