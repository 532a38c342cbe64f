package resolvers_test

import (
	"fmt"
	"io"
	"log/slog"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/teststore"
	"github.com/issgraph/issgraph/resolvers"
)

// chain is a graph of n documents: each cites the next, is written by an
// institution and a person, and addresses an objective.
func chain(n int) graph.Batch {
	var b graph.Batch
	for i := range 3 {
		b.Nodes = append(b.Nodes, graph.Node{ID: fmt.Sprintf("institution/i%d", i), Kind: graph.Institution, Name: fmt.Sprintf("I%d", i)})
	}
	for i := range 2 {
		b.Nodes = append(b.Nodes, graph.Node{ID: fmt.Sprintf("objective/o%d", i), Kind: graph.Objective, Name: fmt.Sprintf("O%d", i),
			Props: graph.Props{"type": "strategic-objective"}})
	}
	for i := range n {
		doc := fmt.Sprintf("document/d%03d", i)
		person := fmt.Sprintf("person/p%03d", i)
		b.Nodes = append(b.Nodes,
			graph.Node{ID: doc, Kind: graph.Document, Name: doc},
			graph.Node{ID: person, Kind: graph.Person, Name: person})
		b.Edges = append(b.Edges,
			graph.Edge{Type: graph.Cites, From: doc, To: fmt.Sprintf("document/d%03d", (i+1)%n)},
			graph.Edge{Type: graph.Authored, From: fmt.Sprintf("institution/i%d", i%3), To: doc},
			graph.Edge{Type: graph.Authored, From: person, To: doc},
			graph.Edge{Type: graph.Addresses, From: doc, To: fmt.Sprintf("objective/o%d", i%2)})
	}
	return b
}

// storeCalls runs query over a chain of n documents and returns the store
// calls it cost.
func storeCalls(t *testing.T, n int, query string) map[string]int {
	t.Helper()
	cs := newCounting(teststore.Fresh(t, apply(chain(n))))
	c := client.New(resolvers.NewHandler(cs, resolvers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))

	var resp struct {
		Documents struct {
			Nodes []struct {
				ID    string
				Cites []struct {
					ID      string
					Authors []struct{ ID string }
				}
				Authors   []struct{ ID string }
				Addresses []struct{ ID string }
			}
		}
	}
	c.MustPost(query, &resp)
	// The answer is right, not only cheap.
	if len(resp.Documents.Nodes) != n {
		t.Fatalf("n=%d: %d documents", n, len(resp.Documents.Nodes))
	}
	for i, d := range resp.Documents.Nodes {
		next := fmt.Sprintf("document/d%03d", (i+1)%n)
		if len(d.Cites) != 1 || d.Cites[0].ID != next || len(d.Cites[0].Authors) != 2 ||
			len(d.Authors) != 2 || len(d.Addresses) != 1 {
			t.Fatalf("n=%d: document %d = %+v", n, i, d)
		}
	}
	return cs.snapshot()
}

// A nested query over N documents costs the same store calls for any N:
// one list call, then one Edges and one GetNodes call per relationship field
// of the query's shape. The batching is by response level, not by a time
// window, so the count is exact.
func TestNestedQueryCostIsBoundedWhateverN(t *testing.T) {
	const query = `{ documents(first: 100) { nodes {
		id
		cites { id authors { id } }
		authors { id }
		addresses { id }
	} } }`
	small := storeCalls(t, 3, query)
	for range 3 { // the count does not vary from run to run
		large := storeCalls(t, 30, query)
		if fmt.Sprint(small) != fmt.Sprint(large) {
			t.Fatalf("store calls for 3 documents %v, for 30 %v; want equal", small, large)
		}
	}
	total := 0
	for _, v := range small {
		total += v
	}
	// Find, and Edges + GetNodes for cites, cites.authors, authors and
	// addresses; the authors of cited documents share the root's batch
	// when those documents are on the page.
	t.Logf("store calls: %v", small)
	if total > 9 {
		t.Errorf("store calls %v (%d), want at most 9", small, total)
	}
	if small["Find"] != 1 || small["GetNode"] != 0 {
		t.Errorf("store calls %v: want one Find and no single GetNode", small)
	}
}

// The generic relationships of a page, as a visualisation asks for them,
// also cost a fixed number of calls.
func TestRelationshipsCostIsBoundedWhateverN(t *testing.T) {
	count := func(n int) map[string]int {
		cs := newCounting(teststore.Fresh(t, apply(chain(n))))
		c := client.New(resolvers.NewHandler(cs, resolvers.Options{}))
		var resp struct {
			AllNodes struct {
				Nodes []struct {
					ID            string
					Relationships []struct {
						Type  string
						Other struct {
							ID, Name      string
							Relationships []struct{ ID string }
						}
					}
				}
			}
		}
		c.MustPost(`{ allNodes(first: 100) { nodes { id relationships { type other { id name relationships { id } } } } } }`, &resp)
		if len(resp.AllNodes.Nodes) != 2*n+5 {
			t.Fatalf("n=%d: %d nodes", n, len(resp.AllNodes.Nodes))
		}
		return cs.snapshot()
	}
	small, large := count(3), count(30)
	if fmt.Sprint(small) != fmt.Sprint(large) {
		t.Errorf("store calls for 3 documents %v, for 30 %v; want equal", small, large)
	}
}
