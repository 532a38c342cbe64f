package graphtest

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// The ranking cases. The store may hold other data, so every case ranks
// only its own fixture: by IDPrefix for degrees, and for PageRank by
// comparing score ratios within a component of the fixture that no other
// node touches, which do not depend on the rest of the graph.

func testDegrees(e *env) {
	a, b, c := e.doc("a"), e.doc("b"), e.doc("c")
	in := MinimalNode(e.id(graph.Institution, "in"), "Institution")
	e.put(a, b, c, in)
	// a and b are joined twice (CITES and RELATED_TO): each edge counts.
	e.putEdge(
		MinimalEdge(graph.Cites, a.ID, b.ID),
		MinimalEdge(graph.RelatedTo, a.ID, b.ID),
		MinimalEdge(graph.Cites, b.ID, c.ID),
		MinimalEdge(graph.Cites, c.ID, a.ID),
		MinimalEdge(graph.Authored, in.ID, a.ID),
	)
	unknown := e.prefix(graph.Document) + "unknown"
	check := func(what string, ids []string, want []int) {
		e.t.Helper()
		got, err := e.s.Degrees(e.ctx, ids)
		if err != nil {
			e.t.Fatalf("%s: Degrees: %v", what, err)
		}
		if !slices.Equal(got, want) {
			e.t.Errorf("%s: Degrees(%v) = %v, want %v", what, ids, got, want)
		}
	}
	check("fixture", []string{a.ID, b.ID, c.ID, in.ID, unknown, a.ID}, []int{4, 3, 2, 1, 0, 4})
	check("no ids", nil, []int{})

	// Degrees follow writes: an edge deleted, then a node with its edges.
	if err := e.s.DeleteEdge(e.ctx, MinimalEdge(graph.RelatedTo, a.ID, b.ID).Key()); err != nil {
		e.t.Fatal(err)
	}
	check("after DeleteEdge", []string{a.ID, b.ID, c.ID}, []int{3, 2, 2})
	if err := e.s.DeleteNode(e.ctx, c.ID); err != nil {
		e.t.Fatal(err)
	}
	check("after DeleteNode", []string{a.ID, b.ID, c.ID, in.ID}, []int{2, 1, 0, 1})

	_, err := e.s.Degrees(e.ctx, make([]string, graph.MaxBatchIDs+1))
	wantErr(e.t, "Degrees of too many ids", err, graph.ErrInvalid)
}

