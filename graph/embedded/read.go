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
		stored, ok := s.node(id)
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
		found := make([]graph.Node, 0, len(ids))
		for _, id := range ids {
			if n, ok := s.node(id); ok {
				found = append(found, n)
			}
		}
		cloneNodes(found)
		j := 0
		for i, id := range ids {
			if j < len(found) && found[j].ID == id {
				out[i] = &found[j]
				j++
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
		switch {
		case q.Filter.Reference != "":
			// The reference index holds every node the filter can
			// match.
			for _, i := range s.refs[q.Filter.Reference] {
				if n := s.nodes[i].node; q.Kind == "" || n.Kind == q.Kind {
					consider(n)
				}
			}
		case q.Kind != "":
			s.eachOfKind(q.Kind, func(n graph.Node) bool { consider(n); return true })
		default:
			s.eachNode(func(n graph.Node) bool { consider(n); return true })
		}
		if q.NoTotal {
			total = 0 // as on every store: counting here is free, but the answer is the same everywhere
		}
		p = graph.Page{TotalCount: total, HasNextPage: rest > len(page), HasPrevPage: after != nil}
		for _, it := range page {
			n, _ := s.node(it.id)
			p.Nodes = append(p.Nodes, n)
		}
		cloneNodes(p.Nodes)
		if len(p.Nodes) > 0 {
			p.StartCursor = graph.CursorOf(p.Nodes[0], q).Encode()
			p.EndCursor = graph.CursorOf(p.Nodes[len(p.Nodes)-1], q).Encode()
		}
		q.Fields.Cut(p.Nodes)
		return nil
	})
	return p, err
}

// GetEdge returns the edge with the key, or ErrNotFound.
func (s *Store) GetEdge(ctx context.Context, key graph.EdgeKey) (graph.Edge, error) {
	var e graph.Edge
	err := s.read(ctx, "get edge", func() error {
		stored, ok := s.edge(key)
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
		total := 0
		for _, es := range out {
			total += len(es)
		}
		// ns never grows past total, so ends may point into it at once.
		ns := make([]graph.Node, 0, total)
		ends = make(map[string]*graph.Node, total)
		for id, es := range out {
			for _, e := range es {
				other := e.Key().Other(id)
				if _, done := ends[other]; done {
					continue
				}
				if n, ok := s.node(other); ok {
					if q.Ends != nil {
						n = q.Ends.Of(n) // a copy
					}
					ns = append(ns, n)
					ends[other] = &ns[len(ns)-1]
				}
			}
		}
		if q.Ends == nil {
			cloneNodes(ns) // in place
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
	out := make(map[string][]graph.Edge, len(q.IDs))
	types := typesOf(q.Types)
	for _, id := range q.IDs {
		if _, done := out[id]; done {
			continue
		}
		i, ok := s.ids[id]
		if !ok {
			continue
		}
		es := s.sortedEdges(i, types, q.Direction)
		if q.Bare {
			for j := range es {
				es[j].Props, es[j].Sources = nil, nil
			}
		} else {
			cloneEdges(es)
		}
		if len(es) > 0 {
			out[id] = es
		}
	}
	return out
}

// cloneEdges replaces the properties and sources of es with copies the
// caller owns, as Edge.Clone does, but with the sources of them all in one
// allocation: a node's edges are read together, and an allocation per
// edge was most of what copying them cost.
func cloneEdges(es []graph.Edge) {
	cloneAll(es, func(e *graph.Edge) (*graph.Props, *[]graph.Source) { return &e.Props, &e.Sources })
}

// cloneNodes is cloneEdges for nodes, as Node.Clone.
func cloneNodes(ns []graph.Node) {
	cloneAll(ns, func(n *graph.Node) (*graph.Props, *[]graph.Source) { return &n.Props, &n.Sources })
}

// cloneAll copies the properties and sources that fields finds in each of
// xs, the sources into one slice. Each one's sources are capped at their
// own length, so that an append by the caller copies them instead of
// writing over the next one's.
func cloneAll[T any](xs []T, fields func(*T) (*graph.Props, *[]graph.Source)) {
	n := 0
	for j := range xs {
		_, src := fields(&xs[j])
		n += len(*src)
	}
	buf := make([]graph.Source, 0, n)
	for j := range xs {
		props, src := fields(&xs[j])
		*props = props.Clone()
		if len(*src) > 0 {
			k := len(buf)
			buf = append(buf, *src...)
			*src = buf[k:len(buf):len(buf)]
		}
	}
}
