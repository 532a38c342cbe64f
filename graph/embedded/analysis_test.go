package embedded

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/graphtest"
	"github.com/issgraph/issgraph/graph/search"
)

// TestTextFields checks that a field's index fits the room list keys give
// it.
func TestTextFields(t *testing.T) {
	if n := len(search.Fields); n >= 1<<fieldBits {
		t.Fatalf("%d search fields, list keys hold at most %d", n, 1<<fieldBits-1)
	}
}

// TestByte4 checks the port of Lucene's SmallFloat.intToByte4 and
// byte4ToInt: exact below 24, monotone, and with Lucene's largest length.
func TestByte4(t *testing.T) {
	for i := range 24 {
		if b := intToByte4(i); int(b) != i || byte4ToInt(b) != i {
			t.Errorf("intToByte4(%d) = %d, decoded %d", i, b, byte4ToInt(b))
		}
	}
	for b := range 256 {
		if got := intToByte4(byte4ToInt(uint8(b))); int(got) != b {
			t.Errorf("intToByte4(byte4ToInt(%d)) = %d", b, got)
		}
		if b > 0 && byte4ToInt(uint8(b)) <= byte4ToInt(uint8(b-1)) {
			t.Errorf("byte4ToInt not increasing at %d", b)
		}
	}
	if b := intToByte4(math.MaxInt32); b != 255 || byte4ToInt(b) != 2013265944 {
		t.Errorf("intToByte4(MaxInt32) = %d, decoded %d; want 255, 2013265944", b, byte4ToInt(b))
	}
	// Above 24 lengths share bytes: 40 and 41 are one length to Lucene.
	if intToByte4(40) != intToByte4(41) || intToByte4(39) == intToByte4(40) {
		t.Errorf("intToByte4(39, 40, 41) = %d, %d, %d", intToByte4(39), intToByte4(40), intToByte4(41))
	}
}

// luceneScores is an independent, plain float64 BM25 over nodes, as
// Lucene defines it, for field lengths below 24 (where Lucene keeps them
// exactly).
func luceneScores(nodes []graph.Node, q search.Query) map[string]float64 {
	type stat struct{ docs, terms int }
	stats := map[string]*stat{}
	df := map[string]int{}
	docs := map[string]map[string][]string{}
	// Every node counts in the statistics; the kinds narrow the hits.
	for _, n := range nodes {
		doc := map[string][]string{}
		for _, f := range search.Fields {
			terms := strings.Fields(search.Doc(n)[f.Name])
			if len(terms) == 0 {
				continue
			}
			doc[f.Name] = terms
			if stats[f.Name] == nil {
				stats[f.Name] = &stat{}
			}
			stats[f.Name].docs++
			stats[f.Name].terms += len(terms)
			seen := map[string]bool{}
			for _, t := range terms {
				if !seen[t] {
					seen[t] = true
					df[f.Name+" "+t]++
				}
			}
		}
		docs[n.ID] = doc
	}
	out := map[string]float64{}
	for _, n := range nodes {
		if len(q.Kinds) > 0 && !slices.Contains(q.Kinds, n.Kind) {
			continue
		}
		var score float64
		for _, f := range search.Fields {
			terms := docs[n.ID][f.Name]
			for _, t := range q.FieldTerms(f) {
				tf := 0
				for _, x := range terms {
					if x == t {
						tf++
					}
				}
				if tf == 0 {
					continue
				}
				st, d := stats[f.Name], float64(df[f.Name+" "+t])
				idf := math.Log(1 + (float64(st.docs)-d+0.5)/(d+0.5))
				avgdl := float64(st.terms) / float64(st.docs)
				score += f.Boost * idf * float64(tf) / (float64(tf) + 1.2*(1-0.75+0.75*float64(len(terms))/avgdl))
			}
		}
		if score > 0 {
			out[n.ID] = score
		}
	}
	return out
}

