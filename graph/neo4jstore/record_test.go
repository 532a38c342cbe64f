package neo4jstore

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/issgraph/issgraph/graph"
)

func rec(kv ...any) *neo4j.Record {
	r := &neo4j.Record{}
	for i := 0; i < len(kv); i += 2 {
		r.Keys = append(r.Keys, kv[i].(string))
		r.Values = append(r.Values, kv[i+1])
	}
	return r
}

func dbDate(s string) dbtype.Date {
	d := graph.MustDate(s)
	return neo4j.DateOf(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC))
}

// storedDoc is a Document as the driver returns it: lists as []any, dates
// as DATE, sources as JSON strings.
func storedDoc() dbtype.Node {
	return dbtype.Node{ElementId: "4:x:1", Labels: []string{"Node", "Document"}, Props: map[string]any{
		"id": "document/com-2010-0673", "kind": "Document", "name": "The EU Internal Security Strategy in Action",
		"reference": "COM(2010) 673", "date": dbDate("2010-11-22"), "aliases": []any{"ISS in Action", "COM/2010/0673"},
		"sources": []any{`{"file":"eurlex-summary-iss-in-action.txt","section":"Summary","lines":"3-9"}`, `{"file":"api"}`},
	}}
}

func wantDoc() graph.Node {
	return graph.Node{ID: "document/com-2010-0673", Kind: graph.Document, Name: "The EU Internal Security Strategy in Action",
		Props: graph.Props{"reference": "COM(2010) 673", "date": graph.MustDate("2010-11-22"),
			"aliases": []string{"ISS in Action", "COM/2010/0673"}},
		Sources: []graph.Source{{File: "eurlex-summary-iss-in-action.txt", Section: "Summary", Lines: "3-9"}, {File: "api"}}}
}

// nodePropKeys are the names of every domain property of every kind, and
// the precision companion of each date (precisionSuffix), in a fixed
// order; kindPropKeys those of one kind: the keys of a map projection of
// a node (projection).
var nodePropKeys = domainPropKeys()

