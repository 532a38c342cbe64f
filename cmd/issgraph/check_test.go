package main

import (
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
)

// TestCheckCommand: a store file holding one record this build cannot load
// (issue 10's case: a 1,000-byte name an older build stored with a bad byte
// turned into U+FFFD) no longer takes the whole file down unexplained: the
// store refuses to open naming the record and the repair, check lists it,
// check --repair moves it aside, and the file opens with everything else.
func TestCheckCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []graph.Node{
		{ID: "agency/good", Kind: graph.Agency, Name: "Good"},
		{ID: "agency/victim", Kind: graph.Agency, Name: "Victim"},
	} {
		if err := s.PutNode(t.Context(), n); err != nil {
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
	bad := `{"id":"agency/victim","kind":"Agency","name":"` + strings.Repeat("x", graph.MaxNameLen-1) + `\ufffd"}`
	if err := db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("nodes")).Put([]byte("agency/victim"), []byte(bad)) }); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"ISSGRAPH_DATA": path}

	// Opening the store names the record and the command that repairs it.
	code, _, errs := runCmd(t, vars, "seed")
	if code != 1 || !strings.Contains(errs, `node record "agency/victim"`) || !strings.Contains(errs, "issgraph check --repair --data "+path) {
		t.Fatalf("seed on the bad file: code %d, stderr %q", code, errs)
	}

	code, out, errs := runCmd(t, vars, "check")
	if code != 1 || !strings.Contains(out, `node record "agency/victim": invalid name: longer than 1000 bytes`) ||
		!strings.Contains(out, "1 nodes and 0 edges load") || !strings.Contains(errs, "--repair") {
		t.Fatalf("check: code %d, stdout %q, stderr %q", code, out, errs)
	}

	code, out, errs = runCmd(t, nil, "check", "--repair", "--data", path)
	if code != 0 || !strings.Contains(out, "1 records moved into the quarantine") || !strings.Contains(out, `"agency/victim"`) {
		t.Fatalf("check --repair: code %d, stdout %q, stderr %q", code, out, errs)
	}
	if n := countAll(t, path); n != 1 {
		t.Errorf("after the repair the store holds %d nodes and edges, want the good node", n)
	}

	// The quarantine keeps being reported: nothing vanishes silently.
	code, out, _ = runCmd(t, vars, "check")
	if code != 0 || !strings.Contains(out, "every record loads") || !strings.Contains(out, "the quarantine holds 1 records") {
		t.Errorf("check after the repair: code %d, stdout %q", code, out)
	}
}

func TestCheckCommandUsage(t *testing.T) {
	code, _, errs := runCmd(t, nil, "check", "-h")
	if code != 0 || !strings.Contains(errs, "-repair") || !strings.Contains(errs, "-data") || strings.Contains(errs, "-addr") {
		t.Errorf("check -h: code %d, stderr %q; want its own flags only", code, errs)
	}
	for _, args := range [][]string{{"check", "--nope"}, {"check", "extra"}} {
		if code, _, errs := runCmd(t, nil, args...); code != 2 {
			t.Errorf("%q: code %d, stderr %q; want a usage error", args, code, errs)
		}
	}
	if code, _, errs := runCmd(t, nil, "check", "--data", filepath.Join(t.TempDir(), "none.db")); code != 1 || !strings.Contains(errs, "none.db") {
		t.Errorf("check of a missing file: code %d, stderr %q", code, errs)
	}
}
