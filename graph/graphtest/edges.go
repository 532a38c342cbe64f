package graphtest

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/issgraph/issgraph/graph"
)

func testEdgeCRUD(e *env) {
	a, b := e.doc("a"), e.doc("b")
	e.put(a, b)
	before := e.count()

	x := FullEdge(graph.Cites, a.ID, b.ID)
	if err := e.s.CreateEdge(e.ctx, x); err != nil {
		e.t.Fatalf("CreateEdge: %v", err)
	}
	e.wantEdge(x)
	again := MinimalEdge(graph.Cites, a.ID, b.ID)
	wantErr(e.t, "CreateEdge on an existing key", e.s.CreateEdge(e.ctx, again), graph.ErrConflict)
	e.wantEdge(x)

	// The reverse direction and another type are other edges.
	rev := MinimalEdge(graph.Cites, b.ID, a.ID)
	rel := MinimalEdge(graph.RelatedTo, a.ID, b.ID)
	if err := e.s.CreateEdge(e.ctx, rev); err != nil {
		e.t.Fatalf("CreateEdge reverse: %v", err)
	}
	e.putEdge(rel)
	e.wantEdge(x)
	e.wantEdge(rev)
	e.wantEdge(rel)
	e.wantDelta(before, nil, map[graph.EdgeType]int{graph.Cites: 2, graph.RelatedTo: 1})

	// PutEdge is idempotent and replaces.
	e.putEdge(rel)
	e.wantEdge(rel)
	rel2 := rel
	rel2.Props = graph.Props{"note": "replaced"}
	rel2.Sources = []graph.Source{{File: "api"}}
	e.putEdge(rel2)
	e.wantEdge(rel2)
	e.putEdge(rel)
	e.wantEdge(rel)
	e.wantDelta(before, nil, map[graph.EdgeType]int{graph.Cites: 2, graph.RelatedTo: 1})

	// Both endpoints must exist.
	missing := e.id(graph.Document, "missing")
	for _, m := range []graph.Edge{MinimalEdge(graph.Cites, a.ID, missing), MinimalEdge(graph.Cites, missing, a.ID)} {
		wantErr(e.t, "CreateEdge "+m.ID(), e.s.CreateEdge(e.ctx, m), graph.ErrNotFound)
		wantErr(e.t, "PutEdge "+m.ID(), e.s.PutEdge(e.ctx, m), graph.ErrNotFound)
		e.wantNoEdge(m.Key())
	}
	e.wantNoNode(missing)

	// DeleteEdge removes only that edge and leaves the nodes.
	if err := e.s.DeleteEdge(e.ctx, x.Key()); err != nil {
		e.t.Fatalf("DeleteEdge: %v", err)
	}
	e.wantNoEdge(x.Key())
	wantErr(e.t, "DeleteEdge twice", e.s.DeleteEdge(e.ctx, x.Key()), graph.ErrNotFound)
	wantErr(e.t, "DeleteEdge of a missing edge", e.s.DeleteEdge(e.ctx, MinimalEdge(graph.Cites, a.ID, missing).Key()), graph.ErrNotFound)
	e.wantEdge(rev)
	e.wantEdge(rel)
	e.wantNode(a)
	e.wantNode(b)
	e.wantDelta(before, nil, map[graph.EdgeType]int{graph.Cites: 1, graph.RelatedTo: 1})
	wantErr(e.t, "GetEdge of a missing edge", func() error { _, err := e.s.GetEdge(e.ctx, x.Key()); return err }(), graph.ErrNotFound)
}

