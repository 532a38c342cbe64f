package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/model"
	"github.com/issgraph/issgraph/graph/traverse"
)

// The analyst queries. The GraphQL fields (analysis.resolvers.go) and GET
// /export/subgraph (export.go) both build a graph query and call these, so
// they validate and answer alike.

// neighbourhood serves neighbourhood and the export of one.
func (r *Resolver) neighbourhood(ctx context.Context, q graph.NeighbourhoodQuery) (graph.Subgraph, error) {
	sg, err := traverse.Neighbourhood(ctx, r.store, q, r.limits)
	if err != nil {
		return graph.Subgraph{}, storeErr(err, "neighbourhood")
	}
	r.walkCohort(ctx, q.Cut, sg.Nodes)
	return sg, nil
}

// expand serves expand and its export.
func (r *Resolver) expand(ctx context.Context, q graph.ExpandQuery) (graph.Expansion, error) {
	x, err := traverse.Expand(ctx, r.store, q)
	if err != nil {
		return graph.Expansion{}, storeErr(err, "expand")
	}
	r.cohort(ctx, ".nodes.node", subgraphNodes(x.Nodes)...)
	return x, nil
}

// paths serves shortestPath, allShortestPaths and their export.
func (r *Resolver) paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	ps, err := traverse.ShortestPaths(ctx, r.store, q, r.limits)
	if err != nil {
		return nil, storeErr(err, "path")
	}
	var ns []graph.SubgraphNode
	for _, p := range ps {
		ns = append(ns, p.Nodes...)
	}
	r.walkCohort(ctx, q.Cut, ns)
	return ps, nil
}

// citations serves citations and its export. The document is named by its
// reference in any spelling, or by its id.
func (r *Resolver) citations(ctx context.Context, reference, id *string, q graph.CitationQuery) (graph.Subgraph, error) {
	doc, err := r.byIDOrReference(ctx, graph.Document, id, reference)
	if err != nil {
		return graph.Subgraph{}, err
	}
	if doc == nil {
		field, what := "reference", ""
		if reference != nil {
			what = *reference
		} else {
			field, what = "id", *id
		}
		return graph.Subgraph{}, badInput(field, "no document %q", what)
	}
	q.ID = doc.ID
	sg, err := traverse.Citations(ctx, r.store, q, r.limits)
	if err != nil {
		return graph.Subgraph{}, storeErr(err, "citations")
	}
	r.walkCohort(ctx, q.Cut, sg.Nodes)
	return sg, nil
}

// timeline serves timeline: of a procedure named by its reference, or of
// any node named by its id.
func (r *Resolver) timeline(ctx context.Context, procedure, id *string, q graph.TimelineQuery) (graph.Timeline, error) {
	switch {
	case (procedure == nil) == (id == nil):
		return graph.Timeline{}, badInput("", "give either procedure or id")
	case procedure != nil:
		p, err := r.byIDOrReference(ctx, graph.Procedure, nil, procedure)
		if err != nil {
			return graph.Timeline{}, err
		}
		if p == nil {
			return graph.Timeline{}, badInput("procedure", "no procedure %q", *procedure)
		}
		q.ID = p.ID
	default:
		q.ID = *id
	}
	tl, err := traverse.Timeline(ctx, r.store, q)
	if err != nil {
		return graph.Timeline{}, storeErr(err, "timeline")
	}
	ns := make([]graph.Node, len(tl.Entries))
	for i, e := range tl.Entries {
		ns[i] = e.Node
	}
	r.cohort(ctx, ".entries.node", ns...)
	return tl, nil
}

// search serves search.
func (r *Resolver) search(ctx context.Context, q graph.SearchQuery) (*model.SearchConnection, error) {
	cursors := true
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Field.Field != nil {
		// Only what the selection reads of the hits' nodes: they are
		// then partial, listed but not cached.
		p := planOf(ctx, fc.Field.Selections)
		q.Fields, cursors = p.conn, p.cursors
	}
	page, err := r.store.Search(ctx, q)
	if err != nil {
		return nil, storeErr(err, "search")
	}
	conn := &model.SearchConnection{PageInfo: &model.PageInfo{
		HasNextPage:     page.HasNextPage,
		HasPreviousPage: page.Offset > 0,
	}}
	ns := make([]graph.Node, len(page.Hits))
	for i, h := range page.Hits {
		ns[i] = h.Node
		e := &model.SearchEdge{Node: graph.View(h.Node), Score: h.Score, Field: h.Field}
		if cursors {
			e.Cursor = page.Cursor(q, i)
		}
		conn.Edges = append(conn.Edges, e)
	}
	if n := len(conn.Edges); n > 0 {
		conn.PageInfo.StartCursor = &conn.Edges[0].Cursor
		conn.PageInfo.EndCursor = &conn.Edges[n-1].Cursor
	}
	r.loadersFor(ctx).listCut(ctx, ".edges.node", q.Fields, ns)
	return conn, nil
}

// rank serves the rankings of stats.
func (r *Resolver) rank(ctx context.Context, q graph.RankQuery) ([]*model.RankedNode, error) {
	ranked, err := r.store.Rank(ctx, q)
	if ve, ok := asValidation(err); ok && ve.Field == "limit" {
		// The API calls the domain's limit first.
		return nil, badInput("first", "invalid first: %s", ve.Reason)
	}
	if err != nil {
		return nil, storeErr(err, "ranking")
	}
	out := make([]*model.RankedNode, len(ranked))
	ns := make([]graph.Node, len(ranked))
	for i, x := range ranked {
		out[i] = &model.RankedNode{Rank: i + 1, Node: graph.View(x.Node), Score: x.Score}
		ns[i] = x.Node
	}
	r.cohort(ctx, ".node", ns...)
	return out, nil
}

// cohort caches nodes a result holds and makes them the cohort of the
// field at suffix below the current one, so that their relationships load
// in one batch however many there are.
func (r *Resolver) cohort(ctx context.Context, suffix string, ns ...graph.Node) {
	r.loadersFor(ctx).listAt(ctx, suffix, ns...)
}

// walkCohort lists the nodes of a walk's answer for their node fields
// (cohort), unless the walk cut them: a partial node is never cached, and
// a selection that shows a node field has its nodes whole (walkCut).
func (r *Resolver) walkCohort(ctx context.Context, cut graph.WalkCut, sns []graph.SubgraphNode) {
	if cut.Nodes == nil {
		r.cohort(ctx, ".nodes.node", subgraphNodes(sns)...)
	}
}

func subgraphNodes(sns []graph.SubgraphNode) []graph.Node {
	ns := make([]graph.Node, len(sns))
	for i, n := range sns {
		ns[i] = n.Node
	}
	return ns
}

// deref returns *p, or def when p is nil.
func deref[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

// count reads an optional count argument (depth, limit, first): def when
// omitted, an error below 1, since the domain reads 0 as "the default".
func count(field string, p *int, def int) (int, error) {
	switch {
	case p == nil:
		return def, nil
	case *p < 1:
		return 0, badInput(field, "%s must be at least 1", field)
	}
	return *p, nil
}

// counts reads several count arguments, stopping at the first error.
type counts struct{ err error }

func (c *counts) get(field string, p *int, def int) int {
	n, err := count(field, p, def)
	if c.err == nil {
		c.err = err
	}
	return n
}
