package main

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/issgraph/issgraph/graph"
)

// lifecycle is what /readyz reports besides the store's own health: the
// start-up work (migrations, seeding) is done, and the server is not
// draining.
type lifecycle struct {
	draining atomic.Bool
	prepared atomic.Bool
	once     sync.Once
	done     chan struct{}  // closed when prepared
	retrying sync.WaitGroup // the background start-up, if any
}

func newLifecycle() *lifecycle { return &lifecycle{done: make(chan struct{})} }

func (l *lifecycle) markPrepared() {
	l.prepared.Store(true)
	l.once.Do(func() { close(l.done) })
}

// prepare readies the store for serving: its schema migrations, if it has
// any, then seeding as cfg.Seed asks. Both are idempotent.
func prepare(ctx context.Context, s graph.Store, cfg config, log *slog.Logger) error {
	if m, ok := s.(migrator); ok {
		if err := m.Migrate(ctx); err != nil {
			return err
		}
	}
	return seedOnStart(ctx, s, cfg.Seed, log)
}

// retryDelays are the waits between start-up attempts against a store
// that is unavailable; the last one repeats. A variable for tests.
var retryDelays = []time.Duration{time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 30 * time.Second}

// startPrepare readies the store before the server listens. It first asks
// the store whether it is reachable, briefly (pingTimeout), so that a
// Neo4j that is down does not hold the start for the driver's retries.
// When the store cannot be reached the server still starts, answers
// UNAVAILABLE and reports not ready, while the start-up is retried in the
// background until it succeeds or ctx ends (l.retrying waits for that).
// Any other failure is returned: it will not mend by waiting.
func startPrepare(ctx context.Context, s graph.Store, cfg config, log *slog.Logger, l *lifecycle) error {
	err := attempt(ctx, s, cfg, log)
	if err == nil {
		l.markPrepared()
		return nil
	}
	if !unreachable(err) {
		return err
	}
	log.Warn("store unavailable at start: serving anyway, retrying start-up in the background", "err", err)
	l.retrying.Add(1)
	go func() {
		defer l.retrying.Done()
		for i := 0; ; i++ {
			t := time.NewTimer(retryDelays[min(i, len(retryDelays)-1)])
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
			err := attempt(ctx, s, cfg, log)
			if err == nil {
				log.Info("store reachable: start-up done")
				l.markPrepared()
				return
			}
			log.Warn("start-up still failing", "attempt", i+2, "err", err)
		}
	}()
	return nil
}

// attempt pings the store, briefly, and prepares it if it answers.
func attempt(ctx context.Context, s graph.Store, cfg config, log *slog.Logger) error {
	pctx, cancel := context.WithTimeout(ctx, pingTimeout)
	err := s.Ping(pctx)
	cancel()
	if err != nil {
		return err
	}
	return prepare(ctx, s, cfg, log)
}

// unreachable reports whether err says the store could not be reached in
// time, as opposed to a fault that waiting will not mend.
func unreachable(err error) bool {
	return errors.Is(err, graph.ErrUnavailable) || errors.Is(err, context.DeadlineExceeded)
}