func domainPropKeys() []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range graph.Kinds {
		for _, p := range kindPropKeys(k) {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// kindPropKeys are the names of k's properties, each date followed by its
// precision companion.
func kindPropKeys(k graph.KindSpec) []string {
	var out []string
	for _, p := range k.Props {
		out = append(out, p.Name)
		if p.Type == graph.DateP {
			out = append(out, p.Name+precisionSuffix)
		}
	}
	return out
}

// projection is a stored node's properties as a map projection of every
// domain key returns them: id, kind, name, sources and every key of
// nodePropKeys, null for one the node has not.
func projection(props map[string]any) map[string]any {
	m := map[string]any{"id": props["id"], "kind": props["kind"], "name": props["name"], "sources": props["sources"]}
	for _, k := range nodePropKeys {
		m[k] = props[k]
	}
	return m
}

func TestNodeFromRecord(t *testing.T) {
	with := func(f func(p map[string]any)) dbtype.Node {
		n := storedDoc()
		f(n.Props)
		return n
	}
	cases := []struct {
		name    string
		rec     *neo4j.Record
		want    graph.Node
		wantErr string
	}{
		{name: "full node", rec: rec("n", storedDoc()), want: wantDoc()},
		{name: "no domain props, no sources", rec: rec("n", dbtype.Node{Props: map[string]any{"id": "agency/europol", "kind": "Agency", "name": "Europol"}}),
			want: graph.Node{ID: "agency/europol", Kind: graph.Agency, Name: "Europol"}},
		{name: "empty list and empty sources", rec: rec("n", with(func(p map[string]any) { p["aliases"] = []any{}; p["sources"] = []any{} })),
			want: func() graph.Node { n := wantDoc(); n.Props["aliases"] = []string{}; n.Sources = nil; return n }()},
		{name: "int and bool are not in any spec", rec: rec("n", with(func(p map[string]any) { p["weight"] = int64(3) })), wantErr: `property "weight" is not in the domain`},
		{name: "missing key", rec: rec("m", storedDoc()), wantErr: "n: no such column"},
		{name: "not a node", rec: rec("n", "document/x"), wantErr: "want a node or its projection, got string"},
		{name: "relationship instead of node", rec: rec("n", dbtype.Relationship{Type: "CITES"}), wantErr: "want a node or its projection, got dbtype.Relationship"},
		// A node's projection reads as the node.
		{name: "projection", rec: rec("n", projection(storedDoc().Props)), want: wantDoc()},
		{name: "projection of a year date", rec: rec("n", projection(with(func(p map[string]any) { p["date"], p["datePrecision"] = dbDate("2010-01-01"), "year" }).Props)),
			want: func() graph.Node { n := wantDoc(); n.Props["date"] = graph.MustDate("2010"); return n }()},
		{name: "projection with a prop of another kind", rec: rec("n", projection(map[string]any{"id": "agency/x", "kind": "Agency", "name": "X", "reference": "COM(2010) 673"})),
			wantErr: `property "reference" is not in the domain`},
		{name: "no id", rec: rec("n", with(func(p map[string]any) { delete(p, "id") })), wantErr: "could not find any property named id"},
		{name: "id not a string", rec: rec("n", with(func(p map[string]any) { p["id"] = int64(7) })), wantErr: "id: expected value to have type string"},
		{name: "no kind", rec: rec("n", with(func(p map[string]any) { delete(p, "kind") })), wantErr: "kind"},
		{name: "unknown kind", rec: rec("n", with(func(p map[string]any) { p["kind"] = "Memo" })), wantErr: `unknown kind "Memo"`},
		{name: "no name", rec: rec("n", with(func(p map[string]any) { delete(p, "name") })), wantErr: "name"},
		{name: "date as a string", rec: rec("n", with(func(p map[string]any) { p["date"] = "2010-11-22" })), wantErr: `property "date": want a DATE, got string`},
		{name: "date as a datetime", rec: rec("n", with(func(p map[string]any) { p["date"] = time.Now() })), wantErr: "want a DATE"},
		{name: "string given an int", rec: rec("n", with(func(p map[string]any) { p["reference"] = int64(1) })), wantErr: "want a string"},
		{name: "list with a non-string", rec: rec("n", with(func(p map[string]any) { p["aliases"] = []any{"a", int64(2)} })), wantErr: "props.aliases[1]"},
		{name: "list given a string", rec: rec("n", with(func(p map[string]any) { p["aliases"] = "a" })), wantErr: "want a list of strings"},
		{name: "sources not a list", rec: rec("n", with(func(p map[string]any) { p["sources"] = "api" })), wantErr: "sources"},
		{name: "source not a string", rec: rec("n", with(func(p map[string]any) { p["sources"] = []any{int64(1)} })), wantErr: "sources[0]: want a string"},
		{name: "source not JSON", rec: rec("n", with(func(p map[string]any) { p["sources"] = []any{"api"} })), wantErr: "sources[0]"},
		{name: "source with an unknown field", rec: rec("n", with(func(p map[string]any) { p["sources"] = []any{`{"file":"api","page":3}`} })), wantErr: "unknown field"},
		{name: "null property", rec: rec("n", with(func(p map[string]any) { p["reference"] = nil })), wantErr: "is null"},
		{name: "a year date", rec: rec("n", with(func(p map[string]any) { p["date"], p["datePrecision"] = dbDate("2010-01-01"), "year" })),
			want: func() graph.Node { n := wantDoc(); n.Props["date"] = graph.MustDate("2010"); return n }()},
		{name: "a month date", rec: rec("n", with(func(p map[string]any) { p["date"], p["datePrecision"] = dbDate("2010-11-01"), "month" })),
			want: func() graph.Node { n := wantDoc(); n.Props["date"] = graph.MustDate("2010-11"); return n }()},
		{name: "a day precision named", rec: rec("n", with(func(p map[string]any) { p["datePrecision"] = "day" })), want: wantDoc()},
		{name: "unknown precision", rec: rec("n", with(func(p map[string]any) { p["datePrecision"] = "week" })), wantErr: `"datePrecision": date precision "week"`},
		{name: "precision not a string", rec: rec("n", with(func(p map[string]any) { p["datePrecision"] = int64(1) })), wantErr: `"datePrecision": want a string`},
		{name: "a year that is not the first day", rec: rec("n", with(func(p map[string]any) { p["datePrecision"] = "year" })), wantErr: "2010-11-22 is not the first day of a year"},
		{name: "precision without its date", rec: rec("n", with(func(p map[string]any) { delete(p, "date"); p["datePrecision"] = "year" })), wantErr: `"datePrecision" without its date`},
		{name: "precision of a property that is not a date", rec: rec("n", with(func(p map[string]any) { p["referencePrecision"] = "year" })), wantErr: `"referencePrecision" is not in the domain`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := nodeFromRecord(tc.rec, "n")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				if !errors.Is(err, errRecord) {
					t.Errorf("err %v does not match errRecord", err)
				}
				for _, s := range []error{graph.ErrNotFound, graph.ErrConflict, graph.ErrInvalid, graph.ErrUnavailable} {
					if errors.Is(err, s) {
						t.Errorf("a bad record matches %v; it must be an internal error", s)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %#v\nwant %#v", got, tc.want)
			}
		})
	}
	if _, err := nodeFromRecord(nil, "n"); err == nil {
		t.Error("nil record: no error")
	}
}

func TestEdgeFromRecord(t *testing.T) {
	rel := func(typ string, props map[string]any) dbtype.Relationship {
		return dbtype.Relationship{ElementId: "5:x:9", Type: typ, Props: props}
	}
	cases := []struct {
		name    string
		rec     *neo4j.Record
		want    graph.Edge
		wantErr string
	}{
		{name: "rapporteur with every property",
			rec: rec("r", rel("RAPPORTEUR", map[string]any{"role": "rapporteur", "committee": "institution/ep-libe", "group": "S&D",
				"date": dbDate("2011-01-25"), "note": "x", "sources": []any{`{"file":"oeil-procedure-2010-2308-INI.txt","lines":"7"}`}}),
				"from", "person/rita-borsellino", "to", "procedure/2010-2308-ini"),
			want: graph.Edge{Type: graph.Rapporteur, From: "person/rita-borsellino", To: "procedure/2010-2308-ini",
				Props:   graph.Props{"role": "rapporteur", "committee": "institution/ep-libe", "group": "S&D", "date": graph.MustDate("2011-01-25"), "note": "x"},
				Sources: []graph.Source{{File: "oeil-procedure-2010-2308-INI.txt", Lines: "7"}}}},
		{name: "no properties", rec: rec("r", rel("CITES", map[string]any{}), "from", "document/a", "to", "document/b"),
			want: graph.Edge{Type: graph.Cites, From: "document/a", To: "document/b"}},
		{name: "unknown type", rec: rec("r", rel("LIKES", nil), "from", "document/a", "to", "document/b"), wantErr: `unknown type "LIKES"`},
		{name: "property of another type", rec: rec("r", rel("CITES", map[string]any{"committee": "x"}), "from", "document/a", "to", "document/b"), wantErr: `"committee" is not in the domain`},
		{name: "missing r", rec: rec("from", "document/a", "to", "document/b"), wantErr: "r: missing"},
		{name: "null r", rec: rec("r", nil, "from", "document/a", "to", "document/b"), wantErr: "r: missing"},
		{name: "node instead of relationship", rec: rec("r", storedDoc(), "from", "document/a", "to", "document/b"), wantErr: "not a relationship"},
		{name: "missing from", rec: rec("r", rel("CITES", nil), "to", "document/b"), wantErr: "from"},
		{name: "null to", rec: rec("r", rel("CITES", nil), "from", "document/a", "to", nil), wantErr: "to is null"},
		{name: "to not a string", rec: rec("r", rel("CITES", nil), "from", "document/a", "to", int64(3)), wantErr: "to: expected value to have type string"},
		{name: "date of the wrong type", rec: rec("r", rel("CITES", map[string]any{"date": int64(20100101)}), "from", "document/a", "to", "document/b"), wantErr: "want a DATE"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := edgeFromRecord(tc.rec)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %#v\nwant %#v", got, tc.want)
			}
		})
	}
}

