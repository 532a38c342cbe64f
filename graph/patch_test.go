package graph_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

func ptr[T any](v T) *T { return &v }

func TestPatchApply(t *testing.T) {
	src := graph.Source{File: "api"}
	tests := []struct {
		name  string
		p     graph.Patch
		want  func(n *graph.Node) // the change to validNode(); nil when refused
		field string              // the ValidationError's field when refused
	}{
		{"empty patch keeps everything", graph.Patch{Kind: graph.Document}, func(*graph.Node) {}, ""},
		{"name", graph.Patch{Kind: graph.Document, Name: ptr("ISS in Action")},
			func(n *graph.Node) { n.Name = "ISS in Action" }, ""},
		{"set replaces one property, keeps the others",
			graph.Patch{Kind: graph.Document, Set: graph.Props{"type": "report", "description": "Ours."}},
			func(n *graph.Node) { n.Props["type"], n.Props["description"] = "report", "Ours." }, ""},
		{"unset removes", graph.Patch{Kind: graph.Document, Unset: []string{"shortTitle", "aliases"}},
			func(n *graph.Node) { delete(n.Props, "shortTitle"); delete(n.Props, "aliases") }, ""},
		{"unset of an absent property is no change", graph.Patch{Kind: graph.Document, Unset: []string{"description"}},
			func(*graph.Node) {}, ""},
		{"sources replaced", graph.Patch{Kind: graph.Document, ReplaceSources: true, Sources: []graph.Source{src}},
			func(n *graph.Node) { n.Sources = []graph.Source{src} }, ""},
		{"sources cleared", graph.Patch{Kind: graph.Document, ReplaceSources: true},
			func(n *graph.Node) { n.Sources = nil }, ""},
		{"sources omitted are kept", graph.Patch{Kind: graph.Document, Sources: []graph.Source{src}}, func(*graph.Node) {}, ""},

		{"another kind", graph.Patch{Kind: graph.Agency, Name: ptr("x")}, nil, "id"},
		{"unknown kind", graph.Patch{Kind: "Memo"}, nil, "kind"},
		{"blank name", graph.Patch{Kind: graph.Document, Name: ptr(" ")}, nil, "name"},
		{"name not UTF-8", graph.Patch{Kind: graph.Document, Name: ptr("\xff")}, nil, "name"},
		{"name too long", graph.Patch{Kind: graph.Document, Name: ptr(strings.Repeat("x", graph.MaxNameLen+1))}, nil, "name"},
		{"unknown property set", graph.Patch{Kind: graph.Document, Set: graph.Props{"acronym": "X"}}, nil, "props.acronym"},
		{"wrong type set", graph.Patch{Kind: graph.Document, Set: graph.Props{"date": "2010-01-01"}}, nil, "props.date"},
		{"value not UTF-8", graph.Patch{Kind: graph.Document, Set: graph.Props{"description": "\xc3"}}, nil, "props.description"},
		{"unknown property unset", graph.Patch{Kind: graph.Document, Unset: []string{"colour"}}, nil, "props.colour"},
		{"required property unset", graph.Patch{Kind: graph.Objective, Unset: []string{"type"}}, nil, "props.type"},
		{"set and unset", graph.Patch{Kind: graph.Document, Set: graph.Props{"type": "x"}, Unset: []string{"type"}}, nil, "props.type"},
		{"bad source", graph.Patch{Kind: graph.Document, ReplaceSources: true, Sources: []graph.Source{{Lines: "1"}}}, nil, "sources[0].file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := validNode()
			before := old.Clone()
			got, err := tt.p.Apply(old)
			if !reflect.DeepEqual(old, before) {
				t.Errorf("Apply changed its argument: %+v", old)
			}
			if tt.want == nil {
				var ve *graph.ValidationError
				if !errors.As(err, &ve) || ve.Field != tt.field || !errors.Is(err, graph.ErrInvalid) {
					t.Fatalf("Apply(%s) = %+v, %v; want a ValidationError on %q", tt.p, got, err, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatalf("Apply(%s): %v", tt.p, err)
			}
			want := validNode()
			tt.want(&want)
			if !got.Equal(want) {
				t.Errorf("Apply(%s)\n got %+v\nwant %+v", tt.p, got, want)
			}
			// The result shares nothing with the patch or the node.
			if l := got.Props.Strings("aliases"); len(l) > 0 {
				l[0] = "changed"
				if old.Props.Strings("aliases")[0] == "changed" {
					t.Error("the result shares a list with the node")
				}
			}
		})
	}
}

// Patches of disjoint fields commute: applied in either order they give
// the same node, which is what lets concurrent patches all stand.
func TestPatchesOfDisjointFieldsCommute(t *testing.T) {
	a := graph.Patch{Kind: graph.Document, Set: graph.Props{"type": "report"}}
	b := graph.Patch{Kind: graph.Document, Unset: []string{"shortTitle"}, Name: ptr("B")}
	ab, err := a.Apply(validNode())
	if err == nil {
		ab, err = b.Apply(ab)
	}
	if err != nil {
		t.Fatal(err)
	}
	ba, err := b.Apply(validNode())
	if err == nil {
		ba, err = a.Apply(ba)
	}
	if err != nil {
		t.Fatal(err)
	}
	if !ab.Equal(ba) {
		t.Errorf("a then b = %+v, b then a = %+v", ab, ba)
	}
}
