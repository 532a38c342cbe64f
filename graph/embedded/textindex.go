package embedded

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/search"
)

// textIndex is the full-text index behind Search. It is derived data: the
// bbolt file stays the one source of truth, Open rebuilds the index from
// the nodes it loads, in one bleve batch, and every write changes it with
// the maps, under the same lock.
//
// bleve holds search.Doc of every node, each field split at white space
// and nothing else, and finds the nodes a query matches. Its index is
// scorch, in memory (no path), not bleve.NewMemOnly's upsidedown: on
// upsidedown's in-memory tree, indexing 100,000 nodes at Open took about
// 30 s, against 4 s on scorch. Scorch in memory has no segment merger
// (bleve issue 1165): each write's batch stays a segment of its own, and
// searches slow down by a few microseconds per segment. So once the
// batches since the last build reach compactAfter, the store rebuilds the
// index from the maps (Store.rebuildText), which merges everything into
// one segment.
//
// The score is not bleve's: it is Lucene's BM25 as Neo4j's full-text
// index computes it, from the statistics kept here, so that both stores
// rank alike. bleve can score BM25 (IndexMapping.ScoringModel), but its
// formula is not Lucene's: it multiplies each term by a query weight that
// holds the idf a second time, scales a disjunction by the share of its
// clauses that matched (coord), takes the square root of the term
// frequency, and estimates a field's average length as its distinct terms
// per document. A custom searcher (bm25Query) therefore keeps bleve's
// matching, sorting and paging and replaces each hit's score with
// Lucene's, computed in float32 with Lucene's one-byte field lengths.
// What still differs from Neo4j is what Lucene counts and this index does
// not: deleted documents not yet merged away, and, on a shared database,
// other nodes.
type textIndex struct {
	idx   bleve.Index
	docs  map[string]*textDoc // analysed fields of each indexed node
	stats []fieldStats        // per search.Fields
	// dict numbers every term the index has held since it was built.
	dict map[string]uint32
	// batches counts the batches applied since the index was built:
	// each is a segment until the next build.
	batches int
	// err is set when the index could not follow a committed write and
	// could not be rebuilt either; Search then fails with it.
	err    error
	closed bool
}

// compactAfter is the number of write batches after which the index is
// rebuilt into one segment: 256, plus one for every 64 nodes, so that the
// rebuild, which costs about 40 µs a node, adds well under a millisecond
// a write on average, and searches never carry more than a few
// milliseconds of segments.
func (x *textIndex) compactAfter() int { return 256 + len(x.docs)/64 }

// due reports whether the index should be rebuilt.
func (x *textIndex) due() bool { return x.batches >= x.compactAfter() }

// textDoc is one node's analysed text, as Lucene's BM25 sees it. Every hit
// of a common word is scored, and every node has one, so it is compact:
// the terms of all its fields as numbers of the index's dictionary, each
// with its field and frequency, in one slice sorted by field then term,
// which scoring merges with the query's; and the number of terms of each
// field, repeats included (the field's length, whose one-byte encoding,
// intToByte4, is Lucene's norm).
type textDoc struct {
	postings []uint64   // field << 56 | term number << 24 | frequency
	lengths  []uint32   // by search.Fields
	terms    [][]string // each field's terms, sorted, until apply numbers them
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

// textAnalyzer is the only analyzer of the index: a whitespace tokenizer
// and nothing else, since search.Doc has already analysed the text.
const (
	textAnalyzer  = "issgraph-whitespace"
	textTokenizer = "issgraph-whitespace"
)

func init() {
	// A registry name taken twice is a bug of this package's init.
	if err := registry.RegisterTokenizer(textTokenizer, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return spaceTokenizer{}, nil
	}); err != nil {
		panic(err)
	}
}

// spaceTokenizer splits text at white space, as bleve's "whitespace"
// tokenizer and Lucene's WhitespaceTokenizer do. bleve's allocates a
// stream for 1024 tokens per field, which made indexing 100,000 nodes at
// Open mostly garbage collection; this one allocates what the field holds.
type spaceTokenizer struct{}

