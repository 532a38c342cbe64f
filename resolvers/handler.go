package resolvers

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/cache"
	"github.com/issgraph/issgraph/graph/generated"
)

// Options configure NewHandler. Every limit's zero value means its
// default (limits.go).
type Options struct {
	// APIKeys are the keys that may write. With none, every mutation fails
	// with FORBIDDEN.
	APIKeys []string
	// MaxComplexity caps a query's cost; 0 means DefaultMaxComplexity.
	MaxComplexity int
	// MaxBodyBytes caps a request body; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// MaxQueryBytes caps a GraphQL document; 0 means
	// DefaultMaxQueryBytes.
	MaxQueryBytes int
	// MaxQueryTokens is the parser's token limit; 0 means
	// DefaultMaxQueryTokens.
	MaxQueryTokens int
	// MaxSelections caps the selections of a document with its fragments
	// expanded, and the pairs of same-named fields validation compares; 0
	// means DefaultMaxSelections.
	MaxSelections int
	// MaxResponseBytes caps an answer's size; 0 means
	// DefaultMaxResponseBytes.
	MaxResponseBytes int64
	// QueryCacheBytes bounds the cache of parsed documents; 0 means
	// DefaultQueryCacheBytes.
	QueryCacheBytes int64
	// PersistedQueryCacheBytes bounds the cache of automatic persisted
	// queries; 0 means DefaultPersistedQueryCacheBytes.
	PersistedQueryCacheBytes int64
	// Limits caps the analyst queries' depth; the zero value means
	// graph.DefaultMaxDepth.
	Limits graph.Limits
	// Logger receives what the API hides from clients: internal errors,
	// panics, store outages. nil means slog.Default().
	Logger *slog.Logger
	// Extensions are added to the GraphQL server after its own: the
	// server's tracing (cmd/issgraph/ops).
	Extensions []graphql.HandlerExtension
}

// Handler is the GraphQL endpoint.
type Handler struct {
	serve            http.Handler
	queries          *cache.LRU[string, *parsed]
	persistedQueries *cache.LRU[string, string]
}

// Caches returns the endpoint's caches by name, for metrics: "queries"
// (parsed and validated documents, by text) and "persisted_queries"
// (automatic persisted queries, by hash).
func (h *Handler) Caches() map[string]cache.Reporter {
	return map[string]cache.Reporter{"queries": h.queries, "persisted_queries": h.persistedQueries}
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.serve.ServeHTTP(w, r) }

// NewHandler returns the GraphQL endpoint over s: GraphQL over HTTP with
// the transport rules of transport.go (methods, content types, the body
// limit, a code for every refusal), per-request loaders, the @auth check
// on writes, the limits of limits.go, automatic persisted queries, and
// the error mapping of errors.go. CORS and access logs are the server's
// business (cmd/issgraph).
func NewHandler(s graph.Store, opts Options) *Handler {
	r := newResolver(s, opts)
	lim := opts.limits()
	keys := newKeyring(opts.APIKeys)
	es := generated.NewExecutableSchema(generated.Config{
		Resolvers:  r,
		Directives: generated.DirectiveRoot{Auth: keys.directive},
	})
	h := &Handler{
		queries:          newQueryCache(opts.QueryCacheBytes),
		persistedQueries: newPersistedQueryCache(opts.PersistedQueryCacheBytes),
	}

	srv := handler.New(es)
	srv.AddTransport(httpTransport{maxBody: lim.maxBodyBytes, log: r.log})
	srv.SetQueryCache(queryCache{h.queries})
	srv.SetParserTokenLimit(lim.maxQueryTokens)
	srv.Use(extension.Introspection{})
	// Before the limits, so that a refused document is named too.
	srv.Use(requestInfoExtension{})
	// The operation-parameter steps run in this order: the size of what
	// was sent, then the persisted query it names, then the document.
	srv.Use(querySize{max: lim.maxQueryBytes})
	srv.Use(persistedQueries{extension.AutomaticPersistedQuery{Cache: persistedQueryCache{h.persistedQueries}}})
	srv.Use(documentGuard{limits: lim, cached: func(ctx context.Context, q string) bool { return queryCache{h.queries}.lookup(ctx, q) != nil }})
	srv.Use(costLimit{limit: lim.maxComplexity})
	srv.Use(responseLimit{})
	srv.SetErrorPresenter(r.presentError)
	srv.SetRecoverFunc(r.recoverPanic)
	for _, x := range opts.Extensions {
		srv.Use(x)
	}

	h.serve = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		// Every store call of the request shares one retry budget, so
		// that an outage answers UNAVAILABLE within about the budget.
		ctx := graph.WithRetryStart(req.Context(), time.Now())
		st := &requestState{loaders: newLoaders(s), key: presentedKey(req)}
		st.own.max = lim.maxResponseBytes
		st.budget = &st.own
		srv.ServeHTTP(w, req.WithContext(withRequest(ctx, st)))
	})
	return h
}

// requestState is what the resolvers of one request share, in one
// context value: its loaders, the API key it presented, and its answer's
// budget (nil for a request without one, such as an export's).
type requestState struct {
	loaders *loaders
	doc     *parsed // its cached document (queryCache.lookup), which keeps the plans (planOf); nil: none
	docText string  // the query doc was looked up by
	looked  bool    // whether it was
	key     string
	budget  *responseBudget
	own     responseBudget // what budget points to, in the same allocation
}

func withRequest(ctx context.Context, st *requestState) context.Context { return withValue(ctx, st) }

// requestOf is the request's state, nil outside a request (a test calling
// a resolver directly).
func requestOf(ctx context.Context) *requestState { return valueOf[requestState](ctx) }

// ctxKey is the key of a context value of type *T: this package keeps at
// most one value of each type in a request's context.
type ctxKey[T any] struct{}

func withValue[T any](ctx context.Context, v *T) context.Context {
	return context.WithValue(ctx, ctxKey[T]{}, v)
}

// valueOf is ctx's value of type *T, nil if it has none.
func valueOf[T any](ctx context.Context) *T {
	v, _ := ctx.Value(ctxKey[T]{}).(*T)
	return v
}

// intArg reads an Int argument as gqlgen hands it over: int64 from a
// literal, json.Number or float64 from a variable.
func intArg(v any, def int) int {
	switch n := v.(type) {
	case int64:
		return int(n)
	case int:
		return n
	case float64:
		return int(n)
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return int(i)
		}
	}
	return def
}
