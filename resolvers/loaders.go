package resolvers

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/graph-gophers/dataloader/v7"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/cache"
)

// Loading relationships without N+1 store calls.
//
// gqlgen resolves the fields of each object of a list separately, so a
// naive "documents { authors }" asks the store for the authors of every
// document in turn. Two mechanisms batch those calls, both per request:
//
//  1. Level batching, deterministic. Objects that a query lists at the same
//     place (the same response path with the list indexes dropped, such as
//     documents.nodes.cites) form a cohort. The first resolver to ask for a
//     relationship of one member fetches it for the whole cohort in one
//     Store.Edges call, and the nodes at the other ends in one
//     Store.GetNodes call (a "flight"); its siblings wait for and reuse
//     the result. Those other-end nodes form the cohort one level down. So
//     a query costs a fixed number of store calls per field of its shape,
//     however many objects each level holds, and the count does not depend
//     on timing.
//  2. Dataloaders (graph-gophers/dataloader), for the few loads that fall
//     outside a cohort (a rapporteur's committee, objects whose path holds
//     no cohort): a node loader over Store.GetNodes and an edges loader over
//     Store.Edges that batches keys by direction and type set. They batch
//     whatever arrives within a short window, and they are the cache the
//     flights prime, so a node fetched once is not fetched again.

// loaderCacheEntries bounds each dataloader's cache, per request: a request
// keeps at most this many nodes and as many edge lists, the least
// recently used dropped first (a dropped one is fetched again if asked
// for). The cohorts and flights are bounded by the query's shape, which
// the limits bound, and everything is freed when the request ends.
const loaderCacheEntries = 10000

// loaderCache is a bounded LRU as a dataloader cache.
type loaderCache[K comparable, V any] struct {
	lru *cache.LRU[K, dataloader.Thunk[V]]
}

func newLoaderCache[K comparable, V any]() loaderCache[K, V] {
	return loaderCache[K, V]{lru: cache.New[K, dataloader.Thunk[V]](loaderCacheEntries, 0, nil)}
}

func (c loaderCache[K, V]) Get(_ context.Context, k K) (dataloader.Thunk[V], bool) {
	return c.lru.Get(k)
}
func (c loaderCache[K, V]) Set(_ context.Context, k K, v dataloader.Thunk[V]) { c.lru.Add(k, v) }
func (c loaderCache[K, V]) Delete(_ context.Context, k K) bool                { return c.lru.Delete(k) }
func (c loaderCache[K, V]) Clear()                                            { c.lru.Clear() }

// loaderWait is the dataloaders' batching window: long enough to gather
// the sibling resolvers that gqlgen starts together, short enough not to
// show in latency.
const loaderWait = 2 * time.Millisecond

type loadersContext struct{}

// edgeSel selects edges: a direction and a set of types, kept as a string
// so that it can be part of a map key.
type edgeSel struct {
	dir   graph.Direction
	types string
}

// selOf makes the selector; the type set is sorted and deduplicated so
// that equal sets share one batch.
func selOf(dir graph.Direction, types []graph.EdgeType) edgeSel {
	ts := make([]string, len(types))
	for i, t := range types {
		ts[i] = string(t)
	}
	slices.Sort(ts)
	return edgeSel{dir: dir, types: strings.Join(slices.Compact(ts), ",")}
}

func (s edgeSel) query(ids []string) graph.EdgeQuery {
	q := graph.EdgeQuery{IDs: ids, Direction: s.dir}
	if s.types != "" {
		for _, t := range strings.Split(s.types, ",") {
			q.Types = append(q.Types, graph.EdgeType(t))
		}
	}
	return q
}

type edgeKey struct {
	id string
	edgeSel
}

// cohort is the set of node ids listed at one place of the response.
type cohort struct {
	ids []string
	has map[string]bool
}

func newCohort(ids []string) *cohort {
	c := &cohort{has: make(map[string]bool, len(ids))}
	for _, id := range ids {
		if !c.has[id] {
			c.has[id] = true
			c.ids = append(c.ids, id)
		}
	}
	return c
}

type flightKey struct {
	cohort string // the cohort's path
	edgeSel
}

// flight is one batched fetch of a cohort's edges and their other ends.
type flight struct {
	done   chan struct{}
	edges  map[string][]graph.Edge
	nodes  map[string]*graph.Node
	others *cohort
	err    error
}