func (spaceTokenizer) Tokenize(input []byte) analysis.TokenStream {
	fields := bytes.Fields(input)
	toks := make([]analysis.Token, len(fields))
	out := make(analysis.TokenStream, len(fields))
	start := 0
	for i, f := range fields {
		// f is a subslice of input: its offset is where it starts.
		start += bytes.Index(input[start:], f)
		toks[i] = analysis.Token{Term: f, Start: start, End: start + len(f), Position: i + 1, Type: analysis.AlphaNumeric}
		out[i] = &toks[i]
		start += len(f)
	}
	return out
}

func textMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := m.AddCustomAnalyzer(textAnalyzer, map[string]any{
		"type":      custom.Name,
		"tokenizer": textTokenizer,
	}); err != nil {
		return nil, err
	}
	m.DefaultAnalyzer = textAnalyzer
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	doc := mapping.NewDocumentStaticMapping()
	names := []string{search.KindField}
	for _, f := range search.Fields {
		names = append(names, f.Name)
	}
	for _, name := range names {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = textAnalyzer
		fm.Store, fm.IncludeTermVectors, fm.IncludeInAll, fm.DocValues = false, false, false, false
		doc.AddFieldMappingsAt(name, fm)
	}
	m.DefaultMapping = doc
	return m, m.Validate()
}

// newTextIndex returns an empty index.
func newTextIndex() (*textIndex, error) {
	m, err := textMapping()
	if err != nil {
		return nil, err
	}
	// No path: scorch keeps its segments in memory, and a batch returns
	// once it is searchable.
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, err
	}
	return &textIndex{idx: idx, docs: map[string]*textDoc{}, stats: make([]fieldStats, len(search.Fields)), dict: map[string]uint32{}}, nil
}

// failedTextIndex is an empty index whose searches fail with err: what the
// store holds when Open could not build its index.
func failedTextIndex(err error) *textIndex {
	x, xerr := newTextIndex()
	if xerr != nil {
		// The mapping is a constant of this package (see Memory).
		panic("embedded: the full-text index mapping is invalid: " + xerr.Error())
	}
	x.err = err
	return x
}

// buildTextIndex returns an index of nodes, built with one bleve batch.
func buildTextIndex(nodes []nodeRec) (*textIndex, error) {
	x, err := newTextIndex()
	if err != nil {
		return nil, err
	}
	changes := make(map[string]*graph.Node, len(nodes))
	for i := range nodes {
		if n := &nodes[i].node; n.ID != "" {
			changes[n.ID] = n
		}
	}
	b, err := x.prepare(changes)
	if err == nil {
		err = x.apply(b)
	}
	if err != nil {
		_ = x.close()
		return nil, err
	}
	x.batches = 0
	return x, nil
}

// textBatch is a write's change to the index, prepared before the write
// commits: the bleve batch and the analysed documents (nil: removed).
type textBatch struct {
	batch *bleve.Batch
	docs  map[string]*textDoc
}

// prepare analyses the staged nodes of a write (nil: deleted) into a
// batch. It is the part of indexing that looks at the input, so it runs
// before the write commits; what is left for apply cannot fail on input.
func (x *textIndex) prepare(nodes map[string]*graph.Node) (*textBatch, error) {
	b := &textBatch{batch: x.idx.NewBatch(), docs: make(map[string]*textDoc, len(nodes))}
	for id, n := range nodes {
		if n == nil {
			b.batch.Delete(id)
			b.docs[id] = nil
			continue
		}
		doc := search.Doc(*n)
		if err := b.batch.Index(id, doc); err != nil {
			return nil, fmt.Errorf("index node %q: %w", id, err)
		}
		b.docs[id] = newTextDoc(doc)
	}
	return b, nil
}

// apply executes b on the bleve index, then records its documents and
// statistics. An error leaves the documents and statistics as they were,
// and the bleve index possibly part-way: the caller rebuilds it.
func (x *textIndex) apply(b *textBatch) error {
	if b.batch.Size() > 0 {
		if err := x.idx.Batch(b.batch); err != nil {
			return err
		}
		x.batches++
	}
	for id, d := range b.docs {
		if old := x.docs[id]; old != nil {
			x.count(old, -1)
		}
		if d == nil {
			delete(x.docs, id)
			continue
		}
		x.number(d)
		x.docs[id] = d
		x.count(d, 1)
	}
	return nil
}

