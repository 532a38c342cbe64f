package graphtest

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// listFixture stores seven documents whose names, dates and ids make every
// sort order different, with ties on name and on date, two undated
// documents and names differing only in case. It returns the ids by letter.
func listFixture(e *env) map[string]string {
	rows := []struct{ slug, name, date string }{
		{"a", "Delta", "2012-05-22"},
		{"b", "alpha", "2010-11-22"},
		{"c", "Çharlie", ""}, // byte-wise it would sort last; folded, among the c's
		{"d", "Bravo", "2012-05-22"},
		{"e", "Bravo", "2008-01-01"},
		{"f", "Echo", ""},
		{"g", "Alpha", "2014-06-20"},
	}
	out := map[string]string{}
	var ns []graph.Node
	for _, r := range rows {
		n := MinimalNode(e.id(graph.Document, r.slug), r.name+" "+e.tok)
		if r.date != "" {
			n.Props = graph.Props{"date": graph.MustDate(r.date)}
		}
		ns = append(ns, n)
		out[r.slug] = n.ID
	}
	if _, err := e.s.Apply(e.ctx, graph.Batch{Nodes: ns}); err != nil {
		e.t.Fatalf("Apply: %v", err)
	}
	return out
}

// letters maps "gdec" to the fixture's ids in that order.
func letters(fx map[string]string, s string) []string {
	out := make([]string, len(s))
	for i, r := range s {
		out[i] = fx[string(r)]
	}
	return out
}

// The expected full orders of the fixture: by graph.SortKey (names by
// graph.NameKey: case and accents folded, then the name itself), ties by
// id, both reversed when descending, undated under NoDate.
var listOrders = []struct {
	sort graph.SortField
	desc bool
	want string
}{
	{"", false, "abcdefg"},
	{graph.SortID, false, "abcdefg"},
	{graph.SortID, true, "gfedcba"},
	{graph.SortName, false, "gbdecaf"},
	{graph.SortName, true, "facedbg"},
	{graph.SortDate, false, "ebadgcf"},
	{graph.SortDate, true, "fcgdabe"},
}

func testListOrder(e *env) {
	fx := listFixture(e)
	for _, o := range listOrders {
		q := graph.ListQuery{Kind: graph.Document, Filter: graph.Filter{IDPrefix: e.prefix(graph.Document)}, Sort: o.sort, Desc: o.desc}
		p, err := e.s.ListNodes(e.ctx, q)
		if err != nil {
			e.t.Fatalf("ListNodes(%s desc=%v): %v", o.sort, o.desc, err)
		}
		if got, want := ids(p.Nodes), letters(fx, o.want); !equalStrings(got, want) {
			e.t.Errorf("ListNodes(%s desc=%v)\n got %v\nwant %v", o.sort, o.desc, got, want)
		}
		if p.TotalCount != 7 || p.HasNextPage || p.HasPrevPage {
			e.t.Errorf("ListNodes(%s desc=%v): total %d next %v prev %v; want 7 false false",
				o.sort, o.desc, p.TotalCount, p.HasNextPage, p.HasPrevPage)
		}
	}
}

