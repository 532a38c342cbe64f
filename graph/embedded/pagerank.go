package embedded

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unsafe"

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
// in id order and the edges the walk follows, as integer adjacency (the
// nodes each node is entered from, one entry per edge) so that an
// iteration is one pass over two flat arrays.
type walkGraph struct {
	version uint64
	nodes   []graph.Node
	// The walk enters node v from src[start[v]:start[v+1]], one entry
	// per edge followed (two edges between the same nodes, of two
	// types or both ways under Both, are two entries); out[u] is the
	// number of edges followed from u.
	start, src, out []int32
}

// walk copies what PageRank needs, under the read lock, so that the
// computation runs without it and never holds up writers. The nodes are
// put in id order, so that the sums run in an order that does not depend
// on the history of writes.
func (s *Store) walk(types []graph.EdgeType, d graph.Direction) *walkGraph {
	w := &walkGraph{version: s.version, nodes: make([]graph.Node, 0, len(s.ids))}
	nums := make([]uint32, 0, len(s.ids))
	for _, i := range s.ids {
		nums = append(nums, i)
	}
	slices.SortFunc(nums, func(a, b uint32) int { return strings.Compare(s.nodes[a].node.ID, s.nodes[b].node.ID) })
	at := make([]int32, len(s.nodes)) // place in w.nodes by number
	for j, i := range nums {
		at[i] = int32(j)
		w.nodes = append(w.nodes, s.nodes[i].node) // stored nodes are never changed in place
	}
	set := typesOf(types)
	var pairs [][2]int32 // from, to
	for _, i := range nums {
		for _, a := range s.nodes[i].out {
			if !set.has(a.typ()) {
				continue
			}
			from, to := at[i], at[a.other]
			pairs = append(pairs, [2]int32{from, to})
			if d == graph.Both {
				pairs = append(pairs, [2]int32{to, from})
			}
		}
	}
	w.follow(pairs)
	return w
}

// follow sets w's adjacency from the (from, to) pairs, by a counting sort
// on the target.
func (w *walkGraph) follow(pairs [][2]int32) {
	n := len(w.nodes)
	w.start, w.out = make([]int32, n+1), make([]int32, n)
	for _, p := range pairs {
		w.start[p[1]+1]++
		w.out[p[0]]++
	}
	for v := range n {
		w.start[v+1] += w.start[v]
	}
	w.src = make([]int32, len(pairs))
	next := slices.Clone(w.start[:n])
	for _, p := range pairs {
		w.src[next[p[1]]] = p[0]
		next[p[1]]++
	}
}

// pageRankEpsilon is the L1 change between two iterations at which
// pageRank stops: a thousand times below graph.PageRankTolerance, so that
// the result is the fixed point to well past the sixth significant digit
// that graph.RoundScore keeps, whatever the order of the sums. Each
// iteration shrinks the error by the damping factor, so the extra
// precision costs a few dozen iterations.
const pageRankEpsilon = graph.PageRankTolerance * 1e-3

// pageRankMaxIterations stops a walk that would not converge: it cannot
// (the iteration is a contraction by the damping factor), but the loop
// is bounded anyway.
const pageRankMaxIterations = 1000

// pageRank computes graph.MeasurePageRank over w by power iteration from
// the uniform vector, as graph/analysis.go defines it: a node with no edge
// to follow spreads its weight evenly over every node, itself included,
// each node receives (1-damping)/n of the total, and each edge is followed
// with equal chance. It returns every node with its rounded score in
// graph.CompareRanked order.
func (w *walkGraph) pageRank() []graph.Ranked {
	n := len(w.nodes)
	out := make([]graph.Ranked, n)
	for i, node := range w.nodes {
		out[i].Node = node
	}
	if n == 0 {
		return out
	}
	const d = graph.PageRankDamping
	x, next, share := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = 1 / float64(n)
	}
	for range pageRankMaxIterations {
		dangling := 0.0
		for u, k := range w.out {
			if k == 0 {
				dangling += x[u]
				share[u] = 0
			} else {
				share[u] = x[u] / float64(k)
			}
		}
		base := (1-d)/float64(n) + d*dangling/float64(n)
		change := 0.0
		for v := range n {
			sum := 0.0
			for _, u := range w.src[w.start[v]:w.start[v+1]] {
				sum += share[u]
			}
			next[v] = base + d*sum
			change += math.Abs(next[v] - x[v])
		}
		x, next = next, x
		if change < pageRankEpsilon {
			break
		}
	}
	for i := range out {
		out[i].Score = graph.RoundScore(x[i])
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
