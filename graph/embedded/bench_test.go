package embedded

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/graphtest"
)

const benchNodes = 3000

// benchStore returns a memory store with benchNodes documents, half of them
// dated, each citing the next two, and their ids.
func benchStore(b *testing.B) (*Store, []string) {
	b.Helper()
	s := Memory()
	var batch graph.Batch
	ids := make([]string, benchNodes)
	for i := range ids {
		n := graphtest.MinimalNode(fmt.Sprintf("document/bench-%05d", i), fmt.Sprintf("Document %d", (i*7919)%benchNodes))
		if i%2 == 0 {
			n.Props = graph.Props{"date": graph.DateOf(time.Date(2000, 1, 1+i, 0, 0, 0, 0, time.UTC))}
		}
		batch.Nodes = append(batch.Nodes, n)
		ids[i] = n.ID
	}
	for i := range ids {
		for _, d := range []int{1, 2} {
			if i+d < len(ids) {
				batch.Edges = append(batch.Edges, graphtest.MinimalEdge(graph.Cites, ids[i], ids[i+d]))
			}
		}
	}
	for len(batch.Nodes)+len(batch.Edges) > 0 {
		part := graph.Batch{}
		room := graph.MaxBatchWrite
		k := min(room, len(batch.Nodes))
		part.Nodes, batch.Nodes = batch.Nodes[:k], batch.Nodes[k:]
		k = min(room-len(part.Nodes), len(batch.Edges))
		part.Edges, batch.Edges = batch.Edges[:k], batch.Edges[k:]
		if _, err := s.Apply(b.Context(), part); err != nil {
			b.Fatal(err)
		}
	}
	return s, ids
}

func BenchmarkGetNodes(b *testing.B) {
	s, ids := benchStore(b)
	want := ids[:100]
	for b.Loop() {
		if _, err := s.GetNodes(b.Context(), want); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListNodes(b *testing.B) {
	s, _ := benchStore(b)
	for _, q := range []graph.ListQuery{
		{Kind: graph.Document, Sort: graph.SortID},
		{Kind: graph.Document, Sort: graph.SortDate, Desc: true},
		{Sort: graph.SortName, Filter: graph.Filter{Text: "document 1"}},
	} {
		b.Run(fmt.Sprintf("%s-desc=%v-text=%q", q.Sort, q.Desc, q.Filter.Text), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.ListNodes(b.Context(), q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkListNodesWalk reads every page of a list.
func BenchmarkListNodesWalk(b *testing.B) {
	s, _ := benchStore(b)
	for b.Loop() {
		q := graph.ListQuery{Sort: graph.SortName, First: graph.MaxPageSize}
		for {
			p, err := s.ListNodes(b.Context(), q)
			if err != nil {
				b.Fatal(err)
			}
			if !p.HasNextPage {
				break
			}
			q.After = p.EndCursor
		}
	}
}

func BenchmarkEdges(b *testing.B) {
	s, ids := benchStore(b)
	q := graph.EdgeQuery{IDs: ids[:100]}
	for b.Loop() {
		if _, err := s.Edges(b.Context(), q); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPutNodeFile measures a durable single write, fsync included.
func BenchmarkPutNodeFile(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	i := 0
	for b.Loop() {
		i++
		if err := s.PutNode(b.Context(), graphtest.MinimalNode(fmt.Sprintf("document/put-%d", i%100), "Put")); err != nil {
			b.Fatal(err)
		}
	}
}
