// The generator's Cypher for the query "dates" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find
// params: limit, p0, p1, p10, p11, p12, p13, p14, p15, p2, p3, p4, p5, p6, p7, p8, p9
// $limit = 20
// $p0 = [{first: 2010-01-01, last: 2010-12-31}]
// $p1 = [{first: 2010-11-01, last: 2010-11-30}]
// $p10 = [{first: 2010-11-22, last: 2010-11-22}, {first: 2012-01-01, last: 2012-12-31}]
// $p11 = [{first: 2014-01-01, last: 2014-12-31}]
// $p12 = 2014-01-01
// $p13 = 2014-06-30
// $p14 = 2010-01-01
// $p15 = 2009-12-31
// $p2 = [{first: 2010-11-22, last: 2010-11-22}, {first: 2012-01-01, last: 2012-12-31}]
// $p3 = [{first: 2014-01-01, last: 2014-12-31}]
// $p4 = 2014-01-01
// $p5 = 2014-06-30
// $p6 = 2010-01-01
// $p7 = 2009-12-31
// $p8 = [{first: 2010-01-01, last: 2010-12-31}]
// $p9 = [{first: 2010-11-01, last: 2010-11-30}]
CALL () {
MATCH (n:Document)
WHERE (any(x1 IN $p0 WHERE n.date <= x1.last AND (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > x1.first) AND (n.date IS NOT NULL AND NOT any(x2 IN $p1 WHERE n.date <= x2.last AND (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > x2.first)) AND any(x3 IN $p2 WHERE n.date <= x3.last AND (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > x3.first) AND (n.date IS NOT NULL AND NOT any(x4 IN $p3 WHERE n.date <= x4.last AND (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > x4.first)) AND n.date < $p4 AND n.date <= $p5 AND (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > $p6 AND (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > $p7 AND n.periodEnd IS NOT NULL)
WITH n
RETURN count(*) AS total, count(*) AS rest, count(*) AS prior
}
CALL () {
MATCH (n:Document)
WHERE (any(x5 IN $p8 WHERE n.date <= x5.last AND (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > x5.first) AND (n.date IS NOT NULL AND NOT any(x6 IN $p9 WHERE n.date <= x6.last AND (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > x6.first)) AND any(x7 IN $p10 WHERE n.date <= x7.last AND (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > x7.first) AND (n.date IS NOT NULL AND NOT any(x8 IN $p11 WHERE n.date <= x8.last AND (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > x8.first)) AND n.date < $p12 AND n.date <= $p13 AND (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > $p14 AND (n.date + CASE n.datePrecision WHEN 'year' THEN duration({years: 1}) WHEN 'month' THEN duration({months: 1}) ELSE duration({days: 1}) END) > $p15 AND n.periodEnd IS NOT NULL)
WITH n
WITH n
ORDER BY n.id ASC
LIMIT $limit
RETURN collect(n) AS page
}
RETURN total, rest, prior, page
