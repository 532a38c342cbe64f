package main

import (
	"context"
	"fmt"

	"github.com/issgraph/issgraph/graph"
)

// migrator is a store with a schema to keep up to date (Neo4j's
// constraints and indexes). The embedded store has none.
type migrator interface {
	Migrate(ctx context.Context) error
}

// runMigrate is "issgraph migrate": apply the store's schema migrations,
// which are idempotent, and nothing else.
func runMigrate(ctx context.Context, e env, args []string) error {
	cfg, _, err := parseCommand(e, "migrate", "", args, storeGroups...)
	if err != nil {
		return err
	}
	return withStore(ctx, cfg, func(s graph.Store) error {
		m, ok := s.(migrator)
		if !ok {
			fmt.Fprintf(e.stdout, "the %s store has no schema to migrate\n", cfg.Store)
			return nil
		}
		if err := m.Migrate(ctx); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		fmt.Fprintf(e.stdout, "the %s store's schema is up to date\n", cfg.Store)
		return nil
	})
}
