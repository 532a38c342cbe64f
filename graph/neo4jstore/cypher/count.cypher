// Store.Count: nodes per kind and edges per type.

// name: count_nodes
// params:
MATCH (n:Node)
RETURN n.kind AS kind, count(*) AS count

// name: count_edges
// params:
MATCH (:Node)-[r]->(:Node)
RETURN type(r) AS type, count(*) AS count
