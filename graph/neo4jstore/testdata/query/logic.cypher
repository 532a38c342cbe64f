// The generator's Cypher for the query "logic" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find
// params: limit, p0, p1, p2, p3, p4, p5
// $limit = 20
// $p0 = "resolution"
// $p1 = "report"
// $p2 = 2014-01-01
// $p3 = "resolution"
// $p4 = "report"
// $p5 = 2014-01-01
CALL () {
MATCH (n:Document)
WHERE (NOT coalesce(n.typeFold = $p0, false) AND (n.typeFold = $p1 OR (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > $p2))
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior
}
CALL () {
MATCH (n:Document)
WHERE (NOT coalesce(n.typeFold = $p3, false) AND (n.typeFold = $p4 OR (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > $p5))
WITH n
WITH n
ORDER BY n.id ASC
LIMIT $limit
RETURN collect(n) AS page
}
RETURN total, rest, prior, page
