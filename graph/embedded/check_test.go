package embedded

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/graphtest"
)

// badFile writes a store with good data, then puts bad records straight
// into its buckets, as an older build or a hand edit could have left them.
// It returns the path and the keys of the bad records.
func badFile(t *testing.T) (string, []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "graph.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	a := graphtest.FullNode("document/a", "A")
	b := graphtest.MinimalNode("document/b", "B")
	victim := graphtest.MinimalNode("document/victim", "Victim")
	for _, n := range []graph.Node{a, b, victim} {
		if err := s.PutNode(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	for _, x := range []graph.Edge{graphtest.MinimalEdge(graph.Cites, a.ID, b.ID), graphtest.MinimalEdge(graph.Cites, victim.ID, a.ID)} {
		if err := s.PutEdge(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The case: a name of 1,000 bytes whose one bad byte an older
	// build stored as "\ufffd", 3 bytes, so it reads back too long.
	long := `{"id":"document/victim","kind":"Document","name":"` + strings.Repeat("x", graph.MaxNameLen-1) + `\ufffd"}`
	err = db.Update(func(tx *bolt.Tx) error {
		nb := tx.Bucket(nodesBucket)
		for k, v := range map[string]string{
			"document/victim": long,
			"document/broken": `{"id":"document/broken",`,
			"document/liar":   `{"id":"document/other","kind":"Document","name":"x"}`,
		} {
			if err := nb.Put([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The edge from the victim goes bad with it.
	return path, []string{"document/broken", "document/liar", "document/victim", "CITES:document/victim->document/a"}
}

func keysOf(bs []BadRecord) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Key)
	}
	return out
}

func TestOpenNamesABadRecordAndTheRepair(t *testing.T) {
	path, bad := badFile(t)
	_, err := Open(path)
	var be *BadRecordsError
	if !errors.As(err, &be) {
		t.Fatalf("Open = %v, want a *BadRecordsError", err)
	}
	msg := err.Error()
	for _, want := range []string{`node record "document/broken"`, "3 more bad records", "issgraph check --repair --data " + path} {
		if !strings.Contains(msg, want) {
			t.Errorf("Open's error %q does not say %q", msg, want)
		}
	}
	if got := keysOf(be.Bad); strings.Join(got, " ") != strings.Join(bad, " ") {
		t.Errorf("bad records %v, want %v", got, bad)
	}
}

func TestCheckAndRepair(t *testing.T) {
	path, bad := badFile(t)

	r, err := Check(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := keysOf(r.Bad); strings.Join(got, " ") != strings.Join(bad, " ") || r.Nodes != 2 || r.Edges != 1 || len(r.Quarantine) != 0 {
		t.Fatalf("Check = %d nodes, %d edges, bad %v, quarantine %v; want 2, 1, %v, none", r.Nodes, r.Edges, got, keysOf(r.Quarantine), bad)
	}
	if !strings.Contains(r.Bad[2].Reason, "longer than 1000 bytes") {
		t.Errorf("reason for the victim: %q", r.Bad[2].Reason)
	}
	if _, err := Open(path); err == nil {
		t.Fatal("Check changed the file: it opens")
	}

	r, err = Repair(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := keysOf(r.Bad); strings.Join(got, " ") != strings.Join(bad, " ") {
		t.Errorf("Repair moved %v, want %v", got, bad)
	}
	// The quarantine holds every record byte for byte.
	if len(r.Quarantine) != len(bad) {
		t.Fatalf("quarantine holds %v, want %v", keysOf(r.Quarantine), bad)
	}
	for _, q := range r.Quarantine {
		found := false
		for _, b := range r.Bad {
			if b.Bucket == q.Bucket && b.Key == q.Key && bytes.Equal(b.Record, q.Record) && strings.HasPrefix(q.Reason, b.Reason) {
				found = true
			}
		}
		if !found {
			t.Errorf("quarantine holds %s, %q, not what was moved", q, q.Record)
		}
	}

	// The file opens with the good data, and the quarantine stays out.
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open after Repair: %v", err)
	}
	c, err := s.Count(t.Context())
	if err != nil || c.NodeTotal() != 2 || c.EdgeTotal() != 1 {
		t.Errorf("after Repair: %v nodes, %v edges, %v; want 2, 1", c.Nodes, c.Edges, err)
	}
	// The id of a quarantined node is free again; a new bad record under
	// it would be quarantined beside the old one, not over it.
	if err := s.PutNode(t.Context(), graphtest.MinimalNode("document/victim", "Victim again")); err != nil {
		t.Error(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	r, err = Check(path)
	if err != nil || len(r.Bad) != 0 || len(r.Quarantine) != len(bad) || r.Nodes != 3 {
		t.Errorf("Check after Repair = %+v, %v; want no bad records, %d quarantined, 3 nodes", r, err, len(bad))
	}
	r, err = Repair(path)
	if err != nil || len(r.Bad) != 0 || len(r.Quarantine) != len(bad) {
		t.Errorf("Repair again = %+v, %v; want nothing to move", r, err)
	}
}

func TestCheckRefusesWhatIsNotAStore(t *testing.T) {
	dir := t.TempDir()
	if _, err := Check(filepath.Join(dir, "missing.db")); err == nil {
		t.Error("Check of a missing file succeeded")
	}
	path := filepath.Join(dir, "other.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("x")); return err })
	_ = db.Close()
	if _, err := Repair(path); err == nil || !strings.Contains(err.Error(), "not an issgraph store") {
		t.Errorf("Repair of another bbolt file = %v", err)
	}
	// A file in use is unavailable, not damaged.
	s, err := Open(filepath.Join(dir, "busy.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := Check(filepath.Join(dir, "busy.db")); !errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("Check of a file in use = %v, want ErrUnavailable", err)
	}
}
