package resolvers

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/issgraph/issgraph/graph"
)

// The limits on one request, and why each exists. Each is an Options field
// (a flag of issgraph serve), and a request over it is refused with
// COMPLEXITY_LIMIT_EXCEEDED and the extensions.reason named beside it, or
// PAYLOAD_TOO_LARGE for the body. They are checked in the order of the
// work they guard, so that nothing expensive runs before the cheap check
// that would refuse it:
//
//  1. The body, read at most MaxBodyBytes (transport.go).
//  2. The document's size, MaxQueryBytes (QUERY_BYTES), before anything
//     parses or caches it (persisted queries included).
//  3. The parser's token limit, MaxQueryTokens (QUERY_TOKENS): parsing
//     stops there.
//  4. Before validation, the selections the document makes once its
//     fragments are expanded, MaxSelections (SELECTIONS). Fragments are
//     counted once each, memoised, so a chain of fragments that each
//     spread the next twice costs a count per fragment, not 2^n. The same
//     bound applies to the pairs of same-named fields that validation's
//     OverlappingFieldsCanBeMerged rule compares (OVERLAPPING_FIELDS),
//     which grow with the square of the fields that share a response
//     name: without it, 1,000 aliases of one name with different
//     arguments make half a million comparisons and as many errors.
//  5. After validation, the cost of the operation, MaxComplexity
//     (COMPLEXITY), in saturating arithmetic, fragments memoised, and
//     introspection priced like any other field.
//  6. While the answer is built, its size, MaxResponseBytes
//     (RESPONSE_BYTES): every field's share is counted as it resolves,
//     and once the budget is spent the remaining fields stop and the
//     answer is one error.
const (
	// DefaultMaxComplexity is the default cap on a query's complexity. A
	// field costs 1 plus its children; a connection multiplies its
	// children by first, and a relationship list by listFanout. A page of
	// 100 nodes with their relationships and the names at the other ends
	// costs about 7,000; GraphiQL's introspection query, whose lists are
	// priced like any other, about 52,000 (it answers 180 KB), so the
	// playground fits once and two introspections in one request do not.
	DefaultMaxComplexity = 60000
	// DefaultMaxBodyBytes is the default cap on a request body.
	DefaultMaxBodyBytes = 1 << 20
	// DefaultMaxQueryBytes is the default cap on a GraphQL document:
	// GraphiQL's introspection query is about 1.5 KB, an analyst's
	// query a few hundred bytes.
	DefaultMaxQueryBytes = 64 << 10
	// DefaultMaxQueryTokens is the default token limit of the parser.
	DefaultMaxQueryTokens = 15000
	// DefaultMaxSelections is the default cap on the fields, fragment
	// spreads and inline fragments a document selects once fragments are
	// expanded, summed over its operations and fragments; GraphiQL's
	// introspection query selects about 400.
	DefaultMaxSelections = 3000
	// DefaultMaxResponseBytes is the default cap on the size of an
	// answer's data. Building an answer holds about ten times its size
	// on the heap: three levels of relationships with every field from a
	// hub of the ISS dataset cost under 60,000 and would answer 7 MB;
	// under this cap they are refused after about 25 MB of heap and 0.3 s
	// of CPU (BenchmarkHostile, class hub-3). GraphiQL's introspection
	// answers 180 KB, the analyst queries less.
	DefaultMaxResponseBytes = 2 << 20
)

// listFanout is the number of items a relationship list is assumed to hold
// when pricing a query.
const listFanout = 10

// rankCost is the price of a ranking (mostCited, mostConnected,
// centrality): each reads the whole graph, PageRank iterates over it, and
// distinct arguments share no work, so a query may ask for a few, not
// hundreds.
const rankCost = 2500

// costCap is where complexity arithmetic saturates: a cost that would
// pass it is costCap, never a wrapped-around small number.
const costCap = math.MaxInt32

// limits are a handler's limits, with defaults applied.
type limits struct {
	maxBodyBytes     int64
	maxQueryBytes    int
	maxQueryTokens   int
	maxSelections    int
	maxComplexity    int
	maxResponseBytes int64
}

func (o Options) limits() limits {
	or := func(v, def int) int {
		if v <= 0 {
			return def
		}
		return v
	}
	l := limits{
		maxBodyBytes:     o.MaxBodyBytes,
		maxQueryBytes:    or(o.MaxQueryBytes, DefaultMaxQueryBytes),
		maxQueryTokens:   or(o.MaxQueryTokens, DefaultMaxQueryTokens),
		maxSelections:    or(o.MaxSelections, DefaultMaxSelections),
		maxComplexity:    or(o.MaxComplexity, DefaultMaxComplexity),
		maxResponseBytes: o.MaxResponseBytes,
	}
	if l.maxBodyBytes <= 0 {
		l.maxBodyBytes = DefaultMaxBodyBytes
	}
	if l.maxResponseBytes <= 0 {
		l.maxResponseBytes = DefaultMaxResponseBytes
	}
	return l
}

