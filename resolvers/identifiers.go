package resolvers

import (
	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/ref"
)

// identifiers serves every kind's identifiers field: graph/ref computes
// them from the node alone, so they cost no store call.
func identifiers(n graph.Node) []*graph.Identifier {
	ids := ref.Identifiers(n)
	out := make([]*graph.Identifier, len(ids))
	for i := range ids {
		out[i] = &ids[i]
	}
	return out
}

// links serves every kind's links field, like identifiers.
func links(n graph.Node) []*graph.Link {
	ls := ref.Links(n)
	out := make([]*graph.Link, len(ls))
	for i := range ls {
		out[i] = &ls[i]
	}
	return out
}
