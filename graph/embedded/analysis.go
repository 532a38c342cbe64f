package embedded

import (
	"context"
	"errors"

	"github.com/issgraph/issgraph/graph"
)

// TODO(issue 5): being implemented.
var errTODO = errors.New("embedded: not implemented yet")

func (s *Store) Degrees(ctx context.Context, ids []string) ([]int, error) { return nil, errTODO }
func (s *Store) Rank(ctx context.Context, q graph.RankQuery) ([]graph.Ranked, error) {
	return nil, errTODO
}
func (s *Store) Search(ctx context.Context, q graph.SearchQuery) (graph.SearchPage, error) {
	return graph.SearchPage{}, errTODO
}
