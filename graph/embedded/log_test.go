package embedded

import (
	"errors"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/graphtest"
)

// logEntries counts the entries of the file's log.
func logEntries(t *testing.T, path string) int {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n := 0
	err = db.View(func(tx *bolt.Tx) error {
		if lb := tx.Bucket(logBucket); lb != nil {
			n = lb.Stats().KeyN
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// crashed writes a graph, then replaces, deletes and re-creates some of
// it, and stops as a killed process would: the file is closed without
// Close, so its log is not folded. It returns the graph as the store held
// it.
func crashed(t *testing.T, path string) ([]graph.Node, map[string][]graph.Edge) {
	t.Helper()
	ctx := t.Context()
	s := mustOpen(t, path)
	batches, err := graphtest.Generate(200, 800, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if _, err := s.Apply(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	n := batches[0].Nodes[0]
	if err := s.DeleteNode(ctx, n.ID); err != nil {
		t.Fatal(err)
	}
	n.Name = "Written again"
	if err := s.PutNode(ctx, n); err != nil {
		t.Fatal(err)
	}
	m := batches[0].Nodes[1]
	m.Name = "Replaced"
	if err := s.PutNode(ctx, m); err != nil {
		t.Fatal(err)
	}
	nodes, edges := snapshot(t, s)
	if err := s.db.Close(); err != nil { // the crash: no Close
		t.Fatal(err)
	}
	if logEntries(t, path) == 0 {
		t.Fatal("the writes left no log to fold")
	}
	return nodes, edges
}

// TestLogAfterCrash: every write a crash leaves in the log is in the
// graph the next Open reads, deletes and replacements included, and that
// Open folds the log.
func TestLogAfterCrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	nodes, edges := crashed(t, path)
	s := mustOpen(t, path)
	n2, e2 := snapshot(t, s)
	sameGraph(t, "after the crash", nodes, edges, n2, e2)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if n := logEntries(t, path); n != 0 {
		t.Errorf("after Open and Close the log holds %d entries", n)
	}
}

// TestCheckFoldsNothing: Check reads the records a crash left in the log,
// and leaves the file as it was; Repair folds the log.
func TestCheckFoldsNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	nodes, edges := crashed(t, path)
	before := logEntries(t, path)
	r, err := Check(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, es := range edges {
		n += len(es)
	}
	if r.Nodes != len(nodes) || r.Edges != n || len(r.Bad) != 0 {
		t.Errorf("Check: %d nodes, %d edges, %d bad; want %d, %d, 0", r.Nodes, r.Edges, len(r.Bad), len(nodes), n)
	}
	if after := logEntries(t, path); after != before {
		t.Errorf("Check changed the log: %d entries, were %d", after, before)
	}
	if _, err := Repair(path); err != nil {
		t.Fatal(err)
	}
	if n := logEntries(t, path); n != 0 {
		t.Errorf("after Repair the log holds %d entries", n)
	}
}

// TestLogFoldedWhenLarge: a write that takes the log past its size folds
// it, and the graph reads back the same.
func TestLogFoldedWhenLarge(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "fold.db")
	s := mustOpen(t, path)
	s.foldAt = 2000
	for i, id := range []string{"document/a", "document/b", "document/c", "document/d"} {
		n := graphtest.FullNode(id, "Folded")
		if err := s.PutNode(ctx, n); err != nil {
			t.Fatal(err)
		}
		if s.logBytes >= s.foldAt {
			t.Fatalf("after write %d the log holds %d bytes, past %d", i, s.logBytes, s.foldAt)
		}
	}
	nodes, edges := snapshot(t, s)
	if err := s.db.Close(); err != nil {
		t.Fatal(err)
	}
	if n := logEntries(t, path); n >= 4 {
		t.Errorf("the log holds %d entries, was never folded", n)
	}
	s = mustOpen(t, path)
	defer s.Close()
	n2, e2 := snapshot(t, s)
	sameGraph(t, "after folding", nodes, edges, n2, e2)
}

// TestDamagedLog: a log entry that does not decode fails Open, naming the
// damage, rather than losing writes.
func TestDamagedLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "damaged.db")
	s := mustOpen(t, path)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error { return appendLog(tx, []byte("n\x05doc")) })
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err := Open(path); !errors.Is(err, errLog) {
		if err == nil {
			s.Close()
		}
		t.Fatalf("Open of a damaged log: %v, want errLog", err)
	}
}
