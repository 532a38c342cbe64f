package graphtest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/traverse"
)

// The traversal cases run graph/traverse with the store as its Reader, on
// one fixture that each subtest writes in its own namespace:
//
//	a -CITES-> b -CITES-> c -CITES-> a     a CITES cycle
//	a -RELATED_TO-> b                      parallel to a -CITES-> b
//	c -CITES-> d -CITES-> e
//	institution x -AUTHORED-> a, person p -MEMBER_OF-> x,
//	x -RESPONSIBLE_FOR-> procedure p1
//	z1 -CITES-> z2                         a disconnected part
//	s -CITES-> m, s -RELATED_TO-> m, m -CITES-> u1, u2; u1, u2 -CITES-> t
//	p1 -HAS_EVENT-> events e0, e1, e2; p1 -HAS_DOCUMENT-> tl-d1, tl-nodate
//	e1 -PRODUCED-> tl-t0, tl-t1, tl-t2
//
// Every name is a document unless its kind is given. The ids all share
// the subtest's prefix, so they sort as the names do within a kind.

// travFixture maps the fixture's names to ids, and back for messages.
type travFixture struct {
	id   map[string]string
	name map[string]string
}

// travDegree is the degree of each fixture node: all their edges are the
// fixture's.
var travDegree = map[string]int{
	"a": 4, "b": 3, "c": 3, "d": 2, "e": 1, "x": 3, "p": 1, "p1": 6, "z1": 1, "z2": 1,
	"s": 2, "m": 4, "u1": 2, "u2": 2, "t": 2,
	"e0": 1, "e1": 4, "e2": 1, "tl-d1": 1, "tl-nodate": 1, "tl-t0": 1, "tl-t1": 1, "tl-t2": 1,
}

func (e *env) writeTravFixture() travFixture {
	e.t.Helper()
	f := travFixture{id: map[string]string{}, name: map[string]string{}}
	var nodes []graph.Node
	add := func(k graph.Kind, name string, props graph.Props) {
		id := e.id(k, name)
		f.id[name], f.name[id] = id, name
		nodes = append(nodes, graph.Node{ID: id, Kind: k, Name: "Traversal " + name + " " + e.tok, Props: props})
	}
	for _, n := range []string{"a", "b", "c", "d", "e", "z1", "z2", "s", "m", "u1", "u2", "t", "tl-nodate"} {
		add(graph.Document, n, nil)
	}
	add(graph.Institution, "x", nil)
	add(graph.Person, "p", nil)
	add(graph.Procedure, "p1", graph.Props{"reference": "2010/2308(INI)"})
	dated := func(date, ref string) graph.Props {
		p := graph.Props{"date": graph.MustDate(date)}
		if ref != "" {
			p["reference"] = ref
		}
		return p
	}
	add(graph.Event, "e0", dated("2012-05-22", ""))
	add(graph.Event, "e1", dated("2012-05-22", ""))
	add(graph.Event, "e2", dated("2010-11-22", "COM(2010) 673"))
	add(graph.Document, "tl-d1", dated("2011-01-10", "SEC(2011) 10"))
	add(graph.Document, "tl-t0", dated("2012-06-01", ""))
	add(graph.Document, "tl-t1", dated("2012-06-01", "T7-0207/2012"))
	add(graph.Document, "tl-t2", dated("2012-06-02", "A7-0143/2012"))

	var edges []graph.Edge
	link := func(t graph.EdgeType, from string, tos ...string) {
		for _, to := range tos {
			edges = append(edges, MinimalEdge(t, f.id[from], f.id[to]))
		}
	}
	link(graph.Cites, "a", "b")
	link(graph.Cites, "b", "c")
	link(graph.Cites, "c", "a", "d")
	link(graph.Cites, "d", "e")
	link(graph.RelatedTo, "a", "b")
	link(graph.Authored, "x", "a")
	link(graph.MemberOf, "p", "x")
	link(graph.ResponsibleFor, "x", "p1")
	link(graph.Cites, "z1", "z2")
	link(graph.Cites, "s", "m")
	link(graph.RelatedTo, "s", "m")
	link(graph.Cites, "m", "u1", "u2")
	link(graph.Cites, "u1", "t")
	link(graph.Cites, "u2", "t")
	link(graph.HasEvent, "p1", "e0", "e1", "e2")
	link(graph.HasDocument, "p1", "tl-d1", "tl-nodate")
	link(graph.Produced, "e1", "tl-t0", "tl-t1", "tl-t2")
	e.apply(graph.Batch{Nodes: nodes, Edges: edges})
	return f
}

