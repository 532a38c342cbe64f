package main

import (
	"context"
	"testing"

	"github.com/issgraph/issgraph/benchmarks/qmix"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/seed"
)

// BenchmarkPlain runs the Q-mix queries through the plain handler, without
// the network: the floor resolvers.BenchmarkQMix is compared with.
func BenchmarkPlain(b *testing.B) {
	s := embedded.Memory()
	if _, err := seed.Load(context.Background(), s, seed.Options{}); err != nil {
		b.Fatal(err)
	}
	const dir = "../queries"
	h, err := newHandler(s, dir)
	if err != nil {
		b.Fatal(err)
	}
	qmix.Bench(b, h, dir)
}
