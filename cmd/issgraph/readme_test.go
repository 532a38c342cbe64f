package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/graph/teststore"
	"github.com/issgraph/issgraph/resolvers"
	"github.com/issgraph/issgraph/seed"
)

// TestReadmeQueries runs every ```graphql block of the README against the
// seeded graph, on the store teststore gives (embedded, or Neo4j with
// ISSGRAPH_TEST_STORE=neo4j): the examples a newcomer pastes first must
// work on both, and must answer with data. The answers of the query
// language's examples are checked in resolvers (querylang_test.go).
func TestReadmeQueries(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```graphql\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(blocks) < 3 {
		t.Fatalf("README has %d graphql examples; expected several", len(blocks))
	}
	s := teststore.Shared(t, "iss", func(ctx context.Context, s graph.Store) error {
		_, err := seed.Load(ctx, s, seed.Options{})
		return err
	})
	h := resolvers.NewHandler(s, resolvers.Options{})
	for i, b := range blocks {
		body, _ := json.Marshal(map[string]string{"query": string(b[1])})
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var res struct {
			Data   map[string]any  `json:"data"`
			Errors json.RawMessage `json:"errors"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatalf("example %d: %v: %s", i+1, err, rec.Body)
		}
		if len(res.Errors) > 0 {
			t.Errorf("example %d fails:\n%s\nerrors: %s", i+1, b[1], res.Errors)
			continue
		}
		for field, v := range res.Data {
			if v == nil {
				t.Errorf("example %d: %s is null: the example finds nothing", i+1, field)
			}
			if !holdsSomething(v) {
				t.Errorf("example %d: every list in %s is empty: the example finds nothing", i+1, field)
			}
		}
	}
}

// TestReadmeExports runs every export URL the README shows with curl
// against the seeded graph: each must answer 200 with a non-empty graph.
func TestReadmeExports(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	urls := regexp.MustCompile(`curl -s '(?:localhost:8080)(/export/subgraph\?[^']*)'`).FindAllSubmatch(readme, -1)
	if len(urls) < 2 {
		t.Fatalf("README shows %d export URLs; expected several", len(urls))
	}
	s := embedded.Memory()
	defer s.Close()
	if _, err := seed.Load(t.Context(), s, seed.Options{}); err != nil {
		t.Fatal(err)
	}
	h := resolvers.NewExportHandler(s, resolvers.Options{})
	for _, u := range urls {
		req := httptest.NewRequest(http.MethodGet, string(u[1]), nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !bytes.Contains(rec.Body.Bytes(), []byte(`node`)) {
			t.Errorf("%s: status %d: %.300s", u[1], rec.Code, rec.Body)
		}
	}
}

// The Neo4j of development and CI (tools/neo4j/pom.xml) and of
// docker-compose.yml is one version.
func TestNeo4jVersionPinnedOnce(t *testing.T) {
	pom, err := os.ReadFile("../../tools/neo4j/pom.xml")
	if err != nil {
		t.Fatal(err)
	}
	compose, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<neo4j\.version>(5\.26\.\d+)</neo4j\.version>`).FindSubmatch(pom)
	if m == nil {
		t.Fatal("tools/neo4j/pom.xml pins no neo4j.version of the 5.26 line")
	}
	c := regexp.MustCompile(`image: neo4j:(\S+)`).FindSubmatch(compose)
	if c == nil {
		t.Fatal("docker-compose.yml runs no neo4j image")
	}
	if string(c[1]) != string(m[1])+"-community" {
		t.Errorf("docker-compose.yml runs neo4j:%s, the launcher %s: pin the same version", c[1], m[1])
	}
}

// TestReadmeConfiguration keeps the README's configuration table and the
// code together: every flag serve takes (the server's, the store's and
// the log's, which the other commands share), and every variable the
// server's code names (ISSGRAPH_*, NEO4J_*, OTEL_*), is in the table, and
// the table names nothing that does not exist. A command's own flags
// (derive's, import's) are documented with the command, so they need only
// be in the README.
func TestReadmeConfiguration(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := regexp.MustCompile(`(?s)\n## Configuration\n(.*?)\n## `).FindSubmatch(readme)
	if section == nil {
		t.Fatal("README has no Configuration section")
	}
	var table strings.Builder
	for _, line := range strings.Split(string(section[1]), "\n") {
		if strings.HasPrefix(line, "| ") {
			table.WriteString(line + "\n")
		}
	}
	tableFlags := set(regexp.MustCompile("`--([a-z][a-z0-9-]*)`").FindAllStringSubmatch(table.String(), -1))
	tableVars := set(regexp.MustCompile("`((?:ISSGRAPH|NEO4J|OTEL)_[A-Z0-9_]+)`").FindAllStringSubmatch(table.String(), -1))

	// Flags, from each command's -h.
	serveFlags, _ := helpFlags(t, "serve")
	shared := map[string]bool{}
	for _, f := range serveFlags {
		shared[f] = true
		if !tableFlags[f] {
			t.Errorf("flag --%s is not in the README's configuration table", f)
		}
	}
	for name := range commands {
		got, _ := helpFlags(t, name)
		for _, f := range got {
			if !shared[f] && !regexp.MustCompile("`[^`]*--"+f+"\\b").Match(readme) {
				t.Errorf("issgraph %s's flag --%s is not in the README", name, f)
			}
		}
	}
	for f := range tableFlags {
		if !shared[f] {
			t.Errorf("the README's configuration table names --%s, which serve does not take", f)
		}
	}

	// Variables, from the code that reads them.
	vars := map[string]bool{}
	for _, pattern := range []string{"*.go", "ops/*.go", "../../graph/neo4jstore/config.go"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range regexp.MustCompile(`"((?:ISSGRAPH|NEO4J|OTEL)_[A-Z0-9_]+)"`).FindAllStringSubmatch(string(src), -1) {
				vars[m[1]] = true
			}
		}
	}
	if len(vars) < 20 {
		t.Fatalf("found %d variables in the code; the patterns no longer match it", len(vars))
	}
	for v := range vars {
		if !tableVars[v] {
			t.Errorf("variable %s is not in the README's configuration table", v)
		}
	}
	for v := range tableVars {
		if !vars[v] {
			t.Errorf("the README's configuration table names %s, which the code does not read", v)
		}
	}
}

func set(matches [][]string) map[string]bool {
	out := map[string]bool{}
	for _, m := range matches {
		out[m[1]] = true
	}
	return out
}

// holdsSomething reports whether an answer has a non-empty list, or no
// list at all.
func holdsSomething(v any) bool {
	lists, full := 0, 0
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case []any:
			lists++
			if len(x) > 0 {
				full++
			}
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return lists == 0 || full > 0
}
