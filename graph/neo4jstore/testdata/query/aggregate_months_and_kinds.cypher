// The generator's Cypher for the query "aggregate_months_and_kinds" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: aggregate_stats
// params: p0
// $p0 = 1
MATCH (n:Node)
WHERE n.votesFor >= $p0
RETURN count(*) AS count, min(n.votesFor) AS min0

// name: aggregate_groups
// params: limit, p0
// $limit = 1001
// $p0 = 1
MATCH (n:Node)
WHERE n.votesFor >= $p0
WITH DISTINCT n, n.kind AS g0, n.kind AS h0, left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 ELSE 7 END) AS g1, left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 ELSE 7 END) AS h1, n.votesFor AS g2, n.votesFor AS h2
RETURN g0, h0, g1, h1, g2, h2, count(*) AS count
ORDER BY h0, h1, h2
LIMIT $limit
