package resolvers

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/cache"
)

// Loading relationships without N+1 store calls, and without waiting.
//
// gqlgen resolves the fields of each object of a list separately, so a
// naive "documents { authors }" asks the store for the authors of every
// document in turn. Instead, objects that a query lists at the same place
// (the same response path with the list indexes dropped, such as
// documents.nodes.cites) form a cohort. The first relationship field
// resolved on any member fetches, in one Store.EdgesAndEnds call, the
// edges of every member that the relationship fields selected at that
// place follow, together (selectionSel), and the nodes at their other ends (a
// "flight"). Every relationship field of every member at that place then
// reads from it, keeping the edges of its direction and types; its
// siblings wait for that one fetch, never for a timer. The nodes a field
// lists over the whole cohort form the cohort one level down.
//
// So a level of the response costs one store call, however many objects it
// holds and however many relationship fields it asks for, and the count
// does not depend on timing: a query costs at most its selection depth
// plus one (TestStoreCallsWithinSelectionDepth); and it reads no edge of a
// type none of its fields follows, which at a hub (a document cited a
// thousand times, when the query asks for its authors) is most of them.
//
// Nodes are cached for the request, in a bounded cache (loaderCacheEntries).
// A node no flight brought (a root
// lookup by id, the end of a relationship a mutation returned) is fetched
// when first asked for; the committees that the RAPPORTEUR edges of one
// level name are fetched together, in one call.

// loaderCacheEntries bounds the node cache, per request: a request keeps
// at most this many nodes, the least recently used dropped first (a
// dropped one is fetched again if asked for). The cohorts and flights are
// bounded by the query's shape, which the limits bound, and everything is
// freed when the request ends.
const loaderCacheEntries = 10000

// edgeSel selects edges: a direction and a set of types (none: every
// type), as a bit set over graph.EdgeTypes so that it is cheap to match
// and can key a map.
type edgeSel struct {
	dir   graph.Direction
	types uint64
}

// typeBits numbers the edge types for edgeSel.
var typeBits = func() map[graph.EdgeType]uint64 {
	m := make(map[graph.EdgeType]uint64, len(graph.EdgeTypes))
	for i, t := range graph.EdgeTypes {
		m[t.Type] = 1 << i
	}
	return m
}()

// unknownType is the bit of a type that is not on the allow-list: it
// selects nothing (the schema's enum lets none through).
const unknownType = 1 << 63

func selOf(dir graph.Direction, types []graph.EdgeType) edgeSel {
	s := edgeSel{dir: dir}
	for _, t := range types {
		b, ok := typeBits[t]
		if !ok {
			b = unknownType
		}
		s.types |= b
	}
	return s
}

// match reports whether e, an edge of the node id, is selected.
func (s edgeSel) match(e *graph.Edge, id string) bool {
	switch s.dir {
	case graph.Out:
		if e.From != id {
			return false
		}
	case graph.In:
		if e.To != id {
			return false
		}
	}
	return s.types == 0 || typeBits[e.Type]&s.types != 0
}

// query is the store query for s over ids.
func (s edgeSel) query(ids []string) graph.EdgeQuery {
	q := graph.EdgeQuery{IDs: ids, Direction: s.dir}
	for i, t := range graph.EdgeTypes { // typeBits numbers them in this order
		if s.types&(1<<i) != 0 {
			q.Types = append(q.Types, t.Type)
		}
	}
	if s.types&unknownType != 0 {
		q.Types = append(q.Types, "")
	}
	return q
}

// every selects every edge of a node.
var every = edgeSel{dir: graph.Both}

// union is the selection of what s or t selects.
func (s edgeSel) union(t edgeSel) edgeSel {
	if s.dir != t.dir {
		s.dir = graph.Both
	}
	if s.types == 0 || t.types == 0 {
		s.types = 0
	} else {
		s.types |= t.types
	}
	return s
}

// covers reports whether every edge t selects is one s selects.
func (s edgeSel) covers(t edgeSel) bool {
	dir := s.dir == graph.Both || s.dir == t.dir
	types := s.types == 0 || (t.types != 0 && t.types&^s.types == 0)
	return dir && types
}

