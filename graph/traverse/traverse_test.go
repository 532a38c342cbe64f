package traverse_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/graph/traverse"
)

// The fixture, written once per test into a fresh embedded store:
//
//	a -CITES-> b -CITES-> c -CITES-> a      a CITES cycle
//	a -RELATED_TO-> b                       parallel to a -CITES-> b
//	c -CITES-> d -CITES-> e
//	institution/x -AUTHORED-> a, person/p -MEMBER_OF-> institution/x
//	z1 -CITES-> z2                          disconnected
//	s -CITES-> m, s -RELATED_TO-> m, m -CITES-> u1, u2 -CITES-> t
//	procedure/p1 -HAS_EVENT-> e0, e1, e2; -HAS_DOCUMENT-> tl-d1, tl-nodate
//	event/e1 -PRODUCED-> tl-t0, tl-t1, tl-t2; institution/x -RESPONSIBLE_FOR-> p1
//
// Documents are "document/<name>", except the ones named above with their
// kind.
const (
	a, b, c, d, e = "document/a", "document/b", "document/c", "document/d", "document/e"
	z1, z2        = "document/z1", "document/z2"
	ds, dm, dt    = "document/s", "document/m", "document/t"
	u1, u2        = "document/u1", "document/u2"
	x, p          = "institution/x", "person/p"
	p1            = "procedure/p1"
	e0, e1, e2    = "event/e0", "event/e1", "event/e2"
	d1, nodate    = "document/tl-d1", "document/tl-nodate"
	t0, t1, t2    = "document/tl-t0", "document/tl-t1", "document/tl-t2"
)

func node(id string, props graph.Props) graph.Node {
	k, _ := graph.KindOfID(id)
	return graph.Node{ID: id, Kind: k, Name: "Node " + id, Props: props}
}

func dated(date, ref string) graph.Props {
	pr := graph.Props{}
	if date != "" {
		pr["date"] = graph.MustDate(date)
	}
	if ref != "" {
		pr["reference"] = ref
	}
	return pr
}

func edge(typ graph.EdgeType, from, to string) graph.Edge {
	return graph.Edge{Type: typ, From: from, To: to}
}

func fixture(tb testing.TB) *embedded.Store {
	tb.Helper()
	st := embedded.Memory()
	tb.Cleanup(func() { _ = st.Close() })
	var ns []graph.Node
	for _, id := range []string{a, b, c, d, e, z1, z2, ds, dm, dt, u1, u2, x, p, nodate} {
		ns = append(ns, node(id, nil))
	}
	ns = append(ns,
		node(p1, graph.Props{"reference": "2010/2308(INI)"}),
		node(e0, dated("2012-05-22", "")),
		node(e1, dated("2012-05-22", "")),
		node(e2, dated("2010-11-22", "COM(2010) 673")),
		node(d1, dated("2011-01-10", "SEC(2011) 10")),
		node(t0, dated("2012-06-01", "")),
		node(t1, dated("2012-06-01", "T7-0207/2012")),
		node(t2, dated("2012-06-02", "A7-0143/2012")),
	)
	es := []graph.Edge{
		edge(graph.Cites, a, b), edge(graph.Cites, b, c), edge(graph.Cites, c, a),
		edge(graph.RelatedTo, a, b),
		edge(graph.Cites, c, d), edge(graph.Cites, d, e),
		edge(graph.Authored, x, a), edge(graph.MemberOf, p, x),
		edge(graph.Cites, z1, z2),
		edge(graph.Cites, ds, dm), edge(graph.RelatedTo, ds, dm),
		edge(graph.Cites, dm, u1), edge(graph.Cites, dm, u2),
		edge(graph.Cites, u1, dt), edge(graph.Cites, u2, dt),
		edge(graph.HasEvent, p1, e0), edge(graph.HasEvent, p1, e1), edge(graph.HasEvent, p1, e2),
		edge(graph.HasDocument, p1, d1), edge(graph.HasDocument, p1, nodate),
		edge(graph.Produced, e1, t0), edge(graph.Produced, e1, t1), edge(graph.Produced, e1, t2),
		edge(graph.ResponsibleFor, x, p1),
	}
	if _, err := st.Apply(context.Background(), graph.Batch{Nodes: ns, Edges: es}); err != nil {
		tb.Fatalf("Apply: %v", err)
	}
	return st
}

// nodeStrs renders nodes as "id@distance#degree".
func nodeStrs(ns []graph.SubgraphNode) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = fmt.Sprintf("%s@%d#%d", n.Node.ID, n.Distance, n.Degree)
	}
	return out
}

func edgeStrs(es []graph.Edge) []string {
	out := make([]string, len(es))
	for i, x := range es {
		out[i] = x.ID()
	}
	return out
}

func key(typ graph.EdgeType, from, to string) string {
	return graph.EdgeKey{Type: typ, From: from, To: to}.String()
}

