package embedded

import (
	"testing"

	"github.com/issgraph/issgraph/graph"
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
