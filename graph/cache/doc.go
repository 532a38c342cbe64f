// Package cache is the one bounded cache issgraph keeps anything in: the
// API's parsed-query and persisted-query caches, the per-request loaders'
// node cache and the embedded store's PageRank cache are all an LRU from
// this package.
//
// Every LRU is bounded, by a number of entries, by an estimate of the bytes
// it holds, or both, so that no sequence of requests can make a cache grow
// the process without limit; the least recently used entries are evicted
// to make room, and a value larger than the whole budget is not kept at
// all. Each LRU counts its hits, misses and evictions (Stats), which is
// what metrics read.
package cache
