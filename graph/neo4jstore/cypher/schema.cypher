// Schema migrations, run in this order by Store.Migrate, each in its own
// transaction (Neo4j does not mix schema and data writes). Every statement
// is idempotent (IF NOT EXISTS). IF NOT EXISTS does not alter an existing
// index: changing one means a new name, or a DROP first.

// name: constraint_node_id
// params:
// Ids are unique over all kinds; MERGE on (:Node {id}) relies on it.
CREATE CONSTRAINT node_id_unique IF NOT EXISTS
FOR (n:Node) REQUIRE n.id IS UNIQUE

// name: constraint_kind_id
// params:
// One per kind label, so that a match on (:Document {id}) has its own index.
CREATE CONSTRAINT __KIND___id_unique IF NOT EXISTS
FOR (n:__KIND__) REQUIRE n.id IS UNIQUE

// name: index_node_kind
// params:
CREATE INDEX node_kind IF NOT EXISTS
FOR (n:Node) ON (n.kind)

// name: index_node_reference
// params:
CREATE INDEX node_reference IF NOT EXISTS
FOR (n:Node) ON (n.reference)

// name: index_node_name
// params:
CREATE INDEX node_name IF NOT EXISTS
FOR (n:Node) ON (n.name)

// name: index_node_date
// params:
CREATE INDEX node_date IF NOT EXISTS
FOR (n:Node) ON (n.date)

// name: index_node_search
// params:
// The full-text index of Store.Search. It indexes the search properties,
// which hold graph/search's already analysed text (search.Doc), so the
// index splits on whitespace and does nothing else: the "whitespace"
// analyzer. Updates are applied at commit (not eventually consistent), so a
// search after a write finds it. It is on the label Node, which every kind
// carries, so a new kind needs no new index. The property list is
// search.Fields[].Prop then search.KindProp, which TestSearchIndexProps
// checks.
CREATE FULLTEXT INDEX node_search IF NOT EXISTS
FOR (n:Node) ON EACH [n.searchRefs, n.searchAcronym, n.searchName, n.searchTitle, n.searchAliases, n.searchDescription, n.searchKind]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace', `fulltext.eventually_consistent`: false}}

// name: drop_index_node_text
// params:
// node_text, a full-text index on the domain properties that earlier
// versions created and nothing queried, is replaced by node_search.
DROP INDEX node_text IF EXISTS

// name: index_node_search_kind
// params:
// Every node the Store writes has searchKind; Migrate counts them on this
// index (search_backfill_indexed) to learn, without reading a node, that
// no node waits for its search properties.
CREATE INDEX node_search_kind IF NOT EXISTS
FOR (n:Node) ON (n.searchKind)

// name: index_node_name_fold
// params:
// The name as the analyst queries compare it (graph.Fold): a name filter
// seeks it, and Migrate counts the nodes written with fold companions on it
// (fold_backfill_indexed).
CREATE INDEX node_name_fold IF NOT EXISTS
FOR (n:Node) ON (n.nameFold)

// name: index_node_ref_keys
// params:
// The reference and the aliases of every node in one string (refKeys,
// record.go): a lookup by reference seeks it with CONTAINS, since no
// index answers membership in the list of aliases.
CREATE TEXT INDEX node_ref_keys IF NOT EXISTS
FOR (n:Node) ON (n.refKeys)

// name: await_indexes
// params: timeout
// Last: an index just created is POPULATING until it has read the stored
// nodes, and a query on it meanwhile fails or misses them, so Migrate
// returns only once every index is ONLINE. $timeout is in seconds; the
// procedure fails when it passes or an index fails.
CALL db.awaitIndexes($timeout)