// travNode renders a subgraph node the way the cases spell them:
// "name@distance#degree".
func travNode(name string, dist int) string {
	return fmt.Sprintf("%s@%d#%d", name, dist, travDegree[name])
}

// travEdge renders an edge as "TYPE:from->to" with fixture names.
func travEdge(t graph.EdgeType, from, to string) string { return string(t) + ":" + from + "->" + to }

func (f travFixture) nodes(ns []graph.SubgraphNode) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = fmt.Sprintf("%s@%d#%d", f.named(n.Node.ID), n.Distance, n.Degree)
	}
	return out
}

func (f travFixture) edges(es []graph.Edge) []string {
	out := make([]string, len(es))
	for i, x := range es {
		out[i] = travEdge(x.Type, f.named(x.From), f.named(x.To))
	}
	return out
}

// named is the fixture name of id, or id itself for a node the fixture
// did not write (which no case expects).
func (f travFixture) named(id string) string {
	if n, ok := f.name[id]; ok {
		return n
	}
	return id
}

func (f travFixture) checkSubgraph(e *env, what string, got graph.Subgraph, nodes, edges []string, truncated bool) {
	e.t.Helper()
	if g := f.nodes(got.Nodes); !slices.Equal(g, nodes) {
		e.t.Errorf("%s: nodes\n got %q\nwant %q", what, g, nodes)
	}
	if g := f.edges(got.Edges); !slices.Equal(g, edges) {
		e.t.Errorf("%s: edges\n got %q\nwant %q", what, g, edges)
	}
	if got.Truncated != truncated {
		e.t.Errorf("%s: truncated = %v, want %v", what, got.Truncated, truncated)
	}
}

// travInvalid checks that err is a *graph.ValidationError of field.
func travInvalid(e *env, what string, err error, field string) {
	e.t.Helper()
	var ve *graph.ValidationError
	if !errors.As(err, &ve) || !errors.Is(err, graph.ErrInvalid) || ve.Field != field {
		e.t.Errorf("%s: err = %v, want a *graph.ValidationError of field %q", what, err, field)
	}
}

