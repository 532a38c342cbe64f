package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/issgraph/issgraph/graph/graphtest"
	"github.com/issgraph/issgraph/graph/neo4jstore"
)

// neo4jFlags are the flags of -store neo4j.
var neo4jFlags struct{ wipe, keep bool }

// measureNeo4j takes the figures of measure that mean something on a
// server on the Neo4j store the NEO4J_* variables name (read as
// cmd/issgraph reads them): seeding through Store.Apply, then the queries
// both stores share. Closing, opening and the Go heap are left out: the
// graph lives in the server, and the client holds none of it.
//
// It writes only into a database with no node (label Node, which every
// node the Store writes carries), or one -wipe empties first, and deletes
// the graph it wrote at the end unless -keep; since the database held
// nothing else, that deletes nothing it did not write.
func measureNeo4j(nodes, edges, starts int) (table string, err error) {
	ctx := context.Background()
	load0 := loadavg()
	cfg := neo4jstore.ConfigFromEnv()
	if cfg.URI == "" {
		return "", errors.New("-store neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE when they apply)")
	}
	s, err := neo4jstore.Open(ctx, cfg, nil)
	if err != nil {
		return "", err
	}
	defer s.Close()
	c, err := s.Count(ctx)
	if err != nil {
		return "", err
	}
	if n := c.NodeTotal(); n > 0 {
		if !neo4jFlags.wipe {
			return "", fmt.Errorf("database %q at %s holds %d nodes and %d edges: refusing to write into it; -wipe deletes them first",
				cfg.Database, cfg.URI, n, c.EdgeTotal())
		}
		t0 := time.Now()
		if _, err := s.DeleteAll(ctx); err != nil {
			return "", fmt.Errorf("-wipe: %w", err)
		}
		fmt.Fprintf(os.Stderr, "-wipe: deleted %d nodes and %d edges in %s\n", n, c.EdgeTotal(), round(time.Since(t0)))
	}
	if err := s.Migrate(ctx); err != nil {
		return "", err
	}
	batches, err := graphtest.Generate(nodes, edges, 1)
	if err != nil {
		return "", err
	}
	if !neo4jFlags.keep {
		defer func() {
			t0 := time.Now()
			n, derr := s.DeleteAll(context.Background())
			if derr != nil {
				err = errors.Join(err, fmt.Errorf("deleting the generated graph: %w", derr))
				return
			}
			fmt.Fprintf(os.Stderr, "deleted the %d nodes written, in %s\n", n, round(time.Since(t0)))
		}()
	}

	rec := newRecorder()
	took, err := seed(ctx, s, batches)
	if err != nil {
		return "", err
	}
	rec.add(fmt.Sprintf("seeding %d nodes and %d edges (`Apply`, %d batches, one transaction each)", nodes, edges, len(batches)), 1, "%s", round(took))
	var ids, refs []string
	for _, b := range batches {
		ids, refs = collect(ids, refs, b.Nodes)
	}
	batches = nil
	rec.restart()
	if err := queries(ctx, s, rec, ids, refs, starts, "PageRank (`Rank`: the server computes it at every call, nothing is cached)"); err != nil {
		return "", err
	}
	return rec.table("| measure | wall clock | issgraph's CPU per operation (Neo4j's not counted) |", fmt.Sprintf("go run ./benchmarks/scale -store neo4j -starts %d", starts), load0), nil
}
