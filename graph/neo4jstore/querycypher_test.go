package neo4jstore

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

var updateGolden = flag.Bool("update", false, "rewrite the generator's golden files in testdata/query")

// goldenQuery is one query of the generator's golden table.
type goldenQuery struct {
	name string
	find *graph.Query
	rel  *graph.RelQuery
	agg  *graph.AggQuery
}

func gc(field string, op graph.Op, v any) graph.Cond {
	return graph.Cond{Field: field, Op: op, Value: v}
}
func gcs(field string, op graph.Op, vs ...any) graph.Cond {
	return graph.Cond{Field: field, Op: op, Values: vs}
}

// goldenQueries covers every shape the generator writes: each operator of
// each type, the logic, each quantifier, nesting, edge filters, every
// order and cursor form, relationship lists and aggregates.
func goldenQueries(t *testing.T) []goldenQuery {
	docs := []graph.Kind{graph.Document}
	cites := graph.Hop{Type: graph.Cites, Dir: graph.Out}
	node := graph.Node{ID: "document/a", Kind: graph.Document, Name: "Á", Props: graph.Props{"type": "report", "date": graph.MustDate("2010-11")}}
	undated := graph.Node{ID: "document/b", Kind: graph.Document, Name: "b"}
	byTypeDate := []graph.Order{{Field: "type"}, {Field: "date", Desc: true}}
	cursor := func(sort []graph.Order, n graph.Node) string { return graph.Query{Sort: sort}.CursorOf(n) }
	rapp := graph.Hop{Type: graph.Rapporteur, Dir: graph.In}
	relSort := []graph.Order{{Field: "role", Edge: true}, {Field: "name", Desc: true}}
	relCursor := graph.RelQuery{Sort: relSort}.CursorOf(graph.Related{
		Edge: graph.Edge{Type: graph.Rapporteur, From: "person/x", To: "procedure/p", Props: graph.Props{"role": "rapporteur"}},
		Node: graph.Node{ID: "person/x", Kind: graph.Person, Name: "X"}})
	return []goldenQuery{
		{name: "every_node", find: &graph.Query{}},
		{name: "text", find: &graph.Query{Kinds: docs, Where: graph.Where{Conds: []graph.Cond{
			gc("name", graph.OpContains, "Malmström"), gc("type", graph.OpEq, "Report"), gcs("type", graph.OpNotIn, "x", "y"),
			gc("shortTitle", graph.OpStartsWith, "iss"), gc("place", graph.OpEndsWith, "sels"), gc("celex", graph.OpNe, "5"),
			gc("classification", graph.OpIsNull, true), gc(graph.IDField, graph.OpStartsWith, "document/com-"),
		}}}},
		{name: "lists", find: &graph.Query{Kinds: docs, Where: graph.Where{Conds: []graph.Cond{
			gc("aliases", graph.OpEq, "ISS"), gc("aliases", graph.OpNe, "x"), gcs("fileCodes", graph.OpIn, "JAI 1"),
			gcs("fileCodes", graph.OpNotIn, "JAI 2"), gc("aliases", graph.OpContains, "a"), gc("aliases", graph.OpIsNull, false),
		}}}},
		{name: "references", find: &graph.Query{Where: graph.Where{Conds: []graph.Cond{
			gc("reference", graph.OpEq, "COM(2010)0673"), gc("reference", graph.OpNe, "16797/10"), gc("reference", graph.OpContains, "com"),
		}}}},
		{name: "dates", find: &graph.Query{Kinds: docs, Where: graph.Where{Conds: []graph.Cond{
			gc("date", graph.OpEq, "2010"), gc("date", graph.OpNe, "2010-11"), gcs("date", graph.OpIn, "2010-11-22", "2012"),
			gcs("date", graph.OpNotIn, "2014"), gc("date", graph.OpLt, "2014"), gc("date", graph.OpLte, "2014-06"),
			gc("date", graph.OpGt, "2009"), gc("date", graph.OpGte, "2009-12-31"), gc("periodEnd", graph.OpIsNull, false),
		}}}},
		{name: "numbers_and_kinds", find: &graph.Query{Kinds: []graph.Kind{graph.Event, graph.Document}, Where: graph.Where{Conds: []graph.Cond{
			gc("votesFor", graph.OpGt, 10), gcs("votesAgainst", graph.OpNotIn, 1, 2), gc("abstentions", graph.OpIsNull, true),
			gc(graph.KindField, graph.OpNe, graph.Document), gcs(graph.KindField, graph.OpIn, graph.Event),
		}}}},
		{name: "logic", find: &graph.Query{Kinds: docs, Where: graph.Where{
			Or:  []graph.Where{{Conds: []graph.Cond{gc("type", graph.OpEq, "report")}}, {Conds: []graph.Cond{gc("date", graph.OpGte, "2014")}}},
			And: []graph.Where{{Not: &graph.Where{Conds: []graph.Cond{gc("type", graph.OpEq, "resolution")}}}},
		}}},
		{name: "relationships", find: &graph.Query{Kinds: docs, Where: graph.Where{Rels: []graph.RelCond{
			{Hop: cites, Where: graph.Where{Conds: []graph.Cond{gc("reference", graph.OpEq, "COM(2010) 673")}}},
			{Hop: graph.Hop{Type: graph.Authored, Dir: graph.In, Kinds: []graph.Kind{graph.Institution}}, Quant: graph.None,
				Where: graph.Where{Conds: []graph.Cond{gc(graph.IDField, graph.OpEq, "institution/council")}}},
			{Hop: graph.Hop{Type: graph.Cites, Dir: graph.Both}, Quant: graph.All, Where: graph.Where{Conds: []graph.Cond{gc("date", graph.OpLte, "2010")}}},
		}}}},
		{name: "nested_with_edges", find: &graph.Query{Kinds: []graph.Kind{graph.Agency}, Where: graph.Where{Rels: []graph.RelCond{{
			Hop:  graph.Hop{Type: graph.ResponsibleFor, Dir: graph.Out, Kinds: []graph.Kind{graph.Objective}},
			Edge: graph.Where{Conds: []graph.Cond{gc("role", graph.OpEq, "leads")}, Not: &graph.Where{Conds: []graph.Cond{gc("date", graph.OpIsNull, true)}}},
			Where: graph.Where{Conds: []graph.Cond{gc("type", graph.OpEq, "key-action")}, Rels: []graph.RelCond{{
				Hop: graph.Hop{Type: graph.PartOf, Dir: graph.Out}, Where: graph.Where{Rels: []graph.RelCond{{
					Hop: graph.Hop{Type: graph.Addresses, Dir: graph.In}, Quant: graph.None}}}}}},
		}}}}},
		{name: "sorted_first_after", find: &graph.Query{Kinds: docs, Sort: byTypeDate, Paging: graph.Paging{First: 5, After: cursor(byTypeDate, node)}}},
		{name: "sorted_last_before_missing_keys", find: &graph.Query{Kinds: docs, Sort: byTypeDate, Paging: graph.Paging{Last: 5, Before: cursor(byTypeDate, undated)}}},
		{name: "sorted_between", find: &graph.Query{Sort: []graph.Order{{Field: "name"}, {Field: "votesFor", Desc: true}, {Field: graph.KindField}},
			Paging: graph.Paging{First: 3, After: graph.Query{Sort: []graph.Order{{Field: "name"}, {Field: "votesFor", Desc: true}, {Field: graph.KindField}}}.CursorOf(node),
				Before: graph.Query{Sort: []graph.Order{{Field: "name"}, {Field: "votesFor", Desc: true}, {Field: graph.KindField}}}.CursorOf(undated)}}},
		{name: "related", rel: &graph.RelQuery{IDs: []string{"procedure/p", "procedure/q"}, Hop: rapp,
			Edge: graph.Where{Conds: []graph.Cond{gc("role", graph.OpNe, "shadow rapporteur")}}, Where: graph.Where{Conds: []graph.Cond{gc("name", graph.OpContains, "a")}},
			Sort: relSort, Paging: graph.Paging{Last: 2, Before: relCursor}}},
		{name: "aggregate", agg: &graph.AggQuery{Kinds: docs, Where: graph.Where{Conds: []graph.Cond{gc("date", graph.OpGte, "2010")}},
			Min: []graph.AggField{{Field: "date"}}, Max: []graph.AggField{{Field: "date"}, {Field: "periodEnd"}},
			GroupBy: []graph.GroupKey{{Field: "type"}, {Field: "date", Trunc: graph.YearPrecision}, {Field: "aliases"}}}},
		{name: "aggregate_months_and_kinds", agg: &graph.AggQuery{Where: graph.Where{Conds: []graph.Cond{gc("votesFor", graph.OpGte, 1)}},
			Min: []graph.AggField{{Field: "votesFor"}}, GroupBy: []graph.GroupKey{{Field: graph.KindField}, {Field: "date", Trunc: graph.MonthPrecision}, {Field: "votesFor"}}}},
		{name: "aggregate_related", agg: &graph.AggQuery{IDs: []string{"procedure/p"}, Rel: &rapp,
			Min: []graph.AggField{{Field: "date", Edge: true}}, GroupBy: []graph.GroupKey{{Field: "role", Edge: true}, {Field: "group", Edge: true}}}},
	}
}

