package resolvers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/99designs/gqlgen/graphql"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/model"
)

// The query language's resolvers: node lists (Store's Querier.Find),
// relationship connections (Related, batched per place in the response)
// and aggregates (Aggregate). The generated resolvers call these with the
// name of the target the schema gives them.

// paging reads Relay's arguments. An explicit first or last below 1 is
// refused, as before the query language.
func paging(first *int, after *string, last *int, before *string) (graph.Paging, error) {
	var p graph.Paging
	if first != nil {
		if *first < 1 {
			return p, badInput("first", "must be between 1 and %d", graph.MaxPageSize)
		}
		p.First = *first
	}
	if last != nil {
		if *last < 1 {
			return p, badInput("last", "must be between 1 and %d", graph.MaxPageSize)
		}
		p.Last = *last
	}
	if after != nil {
		p.After = *after
	}
	if before != nil {
		p.Before = *before
	}
	return p, nil
}

// legacyWhere turns the older filter input into conditions of the query
// language, which answers both.
func legacyWhere(f *graph.Filter) graph.Where {
	var w graph.Where
	if f == nil {
		return w
	}
	add := func(field string, op graph.Op, v any) {
		w.Conds = append(w.Conds, graph.Cond{Field: field, Op: op, Value: v})
	}
	if f.Text != "" {
		add(graph.NameField, graph.OpContains, f.Text)
	}
	if f.Type != "" {
		add("type", graph.OpEq, f.Type)
	}
	if f.Reference != "" {
		add(graph.ReferenceField, graph.OpEq, f.Reference)
	}
	if f.DateFrom != nil {
		add("date", graph.OpGte, *f.DateFrom)
	}
	if f.DateTo != nil {
		add("date", graph.OpLte, *f.DateTo)
	}
	if f.IDPrefix != "" {
		add(graph.IDField, graph.OpStartsWith, f.IDPrefix)
	}
	return w
}

// listArgs are a list field's arguments.
type listArgs struct {
	filter        *graph.Filter
	where         map[string]any
	sort          []map[string]any
	first, last   *int
	after, before *string
}

// findNodes answers a node list of the target named t (kind narrows Node
// to one kind): one page, and the aggregate query of the whole list.
func (r *Resolver) findNodes(ctx context.Context, t string, kind *graph.Kind, a listArgs) (graph.Page, graph.Query, *graph.AggQuery, error) {
	tg := targetNamed(t)
	q := graph.Query{Kinds: tg.kinds}
	if kind != nil {
		q.Kinds = []graph.Kind{*kind}
	}
	var err error
	if q.Where, err = whereOf(tg, a.where, "where"); err != nil {
		return graph.Page{}, q, nil, err
	}
	if f := a.filter; f != nil && f.DateFrom != nil && f.DateTo != nil && f.DateTo.Last().Before(f.DateFrom.First()) {
		return graph.Page{}, q, nil, badInput("filter.dateTo", "before dateFrom")
	}
	if f := a.filter; f != nil && f.Reference != "" && len(q.Kinds) == 1 {
		// A reference must name the kind listed; an event carries the
		// reference of the document it produced.
		want := q.Kinds[0]
		if want == graph.Event {
			want = graph.Document
		}
		if _, err := canonicalRef("filter.reference", f.Reference, want); err != nil {
			return graph.Page{}, q, nil, err
		}
	}
	if legacy := legacyWhere(a.filter); !legacy.IsZero() {
		q.Where.And = append(q.Where.And, legacy)
	}
	if q.Sort, err = orders(a.sort, "sort"); err != nil {
		return graph.Page{}, q, nil, err
	}
	if q.Paging, err = paging(a.first, a.after, a.last, a.before); err != nil {
		return graph.Page{}, q, nil, err
	}
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Field.Field != nil {
		// Only what the connection's selection reads of its nodes: they
		// are then partial, listed but not cached.
		q.Fields = planOf(ctx, fc.Field.Selections).conn
	}
	if q, err = q.Normalize(); err != nil {
		return graph.Page{}, q, nil, err
	}
	page, err := r.store.Find(ctx, q)
	if err != nil {
		return page, q, nil, err
	}
	r.loadersFor(ctx).listCut(ctx, "", q.Fields, page.Nodes)
	return page, q, &graph.AggQuery{Kinds: q.Kinds, Where: q.Where}, nil
}

