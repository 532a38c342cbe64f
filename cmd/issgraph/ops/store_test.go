package ops

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/graph/graphtest"
)

// The instrumented store is a store like any other: it passes the
// conformance suite over the embedded store, and on the way every method
// of graph.Store is timed under its name.
func TestInstrumentedStoreConformance(t *testing.T) {
	m := NewMetrics("test", "none")
	graphtest.Run(t, func(t *testing.T) graph.Store {
		return InstrumentStore(embedded.Memory(), "embedded", m, nil)
	})
	methods := reflect.TypeFor[graph.Store]()
	for i := range methods.NumMethod() {
		name := methods.Method(i).Name
		if value(t, m, "issgraph_store_call_duration_seconds", map[string]string{"store": "embedded", "method": name}) == 0 {
			t.Errorf("no call of %s was timed", name)
		}
	}
}

// failing answers every call with its error.
type failing struct {
	graph.Store
	err error
}

func (f failing) GetNode(context.Context, string) (graph.Node, error) { return graph.Node{}, f.err }

func TestStoreOutcome(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, "ok"},
		{fmt.Errorf("embedded: get node: %w", graph.ErrNotFound), "not_found"},
		{&graph.ValidationError{Field: "name", Reason: "empty"}, "invalid"},
		{fmt.Errorf("x: %w", graph.ErrConflict), "conflict"},
		{fmt.Errorf("neo4jstore: %w", graph.ErrUnavailable), "unavailable"},
		{fmt.Errorf("neo4jstore: %w", context.DeadlineExceeded), "timeout"},
		{context.Canceled, "canceled"},
		{errors.New("disk on fire"), "error"},
	}
	m := NewMetrics("test", "none")
	for _, tt := range tests {
		s := InstrumentStore(failing{embedded.Memory(), tt.err}, "fake", m, nil)
		if _, err := s.GetNode(t.Context(), "agency/x"); err != tt.err {
			t.Errorf("the store's error %v came back as %v", tt.err, err)
		}
		if got := value(t, m, "issgraph_store_call_duration_seconds", map[string]string{"store": "fake", "method": "GetNode", "outcome": tt.want}); got != 1 {
			t.Errorf("%v: %v calls with outcome %q, want 1", tt.err, got, tt.want)
		}
	}
}
