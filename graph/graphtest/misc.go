package graphtest

import (
	"fmt"
	"slices"
	"sync"

	"github.com/issgraph/issgraph/graph"
)

func testCount(e *env) {
	before := e.count()
	for k, n := range before.Nodes {
		if !k.Valid() || n < 0 {
			e.t.Errorf("Count: %d nodes of kind %q", n, k)
		}
	}
	for t, n := range before.Edges {
		if !t.Valid() || n < 0 {
			e.t.Errorf("Count: %d edges of type %q", n, t)
		}
	}
	d1, d2 := e.doc("d1"), e.doc("d2")
	ag := MinimalNode(e.id(graph.Agency, "ag"), "Agency")
	in := MinimalNode(e.id(graph.Institution, "in"), "Institution")
	e.put(d1, d2, ag, in)
	e.putEdge(MinimalEdge(graph.Cites, d1.ID, d2.ID), MinimalEdge(graph.Authored, ag.ID, d1.ID), MinimalEdge(graph.MemberOf, ag.ID, in.ID))
	e.wantDelta(before,
		map[graph.Kind]int{graph.Document: 2, graph.Agency: 1, graph.Institution: 1},
		map[graph.EdgeType]int{graph.Cites: 1, graph.Authored: 1, graph.MemberOf: 1})
	if err := e.s.DeleteNode(e.ctx, d1.ID); err != nil {
		e.t.Fatal(err)
	}
	e.wantDelta(before,
		map[graph.Kind]int{graph.Document: 1, graph.Agency: 1, graph.Institution: 1},
		map[graph.EdgeType]int{graph.MemberOf: 1})
}

