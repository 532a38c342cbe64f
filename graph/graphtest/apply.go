package graphtest

import (
	"fmt"

	"github.com/issgraph/issgraph/graph"
)

func (e *env) apply(b graph.Batch) graph.BatchResult {
	e.t.Helper()
	r, err := e.s.Apply(e.ctx, b)
	if err != nil {
		e.t.Fatalf("Apply: %v", err)
	}
	return r
}

func (e *env) wantResult(got, want graph.BatchResult) {
	e.t.Helper()
	if got != want {
		e.t.Errorf("Apply result %+v, want %+v", got, want)
	}
}

func testApply(e *env) {
	w := FullNode(e.id(graph.Document, "w"), "Doc w")
	y := e.doc("y")
	e.put(w, y)
	before := e.count()

	x := FullNode(e.id(graph.Document, "x"), "Doc x")
	w2 := MinimalNode(w.ID, "Doc w, renamed") // a plain upsert replaces w
	p := MinimalNode(e.id(graph.Institution, "p"), "Institution p")
	edges := []graph.Edge{
		FullEdge(graph.Cites, x.ID, w.ID),        // to a node stored and in the batch
		MinimalEdge(graph.Cites, w.ID, y.ID),     // between stored nodes
		MinimalEdge(graph.Authored, p.ID, x.ID),  // between nodes of the batch
		MinimalEdge(graph.RelatedTo, y.ID, x.ID), // from a stored node only
	}
	b := graph.Batch{Nodes: []graph.Node{x, w2, p}, Edges: edges}
	e.wantResult(e.apply(b), graph.BatchResult{NodesCreated: 2, NodesUpdated: 1, EdgesCreated: 4})
	check := func() {
		e.t.Helper()
		e.wantNode(x)
		e.wantNode(w2)
		e.wantNode(p)
		e.wantNode(y)
		for _, ed := range edges {
			e.wantEdge(ed)
		}
		e.wantDelta(before,
			map[graph.Kind]int{graph.Document: 1, graph.Institution: 1},
			map[graph.EdgeType]int{graph.Cites: 2, graph.Authored: 1, graph.RelatedTo: 1})
	}
	check()

	// Applying the same batch again changes nothing, and says so.
	e.wantResult(e.apply(b), graph.BatchResult{NodesUnchanged: 3, EdgesUnchanged: 4})
	check()
	// One node and one edge changed: only those are updates.
	w3 := MinimalNode(w.ID, "Doc w, renamed again")
	e3 := FullEdge(graph.Cites, w.ID, y.ID)
	b3 := graph.Batch{Nodes: []graph.Node{x, w3, p}, Edges: []graph.Edge{edges[0], e3}}
	e.wantResult(e.apply(b3), graph.BatchResult{NodesUpdated: 1, NodesUnchanged: 2, EdgesUpdated: 1, EdgesUnchanged: 1})
	e.wantNode(w3)
	e.wantEdge(e3)
	// The same node twice in one batch: the second finds what the first wrote.
	e.wantResult(e.apply(graph.Batch{Nodes: []graph.Node{w2, w2}}), graph.BatchResult{NodesUpdated: 1, NodesUnchanged: 1})
	e.apply(graph.Batch{Edges: []graph.Edge{edges[1]}})
	check()

	// A plain upsert of an edge replaces its properties.
	e.apply(graph.Batch{Edges: []graph.Edge{MinimalEdge(graph.Cites, x.ID, w.ID)}})
	e.wantEdge(MinimalEdge(graph.Cites, x.ID, w.ID))

	// An empty batch is fine.
	e.wantResult(e.apply(graph.Batch{}), graph.BatchResult{})
	e.wantResult(e.apply(graph.Batch{Merge: true}), graph.BatchResult{})

	// Changing a kind is a conflict.
	changed := MinimalNode(x.ID, "Doc x")
	changed.Kind = graph.Agency
	_, err := e.s.Apply(e.ctx, graph.Batch{Nodes: []graph.Node{changed}})
	wantErr(e.t, "Apply changing a kind", err, graph.ErrConflict)
	_, err = e.s.Apply(e.ctx, graph.Batch{Nodes: []graph.Node{changed}, Merge: true})
	wantErr(e.t, "Apply with Merge changing a kind", err, graph.ErrConflict)
	e.wantNode(x)
}

