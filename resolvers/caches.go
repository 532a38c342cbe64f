package resolvers

import (
	"context"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/issgraph/issgraph/graph/cache"
	"github.com/issgraph/issgraph/graph/generated"
)

// The endpoint's caches, each a graph/cache LRU bounded by bytes
// (Handler.CacheStats reads them):
//
//   - queries: documents that parsed and validated, by their text, so
//     that a query sent again skips both, and the fields their selections
//     collect (parsed). Up to QueryCacheBytes of estimated memory: the
//     text plus, per node of the tree, astNodeBytes and room for the
//     collected fields.
//     Keys are the exact text: two spellings of one query are two
//     entries, each within the bound.
//   - persisted queries: the text of each automatic persisted query by
//     its SHA-256, up to PersistedQueryCacheBytes of text. Only a query
//     within MaxQueryBytes is kept.
//
// The per-request loaders have their own bound (loaderCacheEntries), and
// the embedded store's PageRank cache its own (graph/embedded).
const (
	// DefaultQueryCacheBytes bounds the parsed-query cache: hundreds of
	// typical queries (an analyst's query is estimated at 10 to 40 KB),
	// or about fifteen of the largest documents the limits let through.
	// The heap it holds is about 70% of its estimate
	// (TestQueryCacheHoldsItsBudget), and with the collector's headroom
	// the process grows by at most about twice that.
	DefaultQueryCacheBytes = 16 << 20
	// DefaultPersistedQueryCacheBytes bounds the persisted-query cache.
	DefaultPersistedQueryCacheBytes = 4 << 20

	// astNodeBytes is what one node of a parsed document (a field, an
	// argument, a value, a directive) holds on the heap, with its
	// position and validation's annotations, measured on large documents
	// (TestQueryCacheHoldsItsBudget).
	astNodeBytes = 400
	// entryBytes is the overhead of a cache entry: list element, map
	// slot, key header.
	entryBytes = 128
)

func newQueryCache(maxBytes int64) *cache.LRU[string, *parsed] {
	if maxBytes <= 0 {
		maxBytes = DefaultQueryCacheBytes
	}
	return cache.New(0, maxBytes, func(query string, p *parsed) int64 {
		return entryBytes + int64(len(query)) + (astNodeBytes+fieldsPerNode*collectedFieldBytes+planBytes)*int64(p.nodes) +
			costBytes*int64(len(p.doc.Operations))
	})
}

// parsed is an entry of the query cache: a document that parsed and
// validated, and the fields its selections collect, which every request
// running it shares (nil when a directive such as @skip or @include makes
// them depend on the request's variables).
type parsed struct {
	doc    *ast.QueryDocument
	nodes  int
	fields *generated.FieldCache
	costs  sync.Map // *ast.OperationDefinition → int: costOf
	plans  sync.Map // planKey → *plan: planOf
}

// costOf is the cost of op, an operation of p's document, priced by price
// at its first request when op declares no variables: then nothing a
// request sends can change it. An operation with variables is priced at
// every request.
func (p *parsed) costOf(op *ast.OperationDefinition, price func() int) int {
	if len(op.VariableDefinitions) > 0 {
		return price()
	}
	if c, ok := p.costs.Load(op); ok {
		return c.(int) // only costOf stores, and only ints
	}
	c := price()
	p.costs.Store(op, c)
	return c
}

// The fields collected from a document's selections (generated.FieldCache)
// are at most fieldsPerNode per node of the document: selections on an
// interface or a union are collected once for each type met, and a
// fragment spread expands where it is spread. Past that the requests
// collect their own. collectedFieldBytes is what one holds on the heap,
// with its share of the cache's map.
const (
	fieldsPerNode       = 2
	collectedFieldBytes = 64
)

// costBytes is what an operation's kept cost (parsed.costOf) holds on the
// heap: a sync.Map entry.
const costBytes = 96

// planBytes is a node's share of the plans a document keeps (planOf): at
// most one per selection set, each a sync.Map entry, the plan and its
// level's cut.
const planBytes = 160

func newParsed(doc *ast.QueryDocument) *parsed {
	nodes, directives := docNodes(doc)
	p := &parsed{doc: doc, nodes: nodes}
	if directives == 0 {
		p.fields = generated.NewFieldCache(fieldsPerNode * nodes)
	}
	return p
}

