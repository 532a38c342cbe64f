package traverse

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// Neighbourhood returns the nodes within q.Depth steps of q.ID and the
// edges among them.
//
// The walk is breadth-first, one level at a time, following edges of
// q.Types (every type when empty) in q.Direction: Out follows an edge from
// its From to its To, In from its To to its From, Both either way. A node
// whose kind (graph.KindOfID) is not in q.Kinds is neither included nor
// walked through; the start is always included, at distance 0, whatever
// its kind. The ids each level discovers are sorted and added in that
// order until q.Limit nodes are included: when the cap leaves out a node
// the walk would have included, Truncated is set and the walk stops there.
//
// Nodes are ordered by distance, then id. Edges are every edge of q.Types
// that can be followed in q.Direction from one included node to another,
// including edges between two nodes of the last level, each once, ordered
// by graph.CompareEdges. Degree counts every edge of the node in the
// whole graph.
//
// An unknown q.ID is a *graph.ValidationError of field "id".
func Neighbourhood(ctx context.Context, r Reader, q graph.NeighbourhoodQuery, l graph.Limits) (graph.Subgraph, error) {
	q, err := q.Normalize(l)
	if err != nil {
		return graph.Subgraph{}, err
	}
	return walk(ctx, r, walkQuery{
		op: "neighbourhood", field: "id", start: q.ID,
		types: q.Types, dir: q.Direction, kinds: q.Kinds,
		depth: q.Depth, limit: q.Limit, cut: q.Cut,
	})
}

// Citations returns the citation chain of the document q.ID: the
// documents it cites (Direction Out), and those they cite, or the
// documents that cite it (Direction In), up to q.MaxDepth steps.
//
// It is Neighbourhood over CITES edges alone in q.Direction: each node's
// Distance is its shortest distance from the start, a cycle ends where it
// meets a node already reached, and q.Limit caps the nodes with Truncated
// set as in Neighbourhood. Edges are every CITES edge between two included
// nodes (each can be followed one way or the other).
//
// An unknown q.ID, or one that is not a Document, is a
// *graph.ValidationError of field "id".
func Citations(ctx context.Context, r Reader, q graph.CitationQuery, l graph.Limits) (graph.Subgraph, error) {
	q, err := q.Normalize(l)
	if err != nil {
		return graph.Subgraph{}, err
	}
	if k, _ := graph.KindOfID(q.ID); k != graph.Document {
		return graph.Subgraph{}, &graph.ValidationError{Field: "id",
			Reason: fmt.Sprintf("%q is a %s; citations start at a Document", q.ID, k)}
	}
	return walk(ctx, r, walkQuery{
		op: "citations", field: "id", start: q.ID,
		types: []graph.EdgeType{graph.Cites}, dir: q.Direction,
		depth: q.MaxDepth, limit: q.Limit, cut: q.Cut,
	})
}

// walkQuery is a normalized breadth-first walk.
type walkQuery struct {
	op, field string // for errors: the operation, the field of the start id
	start     string
	types     []graph.EdgeType // empty: every type
	dir       graph.Direction
	kinds     []graph.Kind // empty: every kind
	depth     int
	limit     int // nodes, the start included; at least 1
	cut       graph.WalkCut
}

// walk is the one breadth-first walk behind Neighbourhood and Citations.
//
// Each level costs one expansion (over a Reader, one batched Edges read)
// of the previous level's nodes. The edges found there either lead to a
// node already included (kept at once) or to a candidate of the new level
// (kept if the candidate makes it under the limit). The last level
// included is expanded once more, keeping only edges back into the
// subgraph, so that edges between two nodes of that level are found too.
// Everything is keyed by node number, so a walk costs time in proportion
// to the edges it reads, and only the edges it keeps are copied.
func walk(ctx context.Context, r Reader, q walkQuery) (graph.Subgraph, error) {
	var sg graph.Subgraph
	err := viewed(ctx, r, q.op, q.cut, func(v view) error {
		var err error
		sg, err = walkView(ctx, v, q)
		return err
	})
	return sg, err
}