// TestSearchScoresAreLuceneBM25 checks the scores of random queries over a
// random corpus against luceneScores, and the order of the hits.
func TestSearchScoresAreLuceneBM25(t *testing.T) {
	ctx := t.Context()
	rng := rand.New(rand.NewPCG(1, 2))
	vocab := []string{"security", "strategy", "border", "crime", "cyber", "terror", "police", "data", "union", "report"}
	words := func(n int) string {
		var w []string
		for range n {
			w = append(w, vocab[rng.IntN(len(vocab))])
		}
		return strings.Join(w, " ")
	}
	s := Memory()
	defer s.Close()
	var nodes []graph.Node
	for i := range 120 {
		var n graph.Node
		switch i % 3 {
		case 0:
			n = graphtest.MinimalNode(fmt.Sprintf("document/d%03d", i), words(1+rng.IntN(6)))
			n.Props = graph.Props{"shortTitle": words(1 + rng.IntN(3))}
			if rng.IntN(3) == 0 {
				n.Props["reference"] = fmt.Sprintf("COM(2010) %d", 600+rng.IntN(5))
			}
		case 1:
			n = graphtest.MinimalNode(fmt.Sprintf("agency/a%03d", i), words(1+rng.IntN(3)))
			n.Props = graph.Props{"acronym": strings.ToUpper(vocab[rng.IntN(len(vocab))])}
		default:
			n = graphtest.MinimalNode(fmt.Sprintf("event/e%03d", i), words(2))
		}
		if rng.IntN(2) == 0 {
			n.Props["description"] = words(3 + rng.IntN(15))
		}
		if rng.IntN(4) == 0 {
			n.Props["aliases"] = []string{words(2)}
		}
		nodes = append(nodes, n)
	}
	if _, err := s.Apply(ctx, graph.Batch{Nodes: nodes}); err != nil {
		t.Fatal(err)
	}
	// Rewrite and delete some, so that the statistics have followed
	// updates and deletes.
	for i := 0; i < len(nodes); i += 7 {
		nodes[i].Name = words(2)
		if err := s.PutNode(ctx, nodes[i]); err != nil {
			t.Fatal(err)
		}
	}
	for i := 5; i < len(nodes); i += 11 {
		if err := s.DeleteNode(ctx, nodes[i].ID); err != nil {
			t.Fatal(err)
		}
		nodes = slices.Delete(nodes, i, i+1)
	}

	queries := []graph.SearchQuery{
		{Text: "security"}, {Text: "cyber crime"}, {Text: "border police data"},
		{Text: "union", Kinds: []graph.Kind{graph.Agency}}, {Text: "COM(2010) 602 report"},
		{Text: "terror strategy", Kinds: []graph.Kind{graph.Document, graph.Event}},
	}
	for _, q := range queries {
		q.First = graph.MaxPageSize
		want := luceneScores(nodes, search.Parse(q.Text, q.Kinds))
		p, err := s.Search(ctx, q)
		if err != nil {
			t.Fatalf("Search(%q): %v", q.Text, err)
		}
		if len(p.Hits) != min(len(want), q.First) {
			t.Errorf("Search(%q, %v): %d hits, want %d", q.Text, q.Kinds, len(p.Hits), len(want))
		}
		for i, h := range p.Hits {
			w, ok := want[h.Node.ID]
			if !ok || math.Abs(h.Score-w) > 1e-5*w {
				t.Errorf("Search(%q): %s scores %g, want %g", q.Text, h.Node.ID, h.Score, w)
			}
			if i > 0 {
				prev := p.Hits[i-1]
				if h.Score > prev.Score || h.Score == prev.Score && h.Node.ID < prev.Node.ID {
					t.Errorf("Search(%q): %s (%g) after %s (%g)", q.Text, h.Node.ID, h.Score, prev.Node.ID, prev.Score)
				}
			}
		}
	}
}

