package embedded

import (
	"cmp"
	"context"
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/search"
)

// textIndex is the full-text index behind Search. It is derived data: the
// bbolt file stays the one source of truth, Open rebuilds the index from
// the nodes it loads (in the background), and every write changes it with
// the maps, under the same lock. Nothing in it can fail: it holds terms
// graph/search has already analysed, so indexing a node is splitting its
// fields at white space and adding its number to lists.
//
// It is inverted lists, by node number (the node's place in Store.nodes):
// for each term and field, the ascending numbers of the nodes that hold
// it, each with the term's frequency in the field; and for each node, its
// fields' lengths in Lucene's one-byte encoding (its norms). A query
// matches the nodes that hold any of its terms in a field it looks in,
// narrowed to its kinds, as Lucene's boolean query of term clauses does on
// Neo4j, and scores them walking its terms' lists side by side, in node
// order. The index keeps nothing else of a node: a write that replaces or
// deletes one analyses the node it replaces again to find the lists that
// hold it (prepare).
//
// The index used to be bleve (scorch, in memory), kept only for matching,
// since the score is computed here anyway; it took a quarter of the CPU of
// seeding, eight seconds to build at Open for 100,000 nodes, and a third
// of the heap, where these lists take a fraction of each (issue 12).
//
// The score is Lucene's BM25 as Neo4j's full-text index computes it, from
// the statistics kept here, so that both stores rank alike: each term in
// float32, with the one-byte field lengths, each field's clauses summed in
// float64 and rounded to float32, and the fields likewise. What still
// differs from Neo4j is what Lucene counts and this index does not:
// deleted documents not yet merged away, and, on a shared database, other
// nodes.
type textIndex struct {
	// lists holds, for each term and field (listKey), the nodes whose
	// field holds the term: never empty.
	lists map[uint64]postingList
	// over holds the frequencies of maxFreq and more, which lists hold
	// as maxFreq: a word said that often in one field is rare.
	over  map[overKey]uint32
	norms []norms      // by node number; a node not indexed has all 0
	stats []fieldStats // per search.Fields
	// dict numbers every term the index has held since it was built.
	dict map[string]uint32
}

// postingList is the nodes that hold a term in a field, ascending, and the
// term's frequency in each (capped at maxFreq; the rest in over).
type postingList struct {
	nodes []uint32
	freqs []uint8
}

const maxFreq = math.MaxUint8

type overKey struct {
	list uint64
	node uint32
}

// norms are a node's field lengths, each as intToByte4 encodes it: 0 when
// the node has no term in the field.
type norms [maxFields]uint8

// fieldBits is the room a field's index takes in a list key: search.Fields
// has fewer than maxFields entries (TestTextFields).
const (
	fieldBits = 3
	maxFields = 1 << fieldBits
)

// listKey is the key in textIndex.lists of a term number and a field.
func listKey(term uint32, field int) uint64 { return uint64(term)<<fieldBits | uint64(field) }

// fieldStats are Lucene's collection statistics of a field: the documents
// that have it (docCount) and its terms over all of them
// (sumTotalTermFreq).
type fieldStats struct {
	docs  int
	terms int
}

// newTextIndex returns an empty index.
func newTextIndex() *textIndex {
	return &textIndex{lists: map[uint64]postingList{}, over: map[overKey]uint32{},
		stats: make([]fieldStats, len(search.Fields)), dict: map[string]uint32{}}
}

// buildTextIndex returns an index of nodes, numbered by their place.
func buildTextIndex(nodes []nodeRec) *textIndex {
	x := newTextIndex()
	added := make([]docAt, 0, len(nodes))
	for i := range nodes {
		if n := &nodes[i].node; n.ID != "" {
			added = append(added, docAt{uint32(i), analyse(n)})
		}
	}
	x.update(nil, added)
	return x
}

// analysed is a node's text as the index takes it: each field's length
// and its terms, sorted.
type analysed struct {
	lengths [maxFields]uint32
	terms   [][]string // by search.Fields
}

// docAt is a node's analysed text and its number.
type docAt struct {
	n   uint32
	doc *analysed
}

