// Package neo4jstore is the production graph.Store, on Neo4j 5.
//
// # Data model
//
// Every node carries the label Node plus its kind's label (Document,
// Agency, ...). Its properties are
//
//	id         the graph id, unique (constraint node_id_unique, and one per kind label)
//	kind       the kind, also as a property so that lists filter on it with a parameter
//	name       the display name
//	nameLower  the name lower-cased by Go, as graph.Filter.Matches folds it,
//	           which the text filter searches (Cypher's toLower is Java's)
//	sortName   graph.NameKey of the name, which NAME lists order by (Cypher
//	           cannot fold accents as Go does)
//	nameFold   graph.Fold of the name, which the analyst queries compare
//	refKeys    the reference and the aliases, each after a newline and the
//	           last followed by one ("\n" for none): a lookup by reference
//	           finds its candidates on the TEXT index node_ref_keys (no
//	           index answers membership in the list of aliases)
//	sources    a list of strings, each the compact JSON of one graph.Source
//	search*    the search properties: searchRefs, searchAcronym, searchName,
//	           searchTitle, searchAliases, searchDescription (search.Fields)
//	           and searchKind (search.KindProp), each the text graph/search
//	           analysed (search.Doc), absent when the field has none; the
//	           full-text index node_search indexes them
//	...        the kind's domain properties under their own names, as native
//	           values: graph.Date as DATE, []string as LIST<STRING>, int64, bool,
//	           each text (a string or a list of strings) with its fold
//	           companion <name>Fold (graph.Fold of it, or of each item), each
//	           date of a month or a year with its precision in <name>Precision
//
// An edge is a relationship whose type is the graph.EdgeType, from the
// From node to the To node; its properties are the type's domain
// properties, with their companions, plus sources. At most one relationship of a type joins two
// nodes in one direction: writes MERGE on the pattern.
//
// Domain properties share the property namespace with the reserved keys
// id, kind, name, nameLower, sortName, nameFold, refKeys, the search
// properties (nodes) and sources (nodes and relationships), so that
// indexes see plain "reference" or "date". Every node write stores the reserved keys:
// CreateNode, PutNode, UpdateNode and Apply replace them with the rest of
// the node, and a Batch.Merge sends the search properties of the merged
// node, null for a field without text, since SET n += removes a null.
// The domain may never name a property after a reserved key
// (TestReservedKeysAreNotDomainProps); reading a stored node or
// relationship types each other property by the kind's or type's spec and
// rejects one the spec does not know. Sources are JSON strings because
// Neo4j stores no maps in properties, and because equal sources encode to
// equal strings, a merge unions them in Cypher with IN.
//
// # Cypher
//
// Every statement is in cypher/*.cypher, embedded with go:embed, under a
// header that names it and declares its parameters:
//
//	// name: get_nodes
//	// params: ids
//	UNWIND $ids AS id ...
//
// User input reaches Cypher only as parameters. Labels and relationship
// types cannot be parameters in Cypher 5, so a statement that needs one
// writes the placeholder __KIND__ (a node label) or __TYPE__ (a
// relationship type). When the catalog loads, such a statement is expanded
// once per entry of graph.Kinds or graph.EdgeTypes into ready statements
// keyed "name:Label"; a request picks one by an allow-listed key and never
// builds text. __NODE__(n) is replaced in place by what every node read
// returns of the node n: the node itself, whose store-only keys the
// decoder leaves out (statements.go, nodeProjection, says why not a
// projection). __ENDS__(m) is what a read of edges and their ends returns
// of the end m: the node when $keys is null, else the graph.Projection that the
// loaders ask for (EdgeQuery.Ends), its stored keys a list parameter and
// the end a list of their values, its sources, id, kind and name
// (endsProjection, projectedNode). The
// loader rejects a statement whose $parameters, substitutions included,
// and header disagree, an unknown placeholder, or two placeholders in
// one statement.
// scripts/cypher-lint.mjs applies the same rules and lints every expanded
// statement with Neo4j's own parser against the schema of
// internal/schemadump.
//
// Reads batch with UNWIND $ids (GetNodes and Edges serve dataloaders). A
// read of one statement runs as an auto-commit transaction (readOne):
// one round trip, where the driver's managed read transaction takes three
// (BEGIN answered before the statement, then COMMIT), and on a server the
// round trips of a request cost more than its statements; it falls back
// to the managed transaction, with the driver's retries, on any failure
// the driver would retry and while the server is seen unavailable. Reads
// of several statements that depend on each other (a list's page and
// count) are a read each, since Neo4j's read committed isolation gives a
// transaction around them no consistent snapshot anyway. Writes are
// idempotent MERGEs; DeleteNode is DETACH DELETE. Apply reads
// what its checks need, replays the batch in order with the embedded
// store's rules, then writes one UNWIND statement per kind and per type, all
// in one write transaction: an error rolls the whole batch back. With
// Batch.Merge, properties overlay with SET n += and sources are unioned in
// Cypher. ListNodes computes graph.Filter.Matches and graph.SortKey in
// Cypher (list.cypher says how each term maps) with two statements shaped
// for the planner: the page cut by ORDER BY ... LIMIT (a Top of first+1
// rows), seeking the node_kind index when a kind is given, and the total
// counted without collecting, from the counts store when nothing filters. One difference from the embedded store remains:
// Neo4j orders strings by UTF-16 code units (Java's String.compareTo), Go by
// bytes, and the two disagree when a character above U+FFFF meets one in
// U+E000-U+FFFF at the same position. Ids and ISO dates are ASCII, so only
// the NAME order of such names differs; pages stay consistent, since the
// cursor is compared by the same rule.
//
// Writes check, then write, in one transaction, but Neo4j isolates
// transactions only as read committed: an end node checked by an edge
// write may be deleted by another transaction before the write. Every edge
// write therefore reports how many of its rows found both ends, and a
// shortfall is ErrNotFound (and rolls an Apply back), never a silent
// no-op; a statement that meets a node deleted meanwhile
// (EntityNotFound, or a kind read back null) is ErrNotFound too, never
// INTERNAL. A read-modify-write (PatchNode) takes the node's write lock
// before it reads (lock_node), so that two patches of one node run one
// after the other instead of both reading the old node and the second
// undoing the first.
//
// # Analyst queries
//
// Find, Related and Aggregate (graph.Querier) cannot be a fixed set of
// statements: a filter tree has any shape. Their Cypher is generated from
// the tree graph has normalised (querycypher.go), by a small builder
// (cypherbuild.go) that only concatenates constant fragments and names
// looked up on the allow-lists (kinds as labels, edge types, property keys
// the Store writes), with every value a $parameter; TestFragConversions
// holds the package to that, the generator's output for a table of queries
// is checked in (testdata/query/*.cypher, TestQueryCypherGolden), and
// scripts/cypher-lint.mjs lints those files with Neo4j's parser like the
// embedded ones. Each term mirrors graph's rule: text compares the fold
// companions with a folded operand; a date compares its first day (the
// stored DATE) and the day after its period (plus a year, a month or a
// day, by its precision companion) with the operand's bounds; sort keys
// are graph.SortValue computed in Cypher (a text's fold, a NUL and the
// text; a date's ISO form at its precision), missing values last either
// way; a relationship condition is an EXISTS subquery (None its negation,
// All "no edge that fails"); and a NOT coalesces its operand to false, so
// that a missing value counts as false as in Go. A find is two statements,
// a read each (readOne): the counts that place the page
// (graph.Paging.Window) and the page, ordered and cut by LIMIT in the
// server (reversed for Last); a relationship list runs both per id in a
// CALL (id) { ... } subquery; an aggregate counts, takes min and max, and
// groups (lists unwound by index, dates cut to a year or a month) in the
// server, and Go orders the groups (graph.SortGroups). The request's
// deadline is the transaction's timeout, so a filter over a large fan-out
// ends there (context.DeadlineExceeded, UNAVAILABLE in the API).
//
// # Analyst reads
//
// Degrees counts each id's edges in one UNWIND read. Rank computes both
// measures in the server, from what is stored when it runs, and caches
// nothing (other programs may write the database): DEGREE with a COUNT
// subquery per candidate, PAGERANK in plain Cypher, without APOC or GDS
// (analysis.cypher says how). Edge types, kinds, the direction, the
// damping and the iteration count are parameters. PageRank runs
// graph.PageRankIterations steps, since Cypher cannot stop at the
// tolerance; its cost is O(iterations x (nodes + edges)) list operations
// in one read transaction, fine up to tens of thousands of edges; beyond
// that the transaction timeout bounds it, and GDS's gds.pageRank is the
// tool. Scores are rounded by graph.RoundScore and ordered by
// graph.CompareRanked in Go, after the server has kept every candidate
// whose raw score could round into the top.
//
// ShortestPathSet (traverse.PathFinder) answers a shortest-path query in
// one statement, allShortestPaths with the edge types checked on each step
// (paths.cypher), with the ends' existence and the degree of every node on
// the paths: on a server a round trip costs more than the search, and
// traverse's own search reads once per level and then the nodes and their
// degrees. traverse orders the paths and cuts them to the query's limit,
// and searches itself when there are too many to hand over.
//
// Search sends search.Parse(text, kinds).Lucene() as the parameter $query
// to db.index.fulltext.queryNodes on node_search, with Lucene's skip and
// limit options paging it; the index uses the "whitespace" analyzer over
// the already analysed search properties, as the embedded store's index
// splits them, and is not eventually consistent, so a search after a write
// finds it. Hits of equal score are ordered by id within a page.
//
// # Transactions, routing and bookmarks
//
// Every call runs in a managed transaction (ExecuteRead or ExecuteWrite),
// which the Store retries on the errors the driver deems transient (see
// Availability), in a session that names
// the configured database. Reads open read sessions, so a neo4j:// URI
// sends them to a cluster's secondaries. One BookmarkManager per Store is
// passed to every session, so a read that follows a write through the same
// Store sees it, whichever member serves it. A request's deadline becomes
// the transaction's server-side timeout, capped by Config.MaxTxTime.
//
// # Availability
//
// Open does not contact the server: the service starts while Neo4j is
// down, calls fail with graph.ErrUnavailable, and the driver connects once
// the server is back. Ping calls VerifyConnectivity, within
// Config.AcquireTimeout.
//
// How long a call waits for a Neo4j that is not there is bounded by three
// settings, whose defaults ConfigFromEnv sets: ConnectTimeout (2s) for one
// TCP connect, AcquireTimeout (5s) for one working connection (TCP, TLS,
// the Bolt handshake, login; the driver has no handshake or read timeout
// of its own, so this is what bounds a port that accepts and never
// answers), and MaxRetryTime (5s), the retry budget. The driver checks its
// own retry time only between attempts, before a back-off that doubles
// from about 2s, and sleeps on the context of the commit before it, so
// left alone it answered up to a back-off late, a commit that failed while
// Neo4j stopped included. So the Store retries, not the driver (built to
// make one attempt per transaction): it backs off as the driver would, but
// only once an attempt, its commit included, is over, and it makes none
// after the budget; and it cancels what the driver waits on once the
// budget has passed while the server has answered none of the attempt's
// work (a first statement counts as unanswered only while the Store has
// lately seen Neo4j unavailable, read when the budget passes: otherwise a
// slow answer is a busy server), so a call fails with graph.ErrUnavailable
// about MaxRetryTime after it began when Neo4j is down, stopping, hung,
// still starting or not Neo4j (attempts.go). Work the server has
// answered, and a commit, are never cut short by the budget: a write is
// either acknowledged or reported failed, and a slow query on a healthy
// server runs on. A query on a server that hangs mid-way is bounded by
// the request's deadline alone. The budget belongs to the unit of work,
// not to one call: when the context carries graph.WithRetryStart (the API
// sets it per request), a call gets what the request's earlier calls left
// of it, so a request of several calls one after another still answers
// about MaxRetryTime after it began; never less than half a second while
// the server has been answering (an earlier slow call is no outage), but
// nothing once it is spent while the Store has seen Neo4j unavailable.
//
// An error from before a transaction's work first ran (while dialling, in
// the handshake, logging in, routing), or from VerifyConnectivity, means
// no usable Neo4j answered at the address: the driver reports a port that
// answers garbage or HTTP with plain errors ("unexpected EOF", "server
// responded HTTP"), which the Store maps to graph.ErrUnavailable, so that
// the service keeps retrying its start-up instead of exiting. A Neo4jError
// in that phase is the server's own answer and keeps its meaning: bad
// credentials are not unavailability.
//
// # Errors
//
// Errors name the operation ("neo4jstore: put node ...") and match:
//
//   - graph.ErrNotFound, ErrConflict, ErrInvalid from the Store's checks;
//   - graph.ErrConflict for a uniqueness constraint violation;
//   - graph.ErrUnavailable for lost or refused connections, pool and routing
//     failures, a port that does not speak Bolt, transient server errors,
//     exhausted retries or retry budget, a transaction the server
//     terminated (LockClientStopped, Terminated: at its timeout while
//     waiting on a lock, by an operator or at shutdown), and a closed Store
//     (ErrClosed);
//   - context.Canceled or context.DeadlineExceeded when the caller's context
//     ended, or the server ended the transaction at its timeout;
//   - nothing else for any other error, such as a Cypher error or a stored
//     value that does not fit the domain: the API reports it as internal.
//
// # Schema and tests
//
// Store.Migrate creates, idempotently, the uniqueness constraints, range
// indexes on kind, reference, name, nameFold and date, and the full-text index
// node_search (on the label Node, so new kinds need no new index; it
// replaces node_text, which Migrate drops), and waits until every index is
// ONLINE (db.awaitIndexes), since an index it has just created is still
// populating on a database with data. It then writes, in batches, the
// search properties and fold companions of nodes stored before they
// existed, when the counts store and the node_search_kind and
// node_name_fold indexes show that some node lacks them; nodes without
// fold companions mark a database of an earlier version, whose
// relationships then get theirs first. Unit tests run
// here without a server, on a recording fake of the transaction seam.
// The conformance suite graph/graphtest, and the TestLive* tests of this
// package, run against a real server: scripts/neo4j start runs Neo4j 5.26
// Community from Maven Central on this machine, and scripts/neo4j test runs
// every live suite on it. Any Neo4j 5 will do:
//
//	NEO4J_URI=bolt://localhost:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=... go test ./graph/neo4jstore/
//
// Without NEO4J_URI they are skipped, loudly.
package neo4jstore
