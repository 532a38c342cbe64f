package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
)

// opener opens one kind of store from the configuration.
type opener func(ctx context.Context, cfg config) (graph.Store, error)

// stores maps --store values to their openers. To add a store, add its line
// here and its opener (and any config it needs) in a file of its own.
var stores = map[string]opener{
	"embedded": openEmbedded,
	"neo4j":    openNeo4j,
}

// withStore opens the configured store, runs fn on it and closes it,
// reporting a failure to close unless fn already failed: the frame of every
// command that works on a store and exits.
func withStore(ctx context.Context, cfg config, fn func(graph.Store) error) (err error) {
	s, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeStore(s, &err)
	return fn(s)
}

// openStore opens the store the configuration names. Every command that
// needs a store goes through it.
func openStore(ctx context.Context, cfg config) (graph.Store, error) {
	open, ok := stores[cfg.Store]
	if !ok {
		return nil, fmt.Errorf("%w: unknown store %q", errConfig, cfg.Store)
	}
	s, err := open(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s store: %w", cfg.Store, err)
	}
	return s, nil
}

func storeNames() []string {
	names := make([]string, 0, len(stores))
	for name := range stores {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// openEmbedded opens the bbolt-backed store at cfg.Data, creating its
// directory, or an in-memory one with --memory.
func openEmbedded(_ context.Context, cfg config) (graph.Store, error) {
	if cfg.Memory {
		return embedded.Memory(), nil
	}
	if err := os.MkdirAll(filepath.Dir(cfg.Data), 0o750); err != nil {
		return nil, err
	}
	return embedded.Open(cfg.Data)
}