// textChange is a write's change to the index, prepared before the write
// takes the lock readers wait on: the analysed text of each node it
// writes (nil: deleted) and of the stored node each replaces or deletes,
// by id.
type textChange struct {
	next, prev map[string]*analysed
}

// prepareText analyses the staged nodes of a write (nil: deleted) and the
// stored nodes they replace. It runs under the store's write lock wmu,
// which keeps the stored nodes still, and reads nothing else.
func (s *Store) prepareText(nodes map[string]*graph.Node) textChange {
	c := textChange{next: make(map[string]*analysed, len(nodes)), prev: map[string]*analysed{}}
	for id, n := range nodes {
		if old, ok := s.node(id); ok {
			c.prev[id] = analyse(&old)
		}
		if n == nil {
			c.next[id] = nil
			continue
		}
		c.next[id] = analyse(n)
	}
	return c
}

// analyse returns the terms of n's fields as the index holds them: those
// search.Doc writes, which a whitespace split of its text would give.
func analyse(n *graph.Node) *analysed {
	a := &analysed{terms: search.DocTerms(*n)}
	for i, terms := range a.terms {
		slices.Sort(terms)
		a.lengths[i] = uint32(len(terms))
	}
	return a
}

// eachTerm calls fn with each field of a that has terms, each distinct term
// of it and its frequency.
func (a *analysed) eachTerm(fn func(field int, term string, freq int)) {
	for i, terms := range a.terms {
		for j := 0; j < len(terms); {
			k := j + 1
			for k < len(terms) && terms[k] == terms[j] {
				k++
			}
			fn(i, terms[j], k-j)
			j = k
		}
	}
}

// posting is one node in a list being changed.
type posting struct {
	n    uint32
	freq uint8
}

// update removes the nodes of removed from the index, then adds those of
// added (a number may be in both: a node replaced, or a number reused).
// Each list it touches is changed once, however many of its nodes changed.
func (x *textIndex) update(removed, added []docAt) {
	rem := map[uint64][]uint32{}
	for _, r := range removed {
		x.count(r.doc, -1)
		x.norms[r.n] = norms{}
		r.doc.eachTerm(func(field int, term string, freq int) {
			t, ok := x.dict[term]
			if !ok {
				return // never: the node was indexed with its terms
			}
			k := listKey(t, field)
			rem[k] = append(rem[k], r.n)
			if freq >= maxFreq {
				delete(x.over, overKey{k, r.n})
			}
		})
	}
	add := map[uint64][]posting{}
	for _, a := range added {
		if int(a.n) >= len(x.norms) {
			x.norms = slices.Grow(x.norms, int(a.n)+1-len(x.norms))[:a.n+1]
		}
		x.count(a.doc, 1)
		for i, l := range a.doc.lengths {
			x.norms[a.n][i] = intToByte4(int(l))
		}
		a.doc.eachTerm(func(field int, term string, freq int) {
			t, ok := x.dict[term]
			if !ok {
				t = uint32(len(x.dict))
				x.dict[term] = t
			}
			k := listKey(t, field)
			add[k] = append(add[k], posting{a.n, uint8(min(freq, maxFreq))})
			if freq >= maxFreq {
				x.over[overKey{k, a.n}] = uint32(freq)
			}
		})
	}
	for k, r := range rem {
		l := mergeList(x.lists[k], r, add[k])
		delete(add, k)
		if len(l.nodes) == 0 {
			delete(x.lists, k)
		} else {
			x.lists[k] = l
		}
	}
	for k, a := range add {
		x.lists[k] = mergeList(x.lists[k], nil, a)
	}
}

