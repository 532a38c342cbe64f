package embedded

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/cache"
)

// rankCacheEntries bounds the PageRank cache: each entry holds a score for
// every node (about 130 bytes a node), and the edge types and direction
// make thousands of distinct keys, so only the most recently used few are
// kept.
const rankCacheEntries = 8

// rankCache keeps the PageRank of the whole graph per (types, direction)
// for one version of the store: every write bumps Store.version, and the
// next PageRank query starts a new cache. Its own mutex guards it, so that
// readers holding the store's read lock can share it. The key is the
// normalised query's types and direction (RankQuery.Normalize makes equal
// sets equal), so equivalent arguments share one entry.
type rankCache struct {
	mu      sync.Mutex
	version uint64
	ranks   *cache.LRU[string, []graph.Ranked] // every node, in graph.CompareRanked order
}

func newRankCache() *cache.LRU[string, []graph.Ranked] {
	return cache.New(rankCacheEntries, 0, func(key string, r []graph.Ranked) int64 {
		return int64(len(key)) + int64(len(r))*int64(unsafe.Sizeof(graph.Ranked{}))
	})
}

func (c *rankCache) get(key string, version uint64) ([]graph.Ranked, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.ranks == nil {
		return nil, false
	}
	return c.ranks.Get(key)
}

// put keeps r for version, unless the cache already holds a later one.
func (c *rankCache) put(key string, version uint64, r []graph.Ranked) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case version < c.version:
		return
	case c.ranks == nil:
		c.version, c.ranks = version, newRankCache()
	case version > c.version:
		c.version = version
		c.ranks.Clear()
	}
	c.ranks.Add(key, r)
}

func (c *rankCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ranks != nil {
		c.ranks.Clear()
	}
}

func (c *rankCache) stats() cache.Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ranks == nil {
		return cache.Stats{MaxEntries: rankCacheEntries}
	}
	return c.ranks.Stats()
}

// RankCacheStats describes the PageRank cache.
func (s *Store) RankCacheStats() cache.Stats { return s.ranks.stats() }

// CacheStats reports the store's one cache, the PageRank cache, to
// metrics (cmd/issgraph/ops.CacheReporter).
func (s *Store) CacheStats() (entries, bytes int64, hits, misses uint64) {
	return s.ranks.stats().CacheStats()
}

// walkGraph is what PageRank needs of the store at one version: the nodes
// in id order and, for each ordered pair of them, how many edges the walk
// follows from the first to the second.
type walkGraph struct {
	version uint64
	nodes   []graph.Node
	weights map[[2]int]float64
}

// walk copies what PageRank needs, under the read lock, so that the
// computation runs without it and never holds up writers.
func (s *Store) walk(types []graph.EdgeType, d graph.Direction) *walkGraph {
	w := &walkGraph{version: s.version, nodes: make([]graph.Node, 0, len(s.nodes)), weights: map[[2]int]float64{}}
	for _, n := range s.nodes {
		w.nodes = append(w.nodes, n) // stored nodes are never changed in place
	}
	slices.SortFunc(w.nodes, func(a, b graph.Node) int { return strings.Compare(a.ID, b.ID) })
	at := make(map[string]int, len(w.nodes))
	for i, n := range w.nodes {
		at[n.ID] = i
	}
	for k := range s.edges {
		if len(types) > 0 && !slices.Contains(types, k.Type) {
			continue
		}
		from, to := at[k.From], at[k.To]
		if from == to {
			continue // Edge.Validate forbids it; gonum would panic
		}
		// Each edge is followed on its own, so two edges between the
		// same nodes (two types, or both ways under Both) carry twice
		// the weight of one.
		w.weights[[2]int{from, to}]++
		if d == graph.Both {
			w.weights[[2]int{to, from}]++
		}
	}
	return w
}

// pageRank computes graph.MeasurePageRank over w with gonum's
// network.PageRankSparse, and returns every node with its rounded score in
// graph.CompareRanked order.
//
// How gonum's PageRank compares with the definition in graph/analysis.go:
//
//   - Dangling nodes: the same. A node with no edge to follow spreads
//     damping/n of its weight to every node, itself included, and every
//     node receives (1-damping)/n of the total; the vector keeps summing
//     to 1.
//   - Edges: gonum's graphs hold one edge per ordered pair, and its
//     edge-weighted PageRank splits a node's weight in proportion to edge
//     weights. Weighting each pair by its number of edges (walk) follows
//     each edge with equal chance, as the definition and the Neo4j store
//     do; Both adds each edge in both directions.
//   - Iteration: gonum starts from a random vector (not the uniform one)
//     and stops when the 2-norm of the change is below tol, with no cap
//     on iterations. The fixed point is the same (the walk has one
//     stationary distribution), so what differs is only how close the
//     result gets. The definition stops when the 1-norm of the change is
//     below PageRankTolerance; since |x|1 <= sqrt(n) |x|2, tol =
//     PageRankTolerance/sqrt(n) is at least as strict, and a further
//     factor 1e-3 keeps the run-to-run noise of the random start about a
//     thousand times below the sixth significant digit that RoundScore
//     keeps. Each step shrinks the error by the damping factor, so the
//     extra precision costs a few dozen iterations.
func (w *walkGraph) pageRank() []graph.Ranked {
	n := len(w.nodes)
	out := make([]graph.Ranked, n)
	for i, node := range w.nodes {
		out[i].Node = node
	}
	if n == 0 {
		return out
	}
	g := simple.NewWeightedDirectedGraph(0, 0)
	for i := range n {
		g.AddNode(simple.Node(i))
	}
	for e, weight := range w.weights {
		g.SetWeightedEdge(simple.WeightedEdge{F: simple.Node(e[0]), T: simple.Node(e[1]), W: weight})
	}
	tol := graph.PageRankTolerance * 1e-3 / math.Sqrt(float64(n))
	scores := network.PageRankSparse(g, graph.PageRankDamping, tol)
	for i := range out {
		out[i].Score = graph.RoundScore(scores[int64(i)])
	}
	slices.SortFunc(out, graph.CompareRanked)
	return out
}

// rankPageRank answers a normalised PageRank query from the cache, or
// computes the PageRank of the whole graph and caches it. Kinds and
// IDPrefix only choose which of the ranked nodes are returned.
func (s *Store) rankPageRank(ctx context.Context, q graph.RankQuery) ([]graph.Ranked, error) {
	key := fmt.Sprint(q.Types, q.Direction) // Normalize sorted the types
	var (
		all    []graph.Ranked
		cached bool
		w      *walkGraph
	)
	err := s.read(ctx, "rank", func() error {
		if all, cached = s.ranks.get(key, s.version); !cached {
			w = s.walk(q.Types, q.Direction)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !cached {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("embedded: rank: %w", err)
		}
		all = w.pageRank()
		s.ranks.put(key, w.version, all)
	}
	top := make([]graph.Ranked, 0, q.Limit)
	for _, r := range all {
		if len(top) == q.Limit {
			break
		}
		if strings.HasPrefix(r.Node.ID, q.IDPrefix) && (len(q.Kinds) == 0 || slices.Contains(q.Kinds, r.Node.Kind)) {
			top = append(top, graph.Ranked{Node: r.Node.Clone(), Score: r.Score})
		}
	}
	return top, nil
}
