package ops

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/issgraph/issgraph/resolvers"
)

// HeaderRequestID carries the request id, both ways.
const HeaderRequestID = "X-Request-Id"

// maxRequestID caps a request id taken from a client; longer ones are
// replaced, as are ids with characters outside requestIDChar.
const maxRequestID = 128

// RequestID returns the id a request carries in X-Request-Id when it is
// one we can log and echo safely: 1 to 128 characters of letters, digits
// and - _ . : = + /. Otherwise (none, too long, spaces, quotes, control
// characters) it makes a new one: 26 base32 characters, unique.
func RequestID(r *http.Request) string {
	if id := r.Header.Get(HeaderRequestID); validRequestID(id) {
		return id
	}
	return newRequestID()
}

// The ids RequestID makes are the process's 64 random bits and a count:
// unique like rand.Text's (an id needs no secrecy: a client may send its
// own), without reading the system's random source per request.
var (
	idPrefix = func() (b [8]byte) { rand.Read(b[:]); return b }()
	idCount  atomic.Uint64
	idText   = base32.StdEncoding.WithPadding(base32.NoPadding)
)

func newRequestID() string {
	var b [16]byte
	copy(b[:8], idPrefix[:])
	binary.BigEndian.PutUint64(b[8:], idCount.Add(1))
	return idText.EncodeToString(b[:])
}

func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestID {
		return false
	}
	for i := 0; i < len(id); i++ {
		if !requestIDChar(id[i]) {
			return false
		}
	}
	return true
}

func requestIDChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-_.:=+/", c) >= 0
}

// Observe is the outermost layer of the server's handler (inside tracing,
// when on). It gives each request its id: in the context
// (resolvers.RequestInfo, which the API fills in with the operation and
// its outcome, and which the logger of ContextHandler reads), in the
// response's X-Request-Id and, when traced, on the span. When the request
// is answered it writes one access-log line, at info, and records the
// request in m (which may be nil).
func Observe(log *slog.Logger, m *Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &resolvers.RequestInfo{ID: RequestID(r)}
		ctx := resolvers.WithRequestInfo(r.Context(), info)
		w.Header()[HeaderRequestID] = []string{info.ID} // the key is canonical
		if span := trace.SpanFromContext(ctx); span.IsRecording() {
			span.SetAttributes(attribute.String("issgraph.request_id", info.ID))
		}
		m.addInFlight(1)
		defer m.addInFlight(-1)

		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(ctx))

		d := time.Since(start)
		route := Route(r.URL.Path)
		m.observeHTTP(route, rec.status, d)
		code := outcome(info.Code(), rec.status)
		if route == routeGraphQL {
			m.observeGraphQL(info.Operation(), code, d)
		}
		if !log.Enabled(ctx, slog.LevelInfo) {
			return
		}
		// The request id is added here rather than by ContextHandler, in
		// the same place (last, before a trace id): the request's own
		// context is not the one with RequestInfo.
		line := AccessLine{
			Time: time.Now(), Method: r.Method, Path: clip(r.URL.Path, maxLoggedPath),
			Status: rec.status, Bytes: rec.bytes, Duration: d, Remote: r.RemoteAddr,
			RequestID: info.ID,
		}
		if route == routeGraphQL {
			line.GraphQL, line.Operation = true, clip(info.Operation(), maxOperationName)
		}
		if code != codeOK {
			line.Code = code
		}
		// A traced request's line carries the trace id, which
		// ContextHandler adds to a record.
		if aw, ok := log.Handler().(AccessWriter); ok && !trace.SpanContextFromContext(r.Context()).IsValid() && aw.WriteAccess(r.Context(), line) {
			return
		}
		_ = log.Handler().Handle(r.Context(), line.Record()) // as Logger.LogAttrs, which drops the error
	})
}

// codeOK is the outcome of a request answered without an error.
const codeOK = "OK"

// outcome is the code a request's metrics and log line carry: the
// extensions.code of its first error, or OK; a failure that no code
// describes (a 404, a body the transport refused) is HTTP_<status>.
func outcome(code string, status int) string {
	switch {
	case code != "":
		return code
	case status < 400:
		return codeOK
	}
	return "HTTP_" + strconv.Itoa(status)
}

// maxLoggedPath caps the client's path in the access log.
const maxLoggedPath = 200

// clip cuts s to at most n bytes, so that a log line never carries much of
// a client's input.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Routes: the label of a request's path in metrics, from a fixed set.
const (
	routeGraphQL = "/graphql"
	routeExport  = "/export/subgraph"
)

// Route names the server's route a path falls in: one of its endpoints,
// "playground" for GraphiQL and its files, or "other".
func Route(path string) string {
	switch path {
	case routeGraphQL, routeExport, "/healthz", "/readyz", "/metrics":
		return path
	case "/":
		return "playground"
	}
	if strings.HasPrefix(path, "/graphiql/") {
		return "playground"
	}
	return "other"
}

// recorder notes the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status      int
	bytes       int64
	wroteHeader bool
}

func (r *recorder) WriteHeader(code int) {
	if !r.wroteHeader {
		r.status, r.wroteHeader = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wroteHeader = true
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// ContextHandler wraps a slog.Handler so that every record logged with a
// request's context carries its request_id, and its trace_id when the
// request is traced: the log lines of one request can be found together,
// and from the id a client was shown.
func ContextHandler(h slog.Handler) slog.Handler { return contextHandler{h} }

type contextHandler struct{ slog.Handler }

func (h contextHandler) Handle(ctx context.Context, r slog.Record) error {
	if info := resolvers.RequestInfoFrom(ctx); info != nil {
		r.AddAttrs(slog.String("request_id", info.ID))
	}
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		r.AddAttrs(slog.String("trace_id", sc.TraceID().String()))
	}
	return h.Handler.Handle(ctx, r)
}

func (h contextHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return contextHandler{h.Handler.WithAttrs(as)}
}

func (h contextHandler) WithGroup(name string) slog.Handler {
	return contextHandler{h.Handler.WithGroup(name)}
}