// mergeList returns l with the nodes of rem taken out and those of add put
// in; it may reuse l's memory, and sorts rem and add. Adding at the end, as
// loading a graph does, only appends.
func mergeList(l postingList, rem []uint32, add []posting) postingList {
	slices.SortFunc(add, func(a, b posting) int { return cmp.Compare(a.n, b.n) })
	last := len(l.nodes) - 1
	if len(rem) == 0 && (last < 0 || len(add) > 0 && add[0].n > l.nodes[last]) {
		for _, p := range add {
			l.nodes = append(l.nodes, p.n)
			l.freqs = append(l.freqs, p.freq)
		}
		return l
	}
	slices.Sort(rem)
	out := postingList{nodes: make([]uint32, 0, len(l.nodes)+len(add)), freqs: make([]uint8, 0, len(l.nodes)+len(add))}
	j := 0
	for i, n := range l.nodes {
		if _, gone := slices.BinarySearch(rem, n); gone {
			continue
		}
		for ; j < len(add) && add[j].n < n; j++ {
			out.nodes, out.freqs = append(out.nodes, add[j].n), append(out.freqs, add[j].freq)
		}
		if j < len(add) && add[j].n == n {
			continue // replaced by the one added, which comes next
		}
		out.nodes, out.freqs = append(out.nodes, n), append(out.freqs, l.freqs[i])
	}
	for ; j < len(add); j++ {
		out.nodes, out.freqs = append(out.nodes, add[j].n), append(out.freqs, add[j].freq)
	}
	return out
}

func (x *textIndex) count(a *analysed, sign int) {
	for i, l := range a.lengths {
		if l > 0 {
			x.stats[i].docs += sign
			x.stats[i].terms += sign * int(l)
		}
	}
}

// hit is one match of a text search.
type hit struct {
	id    string
	score float64
}

// search returns the hits of q from offset on, at most size of them, best
// first, ties by id. node returns the node numbered n, which the index
// holds: the caller holds the store's read lock.
func (x *textIndex) search(ctx context.Context, q search.Query, offset, size int, node func(n uint32) *graph.Node) ([]hit, error) {
	sc := newBM25(q, x)
	// The candidates: every node that holds a term of the query in a
	// field the query looks for it in, in order.
	var cand []uint32
	for _, bf := range sc.fields {
		for _, l := range bf.lists {
			cand = append(cand, l.nodes...)
		}
	}
	slices.Sort(cand)
	cand = slices.Compact(cand)
	var all []hit
	for j, n := range cand {
		if j%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		nd := node(n)
		if len(q.Kinds) > 0 && !slices.ContainsFunc(q.Kinds, func(k graph.Kind) bool { return strings.EqualFold(string(k), string(nd.Kind)) }) {
			continue
		}
		all = append(all, hit{id: nd.ID, score: float64(sc.score(x, n))})
	}
	slices.SortFunc(all, func(a, b hit) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return strings.Compare(a.id, b.id)
	})
	if offset >= len(all) {
		return nil, nil
	}
	return all[offset:min(len(all), offset+size)], nil
}

// BM25 parameters: Lucene's BM25Similarity defaults, which Neo4j's
// full-text index uses.
const (
	bm25K1 float32 = 1.2
	bm25B  float32 = 0.75
)

// bm25 scores documents for one query.
type bm25 struct {
	fields []bm25Field
}

// bm25Field is the part of a query in one field: its terms, distinct and
// sorted by number, each with its list, its key and its weight (boost
// times idf), and the field's norm cache. pos is where score has got to
// in each list: it asks for nodes in ascending order.
type bm25Field struct {
	index   int // in search.Fields
	lists   []postingList
	keys    []uint64
	weights []float32
	pos     []int
	cache   *[256]float32
}

// newBM25 computes what Lucene's BM25Similarity computes once per query:
// each term's idf from its document frequency (the length of its list)
// and the field's document count, and each field's normInverse cache from
// its average length. It keeps only the terms some node holds.
func newBM25(q search.Query, x *textIndex) *bm25 {
	sc := &bm25{}
	for i, f := range search.Fields {
		st := x.stats[i]
		if st.docs == 0 {
			continue // no document has the field: nothing to match in it
		}
		type term struct {
			n      uint32
			weight float32
		}
		var terms []term
		for _, t := range q.FieldTerms(f) {
			n, ok := x.dict[t]
			if !ok {
				continue // never indexed: no document holds it
			}
			if df := len(x.lists[listKey(n, i)].nodes); df > 0 {
				terms = append(terms, term{n, float32(f.Boost) * luceneIDF(int64(df), int64(st.docs))})
			}
		}
		if len(terms) == 0 {
			continue
		}
		// In the order of their numbers, each once, as a merge of the
		// query's terms with a document's would meet them.
		slices.SortStableFunc(terms, func(a, b term) int { return cmp.Compare(a.n, b.n) })
		terms = slices.CompactFunc(terms, func(a, b term) bool { return a.n == b.n })
		bf := bm25Field{index: i, cache: normCache(float32(float64(st.terms) / float64(st.docs))), pos: make([]int, len(terms))}
		for _, t := range terms {
			k := listKey(t.n, i)
			bf.lists = append(bf.lists, x.lists[k])
			bf.keys = append(bf.keys, k)
			bf.weights = append(bf.weights, t.weight)
		}
		sc.fields = append(sc.fields, bf)
	}
	return sc
}

