package traverse_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/traverse"
)

func hiddenStrs(hs []graph.HiddenCount) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = fmt.Sprintf("%s:%d", h.ID, h.Count)
	}
	return out
}

func TestExpand(t *testing.T) {
	st := fixture(t)
	for _, tc := range []struct {
		name      string
		q         graph.ExpandQuery
		nodes     []string
		edges     []string
		hidden    []string
		truncated bool
	}{
		{
			name:  "a node the view lacks comes with its neighbours",
			q:     graph.ExpandQuery{IDs: []string{a}, Limit: 50},
			nodes: []string{at(a, 0), at(b, 1), at(c, 1), at(x, 1)},
			edges: []string{key(graph.Authored, x, a), key(graph.Cites, a, b), key(graph.Cites, b, c), key(graph.Cites, c, a), key(graph.RelatedTo, a, b)},
			// c still hides d, x hides p and p1.
			hidden: []string{a + ":0", b + ":0", c + ":1", x + ":2"},
		},
		{
			name:   "a node the view holds is not returned",
			q:      graph.ExpandQuery{IDs: []string{a}, Exclude: []string{a}, Limit: 50},
			nodes:  []string{at(b, 1), at(c, 1), at(x, 1)},
			edges:  []string{key(graph.Authored, x, a), key(graph.Cites, a, b), key(graph.Cites, b, c), key(graph.Cites, c, a), key(graph.RelatedTo, a, b)},
			hidden: []string{a + ":0", b + ":0", c + ":1", x + ":2"},
		},
		{
			name:   "only what the view lacks: the edges among a, b, c are not sent again",
			q:      graph.ExpandQuery{IDs: []string{c}, Exclude: []string{a, b, c}, Limit: 50},
			nodes:  []string{at(d, 1)},
			edges:  []string{key(graph.Cites, c, d)},
			hidden: []string{c + ":0", d + ":1"},
		},
		{
			name: "edge types choose the neighbours; every relationship to the view comes with them",
			q:    graph.ExpandQuery{IDs: []string{a}, Types: []graph.EdgeType{graph.Authored}, Limit: 50},
			// b and c are a's neighbours over CITES only: left out.
			nodes:  []string{at(a, 0), at(x, 1)},
			edges:  []string{key(graph.Authored, x, a)},
			hidden: []string{a + ":2", x + ":2"},
		},
		{
			name:   "kinds choose the neighbours",
			q:      graph.ExpandQuery{IDs: []string{x}, Exclude: []string{x}, Kinds: []graph.Kind{graph.Person}, Limit: 50},
			nodes:  []string{at(p, 1)},
			edges:  []string{key(graph.MemberOf, p, x)},
			hidden: []string{x + ":2", p + ":0"},
		},
		{
			name:      "the limit takes neighbours in id order and says so",
			q:         graph.ExpandQuery{IDs: []string{a}, Exclude: []string{a}, Limit: 1},
			nodes:     []string{at(b, 1)},
			edges:     []string{key(graph.Cites, a, b), key(graph.RelatedTo, a, b)},
			hidden:    []string{a + ":2", b + ":1"},
			truncated: true,
		},
		{
			name: "limit 0 places a node with its relationships to the view and nothing else",
			q:    graph.ExpandQuery{IDs: []string{d}, Exclude: []string{c, e}},
			// c, which the view held, now shows d but still hides a and b.
			nodes:  []string{at(d, 0)},
			edges:  []string{key(graph.Cites, c, d), key(graph.Cites, d, e)},
			hidden: []string{c + ":2", d + ":0", e + ":0"},
		},
		{
			name:   "the view's nodes reached by a new relationship get new counts",
			q:      graph.ExpandQuery{IDs: []string{c}, Exclude: []string{e}, Limit: 50},
			nodes:  []string{at(c, 0), at(a, 1), at(b, 1), at(d, 1)},
			edges:  []string{key(graph.Cites, a, b), key(graph.Cites, b, c), key(graph.Cites, c, a), key(graph.Cites, c, d), key(graph.Cites, d, e), key(graph.RelatedTo, a, b)},
			hidden: []string{a + ":1", b + ":0", c + ":0", d + ":0", e + ":0"},
		},
		{
			name:   "several nodes at once, listed in any order and twice",
			q:      graph.ExpandQuery{IDs: []string{z2, z1, z2}, Limit: 50},
			nodes:  []string{at(z1, 0), at(z2, 0)},
			edges:  []string{key(graph.Cites, z1, z2)},
			hidden: []string{z1 + ":0", z2 + ":0"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := traverse.Expand(t.Context(), st, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			checkSubgraph(t, tc.name, got.Subgraph, tc.nodes, tc.edges, tc.truncated)
			if g := hiddenStrs(got.Hidden); !slices.Equal(g, tc.hidden) {
				t.Errorf("hidden\n got %q\nwant %q", g, tc.hidden)
			}
		})
	}
}

// Expanding step by step, sending back what it has, a view ends with the
// same nodes and edges as the neighbourhood, each received once, and hides
// nothing it could still reach.
func TestExpandBuildsTheNeighbourhood(t *testing.T) {
	st := fixture(t)
	ctx := t.Context()
	view := map[string]bool{}
	edges := map[string]bool{}
	frontier := []string{a}
	for step := 0; step < 2; step++ {
		x, err := traverse.Expand(ctx, st, graph.ExpandQuery{IDs: frontier, Exclude: sortedSet(view), Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		frontier = nil
		for _, n := range x.Nodes {
			if view[n.Node.ID] {
				t.Errorf("step %d: %s sent again", step, n.Node.ID)
			}
			view[n.Node.ID] = true
			if n.Distance == 1 {
				frontier = append(frontier, n.Node.ID)
			}
		}
		for _, e := range x.Edges {
			if edges[e.ID()] {
				t.Errorf("step %d: %s sent again", step, e.ID())
			}
			edges[e.ID()] = true
		}
	}
	nb, err := traverse.Neighbourhood(ctx, st, graph.NeighbourhoodQuery{ID: a, Depth: 2, Limit: 1000}, graph.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var wantNodes, wantEdges []string
	for _, n := range nb.Nodes {
		wantNodes = append(wantNodes, n.Node.ID)
	}
	for _, e := range nb.Edges {
		wantEdges = append(wantEdges, e.ID())
	}
	slices.Sort(wantNodes)
	slices.Sort(wantEdges)
	if g := sortedSet(view); !slices.Equal(g, wantNodes) {
		t.Errorf("nodes\n got %q\nwant %q", g, wantNodes)
	}
	if g := sortedSet(edges); !slices.Equal(g, wantEdges) {
		t.Errorf("edges\n got %q\nwant %q", g, wantEdges)
	}
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestExpandValidation(t *testing.T) {
	st := fixture(t)
	many := make([]string, graph.MaxExpandExclude+1)
	for i := range many {
		many[i] = fmt.Sprintf("document/n%d", i)
	}
	for _, tc := range []struct {
		name          string
		q             graph.ExpandQuery
		field, reason string
	}{
		{"no ids", graph.ExpandQuery{}, "ids", "required"},
		{"unknown id", graph.ExpandQuery{IDs: []string{a, "agency/nope"}}, "ids", `no node "agency/nope"`},
		{"not an id", graph.ExpandQuery{IDs: []string{"nope"}}, "ids", "not a node id"},
		{"bad exclude", graph.ExpandQuery{IDs: []string{a}, Exclude: []string{""}}, "exclude", "required"},
		{"too many excluded", graph.ExpandQuery{IDs: []string{a}, Exclude: many}, "exclude", "at most"},
		{"negative limit", graph.ExpandQuery{IDs: []string{a}, Limit: -1}, "limit", "0 to"},
		{"limit too high", graph.ExpandQuery{IDs: []string{a}, Limit: graph.MaxSubgraphLimit + 1}, "limit", "0 to"},
		{"unknown edge type", graph.ExpandQuery{IDs: []string{a}, Types: []graph.EdgeType{"LIKES"}}, "edgeTypes", "LIKES"},
		{"unknown kind", graph.ExpandQuery{IDs: []string{a}, Kinds: []graph.Kind{"Planet"}}, "kinds", "Planet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := traverse.Expand(t.Context(), st, tc.q)
			var ve *graph.ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, graph.ErrInvalid) {
				t.Fatalf("err = %v, want a *graph.ValidationError", err)
			}
			if ve.Field != tc.field || !strings.Contains(ve.Reason, tc.reason) {
				t.Errorf("err = %+v, want field %q, reason containing %q", ve, tc.field, tc.reason)
			}
		})
	}
}