// fieldSels are the edges each relationship field follows, by field name,
// over every kind that has a field of that name: those of the kinds' specs,
// then the hand-written ones. A field not listed here that reads edges
// still gets them, by a fetch of its own when its level's flight does not
// cover it (edgesOf), so the table can only cost a store call, never an
// answer.
var fieldSels = func() map[string]edgeSel {
	m := map[string]edgeSel{
		"rapporteurs":     selOf(graph.In, []graph.EdgeType{graph.Rapporteur}),
		"rapporteurships": selOf(graph.Out, []graph.EdgeType{graph.Rapporteur}),
		"roles":           selOf(graph.Out, personRoleTypes),
		"relationships":   every, // its arguments choose
	}
	for _, k := range graph.Kinds {
		for _, f := range k.Fields {
			s := selOf(f.Dir, f.Types)
			if t, ok := m[f.Name]; ok {
				s = s.union(t)
			}
			m[f.Name] = s
		}
	}
	return m
}()

// selectionSel is what the flight of a level reads (levelPlan): the
// union of what the relationship fields of a selection set follow
// (fragments included), and whether it knows them all: false when it
// holds none it knows, or a fragment it cannot see.
func selectionSel(ss ast.SelectionSet) (edgeSel, bool) {
	var sel edgeSel
	found := false
	ok := eachField(ss, func(f *ast.Field) {
		if fs, known := fieldSels[f.Name]; known {
			if found {
				sel = sel.union(fs)
			} else {
				sel, found = fs, true
			}
		}
	})
	return sel, found && ok
}

// eachField calls fn for each field of ss, through inline fragments and
// fragment spreads whatever their type condition. It reports false when a
// spread's definition is missing, so that fn has not seen every field.
func eachField(ss ast.SelectionSet, fn func(*ast.Field)) bool {
	ok := true
	for _, s := range ss {
		switch s := s.(type) {
		case *ast.Field:
			fn(s)
		case *ast.InlineFragment:
			ok = eachField(s.SelectionSet, fn) && ok
		case *ast.FragmentSpread:
			if s.Definition == nil {
				ok = false
				continue
			}
			ok = eachField(s.Definition.SelectionSet, fn) && ok
		}
	}
	return ok
}

// selects reports whether the field resolving in ctx selects a field
// named name, in any fragment; true when it cannot tell.
func selects(ctx context.Context, name string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return true
	}
	found := false
	ok := eachField(fc.Field.Selections, func(f *ast.Field) { found = found || f.Name == name })
	return found || !ok
}

// cohort is the set of node ids listed at one place of the response.
type cohort struct {
	ids []string
	has map[string]bool // for more than smallCohort ids; a scan of ids below
}

// smallCohort is the most ids a cohort scans rather than hashes: most
// relationship fields list a handful of nodes, and a map for each would
// cost more than it saves.
const smallCohort = 16

func newCohort(ids []string) *cohort {
	c := &cohort{ids: make([]string, 0, len(ids))}
	if len(ids) > smallCohort {
		c.has = make(map[string]bool, len(ids))
	}
	for _, id := range ids {
		if !c.contains(id) {
			c.ids = append(c.ids, id)
			if c.has != nil {
				c.has[id] = true
			}
		}
	}
	return c
}

func (c *cohort) contains(id string) bool {
	if c.has != nil {
		return c.has[id]
	}
	return slices.Contains(c.ids, id)
}

// flight is one fetch that several resolvers wait for.
type flight struct {
	done chan struct{}
	err  error
	// A cohort's edges: those sel selects of each member, in CompareEdges
	// order, and the nodes at their other ends.
	sel   edgeSel
	edges map[string][]graph.Edge
	ends  map[string]*graph.Node
	// cut, when set, is what ends hold of each node and edges of each
	// edge (selectionEnds), and the fields it was made for, the only ones that
	// may read them.
	cut *levelCut
	// node is what a node fetch found (nil: none).
	node *graph.Node
}

// wait returns when f has landed or ctx is done.
func (f *flight) wait(ctx context.Context) error {
	if err := waitFor(ctx, f.done); err != nil {
		return err
	}
	return f.err
}