// Degrees in the whole fixture.
var degree = map[string]int{a: 4, b: 3, c: 3, d: 2, e: 1, x: 3, p: 1, z1: 1, z2: 1, ds: 2, dm: 4, u1: 2, u2: 2, dt: 2}

func at(id string, dist int) string { return fmt.Sprintf("%s@%d#%d", id, dist, degree[id]) }

func checkSubgraph(tb testing.TB, what string, got graph.Subgraph, nodes, edges []string, truncated bool) {
	tb.Helper()
	if g := nodeStrs(got.Nodes); !slices.Equal(g, nodes) {
		tb.Errorf("%s: nodes\n got %q\nwant %q", what, g, nodes)
	}
	if g := edgeStrs(got.Edges); !slices.Equal(g, edges) {
		tb.Errorf("%s: edges\n got %q\nwant %q", what, g, edges)
	}
	if got.Truncated != truncated {
		tb.Errorf("%s: truncated = %v, want %v", what, got.Truncated, truncated)
	}
}

func TestNeighbourhood(t *testing.T) {
	st := fixture(t)
	ring := []string{key(graph.Cites, a, b), key(graph.Cites, b, c), key(graph.Cites, c, a)}
	tests := []struct {
		name      string
		q         graph.NeighbourhoodQuery
		l         graph.Limits
		nodes     []string
		edges     []string
		truncated bool
	}{
		{"depth 0 means 1, both ways, edges between the last level too",
			graph.NeighbourhoodQuery{ID: a},
			graph.Limits{},
			[]string{at(a, 0), at(b, 1), at(c, 1), at(x, 1)},
			append(append([]string{key(graph.Authored, x, a)}, ring...), key(graph.RelatedTo, a, b)), false},
		{"out",
			graph.NeighbourhoodQuery{ID: a, Depth: 1, Direction: graph.Out}, graph.Limits{},
			[]string{at(a, 0), at(b, 1)},
			[]string{key(graph.Cites, a, b), key(graph.RelatedTo, a, b)}, false},
		{"in",
			graph.NeighbourhoodQuery{ID: a, Depth: 1, Direction: graph.In}, graph.Limits{},
			[]string{at(a, 0), at(c, 1), at(x, 1)},
			[]string{key(graph.Authored, x, a), key(graph.Cites, c, a)}, false},
		{"out closes the cycle at depth 2",
			graph.NeighbourhoodQuery{ID: a, Depth: 2, Direction: graph.Out}, graph.Limits{},
			[]string{at(a, 0), at(b, 1), at(c, 2)},
			append(slices.Clone(ring), key(graph.RelatedTo, a, b)), false},
		{"in does not see edges against the direction",
			graph.NeighbourhoodQuery{ID: b, Depth: 1, Direction: graph.In, Types: []graph.EdgeType{graph.Cites}}, graph.Limits{},
			[]string{at(b, 0), at(a, 1)},
			[]string{key(graph.Cites, a, b)}, false},
		{"edge types",
			graph.NeighbourhoodQuery{ID: a, Depth: 2, Types: []graph.EdgeType{graph.Cites}}, graph.Limits{},
			[]string{at(a, 0), at(b, 1), at(c, 1), at(d, 2)},
			append(slices.Clone(ring), key(graph.Cites, c, d)), false},
		{"every kind",
			graph.NeighbourhoodQuery{ID: p, Depth: 2}, graph.Limits{},
			[]string{at(p, 0), at(x, 1), at(a, 2), "procedure/p1@2#6"},
			[]string{key(graph.Authored, x, a), key(graph.MemberOf, p, x), key(graph.ResponsibleFor, x, p1)}, false},
		{"kinds: a node of another kind is not walked through",
			graph.NeighbourhoodQuery{ID: p, Depth: 2, Kinds: []graph.Kind{graph.Person, graph.Document}}, graph.Limits{},
			[]string{at(p, 0)}, []string{}, false},
		{"kinds: the start is included whatever its kind",
			graph.NeighbourhoodQuery{ID: x, Depth: 1, Kinds: []graph.Kind{graph.Document}}, graph.Limits{},
			[]string{at(x, 0), at(a, 1)},
			[]string{key(graph.Authored, x, a)}, false},
		{"limit cuts a level in id order",
			graph.NeighbourhoodQuery{ID: a, Depth: 2, Limit: 3}, graph.Limits{},
			[]string{at(a, 0), at(b, 1), at(c, 1)},
			append(slices.Clone(ring), key(graph.RelatedTo, a, b)), true},
		{"limit filled by a level, the next one is truncated",
			graph.NeighbourhoodQuery{ID: a, Depth: 2, Limit: 4}, graph.Limits{},
			[]string{at(a, 0), at(b, 1), at(c, 1), at(x, 1)},
			append(append([]string{key(graph.Authored, x, a)}, ring...), key(graph.RelatedTo, a, b)), true},
		{"limit filled at the last level is not truncated",
			graph.NeighbourhoodQuery{ID: a, Depth: 1, Limit: 4}, graph.Limits{},
			[]string{at(a, 0), at(b, 1), at(c, 1), at(x, 1)},
			append(append([]string{key(graph.Authored, x, a)}, ring...), key(graph.RelatedTo, a, b)), false},
		{"limit 1",
			graph.NeighbourhoodQuery{ID: a, Limit: 1}, graph.Limits{},
			[]string{at(a, 0)}, []string{}, true},
		{"disconnected part",
			graph.NeighbourhoodQuery{ID: z1, Depth: 3}, graph.Limits{},
			[]string{at(z1, 0), at(z2, 1)},
			[]string{key(graph.Cites, z1, z2)}, false},
		{"a raised depth cap",
			graph.NeighbourhoodQuery{ID: a, Depth: 5, Types: []graph.EdgeType{graph.Cites}, Direction: graph.Out},
			graph.Limits{MaxDepth: 5},
			[]string{at(a, 0), at(b, 1), at(c, 2), at(d, 3), at(e, 4)},
			append(slices.Clone(ring), key(graph.Cites, c, d), key(graph.Cites, d, e)), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := traverse.Neighbourhood(t.Context(), st, tc.q, tc.l)
			if err != nil {
				t.Fatalf("Neighbourhood: %v", err)
			}
			checkSubgraph(t, "Neighbourhood", got, tc.nodes, tc.edges, tc.truncated)
			if len(got.Nodes) > 0 && got.Nodes[0].Node.Name != "Node "+tc.q.ID {
				t.Errorf("start node = %+v, want the stored node", got.Nodes[0].Node)
			}
		})
	}
}

