package graphtest

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// The search cases. Each searched word is made of the subtest's token
// (word), so that only the fixture's nodes hold it, whatever else the
// store holds; a query that also names common terms (a reference's "COM"
// and year) asserts only what the fixture decides: its top hit.

// word returns a search term unique to this subtest: prefix and the token,
// as one run of letters and digits.
func (e *env) word(prefix string) string { return prefix + e.tok }

// search runs q and fails the test on an error.
func (e *env) search(q graph.SearchQuery) graph.SearchPage {
	e.t.Helper()
	p, err := e.s.Search(e.ctx, q)
	if err != nil {
		e.t.Fatalf("Search(%+v): %v", q, err)
	}
	return p
}

// hitIDs returns the ids of p's hits, and checks what holds for every
// page: scores positive and never rising, each node as stored.
func (e *env) hitIDs(p graph.SearchPage, stored map[string]graph.Node) []string {
	e.t.Helper()
	var out []string
	for i, h := range p.Hits {
		out = append(out, h.Node.ID)
		if h.Score <= 0 || (i > 0 && h.Score > p.Hits[i-1].Score) {
			e.t.Errorf("hit %d (%s): score %g after %v", i, h.Node.ID, h.Score, p.Hits[:i])
		}
		if n, ok := stored[h.Node.ID]; ok && !EqualNode(h.Node, n) {
			e.t.Errorf("hit %s\n got %s\nwant %s", h.Node.ID, FormatNode(h.Node), FormatNode(n))
		}
	}
	return out
}

// refNumbers derives a year and a number from the token, so that the
// fixture's references are, in all likelihood, its own.
func (e *env) refNumbers() (year, num int) {
	v, err := strconv.ParseUint(e.tok[:8], 16, 64)
	if err != nil {
		e.t.Fatalf("token %q: %v", e.tok, err)
	}
	return 2000 + int(v%20), 1000 + int(v/20%8000)
}

