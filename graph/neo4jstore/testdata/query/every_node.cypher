// The generator's Cypher for the query "every_node" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find_count
// params: 
MATCH (n:Node)
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior

// name: find_page
// params: limit
// $limit = 20
MATCH (n:Node)
WITH n
RETURN n
ORDER BY n.id ASC
LIMIT $limit
