package resolvers_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/issgraph/issgraph/graph"
)

// A store that cannot be reached gives UNAVAILABLE, whatever the query
// reads, without the store's own message.
func TestUnavailable(t *testing.T) {
	cause := fmt.Errorf("neo4jstore: dial tcp 10.1.2.3:7687: connection refused: %w", graph.ErrUnavailable)
	e := newEnv(t, wrapStore(func(s graph.Store) graph.Store { return failing{s, cause} }))
	for _, q := range []string{
		`{ documents { totalCount } }`,
		`{ document(id: "document/com-2010-0673") { id } }`,
		`{ document(reference: "COM(2010) 673") { id } }`,
		`{ nodes(ids: ["agency/europol"]) { id } }`,
		`{ stats { nodes } }`,
	} {
		ge := e.fails(q, "UNAVAILABLE")
		if strings.Contains(ge.Message, "10.1.2.3") || strings.Contains(ge.Message, "neo4j") {
			t.Errorf("%s: message %q leaks the cause", q, ge.Message)
		}
	}
	if !strings.Contains(e.logs.String(), "10.1.2.3") {
		t.Error("the cause was not logged")
	}
}

// A store call cut short by the request's deadline is UNAVAILABLE too.
func TestDeadlineIsUnavailable(t *testing.T) {
	cause := fmt.Errorf("embedded: list nodes: %w", context.DeadlineExceeded)
	e := newEnv(t, wrapStore(func(s graph.Store) graph.Store { return failing{s, cause} }))
	ge := e.fails(`{ documents { totalCount } }`, "UNAVAILABLE")
	if strings.Contains(ge.Message, "embedded") {
		t.Errorf("message %q leaks the cause", ge.Message)
	}
}

// An error no sentinel explains is INTERNAL with a generic message; the
// cause goes to the log only.
func TestInternalErrorsLeakNothing(t *testing.T) {
	secret := errors.New("bolt://admin:hunter2@db.internal: protocol error")
	e := newEnv(t, wrapStore(func(s graph.Store) graph.Store { return failing{s, secret} }))
	ge := e.fails(`{ documents { totalCount } }`, "INTERNAL")
	if ge.Message != "internal error" {
		t.Errorf("message %q, want the generic one", ge.Message)
	}
	if !strings.Contains(e.logs.String(), "hunter2") {
		t.Error("the cause was not logged")
	}

	// The same for a failure deep in a relationship field.
	e = newEnv(t, wrapStore(func(s graph.Store) graph.Store { return edgesFail{s, secret} }))
	res := e.do(`{ document(id: "document/com-2010-0673") { id cites { id } } }`)
	if len(res.Errors) != 1 || res.Errors[0].code() != "INTERNAL" || strings.Contains(res.Errors[0].Message, "hunter2") {
		t.Errorf("errors = %+v", res.Errors)
	}
}

type edgesFail struct {
	graph.Store
	err error
}

func (f edgesFail) Edges(context.Context, graph.EdgeQuery) (map[string][]graph.Edge, error) {
	return nil, f.err
}

func (f edgesFail) EdgesAndEnds(context.Context, graph.EdgeQuery) (map[string][]graph.Edge, map[string]*graph.Node, error) {
	return nil, nil, f.err
}

type panicking struct{ graph.Store }

func (panicking) Find(context.Context, graph.Query) (graph.Page, error) {
	panic("secret state: index corrupted at 0xdeadbeef")
}

func TestPanicIsInternal(t *testing.T) {
	e := newEnv(t, wrapStore(func(s graph.Store) graph.Store { return panicking{s} }))
	ge := e.fails(`{ documents { totalCount } }`, "INTERNAL")
	if strings.Contains(ge.Message, "deadbeef") {
		t.Errorf("message %q leaks the panic", ge.Message)
	}
	if !strings.Contains(e.logs.String(), "deadbeef") {
		t.Error("the panic was not logged")
	}
	// The server survives it.
	e.ok(`{ agency(id: "agency/europol") { id } }`, nil)
}

