package main

import (
	"io"
	"testing"

	"github.com/issgraph/issgraph/benchmarks/qmix"
	"github.com/issgraph/issgraph/cmd/issgraph/ops"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/seed"
)

// BenchmarkServeQMix runs the Q-mix queries of the peer comparison
// (benchmarks/compare.sh) through everything serve puts in front of the
// GraphQL handler, as configured by default: the access log at info into
// the buffered writer, metrics, request ids, CORS, the guard and the
// request timeout. resolvers.BenchmarkQMix measures the handler alone; the
// difference is what the service's own plumbing costs per request.
func BenchmarkServeQMix(b *testing.B) {
	cfg, err := parseConfig("serve", []string{"--memory", "--rate-limit", "0"}, getenv(nil), io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	s := embedded.Memory()
	if _, err := seed.Load(b.Context(), s, seed.Options{}); err != nil {
		b.Fatal(err)
	}
	log, closeLog := bufferedLogger(cfg, io.Discard, logFlushEvery)
	defer closeLog()
	m := ops.NewMetrics("bench", "")
	h := newHandler(ops.InstrumentStore(s, cfg.Store, m, nil), cfg, log, newLifecycle(), observability{metrics: m})
	qmix.Bench(b, h, "../../benchmarks/queries")
}
