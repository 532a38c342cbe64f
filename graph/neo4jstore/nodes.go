package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/issgraph/issgraph/graph"
)

// GetNode returns the node with the id, or ErrNotFound.
func (s *Store) GetNode(ctx context.Context, id string) (graph.Node, error) {
	var n graph.Node
	op := "get node " + strconv.Quote(id)
	err := s.readOne(ctx, op, func(q querier) error {
		st, err := s.cat.get("get_node")
		if err != nil {
			return err
		}
		res, err := q.run(ctx, st, map[string]any{"id": id})
		if err != nil {
			return err
		}
		if len(res.records) == 0 {
			return graph.ErrNotFound
		}
		n, err = nodeFromRecord(res.records[0], "n")
		if errors.Is(err, errDeleted) {
			return graph.ErrNotFound
		}
		return err
	})
	if err != nil {
		return graph.Node{}, err
	}
	return n, nil
}

// GetNodes returns the nodes in the order of ids, nil where one does not
// exist, each its own copy.
func (s *Store) GetNodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	if len(ids) > graph.MaxBatchIDs {
		return nil, fmt.Errorf("neo4jstore: get nodes: %w", &graph.ValidationError{Field: "ids", Reason: "more than " + strconv.Itoa(graph.MaxBatchIDs)})
	}
	out := make([]*graph.Node, len(ids))
	if len(ids) == 0 {
		if s.closed.Load() {
			return nil, fmt.Errorf("neo4jstore: get nodes: %w", ErrClosed)
		}
		return out, nil
	}
	var found map[string]graph.Node
	err := s.readOne(ctx, "get nodes", func(q querier) error {
		st, err := s.cat.get("get_nodes")
		if err != nil {
			return err
		}
		res, err := q.run(ctx, st, map[string]any{"ids": distinct(ids)})
		if err != nil {
			return err
		}
		nodes, err := nodesFromRecords(res.records)
		if err != nil {
			return err
		}
		found = make(map[string]graph.Node, len(nodes))
		for _, n := range nodes {
			found[n.ID] = n
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		if n, ok := found[id]; ok {
			c := n.Clone()
			out[i] = &c
		}
	}
	return out, nil
}

// distinct returns ids without repeats, in first-seen order, so that a
// batched read sends each id once.
func distinct(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// CreateNode stores a new node, or returns ErrConflict if the id exists.
func (s *Store) CreateNode(ctx context.Context, n graph.Node) error {
	op := "create node " + strconv.Quote(n.ID)
	if err := n.Validate(); err != nil {
		return s.invalidNode(ctx, op, n, err)
	}
	return s.write(ctx, op, func(q querier) error {
		st, err := s.cat.forKind("create_node", n.Kind)
		if err != nil {
			return err
		}
		res, err := q.run(ctx, st, map[string]any{"id": n.ID, "props": nodeProps(n)})
		if err != nil {
			return err
		}
		if res.nodesCreated == 0 {
			return fmt.Errorf("id exists: %w", graph.ErrConflict)
		}
		return nil
	})
}

// PutNode creates or replaces the node; changing the kind of a stored node
// is ErrConflict.
func (s *Store) PutNode(ctx context.Context, n graph.Node) error {
	op := "put node " + strconv.Quote(n.ID)
	if err := n.Validate(); err != nil {
		return s.invalidNode(ctx, op, n, err)
	}
	return s.write(ctx, op, func(q querier) error {
		st, err := s.cat.forKind("put_node", n.Kind)
		if err != nil {
			return err
		}
		res, err := q.run(ctx, st, map[string]any{"id": n.ID, "kind": string(n.Kind), "props": nodeProps(n)})
		if err != nil {
			return err
		}
		if len(res.records) == 0 {
			return kindConflict(ctx, s, q, n)
		}
		return nil
	})
}

// UpdateNode replaces a stored node, or returns ErrNotFound.
func (s *Store) UpdateNode(ctx context.Context, n graph.Node) error {
	op := "update node " + strconv.Quote(n.ID)
	if err := n.Validate(); err != nil {
		return s.invalidNode(ctx, op, n, err)
	}
	return s.write(ctx, op, func(q querier) error {
		st, err := s.cat.get("update_node")
		if err != nil {
			return err
		}
		res, err := q.run(ctx, st, map[string]any{"id": n.ID, "kind": string(n.Kind), "props": nodeProps(n)})
		if err != nil {
			return err
		}
		if len(res.records) == 0 {
			return kindConflict(ctx, s, q, n)
		}
		return nil
	})
}

// kindConflict explains why a write of n matched no node of its kind: the
// id is stored with another kind (ErrConflict) or not at all
// (ErrNotFound).
func kindConflict(ctx context.Context, s *Store, q querier, n graph.Node) error {
	kinds, err := s.nodeKinds(ctx, q, []string{n.ID})
	if err != nil {
		return err
	}
	if k, ok := kinds[n.ID]; ok {
		return fmt.Errorf("%s is stored as a %s, not a %s: %w", n.ID, k, n.Kind, graph.ErrConflict)
	}
	return graph.ErrNotFound
}

// invalidNode reports a node that failed validation. An id names its kind,
// so a node whose kind was changed fails validation; the Store contract
// calls changing the kind of a stored node a conflict, so when a node with
// the id is stored with another kind the answer is ErrConflict. Every
// stored node is valid, so its kind is the one its id's prefix names: only
// a node whose kind differs from that can conflict, and only then is the
// store asked. If that lookup itself fails, the validation error stands:
// the input is invalid whatever the store holds.
func (s *Store) invalidNode(ctx context.Context, op string, n graph.Node, verr error) error {
	if k, ok := graph.KindOfID(n.ID); ok && k != n.Kind && len(n.ID) <= graph.MaxIDLen && !s.closed.Load() {
		var kinds map[string]graph.Kind
		err := s.be.read(ctx, func(q querier) error {
			var err error
			kinds, err = s.nodeKinds(ctx, q, []string{n.ID})
			return err
		})
		if k, ok := kinds[n.ID]; err == nil && ok && k != n.Kind {
			return fmt.Errorf("neo4jstore: %s: stored as a %s, not a %q: %w", op, k, n.Kind, graph.ErrConflict)
		}
	}
	return fmt.Errorf("neo4jstore: %s: %w", op, verr)
}

// nodeKinds returns the stored kind of each of ids that exists. A node
// another transaction deleted after the statement matched it counts as
// missing (see errDeleted).
func (s *Store) nodeKinds(ctx context.Context, q querier, ids []string) (map[string]graph.Kind, error) {
	st, err := s.cat.get("node_kinds")
	if err != nil {
		return nil, err
	}
	res, err := q.run(ctx, st, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]graph.Kind, len(res.records))
	for _, rec := range res.records {
		id, err := stringValue(rec, "id")
		if err != nil {
			return nil, err
		}
		k, isNil, err := neo4j.GetRecordValue[string](rec, "kind")
		if err != nil {
			return nil, recordErr("kind: %v", err)
		}
		if isNil {
			continue // deleted meanwhile, as errDeleted: missing
		}
		out[id] = graph.Kind(k)
	}
	return out, nil
}

// DeleteNode removes the node and its edges, or returns ErrNotFound.
func (s *Store) DeleteNode(ctx context.Context, id string) error {
	return s.write(ctx, "delete node "+strconv.Quote(id), func(q querier) error {
		return s.deleteOne(ctx, q, "delete_node", map[string]any{"id": id})
	})
}

// deleteOne runs the named delete statement, whose one row counts what it
// deleted in "deleted": nothing deleted is ErrNotFound. DeleteNode and
// DeleteEdge share it.
func (s *Store) deleteOne(ctx context.Context, q querier, name string, params map[string]any) error {
	st, err := s.cat.get(name)
	if err != nil {
		return err
	}
	res, err := q.run(ctx, st, params)
	if err != nil {
		return err
	}
	if len(res.records) != 1 {
		return recordErr("%s returned %d rows", name, len(res.records))
	}
	n, err := intValue(res.records[0], "deleted")
	if err != nil {
		return err
	}
	if n == 0 {
		return graph.ErrNotFound
	}
	return nil
}

// PatchNode changes the node by p in one write transaction: lock_node takes
// the node's write lock and reads it, p.Apply (the rule both stores share)
// makes the new node, and update_node writes it whole, with its search
// properties computed from the result. The lock makes concurrent patches
// of one node run one after the other, so none is lost; the driver retries
// the transaction from the start on a deadlock.
func (s *Store) PatchNode(ctx context.Context, id string, p graph.Patch) (graph.Node, error) {
	op := "patch node " + strconv.Quote(id)
	if err := p.Validate(); err != nil {
		return graph.Node{}, fmt.Errorf("neo4jstore: %s: %w", op, err)
	}
	var out graph.Node
	err := s.write(ctx, op, func(q querier) error {
		st, err := s.cat.get("lock_node")
		if err != nil {
			return err
		}
		res, err := q.run(ctx, st, map[string]any{"id": id})
		if err != nil {
			return err
		}
		if len(res.records) == 0 {
			return graph.ErrNotFound
		}
		old, err := nodeFromRecord(res.records[0], "n")
		if errors.Is(err, errDeleted) {
			return graph.ErrNotFound
		}
		if err != nil {
			return err
		}
		next, err := p.Apply(old)
		if err != nil {
			return err
		}
		if st, err = s.cat.get("update_node"); err != nil {
			return err
		}
		res, err = q.run(ctx, st, map[string]any{"id": id, "kind": string(next.Kind), "props": nodeProps(next)})
		if err != nil {
			return err
		}
		if len(res.records) != 1 {
			// The node is locked by this transaction: it cannot have
			// gone or changed kind since lock_node read it.
			return recordErr("update_node after lock_node returned %d rows", len(res.records))
		}
		out = next
		return nil
	})
	if err != nil {
		return graph.Node{}, err
	}
	return out, nil
}
