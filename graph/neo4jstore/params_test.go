package neo4jstore

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

// hostile are strings that would change a statement if they were pasted
// into its text.
var hostile = []string{
	"') DETACH DELETE n //",
	"x` DETACH DELETE n //",
	"$id",
	"\"}) MATCH (m) DETACH DELETE m //",
	"__KIND__",
	"Document:Admin",
	"a\nMATCH (n) DETACH DELETE n",
}

// TestUserInputOnlyInParameters runs every Store method on the recording
// fake with hostile strings in every field a caller controls, and checks
// that each executed statement is byte for byte one of the embedded ready
// statements, that no hostile string appears in any statement text, and
// that the hostile strings did reach the server, as parameters.
func TestUserInputOnlyInParameters(t *testing.T) {
	cat, err := statements()
	if err != nil {
		t.Fatal(err)
	}
	ready := map[string]string{}
	for _, s := range cat.all {
		ready[s.key] = s.text
	}
	ctx := context.Background()
	for _, h := range hostile {
		t.Run(fmt.Sprintf("%q", h), func(t *testing.T) {
			s, be := newFake(t)
			src := []graph.Source{{File: h, Section: h}}
			doc := graph.Node{ID: "document/a", Kind: graph.Document, Name: h,
				Props: graph.Props{"description": h, "aliases": []string{h}, "reference": h}, Sources: src}
			bad := graph.Node{ID: "document/" + h, Kind: graph.Document, Name: h}
			edge := graph.Edge{Type: graph.Cites, From: "document/a", To: "document/b", Props: graph.Props{"note": h}, Sources: src}
			key := graph.EdgeKey{Type: graph.EdgeType(h), From: h, To: h}
			d := graph.MustDate("2010-01-01")
			calls := map[string]func() error{
				"GetNode":         func() error { _, err := s.GetNode(ctx, h); return err },
				"GetNodes":        func() error { _, err := s.GetNodes(ctx, []string{h, "document/a"}); return err },
				"CreateNode":      func() error { return s.CreateNode(ctx, doc) },
				"CreateNode(bad)": func() error { return s.CreateNode(ctx, bad) },
				"PutNode":         func() error { return s.PutNode(ctx, doc) },
				"PutNode(bad)":    func() error { return s.PutNode(ctx, bad) },
				"UpdateNode":      func() error { return s.UpdateNode(ctx, doc) },
				"UpdateNode(bad)": func() error { return s.UpdateNode(ctx, bad) },
				"DeleteNode":      func() error { return s.DeleteNode(ctx, h) },
				"PatchNode": func() error {
					_, err := s.PatchNode(ctx, h, graph.Patch{Kind: graph.Document, Name: &h, Set: graph.Props{"description": h}})
					return err
				},
				"GetEdge":    func() error { _, err := s.GetEdge(ctx, key); return err },
				"CreateEdge": func() error { return s.CreateEdge(ctx, edge) },
				"PutEdge":    func() error { return s.PutEdge(ctx, edge) },
				"DeleteEdge": func() error { return s.DeleteEdge(ctx, key) },
				"Edges":      func() error { _, err := s.Edges(ctx, graph.EdgeQuery{IDs: []string{h}}); return err },
				"Apply": func() error {
					_, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{doc}, Edges: []graph.Edge{edge}})
					return err
				},
				"Apply(merge)": func() error {
					_, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{doc}, Edges: []graph.Edge{edge}, Merge: true})
					return err
				},
				"Apply(bad)":     func() error { _, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{bad}}); return err },
				"Count":          func() error { _, err := s.Count(ctx); return err },
				"Migrate":        func() error { return s.Migrate(ctx) },
				"ListNodes(asc)": func() error { return listWith(s, graph.ListQuery{Filter: hostileFilter(h, &d), Sort: graph.SortName}) },
				"ListNodes(desc)": func() error {
					return listWith(s, graph.ListQuery{Filter: hostileFilter(h, &d), Sort: graph.SortDate, Desc: true})
				},
				"ListNodes(no reference)": func() error {
					f := hostileFilter(h, &d)
					f.Reference = ""
					return listWith(s, graph.ListQuery{Filter: f, Sort: graph.SortName})
				},
				"ListNodes(desc, no reference)": func() error {
					f := hostileFilter(h, &d)
					f.Reference = ""
					return listWith(s, graph.ListQuery{Filter: f, Desc: true})
				},
				"ListNodes(after)": func() error {
					return listWith(s, graph.ListQuery{After: graph.Cursor{Sort: graph.SortID, Key: h, ID: h}.Encode()})
				},
				"Degrees": func() error { _, err := s.Degrees(ctx, []string{h, "document/a"}); return err },
				"Rank(degree)": func() error {
					_, err := s.Rank(ctx, graph.RankQuery{Measure: graph.MeasureDegree, IDPrefix: h})
					return err
				},
				"Rank(pagerank)": func() error {
					_, err := s.Rank(ctx, graph.RankQuery{Measure: graph.MeasurePageRank, IDPrefix: h})
					return err
				},
				// Search text reaches Cypher analysed, inside $query:
				// TestSearchTextOnlyInQueryParameter checks it.
				"Search": func() error { _, err := s.Search(ctx, graph.SearchQuery{Text: h + " europol"}); return err },
			}
			for name, fn := range calls {
				_ = fn() // errors are expected for the invalid inputs; the statements are what is checked
				_ = name
			}
			cs := be.recorded()
			if len(cs) == 0 {
				t.Fatal("no statement ran")
			}
			reached := false
			for _, c := range cs {
				if want, ok := ready[c.st.key]; !ok || want != c.st.text {
					t.Errorf("statement %s is not an embedded ready statement:\n%s", c.st.key, c.st.text)
				}
				if strings.Contains(c.st.text, h) && !strings.Contains(ready[c.st.key], h) {
					t.Errorf("statement %s contains the hostile string %q", c.st.key, h)
				}
				if paramsContain(c.params, h) {
					reached = true
				}
			}
			if !reached {
				t.Errorf("the hostile string reached no statement as a parameter; the test exercises nothing")
			}
			// Every method that takes user text passed it as a parameter.
			for _, want := range []string{"get_node", "get_nodes", "delete_node", "get_edge", "delete_edge", "edges_both", "list_page_asc", "list_page_desc", "list_count", "list_page_ref_asc", "list_page_ref_desc", "list_count_ref", "node_kinds",
				"lock_node", "degrees", "rank_degree", "rank_pagerank"} {
				found := false
				for _, c := range cs {
					if c.st.name == want && paramsContain(c.params, h) {
						found = true
					}
				}
				if !found {
					t.Errorf("%s never ran with the hostile string as a parameter (ran: %s)", want, names(cs))
				}
			}
		})
	}
}

