// Package embedded is the default graph.Store: the whole graph lives in
// in-memory indexes that serve every read, and a bbolt file makes writes
// durable.
//
// A write validates its input against the current state, commits one bbolt
// transaction (fsync'd before it returns), which appends its records to
// the file's log (log.go), and only then changes the in-memory state, so a failed commit leaves memory as it was and a write
// that returned is on disk. Writes are serialised; reads share a read lock
// that writers take only for the short in-memory update.
//
// The in-memory graph is compact (core.go): nodes by number in one slice,
// each with its out and in adjacency lists of 16-byte entries kept in
// graph.CompareEdges order, so that reading a node's edges is a merge of
// two slices that allocates nothing.
//
// The file has three buckets of records: "meta" holds the format
// version, "nodes" maps an id to the node's record, "edges" maps an edge
// id (graph.EdgeKey.String) to the edge's record: a compact binary form
// that keeps each property's type (record.go), or, in files written by
// builds before format version 2, graph.Node's and graph.Edge's JSON,
// which is still read. Writes reach these buckets through a fifth, "log",
// which Open, Close and large logs fold into them (log.go). A fourth, "image", holds derived data: the graph as memory holds it,
// in a compact binary form that Close writes (image.go). Open reads the
// image when no transaction has committed since it was written, which
// takes a fraction of a second where reading the records of a large graph
// takes seconds; otherwise it reads the whole file into memory and refuses
// a record that does not decode or validate, naming it and the repair (a
// *BadRecordsError): Check lists every such record, and Repair moves them
// verbatim into the bucket "quarantine", which Open ignores and Check
// keeps reporting (check.go).
//
// Search reads a full-text index (textIndex): in memory, inverted lists of
// node numbers for graph/search's analysed text of every node, its hits
// scored with Lucene's BM25 as Neo4j's index scores them. The index is not
// in the file: Open rebuilds it from the nodes it loads, in the background
// (searches and writes wait for it, reads do not; WaitIndexed); every
// write changes it with the maps, under the same lock.
//
// Rank counts degrees on the maps; PageRank is a power iteration over
// integer adjacency copied from the maps under the read lock (pagerank.go),
// and is cached per edge types and direction until the next write: the
// rankCacheEntries most recently used pairs at most, however many distinct
// ones clients ask for (Store.RankCacheStats).
//
// The analyst queries (Find, Related, Aggregate; query.go) evaluate the
// tree graph has normalised with graph.Where.Match, answering relationship
// conditions from the edge maps. Their candidates come from the narrowest
// index the top of the tree allows: the ids it names, the reference index
// (ids by reference and alias, kept with the maps), or the nodes one
// relationship away from such seeds; else the kind index. They look at the
// context every 1024 steps (nodes tried, edges followed), so a filter over
// a large fan-out ends at the request's deadline with its error.
//
// Memory returns a store with the same behaviour and no file, for tests and
// demos.
package embedded