func init() {
	// A document refused for a limit is a request error, like one that
	// fails validation: gqlgen answers both with 422.
	errcode.RegisterErrorType(CodeLimitExceeded, errcode.KindProtocol)
}

// limitError is the error of a request over one of the limits.
func limitError(reason, format string, args ...any) *gqlerror.Error {
	return codedError(CodeLimitExceeded, reason, fmt.Sprintf(format, args...))
}

// codedError is an error with its code and reason, for the stages of a
// request that run before any resolver (and so before presentError).
func codedError(code, reason, msg string) *gqlerror.Error {
	e := &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": code}}
	if reason != "" {
		e.Extensions["reason"] = reason
	}
	return e
}

// querySize refuses documents over MaxQueryBytes. It runs before the
// persisted-query extension, which would otherwise keep them.
type querySize struct{ max int }

func (querySize) ExtensionName() string                   { return "QuerySize" }
func (querySize) Validate(graphql.ExecutableSchema) error { return nil }

func (q querySize) MutateOperationParameters(_ context.Context, p *graphql.RawParams) *gqlerror.Error {
	if len(p.Query) > q.max {
		return limitError(ReasonQueryBytes, "the query is %d bytes, over the limit of %d", len(p.Query), q.max)
	}
	return nil
}

// documentGuard parses a document the query cache does not hold, under the
// token limit, and refuses it before validation when it selects too much.
// gqlgen then parses it again and validates it: only documents that pass
// are cached, so a document is checked here once.
type documentGuard struct {
	limits limits
	cached func(ctx context.Context, query string) bool
}

func (documentGuard) ExtensionName() string                   { return "DocumentGuard" }
func (documentGuard) Validate(graphql.ExecutableSchema) error { return nil }

func (g documentGuard) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	// querySize has checked the text sent; a persisted query was checked
	// when it was stored.
	if p.Query == "" || g.cached(ctx, p.Query) {
		return nil
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: p.Query}, g.limits.maxQueryTokens)
	if err != nil {
		gerr, ok := err.(*gqlerror.Error)
		if !ok {
			gerr = gqlerror.Wrap(err)
		}
		if strings.HasPrefix(gerr.Message, "exceeded token limit") {
			return limitError(ReasonQueryTokens, "the query has more than %d tokens", g.limits.maxQueryTokens)
		}
		errcode.Set(gerr, errcode.ParseFailed)
		return gerr
	}
	max := g.limits.maxSelections
	if n := countSelections(doc, max); n > max {
		return limitError(ReasonSelections, "the query selects more than %d fields, fragments and aliases once its fragments are expanded", max)
	}
	if n := overlappingPairs(doc, max); n > max {
		return limitError(ReasonOverlapping, "the query selects too many fields under the same name at one place (more than %d pairs to compare)", max)
	}
	return nil
}

// countSelections counts the fields, fragment spreads and inline fragments
// doc selects with its fragments expanded, over every operation and every
// fragment definition (validation walks each of them). Each fragment is
// counted once and memoised; a cycle counts as nothing (validation refuses
// it). The count saturates just past max.
func countSelections(doc *ast.QueryDocument, max int) int {
	c := selectionCounter{doc: doc, max: max, memo: map[string]int{}, open: map[string]bool{}}
	total := 0
	for _, op := range doc.Operations {
		total = c.add(total, c.set(op.SelectionSet))
	}
	for _, f := range doc.Fragments {
		total = c.add(total, c.fragment(f.Name))
	}
	return total
}

type selectionCounter struct {
	doc  *ast.QueryDocument
	max  int
	memo map[string]int
	open map[string]bool
}

func (c *selectionCounter) add(a, b int) int { return min(a+b, c.max+1) }

func (c *selectionCounter) set(ss ast.SelectionSet) int {
	n := 0
	for _, sel := range ss {
		n = c.add(n, 1)
		switch s := sel.(type) {
		case *ast.Field:
			n = c.add(n, c.set(s.SelectionSet))
		case *ast.InlineFragment:
			n = c.add(n, c.set(s.SelectionSet))
		case *ast.FragmentSpread:
			n = c.add(n, c.fragment(s.Name))
		}
	}
	return n
}

func (c *selectionCounter) fragment(name string) int {
	if n, ok := c.memo[name]; ok {
		return n
	}
	f := c.doc.Fragments.ForName(name)
	if f == nil || c.open[name] {
		return 0
	}
	c.open[name] = true
	n := c.set(f.SelectionSet)
	delete(c.open, name)
	c.memo[name] = n
	return n
}

