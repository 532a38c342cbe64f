// The generator's Cypher for the query "references" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find_count
// params: p0, p1, p2
// $p0 = ["COM(2010) 673"]
// $p1 = ["16797/10"]
// $p2 = "com"
MATCH (n:Node)
WHERE ((n.reference IN $p0 OR any(x1 IN coalesce(n.aliases, []) WHERE x1 IN $p0)) AND (n.reference IS NOT NULL AND NOT n.reference IN $p1 AND none(x2 IN coalesce(n.aliases, []) WHERE x2 IN $p1)) AND n.referenceFold CONTAINS $p2)
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior

// name: find_page
// params: limit, p0, p1, p2
// $limit = 20
// $p0 = ["COM(2010) 673"]
// $p1 = ["16797/10"]
// $p2 = "com"
MATCH (n:Node)
WHERE ((n.reference IN $p0 OR any(x1 IN coalesce(n.aliases, []) WHERE x1 IN $p0)) AND (n.reference IS NOT NULL AND NOT n.reference IN $p1 AND none(x2 IN coalesce(n.aliases, []) WHERE x2 IN $p1)) AND n.referenceFold CONTAINS $p2)
WITH n
RETURN n
ORDER BY n.id ASC
LIMIT $limit
