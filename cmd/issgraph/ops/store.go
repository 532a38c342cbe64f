package ops

import (
	"context"
	"errors"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/traverse"
)

// InstrumentStore returns s with every call timed into m
// (issgraph_store_call_duration_seconds, labelled with name, the method
// and the outcome) and, when tp is not nil, traced as a span "store.METHOD"
// under the request's span. m may be nil. The result is a graph.Store like
// any other, and passes the conformance suite; Unwrap returns s, for the
// optional interfaces of a store (its migrations) that a wrapper hides.
func InstrumentStore(s graph.Store, name string, m *Metrics, tp trace.TracerProvider) *Store {
	if tp == nil {
		// Without tracing no span is started: a no-op span still costs
		// its options and attributes on every call.
		return &Store{s: s, name: name, metrics: m, tracer: noop.NewTracerProvider().Tracer(tracerName)}
	}
	return &Store{s: s, name: name, metrics: m, tracer: tp.Tracer(tracerName), traced: true}
}

// Store is an instrumented graph.Store (InstrumentStore).
type Store struct {
	s       graph.Store
	name    string
	metrics *Metrics
	tracer  trace.Tracer
	traced  bool // tracer is not a no-op's
}

var _ graph.Store = (*Store)(nil)

// ReadNumbered lends graph/traverse's walks the numbered graph of the
// store underneath when it has one (traverse.Numbered), timed and traced
// as one call: without it, the served walks would read in batches by id.
// Over any other store it returns traverse.ErrSkip, and the walks make
// their batched reads through the methods below.
func (i *Store) ReadNumbered(ctx context.Context, fn func(traverse.Graph) error) error {
	n, ok := i.s.(traverse.Numbered)
	if !ok {
		return traverse.ErrSkip
	}
	return exec(i, ctx, "ReadNumbered", func(ctx context.Context) error { return n.ReadNumbered(ctx, fn) })
}

// Unwrap returns the store underneath.
func (i *Store) Unwrap() graph.Store { return i.s }

// call runs one call of the store, timed and traced.
func call[T any](i *Store, ctx context.Context, method string, f func(context.Context) (T, error)) (T, error) {
	start := time.Now()
	var span trace.Span
	if i.traced {
		ctx, span = i.tracer.Start(ctx, "store."+method, trace.WithSpanKind(trace.SpanKindClient),
			trace.WithAttributes(attribute.String("db.system.name", i.name), attribute.String("db.operation.name", method)))
	}
	v, err := f(ctx)
	o := storeOutcome(err)
	if i.metrics != nil {
		i.metrics.observeStore(i.name, method, o, time.Since(start))
	}
	if span != nil {
		if o != "ok" && o != "not_found" {
			span.SetStatus(codes.Error, o)
		}
		span.End()
	}
	return v, err
}

// exec is call for the methods that return only an error.
func exec(i *Store, ctx context.Context, method string, f func(context.Context) error) error {
	_, err := call(i, ctx, method, func(ctx context.Context) (struct{}, error) { return struct{}{}, f(ctx) })
	return err
}

// storeOutcome classifies a store's error by the domain's sentinels.
func storeOutcome(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, graph.ErrNotFound):
		return "not_found"
	case errors.Is(err, graph.ErrInvalid):
		return "invalid"
	case errors.Is(err, graph.ErrConflict):
		return "conflict"
	case errors.Is(err, graph.ErrUnavailable):
		return "unavailable"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	return "error"
}

func (i *Store) GetNode(ctx context.Context, id string) (graph.Node, error) {
	return call(i, ctx, "GetNode", func(ctx context.Context) (graph.Node, error) { return i.s.GetNode(ctx, id) })
}

func (i *Store) GetNodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	return call(i, ctx, "GetNodes", func(ctx context.Context) ([]*graph.Node, error) { return i.s.GetNodes(ctx, ids) })
}

func (i *Store) ListNodes(ctx context.Context, q graph.ListQuery) (graph.Page, error) {
	return call(i, ctx, "ListNodes", func(ctx context.Context) (graph.Page, error) { return i.s.ListNodes(ctx, q) })
}

// ListNodesAndEdges forwards graph.PageEdgesLister, one call for a page
// and its nodes' edges, to a store that has it (neo4jstore); for one that
// has not, it answers graph.ErrSkip and the caller makes the two calls.
func (i *Store) ListNodesAndEdges(ctx context.Context, q graph.ListQuery, eq graph.EdgeQuery) (graph.Page, map[string][]graph.Edge, map[string]*graph.Node, error) {
	l, ok := i.s.(graph.PageEdgesLister)
	if !ok {
		return graph.Page{}, nil, nil, graph.ErrSkip
	}
	type both struct {
		page  graph.Page
		edges map[string][]graph.Edge
		ends  map[string]*graph.Node
	}
	r, err := call(i, ctx, "ListNodesAndEdges", func(ctx context.Context) (both, error) {
		p, es, ns, err := l.ListNodesAndEdges(ctx, q, eq)
		return both{p, es, ns}, err
	})
	return r.page, r.edges, r.ends, err
}

func (i *Store) CreateNode(ctx context.Context, n graph.Node) error {
	return exec(i, ctx, "CreateNode", func(ctx context.Context) error { return i.s.CreateNode(ctx, n) })
}

func (i *Store) PutNode(ctx context.Context, n graph.Node) error {
	return exec(i, ctx, "PutNode", func(ctx context.Context) error { return i.s.PutNode(ctx, n) })
}

