package ops

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/issgraph/issgraph/resolvers"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRequestID(t *testing.T) {
	long := strings.Repeat("a", maxRequestID)
	tests := []struct {
		name, sent string
		kept       bool
	}{
		{"none sent", "", false},
		{"a UUID", "0f8fad5b-d9cb-469f-a165-70867728950e", true},
		{"a trace header's characters", "Root=1-67891233-abcdef012345678912345678/x.y:z+w_v", true},
		{"as long as allowed", long, true},
		{"too long", long + "a", false},
		{"a space", "abc def", false},
		{"a quote", `abc"def`, false},
		{"a newline", "abc\ndef", false},
		{"not ASCII", "abcé", false},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
		if tt.sent != "" {
			req.Header.Set(HeaderRequestID, tt.sent)
		}
		got := RequestID(req)
		switch {
		case tt.kept && got != tt.sent:
			t.Errorf("%s: %q replaced by %q", tt.name, tt.sent, got)
		case !tt.kept && (got == tt.sent || !validRequestID(got) || len(got) < 20):
			t.Errorf("%s: %q kept or badly replaced: %q", tt.name, tt.sent, got)
		}
	}
	a, b := RequestID(httptest.NewRequest(http.MethodGet, "/", nil)), RequestID(httptest.NewRequest(http.MethodGet, "/", nil))
	if a == b {
		t.Errorf("two requests got the same id %q", a)
	}
}

// Observe gives each request an id (echoed, in the context, on every log
// line written with the request's context), writes one access-log line
// naming the operation and the outcome, and counts the request.
func TestObserve(t *testing.T) {
	var logs syncBuffer
	log := slog.New(ContextHandler(slog.NewTextHandler(&logs, nil)))
	m := NewMetrics("test", "none")
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info := resolvers.RequestInfoFrom(r.Context())
		info.SetOperation(r.URL.Query().Get("op"))
		if c := r.URL.Query().Get("code"); c != "" {
			info.NoteCode(c)
			log.WarnContext(r.Context(), "inside the request")
		}
		if r.URL.Query().Get("status") == "413" {
			w.WriteHeader(http.StatusRequestEntityTooLarge)
		}
	})
	h := Observe(log, m, api)

	tests := []struct {
		name, url, sentID string
		wantLog           []string
		op, code          string
	}{
		{"an operation answered", "/graphql?op=Stats", "id-1",
			[]string{"request_id=id-1", "operation=Stats", "status=200", "path=/graphql"}, "Stats", "OK"},
		{"an error's code", "/graphql?op=Who&code=NOT_FOUND", "id-2",
			[]string{"msg=\"inside the request\" request_id=id-2", "msg=request", "code=NOT_FOUND", "operation=Who"}, "Who", "NOT_FOUND"},
		{"anonymous, refused by the transport", "/graphql?status=413", "",
			[]string{"status=413", "code=HTTP_413", "operation=\"\""}, "anonymous", "HTTP_413"},
		{"not the API: no operation", "/healthz", "",
			[]string{"path=/healthz", "status=200"}, "", ""},
	}
	for _, tt := range tests {
		before := logs.String()
		req := httptest.NewRequest(http.MethodGet, tt.url, nil)
		if tt.sentID != "" {
			req.Header.Set(HeaderRequestID, tt.sentID)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		id := rec.Header().Get(HeaderRequestID)
		if id == "" || tt.sentID != "" && id != tt.sentID {
			t.Errorf("%s: X-Request-Id %q, sent %q", tt.name, id, tt.sentID)
		}
		lines := strings.TrimPrefix(logs.String(), before)
		for _, want := range append(tt.wantLog, "request_id="+id) {
			if !strings.Contains(lines, want) {
				t.Errorf("%s: log lacks %q:\n%s", tt.name, want, lines)
			}
		}
		for _, l := range strings.Split(strings.TrimSpace(lines), "\n") {
			if strings.Count(l, "request_id="+id) != 1 {
				t.Errorf("%s: a line of the request without its id, or with it twice: %s", tt.name, l)
			}
		}
		if tt.op != "" {
			if got := value(t, m, "issgraph_graphql_requests_total", map[string]string{"operation": tt.op, "code": tt.code}); got != 1 {
				t.Errorf("%s: issgraph_graphql_requests_total{operation=%q,code=%q} = %v, want 1", tt.name, tt.op, tt.code, got)
			}
		}
	}
	if got := value(t, m, "issgraph_http_requests_total", map[string]string{"route": "/graphql"}); got != 3 {
		t.Errorf("issgraph_http_requests_total{route=/graphql} = %v, want 3", got)
	}
	if got := value(t, m, "issgraph_http_requests_total", map[string]string{"route": "/healthz", "status": "200"}); got != 1 {
		t.Errorf("issgraph_http_requests_total{route=/healthz} = %v, want 1", got)
	}
	if got := value(t, m, "issgraph_http_requests_in_flight", nil); got != 0 {
		t.Errorf("in flight after every request ended: %v", got)
	}
}

