// The generator's Cypher for the query "text" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find
// params: limit, p0, p1, p10, p11, p12, p13, p2, p3, p4, p5, p6, p7, p8, p9
// $limit = 20
// $p0 = "malmstrom"
// $p1 = "report"
// $p10 = "iss"
// $p11 = "sels"
// $p12 = "5"
// $p13 = "document/com-"
// $p2 = ["x", "y"]
// $p3 = "iss"
// $p4 = "sels"
// $p5 = "5"
// $p6 = "document/com-"
// $p7 = "malmstrom"
// $p8 = "report"
// $p9 = ["x", "y"]
CALL () {
MATCH (n:Document)
WHERE (n.nameFold CONTAINS $p0 AND n.typeFold = $p1 AND (n.typeFold IS NOT NULL AND NOT n.typeFold IN $p2) AND n.shortTitleFold STARTS WITH $p3 AND n.placeFold ENDS WITH $p4 AND n.celexFold <> $p5 AND n.classification IS NULL AND n.id STARTS WITH $p6)
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior
}
CALL () {
MATCH (n:Document)
WHERE (n.nameFold CONTAINS $p7 AND n.typeFold = $p8 AND (n.typeFold IS NOT NULL AND NOT n.typeFold IN $p9) AND n.shortTitleFold STARTS WITH $p10 AND n.placeFold ENDS WITH $p11 AND n.celexFold <> $p12 AND n.classification IS NULL AND n.id STARTS WITH $p13)
WITH n
WITH n
ORDER BY n.id ASC
LIMIT $limit
RETURN collect(n) AS page
}
RETURN total, rest, prior, page
