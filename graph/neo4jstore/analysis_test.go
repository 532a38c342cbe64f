package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/search"
)

// These tests drive Degrees, Rank and Search on the recording fake: the
// statement chosen, the parameters sent, the transaction kind, and how
// records become results. What the Cypher computes is checked against a
// real Neo4j by the conformance suite (graphtest).

func TestDegrees(t *testing.T) {
	ctx := context.Background()
	s, be := newFake(t)
	be.respond = respondWith(map[string]func(map[string]any) result{"degrees": func(p map[string]any) result {
		ids := p["ids"].([]string)
		if strings.Join(ids, " ") != "agency/b document/missing document/a" {
			t.Errorf("ids sent %v: want each id once, in first-seen order", ids)
		}
		return result{records: []*neoRecord{
			rec("id", "document/a", "degree", int64(3)),
			rec("id", "agency/b", "degree", int64(0)),
			rec("id", "document/missing", "degree", int64(0)),
		}}
	}})
	got, err := s.Degrees(ctx, []string{"agency/b", "document/missing", "document/a", "agency/b"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []int{0, 0, 3, 0}) {
		t.Errorf("Degrees = %v, want [0 0 3 0]", got)
	}
	cs := be.recorded()
	if len(cs) != 1 || cs[0].st.key != "degrees" || cs[0].write {
		t.Errorf("ran %s (write %v); want one read of degrees", names(cs), len(cs) == 1 && cs[0].write)
	}

	// An id the server does not answer for has degree 0.
	be.respond = respondWith(map[string]func(map[string]any) result{"degrees": func(map[string]any) result { return result{} }})
	if got, err := s.Degrees(ctx, []string{"document/a"}); err != nil || !slices.Equal(got, []int{0}) {
		t.Errorf("no rows: %v, %v; want [0]", got, err)
	}

	// Limits are checked before any statement runs.
	before := len(be.recorded())
	if _, err := s.Degrees(ctx, make([]string, graph.MaxBatchIDs+1)); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("too many ids: %v, want ErrInvalid", err)
	}
	if got, err := s.Degrees(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("no ids: %v, %v", got, err)
	}
	if n := len(be.recorded()); n != before {
		t.Errorf("%d statements ran for too many ids or none", n-before)
	}
	if got, err := s.Degrees(ctx, make([]string, graph.MaxBatchIDs)); err != nil || len(got) != graph.MaxBatchIDs {
		t.Errorf("MaxBatchIDs ids: %d degrees, %v", len(got), err)
	}
}

func TestDegreesBadRecords(t *testing.T) {
	for name, r := range map[string]*neoRecord{
		"degree as a float": rec("id", "document/a", "degree", 3.0),
		"null degree":       rec("id", "document/a", "degree", nil),
		"no id":             rec("degree", int64(1)),
		"id not a string":   rec("id", int64(1), "degree", int64(1)),
	} {
		s, be := newFake(t)
		be.respond = respondWith(map[string]func(map[string]any) result{"degrees": func(map[string]any) result {
			return result{records: []*neoRecord{r}}
		}})
		if _, err := s.Degrees(context.Background(), []string{"document/a"}); !errors.Is(err, errRecord) {
			t.Errorf("%s: %v, want errRecord", name, err)
		}
	}
}