// pathStr renders a path as "id [edge] id [edge] id", after checking that
// each node's Distance is its position and each edge joins its
// neighbours.
func pathStr(tb testing.TB, pa graph.Path) string {
	tb.Helper()
	if len(pa.Nodes) != len(pa.Edges)+1 {
		tb.Fatalf("path with %d nodes and %d edges", len(pa.Nodes), len(pa.Edges))
	}
	parts := []string{pa.Nodes[0].Node.ID}
	for i, x := range pa.Edges {
		u, v := pa.Nodes[i].Node.ID, pa.Nodes[i+1].Node.ID
		if !(x.From == u && x.To == v) && !(x.From == v && x.To == u) {
			tb.Errorf("edge %s does not join %s and %s", x.ID(), u, v)
		}
		parts = append(parts, "["+x.ID()+"]", v)
	}
	for i, n := range pa.Nodes {
		if n.Distance != i {
			tb.Errorf("node %s at position %d has distance %d", n.Node.ID, i, n.Distance)
		}
		if want, ok := degree[n.Node.ID]; ok && n.Degree != want {
			tb.Errorf("node %s has degree %d, want %d", n.Node.ID, n.Degree, want)
		}
	}
	return strings.Join(parts, " ")
}

func path(ids ...string) string {
	// ids alternates node, edge key, node, ...
	parts := slices.Clone(ids)
	for i := 1; i < len(parts); i += 2 {
		parts[i] = "[" + parts[i] + "]"
	}
	return strings.Join(parts, " ")
}

