// Full-text search over the index node_search (schema.cypher), and the
// migration step that writes the search properties of nodes stored before
// they existed. The search properties hold graph/search's analysed text
// (search.Doc), written by Go on every node write; Cypher only stores and
// queries them.

// name: search_nodes
// params: query, skip, limit
// $query is search.Query.Lucene(): field names, terms of ASCII letters and
// digits, OR, AND, parentheses and boosts, always a parameter. The index
// analyses it with the whitespace analyzer, as it analysed the stored text,
// so terms meet terms unchanged. queryNodes returns hits by score, best
// first; its options skip and limit (documented for Neo4j 5's
// db.index.fulltext.queryNodes) page inside Lucene. The caller asks for one
// hit more than the page to learn whether another page follows, and orders
// ties within the page by id.
CALL db.index.fulltext.queryNodes('node_search', $query, {skip: $skip, limit: $limit})
YIELD node, score
RETURN node AS n, score

// name: search_backfill_indexed
// params:
// How many nodes have the search properties, from the node_search_kind
// index: Migrate compares it with list_total (the counts store) to learn,
// without reading a node, that none waits for the backfill. (One statement
// with both counts in subqueries plans neither on the counts store.)
MATCH (n:Node)
WHERE n.searchKind IS NOT NULL
RETURN count(n) AS indexed

// name: search_backfill_read
// params: after, batch
// Nodes without search properties, in id order after $after: the caller
// pages by id, so that a node it cannot read does not come back forever.
MATCH (n:Node)
WHERE n.searchKind IS NULL AND n.id > $after
WITH n
ORDER BY n.id
LIMIT $batch
RETURN n.id AS id, n

// name: search_backfill_write
// params: rows
// row.search maps every search property to its text or null (SET += removes
// a property set to null). A node written since the read already has its
// search properties from that write, and is left alone.
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
WHERE n.searchKind IS NULL
SET n += row.search