func TestScalarColumns(t *testing.T) {
	r := rec("total", int64(7), "hasNext", true, "nothing", nil, "s", "x", "list", []any{storedDoc()}, "bad", []any{"x"})
	if n, err := intValue(r, "total"); err != nil || n != 7 {
		t.Errorf("intValue = %d, %v", n, err)
	}
	for _, f := range []func() error{
		func() error { _, err := intValue(r, "nothing"); return err },
		func() error { _, err := intValue(r, "s"); return err },
		func() error { _, err := intValue(r, "absent"); return err },
		func() error { _, err := stringValue(r, "total"); return err },
	} {
		if err := f(); !errors.Is(err, errRecord) {
			t.Errorf("err = %v, want errRecord", err)
		}
	}
}

// TestParamsRoundTrip checks that the parameters written for a node read
// back as the same node once the driver has turned them into its types.
func TestParamsRoundTrip(t *testing.T) {
	for _, spec := range graph.Kinds {
		n := graph.Node{ID: spec.Prefix + "x", Kind: spec.Kind, Name: "X", Props: graph.Props{},
			Sources: []graph.Source{{File: "api", Section: `a "quoted" §`, Lines: "1-2"}}}
		for _, p := range spec.Props {
			switch p.Type {
			case graph.String:
				n.Props[p.Name] = "v"
				if len(p.Enum) > 0 {
					n.Props[p.Name] = p.Enum[0]
				}
			case graph.Strings:
				n.Props[p.Name] = []string{"a", "b"}
			case graph.DateP:
				n.Props[p.Name] = graph.MustDate("0999-02-28")
			}
		}
		m := nodeProps(n)
		// What the server hands back: lists as []any.
		stored := map[string]any{}
		for k, v := range m {
			if l, ok := v.([]string); ok {
				a := make([]any, len(l))
				for i, s := range l {
					a[i] = s
				}
				v = a
			}
			stored[k] = v
		}
		got, err := nodeFromEntity(dbtype.Node{Props: stored})
		if err != nil {
			t.Fatalf("%s: %v", spec.Kind, err)
		}
		if !reflect.DeepEqual(got, n) {
			t.Errorf("%s: got %#v\nwant %#v", spec.Kind, got, n)
		}
	}
}

