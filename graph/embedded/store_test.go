package embedded

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/graphtest"
)

func TestConformanceMemory(t *testing.T) {
	graphtest.Run(t, func(t *testing.T) graph.Store { return Memory() })
}

func TestConformanceFile(t *testing.T) {
	graphtest.Run(t, func(t *testing.T) graph.Store {
		s, err := Open(filepath.Join(t.TempDir(), "data", "graph.db"))
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return s
	})
}

// TestConformanceSharedFile runs the suite with every subtest on one file,
// reopened each time, as the Neo4j run shares one database.
func TestConformanceSharedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	graphtest.Run(t, func(t *testing.T) graph.Store {
		s, err := Open(path)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return s
	}, graphtest.Reopens())
	// Every subtest cleaned up after itself.
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, err := s.ListNodes(t.Context(), graph.ListQuery{})
	if err != nil || p.TotalCount != 0 {
		t.Errorf("after the suite: %d nodes left, %v", p.TotalCount, err)
	}
	if n := len(storedEdges(s)); n != 0 {
		t.Errorf("after the suite: %d edges left", n)
	}
}

func mustOpen(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	return s
}

// snapshot reads every node and edge of s.
func snapshot(t *testing.T, s *Store) ([]graph.Node, map[string][]graph.Edge) {
	t.Helper()
	ctx := t.Context()
	var nodes []graph.Node
	q := graph.ListQuery{First: graph.MaxPageSize}
	for {
		p, err := s.ListNodes(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		nodes = append(nodes, p.Nodes...)
		if !p.HasNextPage {
			break
		}
		q.After = p.EndCursor
	}
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = n.ID
	}
	edges, err := s.Edges(ctx, graph.EdgeQuery{IDs: ids, Direction: graph.Out})
	if err != nil {
		t.Fatal(err)
	}
	return nodes, edges
}

func sameGraph(t *testing.T, what string, n1 []graph.Node, e1 map[string][]graph.Edge, n2 []graph.Node, e2 map[string][]graph.Edge) {
	t.Helper()
	if len(n1) != len(n2) {
		t.Fatalf("%s: %d nodes, want %d", what, len(n2), len(n1))
	}
	for i := range n1 {
		if !graphtest.EqualNode(n1[i], n2[i]) {
			t.Errorf("%s: node %d\n got %s\nwant %s", what, i, graphtest.FormatNode(n2[i]), graphtest.FormatNode(n1[i]))
		}
	}
	if len(e1) != len(e2) {
		t.Fatalf("%s: edges of %d nodes, want %d", what, len(e2), len(e1))
	}
	for id, es := range e1 {
		if len(e2[id]) != len(es) {
			t.Errorf("%s: %d edges from %s, want %d", what, len(e2[id]), id, len(es))
			continue
		}
		for i := range es {
			if !graphtest.EqualEdge(es[i], e2[id][i]) {
				t.Errorf("%s: edge\n got %s\nwant %s", what, graphtest.FormatEdge(e2[id][i]), graphtest.FormatEdge(es[i]))
			}
		}
	}
}

