package embedded_test

// Benchmarks of the analyst queries on two datasets: the seeded ISS dataset
// and a generated graph of 100,000 nodes and 500,000 edges
// (graphtest.Generate). scripts/bench.sh runs them and writes the table in
// docs/performance.md. The traversals run through graph/traverse with the
// store as their Reader, as the resolvers call them; Search and Rank are
// the store's own.
//
// Each fixture is built once per process, on first use, so a plain
// `go test` (no -bench) never builds one; -short skips the generated one.

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/graph/graphtest"
	"github.com/issgraph/issgraph/graph/traverse"
	"github.com/issgraph/issgraph/seed"
)

// The generated graph's size and seed.
const (
	genNodes = 100_000
	genEdges = 500_000
	genSeed  = 1
)

// fixture is a loaded store and the nodes its benchmarks start from.
type fixture struct {
	name string
	s    *embedded.Store

	starts    []start // for Neighbourhood
	from, to  string  // ends of ShortestPaths
	dist      int     // their distance
	cited     string  // a document for Citations
	citeDir   graph.Direction
	timelines []string // nodes for Timeline, named by their kind
	refText   string   // a reference to Search for
	// toggle is an edge the dataset lacks, written and deleted between
	// iterations of the cold Rank benchmarks to invalidate the cache.
	toggle graph.Edge
}

var (
	issOnce sync.Once
	issFix  *fixture
	issErr  error

	genOnce    sync.Once
	genBatches []graph.Batch
	genErr     error

	genFixOnce sync.Once
	genFix     *fixture
	genFixErr  error
)

// fixtures returns the ISS fixture and, unless -short, the generated one.
func fixtures(b *testing.B) []*fixture {
	b.Helper()
	fs := []*fixture{iss(b)}
	if !testing.Short() {
		fs = append(fs, generated(b))
	}
	return fs
}

func iss(b *testing.B) *fixture {
	b.Helper()
	issOnce.Do(func() {
		s := embedded.Memory()
		if _, issErr = seed.Load(context.Background(), s, seed.Options{}); issErr != nil {
			return
		}
		issFix = &fixture{
			name: "iss", s: s,
			starts: []start{{"council", "institution/council"}, {"hub", "document/com-2014-0365"}},
			from:   "person/ana-gomes", to: "person/cecilia-malmstrom",
			cited: "document/com-2014-0365", citeDir: graph.Out,
			timelines: []string{"procedure/2010-2308-ini"},
			refText:   "COM(2010) 673",
			toggle:    graphtest.MinimalEdge(graph.RelatedTo, "document/com-2014-0365", "document/com-2010-0673"),
		}
		if issErr = issFix.checkToggle(); issErr == nil {
			issFix.dist, issErr = distance(context.Background(), s, issFix.from, issFix.to)
		}
	})
	if issErr != nil {
		b.Fatalf("ISS fixture: %v", issErr)
	}
	return issFix
}

// batches returns the generated graph, made once per process.
func batches(b *testing.B) []graph.Batch {
	b.Helper()
	if testing.Short() {
		b.Skip("the generated graph of 100k nodes is skipped in -short mode")
	}
	genOnce.Do(func() { genBatches, genErr = graphtest.Generate(genNodes, genEdges, genSeed) })
	if genErr != nil {
		b.Fatalf("generate: %v", genErr)
	}
	return genBatches
}

func load(ctx context.Context, bs []graph.Batch) (*embedded.Store, error) {
	s := embedded.Memory()
	for i, batch := range bs {
		if _, err := s.Apply(ctx, batch); err != nil {
			return nil, fmt.Errorf("apply batch %d: %w", i, err)
		}
	}
	return s, nil
}

func generated(b *testing.B) *fixture {
	b.Helper()
	bs := batches(b)
	genFixOnce.Do(func() { genFix, genFixErr = newGenerated(bs) })
	if genFixErr != nil {
		b.Fatalf("generated fixture: %v", genFixErr)
	}
	return genFix
}