func TestMergeParams(t *testing.T) {
	n := graph.Node{ID: "document/x", Kind: graph.Document, Props: graph.Props{"date": graph.MustDate("2010-01-02")},
		Sources: []graph.Source{{File: "api"}}}
	m := mergeNodeProps(n, n)
	if _, ok := m[keyName]; ok {
		t.Error("an empty name is in the merge overlay; it would erase the stored name")
	}
	if _, ok := m[keySources]; ok {
		t.Error("sources are in the merge overlay; they are unioned separately")
	}
	if _, ok := m["date"].(dbtype.Date); !ok {
		t.Errorf("date param is %T, want dbtype.Date", m["date"])
	}
	// A merge clears the precision of a stored coarse date that a day date
	// replaces, and sets that of a coarse one; a full write never sends a
	// null.
	if v, ok := m["datePrecision"]; !ok || v != nil {
		t.Errorf("merge of a day date: datePrecision = %v, %v; want a null that SET += removes", v, ok)
	}
	if v, ok := nodeProps(n)["datePrecision"]; ok {
		t.Errorf("full write of a day date sends datePrecision %v", v)
	}
	y := n.Clone()
	y.Props["date"] = graph.MustDate("2010")
	for name, m := range map[string]map[string]any{"merge": mergeNodeProps(y, y), "write": nodeProps(y), "edge": edgeProps(graph.Edge{Props: y.Props})} {
		if m["datePrecision"] != "year" || m["date"] != dbDate("2010-01-01") {
			t.Errorf("%s of a year date: date %v, datePrecision %v", name, m["date"], m["datePrecision"])
		}
	}
	n.Name = "X"
	if mergeNodeProps(n, n)[keyName] != "X" {
		t.Error("a set name is missing from the merge overlay")
	}
}

