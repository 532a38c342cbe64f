package neo4jstore

import (
	"context"
	"fmt"
	"strconv"

	"github.com/issgraph/issgraph/graph"
)

// Apply upserts the batch in one write transaction, all or nothing.
//
// Inside the transaction it first reads what the checks need (the kinds of
// every id the batch names, and with Merge the stored nodes and edges it
// overlays), then replays the batch in order exactly as the embedded store
// does: a kind change is ErrConflict, each node and edge (with Merge, each
// overlay result) must be valid, each edge's ends must exist in the batch
// or the store with kinds its type allows. Only then does it write: one
// UNWIND statement per kind for the nodes, then one per type for the
// edges, with duplicates folded so that each id or key is written once
// with the batch's final value, and nothing written for one whose final
// value Equal what is stored (graph.BatchResult's unchanged). An error from any step returns from the
// transaction function, and the driver rolls the transaction back.
func (s *Store) Apply(ctx context.Context, b graph.Batch) (graph.BatchResult, error) {
	const op = "apply"
	if n := len(b.Nodes) + len(b.Edges); n > graph.MaxBatchWrite {
		return graph.BatchResult{}, fmt.Errorf("neo4jstore: %s: %w", op, &graph.ValidationError{
			Field: "batch", Reason: strconv.Itoa(n) + " nodes and edges, at most " + strconv.Itoa(graph.MaxBatchWrite)})
	}
	if len(b.Nodes)+len(b.Edges) == 0 {
		if s.closed.Load() {
			return graph.BatchResult{}, fmt.Errorf("neo4jstore: %s: %w", op, ErrClosed)
		}
		return graph.BatchResult{}, nil
	}
	var r graph.BatchResult
	err := s.write(ctx, op, func(q querier) error {
		r = graph.BatchResult{} // the driver may run this function again
		p, err := s.planBatch(ctx, q, b)
		if err != nil {
			return err
		}
		for _, k := range graph.Kinds {
			rows := p.nodeRows[k.Kind]
			if len(rows) == 0 {
				continue
			}
			st, err := s.cat.forKind(p.nodeStmt, k.Kind)
			if err != nil {
				return err
			}
			res, err := q.run(ctx, st, map[string]any{"rows": rows})
			if err != nil {
				return err
			}
			r.NodesCreated += res.nodesCreated
		}
		for _, t := range graph.EdgeTypes {
			rows := p.edgeRows[t.Type]
			if len(rows) == 0 {
				continue
			}
			st, err := s.cat.forType(p.edgeStmt, t.Type)
			if err != nil {
				return err
			}
			res, err := q.run(ctx, st, map[string]any{"rows": rows})
			if err != nil {
				return err
			}
			n, err := matched(res, st.key)
			if err != nil {
				return err
			}
			if n != int64(len(rows)) {
				// planBatch saw every end node; another transaction
				// deleted one since, and its edge was not written.
				return fmt.Errorf("%s edges: %d of %d found their end nodes, one was deleted meanwhile: %w",
					t.Type, n, len(rows), graph.ErrNotFound)
			}
			r.EdgesCreated += res.relationshipsCreated
		}
		// Each id or key new to the store is created once; every other
		// occurrence in the batch updates or leaves it as it was, as if
		// applied one by one.
		r.NodesUnchanged, r.EdgesUnchanged = p.nodesUnchanged, p.edgesUnchanged
		r.NodesUpdated = len(b.Nodes) - r.NodesCreated - r.NodesUnchanged
		r.EdgesUpdated = len(b.Edges) - r.EdgesCreated - r.EdgesUnchanged
		return nil
	})
	if err != nil {
		return graph.BatchResult{}, err
	}
	return r, nil
}

// batchPlan is a checked batch, ready to write.
type batchPlan struct {
	nodeStmt, edgeStmt string
	nodeRows           map[graph.Kind][]any // each map[string]any
	edgeRows           map[graph.EdgeType][]any
	// Occurrences in the batch that leave their node or edge as it was.
	nodesUnchanged, edgesUnchanged int
}

