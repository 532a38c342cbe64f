// The generator's Cypher for the query "references" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find
// params: limit, p0, p1, p2, p3, p4, p5, p6, p7
// $limit = 20
// $p0 = ["COM(2010) 673"]
// $p1 = ["COM(2010) 673"]
// $p2 = ["16797/10"]
// $p3 = "com"
// $p4 = ["COM(2010) 673"]
// $p5 = ["COM(2010) 673"]
// $p6 = ["16797/10"]
// $p7 = "com"
CALL () {
MATCH (n:Node)
WHERE (n.reference IN $p0 OR any(x1 IN coalesce(n.aliases, []) WHERE x1 IN $p0))
WITH DISTINCT n
WHERE ((n.reference IN $p1 OR any(x2 IN coalesce(n.aliases, []) WHERE x2 IN $p1)) AND (n.reference IS NOT NULL AND NOT n.reference IN $p2 AND none(x3 IN coalesce(n.aliases, []) WHERE x3 IN $p2)) AND n.referenceFold CONTAINS $p3)
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior
}
CALL () {
MATCH (n:Node)
WHERE (n.reference IN $p4 OR any(x4 IN coalesce(n.aliases, []) WHERE x4 IN $p4))
WITH DISTINCT n
WHERE ((n.reference IN $p5 OR any(x5 IN coalesce(n.aliases, []) WHERE x5 IN $p5)) AND (n.reference IS NOT NULL AND NOT n.reference IN $p6 AND none(x6 IN coalesce(n.aliases, []) WHERE x6 IN $p6)) AND n.referenceFold CONTAINS $p7)
WITH n
WITH n
ORDER BY n.id ASC
LIMIT $limit
RETURN collect(n) AS page
}
RETURN total, rest, prior, page
