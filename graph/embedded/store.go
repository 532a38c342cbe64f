package embedded

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/issgraph/issgraph/graph"
)

// formatVersion is the layout of the file this build writes: binary
// records (record.go). It reads version 1 too, whose records are JSON.
const formatVersion = "2"

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

	// The graph (core.go): nodes by number, with their adjacency; the
	// number of each id; the free numbers; the numbers of each kind; the
	// numbers of the nodes with each reference or alias (query.go, and
	// ListNodes' reference filter); and the number of edges of each type,
	// so that Count, which every stats query calls, reads no edge.
	nodes     []nodeRec
	ids       map[string]uint32
	free      []uint32
	byKind    map[graph.Kind]map[uint32]struct{}
	refs      map[string][]uint32
	edgeCount map[graph.EdgeType]int
	// extras holds what edges keep besides their type and ends, by the
	// number their adjacency entries hold (core.go; 0 is no extra), and
	// the sources nodes share; freeExtras the numbers free for reuse.
	// shared numbers the extras that edges share, by value (Store.extra):
	// it keeps what a deleted edge used until the store is reopened: such
	// values are few.
	extras     []edgeExtra
	freeExtras []uint32
	extrasFull bool
	shared     map[extraKey]uint32

	// text is the full-text index of the nodes, changed with the maps
	// and under the same lock. Open builds it in the background:
	// textDone is closed once it is there, and until then Search and
	// writes wait for it.
	text     *textIndex
	textDone chan struct{}
	// imageCurrent says that the file's image (image.go) is the graph
	// in memory, so that Close need not write it; logBytes is the size of
	// the entries in the file's log (log.go); both under wmu.
	imageCurrent bool
	logBytes     int
	foldAt       int // foldAfter; tests lower it
	// version counts the writes applied, under mu; cached analyses
	// (ranks) are valid for one version.
	version uint64
	ranks   rankCache
}

var _ graph.Store = (*Store)(nil)

func newStore() *Store {
	s := &Store{foldAt: foldAfter}
	s.resetGraph()
	return s
}

// resetGraph empties the graph.
func (s *Store) resetGraph() {
	s.nodes, s.free = nil, nil
	s.ids = map[string]uint32{}
	s.byKind = map[graph.Kind]map[uint32]struct{}{}
	s.refs = map[string][]uint32{}
	s.edgeCount = map[graph.EdgeType]int{}
	s.extras, s.freeExtras, s.extrasFull = make([]edgeExtra, 1), nil, false
	s.shared = map[extraKey]uint32{}
}

// Memory returns an empty store that keeps nothing on disk.
func Memory() *Store {
	s := newStore()
	s.text = newTextIndex()
	s.textDone = make(chan struct{})
	close(s.textDone)
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
	// nodes just loaded, in one batch, in the background, so that the
	// graph serves reads at once. Writes and searches wait for it; no
	// write can change the nodes meanwhile.
	s.textDone = make(chan struct{})
	go func(nodes []nodeRec) {
		x := buildTextIndex(nodes)
		s.mu.Lock()
		s.text = x
		s.mu.Unlock()
		close(s.textDone)
	}(s.nodes)
	return s, nil
}

// WaitIndexed waits until the full-text index that Open builds in the
// background is ready, or ctx ends.
func (s *Store) WaitIndexed(ctx context.Context) error {
	select {
	case <-s.textDone: // built, as it mostly is: ctx.Done is not even asked
		return nil
	default:
	}
	select {
	case <-s.textDone:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("embedded: wait for the full-text index: %w", ctx.Err())
	}
}

// load sets up a new file, or checks the version of an existing one and
// reads every record into memory.
func (s *Store) load() error {
	fresh := false
	err := s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(metaBucket) == nil {
			fresh = true
			return nil
		}
		return checkFormat(tx)
	})
	if err != nil {
		return err
	}
	if fresh {
		if err := s.db.Update(initFile); err != nil {
			return err
		}
	}
	// A log left by a crash is folded first: the buckets then hold
	// every write, and its transaction makes the image stale.
	if err := s.foldLog(); err != nil {
		return err
	}
	var bad []BadRecord
	err = s.db.View(func(tx *bolt.Tx) error {
		var err error
		if s.imageCurrent, err = s.readImage(tx); s.imageCurrent || err != nil {
			return err
		}
		bad, err = scan(tx, s.setNode, s.setEdge)
		return err
	})
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		return &BadRecordsError{Path: s.path, Bad: bad}
	}
	if s.extrasFull {
		return fmt.Errorf("the file holds more than %d distinct edge properties and sources, more than this build can hold", maxExtras)
	}
	if !s.imageCurrent {
		s.sortAll()
	}
	return nil
}

// initFile sets up a new file: the format version and the buckets.
func initFile(tx *bolt.Tx) error {
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
}

