package graphtest

import (
	"strings"

	"github.com/issgraph/issgraph/graph"
)

func testPing(e *env) {
	if err := e.s.Ping(e.ctx); err != nil {
		e.t.Fatalf("Ping: %v", err)
	}
}

func testGetNode(e *env) {
	a := FullNode(e.id(graph.Document, "a"), "Doc a")
	e.put(a)
	e.wantNode(a)
	e.wantNoNode(e.id(graph.Document, "missing"))
	e.wantNoNode(e.id(graph.Agency, "a")) // same slug, other kind
}

func testGetNodes(e *env) {
	a, b := e.doc("a"), FullNode(e.id(graph.Agency, "b"), "Agency b")
	missing := e.id(graph.Document, "missing")
	e.put(a, b)

	got, err := e.s.GetNodes(e.ctx, []string{b.ID, missing, a.ID, b.ID})
	if err != nil {
		e.t.Fatalf("GetNodes: %v", err)
	}
	want := []*graph.Node{&b, nil, &a, &b}
	if len(got) != len(want) {
		e.t.Fatalf("GetNodes returned %d nodes, want %d", len(got), len(want))
	}
	for i := range want {
		switch {
		case want[i] == nil && got[i] != nil:
			e.t.Errorf("GetNodes[%d] = %s, want nil", i, FormatNode(*got[i]))
		case want[i] != nil && got[i] == nil:
			e.t.Errorf("GetNodes[%d] = nil, want %s", i, want[i].ID)
		case want[i] != nil && !EqualNode(*got[i], *want[i]):
			e.t.Errorf("GetNodes[%d] = %s, want %s", i, FormatNode(*got[i]), FormatNode(*want[i]))
		}
	}
	// A duplicate id gets its own copy.
	if got[0] != nil && got[3] != nil {
		got[0].Props["aliases"] = []string{"changed"}
		if !EqualNode(*got[3], b) {
			e.t.Errorf("GetNodes: duplicate ids share one node value")
		}
	}

	got, err = e.s.GetNodes(e.ctx, nil)
	if err != nil || len(got) != 0 {
		e.t.Errorf("GetNodes(nil) = %d nodes, %v; want none, nil", len(got), err)
	}

	many := make([]string, graph.MaxBatchIDs)
	for i := range many {
		many[i] = missing
	}
	many[len(many)-1] = a.ID
	got, err = e.s.GetNodes(e.ctx, many)
	if err != nil {
		e.t.Fatalf("GetNodes(%d ids): %v", len(many), err)
	}
	if len(got) != len(many) || got[0] != nil || got[len(got)-1] == nil || got[len(got)-1].ID != a.ID {
		e.t.Errorf("GetNodes(%d ids): wrong result", len(many))
	}
	_, err = e.s.GetNodes(e.ctx, append(many, a.ID))
	wantErr(e.t, "GetNodes(MaxBatchIDs+1 ids)", err, graph.ErrInvalid)
}

func testCreateNode(e *env) {
	before := e.count()
	a := FullNode(e.id(graph.Document, "a"), "Doc a")
	if err := e.s.CreateNode(e.ctx, a); err != nil {
		e.t.Fatalf("CreateNode: %v", err)
	}
	e.wantNode(a)

	again := a
	again.Name = "Other name"
	wantErr(e.t, "CreateNode on an existing id", e.s.CreateNode(e.ctx, again), graph.ErrConflict)
	e.wantNode(a)
	e.wantDelta(before, map[graph.Kind]int{graph.Document: 1}, nil)
}

func testPutNode(e *env) {
	before := e.count()
	a := FullNode(e.id(graph.Document, "a"), "Doc a")
	e.put(a)
	e.wantNode(a)
	e.put(a) // idempotent
	e.wantNode(a)
	e.wantDelta(before, map[graph.Kind]int{graph.Document: 1}, nil)

	// A plain upsert replaces: properties and sources left out are gone.
	b := a
	b.Name = "Doc a, renamed"
	b.Props = graph.Props{"shortTitle": "renamed"}
	b.Sources = nil
	e.put(b)
	e.wantNode(b)

	// Changing the kind of an existing node is a conflict.
	changed := MinimalNode(a.ID, "Doc a")
	changed.Kind = graph.Agency
	wantErr(e.t, "PutNode changing the kind", e.s.PutNode(e.ctx, changed), graph.ErrConflict)
	e.wantNode(b)

	// The same node of a kind its id does not name is just invalid.
	absent := MinimalNode(e.id(graph.Document, "absent"), "Doc absent")
	absent.Kind = graph.Agency
	wantErr(e.t, "PutNode of a new node with the wrong kind", e.s.PutNode(e.ctx, absent), graph.ErrInvalid)
	e.wantNoNode(absent.ID)
	e.wantDelta(before, map[graph.Kind]int{graph.Document: 1}, nil)
}