// newGenerated loads the generated graph and picks its landmarks from the
// batches: the documents of highest and of about average degree, the most
// cited document, the busiest procedure, and two documents of degree 1
// that are far apart.
func newGenerated(bs []graph.Batch) (*fixture, error) {
	ctx := context.Background()
	s, err := load(ctx, bs)
	if err != nil {
		return nil, err
	}
	deg, cites := map[string]int{}, map[string]int{}
	var ids []string // every node, in id order
	for _, batch := range bs {
		for _, n := range batch.Nodes {
			ids = append(ids, n.ID)
		}
		for _, e := range batch.Edges {
			deg[e.From]++
			deg[e.To]++
			if e.Type == graph.Cites {
				cites[e.To]++
			}
		}
	}
	slices.Sort(ids)
	// top returns the id of kind with the highest score, the lowest id on
	// a tie.
	top := func(prefix string, score map[string]int) string {
		best := ""
		for _, id := range ids {
			if strings.HasPrefix(id, prefix) && (best == "" || score[id] > score[best]) {
				best = id
			}
		}
		return best
	}
	f := &fixture{
		name:      "generated100k",
		s:         s,
		starts:    []start{{"hub", top("document/", deg)}},
		cited:     top("document/", cites),
		citeDir:   graph.In,
		timelines: []string{top("procedure/", deg), top("document/", deg)},
		refText:   "COM(2010) 1",
	}
	mean := 2 * genEdges / genNodes
	mid := ""
	var leaves []string
	for _, id := range ids {
		if mid == "" && strings.HasPrefix(id, "document/") && deg[id] == mean {
			mid = id
		}
		if strings.HasPrefix(id, "document/") && deg[id] == 1 {
			leaves = append(leaves, id)
		}
	}
	if mid == "" || len(leaves) < 2 {
		return nil, fmt.Errorf("no document of degree %d, or fewer than two of degree 1", mean)
	}
	f.starts = append(f.starts, start{"mid", mid})
	// The far pair: the first leaf and the first later one at distance 5
	// or more (or the farthest of the first 40), found with the traversal
	// itself.
	f.from = leaves[0]
	for _, to := range leaves[1:min(len(leaves), 41)] {
		d, err := distance(ctx, s, f.from, to)
		if err != nil {
			return nil, err
		}
		if d > f.dist {
			f.to, f.dist = to, d
			if f.dist >= 5 {
				break
			}
		}
	}
	if f.to == "" {
		return nil, fmt.Errorf("no path from %s to any of 40 leaves", f.from)
	}
	f.toggle = graphtest.MinimalEdge(graph.RelatedTo, mid, f.starts[0].id)
	return f, f.checkToggle()
}

// distance returns the length of the shortest path from one node to
// another, 0 when there is none within graph.MaxDepthCap.
func distance(ctx context.Context, s *embedded.Store, from, to string) (int, error) {
	ps, err := traverse.ShortestPaths(ctx, s, graph.PathQuery{From: from, To: to, Limit: 1}, graph.Limits{MaxDepth: graph.MaxDepthCap})
	if err != nil || len(ps) == 0 {
		return 0, err
	}
	return ps[0].Len(), nil
}

// checkToggle makes sure the dataset lacks the toggle edge, so that
// writing and deleting it leaves the dataset as it was.
func (f *fixture) checkToggle() error {
	if _, err := f.s.GetEdge(context.Background(), f.toggle.Key()); err == nil {
		return fmt.Errorf("toggle edge %s is in the dataset", f.toggle.Key())
	}
	return nil
}

// start is a node a Neighbourhood benchmark starts from, and the name of
// its sub-benchmark.
type start struct{ name, id string }

// run runs one sub-benchmark per fixture, named by the fixture.
func run(b *testing.B, fn func(b *testing.B, f *fixture)) {
	b.Helper()
	b.Run("iss", func(b *testing.B) { fn(b, iss(b)) })
	b.Run("generated100k", func(b *testing.B) { fn(b, generated(b)) })
}