// overlappingPairs counts the pairs of fields that share a response name
// at one place of doc, with fragments expanded: the comparisons
// OverlappingFieldsCanBeMerged makes, up to a constant. Two fields of one
// name are compared, and their sub-selections merged and compared in
// turn, so the fields of one name at one place (the response path) form a
// group of k fields and k(k-1)/2 pairs. Call it only on a document whose
// expanded selections countSelections has bounded: it walks them. The
// count saturates just past max.
func overlappingPairs(doc *ast.QueryDocument, max int) int {
	w := pairWalker{doc: doc, max: max, open: map[string]bool{}}
	total := 0
	for _, op := range doc.Operations {
		total = w.add(total, w.pairs(w.group(op.SelectionSet)))
	}
	for _, f := range doc.Fragments {
		total = w.add(total, w.pairs(w.group(f.SelectionSet)))
	}
	return total
}

type pairWalker struct {
	doc  *ast.QueryDocument
	max  int
	open map[string]bool
}

func (w *pairWalker) add(a, b int) int { return min(a+b, w.max+1) }

// group collects the fields of sets, fragments expanded, by response name.
func (w *pairWalker) group(sets ...ast.SelectionSet) map[string][]*ast.Field {
	out := map[string][]*ast.Field{}
	var collect func(ss ast.SelectionSet)
	collect = func(ss ast.SelectionSet) {
		for _, sel := range ss {
			switch s := sel.(type) {
			case *ast.Field:
				name := s.Alias
				if name == "" {
					name = s.Name
				}
				out[name] = append(out[name], s)
			case *ast.InlineFragment:
				collect(s.SelectionSet)
			case *ast.FragmentSpread:
				f := w.doc.Fragments.ForName(s.Name)
				if f == nil || w.open[s.Name] {
					continue
				}
				w.open[s.Name] = true
				collect(f.SelectionSet)
				delete(w.open, s.Name)
			}
		}
	}
	for _, ss := range sets {
		collect(ss)
	}
	return out
}

func (w *pairWalker) pairs(groups map[string][]*ast.Field) int {
	total := 0
	for _, fields := range groups {
		k := len(fields)
		total = w.add(total, min(k*(k-1)/2, w.max+1))
		if total > w.max {
			return total
		}
		subs := make([]ast.SelectionSet, 0, k)
		for _, f := range fields {
			if len(f.SelectionSet) > 0 {
				subs = append(subs, f.SelectionSet)
			}
		}
		if len(subs) > 0 {
			total = w.add(total, w.pairs(w.group(subs...)))
		}
	}
	return total
}

// costLimit refuses an operation that costs more than its limit, after
// validation (the cost needs the field definitions and variables). It
// takes the place of gqlgen's complexity extension, whose arithmetic
// wraps around and which expands every fragment spread again.
type costLimit struct {
	limit int
}

