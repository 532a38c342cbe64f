package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/issgraph/issgraph/graph"
)

// GetEdge returns the edge with the key, or ErrNotFound.
func (s *Store) GetEdge(ctx context.Context, key graph.EdgeKey) (graph.Edge, error) {
	var e graph.Edge
	err := s.readOne(ctx, "get edge "+key.String(), func(q querier) error {
		st, err := s.cat.get("get_edge")
		if err != nil {
			return err
		}
		res, err := q.run(ctx, st, keyParams(key))
		if err != nil {
			return err
		}
		if len(res.records) == 0 {
			return graph.ErrNotFound
		}
		e, err = edgeFromRecord(res.records[0])
		return err
	})
	if err != nil {
		return graph.Edge{}, err
	}
	return e, nil
}

func keyParams(k graph.EdgeKey) map[string]any {
	return map[string]any{"from": k.From, "to": k.To, "type": string(k.Type)}
}

// CreateEdge stores a new edge, or returns ErrConflict if the key exists.
func (s *Store) CreateEdge(ctx context.Context, e graph.Edge) error {
	return s.writeEdge(ctx, "create edge", "create_edge", e)
}

// PutEdge creates or replaces the edge.
func (s *Store) PutEdge(ctx context.Context, e graph.Edge) error {
	return s.writeEdge(ctx, "put edge", "put_edge", e)
}

// writeEdge validates e, checks in the write transaction that both ends
// exist with kinds the type allows, then runs the named statement of e's
// type.
func (s *Store) writeEdge(ctx context.Context, verb, name string, e graph.Edge) error {
	op := verb + " " + e.Key().String()
	if err := e.Validate(); err != nil {
		return fmt.Errorf("neo4jstore: %s: %w", op, err)
	}
	return s.write(ctx, op, func(q querier) error {
		kinds, err := s.nodeKinds(ctx, q, []string{e.From, e.To})
		if err != nil {
			return err
		}
		if err := checkEndpoints(e, kinds); err != nil {
			return err
		}
		st, err := s.cat.forType(name, e.Type)
		if err != nil {
			return err
		}
		res, err := q.run(ctx, st, map[string]any{"from": e.From, "to": e.To, "props": edgeProps(e)})
		if err != nil {
			return err
		}
		n, err := matched(res, name)
		if err != nil {
			return err
		}
		if n == 0 {
			// Both ends were there when checked above; another
			// transaction deleted one since, and nothing was written.
			return fmt.Errorf("an end node was deleted meanwhile: %w", graph.ErrNotFound)
		}
		if name == "create_edge" && res.relationshipsCreated == 0 {
			return fmt.Errorf("key exists: %w", graph.ErrConflict)
		}
		return nil
	})
}

// matched reads the one row of an edge write: how many of its rows found
// both end nodes, and so were written.
func matched(res result, name string) (int64, error) {
	if len(res.records) != 1 {
		return 0, recordErr("%s returned %d rows, want 1", name, len(res.records))
	}
	return intValue(res.records[0], "matched")
}

// checkEndpoints checks that both ends of e are known, with the kinds
// given, and that e's type allows them.
func checkEndpoints(e graph.Edge, kinds map[string]graph.Kind) error {
	from, ok := kinds[e.From]
	if !ok {
		return fmt.Errorf("node %q: %w", e.From, graph.ErrNotFound)
	}
	to, ok := kinds[e.To]
	if !ok {
		return fmt.Errorf("node %q: %w", e.To, graph.ErrNotFound)
	}
	return graph.ValidateEndpoints(e.Type, from, to)
}

// DeleteEdge removes the edge, or returns ErrNotFound.
func (s *Store) DeleteEdge(ctx context.Context, key graph.EdgeKey) error {
	return s.write(ctx, "delete edge "+key.String(), func(q querier) error {
		return s.deleteOne(ctx, q, "delete_edge", keyParams(key))
	})
}

// Edges returns each id's matching edges ordered by graph.CompareEdges.
func (s *Store) Edges(ctx context.Context, q graph.EdgeQuery) (map[string][]graph.Edge, error) {
	out, _, err := s.edgesAndEnds(ctx, "edges", q, false)
	return out, err
}

