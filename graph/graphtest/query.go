package graphtest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/ref"
)

// The analyst queries (graph.Querier): a small policy network with every
// kind of value a filter meets (accents and case, lists, references and
// aliases, dates of each precision, integers, missing values) and
// relationships with properties, then tables of filters, orders, pages,
// relationship lists and aggregates, each with the answer written out by
// hand. Every query is scoped to the subtest's namespace.

// queryFixture is the network; its nodes are named by their short slug.
type queryFixture struct {
	e   *env
	ids map[string]string // slug -> id
	of  map[string]string // id -> slug
	b   graph.Batch       // what it stored
}

func (f *queryFixture) id(slug string) string {
	id, ok := f.ids[slug]
	if !ok {
		f.e.t.Fatalf("no fixture node %q", slug)
	}
	return id
}

// slugs returns the slugs of ids, in order.
func (f *queryFixture) slugs(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		s, ok := f.of[id]
		if !ok {
			s = "?" + id
		}
		out[i] = s
	}
	return strings.Join(out, " ")
}

// sorted returns the slugs of want in the order of their ids.
func (f *queryFixture) sorted(want string) string {
	fields := strings.Fields(want)
	slices.SortFunc(fields, func(a, b string) int { return strings.Compare(f.id(a), f.id(b)) })
	return strings.Join(fields, " ")
}

func canonical(e *env, s string) string {
	c, err := ref.Canonical(s)
	if err != nil {
		e.t.Fatalf("reference %q: %v", s, err)
	}
	return c
}

func newQueryFixture(e *env) *queryFixture {
	f := &queryFixture{e: e, ids: map[string]string{}, of: map[string]string{}}
	d := graph.MustDate
	type node struct {
		kind  graph.Kind
		slug  string
		name  string
		props graph.Props
	}
	nodes := []node{
		{graph.Document, "d1", "Internal Security Strategy in Action", graph.Props{"type": "communication", "date": d("2010-11-22"),
			"reference": canonical(e, "COM(2010) 673"), "aliases": []string{canonical(e, "16797/10"), "ISS in Action"},
			"periodStart": d("2011"), "periodEnd": d("2014")}},
		{graph.Document, "d2", "Élan report on the ISS", graph.Props{"type": "report", "date": d("2010-11"), "reference": canonical(e, "COM(2011) 790")}},
		{graph.Document, "d3", "Council conclusions on the ISS", graph.Props{"type": "council-conclusions", "date": d("2010"), "classification": "LIMITE"}},
		{graph.Document, "d4", "elan follow-up", graph.Props{"type": "report", "date": d("2012-05-22"), "reference": canonical(e, "COM(2014) 365")}},
		{graph.Document, "d5", "Resolution on the ISS", graph.Props{"type": "resolution", "date": d("2012"), "reference": canonical(e, "T7-0207/2012")}},
		{graph.Document, "d6", "Draft", graph.Props{"aliases": []string{"ISS draft"}}},
		{graph.Document, "d7", "draft", graph.Props{"type": "report", "date": d("2014-12-31")}},
		{graph.Document, "d8", "Ångström annex", graph.Props{"type": "communication", "date": d("2014"), "periodStart": d("2015-01")}},
		{graph.Event, "e1", "Vote in plenary", graph.Props{"date": d("2012-05-22"), "votesFor": int64(400), "votesAgainst": int64(50), "type": "vote"}},
		{graph.Event, "e2", "Committee vote", graph.Props{"date": d("2012-04"), "votesFor": int64(40), "type": "vote"}},
		{graph.Event, "e3", "Adoption", graph.Props{"date": d("2010-11-25"), "type": "adoption"}},
		{graph.Institution, "council", "Council", graph.Props{"type": "institution"}},
		{graph.Institution, "commission", "European Commission", graph.Props{"type": "institution"}},
		{graph.Institution, "parliament", "European Parliament", graph.Props{"type": "institution"}},
		{graph.Institution, "libe", "LIBE committee", graph.Props{"type": "committee", "acronym": "LIBE"}},
		{graph.Person, "p1", "Cecilia Malmström", nil},
		{graph.Person, "p2", "Rita Borsellino", nil},
		{graph.Person, "p3", "Ana Gomes", nil},
		{graph.Procedure, "pr1", "ISS procedure", graph.Props{"reference": canonical(e, "2010/2308(INI)"), "date": d("2010-10")}},
		{graph.Objective, "so4", "Border management", graph.Props{"type": "strategic-objective", "number": "4"}},
		{graph.Objective, "so1", "Disrupt networks", graph.Props{"type": "strategic-objective", "number": "1"}},
		{graph.Objective, "ka1", "Key action 4.1", graph.Props{"type": "key-action", "number": "4.1"}},
		{graph.Objective, "ka2", "Key action 4.2", graph.Props{"type": "key-action", "number": "4.2"}},
		{graph.Objective, "ka3", "Key action 1.1", graph.Props{"type": "key-action", "number": "1.1"}},
		{graph.Agency, "europol", "Europol", graph.Props{"type": "agency", "established": d("1998")}},
		{graph.Agency, "frontex", "Frontex", graph.Props{"type": "agency", "established": d("2004-10-26")}},
		{graph.Agency, "ec3", "EC3", graph.Props{"type": "centre", "established": d("2013-01")}},
	}
	var b graph.Batch
	for _, n := range nodes {
		id := e.id(n.kind, n.slug)
		f.ids[n.slug], f.of[id] = id, n.slug
		b.Nodes = append(b.Nodes, graph.Node{ID: id, Kind: n.kind, Name: n.name, Props: n.props})
	}
	edge := func(t graph.EdgeType, from, to string, props graph.Props) {
		b.Edges = append(b.Edges, graph.Edge{Type: t, From: f.ids[from], To: f.ids[to], Props: props})
	}
	for _, c := range [][2]string{{"d2", "d1"}, {"d3", "d1"}, {"d4", "d2"}, {"d4", "d1"}, {"d5", "d1"}, {"d5", "d3"}, {"d7", "d6"}, {"d8", "d4"}} {
		edge(graph.Cites, c[0], c[1], nil)
	}
	for _, a := range [][2]string{{"commission", "d1"}, {"commission", "d2"}, {"commission", "d4"}, {"council", "d3"},
		{"parliament", "d5"}, {"commission", "d8"}, {"council", "d8"}} {
		edge(graph.Authored, a[0], a[1], nil)
	}
	edge(graph.ResponsibleFor, "europol", "ka1", graph.Props{"role": "leads"})
	edge(graph.ResponsibleFor, "ec3", "ka1", graph.Props{"role": "supports"})
	edge(graph.ResponsibleFor, "frontex", "ka3", graph.Props{"role": "leads", "date": d("2011")})
	edge(graph.ResponsibleFor, "council", "ka2", nil)
	edge(graph.ResponsibleFor, "commission", "so1", graph.Props{"role": "monitors"})
	edge(graph.PartOf, "ka1", "so4", nil)
	edge(graph.PartOf, "ka2", "so4", nil)
	edge(graph.PartOf, "ka3", "so1", nil)
	edge(graph.PartOf, "ec3", "europol", nil)
	edge(graph.Rapporteur, "p1", "pr1", graph.Props{"role": graph.RoleRapporteur, "date": d("2010-10-26"), "committee": f.ids["libe"]})
	edge(graph.Rapporteur, "p2", "pr1", graph.Props{"role": graph.RoleShadowRapporteur, "date": d("2011")})
	edge(graph.Rapporteur, "p3", "pr1", graph.Props{"role": graph.RoleRapporteurForOpinion})
	edge(graph.HasDocument, "pr1", "d5", nil)
	edge(graph.HasEvent, "pr1", "e1", nil)
	edge(graph.HasEvent, "pr1", "e2", nil)
	edge(graph.Produced, "e1", "d5", nil)
	edge(graph.Addresses, "d1", "so4", nil)
	edge(graph.Addresses, "d2", "ka1", nil)
	edge(graph.Addresses, "d4", "ka2", nil)
	edge(graph.Addresses, "e3", "so1", nil)
	edge(graph.MemberOf, "p1", "commission", nil)
	edge(graph.MemberOf, "p2", "parliament", nil)
	edge(graph.MemberOf, "p3", "parliament", nil)
	if _, err := e.s.Apply(e.ctx, b); err != nil {
		e.t.Fatalf("Apply the query fixture: %v", err)
	}
	f.b = b
	return f
}

