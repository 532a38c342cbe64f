package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/issgraph/issgraph/graph"
)

// These tests script the fake's answers to drive each method down its
// paths; the conformance suite (graphtest) checks the same behaviour
// against a real Neo4j.

func respondWith(m map[string]func(params map[string]any) result) func(*stmt, map[string]any) (result, error) {
	return func(st *stmt, params map[string]any) (result, error) {
		if f, ok := m[st.name]; ok {
			return f(params), nil
		}
		return plausible(st, params), nil
	}
}

func kindsAre(kinds map[string]graph.Kind) func(map[string]any) result {
	return func(params map[string]any) result {
		var r result
		for _, id := range params["ids"].([]string) {
			if k, ok := kinds[id]; ok {
				r.records = append(r.records, rec("id", id, "kind", string(k)))
			}
		}
		return r
	}
}

// lockedNode answers lock_node with n, as stored.
func lockedNode(n graph.Node) func(map[string]any) result {
	return func(map[string]any) result { return result{records: []*neoRecord{rec("n", stored(n))}} }
}

func TestNodeWritePaths(t *testing.T) {
	ctx := context.Background()
	doc := graph.Node{ID: "document/a", Kind: graph.Document, Name: "A"}
	name := "B"
	renamed := graph.Patch{Kind: graph.Document, Name: &name}
	asAgency := doc
	asAgency.Kind = graph.Agency // invalid: the id names a Document
	cases := []struct {
		name    string
		respond map[string]func(map[string]any) result
		call    func(s *Store) error
		want    error
		ran     string
	}{
		{"create new", nil, func(s *Store) error { return s.CreateNode(ctx, doc) }, nil, "create_node:Document"},
		{"create existing", map[string]func(map[string]any) result{"create_node": func(map[string]any) result { return result{} }},
			func(s *Store) error { return s.CreateNode(ctx, doc) }, graph.ErrConflict, "create_node:Document"},
		{"put", nil, func(s *Store) error { return s.PutNode(ctx, doc) }, nil, "put_node:Document"},
		{"put over another kind", map[string]func(map[string]any) result{
			"put_node":   func(map[string]any) result { return result{} },
			"node_kinds": kindsAre(map[string]graph.Kind{"document/a": graph.Agency}),
		}, func(s *Store) error { return s.PutNode(ctx, doc) }, graph.ErrConflict, "put_node:Document node_kinds"},
		{"update missing", map[string]func(map[string]any) result{
			"update_node": func(map[string]any) result { return result{} },
			"node_kinds":  kindsAre(nil),
		}, func(s *Store) error { return s.UpdateNode(ctx, doc) }, graph.ErrNotFound, "update_node node_kinds"},
		{"update another kind", map[string]func(map[string]any) result{
			"update_node": func(map[string]any) result { return result{} },
			"node_kinds":  kindsAre(map[string]graph.Kind{"document/a": graph.Event}),
		}, func(s *Store) error { return s.UpdateNode(ctx, doc) }, graph.ErrConflict, "update_node node_kinds"},
		{"kind change of a stored node is a conflict", map[string]func(map[string]any) result{
			"node_kinds": kindsAre(map[string]graph.Kind{"document/a": graph.Document}),
		}, func(s *Store) error { return s.PutNode(ctx, asAgency) }, graph.ErrConflict, "node_kinds"},
		{"wrong kind of a new node is invalid", map[string]func(map[string]any) result{"node_kinds": kindsAre(nil)},
			func(s *Store) error { return s.CreateNode(ctx, asAgency) }, graph.ErrInvalid, "node_kinds"},
		{"invalid update of the same kind is not looked up", nil,
			func(s *Store) error { n := doc; n.Name = ""; return s.UpdateNode(ctx, n) }, graph.ErrInvalid, ""},
		{"invalid node of no kind's prefix is not looked up", nil,
			func(s *Store) error { n := doc; n.ID = "memo/a"; n.Kind = "Memo"; return s.PutNode(ctx, n) }, graph.ErrInvalid, ""},
		{"invalid id is not looked up", nil,
			func(s *Store) error { n := doc; n.ID = ""; return s.PutNode(ctx, n) }, graph.ErrInvalid, ""},
		{"delete missing", map[string]func(map[string]any) result{"delete_node": func(map[string]any) result { return result{records: []*neoRecord{rec("deleted", int64(0))}} }},
			func(s *Store) error { return s.DeleteNode(ctx, "document/a") }, graph.ErrNotFound, "delete_node"},
		{"get missing", nil, func(s *Store) error { _, err := s.GetNode(ctx, "document/a"); return err }, graph.ErrNotFound, "get_node"},
		{"patch", map[string]func(map[string]any) result{"lock_node": lockedNode(doc)},
			func(s *Store) error { _, err := s.PatchNode(ctx, doc.ID, renamed); return err }, nil, "lock_node update_node"},
		{"patch missing", nil,
			func(s *Store) error { _, err := s.PatchNode(ctx, doc.ID, renamed); return err }, graph.ErrNotFound, "lock_node"},
		{"patch another kind", map[string]func(map[string]any) result{"lock_node": lockedNode(doc)},
			func(s *Store) error {
				p := renamed
				p.Kind = graph.Event
				_, err := s.PatchNode(ctx, doc.ID, p)
				return err
			},
			graph.ErrInvalid, "lock_node"},
		{"invalid patch is not looked up", nil,
			func(s *Store) error {
				p := renamed
				p.Unset = []string{"nope"}
				_, err := s.PatchNode(ctx, doc.ID, p)
				return err
			},
			graph.ErrInvalid, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, be := newFake(t)
			if tc.respond != nil {
				be.respond = respondWith(tc.respond)
			}
			err := tc.call(s)
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "neo4jstore: ") {
				t.Errorf("error %q does not name the package and operation", err)
			}
			if got := names(be.recorded()); got != tc.ran {
				t.Errorf("ran %q, want %q", got, tc.ran)
			}
		})
	}
}