// walk reads every page of q with page size q.First, checks each page's
// bookkeeping and returns the ids in the order read.
func (e *env) walk(q graph.ListQuery, total int) []string {
	e.t.Helper()
	var out []string
	for page := 0; ; page++ {
		if page > total+1 {
			e.t.Fatalf("walk %+v: more pages than nodes", q)
		}
		p, err := e.s.ListNodes(e.ctx, q)
		if err != nil {
			e.t.Fatalf("ListNodes(%+v): %v", q, err)
		}
		what := fmt.Sprintf("ListNodes(sort %s desc %v first %d) page %d", q.Sort, q.Desc, q.First, page)
		if p.TotalCount != total {
			e.t.Errorf("%s: TotalCount %d, want %d", what, p.TotalCount, total)
		}
		if p.HasPrevPage != (page > 0) {
			e.t.Errorf("%s: HasPrevPage %v", what, p.HasPrevPage)
		}
		if len(p.Nodes) > q.First {
			e.t.Fatalf("%s: %d nodes, more than first", what, len(p.Nodes))
		}
		out = append(out, ids(p.Nodes)...)
		rest := total - len(out)
		if p.HasNextPage != (rest > 0) {
			e.t.Errorf("%s: HasNextPage %v with %d nodes to come", what, p.HasNextPage, rest)
		}
		if len(p.Nodes) == 0 {
			if p.StartCursor != "" || p.EndCursor != "" {
				e.t.Errorf("%s: empty page with cursors %q, %q", what, p.StartCursor, p.EndCursor)
			}
			return out
		}
		if p.StartCursor == "" || p.EndCursor == "" {
			e.t.Fatalf("%s: missing cursors", what)
		}
		if len(p.Nodes) == 1 && p.StartCursor != p.EndCursor {
			e.t.Errorf("%s: one node, different start and end cursors", what)
		}
		if len(p.Nodes) < q.First && p.HasNextPage {
			e.t.Errorf("%s: short page says more follow", what)
		}
		if !p.HasNextPage {
			// The cursor of the last node leads to an empty last page.
			q.After = p.EndCursor
			last, err := e.s.ListNodes(e.ctx, q)
			if err != nil {
				e.t.Fatalf("%s: after the end: %v", what, err)
			}
			if len(last.Nodes) != 0 || last.HasNextPage || !last.HasPrevPage || last.TotalCount != total {
				e.t.Errorf("%s: after the end: %d nodes, next %v, prev %v, total %d",
					what, len(last.Nodes), last.HasNextPage, last.HasPrevPage, last.TotalCount)
			}
			return out
		}
		q.After = p.EndCursor
	}
}

func testListPages(e *env) {
	fx := listFixture(e)
	for _, o := range listOrders {
		for _, first := range []int{1, 2, 3, 6, 7, graph.MaxPageSize} {
			q := graph.ListQuery{Kind: graph.Document, Filter: graph.Filter{IDPrefix: e.prefix(graph.Document)},
				Sort: o.sort, Desc: o.desc, First: first}
			if got, want := e.walk(q, 7), letters(fx, o.want); !equalStrings(got, want) {
				e.t.Errorf("walk(%s desc=%v first=%d)\n got %v\nwant %v", o.sort, o.desc, first, got, want)
			}
		}
	}
	// The start cursor of a page starts the list after its first node.
	q := graph.ListQuery{Filter: graph.Filter{IDPrefix: e.prefix(graph.Document)}, Sort: graph.SortName, First: 3}
	p, err := e.s.ListNodes(e.ctx, q)
	if err != nil {
		e.t.Fatal(err)
	}
	q.After = p.StartCursor
	p, err = e.s.ListNodes(e.ctx, q)
	if err != nil {
		e.t.Fatal(err)
	}
	if got, want := ids(p.Nodes), letters(fx, "bde"); !equalStrings(got, want) {
		e.t.Errorf("after the start cursor: got %v, want %v", got, want)
	}
}

func testListDefaultPageSize(e *env) {
	var ns []graph.Node
	for i := range graph.DefaultPageSize + 3 {
		ns = append(ns, MinimalNode(e.id(graph.Agency, fmt.Sprintf("n%02d", i)), "Agency"))
	}
	if _, err := e.s.Apply(e.ctx, graph.Batch{Nodes: ns}); err != nil {
		e.t.Fatalf("Apply: %v", err)
	}
	q := graph.ListQuery{Kind: graph.Agency, Filter: graph.Filter{IDPrefix: e.prefix(graph.Agency)}}
	p, err := e.s.ListNodes(e.ctx, q)
	if err != nil {
		e.t.Fatalf("ListNodes: %v", err)
	}
	if len(p.Nodes) != graph.DefaultPageSize || !p.HasNextPage || p.TotalCount != len(ns) {
		e.t.Errorf("ListNodes(first 0): %d nodes, next %v, total %d; want %d, true, %d",
			len(p.Nodes), p.HasNextPage, p.TotalCount, graph.DefaultPageSize, len(ns))
	}
	if got, want := ids(p.Nodes), ids(ns[:graph.DefaultPageSize]); !equalStrings(got, want) {
		e.t.Errorf("ListNodes(first 0)\n got %v\nwant %v", got, want)
	}
	q.First = len(ns) - 1
	p, err = e.s.ListNodes(e.ctx, q)
	if err != nil || len(p.Nodes) != len(ns)-1 || !p.HasNextPage {
		e.t.Errorf("ListNodes(first %d): %d nodes, next %v, %v", q.First, len(p.Nodes), p.HasNextPage, err)
	}
	q.First = len(ns)
	p, err = e.s.ListNodes(e.ctx, q)
	if err != nil || len(p.Nodes) != len(ns) || p.HasNextPage {
		e.t.Errorf("ListNodes(first %d): %d nodes, next %v, %v", q.First, len(p.Nodes), p.HasNextPage, err)
	}
}

