// Package traverse implements the analyst traversals once, over a Store's
// batched reads (GetNodes, Edges, Degrees), so that the embedded store and
// the Neo4j store give the same answers by construction:
//
//   - Neighbourhood: the nodes within a few steps of one, breadth-first.
//   - ShortestPaths: every shortest path between two nodes, up to a limit,
//     by a bidirectional breadth-first search.
//   - Citations: a document's transitive CITES chain, either way.
//   - Timeline: the dated events and documents at a node.
//
// A Reader that also implements Numbered (the embedded store does, and
// the server's instrumented store forwards it) is walked through its
// numbered graph under one read, with no batches and no copies of the
// edges an answer leaves out; any other Reader, or one whose ReadNumbered
// returns ErrSkip, is read in batches by id and numbered as the walk goes. Both run the same walk,
// so their answers are the same.
//
// Every order is total and defined by ids (and edge keys), never by the
// order a store happens to return things in. Each function first
// normalises its query (returning graph's *ValidationError as is), reads
// in batches of at most graph.MaxBatchIDs ids, checks the context before
// each read so that a request deadline stops a walk, and reports an
// unknown start or end id as a *graph.ValidationError, the caller's
// mistake. Errors of the Reader come back wrapped as "traverse: <op>: ...";
// context errors too, so callers test them with errors.Is. A node deleted
// while a traversal runs is left out of its answer.
package traverse