// Shorthands for the tables.
func qc(field string, op graph.Op, v any) graph.Cond {
	return graph.Cond{Field: field, Op: op, Value: v}
}
func qin(field string, op graph.Op, vs ...any) graph.Cond {
	return graph.Cond{Field: field, Op: op, Values: vs}
}
func qw(cs ...graph.Cond) graph.Where       { return graph.Where{Conds: cs} }
func qor(ws ...graph.Where) graph.Where     { return graph.Where{Or: ws} }
func qand(ws ...graph.Where) graph.Where    { return graph.Where{And: ws} }
func qnot(w graph.Where) graph.Where        { return graph.Where{Not: &w} }
func qrels(rs ...graph.RelCond) graph.Where { return graph.Where{Rels: rs} }
func qhop(t graph.EdgeType, d graph.Direction, ks ...graph.Kind) graph.Hop {
	return graph.Hop{Type: t, Dir: d, Kinds: ks}
}
func qrel(q graph.Quant, h graph.Hop, edge, where graph.Where) graph.RelCond {
	return graph.RelCond{Hop: h, Quant: q, Edge: edge, Where: where}
}

var (
	docs   = []graph.Kind{graph.Document}
	events = []graph.Kind{graph.Event}
)

// scoped confines w to the subtest's nodes.
func (f *queryFixture) scoped(w graph.Where) graph.Where {
	return qand(qw(qc(graph.IDField, graph.OpContains, "/gt-"+f.e.tok+"-")), w)
}

// filterCase is one row of the filter table.
type filterCase struct {
	name  string
	kinds []graph.Kind
	where graph.Where
	want  string // slugs, any order
}

