package graph_test

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

func TestEdgeValidate(t *testing.T) {
	rap := func(p graph.Props) graph.Edge {
		return graph.Edge{Type: graph.Rapporteur, From: "person/rita-borsellino", To: "procedure/2010-2308-ini", Props: p}
	}
	tests := []struct {
		name  string
		e     graph.Edge
		field string // "" accepts the edge
	}{
		{"cites", graph.Edge{Type: graph.Cites, From: "document/a", To: "document/b"}, ""},
		{"rapporteur", rap(graph.Props{"role": graph.RoleRapporteur, "committee": "institution/ep-libe", "date": graph.MustDate("2011-01-25")}), ""},
		{"shadow rapporteur", rap(graph.Props{"role": graph.RoleShadowRapporteur, "group": "PPE"}), ""},
		{"authored by an agency", graph.Edge{Type: graph.Authored, From: "agency/europol", To: "document/te-sat-2014"}, ""},
		{"with sources", graph.Edge{Type: graph.PartOf, From: "objective/iss-so1-ka1", To: "objective/iss-so1",
			Sources: []graph.Source{{File: "eurlex-summary-iss-in-action.txt", Lines: "20-22"}}}, ""},
		{"unknown type", graph.Edge{Type: "LIKES", From: "document/a", To: "document/b"}, "type"},
		{"no type", graph.Edge{From: "document/a", To: "document/b"}, "type"},
		{"no from", graph.Edge{Type: graph.Cites, To: "document/b"}, "from"},
		{"no to", graph.Edge{Type: graph.Cites, From: "document/a"}, "to"},
		{"self loop", graph.Edge{Type: graph.Cites, From: "document/a", To: "document/a"}, "to"},
		{"from not a node id", graph.Edge{Type: graph.Cites, From: "memo/a", To: "document/b"}, "from"},
		{"to not a node id", graph.Edge{Type: graph.Cites, From: "document/a", To: "b"}, "to"},
		{"wrong from kind", graph.Edge{Type: graph.Cites, From: "agency/europol", To: "document/b"}, "from"},
		{"wrong to kind", graph.Edge{Type: graph.HasEvent, From: "procedure/2010-2308-ini", To: "document/b"}, "to"},
		{"rapporteur reversed", graph.Edge{Type: graph.Rapporteur, From: "procedure/2010-2308-ini", To: "person/rita-borsellino", Props: graph.Props{"role": graph.RoleRapporteur}}, "from"},
		{"rapporteur without role", rap(nil), "props.role"},
		{"rapporteur with another role", rap(graph.Props{"role": "chair"}), "props.role"},
		{"rapporteur role in capitals", rap(graph.Props{"role": "Rapporteur"}), "props.role"},
		{"unknown property", graph.Edge{Type: graph.Cites, From: "document/a", To: "document/b", Props: graph.Props{"weight": int64(2)}}, "props.weight"},
		{"committee on another type", graph.Edge{Type: graph.Cites, From: "document/a", To: "document/b", Props: graph.Props{"committee": "x"}}, "props.committee"},
		{"date as a string", graph.Edge{Type: graph.Cites, From: "document/a", To: "document/b", Props: graph.Props{"date": "2012-05-22"}}, "props.date"},
		// An end no node can have: its edge id would not parse back
		// (found by FuzzEdgeValidate).
		{"from holding an arrow", graph.Edge{Type: graph.Cites, From: "document/a->b", To: "document/c"}, "from"},
		{"to in capitals", graph.Edge{Type: graph.Cites, From: "document/a", To: "document/B"}, "to"},
		{"from not UTF-8", graph.Edge{Type: graph.Cites, From: "document/\xff", To: "document/b"}, "from"},
		{"to too long", graph.Edge{Type: graph.Cites, From: "document/a", To: "document/" + strings.Repeat("b", graph.MaxIDLen)}, "to"},
		{"note not UTF-8", graph.Edge{Type: graph.Cites, From: "document/a", To: "document/b", Props: graph.Props{"note": "\xe2\x82"}}, "props.note"},
		{"source not UTF-8", graph.Edge{Type: graph.Cites, From: "document/a", To: "document/b", Sources: []graph.Source{{File: "\xff"}}}, "sources[0]"},
		{"bad source", graph.Edge{Type: graph.Cites, From: "document/a", To: "document/b", Sources: []graph.Source{{File: "api", Lines: "x"}}}, "sources[0].lines"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.e.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			checkValidationError(t, err, tt.field)
		})
	}
}

