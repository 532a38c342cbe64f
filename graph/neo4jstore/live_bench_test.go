package neo4jstore

import (
	"os"
	"testing"
	"time"

	"github.com/issgraph/issgraph/graph/graphtest"
)

// The generated graph of the benchmarks, as graph/embedded's
// (analysis_bench_test.go): the same figures compare the stores.
const benchNodes, benchEdges, benchSeed = 100_000, 500_000, 1

// BenchmarkLiveQuery times graphtest.BenchQueries on the Neo4j server
// NEO4J_URI names, on the generated graph of 100,000 nodes and 500,000
// edges, which it writes first (minutes) and removes at the end; with
// ISSGRAPH_BENCH_KEEP=1 it leaves the graph there, and a later run that
// finds it does not write it again. Without NEO4J_URI it is skipped, as
// the live tests are.
//
//	NEO4J_URI=bolt://... go test -run '^$' -bench BenchmarkLiveQuery -benchtime 20x -timeout 60m ./graph/neo4jstore/
func BenchmarkLiveQuery(b *testing.B) {
	s := liveStore(b)
	batches, err := graphtest.Generate(benchNodes, benchEdges, benchSeed)
	if err != nil {
		b.Fatal(err)
	}
	var ids []any
	for _, batch := range batches {
		for _, n := range batch.Nodes {
			ids = append(ids, n.ID)
		}
	}
	if os.Getenv("ISSGRAPH_BENCH_KEEP") == "" {
		del := liveStatement(b, "delete_nodes")
		b.Cleanup(func() {
			for i := 0; i < len(ids); i += 1000 {
				runLive(b, s, del, map[string]any{"ids": ids[i:min(i+1000, len(ids))]})
			}
		})
	}
	last := batches[len(batches)-1].Edges
	if _, err := s.GetEdge(b.Context(), last[len(last)-1].Key()); err == nil {
		b.Logf("the generated graph is there already (ISSGRAPH_BENCH_KEEP)")
	} else {
		t0 := time.Now()
		for _, batch := range batches {
			if _, err := s.Apply(b.Context(), batch); err != nil {
				b.Fatalf("Apply: %v", err)
			}
		}
		b.Logf("wrote %d nodes and %d edges in %v", benchNodes, benchEdges, time.Since(t0))
	}
	for _, q := range graphtest.BenchQueries() {
		b.Run(q.Name+"/generated100k", func(b *testing.B) {
			for b.Loop() {
				var err error
				if q.Find != nil {
					_, err = s.Find(b.Context(), *q.Find)
				} else {
					_, err = s.Aggregate(b.Context(), *q.Agg)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