// generate returns the statements of q in the catalog's file format, with
// the parameters' values as comments.
func (q goldenQuery) generate() (string, error) {
	type part struct {
		name string
		g    *gen
		text func(g *gen) frag
	}
	var parts []part
	switch {
	case q.find != nil:
		n, err := q.find.Normalize()
		if err != nil {
			return "", err
		}
		parts = []part{{"find", newGen(), func(g *gen) frag { return g.find(n) }}}
	case q.rel != nil:
		n, err := q.rel.Normalize()
		if err != nil {
			return "", err
		}
		parts = []part{{"related_count", newGen(), func(g *gen) frag { return g.relatedCount(n) }},
			{"related_page", newGen(), func(g *gen) frag { return g.relatedPage(n) }}}
	default:
		n, err := q.agg.Normalize()
		if err != nil {
			return "", err
		}
		parts = []part{{"aggregate_stats", newGen(), func(g *gen) frag { return g.aggStats(n) }}}
		if len(n.GroupBy) > 0 {
			parts = append(parts, part{"aggregate_groups", newGen(), func(g *gen) frag { return g.aggGroups(n) }})
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "// The generator's Cypher for the query %q of TestQueryCypherGolden\n", q.name)
	b.WriteString("// (querycypher_test.go); -update rewrites it. scripts/cypher-lint.mjs lints it.\n")
	for _, p := range parts {
		st, params, err := generated(p.name, p.g, p.text(p.g))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, "\n// name: %s\n// params: %s\n", st.name, strings.Join(st.params, ", "))
		for _, k := range st.params {
			fmt.Fprintf(&b, "// $%s = %s\n", k, formatParam(params[k]))
		}
		b.WriteString(st.text + "\n")
	}
	return b.String(), nil
}

