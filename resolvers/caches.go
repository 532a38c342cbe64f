package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/issgraph/issgraph/graph/cache"
)

// The endpoint's caches, each a graph/cache LRU bounded by bytes
// (Handler.CacheStats reads them):
//
//   - queries: documents that parsed and validated, by their text, so
//     that a query sent again skips both. Up to QueryCacheBytes of
//     estimated memory: the text plus astNodeBytes per node of the tree.
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

func newQueryCache(maxBytes int64) *cache.LRU[string, *ast.QueryDocument] {
	if maxBytes <= 0 {
		maxBytes = DefaultQueryCacheBytes
	}
	return cache.New(0, maxBytes, func(query string, doc *ast.QueryDocument) int64 {
		return entryBytes + int64(len(query)) + astNodeBytes*int64(docNodes(doc))
	})
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
	*cache.LRU[string, *ast.QueryDocument]
}

func (c queryCache) Get(_ context.Context, q string) (*ast.QueryDocument, bool) { return c.LRU.Get(q) }
func (c queryCache) Add(_ context.Context, q string, doc *ast.QueryDocument)    { c.LRU.Add(q, doc) }

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
// values, directives and variable definitions, fragments not expanded.
func docNodes(doc *ast.QueryDocument) int {
	n := 0
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
	directives := func(ds ast.DirectiveList) {
		for _, d := range ds {
			n++
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
				directives(s.Directives)
				set(s.SelectionSet)
			case *ast.InlineFragment:
				directives(s.Directives)
				set(s.SelectionSet)
			case *ast.FragmentSpread:
				directives(s.Directives)
			}
		}
	}
	for _, op := range doc.Operations {
		n++
		for _, v := range op.VariableDefinitions {
			n++
			value(v.DefaultValue)
		}
		directives(op.Directives)
		set(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		n++
		directives(f.Directives)
		set(f.SelectionSet)
	}
	return n
}