func walkView(ctx context.Context, v view, q walkQuery) (graph.Subgraph, error) {
	ends, err := v.lookup(ctx, end{q.field, q.start})
	if err != nil {
		return graph.Subgraph{}, err
	}
	start := ends[0]
	var allowed map[graph.Kind]bool
	if len(q.kinds) > 0 {
		allowed = make(map[graph.Kind]bool, len(q.kinds))
		for _, k := range q.kinds {
			allowed[k] = true
		}
	}
	dist := getMarks()
	defer dist.put()
	dist.set(start, 0)
	order := []uint32{start}
	kept := map[edgeKey]at{}
	frontier := []uint32{start}
	truncated := false
	// last is set once no further level may be added: the frontier is then
	// expanded only for the edges back into the subgraph.
	last := q.depth == 0
	// found are the candidates of the new level, once per edge that
	// reaches one (sorting and compacting numbers costs less than a set
	// when a hub brings thousands); pending are those edges.
	var found []uint32
	var pending []at
	for d := 1; len(frontier) > 0; d++ {
		if err := ctx.Err(); err != nil {
			return graph.Subgraph{}, fmt.Errorf("traverse: %s: %w", q.op, err)
		}
		found, pending = found[:0], pending[:0]
		err := v.expand(ctx, frontier, q.types, q.dir, func(u uint32, s Step) {
			a := at{u, s}
			if _, in := dist.get(s.Other); in {
				kept[a.key()] = a
				return
			}
			if last {
				return
			}
			if allowed != nil {
				if k, _ := graph.KindOfID(v.id(s.Other)); !allowed[k] {
					return
				}
			}
			found = append(found, s.Other)
			pending = append(pending, a)
		})
		if err != nil {
			return graph.Subgraph{}, err
		}
		if last {
			break
		}
		slices.Sort(found)
		found = slices.Compact(found)
		next := firstByID(v, slices.Clone(found), q.limit-len(order))
		truncated = len(next) < len(found)
		for _, n := range next {
			dist.set(n, d)
		}
		order = append(order, next...)
		for _, a := range pending {
			// One end is in the frontier, so the edge is kept when
			// the other made it under the limit.
			if _, in := dist.get(a.s.Other); in {
				kept[a.key()] = a
			}
		}
		frontier = next
		last = truncated || d == q.depth
	}

	sns, ok, err := v.nodes(ctx, order)
	if err != nil {
		return graph.Subgraph{}, err
	}
	sg := graph.Subgraph{Nodes: make([]graph.SubgraphNode, 0, len(order)), Truncated: truncated}
	gone := map[uint32]bool{}
	for i, n := range order {
		if !ok[i] {
			// Deleted while the walk ran.
			gone[n] = true
			continue
		}
		sns[i].Distance, _ = dist.get(n)
		sg.Nodes = append(sg.Nodes, sns[i])
	}
	sg.Edges = make([]graph.Edge, 0, len(kept))
	for k, a := range kept {
		if !gone[k.from] && !gone[k.to] {
			sg.Edges = append(sg.Edges, v.edge(a))
		}
	}
	slices.SortFunc(sg.Edges, graph.CompareEdges)
	return sg, nil
}

// firstByID returns the first n of ns in the order of their ids, in that
// order (all of them when there are no more than n). A hub's neighbours
// can be thousands where a page keeps a hundred, so it selects before it
// sorts.
func firstByID(v view, ns []uint32, n int) []uint32 {
	byID := func(a, b uint32) int { return strings.Compare(v.id(a), v.id(b)) }
	if len(ns) > 4*n && n > 0 {
		// Keep the n smallest in a sorted slice, as ListNodes does.
		top := make([]uint32, 0, n+1)
		for _, x := range ns {
			if len(top) == n && byID(x, top[n-1]) >= 0 {
				continue
			}
			i, _ := slices.BinarySearchFunc(top, x, byID)
			top = slices.Insert(top, i, x)
			if len(top) > n {
				top = top[:n]
			}
		}
		return top
	}
	slices.SortFunc(ns, byID)
	return ns[:min(n, len(ns))]
}