func testSearch(e *env) {
	year, num := e.refNumbers()
	acr := strings.ToUpper(e.word("acr"))
	stored := map[string]graph.Node{}
	add := func(n graph.Node, props graph.Props) graph.Node {
		for k, v := range props {
			if n.Props == nil {
				n.Props = graph.Props{}
			}
			n.Props[k] = v
		}
		e.put(n)
		stored[n.ID] = n
		return n
	}
	// One node for each field a hit may report.
	agency := add(MinimalNode(e.id(graph.Agency, "agency"), "Observatory"), graph.Props{"acronym": acr})
	event := add(MinimalNode(e.id(graph.Event, "event"), "Launch"),
		graph.Props{"description": "Mentions " + e.word("des") + " and the " + acr + " observatory in passing."})
	named := add(MinimalNode(e.id(graph.Document, "named"), "Strategy "+e.word("nam")), nil)
	titled := add(MinimalNode(e.id(graph.Document, "titled"), "Untitled entry"), graph.Props{"shortTitle": "Short " + e.word("tit")})
	aliased := add(MinimalNode(e.id(graph.Institution, "aliased"), "Unit"), graph.Props{"aliases": []string{"Other " + e.word("ali")}})
	// A reference, an alias that is a reference, and a decoy that shares
	// the name word but not the reference.
	refd := add(MinimalNode(e.id(graph.Document, "ref"), "Communication "+e.word("com")),
		graph.Props{"reference": fmt.Sprintf("COM(%d) %d", year, num)})
	add(MinimalNode(e.id(graph.Document, "ref-decoy"), "Communication "+e.word("com")),
		graph.Props{"reference": fmt.Sprintf("COM(%d) %d", year, num+1)})
	council := add(MinimalNode(e.id(graph.Document, "council"), "Conclusions"),
		graph.Props{"aliases": []string{fmt.Sprintf("%d/%02d", 10000+num, year%100)}})

	e.run("fields", func(e *env) {
		tests := []struct {
			text  string
			kinds []graph.Kind
			top   graph.Node
			field graph.SearchField
			all   []graph.Node // every hit, when only the fixture can match
		}{
			{acr, nil, agency, graph.FieldAcronym, []graph.Node{agency, event}},
			{strings.ToLower(acr), nil, agency, graph.FieldAcronym, []graph.Node{agency, event}},
			{e.word("nam"), nil, named, graph.FieldName, []graph.Node{named}},
			{e.word("tit"), nil, titled, graph.FieldTitle, []graph.Node{titled}},
			{e.word("ali"), nil, aliased, graph.FieldAlias, []graph.Node{aliased}},
			{"«" + e.word("des") + "»", nil, event, graph.FieldDescription, []graph.Node{event}},
			{acr, []graph.Kind{graph.Event}, event, graph.FieldDescription, []graph.Node{event}},
			// Two spellings of one reference, with the name word: the
			// reference decides between the fixture's two documents.
			{fmt.Sprintf("%s COM(%d) %d", e.word("com"), year, num), nil, refd, graph.FieldReference, nil},
			{fmt.Sprintf("%s COM/%d/%04d", e.word("com"), year, num), nil, refd, graph.FieldReference, nil},
			{fmt.Sprintf("%d/%02d", 10000+num, year%100), []graph.Kind{graph.Document}, council, graph.FieldReference, nil},
			{fmt.Sprintf("Conclusions ST %d/%02d", 10000+num, year%100), []graph.Kind{graph.Document}, council, graph.FieldReference, nil},
		}
		for _, tc := range tests {
			p := e.search(graph.SearchQuery{Text: tc.text, Kinds: tc.kinds})
			got := e.hitIDs(p, stored)
			if len(got) == 0 || got[0] != tc.top.ID || p.Hits[0].Field != tc.field {
				var top any = "no hits"
				if len(got) > 0 {
					top = p.Hits[0]
				}
				e.t.Errorf("Search(%q, %v): top hit %v, want %s in %s", tc.text, tc.kinds, top, tc.top.ID, tc.field)
				continue
			}
			if tc.all != nil && !equalStrings(got, ids(tc.all)) {
				e.t.Errorf("Search(%q, %v) = %v, want %v", tc.text, tc.kinds, got, ids(tc.all))
			}
			if p.Offset != 0 || p.HasNextPage && tc.all != nil {
				e.t.Errorf("Search(%q): offset %d, next page %v", tc.text, p.Offset, p.HasNextPage)
			}
			// With Fields, the same hits in the same fields, each node
			// cut to the projection: the field is still told from the
			// whole node.
			for _, proj := range []graph.Projection{{}, {Props: []string{"type", "reference"}, Sources: true}} {
				cut := e.search(graph.SearchQuery{Text: tc.text, Kinds: tc.kinds, Fields: &proj})
				want := p
				want.Hits = slices.Clone(p.Hits)
				for i := range want.Hits {
					want.Hits[i].Node = proj.Of(p.Hits[i].Node)
				}
				if !reflect.DeepEqual(cut, want) {
					e.t.Errorf("Search(%q, %v) with Fields %+v:\n got %+v\nwant %+v", tc.text, tc.kinds, proj, cut, want)
				}
			}
		}
	})

	// An exact match of the whole text, as a name, an acronym or an alias,
	// outranks partial ones however often they repeat the words: "COSI"
	// finds COSI before the COSI Support Group, "RAN" the RAN before its
	// collection of approaches.
	e.run("exact first", func(e *env) {
		w := strings.ToUpper(e.word("exa"))
		body := add(MinimalNode(e.id(graph.Institution, "exact"), "Standing Committee on Internal Affairs"), graph.Props{"acronym": w})
		group := add(MinimalNode(e.id(graph.Institution, "exact-group"), w+" Support Group"),
			graph.Props{"acronym": w + " SG", "aliases": []string{w + " support"}, "description": "Prepares the work of " + w + " for " + w + "."})
		coll := add(MinimalNode(e.id(graph.Document, "exact-collection"), w+" "+w+" collection of approaches"),
			graph.Props{"shortTitle": w + " collection", "description": w + " " + w + " " + w})
		named := add(MinimalNode(e.id(graph.Agency, "exact-named"), "Joint "+e.word("exn")+" Cell"), nil)
		longer := add(MinimalNode(e.id(graph.Agency, "exact-longer"), "Joint "+e.word("exn")+" Cell Joint "+e.word("exn")+" Cell network"),
			graph.Props{"acronym": "JCN", "description": "Joint " + e.word("exn") + " Cell"})
		for _, tc := range []struct {
			text  string
			top   graph.Node
			field graph.SearchField
			rest  []graph.Node
		}{
			{w, body, graph.FieldAcronym, []graph.Node{coll, group}},
			{strings.ToLower(w), body, graph.FieldAcronym, []graph.Node{coll, group}},
			{"Joint " + e.word("exn") + " Cell", named, graph.FieldName, []graph.Node{longer}},
			{w + " support", group, graph.FieldAlias, nil},
		} {
			p := e.search(graph.SearchQuery{Text: tc.text})
			got := e.hitIDs(p, stored)
			if len(got) == 0 || got[0] != tc.top.ID || p.Hits[0].Field != tc.field {
				e.t.Errorf("Search(%q) = %v (first %v), want %s first, in %s", tc.text, got, p.Hits, tc.top.ID, tc.field)
				continue
			}
			// The store may hold other nodes with "Joint" or "Cell":
			// the exact match must still come first, and of this
			// fixture's nodes the partial ones follow.
			var rest []string
			for _, id := range got[1:] {
				if _, ok := stored[id]; ok {
					rest = append(rest, id)
				}
			}
			sort.Strings(rest)
			want := ids(tc.rest)
			sort.Strings(want)
			if tc.rest != nil && !equalStrings(rest, want) {
				e.t.Errorf("Search(%q) = %v: want %s, then %v in any order", tc.text, got, tc.top.ID, want)
			}
		}
	})

	// Kinds narrow the hits of one word that nodes of several kinds hold.
	topic := e.word("top")
	topics := map[graph.Kind][]graph.Node{}
	for i, k := range []graph.Kind{graph.Document, graph.Document, graph.Event, graph.Agency} {
		n := add(MinimalNode(e.id(k, fmt.Sprintf("topic-%d", i)), "Topic "+topic), nil)
		topics[k] = append(topics[k], n)
	}
	e.run("kinds", func(e *env) {
		tests := []struct {
			kinds []graph.Kind
			want  []graph.Node
		}{
			{nil, slices.Concat(topics[graph.Document], topics[graph.Event], topics[graph.Agency])},
			{[]graph.Kind{graph.Event}, topics[graph.Event]},
			{[]graph.Kind{graph.Agency, graph.Document}, slices.Concat(topics[graph.Agency], topics[graph.Document])},
			{[]graph.Kind{graph.Person}, nil},
		}
		for _, tc := range tests {
			got := e.hitIDs(e.search(graph.SearchQuery{Text: topic, Kinds: tc.kinds}), stored)
			want := ids(tc.want)
			// The nodes are alike but for their ids: ties, by id.
			slices.Sort(want)
			if !equalStrings(got, want) {
				e.t.Errorf("Search(%q, %v) = %v, want %v", topic, tc.kinds, got, want)
			}
		}
	})

	// Paging: six hits, five of them ties, in pages of two.
	page := e.word("pag")
	var paged []string
	first := add(MinimalNode(e.id(graph.Document, "page-0"), "Paging "+page+" "+page), nil)
	paged = append(paged, first.ID)
	for i := 1; i <= 5; i++ {
		paged = append(paged, add(MinimalNode(e.id(graph.Document, fmt.Sprintf("page-%d", i)), "Paging "+page), nil).ID)
	}
	e.run("pages", func(e *env) {
		all := e.search(graph.SearchQuery{Text: page})
		if got := e.hitIDs(all, stored); !equalStrings(got, paged) {
			e.t.Fatalf("Search(%q) = %v, want %v (the name holding the word twice first, then ties by id)", page, got, paged)
		}
		q := graph.SearchQuery{Text: page, First: 2}
		var walked []string
		for i := 0; ; i++ {
			p := e.search(q)
			if p.Offset != 2*i {
				e.t.Errorf("page %d: offset %d, want %d", i, p.Offset, 2*i)
			}
			walked = append(walked, e.hitIDs(p, stored)...)
			if want := i < 2; p.HasNextPage != want {
				e.t.Errorf("page %d: HasNextPage %v, want %v", i, p.HasNextPage, want)
			}
			if !p.HasNextPage || len(p.Hits) == 0 || i > 3 {
				break
			}
			q.After = p.Cursor(q, len(p.Hits)-1)
		}
		if !equalStrings(walked, paged) {
			e.t.Errorf("pages of 2 gave %v, want %v", walked, paged)
		}
		// A cursor belongs to its text.
		p := e.search(graph.SearchQuery{Text: page, First: 2})
		_, err := e.s.Search(e.ctx, graph.SearchQuery{Text: topic, After: p.Cursor(graph.SearchQuery{Text: page}, 1)})
		wantErr(e.t, "Search with another text's cursor", err, graph.ErrInvalid)
		_, err = e.s.Search(e.ctx, graph.SearchQuery{Text: page, After: "not-a-cursor"})
		wantErr(e.t, "Search with a bad cursor", err, graph.ErrInvalid)
		far := graph.SearchPage{Offset: graph.MaxSearchWindow - 5}.Cursor(graph.SearchQuery{Text: page}, 4)
		_, err = e.s.Search(e.ctx, graph.SearchQuery{Text: page, After: far})
		wantErr(e.t, "Search past the window", err, graph.ErrInvalid)
	})

	// Twelve exact ties, stored in descending id order so that an engine
	// that breaks ties by insertion order (Lucene's document numbers) does
	// not happen to agree with the id order, paged in fives: every page
	// cut falls inside the tie.
	tie := e.word("tie")
	var tied []string
	for i := 11; i >= 0; i-- {
		tied = append(tied, add(MinimalNode(e.id(graph.Document, fmt.Sprintf("tie-%02d", i)), "Tie "+tie), nil).ID)
	}
	slices.Sort(tied)
	e.run("ties across pages", func(e *env) {
		q := graph.SearchQuery{Text: tie, First: 5}
		var walked []string
		for i := 0; i < 4; i++ {
			p := e.search(q)
			got := e.hitIDs(p, stored)
			if want := tied[min(5*i, len(tied)):min(5*i+5, len(tied))]; !equalStrings(got, want) {
				e.t.Errorf("page %d = %v, want %v", i, got, want)
			}
			walked = append(walked, got...)
			if !p.HasNextPage || len(p.Hits) == 0 {
				break
			}
			q.After = p.Cursor(q, len(p.Hits)-1)
		}
		if !equalStrings(walked, tied) {
			e.t.Errorf("pages of 5 gave %v, want %v", walked, tied)
		}
	})

	e.run("copies", func(e *env) {
		p := e.search(graph.SearchQuery{Text: acr})
		if len(p.Hits) == 0 {
			e.t.Fatalf("Search(%q): no hits", acr)
		}
		p.Hits[0].Node.Props["acronym"] = "CHANGED"
		p.Hits[0].Node.Name = "Changed"
		e.wantNode(agency)
	})

	e.run("no terms", func(e *env) {
		for _, text := range []string{"?!", "-- / --", "«»"} {
			p, err := e.s.Search(e.ctx, graph.SearchQuery{Text: text})
			if err != nil || len(p.Hits) != 0 || p.HasNextPage {
				e.t.Errorf("Search(%q) = %+v, %v; want no hits", text, p, err)
			}
		}
	})

	e.run("invalid", func(e *env) {
		for _, q := range []graph.SearchQuery{
			{},
			{Text: "   "},
			{Text: strings.Repeat("a", graph.MaxSearchTextLen+1)},
			{Text: page, First: -1},
			{Text: page, First: graph.MaxPageSize + 1},
			{Text: page, Kinds: []graph.Kind{"Planet"}},
		} {
			_, err := e.s.Search(e.ctx, q)
			wantErr(e.t, fmt.Sprintf("Search(%.40q, first %d, kinds %v)", q.Text, q.First, q.Kinds), err, graph.ErrInvalid)
		}
	})
}

