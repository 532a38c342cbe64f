package embedded

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/issgraph/issgraph/graph"
)

// formatVersion is the layout of the file this build reads and writes.
const formatVersion = "1"

// lockTimeout bounds the wait for the file lock, so that a second process
// opening a file in use fails instead of hanging.
const lockTimeout = time.Second

var (
	metaBucket  = []byte("meta")
	nodesBucket = []byte("nodes")
	edgesBucket = []byte("edges")
	versionKey  = []byte("version")
)

// Store is the embedded graph.Store. Its zero value is not usable: call
// Open or Memory.
type Store struct {
	wmu sync.Mutex   // serialises writes; a writer reads the maps under it alone
	mu  sync.RWMutex // guards the maps and closed against concurrent change

	db     *bolt.DB // nil for a memory store
	path   string
	closed bool

	nodes  map[string]graph.Node
	byKind map[graph.Kind]map[string]struct{}
	edges  map[graph.EdgeKey]graph.Edge
	out    map[string]map[graph.EdgeKey]struct{} // by From
	in     map[string]map[graph.EdgeKey]struct{} // by To
	refs   map[string]map[string]struct{}        // ids by reference and alias (query.go)
	// edgeCount is the number of edges of each type, kept with the maps
	// so that Count, which every stats query calls, reads no edge.
	edgeCount map[graph.EdgeType]int

	// text is the full-text index of the nodes, changed with the maps
	// and under the same lock.
	text *textIndex
	// version counts the writes applied, under mu; cached analyses
	// (ranks) are valid for one version.
	version uint64
	ranks   rankCache
}

var _ graph.Store = (*Store)(nil)

func newStore() *Store {
	return &Store{
		nodes:  map[string]graph.Node{},
		byKind: map[graph.Kind]map[string]struct{}{},
		edges:  map[graph.EdgeKey]graph.Edge{},
		out:    map[string]map[graph.EdgeKey]struct{}{},
		in:     map[string]map[graph.EdgeKey]struct{}{},
		refs:   map[string]map[string]struct{}{},

		edgeCount: map[graph.EdgeType]int{},
	}
}

// Memory returns an empty store that keeps nothing on disk.
func Memory() *Store {
	s := newStore()
	x, err := newTextIndex()
	if err != nil {
		// The index mapping is a constant of this package, so this is a
		// bug, not bad input; TestTextMapping catches it.
		panic("embedded: the full-text index mapping is invalid: " + err.Error())
	}
	s.text = x
	return s
}

// Open opens the store in the bbolt file at path, creating the file and its
// parent directories if needed, and loads the graph into memory. A file
// that another process holds open is an error wrapping
// graph.ErrUnavailable, after waiting about a second for its lock.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("embedded: open %s: %w", path, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("embedded: open %s: the file is locked by another process, is another issgraph using it? %w", path, graph.ErrUnavailable)
	}
	if err != nil {
		return nil, fmt.Errorf("embedded: open %s: %w", path, err)
	}
	s := newStore()
	s.db, s.path = db, path
	if err := s.load(); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("embedded: open %s: %w", path, err)
	}
	// The full-text index is not in the file: it is rebuilt from the
	// nodes just loaded, in one batch.
	if s.text, err = buildTextIndex(s.nodes); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("embedded: open %s: build the full-text index: %w", path, err)
	}
	return s, nil
}

// load sets up a new file, or checks the version of an existing one and
// reads every record into memory.
func (s *Store) load() error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		if tx.Bucket(metaBucket) != nil {
			return checkFormat(tx)
		}
		if err := tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			return fmt.Errorf("not an issgraph store: bucket %q but no format version", name)
		}); err != nil {
			return err
		}
		meta, err := tx.CreateBucket(metaBucket)
		if err != nil {
			return err
		}
		if err := meta.Put(versionKey, []byte(formatVersion)); err != nil {
			return err
		}
		if _, err := tx.CreateBucket(nodesBucket); err != nil {
			return err
		}
		_, err = tx.CreateBucket(edgesBucket)
		return err
	})
	if err != nil {
		return err
	}
	var bad []BadRecord
	err = s.db.View(func(tx *bolt.Tx) error {
		var err error
		bad, err = scan(tx, s.setNode, s.setEdge)
		return err
	})
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		return &BadRecordsError{Path: s.path, Bad: bad}
	}
	return nil
}