func TestShortestPaths(t *testing.T) {
	st := fixture(t)
	abc := []string{a, key(graph.Cites, a, b), b, key(graph.Cites, b, c), c, key(graph.Cites, c, d), d}
	abcRel := slices.Clone(abc)
	abcRel[1] = key(graph.RelatedTo, a, b)
	smt := func(first graph.EdgeType, u string) string {
		return path(ds, key(first, ds, dm), dm, key(graph.Cites, dm, u), u, key(graph.Cites, u, dt), dt)
	}
	tsm := func(u string, last graph.EdgeType) string {
		return path(dt, key(graph.Cites, u, dt), u, key(graph.Cites, dm, u), dm, key(last, ds, dm), ds)
	}
	tests := []struct {
		name string
		q    graph.PathQuery
		l    graph.Limits
		want []string
	}{
		{"both ways, edges keep their direction",
			graph.PathQuery{From: a, To: d}, graph.Limits{},
			[]string{path(a, key(graph.Cites, c, a), c, key(graph.Cites, c, d), d)}},
		{"out: parallel edges give two paths",
			graph.PathQuery{From: a, To: d, Direction: graph.Out}, graph.Limits{},
			[]string{path(abc...), path(abcRel...)}},
		{"limit",
			graph.PathQuery{From: a, To: d, Direction: graph.Out, Limit: 1}, graph.Limits{},
			[]string{path(abc...)}},
		{"too far for maxDepth",
			graph.PathQuery{From: a, To: d, Direction: graph.Out, MaxDepth: 2}, graph.Limits{},
			nil},
		{"in walks edges backwards",
			graph.PathQuery{From: d, To: a, Direction: graph.In}, graph.Limits{},
			[]string{
				path(d, key(graph.Cites, c, d), c, key(graph.Cites, b, c), b, key(graph.Cites, a, b), a),
				path(d, key(graph.Cites, c, d), c, key(graph.Cites, b, c), b, key(graph.RelatedTo, a, b), a),
			}},
		{"against the direction there is none",
			graph.PathQuery{From: d, To: a, Direction: graph.Out, MaxDepth: 3}, graph.Limits{},
			nil},
		{"from == to",
			graph.PathQuery{From: a, To: a}, graph.Limits{},
			[]string{a}},
		{"disconnected",
			graph.PathQuery{From: a, To: z1}, graph.Limits{},
			nil},
		{"node ids decide before edges",
			graph.PathQuery{From: ds, To: dt, Direction: graph.Out}, graph.Limits{},
			[]string{smt(graph.Cites, u1), smt(graph.RelatedTo, u1), smt(graph.Cites, u2), smt(graph.RelatedTo, u2)}},
		{"the first paths in order",
			graph.PathQuery{From: ds, To: dt, Direction: graph.Out, Limit: 3}, graph.Limits{},
			[]string{smt(graph.Cites, u1), smt(graph.RelatedTo, u1), smt(graph.Cites, u2)}},
		{"the last edge varies fastest",
			graph.PathQuery{From: dt, To: ds}, graph.Limits{},
			[]string{tsm(u1, graph.Cites), tsm(u1, graph.RelatedTo), tsm(u2, graph.Cites), tsm(u2, graph.RelatedTo)}},
		{"edge types",
			graph.PathQuery{From: ds, To: dm, Types: []graph.EdgeType{graph.RelatedTo}}, graph.Limits{},
			[]string{path(ds, key(graph.RelatedTo, ds, dm), dm)}},
		{"across kinds",
			graph.PathQuery{From: x, To: d}, graph.Limits{},
			[]string{path(x, key(graph.Authored, x, a), a, key(graph.Cites, c, a), c, key(graph.Cites, c, d), d)}},
		{"beyond the default depth",
			graph.PathQuery{From: p, To: d}, graph.Limits{},
			nil},
		{"within a raised depth cap",
			graph.PathQuery{From: p, To: d, MaxDepth: 4}, graph.Limits{MaxDepth: 4},
			[]string{path(p, key(graph.MemberOf, p, x), x, key(graph.Authored, x, a), a, key(graph.Cites, c, a), c, key(graph.Cites, c, d), d)}},
	}
	// The same answers from the search here, from a PathFinder that hands
	// over every shortest path at once, and from one that has more than
	// ShortestPaths takes (the search runs here then).
	readers := map[string]traverse.Reader{"search": st, "finder": &finder{Store: st},
		"finder over": &finder{Store: st, over: true}, "finder unsupported": &finder{Store: st, unsupported: true}}
	for _, tc := range tests {
		for rn, r := range readers {
			t.Run(tc.name+"/"+rn, func(t *testing.T) {
				got, err := traverse.ShortestPaths(t.Context(), r, tc.q, tc.l)
				if err != nil {
					t.Fatalf("ShortestPaths: %v", err)
				}
				if tc.want == nil && got != nil {
					t.Errorf("ShortestPaths = %v, want nil", got)
				}
				var strs []string
				for _, pa := range got {
					strs = append(strs, pathStr(t, pa))
				}
				if !slices.Equal(strs, tc.want) {
					t.Errorf("ShortestPaths\n got %q\nwant %q", strs, tc.want)
				}
			})
		}
	}
	if f := readers["finder"].(*finder); f.calls == 0 {
		t.Error("ShortestPaths never asked the PathFinder")
	}
}

// finder is a traverse.PathFinder over the embedded store: every shortest
// path, found by the search, handed over in reverse order so that
// ShortestPaths must order and cut them itself; with over, more paths than
// max (which ShortestPaths must not use); with unsupported, it cannot, as
// a wrapper over a store without the interface.
type finder struct {
	*embedded.Store
	over, unsupported bool
	calls             int
}

func (f *finder) ShortestPathSet(ctx context.Context, q graph.PathQuery, max int) ([]graph.Path, []string, error) {
	f.calls++
	if f.unsupported {
		return nil, nil, traverse.ErrSkip
	}
	ns, err := f.GetNodes(ctx, []string{q.From, q.To})
	if err != nil {
		return nil, nil, err
	}
	var missing []string
	for i, id := range []string{q.From, q.To} {
		if ns[i] == nil {
			missing = append(missing, id)
		}
	}
	if missing != nil {
		return nil, missing, nil
	}
	if f.over {
		return make([]graph.Path, max+1), nil, nil
	}
	q.Limit = graph.MaxPathLimit
	ps, err := traverse.ShortestPaths(ctx, f.Store, q, graph.Limits{MaxDepth: graph.MaxDepthCap})
	slices.Reverse(ps)
	return ps, nil, err
}