// checkFormat checks that tx is a file of this build's format.
func checkFormat(tx *bolt.Tx) error {
	meta := tx.Bucket(metaBucket)
	if meta == nil {
		return errors.New("not an issgraph store: no format version")
	}
	if v := meta.Get(versionKey); string(v) != formatVersion && string(v) != "1" {
		return fmt.Errorf("file format version %q, this build reads versions 1 and %s", v, formatVersion)
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
	<-s.textDone // the builder takes mu to install the index
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	// The image lets the next Open skip reading the records; failing to
	// write it costs that Open time, not data, so it is reported after
	// the file is closed.
	var ierr error
	if s.db != nil && s.logBytes > 0 {
		// Failing to fold costs the next Open the fold, not data.
		if ierr = s.foldLog(); ierr != nil {
			ierr = fmt.Errorf("embedded: close %s: fold the log: %w", s.path, ierr)
		}
	}
	if s.db != nil && !s.imageCurrent && ierr == nil {
		if ierr = s.writeImage(); ierr != nil {
			ierr = fmt.Errorf("embedded: close %s: write the image: %w", s.path, ierr)
		}
	}
	s.closed = true
	s.nodes, s.ids, s.free, s.byKind, s.refs, s.edgeCount, s.shared, s.extras = nil, nil, nil, nil, nil, nil, nil, nil
	s.ranks.reset()
	s.text = nil
	if s.db != nil {
		if err := s.db.Close(); err != nil {
			return fmt.Errorf("embedded: close %s: %w", s.path, err)
		}
	}
	return ierr
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

// The functions below are the only code that changes the graph. They run
// under mu's write lock, or during Open before anyone else can see s.

// setNode stores n, replacing the node with its id (whose kind is the
// same: a write refuses a change of kind) and keeping its edges.
func (s *Store) setNode(n graph.Node) {
	n.Sources = s.sources(n.Sources)
	if i, ok := s.ids[n.ID]; ok {
		s.unindexRefs(i)
		s.nodes[i].node = n
		s.indexRefs(i)
		return
	}
	var i uint32
	if k := len(s.free); k > 0 {
		i, s.free = s.free[k-1], s.free[:k-1]
		s.nodes[i] = nodeRec{node: n}
	} else {
		i = uint32(len(s.nodes))
		s.nodes = append(s.nodes, nodeRec{node: n})
	}
	s.ids[n.ID] = i
	set := s.byKind[n.Kind]
	if set == nil {
		set = map[uint32]struct{}{}
		s.byKind[n.Kind] = set
	}
	set[i] = struct{}{}
	s.indexRefs(i)
}

// removeNode removes the node with the id, whose edges are gone already
// (a write removes them first).
func (s *Store) removeNode(id string) {
	i, ok := s.ids[id]
	if !ok {
		return
	}
	s.unindexRefs(i)
	delete(s.byKind[s.nodes[i].node.Kind], i)
	delete(s.ids, id)
	s.nodes[i] = nodeRec{}
	s.free = append(s.free, i)
}

// setEdge stores e, whose ends exist, replacing the edge with its key.
func (s *Store) setEdge(e graph.Edge) {
	if from, to, t, ok := s.edgeEnds(e.Key()); ok { // the write has checked the ends
		s.setEdgeAt(from, to, t, e)
	}
}

// setEdgeAt is setEdge given the numbers of e's ends and its type.
func (s *Store) setEdgeAt(from, to uint32, t uint8, e graph.Edge) {
	x := s.extra(e.Props, e.Sources)
	f, r := &s.nodes[from], &s.nodes[to]
	if i := find(f.out, to, t); i >= 0 {
		s.freeExtra(f.out[i].extra())
		f.out[i] = newAdj(to, t, x)
		r.in[find(r.in, from, t)] = newAdj(from, t, x)
		return
	}
	f.out = append(f.out, newAdj(to, t, x))
	r.in = append(r.in, newAdj(from, t, x))
	s.edgeCount[e.Type]++
}

// removeEdge removes the edge with the key, if stored.
func (s *Store) removeEdge(k graph.EdgeKey) {
	from, to, t, ok := s.edgeEnds(k)
	if !ok {
		return
	}
	f, r := &s.nodes[from], &s.nodes[to]
	i := find(f.out, to, t)
	if i < 0 {
		return
	}
	s.freeExtra(f.out[i].extra())
	f.out = removeAt(f.out, i)
	r.in = removeAt(r.in, find(r.in, from, t))
	s.edgeCount[k.Type]--
}

// indexRefs adds node i to the reference index; unindexRefs removes it.
func (s *Store) indexRefs(i uint32) {
	for _, r := range refsOf(s.nodes[i].node) {
		if !slices.Contains(s.refs[r], i) {
			s.refs[r] = append(s.refs[r], i)
		}
	}
}

func (s *Store) unindexRefs(i uint32) {
	for _, r := range refsOf(s.nodes[i].node) {
		list := s.refs[r]
		if j := slices.Index(list, i); j >= 0 {
			list = slices.Delete(list, j, j+1)
		}
		if len(list) == 0 {
			delete(s.refs, r)
		} else {
			s.refs[r] = list
		}
	}
}