// planBatch reads what the checks need, replays the batch in order and
// returns the rows to write, or the first error in batch order.
func (s *Store) planBatch(ctx context.Context, q querier, b graph.Batch) (*batchPlan, error) {
	// Every id the batch names, for kinds and existence.
	var ids []string
	for _, n := range b.Nodes {
		ids = append(ids, n.ID)
	}
	for _, e := range b.Edges {
		ids = append(ids, e.From, e.To)
	}
	kinds, err := s.nodeKinds(ctx, q, distinct(ids))
	if err != nil {
		return nil, err
	}
	// What is stored: a merge overlays it, and an upsert that leaves it
	// as it was writes nothing.
	stored, err := s.storedNodes(ctx, q, b.Nodes)
	if err != nil {
		return nil, err
	}
	storedEdges, err := s.storedEdges(ctx, q, b.Edges)
	if err != nil {
		return nil, err
	}
	p := &batchPlan{
		nodeStmt: "apply_nodes", edgeStmt: "apply_edges",
		nodeRows: map[graph.Kind][]any{}, edgeRows: map[graph.EdgeType][]any{},
	}

	// Replay the nodes in order. state holds each id's value so far, from
	// the store or earlier in the batch; overlay holds the fold of a
	// merge's overlays, which is what the Cypher overlays onto the store.
	state := map[string]graph.Node{}
	overlay := map[string]graph.Node{}
	var order []string
	for i, n := range b.Nodes {
		field := "nodes[" + strconv.Itoa(i) + "]"
		if k, ok := kinds[n.ID]; ok && k != n.Kind {
			return nil, fmt.Errorf("node %q: kind %q, stored as %s: %w", n.ID, n.Kind, k, graph.ErrConflict)
		}
		if _, seen := overlay[n.ID]; !seen {
			order = append(order, n.ID)
		}
		next := n
		if b.Merge {
			if cur, ok := current(state, stored, n.ID); ok {
				next = graph.MergeNode(cur, n)
			}
			if o, ok := overlay[n.ID]; ok {
				overlay[n.ID] = graph.MergeNode(o, n)
			} else {
				overlay[n.ID] = n.Clone()
			}
		} else {
			overlay[n.ID] = n
		}
		if err := next.Validate(); err != nil {
			return nil, fmt.Errorf("%s %q: %w", field, n.ID, err)
		}
		if cur, ok := current(state, stored, n.ID); ok && next.Equal(cur) {
			p.nodesUnchanged++
		}
		state[n.ID] = next
		kinds[n.ID] = n.Kind
	}

	// Replay the edges in order, with the same bookkeeping.
	edgeState := map[graph.EdgeKey]graph.Edge{}
	edgeOverlay := map[graph.EdgeKey]graph.Edge{}
	var edgeOrder []graph.EdgeKey
	for i, e := range b.Edges {
		field := "edges[" + strconv.Itoa(i) + "] " + e.Key().String()
		k := e.Key()
		if _, seen := edgeOverlay[k]; !seen {
			edgeOrder = append(edgeOrder, k)
		}
		next := e
		if b.Merge {
			if cur, ok := current(edgeState, storedEdges, k); ok {
				next = graph.MergeEdge(cur, e)
			}
			if o, ok := edgeOverlay[k]; ok {
				edgeOverlay[k] = graph.MergeEdge(o, e)
			} else {
				edgeOverlay[k] = e.Clone()
			}
		} else {
			edgeOverlay[k] = e
		}
		if err := next.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %w", field, err)
		}
		if err := checkEndpoints(next, kinds); err != nil {
			return nil, fmt.Errorf("%s: %w", field, err)
		}
		if cur, ok := current(edgeState, storedEdges, k); ok && next.Equal(cur) {
			p.edgesUnchanged++
		}
		edgeState[k] = next
	}

	if b.Merge {
		p.nodeStmt, p.edgeStmt = "merge_nodes", "merge_edges"
	}
	for _, id := range order {
		if old, ok := stored[id]; ok && state[id].Equal(old) {
			continue
		}
		n := overlay[id]
		row := map[string]any{"id": n.ID, "props": nodeProps(n)}
		if b.Merge {
			row["props"] = mergeNodeProps(n, state[id])
			row["sources"] = encodeSources(graph.MergeSources(nil, n.Sources))
		}
		p.nodeRows[n.Kind] = append(p.nodeRows[n.Kind], row)
	}
	for _, k := range edgeOrder {
		if old, ok := storedEdges[k]; ok && edgeState[k].Equal(old) {
			continue
		}
		e := edgeOverlay[k]
		row := map[string]any{"from": e.From, "to": e.To, "props": edgeProps(e)}
		if b.Merge {
			row["props"] = mergeEdgeProps(e)
			row["sources"] = encodeSources(graph.MergeSources(nil, e.Sources))
		}
		p.edgeRows[e.Type] = append(p.edgeRows[e.Type], row)
	}
	return p, nil
}

// current is the value of key so far: from earlier in the batch, else
// from the store.
func current[K comparable, V any](state, stored map[K]V, key K) (V, bool) {
	if v, ok := state[key]; ok {
		return v, true
	}
	v, ok := stored[key]
	return v, ok
}

// mergeEdgeProps is the overlay of an edge merge: the domain properties.
func mergeEdgeProps(e graph.Edge) map[string]any {
	m := map[string]any{}
	putProps(m, e.Props, true)
	return m
}

// storedNodes reads the stored nodes among the batch's ids.
func (s *Store) storedNodes(ctx context.Context, q querier, ns []graph.Node) (map[string]graph.Node, error) {
	out := map[string]graph.Node{}
	if len(ns) == 0 {
		return out, nil
	}
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	st, err := s.cat.get("get_nodes")
	if err != nil {
		return nil, err
	}
	res, err := q.run(ctx, st, map[string]any{"ids": distinct(ids)})
	if err != nil {
		return nil, err
	}
	for _, rec := range res.records {
		n, err := nodeFromRecord(rec, "n")
		if err != nil {
			return nil, err
		}
		out[n.ID] = n
	}
	return out, nil
}

// storedEdges reads the stored edges among the batch's keys.
func (s *Store) storedEdges(ctx context.Context, q querier, es []graph.Edge) (map[graph.EdgeKey]graph.Edge, error) {
	out := map[graph.EdgeKey]graph.Edge{}
	if len(es) == 0 {
		return out, nil
	}
	seen := map[graph.EdgeKey]bool{}
	var keys []any
	for _, e := range es {
		if k := e.Key(); !seen[k] {
			seen[k] = true
			keys = append(keys, map[string]any{"type": string(k.Type), "from": k.From, "to": k.To})
		}
	}
	st, err := s.cat.get("get_edges")
	if err != nil {
		return nil, err
	}
	res, err := q.run(ctx, st, map[string]any{"keys": keys})
	if err != nil {
		return nil, err
	}
	for _, rec := range res.records {
		e, err := edgeFromRecord(rec)
		if err != nil {
			return nil, err
		}
		out[e.Key()] = e
	}
	return out, nil
}