func testListFilters(e *env) {
	fx := listFixture(e)
	ref := "GT-" + strings.ToUpper(e.tok) + " 1"
	other := "GT-" + strings.ToUpper(e.tok) + " 2"
	extra := []graph.Node{
		MinimalNode(e.id(graph.Document, "h"), "Hotel "+e.tok),
		MinimalNode(e.id(graph.Document, "i"), "India "+e.tok),
		MinimalNode(e.id(graph.Document, "j"), "Juliett "+e.tok),
	}
	extra[0].Props = graph.Props{"reference": ref, "type": "communication"}
	extra[1].Props = graph.Props{"reference": other, "aliases": []string{"x", ref}, "type": "Communication"}
	extra[2].Props = graph.Props{"reference": other, "aliases": []string{ref + " extra"}, "type": "communication", "date": graph.MustDate("2010-11-21")}
	e.put(extra...)
	fx["h"], fx["i"], fx["j"] = extra[0].ID, extra[1].ID, extra[2].ID

	date := func(s string) *graph.Date { d := graph.MustDate(s); return &d }
	base := graph.Filter{IDPrefix: e.prefix(graph.Document)}
	cases := []struct {
		name string
		f    func(f *graph.Filter)
		want string // in id order
	}{
		{"none", func(f *graph.Filter) {}, "abcdefghij"},
		{"text, case-insensitive", func(f *graph.Filter) { f.Text = "aLPh" }, "bg"},
		{"text with the token", func(f *graph.Filter) { f.Text = "ravo " + e.tok }, "de"},
		{"text matching nothing", func(f *graph.Filter) { f.Text = "zulu" }, ""},
		{"reference or alias", func(f *graph.Filter) { f.Reference = ref }, "hi"},
		{"reference, exactly", func(f *graph.Filter) { f.Reference = strings.ToLower(ref) }, ""},
		{"type, exactly", func(f *graph.Filter) { f.Type = "communication" }, "hj"},
		{"date range, inclusive", func(f *graph.Filter) { f.DateFrom, f.DateTo = date("2010-11-22"), date("2012-05-22") }, "abd"},
		{"one day", func(f *graph.Filter) { f.DateFrom, f.DateTo = date("2012-05-22"), date("2012-05-22") }, "ad"},
		{"date from", func(f *graph.Filter) { f.DateFrom = date("2012-05-22") }, "adg"},
		{"date to", func(f *graph.Filter) { f.DateTo = date("2010-11-22") }, "bej"},
		{"date from, after all", func(f *graph.Filter) { f.DateFrom = date("2015-01-01") }, ""},
		{"id prefix", func(f *graph.Filter) { f.IDPrefix = fx["a"] }, "a"},
		{"combined", func(f *graph.Filter) { f.Type = "communication"; f.DateFrom = date("2010-01-01"); f.Text = "jul" }, "j"},
		{"combined, one fails", func(f *graph.Filter) { f.Type = "communication"; f.Reference = ref; f.Text = "jul" }, ""},
	}
	for _, tc := range cases {
		f := base
		tc.f(&f)
		for _, first := range []int{2, graph.MaxPageSize} {
			q := graph.ListQuery{Kind: graph.Document, Filter: f, First: first}
			if got, want := e.walk(q, len(tc.want)), letters(fx, tc.want); !equalStrings(got, want) {
				e.t.Errorf("filter %s (first %d)\n got %v\nwant %v", tc.name, first, got, want)
			}
		}
		// Without its count (a lookup by reference) the page is the same,
		// and its TotalCount 0.
		q := graph.ListQuery{Kind: graph.Document, Filter: f, First: 1}
		counted, err := e.s.ListNodes(e.ctx, q)
		if err != nil {
			e.t.Fatalf("filter %s: ListNodes: %v", tc.name, err)
		}
		q.NoTotal = true
		uncounted, err := e.s.ListNodes(e.ctx, q)
		if err != nil {
			e.t.Fatalf("filter %s: ListNodes(NoTotal): %v", tc.name, err)
		}
		if uncounted.TotalCount != 0 {
			e.t.Errorf("filter %s: ListNodes(NoTotal): TotalCount %d, want 0", tc.name, uncounted.TotalCount)
		}
		uncounted.TotalCount = counted.TotalCount
		if !reflect.DeepEqual(uncounted, counted) {
			e.t.Errorf("filter %s: ListNodes(NoTotal)\n got %+v\nwant %+v", tc.name, uncounted, counted)
		}
	}
	// A filtered list sorted by date still puts the undated last.
	q := graph.ListQuery{Kind: graph.Document, Filter: graph.Filter{IDPrefix: base.IDPrefix, Text: e.tok}, Sort: graph.SortDate, First: 4}
	if got, want := e.walk(q, 10), letters(fx, "ejbadgcfhi"); !equalStrings(got, want) {
		e.t.Errorf("date order of all\n got %v\nwant %v", got, want)
	}
}