func formatParam(v any) string {
	switch x := v.(type) {
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			out[i] = formatParam(e)
		}
		return "[" + strings.Join(out, ", ") + "]"
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := make([]string, len(keys))
		for i, k := range keys {
			out[i] = k + ": " + formatParam(x[k])
		}
		return "{" + strings.Join(out, ", ") + "}"
	case string:
		return fmt.Sprintf("%q", x)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprintf("%v", v)
}

// TestQueryCypherGolden pins the generator's output for a table of
// queries: testdata/query/<name>.cypher. The files are statements in the
// catalog's format, so that the Cypher lint parses them with Neo4j's
// parser, and the catalog's own parser checks their headers here.
func TestQueryCypherGolden(t *testing.T) {
	dir := filepath.Join("testdata", "query")
	seen := map[string]bool{}
	for _, q := range goldenQueries(t) {
		got, err := q.generate()
		if err != nil {
			t.Errorf("%s: %v", q.name, err)
			continue
		}
		if _, err := parseStatements(q.name+".cypher", got); err != nil {
			t.Errorf("%s: the output does not parse as statements: %v", q.name, err)
		}
		var text []string
		for _, ln := range strings.Split(got, "\n") {
			if !strings.HasPrefix(ln, "//") {
				text = append(text, ln)
			}
		}
		if body := strings.Join(text, "\n"); strings.Contains(body, "Malmström") || strings.Contains(body, "2010") || strings.Contains(body, "council") {
			t.Errorf("%s: a value reached the text:\n%s", q.name, got)
		}
		path := filepath.Join(dir, q.name+".cypher")
		seen[q.name+".cypher"] = true
		if *updateGolden {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v (run with -update)", q.name, err)
			continue
		}
		if string(want) != got {
			t.Errorf("%s: the generator's output differs from %s (run with -update and review the diff):\n%s", q.name, path, got)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.cypher"))
	for _, f := range files {
		if !seen[filepath.Base(f)] {
			t.Errorf("%s is no query of the table: remove it", f)
		}
	}
}

// TestFragConversions holds the builder to its rule (cypherbuild.go): text
// becomes a frag only from a constant, or in the functions that make names
// or look them up on the allow-lists.
func TestFragConversions(t *testing.T) {
	allowed := []string{"param", "fresh", "join", "label", "relType", "propKey"}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	found := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			ast.Inspect(fn, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 1 {
					return true
				}
				if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "frag" {
					return true
				}
				if _, lit := call.Args[0].(*ast.BasicLit); lit {
					return true
				}
				found++
				if !slices.Contains(allowed, fn.Name.Name) {
					t.Errorf("%s: %s converts a non-constant to frag; only %v may", fset.Position(call.Pos()), fn.Name.Name, allowed)
				}
				return true
			})
		}
	}
	if found == 0 {
		t.Error("found no conversion at all: the check has lost its way")
	}
}