// testApplyAtomic checks that a batch that fails writes nothing, whichever
// part of it fails.
func testApplyAtomic(e *env) {
	w := FullNode(e.id(graph.Document, "w"), "Old name")
	y := e.doc("y")
	e.put(w, y)
	before := e.count()

	x := e.doc("x")
	wNew := MinimalNode(w.ID, "New name")
	bad := e.doc("bad")
	bad.Props = graph.Props{"colour": "red"}
	agencyW := MinimalNode(w.ID, "Agency")
	agencyW.Kind = graph.Agency
	missing := e.id(graph.Document, "missing")
	p := MinimalNode(e.id(graph.Person, "p"), "Person")
	r := MinimalNode(e.id(graph.Procedure, "r"), "Procedure")
	rap := MinimalEdge(graph.Rapporteur, p.ID, r.ID)
	rap.Props = nil
	cases := []struct {
		name string
		b    graph.Batch
		err  error
	}{
		{"an invalid node last", graph.Batch{Nodes: []graph.Node{wNew, x, bad}}, graph.ErrInvalid},
		{"an invalid node first", graph.Batch{Nodes: []graph.Node{bad, wNew, x}}, graph.ErrInvalid},
		{"an edge to a missing node", graph.Batch{Nodes: []graph.Node{wNew, x}, Edges: []graph.Edge{MinimalEdge(graph.Cites, x.ID, missing)}}, graph.ErrNotFound},
		{"an edge from a missing node", graph.Batch{Nodes: []graph.Node{wNew, x}, Edges: []graph.Edge{MinimalEdge(graph.Cites, x.ID, y.ID), MinimalEdge(graph.Cites, missing, x.ID)}}, graph.ErrNotFound},
		{"an invalid edge", graph.Batch{Nodes: []graph.Node{wNew, x}, Edges: []graph.Edge{MinimalEdge(graph.Cites, x.ID, w.ID), MinimalEdge(graph.Cites, x.ID, x.ID)}}, graph.ErrInvalid},
		{"an edge of the wrong kinds", graph.Batch{Nodes: []graph.Node{wNew}, Edges: []graph.Edge{MinimalEdge(graph.Cites, w.ID, y.ID), MinimalEdge(graph.HasDocument, w.ID, y.ID)}}, graph.ErrInvalid},
		{"an edge missing its role", graph.Batch{Nodes: []graph.Node{p, r}, Edges: []graph.Edge{MinimalEdge(graph.Cites, w.ID, y.ID), rap}}, graph.ErrInvalid},
		{"a kind change", graph.Batch{Nodes: []graph.Node{x, agencyW}, Edges: []graph.Edge{MinimalEdge(graph.Cites, y.ID, x.ID)}}, graph.ErrConflict},
	}
	for _, tc := range cases {
		for _, merge := range []bool{false, true} {
			tc.b.Merge = merge
			r, err := e.s.Apply(e.ctx, tc.b)
			wantErr(e.t, fmt.Sprintf("Apply with %s (merge %v)", tc.name, merge), err, tc.err)
			if r != (graph.BatchResult{}) {
				e.t.Errorf("Apply with %s: failed but reports %+v", tc.name, r)
			}
		}
	}
	e.wantNode(w)
	e.wantNode(y)
	e.wantNoNode(x.ID)
	e.wantNoNode(bad.ID)
	e.wantNoNode(p.ID)
	e.wantNoNode(r.ID)
	e.wantDelta(before, nil, nil)
	got, err := e.s.Edges(e.ctx, graph.EdgeQuery{IDs: []string{w.ID, y.ID, x.ID}})
	if err != nil {
		e.t.Fatal(err)
	}
	e.wantEdges("after failed batches", got, nil)
}

