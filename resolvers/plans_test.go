package resolvers

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
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