// loaders is the per-request loading state.
type loaders struct {
	store graph.Store
	nodes *dataloader.Loader[string, *graph.Node]
	edges *dataloader.Loader[edgeKey, []graph.Edge]

	mu      sync.Mutex
	cohorts map[string]*cohort
	flights map[flightKey]*flight
	batches map[string]*batch // the query language's batched calls (query.go)
}

func newLoaders(s graph.Store) *loaders {
	l := &loaders{store: s, cohorts: map[string]*cohort{}, flights: map[flightKey]*flight{}}
	l.nodes = dataloader.NewBatchedLoader(l.batchNodes,
		dataloader.WithWait[string, *graph.Node](loaderWait),
		dataloader.WithCache[string, *graph.Node](newLoaderCache[string, *graph.Node]()))
	l.edges = dataloader.NewBatchedLoader(l.batchEdges,
		dataloader.WithWait[edgeKey, []graph.Edge](loaderWait),
		dataloader.WithCache[edgeKey, []graph.Edge](newLoaderCache[edgeKey, []graph.Edge]()))
	return l
}

func withLoaders(ctx context.Context, l *loaders) context.Context {
	return context.WithValue(ctx, loadersContext{}, l)
}

// loadersFor returns the request's loaders. Outside the HTTP middleware
// (a test calling a resolver directly) it makes fresh ones, which are
// correct but share nothing.
func (r *Resolver) loadersFor(ctx context.Context) *loaders {
	if l, ok := ctx.Value(loadersContext{}).(*loaders); ok {
		return l
	}
	return newLoaders(r.store)
}

// getNodes calls Store.GetNodes in chunks of at most MaxBatchIDs.
func getNodes(ctx context.Context, s graph.Store, ids []string) ([]*graph.Node, error) {
	out := make([]*graph.Node, 0, len(ids))
	for start := 0; start < len(ids); start += graph.MaxBatchIDs {
		chunk := ids[start:min(start+graph.MaxBatchIDs, len(ids))]
		ns, err := s.GetNodes(ctx, chunk)
		if err != nil {
			return nil, err
		}
		if len(ns) != len(chunk) {
			return nil, fmt.Errorf("GetNodes returned %d nodes for %d ids", len(ns), len(chunk))
		}
		out = append(out, ns...)
	}
	return out, nil
}

// getEdges calls Store.Edges in chunks of at most MaxBatchIDs.
func getEdges(ctx context.Context, s graph.Store, sel edgeSel, ids []string) (map[string][]graph.Edge, error) {
	out := make(map[string][]graph.Edge, len(ids))
	for start := 0; start < len(ids); start += graph.MaxBatchIDs {
		m, err := s.Edges(ctx, sel.query(ids[start:min(start+graph.MaxBatchIDs, len(ids))]))
		if err != nil {
			return nil, err
		}
		for id, es := range m {
			out[id] = es
		}
	}
	return out, nil
}

func (l *loaders) batchNodes(ctx context.Context, ids []string) []*dataloader.Result[*graph.Node] {
	out := make([]*dataloader.Result[*graph.Node], len(ids))
	ns, err := getNodes(ctx, l.store, ids)
	for i := range ids {
		if err != nil {
			out[i] = &dataloader.Result[*graph.Node]{Error: err}
		} else {
			out[i] = &dataloader.Result[*graph.Node]{Data: ns[i]}
		}
	}
	return out
}

func (l *loaders) batchEdges(ctx context.Context, keys []edgeKey) []*dataloader.Result[[]graph.Edge] {
	bySel := map[edgeSel][]string{}
	for _, k := range keys {
		bySel[k.edgeSel] = append(bySel[k.edgeSel], k.id)
	}
	got := map[edgeSel]map[string][]graph.Edge{}
	failed := map[edgeSel]error{}
	for sel, ids := range bySel {
		m, err := getEdges(ctx, l.store, sel, newCohort(ids).ids)
		got[sel], failed[sel] = m, err
	}
	out := make([]*dataloader.Result[[]graph.Edge], len(keys))
	for i, k := range keys {
		if err := failed[k.edgeSel]; err != nil {
			out[i] = &dataloader.Result[[]graph.Edge]{Error: err}
		} else {
			out[i] = &dataloader.Result[[]graph.Edge]{Data: got[k.edgeSel][k.id]}
		}
	}
	return out
}

// reset forgets everything loaded: a mutation calls it after writing, so
// that the fields it returns, and later mutations of the same request, read
// the graph as it now is. Mutation fields run one after another, so nothing
// else is loading meanwhile.
func (l *loaders) reset() {
	l.nodes.ClearAll()
	l.edges.ClearAll()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cohorts = map[string]*cohort{}
	l.flights = map[flightKey]*flight{}
	l.batches = nil
}