func testNeighbourhood(e *env) {
	f := e.writeTravFixture()
	ring := []string{travEdge(graph.Cites, "a", "b"), travEdge(graph.Cites, "b", "c"), travEdge(graph.Cites, "c", "a")}
	withX := append(append([]string{travEdge(graph.Authored, "x", "a")}, ring...), travEdge(graph.RelatedTo, "a", "b"))
	tests := []struct {
		name      string
		q         graph.NeighbourhoodQuery
		nodes     []string
		edges     []string
		truncated bool
	}{
		{"depth 1 both ways, with the edge between two nodes of the last level",
			graph.NeighbourhoodQuery{ID: f.id["a"]},
			[]string{travNode("a", 0), travNode("b", 1), travNode("c", 1), travNode("x", 1)}, withX, false},
		{"out",
			graph.NeighbourhoodQuery{ID: f.id["a"], Direction: graph.Out},
			[]string{travNode("a", 0), travNode("b", 1)},
			[]string{travEdge(graph.Cites, "a", "b"), travEdge(graph.RelatedTo, "a", "b")}, false},
		{"in",
			graph.NeighbourhoodQuery{ID: f.id["a"], Direction: graph.In},
			[]string{travNode("a", 0), travNode("c", 1), travNode("x", 1)},
			[]string{travEdge(graph.Authored, "x", "a"), travEdge(graph.Cites, "c", "a")}, false},
		{"out around the cycle",
			graph.NeighbourhoodQuery{ID: f.id["a"], Depth: 2, Direction: graph.Out},
			[]string{travNode("a", 0), travNode("b", 1), travNode("c", 2)},
			append(slices.Clone(ring), travEdge(graph.RelatedTo, "a", "b")), false},
		{"edge types",
			graph.NeighbourhoodQuery{ID: f.id["a"], Depth: 2, Types: []graph.EdgeType{graph.Cites}},
			[]string{travNode("a", 0), travNode("b", 1), travNode("c", 1), travNode("d", 2)},
			append(slices.Clone(ring), travEdge(graph.Cites, "c", "d")), false},
		{"every kind",
			graph.NeighbourhoodQuery{ID: f.id["p"], Depth: 2},
			[]string{travNode("p", 0), travNode("x", 1), travNode("a", 2), travNode("p1", 2)},
			[]string{travEdge(graph.Authored, "x", "a"), travEdge(graph.MemberOf, "p", "x"), travEdge(graph.ResponsibleFor, "x", "p1")}, false},
		{"kinds: no walking through another kind",
			graph.NeighbourhoodQuery{ID: f.id["p"], Depth: 2, Kinds: []graph.Kind{graph.Person, graph.Document}},
			[]string{travNode("p", 0)}, []string{}, false},
		{"kinds: the start is always included",
			graph.NeighbourhoodQuery{ID: f.id["x"], Kinds: []graph.Kind{graph.Document}},
			[]string{travNode("x", 0), travNode("a", 1)}, []string{travEdge(graph.Authored, "x", "a")}, false},
		{"limit cuts a level in id order",
			graph.NeighbourhoodQuery{ID: f.id["a"], Depth: 2, Limit: 3},
			[]string{travNode("a", 0), travNode("b", 1), travNode("c", 1)},
			append(slices.Clone(ring), travEdge(graph.RelatedTo, "a", "b")), true},
		{"limit filled by a level that has a next one",
			graph.NeighbourhoodQuery{ID: f.id["a"], Depth: 2, Limit: 4},
			[]string{travNode("a", 0), travNode("b", 1), travNode("c", 1), travNode("x", 1)}, withX, true},
		{"limit filled by the last level",
			graph.NeighbourhoodQuery{ID: f.id["a"], Depth: 1, Limit: 4},
			[]string{travNode("a", 0), travNode("b", 1), travNode("c", 1), travNode("x", 1)}, withX, false},
		{"disconnected part",
			graph.NeighbourhoodQuery{ID: f.id["z1"], Depth: 3},
			[]string{travNode("z1", 0), travNode("z2", 1)}, []string{travEdge(graph.Cites, "z1", "z2")}, false},
	}
	for _, tc := range tests {
		got, err := traverse.Neighbourhood(e.ctx, e.s, tc.q, graph.Limits{})
		if err != nil {
			e.t.Errorf("%s: Neighbourhood: %v", tc.name, err)
			continue
		}
		f.checkSubgraph(e, tc.name, got, tc.nodes, tc.edges, tc.truncated)
	}

	got, err := traverse.Neighbourhood(e.ctx, e.s, graph.NeighbourhoodQuery{ID: f.id["x"], Depth: 1, Kinds: []graph.Kind{graph.Document}}, graph.Limits{})
	if err == nil && len(got.Nodes) == 2 {
		if n := got.Nodes[1].Node; n.Kind != graph.Document || n.Name != "Traversal a "+e.tok {
			e.t.Errorf("Neighbourhood node = %s, want the stored document a", FormatNode(n))
		}
	}

	bad := e.id(graph.Document, "missing")
	for _, tc := range []struct {
		name  string
		q     graph.NeighbourhoodQuery
		field string
	}{
		{"depth above the cap", graph.NeighbourhoodQuery{ID: f.id["a"], Depth: graph.DefaultMaxDepth + 1}, "depth"},
		{"unknown edge type", graph.NeighbourhoodQuery{ID: f.id["a"], Types: []graph.EdgeType{"FOLLOWS"}}, "edgeTypes"},
		{"negative limit", graph.NeighbourhoodQuery{ID: f.id["a"], Limit: -1}, "limit"},
		{"limit too high", graph.NeighbourhoodQuery{ID: f.id["a"], Limit: graph.MaxSubgraphLimit + 1}, "limit"},
		{"unknown id", graph.NeighbourhoodQuery{ID: bad}, "id"},
	} {
		_, err := traverse.Neighbourhood(e.ctx, e.s, tc.q, graph.Limits{})
		travInvalid(e, "Neighbourhood: "+tc.name, err, tc.field)
	}
}