// nodeConnection turns a page into the parts of a Relay connection. The
// edges, and the cursor of each node, are made only when the connection's
// field selects them.
func nodeConnection[V, E any](ctx context.Context, page graph.Page, q graph.Query, view func(graph.Node) V, edge func(cursor string, v V) E) ([]E, []V, *model.PageInfo) {
	var edges []E
	if selects(ctx, "edges") {
		edges = make([]E, len(page.Nodes))
	}
	nodes := make([]V, len(page.Nodes))
	for i, n := range page.Nodes {
		nodes[i] = view(n)
		if edges != nil {
			edges[i] = edge(q.CursorOf(n), nodes[i])
		}
	}
	return edges, nodes, pageInfo(page.HasNextPage, page.HasPrevPage, page.StartCursor, page.EndCursor)
}

func pageInfo(next, prev bool, start, end string) *model.PageInfo {
	info := &model.PageInfo{HasNextPage: next, HasPreviousPage: prev}
	if start != "" {
		info.StartCursor = &start
	}
	if end != "" {
		info.EndCursor = &end
	}
	return info
}

// relPage is one node's page of a relationship connection, with the query
// that made it.
type relPage struct {
	page graph.RelPage
	q    graph.RelQuery
	agg  *graph.AggQuery
}

// relatedPage answers the connection of the relationship field name of n:
// one Related call for every node listed at the same place of the
// response, with the same arguments.
func (r *Resolver) relatedPage(ctx context.Context, n graph.Node, name string, a listArgs) (relPage, error) {
	f, err := fieldOf(n, name)
	if err != nil {
		return relPage{}, err
	}
	if len(f.Types) != 1 {
		return relPage{}, fmt.Errorf("field %q follows several edge types and has no connection", name)
	}
	rq := graph.RelQuery{Hop: graph.Hop{Type: f.Types[0], Dir: f.Dir, Kinds: f.Ends()}}
	if rw := asMap(a.where); rw != nil {
		if nw := asMap(rw["node"]); nw != nil {
			if rq.Where, err = whereOf(targetOfField(f), nw, "where.node"); err != nil {
				return relPage{}, err
			}
		}
		if ew := asMap(rw["edge"]); ew != nil {
			if rq.Edge, err = edgeWhereOf(ew, "where.edge"); err != nil {
				return relPage{}, err
			}
		}
	}
	if rq.Sort, err = orders(a.sort, "sort"); err != nil {
		return relPage{}, err
	}
	if rq.Paging, err = paging(a.first, a.after, a.last, a.before); err != nil {
		return relPage{}, err
	}
	rq.IDs = []string{n.ID}
	if rq, err = rq.Normalize(); err != nil {
		return relPage{}, err
	}
	sig, err := signature("rel", rq.Hop, rq.Where, rq.Edge, rq.Sort, rq.First, rq.After, rq.Last, rq.Before)
	if err != nil {
		return relPage{}, err
	}
	l := r.loadersFor(ctx)
	got, err := l.batched(ctx, n.ID, sig, func(ids []string) (map[string]any, error) {
		out := map[string]any{}
		for start := 0; start < len(ids); start += graph.MaxBatchIDs {
			bq := rq
			bq.IDs = ids[start:min(start+graph.MaxBatchIDs, len(ids))]
			pages, err := r.store.Related(ctx, bq)
			if err != nil {
				return nil, err
			}
			if len(pages) != len(bq.IDs) {
				return nil, fmt.Errorf("Related returned %d pages for %d ids", len(pages), len(bq.IDs))
			}
			var others []graph.Node
			for i, p := range pages {
				out[bq.IDs[i]] = p
				for _, it := range p.Items {
					others = append(others, it.Node)
				}
			}
			l.prime(others...)
		}
		return out, nil
	}, "nodes", "edges.node")
	if err != nil {
		return relPage{}, err
	}
	page, _ := got.(graph.RelPage)
	hop := rq.Hop
	return relPage{page: page, q: rq, agg: &graph.AggQuery{IDs: []string{n.ID}, Rel: &hop, Edge: rq.Edge, Where: rq.Where}}, nil
}