// TestSearchLengthNorms checks that long fields score as Lucene scores
// them: lengths 40 and 41 share a norm byte, so they tie (and tie by id),
// while 39 scores higher.
func TestSearchLengthNorms(t *testing.T) {
	ctx := t.Context()
	s := Memory()
	defer s.Close()
	desc := func(n int) string { return "needle" + strings.Repeat(" hay", n-1) }
	for _, x := range []struct {
		id string
		n  int
	}{{"document/b41", 41}, {"document/c40", 40}, {"document/d39", 39}} {
		n := graphtest.MinimalNode(x.id, "Doc")
		n.Props = graph.Props{"description": desc(x.n)}
		if err := s.PutNode(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	p, err := s.Search(ctx, graph.SearchQuery{Text: "needle"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range p.Hits {
		got = append(got, h.Node.ID)
	}
	if want := []string{"document/d39", "document/b41", "document/c40"}; !slices.Equal(got, want) {
		t.Errorf("hits %v, want %v", got, want)
	}
	if len(p.Hits) == 3 && (p.Hits[1].Score != p.Hits[2].Score || p.Hits[0].Score <= p.Hits[1].Score) {
		t.Errorf("scores %g, %g, %g; want the last two equal and below the first", p.Hits[0].Score, p.Hits[1].Score, p.Hits[2].Score)
	}
}

// searchAll returns what a set of queries finds, as comparable strings.
func searchAll(t *testing.T, s *Store, texts []string) []string {
	t.Helper()
	var out []string
	for _, text := range texts {
		p, err := s.Search(t.Context(), graph.SearchQuery{Text: text, First: graph.MaxPageSize})
		if err != nil {
			t.Fatalf("Search(%q): %v", text, err)
		}
		for _, h := range p.Hits {
			out = append(out, fmt.Sprintf("%s: %s %g %s", text, h.Node.ID, h.Score, h.Field))
		}
	}
	return out
}

func TestSearchIndexRebuiltOnOpen(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "graph.db")
	s := mustOpen(t, path)
	a := graphtest.MinimalNode("agency/europol", "European Police Office")
	a.Props = graph.Props{"acronym": "Europol", "description": "The EU agency for police cooperation."}
	d := graphtest.MinimalNode("document/com-2010-0673", "The EU Internal Security Strategy in Action")
	d.Props = graph.Props{"reference": "COM(2010) 673", "shortTitle": "ISS in Action"}
	gone := graphtest.MinimalNode("document/gone", "Police report")
	for _, n := range []graph.Node{a, d, gone} {
		if err := s.PutNode(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	b := graph.Batch{Nodes: []graph.Node{
		graphtest.MinimalNode("document/batch-1", "Security union report"),
		graphtest.MinimalNode("document/batch-2", "Security strategy"),
	}}
	if _, err := s.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteNode(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	texts := []string{"europol", "com/2010/673", "security strategy", "police", "report"}
	before := searchAll(t, s, texts)
	if len(before) < 5 {
		t.Fatalf("before closing, searches found only %v", before)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, path)
	defer s.Close()
	if after := searchAll(t, s, texts); !slices.Equal(after, before) {
		t.Errorf("after reopening\n got %v\nwant %v", after, before)
	}
}

// TestSearchIndexFollowsWrites writes random nodes one write at a time,
// creating, replacing (with other terms), deleting and recreating them, so
// that lists lose and gain numbers and numbers are reused, and checks
// after every few writes that the index answers as one built at once from
// the nodes the store holds, and that every search finds exactly the
// nodes holding one of its terms in a field it looks in.
func TestSearchIndexFollowsWrites(t *testing.T) {
	ctx := t.Context()
	s := Memory()
	defer s.Close()
	r := rand.New(rand.NewPCG(7, 12))
	words := []string{"needle", "haystack", "police", "border", "council", "strategy", "cyber", "crime"}
	text := func(n int) string {
		var w []string
		for range n {
			w = append(w, words[r.IntN(len(words))])
		}
		return strings.Join(w, " ")
	}
	kinds := []graph.Kind{graph.Document, graph.Agency}
	live := map[string]graph.Node{}
	var texts []string
	for _, w := range words {
		texts = append(texts, w, w+" "+words[r.IntN(len(words))])
	}
	for step := range 300 {
		id := fmt.Sprintf("document/n%02d", r.IntN(40))
		if r.IntN(2) == 0 {
			id = fmt.Sprintf("agency/a%02d", r.IntN(20))
		}
		var err error
		if _, ok := live[id]; ok && r.IntN(4) == 0 {
			err = s.DeleteNode(ctx, id)
			delete(live, id)
		} else {
			n := graphtest.MinimalNode(id, text(1+r.IntN(4)))
			if r.IntN(2) == 0 {
				n.Props = graph.Props{"description": text(1 + r.IntN(6))}
			}
			err = s.PutNode(ctx, n)
			live[id] = n
		}
		if err != nil {
			t.Fatal(err)
		}
		if step%25 != 24 {
			continue
		}
		fresh := Memory()
		var nodes []graph.Node
		for _, n := range live {
			nodes = append(nodes, n)
		}
		if _, err := fresh.Apply(ctx, graph.Batch{Nodes: nodes}); err != nil {
			t.Fatal(err)
		}
		if got, want := searchAll(t, s, texts), searchAll(t, fresh, texts); !slices.Equal(got, want) {
			t.Fatalf("after %d writes\n got %v\nwant %v", step+1, got, want)
		}
		fresh.Close()
		for _, text := range texts {
			for _, k := range kinds {
				q := search.Parse(text, []graph.Kind{k})
				var want []string
				for id, n := range live {
					if n.Kind == k && holds(n, q) {
						want = append(want, id)
					}
				}
				p, err := s.Search(ctx, graph.SearchQuery{Text: text, Kinds: []graph.Kind{k}, First: graph.MaxPageSize})
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, h := range p.Hits {
					got = append(got, h.Node.ID)
				}
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Fatalf("after %d writes, %q in %s found %v, want %v", step+1, text, k, got, want)
				}
			}
		}
	}
}

// TestSearchFrequentTerm indexes a word said more often in one field than
// a list's frequency holds (maxFreq), and checks its score is BM25's for
// its true frequency, then that replacing the node forgets it.
func TestSearchFrequentTerm(t *testing.T) {
	ctx := t.Context()
	s := Memory()
	defer s.Close()
	n := graphtest.MinimalNode("document/frequent", "Frequent")
	n.Props = graph.Props{"description": strings.Repeat("needle ", 300)}
	if err := s.PutNode(ctx, n); err != nil {
		t.Fatal(err)
	}
	score := func(freq float32) float64 {
		w := float32(1) * luceneIDF(1, 1) // the description's boost, one document
		return float64(float32(float64(float32(float64(termScore(w, freq, normCache(300)[intToByte4(300)]))))))
	}
	if score(300) == score(maxFreq) {
		t.Fatal("the test cannot tell the true frequency from the cap")
	}
	p, err := s.Search(ctx, graph.SearchQuery{Text: "needle", First: 10})
	if err != nil || len(p.Hits) != 1 || p.Hits[0].Score != score(300) {
		t.Fatalf("Search: %+v, %v; want one hit scoring %g", p.Hits, err, score(300))
	}
	n.Props = graph.Props{"description": "one needle"}
	if err := s.PutNode(ctx, n); err != nil {
		t.Fatal(err)
	}
	if len(s.text.over) != 0 {
		t.Errorf("after the replacement the index keeps %d frequencies over the cap", len(s.text.over))
	}
}

// holds reports whether n holds a term q looks for, in a field it looks
// for it in.
func holds(n graph.Node, q search.Query) bool {
	doc := search.Doc(n)
	for _, f := range search.Fields {
		for _, t := range q.FieldTerms(f) {
			if slices.Contains(strings.Fields(doc[f.Name]), t) {
				return true
			}
		}
	}
	return false
}

// TestSearchLongText searches the longest text, every word of it a term
// to look up in every field.
func TestSearchLongText(t *testing.T) {
	s := Memory()
	defer s.Close()
	n := graphtest.MinimalNode("document/x", "x")
	if err := s.PutNode(t.Context(), n); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := 0; b.Len() < graph.MaxSearchTextLen-5; i++ {
		fmt.Fprintf(&b, "%d ", i)
	}
	b.WriteString("x")
	p, err := s.Search(t.Context(), graph.SearchQuery{Text: b.String()})
	if err != nil || len(p.Hits) != 1 || p.Hits[0].Node.ID != n.ID {
		t.Errorf("Search(%d bytes) = %+v, %v", b.Len(), p, err)
	}
}

func TestSearchWindow(t *testing.T) {
	ctx := t.Context()
	s := Memory()
	defer s.Close()
	var b graph.Batch
	for i := range graph.MaxSearchWindow + 1 {
		b.Nodes = append(b.Nodes, graphtest.MinimalNode(fmt.Sprintf("document/w%04d", i), "Window"))
	}
	if _, err := s.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		offset int
		next   bool
	}{{980, true}, {990, false}} {
		q := graph.SearchQuery{Text: "window", First: 10}
		q.After = graph.SearchPage{Offset: tc.offset - 1}.Cursor(q, 0)
		p, err := s.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if p.Offset != tc.offset || len(p.Hits) != 10 || p.HasNextPage != tc.next {
			t.Errorf("offset %d: got offset %d, %d hits, next %v; want next %v", tc.offset, p.Offset, len(p.Hits), p.HasNextPage, tc.next)
		}
		if want := fmt.Sprintf("document/w%04d", tc.offset); len(p.Hits) > 0 && p.Hits[0].Node.ID != want {
			t.Errorf("offset %d: first hit %s, want %s", tc.offset, p.Hits[0].Node.ID, want)
		}
	}
}

// TestSearchConcurrent searches while writers change the nodes that match,
// under -race: every hit is a node the maps hold, with the searched word.
func TestSearchConcurrent(t *testing.T) {
	ctx := t.Context()
	s := Memory()
	defer s.Close()
	const writers, perWriter = 3, 60
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				id := fmt.Sprintf("document/w%d-%02d", w, i)
				n := graphtest.MinimalNode(id, "Concurrent needle")
				if err := s.PutNode(ctx, n); err != nil {
					t.Errorf("PutNode: %v", err)
					return
				}
				if i%2 == 1 {
					if err := s.DeleteNode(ctx, id); err != nil {
						t.Errorf("DeleteNode: %v", err)
						return
					}
				} else if _, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{
					{ID: id, Kind: graph.Document, Props: graph.Props{"description": "and haystack"}},
				}, Merge: true}); err != nil {
					t.Errorf("Apply: %v", err)
					return
				}
			}
		})
	}
	for r := range 2 {
		wg.Go(func() {
			for range 30 {
				p, err := s.Search(ctx, graph.SearchQuery{Text: "needle haystack", First: graph.MaxPageSize})
				if err != nil {
					t.Errorf("reader %d: Search: %v", r, err)
					return
				}
				for _, h := range p.Hits {
					if h.Node.Name != "Concurrent needle" || h.Score <= 0 {
						t.Errorf("reader %d: hit %+v", r, h)
					}
				}
				if _, err := s.Rank(ctx, graph.RankQuery{Measure: graph.MeasurePageRank}); err != nil {
					t.Errorf("reader %d: Rank: %v", r, err)
					return
				}
			}
		})
	}
	wg.Wait()
	p, err := s.Search(ctx, graph.SearchQuery{Text: "haystack", First: graph.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Hits) != writers*perWriter/2 {
		t.Errorf("after the writers: %d nodes with a description, want %d", len(p.Hits), writers*perWriter/2)
	}
}