func testApplyMerge(e *env) {
	s1 := graph.Source{File: "home-affairs-iss-overview.txt", Section: "Overview", Lines: "3-5"}
	s2 := graph.Source{File: "eurlex-summary-iss-in-action.txt", Lines: "10"}
	old := graph.Node{ID: e.id(graph.Document, "n"), Kind: graph.Document, Name: "Old name",
		Props: graph.Props{"description": "old", "aliases": []string{"A1"}, "date": graph.MustDate("2010-01-01")}, Sources: []graph.Source{s1}}
	other := e.doc("other")
	e.put(old, other)

	overlay := graph.Node{ID: old.ID, Kind: graph.Document, Name: "New name",
		Props: graph.Props{"aliases": []string{"A2"}, "shortTitle": "T"}, Sources: []graph.Source{s2, s1}}
	fresh := FullNode(e.id(graph.Document, "fresh"), "Fresh")
	want := graph.Node{ID: old.ID, Kind: graph.Document, Name: "New name",
		Props:   graph.Props{"description": "old", "aliases": []string{"A2"}, "date": graph.MustDate("2010-01-01"), "shortTitle": "T"},
		Sources: []graph.Source{s1, s2}}
	b := graph.Batch{Nodes: []graph.Node{overlay, fresh}, Merge: true}
	e.wantResult(e.apply(b), graph.BatchResult{NodesCreated: 1, NodesUpdated: 1})
	e.wantNode(want)
	e.wantNode(fresh)
	if m := graph.MergeNode(old, overlay); !EqualNode(m, want) {
		e.t.Errorf("graph.MergeNode disagrees with this test: %s", FormatNode(m))
	}

	// Merging again is idempotent: sources are not repeated, and nothing
	// is written.
	e.wantResult(e.apply(b), graph.BatchResult{NodesUnchanged: 2})
	e.wantNode(want)
	e.wantNode(fresh)

	// An overlay without a name keeps the stored one; required properties
	// may come from the stored node too.
	noName := graph.Node{ID: old.ID, Kind: graph.Document, Props: graph.Props{"type": "report"}}
	e.apply(graph.Batch{Nodes: []graph.Node{noName}, Merge: true})
	want.Props["type"] = "report"
	e.wantNode(want)
	ev := FullNode(e.id(graph.Event, "ev"), "Event")
	e.put(ev)
	evOverlay := graph.Node{ID: ev.ID, Kind: graph.Event, Name: "Event, renamed", Props: graph.Props{"type": "vote"}}
	e.apply(graph.Batch{Nodes: []graph.Node{evOverlay}, Merge: true})
	ev.Name, ev.Props["type"] = evOverlay.Name, "vote"
	e.wantNode(ev)

	// A new node must be complete on its own.
	newNoName := graph.Node{ID: e.id(graph.Document, "nameless"), Kind: graph.Document}
	_, err := e.s.Apply(e.ctx, graph.Batch{Nodes: []graph.Node{newNoName}, Merge: true})
	wantErr(e.t, "Apply with Merge of a new node without a name", err, graph.ErrInvalid)
	e.wantNoNode(newNoName.ID)

	// Edges merge the same way.
	x := graph.Edge{Type: graph.Cites, From: old.ID, To: other.ID, Props: graph.Props{"note": "old"}, Sources: []graph.Source{s1}}
	e.putEdge(x)
	xo := graph.Edge{Type: graph.Cites, From: old.ID, To: other.ID, Props: graph.Props{"date": graph.MustDate("2012-05-22")}, Sources: []graph.Source{s1, s2}}
	xr := graph.Edge{Type: graph.Cites, From: other.ID, To: old.ID, Props: graph.Props{"note": "new"}}
	eb := graph.Batch{Edges: []graph.Edge{xo, xr}, Merge: true}
	e.wantResult(e.apply(eb), graph.BatchResult{EdgesCreated: 1, EdgesUpdated: 1})
	wantX := graph.Edge{Type: graph.Cites, From: old.ID, To: other.ID,
		Props: graph.Props{"note": "old", "date": graph.MustDate("2012-05-22")}, Sources: []graph.Source{s1, s2}}
	e.wantEdge(wantX)
	e.wantEdge(xr)
	e.wantResult(e.apply(eb), graph.BatchResult{EdgesUnchanged: 2})
	e.wantEdge(wantX)

	// A RAPPORTEUR overlay may leave out the role the stored edge has.
	p := MinimalNode(e.id(graph.Person, "p"), "Person")
	r := MinimalNode(e.id(graph.Procedure, "r"), "Procedure")
	e.put(p, r)
	rap := MinimalEdge(graph.Rapporteur, p.ID, r.ID)
	e.putEdge(rap)
	e.apply(graph.Batch{Edges: []graph.Edge{{Type: graph.Rapporteur, From: p.ID, To: r.ID, Props: graph.Props{"group": "S&D"}}}, Merge: true})
	rap.Props["group"] = "S&D"
	e.wantEdge(rap)

	// Without Merge the same batch replaces.
	e.apply(graph.Batch{Nodes: []graph.Node{overlay}, Edges: []graph.Edge{xo}})
	e.wantNode(overlay)
	e.wantEdge(xo)
}

func testApplyLimits(e *env) {
	n := graph.MaxBatchWrite + 1
	nodes := make([]graph.Node, n)
	for i := range nodes {
		nodes[i] = MinimalNode(e.prefix(graph.Document)+fmt.Sprintf("n%05d", i), "Doc")
	}
	e.track(nodes[0].ID, nodes[n-1].ID)
	_, err := e.s.Apply(e.ctx, graph.Batch{Nodes: nodes})
	wantErr(e.t, "Apply of MaxBatchWrite+1 nodes", err, graph.ErrInvalid)
	half := graph.MaxBatchWrite / 2
	var edges []graph.Edge
	for i := 1; i <= graph.MaxBatchWrite-half+1; i++ {
		edges = append(edges, MinimalEdge(graph.Cites, nodes[0].ID, nodes[i].ID))
	}
	_, err = e.s.Apply(e.ctx, graph.Batch{Nodes: nodes[:half], Edges: edges, Merge: true})
	wantErr(e.t, "Apply of MaxBatchWrite+1 nodes and edges", err, graph.ErrInvalid)
	e.wantNoNode(nodes[0].ID)
	e.wantNoNode(nodes[n-1].ID)
}