// TestEdgeSpecs checks the allow-list itself: every type has endpoints and
// a doc, endpoint kinds are real, property names are unique.
func TestEdgeSpecs(t *testing.T) {
	seen := map[graph.EdgeType]bool{}
	for _, s := range graph.EdgeTypes {
		if seen[s.Type] {
			t.Errorf("%s listed twice", s.Type)
		}
		seen[s.Type] = true
		if s.Type != graph.EdgeType(strings.ToUpper(string(s.Type))) {
			t.Errorf("%s: edge types are upper case", s.Type)
		}
		if len(s.From) == 0 || len(s.To) == 0 || s.Doc == "" {
			t.Errorf("%s: missing endpoints or doc", s.Type)
		}
		for _, k := range slices.Concat(s.From, s.To) {
			if !k.Valid() {
				t.Errorf("%s: endpoint kind %q is not a kind", s.Type, k)
			}
		}
		names := map[string]bool{}
		for _, p := range s.Props {
			if names[p.Name] {
				t.Errorf("%s: property %s twice", s.Type, p.Name)
			}
			names[p.Name] = true
		}
		if !s.Allows(s.From[0], s.To[0]) {
			t.Errorf("%s: Allows(%s, %s) = false", s.Type, s.From[0], s.To[0])
		}
		got, ok := graph.LookupEdgeType(s.Type)
		if !ok || got.Type != s.Type || !s.Type.Valid() {
			t.Errorf("LookupEdgeType(%s) = %v, %v", s.Type, got.Type, ok)
		}
	}
	if graph.EdgeType("LIKES").Valid() {
		t.Error("LIKES is valid")
	}
	spec, _ := graph.LookupEdgeType(graph.Cites)
	if spec.Allows(graph.Document, graph.Person) {
		t.Error("CITES allows a Person target")
	}
}

func TestValidateEndpoints(t *testing.T) {
	if err := graph.ValidateEndpoints(graph.MemberOf, graph.Person, graph.Institution); err != nil {
		t.Errorf("MEMBER_OF Person->Institution: %v", err)
	}
	checkValidationError(t, graph.ValidateEndpoints(graph.MemberOf, graph.Document, graph.Institution), "from")
	checkValidationError(t, graph.ValidateEndpoints(graph.MemberOf, graph.Person, graph.Person), "to")
	checkValidationError(t, graph.ValidateEndpoints("LIKES", graph.Person, graph.Person), "type")
}

func TestEdgeKeyRoundTrip(t *testing.T) {
	keys := []graph.EdgeKey{
		{Type: graph.Cites, From: "document/com-2010-0673", To: "document/council-16797-10"},
		{Type: graph.HasEvent, From: "procedure/2010-2308-ini", To: "event/2010-2308-ini/2012-05-22-decision-by-parliament"},
		{Type: graph.PartOf, From: "document/ep-pe473.725", To: "document/ep-a7-0143-2012"},
	}
	for _, k := range keys {
		s := k.String()
		got, err := graph.ParseEdgeKey(s)
		if err != nil || got != k {
			t.Errorf("ParseEdgeKey(%q) = %+v, %v; want %+v", s, got, err, k)
		}
		e := graph.Edge{Type: k.Type, From: k.From, To: k.To}
		if e.Key() != k || e.ID() != s {
			t.Errorf("Edge.Key/ID of %s disagree", s)
		}
	}
	if got := keys[0].String(); got != "CITES:document/com-2010-0673->document/council-16797-10" {
		t.Errorf("String() = %q", got)
	}
}

