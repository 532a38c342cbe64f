// The generator's Cypher for the query "lists" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find
// params: limit, p0, p1, p2, p3, p4, p5, p6, p7, p8, p9
// $limit = 20
// $p0 = "iss"
// $p1 = "x"
// $p2 = ["jai 1"]
// $p3 = ["jai 2"]
// $p4 = "a"
// $p5 = "iss"
// $p6 = "x"
// $p7 = ["jai 1"]
// $p8 = ["jai 2"]
// $p9 = "a"
CALL () {
MATCH (n:Document)
WHERE ($p0 IN coalesce(n.aliasesFold, []) AND (size(coalesce(n.aliasesFold, [])) > 0 AND NOT $p1 IN coalesce(n.aliasesFold, [])) AND any(x3 IN coalesce(n.fileCodesFold, []) WHERE x3 IN $p2) AND (size(coalesce(n.fileCodesFold, [])) > 0 AND none(x4 IN coalesce(n.fileCodesFold, []) WHERE x4 IN $p3)) AND any(x5 IN coalesce(n.aliasesFold, []) WHERE x5 CONTAINS $p4) AND size(coalesce(n.aliases, [])) > 0)
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior
}
CALL () {
MATCH (n:Document)
WHERE ($p5 IN coalesce(n.aliasesFold, []) AND (size(coalesce(n.aliasesFold, [])) > 0 AND NOT $p6 IN coalesce(n.aliasesFold, [])) AND any(x9 IN coalesce(n.fileCodesFold, []) WHERE x9 IN $p7) AND (size(coalesce(n.fileCodesFold, [])) > 0 AND none(x10 IN coalesce(n.fileCodesFold, []) WHERE x10 IN $p8)) AND any(x11 IN coalesce(n.aliasesFold, []) WHERE x11 CONTAINS $p9) AND size(coalesce(n.aliases, [])) > 0)
WITH n
WITH n
ORDER BY n.id ASC
LIMIT $limit
RETURN collect(n) AS page
}
RETURN total, rest, prior, page
