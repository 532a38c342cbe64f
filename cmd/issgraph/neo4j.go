package main

import (
	"context"
	"fmt"
	"os"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/neo4jstore"
)

// openNeo4j opens the Neo4j store from the NEO4J_* variables (cfg.Neo4j). It does not
// need the server to be up: calls fail with graph.ErrUnavailable until it
// is, and the driver reconnects by itself.
func openNeo4j(ctx context.Context, cfg config) (graph.Store, error) {
	ncfg := cfg.Neo4j
	if ncfg.URI == "" {
		return nil, fmt.Errorf("%w: --store=neo4j needs NEO4J_URI (bolt://, bolt+s://, neo4j:// or neo4j+s://)", errConfig)
	}
	s, err := neo4jstore.Open(ctx, ncfg, newLogger(cfg, os.Stderr))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errConfig, err)
	}
	return s, nil
}
