// The generator's Cypher for the query "sorted_between" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: find
// params: limit, p0, p1, p10, p11, p2, p3, p4, p5, p6, p7, p8, p9
// $limit = 3
// $p0 = "a\x00Á"
// $p1 = "Document"
// $p10 = "Document"
// $p11 = "document/b"
// $p2 = "document/a"
// $p3 = "b\x00b"
// $p4 = "Document"
// $p5 = "document/b"
// $p6 = "a\x00Á"
// $p7 = "Document"
// $p8 = "document/a"
// $p9 = "b\x00b"
CALL () {
MATCH (n:Node)
WITH n, n.sortName AS k0, n.votesFor AS k1, n.kind AS k2
RETURN count(*) AS total, count(CASE WHEN ((k0 IS NULL OR k0 > $p0) OR (k0 = $p0 AND k1 IS NULL AND (k2 IS NULL OR k2 > $p1)) OR (k0 = $p0 AND k1 IS NULL AND k2 = $p1 AND n.id > $p2)) THEN 1 END) AS rest, count(CASE WHEN (k0 < $p3 OR (k0 = $p3 AND k1 IS NOT NULL) OR (k0 = $p3 AND k1 IS NULL AND k2 < $p4) OR (k0 = $p3 AND k1 IS NULL AND k2 = $p4 AND n.id < $p5)) THEN 1 END) AS prior
}
CALL () {
MATCH (n:Node)
WITH n, n.sortName AS k0, n.votesFor AS k1, n.kind AS k2
WHERE (((k0 IS NULL OR k0 > $p6) OR (k0 = $p6 AND k1 IS NULL AND (k2 IS NULL OR k2 > $p7)) OR (k0 = $p6 AND k1 IS NULL AND k2 = $p7 AND n.id > $p8)) AND (k0 < $p9 OR (k0 = $p9 AND k1 IS NOT NULL) OR (k0 = $p9 AND k1 IS NULL AND k2 < $p10) OR (k0 = $p9 AND k1 IS NULL AND k2 = $p10 AND n.id < $p11)))
WITH n, k0, k1, k2
ORDER BY k0 ASC, k1 IS NULL ASC, k1 DESC, k2 ASC, n.id ASC
LIMIT $limit
RETURN collect(n) AS page
}
RETURN total, rest, prior, page