// TestNameLowerIsGoFolding pins the text filter to graph.Filter.Matches:
// the stored nameLower and the $text parameter are both folded by Go, for
// letters that Cypher's toLower (Java's) folds otherwise, so that a name
// matches in Neo4j exactly when it matches in the embedded store.
func TestNameLowerIsGoFolding(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"İSTANBUL Summit", "istanbul"},    // Java: i + U+0307
		{"ΟΔΟΣ report", "οδοσ"},            // Java: final ς
		{"Cecilia Malmström", "MALMSTRÖM"}, // both fold alike
	} {
		n := graph.Node{ID: "event/x", Kind: graph.Event, Name: tc.name}
		f := graph.Filter{Text: tc.text}
		if !f.Matches(n) {
			t.Fatalf("graph.Filter.Matches(%q, %q) is false; the case is wrong", tc.name, tc.text)
		}
		lower, _ := nodeProps(n)[keyNameLower].(string)
		q, err := graph.ListQuery{Filter: f}.Normalize()
		if err != nil {
			t.Fatal(err)
		}
		p, err := listParams(q)
		if err != nil {
			t.Fatal(err)
		}
		text, _ := p["text"].(string)
		// The statement tests nameLower CONTAINS $text.
		if !strings.Contains(lower, text) {
			t.Errorf("%q: nameLower %q does not contain $text %q", tc.name, lower, text)
		}
		if m := mergeNodeProps(n, n); m[keyNameLower] != lower {
			t.Errorf("%q: merge overlay nameLower %v, want %q", tc.name, m[keyNameLower], lower)
		}
	}
	if _, ok := mergeNodeProps(graph.Node{ID: "event/x", Kind: graph.Event}, graph.Node{ID: "event/x", Kind: graph.Event, Name: "X"})[keyNameLower]; ok {
		t.Error("an overlay without a name sends nameLower; it would erase the stored one")
	}
	// Read back, nameLower is not a domain property.
	got, err := nodeFromEntity(dbtype.Node{Props: map[string]any{"id": "agency/x", "kind": "Agency", "name": "X", "nameLower": "x"}})
	if err != nil || got.Props != nil {
		t.Errorf("nodeFromEntity = %#v, %v; want no props", got, err)
	}
}

// TestReservedKeysAreNotDomainProps keeps the data model sound: domain
// properties live under their own names beside the reserved keys, so no
// spec may use one.
func TestReservedKeysAreNotDomainProps(t *testing.T) {
	for _, k := range graph.Kinds {
		for _, p := range k.Props {
			if nodeReserved[p.Name] {
				t.Errorf("kind %s: property %q is a reserved node key", k.Kind, p.Name)
			}
		}
	}
	for _, et := range graph.EdgeTypes {
		for _, p := range et.Props {
			if edgeReserved[p.Name] {
				t.Errorf("edge type %s: property %q is a reserved edge key", et.Type, p.Name)
			}
		}
	}
	// A date's precision companion (precisionSuffix) is reserved too.
	specs := map[string][]graph.PropSpec{}
	for _, k := range graph.Kinds {
		specs["kind "+string(k.Kind)] = k.Props
	}
	for _, et := range graph.EdgeTypes {
		specs["edge type "+string(et.Type)] = et.Props
	}
	for owner, ps := range specs {
		for _, p := range ps {
			if base, ok := strings.CutSuffix(p.Name, precisionSuffix); ok {
				if d, ok := findSpec(ps, base); ok && d.Type == graph.DateP {
					t.Errorf("%s: property %q is the precision companion of the date %q", owner, p.Name, base)
				}
			}
			// So is a text's fold companion (foldSuffix).
			if base, ok := strings.CutSuffix(p.Name, foldSuffix); ok {
				if d, ok := findSpec(ps, base); ok && (d.Type == graph.String || d.Type == graph.Strings) {
					t.Errorf("%s: property %q is the fold companion of %q", owner, p.Name, base)
				}
			}
		}
	}
}

// sortName carries graph.NameKey, the key list_nodes orders NAME by, on
// every write path, and never comes back as a domain property.
func TestSortNameIsNameKey(t *testing.T) {
	n := graph.Node{ID: "person/agnes-hankiss", Kind: graph.Person, Name: "Ágnes Hankiss"}
	if got := nodeProps(n)[keySortName]; got != graph.NameKey(n.Name) {
		t.Errorf("nodeProps sortName = %q, want %q", got, graph.NameKey(n.Name))
	}
	if got := mergeNodeProps(n, n)[keySortName]; got != graph.NameKey(n.Name) {
		t.Errorf("mergeNodeProps sortName = %q, want %q", got, graph.NameKey(n.Name))
	}
	if _, ok := mergeNodeProps(graph.Node{ID: "event/x", Kind: graph.Event}, graph.Node{ID: "event/x", Kind: graph.Event, Name: "X"})[keySortName]; ok {
		t.Error("an overlay without a name sends sortName; it would erase the stored one")
	}
	got, err := nodeFromEntity(dbtype.Node{Props: map[string]any{"id": "agency/x", "kind": "Agency", "name": "X", "sortName": graph.NameKey("X")}})
	if err != nil || got.Props != nil {
		t.Errorf("nodeFromEntity = %#v, %v; want no props", got, err)
	}
}