func TestRankParams(t *testing.T) {
	cases := []struct {
		name               string
		q                  graph.RankQuery
		stmt               string
		outgoing, incoming bool
	}{
		{"degree, default direction is both", graph.RankQuery{Measure: graph.MeasureDegree}, "rank_degree", true, true},
		{"degree in", graph.RankQuery{Measure: graph.MeasureDegree, Direction: graph.In}, "rank_degree", false, true},
		{"degree out", graph.RankQuery{Measure: graph.MeasureDegree, Direction: graph.Out}, "rank_degree", true, false},
		{"pagerank, default direction is out", graph.RankQuery{Measure: graph.MeasurePageRank}, "rank_pagerank", true, false},
		{"pagerank both", graph.RankQuery{Measure: graph.MeasurePageRank, Direction: graph.Both}, "rank_pagerank", true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, be := newFake(t)
			q := tc.q
			q.Types = []graph.EdgeType{graph.Cites, graph.EdgeTypes[0].Type, graph.Cites}
			q.Kinds = []graph.Kind{graph.Document, graph.Agency}
			q.IDPrefix = "document/x-"
			q.Limit = 7
			if _, err := s.Rank(context.Background(), q); err != nil {
				t.Fatal(err)
			}
			cs := be.recorded()
			if len(cs) != 1 || cs[0].st.key != tc.stmt || cs[0].write {
				t.Fatalf("ran %s; want one read of %s", names(cs), tc.stmt)
			}
			nq, _ := q.Normalize()
			types := make([]string, len(nq.Types))
			for i, et := range nq.Types {
				types[i] = string(et)
			}
			want := map[string]any{
				"types": types, "kinds": []string{"Agency", "Document"}, "idPrefix": "document/x-", "limit": int64(7),
				"outgoing": tc.outgoing, "incoming": tc.incoming,
			}
			if tc.stmt == "rank_pagerank" {
				want["damping"] = graph.PageRankDamping
				want["iterations"] = int64(graph.PageRankIterations)
				want["tieMargin"] = tieMargin
			}
			if !reflect.DeepEqual(cs[0].params, want) {
				t.Errorf("params %#v\nwant   %#v", cs[0].params, want)
			}
		})
	}
}

// The PageRank constants reach Cypher as parameters, never as text.
func TestPageRankConstantsAreParameters(t *testing.T) {
	cat, err := statements()
	if err != nil {
		t.Fatal(err)
	}
	st, err := cat.get("rank_pagerank")
	if err != nil {
		t.Fatal(err)
	}
	for _, lit := range []string{"0.85", "150", "1e-10", "1e-4", "0.0001"} {
		if strings.Contains(st.text, lit) {
			t.Errorf("rank_pagerank holds the literal %s; it must be a parameter", lit)
		}
	}
	for _, p := range []string{"damping", "iterations", "tieMargin"} {
		if !slices.Contains(st.params, p) {
			t.Errorf("rank_pagerank does not take $%s", p)
		}
	}
	for _, banned := range []string{"apoc.", "gds."} {
		if strings.Contains(strings.ToLower(st.text), banned) {
			t.Errorf("rank_pagerank calls a plugin (%s)", banned)
		}
	}
}

func TestRankInvalid(t *testing.T) {
	for name, q := range map[string]graph.RankQuery{
		"unknown measure":   {Measure: "BETWEENNESS"},
		"pagerank in":       {Measure: graph.MeasurePageRank, Direction: graph.In},
		"unknown edge type": {Measure: graph.MeasureDegree, Types: []graph.EdgeType{"LIKES"}},
		"unknown kind":      {Measure: graph.MeasureDegree, Kinds: []graph.Kind{"Memo"}},
		"limit too high":    {Measure: graph.MeasureDegree, Limit: graph.MaxRankLimit + 1},
		"id prefix too long": {Measure: graph.MeasureDegree,
			IDPrefix: strings.Repeat("x", graph.MaxIDLen+1)},
	} {
		s, be := newFake(t)
		if _, err := s.Rank(context.Background(), q); !errors.Is(err, graph.ErrInvalid) || !strings.HasPrefix(err.Error(), "neo4jstore: rank: ") {
			t.Errorf("%s: %v, want a rank ErrInvalid", name, err)
		}
		if cs := be.recorded(); len(cs) != 0 {
			t.Errorf("%s: ran %s", name, names(cs))
		}
	}
}

func node(id, name string) graph.Node {
	k, _ := graph.KindOfID(id)
	return graph.Node{ID: id, Kind: k, Name: name}
}

