package resolvers_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

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
// one list call, then one EdgesAndEnds call per level of relationships,
// however many relationship fields the level asks for. The batching is by
// response level, not by a time window, so the count is exact.
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
	// Find; one EdgesAndEnds for cites, authors and addresses of the
	// page, one for the authors of the cited documents.
	t.Logf("store calls: %v", small)
	if total > 3 {
		t.Errorf("store calls %v (%d), want at most 3", small, total)
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

// selectionDepth is the depth of a query's deepest field, the root fields
// being 1: `{ document { cites { name } } }` is 3. Fragments count as the
// fields they hold.
func selectionDepth(t *testing.T, query string) int {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		t.Fatalf("parse %s: %v", query, err)
	}
	frags := map[string]*ast.FragmentDefinition{}
	for _, f := range doc.Fragments {
		frags[f.Name] = f
	}
	var depth func(ast.SelectionSet) int
	depth = func(set ast.SelectionSet) int {
		d := 0
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				d = max(d, 1+depth(s.SelectionSet))
			case *ast.InlineFragment:
				d = max(d, depth(s.SelectionSet))
			case *ast.FragmentSpread:
				d = max(d, depth(frags[s.Name].SelectionSet))
			}
		}
		return d
	}
	d := 0
	for _, op := range doc.Operations {
		d = max(d, depth(op.SelectionSet))
	}
	return d
}