// A node matched and then deleted by another transaction comes back with
// no properties, or as a null projection; that is errDeleted, which lists
// skip, not a bad record.
func TestDeletedMeanwhile(t *testing.T) {
	if _, err := nodeFromValue(projection(map[string]any{})); !errors.Is(err, errDeleted) {
		t.Errorf("the projection of a deleted node: err = %v, want errDeleted", err)
	}
	if _, err := nodeFromRecord(&neo4j.Record{Keys: []string{"n"}, Values: []any{nil}}, "n"); !errors.Is(err, errDeleted) || errors.Is(err, errRecord) {
		t.Errorf("a null projection: err = %v, want errDeleted and not a bad record", err)
	}
	if _, err := nodeFromEntity(dbtype.Node{ElementId: "4:x:1"}); !errors.Is(err, errDeleted) {
		t.Errorf("node without properties: %v, want errDeleted", err)
	}
	if _, err := nodeFromEntity(dbtype.Node{ElementId: "4:x:1", Props: map[string]any{"kind": "Document"}}); err == nil || errors.Is(err, errDeleted) {
		t.Errorf("node without an id: %v, want a record error", err)
	}
}

// TestDecodeSource: a stored source decodes to what encoding/json makes of
// it, whether plainSource reads it (the form json.Marshal writes) or it
// falls back to encoding/json.
func TestDecodeSource(t *testing.T) {
	for _, tc := range []struct {
		in    string
		plain bool // plainSource reads it
	}{
		{`{"file":"a.txt","section":"1. Intro","lines":"3-6"}`, true},
		{`{"file":"a.txt","section":"S","lines":"3","note":"n"}`, true},
		{`{"file":"a.txt"}`, true},
		{`{}`, true},
		{`{"file":"a","file":"b"}`, true},
		{`{"file":"Ünïcödé – dash"}`, true},
		{`{"file":"a \u003c b"}`, false},
		{`{"file":"a\"b"}`, false},
		{`{"file":"a\\b"}`, false},
		{`{"File":"a"}`, false},
		{`{"file":"a","other":"x"}`, false},
		{`{"file":null}`, false},
		{`{"file":1}`, false},
		{`{"file": "a"}`, false},
		{`{"file":"a",}`, false},
		{`{"file":"a"} `, false},
		{`{"file":"a"}x`, false},
		{"{\"file\":\"a\xffb\"}", false},
		{"{\"file\":\"a\tb\"}", false},
		{`{"file":"a"`, false},
		{`{"file"}`, false},
		{`[]`, false},
		{``, false},
	} {
		_, plain := plainSource(tc.in)
		if plain != tc.plain {
			t.Errorf("%q: plainSource ok = %v, want %v", tc.in, plain, tc.plain)
		}
		var want graph.Source
		dec := json.NewDecoder(strings.NewReader(tc.in))
		dec.DisallowUnknownFields()
		wantErr := dec.Decode(&want)
		got, err := decodeSource(tc.in)
		if (err != nil) != (wantErr != nil) || (err == nil && got != want) {
			t.Errorf("%q: decodeSource = %+v, %v; encoding/json gives %+v, %v", tc.in, got, err, want, wantErr)
		}
	}
	for _, src := range []graph.Source{{File: "f.txt", Section: "Sec <b> & \"q\"", Lines: "1-2", Note: "n"}, {File: "f.txt"}} {
		enc := encodeSources([]graph.Source{src})[0]
		if got, err := decodeSource(enc); err != nil || got != src {
			t.Errorf("%s: decodeSource = %+v, %v; want %+v", enc, got, err, src)
		}
	}
}