// relConnection turns a relationship page into the parts of its
// connection; the edges only when selected, as nodeConnection.
func relConnection[V, E any](ctx context.Context, p relPage, view func(graph.Node) V, edge func(cursor string, v V, rel *graph.Relationship) E) ([]E, []V, *model.PageInfo) {
	var edges []E
	withEdges := selects(ctx, "edges")
	if withEdges {
		edges = make([]E, 0, len(p.page.Items))
	}
	nodes := make([]V, 0, len(p.page.Items))
	self := p.q.IDs[0]
	for _, it := range p.page.Items {
		v := view(it.Node)
		nodes = append(nodes, v)
		if withEdges {
			rel := graph.RelationshipOf(it.Edge, self)
			edges = append(edges, edge(p.q.CursorOf(it), v, &rel))
		}
	}
	return edges, nodes, pageInfo(p.page.HasNextPage, p.page.HasPrevPage, p.page.StartCursor, p.page.EndCursor)
}

// signature identifies a query's arguments, so that the nodes at one place
// of the response that ask the same share one batched call.
func signature(parts ...any) (string, error) {
	b, err := json.Marshal(parts)
	return string(b), err
}

// aggregate answers an aggregate of the list q describes, batched like
// relationship connections. Without group, it is the count and the min
// and max the query selects of the aggregate (requestedRanges), so that
// count, min and max share one call.
func (r *Resolver) aggregate(ctx context.Context, q *graph.AggQuery, group []graph.GroupKey) (graph.Aggregate, error) {
	if q == nil {
		return graph.Aggregate{}, errors.New("aggregate of no list")
	}
	aq := *q
	aq.GroupBy = group
	if group == nil {
		aq.Min, aq.Max = requestedRanges(ctx)
	}
	var id string
	if len(aq.IDs) == 1 {
		id = aq.IDs[0]
	}
	n, err := aq.Normalize()
	if err != nil {
		return graph.Aggregate{}, err
	}
	// The store normalises the query again; a normalised relationship
	// aggregate has its kinds filled in, which a second Normalize refuses,
	// so the store gets the query as built (checked above).
	if aq.Rel == nil {
		as, err := r.store.Aggregate(ctx, aq)
		if err != nil || len(as) != 1 {
			return graph.Aggregate{}, errors.Join(err, errIf(len(as) != 1, "Aggregate returned %d answers for one list", len(as)))
		}
		return as[0], nil
	}
	sig, err := signature("agg", n.Rel, n.Where, n.Edge, n.Min, n.Max, n.GroupBy)
	if err != nil {
		return graph.Aggregate{}, err
	}
	got, err := r.loadersFor(ctx).batched(ctx, id, sig, func(ids []string) (map[string]any, error) {
		out := map[string]any{}
		for start := 0; start < len(ids); start += graph.MaxBatchIDs {
			bq := aq
			bq.IDs = ids[start:min(start+graph.MaxBatchIDs, len(ids))]
			as, err := r.store.Aggregate(ctx, bq)
			if err != nil {
				return nil, err
			}
			if len(as) != len(bq.IDs) {
				return nil, fmt.Errorf("Aggregate returned %d answers for %d ids", len(as), len(bq.IDs))
			}
			for i, a := range as {
				out[bq.IDs[i]] = a
			}
		}
		return out, nil
	})
	if err != nil {
		return graph.Aggregate{}, err
	}
	a, _ := got.(graph.Aggregate)
	return a, nil
}

func errIf(cond bool, format string, args ...any) error {
	if !cond {
		return nil
	}
	return fmt.Errorf(format, args...)
}

// requestedRanges are the fields the query selects of the min and max of
// the aggregate whose field (count, min, max) is being resolved.
func requestedRanges(ctx context.Context) (min, max []graph.AggField) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Parent == nil || !graphql.HasOperationContext(ctx) {
		return nil, nil
	}
	oc := graphql.GetOperationContext(ctx)
	for _, f := range graphql.CollectFields(oc, fc.Parent.Field.Selections, nil) {
		if f.Name != "min" && f.Name != "max" {
			continue
		}
		var fields []graph.AggField
		for _, sub := range graphql.CollectFields(oc, f.Selections, nil) {
			if sub.Name != "__typename" && !slices.ContainsFunc(fields, func(a graph.AggField) bool { return a.Field == sub.Name }) {
				fields = append(fields, graph.AggField{Field: sub.Name})
			}
		}
		if f.Name == "min" {
			min = append(min, fields...)
		} else {
			max = append(max, fields...)
		}
	}
	return min, max
}

