package neo4jstore

import (
	"context"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/graphtest"
	"github.com/issgraph/issgraph/graph/neo4jstore/neo4jtest"
)

// TestConformance runs the graph.Store conformance suite against a real
// Neo4j 5 when NEO4J_URI is set. The suite namespaces its ids and deletes
// what it writes, so a shared database is fine, but it holds the lock that
// keeps it apart from suites that empty the database (graph/teststore).
// Migrate runs first so the constraints the Store relies on exist.
func TestConformance(t *testing.T) {
	uri := neo4jtest.URI(t, "Neo4j conformance suite")
	cfg := ConfigFromEnv()
	neo4jtest.Lock(t, uri, cfg.database())
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	var once sync.Once
	graphtest.Run(t, func(t *testing.T) graph.Store {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		s, err := Open(ctx, cfg, logger)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		var merr error
		once.Do(func() { merr = s.Migrate(ctx) })
		if merr != nil {
			t.Fatalf("Migrate: %v", merr)
		}
		if err := s.Ping(ctx); err != nil {
			t.Fatalf("Ping %s: %v", cfg.redactedURI(), err)
		}
		return s
	}, graphtest.Reopens())
}
