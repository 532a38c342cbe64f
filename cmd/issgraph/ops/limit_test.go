package ops

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/issgraph/issgraph/resolvers"
)

// clock is a time the test moves by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newTestGuard(l Limits) (*Guard, *clock, *Metrics) {
	m := NewMetrics("test", "none")
	g := NewGuard(l, m)
	c := &clock{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	g.now = c.now
	return g, c, m
}

// refusal is a decoded refusal.
type refusal struct {
	status     int
	retryAfter string
	code       string
	reason     string
	requestID  string
}

func send(t *testing.T, h http.Handler, remote string, headers ...string) refusal {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":"{ __typename }"}`))
	req.RemoteAddr = remote
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	info := &resolvers.RequestInfo{ID: "req-1"}
	req = req.WithContext(resolvers.WithRequestInfo(req.Context(), info))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	r := refusal{status: rec.Code, retryAfter: rec.Header().Get("Retry-After")}
	if rec.Code == http.StatusOK {
		return r
	}
	var body struct {
		Errors []struct {
			Message    string
			Extensions map[string]string
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || len(body.Errors) != 1 || body.Errors[0].Message == "" {
		t.Fatalf("refusal %d is not GraphQL-shaped: %v: %s", rec.Code, err, rec.Body)
	}
	ext := body.Errors[0].Extensions
	r.code, r.reason, r.requestID = ext["code"], ext["reason"], ext["requestId"]
	if info.Code() != r.code {
		t.Errorf("the request's info says code %q, the answer %q", info.Code(), r.code)
	}
	return r
}

var ok = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})

func TestRateLimit(t *testing.T) {
	g, clk, m := newTestGuard(Limits{Rate: 0.5, Burst: 2, APIKeys: []string{"k1", "k2"}})
	h := g.Wrap(ok)
	const a, b = "192.0.2.1:1000", "192.0.2.2:1000"

	steps := []struct {
		name    string
		advance time.Duration
		remote  string
		headers []string
		status  int
		retry   string
	}{
		{"first of the burst", 0, a, nil, 200, ""},
		{"second of the burst", 0, a, nil, 200, ""},
		{"over the rate", 0, a, nil, 429, "2"},
		{"another port of the same host shares its bucket", 0, "192.0.2.1:2000", nil, 429, "2"},
		{"another address has its own", 0, b, nil, 200, ""},
		{"a made-up key does not buy a fresh bucket", 0, a, []string{"X-API-Key", "made-up"}, 429, "2"},
		{"a configured key has its own bucket", 0, a, []string{"Authorization", "Bearer k1"}, 200, ""},
		{"from any address", 0, b, []string{"X-API-Key", "k1"}, 200, ""},
		{"and it runs out too", 0, b, []string{"X-API-Key", "k1"}, 429, "2"},
		{"another key is another bucket", 0, b, []string{"X-API-Key", "k2"}, 200, ""},
		{"a second later, half a token: still refused", time.Second, a, nil, 429, "1"},
		{"two seconds later, a token", time.Second, a, nil, 200, ""},
		{"and only one", 0, a, nil, 429, "2"},
	}
	refused := 0
	for _, st := range steps {
		clk.t = clk.t.Add(st.advance)
		r := send(t, h, st.remote, st.headers...)
		if r.status != st.status || r.retryAfter != st.retry {
			t.Errorf("%s: %d Retry-After %q, want %d %q", st.name, r.status, r.retryAfter, st.status, st.retry)
		}
		if r.status == http.StatusTooManyRequests {
			refused++
			if r.code != resolvers.CodeRateLimited || r.requestID != "req-1" {
				t.Errorf("%s: code %q, requestId %q", st.name, r.code, r.requestID)
			}
		}
	}
	if got := value(t, m, "issgraph_rate_limited_total", nil); got != float64(refused) {
		t.Errorf("issgraph_rate_limited_total = %v, want %d", got, refused)
	}
}

func TestNoRateLimit(t *testing.T) {
	g, _, _ := newTestGuard(Limits{Rate: 0})
	h := g.Wrap(ok)
	for range 1000 {
		if r := send(t, h, "192.0.2.1:1"); r.status != http.StatusOK {
			t.Fatalf("rate 0 refused a request: %d", r.status)
		}
	}
}

// Beyond MaxInFlight the server answers 503 at once, and takes requests
// again as soon as one finishes.
func TestShedding(t *testing.T) {
	g, _, m := newTestGuard(Limits{MaxInFlight: 2})
	entered, release := make(chan struct{}), make(chan struct{})
	h := g.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Block") != "" {
			entered <- struct{}{}
			<-release
		}
	}))
	done := make(chan refusal, 2)
	for i := range 2 {
		go func() { done <- send(t, h, "192.0.2.1:"+string(rune('1'+i)), "Block", "yes") }()
		<-entered
	}
	r := send(t, h, "192.0.2.9:1")
	if r.status != http.StatusServiceUnavailable || r.retryAfter != "1" || r.code != resolvers.CodeUnavailable || r.reason != resolvers.ReasonOverloaded {
		t.Errorf("third request in flight: %+v, want 503 UNAVAILABLE OVERLOADED with Retry-After 1", r)
	}
	release <- struct{}{}
	if r := <-done; r.status != http.StatusOK {
		t.Errorf("a blocked request: %d", r.status)
	}
	if r := send(t, h, "192.0.2.9:1"); r.status != http.StatusOK {
		t.Errorf("after one finished: %d, want 200", r.status)
	}
	release <- struct{}{}
	<-done
	if got := value(t, m, "issgraph_shed_total", nil); got != 1 {
		t.Errorf("issgraph_shed_total = %v, want 1", got)
	}
}