// referencePageRank iterates graph/analysis.go's definition from the
// uniform vector until it no longer changes.
func referencePageRank(ids []string, edges [][2]string) map[string]float64 {
	n := float64(len(ids))
	out := map[string]int{}
	for _, e := range edges {
		out[e[0]]++
	}
	pr := map[string]float64{}
	for _, id := range ids {
		pr[id] = 1 / n
	}
	for range 1000 {
		dangling := 0.0
		for _, id := range ids {
			if out[id] == 0 {
				dangling += pr[id]
			}
		}
		next := map[string]float64{}
		for _, id := range ids {
			next[id] = (1-graph.PageRankDamping)/n + graph.PageRankDamping*dangling/n
		}
		for _, e := range edges {
			next[e[1]] += graph.PageRankDamping * pr[e[0]] / float64(out[e[0]])
		}
		pr = next
	}
	return pr
}

func TestPageRankMatchesDefinition(t *testing.T) {
	ctx := t.Context()
	rng := rand.New(rand.NewPCG(3, 4))
	s := Memory()
	defer s.Close()
	var b graph.Batch
	var ids []string
	for i := range 60 {
		id := fmt.Sprintf("document/p%02d", i)
		ids = append(ids, id)
		b.Nodes = append(b.Nodes, graphtest.MinimalNode(id, "Doc"))
	}
	type key struct {
		t        graph.EdgeType
		from, to string
	}
	seen := map[key]bool{}
	for range 150 {
		from, to := ids[rng.IntN(40)], ids[rng.IntN(len(ids))] // the last 20 may dangle
		k := key{[]graph.EdgeType{graph.Cites, graph.RelatedTo}[rng.IntN(2)], from, to}
		if from == to || seen[k] {
			continue
		}
		seen[k] = true
		b.Edges = append(b.Edges, graphtest.MinimalEdge(k.t, from, to))
	}
	if _, err := s.Apply(ctx, b); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		types []graph.EdgeType
		dir   graph.Direction
	}{{nil, graph.Out}, {[]graph.EdgeType{graph.Cites}, graph.Out}, {nil, graph.Both}} {
		var edges [][2]string
		for k := range seen {
			if len(tc.types) == 0 || slices.Contains(tc.types, k.t) {
				edges = append(edges, [2]string{k.from, k.to})
				if tc.dir == graph.Both {
					edges = append(edges, [2]string{k.to, k.from})
				}
			}
		}
		want := referencePageRank(ids, edges)
		got, err := s.Rank(ctx, graph.RankQuery{Measure: graph.MeasurePageRank, Types: tc.types, Direction: tc.dir, Limit: graph.MaxRankLimit})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(ids) {
			t.Fatalf("%v %v: %d ranked, want %d", tc.types, tc.dir, len(got), len(ids))
		}
		sum := 0.0
		for i, r := range got {
			sum += r.Score
			if w := want[r.Node.ID]; math.Abs(r.Score-w) > 1e-5*w {
				t.Errorf("%v %v: %s scores %g, want %g", tc.types, tc.dir, r.Node.ID, r.Score, w)
			}
			if r.Score != graph.RoundScore(r.Score) {
				t.Errorf("%s: score %v is not rounded", r.Node.ID, r.Score)
			}
			if i > 0 && graph.CompareRanked(got[i-1], r) >= 0 {
				t.Errorf("%v %v: %s after %s", tc.types, tc.dir, r.Node.ID, got[i-1].Node.ID)
			}
		}
		if math.Abs(sum-1) > 1e-4 {
			t.Errorf("%v %v: scores sum to %g, want 1", tc.types, tc.dir, sum)
		}
	}
}

