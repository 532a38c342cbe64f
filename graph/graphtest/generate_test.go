package graphtest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/ref"
)

func TestGenerateIsValid(t *testing.T) {
	for _, tc := range []struct{ nodes, edges int }{
		{16, 0},
		{16, 40},
		{200, 800},
		{12000, 60000}, // more than one batch of each
	} {
		bs, err := Generate(tc.nodes, tc.edges, 1)
		if err != nil {
			t.Fatalf("Generate(%d, %d): %v", tc.nodes, tc.edges, err)
		}
		kinds := map[string]graph.Kind{}
		keys := map[graph.EdgeKey]bool{}
		refs := map[string]string{}
		edgesSeen := false
		for i, b := range bs {
			if n := len(b.Nodes) + len(b.Edges); n == 0 || n > graph.MaxBatchWrite {
				t.Fatalf("batch %d holds %d items, want 1 to %d", i, n, graph.MaxBatchWrite)
			}
			if b.Merge {
				t.Errorf("batch %d merges; generated batches replace", i)
			}
			if len(b.Nodes) > 0 && edgesSeen {
				t.Fatalf("batch %d has nodes after a batch of edges", i)
			}
			edgesSeen = edgesSeen || len(b.Edges) > 0
			for _, n := range b.Nodes {
				if err := n.Validate(); err != nil {
					t.Fatalf("node %s: %v", FormatNode(n), err)
				}
				if _, dup := kinds[n.ID]; dup {
					t.Fatalf("node id %s twice", n.ID)
				}
				kinds[n.ID] = n.Kind
				if r := n.Props.String("reference"); r != "" {
					// The id conventions: a referenced node's id is its reference's.
					p, err := ref.Parse(r)
					if err != nil || p.ID() != n.ID || p.String() != r {
						t.Fatalf("node %s: reference %q parses to %+v (%v)", n.ID, r, p, err)
					}
					if other, dup := refs[r]; dup {
						t.Fatalf("reference %q on %s and %s", r, other, n.ID)
					}
					refs[r] = n.ID
				}
			}
			for _, e := range b.Edges {
				if err := e.Validate(); err != nil {
					t.Fatalf("edge %s: %v", FormatEdge(e), err)
				}
				fk, okF := kinds[e.From]
				tk, okT := kinds[e.To]
				if !okF || !okT {
					t.Fatalf("edge %s: an end is not among the nodes before it", e.Key())
				}
				if err := graph.ValidateEndpoints(e.Type, fk, tk); err != nil {
					t.Fatalf("edge %s: %v", e.Key(), err)
				}
				if keys[e.Key()] {
					t.Fatalf("edge %s twice", e.Key())
				}
				keys[e.Key()] = true
			}
		}
		if len(kinds) != tc.nodes || len(keys) != tc.edges {
			t.Errorf("Generate(%d, %d): %d nodes and %d edges", tc.nodes, tc.edges, len(kinds), len(keys))
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, err := Generate(3000, 15000, 42)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(3000, 15000, 42)
	if !reflect.DeepEqual(a, b) {
		t.Error("two calls with the same seed differ")
	}
	c, _ := Generate(3000, 15000, 43)
	if reflect.DeepEqual(a, c) {
		t.Error("two seeds give the same graph")
	}
}

// TestGenerateShape checks the properties the benchmarks rely on: a mix of
// kinds led by documents and events, a few heavily cited documents, dated
// documents, the search vocabulary and the reference scheme.
func TestGenerateShape(t *testing.T) {
	bs, err := Generate(20000, 100000, 1)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[graph.Kind]int{}
	dated, docs := 0, 0
	names := map[string]int{}
	refs := map[string]bool{}
	cited := map[string]int{}
	cites := 0
	for _, b := range bs {
		for _, n := range b.Nodes {
			kinds[n.Kind]++
			if n.Kind == graph.Document {
				docs++
				if _, ok := n.Props.Date("date"); ok {
					dated++
				}
			}
			for _, w := range []string{"cybercrime", "centre", "border", "security", "internal security", "financial investigation"} {
				if strings.Contains(strings.ToLower(n.Name), w) {
					names[w]++
				}
			}
			refs[n.Props.String("reference")] = true
		}
		for _, e := range b.Edges {
			if e.Type == graph.Cites {
				cites++
				cited[e.To]++
			}
		}
	}
	for _, k := range []graph.Kind{graph.Person, graph.Objective, graph.Institution, graph.Agency, graph.Procedure} {
		if kinds[k] == 0 || kinds[k] >= kinds[graph.Event] || kinds[graph.Event] >= kinds[graph.Document] {
			t.Errorf("kinds %v: want documents > events > %s > 0", kinds, k)
		}
	}
	if dated < docs*8/10 {
		t.Errorf("%d of %d documents dated, want most", dated, docs)
	}
	for _, w := range []string{"cybercrime", "centre", "border", "security"} {
		if names[w] < 10 {
			t.Errorf("%q in %d names, want it common enough to search", w, names[w])
		}
	}
	// The Zipf law makes the first topic far more common than a late one.
	if first, last := names["internal security"], names["financial investigation"]; first < 10*last || last == 0 {
		t.Errorf("the first topic in %d names, the last in %d: want skewed term frequencies", first, last)
	}
	for _, r := range []string{"COM(2000) 1", "COM(2010) 1", "COM(2024) 2", "5000/10"} {
		if !refs[r] {
			t.Errorf("no document with reference %q", r)
		}
	}
	top := 0
	for _, c := range cited {
		top = max(top, c)
	}
	if mean := float64(cites) / float64(docs); float64(top) < 20*mean {
		t.Errorf("most cited document has %d citations, mean %.1f: want preferential attachment", top, mean)
	}
}

func TestGenerateRefuses(t *testing.T) {
	for _, tc := range []struct{ nodes, edges int }{
		{15, 0},
		{100, -1},
		{100, 2001},
		{16, 320}, // seven documents cannot hold the CITES edges
	} {
		if _, err := Generate(tc.nodes, tc.edges, 1); err == nil {
			t.Errorf("Generate(%d, %d) succeeded, want an error", tc.nodes, tc.edges)
		}
	}
}
