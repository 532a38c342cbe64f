package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/issgraph/issgraph/cmd/issgraph/ops"
	"github.com/issgraph/issgraph/graph/neo4jstore"
)

// How to run TestLiveNeo4jOutage; it starts and stops a Neo4j of its own
// with scripts/neo4j (a JDK 17 or later and Maven).
const liveOutageRun = "ISSGRAPH_LIVE_NEO4J=1 go test -count=1 -v -run '^TestLiveNeo4jOutage$' ./cmd/issgraph/"

// TestLiveNeo4jOutage stops a real Neo4j in the middle of a run of reads
// and writes against a real "issgraph serve --store=neo4j", built from
// this repository, then starts it again on the same port with the same
// data, and checks what the issue promises:
//
//   - /readyz turns 503 with a reason while Neo4j is down, and 200 by
//     itself once it is back;
//   - every request is answered, with data or UNAVAILABLE, never a 5xx,
//     another code or a crash, and an UNAVAILABLE answer comes within
//     NEO4J_MAX_RETRY_TIME plus a second;
//   - every write acknowledged is there after the outage.
//
// It logs the times it measures. ISSGRAPH_LIVE_NEO4J_INSTANCE names the
// scripts/neo4j instance (default outage-<pid>).
func TestLiveNeo4jOutage(t *testing.T) {
	if os.Getenv("ISSGRAPH_LIVE_NEO4J") != "1" {
		t.Skip("live Neo4j outage test SKIPPED (starts and stops its own Neo4j; needs a JDK 17+ and Maven); run it with: " + liveOutageRun)
	}
	for _, tool := range []string{"java", "mvn", "go"} {
		if _, err := exec.LookPath(tool); err != nil && (tool != "java" || os.Getenv("JAVA_HOME") == "") {
			t.Fatalf("ISSGRAPH_LIVE_NEO4J=1 but %s is missing: %v", tool, err)
		}
	}
	retryBudget := neo4jstore.DefaultMaxRetryTime // the server runs with the defaults
	bound := retryBudget + time.Second

	neo := startLiveNeo4j(t)
	srv := startLiveServe(t, neo.uri)
	t.Logf("Neo4j at %s, issgraph at %s", neo.uri, srv.base)

	// The load: readers and writers in a loop, each request recorded.
	load := &loadRun{base: srv.base, run: strconv.FormatInt(time.Now().UnixNano(), 36)}
	ctx, stopLoad := context.WithCancel(context.Background())
	var workers sync.WaitGroup
	for i := range 3 {
		workers.Add(1)
		go func() { defer workers.Done(); load.loop(ctx, "read", i) }()
	}
	for i := range 2 {
		workers.Add(1)
		go func() { defer workers.Done(); load.loop(ctx, "write", i) }()
	}
	probe := &readiness{base: srv.base}
	workers.Add(1)
	go func() { defer workers.Done(); probe.loop(ctx) }()
	t.Cleanup(func() { stopLoad(); workers.Wait() })

	waitUntil(t, "writes are acknowledged before the outage", 60*time.Second, func() bool {
		return load.count(func(r result) bool { return r.kind == "write" && r.ok }) >= 10 && probe.seen(http.StatusOK, time.Time{})
	})

	// The outage.
	stopBegan := time.Now()
	neo.stop(t)
	stopDone := time.Now()
	waitUntil(t, "/readyz turns 503", 30*time.Second, func() bool { return probe.seen(http.StatusServiceUnavailable, stopBegan) })
	first503 := probe.first(http.StatusServiceUnavailable, stopBegan)
	waitUntil(t, "requests answer UNAVAILABLE while Neo4j is down", 60*time.Second, func() bool {
		down := func(kind string) func(r result) bool {
			return func(r result) bool { return r.kind == kind && r.start.After(stopDone) && r.code == "UNAVAILABLE" }
		}
		return load.count(down("read")) >= 3 && load.count(down("write")) >= 3 && time.Since(stopDone) > bound+time.Second
	})
	if !srv.alive() {
		t.Fatalf("issgraph exited during the outage:\n%s", srv.logTail())
	}

	// Back.
	startBegan := time.Now()
	neo.start(t)
	startDone := time.Now()
	waitUntil(t, "/readyz turns 200 by itself", 60*time.Second, func() bool { return probe.seen(http.StatusOK, startDone) })
	first200 := probe.first(http.StatusOK, startDone)
	waitUntil(t, "writes are acknowledged after the outage", 60*time.Second, func() bool {
		return load.count(func(r result) bool { return r.kind == "write" && r.ok && r.start.After(first200) }) >= 5
	})
	stopLoad()
	workers.Wait()

	// What was measured.
	t.Logf("Neo4j stop took %v; /readyz 503 %v after the stop began (%v after it ended)",
		stopDone.Sub(stopBegan).Round(time.Millisecond), first503.Sub(stopBegan).Round(time.Millisecond), first503.Sub(stopDone).Round(time.Millisecond))
	t.Logf("Neo4j start took %v; /readyz 200 %v after it was ready", startDone.Sub(startBegan).Round(time.Millisecond), first200.Sub(startDone).Round(time.Millisecond))
	results := load.all()
	for _, ph := range []struct {
		name     string
		from, to time.Time
	}{{"before the outage", time.Time{}, stopBegan}, {"while stopping", stopBegan, stopDone}, {"while down", stopDone, startBegan},
		{"while starting", startBegan, startDone}, {"back, before ready", startDone, first200}, {"after", first200, time.Now()}} {
		var in []result
		for _, r := range results {
			if !r.start.Before(ph.from) && r.start.Before(ph.to) {
				in = append(in, r)
			}
		}
		t.Logf("%-20s %s", ph.name+":", summary(in))
	}
	t.Logf("/readyz: %s", probe.transitions())

	// What was promised.
	for _, r := range results {
		switch {
		case r.err != nil:
			t.Errorf("%s at %v: no answer: %v", r.kind, r.start.Sub(stopBegan).Round(time.Millisecond), r.err)
		case r.status >= 500:
			t.Errorf("%s at %v: HTTP %d", r.kind, r.start.Sub(stopBegan).Round(time.Millisecond), r.status)
		case !r.ok && r.code != "UNAVAILABLE":
			t.Errorf("%s at %v: %d %q, want data or UNAVAILABLE", r.kind, r.start.Sub(stopBegan).Round(time.Millisecond), r.status, r.codes)
		case r.code == "UNAVAILABLE" && r.took > bound:
			t.Errorf("%s at %v: UNAVAILABLE after %v, want within %v (NEO4J_MAX_RETRY_TIME + 1s); issgraph's log of request %s:\n%s",
				r.kind, r.start.Sub(stopBegan).Round(time.Millisecond), r.took, bound, r.requestID, srv.requestLog(r.requestID))
		}
	}
	if bad := probe.unhealthy(); len(bad) > 0 {
		t.Errorf("/healthz failed during the run: %v", bad)
	}
	for _, s := range probe.statuses(stopDone, startBegan) {
		if s.status == http.StatusServiceUnavailable && s.reason != "store unavailable" {
			t.Errorf("/readyz while down: 503 with reason %q, want \"store unavailable\"", s.reason)
		}
		if s.status == http.StatusOK {
			t.Errorf("/readyz answered 200 at %v, while Neo4j was down", s.at.Sub(stopBegan).Round(time.Millisecond))
		}
	}

	// Every acknowledged write is there.
	var acked []string
	for _, r := range results {
		if r.kind == "write" && r.ok {
			acked = append(acked, r.id)
		}
	}
	missing := load.missing(t, acked)
	t.Logf("%d writes acknowledged, %d of them missing after the outage", len(acked), len(missing))
	if len(missing) > 0 {
		t.Errorf("acknowledged writes lost: %v", missing)
	}
	if !srv.alive() {
		t.Errorf("issgraph exited:\n%s", srv.logTail())
	}
	if logs := srv.logTail(); strings.Contains(logs, "panic") {
		t.Errorf("issgraph logged a panic:\n%s", logs)
	}
	if t.Failed() {
		t.Logf("issgraph's log, last lines:\n%s", srv.logTail())
	}
}