func TestCitations(t *testing.T) {
	st := fixture(t)
	ring := []string{key(graph.Cites, a, b), key(graph.Cites, b, c), key(graph.Cites, c, a)}
	tests := []struct {
		name      string
		q         graph.CitationQuery
		nodes     []string
		edges     []string
		truncated bool
	}{
		{"cites, through the cycle, default depth",
			graph.CitationQuery{ID: a},
			[]string{at(a, 0), at(b, 1), at(c, 2), at(d, 3)},
			append(slices.Clone(ring), key(graph.Cites, c, d)), false},
		{"cited by",
			graph.CitationQuery{ID: a, Direction: graph.In},
			[]string{at(a, 0), at(c, 1), at(b, 2)},
			ring, false},
		{"cited by, depth cap",
			graph.CitationQuery{ID: e, Direction: graph.In},
			[]string{at(e, 0), at(d, 1), at(c, 2), at(b, 3)},
			[]string{key(graph.Cites, b, c), key(graph.Cites, c, d), key(graph.Cites, d, e)}, false},
		{"CITES only",
			graph.CitationQuery{ID: a, MaxDepth: 1},
			[]string{at(a, 0), at(b, 1)},
			[]string{key(graph.Cites, a, b)}, false},
		{"limit",
			graph.CitationQuery{ID: a, Limit: 2},
			[]string{at(a, 0), at(b, 1)},
			[]string{key(graph.Cites, a, b)}, true},
		{"limit reached at the depth cap",
			graph.CitationQuery{ID: a, MaxDepth: 2, Limit: 3},
			[]string{at(a, 0), at(b, 1), at(c, 2)},
			ring, false},
		{"cites nothing",
			graph.CitationQuery{ID: z2},
			[]string{at(z2, 0)}, []string{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := traverse.Citations(t.Context(), st, tc.q, graph.Limits{})
			if err != nil {
				t.Fatalf("Citations: %v", err)
			}
			checkSubgraph(t, "Citations", got, tc.nodes, tc.edges, tc.truncated)
		})
	}
}

func TestTimeline(t *testing.T) {
	st := fixture(t)
	date := func(s string) *graph.Date { v := graph.MustDate(s); return &v }
	entry := func(id, date, ref string) string { return id + " " + date + " " + ref }
	var (
		ee2 = entry(e2, "2010-11-22", "COM(2010) 673")
		ed1 = entry(d1, "2011-01-10", "SEC(2011) 10")
		ee0 = entry(e0, "2012-05-22", "")
		ee1 = entry(e1, "2012-05-22", "T7-0207/2012") // from tl-t1: tl-t0 has none
		et0 = entry(t0, "2012-06-01", "")
		et1 = entry(t1, "2012-06-01", "T7-0207/2012")
		et2 = entry(t2, "2012-06-02", "A7-0143/2012")
	)
	tests := []struct {
		name      string
		q         graph.TimelineQuery
		want      []string
		truncated bool
	}{
		{"a procedure: dated neighbours, date then id",
			graph.TimelineQuery{ID: p1}, []string{ee2, ed1, ee0, ee1}, false},
		{"inclusive bounds",
			graph.TimelineQuery{ID: p1, From: date("2011-01-10"), To: date("2012-05-22")}, []string{ed1, ee0, ee1}, false},
		{"from",
			graph.TimelineQuery{ID: p1, From: date("2011-01-11")}, []string{ee0, ee1}, false},
		{"to",
			graph.TimelineQuery{ID: p1, To: date("2010-11-22")}, []string{ee2}, false},
		{"limit",
			graph.TimelineQuery{ID: p1, Limit: 2}, []string{ee2, ed1}, true},
		{"limit not reached",
			graph.TimelineQuery{ID: p1, Limit: 4}, []string{ee2, ed1, ee0, ee1}, false},
		{"an event: itself and what it produced",
			graph.TimelineQuery{ID: e1}, []string{ee1, et0, et1, et2}, false},
		{"a dated document: itself and its event",
			graph.TimelineQuery{ID: t1}, []string{ee1, et1}, false},
		{"nothing dated",
			graph.TimelineQuery{ID: x}, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := traverse.Timeline(t.Context(), st, tc.q)
			if err != nil {
				t.Fatalf("Timeline: %v", err)
			}
			var strs []string
			for _, en := range got.Entries {
				strs = append(strs, entry(en.Node.ID, en.Date.String(), en.Reference))
			}
			if !slices.Equal(strs, tc.want) {
				t.Errorf("Timeline\n got %q\nwant %q", strs, tc.want)
			}
			if got.Truncated != tc.truncated {
				t.Errorf("Truncated = %v, want %v", got.Truncated, tc.truncated)
			}
		})
	}
}