// testEdgeValidation writes invalid edges between existing nodes and checks
// that each is ErrInvalid and that nothing was written.
func testEdgeValidation(e *env) {
	a, b := e.doc("a"), e.doc("b")
	p := MinimalNode(e.id(graph.Person, "p"), "Person p")
	r := MinimalNode(e.id(graph.Procedure, "r"), "Procedure r")
	e.put(a, b, p, r)
	before := e.count()

	with := func(x graph.Edge, f func(x *graph.Edge)) graph.Edge { f(&x); return x }
	cites := MinimalEdge(graph.Cites, a.ID, b.ID)
	rap := MinimalEdge(graph.Rapporteur, p.ID, r.ID)
	cases := []struct {
		name string
		x    graph.Edge
	}{
		{"unknown type", with(cites, func(x *graph.Edge) { x.Type = "LIKES" })},
		{"no type", with(cites, func(x *graph.Edge) { x.Type = "" })},
		{"lower-case type", with(cites, func(x *graph.Edge) { x.Type = "cites" })},
		{"wrong from kind", MinimalEdge(graph.Cites, p.ID, a.ID)},
		{"wrong to kind", MinimalEdge(graph.Cites, a.ID, p.ID)},
		{"wrong kinds, reversed rapporteur", MinimalEdge(graph.Rapporteur, r.ID, p.ID)},
		{"rapporteur without role", with(rap, func(x *graph.Edge) { x.Props = nil })},
		{"rapporteur with an unknown role", with(rap, func(x *graph.Edge) { x.Props = graph.Props{"role": "chair"} })},
		{"self loop", MinimalEdge(graph.Cites, a.ID, a.ID)},
		{"from not a node id", MinimalEdge(graph.Cites, "nowhere/"+e.tok, a.ID)},
		{"no from", MinimalEdge(graph.Cites, "", a.ID)},
		{"no to", MinimalEdge(graph.Cites, a.ID, "")},
		{"unknown property", with(cites, func(x *graph.Edge) { x.Props = graph.Props{"weight": int64(1)} })},
		{"property of another type", with(cites, func(x *graph.Edge) { x.Props = graph.Props{"committee": "institution/ep-libe"} })},
		{"date given a string", with(cites, func(x *graph.Edge) { x.Props = graph.Props{"date": "2012-05-22"} })},
		{"empty note", with(cites, func(x *graph.Edge) { x.Props = graph.Props{"note": ""} })},
		{"source without file", with(cites, func(x *graph.Edge) { x.Sources = []graph.Source{{Lines: "1"}} })},
		{"bad source lines", with(cites, func(x *graph.Edge) { x.Sources = []graph.Source{{File: "api", Lines: "x"}} })},
		{"note not UTF-8", with(cites, func(x *graph.Edge) { x.Props = graph.Props{"note": "\x80"} })},
		{"source not UTF-8", with(cites, func(x *graph.Edge) { x.Sources = []graph.Source{{File: "\xfe"}} })},
	}
	for _, tc := range cases {
		x := tc.x
		wantErr(e.t, tc.name+": CreateEdge", e.s.CreateEdge(e.ctx, x), graph.ErrInvalid)
		wantErr(e.t, tc.name+": PutEdge", e.s.PutEdge(e.ctx, x), graph.ErrInvalid)
		_, err := e.s.Apply(e.ctx, graph.Batch{Edges: []graph.Edge{x}})
		wantErr(e.t, tc.name+": Apply", err, graph.ErrInvalid)
		_, err = e.s.Apply(e.ctx, graph.Batch{Edges: []graph.Edge{x}, Merge: true})
		wantErr(e.t, tc.name+": Apply with Merge", err, graph.ErrInvalid)
	}
	e.wantDelta(before, nil, nil)
	m, err := e.s.Edges(e.ctx, graph.EdgeQuery{IDs: []string{a.ID, b.ID, p.ID, r.ID}})
	if err != nil {
		e.t.Fatalf("Edges: %v", err)
	}
	for id, es := range m {
		if len(es) > 0 {
			e.t.Errorf("Edges(%s) = %v after invalid writes, want none", id, edgeIDs(es))
		}
	}

	// A valid edge made invalid by PutEdge stays as it was.
	good := MinimalEdge(graph.Rapporteur, p.ID, r.ID)
	good.Props["committee"] = "institution/ep-libe"
	e.putEdge(good)
	wantErr(e.t, "PutEdge over a valid edge", e.s.PutEdge(e.ctx, with(good, func(x *graph.Edge) { x.Props = graph.Props{"role": "chair"} })), graph.ErrInvalid)
	e.wantEdge(good)
}

// testTypedEdgeProps round-trips an edge of every type with every property
// its spec allows, between endpoints of the first kinds it allows.
func testTypedEdgeProps(e *env) {
	var nodes []graph.Node
	var edges []graph.Edge
	for _, spec := range graph.EdgeTypes {
		slug := strings.ToLower(strings.ReplaceAll(string(spec.Type), "_", "-"))
		from := MinimalNode(e.id(spec.From[0], slug+"-from"), "From")
		to := MinimalNode(e.id(spec.To[0], slug+"-to"), "To")
		nodes = append(nodes, from, to)
		edges = append(edges, FullEdge(spec.Type, from.ID, to.ID))
	}
	e.put(nodes...)
	half := len(edges) / 2
	e.putEdge(edges[:half]...)
	if _, err := e.s.Apply(e.ctx, graph.Batch{Edges: edges[half:]}); err != nil {
		e.t.Fatalf("Apply: %v", err)
	}
	m, err := e.s.Edges(e.ctx, graph.EdgeQuery{IDs: ids(nodes), Direction: graph.Out})
	if err != nil {
		e.t.Fatalf("Edges: %v", err)
	}
	for _, x := range edges {
		e.wantEdge(x)
		if got := m[x.From]; len(got) != 1 || !EqualEdge(got[0], x) {
			e.t.Errorf("Edges(%s, OUT) = %v, want %s", x.From, got, FormatEdge(x))
		}
	}
}

