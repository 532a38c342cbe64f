package resolvers

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/issgraph/issgraph/graph"
)

// The values of extensions.code. Every error the API returns carries one.
const (
	// CodeBadUserInput: the input breaks a rule; extensions.field names the
	// offending field when known.
	CodeBadUserInput = "BAD_USER_INPUT"
	// CodeNotFound: a mutation named a node or edge that does not exist.
	// (A lookup of a missing node is not an error: it returns null.)
	CodeNotFound = "NOT_FOUND"
	// CodeUnavailable: the store cannot be reached, or did not answer within
	// the request timeout; retrying later may work.
	CodeUnavailable = "UNAVAILABLE"
	// CodeForbidden: writes need an API key and none was sent, or none is
	// configured.
	CodeForbidden = "FORBIDDEN"
	// CodeUnauthenticated: the API key sent is not valid.
	CodeUnauthenticated = "UNAUTHENTICATED"
	// CodeInternal: a bug, and nothing else. The message is generic; the
	// cause is logged.
	CodeInternal = "INTERNAL"

	// CodeBadRequest: the HTTP request is not a GraphQL request this
	// endpoint takes (transport.go): extensions.reason says why.
	CodeBadRequest = "BAD_REQUEST"
	// CodePayloadTooLarge: the request body is over the limit (HTTP 413).
	CodePayloadTooLarge = "PAYLOAD_TOO_LARGE"
	// CodeLimitExceeded: the document, its cost or its answer is over one
	// of the server's limits (limits.go); extensions.reason says which.
	// It is gqlgen's code for the complexity limit, kept for the others.
	CodeLimitExceeded = "COMPLEXITY_LIMIT_EXCEEDED"
	// CodePersistedQueryNotFound: an automatic persisted query named by
	// its hash alone that the server does not hold (or no longer holds);
	// the client sends it again with its text. Apollo's code.
	CodePersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"
	// CodeRateLimited: the client sent more requests than its rate allows
	// (HTTP 429, with Retry-After); the server answers it before the API.
	CodeRateLimited = "RATE_LIMITED"
)

// The values of extensions.reason of BAD_REQUEST errors.
const (
	ReasonEmptyBody         = "EMPTY_BODY"              // a POST without a body
	ReasonInvalidJSON       = "INVALID_JSON"            // the body is not JSON
	ReasonBatch             = "BATCH_NOT_SUPPORTED"     // a JSON array of requests
	ReasonInvalidParameters = "INVALID_PARAMETERS"      // query, operationName, variables or extensions of the wrong JSON type, or repeated in a URL
	ReasonInvalidEncoding   = "INVALID_URL_ENCODING"    // a GET whose parameters are not valid percent-encoding
	ReasonMediaType         = "UNSUPPORTED_MEDIA_TYPE"  // a POST that is not application/json (HTTP 415)
	ReasonMethod            = "METHOD_NOT_ALLOWED"      // a method other than GET, POST and OPTIONS (HTTP 405)
	ReasonMutationOverGET   = "MUTATION_OVER_GET"       // a mutation sent with GET (HTTP 405)
	ReasonUpgrade           = "UPGRADE_NOT_SUPPORTED"   // a websocket (or other) upgrade
	ReasonPersistedQuery    = "INVALID_PERSISTED_QUERY" // a persistedQuery extension that is malformed or whose hash does not match
	ReasonUnreadableBody    = "UNREADABLE_BODY"         // the body could not be read to its end
)

// The values of extensions.reason of COMPLEXITY_LIMIT_EXCEEDED errors,
// one per limit (Options).
const (
	ReasonComplexity    = "COMPLEXITY"         // Options.MaxComplexity
	ReasonQueryBytes    = "QUERY_BYTES"        // Options.MaxQueryBytes
	ReasonQueryTokens   = "QUERY_TOKENS"       // Options.MaxQueryTokens
	ReasonSelections    = "SELECTIONS"         // Options.MaxSelections
	ReasonOverlapping   = "OVERLAPPING_FIELDS" // Options.MaxSelections, applied to the pairs of fields validation compares
	ReasonResponseBytes = "RESPONSE_BYTES"     // Options.MaxResponseBytes
)

// ReasonConflict is the extensions.reason of a BAD_USER_INPUT error whose
// input is well formed but contradicts what is stored: the id or edge
// exists already, or the node has another kind. The code stays within the
// API's fixed set; the reason lets a client react differently (update
// instead of create, or pick another id).
const ReasonConflict = "CONFLICT"

// ReasonOverloaded is the extensions.reason of an UNAVAILABLE answer the
// server gives at once, with HTTP 503 and Retry-After, because it has as
// many requests in flight as it takes; the store may be fine.
const ReasonOverloaded = "OVERLOADED"

// apiError is an error whose message is fit for clients. The cause, if
// any, is kept for errors.Is and for the log, never shown.
type apiError struct {
	code   string
	reason string // extensions.reason, when set
	msg    string
	field  string
	err    error
}

func (e *apiError) Error() string { return e.msg }
func (e *apiError) Unwrap() error { return e.err }

func badInput(field, format string, args ...any) error {
	return &apiError{code: CodeBadUserInput, field: field, msg: fmt.Sprintf(format, args...)}
}

