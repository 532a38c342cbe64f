package embedded

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/graphtest"
)

// TestCloneAllIsolates checks that the copies cloneEdges makes share no
// storage with the originals, nor, through an append, with each other,
// although their sources are cut from one slice.
func TestCloneAllIsolates(t *testing.T) {
	src := func(f string) []graph.Source { return []graph.Source{{File: f}} }
	orig := []graph.Edge{
		{Type: graph.Cites, From: "document/a", To: "document/b", Sources: src("a"), Props: graph.Props{"note": "x"}},
		{Type: graph.Cites, From: "document/a", To: "document/c"},
		{Type: graph.Cites, From: "document/a", To: "document/d", Sources: src("d")},
	}
	es := append([]graph.Edge(nil), orig...)
	cloneEdges(es)
	for i := range es {
		if !es[i].Equal(orig[i]) {
			t.Fatalf("edge %d: clone %+v, want %+v", i, es[i], orig[i])
		}
	}
	if es[1].Sources != nil || es[1].Props != nil {
		t.Errorf("an edge without sources or properties got %v, %v", es[1].Sources, es[1].Props)
	}
	es[0].Sources[0].File = "changed"
	es[0].Props["note"] = "changed"
	es[0].Sources = append(es[0].Sources, graph.Source{File: "appended"})
	if orig[0].Sources[0].File != "a" || orig[0].Props["note"] != "x" {
		t.Errorf("the original changed with its copy: %+v", orig[0])
	}
	if es[2].Sources[0].File != "d" {
		t.Errorf("an append to one copy's sources wrote over the next's: %+v", es[2].Sources)
	}
}

// TestSharedSources checks that edges with one source and no properties
// share what they keep, nodes with one source their sources, after a
// write and after an open from the image, and that a write to one leaves
// the others as they were.
func TestSharedSources(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "shared.db")
	s := mustOpen(t, path)
	src := []graph.Source{{File: "shared", Section: "one"}}
	doc := func(id string) graph.Node {
		return graph.Node{ID: id, Kind: graph.Document, Name: "Shared " + id, Sources: src}
	}
	a, b, c := doc("document/sh-a"), doc("document/sh-b"), doc("document/sh-c")
	ab := graph.Edge{Type: graph.Cites, From: a.ID, To: b.ID, Sources: src}
	ac := graph.Edge{Type: graph.Cites, From: a.ID, To: c.ID, Sources: src}
	if _, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{a, b, c}, Edges: []graph.Edge{ab, ac}}); err != nil {
		t.Fatal(err)
	}
	shared := func(s *Store, when string) {
		t.Helper()
		ra := &s.nodes[s.ids[a.ID]]
		if len(ra.out) != 2 || ra.out[0].extra() == 0 || ra.out[0].extra() != ra.out[1].extra() {
			t.Errorf("%s: the two edges keep extras %d and %d, want one shared extra", when, ra.out[0].extra(), ra.out[1].extra())
		}
		if &ra.node.Sources[0] != &s.nodes[s.ids[b.ID]].node.Sources[0] {
			t.Errorf("%s: two nodes with the same source keep a slice each", when)
		}
	}
	shared(s, "after Apply")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, path)
	defer s.Close()
	shared(s, "after opening the image")

	other := []graph.Source{{File: "shared", Section: "two"}}
	ab.Sources, b.Sources = other, other
	if _, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{b}, Edges: []graph.Edge{ab}}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []graph.Edge{ab, ac} {
		if got, err := s.GetEdge(ctx, want.Key()); err != nil || !got.Equal(want) {
			t.Errorf("GetEdge %s = %+v, %v; want %+v", want.Key(), got, err, want)
		}
	}
	for _, want := range []graph.Node{a, b, c} {
		if got, err := s.GetNode(ctx, want.ID); err != nil || !got.Equal(want) {
			t.Errorf("GetNode %s = %+v, %v; want %+v", want.ID, got, err, want)
		}
	}
}

// TestAdjacencyRoom checks that every edge type's index fits above an
// extra's number in an adjacency entry.
func TestAdjacencyRoom(t *testing.T) {
	if n := len(edgeTypes); n > 1<<(32-extraBits) {
		t.Fatalf("%d edge types, adjacency entries hold %d", n, 1<<(32-extraBits))
	}
	last := uint8(len(edgeTypes) - 1)
	if a := newAdj(7, last, maxExtras-1); a.typ() != last || a.extra() != maxExtras-1 || a.other != 7 {
		t.Errorf("newAdj(7, %d, %d) reads back %d, %d, %d", last, maxExtras-1, a.other, a.typ(), a.extra())
	}
}

// TestOwnExtrasReused replaces and deletes edges whose properties are their
// own (two of them, so not shared): each edge reads back as written, and
// the numbers of the extras they drop are reused, so that the table does
// not grow with rewrites.
func TestOwnExtrasReused(t *testing.T) {
	ctx := t.Context()
	s := Memory()
	defer s.Close()
	a, b := graphtest.MinimalNode("person/a", "A"), graphtest.MinimalNode("institution/b", "B")
	if _, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{a, b}}); err != nil {
		t.Fatal(err)
	}
	edge := func(i int) graph.Edge {
		return graph.Edge{Type: graph.MemberOf, From: a.ID, To: b.ID,
			Props:   graph.Props{"role": fmt.Sprintf("role %d", i)},
			Sources: []graph.Source{{File: "x", Section: fmt.Sprint(i)}, {File: "y"}}}
	}
	if err := s.PutEdge(ctx, edge(0)); err != nil {
		t.Fatal(err)
	}
	size := len(s.extras)
	for i := 1; i < 20; i++ {
		e := edge(i)
		if err := s.PutEdge(ctx, e); err != nil {
			t.Fatal(err)
		}
		if got, err := s.GetEdge(ctx, e.Key()); err != nil || !got.Equal(e) {
			t.Fatalf("GetEdge after replacing it %d times: %+v, %v; want %+v", i, got, err, e)
		}
		if i%5 == 0 {
			if err := s.DeleteEdge(ctx, e.Key()); err != nil {
				t.Fatal(err)
			}
			if err := s.PutEdge(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(s.extras) > size+1 {
		t.Errorf("after 19 replacements the extras table grew from %d to %d", size, len(s.extras))
	}
}

// TestSortList sorts random lists whose heads are in order, of every
// split, against a sort of the whole.
func TestSortList(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	cmp := func(a, b adj) int { return int(a.other) - int(b.other) }
	for range 500 {
		n := r.IntN(40)
		list := make([]adj, n)
		for i := range list {
			list[i] = adj{other: uint32(r.IntN(1000))}
		}
		k := 0
		if n > 0 {
			k = r.IntN(n + 1)
		}
		slices.SortFunc(list[:k], cmp)
		want := slices.Clone(list)
		slices.SortFunc(want, cmp)
		got := slices.Clone(list)
		sortList(got, k, cmp)
		if !slices.Equal(got, want) {
			t.Fatalf("sortList(%v, %d) = %v, want %v", list, k, got, want)
		}
	}
}