func testUpdateNode(e *env) {
	before := e.count()
	missing := e.doc("missing")
	wantErr(e.t, "UpdateNode of a missing node", e.s.UpdateNode(e.ctx, missing), graph.ErrNotFound)
	e.wantNoNode(missing.ID)

	a := FullNode(e.id(graph.Event, "a"), "Event a")
	e.put(a)
	b := MinimalNode(a.ID, "Event a, updated")
	b.Props["type"] = "vote"
	if err := e.s.UpdateNode(e.ctx, b); err != nil {
		e.t.Fatalf("UpdateNode: %v", err)
	}
	e.wantNode(b)

	changed := b
	changed.Kind = graph.Document
	wantErr(e.t, "UpdateNode changing the kind", e.s.UpdateNode(e.ctx, changed), graph.ErrConflict)
	e.wantNode(b)

	bad := b
	bad.Name = ""
	wantErr(e.t, "UpdateNode with an invalid node", e.s.UpdateNode(e.ctx, bad), graph.ErrInvalid)
	e.wantNode(b)
	e.wantDelta(before, map[graph.Kind]int{graph.Event: 1}, nil)
}

func testDeleteNode(e *env) {
	before := e.count()
	a := e.doc("a")
	e.put(a)
	if err := e.s.DeleteNode(e.ctx, a.ID); err != nil {
		e.t.Fatalf("DeleteNode: %v", err)
	}
	e.wantNoNode(a.ID)
	wantErr(e.t, "DeleteNode twice", e.s.DeleteNode(e.ctx, a.ID), graph.ErrNotFound)
	wantErr(e.t, "DeleteNode of a missing node", e.s.DeleteNode(e.ctx, e.id(graph.Agency, "missing")), graph.ErrNotFound)
	e.wantDelta(before, nil, nil)
}

