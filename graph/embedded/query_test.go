package embedded

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

// expiring is a context whose deadline passes after a number of looks at
// Err: a stand-in for a request deadline that falls in the middle of an
// evaluation, without timing anything.
type expiring struct {
	context.Context
	left atomic.Int64
}

func (c *expiring) Err() error {
	if c.left.Add(-1) < 0 {
		return context.DeadlineExceeded
	}
	return nil
}

// TestQueryStopsAtTheDeadline: a relationship filter over a large fan-out
// looks at the context as it goes, and ends with the deadline's error
// rather than running on.
func TestQueryStopsAtTheDeadline(t *testing.T) {
	s := Memory()
	defer s.Close()
	ctx := context.Background()
	var b graph.Batch
	const hubs, fan = 20, 200
	for i := range fan {
		b.Nodes = append(b.Nodes, graph.Node{ID: fmt.Sprintf("document/leaf-%d", i), Kind: graph.Document, Name: "leaf"})
	}
	for h := range hubs {
		id := fmt.Sprintf("document/hub-%d", h)
		b.Nodes = append(b.Nodes, graph.Node{ID: id, Kind: graph.Document, Name: "hub"})
		for i := range fan {
			b.Edges = append(b.Edges, graph.Edge{Type: graph.Cites, From: id, To: fmt.Sprintf("document/leaf-%d", i)})
		}
	}
	if _, err := s.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	// Every hub cites every leaf, and none of the leaves is dated: All
	// has to look at each edge of each hub.
	q := graph.Query{Where: graph.Where{Rels: []graph.RelCond{{Hop: graph.Hop{Type: graph.Cites, Dir: graph.Out}, Quant: graph.All,
		Where: graph.Where{Conds: []graph.Cond{{Field: "date", Op: graph.OpIsNull, Value: true}}}}}}}
	p, err := s.Find(ctx, q)
	if err != nil || p.TotalCount != hubs+fan {
		t.Fatalf("Find without a deadline: total %d, %v; want %d", p.TotalCount, err, hubs+fan)
	}
	for name, call := range map[string]func(ctx context.Context) error{
		"Find": func(ctx context.Context) error { _, err := s.Find(ctx, q); return err },
		"Aggregate": func(ctx context.Context) error {
			_, err := s.Aggregate(ctx, graph.AggQuery{Where: q.Where})
			return err
		},
		"Related": func(ctx context.Context) error {
			_, err := s.Related(ctx, graph.RelQuery{IDs: []string{"document/leaf-0"}, Hop: graph.Hop{Type: graph.Cites, Dir: graph.In}, Where: q.Where})
			return err
		},
	} {
		c := &expiring{Context: ctx}
		c.left.Store(1) // the look before the read lock passes
		err := call(c)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s with a deadline that passes while it runs: %v, want context.DeadlineExceeded", name, err)
		}
	}
}
