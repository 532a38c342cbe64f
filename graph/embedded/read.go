package embedded

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// GetNode returns the node with the id, or ErrNotFound.
func (s *Store) GetNode(ctx context.Context, id string) (graph.Node, error) {
	var n graph.Node
	err := s.read(ctx, "get node", func() error {
		stored, ok := s.nodes[id]
		if !ok {
			return fmt.Errorf("embedded: get node %q: %w", id, graph.ErrNotFound)
		}
		n = stored.Clone()
		return nil
	})
	return n, err
}

// GetNodes returns the nodes with the ids, in order, nil where one does not
// exist.
func (s *Store) GetNodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	if len(ids) > graph.MaxBatchIDs {
		return nil, fmt.Errorf("embedded: get nodes: %w",
			&graph.ValidationError{Field: "ids", Reason: fmt.Sprintf("%d ids, at most %d", len(ids), graph.MaxBatchIDs)})
	}
	out := make([]*graph.Node, len(ids))
	err := s.read(ctx, "get nodes", func() error {
		for i, id := range ids {
			if n, ok := s.nodes[id]; ok {
				c := n.Clone()
				out[i] = &c
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// sortItem is a node with its sort key computed once.
type sortItem struct {
	key string
	n   *graph.Node
}

// ListNodes returns one page of the nodes that match q, ordered by
// graph.SortKey then id, both reversed when q.Desc.
func (s *Store) ListNodes(ctx context.Context, q graph.ListQuery) (graph.Page, error) {
	q, err := q.Normalize()
	if err != nil {
		return graph.Page{}, fmt.Errorf("embedded: list nodes: %w", err)
	}
	var after *graph.Cursor
	if q.After != "" {
		c, err := graph.DecodeCursor(q.After) // Normalize has checked it
		if err != nil {
			return graph.Page{}, fmt.Errorf("embedded: list nodes: %w", err)
		}
		after = &c
	}
	var p graph.Page
	err = s.read(ctx, "list nodes", func() error {
		var items []sortItem
		consider := func(id string) {
			n := s.nodes[id]
			if q.Filter.Matches(n) {
				items = append(items, sortItem{graph.SortKey(n, q.Sort), &n})
			}
		}
		if q.Kind != "" {
			for id := range s.byKind[q.Kind] {
				consider(id)
			}
		} else {
			for id := range s.nodes {
				consider(id)
			}
		}
		slices.SortFunc(items, func(a, b sortItem) int {
			c := strings.Compare(a.key, b.key)
			if c == 0 {
				c = strings.Compare(a.n.ID, b.n.ID)
			}
			if q.Desc {
				return -c
			}
			return c
		})
		start := 0
		if after != nil {
			// The list is in the cursor's order, so the nodes after it
			// are a suffix.
			start = sort.Search(len(items), func(i int) bool { return after.After(*items[i].n) })
		}
		end := min(start+q.First, len(items))
		p = graph.Page{
			TotalCount:  len(items),
			HasNextPage: end < len(items),
			HasPrevPage: after != nil,
		}
		for _, it := range items[start:end] {
			p.Nodes = append(p.Nodes, it.n.Clone())
		}
		if len(p.Nodes) > 0 {
			p.StartCursor = graph.CursorOf(p.Nodes[0], q).Encode()
			p.EndCursor = graph.CursorOf(p.Nodes[len(p.Nodes)-1], q).Encode()
		}
		return nil
	})
	return p, err
}

// GetEdge returns the edge with the key, or ErrNotFound.
func (s *Store) GetEdge(ctx context.Context, key graph.EdgeKey) (graph.Edge, error) {
	var e graph.Edge
	err := s.read(ctx, "get edge", func() error {
		stored, ok := s.edges[key]
		if !ok {
			return fmt.Errorf("embedded: get edge %s: %w", key, graph.ErrNotFound)
		}
		e = stored.Clone()
		return nil
	})
	return e, err
}

// Edges returns the matching edges of each id that has any, ordered by
// graph.CompareEdges.
func (s *Store) Edges(ctx context.Context, q graph.EdgeQuery) (map[string][]graph.Edge, error) {
	q, err := q.Normalize()
	if err != nil {
		return nil, fmt.Errorf("embedded: edges: %w", err)
	}
	out := map[string][]graph.Edge{}
	err = s.read(ctx, "edges", func() error {
		for _, id := range q.IDs {
			if _, done := out[id]; done {
				continue
			}
			var es []graph.Edge
			collect := func(set map[graph.EdgeKey]struct{}) {
				for k := range set {
					if len(q.Types) == 0 || slices.Contains(q.Types, k.Type) {
						es = append(es, s.edges[k].Clone())
					}
				}
			}
			if q.Direction != graph.In {
				collect(s.out[id])
			}
			if q.Direction != graph.Out {
				collect(s.in[id])
			}
			if len(es) > 0 {
				slices.SortFunc(es, graph.CompareEdges)
				out[id] = es
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