// invalidField rewrites a validation error so that its field path starts
// at the GraphQL argument the value came from ("input", "filter").
func invalidField(prefix string, err error) error {
	var ve *graph.ValidationError
	if !errors.As(err, &ve) {
		return err
	}
	// The domain nests properties under "props"; GraphQL inputs hold
	// them flat, beside the name.
	field := prefix
	if f := strings.TrimPrefix(ve.Field, "props."); f != "" {
		field = prefix + "." + f
	}
	return &apiError{code: CodeBadUserInput, field: field,
		msg: (&graph.ValidationError{Field: field, Reason: ve.Reason}).Error(), err: err}
}

// storeErr turns a store error into one fit for clients; what names the
// object the call was about (`node "agency/europol"`). Errors without a
// sentinel are returned as they are, for the presenter to hide.
func storeErr(err error, what string) error {
	var ve *graph.ValidationError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ve):
		return &apiError{code: CodeBadUserInput, field: ve.Field, msg: ve.Error(), err: err}
	case errors.Is(err, graph.ErrInvalid):
		return &apiError{code: CodeBadUserInput, msg: what + ": invalid input", err: err}
	case errors.Is(err, graph.ErrNotFound):
		return &apiError{code: CodeNotFound, msg: what + " not found", err: err}
	case errors.Is(err, graph.ErrConflict):
		return &apiError{code: CodeBadUserInput, reason: ReasonConflict, msg: what + " conflicts with the stored graph: it exists already, or has another kind", err: err}
	}
	return err
}

// presentError gives every error an extensions.code and a message that
// leaks nothing, and the request's id (noteError): it is the server's
// ErrorPresenter.
func (r *Resolver) presentError(ctx context.Context, err error) (gerr *gqlerror.Error) {
	defer func() { noteError(ctx, gerr) }()
	gerr = graphql.DefaultErrorPresenter(ctx, err)
	if code, ok := gerr.Extensions["code"].(string); ok {
		// Errors gqlgen coded itself: parse and validation failures. The
		// ones about a value (a wrong enum literal, a variable of the
		// wrong type) are the client's input.
		if code == errcode.ValidationFailed && (gerr.Rule == "ValuesOfCorrectType" || isVariablePath(gerr.Path)) {
			setCode(gerr, CodeBadUserInput)
		}
		return gerr
	}

	var ae *apiError
	var ve *graph.ValidationError
	switch {
	case errors.As(err, &ae):
		gerr.Message = ae.msg
		setCode(gerr, ae.code)
		if ae.field != "" {
			gerr.Extensions["field"] = ae.field
		}
		if ae.reason != "" {
			gerr.Extensions["reason"] = ae.reason
		}
	case errors.As(err, &ve):
		gerr.Message = ve.Error()
		setCode(gerr, CodeBadUserInput)
		gerr.Extensions["field"] = ve.Field
	case errors.Is(err, graph.ErrInvalid):
		gerr.Message = "invalid input"
		setCode(gerr, CodeBadUserInput)
	case errors.Is(err, graph.ErrNotFound):
		gerr.Message = "not found"
		setCode(gerr, CodeNotFound)
	case errors.Is(err, graph.ErrConflict):
		gerr.Message = "conflicts with the stored graph"
		setCode(gerr, CodeBadUserInput)
		gerr.Extensions["reason"] = ReasonConflict
	case errors.Is(err, graph.ErrUnavailable):
		r.log.WarnContext(ctx, "store unavailable", "path", clip(gerr.Path.String()), "err", clip(err.Error()))
		gerr.Message = "the store is unavailable; try again later"
		setCode(gerr, CodeUnavailable)
	case errors.Is(err, context.DeadlineExceeded):
		// The server's request timeout passed: the store was too slow.
		r.log.WarnContext(ctx, "request timed out", "path", clip(gerr.Path.String()), "err", clip(err.Error()))
		gerr.Message = "the request took too long; try again later"
		setCode(gerr, CodeUnavailable)
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads this answer.
		r.log.DebugContext(ctx, "request canceled", "path", clip(gerr.Path.String()))
		gerr.Message = "request canceled"
		setCode(gerr, CodeUnavailable)
	case isArgumentError(ctx):
		// A field's arguments failed to coerce: a scalar's parser (Date)
		// refused the value. Those messages are written for clients.
		setCode(gerr, CodeBadUserInput)
	default:
		r.log.ErrorContext(ctx, "internal error", "path", clip(gerr.Path.String()), "err", clip(err.Error()))
		gerr.Message = "internal error"
		setCode(gerr, CodeInternal)
	}
	return gerr
}

// recoverPanic turns a panic in a resolver into an INTERNAL error and logs
// it with its stack.
func (r *Resolver) recoverPanic(ctx context.Context, p any) error {
	r.log.ErrorContext(ctx, "panic in resolver", "panic", clip(fmt.Sprint(p)), "stack", string(debug.Stack()))
	return &apiError{code: CodeInternal, msg: "internal error"}
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// isVariablePath reports whether a validation error is about a variable's
// value: gqlparser puts those under the path "variable".
func isVariablePath(p ast.Path) bool {
	return len(p) > 0 && p[0] == ast.PathName("variable")
}

// isArgumentError reports whether the error being presented came from
// coercing the current field's arguments: gqlgen leaves the field
// context's Args nil when that fails, and sets it before any resolver runs.
func isArgumentError(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	return fc != nil && fc.Args == nil && len(fc.Field.Arguments) > 0
}

func asValidation(err error) (*graph.ValidationError, bool) {
	var ve *graph.ValidationError
	ok := errors.As(err, &ve)
	return ve, ok
}
