// Package graphtest is the conformance suite for graph.Store adapters.
//
// Run(t, newStore) runs one subtest per behaviour of the Store contract; the
// embedded store runs it in memory and on disk, the Neo4j store against a
// real, possibly shared, Neo4j 5 database. So that a shared database with
// other data in it never breaks the suite, every subtest works in its own id
// namespace ("document/gt-<token>-a"), filters every list by that namespace,
// compares counts before and after instead of absolute totals, and deletes
// what it created when it ends. Count deltas are exact, so nothing else may
// write to the database while the suite runs.
//
// Where the interface comments leave a choice open, the suite pins down the
// embedded store's answer, so that both stores agree:
//
//   - Writing a node whose kind differs from the stored node with its id is
//     ErrConflict (PutNode, UpdateNode, CreateNode, Apply), although such a
//     node's id also fails validation; the same node with no stored
//     counterpart is ErrInvalid.
//   - With Batch.Merge the merged result is validated, not the overlay: an
//     overlay onto a stored node may leave out the name or required
//     properties (a RAPPORTEUR edge's role) that the stored one has.
//   - Apply reports a missing endpoint as ErrNotFound, as CreateEdge does,
//     and returns a zero BatchResult whenever it fails.
//   - Every method of a closed store fails with ErrUnavailable.
//   - PatchNode reads and writes in one transaction: clients patching
//     different fields of one node at once all see their patches stand
//     (ConcurrentPatch), and a patch racing a delete lands before it or
//     fails with ErrNotFound. An edge written while an end node is deleted
//     lands before the delete (and goes with the node) or fails with
//     ErrNotFound: no edge is ever left dangling.
//   - What a store accepts it can reopen: with Run's option Reopens
//     (newStore opens the same file or database each time), the Reopen
//     case writes nodes and edges at every edge of validation (longest
//     values in runes of every width, empty lists, first and last dates,
//     the most sources), closes the store and reads them back equal
//     through a new one.
//   - Nil and empty Props, lists and Sources are the same (EqualNode).
//   - Names sort by graph.NameKey: case and accents folded first, so
//     "Alpha" < "alpha" < "Bravo" < "Çharlie" < "Delta".
//
// The analyst queries (graph.Querier) are checked on a small policy network
// (query.go) with tables whose answers are written out by hand: filters
// (every operator of every type, references in other spellings, dates of
// each precision against operands of each precision, missing values, AND,
// OR and NOT, relationship conditions some, none and all, nested three
// levels, with edge filters), full orders through ties walked page by page
// both ways (First/After and Last/Before, with their flags and cursors),
// relationship lists in batches, and aggregates. Both stores must give
// these pages and counts exactly. Then 200 filter trees drawn from a fixed
// seed over the fixture's own values (queryrandom.go) must each find what
// graph.Where.Match finds over the same network in Go, and aggregate it
// as graph.Aggregator does. BenchQueries are the queries the
// benchmarks time on a generated graph.
//
// The helpers (Token, MinimalNode, FullNode, MinimalEdge, FullEdge,
// SampleValue, EqualNode, EqualEdge, FormatNode, FormatEdge) are exported
// for other packages' tests.
package graphtest