func TestCoercionErrorsAreBadUserInput(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		query string
		opts  []client.Option
	}{
		{`{ documents(filter: {dateFrom: "22 May 2012"}) { totalCount } }`, nil},
		{`{ documents(filter: {dateFrom: 20120522}) { totalCount } }`, nil},
		{`{ allNodes(kind: PLANET) { totalCount } }`, nil},
		{`{ documents(sort: {field: COLOUR}) { totalCount } }`, nil},
		{`query($d: Date) { documents(filter: {dateTo: $d}) { totalCount } }`, []client.Option{client.Var("d", "2012-13-01")}},
		{`query($k: Kind) { allNodes(kind: $k) { totalCount } }`, []client.Option{client.Var("k", "PLANET")}},
		{`query($n: Int) { documents(first: $n) { totalCount } }`, []client.Option{client.Var("n", "ten")}},
		{`query($t: [EdgeType!]) { node(id: "agency/europol") { relationships(types: $t) { id } } }`, []client.Option{client.Var("t", []string{"LIKES"})}},
		{`{ nodes(ids: [` + strings.Repeat(`"a/b", `, 101) + `]) { id } }`, nil},
	}
	for _, tt := range tests {
		ge := e.fails(tt.query, "BAD_USER_INPUT", tt.opts...)
		if ge.Message == "" || ge.Message == "internal error" {
			t.Errorf("%s: message %q", tt.query, ge.Message)
		}
	}
	// A query that is not GraphQL keeps gqlgen's own code.
	e.fails(`{ documents { totalCount `, "GRAPHQL_PARSE_FAILED")
	e.fails(`{ documents { color } }`, "GRAPHQL_VALIDATION_FAILED")
}

func TestComplexityLimit(t *testing.T) {
	e := newEnv(t)
	// Relationships of relationships of relationships of 100 nodes.
	e.fails(`{ allNodes(first: 100) { nodes { relationships { other { relationships { other { relationships { id } } } } } } } }`,
		"COMPLEXITY_LIMIT_EXCEEDED")
	// A page of 100 nodes with every relationship and its other end passes.
	e.ok(`{ allNodes(first: 100) { nodes { id name kind relationships { id type direction other { id name kind } } } } }`, nil)
}

// retryStarts records whether each store call carried its request's start.
type retryStarts struct {
	graph.Store
	mu     sync.Mutex
	starts []time.Time
}

func (s *retryStarts) record(ctx context.Context) {
	t, _ := graph.RetryStart(ctx)
	s.mu.Lock()
	s.starts = append(s.starts, t)
	s.mu.Unlock()
}

func (s *retryStarts) GetNodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	s.record(ctx)
	return s.Store.GetNodes(ctx, ids)
}

func (s *retryStarts) EdgesAndEnds(ctx context.Context, q graph.EdgeQuery) (map[string][]graph.Edge, map[string]*graph.Node, error) {
	s.record(ctx)
	return s.Store.EdgesAndEnds(ctx, q)
}

// Every store call of a request counts against one retry budget, so that
// an outage answers UNAVAILABLE within about NEO4J_MAX_RETRY_TIME however
// many calls the request makes one after another.
func TestStoreCallsShareTheRequestsRetryStart(t *testing.T) {
	var rec *retryStarts
	e := newEnv(t, wrapStore(func(s graph.Store) graph.Store { rec = &retryStarts{Store: s}; return rec }))
	before := time.Now()
	e.ok(`{ document(id: "document/com-2010-0673") { id cites { id cites { id } } } }`, nil)
	if len(rec.starts) < 2 {
		t.Fatalf("%d GetNodes and EdgesAndEnds calls, want several", len(rec.starts))
	}
	for i, st := range rec.starts {
		if st.IsZero() || st.Before(before) || !st.Equal(rec.starts[0]) {
			t.Errorf("call %d: retry start %v, want the request's one start (%v)", i, st, rec.starts[0])
		}
	}
}
