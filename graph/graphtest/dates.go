package graphtest

import (
	"slices"

	"github.com/issgraph/issgraph/graph"
)

// testPartialDates checks dates of a month or a year beside day dates:
// each reads back with its precision, whatever way it was written; lists
// order them as graph.Date orders them (a year before the days within it)
// in both directions and across pages; the date bounds keep a node whose
// date's period overlaps the range (graph.Date.Within); and a merge or a
// replace that changes a date's precision leaves no trace of the old one.
func testPartialDates(e *env) {
	rows := []struct{ slug, date string }{
		{"a", "2010"},
		{"b", "2010-11"},
		{"c", "2010-11-22"},
		{"d", "2009-12-31"},
		{"e", "2010-01-01"},
		{"f", ""},
		{"g", "2011"},
		{"h", "2010-01"},
		{"i", "2010-11-30"},
	}
	var ns []graph.Node
	fx := map[string]string{}
	for _, r := range rows {
		n := MinimalNode(e.id(graph.Document, r.slug), "Dated "+r.slug+" "+e.tok)
		if r.date != "" {
			n.Props = graph.Props{"date": graph.MustDate(r.date)}
		}
		ns = append(ns, n)
		fx[r.slug] = n.ID
	}
	e.put(ns[:4]...)
	if _, err := e.s.Apply(e.ctx, graph.Batch{Nodes: ns[4:]}); err != nil {
		e.t.Fatalf("Apply: %v", err)
	}
	for _, n := range ns {
		e.wantNode(n)
	}
	got, err := e.s.GetNodes(e.ctx, ids(ns))
	if err != nil {
		e.t.Fatalf("GetNodes: %v", err)
	}
	for i, n := range ns {
		if got[i] == nil || !EqualNode(*got[i], n) {
			e.t.Errorf("GetNodes[%d] = %v, want %s", i, got[i], FormatNode(n))
		}
	}

	base := graph.Filter{IDPrefix: e.prefix(graph.Document)}
	e.run("order", func(e *env) {
		// 2009-12-31 < 2010 < 2010-01 < 2010-01-01 < 2010-11 < 2010-11-22
		// < 2010-11-30 < 2011, undated last.
		want := letters(fx, "dahebcigf")
		for _, desc := range []bool{false, true} {
			w := want
			if desc {
				w = slices.Clone(want)
				slices.Reverse(w)
			}
			for _, first := range []int{100, 2} {
				q := graph.ListQuery{Kind: graph.Document, Filter: base, Sort: graph.SortDate, Desc: desc, First: first}
				if got := e.walk(q, len(rows)); !equalStrings(got, w) {
					e.t.Errorf("DATE order desc=%v first=%d\n got %v\nwant %v", desc, first, got, w)
				}
			}
		}
	})

	e.run("filters", func(e *env) {
		date := func(s string) *graph.Date {
			if s == "" {
				return nil
			}
			d := graph.MustDate(s)
			return &d
		}
		tests := []struct {
			name, from, to, want string
		}{
			{"a day range inside a year and a month", "2010-11-10", "2010-11-25", "abc"},
			{"a day between the day dates of a month", "2010-11-23", "2010-11-23", "ab"},
			{"from a day", "2010-11-23", "", "abgi"},
			{"to a day", "", "2010-01-01", "adeh"},
			{"to the eve of a year", "", "2009-12-31", "d"},
			{"a year as both bounds", "2010", "2010", "abcehi"},
			{"a month as both bounds", "2010-01", "2010-01", "aeh"},
			{"from a month", "2010-12", "", "ag"},
			{"to a month", "", "2010-11", "abcdehi"},
			{"a year from", "2011", "", "g"},
		}
		for _, tt := range tests {
			f := base
			f.DateFrom, f.DateTo = date(tt.from), date(tt.to)
			p, err := e.s.ListNodes(e.ctx, graph.ListQuery{Kind: graph.Document, Filter: f})
			if err != nil {
				e.t.Fatalf("%s: ListNodes: %v", tt.name, err)
			}
			want := letters(fx, tt.want)
			if got := ids(p.Nodes); !equalStrings(got, want) || p.TotalCount != len(want) {
				e.t.Errorf("%s (%q..%q)\n got %v (total %d)\nwant %v", tt.name, tt.from, tt.to, got, p.TotalCount, want)
			}
			// The rule is graph.Filter.Matches; this table must agree.
			var match []string
			for _, n := range ns {
				if f.Matches(n) {
					match = append(match, n.ID)
				}
			}
			if !equalStrings(match, want) {
				e.t.Errorf("%s: graph.Filter.Matches keeps %v, the table says %v", tt.name, match, want)
			}
		}
	})

	e.run("precision changes", func(e *env) {
		n := ns[2] // a day date
		steps := []struct {
			how  string
			date string
		}{
			{"PutNode", "2013"},
			{"Apply", "2013-05"},
			{"Merge", "2013-05-17"},
			{"Merge", "2013"},
			{"UpdateNode", "2013-05-01"},
			{"Merge", "2013-05"},
			{"Apply", "2013-05-01"},
		}
		for _, st := range steps {
			next := n.Clone()
			next.Props["date"] = graph.MustDate(st.date)
			var err error
			switch st.how {
			case "PutNode":
				err = e.s.PutNode(e.ctx, next)
			case "UpdateNode":
				err = e.s.UpdateNode(e.ctx, next)
			case "Apply":
				_, err = e.s.Apply(e.ctx, graph.Batch{Nodes: []graph.Node{next}})
			case "Merge":
				_, err = e.s.Apply(e.ctx, graph.Batch{Nodes: []graph.Node{{ID: n.ID, Kind: n.Kind,
					Props: graph.Props{"date": graph.MustDate(st.date)}}}, Merge: true})
			}
			if err != nil {
				e.t.Fatalf("%s to %s: %v", st.how, st.date, err)
			}
			e.wantNode(next)
			n = next
		}

		// Every date property of nodes and edges keeps its precision.
		ag := MinimalNode(e.id(graph.Agency, "est"), "Established "+e.tok)
		ag.Props = graph.Props{"established": graph.MustDate("2011-09")}
		ev := MinimalNode(e.id(graph.Event, "ev"), "Event "+e.tok)
		ev.Props = graph.Props{"date": graph.MustDate("2013"), "endDate": graph.MustDate("2014-10")}
		e.put(ag, ev)
		e.wantNode(ag)
		e.wantNode(ev)
		x := graph.Edge{Type: graph.Participated, From: ag.ID, To: ev.ID, Props: graph.Props{"date": graph.MustDate("2013")}}
		e.putEdge(x)
		e.wantEdge(x)
		x.Props["date"] = graph.MustDate("2013-06-13")
		if _, err := e.s.Apply(e.ctx, graph.Batch{Edges: []graph.Edge{x}, Merge: true}); err != nil {
			e.t.Fatalf("Apply merge edge: %v", err)
		}
		e.wantEdge(x)
		x.Props["date"] = graph.MustDate("2013-06")
		if _, err := e.s.Apply(e.ctx, graph.Batch{Edges: []graph.Edge{x}, Merge: true}); err != nil {
			e.t.Fatalf("Apply merge edge: %v", err)
		}
		e.wantEdge(x)
		es, err := e.s.Edges(e.ctx, graph.EdgeQuery{IDs: []string{ag.ID}})
		if err != nil {
			e.t.Fatalf("Edges: %v", err)
		}
		if len(es[ag.ID]) != 1 || !EqualEdge(es[ag.ID][0], x) {
			e.t.Errorf("Edges(%s) = %v, want %s", ag.ID, es[ag.ID], FormatEdge(x))
		}
	})
}