func (i *Store) UpdateNode(ctx context.Context, n graph.Node) error {
	return exec(i, ctx, "UpdateNode", func(ctx context.Context) error { return i.s.UpdateNode(ctx, n) })
}

func (i *Store) PatchNode(ctx context.Context, id string, p graph.Patch) (graph.Node, error) {
	return call(i, ctx, "PatchNode", func(ctx context.Context) (graph.Node, error) { return i.s.PatchNode(ctx, id, p) })
}

func (i *Store) DeleteNode(ctx context.Context, id string) error {
	return exec(i, ctx, "DeleteNode", func(ctx context.Context) error { return i.s.DeleteNode(ctx, id) })
}

func (i *Store) GetEdge(ctx context.Context, key graph.EdgeKey) (graph.Edge, error) {
	return call(i, ctx, "GetEdge", func(ctx context.Context) (graph.Edge, error) { return i.s.GetEdge(ctx, key) })
}

func (i *Store) CreateEdge(ctx context.Context, e graph.Edge) error {
	return exec(i, ctx, "CreateEdge", func(ctx context.Context) error { return i.s.CreateEdge(ctx, e) })
}

func (i *Store) PutEdge(ctx context.Context, e graph.Edge) error {
	return exec(i, ctx, "PutEdge", func(ctx context.Context) error { return i.s.PutEdge(ctx, e) })
}

func (i *Store) DeleteEdge(ctx context.Context, key graph.EdgeKey) error {
	return exec(i, ctx, "DeleteEdge", func(ctx context.Context) error { return i.s.DeleteEdge(ctx, key) })
}

func (i *Store) Edges(ctx context.Context, q graph.EdgeQuery) (map[string][]graph.Edge, error) {
	return call(i, ctx, "Edges", func(ctx context.Context) (map[string][]graph.Edge, error) { return i.s.Edges(ctx, q) })
}

func (i *Store) EdgesAndEnds(ctx context.Context, q graph.EdgeQuery) (map[string][]graph.Edge, map[string]*graph.Node, error) {
	type both struct {
		edges map[string][]graph.Edge
		ends  map[string]*graph.Node
	}
	r, err := call(i, ctx, "EdgesAndEnds", func(ctx context.Context) (both, error) {
		es, ns, err := i.s.EdgesAndEnds(ctx, q)
		return both{es, ns}, err
	})
	return r.edges, r.ends, err
}

// ShortestPathSet forwards traverse.PathFinder, one read per shortest-path
// search, to a store that has it (neo4jstore); for one that has not, it
// answers traverse.ErrSkip and traverse searches level by level
// through the other methods.
func (i *Store) ShortestPathSet(ctx context.Context, q graph.PathQuery, max int) ([]graph.Path, []string, error) {
	f, ok := i.s.(traverse.PathFinder)
	if !ok {
		return nil, nil, traverse.ErrSkip
	}
	type set struct {
		paths   []graph.Path
		missing []string
	}
	r, err := call(i, ctx, "ShortestPathSet", func(ctx context.Context) (set, error) {
		ps, missing, err := f.ShortestPathSet(ctx, q, max)
		return set{ps, missing}, err
	})
	return r.paths, r.missing, err
}

func (i *Store) Apply(ctx context.Context, b graph.Batch) (graph.BatchResult, error) {
	return call(i, ctx, "Apply", func(ctx context.Context) (graph.BatchResult, error) { return i.s.Apply(ctx, b) })
}

func (i *Store) Count(ctx context.Context) (graph.Counts, error) {
	return call(i, ctx, "Count", func(ctx context.Context) (graph.Counts, error) { return i.s.Count(ctx) })
}

func (i *Store) Degrees(ctx context.Context, ids []string) ([]int, error) {
	return call(i, ctx, "Degrees", func(ctx context.Context) ([]int, error) { return i.s.Degrees(ctx, ids) })
}

func (i *Store) Rank(ctx context.Context, q graph.RankQuery) ([]graph.Ranked, error) {
	return call(i, ctx, "Rank", func(ctx context.Context) ([]graph.Ranked, error) { return i.s.Rank(ctx, q) })
}

func (i *Store) Search(ctx context.Context, q graph.SearchQuery) (graph.SearchPage, error) {
	return call(i, ctx, "Search", func(ctx context.Context) (graph.SearchPage, error) { return i.s.Search(ctx, q) })
}

func (i *Store) Find(ctx context.Context, q graph.Query) (graph.Page, error) {
	return call(i, ctx, "Find", func(ctx context.Context) (graph.Page, error) { return i.s.Find(ctx, q) })
}

func (i *Store) Related(ctx context.Context, q graph.RelQuery) ([]graph.RelPage, error) {
	return call(i, ctx, "Related", func(ctx context.Context) ([]graph.RelPage, error) { return i.s.Related(ctx, q) })
}

func (i *Store) Aggregate(ctx context.Context, q graph.AggQuery) ([]graph.Aggregate, error) {
	return call(i, ctx, "Aggregate", func(ctx context.Context) ([]graph.Aggregate, error) { return i.s.Aggregate(ctx, q) })
}

func (i *Store) Ping(ctx context.Context) error {
	return exec(i, ctx, "Ping", func(ctx context.Context) error { return i.s.Ping(ctx) })
}

func (i *Store) Close() error {
	return exec(i, context.Background(), "Close", func(context.Context) error { return i.s.Close() })
}
