package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
)

// downStore is a store whose server is down until up is set: Count and
// Migrate fail with ErrUnavailable. It records the start-up calls.
type downStore struct {
	graph.Store
	up    atomic.Bool
	fatal error // returned by Count instead, when set

	mu    sync.Mutex
	calls []string
}

func (s *downStore) record(call string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, call)
}

func (s *downStore) Migrate(ctx context.Context) error {
	s.record("migrate")
	if !s.up.Load() {
		return fmt.Errorf("migrate: connection refused: %w", graph.ErrUnavailable)
	}
	return nil
}

func (s *downStore) Ping(ctx context.Context) error {
	s.record("ping")
	if !s.up.Load() {
		return fmt.Errorf("ping: %w", graph.ErrUnavailable)
	}
	return nil
}

func (s *downStore) Count(ctx context.Context) (graph.Counts, error) {
	s.record("count")
	if s.fatal != nil {
		return graph.Counts{}, s.fatal
	}
	if !s.up.Load() {
		return graph.Counts{}, graph.ErrUnavailable
	}
	return s.Store.Count(ctx)
}

func fastRetries(t *testing.T) {
	prev := retryDelays
	retryDelays = []time.Duration{time.Millisecond}
	t.Cleanup(func() { retryDelays = prev })
}

func countingDataset(t *testing.T) *atomic.Int32 {
	var n atomic.Int32
	prev := loadDataset
	loadDataset = func(ctx context.Context, s graph.Store, _ func(done, total int)) (string, error) {
		n.Add(1)
		return "stub", nil
	}
	t.Cleanup(func() { loadDataset = prev })
	return &n
}

func TestStartPrepareWaitsForTheStore(t *testing.T) {
	fastRetries(t)
	seeded := countingDataset(t)
	mem := embedded.Memory()
	defer mem.Close()
	s := &downStore{Store: mem}
	cfg, err := parseConfig("serve", []string{"--memory"}, getenv(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// Neo4j down at start: serving goes on, not ready, nothing seeded.
	life := newLifecycle()
	if err := startPrepare(ctx, s, cfg, log, life); err != nil {
		t.Fatalf("startPrepare with the store down: %v", err)
	}
	rec := httptest.NewRecorder()
	newHandler(s, cfg, log, life, observability{}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("/readyz while start-up waits: %d %s", rec.Code, rec.Body)
	}
	if seeded.Load() != 0 {
		t.Fatal("seeded a store that is down")
	}

	// The store comes back: start-up finishes by itself.
	s.up.Store(true)
	select {
	case <-life.done:
	case <-time.After(30 * time.Second):
		t.Fatal("start-up did not finish after the store came back")
	}
	s.mu.Lock()
	calls := slices.Clone(s.calls)
	s.mu.Unlock()
	rec = httptest.NewRecorder()
	newHandler(s, cfg, log, life, observability{}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/readyz after recovery: %d %s", rec.Code, rec.Body)
	}
	if seeded.Load() != 1 {
		t.Errorf("seeded %d times, want once", seeded.Load())
	}
	// Each attempt pings first and goes no further while the store is
	// down; the last one pings, migrates, then counts to decide on seeding.
	n := len(calls)
	if n < 4 || calls[0] != "ping" || calls[1] != "ping" || calls[n-3] != "ping" || calls[n-2] != "migrate" || calls[n-1] != "count" {
		t.Errorf("start-up calls %v: want pings while down, then ping, migrate, count", calls)
	}
}

func TestStartPrepareFailsOnOtherErrors(t *testing.T) {
	countingDataset(t)
	mem := embedded.Memory()
	defer mem.Close()
	s := &downStore{Store: mem, fatal: errors.New("corrupt")}
	s.up.Store(true)
	cfg, err := parseConfig("serve", []string{"--memory"}, getenv(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	life := newLifecycle()
	if err := startPrepare(context.Background(), s, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), life); err == nil {
		t.Fatal("startPrepare hid an error that waiting will not mend")
	}
	if life.prepared.Load() {
		t.Error("marked prepared after a failure")
	}
}
