package resolvers

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
)

type countGetNodes struct {
	graph.Store
	calls atomic.Int32
}

func (c *countGetNodes) GetNodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	c.calls.Add(1)
	return c.Store.GetNodes(ctx, ids)
}

// A request's node cache keeps at most loaderCacheEntries nodes, the least
// recently used dropped first: a dropped node is fetched again, a kept one
// is not.
func TestLoaderCacheIsBounded(t *testing.T) {
	s := &countGetNodes{Store: embedded.Memory()}
	defer s.Close()
	ctx := t.Context()
	l := newLoaders(s)
	id := func(i int) string { return fmt.Sprintf("agency/a%05d", i) }
	for i := range loaderCacheEntries + 100 {
		l.prime(graph.Node{ID: id(i), Kind: graph.Agency, Name: id(i)})
	}
	if n, err := l.node(ctx, id(loaderCacheEntries+99)); err != nil || n == nil || s.calls.Load() != 0 {
		t.Errorf("the last node primed: %v, %v, %d store calls; want it from the cache", n, err, s.calls.Load())
	}
	if _, err := l.node(ctx, id(0)); err != nil || s.calls.Load() != 1 {
		t.Errorf("the first node primed: %v, %d store calls; want it evicted and fetched", err, s.calls.Load())
	}
}