func testListKinds(e *env) {
	doc := MinimalNode(e.id(graph.Document, "x"), "Doc "+e.tok)
	ag := MinimalNode(e.id(graph.Agency, "x"), "Agency "+e.tok)
	ev := MinimalNode(e.id(graph.Event, "x"), "Event "+e.tok)
	per := MinimalNode(e.id(graph.Person, "x"), "Person "+e.tok)
	e.put(doc, ag, ev, per)
	cases := []struct {
		kind graph.Kind
		sort graph.SortField
		want []string
	}{
		{"", graph.SortID, []string{ag.ID, doc.ID, ev.ID, per.ID}},
		{"", graph.SortName, []string{ag.ID, doc.ID, ev.ID, per.ID}},
		{"", graph.SortDate, []string{ev.ID, ag.ID, doc.ID, per.ID}}, // only the event has a date
		{graph.Agency, graph.SortID, []string{ag.ID}},
		{graph.Person, graph.SortID, []string{per.ID}},
		{graph.Objective, graph.SortID, nil},
	}
	for _, tc := range cases {
		q := graph.ListQuery{Kind: tc.kind, Filter: graph.Filter{Text: e.tok}, Sort: tc.sort, First: 2}
		if got := e.walk(q, len(tc.want)); !equalStrings(got, tc.want) {
			e.t.Errorf("ListNodes(kind %q, sort %s)\n got %v\nwant %v", tc.kind, tc.sort, got, tc.want)
		}
	}
}

// testListCursorStability checks that a cursor is a position in the order,
// not a reference to a node: the list goes on correctly after the cursor's
// node is deleted, and nodes inserted before the cursor do not shift it.
func testListCursorStability(e *env) {
	fx := listFixture(e)
	q := graph.ListQuery{Kind: graph.Document, Filter: graph.Filter{IDPrefix: e.prefix(graph.Document)}, Sort: graph.SortName, First: 3}
	p, err := e.s.ListNodes(e.ctx, q)
	if err != nil {
		e.t.Fatal(err)
	}
	if got, want := ids(p.Nodes), letters(fx, "gbd"); !equalStrings(got, want) {
		e.t.Fatalf("first page: got %v, want %v", got, want)
	}
	// Delete the node the cursor points at.
	if err := e.s.DeleteNode(e.ctx, fx["d"]); err != nil {
		e.t.Fatal(err)
	}
	early := MinimalNode(e.id(graph.Document, "aa"), "Aardvark "+e.tok)
	late := MinimalNode(e.id(graph.Document, "zz"), "Bravo "+e.tok) // ties with d and e, sorts after e by id
	e.put(early, late)
	q.After = p.EndCursor
	p, err = e.s.ListNodes(e.ctx, q)
	if err != nil {
		e.t.Fatal(err)
	}
	if got, want := ids(p.Nodes), []string{fx["e"], late.ID, fx["c"]}; !equalStrings(got, want) {
		e.t.Errorf("after a deleted node: got %v, want %v", got, want)
	}
	if p.TotalCount != 8 || !p.HasNextPage || !p.HasPrevPage {
		e.t.Errorf("after a deleted node: total %d next %v prev %v; want 8 true true", p.TotalCount, p.HasNextPage, p.HasPrevPage)
	}
}