// waitFor returns when done is closed, or with ctx's error when ctx is
// done first. Most often done is closed already, and then ctx.Done is not
// even asked for (the request's deadline makes its timer on demand: see
// cmd/issgraph's withDeadline).
func waitFor(ctx context.Context, done <-chan struct{}) error {
	select {
	case <-done:
		return nil
	default:
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// listing is what one relationship field lists over a whole cohort: the
// edges (for the fields of the objects it returns, such as a rapporteur's
// committee) and the nodes at their other ends, the next cohort.
type listing struct {
	edges []*graph.Edge // into a flight's edges: read only
	next  *cohort
	// byKey indexes edges, made when named first asks (most listings
	// never have a committee looked up).
	byKey map[graph.EdgeKey]*graph.Edge
}

// has reports whether the listing holds e. l.mu must be held.
func (ls *listing) has(e graph.Edge) bool {
	if ls.byKey == nil {
		ls.byKey = make(map[graph.EdgeKey]*graph.Edge, len(ls.edges))
		for _, x := range ls.edges {
			ls.byKey[x.Key()] = x
		}
	}
	return ls.byKey[e.Key()] != nil
}

// loaders is the per-request loading state.
type loaders struct {
	store graph.Store

	mu      sync.Mutex
	nodes   *cache.LRU[string, *graph.Node] // cached; nil: known not to exist
	pending map[string]*flight              // node fetches under way, by id
	places  map[string]place                // by path
	queries map[string]*batch               // the query language's batched calls (query.go)
}

// place is what the loaders hold for one path of the response (without
// list indexes), in one map: most requests hold two or three.
type place struct {
	cohort  *cohort  // the nodes listed there
	flight  *flight  // the edges of that cohort
	listing *listing // what the relationship field there lists
	batch   *flight  // the nodes its edges name (committees)
}

// setPlace updates the place at path with set. l.mu must be held.
func (l *loaders) setPlace(path string, set func(*place)) {
	if l.places == nil {
		l.places = map[string]place{}
	}
	p := l.places[path]
	set(&p)
	l.places[path] = p
}

func newLoaders(s graph.Store) *loaders {
	l := &loaders{store: s}
	l.clear()
	return l
}

func (l *loaders) clear() {
	l.nodes = nil // made at the first node kept (remember)
	// The maps are made by put, at their first entry: most requests use
	// two or three of them.
	l.pending, l.places, l.queries = nil, nil, nil
}

// cached returns the node of id the request holds (nil: known not to
// exist), and whether it holds one. l.mu must be held, as for holds and
// remember.
func (l *loaders) cached(id string) (*graph.Node, bool) {
	if l.nodes == nil {
		return nil, false
	}
	return l.nodes.Get(id)
}

// holds reports whether the request holds the node of id.
func (l *loaders) holds(id string) bool { return l.nodes != nil && l.nodes.Contains(id) }

// remember keeps n as the node of id, unless the request holds one. The
// cache is made at the first: a request that keeps no node (a search,
// whose nodes are cut) makes none.
func (l *loaders) remember(id string, n *graph.Node) {
	if l.nodes == nil {
		l.nodes = cache.New[string, *graph.Node](loaderCacheEntries, 0, nil)
	}
	if !l.nodes.Contains(id) {
		l.nodes.Add(id, n)
	}
}

// put sets m[k] = v, making m first if it is nil.
func put[K comparable, V any](m *map[K]V, k K, v V) {
	if *m == nil {
		*m = map[K]V{}
	}
	(*m)[k] = v
}

// loadersFor returns the request's loaders. Outside the HTTP middleware
// (a test calling a resolver directly) it makes fresh ones, which are
// correct but share nothing.
func (r *Resolver) loadersFor(ctx context.Context) *loaders {
	if st := requestOf(ctx); st != nil && st.loaders != nil {
		return st.loaders
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

// edgesAndEnds calls Store.EdgesAndEnds in chunks of at most MaxBatchIDs.
// With cut set, the nodes and edges are as it reads them (levelQuery).
func edgesAndEnds(ctx context.Context, s graph.Store, sel edgeSel, cut *levelCut, ids []string) (map[string][]graph.Edge, map[string]*graph.Node, error) {
	query := func(ids []string) graph.EdgeQuery { return levelQuery(sel, cut, ids) }
	if len(ids) <= graph.MaxBatchIDs {
		return s.EdgesAndEnds(ctx, query(ids))
	}
	edges, ends := make(map[string][]graph.Edge, len(ids)), map[string]*graph.Node{}
	for start := 0; start < len(ids); start += graph.MaxBatchIDs {
		es, ns, err := s.EdgesAndEnds(ctx, query(ids[start:min(start+graph.MaxBatchIDs, len(ids))]))
		if err != nil {
			return nil, nil, err
		}
		for id, x := range es {
			edges[id] = x
		}
		for id, n := range ns {
			ends[id] = n
		}
	}
	return edges, ends, nil
}

// reset forgets everything loaded: a mutation calls it after writing, so
// that the fields it returns, and later mutations of the same request, read
// the graph as it now is. Mutation fields run one after another, so nothing
// else is loading meanwhile.
func (l *loaders) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.clear()
}

// node returns the node with the id, or nil: from the cache, or fetched
// now (once, however many resolvers ask at the same time).
func (l *loaders) node(ctx context.Context, id string) (*graph.Node, error) {
	l.mu.Lock()
	if n, ok := l.cached(id); ok {
		l.mu.Unlock()
		return n, nil
	}
	f, ok := l.pending[id]
	if ok {
		l.mu.Unlock()
		if err := f.wait(ctx); err != nil {
			return nil, err
		}
		return f.node, nil
	}
	f = &flight{done: make(chan struct{})}
	put(&l.pending, id, f)
	l.mu.Unlock()

	ns, err := l.store.GetNodes(ctx, []string{id})
	if err == nil && len(ns) != 1 {
		err = fmt.Errorf("GetNodes returned %d nodes for 1 id", len(ns))
	}
	l.mu.Lock()
	delete(l.pending, id)
	if err == nil {
		f.node = ns[0]
		l.remember(id, ns[0])
	}
	l.mu.Unlock()
	f.err = err
	close(f.done)
	return f.node, err
}

// prime puts nodes the request already holds into the node cache.
func (l *loaders) prime(ns ...graph.Node) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.primeLocked(ns)
}

func (l *loaders) primeLocked(ns []graph.Node) {
	for i := range ns {
		if !l.holds(ns[i].ID) {
			n := ns[i]
			l.remember(n.ID, &n)
		}
	}
}

// list records that the current field lists the nodes, making them a
// cohort, and caches them.
func (l *loaders) list(ctx context.Context, ns ...graph.Node) { l.listAt(ctx, "", ns...) }

// listAt is list for the field at suffix below the current one (a result
// type that holds nodes: ".nodes.node" of a subgraph).
func (l *loaders) listAt(ctx context.Context, suffix string, ns ...graph.Node) {
	l.prime(ns...)
	l.registerAt(ctx, suffix, ns)
}

// listCut is listAt for nodes read cut to p (graph.ListQuery.Fields and
// the like): partial nodes are made the cohort but never cached, so that
// only the fields the projection was made for read them. A nil p is
// listAt.
func (l *loaders) listCut(ctx context.Context, suffix string, p *graph.Projection, ns []graph.Node) {
	if p == nil {
		l.listAt(ctx, suffix, ns...)
		return
	}
	l.registerAt(ctx, suffix, ns)
}

// registerAt makes the nodes the cohort of the field at suffix below the
// current one, without caching them.
func (l *loaders) registerAt(ctx context.Context, suffix string, ns []graph.Node) {
	path, ok := fieldPath(ctx)
	if !ok {
		return
	}
	path += suffix
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	l.register(path, newCohort(ids))
}

// register makes c the cohort at path, unless there is one.
func (l *loaders) register(path string, c *cohort) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.places[path].cohort == nil {
		l.setPlace(path, func(p *place) { p.cohort = c })
	}
}

// edgesOf returns the edges of the node id selected by dir and types, in
// CompareEdges order, and the nodes at their other ends, one for each edge
// (nil where an end does not exist). It is meant for relationship fields
// of the node: it reads through id's cohort when there is one, and lists
// the other ends as the current field's cohort.
func (l *loaders) edgesOf(ctx context.Context, id string, dir graph.Direction, types ...graph.EdgeType) ([]graph.Edge, []*graph.Node, error) {
	sel := selOf(dir, types)
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		es, ends, err := l.fetch(ctx, sel, id)
		if err != nil {
			return nil, nil, err
		}
		return es, others(id, es, ends), nil
	}
	field := namePath(fc)
	key, c := l.cohortOf(parentOf(field), id)
	if c == nil {
		// No cohort: this node's own fetch, of what the field asks only.
		es, ends, err := l.fetch(ctx, sel, id)
		if err != nil {
			return nil, nil, err
		}
		l.mu.Lock()
		l.listLocked(field, map[string][]graph.Edge{id: es}, []string{id}, every)
		l.mu.Unlock()
		return es, others(id, es, ends), nil
	}
	f, err := l.fly(ctx, key, c, fc)
	if err != nil {
		return nil, nil, err
	}
	if !f.sel.covers(sel) || (f.cut != nil && !f.cut.fields[fc.Field.Field]) {
		// A field its level's plan does not know: its own fetch.
		es, ends, err := l.fetch(ctx, sel, id)
		if err != nil {
			return nil, nil, err
		}
		return es, others(id, es, ends), nil
	}
	all := f.edges[id]
	es := make([]graph.Edge, 0, len(all))
	for i := range all {
		if sel.match(&all[i], id) {
			es = append(es, all[i])
		}
	}
	l.mu.Lock()
	l.listLocked(field, f.edges, c.ids, sel)
	l.mu.Unlock()
	return es, others(id, es, f.ends), nil
}

