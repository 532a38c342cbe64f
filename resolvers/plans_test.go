package resolvers

import (
	"reflect"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/issgraph/issgraph/graph"
)

// A connection is answered without encoding cursors only when its
// selection cannot show one.
func TestShowsCursors(t *testing.T) {
	for _, tt := range []struct {
		query string
		want  bool
	}{
		{`{ search(text: "x") { edges { score node { id } } } }`, false},
		{`{ search(text: "x") { edges { cursor node { id } } } }`, true},
		{`{ search(text: "x") { edges { ... on SearchEdge { cursor } } } }`, true},
		{`{ search(text: "x") { pageInfo { hasNextPage } } }`, true},
		{`{ search(text: "x") { edges { ...E } } }`, true}, // a fragment it cannot see
		{`{ search(text: "x") { totalCount } }`, false},
	} {
		doc, err := parser.ParseQuery(&ast.Source{Input: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		ss := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet
		if got := showsCursors(ss); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.query, got, tt.want)
		}
	}
}

// A walk copies of its nodes and edges what its selection shows, and
// whole nodes or edges when a field shows more or it cannot tell.
func TestWalkCut(t *testing.T) {
	bare := graph.WalkCut{Nodes: &graph.Projection{}, BareEdges: true}
	for _, tt := range []struct {
		name, query string
		want        graph.WalkCut
	}{
		{"core fields", `{ neighbourhood(id: "x") { nodes { id kind label degree distance } edges { id type source target } truncated } }`, bare},
		{"a path", `{ shortestPath(from: "x", to: "y") { length nodes { id } } }`, bare},
		{"properties and sources", `{ neighbourhood(id: "x") { nodes { reference type sources { file } } } }`,
			graph.WalkCut{Nodes: &graph.Projection{Props: []string{"reference", "type"}, Sources: true}, BareEdges: true}},
		{"fragments", `{ neighbourhood(id: "x") { nodes { ... on SubgraphNode { type } } ...S } } fragment S on Subgraph { nodes { reference } }`,
			graph.WalkCut{Nodes: &graph.Projection{Props: []string{"type", "reference"}}, BareEdges: true}},
		{"a short label reads several properties", `{ neighbourhood(id: "x") { nodes { id shortLabel } } }`, graph.WalkCut{BareEdges: true}},
		{"a date", `{ neighbourhood(id: "x") { nodes { date } } }`, graph.WalkCut{BareEdges: true}},
		{"the node itself", `{ neighbourhood(id: "x") { nodes { node { id } } } }`, graph.WalkCut{BareEdges: true}},
		{"an edge's properties", `{ neighbourhood(id: "x") { nodes { id } edges { id properties } } }`, graph.WalkCut{Nodes: &graph.Projection{}}},
		{"an edge's sources", `{ shortestPath(from: "x", to: "y") { edges { sources { file } } } }`, graph.WalkCut{Nodes: &graph.Projection{}}},
		{"a fragment it cannot see", `{ neighbourhood(id: "x") { nodes { id } ...S } }`, graph.WalkCut{}},
	} {
		doc, err := parser.ParseQuery(&ast.Source{Input: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		ss := doc.Operations[0].SelectionSet[0].(*ast.Field).SelectionSet
		// The parser leaves spreads unresolved; resolve the ones the
		// document defines, as the validator does.
		resolveSpreads(ss, doc.Fragments)
		if got := walkCut(ss); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %+v (nodes %+v), want %+v (nodes %+v)", tt.name, got, got.Nodes, tt.want, tt.want.Nodes)
		}
	}
}

// resolveSpreads points each fragment spread of ss at its definition in
// defs, as validation does for a request.
func resolveSpreads(ss ast.SelectionSet, defs ast.FragmentDefinitionList) {
	for _, s := range ss {
		switch s := s.(type) {
		case *ast.Field:
			resolveSpreads(s.SelectionSet, defs)
		case *ast.InlineFragment:
			resolveSpreads(s.SelectionSet, defs)
		case *ast.FragmentSpread:
			s.Definition = defs.ForName(s.Name)
			if s.Definition != nil {
				resolveSpreads(s.Definition.SelectionSet, defs)
			}
		}
	}
}
