package embedded

import (
	"context"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/issgraph/issgraph/graph"
)

// txn stages the changes of one write on top of the store's state: a nil
// value deletes. Staging lets a write check everything before any of it
// reaches the file or the indexes, which is what makes Apply atomic.
type txn struct {
	s     *Store
	nodes map[string]*graph.Node
	edges map[graph.EdgeKey]*graph.Edge
}

// node returns the node with the id as the write sees it.
func (t *txn) node(id string) (graph.Node, bool) {
	if n, ok := t.nodes[id]; ok {
		if n == nil {
			return graph.Node{}, false
		}
		return *n, true
	}
	return t.s.node(id)
}

func (t *txn) edge(k graph.EdgeKey) (graph.Edge, bool) {
	if e, ok := t.edges[k]; ok {
		if e == nil {
			return graph.Edge{}, false
		}
		return *e, true
	}
	return t.s.edge(k)
}

// putNode stages n, which the txn then owns.
func (t *txn) putNode(n graph.Node) {
	if len(n.Props) == 0 {
		n.Props = nil
	}
	if len(n.Sources) == 0 {
		n.Sources = nil
	}
	t.nodes[n.ID] = &n
}

func (t *txn) putEdge(e graph.Edge) {
	if len(e.Props) == 0 {
		e.Props = nil
	}
	if len(e.Sources) == 0 {
		e.Sources = nil
	}
	t.edges[e.Key()] = &e
}

// write runs fn, which stages changes and checks them, then commits them to
// the file and, once that succeeded, to memory.
func (s *Store) write(ctx context.Context, op string, fn func(t *txn) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("embedded: %s: %w", op, err)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	<-s.textDone // no write before Open's full-text index is there
	if s.closed {
		return closedErr(op)
	}
	t := &txn{s: s, nodes: map[string]*graph.Node{}, edges: map[graph.EdgeKey]*graph.Edge{}}
	if err := fn(t); err != nil {
		return err
	}
	// The full-text index follows the maps: the nodes' text is analysed
	// here, outside the lock readers wait on, and indexed with the maps.
	text := s.prepareText(t.nodes)
	// Each edge and node may take a new extra (core.go): there must be
	// room for them all before the write commits, since nothing may fail
	// after it. The table holds 67 million, so this is never reached.
	if s.extraRoom() < len(t.edges)+len(t.nodes) {
		return fmt.Errorf("embedded: %s: the store holds %d distinct edge properties and sources, its most: %w", op, maxExtras, graph.ErrUnavailable)
	}
	if err := s.persist(t); err != nil {
		return fmt.Errorf("embedded: %s: write %s: %w: %w", op, s.path, graph.ErrUnavailable, err)
	}
	if len(t.nodes)+len(t.edges) > 0 {
		s.imageCurrent = false // the write committed a transaction after the image's
	}
	s.mu.Lock()
	s.version++
	removed := make([]docAt, 0, len(text.prev))
	for id, d := range text.prev {
		removed = append(removed, docAt{s.ids[id], d})
	}
	for k, e := range t.edges {
		if e == nil {
			s.removeEdge(k)
		}
	}
	for id, n := range t.nodes {
		if n == nil {
			s.removeNode(id)
		} else {
			s.setNode(*n)
		}
	}
	// The lists an edge is added to get it at their end; heads keeps
	// the length each had before, the part in order, and each touched
	// node's lists are put in order once, at the end.
	heads := make(map[uint32][2]int, 2*len(t.edges))
	for _, e := range t.edges {
		if e == nil {
			continue
		}
		from, to, typ, ok := s.edgeEnds(e.Key())
		if !ok {
			continue // the write has checked the ends; never reached
		}
		for _, i := range [2]uint32{from, to} {
			if _, ok := heads[i]; !ok {
				heads[i] = [2]int{len(s.nodes[i].out), len(s.nodes[i].in)}
			}
		}
		s.setEdgeAt(from, to, typ, *e)
	}
	for i, h := range heads {
		s.sortAdjacency(i, h)
	}
	added := make([]docAt, 0, len(text.next))
	for id, d := range text.next {
		if d != nil {
			added = append(added, docAt{s.ids[id], d})
		}
	}
	s.text.update(removed, added)
	s.mu.Unlock()
	// A log past its size is folded (log.go). The write stands whatever
	// happens: it is in the log, which the next write, Close or Open
	// folds, and Close reports the error if the fold still fails then.
	if s.logBytes >= s.foldAt {
		_ = s.foldLog()
	}
	return nil
}

