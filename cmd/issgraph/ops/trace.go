package ops

import (
	"context"
	"fmt"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
)

// tracerName is the instrumentation scope of the spans this package makes.
const tracerName = "github.com/issgraph/issgraph/cmd/issgraph/ops"

// Tracing variables: tracing is on when either endpoint is set. Every
// other standard OTEL_* variable (headers, timeout, certificate,
// compression, sampler, resource attributes) is read by the OpenTelemetry
// SDK itself.
const (
	EnvOTLPEndpoint       = "OTEL_EXPORTER_OTLP_ENDPOINT"
	EnvOTLPTracesEndpoint = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
)

// TracingEnabled says whether getenv sets an OTLP endpoint: tracing is off
// unless it does.
func TracingEnabled(getenv func(string) string) bool {
	return getenv(EnvOTLPEndpoint) != "" || getenv(EnvOTLPTracesEndpoint) != ""
}

// NewTracerProvider returns the server's tracer provider, exporting spans
// over OTLP/HTTP in batches to the endpoint the OTEL_* variables of the
// process name. The service is "issgraph" unless OTEL_SERVICE_NAME says
// otherwise. Shut it down at exit so that the last spans are sent.
func NewTracerProvider(ctx context.Context, version string) (*sdktrace.TracerProvider, error) {
	exp, err := otlptracehttp.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("tracing: OTLP exporter: %w", err)
	}
	res, err := resource.New(ctx,
		resource.WithAttributes(semconv.ServiceName("issgraph"), semconv.ServiceVersion(version)),
		resource.WithFromEnv()) // later options win: OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES
	if err != nil {
		return nil, fmt.Errorf("tracing: resource: %w", err)
	}
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res)), nil
}

// propagator reads and writes the W3C traceparent and baggage headers.
var propagator = propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{})

// TraceHTTP traces every request with net/http's instrumentation (otelhttp):
// one server span per request, named by method and route (a fixed set, see
// Route), joined to the caller's trace when it sends traceparent.
func TraceHTTP(tp trace.TracerProvider, next http.Handler) http.Handler {
	return otelhttp.NewHandler(next, "issgraph",
		otelhttp.WithTracerProvider(tp),
		otelhttp.WithPropagators(propagator),
		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string { return r.Method + " " + Route(r.URL.Path) }))
}

// GraphQLTracing is the gqlgen extension that traces the API: a span per
// operation ("query Name", with graphql.operation.name and type, in error
// when the answer has errors, whose codes it records), and one per root
// field ("Query.neighbourhood"). The store's calls (InstrumentStore) are
// spans under them. Fields below the root get none: a page of a hundred
// nodes would make thousands.
func GraphQLTracing(tp trace.TracerProvider) graphql.HandlerExtension {
	return graphqlTracer{tp.Tracer(tracerName)}
}

type graphqlTracer struct{ tracer trace.Tracer }

var (
	_ graphql.ResponseInterceptor = graphqlTracer{}
	_ graphql.FieldInterceptor    = graphqlTracer{}
)

func (graphqlTracer) ExtensionName() string { return "OpenTelemetry" }

func (graphqlTracer) Validate(graphql.ExecutableSchema) error { return nil }

func (t graphqlTracer) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) {
		return next(ctx)
	}
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil {
		return next(ctx)
	}
	typ, name := string(oc.Operation.Operation), oc.Operation.Name
	spanName := typ
	if name != "" {
		spanName += " " + name
	}
	ctx, span := t.tracer.Start(ctx, spanName, trace.WithAttributes(
		semconv.GraphQLOperationName(name), semconv.GraphQLOperationTypeKey.String(typ)))
	defer span.End()
	resp := next(ctx)
	if resp != nil && len(resp.Errors) > 0 {
		span.SetStatus(codes.Error, fmt.Sprintf("%d errors", len(resp.Errors)))
		for _, e := range resp.Errors[:min(len(resp.Errors), 10)] {
			code, _ := e.Extensions["code"].(string)
			span.AddEvent("graphql.error", trace.WithAttributes(
				attribute.String("graphql.error.code", code), attribute.String("graphql.error.path", e.Path.String())))
		}
	}
	return resp
}

func (t graphqlTracer) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Parent == nil || fc.Parent.Parent != nil || fc.Field.Field == nil {
		return next(ctx)
	}
	ctx, span := t.tracer.Start(ctx, fc.Object+"."+fc.Field.Name)
	defer span.End()
	v, err := next(ctx)
	if err != nil {
		span.SetStatus(codes.Error, "resolver error")
	}
	return v, err
}
