package cache

import (
	"container/list"
	"sync"
)

// Stats describes a cache at one moment. Bytes is the sum of the costs of
// the entries held, as the cache's cost function estimates them.
type Stats struct {
	Entries    int
	Bytes      int64
	MaxEntries int   // 0: no cap on the number of entries
	MaxBytes   int64 // 0: no cap on the bytes
	Hits       uint64
	Misses     uint64
	Evictions  uint64
}

// CacheStats is s in built-in types, the method metrics read from any
// cache (cmd/issgraph/ops.CacheReporter).
func (s Stats) CacheStats() (entries, bytes int64, hits, misses uint64) {
	return int64(s.Entries), s.Bytes, s.Hits, s.Misses
}

// Reporter is a cache as metrics see it.
type Reporter interface {
	Stats() Stats
	CacheStats() (entries, bytes int64, hits, misses uint64)
}

// LRU is a least-recently-used cache, safe for concurrent use, bounded by
// a number of entries and by the sum of its entries' costs. The zero
// value is not usable: call New.
type LRU[K comparable, V any] struct {
	mu         sync.Mutex
	maxEntries int
	maxBytes   int64
	cost       func(K, V) int64
	order      *list.List // front: most recently used
	items      map[K]*list.Element
	bytes      int64

	hits, misses, evictions uint64
}

type entry[K comparable, V any] struct {
	key  K
	val  V
	cost int64
}

// New returns an LRU holding at most maxEntries entries whose costs sum
// to at most maxBytes. A bound of 0 or less is no bound, but at least one
// must be set. cost estimates the memory an entry holds, key included;
// nil counts every entry as 1 byte, which makes maxBytes a second entry
// count.
func New[K comparable, V any](maxEntries int, maxBytes int64, cost func(K, V) int64) *LRU[K, V] {
	if maxEntries <= 0 && maxBytes <= 0 {
		panic("cache.New: an LRU needs a bound on entries or bytes")
	}
	if cost == nil {
		cost = func(K, V) int64 { return 1 }
	}
	return &LRU[K, V]{
		maxEntries: max(maxEntries, 0),
		maxBytes:   max(maxBytes, 0),
		cost:       cost,
		order:      list.New(),
		items:      map[K]*list.Element{},
	}
}

// Get returns the value of key and marks it recently used.
func (c *LRU[K, V]) Get(key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.hits++
		c.order.MoveToFront(el)
		return el.Value.(*entry[K, V]).val, true
	}
	c.misses++
	var zero V
	return zero, false
}

// Contains reports whether key is held, without counting a hit or a miss
// or changing the order.
func (c *LRU[K, V]) Contains(key K) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.items[key]
	return ok
}

// Add keeps value under key, evicting the least recently used entries
// until it fits. A value that alone exceeds the byte budget is not kept
// (and an older value of key is dropped); Add reports whether it was kept.
func (c *LRU[K, V]) Add(key K, value V) bool {
	cost := max(c.cost(key, value), 0)
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.remove(el)
	}
	if c.maxBytes > 0 && cost > c.maxBytes {
		return false
	}
	for c.order.Len() > 0 && (c.maxEntries > 0 && c.order.Len() >= c.maxEntries ||
		c.maxBytes > 0 && c.bytes+cost > c.maxBytes) {
		c.remove(c.order.Back())
		c.evictions++
	}
	c.items[key] = c.order.PushFront(&entry[K, V]{key: key, val: value, cost: cost})
	c.bytes += cost
	return true
}

// Delete drops key; it reports whether it was held.
func (c *LRU[K, V]) Delete(key K) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if ok {
		c.remove(el)
	}
	return ok
}

// Clear drops every entry; the counters stay.
func (c *LRU[K, V]) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.order.Init()
	c.items = map[K]*list.Element{}
	c.bytes = 0
}

// Stats returns the cache's size, bounds and counters.
func (c *LRU[K, V]) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{
		Entries: c.order.Len(), Bytes: c.bytes, MaxEntries: c.maxEntries, MaxBytes: c.maxBytes,
		Hits: c.hits, Misses: c.misses, Evictions: c.evictions,
	}
}

// CacheStats is Stats in built-in types, for metrics.
func (c *LRU[K, V]) CacheStats() (entries, bytes int64, hits, misses uint64) {
	return c.Stats().CacheStats()
}

func (c *LRU[K, V]) remove(el *list.Element) {
	e := c.order.Remove(el).(*entry[K, V])
	delete(c.items, e.key)
	c.bytes -= e.cost
}