// testSearchFollowsWrites checks that every write reaches the index at
// once: creates, updates, upserts, batches (plain and merged) and deletes.
func testSearchFollowsWrites(e *env) {
	find := func(text string, want ...string) {
		e.t.Helper()
		got := e.hitIDs(e.search(graph.SearchQuery{Text: text}), nil)
		if !equalStrings(got, want) {
			e.t.Errorf("Search(%q) = %v, want %v", text, got, want)
		}
	}
	fresh, renamed := e.word("fresh"), e.word("renamed")
	n := MinimalNode(e.id(graph.Document, "n"), "Fresh "+fresh)
	if err := e.s.CreateNode(e.ctx, n); err != nil {
		e.t.Fatal(err)
	}
	find(fresh, n.ID)

	n.Name = "Renamed " + renamed
	if err := e.s.UpdateNode(e.ctx, n); err != nil {
		e.t.Fatal(err)
	}
	find(renamed, n.ID)
	find(fresh)

	n.Props = graph.Props{"description": "Now described as " + e.word("desc")}
	if err := e.s.PutNode(e.ctx, n); err != nil {
		e.t.Fatal(err)
	}
	find(e.word("desc"), n.ID)
	find(renamed, n.ID)

	batch := e.word("batch")
	ag := MinimalNode(e.id(graph.Agency, "ag"), "Batch agency "+batch)
	doc := MinimalNode(e.id(graph.Document, "doc"), "Batch document "+batch)
	if _, err := e.s.Apply(e.ctx, graph.Batch{Nodes: []graph.Node{ag, doc}, Edges: []graph.Edge{MinimalEdge(graph.Authored, ag.ID, doc.ID)}}); err != nil {
		e.t.Fatal(err)
	}
	want := []string{ag.ID, doc.ID}
	slices.Sort(want)
	find(batch, want...)
	// A merged overlay adds an acronym and keeps the name.
	acr := strings.ToUpper(e.word("ac"))
	overlay := graph.Node{ID: ag.ID, Kind: graph.Agency, Props: graph.Props{"acronym": acr}}
	if _, err := e.s.Apply(e.ctx, graph.Batch{Nodes: []graph.Node{overlay}, Merge: true}); err != nil {
		e.t.Fatal(err)
	}
	p := e.search(graph.SearchQuery{Text: acr})
	if len(p.Hits) != 1 || p.Hits[0].Node.ID != ag.ID || p.Hits[0].Field != graph.FieldAcronym {
		e.t.Errorf("Search(%q) after a merge = %+v, want %s by its acronym", acr, p.Hits, ag.ID)
	}
	find(batch, want...)

	// Deletes remove: the node itself, and neither the edge nor a
	// neighbour's deletion touches another node's hit.
	if err := e.s.DeleteNode(e.ctx, n.ID); err != nil {
		e.t.Fatal(err)
	}
	find(renamed)
	find(e.word("desc"))
	if err := e.s.DeleteNode(e.ctx, ag.ID); err != nil {
		e.t.Fatal(err)
	}
	find(batch, doc.ID)
	find(acr)
}
