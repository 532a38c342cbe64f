package embedded

import (
	"context"
	"fmt"
	"slices"

	"github.com/issgraph/issgraph/graph"
	_ "github.com/issgraph/issgraph/graph/ref" // reference conditions read any spelling (graph.RegisterReferences)
)

// The analyst queries (graph.Querier) on the in-memory maps. A query is
// normalised by graph, then evaluated by graph.Where.Match, this file
// answering its relationship conditions from the edge maps. Candidates
// come from the narrowest index a query's top level allows (seeds): the
// ids it names, the reference index, or the nodes along a relationship
// from such seeds (documents that cite COM(2010) 673 are the documents at
// the other end of that one's incoming CITES edges); otherwise the kind
// index. Matches are then sorted by graph.ComparePositions and cut by
// graph.Paging.Window, so both stores page alike.

// pollEvery is how many steps (nodes tried, edges followed) evaluation
// takes between looks at the context: a relationship condition over a
// large fan-out ends at the request's deadline instead of running on.
const pollEvery = 1024

// evaluator answers relationship conditions for graph.Where.Match, under
// the read lock, and remembers the context error that stopped it.
type evaluator struct {
	s     *Store
	ctx   context.Context
	steps int
	err   error
}

// step counts one unit of work and reports whether to go on.
func (ev *evaluator) step() bool {
	if ev.err != nil {
		return false
	}
	ev.steps++
	if ev.steps%pollEvery == 0 {
		ev.err = ev.ctx.Err()
	}
	return ev.err == nil
}

// hopEdges calls fn with each edge along h at id and the node at its
// other end (of one of h.Kinds; nil Kinds, which only reverse makes, is
// any kind), until fn returns false or the context ends. Reading an edge
// from the adjacency allocates nothing (core.go).
func (ev *evaluator) hopEdges(id string, h graph.Hop, fn func(e graph.Edge, other graph.Node) bool) {
	i, ok := ev.s.ids[id]
	if !ok {
		return
	}
	ev.s.eachEdge(i, typesOf([]graph.EdgeType{h.Type}), h.Dir, func(e graph.Edge, o uint32) bool {
		if !ev.step() {
			return false
		}
		other := ev.s.nodes[o].node
		if h.Kinds != nil && !slices.Contains(h.Kinds, other.Kind) {
			return true
		}
		return fn(e, other)
	})
}

// rel is the graph.RelMatcher of the store.
func (ev *evaluator) rel(r graph.RelCond, n graph.Node) bool {
	// Some stops at the first edge that matches, None and All at the
	// first that decides against them.
	result := r.Quant != graph.Some
	ev.hopEdges(n.ID, r.Hop, func(e graph.Edge, other graph.Node) bool {
		ok := (r.Edge.IsZero() || r.Edge.MatchEdge(e)) && r.Where.Match(other, ev.rel)
		switch {
		case r.Quant == graph.Some && ok:
			result = true
			return false
		case r.Quant == graph.None && ok, r.Quant == graph.All && !ok:
			result = false
			return false
		}
		return true
	})
	return result && ev.err == nil
}

// reverse is h walked from the other end: the edges of the same type in
// the other direction.
func reverse(h graph.Hop) graph.Hop {
	switch h.Dir {
	case graph.Out:
		h.Dir = graph.In
	case graph.In:
		h.Dir = graph.Out
	}
	h.Kinds = nil // any kind: the caller checks the candidates' kinds
	return h
}

