package graphtest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

// Run runs the conformance suite. newStore is called once per subtest and
// must return a store value of its own (a new connection, not a shared
// one): Run closes it when the subtest ends, after deleting what the
// subtest wrote, so newStore need only register other cleanup itself. Stores handed out by newStore may
// share their data (one database): the subtests do not rely on an empty
// store. Subtests run one after another, never in parallel, so that count
// deltas stay exact on a database nobody else writes to. With the option
// Reopens, the suite also checks that what a store accepted reads back
// equal from another store opened on the same data.
func Run(t *testing.T, newStore func(t *testing.T) graph.Store, opts ...Option) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	tests := []struct {
		name string
		fn   func(e *env)
	}{
		{"Ping", testPing},
		{"GetNode", testGetNode},
		{"GetNodes", testGetNodes},
		{"CreateNode", testCreateNode},
		{"PutNode", testPutNode},
		{"UpdateNode", testUpdateNode},
		{"PatchNode", testPatchNode},
		{"DeleteNode", testDeleteNode},
		{"NodeValidation", testNodeValidation},
		{"TypedNodeProps", testTypedNodeProps},
		{"ReturnsCopies", testReturnsCopies},
		{"ListOrder", testListOrder},
		{"ListPages", testListPages},
		{"ListDefaultPageSize", testListDefaultPageSize},
		{"ListFilters", testListFilters},
		{"ListKinds", testListKinds},
		{"ListCursorStability", testListCursorStability},
		{"ListInvalid", testListInvalid},
		{"PageEdges", testPageEdges},
		{"PartialDates", testPartialDates},
		{"QueryFilters", testQueryFilters},
		{"QueryPaging", testQueryPaging},
		{"QueryFields", testQueryFields},
		{"QueryRelated", testQueryRelated},
		{"QueryAggregates", testQueryAggregates},
		{"QueryInvalid", testQueryInvalid},
		{"QueryRandom", testQueryRandom},
		{"EdgeCRUD", testEdgeCRUD},
		{"EdgeValidation", testEdgeValidation},
		{"TypedEdgeProps", testTypedEdgeProps},
		{"Edges", testEdges},
		{"EdgesAndEndsProjected", testEdgesAndEndsProjected},
		{"ListFields", testListFields},
		{"EdgesBatched", testEdgesBatched},
		{"DeleteNodeCascades", testDeleteNodeCascades},
		{"EdgeWhileEndDeleted", testEdgeWhileEndDeleted},
		{"Apply", testApply},
		{"ApplyAtomic", testApplyAtomic},
		{"ApplyMerge", testApplyMerge},
		{"ApplyLimits", testApplyLimits},
		{"Count", testCount},
		{"Degrees", testDegrees},
		{"Neighbourhood", testNeighbourhood},
		{"ShortestPaths", testShortestPaths},
		{"Citations", testCitations},
		{"WalkCuts", testWalkCuts},
		{"Timeline", testTimeline},
		{"TraversalDeadline", testTraversalDeadline},
		{"RankDegree", testRankDegree},
		{"RankPageRank", testRankPageRank},
		{"Search", testSearch},
		{"SearchFollowsWrites", testSearchFollowsWrites},
		{"Concurrent", testConcurrent},
		{"ConcurrentPatch", testConcurrentPatch},
		{"PatchWhileDeleted", testPatchWhileDeleted},
		{"Reopen", testReopen},
		{"Closed", testClosed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			t.Cleanup(func() { _ = s.Close() })
			e := &env{t: t, s: s, ctx: t.Context(), tok: Token(t)}
			if o.reopens {
				e.reopen = func() graph.Store { return newStore(t) }
			}
			tc.fn(e)
		})
	}
}

// Option changes what Run checks.
type Option func(*options)

type options struct {
	reopens bool
}

// Reopens tells Run that newStore opens the same data every time it is
// called (one file, one database), so that the Reopen case can write
// through one store, close it, and read back through a new one.
func Reopens() Option { return func(o *options) { o.reopens = true } }

// env is one subtest's view: its store and its id namespace.
type env struct {
	t   *testing.T
	s   graph.Store
	ctx context.Context
	tok string
	// reopen opens another store on the same data, nil unless Run was
	// given Reopens.
	reopen func() graph.Store
}

// run runs a nested subtest sharing e's store and namespace.
func (e *env) run(name string, fn func(e *env)) {
	e.t.Run(name, func(t *testing.T) {
		c := *e
		c.t, c.ctx = t, t.Context()
		fn(&c)
	})
}