// TestDurable writes a graph with every kind, edge type and property type,
// reopens the file and finds the same graph, down to the Go types of the
// property values; then deletes and finds it gone after reopening.
func TestDurable(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "nested", "dir", "graph.db")
	s := mustOpen(t, path)

	var b graph.Batch
	for _, spec := range graph.Kinds {
		for _, slug := range []string{"a", "b"} {
			b.Nodes = append(b.Nodes, graphtest.FullNode(spec.Prefix+slug, "Full "+string(spec.Kind)))
		}
	}
	for _, spec := range graph.EdgeTypes {
		from := spec.From[0]
		to := spec.To[len(spec.To)-1]
		fs, _ := graph.LookupKind(from)
		ts, _ := graph.LookupKind(to)
		toID := ts.Prefix + "a"
		if from == to {
			toID = ts.Prefix + "b"
		}
		b.Edges = append(b.Edges, graphtest.FullEdge(spec.Type, fs.Prefix+"a", toID))
	}
	if _, err := s.Apply(ctx, b); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	// Single writes too, and a replace that drops properties.
	if err := s.PutNode(ctx, graphtest.MinimalNode("person/cecilia-malmstrom", "Cecilia Malmström")); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateEdge(ctx, graphtest.MinimalEdge(graph.MemberOf, "person/cecilia-malmstrom", "institution/a")); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateNode(ctx, graphtest.MinimalNode("document/b", "Replaced")); err != nil {
		t.Fatal(err)
	}
	nodes, edges := snapshot(t, s)
	if len(nodes) != 2*len(graph.Kinds)+1 {
		t.Fatalf("%d nodes written", len(nodes))
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = mustOpen(t, path)
	n2, e2 := snapshot(t, s)
	sameGraph(t, "after reopening", nodes, edges, n2, e2)
	d, err := s.GetNode(ctx, "event/a")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := d.Props["date"].(graph.Date); !ok {
		t.Errorf("event date reloaded as %T, want graph.Date", d.Props["date"])
	}
	if _, ok := d.Props["aliases"].([]string); !ok {
		t.Errorf("aliases reloaded as %T, want []string", d.Props["aliases"])
	}

	// Deletes are durable too, with their cascade.
	if err := s.DeleteNode(ctx, "document/a"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteEdge(ctx, graph.EdgeKey{Type: graph.MemberOf, From: "person/cecilia-malmstrom", To: "institution/a"}); err != nil {
		t.Fatal(err)
	}
	nodes, edges = snapshot(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, path)
	defer s.Close()
	n2, e2 = snapshot(t, s)
	sameGraph(t, "after deleting and reopening", nodes, edges, n2, e2)
	if _, err := s.GetNode(ctx, "document/a"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("deleted node after reopening: %v", err)
	}
	for _, e := range storedEdges(s) {
		if e.From == "document/a" || e.To == "document/a" {
			t.Errorf("edge %s of a deleted node after reopening", e.Key())
		}
	}
}

// TestMemoryAndFileAgree runs the same writes on both and compares.
func TestMemoryAndFileAgree(t *testing.T) {
	ctx := t.Context()
	mem, file := Memory(), mustOpen(t, filepath.Join(t.TempDir(), "g.db"))
	defer file.Close()
	n := graphtest.FullNode("document/x", "X")
	n.Props["aliases"] = []string{}
	n.Sources = []graph.Source{}
	for _, s := range []*Store{mem, file} {
		if err := s.PutNode(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	path := file.path
	file.Close()
	file = mustOpen(t, path)
	a, _ := mem.GetNode(ctx, n.ID)
	b, _ := file.GetNode(ctx, n.ID)
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Errorf("memory and file differ:\n%s\n%s", ja, jb)
	}
}

func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	s := mustOpen(t, path)
	_, err := Open(path)
	if err == nil {
		t.Fatal("second Open of a file in use succeeded")
	}
	if !errors.Is(err, graph.ErrUnavailable) || !strings.Contains(err.Error(), "locked by another process") {
		t.Errorf("second Open: %v; want a lock error wrapping ErrUnavailable", err)
	}
	// The first store still works, and the file opens once it is closed.
	if err := s.PutNode(t.Context(), graphtest.MinimalNode("agency/europol", "Europol")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, path)
	defer s.Close()
	if _, err := s.GetNode(t.Context(), "agency/europol"); err != nil {
		t.Error(err)
	}
}

// writeRaw makes a bbolt file with the given buckets and records.
func writeRaw(t *testing.T, path string, buckets map[string]map[string]string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		for name, recs := range buckets {
			b, err := tx.CreateBucket([]byte(name))
			if err != nil {
				return err
			}
			for k, v := range recs {
				if err := b.Put([]byte(k), []byte(v)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpenCorrupt(t *testing.T) {
	v1 := map[string]string{"version": "1"}
	v2 := map[string]string{"version": "2"}
	binDoc := "\x01\x08Document\x01A\x00\x00"
	doc := `{"id":"document/a","kind":"Document","name":"A"}`
	docB := `{"id":"document/b","kind":"Document","name":"B"}`
	cases := []struct {
		name    string
		buckets map[string]map[string]string
		want    string // in the error
	}{
		{"unknown version", map[string]map[string]string{"meta": {"version": "3"}, "nodes": {}, "edges": {}}, `version "3"`},
		{"no version", map[string]map[string]string{"meta": {}, "nodes": {}, "edges": {}}, `version ""`},
		{"no nodes bucket", map[string]map[string]string{"meta": v1, "edges": {}}, "bucket"},
		{"foreign file", map[string]map[string]string{"other": {"k": "v"}}, "not an issgraph store"},
		{"node not JSON", map[string]map[string]string{"meta": v1, "nodes": {"document/a": "{oops"}, "edges": {}}, `node record "document/a"`},
		{"node with a bad date", map[string]map[string]string{"meta": v1, "nodes": {"document/a": `{"id":"document/a","kind":"Document","name":"A","props":{"date":"2010-02-30"}}`}, "edges": {}}, `"document/a"`},
		{"node under another key", map[string]map[string]string{"meta": v1, "nodes": {"document/z": doc}, "edges": {}}, `node record "document/z": holds node "document/a"`},
		{"invalid node", map[string]map[string]string{"meta": v1, "nodes": {"document/a": `{"id":"document/a","kind":"Document","name":""}`}, "edges": {}}, `node record "document/a"`},
		{"unknown kind", map[string]map[string]string{"meta": v1, "nodes": {"memo/a": `{"id":"memo/a","kind":"Memo","name":"A"}`}, "edges": {}}, `node record "memo/a"`},
		{"edge not JSON", map[string]map[string]string{"meta": v1, "nodes": {"document/a": doc, "document/b": docB}, "edges": {"CITES:document/a->document/b": "["}}, `edge record "CITES:document/a->document/b"`},
		{"edge to a missing node", map[string]map[string]string{"meta": v1, "nodes": {"document/a": doc}, "edges": {"CITES:document/a->document/b": `{"type":"CITES","from":"document/a","to":"document/b"}`}}, `no node "document/b"`},
		{"edge under another key", map[string]map[string]string{"meta": v1, "nodes": {"document/a": doc, "document/b": docB}, "edges": {"CITES:document/b->document/a": `{"type":"CITES","from":"document/a","to":"document/b"}`}}, "holds edge"},
		// Binary records (format version 2).
		{"binary node cut short", map[string]map[string]string{"meta": v2, "nodes": {"document/a": "\x01\x08Document\x05A"}, "edges": {}}, `node record "document/a": bad image`},
		{"binary node with bytes after it", map[string]map[string]string{"meta": v2, "nodes": {"document/a": binDoc + "x"}, "edges": {}}, `node record "document/a": bytes after the record`},
		{"binary node of an unknown kind", map[string]map[string]string{"meta": v2, "nodes": {"document/a": "\x01\x04Memo\x01A\x00\x00"}, "edges": {}}, `node record "document/a"`},
		{"binary node with a mistyped property", map[string]map[string]string{"meta": v2, "nodes": {"document/a": "\x01\x08Document\x01A\x01\x04date\x01\x01x\x00"}, "edges": {}}, `node record "document/a"`},
		{"binary edge under a bad key", map[string]map[string]string{"meta": v2, "nodes": {"document/a": binDoc}, "edges": {"CITES:document/a": "\x01\x00\x00"}}, `edge record "CITES:document/a"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "graph.db")
			writeRaw(t, path, tc.buckets)
			s, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("Open: %v; want an error naming %s and %s", err, path, tc.want)
			}
			// In a file of the right format, the fault is a record, and the
			// error says how to repair the file.
			b := tc.buckets
			v := b["meta"]["version"]
			badRecord := (v == "1" || v == "2") && b["nodes"] != nil && b["edges"] != nil
			var be *BadRecordsError
			if errors.As(err, &be) != badRecord || badRecord != strings.Contains(err.Error(), "issgraph check --repair") {
				t.Errorf("Open: %v; want a *BadRecordsError with the repair command exactly for a bad record", err)
			}
			// The lock is released: the file can be opened (and fails) again.
			if _, err := Open(path); err == nil || errors.Is(err, graph.ErrUnavailable) {
				t.Errorf("second Open: %v", err)
			}
		})
	}

	t.Run("not a bbolt file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "graph.db")
		if err := os.WriteFile(path, []byte(strings.Repeat("not a database\n", 1000)), 0o600); err != nil {
			t.Fatal(err)
		}
		if s, err := Open(path); err == nil {
			s.Close()
			t.Fatal("Open of a text file succeeded")
		}
	})

	t.Run("a valid file opens", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "graph.db")
		writeRaw(t, path, map[string]map[string]string{"meta": v1, "nodes": {"document/a": doc, "document/b": docB},
			"edges": {"CITES:document/a->document/b": `{"type":"CITES","from":"document/a","to":"document/b","props":{"date":"2012-05-22"}}`}})
		s := mustOpen(t, path)
		defer s.Close()
		e, err := s.GetEdge(t.Context(), graph.EdgeKey{Type: graph.Cites, From: "document/a", To: "document/b"})
		if err != nil {
			t.Fatal(err)
		}
		if d, ok := e.Props.Date("date"); !ok || d != graph.MustDate("2012-05-22") {
			t.Errorf("edge date = %#v", e.Props["date"])
		}
	})
}

// TestFailedCommitLeavesMemory closes the bbolt file under the store, so
// that the next commit fails, and checks that memory did not change.
func TestFailedCommitLeavesMemory(t *testing.T) {
	ctx := t.Context()
	s := mustOpen(t, filepath.Join(t.TempDir(), "graph.db"))
	a := graphtest.MinimalNode("document/a", "A")
	if err := s.PutNode(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Close(); err != nil {
		t.Fatal(err)
	}
	b := graphtest.MinimalNode("document/b", "B")
	_, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{b}, Edges: []graph.Edge{graphtest.MinimalEdge(graph.Cites, "document/b", "document/a")}})
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("Apply on a closed file: %v, want ErrUnavailable", err)
	}
	if err := s.DeleteNode(ctx, a.ID); !errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("DeleteNode on a closed file: %v, want ErrUnavailable", err)
	}
	if _, err := s.GetNode(ctx, b.ID); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("node of the failed Apply: %v", err)
	}
	if _, err := s.GetNode(ctx, a.ID); err != nil {
		t.Errorf("node of the failed DeleteNode: %v", err)
	}
	if len(storedEdges(s)) != 0 || s.edgeCount[graph.Cites] != 0 {
		t.Errorf("edge indexes changed by a failed commit")
	}
	s.db = nil // already closed
	s.Close()
}

func TestContextCancelled(t *testing.T) {
	s := Memory()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.GetNode(ctx, "document/a"); !errors.Is(err, context.Canceled) {
		t.Errorf("GetNode: %v", err)
	}
	if err := s.PutNode(ctx, graphtest.MinimalNode("document/a", "A")); !errors.Is(err, context.Canceled) {
		t.Errorf("PutNode: %v", err)
	}
	if _, err := s.GetNode(t.Context(), "document/a"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("PutNode with a cancelled context wrote: %v", err)
	}
}

// TestListNodesRandom checks ListNodes against a plain sort of every
// matching node, on random data with many ties and random queries.
func TestListNodesRandom(t *testing.T) {
	ctx := t.Context()
	rng := rand.New(rand.NewPCG(1, 2))
	s := Memory()
	var all []graph.Node
	for i := range 300 {
		k := graph.Kinds[rng.IntN(len(graph.Kinds))]
		n := graphtest.MinimalNode(fmt.Sprintf("%sr%03d", k.Prefix, i), string(rune('A'+rng.IntN(5)))+string(rune('a'+rng.IntN(3))))
		if k.Kind == graph.Document && rng.IntN(2) == 0 {
			n.Props = graph.Props{"date": graph.Date{Year: 2010 + rng.IntN(3), Month: time.Month(1 + rng.IntN(2)), Day: 1}}
		}
		all = append(all, n)
	}
	if _, err := s.Apply(ctx, graph.Batch{Nodes: all}); err != nil {
		t.Fatal(err)
	}
	sorts := []graph.SortField{graph.SortID, graph.SortName, graph.SortDate}
	kinds := []graph.Kind{"", graph.Document, graph.Event}
	for range 200 {
		q := graph.ListQuery{
			Kind:  kinds[rng.IntN(len(kinds))],
			Sort:  sorts[rng.IntN(len(sorts))],
			Desc:  rng.IntN(2) == 0,
			First: 1 + rng.IntN(40),
		}
		if rng.IntN(3) == 0 {
			q.Filter.Text = string(rune('a' + rng.IntN(5)))
		}
		var want []string
		var matched []graph.Node
		for _, n := range all {
			if (q.Kind == "" || n.Kind == q.Kind) && q.Filter.Matches(n) {
				matched = append(matched, n)
			}
		}
		sort.Slice(matched, func(i, j int) bool {
			a, b := matched[i], matched[j]
			ka, kb := graph.SortKey(a, q.Sort), graph.SortKey(b, q.Sort)
			if ka != kb {
				return (ka < kb) != q.Desc
			}
			return (a.ID < b.ID) != q.Desc
		})
		for _, n := range matched {
			want = append(want, n.ID)
		}
		var got []string
		for pages := 0; pages <= len(all); pages++ {
			p, err := s.ListNodes(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if p.TotalCount != len(want) {
				t.Fatalf("%+v: total %d, want %d", q, p.TotalCount, len(want))
			}
			for _, n := range p.Nodes {
				got = append(got, n.ID)
			}
			if !p.HasNextPage {
				break
			}
			q.After = p.EndCursor
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%+v:\n got %v\nwant %v", q, got, want)
		}
	}
}

// storedEdges lists every edge the graph holds, from the out lists; it
// checks that each has its entry in the in list of its other end.
func storedEdges(s *Store) []graph.Edge {
	var out []graph.Edge
	for i := range s.nodes {
		for _, a := range s.nodes[i].out {
			if find(s.nodes[a.other].in, uint32(i), a.typ()) < 0 {
				panic("an out entry without its in entry")
			}
			out = append(out, s.edgeOut(uint32(i), a))
		}
	}
	return out
}

// TestAdjacencyOrder: the adjacency lists stay in graph.CompareEdges
// order whatever the writes (one edge, a short tail, a large batch,
// deletes), so Edges, which merges them without sorting, returns every
// edge in order.
func TestAdjacencyOrder(t *testing.T) {
	ctx := t.Context()
	s := Memory()
	defer s.Close()
	hub := graphtest.MinimalNode("document/hub", "Hub")
	nodes := []graph.Node{hub}
	for i := range 60 {
		nodes = append(nodes, graphtest.MinimalNode(fmt.Sprintf("document/n%02d", (i*37)%60), "N"))
	}
	if _, err := s.Apply(ctx, graph.Batch{Nodes: nodes}); err != nil {
		t.Fatal(err)
	}
	edge := func(i int, t graph.EdgeType, out bool) graph.Edge {
		other := nodes[1+i].ID
		if out {
			return graphtest.MinimalEdge(t, hub.ID, other)
		}
		return graphtest.MinimalEdge(t, other, hub.ID)
	}
	var want []graph.Edge
	check := func(step string) {
		t.Helper()
		got, err := s.Edges(ctx, graph.EdgeQuery{IDs: []string{hub.ID}})
		if err != nil {
			t.Fatal(err)
		}
		w := slices.Clone(want)
		slices.SortFunc(w, graph.CompareEdges)
		if len(got[hub.ID]) != len(w) {
			t.Fatalf("%s: %d edges, want %d", step, len(got[hub.ID]), len(w))
		}
		for i := range w {
			if got[hub.ID][i].Key() != w[i].Key() {
				t.Fatalf("%s: edge %d is %s, want %s", step, i, got[hub.ID][i].Key(), w[i].Key())
			}
		}
		if n := len(storedEdges(s)); n != len(w) {
			t.Fatalf("%s: %d edges stored, want %d", step, n, len(w))
		}
	}
	// One at a time, then tails of a few, then a batch of many, of two
	// types and both directions.
	for i := 0; i < 5; i++ {
		e := edge(i, graph.Cites, i%2 == 0)
		if err := s.PutEdge(ctx, e); err != nil {
			t.Fatal(err)
		}
		want = append(want, e)
		check(fmt.Sprintf("put %d", i))
	}
	var batch []graph.Edge
	for i := 5; i < 12; i++ {
		batch = append(batch, edge(i, graph.RelatedTo, i%3 == 0), edge(i, graph.Cites, i%2 == 0))
	}
	if _, err := s.Apply(ctx, graph.Batch{Edges: batch}); err != nil {
		t.Fatal(err)
	}
	want = append(want, batch...)
	check("a tail of 14")
	batch = nil
	for i := 12; i < 60; i++ {
		batch = append(batch, edge(i, graph.Cites, i%2 == 1), edge(i, graph.RelatedTo, true))
	}
	if _, err := s.Apply(ctx, graph.Batch{Edges: batch}); err != nil {
		t.Fatal(err)
	}
	want = append(want, batch...)
	check("a batch of 96")
	for _, i := range []int{0, 7, 30} {
		e := edge(i, graph.Cites, i%2 == 0)
		if i >= 12 {
			e = edge(i, graph.Cites, i%2 == 1)
		}
		if err := s.DeleteEdge(ctx, e.Key()); err != nil {
			t.Fatal(err)
		}
		want = slices.DeleteFunc(want, func(x graph.Edge) bool { return x.Key() == e.Key() })
		check(fmt.Sprintf("delete %d", i))
	}
	if err := s.DeleteNode(ctx, nodes[5].ID); err != nil {
		t.Fatal(err)
	}
	want = slices.DeleteFunc(want, func(x graph.Edge) bool { return x.From == nodes[5].ID || x.To == nodes[5].ID })
	check("delete a node")
}

// TestImage: Close writes the image and Open reads it, to the same graph
// as the records give (every property type, edges with and without
// properties, both directions in order); a write after the image (here
// one made to the file behind the store's back, as another build or a
// crash would leave it) makes Open read the records instead.
func TestImage(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "image.db")
	s := mustOpen(t, path)
	batches, err := graphtest.Generate(300, 1500, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if _, err := s.Apply(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	a, b := graphtest.FullNode("document/image-a", "Image alpha"), graphtest.FullNode("document/image-b", "Image beta")
	a.Props["date"] = graph.Date{Year: 2012, Month: 12}
	if _, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{a, b}, Edges: []graph.Edge{graphtest.FullEdge(graph.Cites, a.ID, b.ID)}}); err != nil {
		t.Fatal(err)
	}
	both := func(s *Store) map[string][]graph.Edge {
		t.Helper()
		var ids []string
		s.eachNode(func(n graph.Node) bool { ids = append(ids, n.ID); return true })
		es, err := s.Edges(ctx, graph.EdgeQuery{IDs: ids})
		if err != nil {
			t.Fatal(err)
		}
		return es
	}
	n1, e1 := snapshot(t, s)
	b1 := both(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = mustOpen(t, path)
	if !s.imageCurrent {
		t.Fatal("Open after Close did not read the image")
	}
	n2, e2 := snapshot(t, s)
	sameGraph(t, "from the image", n1, e1, n2, e2)
	sameGraph(t, "from the image, both ways", nil, b1, nil, both(s))
	if c, err := s.Count(ctx); err != nil || c.EdgeTotal() != 1501 || c.NodeTotal() != 302 {
		t.Errorf("Count from the image: %v, %v", c, err)
	}
	if p, err := s.Search(ctx, graph.SearchQuery{Text: a.Name}); err != nil || len(p.Hits) == 0 {
		t.Errorf("Search from the image: %d hits, %v", len(p.Hits), err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// A record written behind the image's back.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	changed := a.Clone()
	changed.Name = "Changed behind the image"
	err = db.Update(func(tx *bolt.Tx) error {
		data, err := json.Marshal(changed)
		if err != nil {
			return err
		}
		return tx.Bucket(nodesBucket).Put([]byte(a.ID), data)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, path)
	defer s.Close()
	if s.imageCurrent {
		t.Fatal("Open read an image older than the last write")
	}
	if got, err := s.GetNode(ctx, a.ID); err != nil || got.Name != changed.Name {
		t.Errorf("GetNode after a write behind the image: %q, %v; want %q", got.Name, err, changed.Name)
	}
	n3, e3 := snapshot(t, s)
	for i := range n1 {
		if n1[i].ID == a.ID {
			n1[i] = changed
		}
	}
	sameGraph(t, "from the records", n1, e1, n3, e3)
}

// TestImageRefused: an image of another version, or one that does not
// decode, is not read; the records are.
func TestImageRefused(t *testing.T) {
	s := Memory()
	defer s.Close()
	for name, img := range map[string][]byte{
		"other version": append([]byte(imageMagic), 99),
		"truncated":     append([]byte(imageMagic), imageVersion, 5, 3, 'a'),
		"not an image":  []byte("{}"),
	} {
		ok, err := s.loadImage(img)
		if ok {
			t.Errorf("%s: loaded", name)
		}
		if name == "truncated" && !errors.Is(err, errImage) {
			t.Errorf("%s: %v, want errImage", name, err)
		}
	}
}
