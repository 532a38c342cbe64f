package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/seed"
)

// runSeed is "issgraph seed": load the embedded dataset into the
// configured store and print the report. Loading is idempotent.
func runSeed(ctx context.Context, e env, args []string) error {
	cfg, _, err := parseCommand(e, "seed", "", args, storeGroups...)
	if err != nil {
		return err
	}
	return withStore(ctx, cfg, func(s graph.Store) error {
		report, err := loadDataset(ctx, s, func(done, total int) {
			fmt.Fprintf(e.stderr, "seed: %d/%d written\n", done, total)
		})
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, report)
		return nil
	})
}

// loadDataset loads the embedded dataset, in batches, and describes what
// it wrote; progress, if set, hears after each batch. It is a variable so
// that tests of the commands need not load the real dataset.
var loadDataset = func(ctx context.Context, s graph.Store, progress func(done, total int)) (string, error) {
	r, err := seed.Load(ctx, s, seed.Options{Progress: progress})
	if err != nil {
		return "", fmt.Errorf("seed: %w", err)
	}
	return r.String(), nil
}

// seedOnStart loads the dataset as cfg.Seed asks: always, never, or
// (auto) only into an empty store, so that a restart never overwrites
// edits made through the API.
func seedOnStart(ctx context.Context, s graph.Store, mode string, log *slog.Logger) error {
	switch mode {
	case "never":
		return nil
	case "auto":
		c, err := s.Count(ctx)
		if err != nil {
			return fmt.Errorf("count nodes: %w", err)
		}
		if n := c.NodeTotal(); n > 0 {
			log.Info("store holds data; not seeding", "nodes", n)
			return nil
		}
	}
	report, err := loadDataset(ctx, s, func(done, total int) {
		log.Info("seeding", "written", done, "total", total)
	})
	if err != nil {
		return err
	}
	log.Info("seeded", "report", report)
	return nil
}

// closeStore closes s and reports a failure through *err unless an
// earlier error is already there.
func closeStore(s graph.Store, err *error) {
	if cerr := s.Close(); cerr != nil && *err == nil {
		*err = fmt.Errorf("close store: %w", cerr)
	}
}
