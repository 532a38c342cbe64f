package graph_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	_ "github.com/issgraph/issgraph/graph/ref" // registers the reference reader
)

func cond(field string, op graph.Op, v any) graph.Cond {
	return graph.Cond{Field: field, Op: op, Value: v}
}

func TestQueryNormalizeRefuses(t *testing.T) {
	deep := graph.Where{}
	for range graph.MaxWhereNest + 2 {
		deep = graph.Where{Not: &deep}
	}
	many := graph.Where{}
	for range graph.MaxWhereSize + 1 {
		many.Conds = append(many.Conds, cond("name", graph.OpContains, "a"))
	}
	rel := func(w graph.Where) graph.Where {
		return graph.Where{Rels: []graph.RelCond{{Hop: graph.Hop{Type: graph.Cites, Dir: graph.Out}, Where: w}}}
	}
	for _, tc := range []struct {
		name string
		q    graph.Query
		want string
	}{
		{"unknown kind", graph.Query{Kinds: []graph.Kind{"Memo"}}, "kinds"},
		{"unknown field", graph.Query{Where: graph.Where{Conds: []graph.Cond{cond("colour", graph.OpEq, "red")}}}, "where.colour"},
		{"field of another kind", graph.Query{Kinds: []graph.Kind{graph.Person}, Where: graph.Where{Conds: []graph.Cond{cond("reference", graph.OpEq, "COM(2010) 673")}}}, "not a field"},
		{"operator not of the type", graph.Query{Where: graph.Where{Conds: []graph.Cond{cond("date", graph.OpContains, "2010")}}}, "not an operator"},
		{"lt on text", graph.Query{Where: graph.Where{Conds: []graph.Cond{cond("name", graph.OpLt, "b")}}}, "not an operator"},
		{"isNull on the id", graph.Query{Where: graph.Where{Conds: []graph.Cond{cond("id", graph.OpIsNull, true)}}}, "not an operator"},
		{"bad date", graph.Query{Where: graph.Where{Conds: []graph.Cond{cond("date", graph.OpGte, "2010-13")}}}, "where.date.gte"},
		{"date of the wrong type", graph.Query{Where: graph.Where{Conds: []graph.Cond{cond("date", graph.OpGte, 2010)}}}, "where.date.gte"},
		{"integer from a fraction", graph.Query{Where: graph.Where{Conds: []graph.Cond{cond("votesFor", graph.OpGt, 1.5)}}}, "votesFor"},
		{"isNull without a bool", graph.Query{Where: graph.Where{Conds: []graph.Cond{cond("date", graph.OpIsNull, "yes")}}}, "isNull"},
		{"in with one value", graph.Query{Where: graph.Where{Conds: []graph.Cond{cond("type", graph.OpIn, "report")}}}, "list"},
		{"eq with a list", graph.Query{Where: graph.Where{Conds: []graph.Cond{{Field: "type", Op: graph.OpEq, Values: []any{"report"}}}}}, "one value"},
		{"eq without a value", graph.Query{Where: graph.Where{Conds: []graph.Cond{{Field: "type", Op: graph.OpEq}}}}, "required"},
		{"unknown kind operand", graph.Query{Where: graph.Where{Conds: []graph.Cond{cond("kind", graph.OpEq, "Memo")}}}, "unknown kind"},
		{"unreadable reference", graph.Query{Where: graph.Where{Conds: []graph.Cond{cond("reference", graph.OpEq, "not a reference")}}}, "not a reference this service reads"},
		{"text not UTF-8", graph.Query{Where: graph.Where{Conds: []graph.Cond{cond("name", graph.OpEq, "\xff")}}}, "UTF-8"},
		{"too many values", graph.Query{Where: graph.Where{Conds: []graph.Cond{{Field: "type", Op: graph.OpIn, Values: make([]any, graph.MaxInValues+1)}}}}, "at most"},
		{"nested too deep", graph.Query{Where: deep}, "nested deeper"},
		{"too many conditions", graph.Query{Where: many}, "more than"},
		{"relationships nested too deep", graph.Query{Where: rel(rel(rel(rel(graph.Where{}))))}, "nest at most"},
		{"unknown edge type", graph.Query{Where: graph.Where{Rels: []graph.RelCond{{Hop: graph.Hop{Type: "LIKES"}}}}}, "unknown edge type"},
		{"kind never at the other end", graph.Query{Where: graph.Where{Rels: []graph.RelCond{{Hop: graph.Hop{Type: graph.Cites, Dir: graph.Out, Kinds: []graph.Kind{graph.Person}}}}}}, "no [Person]"},
		{"edge field unknown", graph.Query{Where: graph.Where{Rels: []graph.RelCond{{Hop: graph.Hop{Type: graph.Rapporteur, Dir: graph.In}, Edge: graph.Where{Conds: []graph.Cond{cond("deadline", graph.OpIsNull, true)}}}}}}, "RAPPORTEUR edge"},
		{"relationships of an edge", graph.Query{Where: graph.Where{Rels: []graph.RelCond{{Hop: graph.Hop{Type: graph.Cites}, Edge: rel(graph.Where{})}}}}, "no relationships"},
		{"sort by a list", graph.Query{Sort: []graph.Order{{Field: "aliases"}}}, "lists do not sort"},
		{"sort by an edge field", graph.Query{Sort: []graph.Order{{Field: "role", Edge: true}}}, "relationship list"},
		{"first and last", graph.Query{Paging: graph.Paging{First: 2, Last: 2}}, "not both"},
		{"first too big", graph.Query{Paging: graph.Paging{First: graph.MaxPageSize + 1}}, "at most"},
		{"negative last", graph.Query{Paging: graph.Paging{Last: -1}}, "negative"},
		{"garbage cursor", graph.Query{Paging: graph.Paging{After: "nope!"}}, "not a cursor"},
		{"cursor of another order", graph.Query{Sort: []graph.Order{{Field: "date"}}, Paging: graph.Paging{Before: graph.Query{}.CursorOf(graph.Node{ID: "document/a"})}}, "another order"},
	} {
		_, err := tc.q.Normalize()
		if !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Normalize = %v, want ErrInvalid mentioning %q", tc.name, err, tc.want)
		}
	}
}

