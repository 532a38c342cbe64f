package resolvers_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

// The acceptance questions of the analyst queries, over the whole seeded
// ISS dataset: each answer is compared with a golden file under
// testdata/analysis/ and its key facts are asserted in Go.

type sgNode struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`
	Label    string `json:"label"`
	Degree   int    `json:"degree"`
	Distance int    `json:"distance"`
}

type sgEdge struct {
	ID     string `json:"id"`
	Type   string `json:"type"`
	Source string `json:"source"`
	Target string `json:"target"`
}

type subgraph struct {
	Nodes     []sgNode `json:"nodes"`
	Edges     []sgEdge `json:"edges"`
	Truncated bool     `json:"truncated"`
}

type path struct {
	Length int      `json:"length"`
	Nodes  []sgNode `json:"nodes"`
	Edges  []sgEdge `json:"edges"`
}

func seededEnv(t *testing.T) *env {
	return &env{t: t, client: seededClient(t)}
}

// ask runs query on the seeded graph, compares it with the golden file and
// decodes its data into out.
func ask(t *testing.T, name, query string, out any) {
	t.Helper()
	res := seededEnv(t).do(query)
	golden(t, "analysis/"+name, res)
	if err := json.Unmarshal(res.Data, out); err != nil {
		t.Fatalf("decoding %s: %v", res.Data, err)
	}
}

const sgFields = `nodes { id kind label degree distance } edges { id type source target } truncated`

func TestShortestPathFromGomesToMalmstrom(t *testing.T) {
	var a struct {
		ShortestPath *path `json:"shortestPath"`
		All          []path
		Shorter      *path `json:"shorter"`
	}
	ask(t, "shortest-path-gomes-malmstrom", `{
		shortestPath(from: "person/ana-gomes", to: "person/cecilia-malmstrom") { length nodes { id kind label degree distance } edges { id type source target } }
		All: allShortestPaths(from: "person/ana-gomes", to: "person/cecilia-malmstrom", limit: 100) { length nodes { id } edges { id type source target } }
	}`, &a)
	p := a.ShortestPath
	if p == nil {
		t.Fatal("no path from Ana Gomes to Cecilia Malmström")
	}
	checkPath(t, *p, "person/ana-gomes", "person/cecilia-malmstrom")
	if len(a.All) == 0 || a.All[0].Length != p.Length {
		t.Fatalf("allShortestPaths = %d paths, first of length %v; want the shortest path's length %d", len(a.All), a.All, p.Length)
	}
	for _, q := range a.All {
		checkPath(t, q, "person/ana-gomes", "person/cecilia-malmstrom")
		if q.Length != p.Length {
			t.Errorf("a path of length %d among the shortest (%d)", q.Length, p.Length)
		}
	}
	// Shortest: nothing shorter exists.
	var none struct{ ShortestPath *path }
	seededEnv(t).ok(`{ shortestPath(from: "person/ana-gomes", to: "person/cecilia-malmstrom", maxDepth: `+itoa(p.Length-1)+`) { length } }`, &none)
	if none.ShortestPath != nil {
		t.Errorf("a path of length %d exists below the shortest %d", none.ShortestPath.Length, p.Length)
	}
}

// checkPath asserts that p runs from one node to the other, that each edge
// joins the nodes beside it, and that positions count up.
func checkPath(t *testing.T, p path, from, to string) {
	t.Helper()
	if len(p.Nodes) != p.Length+1 || len(p.Edges) != p.Length {
		t.Fatalf("path of length %d has %d nodes and %d edges", p.Length, len(p.Nodes), len(p.Edges))
	}
	if p.Nodes[0].ID != from || p.Nodes[p.Length].ID != to {
		t.Fatalf("path runs %s -> %s, want %s -> %s", p.Nodes[0].ID, p.Nodes[p.Length].ID, from, to)
	}
	for i, e := range p.Edges {
		a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
		if !(e.Source == a && e.Target == b) && !(e.Source == b && e.Target == a) {
			t.Errorf("edge %d (%s) does not join %s and %s", i, e.ID, a, b)
		}
	}
	for i, n := range p.Nodes {
		if n.Distance != 0 && n.Distance != i {
			t.Errorf("node %d (%s) has position %d", i, n.ID, n.Distance)
		}
	}
}

func TestWhatCOM2014365CitesToDepth2(t *testing.T) {
	var a struct{ Citations subgraph }
	ask(t, "citations-com-2014-0365-depth-2", `{ citations(reference: "COM(2014) 365", maxDepth: 2) { `+sgFields+` } }`, &a)
	sg := a.Citations
	if len(sg.Nodes) == 0 || sg.Nodes[0].ID != "document/com-2014-0365" || sg.Nodes[0].Distance != 0 {
		t.Fatalf("the chain does not start at COM(2014) 365: %+v", sg.Nodes)
	}
	dist := map[string]int{}
	for _, n := range sg.Nodes {
		dist[n.ID] = n.Distance
		if n.Kind != "DOCUMENT" || n.Distance > 2 {
			t.Errorf("%s: kind %s at distance %d", n.ID, n.Kind, n.Distance)
		}
	}
	if _, ok := dist["document/com-2010-0673"]; !ok || dist["document/com-2010-0673"] != 1 {
		t.Errorf("COM(2010) 673, which the report cites, is at distance %d (present: %v)", dist["document/com-2010-0673"], ok)
	}
	var far bool
	reached := map[string]bool{"document/com-2014-0365": true}
	for _, e := range sg.Edges {
		if e.Type != "CITES" {
			t.Errorf("edge %s is not CITES", e.ID)
		}
		if dist[e.Target] == dist[e.Source]+1 {
			reached[e.Target] = true
		}
	}
	for _, n := range sg.Nodes {
		if !reached[n.ID] {
			t.Errorf("%s at distance %d is cited by nothing one step closer", n.ID, n.Distance)
		}
		far = far || n.Distance == 2
	}
	if !far {
		t.Error("nothing at distance 2: the chain stops at the documents the report cites directly")
	}
}

func TestSearchCybercrimeCentreFindsEC3First(t *testing.T) {
	var a struct {
		Search struct {
			Edges []struct {
				Node  struct{ ID string }
				Score float64
				Field string
			}
		}
	}
	ask(t, "search-cybercrime-centre", `{ search(text: "cybercrime centre", first: 5) { edges { node { id name } score field } pageInfo { hasNextPage } } }`, &a)
	hits := a.Search.Edges
	if len(hits) == 0 || hits[0].Node.ID != "agency/ec3" {
		t.Fatalf("first hit %+v, want agency/ec3", hits)
	}
	if hits[0].Field != "NAME" {
		t.Errorf("EC3 matched in %s, want NAME", hits[0].Field)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("hit %d scores %v above hit %d (%v)", i, hits[i].Score, i-1, hits[i-1].Score)
		}
	}
	// A reference in any spelling, or an alias, finds its document first.
	for _, text := range []string{"COM(2010)0673", "COM/2010/673", "16797/10"} {
		var b struct {
			Search struct {
				Edges []struct {
					Node  struct{ ID string }
					Field string
				}
			}
		}
		seededEnv(t).ok(`{ search(text: `+quote(text)+`, first: 1) { edges { node { id } field } } }`, &b)
		if len(b.Search.Edges) != 1 || b.Search.Edges[0].Node.ID != "document/com-2010-0673" || b.Search.Edges[0].Field != "REFERENCE" {
			t.Errorf("search %q = %+v, want document/com-2010-0673 by REFERENCE", text, b.Search.Edges)
		}
	}
}

func TestTimelineOf2010_2308INI(t *testing.T) {
	var a struct {
		Timeline struct {
			Entries []struct {
				Date      string
				Kind      string
				Label     string
				Reference *string
				Node      struct{ ID string }
			}
			Truncated bool
		}
	}
	ask(t, "timeline-2010-2308-ini", `{ timeline(procedure: "2010/2308(INI)") { entries { date kind label reference node { id } } truncated } }`, &a)
	es := a.Timeline.Entries
	if len(es) < 5 || a.Timeline.Truncated {
		t.Fatalf("%d entries, truncated %v", len(es), a.Timeline.Truncated)
	}
	var decision, report bool
	for i, e := range es {
		if i > 0 && e.Date < es[i-1].Date {
			t.Errorf("entry %d (%s) dated %s before entry %d (%s)", i, e.Node.ID, e.Date, i-1, es[i-1].Date)
		}
		if e.Node.ID == "event/2010-2308-ini/2012-05-22-decision-by-parliament" {
			decision = e.Date == "2012-05-22"
		}
		if e.Reference != nil && *e.Reference == "A7-0143/2012" {
			report = true
		}
	}
	if !decision {
		t.Error("no decision by Parliament on 2012-05-22")
	}
	if !report {
		t.Error("no entry carries the committee report's reference A7-0143/2012")
	}
	// Bounds are inclusive and narrow the timeline.
	var b struct {
		Timeline struct {
			Entries []struct{ Date string }
		}
	}
	seededEnv(t).ok(`{ timeline(procedure: "2010/2308(INI)", from: "2012-05-22", to: "2012-05-22") { entries { date } } }`, &b)
	if len(b.Timeline.Entries) == 0 {
		t.Error("nothing on 2012-05-22")
	}
	for _, e := range b.Timeline.Entries {
		if e.Date != "2012-05-22" {
			t.Errorf("entry dated %s outside the bounds", e.Date)
		}
	}
}

func TestNeighbourhoodOfCOSI(t *testing.T) {
	var a struct{ Neighbourhood subgraph }
	ask(t, "neighbourhood-cosi", `{ neighbourhood(id: "institution/cosi") { `+sgFields+` } }`, &a)
	sg := a.Neighbourhood
	if len(sg.Nodes) < 3 || sg.Nodes[0].ID != "institution/cosi" || sg.Nodes[0].Distance != 0 {
		t.Fatalf("neighbourhood of COSI starts %+v", sg.Nodes[:min(len(sg.Nodes), 1)])
	}
	in := map[string]bool{}
	for _, n := range sg.Nodes {
		in[n.ID] = true
	}
	touch := map[string]bool{}
	for _, e := range sg.Edges {
		if !in[e.Source] || !in[e.Target] {
			t.Errorf("edge %s leaves the subgraph", e.ID)
		}
		if e.Source == "institution/cosi" {
			touch[e.Target] = true
		}
		if e.Target == "institution/cosi" {
			touch[e.Source] = true
		}
	}
	for _, n := range sg.Nodes[1:] {
		if n.Distance != 1 || !touch[n.ID] {
			t.Errorf("%s at distance %d, joined to COSI: %v", n.ID, n.Distance, touch[n.ID])
		}
		if n.Degree < 1 {
			t.Errorf("%s has degree %d", n.ID, n.Degree)
		}
	}
	if sg.Nodes[0].Degree != len(sg.Nodes)-1 && !sg.Truncated {
		t.Errorf("COSI's degree %d, but %d neighbours", sg.Nodes[0].Degree, len(sg.Nodes)-1)
	}
}

func TestStatsRankings(t *testing.T) {
	var a struct {
		Stats struct {
			Nodes, Edges  int
			MostCited     []ranked
			MostConnected []ranked
			Centrality    []ranked
		}
	}
	ask(t, "stats-rankings", `{ stats {
		nodes edges
		mostCited(first: 5) { rank score node { id name } }
		mostConnected(kinds: [AGENCY], first: 5) { rank score node { id name } }
		centrality(first: 5) { rank score node { id name } }
	} }`, &a)
	s := a.Stats
	if len(s.MostCited) != 5 || s.MostCited[0].Node.ID != "document/com-2010-0673" {
		t.Errorf("most cited = %+v, want COM(2010) 673 first: the strategy every later text refers to", s.MostCited)
	}
	for _, list := range [][]ranked{s.MostCited, s.MostConnected, s.Centrality} {
		for i, r := range list {
			if r.Rank != i+1 || (i > 0 && r.Score > list[i-1].Score) {
				t.Errorf("ranking out of order at %d: %+v", i, list)
			}
		}
	}
	for _, r := range s.MostConnected {
		if !strings.HasPrefix(r.Node.ID, "agency/") {
			t.Errorf("mostConnected(kinds: [AGENCY]) lists %s", r.Node.ID)
		}
	}
	var sum float64
	for _, r := range s.Centrality {
		if r.Score <= 0 || r.Score >= 1 {
			t.Errorf("PageRank weight %v out of (0,1)", r.Score)
		}
		sum += r.Score
	}
	if sum >= 1 {
		t.Errorf("the top five PageRank weights sum to %v, all weights sum to 1", sum)
	}
}

type ranked struct {
	Rank  int
	Score float64
	Node  struct{ ID, Name string }
}

func TestAnalysisInputErrors(t *testing.T) {
	for _, c := range []struct {
		name, query, field string
	}{
		{"depth zero", `{ neighbourhood(id: "agency/europol", depth: 0) { truncated } }`, "depth"},
		{"depth above the cap", `{ neighbourhood(id: "agency/europol", depth: 4) { truncated } }`, "depth"},
		{"limit too high", `{ neighbourhood(id: "agency/europol", limit: 5000) { truncated } }`, "limit"},
		{"unknown id", `{ neighbourhood(id: "agency/nobody") { truncated } }`, "id"},
		{"not an id", `{ neighbourhood(id: "europol") { truncated } }`, "id"},
		{"unknown edge type", `{ neighbourhood(id: "agency/europol", edgeTypes: [FUNDS]) { truncated } }`, ""},
		{"path to nowhere", `{ shortestPath(from: "agency/europol", to: "agency/nobody") { length } }`, "to"},
		{"path too deep", `{ allShortestPaths(from: "agency/europol", to: "agency/ec3", maxDepth: 11) { length } }`, "maxDepth"},
		{"paths limit", `{ allShortestPaths(from: "agency/europol", to: "agency/ec3", limit: 101) { length } }`, "limit"},
		{"citations of an unknown reference", `{ citations(reference: "COM(2099) 1") { truncated } }`, "reference"},
		{"citations of a malformed reference", `{ citations(reference: "COM 2010") { truncated } }`, "reference"},
		{"citations of a procedure", `{ citations(id: "procedure/2010-2308-ini") { truncated } }`, ""},
		{"citations by id and reference", `{ citations(id: "document/com-2010-0673", reference: "COM(2010) 673") { truncated } }`, ""},
		{"empty search", `{ search(text: "  ") { edges { score } } }`, "text"},
		{"search page too large", `{ search(text: "europol", first: 101) { edges { score } } }`, "first"},
		{"foreign cursor", `{ search(text: "europol", after: "bm9wZQ") { edges { score } } }`, "after"},
		{"timeline of both", `{ timeline(procedure: "2010/2308(INI)", id: "agency/europol") { truncated } }`, ""},
		{"timeline backwards", `{ timeline(id: "procedure/2010-2308-ini", from: "2013-01-01", to: "2012-01-01") { truncated } }`, "to"},
		{"timeline of an unknown procedure", `{ timeline(procedure: "2099/1(INI)") { truncated } }`, "procedure"},
		{"ranking too long", `{ stats { mostConnected(first: 1000) { rank } } }`, "first"},
		{"PageRank inwards", `{ stats { centrality(direction: IN) { rank } } }`, "direction"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ge := newEnv(t).fails(c.query, "BAD_USER_INPUT")
			if c.field != "" && ge.Extensions["field"] != c.field {
				t.Errorf("field %v, want %q (%s)", ge.Extensions["field"], c.field, ge.Message)
			}
			if strings.Contains(ge.Message, "embedded") || strings.Contains(ge.Message, "traverse") {
				t.Errorf("message leaks internals: %q", ge.Message)
			}
		})
	}
}

func TestAnalysisStoreDown(t *testing.T) {
	e := newEnv(t, wrapStore(func(s graph.Store) graph.Store { return failing{Store: s, err: graph.ErrUnavailable} }))
	for _, q := range []string{
		`{ neighbourhood(id: "agency/europol") { truncated } }`,
		`{ search(text: "europol") { edges { score } } }`,
		`{ stats { centrality { rank } } }`,
	} {
		e.fails(q, "UNAVAILABLE")
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

func jsonList(s []string) string { b, _ := json.Marshal(s); return string(b) }

// A large limit makes a deep selection under the subgraph too costly to
// run, as a large page does for a list.
func TestSubgraphLimitCountsTowardsComplexity(t *testing.T) {
	deep := `nodes { node { relationships { other { relationships { other { name } } } } } }`
	e := newEnv(t)
	e.ok(`{ neighbourhood(id: "agency/europol", limit: 10) { `+deep+` } }`, nil)
	ge := e.fails(`{ neighbourhood(id: "agency/europol", limit: 1000) { `+deep+` } }`, "COMPLEXITY_LIMIT_EXCEEDED")
	if !strings.Contains(ge.Message, "complexity") {
		t.Errorf("message %q", ge.Message)
	}
}
