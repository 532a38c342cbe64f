package traverse

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// ShortestPaths returns the shortest paths from q.From to q.To of at most
// q.MaxDepth edges of q.Types, followed in q.Direction; nil, nil when there
// is none.
//
// The search is breadth-first from both ends at once, one whole level at a
// time, always expanding the side whose frontier is smaller (the forward
// side on a tie); the backward side follows edges in the reverse of
// q.Direction. When the two meet, every shortest path is known.
//
// Paths are ordered by their sequence of node ids, then by their sequence
// of edges compared with graph.CompareEdges: two edges of different types
// between the same two nodes make two paths. At most q.Limit paths are
// returned, the first ones in that order; the rest are never enumerated.
// From == To is one path of length 0. A path's nodes carry their position
// as Distance and their degree in the whole graph; each edge keeps its own
// direction, so Edges[i] joins Nodes[i] and Nodes[i+1] either way round.
//
// An unknown q.From or q.To is a *graph.ValidationError of field "from" or
// "to".
func ShortestPaths(ctx context.Context, r Reader, q graph.PathQuery, l graph.Limits) ([]graph.Path, error) {
	const op = "shortest paths"
	q, err := q.Normalize(l)
	if err != nil {
		return nil, err
	}
	if f, ok := r.(PathFinder); ok && q.From != q.To {
		ps, missing, err := f.ShortestPathSet(ctx, q, maxPathSet)
		switch {
		case errors.Is(err, ErrSkip):
			// A wrapper over a store that cannot: search here.
		case err != nil:
			return nil, fmt.Errorf("traverse: %s: %w", op, err)
		case slices.Contains(missing, q.From):
			return nil, noNode("from", q.From)
		case slices.Contains(missing, q.To):
			return nil, noNode("to", q.To)
		case len(ps) <= maxPathSet:
			ps = firstPaths(ps, q.Limit)
			cutPaths(ps, q.Cut)
			return ps, nil
		default:
			// More shortest paths than a PathFinder returns: search
			// here, which enumerates only the first q.Limit.
		}
	}
	var out []graph.Path
	err = viewed(ctx, r, op, q.Cut, func(v view) error {
		var err error
		out, err = shortestPaths(ctx, v, q)
		return err
	})
	return out, err
}

func shortestPaths(ctx context.Context, v view, q graph.PathQuery) ([]graph.Path, error) {
	ends, err := v.lookup(ctx, end{"from", q.From}, end{"to", q.To})
	if err != nil {
		return nil, err
	}
	from, to := ends[0], ends[1]
	var seqs []pathSeq
	if from == to {
		seqs = []pathSeq{{nodes: []uint32{from}}}
	} else {
		g, err := search(ctx, v, from, to, q)
		if err != nil || g == nil {
			return nil, err
		}
		seqs = g.enumerate(from, to, q.Limit)
	}
	return materialise(ctx, v, seqs)
}

// cutPaths trims the paths a PathFinder returned, which are the walk's,
// to c.
func cutPaths(ps []graph.Path, c graph.WalkCut) {
	for _, p := range ps {
		for i := range p.Nodes {
			p.Nodes[i].Node = c.TrimNode(p.Nodes[i].Node)
		}
		for i := range p.Edges {
			p.Edges[i] = c.TrimEdge(p.Edges[i])
		}
	}
}

// PathFinder is a Reader that finds every shortest path of a query itself,
// in one read (neo4jstore, one Cypher statement), which on a server costs
// less than a read per level of the search here. q is normalised and
// q.From != q.To. It returns at most max+1 paths in any order, each node
// with its Degree and its position as Distance, and the ids of q.From and
// q.To that are not stored. ShortestPaths orders and cuts the paths, and
// when there are more than max it searches here instead, which enumerates
// only the first q.Limit; so it does when the error is ErrSkip (a
// wrapper over a store that cannot).
type PathFinder interface {
	ShortestPathSet(ctx context.Context, q graph.PathQuery, max int) (paths []graph.Path, missing []string, err error)
}

// maxPathSet is the most shortest paths a PathFinder returns: many times
// graph.MaxPathLimit, so that only a pathological pair searches here.
const maxPathSet = 10 * graph.MaxPathLimit