func TestParseEdgeKeyRejects(t *testing.T) {
	for _, s := range []string{
		"",
		"CITES",
		"CITES:",
		"CITES:document/a",
		"CITES:document/a->",
		"CITES:->document/b",
		"document/a->document/b",
		"LIKES:document/a->document/b",
		"cites:document/a->document/b",
	} {
		if k, err := graph.ParseEdgeKey(s); err == nil {
			t.Errorf("ParseEdgeKey(%q) = %+v, want an error", s, k)
		} else if !strings.Contains(err.Error(), "invalid") {
			t.Errorf("ParseEdgeKey(%q): %v is not a validation error", s, err)
		}
	}
}

func TestEdgeKeyOther(t *testing.T) {
	k := graph.EdgeKey{Type: graph.Cites, From: "document/a", To: "document/b"}
	if k.Other("document/a") != "document/b" || k.Other("document/b") != "document/a" {
		t.Errorf("Other: %q %q", k.Other("document/a"), k.Other("document/b"))
	}
}

func TestCompareEdges(t *testing.T) {
	e := func(typ graph.EdgeType, from, to string) graph.Edge { return graph.Edge{Type: typ, From: from, To: to} }
	sorted := []graph.Edge{
		e(graph.Authored, "institution/council", "document/a"),
		e(graph.Cites, "document/a", "document/b"),
		e(graph.Cites, "document/a", "document/c"),
		e(graph.Cites, "document/b", "document/a"),
		e(graph.HasDocument, "procedure/p", "document/a"),
		e(graph.RelatedTo, "document/a", "procedure/p"),
	}
	for i := range sorted {
		for j := range sorted {
			got := graph.CompareEdges(sorted[i], sorted[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if (got < 0) != (want < 0) || (got > 0) != (want > 0) {
				t.Errorf("CompareEdges(%s, %s) = %d, want sign of %d", sorted[i].ID(), sorted[j].ID(), got, want)
			}
		}
	}
	// Properties do not take part.
	a, b := sorted[1], sorted[1]
	b.Props = graph.Props{"note": "x"}
	if graph.CompareEdges(a, b) != 0 {
		t.Error("CompareEdges looks at properties")
	}
}

func TestDirectionString(t *testing.T) {
	for d, want := range map[graph.Direction]string{graph.Out: "OUT", graph.In: "IN", graph.Both: "BOTH", 0: "Direction(0)", 7: "Direction(7)"} {
		if got := d.String(); got != want {
			t.Errorf("Direction(%d).String() = %q, want %q", int(d), got, want)
		}
	}
}

func TestEdgeJSONRoundTrip(t *testing.T) {
	edges := []graph.Edge{
		{Type: graph.Rapporteur, From: "person/rita-borsellino", To: "procedure/2010-2308-ini",
			Props:   graph.Props{"role": graph.RoleRapporteur, "date": graph.MustDate("2011-01-25"), "committee": "institution/ep-libe"},
			Sources: []graph.Source{{File: "oeil-procedure-2010-2308-INI.txt", Section: "Key players", Lines: "12"}}},
		{Type: graph.Cites, From: "document/a", To: "document/b"},
	}
	for _, e := range edges {
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var got graph.Edge
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if !reflect.DeepEqual(got, e) {
			t.Errorf("round trip of %s\n got %#v\nwant %#v", b, got, e)
		}
	}
	for _, in := range []string{
		`{"type":"LIKES","from":"document/a","to":"document/b"}`,
		`{"type":"CITES","from":"document/a","to":"document/b","props":{"role":7}}`,
		`{"type":"CITES","from":"document/a","to":"document/b","props":{"colour":"red"}}`,
		`{"type":"CITES","from":"document/a","to":"document/b","props":{"date":"2012-13-01"}}`,
	} {
		var e graph.Edge
		if err := json.Unmarshal([]byte(in), &e); err == nil {
			t.Errorf("Unmarshal(%s) succeeded: %+v", in, e)
		}
	}
}

func TestEdgeClone(t *testing.T) {
	e := graph.Edge{Type: graph.Cites, From: "document/a", To: "document/b",
		Props: graph.Props{"note": "n"}, Sources: []graph.Source{{File: "api"}}}
	c := e.Clone()
	c.Props["note"] = "changed"
	c.Sources[0].File = "changed"
	if e.Props["note"] != "n" || e.Sources[0].File != "api" {
		t.Errorf("changing a clone changed the original: %+v", e)
	}
}
