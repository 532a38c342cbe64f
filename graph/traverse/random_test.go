package traverse_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/graph/graphtest"
	"github.com/issgraph/issgraph/graph/traverse"
)

// randomGraph writes n documents and m random CITES or RELATED_TO edges,
// parallel and opposite edges included, and returns the edges.
func randomGraph(tb testing.TB, rng *rand.Rand, n, m int) (*embedded.Store, []graph.Edge) {
	tb.Helper()
	st := embedded.Memory()
	tb.Cleanup(func() { _ = st.Close() })
	id := func(i int) string { return fmt.Sprintf("document/r%02d", i) }
	var ns []graph.Node
	for i := range n {
		ns = append(ns, node(id(i), nil))
	}
	seen := map[graph.EdgeKey]bool{}
	var es []graph.Edge
	for len(es) < m {
		f, t := rng.IntN(n), rng.IntN(n)
		typ := []graph.EdgeType{graph.Cites, graph.RelatedTo}[rng.IntN(2)]
		k := graph.EdgeKey{Type: typ, From: id(f), To: id(t)}
		if f == t || seen[k] {
			continue
		}
		seen[k] = true
		es = append(es, edge(typ, k.From, k.To))
	}
	if _, err := st.Apply(context.Background(), graph.Batch{Nodes: ns, Edges: es}); err != nil {
		tb.Fatalf("Apply: %v", err)
	}
	return st, es
}

// follows reports whether e can be followed from u in dir, and where to.
func follows(e graph.Edge, u string, dir graph.Direction) (string, bool) {
	if e.From == u && dir != graph.In {
		return e.To, true
	}
	if e.To == u && dir != graph.Out {
		return e.From, true
	}
	return "", false
}

// slowShortest enumerates every shortest path by brute force and sorts
// them in the documented order.
func slowShortest(es []graph.Edge, from, to string, dir graph.Direction, maxDepth int) []string {
	dist := map[string]int{from: 0}
	level := []string{from}
	for d := 1; len(level) > 0 && d <= maxDepth; d++ {
		var next []string
		for _, u := range level {
			for _, e := range es {
				if v, ok := follows(e, u, dir); ok {
					if _, seen := dist[v]; !seen {
						dist[v] = d
						next = append(next, v)
					}
				}
			}
		}
		level = next
	}
	dt, ok := dist[to]
	if !ok {
		return nil
	}
	type walk struct {
		nodes []string
		edges []graph.Edge
	}
	var all []walk
	var rec func(w walk)
	rec = func(w walk) {
		u := w.nodes[len(w.nodes)-1]
		if len(w.edges) == dt {
			if u == to {
				all = append(all, walk{slices.Clone(w.nodes), slices.Clone(w.edges)})
			}
			return
		}
		for _, e := range es {
			if v, ok := follows(e, u, dir); ok && dist[v] == len(w.edges)+1 {
				rec(walk{append(w.nodes, v), append(w.edges, e)})
			}
		}
	}
	rec(walk{nodes: []string{from}})
	slices.SortFunc(all, func(a, b walk) int {
		if c := slices.Compare(a.nodes, b.nodes); c != 0 {
			return c
		}
		return slices.CompareFunc(a.edges, b.edges, graph.CompareEdges)
	})
	var out []string
	for _, w := range all {
		parts := []string{w.nodes[0]}
		for i, e := range w.edges {
			parts = append(parts, "["+e.ID()+"]", w.nodes[i+1])
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

// slowNeighbourhood is the neighbourhood without a limit, by brute force:
// ids by distance then id, and the followable edges among them.
func slowNeighbourhood(es []graph.Edge, start string, dir graph.Direction, depth int) ([]string, []string) {
	dist := map[string]int{start: 0}
	level := []string{start}
	for d := 1; len(level) > 0 && d <= depth; d++ {
		var next []string
		for _, u := range level {
			for _, e := range es {
				if v, ok := follows(e, u, dir); ok {
					if _, seen := dist[v]; !seen {
						dist[v] = d
						next = append(next, v)
					}
				}
			}
		}
		level = next
	}
	var nodes []string
	for id := range dist {
		nodes = append(nodes, id)
	}
	slices.SortFunc(nodes, func(a, b string) int {
		if dist[a] != dist[b] {
			return dist[a] - dist[b]
		}
		return strings.Compare(a, b)
	})
	for i, id := range nodes {
		nodes[i] = fmt.Sprintf("%s@%d", id, dist[id])
	}
	var kept []graph.Edge
	for _, e := range es {
		_, f := dist[e.From]
		_, t := dist[e.To]
		if f && t {
			kept = append(kept, e)
		}
	}
	slices.SortFunc(kept, graph.CompareEdges)
	return nodes, edgeStrs(kept)
}

// byID hides a Reader's optional interfaces (traverse.Numbered), so that a
// walk reads it by id.
type byID struct{ traverse.Reader }

// skipping has ReadNumbered but lends nothing, as a wrapper over a store
// without a numbered graph: the walk must read by id.
type skipping struct{ traverse.Reader }

func (skipping) ReadNumbered(context.Context, func(traverse.Graph) error) error {
	return traverse.ErrSkip
}

// readers are the ways a walk reads the embedded store: its numbered
// graph, and batched reads by id, as it reads any other store, when the
// Reader has no ReadNumbered or one that returns traverse.ErrSkip.
func readers(st *embedded.Store) []struct {
	name string
	r    traverse.Reader
} {
	return []struct {
		name string
		r    traverse.Reader
	}{{"numbered", st}, {"by id", byID{st}}, {"skipped", skipping{st}}}
}

// TestRandomGraphs checks ShortestPaths and Neighbourhood against brute
// force on small random graphs, every direction, reading the store both
// ways.
func TestRandomGraphs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 2014))
	dirs := []graph.Direction{graph.Out, graph.In, graph.Both}
	for g := range 20 {
		st, es := randomGraph(t, rng, 14, 10+rng.IntN(25))
		for range 15 {
			from := fmt.Sprintf("document/r%02d", rng.IntN(14))
			to := fmt.Sprintf("document/r%02d", rng.IntN(14))
			dir := dirs[rng.IntN(3)]
			limit := 1 + rng.IntN(8)
			l := graph.Limits{MaxDepth: 6}
			depth := 1 + rng.IntN(4)
			for _, rd := range readers(st) {
				name := fmt.Sprintf("graph %d %s %s->%s limit %d, %s", g, dir, from, to, limit, rd.name)

				want := slowShortest(es, from, to, dir, 6)
				if len(want) > limit {
					want = want[:limit]
				}
				got, err := traverse.ShortestPaths(t.Context(), rd.r, graph.PathQuery{From: from, To: to, Direction: dir, MaxDepth: 6, Limit: limit}, l)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				var strs []string
				for _, pa := range got {
					strs = append(strs, pathStr(t, pa))
				}
				if !slices.Equal(strs, want) {
					t.Errorf("%s: ShortestPaths\n got %q\nwant %q", name, strs, want)
				}

				wantN, wantE := slowNeighbourhood(es, from, dir, depth)
				sg, err := traverse.Neighbourhood(t.Context(), rd.r, graph.NeighbourhoodQuery{ID: from, Depth: depth, Direction: dir}, l)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				var gotN []string
				for _, n := range sg.Nodes {
					gotN = append(gotN, fmt.Sprintf("%s@%d", n.Node.ID, n.Distance))
				}
				if !slices.Equal(gotN, wantN) || !slices.Equal(edgeStrs(sg.Edges), wantE) || sg.Truncated {
					t.Errorf("%s depth %d: Neighbourhood\n got %q %q %v\nwant %q %q",
						name, depth, gotN, edgeStrs(sg.Edges), sg.Truncated, wantN, wantE)
				}
			}
		}
	}
}

