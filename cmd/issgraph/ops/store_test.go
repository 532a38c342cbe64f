package ops

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/graph/graphtest"
	"github.com/issgraph/issgraph/graph/traverse"
)

// The instrumented store is a store like any other: it passes the
// conformance suite over the embedded store, and on the way every method
// of graph.Store is timed under its name.
func TestInstrumentedStoreConformance(t *testing.T) {
	m := NewMetrics("test", "none")
	graphtest.Run(t, func(t *testing.T) graph.Store {
		return InstrumentStore(embedded.Memory(), "embedded", m, nil)
	})
	methods := reflect.TypeFor[graph.Store]()
	for i := range methods.NumMethod() {
		name := methods.Method(i).Name
		if value(t, m, "issgraph_store_call_duration_seconds", map[string]string{"store": "embedded", "method": name}) == 0 {
			t.Errorf("no call of %s was timed", name)
		}
	}
}

// failing answers every call with its error.
type failing struct {
	graph.Store
	err error
}

func (f failing) GetNode(context.Context, string) (graph.Node, error) { return graph.Node{}, f.err }

func TestStoreOutcome(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, "ok"},
		{fmt.Errorf("embedded: get node: %w", graph.ErrNotFound), "not_found"},
		{&graph.ValidationError{Field: "name", Reason: "empty"}, "invalid"},
		{fmt.Errorf("x: %w", graph.ErrConflict), "conflict"},
		{fmt.Errorf("neo4jstore: %w", graph.ErrUnavailable), "unavailable"},
		{fmt.Errorf("neo4jstore: %w", context.DeadlineExceeded), "timeout"},
		{context.Canceled, "canceled"},
		{errors.New("disk on fire"), "error"},
	}
	m := NewMetrics("test", "none")
	for _, tt := range tests {
		s := InstrumentStore(failing{embedded.Memory(), tt.err}, "fake", m, nil)
		if _, err := s.GetNode(t.Context(), "agency/x"); err != tt.err {
			t.Errorf("the store's error %v came back as %v", tt.err, err)
		}
		if got := value(t, m, "issgraph_store_call_duration_seconds", map[string]string{"store": "fake", "method": "GetNode", "outcome": tt.want}); got != 1 {
			t.Errorf("%v: %v calls with outcome %q, want 1", tt.err, got, tt.want)
		}
	}
}

// TestInstrumentedStoreNumbered checks that the instrumented store lends
// the walks the numbered graph of a store that has one, timed as one call,
// and sends them to the batched reads over one that has none.
func TestInstrumentedStoreNumbered(t *testing.T) {
	ctx := t.Context()
	m := NewMetrics("test", "none")
	mem := embedded.Memory()
	defer mem.Close()
	a := graph.Node{ID: "document/ops-a", Kind: graph.Document, Name: "Ops a"}
	b := graph.Node{ID: "document/ops-b", Kind: graph.Document, Name: "Ops b"}
	if _, err := mem.Apply(ctx, graph.Batch{Nodes: []graph.Node{a, b}, Edges: []graph.Edge{{Type: graph.Cites, From: a.ID, To: b.ID}}}); err != nil {
		t.Fatal(err)
	}
	q := graph.NeighbourhoodQuery{ID: a.ID, Depth: 1}
	for _, tt := range []struct {
		store          string
		s              graph.Store
		numbered, byID float64 // ReadNumbered and Edges calls timed
	}{
		{"numbered", mem, 1, 0},
		// Embedding graph.Store hides embedded's ReadNumbered; a walk
		// of depth 1 reads the edges of each of its two levels.
		{"by id", struct{ graph.Store }{mem}, 0, 2},
	} {
		s := InstrumentStore(tt.s, tt.store, m, nil)
		sg, err := traverse.Neighbourhood(ctx, s, q, graph.Limits{})
		if err != nil || len(sg.Nodes) != 2 || len(sg.Edges) != 1 {
			t.Fatalf("%s: Neighbourhood = %+v, %v; want both nodes and the edge", tt.store, sg, err)
		}
		for method, want := range map[string]float64{"ReadNumbered": tt.numbered, "Edges": tt.byID} {
			if got := value(t, m, "issgraph_store_call_duration_seconds", map[string]string{"store": tt.store, "method": method}); got != want {
				t.Errorf("%s: %v calls of %s timed, want %v", tt.store, got, method, want)
			}
		}
	}
}