// TestEdgeWriteEndDeleted covers an end node deleted by another
// transaction between the endpoint check and the write: read committed
// lets that happen, and the MATCH of the write then finds nothing and
// writes nothing. Each write must say ErrNotFound, not succeed silently or
// call it a conflict.
func TestEdgeWriteEndDeleted(t *testing.T) {
	ctx := context.Background()
	e := graph.Edge{Type: graph.Cites, From: "document/a", To: "document/b"}
	gone := func(map[string]any) result { return result{records: []*neoRecord{rec("matched", int64(0))}} }
	exists := func(map[string]any) result { return result{records: []*neoRecord{rec("matched", int64(1))}} }
	cases := []struct {
		name    string
		respond map[string]func(map[string]any) result
		call    func(s *Store) error
		want    error
	}{
		{"create, end deleted", map[string]func(map[string]any) result{"create_edge": gone},
			func(s *Store) error { return s.CreateEdge(ctx, e) }, graph.ErrNotFound},
		{"create, key exists", map[string]func(map[string]any) result{"create_edge": exists},
			func(s *Store) error { return s.CreateEdge(ctx, e) }, graph.ErrConflict},
		{"put, end deleted", map[string]func(map[string]any) result{"put_edge": gone},
			func(s *Store) error { return s.PutEdge(ctx, e) }, graph.ErrNotFound},
		{"put, written", map[string]func(map[string]any) result{"put_edge": exists},
			func(s *Store) error { return s.PutEdge(ctx, e) }, nil},
		{"put, no row", map[string]func(map[string]any) result{"put_edge": func(map[string]any) result { return result{} }},
			func(s *Store) error { return s.PutEdge(ctx, e) }, errRecord},
		// node_kinds matched the end node, but it was deleted before its
		// kind was read: the kind comes back null (found live by the
		// EdgeWhileEndDeleted conformance case).
		{"create, end deleted while checked", map[string]func(map[string]any) result{"node_kinds": func(map[string]any) result {
			return result{records: []*neoRecord{rec("id", "document/a", "kind", "Document"), rec("id", "document/b", "kind", nil)}}
		}}, func(s *Store) error { return s.CreateEdge(ctx, e) }, graph.ErrNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, be := newFake(t)
			be.respond = respondWith(tc.respond)
			err := tc.call(s)
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}

	for _, merge := range []bool{false, true} {
		s, be := newFake(t)
		stmt := "apply_edges"
		if merge {
			stmt = "merge_edges"
		}
		// Two rows, one of whose stored end node is gone by the write.
		be.respond = respondWith(map[string]func(map[string]any) result{stmt: func(map[string]any) result {
			return result{relationshipsCreated: 1, records: []*neoRecord{rec("matched", int64(1))}}
		}})
		b := graph.Batch{Merge: merge, Edges: []graph.Edge{e, {Type: graph.Cites, From: "document/b", To: "document/c"}}}
		r, err := s.Apply(ctx, b)
		if !errors.Is(err, graph.ErrNotFound) || r != (graph.BatchResult{}) {
			t.Errorf("Apply (merge %v) with an end deleted meanwhile: %+v, %v; want ErrNotFound", merge, r, err)
		}
	}
}

func TestGetNodesOrderAndCopies(t *testing.T) {
	a := graph.Node{ID: "document/a", Kind: graph.Document, Name: "A", Props: graph.Props{"aliases": []string{"x"}}}
	b := graph.Node{ID: "agency/b", Kind: graph.Agency, Name: "B"}
	s, be := newFake(t)
	be.respond = respondWith(map[string]func(map[string]any) result{"get_nodes": func(p map[string]any) result {
		if ids := p["ids"].([]string); strings.Join(ids, " ") != "agency/b document/missing document/a" {
			t.Errorf("ids sent %v: want each id once, in first-seen order", ids)
		}
		return result{records: []*neoRecord{rec("n", stored(a)), rec("n", stored(b))}}
	}})
	got, err := s.GetNodes(context.Background(), []string{b.ID, "document/missing", a.ID, b.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 4 || got[0] == nil || got[0].ID != b.ID || got[1] != nil || got[2] == nil || got[2].ID != a.ID || got[3] == nil || got[3] == got[0] {
		t.Fatalf("got %v", got)
	}
	if _, err := s.GetNodes(context.Background(), make([]string, graph.MaxBatchIDs+1)); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("too many ids: %v", err)
	}
}

func TestListNodesPage(t *testing.T) {
	a := graph.Node{ID: "document/a", Kind: graph.Document, Name: "Alpha", Props: graph.Props{"date": graph.MustDate("2010-01-02")}}
	b := graph.Node{ID: "document/b", Kind: graph.Document, Name: "Bravo"}
	s, be := newFake(t)
	var sent, counted map[string]any
	ch := graph.Node{ID: "document/c", Kind: graph.Document, Name: "Charlie"}
	be.respond = respondWith(map[string]func(map[string]any) result{
		// One node more than the page: another page follows.
		"list_page_kind_desc": func(p map[string]any) result {
			sent = p
			return result{records: []*neoRecord{rec("n", stored(a)), rec("n", stored(b)), rec("n", stored(ch))}}
		},
		"list_count_kind": func(p map[string]any) result {
			counted = p
			return result{records: []*neoRecord{rec("total", int64(9))}}
		},
	})
	after := graph.Cursor{Sort: graph.SortDate, Desc: true, Key: "2011-01-01", ID: "document/z"}.Encode()
	q := graph.ListQuery{Kind: graph.Document, Sort: graph.SortDate, Desc: true, First: 2, After: after, Filter: graph.Filter{Text: "a"}}
	p, err := s.ListNodes(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Nodes) != 2 || p.TotalCount != 9 || !p.HasNextPage || !p.HasPrevPage {
		t.Errorf("page %+v", p)
	}
	nq, _ := q.Normalize()
	if p.StartCursor != graph.CursorOf(a, nq).Encode() || p.EndCursor != graph.CursorOf(b, nq).Encode() {
		t.Errorf("cursors %q %q", p.StartCursor, p.EndCursor)
	}
	c, _ := graph.DecodeCursor(p.EndCursor)
	if c.Key != graph.NoDate {
		t.Errorf("end cursor key %q, want NoDate for an undated node", c.Key)
	}
	want := map[string]any{"kind": "Document", "text": "a", "idPrefix": nil, "type": nil, "reference": nil, "sort": "DATE",
		"noDate": graph.NoDate, "afterKey": "2011-01-01", "afterId": "document/z", "first": int64(2), "dateFrom": nil, "dateTo": nil}
	for k, v := range want {
		if sent[k] != v {
			t.Errorf("param %s = %#v, want %#v", k, sent[k], v)
		}
	}
	if len(sent) != len(want) {
		t.Errorf("params %v", sent)
	}
	for _, k := range []string{"kind", "text", "idPrefix", "type", "reference", "dateFrom", "dateTo"} {
		if counted[k] != want[k] {
			t.Errorf("count param %s = %#v, want %#v", k, counted[k], want[k])
		}
	}
	if len(counted) != 7 {
		t.Errorf("count params %v", counted)
	}
	// An empty page has no cursors; a list without a filter counts from
	// the counts store.
	be.respond = nil
	p, err = s.ListNodes(context.Background(), graph.ListQuery{})
	if err != nil || p.StartCursor != "" || p.EndCursor != "" || p.HasPrevPage {
		t.Errorf("empty page %+v, %v", p, err)
	}
	for q, want := range map[string]graph.ListQuery{
		"list_page_asc list_total":                 {},
		"list_page_desc list_count":                {Desc: true, Filter: graph.Filter{Type: "report"}},
		"list_page_kind_asc list_count_kind":       {Kind: graph.Event, Filter: graph.Filter{Text: "x"}},
		"list_page_kind_asc list_total_kind:Event": {Kind: graph.Event},
		"list_page_ref_desc list_count_ref":        {Kind: graph.Document, Desc: true, Filter: graph.Filter{Reference: "COM(2010) 673"}},
		"list_page_ref_asc list_count_ref":         {Filter: graph.Filter{Reference: "COM(2010) 673", Type: "report"}},
	} {
		s, be := newFake(t)
		if _, err := s.ListNodes(context.Background(), want); err != nil {
			t.Fatal(err)
		}
		if got := names(be.recorded()); got != q {
			t.Errorf("ListNodes(%+v) ran %s, want %s", want, got, q)
		}
	}
	if _, err := s.ListNodes(context.Background(), graph.ListQuery{Sort: "SIZE"}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("bad sort: %v", err)
	}
	if n := len(be.recorded()); n != 4 {
		t.Errorf("%d statements ran; an invalid query must run none", n)
	}
}

func TestApplyPlan(t *testing.T) {
	ctx := context.Background()
	w := graph.Node{ID: "document/w", Kind: graph.Document, Name: "W", Sources: []graph.Source{{File: "a"}}}
	noName := graph.Node{ID: "document/w", Kind: graph.Document, Props: graph.Props{"type": "report"}, Sources: []graph.Source{{File: "b"}, {File: "b"}}}
	x := graph.Node{ID: "document/x", Kind: graph.Document, Name: "X"}
	storedW := map[string]func(map[string]any) result{
		"node_kinds": kindsAre(map[string]graph.Kind{"document/w": graph.Document, "document/y": graph.Document}),
		"get_nodes":  func(map[string]any) result { return result{records: []*neoRecord{rec("n", stored(w))}} },
		"apply_nodes": func(p map[string]any) result {
			return result{nodesCreated: 1}
		},
		"merge_nodes": func(p map[string]any) result { return result{nodesCreated: 1} },
		"apply_edges": func(p map[string]any) result {
			return result{relationshipsCreated: 1, records: []*neoRecord{rec("matched", int64(len(p["rows"].([]any))))}}
		},
	}

	t.Run("merge overlays stored values", func(t *testing.T) {
		s, be := newFake(t)
		be.respond = respondWith(storedW)
		r, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{noName, x, noName}, Merge: true})
		if err != nil {
			t.Fatal(err)
		}
		// The second overlay of w finds it as the first left it.
		if r != (graph.BatchResult{NodesCreated: 1, NodesUpdated: 1, NodesUnchanged: 1}) {
			t.Errorf("result %+v", r)
		}
		var rows []any
		for _, c := range be.recorded() {
			if c.st.key == "merge_nodes:Document" {
				rows = c.params["rows"].([]any)
			}
		}
		if len(rows) != 2 {
			t.Fatalf("rows %v: want w and x once each", rows)
		}
		row := rows[0].(map[string]any)
		if _, ok := row["props"].(map[string]any)["name"]; ok {
			t.Error("the overlay without a name sends a name")
		}
		if srcs := row["sources"].([]string); len(srcs) != 1 || srcs[0] != `{"file":"b"}` {
			t.Errorf("sources %v: want the overlay's, deduplicated", srcs)
		}
	})

	t.Run("an upsert of what is stored writes nothing", func(t *testing.T) {
		for _, merge := range []bool{false, true} {
			s, be := newFake(t)
			be.respond = respondWith(storedW)
			r, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{w}, Merge: merge})
			if err != nil {
				t.Fatal(err)
			}
			if r != (graph.BatchResult{NodesUnchanged: 1}) {
				t.Errorf("merge %v: result %+v", merge, r)
			}
			if got := names(be.recorded()); got != "node_kinds get_nodes" {
				t.Errorf("merge %v: ran %s, want only the reads", merge, got)
			}
		}
	})

	t.Run("plain upsert of a nameless node is invalid", func(t *testing.T) {
		s, be := newFake(t)
		be.respond = respondWith(storedW)
		if _, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{noName}}); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("err = %v", err)
		}
		if strings.Contains(names(be.recorded()), "apply_") {
			t.Errorf("wrote after a failed check: %s", names(be.recorded()))
		}
	})

	cases := []struct {
		name string
		b    graph.Batch
		want error
	}{
		{"kind change", graph.Batch{Nodes: []graph.Node{{ID: "document/w", Kind: graph.Agency, Name: "W"}}}, graph.ErrConflict},
		{"kind change within the batch", graph.Batch{Nodes: []graph.Node{x, {ID: "document/x", Kind: graph.Agency, Name: "X"}}}, graph.ErrConflict},
		{"edge to a missing node", graph.Batch{Nodes: []graph.Node{x}, Edges: []graph.Edge{{Type: graph.Cites, From: "document/x", To: "document/missing"}}}, graph.ErrNotFound},
		{"invalid edge", graph.Batch{Edges: []graph.Edge{{Type: graph.Cites, From: "document/w", To: "document/w"}}}, graph.ErrInvalid},
		{"too big", graph.Batch{Nodes: make([]graph.Node, graph.MaxBatchWrite+1)}, graph.ErrInvalid},
	}
	for _, tc := range cases {
		for _, merge := range []bool{false, true} {
			s, be := newFake(t)
			be.respond = respondWith(storedW)
			tc.b.Merge = merge
			r, err := s.Apply(ctx, tc.b)
			if !errors.Is(err, tc.want) || r != (graph.BatchResult{}) {
				t.Errorf("%s (merge %v): %+v, %v; want %v", tc.name, merge, r, err, tc.want)
			}
			for _, c := range be.recorded() {
				if strings.HasPrefix(c.st.name, "apply_") || strings.HasPrefix(c.st.name, "merge_") {
					t.Errorf("%s: wrote %s after a failed check", tc.name, c.st.key)
				}
			}
		}
	}

	t.Run("edges between batch and stored nodes", func(t *testing.T) {
		s, be := newFake(t)
		be.respond = respondWith(storedW)
		b := graph.Batch{Nodes: []graph.Node{x}, Edges: []graph.Edge{
			{Type: graph.Cites, From: "document/x", To: "document/w"},
			{Type: graph.Cites, From: "document/w", To: "document/y"},
		}}
		r, err := s.Apply(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		if r != (graph.BatchResult{NodesCreated: 1, EdgesCreated: 1, EdgesUpdated: 1}) {
			t.Errorf("result %+v", r)
		}
		if got := names(be.recorded()); got != "node_kinds get_nodes get_edges apply_nodes:Document apply_edges:CITES" {
			t.Errorf("ran %s", got)
		}
	})
}