func (f *queryFixture) filterCases() []filterCase {
	id := f.id
	tenth := "Council doc 16797/10" // a spelling of d1's alias
	return []filterCase{
		// Text, folded.
		{"contains, folded", docs, qw(qc("name", graph.OpContains, "ISS")), "d2 d3 d5"},
		{"eq ignores case and accents", docs, qw(qc("name", graph.OpEq, "elan REPORT on the iss")), "d2"},
		{"startsWith", docs, qw(qc("name", graph.OpStartsWith, "ÉLAN")), "d2 d4"},
		{"endsWith", docs, qw(qc("name", graph.OpEndsWith, "the iss")), "d2 d3 d5"},
		{"contains without the accent", docs, qw(qc("name", graph.OpContains, "angstrom")), "d8"},
		{"in", docs, qw(qin("name", graph.OpIn, "DRAFT", "council conclusions on the ISS")), "d3 d6 d7"},
		{"notIn", docs, qw(qin("name", graph.OpNotIn, "draft")), "d1 d2 d3 d4 d5 d8"},
		{"ne", docs, qw(qc("name", graph.OpNe, "draft")), "d1 d2 d3 d4 d5 d8"},
		{"property eq", docs, qw(qc("type", graph.OpEq, "Report")), "d2 d4 d7"},
		{"property in", docs, qw(qin("type", graph.OpIn, "communication", "report")), "d1 d2 d4 d7 d8"},
		{"ne leaves out the missing", docs, qw(qc("type", graph.OpNe, "report")), "d1 d3 d5 d8"},
		{"not eq keeps the missing", docs, qnot(qw(qc("type", graph.OpEq, "report"))), "d1 d3 d5 d6 d8"},
		{"notIn", docs, qw(qin("type", graph.OpNotIn, "report", "communication")), "d3 d5"},
		{"isNull", docs, qw(qc("type", graph.OpIsNull, true)), "d6"},
		{"is not null", docs, qw(qc("type", graph.OpIsNull, false)), "d1 d2 d3 d4 d5 d7 d8"},
		{"enum property", docs, qw(qc("classification", graph.OpEq, "limite")), "d3"},
		{"list: some item eq", docs, qw(qc("aliases", graph.OpEq, "iss in action")), "d1"},
		{"list: some item contains", docs, qw(qc("aliases", graph.OpContains, "DRAFT")), "d6"},
		{"list: isNull", docs, qw(qc("aliases", graph.OpIsNull, true)), "d2 d3 d4 d5 d7 d8"},
		{"list: ne means no item", docs, qw(qc("aliases", graph.OpNe, "16797/10")), "d6"},
		{"the id", nil, qw(qin(graph.IDField, graph.OpIn, id("d1"), id("d3"), "document/gt-nobody")), "d1 d3"},
		{"the id, in capitals", nil, qw(qc(graph.IDField, graph.OpEq, strings.ToUpper(id("d5")))), "d5"},
		{"the kind", nil, qw(qin(graph.KindField, graph.OpIn, graph.Agency, "Person")), "europol frontex ec3 p1 p2 p3"},
		{"the kind, ne", []graph.Kind{graph.Document, graph.Event}, qw(qc(graph.KindField, graph.OpNe, graph.Document)), "e1 e2 e3"},
		{"a field some kinds lack", []graph.Kind{graph.Person, graph.Procedure}, qw(qc("date", graph.OpIsNull, false)), "pr1"},
		{"in nothing", docs, qw(qin("type", graph.OpIn)), ""},
		{"notIn nothing keeps the present", docs, qw(qin("type", graph.OpNotIn)), "d1 d2 d3 d4 d5 d7 d8"},
		{"contains the empty string", docs, qw(qc("aliases", graph.OpContains, "")), "d1 d6"},
		{"dates notIn nothing", docs, qw(qin("date", graph.OpNotIn)), "d1 d2 d3 d4 d5 d7 d8"},

		// References in any spelling, by the canonical reference or an alias.
		{"reference, another spelling", docs, qw(qc("reference", graph.OpEq, "COM(2010)0673")), "d1"},
		{"reference by an alias", docs, qw(qc("reference", graph.OpEq, tenth)), "d1"},
		{"reference in", nil, qw(qin("reference", graph.OpIn, "COM/2014/365", "COM(2011) 790 final")), "d2 d4"},
		{"reference ne", docs, qw(qc("reference", graph.OpNe, "COM(2010) 673")), "d2 d4 d5"},
		{"reference isNull", docs, qw(qc("reference", graph.OpIsNull, true)), "d3 d6 d7 d8"},
		{"reference as text", docs, qw(qc("reference", graph.OpContains, "com(2014")), "d4"},
		{"procedure reference", nil, qw(qc("reference", graph.OpEq, "2010/2308(INI)")), "pr1"},

		// Dates on periods: a year, a month and a day each stand for
		// every day in them.
		{"date eq a year", docs, qw(qc("date", graph.OpEq, "2010")), "d1 d2 d3"},
		{"date eq a month", docs, qw(qc("date", graph.OpEq, "2010-11")), "d1 d2 d3"},
		{"date eq a day", docs, qw(qc("date", graph.OpEq, "2010-11-22")), "d1 d2 d3"},
		{"date eq another day", docs, qw(qc("date", graph.OpEq, "2010-11-23")), "d2 d3"},
		{"a year eq a day in it", docs, qw(qc("date", graph.OpEq, "2012-05-22")), "d4 d5"},
		{"date gte a year", docs, qw(qc("date", graph.OpGte, "2012")), "d4 d5 d7 d8"},
		{"date gt a year", docs, qw(qc("date", graph.OpGt, "2012")), "d7 d8"},
		{"date gt a month", docs, qw(qc("date", graph.OpGt, "2012-05")), "d5 d7 d8"},
		{"date lt a day", docs, qw(qc("date", graph.OpLt, "2010-11-22")), "d2 d3"},
		{"date lte a day", docs, qw(qc("date", graph.OpLte, "2010-11-22")), "d1 d2 d3"},
		{"date lt, nothing before", docs, qw(qc("date", graph.OpLt, "2010")), ""},
		{"date gte a month", docs, qw(qc("date", graph.OpGte, "2010-12")), "d3 d4 d5 d7 d8"},
		{"date range", docs, qw(qc("date", graph.OpGte, "2010"), qc("date", graph.OpLte, "2014")), "d1 d2 d3 d4 d5 d7 d8"},
		{"date in", docs, qw(qin("date", graph.OpIn, "2014-12", "2010-11-23")), "d2 d3 d7 d8"},
		{"date ne", docs, qw(qc("date", graph.OpNe, "2014")), "d1 d2 d3 d4 d5"},
		{"date notIn", docs, qw(qin("date", graph.OpNotIn, "2010", "2012")), "d7 d8"},
		{"date isNull", docs, qw(qc("date", graph.OpIsNull, true)), "d6"},
		{"another date property", docs, qw(qc("periodStart", graph.OpLte, "2014")), "d1"},
		{"event dates in a year", events, qw(qc("date", graph.OpEq, "2012")), "e1 e2"},
		{"event dates before a month", events, qw(qc("date", graph.OpLt, "2012-05")), "e2 e3"},
		{"dates of several kinds", []graph.Kind{graph.Agency, graph.Procedure}, qw(qc("established", graph.OpLt, "2005")), "europol frontex"},

		// Numbers.
		{"gt", events, qw(qc("votesFor", graph.OpGt, 40)), "e1"},
		{"gte", events, qw(qc("votesFor", graph.OpGte, int64(40))), "e1 e2"},
		{"number in", events, qw(qin("votesFor", graph.OpIn, 40, 7)), "e2"},
		{"number ne", events, qw(qc("votesFor", graph.OpNe, 40.0)), "e1"},
		{"number isNull", events, qw(qc("votesFor", graph.OpIsNull, true)), "e3"},
		{"lt", events, qw(qc("votesAgainst", graph.OpLt, 100)), "e1"},

		// AND, OR, NOT.
		{"or", docs, qor(qw(qc("type", graph.OpEq, "resolution")), qw(qc("date", graph.OpEq, "2014"))), "d5 d7 d8"},
		{"and of or and not", docs, qand(qor(qw(qc("type", graph.OpEq, "report")), qw(qc("type", graph.OpEq, "communication"))),
			qnot(qw(qc("date", graph.OpGte, "2014")))), "d1 d2 d4"},
		{"not of or", docs, qnot(qor(qw(qc("type", graph.OpIsNull, true)), qw(qc("name", graph.OpContains, "draft")))), "d1 d2 d3 d4 d5 d8"},
		{"an empty or is no condition", docs, graph.Where{Or: []graph.Where{}, Conds: []graph.Cond{qc("type", graph.OpEq, "resolution")}}, "d5"},
		{"not not", docs, qnot(qnot(qw(qc("type", graph.OpEq, "report")))), "d2 d4 d7"},
		{"not of a missing value's ne", docs, qnot(qw(qc("type", graph.OpNe, "report"))), "d2 d4 d6 d7"},

		// Relationships.
		{"cite COM(2010) 673", docs, qrels(qrel(graph.Some, qhop(graph.Cites, graph.Out, graph.Document), graph.Where{},
			qw(qc("reference", graph.OpEq, "COM(2010) 673")))), "d2 d3 d4 d5"},
		{"cited by something", docs, qrels(qrel(graph.Some, qhop(graph.Cites, graph.In), graph.Where{}, graph.Where{})), "d1 d2 d3 d4 d6"},
		{"cite nothing", docs, qrels(qrel(graph.None, qhop(graph.Cites, graph.Out), graph.Where{}, graph.Where{})), "d1 d6"},
		{"all cited dated by 2010", docs, qrels(qrel(graph.All, qhop(graph.Cites, graph.Out), graph.Where{},
			qw(qc("date", graph.OpLte, "2010")))), "d1 d2 d3 d4 d5 d6"},
		{"the first analyst question", docs, graph.Where{
			Conds: []graph.Cond{qc("date", graph.OpGte, "2010"), qc("date", graph.OpLte, "2014"), qin("type", graph.OpIn, "communication", "report")},
			Rels: []graph.RelCond{
				qrel(graph.Some, qhop(graph.Cites, graph.Out), graph.Where{}, qw(qc("reference", graph.OpEq, "COM(2010) 673"))),
				qrel(graph.None, qhop(graph.Authored, graph.In, graph.Institution), graph.Where{}, qw(qc(graph.IDField, graph.OpEq, id("council")))),
			}}, "d2 d4"},
		{"not authored by the Council", docs, qrels(qrel(graph.None, qhop(graph.Authored, graph.In, graph.Institution), graph.Where{},
			qw(qc("name", graph.OpEq, "council")))), "d1 d2 d4 d5 d6 d7"},
		{"the second analyst question", []graph.Kind{graph.Agency}, qrels(qrel(graph.Some, qhop(graph.ResponsibleFor, graph.Out, graph.Objective), graph.Where{},
			graph.Where{Conds: []graph.Cond{qc("type", graph.OpEq, "key-action")},
				Rels: []graph.RelCond{qrel(graph.Some, qhop(graph.PartOf, graph.Out, graph.Objective), graph.Where{}, qw(qc("number", graph.OpEq, "4")))}})), "ec3 europol"},
		{"an edge property", nil, qrels(qrel(graph.Some, qhop(graph.ResponsibleFor, graph.Out), qw(qc("role", graph.OpEq, "LEADS")), graph.Where{})), "europol frontex"},
		{"an edge property missing", nil, qrels(qrel(graph.Some, qhop(graph.ResponsibleFor, graph.Out), qw(qc("role", graph.OpIsNull, true)), graph.Where{})), "council"},
		{"edge and other end", []graph.Kind{graph.Procedure}, qrels(qrel(graph.Some, qhop(graph.Rapporteur, graph.In),
			qw(qc("role", graph.OpEq, graph.RoleRapporteur)), qw(qc("name", graph.OpContains, "malmstrom")))), "pr1"},
		{"edge date", []graph.Kind{graph.Person}, qrels(qrel(graph.Some, qhop(graph.Rapporteur, graph.Out), qw(qc("date", graph.OpGte, "2011")), graph.Where{})), "p2"},
		{"edge date missing", []graph.Kind{graph.Person}, qrels(qrel(graph.Some, qhop(graph.Rapporteur, graph.Out), qw(qc("date", graph.OpIsNull, true)), graph.Where{})), "p3"},
		{"edge where with or and not", []graph.Kind{graph.Person}, qrels(qrel(graph.Some, qhop(graph.Rapporteur, graph.Out),
			qor(qnot(qw(qc("role", graph.OpStartsWith, "rapporteur"))), qw(qc("date", graph.OpLt, "2010-11"))), graph.Where{})), "p1 p2"},
		{"two levels", []graph.Kind{graph.Institution}, qrels(qrel(graph.Some, qhop(graph.Authored, graph.Out), graph.Where{},
			qrels(qrel(graph.Some, qhop(graph.Cites, graph.In), graph.Where{}, qw(qc("type", graph.OpEq, "resolution")))))), "commission council"},
		{"three levels", []graph.Kind{graph.Person}, qrels(qrel(graph.Some, qhop(graph.MemberOf, graph.Out), graph.Where{},
			qrels(qrel(graph.Some, qhop(graph.Authored, graph.Out), graph.Where{}, graph.Where{
				Conds: []graph.Cond{qc("type", graph.OpEq, "report")},
				Rels:  []graph.RelCond{qrel(graph.Some, qhop(graph.Cites, graph.Out), graph.Where{}, qw(qc("reference", graph.OpEq, "COM(2010) 673")))},
			})))), "p1"},
		{"either direction", docs, qrels(qrel(graph.Some, qhop(graph.Cites, graph.Both), graph.Where{}, qw(qc("type", graph.OpEq, "council-conclusions")))), "d1 d5"},
		{"none with a where", docs, qrels(qrel(graph.None, qhop(graph.Cites, graph.In), graph.Where{}, qw(qc("type", graph.OpEq, "resolution")))), "d2 d4 d5 d6 d7 d8"},
		{"all with an edge where", []graph.Kind{graph.Objective}, qrels(qrel(graph.All, qhop(graph.ResponsibleFor, graph.In), qw(qc("role", graph.OpIsNull, false)), graph.Where{})), "ka1 ka3 so1 so4"},
		{"all over a kind", []graph.Kind{graph.Objective}, qrels(qrel(graph.All, qhop(graph.ResponsibleFor, graph.In, graph.Agency), qw(qc("role", graph.OpEq, "leads")), graph.Where{})), "ka2 ka3 so1 so4"},
		{"some over a kind", docs, qrels(qrel(graph.Some, qhop(graph.Authored, graph.In, graph.Agency, graph.Person), graph.Where{}, graph.Where{})), ""},
		{"along two hops", events, qrels(qrel(graph.Some, qhop(graph.Produced, graph.Out), graph.Where{},
			qrels(qrel(graph.Some, qhop(graph.Cites, graph.Out), graph.Where{}, qw(qc(graph.IDField, graph.OpEq, id("d1"))))))), "e1"},
		{"or of a relationship and a field", docs, qor(qrels(qrel(graph.Some, qhop(graph.Cites, graph.Out), graph.Where{}, qw(qc(graph.IDField, graph.OpEq, id("d6"))))),
			qw(qc("type", graph.OpEq, "resolution"))), "d5 d7"},
		{"not a relationship", docs, qnot(qrels(qrel(graph.Some, qhop(graph.Authored, graph.In), graph.Where{}, graph.Where{}))), "d6 d7"},
		{"every kind with the edge", nil, qrels(qrel(graph.Some, qhop(graph.Addresses, graph.Out), graph.Where{}, graph.Where{})), "d1 d2 d4 e3"},
		{"not under a relationship", docs, qrels(qrel(graph.Some, qhop(graph.Cites, graph.Out), graph.Where{}, qnot(qw(qc("date", graph.OpEq, "2010"))))), "d7 d8"},
	}
}