// fetch reads the edges of one node that sel selects, and their ends, and
// caches the ends.
func (l *loaders) fetch(ctx context.Context, sel edgeSel, id string) ([]graph.Edge, map[string]*graph.Node, error) {
	m, ends, err := l.store.EdgesAndEnds(ctx, sel.query([]string{id}))
	if err != nil {
		return nil, nil, err
	}
	l.mu.Lock()
	for oid, n := range ends {
		l.remember(oid, n)
	}
	l.mu.Unlock()
	return m[id], ends, nil
}

func others(id string, es []graph.Edge, ends map[string]*graph.Node) []*graph.Node {
	out := make([]*graph.Node, len(es))
	for i := range es {
		out[i] = ends[es[i].Key().Other(id)]
	}
	return out
}

// listLocked records, once per field path, what the field lists over the
// cohort ids whose edges are edges: the edges sel selects and the cohort of
// their other ends.
func (l *loaders) listLocked(field string, edges map[string][]graph.Edge, ids []string, sel edgeSel) {
	if l.places[field].listing != nil {
		return
	}
	n := 0 // at most
	for _, id := range ids {
		n += len(edges[id])
	}
	ls := &listing{edges: make([]*graph.Edge, 0, n)}
	next := make([]string, 0, n)
	for _, id := range ids {
		es := edges[id]
		for i := range es {
			if sel.match(&es[i], id) {
				ls.edges = append(ls.edges, &es[i])
				next = append(next, es[i].Key().Other(id))
			}
		}
	}
	ls.next = newCohort(next)
	l.setPlace(field, func(p *place) {
		p.listing = ls
		if p.cohort == nil {
			p.cohort = ls.next
		}
	})
}

