package graphtest

import (
	"errors"
	"reflect"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// testPageEdges: a store with graph.PageEdgesLister answers each query
// exactly as ListNodes and then EdgesAndEnds of the page's nodes do, by
// reference (its own statement on Neo4j) and otherwise; a store without
// it (or a wrapper whose store has none, which answers graph.ErrSkip) has
// nothing to check.
func testPageEdges(e *env) {
	pl, ok := e.s.(graph.PageEdgesLister)
	if !ok {
		e.t.Skip("the store has no ListNodesAndEdges")
	}
	ref := "GT-" + strings.ToUpper(e.tok) + " PE"
	a := FullNode(e.id(graph.Document, "pe-a"), "Alpha "+e.tok)
	a.Props = graph.Props{"reference": ref, "aliases": []string{ref + " alias"}, "date": graph.MustDate("2010-11")}
	b := FullNode(e.id(graph.Document, "pe-b"), "Bravo "+e.tok)
	b.Props = graph.Props{"reference": ref + " b", "aliases": []string{ref + " alias"}}
	c := MinimalNode(e.id(graph.Document, "pe-c"), "Charlie "+e.tok)
	o := FullNode(e.id(graph.Objective, "pe-o"), "Objective "+e.tok)
	lone := MinimalNode(e.id(graph.Document, "pe-lone"), "Lone "+e.tok)
	lone.Props = graph.Props{"reference": ref + " lone"}
	e.put(a, b, c, o, lone)
	e.putEdge(FullEdge(graph.Cites, a.ID, b.ID), MinimalEdge(graph.Cites, c.ID, a.ID), FullEdge(graph.Addresses, a.ID, o.ID),
		MinimalEdge(graph.Cites, b.ID, c.ID), MinimalEdge(graph.Addresses, b.ID, o.ID))

	lists := map[string]graph.ListQuery{
		"by reference":               {Kind: graph.Document, Filter: graph.Filter{Reference: ref}, First: 1, NoTotal: true},
		"by reference, counted":      {Kind: graph.Document, Filter: graph.Filter{Reference: ref}, First: 1},
		"by alias, two":              {Kind: graph.Document, Filter: graph.Filter{Reference: ref + " alias"}, First: 5},
		"by alias, a page of one":    {Filter: graph.Filter{Reference: ref + " alias"}, Sort: graph.SortName, Desc: true, First: 1},
		"by reference, no edges":     {Filter: graph.Filter{Reference: ref + " lone"}, First: 1, NoTotal: true},
		"by reference, of no node":   {Kind: graph.Document, Filter: graph.Filter{Reference: ref + " none"}, First: 1, NoTotal: true},
		"by reference, of no kind's": {Kind: graph.Objective, Filter: graph.Filter{Reference: ref}, First: 1},
		"without a reference":        {Kind: graph.Document, Filter: graph.Filter{IDPrefix: e.id(graph.Document, "pe-")}, First: 2},
		"by alias, cut, by date": {Kind: graph.Document, Filter: graph.Filter{Reference: ref + " alias"}, Sort: graph.SortDate, First: 1,
			Fields: &graph.Projection{Props: []string{"reference"}}},
		"by reference, cut to the name": {Filter: graph.Filter{Reference: ref}, First: 1, NoTotal: true, Fields: &graph.Projection{}},
	}
	edges := map[string]graph.EdgeQuery{
		"every edge":       {},
		"citations":        {Types: []graph.EdgeType{graph.Cites}},
		"cited by":         {Types: []graph.EdgeType{graph.Cites}, Direction: graph.In},
		"out, two types":   {Types: []graph.EdgeType{graph.Cites, graph.Addresses}, Direction: graph.Out},
		"every type, in":   {Direction: graph.In},
		"a type none has":  {Types: []graph.EdgeType{graph.Rapporteur}},
		"ids are not read": {IDs: []string{o.ID}, Types: []graph.EdgeType{graph.Addresses}},
		// The ends as EdgesAndEnds projects them (testEdgesAndEndsProjected).
		"projected ends": {Types: []graph.EdgeType{graph.Cites, graph.Addresses},
			Ends: &graph.Projection{Props: []string{"date", "reference", "number"}, Sources: true}},
		"ends cut to their names": {Direction: graph.Out, Ends: &graph.Projection{}},
		"bare edges":              {Types: []graph.EdgeType{graph.Cites, graph.Addresses}, Bare: true},
		"bare, projected":         {Direction: graph.Out, Bare: true, Ends: &graph.Projection{Props: []string{"reference"}}},
	}
	for ln, q := range lists {
		for en, eq := range edges {
			page, es, ends, err := pl.ListNodesAndEdges(e.ctx, q, eq)
			if errors.Is(err, graph.ErrSkip) {
				e.t.Skip("the store underneath has no ListNodesAndEdges")
			}
			if err != nil {
				e.t.Errorf("%s, %s: ListNodesAndEdges: %v", ln, en, err)
				continue
			}
			wantPage, err := e.s.ListNodes(e.ctx, q)
			if err != nil {
				e.t.Fatalf("%s: ListNodes: %v", ln, err)
			}
			want := eq
			want.IDs = nil
			for _, n := range wantPage.Nodes {
				want.IDs = append(want.IDs, n.ID)
			}
			wantEdges, wantEnds, err := e.s.EdgesAndEnds(e.ctx, want)
			if err != nil {
				e.t.Fatalf("%s, %s: EdgesAndEnds: %v", ln, en, err)
			}
			if !reflect.DeepEqual(page, wantPage) {
				e.t.Errorf("%s, %s: page\n got %+v\nwant %+v", ln, en, page, wantPage)
			}
			if !reflect.DeepEqual(es, wantEdges) {
				e.t.Errorf("%s, %s: edges\n got %v\nwant %v", ln, en, es, wantEdges)
			}
			if len(ends) != len(wantEnds) {
				e.t.Errorf("%s, %s: %d ends, want %d", ln, en, len(ends), len(wantEnds))
			}
			for id, w := range wantEnds {
				if g := ends[id]; g == nil || !EqualNode(*g, *w) {
					e.t.Errorf("%s, %s: end %s\n got %v\nwant %s", ln, en, id, g, FormatNode(*w))
				}
			}
		}
	}
}