func TestValidation(t *testing.T) {
	st := fixture(t)
	ctx := t.Context()
	nb := func(q graph.NeighbourhoodQuery) error {
		_, err := traverse.Neighbourhood(ctx, st, q, graph.Limits{})
		return err
	}
	sp := func(q graph.PathQuery) error {
		_, err := traverse.ShortestPaths(ctx, st, q, graph.Limits{})
		return err
	}
	fsp := func(q graph.PathQuery) error {
		_, err := traverse.ShortestPaths(ctx, &finder{Store: st}, q, graph.Limits{})
		return err
	}
	ci := func(q graph.CitationQuery) error {
		_, err := traverse.Citations(ctx, st, q, graph.Limits{})
		return err
	}
	tl := func(q graph.TimelineQuery) error {
		_, err := traverse.Timeline(ctx, st, q)
		return err
	}
	from, to := graph.MustDate("2012-01-02"), graph.MustDate("2012-01-01")
	tests := []struct {
		name   string
		err    error
		field  string
		reason string // a part of the reason; "" checks nothing
	}{
		{"neighbourhood: depth above the cap", nb(graph.NeighbourhoodQuery{ID: a, Depth: 4}), "depth", "at most 3"},
		{"neighbourhood: negative depth", nb(graph.NeighbourhoodQuery{ID: a, Depth: -1}), "depth", ""},
		{"neighbourhood: unknown edge type", nb(graph.NeighbourhoodQuery{ID: a, Types: []graph.EdgeType{"LIKES"}}), "edgeTypes", "LIKES"},
		{"neighbourhood: unknown kind", nb(graph.NeighbourhoodQuery{ID: a, Kinds: []graph.Kind{"Planet"}}), "kinds", "Planet"},
		{"neighbourhood: negative limit", nb(graph.NeighbourhoodQuery{ID: a, Limit: -1}), "limit", ""},
		{"neighbourhood: limit too high", nb(graph.NeighbourhoodQuery{ID: a, Limit: graph.MaxSubgraphLimit + 1}), "limit", ""},
		{"neighbourhood: unknown id", nb(graph.NeighbourhoodQuery{ID: "document/nope"}), "id", `no node "document/nope"`},
		{"neighbourhood: not an id", nb(graph.NeighbourhoodQuery{ID: "nope"}), "id", ""},
		{"paths: unknown from", sp(graph.PathQuery{From: "document/nope", To: a}), "from", `no node "document/nope"`},
		{"paths: unknown to", sp(graph.PathQuery{From: a, To: "agency/nope"}), "to", `no node "agency/nope"`},
		{"paths, a PathFinder: unknown from", fsp(graph.PathQuery{From: "document/nope", To: "agency/nope"}), "from", `no node "document/nope"`},
		{"paths, a PathFinder: unknown to", fsp(graph.PathQuery{From: a, To: "agency/nope"}), "to", `no node "agency/nope"`},
		{"paths: unknown from == to", sp(graph.PathQuery{From: "document/nope", To: "document/nope"}), "from", ""},
		{"paths: maxDepth above the cap", sp(graph.PathQuery{From: a, To: b, MaxDepth: 4}), "maxDepth", ""},
		{"paths: limit too high", sp(graph.PathQuery{From: a, To: b, Limit: graph.MaxPathLimit + 1}), "limit", ""},
		{"paths: unknown edge type", sp(graph.PathQuery{From: a, To: b, Types: []graph.EdgeType{"cites"}}), "edgeTypes", ""},
		{"citations: not a document", ci(graph.CitationQuery{ID: x}), "id", "Document"},
		{"citations: unknown document", ci(graph.CitationQuery{ID: "document/nope"}), "id", `no node "document/nope"`},
		{"citations: both ways", ci(graph.CitationQuery{ID: a, Direction: graph.Both}), "direction", ""},
		{"citations: maxDepth above the cap", ci(graph.CitationQuery{ID: a, MaxDepth: 4}), "maxDepth", ""},
		{"timeline: unknown id", tl(graph.TimelineQuery{ID: "event/nope"}), "id", `no node "event/nope"`},
		{"timeline: to before from", tl(graph.TimelineQuery{ID: p1, From: &from, To: &to}), "to", ""},
		{"timeline: negative limit", tl(graph.TimelineQuery{ID: p1, Limit: -1}), "limit", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ve *graph.ValidationError
			if !errors.As(tc.err, &ve) || !errors.Is(tc.err, graph.ErrInvalid) {
				t.Fatalf("err = %v, want a *graph.ValidationError", tc.err)
			}
			if ve.Field != tc.field || !strings.Contains(ve.Reason, tc.reason) {
				t.Errorf("err = %+v, want field %q, reason containing %q", ve, tc.field, tc.reason)
			}
		})
	}
}

// recorder is a Reader that records the size of every batch, and can fail
// a read or run a hook after one.
type recorder struct {
	traverse.Reader
	mu     sync.Mutex
	calls  map[string][]int // op -> ids per call
	failOn string
	fail   error
	afterE func() // after each Edges call
}

func (r *recorder) note(op string, n int) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.calls == nil {
		r.calls = map[string][]int{}
	}
	r.calls[op] = append(r.calls[op], n)
	if op == r.failOn {
		return r.fail
	}
	return nil
}