// rankFixture is testRankDegree's graph: five documents citing each other,
// a RELATED_TO edge and an institution that authored two of them.
//
//	d2, d3, d4 -> d1;  d3, d4 -> d2;  d1, d2 -> d5  (CITES)
//	d5 -> d3 (RELATED_TO);  in -> d3, in -> d4 (AUTHORED)
func testRankDegree(e *env) {
	d := map[string]graph.Node{}
	for _, name := range []string{"d1", "d2", "d3", "d4", "d5"} {
		d[name] = e.doc(name)
		e.put(d[name])
	}
	in := MinimalNode(e.id(graph.Institution, "in"), "Institution")
	e.put(in)
	cites := [][2]string{{"d2", "d1"}, {"d3", "d1"}, {"d4", "d1"}, {"d3", "d2"}, {"d4", "d2"}, {"d1", "d5"}, {"d2", "d5"}}
	for _, c := range cites {
		e.putEdge(MinimalEdge(graph.Cites, d[c[0]].ID, d[c[1]].ID))
	}
	e.putEdge(MinimalEdge(graph.RelatedTo, d["d5"].ID, d["d3"].ID),
		MinimalEdge(graph.Authored, in.ID, d["d3"].ID), MinimalEdge(graph.Authored, in.ID, d["d4"].ID))

	docs := e.prefix(graph.Document)
	type want struct {
		name  string
		score float64
	}
	tests := []struct {
		name string
		q    graph.RankQuery
		want []want
	}{
		{"most cited", graph.RankQuery{Measure: graph.MeasureDegree, Direction: graph.In, Types: []graph.EdgeType{graph.Cites}, Kinds: []graph.Kind{graph.Document}, IDPrefix: docs},
			// d2 and d5 tie at 2, and d3 and d4 at 0: ties by id; nodes
			// without an edge are candidates too.
			[]want{{"d1", 3}, {"d2", 2}, {"d5", 2}, {"d3", 0}, {"d4", 0}}},
		{"most cited, limit", graph.RankQuery{Measure: graph.MeasureDegree, Direction: graph.In, Types: []graph.EdgeType{graph.Cites}, Kinds: []graph.Kind{graph.Document}, IDPrefix: docs, Limit: 2},
			[]want{{"d1", 3}, {"d2", 2}}},
		{"citing most", graph.RankQuery{Measure: graph.MeasureDegree, Direction: graph.Out, Types: []graph.EdgeType{graph.Cites}, IDPrefix: docs},
			[]want{{"d2", 2}, {"d3", 2}, {"d4", 2}, {"d1", 1}, {"d5", 0}}},
		{"every type, both ways (the default)", graph.RankQuery{Measure: graph.MeasureDegree, IDPrefix: docs},
			[]want{{"d1", 4}, {"d2", 4}, {"d3", 4}, {"d4", 3}, {"d5", 3}}},
		{"two types", graph.RankQuery{Measure: graph.MeasureDegree, Direction: graph.In, Types: []graph.EdgeType{graph.RelatedTo, graph.Authored}, IDPrefix: docs, Limit: 3},
			[]want{{"d3", 2}, {"d4", 1}, {"d1", 0}}},
		{"kinds outside the prefix", graph.RankQuery{Measure: graph.MeasureDegree, Kinds: []graph.Kind{graph.Institution}, IDPrefix: docs}, nil},
		{"institutions", graph.RankQuery{Measure: graph.MeasureDegree, Kinds: []graph.Kind{graph.Institution, graph.Document}, IDPrefix: e.prefix(graph.Institution)},
			[]want{{"in", 2}}},
	}
	for _, tc := range tests {
		e.run(tc.name, func(e *env) {
			got, err := e.s.Rank(e.ctx, tc.q)
			if err != nil {
				e.t.Fatalf("Rank: %v", err)
			}
			var gotS, wantS []string
			for _, r := range got {
				gotS = append(gotS, fmt.Sprintf("%s=%g", r.Node.ID, r.Score))
			}
			for _, w := range tc.want {
				id := docs + w.name
				if w.name == "in" {
					id = in.ID
				}
				wantS = append(wantS, fmt.Sprintf("%s=%g", id, w.score))
			}
			if !equalStrings(gotS, wantS) {
				e.t.Errorf("Rank(%+v)\n got %v\nwant %v", tc.q, gotS, wantS)
			}
			for _, r := range got {
				stored := d[strings.TrimPrefix(r.Node.ID, docs)]
				if r.Node.ID == in.ID {
					stored = in
				}
				if !EqualNode(r.Node, stored) {
					e.t.Errorf("Rank returned %s, want the stored %s", FormatNode(r.Node), FormatNode(stored))
				}
			}
		})
	}

	// The ranking follows writes.
	if err := e.s.DeleteNode(e.ctx, d["d3"].ID); err != nil {
		e.t.Fatal(err)
	}
	got, err := e.s.Rank(e.ctx, tests[0].q)
	if err != nil {
		e.t.Fatal(err)
	}
	var gotS []string
	for _, r := range got {
		gotS = append(gotS, fmt.Sprintf("%s=%g", strings.TrimPrefix(r.Node.ID, docs), r.Score))
	}
	if want := []string{"d1=2", "d5=2", "d2=1", "d4=0"}; !equalStrings(gotS, want) {
		e.t.Errorf("after deleting d3: most cited %v, want %v", gotS, want)
	}

	invalid := []graph.RankQuery{
		{},
		{Measure: "BETWEENNESS"},
		{Measure: graph.MeasureDegree, Types: []graph.EdgeType{"KNOWS"}},
		{Measure: graph.MeasureDegree, Kinds: []graph.Kind{"Planet"}},
		{Measure: graph.MeasureDegree, Direction: graph.Direction(9)},
		{Measure: graph.MeasureDegree, Limit: -1},
		{Measure: graph.MeasureDegree, Limit: graph.MaxRankLimit + 1},
		{Measure: graph.MeasureDegree, IDPrefix: strings.Repeat("x", graph.MaxIDLen+1)},
		{Measure: graph.MeasurePageRank, Direction: graph.In},
	}
	for _, q := range invalid {
		_, err := e.s.Rank(e.ctx, q)
		wantErr(e.t, fmt.Sprintf("Rank(%+v)", q), err, graph.ErrInvalid)
	}
}