func TestPageRankCache(t *testing.T) {
	ctx := t.Context()
	s := Memory()
	defer s.Close()
	a, b, c := graphtest.MinimalNode("document/a", "A"), graphtest.MinimalNode("document/b", "B"), graphtest.MinimalNode("document/c", "C")
	if _, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{a, b, c}, Edges: []graph.Edge{graphtest.MinimalEdge(graph.Cites, a.ID, b.ID)}}); err != nil {
		t.Fatal(err)
	}
	q := graph.RankQuery{Measure: graph.MeasurePageRank, Limit: 1}
	top := func() string {
		t.Helper()
		r, err := s.Rank(ctx, q)
		if err != nil || len(r) != 1 {
			t.Fatalf("Rank = %v, %v", r, err)
		}
		return r[0].Node.ID
	}
	if got := top(); got != b.ID {
		t.Errorf("top %s, want %s", got, b.ID)
	}
	key := fmt.Sprint([]graph.EdgeType(nil), graph.Out)
	if _, ok := s.ranks.get(key, s.version); !ok {
		t.Errorf("PageRank of %s not cached at version %d", key, s.version)
	}
	// A cached answer is the same answer; the next write invalidates it.
	if got := top(); got != b.ID {
		t.Errorf("cached top %s, want %s", got, b.ID)
	}
	if err := s.PutEdge(ctx, graphtest.MinimalEdge(graph.Cites, b.ID, c.ID)); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.ranks.get(key, s.version); ok {
		t.Errorf("PageRank still cached after a write")
	}
	if got := top(); got != c.ID {
		t.Errorf("after b -> c, top %s, want %s", got, c.ID)
	}
}

