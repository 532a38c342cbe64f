package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/rs/cors"
	"go.opentelemetry.io/otel/trace"

	"github.com/issgraph/issgraph/cmd/issgraph/explore"
	"github.com/issgraph/issgraph/cmd/issgraph/graphiql"
	"github.com/issgraph/issgraph/cmd/issgraph/ops"
	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/resolvers"
)

// Server timeouts. A GraphQL request is read whole before it runs, so a
// short read timeout is safe; the write timeout leaves room for the
// request timeout and the response.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 15 * time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10 // GET queries travel in the URL
	pingTimeout       = 2 * time.Second
)

// runServe is "issgraph serve", the default command.
func runServe(ctx context.Context, e env, args []string) error {
	cfg, err := parseConfig("serve", args, e.getenv, e.stderr)
	if err != nil {
		return err
	}
	log, closeLog := bufferedLogger(cfg, e.stderr, logFlushEvery)
	defer closeLog()
	return serve(ctx, cfg, log, serveHooks{})
}

// serveHooks let tests follow serve; nil fields are left out.
type serveHooks struct {
	// listening learns the addresses serve listens on: the API's, and the
	// metrics' when they have one of their own (else nil).
	listening func(addr, metrics net.Addr)
	// drain returns what the drain period waits for; time.After when nil.
	drain func(time.Duration) <-chan time.Time
}

// observability is what the handler reports to, both optional: metrics
// (nil with --metrics-addr=off) and tracing (nil unless an OTLP endpoint
// is set).
type observability struct {
	metrics *ops.Metrics
	tracing trace.TracerProvider
}

