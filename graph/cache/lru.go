package cache

import "sync"

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
//
// Entries live in one slice, linked by index, and a removed entry's slot
// is reused: adding allocates nothing once the slice has grown, which
// matters for the caches a request builds (resolvers' loaders).
type LRU[K comparable, V any] struct {
	mu         sync.Mutex
	maxEntries int
	maxBytes   int64
	cost       func(K, V) int64
	slots      []slot[K, V]
	head, tail int32 // most and least recently used; none: -1
	free       int32 // first free slot, linked by next; none: -1
	items      map[K]int32
	bytes      int64

	hits, misses, evictions uint64
}

type slot[K comparable, V any] struct {
	key        K
	val        V
	cost       int64
	prev, next int32
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
		head:       -1,
		tail:       -1,
		free:       -1,
		items:      map[K]int32{},
	}
}

// Get returns the value of key and marks it recently used.
func (c *LRU[K, V]) Get(key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i, ok := c.items[key]; ok {
		c.hits++
		c.unlink(i)
		c.pushFront(i)
		return c.slots[i].val, true
	}
	c.misses++
	var zero V
	return zero, false
}

// Peek returns the value of key without counting a hit or a miss or
// changing the order.
func (c *LRU[K, V]) Peek(key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i, ok := c.items[key]; ok {
		return c.slots[i].val, true
	}
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
	if i, ok := c.items[key]; ok {
		c.remove(i)
	}
	if c.maxBytes > 0 && cost > c.maxBytes {
		return false
	}
	for len(c.items) > 0 && (c.maxEntries > 0 && len(c.items) >= c.maxEntries ||
		c.maxBytes > 0 && c.bytes+cost > c.maxBytes) {
		c.remove(c.tail)
		c.evictions++
	}
	i := c.free
	if i >= 0 {
		c.free = c.slots[i].next
	} else {
		i = int32(len(c.slots))
		c.slots = append(c.slots, slot[K, V]{})
	}
	c.slots[i] = slot[K, V]{key: key, val: value, cost: cost}
	c.pushFront(i)
	c.items[key] = i
	c.bytes += cost
	return true
}

// Delete drops key; it reports whether it was held.
func (c *LRU[K, V]) Delete(key K) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	i, ok := c.items[key]
	if ok {
		c.remove(i)
	}
	return ok
}

// Clear drops every entry; the counters stay.
func (c *LRU[K, V]) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slots = nil
	c.head, c.tail, c.free = -1, -1, -1
	c.items = map[K]int32{}
	c.bytes = 0
}

// Stats returns the cache's size, bounds and counters.
func (c *LRU[K, V]) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{
		Entries: len(c.items), Bytes: c.bytes, MaxEntries: c.maxEntries, MaxBytes: c.maxBytes,
		Hits: c.hits, Misses: c.misses, Evictions: c.evictions,
	}
}

// CacheStats is Stats in built-in types, for metrics.
func (c *LRU[K, V]) CacheStats() (entries, bytes int64, hits, misses uint64) {
	return c.Stats().CacheStats()
}

// remove drops slot i: out of the order and the index, onto the free
// list, its key and value cleared so that they can be collected.
func (c *LRU[K, V]) remove(i int32) {
	c.unlink(i)
	delete(c.items, c.slots[i].key)
	c.bytes -= c.slots[i].cost
	c.slots[i] = slot[K, V]{next: c.free}
	c.free = i
}

func (c *LRU[K, V]) unlink(i int32) {
	s := &c.slots[i]
	if s.prev >= 0 {
		c.slots[s.prev].next = s.next
	} else {
		c.head = s.next
	}
	if s.next >= 0 {
		c.slots[s.next].prev = s.prev
	} else {
		c.tail = s.prev
	}
}

func (c *LRU[K, V]) pushFront(i int32) {
	c.slots[i].prev, c.slots[i].next = -1, c.head
	if c.head >= 0 {
		c.slots[c.head].prev = i
	}
	c.head = i
	if c.tail < 0 {
		c.tail = i
	}
}