// liveNeo4j is one scripts/neo4j instance with a home in a temporary
// directory and a fixed Bolt port, so that it can start again on the same
// port with the same data.
type liveNeo4j struct {
	script string
	env    []string
	uri    string
}

func startLiveNeo4j(t *testing.T) *liveNeo4j {
	t.Helper()
	script, err := filepath.Abs("../../scripts/neo4j")
	if err != nil {
		t.Fatal(err)
	}
	instance := os.Getenv("ISSGRAPH_LIVE_NEO4J_INSTANCE")
	if instance == "" {
		instance = fmt.Sprintf("outage-%d", os.Getpid())
	}
	n := &liveNeo4j{script: script}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") {
			n.env = append(n.env, kv)
		}
	}
	n.env = append(n.env, "NEO4J_INSTANCE="+instance, "NEO4J_HOME="+t.TempDir(), "NEO4J_BOLT_PORT="+strconv.Itoa(freePort(t)))
	n.start(t)
	t.Cleanup(func() { n.stop(t) }) // before the home is removed: cleanups run last first
	return n
}

func (n *liveNeo4j) start(t *testing.T) {
	t.Helper()
	out := n.script1(t, "start")
	m := regexp.MustCompile(`(?m)^NEO4J_URI=(\S+)$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("scripts/neo4j start printed no NEO4J_URI: %q", out)
	}
	if n.uri != "" && n.uri != m[1] {
		t.Fatalf("Neo4j came back at %s, not %s", m[1], n.uri)
	}
	n.uri = m[1]
}

func (n *liveNeo4j) stop(t *testing.T) { t.Helper(); n.script1(t, "stop") }

func (n *liveNeo4j) script1(t *testing.T, verb string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, n.script, verb)
	cmd.Env = n.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("scripts/neo4j %s: %v\n%s", verb, err, stderr.String())
	}
	return stdout.String()
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// liveServe is "issgraph serve --store=neo4j" in a process of its own.
type liveServe struct {
	base   string
	log    string // its stderr, a file
	exited chan struct{}
}

const liveKey = "live-outage-test-key"

func startLiveServe(t *testing.T, uri string) *liveServe {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "issgraph")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	s := &liveServe{log: filepath.Join(dir, "serve.log"), exited: make(chan struct{})}
	logf, err := os.Create(s.log)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--store=neo4j", "--addr=127.0.0.1:0")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") && !strings.HasPrefix(kv, "ISSGRAPH_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	// At debug level the store logs how a failed call spent its retry
	// budget, with the request's id: a late UNAVAILABLE explains itself.
	cmd.Env = append(cmd.Env, "NEO4J_URI="+uri, "ISSGRAPH_API_KEY="+liveKey, "ISSGRAPH_LOG_LEVEL=debug")
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = cmd.Wait(); logf.Close(); close(s.exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-s.exited
		}
	})
	addr := regexp.MustCompile(`msg=listening addr=(\S+)`)
	waitUntil(t, "issgraph listens", 3*time.Minute, func() bool {
		if !s.alive() {
			t.Fatalf("issgraph exited at start:\n%s", s.logTail())
		}
		if m := addr.FindStringSubmatch(s.logTail()); m != nil {
			s.base = "http://" + m[1]
			return true
		}
		return false
	})
	waitUntil(t, "issgraph is ready (migrations, seeding)", 3*time.Minute, func() bool {
		resp, err := http.Get(s.base + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return s
}

func (s *liveServe) alive() bool {
	select {
	case <-s.exited:
		return false
	default:
		return true
	}
}

// requestLog is the lines of the server's log that carry the request id
// id (the access line, and the store's debug lines).
func (s *liveServe) requestLog(id string) string {
	if id == "" {
		return "(the answer had no " + ops.HeaderRequestID + ")"
	}
	b, _ := os.ReadFile(s.log)
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, "request_id="+id) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// logTail is the last 200 lines of the server's log.
func (s *liveServe) logTail() string {
	b, _ := os.ReadFile(s.log)
	lines := strings.Split(string(b), "\n")
	return strings.Join(lines[max(0, len(lines)-200):], "\n")
}

// result is one request of the load.
type result struct {
	kind      string // read or write
	start     time.Time
	took      time.Duration
	status    int
	err       error    // no HTTP answer, or not JSON
	requestID string   // the answer's X-Request-Id
	codes     []string // extensions.code of each error
	code      string   // the first of them
	ok        bool     // data, no errors
	id        string   // a write's node id
	data      string
}

type loadRun struct {
	base string
	run  string
	n    atomic.Int64

	mu      sync.Mutex
	results []result
}

var liveClient = &http.Client{Timeout: 2 * time.Minute}

func (l *loadRun) loop(ctx context.Context, kind string, worker int) {
	tick := time.NewTicker(50 * time.Millisecond) // pacing the load, not synchronisation
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		r := result{kind: kind}
		if kind == "read" {
			r.post(l.base, `{ node(id: "agency/europol") { id } documents(first: 3) { totalCount nodes { id } } }`, nil)
		} else {
			r.id = fmt.Sprintf("agency/outage-%s-%d-%d", l.run, worker, l.n.Add(1))
			r.post(l.base, `mutation($id: ID!) { createAgency(input: {id: $id, name: "Outage test agency"}) { id } }`, map[string]any{"id": r.id})
			if r.ok && !strings.Contains(r.data, r.id) {
				r.ok, r.err = false, fmt.Errorf("acknowledged without the id: %s", r.data)
			}
		}
		l.mu.Lock()
		l.results = append(l.results, r)
		l.mu.Unlock()
	}
}

// post sends one GraphQL request, with the API key, and records its answer.
func (r *result) post(base, query string, vars map[string]any) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+liveKey)
	r.start = time.Now()
	resp, err := liveClient.Do(req)
	if err != nil {
		r.took, r.err = time.Since(r.start), err
		return
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	r.took, r.status, r.requestID = time.Since(r.start), resp.StatusCode, resp.Header.Get(ops.HeaderRequestID)
	if err != nil {
		r.err = err
		return
	}
	var out struct {
		Data   json.RawMessage
		Errors []struct{ Extensions map[string]any }
	}
	if err := json.Unmarshal(b, &out); err != nil {
		r.err = fmt.Errorf("not JSON: %v: %.200s", err, b)
		return
	}
	for _, e := range out.Errors {
		c, _ := e.Extensions["code"].(string)
		r.codes = append(r.codes, c)
	}
	if len(r.codes) > 0 {
		r.code = r.codes[0]
		for _, c := range r.codes {
			if c != "UNAVAILABLE" {
				r.code = c
			}
		}
	}
	r.ok = len(out.Errors) == 0 && len(out.Data) > 0 && string(out.Data) != "null"
	r.data = string(out.Data)
}

func (l *loadRun) all() []result {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.results)
}

func (l *loadRun) count(f func(result) bool) int {
	n := 0
	for _, r := range l.all() {
		if f(r) {
			n++
		}
	}
	return n
}

// missing returns the ids of ids that are not in the store, asking 50 at
// a time.
func (l *loadRun) missing(t *testing.T, ids []string) []string {
	t.Helper()
	var out []string
	for chunk := range slices.Chunk(ids, 50) {
		var q strings.Builder
		q.WriteString("{")
		for i, id := range chunk {
			fmt.Fprintf(&q, " n%d: node(id: %q) { id }", i, id)
		}
		q.WriteString(" }")
		var r result
		r.post(l.base, q.String(), nil)
		if !r.ok {
			t.Fatalf("reading the acknowledged writes back: %d %v %v", r.status, r.err, r.codes)
		}
		var data map[string]*struct{ ID string }
		if err := json.Unmarshal([]byte(r.data), &data); err != nil {
			t.Fatal(err)
		}
		for i, id := range chunk {
			if n := data["n"+strconv.Itoa(i)]; n == nil || n.ID != id {
				out = append(out, id)
			}
		}
	}
	return out
}

// summary describes the requests of one phase.
func summary(rs []result) string {
	if len(rs) == 0 {
		return "no requests"
	}
	var ok, unavailable, other int
	var okTook, unTook []time.Duration
	for _, r := range rs {
		switch {
		case r.ok:
			ok++
			okTook = append(okTook, r.took)
		case r.code == "UNAVAILABLE":
			unavailable++
			unTook = append(unTook, r.took)
		default:
			other++
		}
	}
	return fmt.Sprintf("%d requests: %d answered (%s), %d UNAVAILABLE (%s), %d other",
		len(rs), ok, spread(okTook), unavailable, spread(unTook), other)
}

func spread(d []time.Duration) string {
	if len(d) == 0 {
		return "-"
	}
	slices.Sort(d)
	r := func(x time.Duration) time.Duration { return x.Round(time.Millisecond) }
	return fmt.Sprintf("min %v, median %v, max %v", r(d[0]), r(d[len(d)/2]), r(d[len(d)-1]))
}

// readiness polls /readyz and /healthz and keeps what they said.
type readiness struct {
	base string

	mu     sync.Mutex
	ready  []probeAnswer
	health []probeAnswer
}

type probeAnswer struct {
	at     time.Time
	status int
	reason string
	err    error
}

func (p *readiness) loop(ctx context.Context) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		r := probeGet(p.base + "/readyz")
		h := probeGet(p.base + "/healthz")
		p.mu.Lock()
		p.ready = append(p.ready, r)
		p.health = append(p.health, h)
		p.mu.Unlock()
	}
}

func probeGet(url string) probeAnswer {
	a := probeAnswer{at: time.Now()}
	resp, err := liveClient.Get(url)
	if err != nil {
		a.err = err
		return a
	}
	defer resp.Body.Close()
	a.status = resp.StatusCode
	var body map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		a.err = err
	}
	a.reason = body["reason"]
	return a
}

// statuses returns the /readyz answers to requests sent in [from, to).
func (p *readiness) statuses(from, to time.Time) []probeAnswer {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []probeAnswer
	for _, a := range p.ready {
		if !a.at.Before(from) && a.at.Before(to) {
			out = append(out, a)
		}
	}
	return out
}

func (p *readiness) seen(status int, after time.Time) bool {
	return !p.first(status, after).IsZero()
}

// first is when the first /readyz request sent after after that got status
// was sent; zero if none.
func (p *readiness) first(status int, after time.Time) time.Time {
	for _, a := range p.statuses(after, time.Now().Add(time.Hour)) {
		if a.status == status {
			return a.at
		}
	}
	return time.Time{}
}

// transitions says when /readyz changed its answer.
func (p *readiness) transitions() string {
	var b strings.Builder
	last := -1
	var t0 time.Time
	for _, a := range p.statuses(time.Time{}, time.Now().Add(time.Hour)) {
		if t0.IsZero() {
			t0 = a.at
		}
		if a.status != last {
			fmt.Fprintf(&b, "%v: %d %s; ", a.at.Sub(t0).Round(time.Millisecond), a.status, a.reason)
			last = a.status
		}
	}
	return b.String()
}

func (p *readiness) unhealthy() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var bad []string
	for _, h := range p.health {
		if h.err != nil || h.status != http.StatusOK {
			bad = append(bad, fmt.Sprintf("%d %v", h.status, h.err))
		}
	}
	return bad
}

// waitUntil polls cond until it holds, or fails the test after d.
func waitUntil(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting until %s", d, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
