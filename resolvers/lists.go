package resolvers

import (
	"context"
	"errors"
	"fmt"

	"github.com/99designs/gqlgen/graphql"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/model"
	"github.com/issgraph/issgraph/graph/ref"
)

// MaxNodeIDs caps the ids of one nodes(ids:) query.
const MaxNodeIDs = 100

// parseRefs parses a reference in any spelling, a CELEX number or an ELI
// included, into the references it may stand for, likeliest first
// (ref.Variants). want, if set, is the kind of node the reference must name.
func parseRefs(field, s string, want graph.Kind) ([]ref.Ref, error) {
	vs, err := ref.Variants(s)
	if err != nil {
		reason := err.Error()
		if ve, ok := asValidation(err); ok {
			reason = ve.Reason
		}
		return nil, badInput(field, "%q is not a reference this service reads: %s", s, reason)
	}
	if want != "" && vs[0].Kind() != want {
		return nil, badInput(field, "%q is a %s reference, not a %s one", s, vs[0].Kind(), want)
	}
	return vs, nil
}

// canonicalRef parses a reference in any spelling and returns its canonical
// form (the likeliest, for a CELEX number or an ELI that leaves the domain
// out). want, if set, is the kind of node the reference must name.
func canonicalRef(field, s string, want graph.Kind) (string, error) {
	vs, err := parseRefs(field, s, want)
	if err != nil {
		return "", err
	}
	return vs[0].String(), nil
}

// lookup returns the node with the id if it is of kind k (any kind when k
// is ""), or nil. A missing node is not an error.
func (r *Resolver) lookup(ctx context.Context, id string, k graph.Kind) (*graph.Node, error) {
	l := r.loadersFor(ctx)
	n, err := l.node(ctx, id)
	if err != nil || n == nil || (k != "" && n.Kind != k) {
		return nil, err
	}
	l.list(ctx, *n)
	return n, nil
}

// byIDOrReference finds the node of kind k with the id, or named by the
// reference: the node whose id the reference gives (trying each of
// ref.Variants in turn, in one read), else one that has the reference as an
// alias. id or reference must be given, not both.
func (r *Resolver) byIDOrReference(ctx context.Context, k graph.Kind, id, reference *string) (*graph.Node, error) {
	switch {
	case (id == nil) == (reference == nil):
		return nil, badInput("", "give either id or reference")
	case id != nil:
		return r.lookup(ctx, *id, k)
	}
	vs, err := parseRefs("reference", *reference, k)
	if err != nil {
		return nil, err
	}
	// By the reference (or an alias) first, from the reference index: one
	// store call for every node that states its reference. Only a node
	// that does not is looked for by the id its reference would give it.
	// No count: only the node is wanted.
	for _, v := range vs {
		q := graph.ListQuery{Kind: k, Filter: graph.Filter{Reference: v.String()}, First: 1, NoTotal: true}
		n, found, err := r.byReference(ctx, q)
		if err != nil || found {
			return n, err
		}
	}
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = v.ID()
	}
	ns, err := getNodes(ctx, r.store, ids)
	if err != nil {
		return nil, err
	}
	for _, n := range ns {
		if n != nil && n.Kind == k {
			r.loadersFor(ctx).list(ctx, *n)
			return n, nil
		}
	}
	return nil, nil
}

// byReference runs the lookup q of byIDOrReference, and lists the node it
// finds as the current field's cohort. When the field returns the node
// itself (document(reference:)) and selects relationships it knows, a
// store with graph.PageEdgesLister reads their edges with the node, and
// they are the cohort's flight: one store call, one round trip on Neo4j,
// where a lookup and then the relationships' flight take two.
func (r *Resolver) byReference(ctx context.Context, q graph.ListQuery) (*graph.Node, bool, error) {
	l := r.loadersFor(ctx)
	fc := graphql.GetFieldContext(ctx)
	itself := fc != nil && fc.Field.Field != nil && fc.Field.Definition != nil && fc.Field.Definition.Type.Name() == string(q.Kind)
	if itself {
		// Only what the selection reads of the node (nodeFields): it is
		// then partial, listed but not cached.
		q.Fields = planOf(ctx, fc.Field.Selections).node
	}
	list := func(n graph.Node) { l.listCut(ctx, "", q.Fields, []graph.Node{n}) }
	if pl, ok := r.store.(graph.PageEdgesLister); ok && itself {
		if p := planOf(ctx, fc.Field.Selections); p.known && p.sel.types&unknownType == 0 {
			sel, cut := p.sel, p.cut
			eq := levelQuery(sel, cut, nil)
			page, edges, ends, err := pl.ListNodesAndEdges(ctx, q, eq)
			switch {
			case errors.Is(err, graph.ErrSkip):
				// A wrapper over a store without it: the two calls.
			case err != nil:
				return nil, false, err
			case len(page.Nodes) == 0:
				return nil, false, nil
			default:
				n := page.Nodes[0]
				list(n)
				l.landed(namePath(fc), sel, cut, edges, ends)
				return &n, true, nil
			}
		}
	}
	page, err := r.store.ListNodes(ctx, q)
	if err != nil || len(page.Nodes) == 0 {
		return nil, false, err
	}
	n := page.Nodes[0]
	list(n)
	return &n, true, nil
}

// nodesByID serves nodes(ids:).
func (r *Resolver) nodesByID(ctx context.Context, ids []string) ([]graph.Entity, error) {
	if len(ids) > MaxNodeIDs {
		return nil, badInput("ids", "at most %d ids, got %d", MaxNodeIDs, len(ids))
	}
	ns, err := getNodes(ctx, r.store, ids)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Entity, len(ns))
	var found []graph.Node
	for i, n := range ns {
		if n != nil {
			out[i] = graph.View(*n)
			found = append(found, *n)
		}
	}
	r.loadersFor(ctx).list(ctx, found...)
	return out, nil
}

// stats serves stats: every kind and edge type, in allow-list order, with
// zeros.
func (r *Resolver) stats(ctx context.Context) (*model.GraphStats, error) {
	c, err := r.store.Count(ctx)
	if err != nil {
		return nil, err
	}
	s := &model.GraphStats{}
	for _, k := range graph.Kinds {
		s.ByKind = append(s.ByKind, &model.KindCount{Kind: k.Kind, Count: c.Nodes[k.Kind]})
		s.Nodes += c.Nodes[k.Kind]
	}
	for _, t := range graph.EdgeTypes {
		s.ByEdgeType = append(s.ByEdgeType, &model.EdgeTypeCount{Type: t.Type, Count: c.Edges[t.Type]})
		s.Edges += c.Edges[t.Type]
	}
	return s, nil
}

func nodeNotFound(id string) error {
	return &apiError{code: CodeNotFound, msg: fmt.Sprintf("node %q not found", id)}
}