// EdgesAndEnds returns Edges and the nodes at the other ends, read by one
// statement.
func (s *Store) EdgesAndEnds(ctx context.Context, q graph.EdgeQuery) (map[string][]graph.Edge, map[string]*graph.Node, error) {
	return s.edgesAndEnds(ctx, "edges and ends", q, true)
}

// edgesAndEnds runs the edges statement of q's direction, with the other
// ends when ends is set, and orders each id's edges by graph.CompareEdges.
func (s *Store) edgesAndEnds(ctx context.Context, op string, q graph.EdgeQuery, ends bool) (map[string][]graph.Edge, map[string]*graph.Node, error) {
	q, err := q.Normalize()
	if err != nil {
		return nil, nil, fmt.Errorf("neo4jstore: %s: %w", op, err)
	}
	out, others := map[string][]graph.Edge{}, map[string]*graph.Node{}
	if len(q.IDs) == 0 {
		if s.closed.Load() {
			return nil, nil, fmt.Errorf("neo4jstore: %s: %w", op, ErrClosed)
		}
		return out, others, nil
	}
	name := map[graph.Direction]string{graph.Out: "out", graph.In: "in", graph.Both: "both"}[q.Direction]
	params := map[string]any{"ids": distinct(q.IDs), "types": edgeTypeNames(q.Types), "bare": q.Bare}
	var keys []string // with q.Ends: the stored keys the projection reads
	if ends {
		name = "edges_ends_" + name
		keys = endsParams(params, q.Ends)
	} else {
		name = "edges_" + name
	}
	err = s.readOne(ctx, op, func(tx querier) error {
		out, others = map[string][]graph.Edge{}, map[string]*graph.Node{}
		st, err := s.cat.get(name)
		if err != nil {
			return err
		}
		res, err := tx.run(ctx, st, declared(st, params))
		if err != nil {
			return err
		}
		for _, rec := range res.records {
			id, err := stringValue(rec, "id")
			if err != nil {
				return err
			}
			if !ends {
				e, err := edgeFromRecord(rec)
				if err != nil {
					return err
				}
				out[id] = append(out[id], e)
				continue
			}
			if err := addEdgeRow(rec, id, keys, out, others); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	sortEdges(out)
	return out, others, nil
}

// sortEdges orders each id's edges by graph.CompareEdges.
func sortEdges(edges map[string][]graph.Edge) {
	for _, es := range edges {
		slices.SortFunc(es, graph.CompareEdges)
	}
}

// endsParams sets the parameters of __ENDS__ for the projection p (nil:
// whole nodes) and returns the stored keys it reads, nil for whole nodes.
func endsParams(params map[string]any, p *graph.Projection) []string {
	return projectionParams(params, "keys", "sources", p)
}

// projectionParams sets the parameters keys and sources of a projection
// (endsProjection) to p, nil for whole nodes, and returns the stored keys
// it reads, nil for whole nodes.
func projectionParams(params map[string]any, keys, sources string, p *graph.Projection) []string {
	if p == nil {
		params[keys], params[sources] = nil, false
		return nil
	}
	k := projectionKeys(p)
	params[keys], params[sources] = k, p.Sources
	return k
}

// addEdgeRow adds the edge of a row of edges and their ends (r, from, to,
// and the node at the other end under "m": __ENDS__, read with keys) to
// id's edges, and its other end to others once; an end deleted meanwhile
// is left out, as a missing one.
func addEdgeRow(rec *neo4j.Record, id string, keys []string, out map[string][]graph.Edge, others map[string]*graph.Node) error {
	e, err := edgeFromRecord(rec)
	if err != nil {
		return err
	}
	out[id] = append(out[id], e)
	other := e.Key().Other(id)
	if _, done := others[other]; done {
		return nil
	}
	var n graph.Node
	if keys != nil {
		n, err = projectedNode(rec, "m", keys)
	} else {
		n, err = nodeFromRecord(rec, "m")
	}
	switch {
	case errors.Is(err, errDeleted):
		// Deleted by another transaction since the match (read
		// committed): an end that does not exist.
	case err != nil:
		return err
	default:
		others[other] = &n
	}
	return nil
}

// edgeTypeNames is the $types parameter of the edge statements.
func edgeTypeNames(ts []graph.EdgeType) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t)
	}
	return out
}
