package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestAutoQuerierRetry: a single-statement read that failed runs again in
// a managed transaction only when its statement failed in a way the
// driver retries, or before the server answered it; never for the
// server's own answer, for the work's own error, or once the caller has
// gone.
func TestAutoQuerierRetry(t *testing.T) {
	transient := &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected", Msg: "deadlock"}
	syntax := &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "bad"}
	conn := &neo4j.ConnectivityError{}
	eof := errors.New("unexpected EOF")
	own := recordErr("not a node")
	done, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name    string
		ctx     context.Context
		stmtErr error // what the statement returned
		workErr error // what the work returned
		want    bool
	}{
		{"transient", context.Background(), transient, fmt.Errorf("read: %w", transient), true},
		{"connectivity", context.Background(), conn, conn, true},
		{"no answer from the server", context.Background(), eof, eof, true},
		{"the server's answer", context.Background(), syntax, syntax, false},
		{"the work's own error", context.Background(), nil, own, false},
		{"the work's error after the statement", context.Background(), eof, own, false},
		{"the caller has gone", done, conn, conn, false},
	}
	for _, tc := range tests {
		q := &autoQuerier{err: tc.stmtErr}
		if got := q.retry(tc.ctx, tc.workErr); got != tc.want {
			t.Errorf("%s: retry = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestAutoQuerierOneStatement: the auto-commit querier refuses a second
// statement, which would run outside the first one's transaction.
func TestAutoQuerierOneStatement(t *testing.T) {
	q := &autoQuerier{ran: true}
	if _, err := q.run(t.Context(), &stmt{key: "get_node", file: "cypher/nodes.cypher"}, nil); err == nil {
		t.Error("a second statement ran")
	}
}