// TestNumberedAsByID checks that walking the embedded store's numbered
// graph answers exactly what reading it by id answers, whole nodes and
// edges (properties and sources) included, on a generated graph with hubs,
// where limits truncate levels and kind filters leave nodes out.
func TestNumberedAsByID(t *testing.T) {
	batches, err := graphtest.Generate(600, 3000, 7)
	if err != nil {
		t.Fatal(err)
	}
	st := embedded.Memory()
	t.Cleanup(func() { _ = st.Close() })
	var ids []string
	for _, b := range batches {
		if _, err := st.Apply(t.Context(), b); err != nil {
			t.Fatalf("Apply: %v", err)
		}
		for _, n := range b.Nodes {
			ids = append(ids, n.ID)
		}
	}
	rng := rand.New(rand.NewPCG(7, 12))
	dirs := []graph.Direction{graph.Out, graph.In, graph.Both}
	l := graph.Limits{MaxDepth: 6}
	for i := range 150 {
		id, to := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
		nq := graph.NeighbourhoodQuery{ID: id, Depth: 1 + rng.IntN(3), Direction: dirs[rng.IntN(3)], Limit: 1 + rng.IntN(150)}
		if i%3 == 0 {
			nq.Kinds = []graph.Kind{graph.Document, graph.Event}
		}
		if i%4 == 0 {
			nq.Types = []graph.EdgeType{graph.Cites, graph.Concerns, graph.Authored}
		}
		pq := graph.PathQuery{From: id, To: to, Direction: nq.Direction, MaxDepth: 6, Limit: 1 + rng.IntN(20), Types: nq.Types}
		cq := graph.CitationQuery{ID: id, Direction: nq.Direction, MaxDepth: 1 + rng.IntN(4), Limit: nq.Limit}
		var got [3][3]any
		for j, rd := range readers(st) {
			sg, err := traverse.Neighbourhood(t.Context(), rd.r, nq, l)
			ps, perr := traverse.ShortestPaths(t.Context(), rd.r, pq, l)
			cs, cerr := traverse.Citations(t.Context(), rd.r, cq, l)
			if err != nil || perr != nil {
				t.Fatalf("%s: %v, %v", rd.name, err, perr)
			}
			got[j] = [3]any{sg, ps, fmt.Sprint(cs, cerr)}
		}
		if !reflect.DeepEqual(got[0], got[1]) || !reflect.DeepEqual(got[1], got[2]) {
			t.Errorf("%+v / %+v / %+v:\nnumbered %+v\n   by id %+v\n skipped %+v", nq, pq, cq, got[0], got[1], got[2])
		}
	}
}
