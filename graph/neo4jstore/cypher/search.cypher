// Full-text search over the index node_search (schema.cypher), and the
// migration step that writes the search properties of nodes stored before
// they existed. The search properties hold graph/search's analysed text
// (search.Doc), written by Go on every node write; Cypher only stores and
// queries them.

// name: search_nodes
// params: query, skip, limit, nodeKeys, nodeSources
// $query is search.Query.Lucene(): field names, terms of ASCII letters and
// digits, OR, AND, parentheses and boosts, always a parameter. The index
// analyses it with the whitespace analyzer, as it analysed the stored text,
// so terms meet terms unchanged. queryNodes returns hits by score, best
// first; its options skip and limit (documented for Neo4j 5's
// db.index.fulltext.queryNodes) page inside Lucene. The caller asks for one
// hit more than the page to learn whether another page follows, and orders
// ties within the page by id. Each hit's node is whole when $nodeKeys is
// null, else the projection $nodeKeys and $nodeSources ask for
// (__LISTED__).
CALL db.index.fulltext.queryNodes('node_search', $query, {skip: $skip, limit: $limit})
YIELD node, score
RETURN __LISTED__(node) AS n, score

// name: search_backfill_indexed
// params:
// How many nodes have the search properties, from the node_search_kind
// index: Migrate compares it with list_total (the counts store) to learn,
// without reading a node, that none waits for the backfill. (One statement
// with both counts in subqueries plans neither on the counts store.)
MATCH (n:Node)
WHERE n.searchKind IS NOT NULL
RETURN count(n) AS indexed

// name: fold_backfill_indexed
// params:
// How many nodes have their fold companions (nameFold and the folds of
// their text properties, which the analyst queries compare), from the
// node_name_fold index, as search_backfill_indexed counts searchKind.
MATCH (n:Node)
WHERE n.nameFold IS NOT NULL
RETURN count(n) AS indexed

// name: search_backfill_read
// params: after, batch
// Nodes without search properties or fold companions, in id order after
// $after: the caller pages by id, so that a node it cannot read does not
// come back forever.
MATCH (n:Node)
WHERE (n.searchKind IS NULL OR n.nameFold IS NULL) AND n.id > $after
WITH n
ORDER BY n.id
LIMIT $batch
RETURN n.id AS id, n

// name: search_backfill_write
// params: rows
// row.search maps every search property to its text or null (SET += removes
// a property set to null), and every fold companion to its fold. A node
// written since the read already has them from that write, and is left
// alone.
UNWIND $rows AS row
MATCH (n:Node {id: row.id})
WHERE n.searchKind IS NULL OR n.nameFold IS NULL
SET n += row.search

// name: fold_backfill_edges_read
// params: after, batch
// Every relationship between nodes, in element id order after $after, so
// that Migrate writes the fold companions of their text properties
// (record.go) when it finds nodes stored without them: edges written by
// the same earlier versions lack them too.
MATCH (a:Node)-[r]->(b:Node)
WHERE elementId(r) > $after
WITH a, r, b
ORDER BY elementId(r)
LIMIT $batch
RETURN elementId(r) AS eid, r, a.id AS from, b.id AS to

// name: fold_backfill_edges_write
// params: rows
// row.props holds the fold companions of one relationship's text
// properties.
UNWIND $rows AS row
MATCH ()-[r]->()
WHERE elementId(r) = row.eid
SET r += row.props
