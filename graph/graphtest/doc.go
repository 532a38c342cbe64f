// Package graphtest is the conformance suite for graph.Store adapters.
//
// Run(t, newStore) runs one subtest per behaviour of the Store contract; the
// embedded store runs it in memory and on disk, the Neo4j store against a
// real, possibly shared, Neo4j 5 database. So that a shared database with
// other data in it never breaks the suite, every subtest works in its own id
// namespace ("document/gt-<token>-a"), filters every list by that namespace,
// compares counts before and after instead of absolute totals, and deletes
// what it created when it ends.
//
// The helpers (Token, MinimalNode, FullNode, MinimalEdge, FullEdge,
// EqualNode, EqualEdge, SampleValue) are exported for other packages' tests.
package graphtest
