package resolvers_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"runtime/metrics"
	"testing"

	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/resolvers"
	"github.com/issgraph/issgraph/seed"
)

// The executor (graph/internal/execgen) marshals a list's items in order,
// without a goroutine each: the loaders fetch a level at its first item,
// so nothing would overlap. A neighbourhood of 50 nodes and their edges
// started about 150 goroutines per request before. The store is the
// embedded one whatever ISSGRAPH_TEST_STORE says: this is about the
// executor, and the Neo4j driver starts a goroutine per socket read of its
// own.
func TestListsStartNoGoroutinePerItem(t *testing.T) {
	s := embedded.Memory()
	if _, err := seed.Load(context.Background(), s, seed.Options{}); err != nil {
		t.Fatal(err)
	}
	h := resolvers.NewHandler(s, resolvers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	q := post(`{ neighbourhood(id: "institution/cosi", depth: 2, limit: 50) {
		nodes { id kind label degree distance } edges { id type source target } } }`)
	created := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
	var items int
	least := ^uint64(0)
	// The count is process-wide; the least of three requests leaves out
	// whatever else the process started meanwhile.
	for range 3 {
		metrics.Read(created)
		before := created[0].Value.Uint64()
		r := send(t, h, q)
		metrics.Read(created)
		least = min(least, created[0].Value.Uint64()-before)
		if len(r.res.Errors) > 0 {
			t.Fatalf("errors: %s", r.body)
		}
		var data struct {
			Neighbourhood struct {
				Nodes, Edges []json.RawMessage
			}
		}
		if err := json.Unmarshal(r.res.Data, &data); err != nil {
			t.Fatal(err)
		}
		items = len(data.Neighbourhood.Nodes) + len(data.Neighbourhood.Edges)
	}
	if items < 40 {
		t.Fatalf("only %d items: the query no longer tests lists", items)
	}
	if least >= uint64(items)/4 {
		t.Errorf("%d goroutines started for %d items", least, items)
	}
}