// score is node n's BM25 score; each call must ask for a greater n than
// the last. Lucene scores each term in float32 and sums the clauses of
// each boolean query in float64, rounding the sum to float32: one boolean
// query per field, and one over the fields, each over its terms in the
// order of their numbers.
func (sc *bm25) score(x *textIndex, n uint32) float32 {
	var total float64
	for fi := range sc.fields {
		bf := &sc.fields[fi]
		norm := x.norms[n][bf.index]
		if norm == 0 {
			continue
		}
		ni := bf.cache[norm]
		var sum float64
		for j, l := range bf.lists {
			p := bf.pos[j]
			for p < len(l.nodes) && l.nodes[p] < n {
				p++
			}
			bf.pos[j] = p
			if p == len(l.nodes) || l.nodes[p] != n {
				continue
			}
			freq := uint32(l.freqs[p])
			if freq == maxFreq {
				freq = x.over[overKey{bf.keys[j], n}]
			}
			sum += float64(termScore(bf.weights[j], float32(freq), ni))
		}
		total += float64(float32(sum))
	}
	return float32(total)
}

// luceneIDF is BM25Similarity.idf: log(1 + (docCount - docFreq + 0.5) /
// (docFreq + 0.5)), in float64, rounded to float32.
func luceneIDF(docFreq, docCount int64) float32 {
	return float32(math.Log(1 + (float64(docCount)-float64(docFreq)+0.5)/(float64(docFreq)+0.5)))
}

// normCache is BM25Similarity's cache: for each encoded length,
// 1 / (k1 * ((1 - b) + b * length / avgdl)), in float32. The explicit
// conversions keep each operation rounded on its own, as in Java.
func normCache(avgdl float32) *[256]float32 {
	var c [256]float32
	for i := range c {
		l := float32(byte4ToInt(uint8(i)))
		c[i] = 1 / float32(bm25K1*float32((1-bm25B)+float32(float32(bm25B*l)/avgdl)))
	}
	return &c
}

// termScore is BM25Scorer.score: weight - weight / (1 + freq * normInverse).
func termScore(weight, freq, normInverse float32) float32 {
	return weight - weight/float32(1+float32(freq*normInverse))
}

// Lucene's SmallFloat.intToByte4 and byte4ToInt: field lengths are kept
// in one byte, exact below 24 and with 4 significant bits above, so two
// long fields of nearby lengths score alike.
const numFreeValues = 255 - 231 // 255 - longToInt4(math.MaxInt32)

func intToByte4(i int) uint8 {
	if i < numFreeValues {
		return uint8(i)
	}
	return uint8(numFreeValues + longToInt4(int64(i-numFreeValues)))
}

func byte4ToInt(b uint8) int {
	if int(b) < numFreeValues {
		return int(b)
	}
	return numFreeValues + int(int4ToLong(int(b)-numFreeValues))
}

func longToInt4(i int64) int {
	n := 64 - bits.LeadingZeros64(uint64(i))
	if n < 4 {
		return int(i)
	}
	shift := n - 4
	enc := int(i>>shift) & 0x07
	return enc | (shift+1)<<3
}

func int4ToLong(i int) int64 {
	m := int64(i & 0x07)
	shift := i>>3 - 1
	if shift == -1 {
		return m
	}
	return (m | 0x08) << shift
}
