// The generator's Cypher for the query "sorted_last_before_missing_keys" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find
// params: limit, p0, p1
// $limit = 5
// $p0 = "document/b"
// $p1 = "document/b"
CALL () {
MATCH (n:Document)
WITH n, n.typeFold + '\u0000' + n.type AS k0, left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS k1
RETURN count(*) AS total, count(*) AS rest, count(CASE WHEN (k0 IS NOT NULL OR (k0 IS NULL AND k1 IS NOT NULL) OR (k0 IS NULL AND k1 IS NULL AND n.id < $p0)) THEN 1 END) AS prior
}
CALL () {
MATCH (n:Document)
WITH n, n.typeFold + '\u0000' + n.type AS k0, left(toString(n.date), CASE n.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END) AS k1
WHERE (k0 IS NOT NULL OR (k0 IS NULL AND k1 IS NOT NULL) OR (k0 IS NULL AND k1 IS NULL AND n.id < $p1))
WITH n, k0, k1
ORDER BY k0 DESC, k1 IS NULL DESC, k1 ASC, n.id DESC
LIMIT $limit
RETURN collect(n) AS page
}
RETURN total, rest, prior, page