// cohortOf finds the cohort id belongs to: the one registered at the
// longest prefix of parent (the path of the object whose field is being
// resolved) that holds id.
func (l *loaders) cohortOf(parent string, id string) (string, *cohort) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for key := parent; key != ""; key = parentOf(key) {
		if c := l.places[key].cohort; c != nil && c.contains(id) {
			return key, c
		}
	}
	return "", nil
}

// fly runs the flight of the cohort at key, reading what the level of the
// relationship field fc follows (its level's plan: levelPlan), or
// waits for the one under way.
func (l *loaders) fly(ctx context.Context, key string, c *cohort, fc *graphql.FieldContext) (*flight, error) {
	l.mu.Lock()
	f := l.places[key].flight
	ok := f != nil
	if !ok {
		p := levelPlan(ctx, fc)
		f = &flight{done: make(chan struct{}), sel: every, cut: p.cut}
		if p.known {
			f.sel = p.sel
		}
		l.setPlace(key, func(p *place) { p.flight = f })
	}
	l.mu.Unlock()
	if ok {
		return f, f.wait(ctx)
	}
	defer close(f.done)
	f.edges, f.ends, f.err = edgesAndEnds(ctx, l.store, f.sel, f.cut, c.ids)
	if f.err != nil || f.cut != nil {
		return f, f.err // partial nodes stay out of the cache
	}
	l.mu.Lock()
	for id, n := range f.ends {
		l.remember(id, n)
	}
	l.mu.Unlock()
	return f, nil
}