func hostileFilter(h string, d *graph.Date) graph.Filter {
	return graph.Filter{Text: h, Reference: h, Type: h, IDPrefix: h, DateFrom: d, DateTo: d}
}

func listWith(s *Store, q graph.ListQuery) error {
	_, err := s.ListNodes(context.Background(), q)
	return err
}

// paramsContain reports whether h is one of the parameter values, at any
// depth.
func paramsContain(v any, h string) bool {
	switch x := v.(type) {
	case string:
		return strings.Contains(x, h)
	case []string:
		for _, s := range x {
			if strings.Contains(s, h) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if paramsContain(e, h) {
				return true
			}
		}
	case map[string]any:
		for _, e := range x {
			if paramsContain(e, h) {
				return true
			}
		}
	}
	return false
}

// TestStatementsAreReady checks the catalog: every statement has its
// parameters declared (the loader enforces it; this pins that the loader
// ran on every file), every placeholder is expanded, and the expanded keys
// are exactly name × allow-list.
func TestStatementsAreReady(t *testing.T) {
	cat, err := statements()
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.all) == 0 {
		t.Fatal("empty catalog")
	}
	for _, s := range cat.all {
		if placeholderRE.MatchString(s.text) {
			t.Errorf("%s: placeholder left in the ready text", s)
		}
		used := usedParams(s.text)
		declared := append([]string(nil), s.params...)
		if strings.Join(sorted(declared), ",") != strings.Join(used, ",") {
			t.Errorf("%s: declares %v, uses %v", s, declared, used)
		}
	}
	for _, name := range []string{"create_node", "put_node", "apply_nodes", "merge_nodes", "constraint_kind_id"} {
		for _, k := range graph.Kinds {
			st, err := cat.forKind(name, k.Kind)
			if err != nil {
				t.Errorf("%s for %s: %v", name, k.Kind, err)
				continue
			}
			if !strings.Contains(st.text, ":"+string(k.Kind)) {
				t.Errorf("%s: the label %s is not in the text", st, k.Kind)
			}
		}
	}
	for _, name := range []string{"create_edge", "put_edge", "apply_edges", "merge_edges"} {
		for _, et := range graph.EdgeTypes {
			st, err := cat.forType(name, et.Type)
			if err != nil {
				t.Errorf("%s for %s: %v", name, et.Type, err)
				continue
			}
			if !strings.Contains(st.text, "[r:"+string(et.Type)+"]") {
				t.Errorf("%s: the type %s is not in the text", st, et.Type)
			}
		}
	}
	if _, err := cat.get("no_such_statement"); err == nil {
		t.Error("get of an unknown key: no error")
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j-1] > out[j]; j-- {
			out[j-1], out[j] = out[j], out[j-1]
		}
	}
	return out
}