// edgeFixture stores documents a, b, c, a procedure r, a person p and an
// institution i, joined by edges of several types in both directions.
type edgeFixture struct {
	a, b, c, r, p, i, lone string
	all                    []graph.Edge
}

func newEdgeFixture(e *env) edgeFixture {
	f := edgeFixture{
		a: e.id(graph.Document, "a"), b: e.id(graph.Document, "b"), c: e.id(graph.Document, "c"),
		r: e.id(graph.Procedure, "r"), p: e.id(graph.Person, "p"), i: e.id(graph.Institution, "i"),
		lone: e.id(graph.Document, "lone"),
	}
	for _, id := range []string{f.a, f.b, f.c, f.r, f.p, f.i, f.lone} {
		e.put(MinimalNode(id, "Node"))
	}
	f.all = []graph.Edge{
		MinimalEdge(graph.Cites, f.a, f.b),
		MinimalEdge(graph.Cites, f.a, f.c),
		MinimalEdge(graph.Cites, f.c, f.a),
		MinimalEdge(graph.RelatedTo, f.a, f.r),
		MinimalEdge(graph.HasDocument, f.r, f.a),
		MinimalEdge(graph.Authored, f.i, f.a),
		MinimalEdge(graph.Rapporteur, f.p, f.r),
		MinimalEdge(graph.MemberOf, f.p, f.i),
	}
	e.putEdge(f.all...)
	return f
}

// edge returns the fixture's edge with the type and ends.
func (f edgeFixture) edge(t graph.EdgeType, from, to string) graph.Edge {
	for _, x := range f.all {
		if x.Type == t && x.From == from && x.To == to {
			return x
		}
	}
	panic(fmt.Sprintf("no edge %s %s %s in the fixture", t, from, to))
}

