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
		case errors.Is(err, errors.ErrUnsupported):
			// A wrapper over a store that cannot: search here.
		case err != nil:
			return nil, fmt.Errorf("traverse: %s: %w", op, err)
		case slices.Contains(missing, q.From):
			return nil, noNode("from", q.From)
		case slices.Contains(missing, q.To):
			return nil, noNode("to", q.To)
		case len(ps) <= maxPathSet:
			return firstPaths(ps, q.Limit), nil
		default:
			// More shortest paths than a PathFinder returns: search
			// here, which enumerates only the first q.Limit.
		}
	}
	ends, err := nodes(ctx, r, op, []string{q.From, q.To})
	if err != nil {
		return nil, err
	}
	if _, ok := ends[q.From]; !ok {
		return nil, noNode("from", q.From)
	}
	if _, ok := ends[q.To]; !ok {
		return nil, noNode("to", q.To)
	}
	var seqs []pathSeq
	if q.From == q.To {
		seqs = []pathSeq{{nodes: []string{q.From}}}
	} else {
		dag, err := search(ctx, r, op, q)
		if err != nil || dag == nil {
			return nil, err
		}
		seqs = dag.enumerate(q.From, q.To, q.Limit)
	}
	return materialise(ctx, r, op, seqs)
}

// PathFinder is a Reader that finds every shortest path of a query itself,
// in one read (neo4jstore, one Cypher statement), which on a server costs
// less than a read per level of the search here. q is normalised and
// q.From != q.To. It returns at most max+1 paths in any order, each node
// with its Degree and its position as Distance, and the ids of q.From and
// q.To that are not stored. ShortestPaths orders and cuts the paths, and
// when there are more than max it searches here instead, which enumerates
// only the first q.Limit; so it does when the error matches
// errors.ErrUnsupported (a wrapper over a store that cannot).
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
	dist     map[string]int
	frontier []string
	depth    int // distance of the frontier
	// steps[v] are the edges that reached v from the previous level, each
	// with the node at that level's end.
	steps map[string][]step
}

type step struct {
	e    graph.Edge
	node string // the other end, one level nearer this side's start
}

func newSide(start string, dir graph.Direction) *side {
	return &side{dir: dir, dist: map[string]int{start: 0}, frontier: []string{start}, steps: map[string][]step{}}
}

// expand adds the next level to s and returns the nodes of it that the
// other side has reached.
func (s *side) expand(ctx context.Context, r Reader, op string, types []graph.EdgeType, other *side) ([]string, error) {
	es, err := edges(ctx, r, op, s.frontier, types, s.dir)
	if err != nil {
		return nil, err
	}
	d := s.depth + 1
	var next, meet []string
	for _, u := range s.frontier {
		for _, e := range es[u] {
			v := e.Key().Other(u)
			dv, seen := s.dist[v]
			if !seen {
				s.dist[v], dv = d, d
				next = append(next, v)
				if _, ok := other.dist[v]; ok {
					meet = append(meet, v)
				}
			}
			if dv == d {
				s.steps[v] = append(s.steps[v], step{e: e, node: u})
			}
		}
	}
	s.frontier, s.depth = next, d
	return meet, nil
}

// dag is the union of the shortest paths: succ[u][v] are the edges from u
// to v, a step nearer the end.
type dag struct {
	succ map[string]map[string][]graph.Edge
}

func (g *dag) add(u, v string, e graph.Edge) {
	m := g.succ[u]
	if m == nil {
		m = map[string][]graph.Edge{}
		g.succ[u] = m
	}
	m[v] = append(m[v], e)
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
func search(ctx context.Context, r Reader, op string, q graph.PathQuery) (*dag, error) {
	fw := newSide(q.From, q.Direction)
	bw := newSide(q.To, reverse(q.Direction))
	var meet []string
	for len(meet) == 0 {
		if fw.depth+bw.depth >= q.MaxDepth || len(fw.frontier) == 0 || len(bw.frontier) == 0 {
			return nil, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("traverse: %s: %w", op, err)
		}
		s, o := fw, bw
		if len(bw.frontier) < len(fw.frontier) {
			s, o = bw, fw
		}
		var err error
		if meet, err = s.expand(ctx, r, op, q.Types, o); err != nil {
			return nil, err
		}
	}
	g := &dag{succ: map[string]map[string][]graph.Edge{}}
	// Back from the meeting nodes to From: each step u->v leads forward.
	back(meet, fw, func(v string, st step) { g.add(st.node, v, st.e) })
	// Back from the meeting nodes to To: each step leads on towards To.
	back(meet, bw, func(v string, st step) { g.add(v, st.node, st.e) })
	return g, nil
}

// back walks s's recorded steps from the nodes to s's start, calling fn
// once for each step on the way.
func back(from []string, s *side, fn func(v string, st step)) {
	seen := map[string]bool{}
	level := from
	for len(level) > 0 {
		var prev []string
		for _, v := range level {
			for _, st := range s.steps[v] {
				fn(v, st)
				if !seen[st.node] {
					seen[st.node] = true
					prev = append(prev, st.node)
				}
			}
		}
		level = prev
	}
}

// pathSeq is a path as ids and edges, before its nodes are fetched.
type pathSeq struct {
	nodes []string
	edges []graph.Edge
}

// enumerate returns the first limit paths from 'from' to 'to' in the
// order of ShortestPaths. It walks the dag depth-first, successors in id
// order, so node sequences come out in order; each node sequence then
// yields the combinations of its parallel edges in lexicographic order.
// Every branch of the dag reaches 'to', so the walk does work in
// proportion to the paths it returns.
func (g *dag) enumerate(from, to string, limit int) []pathSeq {
	next := make(map[string][]string, len(g.succ))
	for u, m := range g.succ {
		vs := make([]string, 0, len(m))
		for v, es := range m {
			vs = append(vs, v)
			slices.SortFunc(es, graph.CompareEdges)
			m[v] = slices.CompactFunc(es, func(a, b graph.Edge) bool { return a.Key() == b.Key() })
		}
		slices.Sort(vs)
		next[u] = vs
	}
	var out []pathSeq
	ids := []string{from}
	var dfs func(u string) bool // false: the limit is reached
	dfs = func(u string) bool {
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
func (g *dag) combine(ids []string, limit int, out *[]pathSeq) bool {
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
func materialise(ctx context.Context, r Reader, op string, seqs []pathSeq) ([]graph.Path, error) {
	if len(seqs) == 0 {
		return nil, nil
	}
	set := map[string]bool{}
	var ids []string
	for _, p := range seqs {
		for _, id := range p.nodes {
			if !set[id] {
				set[id] = true
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	ns, err := nodes(ctx, r, op, ids)
	if err != nil {
		return nil, err
	}
	ds, err := degrees(ctx, r, op, ids)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Path, 0, len(seqs))
paths:
	for _, p := range seqs {
		path := graph.Path{Nodes: make([]graph.SubgraphNode, len(p.nodes)), Edges: p.edges}
		for i, id := range p.nodes {
			n, ok := ns[id]
			if !ok {
				// Deleted while the search ran: the path is gone.
				continue paths
			}
			path.Nodes[i] = graph.SubgraphNode{Node: n, Distance: i, Degree: ds[id]}
		}
		out = append(out, path)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}
