package graphtest

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// Random filters, checked against graph.Where.Match: the query tables pin
// each rule down by hand; these make sure that the rules hold together, in
// combinations nobody wrote out (a NOT over a missing value inside a
// relationship inside an OR), on the store's own evaluation. The trees are
// drawn from a fixed seed over the query fixture's own values, so every
// run asks the same questions, and a failure names the tree.

// oracle answers a query over the fixture in Go, with graph's rules.
type oracle struct {
	nodes map[string]graph.Node
	edges []graph.Edge
}

func newOracle(b graph.Batch) *oracle {
	o := &oracle{nodes: map[string]graph.Node{}, edges: b.Edges}
	for _, n := range b.Nodes {
		o.nodes[n.ID] = n
	}
	return o
}

// rel is graph.RelMatcher over the fixture's edges.
func (o *oracle) rel(r graph.RelCond, n graph.Node) bool {
	any, all := false, true
	for _, e := range o.edges {
		if e.Type != r.Type {
			continue
		}
		var other string
		switch {
		case e.From == n.ID && r.Dir != graph.In:
			other = e.To
		case e.To == n.ID && r.Dir != graph.Out:
			other = e.From
		default:
			continue
		}
		on, ok := o.nodes[other]
		if !ok || !slices.Contains(r.Kinds, on.Kind) {
			continue
		}
		if r.Edge.MatchEdge(e) && r.Where.Match(on, o.rel) {
			any = true
		} else {
			all = false
		}
	}
	switch r.Quant {
	case graph.None:
		return !any
	case graph.All:
		return all
	}
	return any
}

