package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph/neo4jstore"
	"github.com/issgraph/issgraph/graph/teststore"
)

// readmeExample is one request the README shows.
type readmeExample struct {
	name   string
	method string
	path   string
	body   string // JSON, for POST
	auth   bool
}

// readmeExamples lists the README's requests: every ```graphql block, every
// export URL and every curl body sent to /graphql.
func readmeExamples(t *testing.T) []readmeExample {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []readmeExample
	for i, b := range regexp.MustCompile("(?s)```graphql\n(.*?)```").FindAllSubmatch(readme, -1) {
		body, _ := json.Marshal(map[string]string{"query": string(b[1])})
		out = append(out, readmeExample{name: "graphql block " + strconv.Itoa(i+1), method: http.MethodPost, path: "/graphql", body: string(body)})
	}
	for _, u := range regexp.MustCompile(`curl -s '(?:localhost:8080)(/export/subgraph\?[^']*)'`).FindAllSubmatch(readme, -1) {
		out = append(out, readmeExample{name: string(u[1]), method: http.MethodGet, path: string(u[1])})
	}
	for _, b := range regexp.MustCompile(`(?s)curl -s localhost:8080/graphql .*?-d '([^']*)'`).FindAllSubmatch(readme, -1) {
		out = append(out, readmeExample{name: "curl " + string(b[1]), method: http.MethodPost, path: "/graphql", body: string(b[1]), auth: true})
	}
	if len(out) < 10 {
		t.Fatalf("found %d README examples; the patterns no longer match the README", len(out))
	}
	return out
}

// send runs one example against a server and returns the status and body.
func (s *server) send(t *testing.T, ex readmeExample) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(ex.method, s.base+ex.path, strings.NewReader(ex.body))
	if err != nil {
		t.Fatal(err)
	}
	if ex.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if ex.auth {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// TestLiveSeedAndServeOnNeo4j is the binary on a live Neo4j: "issgraph
// seed --store=neo4j" twice into an empty database (the second changes
// nothing and says so), then "serve --store=neo4j" answering every README
// example with the same bytes as "serve --memory" on the embedded store.
func TestLiveSeedAndServeOnNeo4j(t *testing.T) {
	if teststore.Name() != "neo4j" {
		t.Skipf("\n*** live seed-and-serve test SKIPPED: it runs with %s=neo4j and NEO4J_URI (scripts/neo4j test). ***", teststore.EnvStore)
	}
	teststore.Fresh(t, nil) // an empty database, and the lock on it
	vars := map[string]string{}
	for _, name := range []string{neo4jstore.EnvURI, neo4jstore.EnvUser, neo4jstore.EnvPassword, neo4jstore.EnvDatabase} {
		vars[name] = os.Getenv(name)
	}

	code, first, errs := runCmd(t, vars, "seed", "--store=neo4j")
	if code != 0 || !strings.Contains(first, " created") || strings.Contains(first, "nothing changed") {
		t.Fatalf("first seed: code %d, stdout %q, stderr %q", code, first, errs)
	}
	if m := regexp.MustCompile(`(\d+) nodes \((\d+) created`).FindStringSubmatch(first); m == nil || m[1] != m[2] {
		t.Errorf("first seed into an empty database: %q, want every node created", first)
	}
	code, second, errs := runCmd(t, vars, "seed", "--store=neo4j")
	if code != 0 || !strings.HasSuffix(strings.TrimSpace(second), ": nothing changed") ||
		!regexp.MustCompile(`\(0 created, 0 updated, \d+ unchanged\).*\(0 created, 0 updated, \d+ unchanged\)`).MatchString(second) {
		t.Fatalf("second seed: code %d, stdout %q, stderr %q: want all unchanged", code, second, errs)
	}
	t.Logf("seed, then seed again:\n%s%s", first, second)

	neo := startServerEnv(t, vars, "--store=neo4j", "--seed=never")
	mem := startServer(t, "--memory")
	examples := readmeExamples(t)
	for _, ex := range examples {
		ns, nb := neo.send(t, ex)
		ms, mb := mem.send(t, ex)
		if ms != http.StatusOK || bytes.Contains(mb, []byte(`"errors"`)) {
			t.Errorf("%s: the embedded store answers %d %.300s", ex.name, ms, mb)
		}
		if ns != ms || !bytes.Equal(nb, mb) {
			t.Errorf("%s: Neo4j answers %d\n%.2000s\nthe embedded store %d\n%.2000s", ex.name, ns, nb, ms, mb)
		}
	}
	t.Logf("%d README examples compared", len(examples))
}