func testEdges(e *env) {
	f := newEdgeFixture(e)
	E := f.edge
	cases := []struct {
		name string
		q    graph.EdgeQuery
		want map[string][]graph.Edge
	}{
		{"out", graph.EdgeQuery{IDs: []string{f.a}, Direction: graph.Out}, map[string][]graph.Edge{
			f.a: {E(graph.Cites, f.a, f.b), E(graph.Cites, f.a, f.c), E(graph.RelatedTo, f.a, f.r)}}},
		{"in", graph.EdgeQuery{IDs: []string{f.a}, Direction: graph.In}, map[string][]graph.Edge{
			f.a: {E(graph.Authored, f.i, f.a), E(graph.Cites, f.c, f.a), E(graph.HasDocument, f.r, f.a)}}},
		{"both", graph.EdgeQuery{IDs: []string{f.a}, Direction: graph.Both}, map[string][]graph.Edge{
			f.a: {E(graph.Authored, f.i, f.a), E(graph.Cites, f.a, f.b), E(graph.Cites, f.a, f.c), E(graph.Cites, f.c, f.a),
				E(graph.HasDocument, f.r, f.a), E(graph.RelatedTo, f.a, f.r)}}},
		{"direction 0 is both", graph.EdgeQuery{IDs: []string{f.c}}, map[string][]graph.Edge{
			f.c: {E(graph.Cites, f.a, f.c), E(graph.Cites, f.c, f.a)}}},
		{"one type", graph.EdgeQuery{IDs: []string{f.a}, Types: []graph.EdgeType{graph.Cites}}, map[string][]graph.Edge{
			f.a: {E(graph.Cites, f.a, f.b), E(graph.Cites, f.a, f.c), E(graph.Cites, f.c, f.a)}}},
		{"two types, in", graph.EdgeQuery{IDs: []string{f.a, f.r}, Types: []graph.EdgeType{graph.RelatedTo, graph.Rapporteur}, Direction: graph.In}, map[string][]graph.Edge{
			f.r: {E(graph.Rapporteur, f.p, f.r), E(graph.RelatedTo, f.a, f.r)}}},
		{"type with none", graph.EdgeQuery{IDs: []string{f.a}, Types: []graph.EdgeType{graph.Produced}}, map[string][]graph.Edge{}},
		{"several ids", graph.EdgeQuery{IDs: []string{f.p, f.b, f.lone, e.id(graph.Document, "missing"), f.i}, Direction: graph.Both}, map[string][]graph.Edge{
			f.p: {E(graph.MemberOf, f.p, f.i), E(graph.Rapporteur, f.p, f.r)},
			f.b: {E(graph.Cites, f.a, f.b)},
			f.i: {E(graph.Authored, f.i, f.a), E(graph.MemberOf, f.p, f.i)}}},
		{"duplicate ids", graph.EdgeQuery{IDs: []string{f.b, f.b}, Direction: graph.In}, map[string][]graph.Edge{
			f.b: {E(graph.Cites, f.a, f.b)}}},
		{"no ids", graph.EdgeQuery{}, map[string][]graph.Edge{}},
	}
	for _, tc := range cases {
		got, err := e.s.Edges(e.ctx, tc.q)
		if err != nil {
			e.t.Errorf("Edges(%s): %v", tc.name, err)
			continue
		}
		e.wantEdges(tc.name, got, tc.want)

		// Bare: the same edges without their properties and sources.
		bare := tc.q
		bare.Bare = true
		got, err = e.s.Edges(e.ctx, bare)
		if err != nil {
			e.t.Errorf("Edges(%s, bare): %v", tc.name, err)
			continue
		}
		e.wantEdges(tc.name+", bare", got, bareEdges(tc.want))
		got, _, err = e.s.EdgesAndEnds(e.ctx, bare)
		if err != nil {
			e.t.Errorf("EdgesAndEnds(%s, bare): %v", tc.name, err)
			continue
		}
		e.wantEdges("EdgesAndEnds "+tc.name+", bare", got, bareEdges(tc.want))

		// EdgesAndEnds: the same edges, and exactly their other ends.
		got, ends, err := e.s.EdgesAndEnds(e.ctx, tc.q)
		if err != nil {
			e.t.Errorf("EdgesAndEnds(%s): %v", tc.name, err)
			continue
		}
		e.wantEdges("EdgesAndEnds "+tc.name, got, tc.want)
		wantEnds := map[string]bool{}
		for id, es := range tc.want {
			for _, x := range es {
				wantEnds[x.Key().Other(id)] = true
			}
		}
		for id, n := range ends {
			if !wantEnds[id] || n == nil || n.ID != id {
				e.t.Errorf("EdgesAndEnds(%s): end %s = %v, not an other end", tc.name, id, n)
			}
		}
		for id := range wantEnds {
			stored, err := e.s.GetNode(e.ctx, id)
			if err != nil {
				e.t.Fatalf("GetNode(%s): %v", id, err)
			}
			if n := ends[id]; n == nil || !EqualNode(*n, stored) {
				e.t.Errorf("EdgesAndEnds(%s): end %s = %v, want %v", tc.name, id, n, stored)
			}
		}
	}

	for _, tc := range []struct {
		name string
		q    graph.EdgeQuery
	}{
		{"unknown type", graph.EdgeQuery{IDs: []string{f.a}, Types: []graph.EdgeType{"LIKES"}}},
		{"unknown direction", graph.EdgeQuery{IDs: []string{f.a}, Direction: graph.Direction(9)}},
		{"too many ids", graph.EdgeQuery{IDs: make([]string, graph.MaxBatchIDs+1)}},
	} {
		_, err := e.s.Edges(e.ctx, tc.q)
		wantErr(e.t, "Edges with "+tc.name, err, graph.ErrInvalid)
		_, _, err = e.s.EdgesAndEnds(e.ctx, tc.q)
		wantErr(e.t, "EdgesAndEnds with "+tc.name, err, graph.ErrInvalid)
	}
}

// bareEdges is edges with only their keys, as a Bare read returns them.
func bareEdges(edges map[string][]graph.Edge) map[string][]graph.Edge {
	out := make(map[string][]graph.Edge, len(edges))
	for id, es := range edges {
		for _, x := range es {
			out[id] = append(out[id], graph.Edge{Type: x.Type, From: x.From, To: x.To})
		}
	}
	return out
}