// testConcurrent runs writers and readers at once, then checks the final
// state exactly. Readers check that they never see a half-written node or
// an edge nobody wrote.
func testConcurrent(e *env) {
	const writers, perWriter, batches = 4, 20, 5
	before := e.count()
	want := map[string]graph.Node{}
	wantEdges := map[graph.EdgeKey]graph.Edge{}
	var plans [writers][]graph.Node
	for w := range writers {
		for i := range perWriter {
			n := MinimalNode(e.id(graph.Document, fmt.Sprintf("w%d-%02d", w, i)), fmt.Sprintf("Writer %d node %d", w, i))
			n.Props = graph.Props{"aliases": []string{fmt.Sprint(w), fmt.Sprint(i)}}
			plans[w] = append(plans[w], n)
			want[n.ID] = n
		}
	}
	var batchPlan []graph.Batch
	for b := range batches {
		var bt graph.Batch
		for i := range 3 {
			n := MinimalNode(e.id(graph.Document, fmt.Sprintf("b%d-%d", b, i)), "Batch node")
			bt.Nodes = append(bt.Nodes, n)
			want[n.ID] = n
			if i > 0 {
				bt.Edges = append(bt.Edges, MinimalEdge(graph.Cites, bt.Nodes[i-1].ID, n.ID))
			}
		}
		batchPlan = append(batchPlan, bt)
	}
	// Every edge any writer will write, so readers can check what they see.
	written := map[graph.EdgeKey]graph.Edge{}
	for w := range writers {
		for i := 1; i < perWriter; i++ {
			x := MinimalEdge(graph.Cites, plans[w][i-1].ID, plans[w][i].ID)
			written[x.Key()] = x
		}
	}
	for _, bt := range batchPlan {
		for _, x := range bt.Edges {
			written[x.Key()] = x
		}
	}
	all := make([]string, 0, len(want))
	for id := range want {
		all = append(all, id)
	}
	slices.Sort(all)

	ctx, t, s, pfx := e.ctx, e.t, e.s, e.prefix(graph.Document)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i, n := range plans[w] {
				if err := s.PutNode(ctx, n); err != nil {
					t.Errorf("writer %d: PutNode: %v", w, err)
					return
				}
				if i > 0 {
					if err := s.CreateEdge(ctx, MinimalEdge(graph.Cites, plans[w][i-1].ID, n.ID)); err != nil {
						t.Errorf("writer %d: CreateEdge: %v", w, err)
						return
					}
				}
			}
			// Deleting a middle node takes its two edges with it.
			if err := s.DeleteNode(ctx, plans[w][perWriter/2].ID); err != nil {
				t.Errorf("writer %d: DeleteNode: %v", w, err)
			}
		})
	}
	wg.Go(func() {
		for _, bt := range batchPlan {
			if _, err := s.Apply(ctx, bt); err != nil {
				t.Errorf("Apply: %v", err)
				return
			}
		}
	})
	for r := range 2 {
		wg.Go(func() {
			for range 20 {
				got, err := s.GetNodes(ctx, all)
				if err != nil {
					t.Errorf("reader %d: GetNodes: %v", r, err)
					return
				}
				for _, n := range got {
					if n != nil && !EqualNode(*n, want[n.ID]) {
						t.Errorf("reader %d: GetNodes saw %s", r, FormatNode(*n))
					}
				}
				m, err := s.Edges(ctx, graph.EdgeQuery{IDs: all})
				if err != nil {
					t.Errorf("reader %d: Edges: %v", r, err)
					return
				}
				for _, es := range m {
					for _, x := range es {
						if w, ok := written[x.Key()]; !ok || !EqualEdge(x, w) {
							t.Errorf("reader %d: Edges saw %s", r, FormatEdge(x))
						}
					}
				}
				p, err := s.ListNodes(ctx, graph.ListQuery{Filter: graph.Filter{IDPrefix: pfx}, First: graph.MaxPageSize})
				if err != nil {
					t.Errorf("reader %d: ListNodes: %v", r, err)
					return
				}
				for _, n := range p.Nodes {
					if !EqualNode(n, want[n.ID]) {
						t.Errorf("reader %d: ListNodes saw %s", r, FormatNode(n))
					}
				}
				if _, err := s.Count(ctx); err != nil {
					t.Errorf("reader %d: Count: %v", r, err)
				}
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}

	// The final state: every node but the deleted ones, every edge but
	// theirs.
	for w := range writers {
		delete(want, plans[w][perWriter/2].ID)
	}
	for k, x := range written {
		if _, ok := want[k.From]; !ok {
			continue
		}
		if _, ok := want[k.To]; !ok {
			continue
		}
		wantEdges[k] = x
	}
	var wantIDs []string
	for id := range want {
		wantIDs = append(wantIDs, id)
	}
	slices.Sort(wantIDs)
	q := graph.ListQuery{Kind: graph.Document, Filter: graph.Filter{IDPrefix: e.prefix(graph.Document)}, First: 25}
	if got := e.walk(q, len(wantIDs)); !equalStrings(got, wantIDs) {
		e.t.Errorf("after concurrent writes, ListNodes\n got %v\nwant %v", got, wantIDs)
	}
	got, err := e.s.GetNodes(e.ctx, all)
	if err != nil {
		e.t.Fatal(err)
	}
	for i, id := range all {
		n, ok := want[id]
		switch {
		case ok && (got[i] == nil || !EqualNode(*got[i], n)):
			e.t.Errorf("GetNodes(%s) = %v, want %s", id, got[i], FormatNode(n))
		case !ok && got[i] != nil:
			e.t.Errorf("GetNodes(%s) = %s, want nil", id, FormatNode(*got[i]))
		}
	}
	m, err := e.s.Edges(e.ctx, graph.EdgeQuery{IDs: all, Direction: graph.Out})
	if err != nil {
		e.t.Fatal(err)
	}
	wantOut := map[string][]graph.Edge{}
	for _, x := range wantEdges {
		wantOut[x.From] = append(wantOut[x.From], x)
	}
	for _, es := range wantOut {
		sortEdges(es)
	}
	e.wantEdges("after concurrent writes", m, wantOut)
	e.wantDelta(before,
		map[graph.Kind]int{graph.Document: len(want)},
		map[graph.EdgeType]int{graph.Cites: len(wantEdges)})
}

// testClosed checks that every method fails with ErrUnavailable once the
// store is closed.
func testClosed(e *env) {
	if err := e.s.Close(); err != nil {
		e.t.Fatalf("Close: %v", err)
	}
	ctx, s := e.ctx, e.s
	// Not tracked: cleanup cannot delete through a closed store.
	a := MinimalNode(e.prefix(graph.Document)+"a", "Doc a")
	b := MinimalNode(e.prefix(graph.Document)+"b", "Doc b")
	x := MinimalEdge(graph.Cites, a.ID, b.ID)
	calls := map[string]func() error{
		"Ping":       func() error { return s.Ping(ctx) },
		"GetNode":    func() error { _, err := s.GetNode(ctx, a.ID); return err },
		"GetNodes":   func() error { _, err := s.GetNodes(ctx, []string{a.ID}); return err },
		"ListNodes":  func() error { _, err := s.ListNodes(ctx, graph.ListQuery{}); return err },
		"CreateNode": func() error { return s.CreateNode(ctx, a) },
		"PutNode":    func() error { return s.PutNode(ctx, a) },
		"UpdateNode": func() error { return s.UpdateNode(ctx, a) },
		"DeleteNode": func() error { return s.DeleteNode(ctx, a.ID) },
		"GetEdge":    func() error { _, err := s.GetEdge(ctx, x.Key()); return err },
		"CreateEdge": func() error { return s.CreateEdge(ctx, x) },
		"PutEdge":    func() error { return s.PutEdge(ctx, x) },
		"DeleteEdge": func() error { return s.DeleteEdge(ctx, x.Key()) },
		"Edges":      func() error { _, err := s.Edges(ctx, graph.EdgeQuery{IDs: []string{a.ID}}); return err },
		"EdgesAndEnds": func() error {
			_, _, err := s.EdgesAndEnds(ctx, graph.EdgeQuery{IDs: []string{a.ID}})
			return err
		},
		"Apply": func() error {
			_, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{a, b}, Edges: []graph.Edge{x}})
			return err
		},
		"Count":   func() error { _, err := s.Count(ctx); return err },
		"Degrees": func() error { _, err := s.Degrees(ctx, []string{a.ID}); return err },
		"Rank": func() error {
			_, err := s.Rank(ctx, graph.RankQuery{Measure: graph.MeasurePageRank})
			return err
		},
		"Search": func() error { _, err := s.Search(ctx, graph.SearchQuery{Text: "europol"}); return err },
	}
	for name, call := range calls {
		wantErr(e.t, name+" after Close", call(), graph.ErrUnavailable)
	}
}