// testRankPageRank checks PageRank on a fixture component that no other
// node touches: a walker there leaves it only by a jump or from a
// dangling node, both of which land on every node alike, so the ratios of
// the component's scores depend on the component alone. A reference power
// iteration here computes them from the definition in graph/analysis.go:
// each edge followed with equal chance (parallel edges count each), a
// dangling node's weight spread over all nodes, and under Both each edge
// followed either way.
//
//	a -> b (CITES and RELATED_TO), a -> c, b -> c, c -> a, b -> e, b -> f,
//	d -> c (CITES); in -> a (AUTHORED). e and f are dangling and alike.
func testRankPageRank(e *env) {
	nodes := map[string]graph.Node{}
	for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
		nodes[name] = e.doc(name)
	}
	nodes["in"] = MinimalNode(e.id(graph.Institution, "in"), "Institution")
	for _, n := range nodes {
		e.put(n)
	}
	type edge struct {
		t        graph.EdgeType
		from, to string
	}
	edges := []edge{
		{graph.Cites, "a", "b"}, {graph.RelatedTo, "a", "b"}, {graph.Cites, "a", "c"}, {graph.Cites, "b", "c"},
		{graph.Cites, "c", "a"}, {graph.Cites, "b", "e"}, {graph.Cites, "b", "f"}, {graph.Cites, "d", "c"},
		{graph.Authored, "in", "a"},
	}
	for _, x := range edges {
		e.putEdge(MinimalEdge(x.t, nodes[x.from].ID, nodes[x.to].ID))
	}

	// reference returns scores proportional to the PageRank of the
	// component's nodes: the fixed point of
	// y = 1 + damping * sum over followed edges u->v of y[u]/out(u), which
	// is the PageRank vector divided by the weight every node receives
	// from jumps and dangling nodes.
	reference := func(types []graph.EdgeType, d graph.Direction) map[string]float64 {
		var follow [][2]string
		for _, x := range edges {
			if len(types) > 0 && !slices.Contains(types, x.t) {
				continue
			}
			follow = append(follow, [2]string{x.from, x.to})
			if d == graph.Both {
				follow = append(follow, [2]string{x.to, x.from})
			}
		}
		out := map[string]int{}
		for _, f := range follow {
			out[f[0]]++
		}
		y := map[string]float64{}
		for n := range nodes {
			y[n] = 1
		}
		for range 2000 {
			next := map[string]float64{}
			for n := range nodes {
				next[n] = 1
			}
			for _, f := range follow {
				next[f[1]] += graph.PageRankDamping * y[f[0]] / float64(out[f[0]])
			}
			y = next
		}
		return y
	}

	docs := e.prefix(graph.Document)
	tests := []struct {
		name  string
		types []graph.EdgeType
		dir   graph.Direction
	}{
		{"every type, out (the default)", nil, 0},
		{"cites, out", []graph.EdgeType{graph.Cites}, graph.Out},
		{"cites, both ways", []graph.EdgeType{graph.Cites}, graph.Both},
	}
	for _, tc := range tests {
		e.run(tc.name, func(e *env) {
			dir := tc.dir
			if dir == 0 {
				dir = graph.Out
			}
			ref := reference(tc.types, dir)
			q := graph.RankQuery{Measure: graph.MeasurePageRank, Types: tc.types, Direction: tc.dir,
				Kinds: []graph.Kind{graph.Document}, IDPrefix: docs, Limit: graph.MaxRankLimit}
			got, err := e.s.Rank(e.ctx, q)
			if err != nil {
				e.t.Fatalf("Rank: %v", err)
			}
			// Every document of the fixture, and only those: the
			// institution is in the walk but not of the kinds asked.
			var want []string
			for n := range nodes {
				if n != "in" {
					want = append(want, n)
				}
			}
			// The order: by reference score, highest first, then by id;
			// e and f are exact ties.
			slices.SortFunc(want, func(x, y string) int {
				if math.Abs(ref[x]-ref[y]) > 1e-9*ref[x] {
					if ref[x] > ref[y] {
						return -1
					}
					return 1
				}
				return strings.Compare(x, y)
			})
			var gotNames []string
			score := map[string]float64{}
			for _, r := range got {
				name := strings.TrimPrefix(r.Node.ID, docs)
				gotNames = append(gotNames, name)
				score[name] = r.Score
				if r.Score <= 0 || r.Score > 1 {
					e.t.Errorf("%s: score %g, want in (0, 1]", name, r.Score)
				}
				if !EqualNode(r.Node, nodes[name]) {
					e.t.Errorf("Rank returned %s, want the stored %s", FormatNode(r.Node), FormatNode(nodes[name]))
				}
			}
			if !equalStrings(gotNames, want) {
				e.t.Fatalf("Rank order %v, want %v (reference %v)", gotNames, want, ref)
			}
			for _, x := range want {
				gotRatio, wantRatio := score[x]/score["a"], ref[x]/ref["a"]
				if math.Abs(gotRatio-wantRatio) > 1e-4*wantRatio {
					e.t.Errorf("score(%s)/score(a) = %.6f, want %.6f", x, gotRatio, wantRatio)
				}
			}
			if score["e"] != score["f"] {
				e.t.Errorf("e and f are alike, but score %g and %g", score["e"], score["f"])
			}
		})
	}

	// Kinds and IDPrefix only choose what is returned: the institution's
	// score is the same whether asked with the documents or alone.
	q := graph.RankQuery{Measure: graph.MeasurePageRank, IDPrefix: e.prefix(graph.Institution)}
	got, err := e.s.Rank(e.ctx, q)
	if err != nil || len(got) != 1 || got[0].Node.ID != nodes["in"].ID {
		e.t.Fatalf("Rank(%+v) = %v, %v; want the institution alone", q, got, err)
	}
	// The ranking follows writes: with a's citation of c gone, c loses
	// rank relative to b.
	before := pageRanks(e, docs)
	if err := e.s.DeleteEdge(e.ctx, MinimalEdge(graph.Cites, nodes["a"].ID, nodes["c"].ID).Key()); err != nil {
		e.t.Fatal(err)
	}
	after := pageRanks(e, docs)
	if !(after["c"]/after["b"] < before["c"]/before["b"]) {
		e.t.Errorf("after deleting a -> c: c/b = %g, before %g; want lower", after["c"]/after["b"], before["c"]/before["b"])
	}
}

// pageRanks returns the default PageRank of the documents under prefix, by
// name.
func pageRanks(e *env, prefix string) map[string]float64 {
	e.t.Helper()
	got, err := e.s.Rank(e.ctx, graph.RankQuery{Measure: graph.MeasurePageRank, IDPrefix: prefix, Limit: graph.MaxRankLimit})
	if err != nil {
		e.t.Fatalf("Rank: %v", err)
	}
	out := map[string]float64{}
	for _, r := range got {
		out[strings.TrimPrefix(r.Node.ID, prefix)] = r.Score
	}
	return out
}