func testShortestPaths(e *env) {
	f := e.writeTravFixture()
	// path renders the wanted path from names and keys in turn.
	path := func(parts ...string) string {
		for i := 1; i < len(parts); i += 2 {
			parts[i] = "[" + parts[i] + "]"
		}
		return strings.Join(parts, " ")
	}
	abcd := func(first graph.EdgeType) string {
		return path("a", travEdge(first, "a", "b"), "b", travEdge(graph.Cites, "b", "c"), "c", travEdge(graph.Cites, "c", "d"), "d")
	}
	smt := func(first graph.EdgeType, u string) string {
		return path("s", travEdge(first, "s", "m"), "m", travEdge(graph.Cites, "m", u), u, travEdge(graph.Cites, u, "t"), "t")
	}
	tsm := func(u string, last graph.EdgeType) string {
		return path("t", travEdge(graph.Cites, u, "t"), u, travEdge(graph.Cites, "m", u), "m", travEdge(last, "s", "m"), "s")
	}
	tests := []struct {
		name string
		q    graph.PathQuery
		want []string
	}{
		{"both ways, each edge in its own direction",
			graph.PathQuery{From: f.id["a"], To: f.id["d"]},
			[]string{path("a", travEdge(graph.Cites, "c", "a"), "c", travEdge(graph.Cites, "c", "d"), "d")}},
		{"out: two parallel edges make two paths",
			graph.PathQuery{From: f.id["a"], To: f.id["d"], Direction: graph.Out},
			[]string{abcd(graph.Cites), abcd(graph.RelatedTo)}},
		{"limit",
			graph.PathQuery{From: f.id["a"], To: f.id["d"], Direction: graph.Out, Limit: 1},
			[]string{abcd(graph.Cites)}},
		{"no path within maxDepth",
			graph.PathQuery{From: f.id["a"], To: f.id["d"], Direction: graph.Out, MaxDepth: 2},
			nil},
		{"in",
			graph.PathQuery{From: f.id["d"], To: f.id["a"], Direction: graph.In, Types: []graph.EdgeType{graph.Cites}},
			[]string{path("d", travEdge(graph.Cites, "c", "d"), "c", travEdge(graph.Cites, "b", "c"), "b", travEdge(graph.Cites, "a", "b"), "a")}},
		{"from == to",
			graph.PathQuery{From: f.id["a"], To: f.id["a"]},
			[]string{"a"}},
		{"disconnected",
			graph.PathQuery{From: f.id["a"], To: f.id["z2"]},
			nil},
		{"node ids order paths before edges do",
			graph.PathQuery{From: f.id["s"], To: f.id["t"], Direction: graph.Out},
			[]string{smt(graph.Cites, "u1"), smt(graph.RelatedTo, "u1"), smt(graph.Cites, "u2"), smt(graph.RelatedTo, "u2")}},
		{"the first paths of that order",
			graph.PathQuery{From: f.id["s"], To: f.id["t"], Direction: graph.Out, Limit: 3},
			[]string{smt(graph.Cites, "u1"), smt(graph.RelatedTo, "u1"), smt(graph.Cites, "u2")}},
		{"backwards, the last edge varies fastest",
			graph.PathQuery{From: f.id["t"], To: f.id["s"]},
			[]string{tsm("u1", graph.Cites), tsm("u1", graph.RelatedTo), tsm("u2", graph.Cites), tsm("u2", graph.RelatedTo)}},
		{"across kinds",
			graph.PathQuery{From: f.id["x"], To: f.id["d"]},
			[]string{path("x", travEdge(graph.Authored, "x", "a"), "a", travEdge(graph.Cites, "c", "a"), "c", travEdge(graph.Cites, "c", "d"), "d")}},
		{"beyond the default depth",
			graph.PathQuery{From: f.id["p"], To: f.id["d"]},
			nil},
	}
	for _, tc := range tests {
		got, err := traverse.ShortestPaths(e.ctx, e.s, tc.q, graph.Limits{})
		if err != nil {
			e.t.Errorf("%s: ShortestPaths: %v", tc.name, err)
			continue
		}
		var strs []string
		for _, p := range got {
			strs = append(strs, f.path(e, p))
		}
		if !slices.Equal(strs, tc.want) || (tc.want == nil && got != nil) {
			e.t.Errorf("%s: ShortestPaths\n got %q\nwant %q", tc.name, strs, tc.want)
		}
	}

	// A raised depth cap reaches further.
	got, err := traverse.ShortestPaths(e.ctx, e.s, graph.PathQuery{From: f.id["p"], To: f.id["d"], MaxDepth: 4}, graph.Limits{MaxDepth: 4})
	if err != nil || len(got) != 1 || got[0].Len() != 4 {
		e.t.Errorf("ShortestPaths p->d within 4 = %d paths, %v; want one of length 4", len(got), err)
	}

	bad := e.id(graph.Document, "missing")
	for _, tc := range []struct {
		name  string
		q     graph.PathQuery
		field string
	}{
		{"unknown from", graph.PathQuery{From: bad, To: f.id["a"]}, "from"},
		{"unknown to", graph.PathQuery{From: f.id["a"], To: bad}, "to"},
		{"maxDepth above the cap", graph.PathQuery{From: f.id["a"], To: f.id["d"], MaxDepth: graph.DefaultMaxDepth + 1}, "maxDepth"},
		{"unknown edge type", graph.PathQuery{From: f.id["a"], To: f.id["d"], Types: []graph.EdgeType{"cites"}}, "edgeTypes"},
		{"negative limit", graph.PathQuery{From: f.id["a"], To: f.id["d"], Limit: -1}, "limit"},
	} {
		_, err := traverse.ShortestPaths(e.ctx, e.s, tc.q, graph.Limits{})
		travInvalid(e, "ShortestPaths: "+tc.name, err, tc.field)
	}
}