func testListInvalid(e *env) {
	fx := listFixture(e)
	_ = fx
	byName := graph.ListQuery{Filter: graph.Filter{IDPrefix: e.prefix(graph.Document)}, Sort: graph.SortName, First: 2}
	p, err := e.s.ListNodes(e.ctx, byName)
	if err != nil || p.EndCursor == "" {
		e.t.Fatalf("ListNodes: %v", err)
	}
	cur := p.EndCursor
	d := graph.MustDate("2012-01-01")
	d0 := graph.MustDate("2011-01-01")
	cases := []struct {
		name string
		q    graph.ListQuery
	}{
		{"cursor of another sort", graph.ListQuery{Sort: graph.SortID, After: cur}},
		{"cursor of another direction", graph.ListQuery{Sort: graph.SortName, Desc: true, After: cur}},
		{"garbage cursor", graph.ListQuery{After: "not a cursor!"}},
		{"base64 garbage cursor", graph.ListQuery{After: "bm90IGpzb24"}},
		{"cursor without id", graph.ListQuery{After: graph.Cursor{Sort: graph.SortID, Key: "x"}.Encode()}},
		{"first over the maximum", graph.ListQuery{First: graph.MaxPageSize + 1}},
		{"negative first", graph.ListQuery{First: -1}},
		{"unknown kind", graph.ListQuery{Kind: "Memo"}},
		{"unknown sort", graph.ListQuery{Sort: "SIZE"}},
		{"dates reversed", graph.ListQuery{Filter: graph.Filter{DateFrom: &d, DateTo: &d0}}},
	}
	for _, tc := range cases {
		tc.q.Filter.IDPrefix = e.prefix(graph.Document)
		_, err := e.s.ListNodes(e.ctx, tc.q)
		wantErr(e.t, "ListNodes with "+tc.name, err, graph.ErrInvalid)
	}
	byName.After = cur
	if _, err := e.s.ListNodes(e.ctx, byName); err != nil {
		e.t.Errorf("ListNodes with its own cursor: %v", err)
	}
}

// testListFields: a page with ListQuery.Fields is the page without it,
// each node cut to the projection (Projection.Of), its cursors those of
// the whole nodes, whatever the order.
func testListFields(e *env) {
	for i, d := range []string{"2009", "2011-03", "2010-05-06"} {
		n := FullNode(e.id(graph.Document, fmt.Sprintf("lf-%d", i)), fmt.Sprintf("Fields %d %s", i, e.tok))
		n.Props["date"] = graph.MustDate(d)
		e.put(n)
	}
	prefix := e.id(graph.Document, "lf-")
	for _, p := range []graph.Projection{{}, {Props: []string{"reference", "aliases"}, Sources: true}, {Props: []string{"date"}}} {
		for _, sort := range []graph.SortField{graph.SortID, graph.SortName, graph.SortDate} {
			q := graph.ListQuery{Kind: graph.Document, Filter: graph.Filter{IDPrefix: prefix}, Sort: sort, Desc: sort == graph.SortName, First: 2}
			whole, err := e.s.ListNodes(e.ctx, q)
			if err != nil {
				e.t.Fatalf("ListNodes: %v", err)
			}
			q.Fields = &p
			got, err := e.s.ListNodes(e.ctx, q)
			if err != nil {
				e.t.Errorf("ListNodes with Fields %+v, %s: %v", p, sort, err)
				continue
			}
			want := whole
			want.Nodes = make([]graph.Node, len(whole.Nodes))
			for i, n := range whole.Nodes {
				want.Nodes[i] = p.Of(n)
			}
			if !reflect.DeepEqual(got, want) {
				e.t.Errorf("ListNodes with Fields %+v, %s:\n got %+v\nwant %+v", p, sort, got, want)
			}
		}
	}
	_, err := e.s.ListNodes(e.ctx, graph.ListQuery{Fields: &graph.Projection{Props: []string{"searchName"}}})
	wantErr(e.t, "ListNodes with Fields of an unknown property", err, graph.ErrInvalid)
}