// node returns the node with the id, or nil.
func (l *loaders) node(ctx context.Context, id string) (*graph.Node, error) {
	return l.nodes.Load(ctx, id)()
}

// prime puts nodes the request already holds into the node cache.
func (l *loaders) prime(ctx context.Context, ns ...graph.Node) {
	for i := range ns {
		n := ns[i]
		l.nodes.Prime(ctx, n.ID, &n)
	}
}

// list records that the current field lists the nodes, making them a
// cohort, and caches them.
func (l *loaders) list(ctx context.Context, ns ...graph.Node) {
	l.prime(ctx, ns...)
	path, ok := fieldPath(ctx)
	if !ok {
		return
	}
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	l.register(path, newCohort(ids))
}

func (l *loaders) register(path string, c *cohort) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.cohorts[path]; !ok {
		l.cohorts[path] = c
	}
}

// edgesOf returns the edges of the node id selected by dir and types, in
// CompareEdges order, and the nodes at their other ends (keyed by id;
// absent when an end does not exist). It is meant for relationship fields
// of the node: it batches through id's cohort when there is one, and lists
// the other ends as the current field's cohort.
func (l *loaders) edgesOf(ctx context.Context, id string, dir graph.Direction, types ...graph.EdgeType) ([]graph.Edge, map[string]*graph.Node, error) {
	sel := selOf(dir, types)
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		path := strip(fc.Path())
		if key, c := l.cohortOf(path[:max(len(path)-1, 0)], id); c != nil {
			f, err := l.fly(ctx, flightKey{cohort: key, edgeSel: sel}, c)
			if err != nil {
				return nil, nil, err
			}
			l.register(strings.Join(path, "."), f.others)
			return f.edges[id], f.nodes, nil
		}
	}

	// No cohort: load through the dataloaders.
	es, err := l.edges.Load(ctx, edgeKey{id: id, edgeSel: sel})()
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.Key().Other(id)
	}
	ns, errs := l.nodes.LoadMany(ctx, ids)()
	nodes := make(map[string]*graph.Node, len(ids))
	for i, n := range ns {
		if len(errs) > i && errs[i] != nil {
			return nil, nil, errs[i]
		}
		if n != nil {
			nodes[ids[i]] = n
		}
	}
	if path, ok := fieldPath(ctx); ok {
		l.register(path, newCohort(ids))
	}
	return es, nodes, nil
}

// cohortOf finds the cohort id belongs to: the one registered at the
// longest prefix of parent (the path of the object whose field is being
// resolved) that holds id.
func (l *loaders) cohortOf(parent []string, id string) (string, *cohort) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for i := len(parent); i > 0; i-- {
		key := strings.Join(parent[:i], ".")
		if c := l.cohorts[key]; c != nil && c.has[id] {
			return key, c
		}
	}
	return "", nil
}

// fly runs the flight for key, or waits for the one under way.
func (l *loaders) fly(ctx context.Context, key flightKey, c *cohort) (*flight, error) {
	l.mu.Lock()
	f, ok := l.flights[key]
	if !ok {
		f = &flight{done: make(chan struct{})}
		l.flights[key] = f
	}
	l.mu.Unlock()
	if ok {
		select {
		case <-f.done:
			return f, f.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	defer close(f.done)
	f.edges, f.err = getEdges(ctx, l.store, key.edgeSel, c.ids)
	if f.err != nil {
		return f, f.err
	}
	var ids []string
	for _, id := range c.ids {
		for _, e := range f.edges[id] {
			ids = append(ids, e.Key().Other(id))
		}
	}
	f.others = newCohort(ids)
	f.nodes = make(map[string]*graph.Node, len(f.others.ids))
	if len(f.others.ids) > 0 {
		ns, err := getNodes(ctx, l.store, f.others.ids)
		if err != nil {
			f.err = err
			return f, err
		}
		for i, n := range ns {
			if n != nil {
				f.nodes[f.others.ids[i]] = n
				l.nodes.Prime(ctx, n.ID, n)
			}
		}
	}
	return f, nil
}

// fieldPath is the current field's response path without list indexes:
// "documents.nodes.cites".
func fieldPath(ctx context.Context) (string, bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return "", false
	}
	return strings.Join(strip(fc.Path()), "."), true
}

func strip(p ast.Path) []string {
	out := make([]string, 0, len(p))
	for _, e := range p {
		if name, ok := e.(ast.PathName); ok {
			out = append(out, string(name))
		}
	}
	return out
}
