package graph_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

// validNode returns a valid document; each test case breaks one thing.
func validNode() graph.Node {
	return graph.Node{
		ID: "document/com-2010-0673", Kind: graph.Document, Name: "The EU Internal Security Strategy in Action",
		Props: graph.Props{
			"reference":  "COM(2010) 673",
			"type":       "communication",
			"date":       graph.MustDate("2010-11-22"),
			"aliases":    []string{"ISS in Action"},
			"shortTitle": "ISS in Action",
		},
		Sources: []graph.Source{{File: "eurlex-summary-iss-in-action.txt", Section: "Summary", Lines: "1-4"}},
	}
}

func TestNodeValidate(t *testing.T) {
	if err := validNode().Validate(); err != nil {
		t.Fatalf("valid node: %v", err)
	}
	with := func(f func(n *graph.Node)) graph.Node { n := validNode(); f(&n); return n }
	objective := func(p graph.Props) graph.Node {
		return graph.Node{ID: "objective/iss-so1", Kind: graph.Objective, Name: "Disrupt networks", Props: p}
	}
	tests := []struct {
		name  string
		n     graph.Node
		field string // the ValidationError's field; "" accepts the node
	}{
		{"valid", validNode(), ""},
		{"no props, no sources", with(func(n *graph.Node) { n.Props, n.Sources = nil, nil }), ""},
		{"valid objective", objective(graph.Props{"type": "key-action", "number": "1.2"}), ""},
		{"valid event", graph.Node{ID: "event/2010-2308-ini/2012-05-22-decision-by-parliament", Kind: graph.Event, Name: "Decision", Props: graph.Props{"date": graph.MustDate("2012-05-22")}}, ""},
		{"unknown kind", with(func(n *graph.Node) { n.Kind = "Memo" }), "kind"},
		{"no kind", with(func(n *graph.Node) { n.Kind = "" }), "kind"},
		{"lower-case kind", with(func(n *graph.Node) { n.Kind = "document" }), "kind"},
		{"no id", with(func(n *graph.Node) { n.ID = "" }), "id"},
		{"id of another kind", with(func(n *graph.Node) { n.ID = "agency/europol" }), "id"},
		{"id with upper case", with(func(n *graph.Node) { n.ID = "document/COM-2010" }), "id"},
		{"id with nothing after the prefix", with(func(n *graph.Node) { n.ID = "document/" }), "id"},
		{"name blank", with(func(n *graph.Node) { n.Name = "  " }), "name"},
		{"name too long", with(func(n *graph.Node) { n.Name = strings.Repeat("x", graph.MaxNameLen+1) }), "name"},
		{"unknown property", with(func(n *graph.Node) { n.Props["colour"] = "red" }), "props.colour"},
		{"property of another kind", with(func(n *graph.Node) { n.Props["acronym"] = "X" }), "props.acronym"},
		{"date as a string", with(func(n *graph.Node) { n.Props["date"] = "2010-11-22" }), "props.date"},
		{"date that does not exist", with(func(n *graph.Node) { n.Props["date"] = graph.Date{Year: 2010, Month: 2, Day: 30} }), "props.date"},
		{"zero date", with(func(n *graph.Node) { n.Props["date"] = graph.Date{} }), "props.date"},
		{"string as a list", with(func(n *graph.Node) { n.Props["reference"] = []string{"COM(2010) 673"} }), "props.reference"},
		{"empty string", with(func(n *graph.Node) { n.Props["type"] = "" }), "props.type"},
		{"string too long", with(func(n *graph.Node) { n.Props["description"] = strings.Repeat("x", graph.MaxPropLen+1) }), "props.description"},
		{"list as a string", with(func(n *graph.Node) { n.Props["aliases"] = "ISS" }), "props.aliases"},
		{"list as []any", with(func(n *graph.Node) { n.Props["aliases"] = []any{"ISS"} }), "props.aliases"},
		{"list with an empty item", with(func(n *graph.Node) { n.Props["aliases"] = []string{"ISS", ""} }), "props.aliases[1]"},
		{"list too long", with(func(n *graph.Node) { n.Props["aliases"] = make([]string, graph.MaxListLen+1) }), "props.aliases"},
		{"value outside the enum", objective(graph.Props{"type": "goal"}), "props.type"},
		{"missing required enum", objective(graph.Props{"number": "1"}), "props.type"},
		{"list item outside the enum", with(func(n *graph.Node) { n.Props["derived"] = []string{"celex", "reference"} }), "props.derived[1]"},
		{"list items in the enum", with(func(n *graph.Node) { n.Props["celex"], n.Props["derived"] = "52010DC0673", []string{"celex"} }), ""},
		{"a year date", with(func(n *graph.Node) { n.Props["date"] = graph.MustDate("2010") }), ""},
		{"a month date", with(func(n *graph.Node) { n.Props["date"] = graph.MustDate("2010-11") }), ""},
		{"a day without a month", with(func(n *graph.Node) { n.Props["date"] = graph.Date{Year: 2010, Day: 3} }), "props.date"},
		{"missing required reference", graph.Node{ID: "procedure/2010-2308-ini", Kind: graph.Procedure, Name: "ISS"}, "props.reference"},
		{"missing required date", graph.Node{ID: "event/x", Kind: graph.Event, Name: "Event"}, "props.date"},
		{"source without file", with(func(n *graph.Node) { n.Sources = []graph.Source{{Section: "1"}} }), "sources[0].file"},
		{"source lines starting at 0", with(func(n *graph.Node) { n.Sources = append(n.Sources, graph.Source{File: "api", Lines: "0-3"}) }), "sources[1].lines"},
		{"source lines open", with(func(n *graph.Node) { n.Sources[0].Lines = "12-" }), "sources[0].lines"},
		{"source lines with a space", with(func(n *graph.Node) { n.Sources[0].Lines = "12 - 18" }), "sources[0].lines"},
		{"source lines not numbers", with(func(n *graph.Node) { n.Sources[0].Lines = "L12" }), "sources[0].lines"},
		{"source lines reversed", with(func(n *graph.Node) { n.Sources[0].Lines = "18-12" }), "sources[0].lines"},
		{"source section too long", with(func(n *graph.Node) { n.Sources[0].Section = strings.Repeat("x", graph.MaxPropLen+1) }), "sources[0]"},
		{"too many sources", with(func(n *graph.Node) { n.Sources = make([]graph.Source, graph.MaxSources+1) }), "sources"},
		// Text that is not UTF-8 could not be stored as given (issue 10).
		{"name not UTF-8", with(func(n *graph.Node) { n.Name = "Strat\xe9gie" }), "name"},
		{"name of 1000 bytes, one not UTF-8", with(func(n *graph.Node) { n.Name = strings.Repeat("x", graph.MaxNameLen-1) + "\xff" }), "name"},
		{"name of a cut rune", with(func(n *graph.Node) { n.Name = "Malmstr\xc3" }), "name"},
		{"surrogate half", with(func(n *graph.Node) { n.Name = "a\xed\xa0\x80" }), "name"},
		{"property not UTF-8", with(func(n *graph.Node) { n.Props["description"] = "\x80" }), "props.description"},
		{"list item not UTF-8", with(func(n *graph.Node) { n.Props["aliases"] = []string{"ok", "\xc0\xaf"} }), "props.aliases[1]"},
		{"source file not UTF-8", with(func(n *graph.Node) { n.Sources[0].File = "a\xfe.txt" }), "sources[0]"},
		{"source section not UTF-8", with(func(n *graph.Node) { n.Sources[0].Section = "\xff" }), "sources[0]"},
		// Lengths are in bytes of UTF-8, which is what is stored.
		{"name of 1000 bytes of 4-byte runes", with(func(n *graph.Node) { n.Name = strings.Repeat("𝄞", graph.MaxNameLen/4) }), ""},
		{"name of 1002 bytes of 3-byte runes", with(func(n *graph.Node) { n.Name = strings.Repeat("€", graph.MaxNameLen/3+1) }), "name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.n.Validate()
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

// checkValidationError checks that err is a *ValidationError on field that
// matches ErrInvalid.
func checkValidationError(t *testing.T, err error, field string) {
	t.Helper()
	if !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	var ve *graph.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %T, want *ValidationError", err)
	}
	if ve.Field != field {
		t.Errorf("field = %q (%v), want %q", ve.Field, err, field)
	}
	if !strings.Contains(err.Error(), field) {
		t.Errorf("message %q does not name %q", err, field)
	}
}

func TestValidationError(t *testing.T) {
	err := &graph.ValidationError{Field: "props.date", Reason: "want a Date"}
	if got, want := err.Error(), "invalid props.date: want a Date"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := (&graph.ValidationError{Reason: "bad"}).Error(); got != "invalid: bad" {
		t.Errorf("Error() without field = %q", got)
	}
	wrapped := errors.Join(errors.New("context"), err)
	if !errors.Is(wrapped, graph.ErrInvalid) {
		t.Error("a wrapped ValidationError does not match ErrInvalid")
	}
	for _, other := range []error{graph.ErrNotFound, graph.ErrConflict, graph.ErrUnavailable} {
		if errors.Is(err, other) {
			t.Errorf("ValidationError matches %v", other)
		}
	}
}

func TestNodeJSONRoundTrip(t *testing.T) {
	nodes := []graph.Node{
		validNode(),
		{ID: "agency/europol", Kind: graph.Agency, Name: "Europol", Props: graph.Props{"established": graph.MustDate("1999-07-01"), "acronym": "Europol"}},
		{ID: "person/cecilia-malmstrom", Kind: graph.Person, Name: "Cecilia Malmström"},
	}
	for _, n := range nodes {
		b, err := json.Marshal(n)
		if err != nil {
			t.Fatal(err)
		}
		var got graph.Node
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("Unmarshal(%s): %v", b, err)
		}
		if !reflect.DeepEqual(got, n) {
			t.Errorf("round trip of %s\n got %#v\nwant %#v", b, got, n)
		}
		if err := got.Validate(); err != nil {
			t.Errorf("decoded node invalid: %v", err)
		}
	}
	// Dates are written as ISO strings and come back typed.
	b, _ := json.Marshal(validNode())
	if !strings.Contains(string(b), `"date":"2010-11-22"`) {
		t.Errorf("date not in ISO form: %s", b)
	}
}

func TestNodeUnmarshalJSONErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"unknown kind", `{"id":"memo/a","kind":"Memo","name":"A"}`, "Memo"},
		{"unknown property", `{"id":"document/a","kind":"Document","name":"A","props":{"colour":"red"}}`, "props.colour"},
		{"date not a date", `{"id":"document/a","kind":"Document","name":"A","props":{"date":"22/11/2010x"}}`, "props.date"},
		{"date as a number", `{"id":"document/a","kind":"Document","name":"A","props":{"date":20101122}}`, "props.date"},
		{"list as a string", `{"id":"document/a","kind":"Document","name":"A","props":{"aliases":"x"}}`, "props.aliases"},
		{"string as a number", `{"id":"document/a","kind":"Document","name":"A","props":{"type":3}}`, "props.type"},
		{"not an object", `[]`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n graph.Node
			err := json.Unmarshal([]byte(tt.in), &n)
			if err == nil {
				t.Fatalf("Unmarshal succeeded: %+v", n)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to name %q", err, tt.want)
			}
		})
	}
	// The European date form is accepted on the way in and normalised.
	var n graph.Node
	if err := json.Unmarshal([]byte(`{"id":"document/a","kind":"Document","name":"A","props":{"date":"22/11/2010"}}`), &n); err != nil {
		t.Fatal(err)
	}
	if d, ok := n.Props.Date("date"); !ok || d.String() != "2010-11-22" {
		t.Errorf("date = %#v", n.Props["date"])
	}
}

func TestNodeClone(t *testing.T) {
	n := validNode()
	c := n.Clone()
	c.Props["aliases"].([]string)[0] = "changed"
	c.Props["type"] = "changed"
	c.Sources[0].File = "changed"
	if !reflect.DeepEqual(n, validNode()) {
		t.Errorf("changing a clone changed the original: %+v", n)
	}
	if z := (graph.Node{}).Clone(); z.Props != nil || z.Sources != nil {
		t.Errorf("clone of the zero node = %+v", z)
	}
}

func TestSourceString(t *testing.T) {
	tests := []struct {
		s    graph.Source
		want string
	}{
		{graph.Source{File: "a.txt"}, "a.txt"},
		{graph.Source{File: "a.txt", Section: "Annex"}, "a.txt#Annex"},
		{graph.Source{File: "a.txt", Lines: "12-18"}, "a.txt:L12-18"},
		{graph.Source{File: "a.txt", Section: "2", Lines: "7"}, "a.txt#2:L7"},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.s, got, tt.want)
		}
	}
}
