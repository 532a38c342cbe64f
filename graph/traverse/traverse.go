package traverse

import (
	"context"
	"errors"

	"github.com/issgraph/issgraph/graph"
)

// Reader is what the traversals read: the Store's batched reads.
type Reader interface {
	GetNodes(ctx context.Context, ids []string) ([]*graph.Node, error)
	Edges(ctx context.Context, q graph.EdgeQuery) (map[string][]graph.Edge, error)
	Degrees(ctx context.Context, ids []string) ([]int, error)
}

var errTODO = errors.New("traverse: not implemented yet")

// Neighbourhood returns the nodes within q.Depth steps of q.ID.
func Neighbourhood(ctx context.Context, r Reader, q graph.NeighbourhoodQuery, l graph.Limits) (graph.Subgraph, error) {
	return graph.Subgraph{}, errTODO
}

// ShortestPaths returns the shortest paths from q.From to q.To; nil, nil
// when there is no path within q.MaxDepth.
func ShortestPaths(ctx context.Context, r Reader, q graph.PathQuery, l graph.Limits) ([]graph.Path, error) {
	return nil, errTODO
}

// Citations returns the citation chain of a document.
func Citations(ctx context.Context, r Reader, q graph.CitationQuery, l graph.Limits) (graph.Subgraph, error) {
	return graph.Subgraph{}, errTODO
}

// Timeline returns the dated items of a node.
func Timeline(ctx context.Context, r Reader, q graph.TimelineQuery) (graph.Timeline, error) {
	return graph.Timeline{}, errTODO
}