func newPersistedQueryCache(maxBytes int64) *cache.LRU[string, string] {
	if maxBytes <= 0 {
		maxBytes = DefaultPersistedQueryCacheBytes
	}
	return cache.New(0, maxBytes, func(hash, query string) int64 {
		return entryBytes + int64(len(hash)+len(query))
	})
}

// queryCache and persistedQueryCache are the LRUs as gqlgen's caches.
type queryCache struct {
	*cache.LRU[string, *parsed]
}

// Get is gqlgen's lookup of a document, which documentGuard has made
// already for the request (lookup).
func (c queryCache) Get(ctx context.Context, q string) (*ast.QueryDocument, bool) {
	if p := c.lookup(ctx, q); p != nil {
		return p.doc, true
	}
	return nil, false
}

func (c queryCache) Add(ctx context.Context, q string, doc *ast.QueryDocument) {
	p := newParsed(doc)
	c.LRU.Add(q, p)
	if st := requestOf(ctx); st != nil {
		st.doc, st.docText, st.looked = p, q, true
	}
}

// lookup returns the entry of q, and makes it the request's document:
// the query is looked up once per request, however many steps ask
// (documentGuard, gqlgen's parse, costLimit, the transport: docOf).
func (c queryCache) lookup(ctx context.Context, q string) *parsed {
	st := requestOf(ctx)
	if st != nil && st.looked && st.docText == q {
		return st.doc // nil: looked up and not there, one miss counted
	}
	p, _ := c.LRU.Get(q)
	if st != nil {
		st.doc, st.docText, st.looked = p, q, true
	}
	return p
}

// docOf is the cache's entry of doc if it is the request's document
// (lookup), else nil.
func docOf(ctx context.Context, doc *ast.QueryDocument) *parsed {
	if st := requestOf(ctx); st != nil && st.doc != nil && st.doc.doc == doc {
		return st.doc
	}
	return nil
}

type persistedQueryCache struct{ *cache.LRU[string, string] }

func (c persistedQueryCache) Get(_ context.Context, hash string) (string, bool) {
	return c.LRU.Get(hash)
}
func (c persistedQueryCache) Add(_ context.Context, hash, q string) { c.LRU.Add(hash, q) }

// persistedQueries is gqlgen's automatic persisted queries (Apollo's
// protocol: a client sends a query's SHA-256 alone, and its text only
// when the server answers PERSISTED_QUERY_NOT_FOUND), over the bounded
// cache. The extension leaves its other errors (a malformed extension, a
// hash that does not match the text) without a code: they are the
// client's, BAD_REQUEST.
type persistedQueries struct {
	extension.AutomaticPersistedQuery
}

func (p persistedQueries) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	err := p.AutomaticPersistedQuery.MutateOperationParameters(ctx, raw)
	if err != nil && err.Extensions["code"] == nil {
		return codedError(CodeBadRequest, ReasonPersistedQuery, err.Message)
	}
	return err
}

// docNodes counts the nodes of a parsed document: selections, arguments,
// values, directives and variable definitions, fragments not expanded;
// and, of those, the directives.
func docNodes(doc *ast.QueryDocument) (n, directives int) {
	var value func(v *ast.Value)
	value = func(v *ast.Value) {
		if v == nil {
			return
		}
		n++
		for _, c := range v.Children {
			value(c.Value)
		}
	}
	dirs := func(ds ast.DirectiveList) {
		for _, d := range ds {
			n++
			directives++
			for _, a := range d.Arguments {
				n++
				value(a.Value)
			}
		}
	}
	var set func(ss ast.SelectionSet)
	set = func(ss ast.SelectionSet) {
		for _, sel := range ss {
			n++
			switch s := sel.(type) {
			case *ast.Field:
				for _, a := range s.Arguments {
					n++
					value(a.Value)
				}
				dirs(s.Directives)
				set(s.SelectionSet)
			case *ast.InlineFragment:
				dirs(s.Directives)
				set(s.SelectionSet)
			case *ast.FragmentSpread:
				dirs(s.Directives)
			}
		}
	}
	for _, op := range doc.Operations {
		n++
		for _, v := range op.VariableDefinitions {
			n++
			value(v.DefaultValue)
		}
		dirs(op.Directives)
		set(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		n++
		dirs(f.Directives)
		set(f.SelectionSet)
	}
	return n, directives
}
