package resolvers

import (
	"context"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// RequestInfo is what the server learns about one request as the API
// answers it: the GraphQL operation's name and the code of the first
// error, for its access log and metrics. Its ID, the request id, is shown
// to the client in every error's extensions.requestId, so that a report
// from a client finds the request's log lines.
//
// The server (cmd/issgraph) puts one in the request's context with
// WithRequestInfo before the API handlers run; without one, nothing is
// recorded. The API fills it in: the presenter of errors.go notes each
// error, a gqlgen extension (requestInfoExtension) the operation.
type RequestInfo struct {
	// ID is the request id, set before the request is served.
	ID string

	mu        sync.Mutex
	operation string
	code      string
}

// WithRequestInfo returns ctx carrying info.
func WithRequestInfo(ctx context.Context, info *RequestInfo) context.Context {
	return withValue(ctx, info)
}

// RequestInfoFrom returns the request's info, or nil when the server put
// none in ctx.
func RequestInfoFrom(ctx context.Context) *RequestInfo { return valueOf[RequestInfo](ctx) }

// Operation is the GraphQL operation's name as the client gave it ("" for
// an anonymous operation, or before one is known).
func (i *RequestInfo) Operation() string {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.operation
}

// SetOperation records the operation's name.
func (i *RequestInfo) SetOperation(name string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.operation = name
}

// Code is the extensions.code of the request's first error, "" when it
// had none.
func (i *RequestInfo) Code() string {
	i.mu.Lock()
	defer i.mu.Unlock()
	return i.code
}

// NoteCode records code unless an earlier error's is there already. Code
// that answers a request outside the API (the server's own refusals) calls
// it too.
func (i *RequestInfo) NoteCode(code string) {
	i.mu.Lock()
	defer i.mu.Unlock()
	if i.code == "" {
		i.code = code
	}
}

// noteError gives a presented error the request's id and records its
// code. errors.go's presenter calls it for every error it presents.
func noteError(ctx context.Context, gerr *gqlerror.Error) {
	info := RequestInfoFrom(ctx)
	if info == nil || gerr == nil {
		return
	}
	if info.ID != "" {
		if gerr.Extensions == nil {
			gerr.Extensions = map[string]any{}
		}
		gerr.Extensions["requestId"] = info.ID
	}
	code, _ := gerr.Extensions["code"].(string)
	info.NoteCode(code)
}

// requestInfoExtension records the operation's name in the request's
// RequestInfo: the name the client sent (operationName) as soon as the
// parameters are read, so that a document refused by parsing or
// validation is named too, and then the name of the operation the
// document selects.
type requestInfoExtension struct{}

var (
	_ graphql.OperationParameterMutator = requestInfoExtension{}
	_ graphql.OperationContextMutator   = requestInfoExtension{}
)

func (requestInfoExtension) ExtensionName() string { return "RequestInfo" }

func (requestInfoExtension) Validate(graphql.ExecutableSchema) error { return nil }

func (requestInfoExtension) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if info := RequestInfoFrom(ctx); info != nil && p.OperationName != "" {
		info.SetOperation(p.OperationName)
	}
	return nil
}

func (requestInfoExtension) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if info := RequestInfoFrom(ctx); info != nil && oc.Operation != nil && oc.Operation.Name != "" {
		info.SetOperation(oc.Operation.Name)
	}
	return nil
}
