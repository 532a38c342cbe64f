package resolvers

import (
	"context"
	"fmt"

	"github.com/issgraph/issgraph/graph"
)

// The relationship fields of the kinds. Their resolvers are generated from
// the kinds' specs (graph.KindSpec.Fields, *.generated.resolvers.go), each
// one call to one of these, naming the field; the field's spec says which
// edges it follows.

// fieldOf returns the spec of the relationship field name of n's kind. The
// generated resolvers only name fields of their kind's spec, so a miss is
// a bug.
func fieldOf(n graph.Node, name string) (graph.FieldSpec, error) {
	f, ok := graph.LookupField(n.Kind, name)
	if !ok {
		return f, fmt.Errorf("no relationship field %q on a %s", name, n.Kind)
	}
	return f, nil
}

// relatedNodes serves a field listing the nodes at the other end.
func relatedNodes[V graph.Entity](ctx context.Context, r *Resolver, n graph.Node, name string) ([]V, error) {
	f, err := fieldOf(n, name)
	if err != nil {
		return nil, err
	}
	vs, err := related[V](ctx, r, n.ID, f.Dir, f.Types...)
	if f.ByDate {
		vs = byDate(vs)
	}
	return vs, err
}

// firstNode serves a field holding the first of those nodes, or null.
func firstNode[V graph.Entity](ctx context.Context, r *Resolver, n graph.Node, name string) (V, error) {
	vs, err := relatedNodes[V](ctx, r, n, name)
	if err != nil || len(vs) == 0 {
		var zero V
		return zero, err
	}
	return vs[0], nil
}

// relatedEdges serves a field listing the edges, each wrapped by wrap in
// the typed relationship the field shows.
func relatedEdges[W any, T interface{ *W }](ctx context.Context, r *Resolver, n graph.Node, name string, wrap func(graph.Relationship) W) ([]T, error) {
	f, err := fieldOf(n, name)
	if err != nil {
		return nil, err
	}
	return ties[W, T](ctx, r, n.ID, f.Dir, f.Types, wrap)
}

// asRelationship shows an edge as the generic Relationship.
func asRelationship(rel graph.Relationship) graph.Relationship { return rel }

// viewAs wraps n in its kind's view as a V: a relationship connection's
// nodes are of the kinds its field reaches, so the view always is one.
func viewAs[V graph.Entity](n graph.Node) V {
	v, _ := graph.View(n).(V)
	return v
}
