package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/seed/derive"
)

const oeilFixtures = "../../seed/oeil/testdata"

func countAll(t *testing.T, path string) int {
	t.Helper()
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Count(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return c.NodeTotal() + c.EdgeTotal()
}

func TestImportCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	vars := map[string]string{"ISSGRAPH_DATA": path}
	good := filepath.Join(oeilFixtures, "oeil-procedure-2010-2308-INI.txt")

	code, out, errs := runCmd(t, vars, "import", "oeil", good)
	if code != 0 || !strings.Contains(out, "procedure/2010-2308-ini") || !strings.Contains(out, "created") {
		t.Fatalf("import: code %d, stdout %q, stderr %q", code, out, errs)
	}
	s, err := embedded.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.GetEdge(t.Context(), graph.EdgeKey{Type: graph.Rapporteur, From: "person/rita-borsellino", To: "procedure/2010-2308-ini"})
	s.Close()
	if err != nil || e.Props.String("role") != graph.RoleRapporteur {
		t.Fatalf("rapporteur edge after import: %+v, %v", e, err)
	}
	before := countAll(t, path)

	// Again: idempotent.
	code, out, _ = runCmd(t, vars, "import", "oeil", good)
	if code != 0 || !strings.Contains(out, "(0 created") {
		t.Errorf("re-import: code %d, stdout %q", code, out)
	}
	if after := countAll(t, path); after != before {
		t.Errorf("re-import changed the graph's size: %d -> %d", before, after)
	}

	// A broken file among good ones: refused with its line, nothing written.
	broken := filepath.Join(oeilFixtures, "broken", "player-date.L8.txt")
	other := filepath.Join(oeilFixtures, "ini-several-opinions.txt")
	code, _, errs = runCmd(t, vars, "import", "oeil", other, broken)
	if code != 1 || !strings.Contains(errs, "player-date.L8.txt:8:") {
		t.Errorf("broken file: code %d, stderr %q (want the file and line 8)", code, errs)
	}
	if after := countAll(t, path); after != before {
		t.Errorf("a refused import wrote something: %d -> %d", before, after)
	}
}

func TestImportCommandUsage(t *testing.T) {
	for _, args := range [][]string{{"import"}, {"import", "csv", "x"}, {"import", "oeil", "--memory"}} {
		if code, _, errs := runCmd(t, nil, args...); code != 2 {
			t.Errorf("%q: code %d, stderr %q; want a usage error", args, code, errs)
		}
	}
}

func TestMigrateCommand(t *testing.T) {
	code, out, errs := runCmd(t, nil, "migrate", "--memory")
	if code != 0 || !strings.Contains(out, "no schema to migrate") {
		t.Errorf("migrate on the embedded store: code %d, stdout %q, stderr %q", code, out, errs)
	}
	// Neo4j without a URI is a configuration error, not a hang.
	code, _, errs = runCmd(t, map[string]string{"ISSGRAPH_STORE": "neo4j"}, "migrate")
	if code != 2 || !strings.Contains(errs, "NEO4J_URI") {
		t.Errorf("neo4j without NEO4J_URI: code %d, stderr %q", code, errs)
	}
	code, _, errs = runCmd(t, map[string]string{"NEO4J_URI": "http://localhost:7474"}, "migrate", "--store=neo4j")
	if code != 2 {
		t.Errorf("neo4j with an http:// URI: code %d, stderr %q", code, errs)
	}
}

func TestDeriveCommand(t *testing.T) {
	corpus, ok := derive.FindCorpus()
	if !ok {
		t.Skip("no corpus beside the repository (set ISSGRAPH_CORPUS): derive was not run")
	}
	out := t.TempDir()
	code, stdout, errs := runCmd(t, nil, "derive", "--corpus", corpus, "--out", out)
	if code != 0 || !strings.Contains(stdout, "wrote") {
		t.Fatalf("derive: code %d, stdout %q, stderr %q", code, stdout, errs)
	}
	got, err := os.ReadFile(filepath.Join(out, derive.OutputName))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "seed", "data", "derived", derive.OutputName))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("derive wrote something other than the committed derived layer")
	}
	code, stdout, _ = runCmd(t, nil, "derive", "--corpus", corpus, "--out", out, "--check")
	if code != 0 || !strings.Contains(stdout, "up to date") {
		t.Errorf("derive --check on fresh output: code %d, stdout %q", code, stdout)
	}
	if err := os.WriteFile(filepath.Join(out, derive.OutputName), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs = runCmd(t, nil, "derive", "--corpus", corpus, "--out", out, "--check"); code != 1 || !strings.Contains(errs, "stale") {
		t.Errorf("derive --check on a stale file: code %d, stderr %q", code, errs)
	}
}

// import oeil prints a report per file, by kind and type, with the file's
// warnings; --json prints it as JSON; --lenient imports a file with a
// structural fault, listing what it skipped.
func TestImportCommandReport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.db")
	vars := map[string]string{"ISSGRAPH_DATA": path}
	cod := filepath.Join(oeilFixtures, "cod-2020-9011.txt")
	code, out, errs := runCmd(t, vars, "import", "oeil", cod)
	if code != 0 {
		t.Fatalf("import: code %d, stderr %q", code, errs)
	}
	for _, want := range []string{"procedure/2020-9011-cod", "5 warnings", "Document", "RAPPORTEUR", `warning: ` + cod + `:8: political group "XYZ"`} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	code, out, errs = runCmd(t, vars, "import", "oeil", "--json", cod)
	if code != 0 {
		t.Fatalf("import --json: code %d, stderr %q", code, errs)
	}
	var rep struct {
		Files []struct {
			File      string
			Procedure string
			Nodes     map[string]struct{ Created, Updated, Unchanged int }
			Edges     map[string]struct{ Created, Updated, Unchanged int }
			Warnings  []struct {
				File    string
				Line    int
				Message string
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output: %v\n%s", err, out)
	}
	f := rep.Files[0]
	if f.Procedure != "procedure/2020-9011-cod" || f.Nodes["Person"].Unchanged != 9 || f.Nodes["Person"].Created+f.Nodes["Person"].Updated != 0 || len(f.Warnings) != 5 || f.Warnings[0].Line != 8 {
		t.Errorf("--json report of a re-import: %+v", f)
	}

	junk := filepath.Join(oeilFixtures, "broken", "players-junk.L11.txt")
	if code, _, errs := runCmd(t, vars, "import", "oeil", junk); code != 1 || !strings.Contains(errs, "players-junk.L11.txt:11:") {
		t.Errorf("strict: code %d, stderr %q", code, errs)
	}
	code, out, errs = runCmd(t, vars, "import", "oeil", "--lenient", junk)
	if code != 0 || !strings.Contains(out, "players-junk.L11.txt:11: skipped: ") {
		t.Errorf("--lenient: code %d, stdout %q, stderr %q", code, out, errs)
	}
}