func testQueryFilters(e *env) {
	qs := e.querier()
	f := newQueryFixture(e)
	cases := f.filterCases()
	if len(cases) < 60 {
		e.t.Errorf("the filter table has %d filters, want at least 60", len(cases))
	}
	for _, tc := range cases {
		q := graph.Query{Kinds: tc.kinds, Where: f.scoped(tc.where), Paging: graph.Paging{First: graph.MaxPageSize}}
		p, err := qs.Find(e.ctx, q)
		if err != nil {
			e.t.Errorf("%s: Find: %v", tc.name, err)
			continue
		}
		got, want := f.slugs(ids(p.Nodes)), f.sorted(tc.want)
		if got != want || p.TotalCount != len(strings.Fields(want)) || p.HasNextPage || p.HasPrevPage {
			e.t.Errorf("%s: Find = [%s] (total %d, next %v, prev %v), want [%s]", tc.name, got, p.TotalCount, p.HasNextPage, p.HasPrevPage, want)
		}
		// The count of an aggregate under the same filter agrees.
		a, err := qs.Aggregate(e.ctx, graph.AggQuery{Kinds: tc.kinds, Where: q.Where})
		if err != nil || len(a) != 1 || a[0].Count != p.TotalCount {
			e.t.Errorf("%s: Aggregate = %+v, %v; want count %d", tc.name, a, err, p.TotalCount)
		}
	}
}