// checkFormat checks that tx is a file of this build's format.
func checkFormat(tx *bolt.Tx) error {
	meta := tx.Bucket(metaBucket)
	if meta == nil {
		return errors.New("not an issgraph store: no format version")
	}
	if v := meta.Get(versionKey); string(v) != formatVersion {
		return fmt.Errorf("file format version %q, this build reads version %s", v, formatVersion)
	}
	if tx.Bucket(nodesBucket) == nil || tx.Bucket(edgesBucket) == nil {
		return errors.New("file lacks its nodes or edges bucket")
	}
	return nil
}

// Close releases the file. Calls after Close fail with graph.ErrUnavailable;
// closing twice is harmless.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	s.nodes, s.byKind, s.edges, s.out, s.in, s.refs, s.edgeCount = nil, nil, nil, nil, nil, nil, nil
	s.ranks.reset()
	// A memory index only frees memory on close; its error is reported
	// after the file's, which matters more.
	terr := s.text.close()
	if s.db != nil {
		if err := s.db.Close(); err != nil {
			return fmt.Errorf("embedded: close %s: %w", s.path, err)
		}
	}
	if terr != nil {
		return fmt.Errorf("embedded: close the full-text index: %w", terr)
	}
	return nil
}

// Ping reports whether the store is open.
func (s *Store) Ping(ctx context.Context) error {
	return s.read(ctx, "ping", func() error { return nil })
}

// Count returns the number of nodes of each kind and edges of each type.
func (s *Store) Count(ctx context.Context) (graph.Counts, error) {
	var c graph.Counts
	err := s.read(ctx, "count", func() error {
		c = graph.Counts{Nodes: map[graph.Kind]int{}, Edges: map[graph.EdgeType]int{}}
		for k, ids := range s.byKind {
			if len(ids) > 0 {
				c.Nodes[k] = len(ids)
			}
		}
		for t, n := range s.edgeCount {
			if n > 0 {
				c.Edges[t] = n
			}
		}
		return nil
	})
	return c, err
}

// read runs fn under the read lock, once the store is known to be open and
// ctx live.
func (s *Store) read(ctx context.Context, op string, fn func() error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("embedded: %s: %w", op, err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return closedErr(op)
	}
	return fn()
}

func closedErr(op string) error {
	return fmt.Errorf("embedded: %s: store is closed: %w", op, graph.ErrUnavailable)
}

// The index updates below are the only code that changes the maps. They
// run under mu's write lock, or during Open before anyone else can see s.

func (s *Store) setNode(n graph.Node) {
	if old, ok := s.nodes[n.ID]; ok {
		s.unindexRefs(old)
	}
	s.indexRefs(n)
	s.nodes[n.ID] = n
	ids := s.byKind[n.Kind]
	if ids == nil {
		ids = map[string]struct{}{}
		s.byKind[n.Kind] = ids
	}
	ids[n.ID] = struct{}{}
}

func (s *Store) removeNode(id string) {
	n, ok := s.nodes[id]
	if !ok {
		return
	}
	s.unindexRefs(n)
	delete(s.nodes, id)
	delete(s.byKind[n.Kind], id)
}

func (s *Store) setEdge(e graph.Edge) {
	k := e.Key()
	if _, ok := s.edges[k]; !ok {
		s.edgeCount[k.Type]++
	}
	s.edges[k] = e
	addKey(s.out, k.From, k)
	addKey(s.in, k.To, k)
}

func (s *Store) removeEdge(k graph.EdgeKey) {
	if _, ok := s.edges[k]; !ok {
		return
	}
	s.edgeCount[k.Type]--
	delete(s.edges, k)
	removeKey(s.out, k.From, k)
	removeKey(s.in, k.To, k)
}

func addKey(idx map[string]map[graph.EdgeKey]struct{}, id string, k graph.EdgeKey) {
	set := idx[id]
	if set == nil {
		set = map[graph.EdgeKey]struct{}{}
		idx[id] = set
	}
	set[k] = struct{}{}
}

func removeKey(idx map[string]map[graph.EdgeKey]struct{}, id string, k graph.EdgeKey) {
	set := idx[id]
	delete(set, k)
	if len(set) == 0 {
		delete(idx, id)
	}
}
