// Store.Count: nodes per kind and edges per type, each from the counts
// store (NodeCountFromCountStore, RelationshipCountFromCountStore), so
// that a count costs the same whatever the size of the graph. A node is
// counted by its kind's label, an edge by its type from a Node.

// name: count_kind
// params:
MATCH (n:__KIND__)
RETURN count(n) AS count

// name: count_type
// params:
MATCH (:Node)-[r:__TYPE__]->()
RETURN count(r) AS count
