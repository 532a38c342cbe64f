package neo4jstore

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/graphtest"
	"github.com/issgraph/issgraph/graph/neo4jstore/neo4jtest"
)

// liveStore opens a migrated Store on the server NEO4J_URI names, or skips
// the test as TestConformance does.
func liveStore(t testing.TB) *Store {
	t.Helper()
	uri := neo4jtest.URI(t, t.Name())
	cfg := ConfigFromEnv()
	neo4jtest.Lock(t, uri, cfg.database())
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s, err := Open(t.Context(), cfg, logger)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.Migrate(t.Context()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	return s
}

// driverOf returns the Store's driver, for what a test does around it.
func driverOf(t testing.TB, s *Store) (neo4j.DriverWithContext, string) {
	t.Helper()
	b, ok := s.be.(*driverBackend)
	if !ok {
		t.Fatalf("store backend is %T, not the driver", s.be)
	}
	return b.drv, b.db
}

// putLive stores n and deletes it when the test ends.
func putLive(t *testing.T, s *Store, ns ...graph.Node) {
	t.Helper()
	for _, n := range ns {
		if err := s.PutNode(t.Context(), n); err != nil {
			t.Fatalf("PutNode(%s): %v", n.ID, err)
		}
		t.Cleanup(func() {
			if err := s.DeleteNode(context.Background(), n.ID); err != nil && !errors.Is(err, graph.ErrNotFound) {
				t.Errorf("cleanup: %v", err)
			}
		})
	}
}

// TestLiveLockWaitDeadline: a write that waits on a lock another
// transaction holds, past its deadline, is the caller's deadline (or the
// server unavailable), which the API reports as UNAVAILABLE, never an
// unclassified error reported as INTERNAL.
func TestLiveLockWaitDeadline(t *testing.T) {
	s := liveStore(t)
	n := graphtest.MinimalNode("document/live-lock-"+graphtest.Token(t), "Locked")
	putLive(t, s, n)

	// Another transaction writes the node and holds its lock until it
	// rolls back.
	drv, db := driverOf(t, s)
	sess := drv.NewSession(t.Context(), neo4j.SessionConfig{DatabaseName: db, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(context.Background())
	tx, err := sess.BeginTransaction(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(context.Background())
	st, err := s.cat.get("update_node")
	if err != nil {
		t.Fatal(err)
	}
	res, err := tx.Run(t.Context(), st.text, map[string]any{"id": n.ID, "kind": string(n.Kind), "props": nodeProps(n)})
	if err == nil {
		_, err = res.Consume(t.Context())
	}
	if err != nil {
		t.Fatalf("locking write: %v", err)
	}

	// Either end may stop the wait: the client at the context's deadline,
	// or the server at the transaction timeout (from the deadline, or the
	// MaxTxTime cap alone), which the live server reports as
	// Neo.ClientError.Transaction.LockClientStopped.
	be := s.be.(*driverBackend)
	for _, tc := range []struct {
		name     string
		deadline time.Duration // 0: none
		maxTx    time.Duration
	}{
		{"client deadline", 300 * time.Millisecond, 0},
		{"expired deadline", time.Millisecond, 0},
		{"server timeout", 0, 300 * time.Millisecond},
	} {
		ctx, cancel := t.Context(), context.CancelFunc(func() {})
		if tc.deadline > 0 {
			ctx, cancel = context.WithTimeout(ctx, tc.deadline)
		}
		be.maxTx = tc.maxTx
		n.Name = "Blocked"
		err = s.UpdateNode(ctx, n)
		cancel()
		t.Logf("%s: %v", tc.name, err)
		if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, graph.ErrUnavailable) {
			t.Errorf("%s: UpdateNode on a locked node: %v; want context.DeadlineExceeded or graph.ErrUnavailable", tc.name, err)
		}
	}
}

// liveStatement returns a statement of testdata/live.cypher.
func liveStatement(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/live.cypher")
	if err != nil {
		t.Fatal(err)
	}
	sts, err := parseStatements("testdata/live.cypher", string(b))
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		if st.name == name {
			return st.text
		}
	}
	t.Fatalf("testdata/live.cypher has no statement %q", name)
	return ""
}

// runLive runs one statement in its own auto-commit transaction and
// returns its records.
func runLive(t testing.TB, s *Store, text string, params map[string]any) []*neo4j.Record {
	t.Helper()
	drv, db := driverOf(t, s)
	// Not t.Context(): cleanups run this after it is cancelled.
	res, err := neo4j.ExecuteQuery(context.Background(), drv, text, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return res.Records
}

// bigNodes and bigEdges size the generated graph of the live tests that
// need work the server cannot finish at once: populating a full-text
// index, PageRank.
const bigNodes, bigEdges = 20000, 60000

// TestLiveBigGraph runs the checks that need a big graph on one
// generated graph, written once and removed at the end.
func TestLiveBigGraph(t *testing.T) {
	s := liveStore(t)
	batches, err := graphtest.Generate(bigNodes, bigEdges, 1)
	if err != nil {
		t.Fatal(err)
	}
	var ids []any
	for _, b := range batches {
		for _, n := range b.Nodes {
			ids = append(ids, n.ID)
		}
	}
	del := liveStatement(t, "delete_nodes")
	t.Cleanup(func() {
		for i := 0; i < len(ids); i += 1000 {
			runLive(t, s, del, map[string]any{"ids": ids[i:min(i+1000, len(ids))]})
		}
	})
	t0 := time.Now()
	for _, b := range batches {
		if _, err := s.Apply(t.Context(), b); err != nil {
			t.Fatalf("Apply: %v", err)
		}
	}
	t.Logf("wrote %d nodes and %d edges in %v", bigNodes, bigEdges, time.Since(t0))

	t.Run("Migrate awaits indexes", func(t *testing.T) {
		// A fresh node_search: Migrate creates it and must wait until
		// it is ONLINE, so that a search right after it works.
		runLive(t, s, liveStatement(t, "drop_index_node_search"), nil)
		if err := s.Migrate(t.Context()); err != nil {
			t.Fatalf("Migrate: %v", err)
		}
		for _, rec := range runLive(t, s, liveStatement(t, "index_states"), nil) {
			name, _ := rec.Get("name")
			state, _ := rec.Get("state")
			if state != "ONLINE" {
				t.Errorf("index %v is %v when Migrate returns, want ONLINE", name, state)
			}
		}
		p, err := s.Search(t.Context(), graph.SearchQuery{Text: "security", First: 1})
		if err != nil || len(p.Hits) != 1 {
			t.Errorf("Search right after Migrate: %+v, %v", p, err)
		}
	})

	// A relationship filter nested over a large fan-out (every CITES
	// neighbour's neighbours' neighbours of every node: minutes on this
	// graph without a deadline, 5m27s on the machine of
	// docs/performance.md) runs in the server until the request's
	// deadline, and then fails as the API answers UNAVAILABLE, instead of
	// running on.
	t.Run("relationship filter deadline", func(t *testing.T) {
		both := graph.Hop{Type: graph.Cites, Dir: graph.Both}
		q := graph.Query{Where: graph.Where{Rels: []graph.RelCond{{Hop: both, Quant: graph.All, Where: graph.Where{
			Rels: []graph.RelCond{{Hop: both, Quant: graph.None, Where: graph.Where{
				Rels: []graph.RelCond{{Hop: both, Where: graph.Where{Conds: []graph.Cond{{Field: "name", Op: graph.OpContains, Value: "no such words"}}}}}}}}}}}}}
		ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
		defer cancel()
		t0 := time.Now()
		_, err := s.Find(ctx, q)
		t.Logf("with a deadline of 500ms: %v after %v", err, time.Since(t0))
		if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, graph.ErrUnavailable) {
			t.Errorf("Find past its deadline: %v; want context.DeadlineExceeded or graph.ErrUnavailable", err)
		}
	})

	// PageRank on this graph takes the server over a second; a shorter
	// deadline, or the MaxTxTime cap alone, stops it in the server.
	t.Run("PageRank deadline", func(t *testing.T) {
		be := s.be.(*driverBackend)
		defer func(m time.Duration) { be.maxTx = m }(be.maxTx)
		for _, tc := range []struct {
			name     string
			deadline time.Duration // 0: none
			maxTx    time.Duration
		}{
			{"client deadline", 200 * time.Millisecond, 0},
			{"server timeout", 0, 200 * time.Millisecond},
		} {
			ctx, cancel := t.Context(), context.CancelFunc(func() {})
			if tc.deadline > 0 {
				ctx, cancel = context.WithTimeout(ctx, tc.deadline)
			}
			be.maxTx = tc.maxTx
			_, err := s.Rank(ctx, graph.RankQuery{Measure: graph.MeasurePageRank, Limit: 10})
			cancel()
			t.Logf("%s: %v", tc.name, err)
			if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, graph.ErrUnavailable) {
				t.Errorf("%s: Rank(PAGERANK): %v; want context.DeadlineExceeded or graph.ErrUnavailable", tc.name, err)
			}
		}
	})
}

// planOf returns the operators of the server's plan for a catalog
// statement, each name without its "@neo4j" suffix, depth first. EXPLAIN
// is the one prefix the test adds to the statement's text: plans are only
// given for queries that ask for one.
func planOf(t *testing.T, s *Store, key string, params map[string]any) []string {
	t.Helper()
	st, err := s.cat.get(key)
	if err != nil {
		t.Fatal(err)
	}
	// PROFILE, not EXPLAIN: the driver's Plan.Children (v5.28) returns
	// the last child for every child (a loop variable's address taken
	// under go 1.18 semantics), so the branches of a Union would all
	// read as the last one; ProfiledPlan copies each child. The
	// statement runs in a transaction that is rolled back.
	drv, db := driverOf(t, s)
	sess := drv.NewSession(t.Context(), neo4j.SessionConfig{DatabaseName: db, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(context.Background())
	tx, err := sess.BeginTransaction(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(context.Background())
	res, err := tx.Run(t.Context(), "PROFILE "+st.text, declared(st, params))
	if err != nil {
		t.Fatalf("PROFILE %s: %v", key, err)
	}
	sum, err := res.Consume(t.Context())
	if err != nil {
		t.Fatalf("PROFILE %s: %v", key, err)
	}
	var ops []string
	var walk func(p neo4j.ProfiledPlan)
	walk = func(p neo4j.ProfiledPlan) {
		op, _, _ := strings.Cut(p.Operator(), "@")
		ops = append(ops, op)
		for _, c := range p.Children() {
			walk(c)
		}
	}
	if p := sum.Profile(); p != nil {
		walk(p)
	}
	return ops
}

// TestLiveListPlans: a page is cut by a Top that keeps first+1 rows, a
// kind filter seeks the node_kind index, a reference filter the
// node_ref_keys index, and a list without a filter (of one kind or of
// all) and Store.Count count from the counts store; no page collects
// every match.
func TestLiveListPlans(t *testing.T) {
	s := liveStore(t)
	params := map[string]any{"kind": "Document", "sort": "ID", "noDate": graph.NoDate, "first": int64(10),
		"reference": "COM(2010) 673", "refNeedle": refNeedle("COM(2010) 673"),
		"types": []string{"CITES"}, "dir": "BOTH"}
	for _, tc := range []struct {
		key     string
		want    []string // operators the plan has
		noScans bool     // and no label scan
	}{
		{"list_page_asc", []string{"NodeByLabelScan", "Top"}, false},
		{"list_page_desc", []string{"NodeByLabelScan", "Top"}, false},
		{"list_page_kind_asc", []string{"NodeIndexSeek", "Top"}, true},
		{"list_page_kind_desc", []string{"NodeIndexSeek", "Top"}, true},
		{"list_count_kind", []string{"NodeIndexSeek"}, true},
		{"list_total", []string{"NodeCountFromCountStore"}, true},
		// totalCount of one kind unfiltered, and Store.Count: the
		// counts store, whatever the size of the graph.
		{"list_total_kind:Document", []string{"NodeCountFromCountStore"}, true},
		{"count_kind:Document", []string{"NodeCountFromCountStore"}, true},
		{"count_type:CITES", []string{"RelationshipCountFromCountStore"}, true},
		// A lookup by reference: the TEXT index node_ref_keys (which
		// holds the aliases too), or the reference's range index.
		{"list_page_ref_asc", []string{"NodeIndexContainsScan", "Top"}, true},
		{"list_page_ref_desc", []string{"NodeIndexContainsScan", "Top"}, true},
		{"list_count_ref", []string{"NodeIndexContainsScan"}, true},
		// And with its edges (Store.ListNodesAndEdges): the same seek,
		// then each node's relationships.
		{"list_page_ref_edges_asc", []string{"NodeIndexContainsScan", "Top"}, true},
		{"list_page_ref_edges_desc", []string{"NodeIndexContainsScan", "Top"}, true},
	} {
		ops := planOf(t, s, tc.key, params)
		t.Logf("%s: %v", tc.key, ops)
		for _, w := range tc.want {
			// PartialTop is a Top over input already partly in order
			// (the planner picks it on other statistics): it too sorts
			// only the rows it keeps.
			if !slices.Contains(ops, w) && !(w == "Top" && slices.Contains(ops, "PartialTop")) {
				t.Errorf("%s: plan %v has no %s", tc.key, ops, w)
			}
		}
		if tc.noScans && (slices.Contains(ops, "NodeByLabelScan") || slices.Contains(ops, "AllNodesScan")) {
			t.Errorf("%s: plan %v reads every node of a label", tc.key, ops)
		}
		if n := countOf(ops, "NodeIndexContainsScan"); n > 1 {
			t.Errorf("%s: plan %v scans node_ref_keys %d times, want once", tc.key, ops, n)
		}
		if strings.HasPrefix(tc.key, "list_page") && slices.Contains(ops, "EagerAggregation") {
			t.Errorf("%s: plan %v aggregates every match", tc.key, ops)
		}
	}
}

// countOf is how many of ops are op.
func countOf(ops []string, op string) int {
	n := 0
	for _, o := range ops {
		if o == op {
			n++
		}
	}
	return n
}

// TestLiveMigrateTwice: on a migrated database nothing waits for search
// properties, and Migrate learns it from the counts store and an index
// scan, without reading a node, so a second Migrate writes nothing.
func TestLiveMigrateTwice(t *testing.T) {
	s := liveStore(t) // the first Migrate
	putLive(t, s, graphtest.MinimalNode("document/live-twice-"+graphtest.Token(t), "Twice"))
	if err := s.Migrate(t.Context()); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	if n, err := s.backfillPending(t.Context()); err != nil || n.nodes() != 0 {
		t.Errorf("after Migrate, %+v nodes wait for search properties, fold companions or refKeys (%v), want none", n, err)
	}
	for key, want := range map[string]string{"list_total": "NodeCountFromCountStore", "search_backfill_indexed": "NodeIndexScan",
		"fold_backfill_indexed": "NodeIndexScan", "refkeys_indexed": "NodeIndexSeekByRange"} {
		ops := planOf(t, s, key, nil)
		t.Logf("%s: %v", key, ops)
		if !slices.Contains(ops, want) || slices.Contains(ops, "NodeByLabelScan") {
			t.Errorf("%s: plan %v, want %s and no label scan", key, ops, want)
		}
	}
}

// TestLiveMigrateFolds: nodes and relationships stored before the fold
// companions existed get them from Migrate, and the analyst queries then
// find them by folded text.
func TestLiveMigrateFolds(t *testing.T) {
	s := liveStore(t)
	tok := graphtest.Token(t)
	a := graph.Node{ID: "agency/live-folds-" + tok, Kind: graph.Agency, Name: "Ågency " + tok, Props: graph.Props{"acronym": "ÅG"}}
	o := graphtest.MinimalNode("objective/live-folds-"+tok, "Objective "+tok)
	putLive(t, s, a, o)
	if err := s.PutEdge(t.Context(), graph.Edge{Type: graph.ResponsibleFor, From: a.ID, To: o.ID, Props: graph.Props{"role": "Leads"}}); err != nil {
		t.Fatal(err)
	}
	runLive(t, s, liveStatement(t, "remove_folds"), map[string]any{"id": a.ID})
	q := graph.Query{Where: graph.Where{Conds: []graph.Cond{{Field: "acronym", Op: graph.OpEq, Value: "ag"}, {Field: "name", Op: graph.OpStartsWith, Value: "agency"}},
		Rels: []graph.RelCond{{Hop: graph.Hop{Type: graph.ResponsibleFor, Dir: graph.Out}, Edge: graph.Where{Conds: []graph.Cond{{Field: "role", Op: graph.OpEq, Value: "leads"}}}}}}}
	if p, err := s.Find(t.Context(), q); err != nil || p.TotalCount != 0 {
		t.Fatalf("before Migrate, Find = %d, %v; want nothing (the folds are gone)", p.TotalCount, err)
	}
	if n, err := s.backfillPending(t.Context()); err != nil || n.folds == 0 {
		t.Fatalf("backfillPending = %+v, %v; want a node without folds", n, err)
	}
	if err := s.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	p, err := s.Find(t.Context(), q)
	if err != nil || len(p.Nodes) != 1 || p.Nodes[0].ID != a.ID {
		t.Errorf("after Migrate, Find = %d nodes, %v; want %s", len(p.Nodes), err, a.ID)
	}
	if got, err := s.GetNode(t.Context(), a.ID); err != nil || !got.Equal(a) {
		t.Errorf("GetNode after the backfill = %v, %v; want it unchanged", got, err)
	}
}

// TestLiveRefKeysBackfill: a node stored before refKeys existed is found
// by neither its reference nor its alias through node_ref_keys; Migrate
// writes its refKeys, in Cypher, as a write would, and the lookups find it
// again.
func TestLiveRefKeysBackfill(t *testing.T) {
	s := liveStore(t)
	tok := graphtest.Token(t)
	ref, alias := "COM(2099) "+tok, "Council "+tok
	n := graph.Node{ID: "document/live-refkeys-" + tok, Kind: graph.Document, Name: "Old",
		Props: graph.Props{"reference": ref, "aliases": []string{"other " + tok, alias}}}
	putLive(t, s, n)
	drv, db := driverOf(t, s)
	written := func() string {
		t.Helper()
		res, err := neo4j.ExecuteQuery(t.Context(), drv, "MATCH (n:Node {id: $id}) RETURN n.refKeys AS k", map[string]any{"id": n.ID},
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
		if err != nil || len(res.Records) != 1 {
			t.Fatalf("read refKeys: %v", err)
		}
		k, _ := res.Records[0].Get("k")
		s, _ := k.(string)
		return s
	}
	want := refKeys(n)
	if got := written(); got != want {
		t.Fatalf("PutNode wrote refKeys %q, want %q", got, want)
	}
	if _, err := neo4j.ExecuteQuery(t.Context(), drv, "MATCH (n:Node {id: $id}) REMOVE n.refKeys", map[string]any{"id": n.ID},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db)); err != nil {
		t.Fatal(err)
	}
	find := func(r string) int {
		t.Helper()
		p, err := s.ListNodes(t.Context(), graph.ListQuery{Kind: graph.Document, Filter: graph.Filter{Reference: r}})
		if err != nil {
			t.Fatalf("ListNodes(reference %q): %v", r, err)
		}
		if p.TotalCount != len(p.Nodes) {
			t.Errorf("reference %q: totalCount %d, %d nodes", r, p.TotalCount, len(p.Nodes))
		}
		return len(p.Nodes)
	}
	if got := find(alias); got != 0 {
		t.Fatalf("without refKeys the alias found %d nodes: the lookup does not use node_ref_keys", got)
	}
	if p, err := s.backfillPending(t.Context()); err != nil || p.refs < 1 {
		t.Fatalf("backfillPending = %+v, %v; want a node without refKeys", p, err)
	}
	if err := s.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := written(); got != want {
		t.Errorf("Migrate wrote refKeys %q, want %q (as Go writes it)", got, want)
	}
	for _, r := range []string{ref, alias, "other " + tok} {
		if got := find(r); got != 1 {
			t.Errorf("after Migrate, reference %q finds %d nodes, want 1", r, got)
		}
	}
	if got := find("Council"); got != 0 {
		t.Errorf("a part of an alias finds %d nodes, want 0", got)
	}
}