func TestRankRecords(t *testing.T) {
	ctx := context.Background()
	a, b, c, d := node("document/a", "A"), node("document/b", "B"), node("document/c", "C"), node("document/d", "D")

	t.Run("pagerank rounds, then orders and cuts", func(t *testing.T) {
		s, be := newFake(t)
		// The server ordered raw scores; b, a and c round to the same 0.25,
		// so a comes first, and the limit keeps a and b.
		be.respond = respondWith(map[string]func(map[string]any) result{"rank_pagerank": func(map[string]any) result {
			return result{records: []*neoRecord{
				rec("n", stored(d), "score", 0.4000000000001),
				rec("n", stored(b), "score", 0.2500000000003),
				rec("n", stored(a), "score", 0.2499999999998),
				rec("n", stored(c), "score", 0.2499999999990),
			}}
		}})
		got, err := s.Rank(ctx, graph.RankQuery{Measure: graph.MeasurePageRank, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		want := []graph.Ranked{{Node: d, Score: 0.4}, {Node: a, Score: 0.25}, {Node: b, Score: 0.25}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got  %v\nwant %v", got, want)
		}
	})

	t.Run("degree counts are scores", func(t *testing.T) {
		s, be := newFake(t)
		be.respond = respondWith(map[string]func(map[string]any) result{"rank_degree": func(map[string]any) result {
			return result{records: []*neoRecord{rec("n", stored(b), "score", int64(5)), rec("n", stored(a), "score", int64(0))}}
		}})
		got, err := s.Rank(ctx, graph.RankQuery{Measure: graph.MeasureDegree})
		if err != nil {
			t.Fatal(err)
		}
		want := []graph.Ranked{{Node: b, Score: 5}, {Node: a, Score: 0}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %v, want %v", got, want)
		}
	})

	bad := []struct {
		name    string
		measure graph.Measure
		r       *neoRecord
	}{
		{"pagerank score as an integer", graph.MeasurePageRank, rec("n", stored(a), "score", int64(1))},
		{"degree score as a float", graph.MeasureDegree, rec("n", stored(a), "score", 1.0)},
		{"null score", graph.MeasureDegree, rec("n", stored(a), "score", nil)},
		{"no node", graph.MeasurePageRank, rec("score", 0.5)},
		{"node not a node", graph.MeasureDegree, rec("n", "document/a", "score", int64(1))},
		{"node outside the domain", graph.MeasureDegree, rec("n", dbtype.Node{Props: map[string]any{"id": "x/y", "kind": "Memo", "name": "Y"}}, "score", int64(1))},
	}
	for _, tc := range bad {
		s, be := newFake(t)
		be.respond = func(*stmt, map[string]any) (result, error) { return result{records: []*neoRecord{tc.r}}, nil }
		if _, err := s.Rank(ctx, graph.RankQuery{Measure: tc.measure}); !errors.Is(err, errRecord) {
			t.Errorf("%s: %v, want errRecord", tc.name, err)
		}
	}
}

// luceneRE is every character search.Query.Lucene may produce: field
// names and terms (letters and digits), spaces, parentheses, ':' and
// boosts ('^', digits, '.').
var luceneRE = regexp.MustCompile(`^[A-Za-z0-9 ():^.]+$`)

// TestSearchTextOnlyInQueryParameter sends hostile text, including
// Lucene's own syntax, and checks that it reaches the server only inside
// $query, analysed into the allowed characters, by a statement that is
// the embedded one byte for byte.
func TestSearchTextOnlyInQueryParameter(t *testing.T) {
	cat, err := statements()
	if err != nil {
		t.Fatal(err)
	}
	ready, _ := cat.get("search_nodes")
	texts := append(slices.Clone(hostile),
		`title:x OR *:* ^99`, `"quoted phrase"~3`, `a AND NOT b || c && d`, `name:\(x\) [a TO z] {b TO y}`,
		`COM(2010) 673 final`, `16797/10`, `Malmström ÅÄÖ`, `x' }) CALL db.index.fulltext.drop('node_search') //`)
	for _, h := range texts {
		s, be := newFake(t)
		q := graph.SearchQuery{Text: h, Kinds: []graph.Kind{graph.Document, graph.Agency}, First: 5}
		if _, err := s.Search(context.Background(), q); err != nil {
			t.Fatalf("%q: %v", h, err)
		}
		parsed := search.Parse(h, []graph.Kind{graph.Agency, graph.Document})
		cs := be.recorded()
		if parsed.Empty() {
			if len(cs) != 0 {
				t.Errorf("%q has no terms but ran %s", h, names(cs))
			}
			continue
		}
		if len(cs) != 1 || cs[0].st != ready || cs[0].write {
			t.Fatalf("%q: ran %s; want one read of search_nodes", h, names(cs))
		}
		if cs[0].st.text != ready.text || strings.Contains(cs[0].st.text, h) {
			t.Errorf("%q: the statement text changed", h)
		}
		p := cs[0].params
		if len(p) != 5 || p["skip"] != int64(0) || p["limit"] != int64(6) || p["nodeKeys"] != nil || p["nodeSources"] != false {
			t.Errorf("%q: params %v", h, p)
		}
		lq, _ := p["query"].(string)
		if lq != parsed.Lucene() {
			t.Errorf("%q: $query %q, want search.Parse(...).Lucene() %q", h, lq, parsed.Lucene())
		}
		if !luceneRE.MatchString(lq) {
			t.Errorf("%q: $query %q has a character outside letters, digits, spaces, ():^.", h, lq)
		}
		if !strings.Contains(lq, "searchKind:(document OR agency)^0") && !strings.Contains(lq, "searchKind:(agency OR document)^0") {
			t.Errorf("%q: $query %q does not narrow to the kinds", h, lq)
		}
	}
}

func hitsOf(ns ...any) result {
	var r result
	for i := 0; i < len(ns); i += 2 {
		r.records = append(r.records, rec("n", stored(ns[i].(graph.Node)), "score", ns[i+1]))
	}
	return r
}

func TestSearchPage(t *testing.T) {
	ctx := context.Background()
	europol := graph.Node{ID: "agency/europol", Kind: graph.Agency, Name: "European Police Office",
		Props: graph.Props{"acronym": "Europol", "description": "police cooperation"}}
	ec3 := graph.Node{ID: "agency/ec3", Kind: graph.Agency, Name: "European Cybercrime Centre",
		Props: graph.Props{"description": "hosted by Europol"}}
	cepol := graph.Node{ID: "agency/cepol", Kind: graph.Agency, Name: "Police College", Props: graph.Props{"aliases": []string{"Europol academy"}}}
	zz := graph.Node{ID: "agency/zz", Kind: graph.Agency, Name: "Europol liaison"}

	t.Run("orders ties by id across pages, whatever Lucene's order", func(t *testing.T) {
		s, be := newFake(t)
		var sent map[string]any
		var limits []int64
		be.respond = respondWith(map[string]func(map[string]any) result{"search_nodes": func(p map[string]any) result {
			sent = p
			limits = append(limits, p["limit"].(int64))
			// Lucene's order: zz, ec3 and cepol tie, in Lucene's own
			// order, cut at the limit.
			hs := []any{europol, 9.5, zz, 2.0, ec3, 2.0, cepol, 2.0}
			return hitsOf(hs[:2*min(len(hs)/2, int(p["limit"].(int64)))]...)
		}})
		q := graph.SearchQuery{Text: "Europol", First: 2}
		p, err := s.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		var fields []graph.SearchField
		for _, h := range p.Hits {
			ids = append(ids, h.Node.ID)
			fields = append(fields, h.Field)
		}
		if strings.Join(ids, " ") != "agency/europol agency/cepol" {
			t.Errorf("hits %v: want europol, then the first of the tie by id, cepol", ids)
		}
		if !slices.Equal(fields, []graph.SearchField{graph.FieldAcronym, graph.FieldAlias}) {
			t.Errorf("fields %v", fields)
		}
		if !p.HasNextPage || p.Offset != 0 {
			t.Errorf("page %+v: want HasNextPage from the extra hit", p)
		}
		if p.Hits[0].Score != 9.5 || p.Hits[0].Node.Props["acronym"] != "Europol" {
			t.Errorf("first hit %+v", p.Hits[0])
		}
		for k := range p.Hits[0].Node.Props {
			if strings.HasPrefix(k, "search") {
				t.Errorf("hit node carries the reserved property %s", k)
			}
		}
		// First+1 hits end in the tie that the page's last hit is in, so
		// the window doubles to take the whole tie (cepol was left out).
		if sent["skip"] != int64(0) || !slices.Equal(limits, []int64{3, 6}) {
			t.Errorf("skip %v limits %v, want 0 and First+1, then twice that", sent["skip"], limits)
		}

		// The next page starts at the cursor of the last hit and carries
		// on in the same order: the rest of the tie, by id.
		q.After = p.Cursor(q, len(p.Hits)-1)
		p2, err := s.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		ids = nil
		for _, h := range p2.Hits {
			ids = append(ids, h.Node.ID)
		}
		if sent["skip"] != int64(0) || sent["limit"] != int64(5) || strings.Join(ids, " ") != "agency/ec3 agency/zz" || p2.HasNextPage || p2.Offset != 2 {
			t.Errorf("second page %v %+v with skip %v limit %v", ids, p2, sent["skip"], sent["limit"])
		}
	})

	t.Run("no next page past the window", func(t *testing.T) {
		s, be := newFake(t)
		be.respond = respondWith(map[string]func(map[string]any) result{"search_nodes": func(p map[string]any) result {
			// As many hits as asked for, in falling scores.
			var hs []any
			for i := range int(p["limit"].(int64)) {
				n := graph.Node{ID: fmt.Sprintf("agency/a%04d", i), Kind: graph.Agency, Name: "Europol"}
				hs = append(hs, n, float64(5000-i))
			}
			return hitsOf(hs...)
		}})
		// A page of 1 that ends at the window: the extra hit exists, but
		// no page may start past MaxSearchWindow.
		after := graph.SearchPage{Offset: graph.MaxSearchWindow - 2}.Cursor(graph.SearchQuery{Text: "europol"}, 0)
		p, err := s.Search(ctx, graph.SearchQuery{Text: "europol", First: 1, After: after})
		if err != nil {
			t.Fatal(err)
		}
		if p.HasNextPage || len(p.Hits) != 1 || p.Offset != graph.MaxSearchWindow-1 || p.Hits[0].Node.ID != "agency/a0999" {
			t.Errorf("page at the end of the window %+v", p)
		}
		p, err = s.Search(ctx, graph.SearchQuery{Text: "europol", First: 1})
		if err != nil || !p.HasNextPage || len(p.Hits) != 1 {
			t.Errorf("page inside the window %+v, %v", p, err)
		}
	})

	t.Run("bad records", func(t *testing.T) {
		for name, r := range map[string]*neoRecord{
			"score as an integer": rec("n", stored(europol), "score", int64(2)),
			"null score":          rec("n", stored(europol), "score", nil),
		} {
			s, be := newFake(t)
			be.respond = func(*stmt, map[string]any) (result, error) { return result{records: []*neoRecord{r}}, nil }
			if _, err := s.Search(ctx, graph.SearchQuery{Text: "europol"}); !errors.Is(err, errRecord) {
				t.Errorf("%s: %v, want errRecord", name, err)
			}
		}
	})

	t.Run("a hit deleted meanwhile is left out", func(t *testing.T) {
		s, be := newFake(t)
		be.respond = func(*stmt, map[string]any) (result, error) {
			return result{records: []*neoRecord{rec("n", nil, "score", 2.0), rec("n", stored(europol), "score", 1.0)}}, nil
		}
		p, err := s.Search(ctx, graph.SearchQuery{Text: "europol"})
		if err != nil || len(p.Hits) != 1 || p.Hits[0].Node.ID != europol.ID {
			t.Errorf("search with a null node among the hits: %+v, %v; want the other hit alone", p, err)
		}
	})

	t.Run("invalid or empty queries ask nothing", func(t *testing.T) {
		s, be := newFake(t)
		for name, q := range map[string]graph.SearchQuery{
			"no text":       {Text: "  "},
			"unknown kind":  {Text: "x", Kinds: []graph.Kind{"Memo"}},
			"first too big": {Text: "x", First: graph.MaxPageSize + 1},
			"foreign cursor": {Text: "x",
				After: graph.SearchPage{}.Cursor(graph.SearchQuery{Text: "y"}, 0)},
		} {
			if _, err := s.Search(ctx, q); !errors.Is(err, graph.ErrInvalid) || !strings.HasPrefix(err.Error(), "neo4jstore: search: ") {
				t.Errorf("%s: %v, want a search ErrInvalid", name, err)
			}
		}
		p, err := s.Search(ctx, graph.SearchQuery{Text: "-- !! //"})
		if err != nil || len(p.Hits) != 0 || p.HasNextPage {
			t.Errorf("text without terms: %+v, %v; want an empty page", p, err)
		}
		if cs := be.recorded(); len(cs) != 0 {
			t.Errorf("ran %s", names(cs))
		}
	})
}

// TestSearchIndexProps keeps node_search, the written search properties
// and graph/search in step: the index lists exactly search.Fields[].Prop
// and search.KindProp, with the whitespace analyzer and updates at commit.
func TestSearchIndexProps(t *testing.T) {
	cat, err := statements()
	if err != nil {
		t.Fatal(err)
	}
	st, err := cat.get("index_node_search")
	if err != nil {
		t.Fatal(err)
	}
	if st.file != schemaFile {
		t.Errorf("index_node_search is in %s, not in the migrations", st.file)
	}
	m := regexp.MustCompile(`ON EACH \[([^\]]*)\]`).FindStringSubmatch(st.text)
	if m == nil {
		t.Fatalf("no ON EACH list in %s", st.text)
	}
	var props []string
	for _, p := range strings.Split(m[1], ",") {
		props = append(props, strings.TrimPrefix(strings.TrimSpace(p), "n."))
	}
	var want []string
	for _, f := range search.Fields {
		want = append(want, f.Prop)
	}
	want = append(want, search.KindProp)
	if !slices.Equal(props, want) {
		t.Errorf("node_search indexes %v, graph/search has %v", props, want)
	}
	if !slices.Equal(searchPropNames(), want) {
		t.Errorf("searchPropNames %v, want %v", searchPropNames(), want)
	}
	for _, s := range []string{"CREATE FULLTEXT INDEX node_search IF NOT EXISTS", "FOR (n:Node)",
		"`fulltext.analyzer`: 'whitespace'", "`fulltext.eventually_consistent`: false"} {
		if !strings.Contains(st.text, s) {
			t.Errorf("index_node_search lacks %q", s)
		}
	}
	q, err := cat.get("search_nodes")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(q.text, "queryNodes('node_search', $query,") {
		t.Errorf("search_nodes does not query node_search with $query:\n%s", q.text)
	}
	// The search properties are reserved, so no domain property can be
	// named like one (TestReservedKeysAreNotDomainProps checks the specs
	// against nodeReserved).
	for _, p := range want {
		if !nodeReserved[p] {
			t.Errorf("%s is not a reserved node key", p)
		}
	}
}

// writtenProps returns the property map each node write sent for id.
func writtenProps(t *testing.T, cs []call, id string) (string, map[string]any) {
	t.Helper()
	for _, c := range cs {
		if !c.write {
			continue
		}
		if p, ok := c.params["props"].(map[string]any); ok && c.params["id"] == id {
			return c.st.name, p
		}
		rows, _ := c.params["rows"].([]any)
		for _, r := range rows {
			row := r.(map[string]any)
			if p, ok := row["props"].(map[string]any); ok && row["id"] == id {
				return c.st.name, p
			}
		}
	}
	t.Fatalf("no write of %s in %s", id, names(cs))
	return "", nil
}

// TestSearchPropsOnEveryWritePath checks that every node write stores the
// analysed text of graph/search under the search properties: the full
// set on a replacing write (a field without text is absent, and SET n =
// removes it), and on a merge the text of the merged node with a null for
// a field without text (SET n += removes it).
func TestSearchPropsOnEveryWritePath(t *testing.T) {
	ctx := context.Background()
	n := graph.Node{ID: "document/com-2010-0673", Kind: graph.Document, Name: "The ISS in Action",
		Props: graph.Props{"reference": "COM(2010) 673", "aliases": []string{"ISS in Action", "COM/2010/0673"}, "shortTitle": "ISS in Action"}}
	doc := search.Doc(n)
	if doc["refs"] != "com20100673 eqtheissinaction eqissinaction" || doc["title"] == "" || doc["acronym"] != "" {
		t.Fatalf("search.Doc changed under the test: %v", doc)
	}
	replacing := map[string]func(s *Store) error{
		"CreateNode": func(s *Store) error { return s.CreateNode(ctx, n) },
		"PutNode":    func(s *Store) error { return s.PutNode(ctx, n) },
		"UpdateNode": func(s *Store) error { return s.UpdateNode(ctx, n) },
		"Apply": func(s *Store) error {
			_, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{n}})
			return err
		},
	}
	for name, write := range replacing {
		s, be := newFake(t)
		if err := write(s); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		stmt, props := writtenProps(t, be.recorded(), n.ID)
		for _, f := range search.Fields {
			got, ok := props[f.Prop]
			if text, has := doc[f.Name]; has != ok || has && got != text {
				t.Errorf("%s (%s): %s = %#v (set %v), want %q (set %v)", name, stmt, f.Prop, got, ok, text, has)
			}
		}
		if props[search.KindProp] != "document" {
			t.Errorf("%s: %s = %#v", name, search.KindProp, props[search.KindProp])
		}
	}

	// Merge: the stored node has the name and the description, the overlay
	// brings an acronym-less alias; the search text is the merged node's.
	storedN := graph.Node{ID: "agency/europol", Kind: graph.Agency, Name: "Europol", Props: graph.Props{"description": "police cooperation", "acronym": "EUROPOL"}}
	overlay := graph.Node{ID: "agency/europol", Kind: graph.Agency, Props: graph.Props{"aliases": []string{"European Police Office"}}}
	s, be := newFake(t)
	be.respond = respondWith(map[string]func(map[string]any) result{
		"get_nodes": func(map[string]any) result { return result{records: []*neoRecord{rec("n", stored(storedN))}} },
	})
	if _, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{overlay}, Merge: true}); err != nil {
		t.Fatal(err)
	}
	stmt, props := writtenProps(t, be.recorded(), overlay.ID)
	merged := search.Doc(graph.MergeNode(storedN, overlay))
	if stmt != "merge_nodes" {
		t.Errorf("merge wrote with %s", stmt)
	}
	for _, f := range search.Fields {
		got, ok := props[f.Prop]
		if !ok {
			t.Errorf("merge: %s missing; a merge must send every search property", f.Prop)
			continue
		}
		if text, has := merged[f.Name]; has && got != text || !has && got != nil {
			t.Errorf("merge: %s = %#v, want %q (nil when the merged node has no text)", f.Prop, got, text)
		}
	}
	if props["searchName"] != "europol" || props["searchAliases"] != "european police office" || props["searchTitle"] != nil {
		t.Errorf("merge props %v", props)
	}
}

