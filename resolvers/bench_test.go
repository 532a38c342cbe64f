package resolvers_test

import (
	"io"
	"log/slog"
	"testing"

	"github.com/issgraph/issgraph/benchmarks/qmix"
	"github.com/issgraph/issgraph/resolvers"
)

// BenchmarkQMix runs the Q-mix queries of the peer comparison through the
// GraphQL handler on the ISS dataset, without the network: what issgraph
// itself costs per query, and where (-cpuprofile, -memprofile).
func BenchmarkQMix(b *testing.B) {
	h := resolvers.NewHandler(seededStore(b), resolvers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	qmix.Bench(b, h, "../benchmarks/queries")
}
