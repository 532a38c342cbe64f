package resolvers

import (
	"testing"

	"github.com/issgraph/issgraph/graph"
)

func TestEdgeSelUnionCovers(t *testing.T) {
	cites := selOf(graph.Out, []graph.EdgeType{graph.Cites})
	citedBy := selOf(graph.In, []graph.EdgeType{graph.Cites})
	addresses := selOf(graph.Out, []graph.EdgeType{graph.Addresses})
	tests := []struct {
		name    string
		flight  edgeSel
		field   edgeSel
		covered bool
	}{
		{"itself", cites, cites, true},
		{"the other direction", cites, citedBy, false},
		{"both directions", cites.union(citedBy), citedBy, true},
		{"another type", cites, addresses, false},
		{"a union of types", cites.union(addresses), addresses, true},
		{"every edge", every, addresses, true},
		{"every edge is not covered by one type", cites, every, false},
		{"a union with every", cites.union(every), addresses, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.flight.covers(tt.field); got != tt.covered {
				t.Errorf("covers = %v, want %v", got, tt.covered)
			}
		})
	}
}