// seeds returns a set of node ids that holds every node matching w, when
// w's top level allows one smaller than a kind: the ids of an id
// condition, the nodes a reference condition names, or the nodes along a
// Some relationship from the seeds of its Where. ok is false when w gives
// none.
func (ev *evaluator) seeds(w graph.Where) (ids map[string]struct{}, ok bool) {
	better := func(set map[string]struct{}) {
		if !ok || len(set) < len(ids) {
			ids, ok = set, true
		}
	}
	for _, c := range w.Conds {
		var vals []any
		switch {
		case c.Op == graph.OpEq:
			vals = []any{c.Value}
		case c.Op == graph.OpIn:
			vals = c.Values
		default:
			continue
		}
		switch c.Field {
		case graph.IDField:
			set := map[string]struct{}{}
			for _, v := range vals {
				if id, _ := v.(string); id != "" {
					set[id] = struct{}{}
				}
			}
			better(set)
		case graph.ReferenceField:
			set := map[string]struct{}{}
			for _, v := range vals {
				r, _ := v.(string)
				for _, i := range ev.s.refs[r] {
					set[ev.s.nodes[i].node.ID] = struct{}{}
				}
			}
			better(set)
		}
	}
	// Every And is a conjunct too: its seeds hold every match as well.
	for _, x := range w.And {
		if set, found := ev.seeds(x); found {
			better(set)
		}
	}
	for _, r := range w.Rels {
		if r.Quant != graph.Some {
			continue
		}
		inner, found := ev.seeds(r.Where)
		if !found {
			continue
		}
		set := map[string]struct{}{}
		for id := range inner {
			ev.hopEdges(id, reverse(r.Hop), func(_ graph.Edge, other graph.Node) bool {
				set[other.ID] = struct{}{}
				return true
			})
		}
		better(set)
	}
	return ids, ok
}

// candidates calls fn with each node that may match w among kinds (empty:
// every kind), until fn returns false or the context ends.
func (ev *evaluator) candidates(kinds []graph.Kind, w graph.Where, fn func(graph.Node) bool) {
	if ids, ok := ev.seeds(w); ok {
		for id := range ids {
			n, ok := ev.s.node(id)
			if !ok || len(kinds) > 0 && !slices.Contains(kinds, n.Kind) {
				continue
			}
			if !ev.step() || !fn(n) {
				return
			}
		}
		return
	}
	if len(kinds) == 0 {
		ev.s.eachNode(func(n graph.Node) bool { return ev.step() && fn(n) })
		return
	}
	for _, k := range kinds {
		stopped := false
		ev.s.eachOfKind(k, func(n graph.Node) bool {
			stopped = !ev.step() || !fn(n)
			return !stopped
		})
		if stopped {
			return
		}
	}
}

// item is one match of a list, with its position.
type item struct {
	pos  graph.Position
	node graph.Node
	edge *graph.Edge
}

// page sorts the matches, and cuts out p's page.
func page(items []item, os []graph.Order, p graph.Paging) (graph.Window, []item) {
	slices.SortFunc(items, func(a, b item) int { return graph.ComparePositions(a.pos, b.pos, os) })
	lo, hi := 0, len(items)
	if a := p.AfterPos(); a != nil {
		lo, _ = slices.BinarySearchFunc(items, *a, func(it item, pos graph.Position) int {
			if graph.ComparePositions(it.pos, pos, os) <= 0 {
				return -1
			}
			return 1
		})
	}
	if b := p.BeforePos(); b != nil {
		hi, _ = slices.BinarySearchFunc(items, *b, func(it item, pos graph.Position) int {
			if graph.ComparePositions(it.pos, pos, os) < 0 {
				return -1
			}
			return 1
		})
	}
	w := p.Window(len(items), lo, hi)
	return w, items[w.Start:w.End]
}

