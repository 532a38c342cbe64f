package generated

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// A FieldCache keeps what a selection collects for the next request, up
// to its bound, and a request without one collects its own.
func TestFieldCache(t *testing.T) {
	oc := &graphql.OperationContext{Doc: &ast.QueryDocument{}}
	set := func(names ...string) ast.SelectionSet {
		var ss ast.SelectionSet
		for _, n := range names {
			ss = append(ss, &ast.Field{Name: n, Alias: n})
		}
		return ss
	}
	small, large := set("id", "name"), set("id", "name", "kind")
	satisfies := []string{"Agency", "Node"}

	fc := NewFieldCache(4)
	ctx := WithFieldCache(context.Background(), fc)
	first := collectedFor(ctx, &collected{})
	if got := first.fields(oc, small, satisfies); len(got) != 2 {
		t.Fatalf("collected %d fields, want 2", len(got))
	}
	if fc.Len() != 2 {
		t.Fatalf("the cache keeps %d fields after one selection, want 2", fc.Len())
	}
	// Another request with the same cache finds them.
	second := collectedFor(ctx, &collected{})
	if second != first {
		t.Fatal("two requests with one FieldCache collect into different caches")
	}
	a, b := first.fields(oc, small, satisfies), second.fields(oc, small, satisfies)
	if &a[0] != &b[0] {
		t.Error("the second request collected the selection again")
	}
	// Past the bound, fields are collected but not kept.
	if got := first.fields(oc, large, satisfies); len(got) != 3 {
		t.Fatalf("collected %d fields, want 3", len(got))
	}
	if fc.Len() != 2 {
		t.Errorf("the cache keeps %d fields past its bound of 4, want 2", fc.Len())
	}
	// A request without a FieldCache has its own.
	own := &collected{}
	if got := collectedFor(context.Background(), own); got != own {
		t.Error("a request without a FieldCache does not collect into its own")
	}
}

// A document's FieldCache keeps the arguments of a field that holds no
// variable, parsed, for its next requests; a field whose arguments take a
// variable, or a request without a FieldCache, parses its own each time.
func TestFieldCacheKeepsConstantArguments(t *testing.T) {
	constField := graphql.CollectedField{Field: &ast.Field{Name: "node", Arguments: ast.ArgumentList{
		{Name: "id", Value: &ast.Value{Kind: ast.StringValue, Raw: "agency/europol"}},
	}}}
	varField := graphql.CollectedField{Field: &ast.Field{Name: "node", Arguments: ast.ArgumentList{
		{Name: "ids", Value: &ast.Value{Kind: ast.ListValue, Children: ast.ChildValueList{
			{Value: &ast.Value{Kind: ast.Variable, Raw: "id"}},
		}}},
	}}}
	args := map[string]any{"id": "agency/europol"}

	fc := NewFieldCache(8)
	c := collectedFor(WithFieldCache(context.Background(), fc), &collected{})
	c.keepArgs(constField, args)
	c.keepArgs(varField, map[string]any{"ids": []string{"x"}})
	if got, ok := c.constArgs(constField); !ok || got["id"] != "agency/europol" {
		t.Errorf("constant arguments: %v, %v; want them kept", got, ok)
	}
	if got, ok := c.constArgs(varField); ok {
		t.Errorf("arguments with a variable kept: %v", got)
	}
	own := &collected{}
	own.keepArgs(constField, args)
	if got, ok := own.constArgs(constField); ok {
		t.Errorf("a request's own collected keeps arguments: %v", got)
	}
}
