package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/resolvers"
)

// rawConn is one keep-alive connection to the server, driven by hand, so
// that the test knows which connection a request travels on.
type rawConn struct {
	c net.Conn
	r *bufio.Reader
}

func dialRaw(t *testing.T, base string) *rawConn {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &rawConn{c: c, r: bufio.NewReader(c)}
}

// get sends GET path on the connection and reads the answer.
func (rc *rawConn) get(t *testing.T, path string) (*http.Response, string, error) {
	t.Helper()
	if _, err := fmt.Fprintf(rc.c, "GET %s HTTP/1.1\r\nHost: issgraph\r\n\r\n", path); err != nil {
		return nil, "", err
	}
	resp, err := http.ReadResponse(rc.r, nil)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, string(b), err
}

// On SIGTERM the server drains: /readyz turns 503 while requests are still
// served, a request sent on an idle keep-alive connection at that moment
// is answered (and told to close the connection, which the server then
// closes cleanly), and only after the drain period does the listener
// close.
func TestDrain(t *testing.T) {
	stubDataset(t)
	drainStarted, endDrain := make(chan struct{}), make(chan time.Time)
	var period time.Duration
	s := startServerHooks(t, nil, serveHooks{drain: func(d time.Duration) <-chan time.Time {
		period = d
		close(drainStarted)
		return endDrain
	}}, "--memory", "--drain-period=1h")
	var once sync.Once
	finish := func() { once.Do(func() { close(endDrain) }) }
	t.Cleanup(finish) // runs before the server's stop, registered earlier

	idle := dialRaw(t, s.base)
	resp, _, err := idle.get(t, "/healthz")
	if err != nil || resp.StatusCode != http.StatusOK || resp.Close {
		t.Fatalf("before the signal: %v %v", resp, err)
	}
	// The connection is now idle, kept alive. The signal comes.
	s.signal()
	select {
	case <-drainStarted:
	case <-time.After(time.Minute): // a guard against hanging, not synchronisation
		t.Fatal("the server did not drain on the signal")
	}
	if period != time.Hour {
		t.Errorf("drained for %s, want the configured hour", period)
	}

	resp, body := get(t, s.base+"/readyz")
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "shutting down") {
		t.Errorf("/readyz while draining: %d %s", resp.StatusCode, body)
	}
	query := "/graphql?query=" + url.QueryEscape(`{ agency(id: "agency/seeded") { name } }`)
	resp, body, err = idle.get(t, query)
	if err != nil {
		t.Fatalf("a request on an idle keep-alive connection while draining: %v", err)
	}
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Seeded") || !resp.Close {
		t.Fatalf("while draining: %d close=%v %s; want the answer, with Connection: close", resp.StatusCode, resp.Close, body)
	}
	_ = idle.c.SetReadDeadline(time.Now().Add(time.Minute)) // a guard against hanging
	if _, err := idle.r.ReadByte(); err != io.EOF {
		t.Errorf("after its last answer the connection ends with %v, want a clean EOF", err)
	}
	// New connections are still served during the drain.
	if resp, body := get(t, s.base+query); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Seeded") {
		t.Errorf("a new connection while draining: %d %s", resp.StatusCode, body)
	}

	finish()
	if err := s.stop(); err != nil {
		t.Fatalf("stop after the drain: %v", err)
	}
	if _, err := net.Dial("tcp", strings.TrimPrefix(s.base, "http://")); err == nil {
		t.Error("the listener is still open after the drain")
	}
	logs := s.logs.String()
	if i, j := strings.Index(logs, "draining"), strings.Index(logs, "shutting down"); i < 0 || j < i {
		t.Errorf("logs: want draining, then shutting down:\n%s", logs)
	}
}

// With --drain-period=0 the server stops at once, as before.
func TestNoDrain(t *testing.T) {
	drained := false
	s := startServerHooks(t, nil, serveHooks{drain: func(time.Duration) <-chan time.Time {
		drained = true
		return nil
	}}, "--memory", "--seed=never", "--drain-period=0")
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	if drained {
		t.Error("drained with a period of 0")
	}
}