// orderCase is a full order of the documents.
type orderCase struct {
	name string
	sort []graph.Order
	want string
}

var queryOrders = []orderCase{
	{"by id", nil, "d1 d2 d3 d4 d5 d6 d7 d8"},
	{"by a property with ties, missing last", []graph.Order{{Field: "type"}}, "d1 d8 d3 d2 d4 d7 d5 d6"},
	{"descending, missing still last", []graph.Order{{Field: "type", Desc: true}}, "d5 d2 d4 d7 d3 d1 d8 d6"},
	{"two keys", []graph.Order{{Field: "type", Desc: true}, {Field: "date"}}, "d5 d2 d4 d7 d3 d1 d8 d6"},
	{"two keys, the second descending", []graph.Order{{Field: "type"}, {Field: "date", Desc: true}}, "d8 d1 d3 d7 d4 d2 d5 d6"},
	{"by name, folded", []graph.Order{{Field: "name"}}, "d8 d3 d6 d7 d4 d2 d1 d5"},
	{"by name, descending", []graph.Order{{Field: "name", Desc: true}}, "d5 d1 d2 d4 d7 d6 d3 d8"},
	{"by date, descending, precision ordered", []graph.Order{{Field: "date", Desc: true}}, "d7 d8 d4 d5 d1 d2 d3 d6"},
	{"by date", []graph.Order{{Field: "date"}}, "d3 d2 d1 d5 d4 d8 d7 d6"},
	{"by a list's absence: reference then id", []graph.Order{{Field: "reference"}, {Field: "id", Desc: true}}, "d1 d2 d4 d5 d8 d7 d6 d3"},
	{"by kind then name", []graph.Order{{Field: "kind"}, {Field: "name", Desc: true}}, "d5 d1 d2 d4 d7 d6 d3 d8"},
}

func testQueryPaging(e *env) {
	qs := e.querier()
	f := newQueryFixture(e)
	where := f.scoped(graph.Where{})
	for _, oc := range queryOrders {
		full, err := qs.Find(e.ctx, graph.Query{Kinds: docs, Where: where, Sort: oc.sort, Paging: graph.Paging{First: graph.MaxPageSize}})
		if err != nil {
			e.t.Fatalf("%s: Find: %v", oc.name, err)
		}
		if got := f.slugs(ids(full.Nodes)); got != oc.want {
			e.t.Errorf("%s: order [%s], want [%s]", oc.name, got, oc.want)
			continue
		}
		want := strings.Fields(oc.want)
		for _, size := range []int{1, 3} {
			e.walkForward(f, oc, where, size, want)
			e.walkBackward(f, oc, where, size, want)
		}
		// Between two cursors: after the second item, before the
		// sixth, from either end.
		base := graph.Query{Kinds: docs, Where: where, Sort: oc.sort}
		after, before := base.CursorOf(full.Nodes[1]), base.CursorOf(full.Nodes[5])
		for _, pg := range []graph.Paging{{First: 2, After: after, Before: before}, {Last: 2, After: after, Before: before}} {
			q := base
			q.Paging = pg
			p, err := qs.Find(e.ctx, q)
			wantIDs := want[2:4]
			if pg.Last > 0 {
				wantIDs = want[3:5]
			}
			if err != nil || f.slugs(ids(p.Nodes)) != strings.Join(wantIDs, " ") || !p.HasPrevPage || !p.HasNextPage || p.TotalCount != len(want) {
				e.t.Errorf("%s: between cursors %+v: [%s] prev %v next %v total %d, %v; want [%s] true true %d",
					oc.name, pg, f.slugs(ids(p.Nodes)), p.HasPrevPage, p.HasNextPage, p.TotalCount, err, strings.Join(wantIDs, " "), len(want))
			}
		}
	}
	// A cursor of one order is refused by another.
	byType := graph.Query{Kinds: docs, Where: where, Sort: []graph.Order{{Field: "type"}}}
	c := byType.CursorOf(graph.Node{ID: f.id("d1")})
	for _, q := range []graph.Query{
		{Kinds: docs, Where: where, Sort: []graph.Order{{Field: "type", Desc: true}}, Paging: graph.Paging{After: c}},
		{Kinds: docs, Where: where, Paging: graph.Paging{Before: c}},
	} {
		_, err := qs.Find(e.ctx, q)
		wantErr(e.t, "Find with a cursor of another order", err, graph.ErrInvalid)
	}
	// A cursor stays valid when its node is gone: the page starts
	// after where it stood.
	byName := graph.Query{Kinds: docs, Where: where, Sort: []graph.Order{{Field: "name"}}, Paging: graph.Paging{First: 2}}
	p, err := qs.Find(e.ctx, byName)
	if err != nil || len(p.Nodes) != 2 {
		e.t.Fatalf("Find: %v", err)
	}
	if err := e.s.DeleteNode(e.ctx, p.Nodes[1].ID); err != nil {
		e.t.Fatalf("DeleteNode: %v", err)
	}
	byName.After = p.EndCursor
	p, err = qs.Find(e.ctx, byName)
	if err != nil || f.slugs(ids(p.Nodes)) != "d6 d7" || !p.HasPrevPage || !p.HasNextPage || p.TotalCount != 7 {
		e.t.Errorf("after a deleted node's cursor: [%s] prev %v next %v total %d, %v; want [d6 d7] true true 7",
			f.slugs(ids(p.Nodes)), p.HasPrevPage, p.HasNextPage, p.TotalCount, err)
	}
}

