package traverse

import (
	"context"
	"fmt"

	"github.com/issgraph/issgraph/graph"
)

// Reader is what the traversals read: the Store's batched reads.
type Reader interface {
	GetNodes(ctx context.Context, ids []string) ([]*graph.Node, error)
	Edges(ctx context.Context, q graph.EdgeQuery) (map[string][]graph.Edge, error)
	Degrees(ctx context.Context, ids []string) ([]int, error)
}

// The helpers below split every batched read into chunks of at most
// graph.MaxBatchIDs ids, which is all a Store accepts in one call, and
// check the context before each chunk, so that a deadline stops a walk
// between two reads even when the Reader itself does not look at it.

// chunks calls fn with consecutive parts of ids of at most
// graph.MaxBatchIDs ids.
func chunks(ctx context.Context, op string, ids []string, fn func(part []string) error) error {
	for len(ids) > 0 {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("traverse: %s: %w", op, err)
		}
		n := min(len(ids), graph.MaxBatchIDs)
		if err := fn(ids[:n]); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

// nodes returns the nodes with the ids that exist, by id.
func nodes(ctx context.Context, r Reader, op string, ids []string) (map[string]graph.Node, error) {
	out := make(map[string]graph.Node, len(ids))
	err := chunks(ctx, op, ids, func(part []string) error {
		ns, err := r.GetNodes(ctx, part)
		if err != nil {
			return fmt.Errorf("traverse: %s: %w", op, err)
		}
		if len(ns) != len(part) {
			return fmt.Errorf("traverse: %s: GetNodes returned %d nodes for %d ids", op, len(ns), len(part))
		}
		for _, n := range ns {
			if n != nil {
				out[n.ID] = *n
			}
		}
		return nil
	})
	return out, err
}

// degrees returns the degree of each id, by id.
func degrees(ctx context.Context, r Reader, op string, ids []string) (map[string]int, error) {
	out := make(map[string]int, len(ids))
	err := chunks(ctx, op, ids, func(part []string) error {
		ds, err := r.Degrees(ctx, part)
		if err != nil {
			return fmt.Errorf("traverse: %s: %w", op, err)
		}
		if len(ds) != len(part) {
			return fmt.Errorf("traverse: %s: Degrees returned %d values for %d ids", op, len(ds), len(part))
		}
		for i, id := range part {
			out[id] = ds[i]
		}
		return nil
	})
	return out, err
}

// edges returns the edges of each id that has any, of the types (all when
// empty) that can be followed from it in dir.
func edges(ctx context.Context, r Reader, op string, ids []string, types []graph.EdgeType, dir graph.Direction) (map[string][]graph.Edge, error) {
	out := make(map[string][]graph.Edge, len(ids))
	err := chunks(ctx, op, ids, func(part []string) error {
		m, err := r.Edges(ctx, graph.EdgeQuery{IDs: part, Types: types, Direction: dir})
		if err != nil {
			return fmt.Errorf("traverse: %s: %w", op, err)
		}
		for id, es := range m {
			out[id] = es
		}
		return nil
	})
	return out, err
}

// mustExist fetches the node with the id, and reports a missing one as a
// validation error of field: an unknown id is the caller's mistake.
func mustExist(ctx context.Context, r Reader, op, field, id string) (graph.Node, error) {
	m, err := nodes(ctx, r, op, []string{id})
	if err != nil {
		return graph.Node{}, err
	}
	n, ok := m[id]
	if !ok {
		return graph.Node{}, noNode(field, id)
	}
	return n, nil
}

func noNode(field, id string) error {
	return &graph.ValidationError{Field: field, Reason: fmt.Sprintf("no node %q", id)}
}

// reverse is the direction that walks d's edges backwards.
func reverse(d graph.Direction) graph.Direction {
	switch d {
	case graph.Out:
		return graph.In
	case graph.In:
		return graph.Out
	}
	return d
}

// subgraphNodes fetches the nodes and degrees of ids and returns them in
// the order of ids with their distances. A node deleted while the walk ran
// is left out.
func subgraphNodes(ctx context.Context, r Reader, op string, ids []string, dist func(i int, id string) int) ([]graph.SubgraphNode, map[string]bool, error) {
	ns, err := nodes(ctx, r, op, ids)
	if err != nil {
		return nil, nil, err
	}
	ds, err := degrees(ctx, r, op, ids)
	if err != nil {
		return nil, nil, err
	}
	out := make([]graph.SubgraphNode, 0, len(ids))
	gone := map[string]bool{}
	for i, id := range ids {
		n, ok := ns[id]
		if !ok {
			gone[id] = true
			continue
		}
		out = append(out, graph.SubgraphNode{Node: n, Distance: dist(i, id), Degree: ds[id]})
	}
	return out, gone, nil
}

// Drawn returns the nodes with the ids that exist, as a subgraph draws
// them: with their degree, at distance dist, in the order of ids.
func Drawn(ctx context.Context, r Reader, ids []string, dist int) ([]graph.SubgraphNode, error) {
	sns, _, err := subgraphNodes(ctx, r, "draw", ids, func(int, string) int { return dist })
	return sns, err
}
