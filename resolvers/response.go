package resolvers

import (
	"context"
	"reflect"
	"strconv"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/issgraph/issgraph/graph/generated"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The cap on an answer's size (Options.MaxResponseBytes). gqlgen builds
// the whole answer in memory before it writes a byte, so checking the
// bytes written would come too late: a query the cost model underprices
// (relationships of a hub node hold far more than listFanout items) could
// fill the heap first. So each field's share of the answer (its name and,
// for a leaf, its value) is counted as it resolves, and a list is checked
// as it arrives against the least its items will write; once the budget
// is spent, every later object or list field fails at once without
// running its resolver (which cuts the rest of the tree), and the answer
// becomes a single RESPONSE_BYTES error with null data.
// The count is an estimate, from below for strings that need escaping, so
// the encoded answer is checked against the same cap at the end. Trivial
// fields (a struct field or plain method of a scalar or enum, such as id
// or name) are written by the executor without field middleware
// (graph/internal/execgen): each object counts what its trivial fields
// write and charges it at once (chargeLeaves).

// responseBudget is what one request's answer may still spend.
type responseBudget struct {
	max  int64
	used atomic.Int64
	over atomic.Bool
}

// budgetOf is the request's budget, nil if it has none.
func budgetOf(ctx context.Context) *responseBudget {
	if st := requestOf(ctx); st != nil {
		return st.budget
	}
	return nil
}

func (b *responseBudget) err() error {
	return &apiError{code: CodeLimitExceeded, reason: ReasonResponseBytes,
		msg: "the answer is larger than the limit of " + strconv.FormatInt(b.max, 10) + " bytes; ask for fewer items or fields"}
}

// Below the root, the executor resolves fields without field middleware
// (graph/internal/execgen): it tells chargeLeaves what each object's
// trivial fields write, and calls fieldStart and fieldDone around each
// object or list field, which keep the budget as InterceptField does for
// the fields middleware still sees (the roots, and scalars that resolvers
// resolve).
func init() {
	generated.ChargeLeaves = chargeLeaves
	generated.FieldStart = fieldStart
	generated.FieldDone = fieldDone
	generated.ResponseSize = responseSize
	generated.RequestKey = ctxKey[requestState]{}
}

// responseSize is what the answer will write: what the budget counted as
// its fields resolved, and a sixteenth more, since the count misses the
// escapes in strings. On the ISS queries the count came within 3% of the
// answer, on either side.
func responseSize(ctx context.Context) int {
	b := budgetOf(ctx)
	if b == nil {
		return 0
	}
	n := b.used.Load()
	return int(min(n+n/16+64, b.max))
}

func chargeLeaves(ctx context.Context, n int64) {
	if b := budgetOf(ctx); b != nil && b.used.Add(n) > b.max {
		b.over.Store(true)
	}
}

func fieldStart(ctx context.Context) error {
	if b := budgetOf(ctx); b != nil && b.over.Load() {
		return b.err()
	}
	return nil
}

func fieldDone(ctx context.Context, field graphql.CollectedField, size int64, objects int) error {
	if b := budgetOf(ctx); b != nil {
		return b.spend(field, size, objects)
	}
	return nil
}

// spend charges a field's share of the answer: its name and size (its
// value's, or for an object or a list its braces or brackets), and fails
// once the answer would overflow. A list is checked against the least its
// objects will write, the names of the fields selected on them: if those
// alone overflow, it stops before any is resolved.
func (b *responseBudget) spend(field graphql.CollectedField, size int64, objects int) error {
	used := b.used.Add(int64(len(field.Alias)) + 4 + size) // "name": value,
	if used+int64(objects)*keysSize(field.Selections) > b.max {
		b.over.Store(true)
		return b.err()
	}
	return nil
}

// responseLimit is the handler extension that keeps the budget.
type responseLimit struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.FieldInterceptor
	graphql.ResponseInterceptor
} = responseLimit{}

func (responseLimit) ExtensionName() string                   { return "ResponseLimit" }
func (responseLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (responseLimit) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	b := budgetOf(ctx)
	fc := graphql.GetFieldContext(ctx)
	if b == nil || fc == nil {
		return next(ctx)
	}
	leaf := len(fc.Field.Selections) == 0
	if b.over.Load() {
		if leaf {
			// The object holding it is built already; failing each of
			// its scalars would only pile up errors.
			return next(ctx)
		}
		return nil, b.err()
	}
	res, err := next(ctx)
	objects := 0
	if !leaf {
		objects = itemCount(res)
	}
	if err := b.spend(fc.Field, valueSize(res), objects); err != nil {
		return nil, err
	}
	return res, err
}

// itemCount is the number of objects a non-leaf field's value holds: a
// list's length, or 1.
func itemCount(v any) int {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice || rv.Kind() == reflect.Array {
		return rv.Len()
	}
	return 1
}

// keysSize is the least an object writes for the fields selected on it:
// their names. Fields under fragments are left out, since a type
// condition may leave them out.
func keysSize(ss ast.SelectionSet) int64 {
	n := int64(2)
	for _, sel := range ss {
		if f, ok := sel.(*ast.Field); ok {
			name := f.Alias
			if name == "" {
				name = f.Name
			}
			n += int64(len(name)) + 4
		}
	}
	return n
}

func (responseLimit) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	b := budgetOf(ctx)
	if resp == nil || b == nil {
		return resp
	}
	if b.over.Load() || int64(len(resp.Data)) > b.max {
		gerr := codedError(CodeLimitExceeded, ReasonResponseBytes, b.err().Error())
		noteError(ctx, gerr)
		return &graphql.Response{Errors: gqlerror.List{gerr}, Extensions: resp.Extensions}
	}
	return resp
}

// valueSize estimates the JSON size of a field's value. An object counts
// its braces only: its fields count themselves as they resolve.
func valueSize(v any) int64 { return sizeOf(reflect.ValueOf(v)) }

func sizeOf(v reflect.Value) int64 {
	switch v.Kind() {
	case reflect.Invalid:
		return 4 // null
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return 4
		}
		if e := v.Elem(); e.Kind() != reflect.Struct {
			return sizeOf(e)
		}
		return 2
	case reflect.String:
		return int64(v.Len()) + 2
	case reflect.Slice, reflect.Array:
		n := int64(2)
		for i := range v.Len() {
			n += 1 + sizeOf(v.Index(i))
		}
		return n
	case reflect.Map:
		n := int64(2)
		for it := v.MapRange(); it.Next(); {
			n += 2 + sizeOf(it.Key()) + sizeOf(it.Value())
		}
		return n
	case reflect.Struct:
		return 16 // an object, or a scalar such as a Date
	}
	return 8 // a number or a boolean
}
