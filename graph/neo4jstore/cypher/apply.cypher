// Batched upserts for Store.Apply, all run in one write transaction: nodes
// one statement per kind, then edges one statement per type. The Go code
// has already validated every row, folded duplicate ids and keys, checked
// kinds and endpoints inside the same transaction, and encoded each row as
// {id, props, sources} or {from, to, props, sources}.

// name: apply_nodes
// params: rows
// Plain upsert: the stored node is replaced by row.props (which holds id,
// kind, name, sources, the search properties and the domain properties).
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
SET n = row.props, n:__KIND__

// name: merge_nodes
// params: rows
// Batch.Merge (graph.MergeNode): row.props (id, kind, the name when set,
// the domain properties and every search property, no sources) overlays
// key by key, and row.sources (deduplicated by the caller) are appended
// where the node lacks them. The caller computed the search properties
// from the merged node; a null one removes the property.
UNWIND $rows AS row
MERGE (n:Node {id: row.id})
SET n += row.props,
  n:__KIND__,
  n.sources = coalesce(n.sources, []) + [s IN row.sources WHERE NOT s IN coalesce(n.sources, [])]

// name: apply_edges
// params: rows
// matched counts the rows whose end nodes were found. The caller checked
// every end inside this transaction, but a stored end node may have been
// deleted since by another one (read committed); a row that matches
// nothing writes nothing, so the caller fails the batch when matched is
// short of the rows.
UNWIND $rows AS row
MATCH (a:Node {id: row.from})
MATCH (b:Node {id: row.to})
MERGE (a)-[r:__TYPE__]->(b)
SET r = row.props
RETURN count(*) AS matched

// name: merge_edges
// params: rows
// Batch.Merge for edges (graph.MergeEdge); matched as in apply_edges.
UNWIND $rows AS row
MATCH (a:Node {id: row.from})
MATCH (b:Node {id: row.to})
MERGE (a)-[r:__TYPE__]->(b)
SET r += row.props,
  r.sources = coalesce(r.sources, []) + [s IN row.sources WHERE NOT s IN coalesce(r.sources, [])]
RETURN count(*) AS matched