// testEdgesAndEndsProjected checks EdgesAndEnds with q.Ends: the edges are
// those of the query without it, and each end is exactly the projection of
// the stored node (Projection.Of), whatever the kind of the end and
// whether it has the properties named.
func testEdgesAndEndsProjected(e *env) {
	hub := FullNode(e.id(graph.Procedure, "hub"), "Hub")
	doc := FullNode(e.id(graph.Document, "doc"), "Doc")
	doc.Props["date"] = graph.Date{Year: 2011, Month: 2} // a month, stored with its precision
	bare := MinimalNode(e.id(graph.Document, "bare"), "Bare")
	person := FullNode(e.id(graph.Person, "person"), "Person")
	e.put(hub, doc, bare, person)
	edges := []graph.Edge{
		FullEdge(graph.HasDocument, hub.ID, doc.ID),
		MinimalEdge(graph.HasDocument, hub.ID, bare.ID),
		FullEdge(graph.Rapporteur, person.ID, hub.ID),
	}
	e.putEdge(edges...)
	whole, _, err := e.s.EdgesAndEnds(e.ctx, graph.EdgeQuery{IDs: []string{hub.ID}})
	if err != nil {
		e.t.Fatalf("EdgesAndEnds: %v", err)
	}
	for _, p := range []graph.Projection{
		{},
		{Sources: true},
		{Props: []string{"reference", "date", "aliases"}},
		{Props: []string{"date", "aliases", "reference", "date", "number", "established", "familyName"}, Sources: true}, // unsorted, a repeat, names some ends' kinds lack
	} {
		p := p
		what := fmt.Sprintf("EdgesAndEnds with Ends %+v", p)
		got, ends, err := e.s.EdgesAndEnds(e.ctx, graph.EdgeQuery{IDs: []string{hub.ID}, Ends: &p})
		if err != nil {
			e.t.Errorf("%s: %v", what, err)
			continue
		}
		e.wantEdges(what, got, whole)
		for _, stored := range []graph.Node{doc, bare, person} {
			n := ends[stored.ID]
			if want := p.Of(stored); n == nil || !EqualNode(*n, want) {
				e.t.Errorf("%s: end %s = %v, want %s", what, stored.ID, n, FormatNode(want))
			}
		}
		if len(ends) != 3 {
			e.t.Errorf("%s: %d ends, want 3", what, len(ends))
		}
	}
	_, _, err = e.s.EdgesAndEnds(e.ctx, graph.EdgeQuery{IDs: []string{hub.ID}, Ends: &graph.Projection{Props: []string{"reference", "nameLower"}}})
	wantErr(e.t, "EdgesAndEnds with a projection of an unknown property", err, graph.ErrInvalid)
}

// wantEdges compares an Edges result with want; ids want lacks must be
// absent or have no edges.
func (e *env) wantEdges(what string, got, want map[string][]graph.Edge) {
	e.t.Helper()
	for id, es := range got {
		if _, ok := want[id]; !ok && len(es) > 0 {
			e.t.Errorf("Edges(%s)[%s] = %v, want none", what, id, edgeIDs(es))
		}
	}
	for id, w := range want {
		g := got[id]
		ok := len(g) == len(w)
		for i := 0; ok && i < len(g); i++ {
			ok = EqualEdge(g[i], w[i])
		}
		if !ok {
			e.t.Errorf("Edges(%s)[%s]\n got %v\nwant %v", what, id, edgeIDs(g), edgeIDs(w))
		}
	}
}

// testEdgesBatched reads the edges of many nodes in one call.
func testEdgesBatched(e *env) {
	const n = 120
	nodes := make([]graph.Node, n)
	var edges []graph.Edge
	for i := range nodes {
		nodes[i] = MinimalNode(e.id(graph.Document, fmt.Sprintf("n%03d", i)), "Doc")
		if i > 0 {
			edges = append(edges, MinimalEdge(graph.Cites, nodes[i-1].ID, nodes[i].ID))
		}
		if i > 1 && i%7 == 0 {
			edges = append(edges, MinimalEdge(graph.Cites, nodes[i].ID, nodes[i-2].ID))
		}
	}
	if _, err := e.s.Apply(e.ctx, graph.Batch{Nodes: nodes, Edges: edges}); err != nil {
		e.t.Fatalf("Apply: %v", err)
	}
	q := graph.EdgeQuery{IDs: append(ids(nodes), e.id(graph.Document, "missing"))}
	for _, dir := range []graph.Direction{graph.Out, graph.In, graph.Both} {
		q.Direction = dir
		got, err := e.s.Edges(e.ctx, q)
		if err != nil {
			e.t.Fatalf("Edges(%s): %v", dir, err)
		}
		want := map[string][]graph.Edge{}
		for _, nd := range nodes {
			for _, x := range edges {
				if (dir != graph.In && x.From == nd.ID) || (dir != graph.Out && x.To == nd.ID) {
					want[nd.ID] = append(want[nd.ID], x)
				}
			}
			sortEdges(want[nd.ID])
		}
		e.wantEdges(dir.String(), got, want)
	}
}

