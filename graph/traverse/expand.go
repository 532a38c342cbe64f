package traverse

import (
	"context"
	"slices"

	"github.com/issgraph/issgraph/graph"
)

// Expand returns what a view lacks around the nodes q.IDs (see
// graph.ExpandQuery and graph.Expansion): the nodes of q.IDs it does not
// hold, up to q.Limit of their neighbours (reached over q.Types, of
// q.Kinds, in id order), every relationship joining one of those to the
// view, and how many neighbours each affected node still hides.
//
// It costs at most four batched reads: the edges of q.IDs, those of the
// neighbours added, those of the view's nodes that gained a relationship,
// and the nodes and degrees of what it returns.
//
// An unknown id in q.IDs is a *graph.ValidationError of field "ids".
func Expand(ctx context.Context, r Reader, q graph.ExpandQuery) (graph.Expansion, error) {
	const op = "expand"
	q, err := q.Normalize()
	if err != nil {
		return graph.Expansion{}, err
	}
	found, err := nodes(ctx, r, op, q.IDs)
	if err != nil {
		return graph.Expansion{}, err
	}
	for _, id := range q.IDs {
		if _, ok := found[id]; !ok {
			return graph.Expansion{}, noNode("ids", id)
		}
	}
	view := setOf(q.Exclude)
	// Every type is read: the hidden counts are over every type, and
	// the neighbours' filter is applied here.
	es, err := edges(ctx, r, op, q.IDs, nil, graph.Both)
	if err != nil {
		return graph.Expansion{}, err
	}

	dist := map[string]int{} // the nodes returned
	var fresh []string
	for _, id := range q.IDs {
		if !view[id] {
			dist[id] = 0
			fresh = append(fresh, id)
		}
	}
	types := setOf(q.Types)
	kinds := setOf(q.Kinds)
	cand := map[string]bool{}
	for _, id := range q.IDs {
		for _, e := range es[id] {
			v := e.Key().Other(id)
			if _, in := dist[v]; in || view[v] || (len(types) > 0 && !types[e.Type]) {
				continue
			}
			if k, _ := graph.KindOfID(v); len(kinds) > 0 && !kinds[k] {
				continue
			}
			cand[v] = true
		}
	}
	next := sortedKeys(cand)
	truncated := len(next) > q.Limit
	next = next[:min(len(next), q.Limit)]
	for _, v := range next {
		dist[v] = 1
	}
	more, err := edges(ctx, r, op, next, nil, graph.Both)
	if err != nil {
		return graph.Expansion{}, err
	}
	for id, e := range more {
		es[id] = e
	}

	// The relationships that join a new node to the view or to another
	// new node, and the view's nodes they reach.
	inView := func(id string) bool { _, in := dist[id]; return in || view[id] }
	kept := map[graph.EdgeKey]graph.Edge{}
	touched := map[string]bool{}
	for id := range dist {
		for _, e := range es[id] {
			v := e.Key().Other(id)
			if !inView(v) {
				continue
			}
			kept[e.Key()] = e
			if _, isNew := dist[v]; !isNew {
				touched[v] = true
			}
		}
	}
	expanded := setOf(q.IDs)
	var unread []string
	for v := range touched {
		if !expanded[v] {
			unread = append(unread, v)
		}
	}
	slices.Sort(unread)
	rest, err := edges(ctx, r, op, unread, nil, graph.Both)
	if err != nil {
		return graph.Expansion{}, err
	}
	for id, e := range rest {
		es[id] = e
	}

	order := append(fresh, next...)
	sns, gone, err := subgraphNodes(ctx, r, op, order, func(_ int, id string) int { return dist[id] })
	if err != nil {
		return graph.Expansion{}, err
	}
	out := graph.Expansion{Subgraph: graph.Subgraph{Nodes: sns, Truncated: truncated}}
	out.Edges = make([]graph.Edge, 0, len(kept))
	for _, e := range kept {
		if !gone[e.From] && !gone[e.To] {
			out.Edges = append(out.Edges, e)
		}
	}
	slices.SortFunc(out.Edges, graph.CompareEdges)

	counted := expanded
	for id := range dist {
		counted[id] = true
	}
	for id := range touched {
		counted[id] = true
	}
	for _, id := range sortedKeys(counted) {
		if gone[id] {
			continue
		}
		hidden := map[string]bool{}
		for _, e := range es[id] {
			if v := e.Key().Other(id); !inView(v) {
				hidden[v] = true
			}
		}
		out.Hidden = append(out.Hidden, graph.HiddenCount{ID: id, Count: len(hidden)})
	}
	return out, nil
}

func setOf[T comparable](s []T) map[T]bool {
	m := make(map[T]bool, len(s))
	for _, v := range s {
		m[v] = true
	}
	return m
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