// Goal 2 of issue 12: a query costs at most its selection depth plus one
// store calls, whatever it nests and however many sibling relationship
// fields each level asks for: one call for the root lookup or list, one
// per level of relationships (edges and their ends together), and one for
// the committees a level of rapporteurs names. The analyst walks
// (neighbourhood, paths, citations, timeline) are not nested selections:
// each costs a bounded number of calls per step of its walk, which its
// depth argument caps, and is left out here.
func TestStoreCallsWithinSelectionDepth(t *testing.T) {
	queries := []string{
		// The README's analyst queries that nest.
		`{ procedure(reference: "2010/2308(INI)") { name
			rapporteurs { role person { name } group committee { name } appointed sources { file lines } }
			events { date name } } }`,
		`{ document(reference: "16797/10") { id name date cites { name reference } citedBy { name reference } addresses { name number } } }`,
		`{ objective(id: "objective/iss-so4") { name
			keyActions { number name responsible { role actor { name } sources { file section lines } } } } }`,
		`{ documents(filter: {type: "communication", dateFrom: "2010-01-01"}, sort: {field: DATE}, first: 5) {
			totalCount pageInfo { hasNextPage endCursor } nodes { name reference date } } }`,
		`{ node(id: "agency/frontex") { name relationships(direction: OUT) { type role other { id name } sources { file lines } } } }`,
		// Deeper and wider.
		`{ document(id: "document/com-2014-0365") { cites { cites { cites { id authors { id } } } } } }`,
		`{ documents(first: 20) { nodes { id cites { id authors { id } procedures { id } } citedBy { id }
			authors { id ... on Institution { memberOf { institution { id } } } } addresses { id keyActions { id } } } } }`,
		`{ allNodes(first: 10) { nodes { id relationships { type other { id relationships { other { id name } } } } } } }`,
		`{ procedures { nodes { rapporteurs { person { name memberOf { institution { name } } } committee { name } } events { name } } } }`,
		`{ nodes(ids: ["agency/europol", "agency/frontex", "document/com-2010-0673"]) { id ... on Agency { partOf { id } parts { id } }
			... on Document { cites { id } } } }`,
	}
	for _, q := range queries {
		cs := newCounting(seededStore(t))
		c := client.New(resolvers.NewHandler(cs, resolvers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
		var out map[string]any
		c.MustPost(q, &out)
		calls, depth := cs.total(), selectionDepth(t, q)
		t.Logf("depth %d, store calls %v: %.60s", depth, cs.snapshot(), strings.Join(strings.Fields(q), " "))
		if calls > depth+1 {
			t.Errorf("%d store calls %v for a query of depth %d, want at most %d:\n%s", calls, cs.snapshot(), depth, depth+1, q)
		}
	}
}

// A level reads the edges its relationship fields follow, together, and
// no other: not a document's citations when the query asks for its
// objectives only.
func TestLevelReadsOnlyItsFieldsEdges(t *testing.T) {
	types := func(ts ...graph.EdgeType) []graph.EdgeType { return ts }
	tests := []struct {
		name, query string
		dir         graph.Direction
		types       []graph.EdgeType // nil: every type
	}{
		{"one field", `{ document(reference: "16797/10") { addresses { id } } }`,
			graph.Out, types(graph.Addresses)},
		{"two fields, one direction", `{ document(reference: "16797/10") { cites { id } addresses { id } } }`,
			graph.Out, types(graph.Cites, graph.Addresses)},
		{"both directions of one type", `{ document(reference: "16797/10") { cites { id } citedBy { id } } }`,
			graph.Both, types(graph.Cites)},
		{"fragments on several kinds", `{ nodes(ids: ["agency/europol", "document/com-2010-0673"]) {
			... on Agency { partOf { id } } ...D } } fragment D on Document { cites { id } }`,
			graph.Out, types(graph.Cites, graph.PartOf)},
		{"a field of every type", `{ document(reference: "16797/10") { cites { id } relationships { type } } }`,
			graph.Both, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := newCounting(seededStore(t))
			c := client.New(resolvers.NewHandler(cs, resolvers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
			var out map[string]any
			c.MustPost(tt.query, &out)
			if len(cs.edges) != 1 {
				t.Fatalf("%d EdgesAndEnds calls %+v, want 1", len(cs.edges), cs.edges)
			}
			q := cs.edges[0]
			got := slices.Clone(q.Types)
			slices.Sort(got)
			want := slices.Clone(tt.types)
			slices.Sort(want)
			if q.Direction != tt.dir || !slices.Equal(got, want) {
				t.Errorf("read %v %v, want %v %v", q.Direction, got, tt.dir, want)
			}
		})
	}
}

// A level whose relationship fields list nodes and ask only for their
// properties and sources reads just those of the nodes (selectionEnds); a
// level that asks for anything else reads whole nodes. Both stores return
// exactly the projection, so every GraphQL test also checks that no field
// reads more than the projection holds.
func TestLevelProjection(t *testing.T) {
	tests := []struct {
		projectionCase
		edges bool // the level shows edges, which it reads whole
	}{
		{projectionCase{"properties", `{ document(reference: "16797/10") { id name date cites { name reference } citedBy { name reference } addresses { name number } } }`,
			&graph.Projection{Props: []string{"number", "reference"}}}, false},
		{projectionCase{"sources", `{ document(reference: "16797/10") { cites { id sources { file } } } }`,
			&graph.Projection{Sources: true}}, false},
		{projectionCase{"ordered by date", `{ procedure(reference: "2010/2308(INI)") { events { name } } }`,
			&graph.Projection{Props: []string{"date"}}}, false},
		{projectionCase{"the next level's relationships", `{ document(reference: "16797/10") { cites { name cites { id } } } }`,
			&graph.Projection{}}, false},
		{projectionCase{"fragments", `{ document(reference: "16797/10") { cites { ... on Document { reference } ...D } } } fragment D on Document { celex }`,
			&graph.Projection{Props: []string{"celex", "reference"}}}, false},
		{projectionCase{"a field that lists edges", `{ document(reference: "16797/10") { cites { id } relationships { type } } }`,
			&graph.Projection{}}, true},
		{projectionCase{"the ends of edges", `{ node(id: "agency/frontex") { ... on Agency { relationships(direction: OUT) { type role other { name ... on Document { reference } } sources { file } } } } }`,
			&graph.Projection{Props: []string{"reference"}}}, true},
		{projectionCase{"both ends and the next level", `{ procedure(reference: "2010/2308(INI)") { rapporteurs { role person { name sources { file } rapporteurships { id } } procedure { id } committee { name } } events { name } } }`,
			&graph.Projection{Props: []string{"date"}, Sources: true}}, true},
		{projectionCase{"an object field of an edge's end", `{ node(id: "agency/frontex") { ... on Agency { relationships { other { identifiers { scheme } } } } } }`, nil}, false},
		{projectionCase{"a connection beside", `{ document(reference: "16797/10") { cites { id } citesConnection(first: 1) { totalCount } } }`, nil}, false},
		{projectionCase{"an object field of the nodes", `{ document(reference: "16797/10") { cites { identifiers { scheme } } } }`, nil}, false},
		{projectionCase{"an object field of the level", `{ document(reference: "16797/10") { identifiers { scheme } cites { id } } }`, nil}, false},
	}
	for _, tt := range tests {
		checkProjections(t, []projectionCase{tt.projectionCase}, func(t *testing.T, cs *counting, want *graph.Projection) *graph.Projection {
			if len(cs.edges) == 0 {
				t.Fatalf("no EdgesAndEnds call")
			}
			if bare := cs.edges[0].Bare; bare != (want != nil && !tt.edges) {
				t.Errorf("Bare = %v, want %v: a projected level reads an edge's key alone unless it shows the edge", bare, !bare)
			}
			return cs.edges[0].Ends
		})
	}
}

// projectionCase is a query and the projection that a store call it
// makes asks for, nil for whole nodes.
type projectionCase struct {
	name, query string
	want        *graph.Projection
}

// checkProjections runs each case on both stores (eachStore), and
// compares the projection that call reads from the counted store (it
// fails the test when the store call is missing, and may check more of
// it) with the case's.
func checkProjections(t *testing.T, tests []projectionCase, call func(t *testing.T, cs *counting, want *graph.Projection) *graph.Projection) {
	t.Helper()
	for _, tt := range tests {
		eachStore(t, tt.name, tt.query, func(t *testing.T, cs *counting) {
			if got := sorted(call(t, cs, tt.want)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("projection %+v, want %+v", got, tt.want)
			}
		})
	}
}

// eachStore runs query on the seeded store, counted, once as it is and
// once with graph.PageEdgesLister (pageLister), with which a lookup by
// reference reads its level with the node (as on Neo4j), and then check.
func eachStore(t *testing.T, name, query string, check func(*testing.T, *counting)) {
	for _, paged := range []bool{false, true} {
		t.Run(fmt.Sprintf("%s, paged %v", name, paged), func(t *testing.T) {
			cs := newCounting(seededStore(t))
			var s graph.Store = cs
			if paged {
				s = pageLister{cs}
			}
			c := client.New(resolvers.NewHandler(s, resolvers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
			var out map[string]any
			c.MustPost(query, &out)
			check(t, cs)
		})
	}
}

// sorted is p with its properties in order, to compare.
func sorted(p *graph.Projection) *graph.Projection {
	if p == nil {
		return nil
	}
	return &graph.Projection{Props: slices.Sorted(slices.Values(p.Props)), Sources: p.Sources}
}

// A lookup by reference reads of the node only what its selection shows,
// when its relationship fields read just the node's id (nodeFields).
func TestLookupFields(t *testing.T) {
	tests := []projectionCase{
		{"properties and relationships", `{ document(reference: "16797/10") { id name date cites { name } relationships { type } } }`,
			&graph.Projection{Props: []string{"date"}}},
		{"sources", `{ document(reference: "16797/10") { reference sources { file } } }`,
			&graph.Projection{Props: []string{"reference"}, Sources: true}},
		{"a field computed from properties", `{ document(reference: "16797/10") { identifiers { scheme } } }`, nil},
		{"a connection", `{ document(reference: "16797/10") { citesConnection(first: 1) { totalCount } } }`, nil},
	}
	checkProjections(t, tests, func(t *testing.T, cs *counting, _ *graph.Projection) *graph.Projection {
		if len(cs.lists) == 0 {
			t.Fatalf("no ListNodes call")
		}
		return cs.lists[0].Fields
	})
}

// A node list's page and a search read of their nodes only what the
// connection's edges.node and nodes show (connectionFields), with the
// properties the list's order reads; anything else reads whole nodes.
func TestConnectionFields(t *testing.T) {
	tests := []projectionCase{
		{"edges and nodes", `{ documents(first: 2) { totalCount pageInfo { hasNextPage } edges { cursor node { name reference } } nodes { type } } }`,
			&graph.Projection{Props: []string{"reference", "type"}}},
		{"the order's property", `{ documents(sort: {field: DATE}, first: 2) { nodes { name sources { file } } } }`,
			&graph.Projection{Props: []string{"date"}, Sources: true}},
		{"relationships read the id", `{ documents(first: 1) { edges { node { name cites { name } } } } }`, &graph.Projection{}},
		{"a field computed from properties", `{ documents(first: 1) { nodes { identifiers { scheme } } } }`, nil},
		{"a search", `{ search(text: "cybercrime centre", first: 3) { edges { cursor score field node { id name ... on Agency { acronym } } } } }`,
			&graph.Projection{Props: []string{"acronym"}}},
		{"a search, a computed field", `{ search(text: "cybercrime centre", first: 3) { edges { node { ... on Document { identifiers { scheme } } } } } }`, nil},
	}
	checkProjections(t, tests, func(t *testing.T, cs *counting, _ *graph.Projection) *graph.Projection {
		switch {
		case len(cs.finds) > 0:
			return cs.finds[0].Fields
		case len(cs.hunts) > 0:
			return cs.hunts[0].Fields
		}
		t.Fatalf("no Find or Search call")
		return nil
	})
}

// pageLister gives a store graph.PageEdgesLister by the two calls that
// the conformance suite says it equals, which counting records.
type pageLister struct{ *counting }

func (p pageLister) ListNodesAndEdges(ctx context.Context, q graph.ListQuery, eq graph.EdgeQuery) (graph.Page, map[string][]graph.Edge, map[string]*graph.Node, error) {
	page, err := p.ListNodes(ctx, q)
	if err != nil {
		return graph.Page{}, nil, nil, err
	}
	eq.IDs = nil
	for _, n := range page.Nodes {
		eq.IDs = append(eq.IDs, n.ID)
	}
	edges, ends, err := p.EdgesAndEnds(ctx, eq)
	return page, edges, ends, err
}