// path renders p as "name [edge] name ...", after checking that each
// node's Distance is its position, its Degree is right and each edge
// joins its two neighbours.
func (f travFixture) path(e *env, p graph.Path) string {
	e.t.Helper()
	if len(p.Nodes) != len(p.Edges)+1 {
		e.t.Errorf("path with %d nodes and %d edges", len(p.Nodes), len(p.Edges))
		return ""
	}
	parts := []string{f.named(p.Nodes[0].Node.ID)}
	for i, x := range p.Edges {
		u, v := p.Nodes[i].Node.ID, p.Nodes[i+1].Node.ID
		if !(x.From == u && x.To == v) && !(x.From == v && x.To == u) {
			e.t.Errorf("path edge %s does not join %s and %s", x.ID(), u, v)
		}
		parts = append(parts, "["+f.edges([]graph.Edge{x})[0]+"]", f.named(v))
	}
	for i, n := range p.Nodes {
		name := f.named(n.Node.ID)
		if n.Distance != i || n.Degree != travDegree[name] {
			e.t.Errorf("path node %s at %d: distance %d degree %d, want %d and %d", name, i, n.Distance, n.Degree, i, travDegree[name])
		}
	}
	return strings.Join(parts, " ")
}

func testCitations(e *env) {
	f := e.writeTravFixture()
	ring := []string{travEdge(graph.Cites, "a", "b"), travEdge(graph.Cites, "b", "c"), travEdge(graph.Cites, "c", "a")}
	tests := []struct {
		name      string
		q         graph.CitationQuery
		nodes     []string
		edges     []string
		truncated bool
	}{
		{"cites: the cycle ends, default depth",
			graph.CitationQuery{ID: f.id["a"]},
			[]string{travNode("a", 0), travNode("b", 1), travNode("c", 2), travNode("d", 3)},
			append(slices.Clone(ring), travEdge(graph.Cites, "c", "d")), false},
		{"cited by",
			graph.CitationQuery{ID: f.id["a"], Direction: graph.In},
			[]string{travNode("a", 0), travNode("c", 1), travNode("b", 2)}, ring, false},
		{"cited by, up to maxDepth",
			graph.CitationQuery{ID: f.id["e"], Direction: graph.In, MaxDepth: 2},
			[]string{travNode("e", 0), travNode("d", 1), travNode("c", 2)},
			[]string{travEdge(graph.Cites, "c", "d"), travEdge(graph.Cites, "d", "e")}, false},
		{"CITES only",
			graph.CitationQuery{ID: f.id["a"], MaxDepth: 1},
			[]string{travNode("a", 0), travNode("b", 1)}, []string{travEdge(graph.Cites, "a", "b")}, false},
		{"limit",
			graph.CitationQuery{ID: f.id["a"], Limit: 2},
			[]string{travNode("a", 0), travNode("b", 1)}, []string{travEdge(graph.Cites, "a", "b")}, true},
		{"nothing cited",
			graph.CitationQuery{ID: f.id["z2"]},
			[]string{travNode("z2", 0)}, []string{}, false},
	}
	for _, tc := range tests {
		got, err := traverse.Citations(e.ctx, e.s, tc.q, graph.Limits{})
		if err != nil {
			e.t.Errorf("%s: Citations: %v", tc.name, err)
			continue
		}
		f.checkSubgraph(e, tc.name, got, tc.nodes, tc.edges, tc.truncated)
	}
	for _, tc := range []struct {
		name  string
		q     graph.CitationQuery
		field string
	}{
		{"not a document", graph.CitationQuery{ID: f.id["x"]}, "id"},
		{"unknown document", graph.CitationQuery{ID: e.id(graph.Document, "missing")}, "id"},
		{"maxDepth above the cap", graph.CitationQuery{ID: f.id["a"], MaxDepth: graph.DefaultMaxDepth + 1}, "maxDepth"},
	} {
		_, err := traverse.Citations(e.ctx, e.s, tc.q, graph.Limits{})
		travInvalid(e, "Citations: "+tc.name, err, tc.field)
	}
}

