package ops

import (
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the server's Prometheus metrics in a registry of its own
// (never the global one, so that tests and several servers in a process
// do not collide). A nil *Metrics records nothing.
type Metrics struct {
	reg *prometheus.Registry

	httpRequests *prometheus.CounterVec   // route, status
	httpDuration *prometheus.HistogramVec // route
	inFlight     prometheus.Gauge
	gqlRequests  *prometheus.CounterVec   // operation, code
	gqlDuration  *prometheus.HistogramVec // operation
	rateLimited  prometheus.Counter
	shed         prometheus.Counter
	storeCalls   *prometheus.HistogramVec // store, method, outcome

	// Each vector's children, by their labels (children).
	httpCounts children[httpLabels, prometheus.Counter]
	httpTimes  children[string, prometheus.Observer]
	gqlCounts  children[[2]string, prometheus.Counter]
	gqlTimes   children[string, prometheus.Observer]
	storeTimes children[[3]string, prometheus.Observer]

	ops operationNames

	mu     sync.Mutex
	caches map[string]CacheReporter
}

// NewMetrics makes the server's metrics, with the Go runtime's and the
// process's, and issgraph_build_info labelled with version and commit.
func NewMetrics(version, commit string) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "issgraph_http_requests_total",
			Help: "HTTP requests answered, by route and status code.",
		}, []string{"route", "status"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "issgraph_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route.",
			Buckets: latencyBuckets,
		}, []string{"route"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "issgraph_http_requests_in_flight",
			Help: "HTTP requests being answered now.",
		}),
		gqlRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "issgraph_graphql_requests_total",
			Help: "GraphQL requests, by operation name and outcome: OK, or the extensions.code of the first error.",
		}, []string{"operation", "code"}),
		gqlDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "issgraph_graphql_request_duration_seconds",
			Help:    "Time to answer a GraphQL request, by operation name.",
			Buckets: latencyBuckets,
		}, []string{"operation"}),
		rateLimited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "issgraph_rate_limited_total",
			Help: "Requests refused with 429 RATE_LIMITED: the client was over its rate.",
		}),
		shed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "issgraph_shed_total",
			Help: "Requests refused with 503 UNAVAILABLE (reason OVERLOADED): the server had as many requests in flight as it takes.",
		}),
		storeCalls: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "issgraph_store_call_duration_seconds",
			Help:    "Time of one call to the store, by store, method and outcome (ok, not_found, invalid, conflict, unavailable, timeout, canceled, error).",
			Buckets: latencyBuckets,
		}, []string{"store", "method", "outcome"}),
		caches: map[string]CacheReporter{},
	}
	buildInfo := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "issgraph_build_info",
		Help:        "Always 1; the labels say which build is running.",
		ConstLabels: prometheus.Labels{"version": version, "commit": commit},
	})
	buildInfo.Set(1)
	m.reg.MustRegister(m.httpRequests, m.httpDuration, m.inFlight, m.gqlRequests, m.gqlDuration,
		m.rateLimited, m.shed, m.storeCalls, buildInfo, cacheCollector{m},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// latencyBuckets span a cached read (a millisecond) to the request
// timeout's order (30 s).
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registry is for tests and for registering more collectors.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// CacheReporter is what a bounded cache implements to show in /metrics.
// Its method uses only built-in types, so that a cache anywhere (a store,
// the GraphQL handler) can implement it without importing this package.
type CacheReporter interface {
	// CacheStats reports the entries the cache holds now and their size in
	// bytes (-1 when the cache does not measure it), and its hits and
	// misses since it was made.
	CacheStats() (entries, bytes int64, hits, misses uint64)
}

// RegisterCache shows c in /metrics as issgraph_cache_entries,
// issgraph_cache_bytes, issgraph_cache_hits_total and
// issgraph_cache_misses_total with the label cache=name; the hit ratio is
// hits / (hits + misses), best taken over a rate() window.
func (m *Metrics) RegisterCache(name string, c CacheReporter) {
	if m == nil || c == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.caches[name] = c
}

var (
	cacheEntriesDesc = prometheus.NewDesc("issgraph_cache_entries", "Entries a cache holds now.", []string{"cache"}, nil)
	cacheBytesDesc   = prometheus.NewDesc("issgraph_cache_bytes", "Bytes a cache holds now, where it measures them.", []string{"cache"}, nil)
	cacheHitsDesc    = prometheus.NewDesc("issgraph_cache_hits_total", "Lookups a cache answered.", []string{"cache"}, nil)
	cacheMissesDesc  = prometheus.NewDesc("issgraph_cache_misses_total", "Lookups a cache could not answer.", []string{"cache"}, nil)
)

// cacheCollector reads the registered caches at each scrape.
type cacheCollector struct{ m *Metrics }

func (c cacheCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- cacheEntriesDesc
	ch <- cacheBytesDesc
	ch <- cacheHitsDesc
	ch <- cacheMissesDesc
}

func (c cacheCollector) Collect(ch chan<- prometheus.Metric) {
	c.m.mu.Lock()
	defer c.m.mu.Unlock()
	for name, cache := range c.m.caches {
		entries, bytes, hits, misses := cache.CacheStats()
		ch <- prometheus.MustNewConstMetric(cacheEntriesDesc, prometheus.GaugeValue, float64(entries), name)
		if bytes >= 0 {
			ch <- prometheus.MustNewConstMetric(cacheBytesDesc, prometheus.GaugeValue, float64(bytes), name)
		}
		ch <- prometheus.MustNewConstMetric(cacheHitsDesc, prometheus.CounterValue, float64(hits), name)
		ch <- prometheus.MustNewConstMetric(cacheMissesDesc, prometheus.CounterValue, float64(misses), name)
	}
}

// observeHTTP records one answered request.
func (m *Metrics) observeHTTP(route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	m.httpCounts.get(httpLabels{route, status}, func(l httpLabels) prometheus.Counter {
		return m.httpRequests.WithLabelValues(l.route, strconv.Itoa(l.status))
	}).Inc()
	m.httpTimes.get(route, func(route string) prometheus.Observer { return m.httpDuration.WithLabelValues(route) }).Observe(d.Seconds())
}

type httpLabels struct {
	route  string
	status int
}

// observeGraphQL records one GraphQL request.
func (m *Metrics) observeGraphQL(operation, code string, d time.Duration) {
	if m == nil {
		return
	}
	op := m.ops.label(operation)
	m.gqlCounts.get([2]string{op, code}, func(l [2]string) prometheus.Counter { return m.gqlRequests.WithLabelValues(l[0], l[1]) }).Inc()
	m.gqlTimes.get(op, func(op string) prometheus.Observer { return m.gqlDuration.WithLabelValues(op) }).Observe(d.Seconds())
}

// observeStore records one call to the store.
func (m *Metrics) observeStore(store, method, outcome string, d time.Duration) {
	m.storeTimes.get([3]string{store, method, outcome}, func(l [3]string) prometheus.Observer {
		return m.storeCalls.WithLabelValues(l[0], l[1], l[2])
	}).Observe(d.Seconds())
}

// children keeps a vector's children by their labels: WithLabelValues
// hashes and checks each label value at every call, and a request made
// five of them. The labels are the vectors' own, so bounded as theirs are
// (operation names by operationNames), and no child is ever deleted.
type children[K comparable, M any] struct{ m sync.Map } // K → M

func (c *children[K, M]) get(k K, child func(K) M) M {
	if v, ok := c.m.Load(k); ok {
		return v.(M) // only get stores, and only Ms
	}
	v, _ := c.m.LoadOrStore(k, child(k))
	return v.(M)
}

func (m *Metrics) addInFlight(n float64) {
	if m != nil {
		m.inFlight.Add(n)
	}
}

func (m *Metrics) countRateLimited() {
	if m != nil {
		m.rateLimited.Inc()
	}
}

func (m *Metrics) countShed() {
	if m != nil {
		m.shed.Inc()
	}
}

// Operation names come from clients, so their label values are bounded:
// a name that is not a GraphQL name, or longer than maxOperationName, is
// "invalid"; after maxOperations distinct names, new ones are "other".
// Otherwise a client could grow the registry without end.
const (
	maxOperations    = 200
	maxOperationName = 64
	anonymous        = "anonymous"
)

var graphqlName = regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)

type operationNames struct {
	mu   sync.Mutex
	seen map[string]bool
}

func (o *operationNames) label(name string) string {
	switch {
	case name == "":
		return anonymous
	case len(name) > maxOperationName || !graphqlName.MatchString(name):
		return "invalid"
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.seen[name] {
		return name
	}
	if len(o.seen) >= maxOperations {
		return "other"
	}
	if o.seen == nil {
		o.seen = map[string]bool{}
	}
	o.seen[name] = true
	return name
}
