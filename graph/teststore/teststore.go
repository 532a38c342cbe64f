// Package teststore gives the suites above graph (the GraphQL API, the
// binary) a graph.Store that holds one dataset, on the store the
// environment names, so that one suite with one set of golden files judges
// both stores:
//
//	go test ./resolvers/                                       # embedded
//	ISSGRAPH_TEST_STORE=neo4j NEO4J_URI=bolt://127.0.0.1:7687 \
//	  go test ./resolvers/ ./cmd/issgraph/                     # live Neo4j
//
// On the embedded store every call gets a new in-memory store. Neo4j
// Community has one user database, so there the suites share it: one Store
// per test binary, migrated once, emptied (Store.DeleteAll) and loaded again
// whenever a test needs another dataset than the one it holds. Tests that
// use it therefore never run in parallel, the database must be on this
// machine (it is emptied), and the binary holds neo4jtest.Lock so that
// other live suites wait rather than see their data vanish.
package teststore

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/graph/neo4jstore"
	"github.com/issgraph/issgraph/graph/neo4jstore/neo4jtest"
)

// EnvStore names the store: "embedded" (the default) or "neo4j".
const EnvStore = "ISSGRAPH_TEST_STORE"

// Loader writes a dataset into an empty store.
type Loader func(ctx context.Context, s graph.Store) error

// Name is the store the suites run on.
func Name() string {
	if v := os.Getenv(EnvStore); v != "" {
		return v
	}
	return "embedded"
}

// Fresh returns a store that holds exactly what load writes (nothing when
// load is nil). The test may write to it.
func Fresh(t testing.TB, load Loader) graph.Store {
	t.Helper()
	switch Name() {
	case "embedded":
		s := embedded.Memory()
		t.Cleanup(func() { s.Close() })
		fill(t, s, load)
		return s
	case "neo4j":
		db := live(t)
		db.mu.Lock()
		defer db.mu.Unlock()
		db.reset(t, "", load)
		return db.store
	}
	t.Fatalf("teststore: %s=%q: want embedded or neo4j", EnvStore, Name())
	return nil
}

// Shared returns a store that holds the dataset called name, written by
// load at most once per test binary on the embedded store, and on Neo4j
// again only after another dataset displaced it. Tests must only read it.
func Shared(t testing.TB, name string, load Loader) graph.Store {
	t.Helper()
	switch Name() {
	case "embedded":
		shared.mu.Lock()
		defer shared.mu.Unlock()
		if s, ok := shared.stores[name]; ok {
			return s
		}
		s := embedded.Memory()
		fill(t, s, load)
		shared.stores[name] = s
		return s
	case "neo4j":
		db := live(t)
		db.mu.Lock()
		defer db.mu.Unlock()
		if db.holds != name {
			db.reset(t, name, load)
		}
		return db.store
	}
	t.Fatalf("teststore: %s=%q: want embedded or neo4j", EnvStore, Name())
	return nil
}

var shared = struct {
	mu     sync.Mutex
	stores map[string]*embedded.Store
}{stores: map[string]*embedded.Store{}}

func fill(t testing.TB, s graph.Store, load Loader) {
	t.Helper()
	if load == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := load(ctx, s); err != nil {
		t.Fatalf("teststore: loading the dataset into the %s store: %v", Name(), err)
	}
}

// database is the one live Neo4j of a test binary.
type database struct {
	mu    sync.Mutex
	store keepOpen
	holds string // the Shared dataset it holds; "" when a test may have written
}

var (
	liveOnce sync.Once
	liveDB   *database
	liveErr  error
)

// live opens, once, the Store on NEO4J_URI: it must be on this machine,
// since it is emptied. The first caller takes the lock.
func live(t testing.TB) *database {
	t.Helper()
	uri := neo4jtest.URI(t, "the "+EnvStore+"=neo4j run")
	if !neo4jtest.Loopback(uri) {
		t.Fatalf("teststore: %s=neo4j empties the database, so NEO4J_URI must be a server on this machine, not %s", EnvStore, uri)
	}
	liveOnce.Do(func() {
		cfg := neo4jstore.ConfigFromEnv()
		neo4jtest.Lock(t, uri, cfg.Database)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		s, err := neo4jstore.Open(ctx, cfg, slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
		if err != nil {
			liveErr = err
			return
		}
		if err := s.Migrate(ctx); err != nil {
			liveErr = fmt.Errorf("migrate: %w", err)
			return
		}
		liveDB = &database{store: keepOpen{s}}
	})
	if liveErr != nil {
		t.Fatalf("teststore: Neo4j at %s: %v", uri, liveErr)
	}
	return liveDB
}

// reset empties the database and loads the dataset.
func (db *database) reset(t testing.TB, name string, load Loader) {
	t.Helper()
	db.holds = ""
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := db.store.DeleteAll(ctx); err != nil {
		t.Fatalf("teststore: emptying Neo4j: %v", err)
	}
	fill(t, db.store, load)
	db.holds = name
}

// keepOpen is the shared Store with a Close that does nothing: each test
// closes what it was given, and the next test needs it open.
type keepOpen struct{ *neo4jstore.Store }

func (keepOpen) Close() error { return nil }