func TestMetricsEndpoint(t *testing.T) {
	stubDataset(t)
	s := startServer(t, "--memory")
	s.post(t, `query Seeded { agency(id: "agency/seeded") { name } }`, nil)
	s.post(t, createFrontex, nil) // FORBIDDEN: no key
	resp, body := get(t, s.base+"/metrics")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/metrics: %d", resp.StatusCode)
	}
	for _, want := range []string{
		`issgraph_graphql_requests_total{code="OK",operation="Seeded"} 1`,
		`issgraph_graphql_requests_total{code="FORBIDDEN",operation="anonymous"} 1`,
		`issgraph_graphql_request_duration_seconds_count{operation="Seeded"} 1`,
		`issgraph_http_requests_total{route="/graphql",status="200"} 2`,
		`issgraph_store_call_duration_seconds_count{method="GetNodes",outcome="ok",store="embedded"}`,
		`issgraph_http_requests_in_flight 1`, // this scrape
		`issgraph_rate_limited_total 0`,
		`issgraph_shed_total 0`,
		`issgraph_build_info{commit=`,
		// The endpoint's caches and the store's: two documents parsed.
		`issgraph_cache_entries{cache="queries"} 2`,
		`issgraph_cache_misses_total{cache="queries"} 2`,
		`issgraph_cache_entries{cache="persisted_queries"} 0`,
		`issgraph_cache_entries{cache="store"} 0`,
		`go_goroutines`,
		`process_resident_memory_bytes`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// --metrics-addr moves /metrics to an address of its own; off removes it.
func TestMetricsAddress(t *testing.T) {
	s := startServer(t, "--memory", "--seed=never", "--metrics-addr=127.0.0.1:0")
	if s.metrics == "" {
		t.Fatal("no metrics address reported")
	}
	if resp, _ := get(t, s.base+"/metrics"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics on the API's address: %d, want 404", resp.StatusCode)
	}
	if resp, body := get(t, s.metrics+"/metrics"); resp.StatusCode != http.StatusOK || !strings.Contains(body, "issgraph_build_info") {
		t.Errorf("/metrics on its own address: %d", resp.StatusCode)
	}
	if resp, _ := get(t, s.metrics+"/graphql"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the API on the metrics address: %d, want 404", resp.StatusCode)
	}
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := net.Dial("tcp", strings.TrimPrefix(s.metrics, "http://")); err == nil {
		t.Error("the metrics listener outlives serve")
	}

	off := startServer(t, "--memory", "--seed=never", "--metrics-addr=off")
	if resp, _ := get(t, off.base+"/metrics"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics when off: %d, want 404", resp.StatusCode)
	}
}

// unavailable is a store whose reads fail as a Neo4j that is down does.
type unavailable struct{ graph.Store }

func (unavailable) GetNodes(context.Context, []string) ([]*graph.Node, error) {
	return nil, fmt.Errorf("neo4jstore: get nodes: %w", graph.ErrUnavailable)
}

// The request id: taken from the request or made, echoed, in the error's
// extensions, and on every log line of the request.
func TestRequestIDThroughTheServer(t *testing.T) {
	stubDataset(t)
	s := startServer(t, "--memory")
	code, out := s.post(t, createFrontex, nil, "X-Request-Id", "client-chose-this")
	if code != http.StatusOK || len(out.Errors) != 1 || out.Errors[0].Extensions["requestId"] != "client-chose-this" {
		t.Errorf("an error's extensions: %+v", out.Errors)
	}
	resp, body := get(t, s.base+"/export/subgraph?query=nonsense", "X-Request-Id", "export-1")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `"requestId":"export-1"`) || resp.Header.Get("X-Request-Id") != "export-1" {
		t.Errorf("an export's error: %d %s", resp.StatusCode, body)
	}
	resp, _ = get(t, s.base+"/healthz", "X-Request-Id", "bad id with spaces")
	made := resp.Header.Get("X-Request-Id")
	if made == "" || made == "bad id with spaces" {
		t.Errorf("an invalid id came back as %q", made)
	}
	if !strings.Contains(s.logs.String(), "request_id="+made) || !strings.Contains(s.logs.String(), "request_id=client-chose-this") {
		t.Errorf("the access log lacks the request ids:\n%s", s.logs.String())
	}

	// The lines the API logs inside a request carry its id too.
	cfg, err := parseConfig("serve", []string{"--memory"}, getenv(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	h := newHandler(unavailable{}, cfg, newLogger(cfg, logs), newLifecycle(), observability{})
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": "{ node(id: \"agency/europol\") { id } }"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-Id", "outage-1")
	h.ServeHTTP(rec, req)
	if !strings.Contains(rec.Body.String(), `"requestId":"outage-1"`) || !strings.Contains(rec.Body.String(), resolvers.CodeUnavailable) {
		t.Errorf("answer: %s", rec.Body)
	}
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) < 2 {
		t.Fatalf("want the API's warning and the access line:\n%s", logs.String())
	}
	for _, l := range lines {
		if !strings.Contains(l, "request_id=outage-1") {
			t.Errorf("a line of the request without its id: %s", l)
		}
	}
}

// Over the rate: 429 with Retry-After and RATE_LIMITED, from the server.
func TestRateLimitedServer(t *testing.T) {
	s := startServer(t, "--memory", "--seed=never", "--rate-limit=0.001", "--rate-burst=1")
	if code, out := s.post(t, `{ stats { nodes } }`, nil); code != http.StatusOK || len(out.Errors) > 0 {
		t.Fatalf("first request: %d %+v", code, out)
	}
	body := strings.NewReader(`{"query":"{ stats { nodes } }"}`)
	req, _ := http.NewRequest(http.MethodPost, s.base+"/graphql", body)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("second request: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if _, out := s.post(t, `{ stats { nodes } }`, nil); len(out.Errors) != 1 || out.Errors[0].Extensions["code"] != resolvers.CodeRateLimited {
		t.Errorf("third request: %+v", out)
	}
	// Health checks and metrics are never limited.
	for range 3 {
		if resp, _ := get(t, s.base+"/readyz"); resp.StatusCode != http.StatusOK {
			t.Errorf("/readyz of a rate-limited client: %d", resp.StatusCode)
		}
	}
}

// The defaults do not bite: every README example, sent by five clients
// at once, is answered.
func TestDefaultLimitsDoNotBiteTheReadme(t *testing.T) {
	s := startServer(t, "--memory")
	examples := readmeExamples(t)
	var wg sync.WaitGroup
	refused := make(chan string, 5*len(examples))
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, ex := range examples {
				req, _ := http.NewRequest(ex.method, s.base+ex.path, strings.NewReader(ex.body))
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					refused <- fmt.Sprintf("%s: %v", ex.name, err)
					continue
				}
				resp.Body.Close()
				if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
					refused <- fmt.Sprintf("%s: %d", ex.name, resp.StatusCode)
				}
			}
		}()
	}
	wg.Wait()
	close(refused)
	for r := range refused {
		t.Error(r)
	}
}