// A client cannot grow the metrics without end with operation names.
func TestOperationLabelsBounded(t *testing.T) {
	var o operationNames
	tests := []struct{ name, want string }{
		{"", "anonymous"},
		{"Stats", "Stats"},
		{"has space", "invalid"},
		{"1st", "invalid"},
		{strings.Repeat("a", maxOperationName+1), "invalid"},
	}
	for _, tt := range tests {
		if got := o.label(tt.name); got != tt.want {
			t.Errorf("label(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	for i := range 2 * maxOperations {
		o.label(fmt.Sprintf("Op%d", i))
	}
	if got := o.label("Late"); got != "other" {
		t.Errorf("a new name past the cap: %q, want other", got)
	}
	if got := o.label("Stats"); got != "Stats" {
		t.Errorf("a name seen before the cap: %q", got)
	}
}

func TestRoute(t *testing.T) {
	for path, want := range map[string]string{
		"/graphql": "/graphql", "/export/subgraph": "/export/subgraph", "/readyz": "/readyz", "/metrics": "/metrics",
		"/": "playground", "/graphiql/app.abc.js": "playground", "/wp-admin": "other", "/graphql/x": "other",
	} {
		if got := Route(path); got != want {
			t.Errorf("Route(%q) = %q, want %q", path, got, want)
		}
	}
}

// Caches show in the metrics through CacheReporter.
type fakeCache struct{}

func (fakeCache) CacheStats() (entries, bytes int64, hits, misses uint64) { return 3, -1, 7, 2 }

func TestCacheMetrics(t *testing.T) {
	m := NewMetrics("test", "none")
	m.RegisterCache("queries", fakeCache{})
	for name, want := range map[string]float64{
		"issgraph_cache_entries": 3, "issgraph_cache_hits_total": 7, "issgraph_cache_misses_total": 2, "issgraph_cache_bytes": 0,
	} {
		if got := value(t, m, name, map[string]string{"cache": "queries"}); got != want {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	var nilMetrics *Metrics
	nilMetrics.RegisterCache("queries", fakeCache{}) // metrics off: nothing to do, no panic
}

// BenchmarkObserve is the cost the access log and the metrics add to a
// request: run with -benchmem.
func BenchmarkObserve(b *testing.B) {
	for _, level := range []slog.Level{slog.LevelInfo, slog.LevelWarn} {
		b.Run("log at "+level.String(), func(b *testing.B) {
			log := slog.New(ContextHandler(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: level})))
			h := Observe(log, NewMetrics("bench", "none"), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				resolvers.RequestInfoFrom(r.Context()).SetOperation("Stats")
			}))
			req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
			req.Header.Set(HeaderRequestID, "bench-1")
			w := httptest.NewRecorder()
			b.ReportAllocs()
			for b.Loop() {
				h.ServeHTTP(w, req)
			}
		})
	}
}

// Observe sets the request id's header by its key, which must be in the
// canonical form net/http reads.
func TestRequestIDHeaderIsCanonical(t *testing.T) {
	if k := http.CanonicalHeaderKey(HeaderRequestID); k != HeaderRequestID {
		t.Errorf("HeaderRequestID %q is not canonical (%q)", HeaderRequestID, k)
	}
}