func BenchmarkNeighbourhood(b *testing.B) {
	cases := []struct {
		name  string
		depth int
		limit int
	}{
		{"depth=1", 1, 0},
		{"depth=2", 2, 0},
		{"depth=3,limit=1000", 3, graph.MaxSubgraphLimit},
	}
	run(b, func(b *testing.B, f *fixture) {
		for _, start := range f.starts {
			for _, c := range cases {
				b.Run(start.name+"/"+c.name, func(b *testing.B) {
					q := graph.NeighbourhoodQuery{ID: start.id, Depth: c.depth, Limit: c.limit}
					b.ReportAllocs()
					for b.Loop() {
						if _, err := traverse.Neighbourhood(b.Context(), f.s, q, graph.Limits{}); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	})
}

func BenchmarkShortestPaths(b *testing.B) {
	run(b, func(b *testing.B, f *fixture) {
		if f.dist == 0 {
			b.Fatalf("no path from %s to %s", f.from, f.to)
		}
		// The default depth cap, raised to the pair's distance.
		depth := max(f.dist, graph.DefaultMaxDepth)
		lim := graph.Limits{MaxDepth: depth}
		cases := []struct {
			name string
			q    graph.PathQuery
			none bool
		}{
			{fmt.Sprintf("shortest,maxDepth=%d", depth), graph.PathQuery{From: f.from, To: f.to, MaxDepth: depth, Limit: 1}, false},
			{fmt.Sprintf("all,limit=10,maxDepth=%d", depth), graph.PathQuery{From: f.from, To: f.to, MaxDepth: depth, Limit: 10}, false},
		}
		if f.dist > 1 {
			// One step short: no path, so both searches exhaust their
			// bounded balls, the worst case.
			cases = append(cases, struct {
				name string
				q    graph.PathQuery
				none bool
			}{fmt.Sprintf("none,maxDepth=%d", f.dist-1), graph.PathQuery{From: f.from, To: f.to, MaxDepth: f.dist - 1, Limit: 1}, true})
		}
		for _, c := range cases {
			b.Run(c.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					ps, err := traverse.ShortestPaths(b.Context(), f.s, c.q, lim)
					if err != nil {
						b.Fatal(err)
					}
					if found := len(ps) > 0; found == c.none {
						b.Fatalf("%d paths from %s to %s within %d", len(ps), c.q.From, c.q.To, c.q.MaxDepth)
					}
				}
			})
		}
	})
}

func BenchmarkCitations(b *testing.B) {
	run(b, func(b *testing.B, f *fixture) {
		for _, c := range []struct {
			depth, limit int
		}{{2, 0}, {3, 0}, {3, graph.MaxSubgraphLimit}} {
			name := fmt.Sprintf("%s/depth=%d", map[graph.Direction]string{graph.Out: "cites", graph.In: "cited-by"}[f.citeDir], c.depth)
			if c.limit > 0 {
				name += fmt.Sprintf(",limit=%d", c.limit)
			}
			b.Run(name, func(b *testing.B) {
				q := graph.CitationQuery{ID: f.cited, Direction: f.citeDir, MaxDepth: c.depth, Limit: c.limit}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := traverse.Citations(b.Context(), f.s, q, graph.Limits{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}

func BenchmarkTimeline(b *testing.B) {
	run(b, func(b *testing.B, f *fixture) {
		for _, id := range f.timelines {
			k, _ := graph.KindOfID(id)
			b.Run(strings.ToLower(string(k)), func(b *testing.B) {
				q := graph.TimelineQuery{ID: id}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := traverse.Timeline(b.Context(), f.s, q); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}

func BenchmarkSearch(b *testing.B) {
	run(b, func(b *testing.B, f *fixture) {
		for _, c := range []struct{ name, text string }{
			{"phrase", "cybercrime centre"},
			{"reference", f.refText},
			{"common", "security"},
		} {
			b.Run(c.name, func(b *testing.B) {
				q := graph.SearchQuery{Text: c.text, First: 20}
				b.ReportAllocs()
				for b.Loop() {
					p, err := f.s.Search(b.Context(), q)
					if err != nil {
						b.Fatal(err)
					}
					if len(p.Hits) == 0 {
						b.Fatalf("no hit for %q", c.text)
					}
				}
			})
		}
	})
}

// rankQueries are the rankings of the stats query, as the resolvers build
// them.
var rankQueries = []struct {
	name string
	q    graph.RankQuery
}{
	{"most-cited", graph.RankQuery{Measure: graph.MeasureDegree, Types: []graph.EdgeType{graph.Cites},
		Direction: graph.In, Kinds: []graph.Kind{graph.Document}}},
	{"most-connected,kind=Institution", graph.RankQuery{Measure: graph.MeasureDegree, Direction: graph.Both,
		Kinds: []graph.Kind{graph.Institution}}},
	{"pagerank", graph.RankQuery{Measure: graph.MeasurePageRank, Direction: graph.Out}},
}

// BenchmarkRank measures each ranking cached (the store's answer since
// the last write) and cold: before each timed call a write (untimed)
// invalidates whatever the store keeps.
func BenchmarkRank(b *testing.B) {
	run(b, func(b *testing.B, f *fixture) {
		for _, c := range rankQueries {
			b.Run(c.name+"/cached", func(b *testing.B) {
				if _, err := f.s.Rank(b.Context(), c.q); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := f.s.Rank(b.Context(), c.q); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(c.name+"/cold", func(b *testing.B) {
				ctx := b.Context()
				written := false
				b.Cleanup(func() {
					if written {
						if err := f.s.DeleteEdge(context.Background(), f.toggle.Key()); err != nil {
							b.Errorf("restore the dataset: %v", err)
						}
					}
				})
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					var err error
					if written {
						err = f.s.DeleteEdge(ctx, f.toggle.Key())
					} else {
						err = f.s.PutEdge(ctx, f.toggle)
					}
					if err != nil {
						b.Fatal(err)
					}
					written = !written
					b.StartTimer()
					if _, err := f.s.Rank(ctx, c.q); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}

// BenchmarkLoad measures writing a whole dataset into a fresh memory
// store: every Apply, with validation and whatever indexing the store does
// on write. It is slow on the generated graph; scripts/bench.sh runs it
// once per count (-benchtime=1x).
func BenchmarkLoad(b *testing.B) {
	b.Run("iss", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := seed.Load(b.Context(), embedded.Memory(), seed.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("generated100k", func(b *testing.B) {
		bs := batches(b)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := load(b.Context(), bs); err != nil {
				b.Fatal(err)
			}
		}
	})
}