// walkForward pages through the documents with First size, following
// EndCursor, and checks each page and its flags.
func (e *env) walkForward(f *queryFixture, oc orderCase, where graph.Where, size int, want []string) {
	qs := e.querier()
	q := graph.Query{Kinds: docs, Where: where, Sort: oc.sort, Paging: graph.Paging{First: size}}
	for start := 0; start < len(want); start += size {
		p, err := qs.Find(e.ctx, q)
		if err != nil {
			e.t.Fatalf("%s: forward page at %d: %v", oc.name, start, err)
		}
		end := min(start+size, len(want))
		if got := f.slugs(ids(p.Nodes)); got != strings.Join(want[start:end], " ") || p.HasPrevPage != (start > 0) || p.HasNextPage != (end < len(want)) || p.TotalCount != len(want) {
			e.t.Errorf("%s: first %d, page at %d: [%s] prev %v next %v total %d; want [%s] %v %v %d", oc.name, size, start, got,
				p.HasPrevPage, p.HasNextPage, p.TotalCount, strings.Join(want[start:end], " "), start > 0, end < len(want), len(want))
			return
		}
		if len(p.Nodes) > 0 && (p.StartCursor != q.CursorOf(p.Nodes[0]) || p.EndCursor != q.CursorOf(p.Nodes[len(p.Nodes)-1])) {
			e.t.Errorf("%s: the page's cursors are not its nodes'", oc.name)
		}
		q.After = p.EndCursor
	}
}

// walkBackward pages from the end with Last size, following StartCursor.
func (e *env) walkBackward(f *queryFixture, oc orderCase, where graph.Where, size int, want []string) {
	qs := e.querier()
	q := graph.Query{Kinds: docs, Where: where, Sort: oc.sort, Paging: graph.Paging{Last: size}}
	for end := len(want); end > 0; end -= size {
		p, err := qs.Find(e.ctx, q)
		if err != nil {
			e.t.Fatalf("%s: backward page to %d: %v", oc.name, end, err)
		}
		start := max(0, end-size)
		if got := f.slugs(ids(p.Nodes)); got != strings.Join(want[start:end], " ") || p.HasPrevPage != (start > 0) || p.HasNextPage != (end < len(want)) {
			e.t.Errorf("%s: last %d, page to %d: [%s] prev %v next %v; want [%s] %v %v", oc.name, size, end, got,
				p.HasPrevPage, p.HasNextPage, strings.Join(want[start:end], " "), start > 0, end < len(want))
			return
		}
		q.Before = p.StartCursor
	}
}

// relCase is one row of the relationship-list table: the lists of several
// nodes at once.
type relCase struct {
	name string
	q    graph.RelQuery // IDs as slugs
	want []string       // per id: "other slugs" in order, then "/total"
}

// testQueryFields: a page with Query.Fields is the page without it, each
// node cut to the projection and the properties its order reads, so that
// each node's cursor is the whole node's.
func testQueryFields(e *env) {
	qs := e.querier()
	f := newQueryFixture(e)
	where := f.scoped(graph.Where{})
	for _, oc := range queryOrders {
		for _, p := range []graph.Projection{{}, {Props: []string{"reference", "aliases"}, Sources: true}, {Props: []string{"date", "type"}}} {
			base := graph.Query{Kinds: docs, Where: where, Sort: oc.sort, Paging: graph.Paging{First: 8}}
			all, err := qs.Find(e.ctx, base)
			if err != nil || len(all.Nodes) < 3 {
				e.t.Fatalf("%s: Find: %d nodes, %v", oc.name, len(all.Nodes), err)
			}
			q := base
			q.Paging = graph.Paging{First: 3, After: base.CursorOf(all.Nodes[0])}
			whole, err := qs.Find(e.ctx, q)
			if err != nil {
				e.t.Fatalf("%s: Find: %v", oc.name, err)
			}
			q.Fields = &p
			got, err := qs.Find(e.ctx, q)
			if err != nil {
				e.t.Errorf("%s: Find with Fields %+v: %v", oc.name, p, err)
				continue
			}
			cut := graph.Projection{Props: slices.Clone(p.Props), Sources: p.Sources}
			for _, o := range oc.sort {
				if graph.IsPropName(o.Field) {
					cut.Props = append(cut.Props, o.Field)
				}
			}
			want := whole
			want.Nodes = make([]graph.Node, len(whole.Nodes))
			for i, n := range whole.Nodes {
				want.Nodes[i] = cut.Of(n)
			}
			if !reflect.DeepEqual(got, want) {
				e.t.Errorf("%s: Find with Fields %+v:\n got %+v\nwant %+v", oc.name, p, got, want)
				continue
			}
			for i, n := range got.Nodes {
				if c, w := q.CursorOf(n), q.CursorOf(whole.Nodes[i]); c != w {
					e.t.Errorf("%s: Find with Fields %+v: node %s's cursor %s, want %s", oc.name, p, n.ID, c, w)
				}
			}
		}
	}
	_, err := qs.Find(e.ctx, graph.Query{Kinds: docs, Fields: &graph.Projection{Props: []string{"searchName"}}})
	wantErr(e.t, "Find with Fields of an unknown property", err, graph.ErrInvalid)
}

