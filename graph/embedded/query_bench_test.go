package embedded_test

import (
	"testing"

	"github.com/issgraph/issgraph/graph/graphtest"
)

// BenchmarkQuery times graphtest.BenchQueries, filtered lists with one
// relationship filter and an aggregate under one, on the generated graph
// (the Neo4j store's figures come from BenchmarkLiveQuery in
// graph/neo4jstore, on the same graph).
func BenchmarkQuery(b *testing.B) {
	for _, q := range graphtest.BenchQueries() {
		b.Run(q.Name+"/generated100k", func(b *testing.B) {
			s := generated(b).s
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
