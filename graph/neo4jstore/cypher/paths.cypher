// Store.ShortestPathSet (traverse.PathFinder): every shortest path of a
// normalised graph.PathQuery in one statement, so that a shortest-path
// query is one round trip instead of a read per level of the search.
// The direction cannot be a parameter, so each has its statement; the edge
// types are $types (empty: every type), as in edges.cypher.
//
// A variable-length bound cannot be a parameter either: the pattern is
// bounded by graph.MaxDepthCap (10, TestPathStatementsBound), the most any
// configuration allows, and paths longer than $maxDepth are dropped after
// the search. The filter is a WITH after the match, not in its WHERE: a
// predicate the search cannot check on each step makes Neo4j fall back to
// an exhaustive search when the shortest paths fail it. The type predicate
// on every relationship is checked on each step (TestLivePathPlans).
//
// One row always comes back: whether each end exists, the paths (at most
// $limit, each its ids in order from $from and its relationships with their
// stored ends), and each node on them once with its degree, every type and
// direction, as the degrees statement counts it. The caller orders the
// paths and cuts them to the query's limit (traverse).

// name: shortest_paths_out
// params: from, to, types, maxDepth, limit
OPTIONAL MATCH (a:Node {id: $from})
OPTIONAL MATCH (b:Node {id: $to})
CALL (a, b) {
  MATCH p = allShortestPaths((a)-[*..10]->(b))
  WHERE all(r IN relationships(p) WHERE size($types) = 0 OR type(r) IN $types)
  WITH p WHERE length(p) <= $maxDepth
  WITH p LIMIT $limit
  RETURN collect(p) AS ps
}
UNWIND CASE ps WHEN [] THEN [null] ELSE reduce(acc = [], p IN ps | acc + nodes(p)) END AS n
WITH a, b, ps, collect(DISTINCT n) AS ns
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
  [p IN ps | {ids: [n IN nodes(p) | n.id], rels: [r IN relationships(p) | {r: r, from: startNode(r).id, to: endNode(r).id}]}] AS paths,
  [n IN ns | {n: __NODE__(n), degree: COUNT { (n)-[]-(:Node) }}] AS nodes

// name: shortest_paths_in
// params: from, to, types, maxDepth, limit
OPTIONAL MATCH (a:Node {id: $from})
OPTIONAL MATCH (b:Node {id: $to})
CALL (a, b) {
  MATCH p = allShortestPaths((a)<-[*..10]-(b))
  WHERE all(r IN relationships(p) WHERE size($types) = 0 OR type(r) IN $types)
  WITH p WHERE length(p) <= $maxDepth
  WITH p LIMIT $limit
  RETURN collect(p) AS ps
}
UNWIND CASE ps WHEN [] THEN [null] ELSE reduce(acc = [], p IN ps | acc + nodes(p)) END AS n
WITH a, b, ps, collect(DISTINCT n) AS ns
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
  [p IN ps | {ids: [n IN nodes(p) | n.id], rels: [r IN relationships(p) | {r: r, from: startNode(r).id, to: endNode(r).id}]}] AS paths,
  [n IN ns | {n: __NODE__(n), degree: COUNT { (n)-[]-(:Node) }}] AS nodes

// name: shortest_paths_both
// params: from, to, types, maxDepth, limit
OPTIONAL MATCH (a:Node {id: $from})
OPTIONAL MATCH (b:Node {id: $to})
CALL (a, b) {
  MATCH p = allShortestPaths((a)-[*..10]-(b))
  WHERE all(r IN relationships(p) WHERE size($types) = 0 OR type(r) IN $types)
  WITH p WHERE length(p) <= $maxDepth
  WITH p LIMIT $limit
  RETURN collect(p) AS ps
}
UNWIND CASE ps WHEN [] THEN [null] ELSE reduce(acc = [], p IN ps | acc + nodes(p)) END AS n
WITH a, b, ps, collect(DISTINCT n) AS ns
RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
  [p IN ps | {ids: [n IN nodes(p) | n.id], rels: [r IN relationships(p) | {r: r, from: startNode(r).id, to: endNode(r).id}]}] AS paths,
  [n IN ns | {n: __NODE__(n), degree: COUNT { (n)-[]-(:Node) }}] AS nodes
