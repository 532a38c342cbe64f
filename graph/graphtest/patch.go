package graphtest

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/issgraph/issgraph/graph"
)

func ptr[T any](v T) *T { return &v }

func testPatchNode(e *env) {
	n := FullNode(e.id(graph.Document, "a"), "Doc a")
	e.put(n)

	p := graph.Patch{Kind: graph.Document, Name: ptr("Doc A"), Set: graph.Props{"type": "report"},
		Unset: []string{"shortTitle"}, ReplaceSources: true, Sources: []graph.Source{{File: "api"}}}
	want, err := p.Apply(n)
	if err != nil {
		e.t.Fatal(err)
	}
	got, err := e.s.PatchNode(e.ctx, n.ID, p)
	if err != nil {
		e.t.Fatalf("PatchNode(%s): %v", p, err)
	}
	if !EqualNode(got, want) {
		e.t.Errorf("PatchNode returned %s, want %s", FormatNode(got), FormatNode(want))
	}
	e.wantNode(want)

	// An empty patch changes nothing; clearing the sources clears them.
	if got, err := e.s.PatchNode(e.ctx, n.ID, graph.Patch{Kind: graph.Document}); err != nil || !EqualNode(got, want) {
		e.t.Errorf("empty PatchNode = %s, %v; want %s", FormatNode(got), err, FormatNode(want))
	}
	want.Sources = nil
	if _, err := e.s.PatchNode(e.ctx, n.ID, graph.Patch{Kind: graph.Document, ReplaceSources: true}); err != nil {
		e.t.Errorf("PatchNode clearing sources: %v", err)
	}
	e.wantNode(want)

	// Refusals write nothing.
	before := e.count()
	refused := []struct {
		what   string
		id     string
		p      graph.Patch
		target error
	}{
		{"missing node", e.id(graph.Document, "missing"), p, graph.ErrNotFound},
		{"another kind", n.ID, graph.Patch{Kind: graph.Agency, Name: ptr("x")}, graph.ErrInvalid},
		{"unknown property", n.ID, graph.Patch{Kind: graph.Document, Set: graph.Props{"acronym": "X"}}, graph.ErrInvalid},
		{"blank name", n.ID, graph.Patch{Kind: graph.Document, Name: ptr(" ")}, graph.ErrInvalid},
		{"not UTF-8", n.ID, graph.Patch{Kind: graph.Document, Set: graph.Props{"description": "caf\xe9"}}, graph.ErrInvalid},
	}
	for _, r := range refused {
		_, err := e.s.PatchNode(e.ctx, r.id, r.p)
		wantErr(e.t, "PatchNode, "+r.what, err, r.target)
	}
	e.wantNode(want)
	e.wantNoNode(e.id(graph.Document, "missing"))
	e.wantDelta(before, nil, nil)

	// The patched node is found by its new values.
	page, err := e.s.ListNodes(e.ctx, graph.ListQuery{Filter: graph.Filter{IDPrefix: e.prefix(graph.Document), Type: "report"}})
	if err != nil || len(page.Nodes) != 1 || page.Nodes[0].ID != n.ID {
		e.t.Errorf("ListNodes by the patched type = %v, %v; want %s", ids(page.Nodes), err, n.ID)
	}
}

// patchField is one field of a Document that one client of
// testConcurrentPatch owns: set(j) writes the client's j-th value, step
// reads back which value the field holds (-1 for none of them).
type patchField struct {
	name string
	set  func(j int) graph.Patch
	step func(n graph.Node) int
}

func stepOf(s, prefix string) int {
	i, err := strconv.Atoi(strings.TrimPrefix(s, prefix))
	if err != nil || !strings.HasPrefix(s, prefix) {
		return -1
	}
	return i
}

func stringField(prop string) patchField {
	return patchField{
		name: prop,
		set: func(j int) graph.Patch {
			return graph.Patch{Kind: graph.Document, Set: graph.Props{prop: fmt.Sprintf("%s %d", prop, j)}}
		},
		step: func(n graph.Node) int { return stepOf(n.Props.String(prop), prop+" ") },
	}
}

