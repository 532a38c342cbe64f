package graphtest

import "github.com/issgraph/issgraph/graph"

// BenchQuery is an analyst query to time on a graph from Generate, the
// same on every store.
type BenchQuery struct {
	Name string
	Find *graph.Query
	Agg  *graph.AggQuery
}

// BenchQueries are filtered lists with one relationship filter, and an
// aggregate under one, on a graph from Generate (which always has the
// document COM(2010) 1 once it has eleven documents):
//
//   - cites-reference: the documents that cite COM(2010) 1, newest first:
//     a relationship filter a store can start from its far end (the
//     reference index, then the incoming citations);
//   - authored-by-committee: the communications and reports of 2010-2014
//     written by a committee, newest first: the relationship filter has to
//     be tried on every document the other conditions leave;
//   - types-per-year-citing: the documents per type and year among those
//     that cite some document of 2010 or later.
func BenchQueries() []BenchQuery {
	docs := []graph.Kind{graph.Document}
	newest := []graph.Order{{Field: "date", Desc: true}}
	return []BenchQuery{
		{Name: "cites-reference", Find: &graph.Query{Kinds: docs, Sort: newest, Paging: graph.Paging{First: 20},
			Where: graph.Where{Rels: []graph.RelCond{{Hop: graph.Hop{Type: graph.Cites, Dir: graph.Out},
				Where: graph.Where{Conds: []graph.Cond{{Field: "reference", Op: graph.OpEq, Value: "COM(2010) 1"}}}}}}}},
		{Name: "authored-by-committee", Find: &graph.Query{Kinds: docs, Sort: newest, Paging: graph.Paging{First: 20},
			Where: graph.Where{
				Conds: []graph.Cond{{Field: "date", Op: graph.OpGte, Value: "2010"}, {Field: "date", Op: graph.OpLte, Value: "2014"},
					{Field: "type", Op: graph.OpIn, Values: []any{"communication", "report"}}},
				Rels: []graph.RelCond{{Hop: graph.Hop{Type: graph.Authored, Dir: graph.In, Kinds: []graph.Kind{graph.Institution}},
					Where: graph.Where{Conds: []graph.Cond{{Field: "type", Op: graph.OpEq, Value: "committee"}}}}},
			}}},
		{Name: "types-per-year-citing", Agg: &graph.AggQuery{Kinds: docs,
			Where: graph.Where{Rels: []graph.RelCond{{Hop: graph.Hop{Type: graph.Cites, Dir: graph.Out},
				Where: graph.Where{Conds: []graph.Cond{{Field: "date", Op: graph.OpGte, Value: "2010"}}}}}},
			GroupBy: []graph.GroupKey{{Field: "type"}, {Field: "date", Trunc: graph.YearPrecision}}}},
	}
}
