// The analyst reads: Store.Degrees and Store.Rank. Edge types, kinds and
// directions are parameters ($types, $kinds, $outgoing, $incoming), never
// text: an empty $types or $kinds means every type or kind. An edge at a
// node n counts (Degree) or is followed (PageRank) when n is its start and
// $outgoing is set, or n is its end and $incoming is set; edges never join
// a node to itself, so with both set each edge counts once per end.

// name: degrees
// params: ids
// Every edge at each id, every type and direction; one row per id (the
// caller sends each id once), 0 for an id without edges or without a node.
UNWIND $ids AS id
OPTIONAL MATCH (:Node {id: id})-[r]-(:Node)
RETURN id, count(r) AS degree

// name: rank_degree
// params: types, outgoing, incoming, kinds, idPrefix, limit
// graph.MeasureDegree: every candidate (nodes of $kinds whose id starts
// with $idPrefix) counts, those without edges too, and the order is
// graph.CompareRanked: the count, highest first, then the id. Counts are
// exact, so the limit is applied here.
MATCH (n:Node)
WHERE (size($kinds) = 0 OR n.kind IN $kinds) AND n.id STARTS WITH $idPrefix
WITH n, COUNT {
    MATCH (n)-[r]-(:Node)
    WHERE (size($types) = 0 OR type(r) IN $types)
      AND (($outgoing AND startNode(r) = n) OR ($incoming AND endNode(r) = n))
  } AS score
ORDER BY score DESC, n.id ASC
LIMIT $limit
RETURN n, score

// name: rank_pagerank
// params: types, outgoing, incoming, damping, iterations, kinds, idPrefix, limit, tieMargin
// graph.MeasurePageRank in plain Cypher (no APOC, no GDS), as graph/analysis.go
// defines it: every node of the graph is in the walk, whatever $kinds and
// $idPrefix say; a walker at a node follows one of its edges ($outgoing:
// from start to end; with $incoming too, either way), each edge with equal
// chance, and a node with no edge to follow spreads its weight evenly over
// all nodes; with probability 1 - $damping the walker jumps to any node.
// The vector starts uniform and is iterated $iterations times
// (graph.PageRankIterations): Cypher cannot stop at graph.PageRankTolerance,
// and after 150 steps the residual is below 0.85^150, about 3e-11.
//
// How: the nodes go into a list in id order (a node's index is its position
// there). Each node emits one row for itself and one for each end of an edge
// it follows, carrying its own index; grouping those rows by node gives, at
// once, each node's index, its out-degree (the edges it follows) and the
// indexes of the nodes that follow an edge to it, which are collected in
// index order into lists. The iteration is then a reduce over
// range(1, $iterations) of list comprehensions:
//   pr'[j] = (1 - d + d * sum(pr[k] for dangling k)) / N + d * sum(pr[k] / outDeg[k] for k in inNbrs[j])
// Cost: O($iterations x (nodes + edges)) list operations, in memory, inside
// one read transaction. That is well under a second for graphs up to tens of
// thousands of edges; for larger graphs the transaction timeout (the
// request's deadline, capped by Config.MaxTxTime) bounds it, and GDS's
// gds.pageRank is the tool.
//
// The caller rounds each score with graph.RoundScore and orders by
// graph.CompareRanked. Ordering the raw scores here and cutting at $limit
// could drop a node whose score rounds equal to the last one kept and whose
// id is smaller, so the cut keeps every candidate within a relative
// $tieMargin of the $limit-th score (more than the spread of a 6-digit
// rounding), and the caller cuts to the limit after rounding.
MATCH (n:Node)
WITH n ORDER BY n.id
WITH collect(n) AS nodes
UNWIND range(0, size(nodes) - 1) AS i
WITH i, nodes[i] AS s
WITH i, [s] + COLLECT {
    MATCH (s)-[r]-(t:Node)
    WHERE (size($types) = 0 OR type(r) IN $types)
      AND (($outgoing AND startNode(r) = s) OR ($incoming AND endNode(r) = s))
    RETURN t
  } AS ends
UNWIND range(0, size(ends) - 1) AS p
WITH ends[p] AS x, i, p, size(ends) - 1 AS deg
WITH x,
  max(CASE WHEN p = 0 THEN i END) AS idx,
  max(CASE WHEN p = 0 THEN deg END) AS outDeg,
  collect(CASE WHEN p > 0 THEN i END) AS inNbrs
ORDER BY idx
WITH collect(x) AS nodes, collect(outDeg) AS outDeg, collect(inNbrs) AS inNbrs
WITH nodes, outDeg, inNbrs, size(nodes) AS total,
  [k IN range(0, size(nodes) - 1) WHERE outDeg[k] = 0] AS dangling
WHERE total > 0
WITH nodes, total,
  reduce(pr = [k IN range(0, total - 1) | 1.0 / total], step IN range(1, $iterations) |
    [base IN [(1.0 - $damping + $damping * reduce(m = 0.0, k IN dangling | m + pr[k])) / total] |
      [j IN range(0, total - 1) | base + $damping * reduce(acc = 0.0, k IN inNbrs[j] | acc + pr[k] / outDeg[k])]
    ][0]
  ) AS pr
UNWIND range(0, total - 1) AS j
WITH nodes[j] AS n, pr[j] AS score
WHERE (size($kinds) = 0 OR n.kind IN $kinds) AND n.id STARTS WITH $idPrefix
WITH n, score
ORDER BY score DESC, n.id ASC
WITH collect({node: n, score: score}) AS rows
WITH rows, CASE WHEN size(rows) > $limit THEN rows[$limit - 1].score * (1.0 - $tieMargin) ELSE 0.0 END AS cutoff
UNWIND rows AS row
WITH row, cutoff
WHERE row.score >= cutoff
RETURN row.node AS n, row.score AS score