func TestSearchPropsDroppedOnRead(t *testing.T) {
	n := graph.Node{ID: "agency/europol", Kind: graph.Agency, Name: "Europol", Props: graph.Props{"acronym": "Europol"}}
	sn := stored(n)
	for _, p := range []string{"searchAcronym", "searchName", "searchKind"} {
		if _, ok := sn.Props[p]; !ok {
			t.Fatalf("the stored node lacks %s; the test exercises nothing", p)
		}
	}
	got, err := nodeFromEntity(sn)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, n) {
		t.Errorf("read back %#v\nwant %#v", got, n)
	}
	bare, err := nodeFromEntity(dbtype.Node{Props: map[string]any{"id": "agency/x", "kind": "Agency", "name": "X",
		"searchName": "x", "searchKind": "agency", "searchDescription": "y"}})
	if err != nil || bare.Props != nil {
		t.Errorf("nodeFromEntity = %#v, %v; want no props", bare, err)
	}
}

// TestMigrateBackfill drives the backfill: schema statements first, then
// batches of nodes without search properties, read in id order after the
// last id seen, each rewritten in the same write transaction; a node that
// does not fit the domain is skipped and does not stop the loop.
func TestMigrateBackfill(t *testing.T) {
	a := graph.Node{ID: "agency/a", Kind: graph.Agency, Name: "Alpha Agency", Props: graph.Props{"acronym": "AA"}}
	c := graph.Node{ID: "document/c", Kind: graph.Document, Name: "Gamma"}
	foreign := dbtype.Node{Props: map[string]any{"id": "agency/b", "kind": "Agency", "name": "B", "colour": "red"}}
	old := func(n graph.Node) dbtype.Node { // as written before search properties existed
		sn := stored(n)
		for _, p := range searchPropNames() {
			delete(sn.Props, p)
		}
		return sn
	}
	pages := map[string][]*neoRecord{
		"":         {rec("id", "agency/a", "n", old(a)), rec("id", "agency/b", "n", foreign)},
		"agency/b": {rec("id", "document/c", "n", old(c))},
	}
	s, be := newFake(t)
	var afters []string
	be.respond = respondWith(map[string]func(map[string]any) result{"search_backfill_read": func(p map[string]any) result {
		after := p["after"].(string)
		afters = append(afters, after)
		if p["batch"] != int64(2) {
			t.Errorf("batch %v", p["batch"])
		}
		return result{records: pages[after]}
	}})
	n, err := s.backfillSearch(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || !slices.Equal(afters, []string{"", "agency/b"}) {
		t.Errorf("wrote %d, read after %q; want 2 nodes, pages after \"\" and agency/b", n, afters)
	}
	cs := be.recorded()
	if got := names(cs); got != "search_backfill_read search_backfill_write search_backfill_read search_backfill_write" {
		t.Errorf("ran %s", got)
	}
	var ids []string
	for _, cl := range cs {
		if !cl.write {
			t.Errorf("%s ran outside a write transaction", cl.st.key)
		}
		if cl.st.name != "search_backfill_write" {
			continue
		}
		for _, r := range cl.params["rows"].([]any) {
			row := r.(map[string]any)
			id := row["id"].(string)
			ids = append(ids, id)
			want := derivedProps(map[string]graph.Node{"agency/a": a, "document/c": c}[id])
			if !reflect.DeepEqual(row["search"], want) {
				t.Errorf("%s: search %v, want %v", id, row["search"], want)
			}
		}
	}
	if !slices.Equal(ids, []string{"agency/a", "document/c"}) {
		t.Errorf("rewrote %v; want agency/a and document/c, not the foreign node", ids)
	}
	if m := searchProps(a); m["searchAcronym"] != "aa" || m["searchTitle"] != nil || m["searchKind"] != "agency" {
		t.Errorf("searchProps(a) = %v", m)
	}
	if _, ok := searchProps(a)["searchTitle"]; !ok {
		t.Error("searchProps leaves out a field without text; SET += would keep a stale one")
	}

	// Migrate runs the schema, then counts the nodes without search
	// properties; on an up-to-date database there are none, and it reads
	// no node and writes nothing.
	s, be = newFake(t)
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	cs = be.recorded()
	schema := len(s.cat.inFile(schemaFile))
	if names(cs[schema:]) != "list_total search_backfill_indexed fold_backfill_indexed refkeys_indexed" || cs[schema].write {
		t.Errorf("Migrate ran %s, want the schema, then only the counts in a read", names(cs))
	}

	// With nodes pending, the backfill runs.
	s, be = newFake(t)
	be.respond = respondWith(map[string]func(map[string]any) result{"list_total": func(map[string]any) result {
		return result{records: []*neoRecord{rec("total", int64(3))}}
	}})
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Nodes without folds mark a database of an earlier version: the
	// relationships get theirs first, then the nodes; then the nodes
	// without refKeys.
	if cs := be.recorded(); len(cs) != schema+7 || cs[schema+4].st.name != "fold_backfill_edges_read" || cs[schema+5].st.name != "search_backfill_read" ||
		cs[schema+6].st.name != "refkeys_backfill" {
		t.Errorf("Migrate with nodes pending ran %s", names(cs))
	}
	if !strings.Contains(names(cs), "index_node_search") || !strings.Contains(names(cs), "drop_index_node_text") {
		t.Errorf("Migrate did not create node_search or drop node_text: %s", names(cs))
	}
	if w := cs[schema-1]; w.st.name != "await_indexes" || w.params["timeout"] != int64(awaitTimeout/time.Second) {
		t.Errorf("the last schema statement is %s with %v, want await_indexes with a timeout of %v", w.st.name, w.params, awaitTimeout)
	}
}

func TestAwaitSeconds(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		left time.Duration // 0: no deadline
		want int64
	}{
		{0, int64(awaitTimeout / time.Second)},
		{90 * time.Second, 90},
		{1500 * time.Millisecond, 2},
		{time.Millisecond, 1},
		{-time.Second, 1},
	} {
		ctx := context.Background()
		if tc.left != 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithDeadline(ctx, now.Add(tc.left))
			defer cancel()
		}
		if got := awaitSeconds(ctx, now); got != tc.want {
			t.Errorf("awaitSeconds with %v left = %d, want %d", tc.left, got, tc.want)
		}
	}
}

func TestRoundScoreTieMargin(t *testing.T) {
	// Any two scores RoundScore makes equal are within tieMargin of each
	// other, relative to the larger; sample the worst case, just below a
	// power of ten, and ordinary values.
	for _, x := range []float64{0.0999999, 0.123456, 0.5, 1e-7 * 9.99999, 0.00314159} {
		lo, hi := x, x
		r := graph.RoundScore(x)
		for graph.RoundScore(lo*(1-1e-9)) == r {
			lo *= 1 - 1e-9
			if hi-lo > hi*tieMargin {
				break
			}
		}
		for graph.RoundScore(hi*(1+1e-9)) == r {
			hi *= 1 + 1e-9
			if hi-lo > hi*tieMargin {
				break
			}
		}
		if hi-lo > hi*tieMargin || math.IsNaN(lo) {
			t.Errorf("scores %g and %g round alike to %g but differ by more than tieMargin", lo, hi, r)
		}
	}
}
