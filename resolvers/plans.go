package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/issgraph/issgraph/graph"
)

// A level's plan: what the loaders read for the objects a selection set
// selects, worked out from the selection set alone (fragments included,
// whatever their directives), so the same for every request that runs the
// document. A cached document keeps its plans (parsed.plans) for the
// requests after its first; an uncached one works them out each time.
type plan struct {
	sel   edgeSel // selectionSel: the edges its relationship fields follow
	known bool    // whether selectionSel knows them all
	cut   *levelCut
	node  *graph.Projection // nodeFields: what it reads of a node itself
	conn  *graph.Projection // connectionFields: of a connection's nodes
	// cursors reports whether a connection's selection may show a
	// cursor (its edges', or its pageInfo's): one that cannot is answered
	// without encoding any.
	cursors bool
	walk    graph.WalkCut // walkCut: of a subgraph's or a path's nodes and edges
}

// planKey is a selection set's identity, as the executor's collected
// fields key it.
type planKey struct {
	first *ast.Selection
	n     int
}

// planOf is the plan of ss, a selection set of the request's document.
// Plans are shared by every request of a document: nothing may write into
// one, or into what it points to.
func planOf(ctx context.Context, ss ast.SelectionSet) *plan {
	var doc *parsed
	if st := requestOf(ctx); st != nil {
		doc = st.doc
	}
	if doc == nil || len(ss) == 0 {
		return newPlan(ss)
	}
	k := planKey{&ss[0], len(ss)}
	if p, ok := doc.plans.Load(k); ok {
		return p.(*plan) // only planOf stores, and only plans
	}
	p, _ := doc.plans.LoadOrStore(k, newPlan(ss))
	return p.(*plan)
}

func newPlan(ss ast.SelectionSet) *plan {
	p := &plan{cut: selectionEnds(ss), node: nodeFields(ss), conn: connectionFields(ss), cursors: showsCursors(ss), walk: walkCut(ss)}
	p.sel, p.known = selectionSel(ss)
	return p
}

// levelPlan is the plan of the level of the relationship field fc: of
// the selection set of the field that returned its object. Without one
// (no parent field), its flight reads every edge, whole.
func levelPlan(ctx context.Context, fc *graphql.FieldContext) *plan {
	p := fc.Parent
	for p != nil && p.Field.Field == nil { // a list item's context
		p = p.Parent
	}
	if p == nil {
		return &plan{sel: every}
	}
	return planOf(ctx, p.Field.Selections)
}

// walkOf is the cut of the walk whose answer the field resolving in ctx
// returns (walkCut); whole nodes and edges outside a GraphQL field.
func walkOf(ctx context.Context) graph.WalkCut {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return graph.WalkCut{}
	}
	return planOf(ctx, fc.Field.Selections).walk
}

// showsCursors reports whether a connection whose selection is ss may show
// a cursor: an edge's, or any of its pageInfo (which holds two); true
// when it cannot tell.
func showsCursors(ss ast.SelectionSet) bool {
	shows := false
	known := eachField(ss, func(f *ast.Field) {
		switch f.Name {
		case "pageInfo":
			shows = true
		case "edges":
			if !eachField(f.SelectionSet, func(g *ast.Field) { shows = shows || g.Name == "cursor" }) {
				shows = true
			}
		}
	})
	return shows || !known
}