// landed records the flight of the cohort at path as landed with edges
// and ends, the edges sel selects of its members and the nodes at their
// other ends (as cut reads them, for its fields, when set: selectionEnds),
// read with the cohort (Store.ListNodesAndEdges), so that the
// relationship fields below read from it; whole ends are cached. A flight
// already there stays.
func (l *loaders) landed(path string, sel edgeSel, cut *levelCut, edges map[string][]graph.Edge, ends map[string]*graph.Node) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.places[path].flight != nil {
		return
	}
	f := &flight{done: make(chan struct{}), sel: sel, edges: edges, ends: ends, cut: cut}
	close(f.done)
	l.setPlace(path, func(p *place) { p.flight = f })
	if cut != nil {
		return // partial nodes stay out of the cache
	}
	for id, n := range ends {
		l.remember(id, n)
	}
}

// named returns the node that a property of e names (a RAPPORTEUR edge's
// committee), or nil. The nodes that the property names on every edge
// listed at the same place as e are fetched together, in one call.
func (l *loaders) named(ctx context.Context, e graph.Edge, prop func(graph.Edge) string) (*graph.Node, error) {
	id := prop(e)
	if id == "" {
		return nil, nil
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return l.node(ctx, id)
	}
	field := namePath(fc)
	parent := parentOf(field)

	l.mu.Lock()
	if n, ok := l.cached(id); ok {
		l.mu.Unlock()
		return n, nil
	}
	ls := l.places[parent].listing
	if ls == nil || !ls.has(e) {
		l.mu.Unlock()
		return l.node(ctx, id)
	}
	f := l.places[field].batch
	if f == nil {
		f = &flight{done: make(chan struct{})}
		l.setPlace(field, func(p *place) { p.batch = f })
		set := map[string]bool{}
		var ids []string
		for _, x := range ls.edges {
			if n := prop(*x); n != "" && !set[n] {
				if !l.holds(n) {
					set[n] = true
					ids = append(ids, n)
				}
			}
		}
		slices.Sort(ids)
		l.mu.Unlock()
		ns, err := getNodes(ctx, l.store, ids)
		l.mu.Lock()
		for i, n := range ns {
			l.remember(ids[i], n)
		}
		l.mu.Unlock()
		f.err = err
		close(f.done)
	} else {
		l.mu.Unlock()
	}
	if err := f.wait(ctx); err != nil {
		return nil, err
	}
	l.mu.Lock()
	n, ok := l.cached(id)
	l.mu.Unlock()
	if !ok {
		return l.node(ctx, id)
	}
	return n, nil
}

// fieldPath is the current field's response path without list indexes:
// "documents.nodes.cites".
func fieldPath(ctx context.Context) (string, bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return "", false
	}
	return namePath(fc), true
}

// namePath is fc's response path without list indexes, built in one
// allocation: every relationship field of every object asks for it.
func namePath(fc *graphql.FieldContext) string {
	var stack [16]string
	names := stack[:0]
	n := 0
	for it := fc; it != nil; it = it.Parent {
		if it.Index == nil && it.Field.Field != nil {
			names = append(names, it.Field.Alias)
			n += len(it.Field.Alias) + 1
		}
	}
	if len(names) == 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(n - 1)
	for i := len(names) - 1; i >= 0; i-- {
		b.WriteString(names[i])
		if i > 0 {
			b.WriteByte('.')
		}
	}
	return b.String()
}

// parentOf is the path of the object whose field path is: path without its
// last name.
func parentOf(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}
