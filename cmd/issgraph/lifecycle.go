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
	done     chan struct{} // closed when prepared
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

// startPrepare runs prepare. When the store cannot be reached (Neo4j is
// down) the server still starts, answers UNAVAILABLE and reports not ready,
// while prepare is retried in the background until it succeeds or ctx
// ends. Any other failure is returned: it will not mend by waiting.
func startPrepare(ctx context.Context, s graph.Store, cfg config, log *slog.Logger, l *lifecycle) error {
	err := prepare(ctx, s, cfg, log)
	if err == nil {
		l.markPrepared()
		return nil
	}
	if !errors.Is(err, graph.ErrUnavailable) {
		return err
	}
	log.Warn("store unavailable at start: serving anyway, retrying start-up in the background", "err", err)
	go func() {
		for i := 0; ; i++ {
			t := time.NewTimer(retryDelays[min(i, len(retryDelays)-1)])
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
			err := prepare(ctx, s, cfg, log)
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