func (r *recorder) GetNodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	if err := r.note("GetNodes", len(ids)); err != nil {
		return nil, err
	}
	return r.Reader.GetNodes(ctx, ids)
}

func (r *recorder) Edges(ctx context.Context, q graph.EdgeQuery) (map[string][]graph.Edge, error) {
	if err := r.note("Edges", len(q.IDs)); err != nil {
		return nil, err
	}
	if r.afterE != nil {
		defer r.afterE()
	}
	return r.Reader.Edges(ctx, q)
}

func (r *recorder) Degrees(ctx context.Context, ids []string) ([]int, error) {
	if err := r.note("Degrees", len(ids)); err != nil {
		return nil, err
	}
	return r.Reader.Degrees(ctx, ids)
}

// total is the number of calls of every op.
func (r *recorder) total() int {
	n := 0
	for _, c := range r.calls {
		n += len(c)
	}
	return n
}

// checkBatches checks that no read had more than graph.MaxBatchIDs ids,
// and that op had a full batch: the walk was chunked.
func (r *recorder) checkBatches(tb testing.TB, op string) {
	tb.Helper()
	full := false
	for o, ns := range r.calls {
		for _, n := range ns {
			if n > graph.MaxBatchIDs {
				tb.Errorf("%s read %d ids at once", o, n)
			}
			full = full || (o == op && n == graph.MaxBatchIDs)
		}
	}
	if !full {
		tb.Errorf("%s was never called with %d ids: %v", op, graph.MaxBatchIDs, r.calls[op])
	}
}

// star writes a hub cited by n leaves, each leaf dated n days after
// 2000-01-01 and citing a far node of its own, which cites hub2:
// hub <- leaf-i -> far-i -> hub2.
func star(tb testing.TB, n int) *embedded.Store {
	tb.Helper()
	st := embedded.Memory()
	tb.Cleanup(func() { _ = st.Close() })
	day := graph.MustDate("2000-01-01").Time()
	apply := func(ns []graph.Node, es []graph.Edge) {
		if _, err := st.Apply(context.Background(), graph.Batch{Nodes: ns, Edges: es}); err != nil {
			tb.Fatalf("Apply: %v", err)
		}
	}
	apply([]graph.Node{node("document/hub", nil), node("document/hub2", nil)}, nil)
	for i := 0; i < n; i += 1000 {
		var ns []graph.Node
		var es []graph.Edge
		for j := i; j < min(i+1000, n); j++ {
			leaf, far := fmt.Sprintf("document/leaf-%04d", j), fmt.Sprintf("document/far-%04d", j)
			ns = append(ns,
				node(leaf, graph.Props{"date": graph.DateOf(day.AddDate(0, 0, j))}),
				node(far, nil))
			es = append(es, edge(graph.Cites, leaf, "document/hub"), edge(graph.Cites, leaf, far), edge(graph.Cites, far, "document/hub2"))
		}
		apply(ns, es)
	}
	return st
}

func TestChunking(t *testing.T) {
	const n = 2500
	st := star(t, n)
	leaf := func(i int) string { return fmt.Sprintf("document/leaf-%04d", i) }

	t.Run("neighbourhood", func(t *testing.T) {
		r := &recorder{Reader: st}
		got, err := traverse.Neighbourhood(t.Context(), r, graph.NeighbourhoodQuery{ID: "document/hub", Limit: graph.MaxSubgraphLimit}, graph.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Nodes) != graph.MaxSubgraphLimit || !got.Truncated {
			t.Fatalf("%d nodes, truncated %v; want %d, true", len(got.Nodes), got.Truncated, graph.MaxSubgraphLimit)
		}
		if h := got.Nodes[0]; h.Node.ID != "document/hub" || h.Degree != n {
			t.Errorf("first node %s#%d, want the hub with degree %d", h.Node.ID, h.Degree, n)
		}
		if l := got.Nodes[len(got.Nodes)-1]; l.Node.ID != leaf(998) || l.Distance != 1 || l.Degree != 2 {
			t.Errorf("last node %s@%d#%d, want %s@1#2", l.Node.ID, l.Distance, l.Degree, leaf(998))
		}
		if len(got.Edges) != 999 {
			t.Errorf("%d edges, want 999", len(got.Edges))
		}
		r.checkBatches(t, "Degrees")
	})
	t.Run("citations", func(t *testing.T) {
		got, err := traverse.Citations(t.Context(), st, graph.CitationQuery{ID: "document/hub", Direction: graph.In, Limit: 10}, graph.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Nodes) != 10 || !got.Truncated || got.Nodes[9].Node.ID != leaf(8) {
			t.Errorf("citations: %q truncated %v", nodeStrs(got.Nodes), got.Truncated)
		}
	})
	t.Run("timeline", func(t *testing.T) {
		r := &recorder{Reader: st}
		got, err := traverse.Timeline(t.Context(), r, graph.TimelineQuery{ID: "document/hub", Limit: graph.MaxTimelineLimit})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Entries) != graph.MaxTimelineLimit || !got.Truncated {
			t.Fatalf("%d entries, truncated %v", len(got.Entries), got.Truncated)
		}
		if f, l := got.Entries[0], got.Entries[len(got.Entries)-1]; f.Node.ID != leaf(0) || f.Date.String() != "2000-01-01" || l.Node.ID != leaf(999) {
			t.Errorf("entries from %s %s to %s", f.Node.ID, f.Date, l.Node.ID)
		}
		r.checkBatches(t, "GetNodes")
	})
	t.Run("shortest paths", func(t *testing.T) {
		r := &recorder{Reader: st}
		got, err := traverse.ShortestPaths(t.Context(), r, graph.PathQuery{From: "document/hub", To: "document/hub2", Limit: 3}, graph.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		var strs []string
		for _, pa := range got {
			strs = append(strs, pathStr(t, pa))
		}
		var want []string
		for i := range 3 {
			l, f := leaf(i), fmt.Sprintf("document/far-%04d", i)
			want = append(want, path("document/hub", key(graph.Cites, l, "document/hub"), l, key(graph.Cites, l, f), f, key(graph.Cites, f, "document/hub2"), "document/hub2"))
		}
		if !slices.Equal(strs, want) {
			t.Errorf("paths\n got %q\nwant %q", strs, want)
		}
		// Both frontiers grow to n before they meet, so one of them
		// is read in chunks.
		r.checkBatches(t, "Edges")
	})
}

