package resolvers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"runtime/metrics"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
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

// dateless is a store whose nodes come without their date: an event then
// breaks the schema's promise (Event.date is Date!).
type dateless struct{ graph.Store }

func (s dateless) GetNodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	ns, err := s.Store.GetNodes(ctx, ids)
	for _, n := range ns {
		if n != nil {
			delete(n.Props, "date") // a copy: the store clones what it returns
		}
	}
	return ns, err
}

// A non-null leaf the object holds as a pointer (Event.date) is written
// straight from the object (graph/internal/execgen, unlessNull), and when
// the pointer is nil, gqlgen's path reports the null on the field's path
// and nulls the object, as for any other field.
func TestNonNullLeafThatIsNull(t *testing.T) {
	s := embedded.Memory()
	if _, err := seed.Load(context.Background(), s, seed.Options{}); err != nil {
		t.Fatal(err)
	}
	q := post(`{ event(id: "event/council-meeting-3071") { id date } }`)
	for _, tt := range []struct {
		name  string
		store graph.Store
		data  string
		path  string
	}{
		{"dated", s, `{"event":{"id":"event/council-meeting-3071","date":"2011-02-24"}}`, ""},
		{"without a date", dateless{s}, `{"event":null}`, "event.date"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := resolvers.NewHandler(tt.store, resolvers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			r := send(t, h, q)
			if got := string(r.res.Data); got != tt.data {
				t.Errorf("data %s, want %s", got, tt.data)
			}
			var path []string
			for _, e := range r.res.Errors {
				for _, p := range e.Path {
					path = append(path, fmt.Sprint(p))
				}
			}
			if got := strings.Join(path, "."); got != tt.path {
				t.Errorf("error path %q, want %q: %s", got, tt.path, r.body)
			}
		})
	}
}
