package generated

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

type testKey string

// A fieldCtx is what graphql.WithFieldContext makes, to gqlgen and to the
// context package: GetFieldContext finds its FieldContext, whose Parent
// is the one under it, values and cancellation pass through it, and a
// field context made above it has it as Parent.
func TestFieldCtxIsAFieldContext(t *testing.T) {
	base, cancel := context.WithCancel(context.WithValue(context.Background(), testKey("k"), "v"))
	parent := &graphql.FieldContext{Object: "Parent"}
	under := graphql.WithFieldContext(base, parent)

	ctx, fc := withFieldContext(under, &graphql.FieldContext{Object: "Field"}, nil)
	var items [2]fieldCtx
	item := items[1].hold(under, graphql.FieldContext{Object: "Item"}, nil)
	for name, tt := range map[string]struct {
		ctx  context.Context
		want *graphql.FieldContext
	}{"withFieldContext": {ctx, fc}, "hold": {item, &items[1].fc}} {
		if got := graphql.GetFieldContext(tt.ctx); got != tt.want || got.Parent != parent {
			t.Errorf("%s: GetFieldContext %p (parent %p), want %p (parent %p)", name, got, got.Parent, tt.want, parent)
		}
		if got := tt.ctx.Value(testKey("k")); got != "v" {
			t.Errorf("%s: a value under it is %v", name, got)
		}
		above := context.WithValue(tt.ctx, testKey("above"), 1)
		if got := graphql.GetFieldContext(above); got != tt.want {
			t.Errorf("%s: through a value above it, GetFieldContext is %p, want %p", name, got, tt.want)
		}
		child := &graphql.FieldContext{Object: "Child"}
		graphql.WithFieldContext(above, child)
		if child.Parent != tt.want {
			t.Errorf("%s: a field context above it has parent %p, want %p", name, child.Parent, tt.want)
		}
	}
	if fc.Object != "Field" || items[1].fc.Object != "Item" {
		t.Errorf("the field contexts held are %q and %q", fc.Object, items[1].fc.Object)
	}

	// Cancellation passes through: from under it, and to what is made
	// from it.
	derived, stop := context.WithCancel(ctx)
	defer stop()
	cancel()
	<-derived.Done()
	<-item.Done()
	if derived.Err() != context.Canceled {
		t.Errorf("derived context: %v", derived.Err())
	}
}

type requestKey struct{}

// A field's context answers RequestKey with the value the execution read
// at its start, as a lookup through the contexts under it would, and
// passes every other key on.
func TestFieldCtxAnswersRequestKey(t *testing.T) {
	defer func(k any) { RequestKey = k }(RequestKey)
	RequestKey = requestKey{}
	state := &struct{ n int }{}
	base := context.WithValue(context.WithValue(context.Background(), requestKey{}, state), testKey("k"), "v")
	ctx, _ := withFieldContext(base, &graphql.FieldContext{Object: "Field"}, state)
	var items [1]fieldCtx
	item := items[0].hold(ctx, graphql.FieldContext{Object: "Item"}, state)
	for name, c := range map[string]context.Context{"withFieldContext": ctx, "hold": item} {
		if got := c.Value(requestKey{}); got != state {
			t.Errorf("%s: RequestKey's value %v, want %v", name, got, state)
		}
		if got := c.Value(testKey("k")); got != "v" {
			t.Errorf("%s: another key's value %v", name, got)
		}
	}
	// Without one held (an execution whose context has none), the lookup
	// goes on down.
	bare, _ := withFieldContext(base, &graphql.FieldContext{}, nil)
	if got := bare.Value(requestKey{}); got != state {
		t.Errorf("without a value held: %v, want %v", got, state)
	}
}
