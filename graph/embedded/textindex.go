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
// fields at white space and appending numbers to lists.
//
// It is two indexes of the same postings, by node number (the node's
// place in Store.nodes): for each node its analysed fields (textDoc, what
// scoring reads), and for each term and field the ascending numbers of the
// nodes that hold it (lists, what matching and document frequencies read).
// A query matches the nodes that hold any of its terms in a field it looks
// in, narrowed to its kinds, as Lucene's boolean query of term clauses
// does on Neo4j.
//
// The index used to be bleve (scorch, in memory), kept only for matching,
// since the score is computed here anyway; it took a quarter of the CPU of
// seeding, eight seconds to build at Open for 100,000 nodes, and a third
// of the heap, where these lists take a fraction of each (issue 12).
//
// The score is Lucene's BM25 as Neo4j's full-text index computes it, from
// the statistics kept here, so that both stores rank alike: each term in
// float32, with Lucene's one-byte field lengths, each field's clauses
// summed in float64 and rounded to float32, and the fields likewise. What
// still differs from Neo4j is what Lucene counts and this index does not:
// deleted documents not yet merged away, and, on a shared database, other
// nodes.
type textIndex struct {
	docs []textDoc // by node number; a node not indexed has none of either
	// lists holds, for each term and field (listKey), the ascending
	// numbers of the nodes whose field holds the term: never empty.
	lists map[uint64][]uint32
	stats []fieldStats // per search.Fields
	// dict numbers every term the index has held since it was built.
	dict map[string]uint32
}

// fieldBits is the room a field's index takes in a list key: search.Fields
// has fewer than maxFields entries (TestTextFields).
const (
	fieldBits = 3
	maxFields = 1 << fieldBits
)

// listKey is the key in textIndex.lists of a term number and a field.
func listKey(term uint32, field int) uint64 { return uint64(term)<<fieldBits | uint64(field) }

// textDoc is one node's analysed text, as Lucene's BM25 sees it. Every hit
// of a common word is scored, and every node has one, so it is compact:
// the terms of all its fields as numbers of the index's dictionary, each
// with its field and frequency, in one slice sorted by field then term,
// which scoring merges with the query's; and the number of terms of each
// field, repeats included (the field's length, whose one-byte encoding,
// intToByte4, is Lucene's norm). It is held by value, in one slice for
// all nodes.
type textDoc struct {
	postings []uint64         // field << 56 | term number << 24 | frequency
	lengths  [maxFields]uint32 // by search.Fields
}

// analysed is a node's text as a write prepares it: each field's terms,
// sorted, until the index numbers them into a textDoc.
type analysed struct {
	lengths [maxFields]uint32
	terms   [][]string // by search.Fields
}

// posting packs a field index, a term number and a frequency.
func posting(field int, term uint32, freq int) uint64 {
	return uint64(field)<<56 | uint64(term)<<24 | uint64(freq)&(1<<24-1)
}

func postingField(p uint64) int   { return int(p >> 56) }
func postingTerm(p uint64) uint32 { return uint32(p>>24) & (1<<32 - 1) }
func postingFreq(p uint64) int    { return int(p & (1<<24 - 1)) }

// field returns the postings of field i, sorted by term.
func (d *textDoc) field(i int) []uint64 {
	lo, _ := slices.BinarySearchFunc(d.postings, i, func(p uint64, f int) int { return postingField(p) - f })
	hi := lo
	for hi < len(d.postings) && postingField(d.postings[hi]) == i {
		hi++
	}
	return d.postings[lo:hi]
}

// fieldStats are Lucene's collection statistics of a field: the documents
// that have it (docCount) and its terms over all of them
// (sumTotalTermFreq).
type fieldStats struct {
	docs  int
	terms int
}

