// The generator's Cypher for the query "sorted_first_after" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find
// params: limit, p0, p1, p2, p3, p4, p5
// $limit = 5
// $p0 = "report\x00report"
// $p1 = "2010-11"
// $p2 = "document/a"
// $p3 = "report\x00report"
// $p4 = "2010-11"
// $p5 = "document/a"
CALL () {
MATCH (n:Document)
WITH n, n.typeFold + '\u0000' + n.type AS k0, left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS k1
RETURN count(*) AS total, count(CASE WHEN ((k0 IS NULL OR k0 > $p0) OR (k0 = $p0 AND (k1 IS NULL OR k1 < $p1)) OR (k0 = $p0 AND k1 = $p1 AND n.id > $p2)) THEN 1 END) AS rest, count(*) AS prior
}
CALL () {
MATCH (n:Document)
WITH n, n.typeFold + '\u0000' + n.type AS k0, left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS k1
WHERE ((k0 IS NULL OR k0 > $p3) OR (k0 = $p3 AND (k1 IS NULL OR k1 < $p4)) OR (k0 = $p3 AND k1 = $p4 AND n.id > $p5))
WITH n, k0, k1
ORDER BY k0 ASC, k1 IS NULL ASC, k1 DESC, n.id ASC
LIMIT $limit
RETURN collect(n) AS page
}
RETURN total, rest, prior, page
