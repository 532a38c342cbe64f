package embedded

import (
	"context"
	"errors"
	"fmt"

	"github.com/issgraph/issgraph/graph"
)

// TODO(issue 5): Rank and Search are being implemented.
var errTODO = errors.New("embedded: not implemented yet")

// Degrees returns the number of edges at each id, in the order of ids.
func (s *Store) Degrees(ctx context.Context, ids []string) ([]int, error) {
	if len(ids) > graph.MaxBatchIDs {
		return nil, fmt.Errorf("embedded: degrees: %w",
			&graph.ValidationError{Field: "ids", Reason: fmt.Sprintf("%d ids, at most %d", len(ids), graph.MaxBatchIDs)})
	}
	out := make([]int, len(ids))
	err := s.read(ctx, "degrees", func() error {
		for i, id := range ids {
			// Edges never join a node to itself, so no edge is in both.
			out[i] = len(s.out[id]) + len(s.in[id])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) Rank(ctx context.Context, q graph.RankQuery) ([]graph.Ranked, error) {
	return nil, errTODO
}

func (s *Store) Search(ctx context.Context, q graph.SearchQuery) (graph.SearchPage, error) {
	return graph.SearchPage{}, errTODO
}