// aggValues are the min or max values of an aggregate as the schema's map
// type holds them.
func aggValues(vals map[string]any) map[string]any {
	out := make(map[string]any, len(vals))
	for k, v := range vals {
		out[k] = apiValue(v)
	}
	return out
}

// apiValue is a query result's value as gqlgen marshals it.
func apiValue(v any) any {
	switch x := v.(type) {
	case int64:
		return int(x)
	case graph.Date:
		return x
	}
	return v
}

// groups answers groupBy.
func (r *Resolver) groups(ctx context.Context, q *graph.AggQuery, by []map[string]any) ([]map[string]any, bool, error) {
	keys, err := groupKeys(by, "by")
	if err != nil {
		return nil, false, err
	}
	if len(keys) == 0 {
		return nil, false, badInput("by", "give at least one key")
	}
	a, err := r.aggregate(ctx, q, keys)
	if err != nil {
		return nil, false, err
	}
	out := make([]map[string]any, len(a.Groups))
	for i, g := range a.Groups {
		m := map[string]any{"count": g.Count}
		edge := map[string]any{}
		for j, k := range keys {
			if j >= len(g.Keys) || g.Keys[j] == nil {
				continue
			}
			v := apiValue(g.Keys[j])
			switch {
			case k.Edge:
				edge[k.Field] = v
			case k.Field == graph.KindField:
				if s, ok := v.(string); ok {
					v = graph.Kind(s)
				}
				m["kind"] = v
			default:
				m[k.Field] = v
			}
		}
		if len(edge) > 0 {
			m["edge"] = edge
		}
		out[i] = m
	}
	return out, a.Truncated, nil
}

// batch is one batched call of the query language for the nodes listed at
// one place of the response: a result per node id.
type batch struct {
	done chan struct{}
	res  map[string]any
	err  error
}

// batched returns run's result for id, calling run once for every node
// listed with id at the same place of the response (its cohort) that asks
// with the same signature. The nodes in the results become the cohorts of
// the paths under the current field named by sub ("nodes",
// "edges.node"), so that their own fields batch in turn.
func (l *loaders) batched(ctx context.Context, id, sig string, run func(ids []string) (map[string]any, error), sub ...string) (any, error) {
	ids, key := []string{id}, "#"+id
	path, ok := fieldPath(ctx)
	if ok {
		if k, c := l.cohortOf(parentOf(path), id); c != nil {
			ids, key = c.ids, k
		}
	}
	// A relationship page's key is its field; an aggregate's is the
	// aggregate, so that its count, min and max share one call.
	at := path
	if len(sub) == 0 {
		at = parentOf(path)
	}
	key += "\x00" + at + "\x00" + sig
	l.mu.Lock()
	b, waiting := l.queries[key]
	if !waiting {
		b = &batch{done: make(chan struct{})}
		put(&l.queries, key, b)
	}
	l.mu.Unlock()
	if waiting {
		if err := waitFor(ctx, b.done); err != nil {
			return nil, err
		}
	} else {
		b.res, b.err = run(ids)
		if b.err == nil && ok && len(sub) > 0 {
			var others []string
			for _, v := range b.res {
				if p, isPage := v.(graph.RelPage); isPage {
					for _, it := range p.Items {
						others = append(others, it.Node.ID)
					}
				}
			}
			for _, s := range sub {
				l.register(path+"."+s, newCohort(others))
			}
		}
		close(b.done)
	}
	if b.err != nil {
		return nil, b.err
	}
	return b.res[id], nil
}

// groupCount and groupEdge read a group the groups function made.
func groupCount(g map[string]any) int {
	n, _ := g["count"].(int)
	return n
}

func groupEdge(g map[string]any) map[string]any {
	e, _ := g["edge"].(map[string]any)
	return e
}
