package main

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
)

func runCmd(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(t.Context(), args, env{stdout: &out, stderr: &errb, getenv: getenv(vars)})
	return code, out.String(), errb.String()
}

func TestDispatch(t *testing.T) {
	code, out, _ := runCmd(t, nil, "help")
	if code != 0 || !strings.Contains(out, "serve") || !strings.Contains(out, "seed") {
		t.Errorf("help: code %d, output %q", code, out)
	}
	code, _, errs := runCmd(t, nil, "frobnicate")
	if code != 2 || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: code %d, stderr %q", code, errs)
	}
	code, _, errs = runCmd(t, nil, "serve", "--colour")
	if code != 2 || !strings.Contains(errs, "colour") {
		t.Errorf("bad flag: code %d, stderr %q", code, errs)
	}
	// Without a command, flags go to serve.
	code, _, errs = runCmd(t, nil, "--seed", "sometimes")
	if code != 2 || !strings.Contains(errs, "issgraph serve") || !strings.Contains(errs, "sometimes") {
		t.Errorf("default command: code %d, stderr %q", code, errs)
	}
	code, _, errs = runCmd(t, nil, "seed", "-h")
	if code != 0 || !strings.Contains(errs, "-data") {
		t.Errorf("seed -h: code %d, stderr %q", code, errs)
	}
}

// stubDataset replaces the dataset loader for one test: it writes one
// node and counts its calls.
func stubDataset(t *testing.T) *int {
	t.Helper()
	calls := 0
	prev := loadDataset
	loadDataset = func(ctx context.Context, s graph.Store, _ func(done, total int)) (string, error) {
		calls++
		return "1 node", s.PutNode(ctx, graph.Node{ID: "agency/seeded", Kind: graph.Agency, Name: "Seeded"})
	}
	t.Cleanup(func() { loadDataset = prev })
	return &calls
}

func TestSeedCommand(t *testing.T) {
	calls := stubDataset(t)
	path := filepath.Join(t.TempDir(), "sub", "g.db")
	code, out, errs := runCmd(t, map[string]string{"ISSGRAPH_DATA": path}, "seed")
	if code != 0 || strings.TrimSpace(out) != "1 node" || *calls != 1 {
		t.Fatalf("seed: code %d, stdout %q, stderr %q, calls %d", code, out, errs, *calls)
	}
	// The store was closed and holds the node.
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.GetNode(t.Context(), "agency/seeded"); err != nil {
		t.Errorf("seeded node: %v", err)
	}
}

// The real dataset loads through the command.
func TestSeedCommandLoadsTheDataset(t *testing.T) {
	code, out, errs := runCmd(t, nil, "seed", "--memory")
	if code != 0 || !strings.Contains(out, "nodes") {
		t.Errorf("seed --memory: code %d, stdout %q, stderr %q", code, out, errs)
	}
	// Progress after each batch, ending with everything written.
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	last := lines[len(lines)-1]
	var done, total int
	if _, err := fmt.Sscanf(last, "seed: %d/%d written", &done, &total); err != nil || done != total || total == 0 || len(lines) < 2 {
		t.Errorf("seed progress: %q", errs)
	}
}
