// Statements only the live tests run, loaded by the catalog's own parser
// (the same header rules). They are not embedded in the Store.

// name: drop_index_node_search
// params:
// A fresh schema for node_search: Migrate creates it again.
DROP INDEX node_search IF EXISTS

// name: index_states
// params:
SHOW INDEXES YIELD name, state
RETURN name, state

// name: delete_nodes
// params: ids
// Removes a generated graph in batches.
UNWIND $ids AS id
MATCH (n:Node {id: id})
DETACH DELETE n

// name: remove_folds
// params: id
// A node and its relationships as versions before the fold companions
// wrote them.
MATCH (n:Node {id: $id})
OPTIONAL MATCH (n)-[r]-()
REMOVE n.nameFold, n.acronymFold, r.roleFold
