package embedded

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/search"
)

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
			if n, ok := s.ids[id]; ok {
				out[i] = len(s.nodes[n].out) + len(s.nodes[n].in)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Rank returns the top q.Limit nodes by q.Measure, ordered by
// graph.CompareRanked.
func (s *Store) Rank(ctx context.Context, q graph.RankQuery) ([]graph.Ranked, error) {
	q, err := q.Normalize()
	if err != nil {
		return nil, fmt.Errorf("embedded: rank: %w", err)
	}
	if q.Measure == graph.MeasurePageRank {
		return s.rankPageRank(ctx, q)
	}
	var top []graph.Ranked
	err = s.read(ctx, "rank", func() error {
		top = make([]graph.Ranked, 0, q.Limit+1)
		types := typesOf(q.Types)
		s.candidates(q, func(i uint32) {
			top = keepTop(top, graph.Ranked{Node: s.nodes[i].node, Score: float64(s.degreeOf(i, types, q.Direction))}, q.Limit)
		})
		for i := range top {
			top[i].Node = top[i].Node.Clone()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return top, nil
}

// candidates calls fn with the number of every node of q.Kinds (all when
// empty) whose id starts with q.IDPrefix. It runs under the read lock.
func (s *Store) candidates(q graph.RankQuery, fn func(uint32)) {
	if len(q.Kinds) == 0 {
		for i := range s.nodes {
			if id := s.nodes[i].node.ID; id != "" && strings.HasPrefix(id, q.IDPrefix) {
				fn(uint32(i))
			}
		}
		return
	}
	for _, k := range q.Kinds {
		for i := range s.byKind[k] {
			if strings.HasPrefix(s.nodes[i].node.ID, q.IDPrefix) {
				fn(i)
			}
		}
	}
}

// keepTop inserts r into top, kept in graph.CompareRanked order and cut
// at limit, so that ranking n candidates costs O(n log limit).
func keepTop(top []graph.Ranked, r graph.Ranked, limit int) []graph.Ranked {
	if len(top) == limit && graph.CompareRanked(r, top[len(top)-1]) >= 0 {
		return top
	}
	i, _ := slices.BinarySearchFunc(top, r, graph.CompareRanked)
	top = slices.Insert(top, i, r)
	if len(top) > limit {
		top = top[:limit]
	}
	return top
}

// Search returns one page of the nodes that match q.Text, best first, ties
// by id. See textIndex for what is indexed and how hits are scored.
func (s *Store) Search(ctx context.Context, q graph.SearchQuery) (graph.SearchPage, error) {
	q, err := q.Normalize()
	if err != nil {
		return graph.SearchPage{}, fmt.Errorf("embedded: search: %w", err)
	}
	parsed := search.Parse(q.Text, q.Kinds)
	page := graph.SearchPage{Offset: q.Offset}
	if err := s.WaitIndexed(ctx); err != nil {
		return graph.SearchPage{}, fmt.Errorf("embedded: search: %w", ctx.Err())
	}
	err = s.read(ctx, "search", func() error {
		if parsed.Empty() {
			return nil
		}
		// One hit more than the page tells whether another follows.
		hits, err := s.text.search(ctx, parsed, q.Offset, q.First+1, func(n uint32) *graph.Node { return &s.nodes[n].node })
		if err != nil {
			return fmt.Errorf("embedded: search: %w", err)
		}
		page.HasNextPage = len(hits) > q.First && q.Offset+q.First < graph.MaxSearchWindow
		for _, h := range hits[:min(len(hits), q.First)] {
			n, ok := s.node(h.id)
			if !ok {
				// The index changes with the maps under the same
				// lock, so every hit has its node; skip one that
				// would not rather than fail.
				continue
			}
			hit := graph.SearchHit{Score: h.score, Field: search.Matched(n, parsed)}
			if q.Fields != nil {
				hit.Node = q.Fields.Of(n)
			} else {
				hit.Node = n.Clone()
			}
			page.Hits = append(page.Hits, hit)
		}
		return nil
	})
	if err != nil {
		return graph.SearchPage{}, err
	}
	return page, nil
}