// TestDatePrecisionLiterals: the precisions the generated Cypher compares
// with are graph's names, as record.go stores them.
func TestDatePrecisionLiterals(t *testing.T) {
	if string(yearLiteral) != "'"+graph.YearPrecision.String()+"'" || string(monthLiteral) != "'"+graph.MonthPrecision.String()+"'" {
		t.Errorf("literals %s and %s, want graph's %s and %s", yearLiteral, monthLiteral, graph.YearPrecision, graph.MonthPrecision)
	}
}

// TestGeneratorRefusesUnlistedNames: the allow-list lookups fail on a name
// the domain does not have, whatever reaches them.
func TestGeneratorRefusesUnlistedNames(t *testing.T) {
	for name, call := range map[string]func(g *gen) frag{
		"label":   func(g *gen) frag { return g.label("Document) DETACH DELETE (x") },
		"relType": func(g *gen) frag { return g.relType("CITES]->() DELETE x//") },
		"propKey": func(g *gen) frag { return g.propKey("name} RETURN 1 //") },
	} {
		g := newGen()
		if f := call(g); g.err == nil || strings.Contains(string(f), "DELETE") || strings.Contains(string(f), "RETURN") {
			t.Errorf("%s: %q, %v; want an error and no text", name, f, g.err)
		}
	}
}

// TestNormalizeTwice: a normalised query normalises to itself, so that a
// caller may normalise (to check input early) and hand the result to a
// store, which normalises again; the generator's output is the same.
func TestNormalizeTwice(t *testing.T) {
	for _, q := range goldenQueries(t) {
		once, err := q.generate()
		if err != nil {
			t.Fatalf("%s: %v", q.name, err)
		}
		var twice goldenQuery
		twice.name = q.name
		switch {
		case q.find != nil:
			n, err := q.find.Normalize()
			if err != nil {
				t.Fatalf("%s: %v", q.name, err)
			}
			twice.find = &n
		case q.rel != nil:
			n, err := q.rel.Normalize()
			if err != nil {
				t.Fatalf("%s: %v", q.name, err)
			}
			twice.rel = &n
		default:
			n, err := q.agg.Normalize()
			if err != nil {
				t.Fatalf("%s: %v", q.name, err)
			}
			twice.agg = &n
		}
		got, err := twice.generate()
		if err != nil {
			t.Errorf("%s: normalising again: %v", q.name, err)
			continue
		}
		if got != once {
			t.Errorf("%s: normalising again changes the statements:\n%s\nwant\n%s", q.name, got, once)
		}
	}
}

// TestNodeOutIsTheCatalogs: the generator projects a node as the
// catalog's statements do (__NODE__(v)), so that both reads return the
// same properties of a node.
func TestNodeOutIsTheCatalogs(t *testing.T) {
	for _, v := range nodeVars {
		g := newGen()
		if got, want := string(g.nodeOut(frag(v))), nodeProjection(v); got != want || g.err != nil {
			t.Errorf("nodeOut(%s) = %s (err %v), want the catalog's %s", v, got, g.err, want)
		}
	}
}