func TestCancelled(t *testing.T) {
	st := fixture(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	r := &recorder{Reader: st}
	calls := map[string]func() error{
		"Neighbourhood": func() error {
			_, err := traverse.Neighbourhood(ctx, r, graph.NeighbourhoodQuery{ID: a}, graph.Limits{})
			return err
		},
		"ShortestPaths": func() error {
			_, err := traverse.ShortestPaths(ctx, r, graph.PathQuery{From: a, To: d}, graph.Limits{})
			return err
		},
		"Citations": func() error {
			_, err := traverse.Citations(ctx, r, graph.CitationQuery{ID: a}, graph.Limits{})
			return err
		},
		"Timeline": func() error {
			_, err := traverse.Timeline(ctx, r, graph.TimelineQuery{ID: p1})
			return err
		},
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v, want context.Canceled", name, err)
		}
	}
	if n := r.total(); n != 0 {
		t.Errorf("%d reads after the context was cancelled: %v", n, r.calls)
	}
}

// TestDeadlineStopsTheWalk cancels the context once the first level is
// read: the walk stops before it reads another.
func TestDeadlineStopsTheWalk(t *testing.T) {
	st := fixture(t)
	ctx, cancel := context.WithDeadline(t.Context(), time.Now().Add(time.Hour))
	defer cancel()
	r := &recorder{Reader: st, afterE: cancel}
	_, err := traverse.Neighbourhood(ctx, r, graph.NeighbourhoodQuery{ID: a, Depth: 3}, graph.Limits{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got := len(r.calls["Edges"]); got != 1 {
		t.Errorf("%d Edges reads, want 1: the walk goes on after the deadline", got)
	}
	if len(r.calls["Degrees"]) != 0 {
		t.Errorf("Degrees read after the deadline")
	}
}

func TestReaderErrors(t *testing.T) {
	st := fixture(t)
	boom := fmt.Errorf("boom: %w", graph.ErrUnavailable)
	tests := []struct {
		op, prefix string
		call       func(r traverse.Reader) error
	}{
		{"Edges", "traverse: neighbourhood: ", func(r traverse.Reader) error {
			_, err := traverse.Neighbourhood(t.Context(), r, graph.NeighbourhoodQuery{ID: a}, graph.Limits{})
			return err
		}},
		{"Degrees", "traverse: citations: ", func(r traverse.Reader) error {
			_, err := traverse.Citations(t.Context(), r, graph.CitationQuery{ID: a}, graph.Limits{})
			return err
		}},
		{"GetNodes", "traverse: shortest paths: ", func(r traverse.Reader) error {
			_, err := traverse.ShortestPaths(t.Context(), r, graph.PathQuery{From: a, To: d}, graph.Limits{})
			return err
		}},
		{"Edges", "traverse: timeline: ", func(r traverse.Reader) error {
			_, err := traverse.Timeline(t.Context(), r, graph.TimelineQuery{ID: p1})
			return err
		}},
	}
	for _, tc := range tests {
		err := tc.call(&recorder{Reader: st, failOn: tc.op, fail: boom})
		if !errors.Is(err, graph.ErrUnavailable) || !strings.HasPrefix(err.Error(), tc.prefix) {
			t.Errorf("%s failing: err = %v, want %q wrapping ErrUnavailable", tc.op, err, tc.prefix)
		}
	}
}