// The buckets held stay bounded: idle clients' buckets, full again, are
// dropped when the table is full.
func TestRateLimitBucketsBounded(t *testing.T) {
	g, clk, _ := newTestGuard(Limits{Rate: 1, Burst: 1})
	g.maxClients = 100
	maxClients := g.maxClients
	h := g.Wrap(ok)
	for i := range maxClients {
		send(t, h, netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}).String()+":1")
	}
	if len(g.clients) != maxClients {
		t.Fatalf("%d buckets, want %d", len(g.clients), maxClients)
	}
	clk.t = clk.t.Add(time.Second) // every bucket is full again
	send(t, h, "192.0.2.1:1")
	if len(g.clients) != 1 {
		t.Errorf("%d buckets after a sweep, want 1", len(g.clients))
	}
	// Busy clients cannot be dropped for free: then the table starts over.
	for i := range maxClients - 1 {
		send(t, h, netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}).String()+":1")
	}
	send(t, h, "192.0.2.2:1")
	if len(g.clients) > maxClients*3/4+1 {
		t.Errorf("%d buckets after a flood, want at most %d", len(g.clients), maxClients*3/4+1)
	}
}

func TestClientAddr(t *testing.T) {
	trusted, err := ParsePrefixes([]string{"10.0.0.0/8", "192.0.2.7"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, remote, xff string
		trusted           []netip.Prefix
		want              string
	}{
		{"the peer", "198.51.100.1:4000", "", nil, "198.51.100.1"},
		{"no proxy trusted: the header is ignored", "198.51.100.1:4000", "203.0.113.5", nil, "198.51.100.1"},
		{"an untrusted peer's header is ignored", "198.51.100.1:4000", "203.0.113.5", trusted, "198.51.100.1"},
		{"a trusted proxy names the client", "10.1.2.3:4000", "203.0.113.5", trusted, "203.0.113.5"},
		{"the last untrusted hop, not what the client wrote", "10.1.2.3:4000", "1.1.1.1, 203.0.113.5, 192.0.2.7", trusted, "203.0.113.5"},
		{"several headers", "192.0.2.7:4000", "1.1.1.1", trusted, "1.1.1.1"},
		{"a hop that does not parse stops the walk", "10.1.2.3:4000", "203.0.113.5, junk", trusted, "10.1.2.3"},
		{"only proxies: the peer", "10.1.2.3:4000", "10.9.9.9", trusted, "10.1.2.3"},
		{"IPv4 in IPv6", "[::ffff:198.51.100.1]:4000", "", nil, "198.51.100.1"},
		{"IPv6", "[2001:db8::1]:4000", "", nil, "2001:db8::1"},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, "/graphql", nil)
		req.RemoteAddr = tt.remote
		if tt.xff != "" {
			req.Header.Set("X-Forwarded-For", tt.xff)
		}
		if tt.name == "several headers" {
			req.Header.Add("X-Forwarded-For", "192.0.2.7")
		}
		if got := ClientAddr(req, tt.trusted); got.String() != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

// One host holds a whole IPv6 /64: it is one client.
func TestRateLimitIPv6ByPrefix(t *testing.T) {
	g, _, _ := newTestGuard(Limits{Rate: 0.001, Burst: 1})
	h := g.Wrap(ok)
	if r := send(t, h, "[2001:db8:1:2::1]:1"); r.status != http.StatusOK {
		t.Fatalf("first: %d", r.status)
	}
	if r := send(t, h, "[2001:db8:1:2::ffff]:1"); r.status != http.StatusTooManyRequests {
		t.Errorf("same /64: %d, want 429", r.status)
	}
	if r := send(t, h, "[2001:db8:1:3::1]:1"); r.status != http.StatusOK {
		t.Errorf("another /64: %d, want 200", r.status)
	}
}

func TestParsePrefixes(t *testing.T) {
	got, err := ParsePrefixes([]string{"10.1.2.3/8", "2001:db8::/32", "192.0.2.7", "::1"})
	if err != nil {
		t.Fatal(err)
	}
	want := "[10.0.0.0/8 2001:db8::/32 192.0.2.7/32 ::1/128]"
	if fmtPrefixes(got) != want {
		t.Errorf("got %s, want %s", fmtPrefixes(got), want)
	}
	for _, bad := range []string{"proxy.example", "10.0.0.0/33", ""} {
		if _, err := ParsePrefixes([]string{bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func fmtPrefixes(ps []netip.Prefix) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return "[" + strings.Join(s, " ") + "]"
}
