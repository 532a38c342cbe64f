package ops

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/resolvers"
)

const (
	callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736"
	callerSpan  = "00f067aa0ba902b7"
)

// Tracing joins the caller's trace (traceparent), and the request's spans
// nest: the HTTP server span, the GraphQL operation, its root fields, and
// the store's calls; errors mark the operation's span. Tested with the
// SDK's in-memory recorder in place of the OTLP exporter.
func TestTracing(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	mem := embedded.Memory()
	t.Cleanup(func() { mem.Close() })
	if err := mem.PutNode(t.Context(), graph.Node{ID: "agency/europol", Kind: graph.Agency, Name: "Europol"}); err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	log := slog.New(ContextHandler(slog.NewTextHandler(&logs, nil)))
	api := resolvers.NewHandler(InstrumentStore(mem, "embedded", nil, tp),
		resolvers.Options{Logger: log, Extensions: []graphql.HandlerExtension{GraphQLTracing(tp)}})
	h := TraceHTTP(tp, Observe(log, nil, api))

	post := func(query string) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query":`+query+`}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("traceparent", "00-"+callerTrace+"-"+callerSpan+"-01")
		req.Header.Set(HeaderRequestID, "traced-1")
		h.ServeHTTP(httptest.NewRecorder(), req)
	}

	post(`"query Who { node(id: \"agency/europol\") { id name relationships { type } } }"`)
	spans := rec.Ended()
	byName := map[string]sdktrace.ReadOnlySpan{}
	for _, s := range spans {
		if got := s.SpanContext().TraceID().String(); got != callerTrace {
			t.Errorf("span %q is in trace %s, not the caller's", s.Name(), got)
		}
		byName[s.Name()] = s
	}
	httpSpan, op, field, getNodes := byName["POST /graphql"], byName["query Who"], byName["Query.node"], byName["store.GetNodes"]
	if httpSpan == nil || op == nil || field == nil || getNodes == nil {
		t.Fatalf("spans %v: want POST /graphql, query Who, Query.node and store.GetNodes", names(spans))
	}
	if httpSpan.Parent().SpanID().String() != callerSpan || httpSpan.SpanKind() != trace.SpanKindServer {
		t.Errorf("the HTTP span's parent is %s, kind %s: want the caller's span, server", httpSpan.Parent().SpanID(), httpSpan.SpanKind())
	}
	if !hasAttr(httpSpan.Attributes(), "issgraph.request_id", "traced-1") {
		t.Errorf("the HTTP span lacks the request id: %v", httpSpan.Attributes())
	}
	if op.Parent().SpanID() != httpSpan.SpanContext().SpanID() || !hasAttr(op.Attributes(), "graphql.operation.name", "Who") ||
		!hasAttr(op.Attributes(), "graphql.operation.type", "query") {
		t.Errorf("operation span: parent %s, attributes %v", op.Parent().SpanID(), op.Attributes())
	}
	if field.Parent().SpanID() != op.SpanContext().SpanID() {
		t.Error("the root field's span is not under the operation's")
	}
	if _, ok := byName["Node.relationships"]; ok {
		t.Error("a field below the root has a span of its own")
	}
	if op.Status().Code == codes.Error {
		t.Errorf("a query that succeeded has its span in error: %v", op.Status())
	}
	if !strings.Contains(logs.String(), "trace_id="+callerTrace) {
		t.Errorf("the access log lacks the trace id:\n%s", logs.String())
	}

	// An operation that fails: its span is in error, with the code.
	post(`"mutation Remove { deleteNode(id: \"agency/europol\") }"`)
	var failed sdktrace.ReadOnlySpan
	for _, s := range rec.Ended() {
		if s.Name() == "mutation Remove" {
			failed = s
		}
	}
	if failed == nil {
		t.Fatalf("no span for the mutation: %v", names(rec.Ended()))
	}
	if failed.Status().Code != codes.Error || len(failed.Events()) == 0 || !hasAttr(failed.Events()[0].Attributes, "graphql.error.code", resolvers.CodeForbidden) {
		t.Errorf("failed operation's span: status %v, events %v", failed.Status(), failed.Events())
	}
}

func names(spans []sdktrace.ReadOnlySpan) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Name())
	}
	return out
}

func hasAttr(attrs []attribute.KeyValue, key, value string) bool {
	for _, a := range attrs {
		if string(a.Key) == key && a.Value.Emit() == value {
			return true
		}
	}
	return false
}

// Tracing is off unless an OTLP endpoint is set.
func TestTracingEnabled(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want bool
	}{
		{nil, false},
		{map[string]string{"OTEL_SERVICE_NAME": "x"}, false},
		{map[string]string{EnvOTLPEndpoint: "http://127.0.0.1:4318"}, true},
		{map[string]string{EnvOTLPTracesEndpoint: "http://127.0.0.1:4318/v1/traces"}, true},
	} {
		if got := TracingEnabled(func(k string) string { return tt.env[k] }); got != tt.want {
			t.Errorf("%v: %v, want %v", tt.env, got, tt.want)
		}
	}
}

// NewTracerProvider exports over OTLP/HTTP to the endpoint of the
// standard variables (here a collector on loopback), with the service
// named issgraph unless OTEL_SERVICE_NAME says otherwise.
func TestNewTracerProviderExports(t *testing.T) {
	for _, tt := range []struct{ serviceName, want string }{{"", "issgraph"}, {"issgraph-eu-1", "issgraph-eu-1"}} {
		received := make(chan string, 10)
		collector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			received <- r.Method + " " + r.URL.Path + " " + r.Header.Get("Content-Type")
		}))
		t.Setenv(EnvOTLPEndpoint, collector.URL)
		t.Setenv("OTEL_SERVICE_NAME", tt.serviceName)
		tp, err := NewTracerProvider(t.Context(), "v1.2.3")
		if err != nil {
			t.Fatal(err)
		}
		rec := tracetest.NewSpanRecorder()
		tp.RegisterSpanProcessor(rec)
		_, span := tp.Tracer("test").Start(t.Context(), "a span")
		span.End()
		if err := tp.Shutdown(t.Context()); err != nil { // sends what is batched
			t.Fatal(err)
		}
		collector.Close()
		select {
		case got := <-received:
			if got != "POST /v1/traces application/x-protobuf" {
				t.Errorf("the collector received %q", got)
			}
		default:
			t.Error("nothing was exported")
		}
		res := rec.Ended()[0].Resource().Attributes()
		if !hasAttr(res, "service.name", tt.want) || !hasAttr(res, "service.version", "v1.2.3") {
			t.Errorf("OTEL_SERVICE_NAME=%q: resource %v, want service.name %s", tt.serviceName, res, tt.want)
		}
	}
}
