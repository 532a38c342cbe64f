package embedded

import (
	"context"
	"fmt"
	"slices"
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

// sortItem is a node's place in a list: its sort key and id.
type sortItem struct{ key, id string }

// ListNodes returns one page of the nodes that match q, ordered by
// graph.SortKey then id, both reversed when q.Desc.
//
// It makes one pass over the candidates, counting the matches and keeping
// the first q.First of those after the cursor in a small sorted slice, so a
// page costs O(n log q.First) rather than a sort of every match.
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
	order := func(a, b sortItem) int {
		c := strings.Compare(a.key, b.key)
		if c == 0 {
			c = strings.Compare(a.id, b.id)
		}
		if q.Desc {
			return -c
		}
		return c
	}
	var p graph.Page
	err = s.read(ctx, "list nodes", func() error {
		total, rest := 0, 0 // matches, and matches after the cursor
		page := make([]sortItem, 0, q.First+1)
		consider := func(n graph.Node) {
			if !q.Filter.Matches(n) {
				return
			}
			total++
			if after != nil && !after.After(n) {
				return
			}
			rest++
			it := sortItem{graph.SortKey(n, q.Sort), n.ID}
			if len(page) == q.First && order(it, page[len(page)-1]) >= 0 {
				return
			}
			i, _ := slices.BinarySearchFunc(page, it, order)
			page = slices.Insert(page, i, it)
			if len(page) > q.First {
				page = page[:q.First]
			}
		}
		if q.Kind != "" {
			for id := range s.byKind[q.Kind] {
				consider(s.nodes[id])
			}
		} else {
			for _, n := range s.nodes {
				consider(n)
			}
		}
		p = graph.Page{TotalCount: total, HasNextPage: rest > len(page), HasPrevPage: after != nil}
		for _, it := range page {
			p.Nodes = append(p.Nodes, s.nodes[it.id].Clone())
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
	var out map[string][]graph.Edge
	err = s.read(ctx, "edges", func() error {
		out = s.edgesOf(q)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// EdgesAndEnds returns Edges and the nodes at the other ends, under one
// read lock.
func (s *Store) EdgesAndEnds(ctx context.Context, q graph.EdgeQuery) (map[string][]graph.Edge, map[string]*graph.Node, error) {
	q, err := q.Normalize()
	if err != nil {
		return nil, nil, fmt.Errorf("embedded: edges and ends: %w", err)
	}
	var (
		out  map[string][]graph.Edge
		ends map[string]*graph.Node
	)
	err = s.read(ctx, "edges and ends", func() error {
		out = s.edgesOf(q)
		ends = map[string]*graph.Node{}
		for id, es := range out {
			for _, e := range es {
				other := e.Key().Other(id)
				if _, done := ends[other]; done {
					continue
				}
				if n, ok := s.nodes[other]; ok {
					c := n.Clone()
					ends[other] = &c
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, ends, nil
}

// edgesOf is Edges under the read lock, q normalized.
func (s *Store) edgesOf(q graph.EdgeQuery) map[string][]graph.Edge {
	out := map[string][]graph.Edge{}
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
	return out
}