func testTimeline(e *env) {
	f := e.writeTravFixture()
	date := func(s string) *graph.Date { d := graph.MustDate(s); return &d }
	entry := func(name, date, ref string) string { return name + " " + date + " " + ref }
	var (
		e2 = entry("e2", "2010-11-22", "COM(2010) 673")
		d1 = entry("tl-d1", "2011-01-10", "SEC(2011) 10")
		e0 = entry("e0", "2012-05-22", "")
		e1 = entry("e1", "2012-05-22", "T7-0207/2012") // tl-t0 has no reference, tl-t1 the lowest id that has
		t0 = entry("tl-t0", "2012-06-01", "")
		t1 = entry("tl-t1", "2012-06-01", "T7-0207/2012")
		t2 = entry("tl-t2", "2012-06-02", "A7-0143/2012")
	)
	tests := []struct {
		name      string
		q         graph.TimelineQuery
		want      []string
		truncated bool
	}{
		{"a procedure: dated neighbours by date, then id", graph.TimelineQuery{ID: f.id["p1"]}, []string{e2, d1, e0, e1}, false},
		{"inclusive bounds", graph.TimelineQuery{ID: f.id["p1"], From: date("2011-01-10"), To: date("2012-05-22")}, []string{d1, e0, e1}, false},
		{"to", graph.TimelineQuery{ID: f.id["p1"], To: date("2011-01-09")}, []string{e2}, false},
		{"limit", graph.TimelineQuery{ID: f.id["p1"], Limit: 3}, []string{e2, d1, e0}, true},
		{"an event: itself and what it produced", graph.TimelineQuery{ID: f.id["e1"]}, []string{e1, t0, t1, t2}, false},
		{"a dated document: itself and its event", graph.TimelineQuery{ID: f.id["tl-t1"]}, []string{e1, t1}, false},
		{"nothing dated", graph.TimelineQuery{ID: f.id["x"]}, nil, false},
	}
	for _, tc := range tests {
		got, err := traverse.Timeline(e.ctx, e.s, tc.q)
		if err != nil {
			e.t.Errorf("%s: Timeline: %v", tc.name, err)
			continue
		}
		var strs []string
		for _, en := range got.Entries {
			strs = append(strs, entry(f.named(en.Node.ID), en.Date.String(), en.Reference))
		}
		if !slices.Equal(strs, tc.want) || got.Truncated != tc.truncated {
			e.t.Errorf("%s: Timeline\n got %q truncated %v\nwant %q truncated %v", tc.name, strs, got.Truncated, tc.want, tc.truncated)
		}
	}
	_, err := traverse.Timeline(e.ctx, e.s, graph.TimelineQuery{ID: e.id(graph.Event, "missing")})
	travInvalid(e, "Timeline of an unknown id", err, "id")
}