func TestQueryNormalizeTypesOperands(t *testing.T) {
	q, err := graph.Query{Where: graph.Where{Conds: []graph.Cond{
		cond("name", graph.OpContains, "MALMSTRÖM"),
		cond("date", graph.OpGte, "2010-11"),
		cond("votesFor", graph.OpGt, 3.0),
		cond("reference", graph.OpEq, "COM(2010)0673"),
		cond("kind", graph.OpEq, graph.Document),
	}}}.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	want := []graph.Cond{
		{Field: "name", Op: graph.OpContains, Value: "malmstrom"},
		{Field: "date", Op: graph.OpGte, Value: graph.MustDate("2010-11")},
		{Field: "votesFor", Op: graph.OpGt, Value: int64(3)},
		{Field: "reference", Op: graph.OpIn, Values: []any{"COM(2010) 673"}},
		{Field: "kind", Op: graph.OpEq, Value: "Document"},
	}
	for i, c := range q.Where.Conds {
		if c.Field != want[i].Field || c.Op != want[i].Op || c.Value != want[i].Value || !slices.Equal(c.Values, want[i].Values) {
			t.Errorf("cond %d = %+v, want %+v", i, c, want[i])
		}
	}
	if q.First != graph.DefaultPageSize {
		t.Errorf("First = %d, want the default", q.First)
	}
	again, err := q.Normalize()
	if err != nil || again.Where.Conds[3].Values[0] != "COM(2010) 673" || again.Where.Conds[0].Value != "malmstrom" {
		t.Errorf("Normalize is not idempotent: %+v, %v", again.Where, err)
	}
	// The kinds of a field of several edge types, given to each: those
	// the type never has at that end are left out.
	h, err := graph.Query{Where: graph.Where{Rels: []graph.RelCond{{Hop: graph.Hop{Type: graph.Requests, Dir: graph.In,
		Kinds: []graph.Kind{graph.Institution, graph.Document, graph.Event}}}}}}.Normalize()
	if err != nil || !slices.Equal(h.Where.Rels[0].Kinds, []graph.Kind{graph.Document}) {
		t.Errorf("REQUESTS in from institutions, documents or events: %v, %v; want documents", h.Where.Rels[0].Kinds, err)
	}
	r, err := graph.Query{Where: graph.Where{Rels: []graph.RelCond{{Hop: graph.Hop{Type: graph.Authored, Dir: graph.In}}}}}.Normalize()
	if err != nil || !slices.Equal(r.Where.Rels[0].Kinds, []graph.Kind{graph.Agency, graph.Institution, graph.Person}) {
		t.Errorf("the other end's kinds: %v, %v; want the actors", r.Where.Rels[0].Kinds, err)
	}
}