// sortEdges orders es by graph.CompareEdges (insertion sort: the lists are
// short).
func sortEdges(es []graph.Edge) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && graph.CompareEdges(es[j-1], es[j]) > 0; j-- {
			es[j-1], es[j] = es[j], es[j-1]
		}
	}
}

func testDeleteNodeCascades(e *env) {
	before := e.count()
	f := newEdgeFixture(e)
	if err := e.s.DeleteNode(e.ctx, f.a); err != nil {
		e.t.Fatalf("DeleteNode: %v", err)
	}
	e.wantNoNode(f.a)
	for _, x := range f.all {
		if x.From == f.a || x.To == f.a {
			e.wantNoEdge(x.Key())
		} else {
			e.wantEdge(x)
		}
	}
	got, err := e.s.Edges(e.ctx, graph.EdgeQuery{IDs: []string{f.a, f.b, f.c, f.r, f.p, f.i}})
	if err != nil {
		e.t.Fatalf("Edges: %v", err)
	}
	E := f.edge
	e.wantEdges("after delete", got, map[string][]graph.Edge{
		f.r: {E(graph.Rapporteur, f.p, f.r)},
		f.p: {E(graph.MemberOf, f.p, f.i), E(graph.Rapporteur, f.p, f.r)},
		f.i: {E(graph.MemberOf, f.p, f.i)},
	})
	e.wantDelta(before,
		map[graph.Kind]int{graph.Document: 3, graph.Procedure: 1, graph.Person: 1, graph.Institution: 1},
		map[graph.EdgeType]int{graph.Rapporteur: 1, graph.MemberOf: 1})

	// A node of the same id created again starts without edges.
	e.put(MinimalNode(f.a, "Node again"))
	got, err = e.s.Edges(e.ctx, graph.EdgeQuery{IDs: []string{f.a}})
	if err != nil || len(got[f.a]) != 0 {
		e.t.Errorf("Edges of a re-created node = %v, %v; want none", got[f.a], err)
	}
}

// testEdgeWhileEndDeleted creates edges to and from a node while another
// client deletes it. Each create either lands before the delete, which then
// removes it with the node, or fails with ErrNotFound; either way no edge
// is left that touches the deleted node.
func testEdgeWhileEndDeleted(e *env) {
	const rounds, clients = 6, 4
	ctx, t, s := e.ctx, e.t, e.s
	before := e.count()
	var others []string
	for c := range clients {
		others = append(others, e.id(graph.Document, fmt.Sprintf("o%d", c)))
		e.put(MinimalNode(others[c], "Other"))
	}
	for r := range rounds {
		doomed := e.id(graph.Document, fmt.Sprintf("d%d", r))
		e.put(MinimalNode(doomed, "Doomed"))
		var wg sync.WaitGroup
		for c, o := range others {
			wg.Go(func() {
				x := MinimalEdge(graph.Cites, o, doomed)
				if c%2 == 1 {
					x = MinimalEdge(graph.Cites, doomed, o)
				}
				var err error
				if c%3 == 2 {
					err = s.PutEdge(ctx, x)
				} else {
					err = s.CreateEdge(ctx, x)
				}
				if err != nil && !errors.Is(err, graph.ErrNotFound) {
					t.Errorf("writing %s while its end is deleted: %v; want nil or ErrNotFound", x.Key(), err)
				}
			})
		}
		wg.Go(func() {
			if err := s.DeleteNode(ctx, doomed); err != nil {
				t.Errorf("DeleteNode: %v", err)
			}
		})
		wg.Wait()
		e.wantNoNode(doomed)
		got, err := s.Edges(ctx, graph.EdgeQuery{IDs: append([]string{doomed}, others...)})
		if err != nil {
			t.Fatalf("Edges: %v", err)
		}
		for id, es := range got {
			t.Errorf("after the delete, %s has edges %v; want none", id, edgeIDs(es))
		}
		if d, err := s.Degrees(ctx, []string{doomed}); err != nil || d[0] != 0 {
			t.Errorf("Degrees of the deleted node = %v, %v; want 0", d, err)
		}
	}
	e.wantDelta(before, map[graph.Kind]int{graph.Document: clients}, nil)
}