// firstPaths returns the first limit of ps in the order of ShortestPaths
// (that enumerate produces): by the sequence of node ids, then by the
// sequence of edges compared with graph.CompareEdges; nil for none.
func firstPaths(ps []graph.Path, limit int) []graph.Path {
	if len(ps) == 0 {
		return nil
	}
	slices.SortFunc(ps, func(a, b graph.Path) int {
		if c := slices.CompareFunc(a.Nodes, b.Nodes, func(x, y graph.SubgraphNode) int { return strings.Compare(x.Node.ID, y.Node.ID) }); c != 0 {
			return c
		}
		return slices.CompareFunc(a.Edges, b.Edges, graph.CompareEdges)
	})
	return ps[:min(len(ps), limit)]
}

// side is one end of the bidirectional search.
type side struct {
	dir      graph.Direction // the direction this side follows edges in
	dist     *marks
	frontier []uint32
	depth    int // distance of the frontier
	// levels[d-1] are the edges that reached a node of level d from
	// level d-1, each seen from its end at level d-1: a flat list per
	// level, where a list per node cost a slice and a map entry each.
	levels [][]reach
}

// reach is an edge that reached n.
type reach struct {
	n uint32
	a at
}

func newSide(start uint32, dir graph.Direction) *side {
	s := &side{dir: dir, dist: getMarks(), frontier: []uint32{start}}
	s.dist.set(start, 0)
	return s
}

// expand adds the next level to s and returns the nodes of it that the
// other side has reached.
func (s *side) expand(ctx context.Context, v view, types []graph.EdgeType, other *side) ([]uint32, error) {
	d := s.depth + 1
	var next, meet []uint32
	var level []reach
	err := v.expand(ctx, s.frontier, types, s.dir, func(u uint32, st Step) {
		n := st.Other
		dn, seen := s.dist.get(n)
		if !seen {
			s.dist.set(n, d)
			dn = d
			next = append(next, n)
			if _, ok := other.dist.get(n); ok {
				meet = append(meet, n)
			}
		}
		if dn == d {
			level = append(level, reach{n, at{u, st}})
		}
	})
	if err != nil {
		return nil, err
	}
	s.frontier, s.depth = next, d
	s.levels = append(s.levels, level)
	return meet, nil
}

// dag is the union of the shortest paths: succ[u][w] are the edges from u
// to w, a step nearer the end.
type dag struct {
	v    view
	succ map[uint32]map[uint32][]graph.Edge
}

func (g *dag) add(u, w uint32, e graph.Edge) {
	m := g.succ[u]
	if m == nil {
		m = map[uint32][]graph.Edge{}
		g.succ[u] = m
	}
	m[w] = append(m[w], e)
}

// search runs the bidirectional breadth-first search and returns the
// shortest-path graph, or nil when the ends are more than q.MaxDepth
// apart.
//
// Both sides expand whole levels, so when a level of one side first
// reaches nodes the other side has reached, those nodes all lie at the
// same distance from both ends and every shortest path passes through
// exactly one of them: walking the recorded steps back from them to each
// end gives every shortest path and nothing else.
func search(ctx context.Context, v view, from, to uint32, q graph.PathQuery) (*dag, error) {
	fw := newSide(from, q.Direction)
	defer fw.dist.put()
	bw := newSide(to, reverse(q.Direction))
	defer bw.dist.put()
	var meet []uint32
	for len(meet) == 0 {
		if fw.depth+bw.depth >= q.MaxDepth || len(fw.frontier) == 0 || len(bw.frontier) == 0 {
			return nil, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("traverse: shortest paths: %w", err)
		}
		s, o := fw, bw
		if len(bw.frontier) < len(fw.frontier) {
			s, o = bw, fw
		}
		var err error
		if meet, err = s.expand(ctx, v, q.Types, o); err != nil {
			return nil, err
		}
	}
	g := &dag{v: v, succ: map[uint32]map[uint32][]graph.Edge{}}
	// Back from the meeting nodes to From: each step u->n leads forward.
	back(meet, fw, func(n uint32, a at) { g.add(a.u, n, v.edge(a)) })
	// Back from the meeting nodes to To: each step leads on towards To.
	back(meet, bw, func(n uint32, a at) { g.add(n, a.u, v.edge(a)) })
	return g, nil
}