// TestParseStatements checks the file format's rules on small inputs.
func TestParseStatements(t *testing.T) {
	good := "// file comment\n\n// name: a\n// params: id, x\n// doc line\nMATCH (n:Node {id: $id})\n// inner comment kept\nRETURN $x AS x\n\n// name: b\n// params:\nRETURN 1 AS one\n"
	got, err := parseStatements("f.cypher", good)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].name != "a" || got[1].name != "b" {
		t.Fatalf("parsed %+v", got)
	}
	if want := "MATCH (n:Node {id: $id})\n// inner comment kept\nRETURN $x AS x"; got[0].text != want {
		t.Errorf("text %q, want %q", got[0].text, want)
	}
	if got[0].line != 3 || strings.Join(got[0].params, ",") != "id,x" || len(got[1].params) != 0 {
		t.Errorf("header parsed as line %d params %v / %v", got[0].line, got[0].params, got[1].params)
	}
	bad := []struct{ name, src, want string }{
		{"undeclared parameter", "// name: a\n// params: id\nMATCH (n {id: $idz}) RETURN n", "uses [idz]"},
		{"unused parameter", "// name: a\n// params: id, x\nMATCH (n {id: $id}) RETURN n", "declares params [id x]"},
		{"duplicate parameter", "// name: a\n// params: id, id\nMATCH (n {id: $id}) RETURN n", "twice"},
		{"no params line", "// name: a\nMATCH (n) RETURN n", "params"},
		{"bad name", "// name: A-b\n// params:\nRETURN 1", "bad statement name"},
		{"empty statement", "// name: a\n// params:\n// only a comment\n", "no text"},
		{"text outside", "RETURN 1\n// name: a\n// params:\nRETURN 1", "outside"},
	}
	for _, tc := range bad {
		if _, err := parseStatements("f.cypher", tc.src); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	for _, tc := range []struct{ name, text, want string }{
		{"unknown placeholder", "SET n:__LABEL__", "unknown placeholder"},
		{"mixed placeholders", "MATCH (a:__KIND__)-[:__TYPE__]->(b)", "mixes"},
	} {
		if _, err := expand(&stmt{name: "x", text: tc.text}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestNoFormattedCypher guards the rule that Cypher only comes from the
// embedded files: no source file of the package formats strings with
// Sprintf, and no Go string literal holds a Cypher clause. The one
// exception is querycypher.go, the generator of the analyst queries,
// whose constant fragments are held to the builder's rules instead
// (cypherbuild.go; TestFragConversions, TestQueryCypherGolden).
func TestNoFormattedCypher(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	clause := regexp.MustCompile("\"(MATCH|MERGE|CREATE|UNWIND|RETURN|DETACH DELETE|SET) ")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "Sprintf") {
			t.Errorf("%s uses Sprintf", f)
		}
		if m := clause.FindString(string(b)); m != "" && f != "querycypher.go" {
			t.Errorf("%s has a Cypher clause in a string literal: %s", f, m)
		}
	}
}
