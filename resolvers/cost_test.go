package resolvers

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// An operation without variables is priced once per document; one with
// variables at every request, since they can change its cost.
func TestCostOfKeepsOnlyWhatVariablesCannotChange(t *testing.T) {
	doc, err := parser.ParseQuery(&ast.Source{Input: `
		query Fixed { documents(first: 5) { nodes { id } } }
		query Sized($n: Int) { documents(first: $n) { nodes { id } } }`})
	if err != nil {
		t.Fatal(err)
	}
	p := newParsed(doc)
	for _, tt := range []struct {
		op   string
		each bool // priced at every request
	}{{"Fixed", false}, {"Sized", true}} {
		op := doc.Operations.ForName(tt.op)
		prices := 0
		for i := range 3 {
			got := p.costOf(op, func() int { prices++; return 10 + i })
			want := 10
			if tt.each {
				want = 10 + i
			}
			if got != want {
				t.Errorf("%s: request %d cost %d, want %d", tt.op, i, got, want)
			}
		}
		if want := map[bool]int{false: 1, true: 3}[tt.each]; prices != want {
			t.Errorf("%s priced %d times in 3 requests, want %d", tt.op, prices, want)
		}
	}
}