func TestClosed(t *testing.T) {
	s, be := newFake(t)
	if err := s.Close(); err != nil || !be.closed {
		t.Fatalf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	ctx := context.Background()
	n := graph.Node{ID: "document/a", Kind: graph.Document, Name: "A"}
	e := graph.Edge{Type: graph.Cites, From: "document/a", To: "document/b"}
	for name, fn := range map[string]func() error{
		"Ping":       func() error { return s.Ping(ctx) },
		"GetNode":    func() error { _, err := s.GetNode(ctx, n.ID); return err },
		"GetNodes":   func() error { _, err := s.GetNodes(ctx, nil); return err },
		"ListNodes":  func() error { _, err := s.ListNodes(ctx, graph.ListQuery{}); return err },
		"CreateNode": func() error { return s.CreateNode(ctx, n) },
		"PutNode":    func() error { return s.PutNode(ctx, graph.Node{}) },
		"UpdateNode": func() error { return s.UpdateNode(ctx, n) },
		"DeleteNode": func() error { return s.DeleteNode(ctx, n.ID) },
		"GetEdge":    func() error { _, err := s.GetEdge(ctx, e.Key()); return err },
		"CreateEdge": func() error { return s.CreateEdge(ctx, e) },
		"PutEdge":    func() error { return s.PutEdge(ctx, e) },
		"DeleteEdge": func() error { return s.DeleteEdge(ctx, e.Key()) },
		"Edges":      func() error { _, err := s.Edges(ctx, graph.EdgeQuery{}); return err },
		"Apply":      func() error { _, err := s.Apply(ctx, graph.Batch{}); return err },
		"Count":      func() error { _, err := s.Count(ctx); return err },
		"Migrate":    func() error { return s.Migrate(ctx) },
		"Degrees":    func() error { _, err := s.Degrees(ctx, nil); return err },
		"Rank":       func() error { _, err := s.Rank(ctx, graph.RankQuery{Measure: graph.MeasureDegree}); return err },
		"Search":     func() error { _, err := s.Search(ctx, graph.SearchQuery{Text: "europol"}); return err },
		"Search(no terms)": func() error {
			_, err := s.Search(ctx, graph.SearchQuery{Text: "!!"})
			return err
		},
	} {
		err := fn()
		if name == "PutNode" {
			// An invalid node is invalid whatever the store's state.
			continue
		}
		if !errors.Is(err, graph.ErrUnavailable) {
			t.Errorf("%s after Close: %v, want ErrUnavailable", name, err)
		}
	}
	if cs := be.recorded(); len(cs) != 0 {
		t.Errorf("statements ran after Close: %s", names(cs))
	}
}

// TestCloseDuringCall covers a call that passed the closed check while
// Close ran: the driver answers it with a usage error, which must read as
// the Store being closed (ErrUnavailable), while the same usage error on an
// open Store stays an internal error.
func TestCloseDuringCall(t *testing.T) {
	closedDriver := &neo4j.UsageError{Message: "Trying to create session on closed driver"}
	for _, closing := range []bool{true, false} {
		s, be := newFake(t)
		be.respond = func(*stmt, map[string]any) (result, error) {
			if closing {
				_ = s.Close()
			}
			return result{}, closedDriver
		}
		_, err := s.GetNode(context.Background(), "document/a")
		if got := errors.Is(err, graph.ErrUnavailable); got != closing {
			t.Errorf("closing %v: %v; ErrUnavailable %v, want %v", closing, err, got, closing)
		}
	}
}

func TestCount(t *testing.T) {
	s, be := newFake(t)
	be.respond = func(st *stmt, _ map[string]any) (result, error) {
		counts := map[string]int64{"count_kind:Document": 3, "count_kind:Event": 5, "count_type:CITES": 2}
		return result{records: []*neoRecord{rec("count", counts[st.key])}}, nil
	}
	c, err := s.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Nodes) != len(graph.Kinds) || c.Nodes[graph.Document] != 3 || c.Nodes[graph.Event] != 5 || c.Nodes[graph.Agency] != 0 {
		t.Errorf("nodes %v", c.Nodes)
	}
	if len(c.Edges) != len(graph.EdgeTypes) || c.Edges[graph.Cites] != 2 || c.Edges[graph.Authored] != 0 {
		t.Errorf("edges %v", c.Edges)
	}
	// One statement per kind and per type, in one read transaction.
	if n := len(be.recorded()); n != len(graph.Kinds)+len(graph.EdgeTypes) {
		t.Errorf("Count ran %d statements, want %d", n, len(graph.Kinds)+len(graph.EdgeTypes))
	}
	// A statement that answers no row is a record error, not a zero.
	be.respond = func(*stmt, map[string]any) (result, error) { return result{}, nil }
	if _, err := s.Count(context.Background()); !errors.Is(err, errRecord) {
		t.Errorf("Count with no rows: %v, want errRecord", err)
	}
}

