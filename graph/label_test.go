package graph_test

import (
	"testing"
	"unicode/utf8"

	"github.com/issgraph/issgraph/graph"
)

func TestShortLabel(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    graph.Node
		want string
	}{
		{"an acronym", graph.Node{Kind: graph.Institution, Name: "Standing Committee on Operational Cooperation on Internal Security", Props: graph.Props{"acronym": "COSI"}}, "COSI"},
		{"an agency's acronym", graph.Node{Kind: graph.Agency, Name: "European Union Agency for Fundamental Rights", Props: graph.Props{"acronym": "FRA"}}, "FRA"},
		{"a document's short title first", graph.Node{Kind: graph.Document, Name: "The EU Internal Security Strategy in Action", Props: graph.Props{"shortTitle": "ISS in Action", "reference": "COM(2010) 673"}}, "ISS in Action"},
		{"then its reference", graph.Node{Kind: graph.Document, Name: "Commission document COM(2013) 179", Props: graph.Props{"reference": "COM(2013) 179"}}, "COM(2013) 179"},
		{"a procedure's reference", graph.Node{Kind: graph.Procedure, Name: "European Union's internal security strategy", Props: graph.Props{"reference": "2010/2308(INI)"}}, "2010/2308(INI)"},
		{"a strategic objective", graph.Node{Kind: graph.Objective, Name: "Disrupt international criminal networks", Props: graph.Props{"number": "1", "type": "strategic-objective"}}, "SO 1"},
		{"a key action", graph.Node{Kind: graph.Objective, Name: "Confiscate criminal assets", Props: graph.Props{"number": "1.3", "type": "key-action"}}, "KA 1.3"},
		{"a threat has no number: its name", graph.Node{Kind: graph.Objective, Name: "Cybercrime", Props: graph.Props{"type": "threat"}}, "Cybercrime"},
		{"a short name as it is", graph.Node{Kind: graph.Person, Name: "Cecilia  Malmström"}, "Cecilia Malmström"},
		{"a long name cut at a word", graph.Node{Kind: graph.Event, Name: "Committee referral announced in Parliament"}, "Committee referral…"},
		{"a long word cut inside", graph.Node{Kind: graph.Event, Name: "Abcdefghijklmnopqrstuvwxyzabcdefgh"}, "Abcdefghijklmnopqrstuvw…"},
		{"no trailing punctuation before the cut", graph.Node{Kind: graph.Event, Name: "Resolution, conclusions: adopted by Council"}, "Resolution, conclusions…"},
	} {
		got := graph.ShortLabel(tc.n)
		if got != tc.want {
			t.Errorf("%s: ShortLabel = %q, want %q", tc.name, got, tc.want)
		}
		if utf8.RuneCountInString(got) > graph.MaxShortLabel {
			t.Errorf("%s: %q is longer than %d", tc.name, got, graph.MaxShortLabel)
		}
	}
}

func TestKindNames(t *testing.T) {
	for _, spec := range graph.Kinds {
		k, ok := graph.KindByName(spec.Kind.Name())
		if !ok || k != spec.Kind {
			t.Errorf("KindByName(%q) = %q, %v", spec.Kind.Name(), k, ok)
		}
		if k, ok := graph.KindByName(string(spec.Kind)); !ok || k != spec.Kind {
			t.Errorf("KindByName(%q) = %q, %v", spec.Kind, k, ok)
		}
	}
	if graph.Person.Name() != "PERSON" {
		t.Errorf("Person.Name() = %q", graph.Person.Name())
	}
	if _, ok := graph.KindByName("Planet"); ok {
		t.Error("KindByName accepted Planet")
	}
}
