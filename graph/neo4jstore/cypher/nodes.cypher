// Node reads and writes. Every node carries the label Node and its kind's
// label; its properties are id, kind, name, sources (a list of compact JSON
// strings) and its kind's domain properties. __KIND__ is a placeholder that
// the Go code (and scripts/cypher-lint.mjs) expands once per graph.Kinds
// label; a request selects the expanded statement by its kind, never by text.

// name: get_node
// params: id
MATCH (n:Node {id: $id})
RETURN __NODE__(n) AS n

// name: get_nodes
// params: ids
// One row per stored id; the caller puts them back in the order of ids.
UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN __NODE__(n) AS n

// name: node_kinds
// params: ids
// The kind of each stored id: existence and kind checks before a write. The
// kind is null when another transaction deleted the node after the MATCH
// found it (read committed); the caller takes that node as missing.
UNWIND $ids AS id
MATCH (n:Node {id: id})
RETURN id, n.kind AS kind

// name: create_node
// params: id, props
// Creates only: the summary's nodes-created counter tells the caller
// whether the id was new. MERGE takes the uniqueness constraint's lock, so
// two concurrent creates of one id cannot both succeed.
MERGE (n:Node {id: $id})
ON CREATE SET n = $props, n:__KIND__

// name: put_node
// params: id, kind, props
// Creates or replaces. No row comes back when a node with the id has another
// kind, and then nothing was changed.
MERGE (n:Node {id: $id})
WITH n
WHERE coalesce(n.kind, $kind) = $kind
SET n = $props, n:__KIND__
RETURN n.id AS id

// name: update_node
// params: id, kind, props
// Replaces an existing node of the same kind; no row when there is none.
MATCH (n:Node {id: $id})
WHERE n.kind = $kind
SET n = $props
RETURN n.id AS id

// name: lock_node
// params: id
// Reads the node for a read-modify-write (Store.PatchNode) after taking its
// write lock, which a write holds until the transaction ends: under read
// committed a plain read takes no lock, and two patches could both read the
// node before either wrote it, the second then undoing the first. Setting
// and removing a property takes the lock and leaves the node as it was.
MATCH (n:Node {id: $id})
SET n._lock = true
REMOVE n._lock
RETURN n

// name: delete_node
// params: id
MATCH (n:Node {id: $id})
DETACH DELETE n
RETURN count(*) AS deleted