func testQueryRelated(e *env) {
	qs := e.querier()
	f := newQueryFixture(e)
	for _, tc := range []relCase{
		{"cited by, newest first", graph.RelQuery{IDs: []string{"d1"}, Hop: qhop(graph.Cites, graph.In), Sort: []graph.Order{{Field: "date", Desc: true}}, Paging: graph.Paging{First: 2}},
			[]string{"d4 d5/4"}},
		{"by the edge's role", graph.RelQuery{IDs: []string{"pr1"}, Hop: qhop(graph.Rapporteur, graph.In), Sort: []graph.Order{{Field: "role", Edge: true}}},
			[]string{"p1 p3 p2/3"}},
		{"by the edge's date, descending, missing last", graph.RelQuery{IDs: []string{"pr1"}, Hop: qhop(graph.Rapporteur, graph.In), Sort: []graph.Order{{Field: "date", Edge: true, Desc: true}}},
			[]string{"p2 p1 p3/3"}},
		{"batched, filtered", graph.RelQuery{IDs: []string{"d1", "d3", "d6", "d8"}, Hop: qhop(graph.Cites, graph.In), Where: qw(qc("type", graph.OpEq, "resolution"))},
			[]string{"d5/1", "d5/1", "/0", "/0"}},
		{"an id twice", graph.RelQuery{IDs: []string{"d3", "d1", "d3"}, Hop: qhop(graph.Cites, graph.In)}, []string{"d5/1", "d2 d3 d4 d5/4", "d5/1"}},
		{"both directions", graph.RelQuery{IDs: []string{"d3", "d4"}, Hop: qhop(graph.Cites, graph.Both)}, []string{"d1 d5/2", "d1 d2 d8/3"}},
		{"an edge filter", graph.RelQuery{IDs: []string{"ka1", "ka2"}, Hop: qhop(graph.ResponsibleFor, graph.In), Edge: qw(qin("role", graph.OpIn, "leads", "supports"))},
			[]string{"ec3 europol/2", "/0"}},
		{"a kind at the other end", graph.RelQuery{IDs: []string{"d8"}, Hop: qhop(graph.Authored, graph.In, graph.Institution), Where: qw(qc("name", graph.OpStartsWith, "council"))},
			[]string{"council/1"}},
		{"the last ones", graph.RelQuery{IDs: []string{"d1"}, Hop: qhop(graph.Cites, graph.In), Sort: []graph.Order{{Field: "name"}}, Paging: graph.Paging{Last: 3}},
			[]string{"d4 d2 d5/4"}},
		{"a nested filter on the other end", graph.RelQuery{IDs: []string{"commission"}, Hop: qhop(graph.Authored, graph.Out),
			Where: qrels(qrel(graph.Some, qhop(graph.Cites, graph.Out), graph.Where{}, qw(qc("reference", graph.OpEq, "COM(2010) 673"))))},
			[]string{"d2 d4/2"}},
	} {
		q := tc.q
		q.IDs = nil
		for _, s := range tc.q.IDs {
			q.IDs = append(q.IDs, f.id(s))
		}
		pages, err := qs.Related(e.ctx, q)
		if err != nil || len(pages) != len(q.IDs) {
			e.t.Errorf("%s: Related = %d pages, %v", tc.name, len(pages), err)
			continue
		}
		for i, p := range pages {
			var others []string
			for _, it := range p.Items {
				others = append(others, it.Node.ID)
				if it.Edge.Type != q.Type || (it.Edge.From != q.IDs[i] && it.Edge.To != q.IDs[i]) || it.Edge.Key().Other(q.IDs[i]) != it.Node.ID {
					e.t.Errorf("%s: item %s of %s has edge %s", tc.name, it.Node.ID, q.IDs[i], it.Edge.Key())
				}
			}
			if got := fmt.Sprintf("%s/%d", f.slugs(others), p.TotalCount); got != tc.want[i] {
				e.t.Errorf("%s: list of %s = %s, want %s", tc.name, tc.q.IDs[i], got, tc.want[i])
			}
		}
	}
	// Paging a relationship list both ways, through a tie on the key.
	q := graph.RelQuery{IDs: []string{f.id("d1")}, Hop: qhop(graph.Cites, graph.In), Sort: []graph.Order{{Field: "type"}}}
	want := []string{"d3", "d2", "d4", "d5"}
	var got []string
	for q.First = 1; ; {
		pages, err := qs.Related(e.ctx, q)
		if err != nil || len(pages) != 1 {
			e.t.Fatalf("Related: %v", err)
		}
		p := pages[0]
		for _, it := range p.Items {
			got = append(got, f.of[it.Node.ID])
		}
		if p.HasPrevPage != (len(got) > 1) {
			e.t.Errorf("Related forward page %d: prev %v", len(got), p.HasPrevPage)
		}
		if !p.HasNextPage {
			break
		}
		if len(got) > len(want) {
			e.t.Fatalf("Related pages run on: %v", got)
		}
		q.After = p.EndCursor
	}
	if !slices.Equal(got, want) {
		e.t.Errorf("Related paged forward: %v, want %v", got, want)
	}
	q.First, q.After, got = 0, "", nil
	for q.Last = 2; ; {
		pages, err := qs.Related(e.ctx, q)
		if err != nil || len(pages) != 1 {
			e.t.Fatalf("Related: %v", err)
		}
		var page []string
		for _, it := range pages[0].Items {
			page = append(page, f.of[it.Node.ID])
		}
		got = append(page, got...)
		if !pages[0].HasPrevPage {
			break
		}
		q.Before = pages[0].StartCursor
	}
	if !slices.Equal(got, want) {
		e.t.Errorf("Related paged backward: %v, want %v", got, want)
	}
}

// aggCase is one row of the aggregate table; want is the aggregate in the
// form fmtAggregate writes.
type aggCase struct {
	name string
	q    graph.AggQuery // IDs as slugs
	want []string
}

func (f *queryFixture) fmtAggregate(a graph.Aggregate) string {
	var b strings.Builder
	fmt.Fprintf(&b, "count %d", a.Count)
	for _, m := range []struct {
		name string
		vals map[string]any
	}{{"min", a.Min}, {"max", a.Max}} {
		keys := make([]string, 0, len(m.vals))
		for k := range m.vals {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "; %s %s %v", m.name, k, m.vals[k])
		}
	}
	for _, g := range a.Groups {
		b.WriteString(";")
		for _, k := range g.Keys {
			switch x := k.(type) {
			case nil:
				b.WriteString(" -")
			case string:
				if s, ok := f.of[x]; ok {
					x = s
				}
				b.WriteString(" " + x)
			default:
				fmt.Fprintf(&b, " %v", x)
			}
		}
		fmt.Fprintf(&b, " %d", g.Count)
	}
	if a.Truncated {
		b.WriteString("; truncated")
	}
	return b.String()
}