// pathFinder is a store with traverse.PathFinder that answers one path.
type pathFinder struct {
	graph.Store
	calls int
}

func (f *pathFinder) ShortestPathSet(_ context.Context, q graph.PathQuery, _ int) ([]graph.Path, []string, error) {
	f.calls++
	return []graph.Path{{Nodes: []graph.SubgraphNode{{Node: graph.Node{ID: q.From}}, {Node: graph.Node{ID: q.To}}}}}, nil, nil
}

// The instrumented store forwards traverse.PathFinder, timed, to a store
// that has it, and says traverse.ErrSkip over one that has not, so
// that traverse searches through the other methods.
func TestInstrumentedPathFinder(t *testing.T) {
	m := NewMetrics("test", "none")
	q := graph.PathQuery{From: "agency/a", To: "agency/b", MaxDepth: 3, Limit: 1}
	if _, _, err := InstrumentStore(embedded.Memory(), "embedded", m, nil).ShortestPathSet(t.Context(), q, 10); !errors.Is(err, traverse.ErrSkip) {
		t.Errorf("over the embedded store: err = %v, want traverse.ErrSkip", err)
	}
	f := &pathFinder{Store: embedded.Memory()}
	ps, missing, err := InstrumentStore(f, "finder", m, nil).ShortestPathSet(t.Context(), q, 10)
	if err != nil || len(ps) != 1 || missing != nil || f.calls != 1 {
		t.Errorf("over a PathFinder: %d paths, missing %v, err %v, %d calls; want its one path", len(ps), missing, err, f.calls)
	}
	if got := value(t, m, "issgraph_store_call_duration_seconds", map[string]string{"store": "finder", "method": "ShortestPathSet", "outcome": "ok"}); got != 1 {
		t.Errorf("%v ShortestPathSet calls timed, want 1", got)
	}
}

// pageEdgesLister is a store with graph.PageEdgesLister that answers one
// node and one edge.
type pageEdgesLister struct {
	graph.Store
	calls int
}

func (f *pageEdgesLister) ListNodesAndEdges(_ context.Context, q graph.ListQuery, _ graph.EdgeQuery) (graph.Page, map[string][]graph.Edge, map[string]*graph.Node, error) {
	f.calls++
	e := graph.Edge{Type: graph.Cites, From: "document/a", To: "document/b"}
	return graph.Page{Nodes: []graph.Node{{ID: "document/a"}}}, map[string][]graph.Edge{"document/a": {e}}, map[string]*graph.Node{"document/b": {ID: "document/b"}}, nil
}

// The instrumented store forwards graph.PageEdgesLister, timed, to a
// store that has it, and says graph.ErrSkip over one that has not.
func TestInstrumentedPageEdgesLister(t *testing.T) {
	m := NewMetrics("test", "none")
	q := graph.ListQuery{Kind: graph.Document, Filter: graph.Filter{Reference: "COM(2010) 673"}, First: 1}
	if _, _, _, err := InstrumentStore(embedded.Memory(), "embedded", m, nil).ListNodesAndEdges(t.Context(), q, graph.EdgeQuery{}); !errors.Is(err, graph.ErrSkip) {
		t.Errorf("over the embedded store: err = %v, want graph.ErrSkip", err)
	}
	f := &pageEdgesLister{Store: embedded.Memory()}
	p, es, ns, err := InstrumentStore(f, "lister", m, nil).ListNodesAndEdges(t.Context(), q, graph.EdgeQuery{})
	if err != nil || len(p.Nodes) != 1 || len(es["document/a"]) != 1 || ns["document/b"] == nil || f.calls != 1 {
		t.Errorf("over a PageEdgesLister: page %+v, edges %v, ends %v, err %v, %d calls; want its node and edge", p, es, ns, err, f.calls)
	}
	if got := value(t, m, "issgraph_store_call_duration_seconds", map[string]string{"store": "lister", "method": "ListNodesAndEdges", "outcome": "ok"}); got != 1 {
		t.Errorf("%v ListNodesAndEdges calls timed, want 1", got)
	}
}
