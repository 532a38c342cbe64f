package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	"github.com/issgraph/issgraph/cmd/issgraph/ops"
	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
)

const key = "server-test-key"

// server is one run of serve in the background.
type server struct {
	base    string
	metrics string // the base URL of the metrics' own address, if any
	logs    *lockedBuffer
	signal  func() // what SIGTERM does: serve's context ends
	stop    func() error
}

func startServer(t *testing.T, args ...string) *server {
	t.Helper()
	return startServerEnv(t, nil, args...)
}

// startServerEnv is startServer with these variables in its environment
// too.
func startServerEnv(t *testing.T, vars map[string]string, args ...string) *server {
	t.Helper()
	return startServerHooks(t, vars, serveHooks{}, args...)
}

// startServerHooks is startServerEnv with hooks; their listening is
// replaced. The drain period is 0 unless args set it.
func startServerHooks(t *testing.T, vars map[string]string, hooks serveHooks, args ...string) *server {
	t.Helper()
	env := map[string]string{"ISSGRAPH_API_KEYS": key}
	maps.Copy(env, vars)
	cfg, err := parseConfig("serve", append([]string{"--addr", "127.0.0.1:0", "--drain-period=0"}, args...), getenv(env), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	type addrs struct{ api, metrics net.Addr }
	addr := make(chan addrs, 1)
	done := make(chan error, 1)
	hooks.listening = func(a, m net.Addr) { addr <- addrs{a, m} }
	go func() {
		done <- serve(ctx, cfg, slog.New(ops.ContextHandler(slog.NewTextHandler(logs, nil))), hooks)
	}()
	s := &server{logs: logs, signal: cancel}
	var once sync.Once
	var stopErr error
	s.stop = func() error {
		once.Do(func() { cancel(); stopErr = <-done })
		return stopErr
	}
	t.Cleanup(func() { _ = s.stop() })
	select {
	case a := <-addr:
		s.base = "http://" + a.api.String()
		if a.metrics != nil {
			s.metrics = "http://" + a.metrics.String()
		}
	case err := <-done:
		once.Do(func() { cancel(); stopErr = err }) // so that stop, in the cleanup, does not wait for it again
		t.Fatalf("serve: %v", err)
	}
	return s
}

type gqlResponse struct {
	Data   map[string]json.RawMessage
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
}

func (s *server) post(t *testing.T, query string, vars map[string]any, headers ...string) (int, gqlResponse) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, s.base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return s.do(t, req)
}

func (s *server) do(t *testing.T, req *http.Request) (int, gqlResponse) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s %s: decoding the answer: %v", req.Method, req.URL, err)
	}
	return resp.StatusCode, out
}

func get(t *testing.T, url string, headers ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
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
	return resp, string(b)
}

const createFrontex = `mutation { createAgency(input: {name: "European Border and Coast Guard Agency", acronym: "Frontex"}) { id } }`

func TestServer(t *testing.T) {
	calls := stubDataset(t)
	data := filepath.Join(t.TempDir(), "data", "issgraph.db")
	s := startServer(t, "--data", data, "--max-body-bytes", "4096")
	if *calls != 1 {
		t.Errorf("an empty store was seeded %d times, want once", *calls)
	}

	resp, body := get(t, s.base+"/healthz")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"ok"`) {
		t.Errorf("/healthz: %d %s", resp.StatusCode, body)
	}
	resp, body = get(t, s.base+"/readyz")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("/readyz: %d %s", resp.StatusCode, body)
	}

	// GraphiQL at /, and nothing else at other paths.
	resp, body = get(t, s.base+"/")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
		!strings.Contains(strings.ToLower(body), "graphiql") || !strings.Contains(body, "/graphql") {
		t.Errorf("/: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if resp, _ := get(t, s.base+"/nothing"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/nothing: %d, want 404", resp.StatusCode)
	}

	// GET and POST /graphql.
	resp, body = get(t, s.base+"/graphql?query="+url.QueryEscape(`{ agency(id: "agency/seeded") { name } }`))
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"Seeded"`) {
		t.Errorf("GET /graphql: %d %s", resp.StatusCode, body)
	}
	code, out := s.post(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": "agency/seeded"})
	if code != http.StatusOK || len(out.Errors) > 0 || !strings.Contains(string(out.Data["node"]), "agency/seeded") {
		t.Errorf("POST /graphql: %d %+v", code, out)
	}

	// CORS: a preflight for a write from a browser, and a simple read.
	req, _ := http.NewRequest(http.MethodOptions, s.base+"/graphql", nil)
	req.Header.Set("Origin", "https://viz.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "authorization,content-type") // as browsers send it
	pre, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	pre.Body.Close()
	if pre.StatusCode/100 != 2 || pre.Header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(strings.ToLower(pre.Header.Get("Access-Control-Allow-Headers")), "authorization") ||
		!strings.Contains(pre.Header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("preflight: %d %v", pre.StatusCode, pre.Header)
	}
	resp, _ = get(t, s.base+"/healthz", "Origin", "https://viz.example")
	if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("simple request: Access-Control-Allow-Origin = %q", resp.Header.Get("Access-Control-Allow-Origin"))
	}

	// Writes: refused without the key, done with it.
	_, out = s.post(t, createFrontex, nil)
	if len(out.Errors) != 1 || out.Errors[0].Extensions["code"] != "FORBIDDEN" {
		t.Errorf("mutation without a key: %+v", out)
	}
	_, out = s.post(t, createFrontex, nil, "Authorization", "Bearer "+key)
	if len(out.Errors) > 0 || !strings.Contains(string(out.Data["createAgency"]), "agency/frontex") {
		t.Fatalf("mutation with the key: %+v", out)
	}

	// A body over the limit is refused before it is read.
	big := `{"query": "{ stats { nodes } }", "pad": "` + strings.Repeat("x", 5000) + `"}`
	req, _ = http.NewRequest(http.MethodPost, s.base+"/graphql", strings.NewReader(big))
	req.Header.Set("Content-Type", "application/json")
	if code, _ := s.do(t, req); code != http.StatusRequestEntityTooLarge {
		t.Errorf("large body: %d, want 413", code)
	}

	if err := s.stop(); err != nil {
		t.Fatalf("graceful stop: %v", err)
	}
	logs := s.logs.String()
	for _, want := range []string{"path=/healthz status=200", "path=/graphql status=200", "shutting down", "stopped"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q:\n%s", want, logs)
		}
	}

	// The node outlives the process, and a store with data is not seeded
	// again.
	s = startServer(t, "--data", data)
	_, out = s.post(t, `{ agency(id: "agency/frontex") { acronym } }`, nil)
	if !strings.Contains(string(out.Data["agency"]), "Frontex") {
		t.Errorf("after restart: %+v", out)
	}
	if *calls != 1 {
		t.Errorf("the store was seeded again on restart (%d calls)", *calls)
	}
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
}