// However many distinct edge-type sets clients rank by, the PageRank cache
// holds at most rankCacheEntries of them, and equivalent sets share one
// entry.
func TestPageRankCacheIsBounded(t *testing.T) {
	ctx := t.Context()
	s := Memory()
	defer s.Close()
	a, b := graphtest.MinimalNode("document/a", "A"), graphtest.MinimalNode("document/b", "B")
	if _, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{a, b}, Edges: []graph.Edge{graphtest.MinimalEdge(graph.Cites, a.ID, b.ID)}}); err != nil {
		t.Fatal(err)
	}
	rank := func(types []graph.EdgeType, d graph.Direction) {
		t.Helper()
		if _, err := s.Rank(ctx, graph.RankQuery{Measure: graph.MeasurePageRank, Types: types, Direction: d}); err != nil {
			t.Fatal(err)
		}
	}
	// Every subset of the first 8 types, both ways: 512 distinct keys.
	for mask := range 1 << 8 {
		var types []graph.EdgeType
		for i := range 8 {
			if mask&(1<<i) != 0 {
				types = append(types, graph.EdgeTypes[i].Type)
			}
		}
		rank(types, graph.Out)
		rank(types, graph.Both)
	}
	st := s.RankCacheStats()
	if st.Entries > rankCacheEntries || st.Entries == 0 || st.Evictions == 0 {
		t.Errorf("after 512 keys: %+v, want at most %d entries", st, rankCacheEntries)
	}

	// The same set in another order, with repeats, or every type spelled
	// out, is one entry.
	s.ranks.reset()
	all := make([]graph.EdgeType, 0, len(graph.EdgeTypes))
	for i := len(graph.EdgeTypes) - 1; i >= 0; i-- {
		all = append(all, graph.EdgeTypes[i].Type)
	}
	for _, types := range [][]graph.EdgeType{nil, all, append(all, graph.Cites)} {
		rank(types, 0)
	}
	rank([]graph.EdgeType{graph.Cites, graph.PartOf}, graph.Out)
	rank([]graph.EdgeType{graph.PartOf, graph.Cites, graph.PartOf}, graph.Out)
	if st := s.RankCacheStats(); st.Entries != 2 {
		t.Errorf("equivalent queries made %d entries, want 2: %+v", st.Entries, st)
	}
}

