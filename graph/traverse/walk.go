package traverse

import (
	"context"
	"fmt"
	"slices"

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
		depth: q.Depth, limit: q.Limit,
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
		depth: q.MaxDepth, limit: q.Limit,
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
}

// walk is the one breadth-first walk behind Neighbourhood and Citations.
//
// Each level costs one batched Edges read of the previous level's nodes.
// The edges found there either lead to a node already included (kept at
// once) or to a candidate of the new level (kept if the candidate makes
// it under the limit). The last level included is expanded once more,
// keeping only edges back into the subgraph, so that edges between two
// nodes of that level are found too. Everything is keyed by id, so a walk
// costs time in proportion to the edges it reads.
func walk(ctx context.Context, r Reader, q walkQuery) (graph.Subgraph, error) {
	if _, err := mustExist(ctx, r, q.op, q.field, q.start); err != nil {
		return graph.Subgraph{}, err
	}
	var allowed map[graph.Kind]bool
	if len(q.kinds) > 0 {
		allowed = make(map[graph.Kind]bool, len(q.kinds))
		for _, k := range q.kinds {
			allowed[k] = true
		}
	}
	dist := map[string]int{q.start: 0}
	order := []string{q.start}
	kept := map[graph.EdgeKey]graph.Edge{}
	frontier := []string{q.start}
	truncated := false
	// last is set once no further level may be added: the frontier is then
	// expanded only for the edges back into the subgraph.
	last := q.depth == 0
	for d := 1; len(frontier) > 0; d++ {
		if err := ctx.Err(); err != nil {
			return graph.Subgraph{}, fmt.Errorf("traverse: %s: %w", q.op, err)
		}
		es, err := edges(ctx, r, q.op, frontier, q.types, q.dir)
		if err != nil {
			return graph.Subgraph{}, err
		}
		found := map[string]bool{}
		var pending []graph.Edge // edges to a node of found
		for _, u := range frontier {
			for _, e := range es[u] {
				v := e.Key().Other(u)
				if _, in := dist[v]; in {
					kept[e.Key()] = e
					continue
				}
				if last {
					continue
				}
				if allowed != nil {
					if k, _ := graph.KindOfID(v); !allowed[k] {
						continue
					}
				}
				found[v] = true
				pending = append(pending, e)
			}
		}
		if last {
			break
		}
		next := make([]string, 0, len(found))
		for v := range found {
			next = append(next, v)
		}
		slices.Sort(next)
		if room := q.limit - len(order); len(next) > room {
			next, truncated = next[:room], true
		}
		for _, v := range next {
			dist[v] = d
		}
		order = append(order, next...)
		for _, e := range pending {
			// One end is in the frontier, so the edge is kept when
			// the other made it under the limit.
			_, a := dist[e.From]
			_, b := dist[e.To]
			if a && b {
				kept[e.Key()] = e
			}
		}
		frontier = next
		last = truncated || d == q.depth
	}

	sns, gone, err := subgraphNodes(ctx, r, q.op, order, func(_ int, id string) int { return dist[id] })
	if err != nil {
		return graph.Subgraph{}, err
	}
	sg := graph.Subgraph{Nodes: sns, Truncated: truncated}
	sg.Edges = make([]graph.Edge, 0, len(kept))
	for _, e := range kept {
		if !gone[e.From] && !gone[e.To] {
			sg.Edges = append(sg.Edges, e)
		}
	}
	slices.SortFunc(sg.Edges, graph.CompareEdges)
	return sg, nil
}
