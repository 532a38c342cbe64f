package resolvers

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/generated"
)

// DefaultMaxComplexity is the default cap on a query's complexity. A field
// costs 1 plus its children; a connection multiplies its children by first,
// and a relationship list by listFanout. A page of 100 nodes with their
// relationships and the names at the other ends costs about 7,000.
const DefaultMaxComplexity = 20000

// listFanout is the number of items a relationship list is assumed to hold
// when pricing a query.
const listFanout = 10

// Options configure NewHandler.
type Options struct {
	// APIKeys are the keys that may write. With none, every mutation fails
	// with FORBIDDEN.
	APIKeys []string
	// MaxComplexity caps a query's complexity; 0 means
	// DefaultMaxComplexity.
	MaxComplexity int
	// Limits caps the analyst queries' depth; the zero value means
	// graph.DefaultMaxDepth.
	Limits graph.Limits
	// Logger receives what the API hides from clients: internal errors,
	// panics, store outages. nil means slog.Default().
	Logger *slog.Logger
}

// NewHandler returns the GraphQL endpoint over s: GET and POST, with
// per-request loaders, the @auth check on writes, a complexity limit and
// the error mapping of errors.go. CORS, body limits and access logs are
// the server's business (cmd/issgraph).
func NewHandler(s graph.Store, opts Options) http.Handler {
	r := newResolver(s, opts)
	limit := opts.MaxComplexity
	if limit <= 0 {
		limit = DefaultMaxComplexity
	}
	keys := newKeyring(opts.APIKeys)
	es := generated.NewExecutableSchema(generated.Config{
		Resolvers:  r,
		Directives: generated.DirectiveRoot{Auth: keys.directive},
	})

	srv := handler.New(weighted{es})
	srv.AddTransport(transport.Options{AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions}})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.FixedComplexityLimit(limit))
	srv.SetErrorPresenter(r.presentError)
	srv.SetRecoverFunc(r.recoverPanic)

	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		// Every store call of the request shares one retry budget, so
		// that an outage answers UNAVAILABLE within about the budget.
		ctx := graph.WithRetryStart(req.Context(), time.Now())
		ctx = withLoaders(ctx, newLoaders(s))
		ctx = withKey(ctx, presentedKey(req))
		srv.ServeHTTP(w, req.WithContext(ctx))
	})
}

// weighted prices list fields for the complexity limit (see
// DefaultMaxComplexity); gqlgen's default counts a list like one object.
type weighted struct{ graphql.ExecutableSchema }

func (w weighted) Complexity(ctx context.Context, typeName, field string, child int, args map[string]any) (int, bool) {
	def := w.Schema().Types[typeName]
	if def == nil {
		return 0, false
	}
	fd := def.Fields.ForName(field)
	if fd == nil {
		return 0, false
	}
	switch {
	case strings.HasSuffix(fd.Type.Name(), "Connection"):
		n := intArg(args["first"], graph.DefaultPageSize)
		return 1 + child*min(max(n, 1), graph.MaxPageSize), true
	case typeName == "Query" && (field == "neighbourhood" || field == "citations" || field == "timeline"):
		// Their lists are priced at listFanout items each; limit says how
		// many there may be.
		def := graph.DefaultSubgraphLimit
		if field == "timeline" {
			def = graph.DefaultTimelineLimit
		}
		n := intArg(args["limit"], def)
		return 1 + child*max(1, (n+listFanout-1)/listFanout), true
	case typeName == "Query" && field == "allShortestPaths":
		return 1 + child*min(max(intArg(args["limit"], graph.DefaultPathLimit), 1), graph.MaxPathLimit), true
	case typeName == "Query" && field == "nodes":
		ids, _ := args["ids"].([]any)
		return 1 + child*min(max(len(ids), 1), MaxNodeIDs), true
	case fd.Type.Elem != nil && !strings.HasSuffix(typeName, "Connection"):
		return 1 + child*listFanout, true
	}
	return 0, false
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