// documentFields are the disjoint fields of a Document the clients patch.
var documentFields = []patchField{
	{
		name: "name",
		set: func(j int) graph.Patch {
			return graph.Patch{Kind: graph.Document, Name: ptr(fmt.Sprintf("Name %d", j))}
		},
		step: func(n graph.Node) int { return stepOf(n.Name, "Name ") },
	},
	stringField("description"), stringField("reference"), stringField("type"), stringField("shortTitle"),
	{
		name: "aliases",
		set: func(j int) graph.Patch {
			return graph.Patch{Kind: graph.Document, Set: graph.Props{"aliases": []string{"alias", strconv.Itoa(j)}}}
		},
		step: func(n graph.Node) int {
			if l := n.Props.Strings("aliases"); len(l) == 2 {
				return stepOf(l[1], "")
			}
			return -1
		},
	},
	{
		name: "date",
		set: func(j int) graph.Patch {
			return graph.Patch{Kind: graph.Document, Set: graph.Props{"date": graph.Date{Year: 2000 + j, Month: 1, Day: 1}}}
		},
		step: func(n graph.Node) int {
			if d, ok := n.Props.Date("date"); ok {
				return d.Year - 2000
			}
			return -1
		},
	},
	{
		name: "sources",
		set: func(j int) graph.Patch {
			return graph.Patch{Kind: graph.Document, ReplaceSources: true, Sources: []graph.Source{{File: "api", Lines: strconv.Itoa(j + 1)}}}
		},
		step: func(n graph.Node) int {
			if len(n.Sources) == 1 {
				return stepOf(n.Sources[0].Lines, "") - 1
			}
			return -1
		},
	},
}

// testConcurrentPatch has one client per field of a Document patch its
// field of one node at once, many times, while a reader reads it. Every
// acknowledged patch must stand: at the end each field holds its client's
// last value, and at no point does anyone see a field go back to an older
// value, which is what a patch computed from a stale read would write.
func testConcurrentPatch(e *env) {
	const perClient = 25
	id := e.id(graph.Document, "hot")
	e.put(MinimalNode(id, "Initial"))

	ctx, t, s := e.ctx, e.t, e.s
	// observe checks that n shows no field older than seen, then raises
	// seen to what n shows.
	observe := func(who string, seen []int, n graph.Node) {
		for i, f := range documentFields {
			st := f.step(n)
			if st < seen[i] {
				t.Errorf("%s: field %s went back from value %d to %d: a patch was lost (%s)", who, f.name, seen[i], st, FormatNode(n))
			}
			seen[i] = max(seen[i], st)
		}
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	acked := make([]int, len(documentFields)) // each client's last acknowledged step
	for c, f := range documentFields {
		acked[c] = -1
		wg.Go(func() {
			seen := make([]int, len(documentFields))
			for i := range seen {
				seen[i] = -1
			}
			for j := range perClient {
				got, err := s.PatchNode(ctx, id, f.set(j))
				if err != nil {
					t.Errorf("client %s: PatchNode %d: %v", f.name, j, err)
					return
				}
				acked[c] = j
				if st := f.step(got); st != j {
					t.Errorf("client %s: PatchNode %d returned the field at %d: %s", f.name, j, st, FormatNode(got))
				}
				if err := got.Validate(); err != nil {
					t.Errorf("client %s: PatchNode %d returned an invalid node: %v", f.name, j, err)
				}
				observe("client "+f.name, seen, got)
			}
		})
	}
	reader := make(chan struct{})
	go func() {
		defer close(reader)
		seen := make([]int, len(documentFields))
		for i := range seen {
			seen[i] = -1
		}
		for {
			select {
			case <-done:
				return
			default:
			}
			n, err := s.GetNode(ctx, id)
			if err != nil {
				t.Errorf("reader: GetNode: %v", err)
				return
			}
			observe("reader", seen, n)
		}
	}()
	wg.Wait()
	close(done)
	<-reader

	final := e.mustGetNode(id)
	lost := 0
	for c, f := range documentFields {
		if st := f.step(final); st != acked[c] {
			lost++
			t.Errorf("field %s holds value %d, but its client's last acknowledged patch wrote %d", f.name, st, acked[c])
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d clients' last acknowledged patches lost: %s", lost, len(documentFields), FormatNode(final))
	}
}

// testPatchWhileDeleted patches a node while it is deleted: each patch
// either lands before the delete or fails with ErrNotFound, and the node
// stays deleted.
func testPatchWhileDeleted(e *env) {
	const rounds, clients = 5, 3
	ctx, t, s := e.ctx, e.t, e.s
	for r := range rounds {
		id := e.id(graph.Document, fmt.Sprintf("r%d", r))
		e.put(MinimalNode(id, "Doomed"))
		var wg sync.WaitGroup
		for c := range clients {
			wg.Go(func() {
				for j := range 5 {
					_, err := s.PatchNode(ctx, id, graph.Patch{Kind: graph.Document, Set: graph.Props{"description": fmt.Sprintf("c%d %d", c, j)}})
					if err != nil && !errors.Is(err, graph.ErrNotFound) {
						t.Errorf("PatchNode during DeleteNode: %v; want nil or ErrNotFound", err)
					}
				}
			})
		}
		wg.Go(func() {
			if err := s.DeleteNode(ctx, id); err != nil {
				t.Errorf("DeleteNode: %v", err)
			}
		})
		wg.Wait()
		e.wantNoNode(id)
	}
}