func TestWhereMatch(t *testing.T) {
	n := graph.Node{ID: "document/x", Kind: graph.Document, Name: "Communication on Malmström's plan", Props: graph.Props{
		"type": "communication", "date": graph.MustDate("2010-11"), "reference": "COM(2010) 673",
		"aliases": []string{"ISS in Action", "16797/10"},
	}}
	no := func(graph.RelCond, graph.Node) bool { return false }
	for _, tc := range []struct {
		name string
		w    graph.Where
		want bool
	}{
		{"zero", graph.Where{}, true},
		{"folded contains", graph.Where{Conds: []graph.Cond{cond("name", graph.OpContains, "malmstrom")}}, true},
		{"folded eq", graph.Where{Conds: []graph.Cond{cond("type", graph.OpEq, "COMMUNICATION")}}, true},
		{"starts with", graph.Where{Conds: []graph.Cond{cond("name", graph.OpStartsWith, "commun")}}, true},
		{"ends with", graph.Where{Conds: []graph.Cond{cond("name", graph.OpEndsWith, "PLAN")}}, true},
		{"list item eq", graph.Where{Conds: []graph.Cond{cond("aliases", graph.OpEq, "iss in action")}}, true},
		{"list ne an item", graph.Where{Conds: []graph.Cond{cond("aliases", graph.OpNe, "iss in action")}}, false},
		{"reference in another spelling", graph.Where{Conds: []graph.Cond{cond("reference", graph.OpEq, "COM/2010/673")}}, true},
		{"reference by an alias", graph.Where{Conds: []graph.Cond{cond("reference", graph.OpEq, "Council doc 16797/10")}}, true},
		{"reference ne", graph.Where{Conds: []graph.Cond{cond("reference", graph.OpNe, "COM(2010) 673")}}, false},
		{"month within the year", graph.Where{Conds: []graph.Cond{cond("date", graph.OpEq, "2010")}}, true},
		{"month overlaps a day", graph.Where{Conds: []graph.Cond{cond("date", graph.OpEq, "2010-11-22")}}, true},
		{"gte a later day in the month", graph.Where{Conds: []graph.Cond{cond("date", graph.OpGte, "2010-11-30")}}, true},
		{"gt the month", graph.Where{Conds: []graph.Cond{cond("date", graph.OpGt, "2010-11")}}, false},
		{"lt the month", graph.Where{Conds: []graph.Cond{cond("date", graph.OpLt, "2010-11")}}, false},
		{"lt a day within", graph.Where{Conds: []graph.Cond{cond("date", graph.OpLt, "2010-11-02")}}, true},
		{"ne missing", graph.Where{Conds: []graph.Cond{cond("shortTitle", graph.OpNe, "x")}}, false},
		{"not eq missing", graph.Where{Not: &graph.Where{Conds: []graph.Cond{cond("shortTitle", graph.OpEq, "x")}}}, true},
		{"is null", graph.Where{Conds: []graph.Cond{cond("shortTitle", graph.OpIsNull, true)}}, true},
		{"is not null", graph.Where{Conds: []graph.Cond{cond("date", graph.OpIsNull, false)}}, true},
		{"or", graph.Where{Or: []graph.Where{{Conds: []graph.Cond{cond("type", graph.OpEq, "report")}}, {Conds: []graph.Cond{cond("kind", graph.OpEq, "Document")}}}}, true},
		{"or none", graph.Where{Or: []graph.Where{{Conds: []graph.Cond{cond("type", graph.OpEq, "report")}}}}, false},
		{"relationship", graph.Where{Rels: []graph.RelCond{{Hop: graph.Hop{Type: graph.Cites}}}}, false},
	} {
		q, err := graph.Query{Where: tc.w}.Normalize()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := q.Where.Match(n, no); got != tc.want {
			t.Errorf("%s: Match = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCost(t *testing.T) {
	one := graph.Where{Conds: []graph.Cond{cond("name", graph.OpEq, "x")}}
	rel := graph.Where{Rels: []graph.RelCond{{Hop: graph.Hop{Type: graph.Cites}, Where: graph.Where{
		Conds: []graph.Cond{cond("name", graph.OpEq, "x")},
		Rels:  []graph.RelCond{{Hop: graph.Hop{Type: graph.Cites}, Where: one}},
	}}}}
	for _, tc := range []struct {
		w    graph.Where
		want int
	}{
		{graph.Where{}, 0},
		{one, 1},
		{graph.Where{And: []graph.Where{one, one}, Not: &one}, 3},
		{rel, 1 + 10 + 10 + 100},
	} {
		if got := tc.w.Cost(); got != tc.want {
			t.Errorf("Cost(%+v) = %d, want %d", tc.w, got, tc.want)
		}
	}
}

func TestPositionsAndCursors(t *testing.T) {
	os := []graph.Order{{Field: "date", Desc: true}, {Field: "name"}}
	q, err := graph.Query{Sort: os}.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	a := graph.Node{ID: "document/a", Name: "Á", Props: graph.Props{"date": graph.MustDate("2010")}}
	b := graph.Node{ID: "document/b", Name: "b", Props: graph.Props{"date": graph.MustDate("2010-01-01")}}
	c := graph.Node{ID: "document/c", Name: "a"}
	d := graph.Node{ID: "document/d", Name: "A"}
	nodes := []graph.Node{c, a, d, b}
	slices.SortFunc(nodes, func(x, y graph.Node) int {
		return graph.ComparePositions(graph.PositionOf(x, nil, q.Sort), graph.PositionOf(y, nil, q.Sort), q.Sort)
	})
	var got []string
	for _, n := range nodes {
		got = append(got, n.ID)
	}
	// Descending dates with the undated last, then names by NameKey
	// ("A" < "a" after folding, by the name itself).
	if want := []string{"document/b", "document/a", "document/d", "document/c"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	for _, n := range nodes {
		q2 := q
		q2.After = q.CursorOf(n)
		q2, err := q2.Normalize()
		if err != nil {
			t.Fatalf("cursor of %s: %v", n.ID, err)
		}
		if p := q2.AfterPos(); graph.ComparePositions(*p, graph.PositionOf(n, nil, q.Sort), q.Sort) != 0 {
			t.Errorf("cursor of %s reads back as %+v", n.ID, *p)
		}
	}
}

func TestWindow(t *testing.T) {
	for _, tc := range []struct {
		p             graph.Paging
		total, lo, hi int
		want          graph.Window
	}{
		{graph.Paging{First: 3}, 10, 0, 10, graph.Window{0, 3}},
		{graph.Paging{First: 3}, 10, 8, 10, graph.Window{8, 10}},
		{graph.Paging{Last: 3}, 10, 0, 10, graph.Window{7, 10}},
		{graph.Paging{Last: 3}, 10, 0, 2, graph.Window{0, 2}},
		{graph.Paging{First: 3}, 10, 4, 6, graph.Window{4, 6}},
		{graph.Paging{Last: 3}, 10, 6, 4, graph.Window{6, 6}},
	} {
		if got := tc.p.Window(tc.total, tc.lo, tc.hi); got != tc.want {
			t.Errorf("%+v.Window(%d, %d, %d) = %v, want %v", tc.p, tc.total, tc.lo, tc.hi, got, tc.want)
		}
	}
}

func TestAggQueryNormalize(t *testing.T) {
	if _, err := (graph.AggQuery{Kinds: []graph.Kind{graph.Document}, Min: []graph.AggField{{Field: "date"}},
		GroupBy: []graph.GroupKey{{Field: "type"}, {Field: "date", Trunc: graph.YearPrecision}}}).Normalize(); err != nil {
		t.Errorf("documents per type and year: %v", err)
	}
	for _, tc := range []struct {
		name string
		q    graph.AggQuery
	}{
		{"min of text", graph.AggQuery{Min: []graph.AggField{{Field: "name"}}}},
		{"truncated text", graph.AggQuery{GroupBy: []graph.GroupKey{{Field: "type", Trunc: graph.YearPrecision}}}},
		{"ids without a relationship", graph.AggQuery{IDs: []string{"document/a"}}},
		{"relationship without ids", graph.AggQuery{Rel: &graph.Hop{Type: graph.Cites}}},
		{"edge field of a node list", graph.AggQuery{GroupBy: []graph.GroupKey{{Field: "role", Edge: true}}}},
		{"too many keys", graph.AggQuery{GroupBy: make([]graph.GroupKey, graph.MaxGroupKeys+1)}},
	} {
		if _, err := tc.q.Normalize(); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("%s: Normalize = %v, want ErrInvalid", tc.name, err)
		}
	}
}
