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
)

// TestConformance runs the graph.Store conformance suite against a real
// Neo4j 5 when NEO4J_URI is set. The suite namespaces its ids and deletes
// what it writes, so a shared database is fine; Migrate runs first so the
// constraints the Store relies on exist.
func TestConformance(t *testing.T) {
	if os.Getenv(EnvURI) == "" {
		t.Skip("\n*** Neo4j conformance suite SKIPPED: NEO4J_URI is not set. ***\n" +
			"Run it against a Neo4j 5 server with:\n" +
			"  NEO4J_URI=bolt://localhost:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=... go test ./graph/neo4jstore/...\n" +
			"(docker compose up neo4j starts one; NEO4J_DATABASE picks a database other than neo4j.)")
	}
	cfg := ConfigFromEnv()
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
	})
}