// persist commits t's changes in one bbolt transaction, as one entry of
// the log (log.go); bbolt fsyncs the file before Update returns. Records
// are binary (record.go); a file of format version 1 becomes version 2
// with its first write.
func (s *Store) persist(t *txn) error {
	if s.db == nil || (len(t.nodes) == 0 && len(t.edges) == 0) {
		return nil
	}
	var entry, rec []byte
	var err error
	for id, n := range t.nodes {
		if n != nil {
			if rec, err = appendNode(rec[:0], n); err != nil {
				return fmt.Errorf("node %q: %w", id, err)
			}
		}
		entry = appendOp(entry, logNode, id, rec, n == nil)
	}
	for k, e := range t.edges {
		if e != nil {
			if rec, err = appendEdge(rec[:0], e); err != nil {
				return fmt.Errorf("edge %s: %w", k, err)
			}
		}
		entry = appendOp(entry, logEdge, k.String(), rec, e == nil)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(metaBucket); string(meta.Get(versionKey)) != formatVersion {
			if err := meta.Put(versionKey, []byte(formatVersion)); err != nil {
				return err
			}
		}
		return appendLog(tx, entry)
	})
	if err == nil {
		s.logBytes += len(entry)
	}
	return err
}

// checkKind reports ErrConflict when n would change the kind of the node
// stored under its id. It runs before validation: a node of another kind
// can never have a valid id, and the contract calls that a conflict.
func checkKind(op string, t *txn, n graph.Node) (graph.Node, bool, error) {
	old, ok := t.node(n.ID)
	if ok && old.Kind != n.Kind {
		return old, ok, fmt.Errorf("embedded: %s %q: kind %q, stored as %s: %w", op, n.ID, n.Kind, old.Kind, graph.ErrConflict)
	}
	return old, ok, nil
}

func validateNode(op string, n graph.Node) error {
	if err := n.Validate(); err != nil {
		return fmt.Errorf("embedded: %s %q: %w", op, n.ID, err)
	}
	return nil
}

// CreateNode stores a new node, or returns ErrConflict if the id exists.
func (s *Store) CreateNode(ctx context.Context, n graph.Node) error {
	return s.writeNode(ctx, "create node", n, func(exists bool) error {
		if exists {
			return graph.ErrConflict
		}
		return nil
	})
}

// PutNode creates or replaces the node.
func (s *Store) PutNode(ctx context.Context, n graph.Node) error {
	return s.writeNode(ctx, "put node", n, func(bool) error { return nil })
}

// UpdateNode replaces an existing node, or returns ErrNotFound.
func (s *Store) UpdateNode(ctx context.Context, n graph.Node) error {
	return s.writeNode(ctx, "update node", n, func(exists bool) error {
		if !exists {
			return graph.ErrNotFound
		}
		return nil
	})
}

// writeNode is the frame of CreateNode, PutNode and UpdateNode: a change of
// kind is a conflict (checked before validation, as graphtest requires),
// then the node must be valid, then allowed says whether the write may go
// ahead given whether the id exists.
func (s *Store) writeNode(ctx context.Context, op string, n graph.Node, allowed func(exists bool) error) error {
	return s.write(ctx, op, func(t *txn) error {
		_, exists, err := checkKind(op, t, n)
		if err != nil {
			return err
		}
		if err := validateNode(op, n); err != nil {
			return err
		}
		if err := allowed(exists); err != nil {
			return fmt.Errorf("embedded: %s %q: %w", op, n.ID, err)
		}
		t.putNode(n.Clone())
		return nil
	})
}

// DeleteNode removes the node and every edge that touches it.
func (s *Store) DeleteNode(ctx context.Context, id string) error {
	const op = "delete node"
	return s.write(ctx, op, func(t *txn) error {
		if _, ok := t.node(id); !ok {
			return fmt.Errorf("embedded: %s %q: %w", op, id, graph.ErrNotFound)
		}
		// Nothing is staged yet, so the graph holds every edge of id.
		s.eachEdge(s.ids[id], 0, graph.Both, func(e graph.Edge, _ uint32) bool {
			t.edges[e.Key()] = nil
			return true
		})
		t.nodes[id] = nil
		return nil
	})
}

// checkEdge validates e and its endpoints as the write sees them.
func checkEdge(op string, t *txn, e graph.Edge) error {
	if err := e.Validate(); err != nil {
		return fmt.Errorf("embedded: %s %s: %w", op, e.Key(), err)
	}
	from, ok := t.node(e.From)
	if !ok {
		return fmt.Errorf("embedded: %s %s: node %q: %w", op, e.Key(), e.From, graph.ErrNotFound)
	}
	to, ok := t.node(e.To)
	if !ok {
		return fmt.Errorf("embedded: %s %s: node %q: %w", op, e.Key(), e.To, graph.ErrNotFound)
	}
	if err := graph.ValidateEndpoints(e.Type, from.Kind, to.Kind); err != nil {
		return fmt.Errorf("embedded: %s %s: %w", op, e.Key(), err)
	}
	return nil
}