// find is the ids of the fixture's nodes of kinds that match w, sorted.
func (o *oracle) find(kinds []graph.Kind, w graph.Where) []string {
	var out []string
	for id, n := range o.nodes {
		if (len(kinds) == 0 || slices.Contains(kinds, n.Kind)) && w.Match(n, o.rel) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// treeGen draws filter trees over the fixture.
type treeGen struct {
	r   *rand.Rand
	f   *queryFixture
	ops map[graph.PropType][]graph.Op
}

// values are the operands drawn for a field: the fixture's own values of
// it and a few others.
func (t *treeGen) value(kinds []graph.Kind, field string, typ graph.PropType, edgeType graph.EdgeType) any {
	var pool []any
	add := func(v any) {
		switch x := v.(type) {
		case []string:
			for _, s := range x {
				pool = append(pool, s)
			}
		case nil:
		default:
			pool = append(pool, x)
		}
	}
	if edgeType != "" {
		for _, e := range t.f.b.Edges {
			if e.Type == edgeType {
				add(e.Props[field])
			}
		}
	} else {
		for _, n := range t.f.b.Nodes {
			if len(kinds) > 0 && !slices.Contains(kinds, n.Kind) {
				continue
			}
			switch field {
			case graph.NameField:
				add(n.Name)
			case graph.IDField:
				add(n.ID)
			case graph.KindField:
				add(string(n.Kind))
			default:
				add(n.Props[field])
			}
		}
	}
	switch typ {
	case graph.DateP:
		pool = append(pool, graph.MustDate("2010"), graph.MustDate("2012-05"), graph.MustDate("2011-02-28"), graph.MustDate("2014-12"))
	case graph.Int:
		pool = append(pool, int64(0), int64(45))
	case graph.String, graph.Strings:
		if field != graph.KindField {
			pool = append(pool, "iss", "e", "DRAFT")
		}
	}
	if len(pool) == 0 {
		return nil
	}
	v := pool[t.r.IntN(len(pool))]
	if s, ok := v.(string); ok && field != graph.KindField && field != graph.ReferenceField && t.r.IntN(3) == 0 {
		// A part of a value, in another case.
		if len(s) > 3 {
			i := t.r.IntN(len(s) - 2)
			s = s[i : i+2+t.r.IntN(len(s)-i-1)]
		}
		v = strings.ToUpper(s)
	}
	return v
}

// fields lists the fields of kinds (or of an edge type) with their types.
func fieldsOf(kinds []graph.Kind, edgeType graph.EdgeType) map[string]graph.PropType {
	out := map[string]graph.PropType{}
	if edgeType != "" {
		spec, _ := graph.LookupEdgeType(edgeType)
		for _, p := range spec.Props {
			out[p.Name] = p.Type
		}
		return out
	}
	out[graph.IDField], out[graph.NameField], out[graph.KindField] = graph.String, graph.String, graph.String
	for _, k := range graph.Kinds {
		if len(kinds) == 0 || slices.Contains(kinds, k.Kind) {
			for _, p := range k.Props {
				out[p.Name] = p.Type
			}
		}
	}
	return out
}

func (t *treeGen) cond(kinds []graph.Kind, edgeType graph.EdgeType) (graph.Cond, bool) {
	fields := fieldsOf(kinds, edgeType)
	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	slices.Sort(names)
	name := names[t.r.IntN(len(names))]
	typ := fields[name]
	var ops []graph.Op
	switch {
	case edgeType == "" && name == graph.KindField:
		ops = []graph.Op{graph.OpEq, graph.OpNe, graph.OpIn, graph.OpNotIn}
	case edgeType == "" && (name == graph.IDField || name == graph.NameField):
		ops = []graph.Op{graph.OpEq, graph.OpNe, graph.OpIn, graph.OpNotIn, graph.OpContains, graph.OpStartsWith, graph.OpEndsWith}
	default:
		ops = graph.OpsFor(typ)
	}
	op := ops[t.r.IntN(len(ops))]
	c := graph.Cond{Field: name, Op: op}
	switch op {
	case graph.OpIsNull:
		c.Value = t.r.IntN(2) == 0
	case graph.OpIn, graph.OpNotIn:
		for range t.r.IntN(3) {
			v := t.value(kinds, name, typ, edgeType)
			if v == nil {
				return c, false
			}
			c.Values = append(c.Values, v)
		}
		if c.Values == nil {
			c.Values = []any{}
		}
	default:
		if c.Value = t.value(kinds, name, typ, edgeType); c.Value == nil {
			return c, false
		}
	}
	if edgeType == "" && name == graph.ReferenceField && (op == graph.OpEq || op == graph.OpNe || op == graph.OpIn || op == graph.OpNotIn) {
		// References must read as references: the fixture's own.
		if _, err := (graph.Query{Where: graph.Where{Conds: []graph.Cond{c}}}).Normalize(); err != nil {
			return c, false
		}
	}
	return c, true
}

// hops are the relationships the fixture has.
var randomHops = []graph.EdgeType{graph.Cites, graph.Authored, graph.ResponsibleFor, graph.PartOf, graph.Rapporteur, graph.Addresses, graph.MemberOf, graph.HasEvent, graph.Produced}

// where draws a tree over kinds (or an edge type) of about size
// conditions, relationships down to depth more levels.
func (t *treeGen) where(kinds []graph.Kind, edgeType graph.EdgeType, size, depth int) graph.Where {
	var w graph.Where
	for range size {
		switch k := t.r.IntN(10); {
		case k < 5:
			if c, ok := t.cond(kinds, edgeType); ok {
				w.Conds = append(w.Conds, c)
			}
		case k < 7 && depth > 0 && edgeType == "":
			et := randomHops[t.r.IntN(len(randomHops))]
			dir := []graph.Direction{graph.Out, graph.In, graph.Both}[t.r.IntN(3)]
			nq, err := graph.Query{Where: graph.Where{Rels: []graph.RelCond{{Hop: graph.Hop{Type: et, Dir: dir}}}}}.Normalize()
			if err != nil {
				continue
			}
			h := nq.Where.Rels[0].Hop // with the kinds at the other end
			rc := graph.RelCond{Hop: h, Quant: graph.Quant(t.r.IntN(3))}
			if t.r.IntN(2) == 0 {
				rc.Edge = t.where(nil, et, 1, 0)
			}
			rc.Where = t.where(h.Kinds, "", 1+t.r.IntN(2), depth-1)
			w.Rels = append(w.Rels, rc)
		case k < 8:
			w.Or = append(w.Or, t.where(kinds, edgeType, 1, depth), t.where(kinds, edgeType, 1, depth))
		case k < 9:
			n := t.where(kinds, edgeType, 1, depth)
			w.Not = &n
		default:
			w.And = append(w.And, t.where(kinds, edgeType, 2, depth))
		}
	}
	return w
}

func testQueryRandom(e *env) {
	qs := e.querier()
	f := newQueryFixture(e)
	o := newOracle(f.b)
	t := &treeGen{r: rand.New(rand.NewPCG(14, 2026)), f: f}
	kindSets := [][]graph.Kind{nil, {graph.Document}, {graph.Person, graph.Institution}, {graph.Objective}, {graph.Event, graph.Procedure}}
	all, err := graph.Query{Where: f.scoped(graph.Where{})}.Normalize()
	if err != nil {
		e.t.Fatal(err)
	}
	asked, nonEmpty := 0, 0
	for i := range 200 {
		kinds := kindSets[i%len(kindSets)]
		w := t.where(kinds, "", 1+t.r.IntN(2), 2)
		q, err := graph.Query{Kinds: kinds, Where: f.scoped(w), Paging: graph.Paging{First: graph.MaxPageSize}}.Normalize()
		if err != nil {
			continue // a drawn tree the rules refuse (a field of no listed kind); the tables test refusals
		}
		asked++
		want := o.find(q.Kinds, q.Where)
		p, err := qs.Find(e.ctx, q)
		if err != nil {
			e.t.Errorf("random tree %d: Find: %v\n%+v", i, err, w)
			continue
		}
		got := ids(p.Nodes)
		slices.Sort(got)
		if !slices.Equal(got, want) || p.TotalCount != len(want) {
			e.t.Errorf("random tree %d over %v:\n%+v\n got [%s] (total %d)\nwant [%s]", i, kinds, w, f.slugs(got), p.TotalCount, f.slugs(want))
		}
		if len(want) > 0 && len(want) < len(o.find(q.Kinds, all.Where)) {
			nonEmpty++
		}
		// An aggregate under the same tree, grouped by one of a few keys.
		keys := [][]graph.GroupKey{{{Field: graph.KindField}}, {{Field: "type"}, {Field: "date", Trunc: graph.YearPrecision}},
			{{Field: "date", Trunc: graph.MonthPrecision}}, {{Field: "aliases"}}, {{Field: graph.NameField}}}[i%5]
		aq, err := graph.AggQuery{Kinds: kinds, Where: q.Where, GroupBy: keys, Min: []graph.AggField{{Field: "date"}}, Max: []graph.AggField{{Field: "date"}}}.Normalize()
		if err != nil {
			continue // a key of no listed kind
		}
		agg := graph.NewAggregator(aq)
		for _, id := range want {
			agg.Add(o.nodes[id], nil)
		}
		got2, err := qs.Aggregate(e.ctx, aq)
		if err != nil || len(got2) != 1 {
			e.t.Errorf("random tree %d: Aggregate: %v", i, err)
			continue
		}
		if gotS, wantS := f.fmtAggregate(got2[0]), f.fmtAggregate(agg.Result()); gotS != wantS {
			e.t.Errorf("random tree %d over %v, grouped by %+v:\n%+v\n got %s\nwant %s", i, kinds, keys, w, gotS, wantS)
		}
	}
	e.t.Logf("random trees: %d asked, %d discriminating", asked, nonEmpty)
	// The draw must ask real questions: most trees valid, and many
	// keeping some nodes but not all.
	if asked < 150 || nonEmpty < 30 {
		e.t.Errorf("the random trees asked %d questions, %d of them discriminating; want at least 150 and 30", asked, nonEmpty)
	}
}
