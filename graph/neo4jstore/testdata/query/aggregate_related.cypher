// The generator's Cypher for the query "aggregate_related" of TestQueryCypherGolden
// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.

// name: aggregate_stats
// params: ids
// $ids = [procedure/p]
UNWIND $ids AS id
CALL (id) {
MATCH (s:Node {id: id})<-[r:RAPPORTEUR]-(n:Person)
WHERE true
RETURN count(*) AS count, min(left(toString(r.date), CASE r.datePrecision WHEN 'year' THEN 4 WHEN 'month' THEN 7 ELSE 10 END)) AS min0
}
RETURN id, count, min0

// name: aggregate_groups
// params: ids, limit
// $ids = [procedure/p]
// $limit = 1001
UNWIND $ids AS id
CALL (id) {
MATCH (s:Node {id: id})<-[r:RAPPORTEUR]-(n:Person)
WHERE true
WITH DISTINCT r, n, r.role AS g0, r.roleFold + '\u0000' + r.role AS h0, r.group AS g1, r.groupFold + '\u0000' + r.group AS h1
RETURN g0, h0, g1, h1, count(*) AS count
ORDER BY h0, h1
LIMIT $limit
}
RETURN id, g0, g1, count