func testQueryAggregates(e *env) {
	qs := e.querier()
	f := newQueryFixture(e)
	cited := qrels(qrel(graph.Some, qhop(graph.Cites, graph.Out), graph.Where{}, qw(qc("reference", graph.OpEq, "COM(2010) 673"))))
	for _, tc := range []aggCase{
		{"count, least and greatest dates", graph.AggQuery{Kinds: docs, Min: []graph.AggField{{Field: "date"}, {Field: "periodEnd"}}, Max: []graph.AggField{{Field: "date"}}},
			[]string{"count 8; min date 2010; min periodEnd 2014; max date 2014-12-31"}},
		{"by type", graph.AggQuery{Kinds: docs, GroupBy: []graph.GroupKey{{Field: "type"}}},
			[]string{"count 8; communication 2; council-conclusions 1; report 3; resolution 1; - 1"}},
		{"the third analyst question: by type and year", graph.AggQuery{Kinds: docs, GroupBy: []graph.GroupKey{{Field: "type"}, {Field: "date", Trunc: graph.YearPrecision}}},
			[]string{"count 8; communication 2010 1; communication 2014 1; council-conclusions 2010 1; report 2010 1; report 2012 1; report 2014 1; resolution 2012 1; - - 1"}},
		{"by month: coarser dates keep their precision", graph.AggQuery{Kinds: docs, GroupBy: []graph.GroupKey{{Field: "date", Trunc: graph.MonthPrecision}}},
			[]string{"count 8; 2010 1; 2010-11 2; 2012 1; 2012-05 1; 2014 1; 2014-12 1; - 1"}},
		{"by date as stored", graph.AggQuery{Kinds: events, GroupBy: []graph.GroupKey{{Field: "date"}}},
			[]string{"count 3; 2010-11-25 1; 2012-04 1; 2012-05-22 1"}},
		{"by kind", graph.AggQuery{Where: qw(qc("name", graph.OpContains, "e")), GroupBy: []graph.GroupKey{{Field: graph.KindField}}},
			[]string{"count 23; Agency 3; Document 6; Event 2; Institution 3; Objective 5; Person 3; Procedure 1"}},
		{"numbers", graph.AggQuery{Kinds: events, Min: []graph.AggField{{Field: "votesFor"}, {Field: "votesAgainst"}}, Max: []graph.AggField{{Field: "votesFor"}}},
			[]string{"count 3; min votesAgainst 50; min votesFor 40; max votesFor 400"}},
		{"under a relationship filter", graph.AggQuery{Kinds: docs, Where: cited, GroupBy: []graph.GroupKey{{Field: "type"}}, Max: []graph.AggField{{Field: "date"}}},
			[]string{"count 4; max date 2012-05-22; council-conclusions 1; report 2; resolution 1"}},
		{"by the items of a list", graph.AggQuery{Kinds: docs, GroupBy: []graph.GroupKey{{Field: "aliases"}}},
			[]string{"count 8; 16797/10 1; ISS draft 1; ISS in Action 1; - 6"}},
		{"nothing matches", graph.AggQuery{Kinds: docs, Where: qw(qc("date", graph.OpLt, "1900")), Min: []graph.AggField{{Field: "date"}}, GroupBy: []graph.GroupKey{{Field: "type"}}},
			[]string{"count 0"}},
		{"relationship lists", graph.AggQuery{IDs: []string{"d1", "d3", "d7"}, Rel: &graph.Hop{Type: graph.Cites, Dir: graph.In},
			Max: []graph.AggField{{Field: "date"}}, GroupBy: []graph.GroupKey{{Field: "type"}}},
			[]string{"count 4; max date 2012-05-22; council-conclusions 1; report 2; resolution 1", "count 1; max date 2012; resolution 1", "count 0"}},
		{"an id twice", graph.AggQuery{IDs: []string{"d3", "d3"}, Rel: &graph.Hop{Type: graph.Cites, Dir: graph.In}, GroupBy: []graph.GroupKey{{Field: "type"}}},
			[]string{"count 1; resolution 1", "count 1; resolution 1"}},
		{"edge fields", graph.AggQuery{IDs: []string{"pr1"}, Rel: &graph.Hop{Type: graph.Rapporteur, Dir: graph.In},
			Min: []graph.AggField{{Field: "date", Edge: true}}, Max: []graph.AggField{{Field: "date", Edge: true}}, GroupBy: []graph.GroupKey{{Field: "role", Edge: true}}},
			[]string{"count 3; min edge.date 2010-10-26; max edge.date 2011; rapporteur 1; rapporteur for opinion 1; shadow rapporteur 1"}},
		{"a relationship list by kind and edge", graph.AggQuery{IDs: []string{"ka1", "ka2"}, Rel: &graph.Hop{Type: graph.ResponsibleFor, Dir: graph.In},
			GroupBy: []graph.GroupKey{{Field: graph.KindField}, {Field: "role", Edge: true}}},
			[]string{"count 2; Agency leads 1; Agency supports 1", "count 1; Institution - 1"}},
	} {
		q := tc.q
		q.IDs = nil
		for _, s := range tc.q.IDs {
			q.IDs = append(q.IDs, f.id(s))
		}
		if q.Rel == nil {
			q.Where = f.scoped(q.Where)
		}
		got, err := qs.Aggregate(e.ctx, q)
		if err != nil {
			e.t.Errorf("%s: Aggregate: %v", tc.name, err)
			continue
		}
		var gotS []string
		for _, a := range got {
			gotS = append(gotS, f.fmtAggregate(a))
		}
		if !slices.Equal(gotS, tc.want) {
			e.t.Errorf("%s: Aggregate\n got %q\nwant %q", tc.name, gotS, tc.want)
		}
	}
}

func testQueryInvalid(e *env) {
	qs := e.querier()
	for _, tc := range []struct {
		name string
		call func() error
	}{
		{"Find, unknown field", func() error {
			_, err := qs.Find(e.ctx, graph.Query{Where: qw(qc("colour", graph.OpEq, "red"))})
			return err
		}},
		{"Find, unreadable reference", func() error {
			_, err := qs.Find(e.ctx, graph.Query{Where: qw(qc("reference", graph.OpEq, "no such thing"))})
			return err
		}},
		{"Related without ids", func() error {
			_, err := qs.Related(e.ctx, graph.RelQuery{Hop: qhop(graph.Cites, graph.In)})
			return err
		}},
		{"Related, too many ids", func() error {
			_, err := qs.Related(e.ctx, graph.RelQuery{IDs: make([]string, graph.MaxBatchIDs+1), Hop: qhop(graph.Cites, graph.In)})
			return err
		}},
		{"Aggregate, min of text", func() error {
			_, err := qs.Aggregate(e.ctx, graph.AggQuery{Min: []graph.AggField{{Field: "name"}}})
			return err
		}},
	} {
		wantErr(e.t, tc.name, tc.call(), graph.ErrInvalid)
	}
}

// querier returns the store's analyst queries.
func (e *env) querier() graph.Querier { return e.s }