// prefix is the start of every id of kind k in this subtest.
func (e *env) prefix(k graph.Kind) string {
	spec, ok := graph.LookupKind(k)
	if !ok {
		e.t.Fatalf("no kind %q", k)
	}
	return spec.Prefix + "gt-" + e.tok + "-"
}

// id returns the id of the node called name of kind k, and makes sure it
// is deleted when the subtest ends.
func (e *env) id(k graph.Kind, name string) string {
	id := e.prefix(k) + name
	e.track(id)
	return id
}

// track deletes the nodes when the subtest ends. It runs with a fresh
// context, since the test's own is cancelled before cleanup.
func (e *env) track(ids ...string) {
	s, t := e.s, e.t
	t.Cleanup(func() {
		for _, id := range ids {
			if err := s.DeleteNode(context.Background(), id); err != nil && !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("cleanup: delete node %q: %v", id, err)
			}
		}
	})
}

func (e *env) doc(name string) graph.Node {
	return MinimalNode(e.id(graph.Document, name), "Doc "+name)
}

func (e *env) put(ns ...graph.Node) {
	e.t.Helper()
	for _, n := range ns {
		if err := e.s.PutNode(e.ctx, n); err != nil {
			e.t.Fatalf("PutNode(%s): %v", n.ID, err)
		}
	}
}

func (e *env) putEdge(es ...graph.Edge) {
	e.t.Helper()
	for _, x := range es {
		if err := e.s.PutEdge(e.ctx, x); err != nil {
			e.t.Fatalf("PutEdge(%s): %v", x.Key(), err)
		}
	}
}

// wantNode checks that the store holds exactly want.
func (e *env) wantNode(want graph.Node) {
	e.t.Helper()
	got, err := e.s.GetNode(e.ctx, want.ID)
	if err != nil {
		e.t.Errorf("GetNode(%s): %v", want.ID, err)
		return
	}
	if !EqualNode(got, want) {
		e.t.Errorf("GetNode(%s)\n got %s\nwant %s", want.ID, FormatNode(got), FormatNode(want))
	}
}

// wantNoNode checks that the node does not exist.
func (e *env) wantNoNode(id string) {
	e.t.Helper()
	n, err := e.s.GetNode(e.ctx, id)
	if !errors.Is(err, graph.ErrNotFound) {
		e.t.Errorf("GetNode(%s) = %s, %v; want ErrNotFound", id, FormatNode(n), err)
	}
}

func (e *env) wantEdge(want graph.Edge) {
	e.t.Helper()
	got, err := e.s.GetEdge(e.ctx, want.Key())
	if err != nil {
		e.t.Errorf("GetEdge(%s): %v", want.Key(), err)
		return
	}
	if !EqualEdge(got, want) {
		e.t.Errorf("GetEdge(%s)\n got %s\nwant %s", want.Key(), FormatEdge(got), FormatEdge(want))
	}
}

func (e *env) wantNoEdge(k graph.EdgeKey) {
	e.t.Helper()
	x, err := e.s.GetEdge(e.ctx, k)
	if !errors.Is(err, graph.ErrNotFound) {
		e.t.Errorf("GetEdge(%s) = %s, %v; want ErrNotFound", k, FormatEdge(x), err)
	}
}

func (e *env) count() graph.Counts {
	e.t.Helper()
	c, err := e.s.Count(e.ctx)
	if err != nil {
		e.t.Fatalf("Count: %v", err)
	}
	return c
}

// wantDelta checks that the counts moved from before by exactly the given
// deltas, and that no other kind or type moved.
func (e *env) wantDelta(before graph.Counts, nodes map[graph.Kind]int, edges map[graph.EdgeType]int) {
	e.t.Helper()
	after := e.count()
	for _, s := range graph.Kinds {
		if d := after.Nodes[s.Kind] - before.Nodes[s.Kind]; d != nodes[s.Kind] {
			e.t.Errorf("Count: %s nodes moved by %d, want %d", s.Kind, d, nodes[s.Kind])
		}
	}
	for _, s := range graph.EdgeTypes {
		if d := after.Edges[s.Type] - before.Edges[s.Type]; d != edges[s.Type] {
			e.t.Errorf("Count: %s edges moved by %d, want %d", s.Type, d, edges[s.Type])
		}
	}
}

// wantErr checks that err matches target.
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: err = %v, want %v", what, err, target)
	}
}

// ids returns the ids of ns.
func ids(ns []graph.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

// edgeIDs returns the ids of es.
func edgeIDs(es []graph.Edge) []string {
	out := make([]string, len(es))
	for i, x := range es {
		out[i] = x.ID()
	}
	return out
}

func keysOf(es ...graph.Edge) []string { return edgeIDs(es) }

func equalStrings(a, b []string) bool { return slices.Equal(a, b) }