// testTraversalDeadline checks that a request's deadline stops every
// traversal with context.DeadlineExceeded: one that has passed before it
// starts, and one that passes while a walk is under way.
func testTraversalDeadline(e *env) {
	f := e.writeTravFixture()
	past, cancel := context.WithDeadline(e.ctx, time.Now().Add(-time.Second))
	defer cancel()
	calls := []struct {
		name string
		call func(ctx context.Context, r traverse.Reader) error
	}{
		{"Neighbourhood", func(ctx context.Context, r traverse.Reader) error {
			_, err := traverse.Neighbourhood(ctx, r, graph.NeighbourhoodQuery{ID: f.id["a"], Depth: 3}, graph.Limits{})
			return err
		}},
		{"ShortestPaths", func(ctx context.Context, r traverse.Reader) error {
			_, err := traverse.ShortestPaths(ctx, r, graph.PathQuery{From: f.id["x"], To: f.id["d"]}, graph.Limits{})
			return err
		}},
		{"Citations", func(ctx context.Context, r traverse.Reader) error {
			_, err := traverse.Citations(ctx, r, graph.CitationQuery{ID: f.id["a"]}, graph.Limits{})
			return err
		}},
		{"Timeline", func(ctx context.Context, r traverse.Reader) error {
			_, err := traverse.Timeline(ctx, r, graph.TimelineQuery{ID: f.id["p1"]})
			return err
		}},
	}
	for _, c := range calls {
		wantErr(e.t, c.name+" after the deadline", c.call(past, e.s), context.DeadlineExceeded)
	}

	// The deadline passes while the first level is read: the walk reads
	// no further level.
	for _, c := range calls {
		ctx, cancel := context.WithTimeout(e.ctx, 50*time.Millisecond)
		r := &stallingReader{Reader: e.s}
		wantErr(e.t, c.name+" past the deadline", c.call(ctx, r), context.DeadlineExceeded)
		cancel()
		if r.edges > 1 {
			e.t.Errorf("%s: %d Edges reads; the walk went on past the deadline", c.name, r.edges)
		}
	}
}

// stallingReader returns from its first Edges read only once the
// context of the read is done.
type stallingReader struct {
	traverse.Reader
	mu    sync.Mutex
	edges int
}

func (r *stallingReader) Edges(ctx context.Context, q graph.EdgeQuery) (map[string][]graph.Edge, error) {
	r.mu.Lock()
	r.edges++
	first := r.edges == 1
	r.mu.Unlock()
	m, err := r.Reader.Edges(ctx, q)
	if first && err == nil {
		<-ctx.Done()
	}
	return m, err
}