func TestClassify(t *testing.T) {
	live := context.Background()
	cancelled, cancel := context.WithCancel(live)
	cancel()
	neo := func(code string) error { return &neo4j.Neo4jError{Code: code, Msg: "m"} }
	cases := []struct {
		name string
		ctx  context.Context
		err  error
		want error // nil: matches no sentinel
	}{
		{"not found passes", live, graph.ErrNotFound, graph.ErrNotFound},
		{"validation passes", live, &graph.ValidationError{Field: "x"}, graph.ErrInvalid},
		{"closed", live, ErrClosed, graph.ErrUnavailable},
		{"constraint", live, neo("Neo.ClientError.Schema.ConstraintValidationFailed"), graph.ErrConflict},
		{"entity deleted meanwhile", live, neo("Neo.ClientError.Statement.EntityNotFound"), graph.ErrNotFound},
		{"transient", live, neo("Neo.TransientError.Transaction.DeadlockDetected"), graph.ErrUnavailable},
		{"database unavailable", live, neo("Neo.TransientError.General.DatabaseUnavailable"), graph.ErrUnavailable},
		{"not a leader", live, neo("Neo.ClientError.Cluster.NotALeader"), graph.ErrUnavailable},
		{"tx timeout", live, neo("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"), context.DeadlineExceeded},
		{"terminated waiting on a lock", live, neo("Neo.ClientError.Transaction.LockClientStopped"), graph.ErrUnavailable},
		{"terminated", live, neo("Neo.ClientError.Transaction.Terminated"), graph.ErrUnavailable},
		{"lock wait timed out", live, neo("Neo.TransientError.Transaction.LockAcquisitionTimeout"), graph.ErrUnavailable},
		{"syntax error is internal", live, neo("Neo.ClientError.Statement.SyntaxError"), nil},
		{"auth is internal", live, neo("Neo.ClientError.Security.Unauthorized"), nil},
		{"connectivity", live, &neo4j.ConnectivityError{Inner: io.EOF}, graph.ErrUnavailable},
		{"retries exhausted", live, &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{io.EOF}}, graph.ErrUnavailable},
		{"wrapped connectivity", live, errors.Join(errors.New("x"), &neo4j.ConnectivityError{Inner: &net.OpError{Op: "dial", Err: errors.New("refused")}}), graph.ErrUnavailable},
		{"deadline passes", live, context.DeadlineExceeded, context.DeadlineExceeded},
		{"ended context wins over connectivity", cancelled, &neo4j.ConnectivityError{Inner: io.EOF}, context.Canceled},
		{"passed deadline not yet marked", lagging{live}, errors.New("none of the server offered Bolt versions are supported"), context.DeadlineExceeded},
		{"usage error is internal", live, &neo4j.UsageError{Message: "x"}, nil},
		{"garbage handshake", live, &connectError{io.ErrUnexpectedEOF}, graph.ErrUnavailable},
		{"HTTP on the Bolt port", live, &connectError{&neo4j.UsageError{Message: "server responded HTTP"}}, graph.ErrUnavailable},
		{"bad credentials while connecting are internal", live, &connectError{neo("Neo.ClientError.Security.Unauthorized")}, nil},
		{"transient while connecting", live, &connectError{neo("Neo.TransientError.General.DatabaseUnavailable")}, graph.ErrUnavailable},
		{"ended context wins over connecting", cancelled, &connectError{io.ErrUnexpectedEOF}, context.Canceled},
		{"record error is internal", live, recordErr("x"), nil},
	}
	sentinels := []error{graph.ErrNotFound, graph.ErrConflict, graph.ErrInvalid, graph.ErrUnavailable, context.Canceled, context.DeadlineExceeded}
	for _, tc := range cases {
		got := classify(tc.ctx, tc.err)
		if tc.want != nil && !errors.Is(got, tc.want) {
			t.Errorf("%s: %v does not match %v", tc.name, got, tc.want)
		}
		if tc.want == nil {
			for _, s := range sentinels {
				if errors.Is(got, s) {
					t.Errorf("%s: %v matches %v, want an internal error", tc.name, got, s)
				}
			}
		}
	}
}

