// The generator's Cypher for the query "related" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: related_count
// params: ids, p1, p2, p3, p4, p5, p6
// $ids = [procedure/p procedure/q]
// $p1 = "shadow rapporteur"
// $p2 = "a"
// $p3 = "rapporteur\x00rapporteur"
// $p4 = "x\x00X"
// $p5 = "person/x"
// $p6 = "person/x"
UNWIND $ids AS id
CALL (id) {
MATCH (s:Node {id: id})<-[r:RAPPORTEUR]-(n:Person)
WHERE (r.roleFold <> $p1 AND n.nameFold CONTAINS $p2)
WITH r, n, startNode(r).id AS f, r.roleFold + '\u0000' + r.role AS k0, n.sortName AS k1
RETURN count(*) AS total, count(*) AS rest, count(CASE WHEN (k0 < $p3 OR (k0 = $p3 AND k1 > $p4) OR (k0 = $p3 AND k1 = $p4 AND n.id < $p5) OR (k0 = $p3 AND k1 = $p4 AND n.id = $p5 AND f < $p6)) THEN 1 END) AS prior
}
RETURN id, total, rest, prior

// name: related_page
// params: ids, limit, p1, p2, p3, p4, p5, p6
// $ids = [procedure/p procedure/q]
// $limit = 2
// $p1 = "shadow rapporteur"
// $p2 = "a"
// $p3 = "rapporteur\x00rapporteur"
// $p4 = "x\x00X"
// $p5 = "person/x"
// $p6 = "person/x"
UNWIND $ids AS id
CALL (id) {
MATCH (s:Node {id: id})<-[r:RAPPORTEUR]-(n:Person)
WHERE (r.roleFold <> $p1 AND n.nameFold CONTAINS $p2)
WITH r, n, startNode(r).id AS f, r.roleFold + '\u0000' + r.role AS k0, n.sortName AS k1
WHERE (k0 < $p3 OR (k0 = $p3 AND k1 > $p4) OR (k0 = $p3 AND k1 = $p4 AND n.id < $p5) OR (k0 = $p3 AND k1 = $p4 AND n.id = $p5 AND f < $p6))
RETURN r, n
ORDER BY k0 DESC, k1 IS NULL DESC, k1 ASC, n.id DESC, f DESC
LIMIT $limit
}
RETURN id, r, n AS n, startNode(r).id AS from, endNode(r).id AS to