// serve opens the store, seeds it as configured and serves until ctx is
// done. Then it drains: /readyz answers 503 and every response closes its
// connection, for cfg.DrainPeriod, while requests are still served, so
// that a load balancer stops sending and clients leave their keep-alive
// connections before any is closed under them. Then it stops taking
// requests, lets those in flight finish (up to cfg.ShutdownTimeout) and
// closes the store.
func serve(ctx context.Context, cfg config, log *slog.Logger, hooks serveHooks) (err error) {
	if cfg.GCPercent > 0 {
		defer debug.SetGCPercent(debug.SetGCPercent(cfg.GCPercent))
		if cfg.GCMinHeap > 0 {
			defer ops.TuneGC(cfg.GCPercent, cfg.GCMinHeap)()
		}
	}
	raw, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeStore(raw, &err)

	build := readBuildInfo()
	var o observability
	if cfg.MetricsAddr != metricsOff {
		o.metrics = ops.NewMetrics(build.Version, build.shortCommit())
	}
	if cfg.Tracing {
		tp, err := ops.NewTracerProvider(ctx, build.Version)
		if err != nil {
			return err
		}
		defer func() {
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := tp.Shutdown(sctx); err != nil {
				log.Warn("tracing: the last spans were not sent", "err", err)
			}
		}()
		o.tracing = tp
	}
	registerCaches(o.metrics, raw)
	s := ops.InstrumentStore(raw, cfg.Store, o.metrics, o.tracing)

	life := newLifecycle()
	pctx, stopPrepare := context.WithCancel(ctx)
	// A start-up still retrying in the background stops when serve
	// returns, and is done before the store closes.
	defer func() { stopPrepare(); life.retrying.Wait() }()
	if err := startPrepare(pctx, raw, cfg, log, life); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	servers := []*http.Server{newServer(newHandler(s, cfg, log, life, o), cfg, log)}
	listeners := []net.Listener{ln}
	var metricsAddr net.Addr
	if o.metrics != nil && cfg.MetricsAddr != "" {
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("metrics: %w", err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", o.metrics.Handler())
		servers = append(servers, newServer(mux, cfg, log))
		listeners = append(listeners, mln)
		metricsAddr = mln.Addr()
	}
	log.Info("listening", "addr", ln.Addr().String(), "store", cfg.Store, "memory", cfg.Memory,
		"data", cfg.Data, "writes", len(cfg.APIKeys) > 0, "cors_origins", cfg.CORSOrigins,
		"metrics", metricsWhere(cfg, metricsAddr), "tracing", cfg.Tracing, "gc_percent", cfg.GCPercent, "version", build.Version, "commit", build.shortCommit())
	if hooks.listening != nil {
		hooks.listening(ln.Addr(), metricsAddr)
	}

	served := make(chan error, len(servers))
	for i, srv := range servers {
		go func() { served <- srv.Serve(listeners[i]) }()
	}
	select {
	case err := <-served:
		for _, srv := range servers {
			srv.Close()
		}
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	life.draining.Store(true)
	if cfg.DrainPeriod > 0 {
		log.Info("draining: /readyz answers 503 while requests are still served; a second signal stops at once", "period", cfg.DrainPeriod)
		wait := time.After
		if hooks.drain != nil {
			wait = hooks.drain
		}
		<-wait(cfg.DrainPeriod)
	}
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	for _, srv := range servers {
		if err := srv.Shutdown(sctx); err != nil {
			for _, srv := range servers {
				srv.Close()
			}
			return fmt.Errorf("shutdown: %w", err)
		}
	}
	for range servers {
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			return fmt.Errorf("serve: %w", err)
		}
	}
	log.Info("stopped")
	return nil
}

// newServer is an http.Server with the server's timeouts.
func newServer(h http.Handler, cfg config, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      cfg.RequestTimeout + 10*time.Second,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// metricsWhere says where /metrics is served, for the start-up log line.
func metricsWhere(cfg config, own net.Addr) string {
	switch {
	case cfg.MetricsAddr == metricsOff:
		return metricsOff
	case own != nil:
		return own.String() + "/metrics"
	}
	return "/metrics"
}

// registerCaches shows the store's caches in the metrics. A cache shows
// there when it implements ops.CacheReporter; register here each one
// serve can reach (the store's rankings, the GraphQL handler's parsed
// queries) as it gains one.
func registerCaches(m *ops.Metrics, s graph.Store) {
	if c, ok := s.(ops.CacheReporter); ok {
		m.RegisterCache("store", c)
	}
}

// newHandler routes the server's endpoints:
//
//	/graphql  the API, GET and POST
//	/         GraphiQL, from files embedded in the binary (/graphiql/...)
//	/explore  the graph explorer, likewise (/explore/assets/...)
//	/export/subgraph  a neighbourhood, path, citation chain or expansion,
//	          and /export/graph the whole graph, as Cytoscape.js JSON,
//	          GraphML or GEXF (resolvers.NewExportHandler)
//	/healthz  the process is alive
//	/readyz   the store answers and start-up is done (503 while it does
//	          not, while migrations or seeding wait for the store, or
//	          while draining)
//	/metrics  Prometheus metrics, unless they have an address of their
//	          own (--metrics-addr) or are off
//
// /graphql and /export are guarded (ops.Guard): a client over its rate
// gets 429, and beyond --max-in-flight requests at once the server
// answers 503 at once.
//
// CORS: any origin may read by default ("*"). That is safe because the API
// uses no cookies or other ambient credentials: a write needs an API key
// the calling page must hold itself, so a hostile page can do nothing a
// plain HTTP client could not. Restrict the origins with --cors-origins.
func newHandler(s graph.Store, cfg config, log *slog.Logger, life *lifecycle, o observability) http.Handler {
	opts := resolvers.Options{
		APIKeys:                  cfg.APIKeys,
		MaxComplexity:            cfg.MaxComplexity,
		MaxBodyBytes:             cfg.MaxBodyBytes,
		MaxQueryBytes:            cfg.MaxQueryBytes,
		MaxQueryTokens:           cfg.MaxQueryTokens,
		MaxSelections:            cfg.MaxSelections,
		MaxResponseBytes:         cfg.MaxResponseBytes,
		QueryCacheBytes:          cfg.QueryCacheBytes,
		PersistedQueryCacheBytes: cfg.PersistedQueryCacheBytes,
		Limits:                   graph.Limits{MaxDepth: cfg.MaxDepth},
		Logger:                   log,
	}
	if o.tracing != nil {
		opts.Extensions = append(opts.Extensions, ops.GraphQLTracing(o.tracing))
	}
	guard := ops.NewGuard(ops.Limits{
		Rate: cfg.RateLimit, Burst: cfg.RateBurst, MaxInFlight: cfg.MaxInFlight,
		APIKeys: cfg.APIKeys, TrustedProxies: cfg.TrustedProxies,
	}, o.metrics).Wrap
	mux := http.NewServeMux()
	// The endpoint enforces the body limit and the transport rules
	// itself (resolvers/transport.go).
	gql := resolvers.NewHandler(s, opts)
	for name, c := range gql.Caches() {
		o.metrics.RegisterCache(name, c)
	}
	mux.Handle("/graphql", guard(withTimeout(gql, cfg.RequestTimeout)))
	mux.Handle("/export/", guard(withTimeout(resolvers.NewExportHandler(s, opts), cfg.RequestTimeout)))
	mux.Handle("GET /{$}", graphiql.Handler("issgraph", "/graphql"))
	mux.Handle("GET "+graphiql.AssetPath, graphiql.Assets())
	mux.Handle("GET "+explore.Path, explore.Handler("/graphql", "/export/subgraph", "/"))
	mux.Handle("GET "+explore.AssetPath, explore.Assets())
	if o.metrics != nil && cfg.MetricsAddr == "" {
		mux.Handle("GET /metrics", o.metrics.Handler())
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if life.draining.Load() {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": "shutting down"})
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), pingTimeout)
		defer cancel()
		if err := s.Ping(ctx); err != nil {
			log.WarnContext(r.Context(), "readiness check failed", "err", err)
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": "store unavailable", "store": cfg.Store})
			return
		}
		if !life.prepared.Load() {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": "start-up not done", "store": cfg.Store})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "store": cfg.Store})
	})

	c := cors.New(cors.Options{
		AllowedOrigins: cfg.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost},
		AllowedHeaders: []string{"Content-Type", "Authorization", "X-API-Key", ops.HeaderRequestID, "traceparent", "tracestate"},
		ExposedHeaders: []string{ops.HeaderRequestID, "Retry-After"},
		MaxAge:         600,
	})
	h := ops.Observe(log, o.metrics, closeWhileDraining(life, c.Handler(mux)))
	if o.tracing != nil {
		h = ops.TraceHTTP(o.tracing, h)
	}
	return h
}

// closeWhileDraining closes each connection after its response once the
// server drains, so that clients open new connections, to another server,
// rather than send a request on an idle one just as it is closed.
func closeWhileDraining(life *lifecycle, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if life.draining.Load() {
			w.Header().Set("Connection", "close")
		}
		next.ServeHTTP(w, r)
	})
}

// withTimeout bounds the work of one request; the store calls give up when
// the deadline passes.
func withTimeout(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := withDeadline(r.Context(), time.Now().Add(d))
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client has gone if this fails
}