// testNodeValidation writes invalid nodes through every write method and
// checks that each is ErrInvalid and that nothing was written.
func testNodeValidation(e *env) {
	doc := func(f func(n *graph.Node)) graph.Node {
		n := MinimalNode(e.id(graph.Document, "v"), "Valid name")
		f(&n)
		return n
	}
	withProps := func(p graph.Props) graph.Node { return doc(func(n *graph.Node) { n.Props = p }) }
	withSources := func(s ...graph.Source) graph.Node { return doc(func(n *graph.Node) { n.Sources = s }) }
	manySources := make([]graph.Source, graph.MaxSources+1)
	for i := range manySources {
		manySources[i] = graph.Source{File: "api", Lines: "1"}
		manySources[i].Section = strings.Repeat("s", i+1)
	}
	proc := MinimalNode(e.id(graph.Procedure, "v"), "Procedure")
	delete(proc.Props, "reference")
	event := MinimalNode(e.id(graph.Event, "v"), "Event")
	delete(event.Props, "date")
	objective := MinimalNode(e.id(graph.Objective, "v"), "Objective")
	delete(objective.Props, "type")
	badEnum := MinimalNode(e.id(graph.Objective, "v"), "Objective")
	badEnum.Props["type"] = "goal"

	cases := []struct {
		name string
		n    graph.Node
	}{
		{"unknown kind", graph.Node{ID: "memo/gt-" + e.tok + "-v", Kind: "Memo", Name: "x"}},
		{"no kind", doc(func(n *graph.Node) { n.Kind = "" })},
		{"no id", doc(func(n *graph.Node) { n.ID = "" })},
		{"id without prefix", doc(func(n *graph.Node) { n.ID = "gt-" + e.tok + "-v" })},
		{"id of another kind", doc(func(n *graph.Node) { n.ID = e.id(graph.Agency, "v") })},
		{"upper-case id", doc(func(n *graph.Node) { n.ID = "document/GT-" + e.tok })},
		{"id with a space", doc(func(n *graph.Node) { n.ID += " x" })},
		{"id ending in a slash", doc(func(n *graph.Node) { n.ID += "/" })},
		{"id too long", doc(func(n *graph.Node) { n.ID += strings.Repeat("x", graph.MaxIDLen) })},
		{"no name", doc(func(n *graph.Node) { n.Name = "" })},
		{"blank name", doc(func(n *graph.Node) { n.Name = " \t " })},
		{"name too long", doc(func(n *graph.Node) { n.Name = strings.Repeat("x", graph.MaxNameLen+1) })},
		{"unknown property", withProps(graph.Props{"colour": "red"})},
		{"property of another kind", withProps(graph.Props{"acronym": "X"})},
		{"string given an int", withProps(graph.Props{"shortTitle": int64(3)})},
		{"empty string", withProps(graph.Props{"description": ""})},
		{"string too long", withProps(graph.Props{"description": strings.Repeat("x", graph.MaxPropLen+1)})},
		{"date given a string", withProps(graph.Props{"date": "2010-11-22"})},
		{"date that does not exist", withProps(graph.Props{"date": graph.Date{Year: 2010, Month: 2, Day: 30}})},
		{"zero date", withProps(graph.Props{"date": graph.Date{}})},
		{"list given a string", withProps(graph.Props{"aliases": "COM(2010) 673"})},
		{"list with an empty item", withProps(graph.Props{"aliases": []string{"a", ""}})},
		{"list too long", withProps(graph.Props{"aliases": make([]string, graph.MaxListLen+1)})},
		{"value not in the enum", badEnum},
		{"missing required reference", proc},
		{"missing required date", event},
		{"missing required type", objective},
		{"source without file", withSources(graph.Source{Section: "1"})},
		{"source lines zero", withSources(graph.Source{File: "api", Lines: "0-3"})},
		{"source lines open range", withSources(graph.Source{File: "api", Lines: "12-"})},
		{"source lines not numbers", withSources(graph.Source{File: "api", Lines: "a-b"})},
		{"too many sources", withSources(manySources...)},
		// Text that is not UTF-8 could not be stored as given: each bad
		// byte would read back as U+FFFD, 3 bytes, past the limit here.
		{"name not UTF-8 at the limit", doc(func(n *graph.Node) { n.Name = strings.Repeat("\xff", graph.MaxNameLen) })},
		{"property not UTF-8", withProps(graph.Props{"description": "caf\xe9"})},
		{"list item not UTF-8", withProps(graph.Props{"aliases": []string{"ok", "\xc3"}})},
		{"source not UTF-8", withSources(graph.Source{File: "api", Section: "\xed\xa0\x80"})},
	}
	before := e.count()
	for _, tc := range cases {
		n := tc.n
		wantErr(e.t, tc.name+": CreateNode", e.s.CreateNode(e.ctx, n), graph.ErrInvalid)
		wantErr(e.t, tc.name+": PutNode", e.s.PutNode(e.ctx, n), graph.ErrInvalid)
		_, err := e.s.Apply(e.ctx, graph.Batch{Nodes: []graph.Node{n}})
		wantErr(e.t, tc.name+": Apply", err, graph.ErrInvalid)
		_, err = e.s.Apply(e.ctx, graph.Batch{Nodes: []graph.Node{n}, Merge: true})
		wantErr(e.t, tc.name+": Apply with Merge", err, graph.ErrInvalid)
	}
	e.wantDelta(before, nil, nil)
	for _, k := range []graph.Kind{graph.Document, graph.Agency, graph.Procedure, graph.Event, graph.Objective} {
		e.wantNoNode(e.id(k, "v"))
	}

	// UpdateNode validates too, and leaves the stored node alone.
	valid := FullNode(e.id(graph.Document, "v"), "Valid name")
	e.put(valid)
	for _, tc := range cases {
		if tc.n.ID != valid.ID || tc.n.Kind != valid.Kind {
			continue
		}
		wantErr(e.t, tc.name+": UpdateNode", e.s.UpdateNode(e.ctx, tc.n), graph.ErrInvalid)
		wantErr(e.t, tc.name+": PutNode over a valid node", e.s.PutNode(e.ctx, tc.n), graph.ErrInvalid)
	}
	e.wantNode(valid)
}

// testTypedNodeProps round-trips a node of every kind with every property
// its spec allows, through each way of reading nodes.
func testTypedNodeProps(e *env) {
	var all []graph.Node
	for _, spec := range graph.Kinds {
		n := FullNode(e.id(spec.Kind, "typed"), "Typed "+string(spec.Kind))
		all = append(all, n)
	}
	for _, n := range all[:3] {
		e.put(n)
	}
	if _, err := e.s.Apply(e.ctx, graph.Batch{Nodes: all[3:]}); err != nil {
		e.t.Fatalf("Apply: %v", err)
	}
	got, err := e.s.GetNodes(e.ctx, ids(all))
	if err != nil {
		e.t.Fatalf("GetNodes: %v", err)
	}
	for i, n := range all {
		e.wantNode(n)
		if got[i] == nil || !EqualNode(*got[i], n) {
			e.t.Errorf("GetNodes[%d] = %v, want %s", i, got[i], FormatNode(n))
		}
		p, err := e.s.ListNodes(e.ctx, graph.ListQuery{Kind: n.Kind, Filter: graph.Filter{IDPrefix: n.ID}})
		if err != nil {
			e.t.Fatalf("ListNodes: %v", err)
		}
		if len(p.Nodes) != 1 || !EqualNode(p.Nodes[0], n) {
			e.t.Errorf("ListNodes(%s) = %v, want %s", n.ID, p.Nodes, FormatNode(n))
		}
	}
}