func TestAnalysisContextAndClose(t *testing.T) {
	s := Memory()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	rank := func(ctx context.Context, m graph.Measure) error {
		_, err := s.Rank(ctx, graph.RankQuery{Measure: m})
		return err
	}
	search := func(ctx context.Context) error {
		_, err := s.Search(ctx, graph.SearchQuery{Text: "x"})
		return err
	}
	degrees := func(ctx context.Context) error {
		_, err := s.Degrees(ctx, []string{"document/x"})
		return err
	}
	for name, err := range map[string]error{
		"Rank DEGREE": rank(ctx, graph.MeasureDegree), "Rank PAGERANK": rank(ctx, graph.MeasurePageRank),
		"Search": search(ctx), "Degrees": degrees(ctx),
	} {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: %v", name, err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ctx = t.Context()
	for name, err := range map[string]error{
		"Rank DEGREE": rank(ctx, graph.MeasureDegree), "Rank PAGERANK": rank(ctx, graph.MeasurePageRank),
		"Search": search(ctx), "Degrees": degrees(ctx),
	} {
		if !errors.Is(err, graph.ErrUnavailable) {
			t.Errorf("%s after Close: %v", name, err)
		}
	}
	// Punctuation on a closed store is still the closed store's error.
	if _, err := s.Search(ctx, graph.SearchQuery{Text: "?!"}); !errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("Search(?!) after Close: %v", err)
	}
}
