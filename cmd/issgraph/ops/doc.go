// Package ops is what "issgraph serve" puts around the API for the people
// who run it: request ids, the access log, Prometheus metrics, rate limits
// and load shedding, and OpenTelemetry tracing. cmd/issgraph's serve.go
// wires it; nothing in here knows the routes beyond their names.
//
// From the outside in, a request meets:
//
//	TraceHTTP   a server span (only when tracing is on)
//	Observe     its request id (X-Request-Id, taken from the request when
//	            valid, else made), the access-log line and the request
//	            metrics; resolvers.RequestInfo carries the id, and the
//	            operation name and outcome code the API reports back
//	Guard       on /graphql and /export/subgraph: the per-client token
//	            bucket (429 RATE_LIMITED) and the cap on requests in
//	            flight (503 UNAVAILABLE, reason OVERLOADED), both with
//	            Retry-After
//
// and the store underneath is an InstrumentStore, which times and traces
// every call. ContextHandler makes every log line written with a
// request's context carry its request_id (and trace_id).
//
// Metrics live in a registry of their own (NewMetrics), served by
// Metrics.Handler on /metrics or on an address of their own. Caches show
// there by implementing CacheReporter and being registered.
package ops