func TestServeFailsCleanly(t *testing.T) {
	// The address is taken.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	cfg, err := parseConfig("serve", []string{"--memory", "--seed=never", "--addr", ln.Addr().String()}, getenv(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if err := serve(t.Context(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), serveHooks{}); err == nil {
		t.Error("serve on a taken address succeeded")
	}
}

type pingFails struct{ graph.Store }

func (pingFails) Ping(context.Context) error {
	return errors.New("neo4jstore: bolt://10.0.0.9: connection refused")
}

func TestReadiness(t *testing.T) {
	cfg, err := parseConfig("serve", []string{"--memory"}, getenv(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	mem := embedded.Memory()
	defer mem.Close()
	logs := &lockedBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))

	tests := []struct {
		name      string
		store     graph.Store
		drain     bool
		unstarted bool
		status    int
		reason    string
	}{
		{"ready", mem, false, false, http.StatusOK, ""},
		{"store down", pingFails{mem}, false, false, http.StatusServiceUnavailable, "store unavailable"},
		{"draining", mem, true, false, http.StatusServiceUnavailable, "shutting down"},
		{"start-up waiting for the store", mem, false, true, http.StatusServiceUnavailable, "start-up not done"},
	}
	for _, tt := range tests {
		life := newLifecycle()
		life.draining.Store(tt.drain)
		if !tt.unstarted {
			life.markPrepared()
		}
		rec := httptest.NewRecorder()
		newHandler(tt.store, cfg, log, life, observability{}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
		var body map[string]string
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if rec.Code != tt.status || body["reason"] != tt.reason {
			t.Errorf("%s: %d %v, want %d with reason %q", tt.name, rec.Code, body, tt.status, tt.reason)
		}
		if strings.Contains(rec.Body.String(), "10.0.0.9") {
			t.Errorf("%s: the answer leaks the cause", tt.name)
		}
	}
	if !strings.Contains(logs.String(), "10.0.0.9") {
		t.Error("the failed ping was not logged")
	}
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serve sets the collector's target it is given while it runs, and puts
// the one it found back when it returns.
func TestServeSetsGCPercent(t *testing.T) {
	gcPercent := func() int {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p
	}
	before := gcPercent()
	s := startServer(t, "--memory", "--seed=never", "--gc-percent=345", "--gc-min-heap=0")
	if got := gcPercent(); got != 345 {
		t.Errorf("while serving, GC percent %d, want 345", got)
	}
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	if got := gcPercent(); got != before {
		t.Errorf("after serving, GC percent %d, want %d as before", got, before)
	}

	// With the floor (the default), the small live heap of an empty
	// store may grow further than 345% (ops.TuneGC).
	s = startServer(t, "--memory", "--seed=never", "--gc-percent=345", "--gc-min-heap=1073741824")
	if got := gcPercent(); got <= 345 {
		t.Errorf("while serving with a floor of 1 GiB, GC percent %d, want more than 345", got)
	}
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	if got := gcPercent(); got != before {
		t.Errorf("after serving with a floor, GC percent %d, want %d as before", got, before)
	}
}
