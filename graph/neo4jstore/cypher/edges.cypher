// Edge reads and writes. An edge is a relationship whose type is the
// graph.EdgeType and whose properties are the type's domain properties plus
// sources. Reads match the type with type(r) = $type, a parameter; writes
// need the type in the pattern, so they use the __TYPE__ placeholder that
// the Go code expands once per graph.EdgeTypes entry.

// name: get_edge
// params: from, to, type
MATCH (a:Node {id: $from})-[r]->(b:Node {id: $to})
WHERE type(r) = $type
RETURN r, a.id AS from, b.id AS to

// name: create_edge
// params: from, to, props
// Creates only: the relationships-created counter tells whether the key was
// new. MERGE locks both end nodes, so concurrent creates make one edge.
// matched is 0 when an end node is gone: the caller checked both ends in
// this transaction, but under read committed another one may have deleted
// one since, and then nothing was written (ErrNotFound, not ErrConflict).
MATCH (a:Node {id: $from})
MATCH (b:Node {id: $to})
MERGE (a)-[r:__TYPE__]->(b)
ON CREATE SET r = $props
RETURN count(*) AS matched

// name: put_edge
// params: from, to, props
// matched is 0 when an end node was deleted since the caller's check, and
// then nothing was written (see create_edge).
MATCH (a:Node {id: $from})
MATCH (b:Node {id: $to})
MERGE (a)-[r:__TYPE__]->(b)
SET r = $props
RETURN count(*) AS matched

// name: delete_edge
// params: from, to, type
MATCH (a:Node {id: $from})-[r]->(b:Node {id: $to})
WHERE type(r) = $type
DELETE r
RETURN count(*) AS deleted

// name: edges_out
// params: ids, types, bare
// An empty $types means every type. The caller orders each id's edges with
// graph.CompareEdges. __EDGE__(r) is r, or only its type when $bare.
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r]->(m:Node)
WHERE size($types) = 0 OR type(r) IN $types
RETURN id, __EDGE__(r) AS r, n.id AS from, m.id AS to

// name: edges_in
// params: ids, types, bare
UNWIND $ids AS id
MATCH (n:Node {id: id})<-[r]-(m:Node)
WHERE size($types) = 0 OR type(r) IN $types
RETURN id, __EDGE__(r) AS r, m.id AS from, n.id AS to

// name: edges_both
// params: ids, types, bare
// An undirected pattern matches each relationship once per end it is bound
// at; edges never join a node to itself, so each edge comes once per id.
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r]-(m:Node)
WHERE size($types) = 0 OR type(r) IN $types
RETURN id, __EDGE__(r) AS r, startNode(r).id AS from, endNode(r).id AS to

// name: edges_ends_out
// params: ids, types, keys, sources, bare
// The edges of edges_out and, on each row, the node at the other end, so
// that EdgesAndEnds is one round trip: whole when $keys is null, else the
// projection $keys and $sources ask for (__ENDS__).
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r]->(m:Node)
WHERE size($types) = 0 OR type(r) IN $types
RETURN id, __EDGE__(r) AS r, n.id AS from, m.id AS to, __ENDS__(m) AS m

// name: edges_ends_in
// params: ids, types, keys, sources, bare
UNWIND $ids AS id
MATCH (n:Node {id: id})<-[r]-(m:Node)
WHERE size($types) = 0 OR type(r) IN $types
RETURN id, __EDGE__(r) AS r, m.id AS from, n.id AS to, __ENDS__(m) AS m

// name: edges_ends_both
// params: ids, types, keys, sources, bare
UNWIND $ids AS id
MATCH (n:Node {id: id})-[r]-(m:Node)
WHERE size($types) = 0 OR type(r) IN $types
RETURN id, __EDGE__(r) AS r, startNode(r).id AS from, endNode(r).id AS to, __ENDS__(m) AS m

// name: get_edges
// params: keys
// The stored edges among $keys, each {type, from, to}: Apply reads them to
// validate a merge.
UNWIND $keys AS key
MATCH (a:Node {id: key.from})-[r]->(b:Node {id: key.to})
WHERE type(r) = key.type
RETURN r, a.id AS from, b.id AS to
