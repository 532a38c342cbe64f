package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/rs/cors"

	"github.com/issgraph/issgraph/cmd/issgraph/explore"
	"github.com/issgraph/issgraph/cmd/issgraph/graphiql"
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
	return serve(ctx, cfg, log, nil)
}

// serve opens the store, seeds it as configured and serves until ctx is
// done; then it stops taking requests, lets those in flight finish (up to
// cfg.ShutdownTimeout) and closes the store. ready, if set, learns the
// address it listens on.
func serve(ctx context.Context, cfg config, log *slog.Logger, ready func(net.Addr)) (err error) {
	s, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	life := newLifecycle()
	pctx, stopPrepare := context.WithCancel(ctx)
	// A start-up still retrying in the background stops when serve
	// returns, and is done before the store closes.
	defer func() { stopPrepare(); life.retrying.Wait() }()
	if err := startPrepare(pctx, s, cfg, log, life); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           newHandler(s, cfg, log, life),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      cfg.RequestTimeout + 10*time.Second,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", "addr", ln.Addr().String(), "store", cfg.Store, "memory", cfg.Memory,
		"data", cfg.Data, "writes", len(cfg.APIKeys) > 0, "cors_origins", cfg.CORSOrigins)
	if ready != nil {
		ready(ln.Addr())
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	log.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	life.draining.Store(true)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
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
//
// CORS: any origin may read by default ("*"). That is safe because the API
// uses no cookies or other ambient credentials: a write needs an API key
// the calling page must hold itself, so a hostile page can do nothing a
// plain HTTP client could not. Restrict the origins with --cors-origins.
func newHandler(s graph.Store, cfg config, log *slog.Logger, life *lifecycle) http.Handler {
	opts := resolvers.Options{
		APIKeys:       cfg.APIKeys,
		MaxComplexity: cfg.MaxComplexity,
		Limits:        graph.Limits{MaxDepth: cfg.MaxDepth},
		Logger:        log,
	}
	mux := http.NewServeMux()
	mux.Handle("/graphql", limitBody(withTimeout(resolvers.NewHandler(s, opts), cfg.RequestTimeout), cfg.MaxBodyBytes))
	mux.Handle("/export/", withTimeout(resolvers.NewExportHandler(s, opts), cfg.RequestTimeout))
	mux.Handle("GET /{$}", graphiql.Handler("issgraph", "/graphql"))
	mux.Handle("GET "+graphiql.AssetPath, graphiql.Assets())
	mux.Handle("GET "+explore.Path, explore.Handler("/graphql", "/export/subgraph", "/"))
	mux.Handle("GET "+explore.AssetPath, explore.Assets())
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
			log.Warn("readiness check failed", "err", err)
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
		AllowedHeaders: []string{"Content-Type", "Authorization", "X-API-Key"},
		MaxAge:         600,
	})
	return accessLog(log, c.Handler(mux))
}

// limitBody refuses request bodies over n bytes: at once when the length
// is announced, and by cutting the read short otherwise.
func limitBody(next http.Handler, n int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > n {
			writeJSON(w, http.StatusRequestEntityTooLarge, map[string]any{"errors": []any{map[string]any{
				"message":    fmt.Sprintf("request body larger than %d bytes", n),
				"extensions": map[string]string{"code": "BAD_USER_INPUT"},
			}}})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, n)
		next.ServeHTTP(w, r)
	})
}

// withTimeout bounds the work of one request; the store calls give up when
// the deadline passes.
func withTimeout(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// accessLog writes one line per request.
func accessLog(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rec.status),
			slog.Int64("bytes", rec.bytes),
			slog.Duration("duration", time.Since(start)),
			slog.String("remote", r.RemoteAddr),
		)
	})
}

// recorder notes the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client has gone if this fails
}