func (costLimit) ExtensionName() string                   { return "ComplexityLimit" }
func (costLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (c costLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Doc.Operations.ForName(oc.OperationName)
	if op == nil {
		return nil // gqlgen has reported it
	}
	price := func() int { return operationCost(oc.Doc, op, oc.Variables) }
	var cost int
	// The query cache's entry of the document keeps the cost of an
	// operation without variables.
	if p := docOf(ctx, oc.Doc); p != nil {
		cost = p.costOf(op, price)
	} else {
		cost = price()
	}
	// The same statistics as gqlgen's extension, for tools that read
	// them.
	oc.Stats.SetExtension("ComplexityLimit", &extension.ComplexityStats{Complexity: cost, ComplexityLimit: c.limit})
	if cost > c.limit {
		if cost >= costCap {
			return limitError(ReasonComplexity, "operation has complexity over %d, which exceeds the limit of %d", costCap, c.limit)
		}
		return limitError(ReasonComplexity, "operation has complexity %d, which exceeds the limit of %d", cost, c.limit)
	}
	return nil
}

// operationCost prices op: a field costs fieldCost of its children's cost;
// each fragment is priced once, memoised, and every spread of it adds
// that price.
func operationCost(doc *ast.QueryDocument, op *ast.OperationDefinition, vars map[string]any) int {
	c := coster{doc: doc, vars: vars, memo: map[string]int{}, open: map[string]bool{}}
	return c.set(op.SelectionSet)
}

type coster struct {
	doc  *ast.QueryDocument
	vars map[string]any
	memo map[string]int
	open map[string]bool
}

func (c *coster) set(ss ast.SelectionSet) int {
	total := 0
	for _, sel := range ss {
		switch s := sel.(type) {
		case *ast.Field:
			total = satAdd(total, c.field(s))
		case *ast.InlineFragment:
			total = satAdd(total, c.set(s.SelectionSet))
		case *ast.FragmentSpread:
			total = satAdd(total, c.fragment(s.Name))
		}
	}
	return total
}

func (c *coster) fragment(name string) int {
	if n, ok := c.memo[name]; ok {
		return n
	}
	f := c.doc.Fragments.ForName(name)
	if f == nil || c.open[name] {
		return 0
	}
	c.open[name] = true
	n := c.set(f.SelectionSet)
	delete(c.open, name)
	c.memo[name] = n
	return n
}

func (c *coster) field(f *ast.Field) int {
	child := c.set(f.SelectionSet)
	if f.Definition == nil || f.ObjectDefinition == nil {
		return satAdd(1, child)
	}
	var args map[string]any // nil when the field takes none: ArgumentMap would allocate an empty map
	if len(f.Definition.Arguments) > 0 {
		args = f.ArgumentMap(c.vars)
	}
	return fieldCost(f.ObjectDefinition.Name, f.Definition, child, args)
}

// fieldCost prices one field of typeName given its children's cost. Lists
// are priced by how many items they may hold: a connection by first, the
// analyst queries by their limit, a relationship list (and every other
// list, introspection's included) by listFanout.
func fieldCost(typeName string, fd *ast.FieldDefinition, child int, args map[string]any) int {
	return satAdd(listCost(typeName, fd, child, args), whereArgCost(fd, args))
}

// whereArgCost prices a field's where argument by graph.Where.Cost: each
// condition counts, and one under a relationship filter counts
// graph.RelCostFactor times as much per level, since it is evaluated once
// per relationship. A where the translation refuses costs nothing here:
// the resolver refuses it.
func whereArgCost(fd *ast.FieldDefinition, args map[string]any) int {
	arg := fd.Arguments.ForName("where")
	if arg == nil {
		return 0
	}
	m, ok := args["where"].(map[string]any)
	if !ok {
		return 0
	}
	name := strings.TrimSuffix(arg.Type.Name(), "Where")
	if rel, isRel := strings.CutSuffix(name, "Relationship"); isRel {
		// A relationship connection's where: the other end's and the
		// relationship's, each evaluated per relationship.
		var c int
		if n, ok := m["node"].(map[string]any); ok {
			if w, err := whereOf(targetNamed(rel), n, "where.node"); err == nil {
				c = satAdd(c, w.Cost())
			}
		}
		if e, ok := m["edge"].(map[string]any); ok {
			if w, err := edgeWhereOf(e, "where.edge"); err == nil {
				c = satAdd(c, w.Cost())
			}
		}
		return c
	}
	w, err := whereOf(targetNamed(name), m, "where")
	if err != nil {
		return 0
	}
	return w.Cost()
}

func listCost(typeName string, fd *ast.FieldDefinition, child int, args map[string]any) int {
	field := fd.Name
	switch {
	case strings.HasSuffix(fd.Type.Name(), "Connection"):
		n := intArg(args["first"], graph.DefaultPageSize)
		if last := intArg(args["last"], 0); last > 0 {
			n = last
		}
		return satAdd(1, satMul(child, min(max(n, 1), graph.MaxPageSize)))
	case typeName == "Query" && (field == "neighbourhood" || field == "citations" || field == "timeline"):
		// Their lists are priced at listFanout items each; limit says how
		// many there may be.
		def := graph.DefaultSubgraphLimit
		if field == "timeline" {
			def = graph.DefaultTimelineLimit
		}
		n := intArg(args["limit"], def)
		return satAdd(1, satMul(child, max(1, n/listFanout+min(n%listFanout, 1))))
	case typeName == "Query" && field == "allShortestPaths":
		return satAdd(1, satMul(child, min(max(intArg(args["limit"], graph.DefaultPathLimit), 1), graph.MaxPathLimit)))
	case typeName == "Query" && field == "nodes":
		ids, _ := args["ids"].([]any)
		return satAdd(1, satMul(child, min(max(len(ids), 1), MaxNodeIDs)))
	case typeName == "GraphStats" && (field == "mostCited" || field == "mostConnected" || field == "centrality"):
		n := intArg(args["first"], graph.DefaultRankLimit)
		return satAdd(rankCost, satMul(child, min(max(n, 1), graph.MaxRankLimit)))
	case fd.Type.Elem != nil && !strings.HasSuffix(typeName, "Connection"):
		return satAdd(1, satMul(child, listFanout))
	}
	return satAdd(1, child)
}

// satAdd and satMul are + and * on costs, which are never negative,
// saturating at costCap.
func satAdd(a, b int) int { return int(min(int64(a)+int64(b), costCap)) }

func satMul(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if int64(a) > costCap/int64(b) {
		return costCap
	}
	return int(min(int64(a)*int64(b), costCap))
}