// testReturnsCopies checks that callers can neither change the store
// through values it returned nor through values they wrote.
func testReturnsCopies(e *env) {
	a := FullNode(e.id(graph.Document, "a"), "Doc a")
	// The store keeps none of what it was given, whichever way it was
	// written.
	writes := map[string]func(n graph.Node) error{
		"CreateNode": func(n graph.Node) error { return e.s.CreateNode(e.ctx, n) },
		"PutNode":    func(n graph.Node) error { return e.s.PutNode(e.ctx, n) },
		"UpdateNode": func(n graph.Node) error { return e.s.UpdateNode(e.ctx, n) },
		"Apply":      func(n graph.Node) error { _, err := e.s.Apply(e.ctx, graph.Batch{Nodes: []graph.Node{n}}); return err },
		"Apply with Merge": func(n graph.Node) error {
			_, err := e.s.Apply(e.ctx, graph.Batch{Nodes: []graph.Node{n}, Merge: true})
			return err
		},
	}
	for _, name := range []string{"CreateNode", "PutNode", "UpdateNode", "Apply", "Apply with Merge"} {
		written := a.Clone()
		if err := writes[name](written); err != nil {
			e.t.Fatalf("%s: %v", name, err)
		}
		written.Props["aliases"].([]string)[0] = "changed by caller"
		written.Props["shortTitle"] = "changed by caller"
		written.Sources[0].File = "changed"
		e.wantNode(a)
	}

	mutate := func(n *graph.Node) {
		n.Name = "changed"
		n.Props["aliases"].([]string)[0] = "changed"
		n.Props["description"] = "changed"
		n.Sources[0].Section = "changed"
	}
	got, err := e.s.GetNode(e.ctx, a.ID)
	if err != nil {
		e.t.Fatalf("GetNode: %v", err)
	}
	mutate(&got)
	e.wantNode(a)

	batch, err := e.s.GetNodes(e.ctx, []string{a.ID})
	if err != nil || batch[0] == nil {
		e.t.Fatalf("GetNodes: %v", err)
	}
	mutate(batch[0])
	e.wantNode(a)

	p, err := e.s.ListNodes(e.ctx, graph.ListQuery{Filter: graph.Filter{IDPrefix: a.ID}})
	if err != nil || len(p.Nodes) != 1 {
		e.t.Fatalf("ListNodes: %d nodes, %v", len(p.Nodes), err)
	}
	mutate(&p.Nodes[0])
	e.wantNode(a)

	b := e.doc("b")
	e.put(b)
	x := FullEdge(graph.Cites, a.ID, b.ID)
	ewrites := map[string]func(x graph.Edge) error{
		"CreateEdge": func(x graph.Edge) error { return e.s.CreateEdge(e.ctx, x) },
		"PutEdge":    func(x graph.Edge) error { return e.s.PutEdge(e.ctx, x) },
		"Apply":      func(x graph.Edge) error { _, err := e.s.Apply(e.ctx, graph.Batch{Edges: []graph.Edge{x}}); return err },
		"Apply with Merge": func(x graph.Edge) error {
			_, err := e.s.Apply(e.ctx, graph.Batch{Edges: []graph.Edge{x}, Merge: true})
			return err
		},
	}
	for _, name := range []string{"CreateEdge", "PutEdge", "Apply", "Apply with Merge"} {
		written := x.Clone()
		if err := ewrites[name](written); err != nil {
			e.t.Fatalf("%s: %v", name, err)
		}
		written.Props["note"] = "changed by caller"
		written.Sources[0].File = "changed"
		e.wantEdge(x)
	}
	ge, err := e.s.GetEdge(e.ctx, x.Key())
	if err != nil {
		e.t.Fatalf("GetEdge: %v", err)
	}
	ge.Props["note"] = "changed"
	ge.Sources[0].File = "changed"
	m, err := e.s.Edges(e.ctx, graph.EdgeQuery{IDs: []string{a.ID}})
	if err != nil || len(m[a.ID]) != 1 {
		e.t.Fatalf("Edges: %v, %v", m, err)
	}
	m[a.ID][0].Props["note"] = "changed"
	m[a.ID][0].Sources[0].Lines = "99"
	e.wantEdge(x)
}

// mustGetNode is GetNode that stops the test on error.
func (e *env) mustGetNode(id string) graph.Node {
	e.t.Helper()
	n, err := e.s.GetNode(e.ctx, id)
	if err != nil {
		e.t.Fatalf("GetNode(%s): %v", id, err)
	}
	return n
}