// lagging is a context whose deadline has passed but whose timer has not
// yet fired: Err is still nil.
type lagging struct{ context.Context }

func (lagging) Deadline() (time.Time, bool) { return time.Now().Add(-time.Millisecond), true }

func TestTxTimeout(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	dl := func(d time.Duration) context.Context {
		ctx, cancel := context.WithDeadline(context.Background(), now.Add(d))
		t.Cleanup(cancel)
		return ctx
	}
	cases := []struct {
		name string
		ctx  context.Context
		max  time.Duration
		want time.Duration
		ok   bool
	}{
		{"no deadline, no cap", context.Background(), 0, 0, false},
		{"no deadline, cap", context.Background(), 30 * time.Second, 30 * time.Second, true},
		{"deadline under the cap", dl(2 * time.Second), 30 * time.Second, 2 * time.Second, true},
		{"deadline over the cap", dl(time.Minute), 30 * time.Second, 30 * time.Second, true},
		{"deadline, no cap", dl(5 * time.Second), 0, 5 * time.Second, true},
		{"deadline passed", dl(-time.Second), 30 * time.Second, time.Millisecond, true},
		{"under a millisecond", dl(200 * time.Microsecond), 0, time.Millisecond, true},
	}
	for _, tc := range cases {
		got, ok := txTimeout(tc.ctx, tc.max, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestPing(t *testing.T) {
	s, be := newFake(t)
	if err := s.Ping(context.Background()); err != nil {
		t.Errorf("Ping: %v", err)
	}
	be.verifyErr = &neo4j.ConnectivityError{Inner: io.EOF}
	if err := s.Ping(context.Background()); !errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("Ping of a down server: %v", err)
	}
}

// TestDriverLoggerLevels checks that the driver's log of a transaction's
// error warns only about the database: the driver logs whatever error a
// work function returned, which includes the Store's own answers.
func TestDriverLoggerLevels(t *testing.T) {
	cases := []struct {
		err  error
		want slog.Level
	}{
		{fmt.Errorf("get node: %w", graph.ErrNotFound), slog.LevelDebug},
		{fmt.Errorf("create node: %w", graph.ErrConflict), slog.LevelDebug},
		{&graph.ValidationError{Field: "x"}, slog.LevelDebug},
		{context.Canceled, slog.LevelDebug},
		{&neo4j.ConnectivityError{Inner: io.EOF}, slog.LevelWarn},
		{&neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError"}, slog.LevelWarn},
		{recordErr("x"), slog.LevelWarn},
	}
	for _, tc := range cases {
		var buf strings.Builder
		l := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
		driverLogger{l}.Error("session", "1", tc.err)
		if want := "level=" + tc.want.String(); !strings.Contains(buf.String(), want) {
			t.Errorf("%v logged as %q, want %s", tc.err, buf.String(), want)
		}
	}
}

// formatted records whether a log message was formatted.
type formatted struct{ done *bool }

func (f formatted) String() string { *f.done = true; return "arg" }

// TestDriverLoggerFormatsOnlyWhatItLogs checks that the driver's debug
// messages, several per statement, are formatted only when debug is on.
func TestDriverLoggerFormatsOnlyWhatItLogs(t *testing.T) {
	for _, lvl := range []slog.Level{slog.LevelInfo, slog.LevelDebug} {
		var buf strings.Builder
		l := driverLogger{slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: lvl}))}
		var did [3]bool
		l.Debugf("bolt", "1", "sent %v", formatted{&did[0]})
		l.Infof("pool", "1", "opened %v", formatted{&did[1]})
		l.Warnf("router", "1", "lost %v", formatted{&did[2]})
		debug := lvl == slog.LevelDebug
		if did[0] != debug || did[1] != debug || !did[2] {
			t.Errorf("at %v: formatted debug, info, warn: %v", lvl, did)
		}
		if got := strings.Count(buf.String(), "neo4j driver: "); got != map[bool]int{false: 1, true: 3}[debug] {
			t.Errorf("at %v: %d lines:\n%s", lvl, got, buf.String())
		}
	}
}