// number turns d's terms into postings, adding new terms to the
// dictionary. It runs with the index, under the store's write lock, since
// searches read the dictionary.
func (x *textIndex) number(d *textDoc) {
	for i, terms := range d.terms {
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
	d.terms = nil
}

func (x *textIndex) count(d *textDoc, sign int) {
	for i, l := range d.lengths {
		if l > 0 {
			x.stats[i].docs += sign
			x.stats[i].terms += sign * int(l)
		}
	}
}

// close releases the index; closing twice is harmless (bleve's scorch
// would panic).
func (x *textIndex) close() error {
	if x.closed {
		return nil
	}
	x.closed = true
	return x.idx.Close()
}

func newTextDoc(doc map[string]string) *textDoc {
	d := &textDoc{lengths: make([]uint32, len(search.Fields)), terms: make([][]string, len(search.Fields))}
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
// first, ties by id.
func (x *textIndex) search(ctx context.Context, q search.Query, offset, size int) ([]hit, error) {
	if x.err != nil {
		return nil, x.err
	}
	var text []query.Query
	for _, f := range search.Fields {
		for _, t := range q.FieldTerms(f) {
			tq := query.NewTermQuery(t)
			tq.SetField(f.Name)
			text = append(text, tq)
		}
	}
	var match query.Query = query.NewDisjunctionQuery(text)
	if len(q.Kinds) > 0 {
		// Lucene's "AND searchKind:(...)^0": required, and no part of
		// the score (the score is bm25Query's anyway).
		var kinds []query.Query
		for _, k := range q.Kinds {
			tq := query.NewTermQuery(strings.ToLower(string(k)))
			tq.SetField(search.KindField)
			kinds = append(kinds, tq)
		}
		b := query.NewBooleanQuery([]query.Query{match}, nil, nil)
		b.AddFilter(query.NewDisjunctionQuery(kinds))
		match = b
	}
	req := bleve.NewSearchRequestOptions(&bm25Query{match: match, q: q, x: x}, size, offset, false)
	req.SortBy([]string{"-_score", "_id"})
	res, err := x.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	hits := make([]hit, len(res.Hits))
	for i, h := range res.Hits {
		hits[i] = hit{id: h.ID, score: h.Score}
	}
	return hits, nil
}

// bm25Query is a bleve query that matches what match matches and scores
// each hit with Lucene's BM25 for q (see textIndex).
type bm25Query struct {
	match query.Query
	q     search.Query
	x     *textIndex
}

// Searcher builds the scorer from the reader's document frequencies, which
// are those of the documents the search sees, and wraps match's searcher
// in one that rescores every hit.
func (b *bm25Query) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	sc, err := newBM25(ctx, r, b.q, b.x)
	if err != nil {
		return nil, err
	}
	child, err := b.match.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	rescore := func(_ context.Context, d *bsearch.DocumentMatch) (float64, error) {
		id, err := r.ExternalID(d.IndexInternalID)
		if err != nil {
			return 0, err
		}
		doc := b.x.docs[id]
		if doc == nil {
			// bleve and docs change together under the store's lock,
			// so this cannot happen; a hit without a document ranks
			// last rather than failing the search.
			return 0, nil
		}
		return float64(sc.score(doc)), nil
	}
	return searcher.NewCustomScoreSearcher(ctx, child, rescore, nil, r, nil, opts.Explain), nil
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
// each term's idf from its document frequency and the field's document
// count, and each field's normInverse cache from its average length.
func newBM25(ctx context.Context, r bindex.IndexReader, q search.Query, x *textIndex) (*bm25, error) {
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
			tfr, err := r.TermFieldReader(ctx, []byte(t), f.Name, false, false, false)
			if err != nil {
				return nil, err
			}
			df := tfr.Count()
			if err := tfr.Close(); err != nil {
				return nil, err
			}
			if df > 0 {
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
	return sc, nil
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
