// The migration step that writes refKeys (record.go) on the nodes stored
// before it existed. refKeys is the node's reference and aliases between
// newlines, computed here in Cypher as record.go's refKeys computes it in
// Go, so the backfill is one statement per batch with no read into Go.

// name: refkeys_indexed
// params:
// How many nodes have refKeys, from the TEXT index node_ref_keys: every
// refKeys starts with a newline. Migrate compares it with list_total (the
// counts store) to learn, without reading a node, that none waits.
MATCH (n:Node)
WHERE n.refKeys STARTS WITH '\n'
RETURN count(n) AS indexed

// name: refkeys_backfill
// params: batch
// Up to $batch nodes without refKeys get theirs; the caller repeats until a
// batch writes fewer. A node written meanwhile already has it.
MATCH (n:Node)
WHERE n.refKeys IS NULL
WITH n
LIMIT $batch
SET n.refKeys = reduce(acc = '\n', r IN CASE WHEN n.reference IS NULL THEN [] ELSE [n.reference] END + coalesce(n.aliases, []) | acc + r + '\n')
RETURN count(n) AS written