// CreateEdge stores a new edge, or returns ErrConflict if the key exists.
func (s *Store) CreateEdge(ctx context.Context, e graph.Edge) error {
	const op = "create edge"
	return s.write(ctx, op, func(t *txn) error {
		if err := checkEdge(op, t, e); err != nil {
			return err
		}
		if _, ok := t.edge(e.Key()); ok {
			return fmt.Errorf("embedded: %s %s: %w", op, e.Key(), graph.ErrConflict)
		}
		t.putEdge(e.Clone())
		return nil
	})
}

// PutEdge creates or replaces the edge.
func (s *Store) PutEdge(ctx context.Context, e graph.Edge) error {
	const op = "put edge"
	return s.write(ctx, op, func(t *txn) error {
		if err := checkEdge(op, t, e); err != nil {
			return err
		}
		t.putEdge(e.Clone())
		return nil
	})
}

// DeleteEdge removes the edge, or returns ErrNotFound.
func (s *Store) DeleteEdge(ctx context.Context, key graph.EdgeKey) error {
	const op = "delete edge"
	return s.write(ctx, op, func(t *txn) error {
		if _, ok := t.edge(key); !ok {
			return fmt.Errorf("embedded: %s %s: %w", op, key, graph.ErrNotFound)
		}
		t.edges[key] = nil
		return nil
	})
}

// Apply upserts the batch's nodes, then its edges, all or nothing. With
// b.Merge each one overlays what is stored (graph.MergeNode, MergeEdge) and
// the result must be valid; a node or edge written twice in one batch is
// upserted twice, in order.
func (s *Store) Apply(ctx context.Context, b graph.Batch) (graph.BatchResult, error) {
	const op = "apply"
	if n := len(b.Nodes) + len(b.Edges); n > graph.MaxBatchWrite {
		return graph.BatchResult{}, fmt.Errorf("embedded: %s: %w", op, &graph.ValidationError{
			Field: "batch", Reason: fmt.Sprintf("%d nodes and edges, at most %d", n, graph.MaxBatchWrite)})
	}
	var r graph.BatchResult
	err := s.write(ctx, op, func(t *txn) error {
		t.nodes = make(map[string]*graph.Node, len(b.Nodes))
		t.edges = make(map[graph.EdgeKey]*graph.Edge, len(b.Edges))
		for _, n := range b.Nodes {
			old, exists, err := checkKind(op+": node", t, n)
			if err != nil {
				return err
			}
			next := n.Clone()
			if b.Merge && exists {
				next = graph.MergeNode(old, n)
			}
			if err := validateNode(op+": node", next); err != nil {
				return err
			}
			switch {
			case !exists:
				r.NodesCreated++
			case next.Equal(old):
				r.NodesUnchanged++
				continue
			default:
				r.NodesUpdated++
			}
			t.putNode(next)
		}
		for _, e := range b.Edges {
			old, exists := t.edge(e.Key())
			next := e.Clone()
			if b.Merge && exists {
				next = graph.MergeEdge(old, e)
			}
			if err := checkEdge(op+": edge", t, next); err != nil {
				return err
			}
			switch {
			case !exists:
				r.EdgesCreated++
			case next.Equal(old):
				r.EdgesUnchanged++
				continue
			default:
				r.EdgesUpdated++
			}
			t.putEdge(next)
		}
		return nil
	})
	if err != nil {
		return graph.BatchResult{}, err
	}
	return r, nil
}

// PatchNode reads the node, applies p (graph.Patch.Apply) and writes the
// result in one write, under the store's write lock: no other write can
// come between the read and the write.
func (s *Store) PatchNode(ctx context.Context, id string, p graph.Patch) (graph.Node, error) {
	const op = "patch node"
	if err := p.Validate(); err != nil {
		return graph.Node{}, fmt.Errorf("embedded: %s %q: %w", op, id, err)
	}
	var out graph.Node
	err := s.write(ctx, op, func(t *txn) error {
		old, ok := t.node(id)
		if !ok {
			return fmt.Errorf("embedded: %s %q: %w", op, id, graph.ErrNotFound)
		}
		next, err := p.Apply(old)
		if err != nil {
			return fmt.Errorf("embedded: %s %q: %w", op, id, err)
		}
		t.putNode(next)
		out = next.Clone()
		return nil
	})
	if err != nil {
		return graph.Node{}, err
	}
	return out, nil
}