// Find returns one page of the nodes that match q.
func (s *Store) Find(ctx context.Context, q graph.Query) (graph.Page, error) {
	q, err := q.Normalize()
	if err != nil {
		return graph.Page{}, fmt.Errorf("embedded: find: %w", err)
	}
	var out graph.Page
	err = s.read(ctx, "find", func() error {
		ev := &evaluator{s: s, ctx: ctx}
		var items []item
		ev.candidates(q.Kinds, q.Where, func(n graph.Node) bool {
			if q.Where.Match(n, ev.rel) {
				items = append(items, item{pos: graph.PositionOf(n, nil, q.Sort), node: n})
			}
			return true
		})
		if ev.err != nil {
			return fmt.Errorf("embedded: find: %w", ev.err)
		}
		w, pg := page(items, q.Sort, q.Paging)
		out = graph.Page{TotalCount: len(items), HasPrevPage: w.Start > 0, HasNextPage: w.End < len(items)}
		for _, it := range pg {
			if q.Fields != nil {
				out.Nodes = append(out.Nodes, q.Fields.Of(it.node))
			} else {
				out.Nodes = append(out.Nodes, it.node.Clone())
			}
		}
		if len(out.Nodes) > 0 {
			out.StartCursor = q.CursorOf(out.Nodes[0])
			out.EndCursor = q.CursorOf(out.Nodes[len(out.Nodes)-1])
		}
		return nil
	})
	return out, err
}

// related calls fn with each item of id's relationship list along h whose
// edge matches edge and other end matches where.
func (ev *evaluator) related(id string, h graph.Hop, edge, where graph.Where, fn func(e graph.Edge, other graph.Node)) {
	ev.hopEdges(id, h, func(e graph.Edge, other graph.Node) bool {
		if edge.MatchEdge(e) && where.Match(other, ev.rel) {
			fn(e, other)
		}
		return true
	})
}

// Related returns one page of the relationship list of each id.
func (s *Store) Related(ctx context.Context, q graph.RelQuery) ([]graph.RelPage, error) {
	q, err := q.Normalize()
	if err != nil {
		return nil, fmt.Errorf("embedded: related: %w", err)
	}
	out := make([]graph.RelPage, len(q.IDs))
	err = s.read(ctx, "related", func() error {
		ev := &evaluator{s: s, ctx: ctx}
		for i, id := range q.IDs {
			var items []item
			ev.related(id, q.Hop, q.Edge, q.Where, func(e graph.Edge, other graph.Node) {
				items = append(items, item{pos: graph.PositionOf(other, &e, q.Sort), node: other, edge: &e})
			})
			if ev.err != nil {
				return fmt.Errorf("embedded: related: %w", ev.err)
			}
			w, pg := page(items, q.Sort, q.Paging)
			rp := graph.RelPage{TotalCount: len(items), HasPrevPage: w.Start > 0, HasNextPage: w.End < len(items)}
			for _, it := range pg {
				rp.Items = append(rp.Items, graph.Related{Edge: it.edge.Clone(), Node: it.node.Clone()})
			}
			if n := len(rp.Items); n > 0 {
				rp.StartCursor = q.CursorOf(rp.Items[0])
				rp.EndCursor = q.CursorOf(rp.Items[n-1])
			}
			out[i] = rp
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Aggregate returns the aggregates of q's node list, or of each id's
// relationship list.
func (s *Store) Aggregate(ctx context.Context, q graph.AggQuery) ([]graph.Aggregate, error) {
	q, err := q.Normalize()
	if err != nil {
		return nil, fmt.Errorf("embedded: aggregate: %w", err)
	}
	var out []graph.Aggregate
	err = s.read(ctx, "aggregate", func() error {
		ev := &evaluator{s: s, ctx: ctx}
		if q.Rel == nil {
			a := graph.NewAggregator(q)
			ev.candidates(q.Kinds, q.Where, func(n graph.Node) bool {
				if q.Where.Match(n, ev.rel) {
					a.Add(n, nil)
				}
				return true
			})
			out = []graph.Aggregate{a.Result()}
		} else {
			for _, id := range q.IDs {
				a := graph.NewAggregator(q)
				ev.related(id, *q.Rel, q.Edge, q.Where, func(e graph.Edge, other graph.Node) { a.Add(other, &e) })
				out = append(out, a.Result())
			}
		}
		if ev.err != nil {
			return fmt.Errorf("embedded: aggregate: %w", ev.err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