// testWalkCuts checks that a walk with a cut (graph.WalkCut) answers with
// exactly its whole answer cut so: the same nodes, edges and order, each
// node as the projection has it and each edge bare when asked, whether
// the store lends its numbered graph, reads by id, or finds paths itself.
func testWalkCuts(e *env) {
	id := func(k graph.Kind, name string) string { return e.id(k, name) }
	a, b, c, x := id(graph.Document, "wa"), id(graph.Document, "wb"), id(graph.Document, "wc"), id(graph.Institution, "wx")
	var nodes []graph.Node
	for _, n := range []string{a, b, c, x} {
		nodes = append(nodes, FullNode(n, "Cut "+n+" "+e.tok))
	}
	e.apply(graph.Batch{Nodes: nodes, Edges: []graph.Edge{
		FullEdge(graph.Cites, a, b), FullEdge(graph.Cites, b, c), FullEdge(graph.RelatedTo, a, c), FullEdge(graph.Authored, x, a),
	}})
	cuts := []graph.WalkCut{
		{Nodes: &graph.Projection{}, BareEdges: true},
		{Nodes: &graph.Projection{Props: []string{"reference", "date"}, Sources: true}},
		{BareEdges: true},
		{Nodes: &graph.Projection{Sources: true}},
	}
	walks := []struct {
		name string
		run  func(graph.WalkCut) ([]graph.SubgraphNode, []graph.Edge, error)
	}{
		{"neighbourhood", func(cut graph.WalkCut) ([]graph.SubgraphNode, []graph.Edge, error) {
			sg, err := traverse.Neighbourhood(e.ctx, e.s, graph.NeighbourhoodQuery{ID: a, Depth: 2, Cut: cut}, graph.Limits{})
			return sg.Nodes, sg.Edges, err
		}},
		{"citations", func(cut graph.WalkCut) ([]graph.SubgraphNode, []graph.Edge, error) {
			sg, err := traverse.Citations(e.ctx, e.s, graph.CitationQuery{ID: a, MaxDepth: 2, Cut: cut}, graph.Limits{})
			return sg.Nodes, sg.Edges, err
		}},
		{"shortest paths", func(cut graph.WalkCut) ([]graph.SubgraphNode, []graph.Edge, error) {
			ps, err := traverse.ShortestPaths(e.ctx, e.s, graph.PathQuery{From: x, To: c, Limit: 10, Cut: cut}, graph.Limits{})
			var ns []graph.SubgraphNode
			var es []graph.Edge
			for _, p := range ps {
				ns, es = append(ns, p.Nodes...), append(es, p.Edges...)
			}
			return ns, es, err
		}},
	}
	for _, w := range walks {
		wholeNodes, wholeEdges, err := w.run(graph.WalkCut{})
		if err != nil {
			e.t.Fatalf("%s: %v", w.name, err)
		}
		if len(wholeNodes) < 3 || len(wholeNodes[0].Node.Props) == 0 || len(wholeNodes[0].Node.Sources) == 0 ||
			len(wholeEdges) == 0 || len(wholeEdges[0].Props) == 0 || len(wholeEdges[0].Sources) == 0 {
			e.t.Fatalf("%s: whole answer %+v %+v: too little to cut", w.name, wholeNodes, wholeEdges)
		}
		for _, cut := range cuts {
			gotNodes, gotEdges, err := w.run(cut)
			if err != nil {
				e.t.Fatalf("%s with cut %+v: %v", w.name, cut, err)
			}
			wantNodes := slices.Clone(wholeNodes)
			for i := range wantNodes {
				wantNodes[i].Node = cut.Node(wantNodes[i].Node)
			}
			wantEdges := slices.Clone(wholeEdges)
			for i := range wantEdges {
				wantEdges[i] = cut.Edge(wantEdges[i])
			}
			if !reflect.DeepEqual(gotNodes, wantNodes) {
				e.t.Errorf("%s with cut nodes %+v: nodes\n%+v\nwant\n%+v", w.name, cut.Nodes, gotNodes, wantNodes)
			}
			if !reflect.DeepEqual(gotEdges, wantEdges) {
				e.t.Errorf("%s with bare edges %v: edges\n%+v\nwant\n%+v", w.name, cut.BareEdges, gotEdges, wantEdges)
			}
		}
	}
	_, err := traverse.Neighbourhood(e.ctx, e.s, graph.NeighbourhoodQuery{ID: a, Cut: graph.WalkCut{Nodes: &graph.Projection{Props: []string{"nope"}}}}, graph.Limits{})
	travInvalid(e, "a cut of an unknown property", err, "cut.nodes.props")
}
