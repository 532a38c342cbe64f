package graph_test

import (
	"reflect"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

func TestMergeNode(t *testing.T) {
	s1 := graph.Source{File: "a.txt", Lines: "1"}
	s2 := graph.Source{File: "b.txt", Section: "2"}
	s3 := graph.Source{File: "a.txt", Lines: "2"}
	old := graph.Node{ID: "institution/european-parliament", Kind: graph.Institution, Name: "European Parliament",
		Props:   graph.Props{"acronym": "EP", "aliases": []string{"Parliament"}},
		Sources: []graph.Source{s1, s2}}
	tests := []struct {
		name string
		n    graph.Node
		want graph.Node
	}{
		{"overlay", graph.Node{ID: old.ID, Kind: old.Kind, Name: "The European Parliament",
			Props: graph.Props{"aliases": []string{"EP"}, "type": "institution"}, Sources: []graph.Source{s3, s1}},
			graph.Node{ID: old.ID, Kind: old.Kind, Name: "The European Parliament",
				Props:   graph.Props{"acronym": "EP", "aliases": []string{"EP"}, "type": "institution"},
				Sources: []graph.Source{s1, s2, s3}}},
		{"empty overlay keeps everything", graph.Node{ID: old.ID, Kind: old.Kind}, old},
		{"same node again", old, old},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := old.Clone()
			overlay := tt.n.Clone()
			got := graph.MergeNode(old, tt.n)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("MergeNode\n got %+v\nwant %+v", got, tt.want)
			}
			if !reflect.DeepEqual(old, before) || !reflect.DeepEqual(tt.n, overlay) {
				t.Error("MergeNode changed its arguments")
			}
			// The result shares nothing with either argument.
			if l := got.Props.Strings("aliases"); len(l) > 0 {
				l[0] = "changed"
				if !reflect.DeepEqual(old, before) || !reflect.DeepEqual(tt.n, overlay) {
					t.Error("MergeNode's result shares a list with an argument")
				}
			}
			if len(got.Sources) > 0 {
				got.Sources[0].File = "changed"
				if !reflect.DeepEqual(old, before) {
					t.Error("MergeNode's result shares sources with old")
				}
			}
		})
	}
	// Merging onto a node without properties.
	bare := graph.Node{ID: "agency/europol", Kind: graph.Agency, Name: "Europol"}
	got := graph.MergeNode(bare, graph.Node{Props: graph.Props{"acronym": "Europol"}})
	if got.Props.String("acronym") != "Europol" || bare.Props != nil {
		t.Errorf("MergeNode onto a bare node = %+v (old %+v)", got, bare)
	}
}

func TestMergeEdge(t *testing.T) {
	old := graph.Edge{Type: graph.Rapporteur, From: "person/rita-borsellino", To: "procedure/2010-2308-ini",
		Props: graph.Props{"role": graph.RoleRapporteur, "committee": "institution/ep-libe"}, Sources: []graph.Source{{File: "a"}}}
	e := graph.Edge{Type: old.Type, From: old.From, To: old.To,
		Props: graph.Props{"group": "S&D", "committee": "institution/ep-afet"}, Sources: []graph.Source{{File: "b"}, {File: "a"}}}
	got := graph.MergeEdge(old, e)
	want := graph.Edge{Type: old.Type, From: old.From, To: old.To,
		Props:   graph.Props{"role": graph.RoleRapporteur, "committee": "institution/ep-afet", "group": "S&D"},
		Sources: []graph.Source{{File: "a"}, {File: "b"}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("MergeEdge\n got %+v\nwant %+v", got, want)
	}
	if old.Props.String("committee") != "institution/ep-libe" || len(old.Sources) != 1 {
		t.Errorf("MergeEdge changed old: %+v", old)
	}
	if err := got.Validate(); err != nil {
		t.Errorf("merged edge invalid: %v", err)
	}
}

func TestMergeSources(t *testing.T) {
	a, b, c := graph.Source{File: "a"}, graph.Source{File: "b"}, graph.Source{File: "a", Lines: "1"}
	tests := []struct {
		name     string
		old, add []graph.Source
		want     []graph.Source
	}{
		{"both empty", nil, nil, nil},
		{"only old", []graph.Source{a}, nil, []graph.Source{a}},
		{"only new", nil, []graph.Source{a, b}, []graph.Source{a, b}},
		{"union in order", []graph.Source{b}, []graph.Source{a, b, c}, []graph.Source{b, a, c}},
		{"duplicates in add", nil, []graph.Source{a, a, b, a}, []graph.Source{a, b}},
		{"a source differing only in lines is another", []graph.Source{a}, []graph.Source{c}, []graph.Source{a, c}},
	}
	for _, tt := range tests {
		old := append([]graph.Source(nil), tt.old...)
		got := graph.MergeSources(tt.old, tt.add)
		if len(got) != len(tt.want) || (len(got) > 0 && !reflect.DeepEqual(got, tt.want)) {
			t.Errorf("%s: MergeSources = %v, want %v", tt.name, got, tt.want)
		}
		if !reflect.DeepEqual(tt.old, old) {
			t.Errorf("%s: MergeSources changed old", tt.name)
		}
		if len(got) > 0 && len(tt.old) > 0 {
			got[0].File = "changed"
			if tt.old[0].File == "changed" {
				t.Errorf("%s: MergeSources' result shares old's array", tt.name)
			}
		}
	}
}
