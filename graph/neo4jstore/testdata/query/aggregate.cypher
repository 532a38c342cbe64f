// The generator's Cypher for the query "aggregate" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: aggregate_stats
// params: p0
// $p0 = 2010-01-01
MATCH (n:Document)
WHERE (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > $p0
RETURN count(*) AS count, min(left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END)) AS min0, max(left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END)) AS max0, max(left(toString(n.periodEnd), CASE n.periodEndPrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END)) AS max1

// name: aggregate_groups
// params: limit, p0
// $limit = 1001
// $p0 = 2010-01-01
MATCH (n:Document)
WHERE (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > $p0
UNWIND CASE WHEN size(coalesce(n.aliases, [])) = 0 THEN [null] ELSE range(0, size(n.aliases) - 1) END AS i2
WITH DISTINCT n, n.type AS g0, n.typeFold + '\u0000' + n.type AS h0, left(toString(n.date), 4) AS g1, left(toString(n.date), 4) AS h1, n.aliases[i2] AS g2, n.aliasesFold[i2] + '\u0000' + n.aliases[i2] AS h2
RETURN g0, h0, g1, h1, g2, h2, count(*) AS count
ORDER BY h0, h1, h2
LIMIT $limit
