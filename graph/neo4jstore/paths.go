package neo4jstore

import (
	"context"
	"errors"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/issgraph/issgraph/graph"
)

// ShortestPathSet finds every shortest path of q, a normalised query with
// From != To, in one read statement (paths.cypher) instead of the read per
// level of traverse's search: on a server a round trip costs more than the
// search. It returns at most max+1 paths, in no order, their nodes with
// their degree and their position as Distance, and the ids of q.From and
// q.To that are not stored; traverse.ShortestPaths orders the paths, cuts
// them to q.Limit, and searches itself when there are more than max.
func (s *Store) ShortestPathSet(ctx context.Context, q graph.PathQuery, max int) (paths []graph.Path, missing []string, err error) {
	const op = "shortest paths"
	name := map[graph.Direction]string{graph.Out: "shortest_paths_out", graph.In: "shortest_paths_in", graph.Both: "shortest_paths_both"}[q.Direction]
	if name == "" || q.From == q.To || q.MaxDepth < 1 || q.MaxDepth > graph.MaxDepthCap || max < 1 {
		return nil, nil, fmt.Errorf("neo4jstore: %s: %w", op, &graph.ValidationError{Field: "query", Reason: "not a normalised query between two nodes"})
	}
	types := make([]string, len(q.Types))
	for i, t := range q.Types {
		types[i] = string(t)
	}
	err = s.readOne(ctx, op, func(tx querier) error {
		paths, missing = nil, nil
		st, err := s.cat.get(name)
		if err != nil {
			return err
		}
		res, err := tx.run(ctx, st, map[string]any{"from": q.From, "to": q.To, "types": types,
			"maxDepth": int64(q.MaxDepth), "limit": int64(max) + 1})
		if err != nil {
			return err
		}
		if len(res.records) != 1 {
			return recordErr("%s returned %d rows, want 1", name, len(res.records))
		}
		paths, missing, err = pathSetFromRecord(res.records[0], q)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return paths, missing, nil
}

// pathSetFromRecord reads the one row of a shortest_paths statement.
func pathSetFromRecord(rec *neo4j.Record, q graph.PathQuery) ([]graph.Path, []string, error) {
	var missing []string
	for _, end := range []struct{ key, id string }{{"fromFound", q.From}, {"toFound", q.To}} {
		found, isNil, err := neo4j.GetRecordValue[bool](rec, end.key)
		if err != nil || isNil {
			return nil, nil, recordErr("%s: missing or not a boolean (%v)", end.key, err)
		}
		if !found {
			missing = append(missing, end.id)
		}
	}
	rawNodes, isNil, err := neo4j.GetRecordValue[[]any](rec, "nodes")
	if err != nil || isNil {
		return nil, nil, recordErr("nodes: missing or not a list (%v)", err)
	}
	nodes := make(map[string]graph.SubgraphNode, len(rawNodes))
	for _, raw := range rawNodes {
		m, ok := raw.(map[string]any)
		if !ok {
			return nil, nil, recordErr("nodes: %T, not a map", raw)
		}
		deg, ok := m["degree"].(int64)
		if !ok {
			return nil, nil, recordErr("nodes: degree is %T, not an integer", m["degree"])
		}
		n, err := nodeFromValue(m["n"])
		if errors.Is(err, errDeleted) {
			continue // deleted meanwhile: its paths are left out below
		}
		if err != nil {
			return nil, nil, err
		}
		nodes[n.ID] = graph.SubgraphNode{Node: n, Degree: int(deg)}
	}
	rawPaths, isNil, err := neo4j.GetRecordValue[[]any](rec, "paths")
	if err != nil || isNil {
		return nil, nil, recordErr("paths: missing or not a list (%v)", err)
	}
	out := make([]graph.Path, 0, len(rawPaths))
paths:
	for _, raw := range rawPaths {
		m, ok := raw.(map[string]any)
		if !ok {
			return nil, nil, recordErr("paths: %T, not a map", raw)
		}
		ids, ok := m["ids"].([]any)
		if !ok {
			return nil, nil, recordErr("paths: ids is %T, not a list", m["ids"])
		}
		rels, ok := m["rels"].([]any)
		if !ok || len(rels) != len(ids)-1 {
			return nil, nil, recordErr("paths: %d relationships for %d nodes", len(rels), len(ids))
		}
		p := graph.Path{Nodes: make([]graph.SubgraphNode, len(ids)), Edges: make([]graph.Edge, len(rels))}
		for i, raw := range ids {
			id, ok := raw.(string)
			if !ok {
				return nil, nil, recordErr("paths: id is %T, not a string", raw)
			}
			n, ok := nodes[id]
			if !ok {
				continue paths // deleted while the statement ran
			}
			n.Distance = i
			p.Nodes[i] = n
		}
		for i, raw := range rels {
			rm, ok := raw.(map[string]any)
			if !ok {
				return nil, nil, recordErr("paths: relationship entry %T, not a map", raw)
			}
			r, ok := rm["r"].(neo4j.Relationship)
			if !ok {
				return nil, nil, recordErr("paths: r is %T, not a relationship", rm["r"])
			}
			from, okf := rm["from"].(string)
			to, okt := rm["to"].(string)
			if !okf || !okt {
				return nil, nil, recordErr("paths: relationship ends %T and %T, not strings", rm["from"], rm["to"])
			}
			if p.Edges[i], err = edgeFromEntity(r, from, to); err != nil {
				return nil, nil, err
			}
		}
		out = append(out, p)
	}
	return out, missing, nil
}
