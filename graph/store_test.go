package graph_test

import (
	"encoding/base64"
	"reflect"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

func TestCursorRoundTrip(t *testing.T) {
	for _, c := range []graph.Cursor{
		{Sort: graph.SortID, Key: "document/a", ID: "document/a"},
		{Sort: graph.SortName, Desc: true, Key: "Cecilia Malmström", ID: "person/cecilia-malmstrom"},
		{Sort: graph.SortDate, Key: graph.NoDate, ID: "document/x"},
		{Sort: graph.SortName, Key: "", ID: "document/x"},
	} {
		s := c.Encode()
		if strings.ContainsAny(s, "+/=") {
			t.Errorf("Encode() = %q is not URL-safe", s)
		}
		got, err := graph.DecodeCursor(s)
		if err != nil || got != c {
			t.Errorf("DecodeCursor(Encode(%+v)) = %+v, %v", c, got, err)
		}
	}
}

func TestDecodeCursorRejects(t *testing.T) {
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for _, s := range []string{
		"",
		"not a cursor!",
		"%%%",
		enc("not json"),
		enc(`[]`),
		enc(`{"s":"ID","k":"x"}`), // no id
		enc(`{"s":"ID","k":"x","i":""}`),
		base64.StdEncoding.EncodeToString([]byte(`{"s":"ID","k":"x","i":"y"}`)) + "=",
	} {
		c, err := graph.DecodeCursor(s)
		if err == nil {
			t.Errorf("DecodeCursor(%q) = %+v, want an error", s, c)
			continue
		}
		checkValidationError(t, err, "after")
	}
}

func TestCursorAfter(t *testing.T) {
	n := func(id, name string) graph.Node { return graph.Node{ID: id, Kind: graph.Document, Name: name} }
	c := graph.Cursor{Sort: graph.SortName, Key: graph.NameKey("M"), ID: "document/m"}
	tests := []struct {
		n         graph.Node
		asc, desc bool
	}{
		{n("document/a", "Z"), true, false},
		{n("document/z", "A"), false, true},
		{n("document/z", "M"), true, false},  // same key, later id
		{n("document/a", "M"), false, true},  // same key, earlier id
		{n("document/m", "M"), false, false}, // the cursor's own node
	}
	for _, tt := range tests {
		c.Desc = false
		if got := c.After(tt.n); got != tt.asc {
			t.Errorf("After(%s %q) ascending = %v, want %v", tt.n.ID, tt.n.Name, got, tt.asc)
		}
		c.Desc = true
		if got := c.After(tt.n); got != tt.desc {
			t.Errorf("After(%s %q) descending = %v, want %v", tt.n.ID, tt.n.Name, got, tt.desc)
		}
	}
	q := graph.ListQuery{Sort: graph.SortDate, Desc: true}
	dated := graph.Node{ID: "event/x", Kind: graph.Event, Name: "X", Props: graph.Props{"date": graph.MustDate("2012-05-22")}}
	if got := graph.CursorOf(dated, q); got != (graph.Cursor{Sort: graph.SortDate, Desc: true, Key: "2012-05-22", ID: "event/x"}) {
		t.Errorf("CursorOf = %+v", got)
	}
}

func TestSortKey(t *testing.T) {
	dated := graph.Node{ID: "document/b", Name: "Beta", Props: graph.Props{"date": graph.MustDate("2010-11-22")}}
	undated := graph.Node{ID: "document/a", Name: "Alpha"}
	wrongType := graph.Node{ID: "document/c", Name: "C", Props: graph.Props{"date": "2010-11-22"}}
	tests := []struct {
		n    graph.Node
		f    graph.SortField
		want string
	}{
		{dated, graph.SortID, "document/b"},
		{dated, "", "document/b"},
		{dated, graph.SortName, "beta\x00Beta"},
		{dated, graph.SortDate, "2010-11-22"},
		{undated, graph.SortDate, graph.NoDate},
		{wrongType, graph.SortDate, graph.NoDate},
	}
	for _, tt := range tests {
		if got := graph.SortKey(tt.n, tt.f); got != tt.want {
			t.Errorf("SortKey(%s, %q) = %q, want %q", tt.n.ID, tt.f, got, tt.want)
		}
	}
	if !(graph.MustDate("9999-12-30").String() < graph.NoDate) {
		t.Error("NoDate does not sort after real dates")
	}
}

func TestListQueryNormalize(t *testing.T) {
	d1, d2 := graph.MustDate("2010-01-01"), graph.MustDate("2012-01-01")
	nameCursor := graph.Cursor{Sort: graph.SortName, Key: "x", ID: "document/x"}.Encode()
	descCursor := graph.Cursor{Sort: graph.SortID, Desc: true, Key: "x", ID: "document/x"}.Encode()
	tests := []struct {
		name  string
		q     graph.ListQuery
		want  graph.ListQuery // checked when field is ""
		field string
	}{
		{"defaults", graph.ListQuery{}, graph.ListQuery{Sort: graph.SortID, First: graph.DefaultPageSize}, ""},
		{"kept", graph.ListQuery{Kind: graph.Agency, Sort: graph.SortDate, Desc: true, First: 5},
			graph.ListQuery{Kind: graph.Agency, Sort: graph.SortDate, Desc: true, First: 5}, ""},
		{"maximum page", graph.ListQuery{First: graph.MaxPageSize}, graph.ListQuery{Sort: graph.SortID, First: graph.MaxPageSize}, ""},
		{"own cursor", graph.ListQuery{Sort: graph.SortName, After: nameCursor}, graph.ListQuery{Sort: graph.SortName, First: graph.DefaultPageSize, After: nameCursor}, ""},
		{"one-day range", graph.ListQuery{Filter: graph.Filter{DateFrom: &d1, DateTo: &d1}}, graph.ListQuery{Sort: graph.SortID, First: graph.DefaultPageSize, Filter: graph.Filter{DateFrom: &d1, DateTo: &d1}}, ""},
		{"unknown kind", graph.ListQuery{Kind: "Memo"}, graph.ListQuery{}, "kind"},
		{"unknown sort", graph.ListQuery{Sort: "SIZE"}, graph.ListQuery{}, "sort"},
		{"lower-case sort", graph.ListQuery{Sort: "name"}, graph.ListQuery{}, "sort"},
		{"negative first", graph.ListQuery{First: -1}, graph.ListQuery{}, "first"},
		{"first too big", graph.ListQuery{First: graph.MaxPageSize + 1}, graph.ListQuery{}, "first"},
		{"reversed range", graph.ListQuery{Filter: graph.Filter{DateFrom: &d2, DateTo: &d1}}, graph.ListQuery{}, "filter.dateTo"},
		{"text too long", graph.ListQuery{Filter: graph.Filter{Text: strings.Repeat("x", graph.MaxPropLen+1)}}, graph.ListQuery{}, "filter"},
		{"prefix too long", graph.ListQuery{Filter: graph.Filter{IDPrefix: strings.Repeat("x", graph.MaxIDLen+1)}}, graph.ListQuery{}, "filter"},
		{"garbage cursor", graph.ListQuery{After: "garbage"}, graph.ListQuery{}, "after"},
		{"cursor of another sort", graph.ListQuery{Sort: graph.SortID, After: nameCursor}, graph.ListQuery{}, "after"},
		{"cursor of the default sort, other direction", graph.ListQuery{After: descCursor}, graph.ListQuery{}, "after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.q.Normalize()
			if tt.field != "" {
				checkValidationError(t, err, tt.field)
				return
			}
			if err != nil {
				t.Fatalf("Normalize: %v", err)
			}
			if got.Kind != tt.want.Kind || got.Sort != tt.want.Sort || got.Desc != tt.want.Desc ||
				got.First != tt.want.First || got.After != tt.want.After || got.Filter != tt.want.Filter {
				t.Errorf("Normalize() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestEdgeQueryNormalize(t *testing.T) {
	q, err := graph.EdgeQuery{IDs: []string{"document/a"}}.Normalize()
	if err != nil || q.Direction != graph.Both {
		t.Errorf("Normalize() = %+v, %v; want direction BOTH", q, err)
	}
	for _, d := range []graph.Direction{graph.Out, graph.In, graph.Both} {
		if q, err := (graph.EdgeQuery{Direction: d}).Normalize(); err != nil || q.Direction != d {
			t.Errorf("Normalize(%s) = %+v, %v", d, q, err)
		}
	}
	if _, err := (graph.EdgeQuery{IDs: make([]string, graph.MaxBatchIDs)}).Normalize(); err != nil {
		t.Errorf("MaxBatchIDs ids: %v", err)
	}
	for _, tt := range []struct {
		name  string
		q     graph.EdgeQuery
		field string
	}{
		{"too many ids", graph.EdgeQuery{IDs: make([]string, graph.MaxBatchIDs+1)}, "ids"},
		{"unknown type", graph.EdgeQuery{Types: []graph.EdgeType{graph.Cites, "LIKES"}}, "types"},
		{"unknown direction", graph.EdgeQuery{Direction: 4}, "direction"},
		{"negative direction", graph.EdgeQuery{Direction: -1}, "direction"},
	} {
		_, err := tt.q.Normalize()
		checkValidationError(t, err, tt.field)
	}
}

func TestFilterMatches(t *testing.T) {
	doc := graph.Node{ID: "document/com-2010-0673", Kind: graph.Document, Name: "The EU Internal Security Strategy in Action",
		Props: graph.Props{"reference": "COM(2010) 673", "aliases": []string{"ISS in Action", "COM/2010/0673"},
			"type": "communication", "date": graph.MustDate("2010-11-22")}}
	undated := graph.Node{ID: "agency/europol", Kind: graph.Agency, Name: "Europol", Props: graph.Props{"type": "agency"}}
	date := func(s string) *graph.Date { d := graph.MustDate(s); return &d }
	tests := []struct {
		name         string
		f            graph.Filter
		doc, undated bool
	}{
		{"empty", graph.Filter{}, true, true},
		{"text", graph.Filter{Text: "security strategy"}, true, false},
		{"text in upper case", graph.Filter{Text: "EUROPOL"}, false, true},
		{"text not in the name", graph.Filter{Text: "communication"}, false, false},
		{"reference", graph.Filter{Reference: "COM(2010) 673"}, true, false},
		{"alias as reference", graph.Filter{Reference: "COM/2010/0673"}, true, false},
		{"reference differs in case", graph.Filter{Reference: "com(2010) 673"}, false, false},
		{"reference is not a substring match", graph.Filter{Reference: "COM(2010)"}, false, false},
		{"type", graph.Filter{Type: "agency"}, false, true},
		{"type differs in case", graph.Filter{Type: "Communication"}, false, false},
		{"date from, on the day", graph.Filter{DateFrom: date("2010-11-22")}, true, false},
		{"date from, the day after", graph.Filter{DateFrom: date("2010-11-23")}, false, false},
		{"date to, on the day", graph.Filter{DateTo: date("2010-11-22")}, true, false},
		{"date to, the day before", graph.Filter{DateTo: date("2010-11-21")}, false, false},
		{"range around", graph.Filter{DateFrom: date("2010-01-01"), DateTo: date("2010-12-31")}, true, false},
		{"id prefix", graph.Filter{IDPrefix: "document/com-"}, true, false},
		{"kind prefix", graph.Filter{IDPrefix: "agency/"}, false, true},
		{"all fields", graph.Filter{Text: "strategy", Reference: "ISS in Action", Type: "communication",
			DateFrom: date("2010-11-22"), DateTo: date("2010-11-22"), IDPrefix: "document/"}, true, false},
		{"all fields, one wrong", graph.Filter{Text: "strategy", Reference: "ISS in Action", Type: "report"}, false, false},
	}
	for _, tt := range tests {
		if got := tt.f.Matches(doc); got != tt.doc {
			t.Errorf("%s: Matches(document) = %v, want %v", tt.name, got, tt.doc)
		}
		if got := tt.f.Matches(undated); got != tt.undated {
			t.Errorf("%s: Matches(agency) = %v, want %v", tt.name, got, tt.undated)
		}
	}
}

func TestCountsTotals(t *testing.T) {
	c := graph.Counts{
		Nodes: map[graph.Kind]int{graph.Agency: 3, graph.Document: 4},
		Edges: map[graph.EdgeType]int{graph.Cites: 5},
	}
	if c.NodeTotal() != 7 || c.EdgeTotal() != 5 {
		t.Errorf("totals %d, %d; want 7, 5", c.NodeTotal(), c.EdgeTotal())
	}
	if (graph.Counts{}).NodeTotal() != 0 {
		t.Error("the empty count is not 0")
	}
}

func TestProjectionWith(t *testing.T) {
	if got := (*graph.Projection)(nil).With("date"); got != nil {
		t.Errorf("nil.With(date) = %+v, want nil: whole nodes stay whole", got)
	}
	p := &graph.Projection{Props: []string{"type", "date"}, Sources: true}
	got := p.With("reference", "date")
	want := &graph.Projection{Props: []string{"date", "reference", "type"}, Sources: true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("With = %+v, want %+v", got, want)
	}
	if !reflect.DeepEqual(p.Props, []string{"type", "date"}) {
		t.Errorf("With changed its receiver: %v", p.Props)
	}
}

// A walk's cut copies what it keeps: a caller that changes what it got
// changes nothing of the store's.
func TestWalkCut(t *testing.T) {
	n := graph.Node{ID: "document/x", Kind: graph.Document, Name: "X",
		Props:   graph.Props{"reference": "COM(2010) 673", "aliases": []string{"a"}},
		Sources: []graph.Source{{File: "f"}}}
	e := graph.Edge{Type: graph.Cites, From: "document/x", To: "document/y", Props: graph.Props{"note": "n"}, Sources: []graph.Source{{File: "f"}}}
	for _, tt := range []struct {
		name  string
		cut   graph.WalkCut
		node  graph.Node
		edgeP graph.Props
	}{
		{"whole", graph.WalkCut{}, n, e.Props},
		{"bare", graph.WalkCut{Nodes: &graph.Projection{}, BareEdges: true}, graph.Node{ID: n.ID, Kind: n.Kind, Name: n.Name}, nil},
		{"a list property", graph.WalkCut{Nodes: &graph.Projection{Props: []string{"aliases"}, Sources: true}},
			graph.Node{ID: n.ID, Kind: n.Kind, Name: n.Name, Props: graph.Props{"aliases": []string{"a"}}, Sources: n.Sources}, e.Props},
	} {
		got := tt.cut.Node(n)
		if !reflect.DeepEqual(got, tt.node) {
			t.Errorf("%s: Node = %+v, want %+v", tt.name, got, tt.node)
		}
		if l, ok := got.Props["aliases"].([]string); ok {
			l[0] = "changed"
		}
		if len(got.Sources) > 0 {
			got.Sources[0].File = "changed"
		}
		ge := tt.cut.Edge(e)
		if !reflect.DeepEqual(ge.Props, tt.edgeP) || ge.Key() != e.Key() || (ge.Sources == nil) != tt.cut.BareEdges {
			t.Errorf("%s: Edge = %+v", tt.name, ge)
		}
		if ge.Props != nil {
			ge.Props["note"] = "changed"
		}
		if n.Props["aliases"].([]string)[0] != "a" || n.Sources[0].File != "f" || e.Props["note"] != "n" {
			t.Fatalf("%s: the copy shares with the original: %+v %+v", tt.name, n, e)
		}
	}
}

// Trimming what the caller owns keeps what the cut keeps whole as it is,
// and cuts the rest as Node and Edge do.
func TestWalkCutTrim(t *testing.T) {
	n := graph.Node{ID: "document/x", Kind: graph.Document, Name: "X", Props: graph.Props{"reference": "COM(2010) 673"}}
	e := graph.Edge{Type: graph.Cites, From: "document/x", To: "document/y", Props: graph.Props{"note": "n"}}
	whole := graph.WalkCut{}
	if got := whole.TrimNode(n); !reflect.DeepEqual(got, n) || reflect.ValueOf(got.Props).Pointer() != reflect.ValueOf(n.Props).Pointer() {
		t.Errorf("whole TrimNode = %+v, want the node itself", got)
	}
	if got := whole.TrimEdge(e); !reflect.DeepEqual(got, e) || reflect.ValueOf(got.Props).Pointer() != reflect.ValueOf(e.Props).Pointer() {
		t.Errorf("whole TrimEdge = %+v, want the edge itself", got)
	}
	cut := graph.WalkCut{Nodes: &graph.Projection{}, BareEdges: true}
	if got, want := cut.TrimNode(n), cut.Node(n); !reflect.DeepEqual(got, want) {
		t.Errorf("TrimNode = %+v, want %+v", got, want)
	}
	if got, want := cut.TrimEdge(e), cut.Edge(e); !reflect.DeepEqual(got, want) {
		t.Errorf("TrimEdge = %+v, want %+v", got, want)
	}
}