// newTextIndex returns an empty index.
func newTextIndex() *textIndex {
	return &textIndex{lists: map[uint64][]uint32{}, stats: make([]fieldStats, len(search.Fields)), dict: map[string]uint32{}}
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

// docAt is a node's analysed text and its number.
type docAt struct {
	n   uint32
	doc *analysed
}

// prepare analyses the staged nodes of a write (nil: deleted), keyed by
// id. It reads only its input, so a write runs it before taking the lock
// that readers wait on.
func prepare(nodes map[string]*graph.Node) map[string]*analysed {
	docs := make(map[string]*analysed, len(nodes))
	for id, n := range nodes {
		if n == nil {
			docs[id] = nil
			continue
		}
		docs[id] = analyse(n)
	}
	return docs
}

func analyse(n *graph.Node) *analysed { return newAnalysed(search.Doc(*n)) }

// update removes the nodes numbered removed from the index, then adds
// added (a number may be in both: a node replaced, or a number reused).
// Each list it touches is changed once, however many of its nodes changed.
func (x *textIndex) update(removed []uint32, added []docAt) {
	rem := map[uint64][]uint32{}
	for _, i := range removed {
		if int(i) >= len(x.docs) {
			continue
		}
		d := &x.docs[i]
		x.count(d, -1)
		for _, p := range d.postings {
			k := listKey(postingTerm(p), postingField(p))
			rem[k] = append(rem[k], i)
		}
		*d = textDoc{}
	}
	add := map[uint64][]uint32{}
	for _, a := range added {
		if int(a.n) >= len(x.docs) {
			x.docs = slices.Grow(x.docs, int(a.n)+1-len(x.docs))[:a.n+1]
		}
		d := &x.docs[a.n]
		*d = x.number(a.doc)
		x.count(d, 1)
		for _, p := range d.postings {
			k := listKey(postingTerm(p), postingField(p))
			add[k] = append(add[k], a.n)
		}
	}
	for k, r := range rem {
		list := mergeList(x.lists[k], r, add[k])
		delete(add, k)
		if len(list) == 0 {
			delete(x.lists, k)
		} else {
			x.lists[k] = list
		}
	}
	for k, a := range add {
		x.lists[k] = mergeList(x.lists[k], nil, a)
	}
}

// mergeList returns the ascending list with the numbers of rem taken out
// and those of add put in; it may reuse list's memory and sorts rem and
// add. Adding at the end, as loading a graph does, only appends.
func mergeList(list, rem, add []uint32) []uint32 {
	slices.Sort(add)
	if len(rem) == 0 && (len(list) == 0 || len(add) > 0 && add[0] > list[len(list)-1]) {
		return append(list, add...)
	}
	kept := list
	if len(rem) > 0 {
		slices.Sort(rem)
		kept = make([]uint32, 0, len(list))
		for _, n := range list {
			if _, found := slices.BinarySearch(rem, n); !found {
				kept = append(kept, n)
			}
		}
	}
	if len(add) == 0 {
		return kept
	}
	out := make([]uint32, 0, len(kept)+len(add))
	i, j := 0, 0
	for i < len(kept) || j < len(add) {
		switch {
		case j == len(add) || i < len(kept) && kept[i] < add[j]:
			out = append(out, kept[i])
			i++
		case i == len(kept) || add[j] < kept[i]:
			out = append(out, add[j])
			j++
		default: // in both: once
			out = append(out, kept[i])
			i++
			j++
		}
	}
	return out
}

// number turns a's terms into a document's postings, adding new terms to
// the dictionary. It runs with the index, under the store's write lock,
// since searches read the dictionary.
func (x *textIndex) number(a *analysed) textDoc {
	d := textDoc{lengths: a.lengths}
	for _, terms := range a.terms {
		d.postings = slices.Grow(d.postings, len(terms))
	}
	for i, terms := range a.terms {
		for j, t := range terms {
			n, ok := x.dict[t]
			if !ok {
				n = uint32(len(x.dict))
				x.dict[t] = n
			}
			if j > 0 && t == terms[j-1] {
				d.postings[len(d.postings)-1]++ // the frequency, in the low bits
				continue
			}
			d.postings = append(d.postings, posting(i, n, 1))
		}
	}
	slices.Sort(d.postings)
	d.postings = slices.Clip(d.postings)
	return d
}

func (x *textIndex) count(d *textDoc, sign int) {
	for i, l := range d.lengths {
		if l > 0 {
			x.stats[i].docs += sign
			x.stats[i].terms += sign * int(l)
		}
	}
}

func newAnalysed(doc map[string]string) *analysed {
	d := &analysed{terms: make([][]string, len(search.Fields))}
	for i, f := range search.Fields {
		terms := strings.Fields(doc[f.Name])
		if len(terms) == 0 {
			continue
		}
		slices.Sort(terms)
		d.lengths[i], d.terms[i] = uint32(len(terms)), terms
	}
	return d
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
	// field the query looks for it in.
	var cand []uint32
	lists := 0
	for _, bf := range sc.fields {
		for _, t := range bf.terms {
			cand = append(cand, x.lists[listKey(t, bf.index)]...)
			lists++
		}
	}
	if lists > 1 {
		slices.Sort(cand)
		cand = slices.Compact(cand)
	}
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
		all = append(all, hit{id: nd.ID, score: float64(sc.score(&x.docs[n]))})
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

// bm25Field is the part of a query in one field: its terms, sorted, each
// with its weight (boost times idf), and the field's norm cache.
type bm25Field struct {
	index   int      // in search.Fields
	terms   []uint32 // numbers in the dictionary, ascending
	weights []float32
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
			if df := len(x.lists[listKey(n, i)]); df > 0 {
				terms = append(terms, term{n, float32(f.Boost) * luceneIDF(int64(df), int64(st.docs))})
			}
		}
		if len(terms) == 0 {
			continue
		}
		slices.SortFunc(terms, func(a, b term) int { return cmp.Compare(a.n, b.n) }) // for the merge in score
		bf := bm25Field{index: i, cache: normCache(float32(float64(st.terms) / float64(st.docs)))}
		for _, t := range terms {
			bf.terms = append(bf.terms, t.n)
			bf.weights = append(bf.weights, t.weight)
		}
		sc.fields = append(sc.fields, bf)
	}
	return sc
}

// score is d's BM25 score. Lucene scores each term in float32 and sums
// the clauses of each boolean query in float64, rounding the sum to
// float32: one boolean query per field, and one over the fields.
//
// Both the query's terms and the field's are sorted, so one merge finds
// the terms they share: every hit of a common word goes through here.
func (sc *bm25) score(d *textDoc) float32 {
	var total float64
	for _, bf := range sc.fields {
		l := d.lengths[bf.index]
		if l == 0 {
			continue
		}
		ni := bf.cache[intToByte4(int(l))]
		f := d.field(bf.index)
		var sum float64
		for i, j := 0, 0; i < len(bf.terms) && j < len(f); {
			switch n := postingTerm(f[j]); {
			case bf.terms[i] < n:
				i++
			case bf.terms[i] > n:
				j++
			default:
				sum += float64(termScore(bf.weights[i], float32(postingFreq(f[j])), ni))
				i++
				j++
			}
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