// back walks s's recorded steps from the nodes to s's start, calling fn
// once for each step on the way.
func back(from []uint32, s *side, fn func(n uint32, a at)) {
	// cur are the nodes of level d on the way; each node of from joins
	// at its own level.
	cur := map[uint32]bool{}
	for d := s.depth; d >= 1; d-- {
		for _, n := range from {
			if dn, _ := s.dist.get(n); dn == d {
				cur[n] = true
			}
		}
		prev := map[uint32]bool{}
		for _, r := range s.levels[d-1] {
			if cur[r.n] {
				fn(r.n, r.a)
				prev[r.a.u] = true
			}
		}
		cur = prev
	}
}

// pathSeq is a path as ids and edges, before its nodes are fetched.
type pathSeq struct {
	nodes []uint32
	edges []graph.Edge
}

// enumerate returns the first limit paths from 'from' to 'to' in the
// order of ShortestPaths. It walks the dag depth-first, successors in id
// order, so node sequences come out in order; each node sequence then
// yields the combinations of its parallel edges in lexicographic order.
// Every branch of the dag reaches 'to', so the walk does work in
// proportion to the paths it returns.
func (g *dag) enumerate(from, to uint32, limit int) []pathSeq {
	next := make(map[uint32][]uint32, len(g.succ))
	for u, m := range g.succ {
		vs := make([]uint32, 0, len(m))
		for v, es := range m {
			vs = append(vs, v)
			slices.SortFunc(es, graph.CompareEdges)
			m[v] = slices.CompactFunc(es, func(a, b graph.Edge) bool { return a.Key() == b.Key() })
		}
		slices.SortFunc(vs, func(a, b uint32) int { return strings.Compare(g.v.id(a), g.v.id(b)) })
		next[u] = vs
	}
	var out []pathSeq
	ids := []uint32{from}
	var dfs func(u uint32) bool // false: the limit is reached
	dfs = func(u uint32) bool {
		if u == to {
			return g.combine(ids, limit, &out)
		}
		for _, v := range next[u] {
			ids = append(ids, v)
			ok := dfs(v)
			ids = ids[:len(ids)-1]
			if !ok {
				return false
			}
		}
		return true
	}
	dfs(from)
	return out
}

// combine appends the paths along ids, one per choice of parallel edges,
// in lexicographic order, until out holds limit paths.
func (g *dag) combine(ids []uint32, limit int, out *[]pathSeq) bool {
	choices := make([][]graph.Edge, len(ids)-1)
	for i := range choices {
		choices[i] = g.succ[ids[i]][ids[i+1]]
	}
	pick := make([]int, len(choices))
	for {
		if len(*out) >= limit {
			return false
		}
		p := pathSeq{nodes: slices.Clone(ids), edges: make([]graph.Edge, len(choices))}
		for i, c := range choices {
			p.edges[i] = c[pick[i]]
		}
		*out = append(*out, p)
		// Advance the odometer, the last edge fastest.
		i := len(pick) - 1
		for ; i >= 0; i-- {
			if pick[i]++; pick[i] < len(choices[i]) {
				break
			}
			pick[i] = 0
		}
		if i < 0 {
			return len(*out) < limit
		}
	}
}

// materialise fetches the nodes and degrees of the paths' nodes, once
// each. A path through a node deleted while the search ran is left out.
func materialise(ctx context.Context, v view, seqs []pathSeq) ([]graph.Path, error) {
	if len(seqs) == 0 {
		return nil, nil
	}
	at := map[uint32]int{} // each node's place in ns
	var ns []uint32
	for _, p := range seqs {
		for _, n := range p.nodes {
			if _, ok := at[n]; !ok {
				at[n] = len(ns)
				ns = append(ns, n)
			}
		}
	}
	slices.SortFunc(ns, func(a, b uint32) int { return strings.Compare(v.id(a), v.id(b)) })
	for i, n := range ns {
		at[n] = i
	}
	sns, ok, err := v.nodes(ctx, ns)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Path, 0, len(seqs))
paths:
	for _, p := range seqs {
		path := graph.Path{Nodes: make([]graph.SubgraphNode, len(p.nodes)), Edges: p.edges}
		for i, n := range p.nodes {
			j := at[n]
			if !ok[j] {
				// Deleted while the search ran: the path is gone.
				continue paths
			}
			path.Nodes[i] = sns[j]
			path.Nodes[i].Distance = i
		}
		out = append(out, path)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}
