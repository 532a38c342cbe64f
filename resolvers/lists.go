package resolvers

import (
	"context"
	"fmt"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/model"
	"github.com/issgraph/issgraph/graph/ref"
)

// MaxNodeIDs caps the ids of one nodes(ids:) query.
const MaxNodeIDs = 100

// canonicalRef parses a reference in any spelling and returns its canonical
// form. want, if set, is the kind of node the reference must name.
func canonicalRef(field, s string, want graph.Kind) (string, error) {
	r, err := ref.Parse(s)
	if err != nil {
		reason := err.Error()
		if ve, ok := asValidation(err); ok {
			reason = ve.Reason
		}
		return "", badInput(field, "%q is not a reference this service reads: %s", s, reason)
	}
	if want != "" && r.Kind() != want {
		return "", badInput(field, "%q is a %s reference, not a %s one", s, r.Kind(), want)
	}
	return r.String(), nil
}

// listNodes runs one list query for a connection field.
func (r *Resolver) listNodes(ctx context.Context, kind graph.Kind, filter *graph.Filter, sort *model.NodeSort, first *int, after *string) (graph.Page, graph.ListQuery, error) {
	q := graph.ListQuery{Kind: kind}
	if filter != nil {
		q.Filter = *filter
	}
	if q.Filter.Reference != "" {
		// A document's events carry the reference of the document they
		// produced; every other kind with a reference is named by it.
		want := kind
		if kind == graph.Event {
			want = graph.Document
		}
		canon, err := canonicalRef("filter.reference", q.Filter.Reference, want)
		if err != nil {
			return graph.Page{}, q, err
		}
		q.Filter.Reference = canon
	}
	if sort != nil {
		q.Sort, q.Desc = sort.Field, sort.Desc
	}
	if first != nil {
		if *first < 1 {
			return graph.Page{}, q, badInput("first", "must be between 1 and %d", graph.MaxPageSize)
		}
		q.First = *first
	}
	if after != nil {
		q.After = *after
	}
	q, err := q.Normalize()
	if err != nil {
		return graph.Page{}, q, err
	}
	page, err := r.store.ListNodes(ctx, q)
	if err != nil {
		return graph.Page{}, q, err
	}
	r.loadersFor(ctx).list(ctx, page.Nodes...)
	return page, q, nil
}

// connection turns a page into the parts of a Relay connection.
func connection[V, E any](page graph.Page, q graph.ListQuery, view func(graph.Node) V, edge func(cursor string, v V) E) ([]E, []V, *model.PageInfo) {
	edges := make([]E, len(page.Nodes))
	nodes := make([]V, len(page.Nodes))
	for i, n := range page.Nodes {
		nodes[i] = view(n)
		edges[i] = edge(graph.CursorOf(n, q).Encode(), nodes[i])
	}
	info := &model.PageInfo{HasNextPage: page.HasNextPage, HasPreviousPage: page.HasPrevPage}
	if page.StartCursor != "" {
		info.StartCursor = &page.StartCursor
	}
	if page.EndCursor != "" {
		info.EndCursor = &page.EndCursor
	}
	return edges, nodes, info
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

// byReference finds the node of kind k whose reference, or one of whose
// aliases, is the canonical form of ref; id or ref must be given, not both.
func (r *Resolver) byIDOrReference(ctx context.Context, k graph.Kind, id, reference *string) (*graph.Node, error) {
	switch {
	case (id == nil) == (reference == nil):
		return nil, badInput("", "give either id or reference")
	case id != nil:
		return r.lookup(ctx, *id, k)
	}
	canon, err := canonicalRef("reference", *reference, k)
	if err != nil {
		return nil, err
	}
	page, err := r.store.ListNodes(ctx, graph.ListQuery{Kind: k, Filter: graph.Filter{Reference: canon}, First: graph.MaxPageSize})
	if err != nil {
		return nil, err
	}
	if len(page.Nodes) == 0 {
		return nil, nil
	}
	// The node whose own reference it is wins over one that has it as an
	// alias.
	n := page.Nodes[0]
	for _, m := range page.Nodes {
		if m.Props.String("reference") == canon {
			n = m
			break
		}
	}
	r.loadersFor(ctx).list(ctx, n)
	return &n, nil
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
