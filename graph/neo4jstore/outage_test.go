package neo4jstore

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/issgraph/issgraph/graph"
)

// fakePort listens on a loopback port and hands every connection to
// serve. The listener and the connections are closed by the test's
// cleanup.
func fakePort(t *testing.T, serve func(c net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("no loopback:", err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	var wg sync.WaitGroup
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				serve(c)
			}()
		}
	}()
	return ln.Addr().String()
}

// defaultConfig is ConfigFromEnv for uri with every other NEO4J_ variable
// unset: the defaults a deployment gets.
func defaultConfig(t *testing.T, uri string) Config {
	t.Helper()
	for _, v := range []string{EnvUser, EnvPassword, EnvDatabase, EnvMaxPoolSize, EnvConnectTimeout,
		EnvAcquireTimeout, EnvTxTimeout, EnvMaxRetryTime} {
		t.Setenv(v, "")
	}
	t.Setenv(EnvURI, uri)
	return ConfigFromEnv()
}

// requestTimeout is the API's default request deadline
// (ISSGRAPH_REQUEST_TIMEOUT), which bounded every call before the store
// had bounds of its own.
const requestTimeout = 30 * time.Second

// TestHungServerIsUnavailable: a port that accepts TCP and never answers
// (a hung process, a proxy with no backend) makes calls fail with
// ErrUnavailable within seconds with the default settings, not at the
// request's deadline (30s) or the driver's acquisition timeout (1m).
func TestHungServerIsUnavailable(t *testing.T) {
	addr := fakePort(t, func(c net.Conn) { _, _ = io.Copy(io.Discard, c) }) // reads the handshake, never writes
	s, err := Open(context.Background(), defaultConfig(t, "bolt://"+addr), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	calls := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"Ping", s.Ping},
		{"GetNode", func(ctx context.Context) error { _, err := s.GetNode(ctx, "document/a"); return err }},
		{"PutNode", func(ctx context.Context) error {
			return s.PutNode(ctx, graph.Node{ID: "document/a", Kind: graph.Document, Name: "A"})
		}},
	}
	check := func(name string, call func(ctx context.Context) error) {
		ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
		defer cancel()
		start := time.Now()
		err := call(ctx)
		took := time.Since(start)
		t.Logf("%s on a hung port: %v after %v", name, err, took.Round(time.Millisecond))
		if !errors.Is(err, graph.ErrUnavailable) {
			t.Errorf("%s on a hung port: %v, want ErrUnavailable", name, err)
		}
		if took > 10*time.Second {
			t.Errorf("%s on a hung port took %v, want about %v (the retry budget)", name, took, DefaultMaxRetryTime)
		}
	}
	// Ping runs first, alone; the other calls then run at once, each
	// waiting for its own connection. (The driver's first connection
	// attempt initialises its connector without a lock, a data race when
	// two connect at once, so the first must be alone.)
	check(calls[0].name, calls[0].call)
	var wg sync.WaitGroup
	for _, c := range calls[1:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			check(c.name, c.call)
		}()
	}
	wg.Wait()
	// Having seen Neo4j unavailable, the Store cuts a first statement the
	// server sits on too, until a transaction succeeds again.
	if b := s.be.(*driverBackend); !b.failing.Load() {
		t.Error("after unavailable calls the store is not marked failing")
	}
}

// TestGarbagePortIsUnavailable: a port that answers something other than
// Bolt fails calls with ErrUnavailable, quickly, so that the service
// starts, reports not ready and keeps trying, as it does when nothing
// listens.
func TestGarbagePortIsUnavailable(t *testing.T) {
	answers := []struct {
		name  string
		serve func(c net.Conn)
	}{
		{"garbage then close", func(c net.Conn) {
			buf := make([]byte, 20) // the Bolt preamble: closing before it is read would be a reset
			if _, err := io.ReadFull(c, buf); err != nil {
				return
			}
			_, _ = c.Write([]byte("\x17\x03\x03\x00\x02garbage, not Bolt\n"))
			c.Close()
		}},
		{"SSH banner, held open", func(c net.Conn) {
			_, _ = c.Write([]byte("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"))
			_, _ = io.Copy(io.Discard, c)
		}},
		{"Bolt version, then garbage", func(c net.Conn) {
			buf := make([]byte, 20)
			if _, err := io.ReadFull(c, buf); err != nil {
				return
			}
			_, _ = c.Write([]byte{0, 0, 4, 5}) // Bolt 5.4 accepted...
			_, _ = c.Write([]byte("then this, which is no Bolt message at all"))
			c.Close()
		}},
		{"HTTP", func(c net.Conn) {
			buf := make([]byte, 20)
			if _, err := io.ReadFull(c, buf); err != nil {
				return
			}
			_, _ = c.Write([]byte("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 11\r\nConnection: close\r\n\r\nBad Request"))
			c.Close()
		}},
	}
	for _, a := range answers {
		t.Run(a.name, func(t *testing.T) {
			addr := fakePort(t, a.serve)
			s, err := Open(context.Background(), defaultConfig(t, "bolt://"+addr), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for _, c := range []struct {
				name string
				call func(ctx context.Context) error
			}{
				{"Ping", s.Ping},
				{"GetNode", func(ctx context.Context) error { _, err := s.GetNode(ctx, "document/a"); return err }},
			} {
				ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
				start := time.Now()
				err := c.call(ctx)
				took := time.Since(start)
				cancel()
				t.Logf("%s: %v after %v", c.name, err, took.Round(time.Millisecond))
				if !errors.Is(err, graph.ErrUnavailable) {
					t.Errorf("%s: %v, want ErrUnavailable", c.name, err)
				}
				if took > 10*time.Second {
					t.Errorf("%s took %v", c.name, took)
				}
			}
		})
	}
}

// waitFor polls cond until it holds or a generous deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

func (a *attempts) isExpired() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.expired
}

// Whether the Store has lately seen Neo4j unavailable, for newAttempts.
func seenFailing() bool   { return true }
func seenAnswering() bool { return false }

// The retry budget cuts short connecting and waiting to retry, never work
// that runs or a commit.
func TestAttemptsBudget(t *testing.T) {
	const budget = 20 * time.Millisecond
	retryable := &neo4j.ConnectivityError{Inner: io.EOF}

	t.Run("connecting is cut", func(t *testing.T) {
		a := newAttempts(context.Background(), budget, seenFailing)
		defer a.stop()
		select {
		case <-a.ctx.Done():
		case <-time.After(10 * time.Second):
			t.Fatal("the budget passed and connecting went on")
		}
		err := a.result(context.Background(), budget, context.Canceled)
		if !errors.Is(err, graph.ErrUnavailable) || errors.Is(err, context.Canceled) {
			t.Errorf("result after the budget: %v, want ErrUnavailable only", err)
		}
	})
	t.Run("waiting to retry is cut", func(t *testing.T) {
		a := newAttempts(context.Background(), budget, seenFailing)
		defer a.stop()
		a.enter()
		a.leave(retryable)
		if !a.again(retryable) { // the first retry after a broken connection waits for nothing
			t.Fatal("no retry after a broken connection, within the budget")
		}
		a.enter()
		a.leave(retryable)
		if a.again(retryable) { // a back-off of seconds, which the budget cuts
			t.Fatal("a retry after the budget")
		}
		if err := a.result(context.Background(), budget, retryable); !errors.Is(err, graph.ErrUnavailable) {
			t.Errorf("result after the budget: %v, want ErrUnavailable", err)
		}
	})
	t.Run("a commit is not cut, and no retry follows one that failed after the budget", func(t *testing.T) {
		// The driver commits after the work returned, and sleeps on the
		// same context after a failed commit: the budget must wait for
		// the commit to end, then stop at once (issue: a write that
		// answered 6.7s after a 5s budget).
		a := newAttempts(context.Background(), budget, seenFailing)
		defer a.stop()
		a.enter()
		a.answered()
		a.leave(nil) // the driver commits now
		waitFor(t, "the budget passes", a.isExpired)
		if a.ctx.Err() != nil {
			t.Fatal("a commit was cancelled")
		}
		transient := &neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable", Msg: "stopping"}
		if a.again(transient) {
			t.Fatal("a retry after the budget, once the commit failed")
		}
		if err := a.result(context.Background(), budget, transient); !errors.Is(err, graph.ErrUnavailable) {
			t.Errorf("result: %v, want ErrUnavailable", err)
		}
	})
	t.Run("a first statement is cut when the store has seen Neo4j unavailable meanwhile", func(t *testing.T) {
		var failing atomic.Bool
		a := newAttempts(context.Background(), budget, failing.Load)
		defer a.stop()
		a.enter()
		sctx, cancel := a.untilAnswered(context.Background())
		defer cancel()
		failing.Store(true) // another call found Neo4j unavailable
		select {
		case <-sctx.Done():
		case <-time.After(10 * time.Second):
			t.Fatal("the budget passed and the unanswered statement went on")
		}
	})
	t.Run("a first statement the server sits on is cut", func(t *testing.T) {
		a := newAttempts(context.Background(), budget, seenFailing)
		defer a.stop()
		a.enter()
		sctx, cancel := a.untilAnswered(context.Background())
		defer cancel()
		select {
		case <-sctx.Done():
		case <-time.After(10 * time.Second):
			t.Fatal("the budget passed and the unanswered statement went on")
		}
		err := a.result(context.Background(), budget, context.Cause(sctx))
		if !errors.Is(err, graph.ErrUnavailable) {
			t.Errorf("result after the budget: %v, want ErrUnavailable", err)
		}
	})
	t.Run("a first statement on a server not seen failing is not cut", func(t *testing.T) {
		a := newAttempts(context.Background(), budget, seenAnswering)
		defer a.stop()
		a.enter()
		sctx, cancel := a.untilAnswered(context.Background())
		defer cancel()
		waitFor(t, "the budget passes", a.isExpired)
		if a.ctx.Err() != nil || sctx.Err() != nil {
			t.Fatal("a slow first statement on a healthy server was cancelled")
		}
	})
	t.Run("work the server answered, and its commit, are not cut", func(t *testing.T) {
		a := newAttempts(context.Background(), budget, seenFailing)
		defer a.stop()
		a.enter()
		sctx, cancel := a.untilAnswered(context.Background())
		defer cancel()
		a.answered()
		waitFor(t, "the budget passes", a.isExpired)
		if a.ctx.Err() != nil || sctx.Err() != nil {
			t.Fatal("running work was cancelled")
		}
		a.leave(nil) // the driver commits now
		if a.ctx.Err() != nil {
			t.Fatal("a commit was cancelled")
		}
		if err := a.result(context.Background(), budget, nil); err != nil {
			t.Errorf("result of a committed transaction: %v", err)
		}
	})
	t.Run("a non-retryable error is returned as it is", func(t *testing.T) {
		a := newAttempts(context.Background(), budget, seenFailing)
		defer a.stop()
		a.enter()
		a.answered()
		a.leave(graph.ErrNotFound)
		waitFor(t, "the budget passes", a.isExpired)
		if a.ctx.Err() != nil {
			t.Fatal("cancelled after the work's final answer")
		}
		if err := a.result(context.Background(), budget, graph.ErrNotFound); err != graph.ErrNotFound {
			t.Errorf("result: %v, want the work's own error", err)
		}
	})
	t.Run("failing before work is a connect error", func(t *testing.T) {
		a := newAttempts(context.Background(), time.Minute, seenFailing)
		defer a.stop()
		var xerr *connectError
		if err := a.result(context.Background(), time.Minute, io.ErrUnexpectedEOF); !errors.As(err, &xerr) {
			t.Errorf("an error before any work: %v, want a connectError", err)
		}
		a.enter()
		a.leave(retryable)
		if !a.again(retryable) {
			t.Fatal("no retry after a broken connection")
		}
		if err := a.result(context.Background(), time.Minute, &neo4j.UsageError{Message: "server responded HTTP"}); !errors.As(err, &xerr) {
			t.Errorf("an error reconnecting after a failed attempt: %v, want a connectError", err)
		}
		if err := a.result(context.Background(), time.Minute, retryable); errors.As(err, &xerr) {
			t.Errorf("the work's own error: %v, want no connectError", err)
		}
	})
}

// Calls one after another in one request share its retry budget: the
// request answers within about the budget, not a budget per call.
func TestCallBudget(t *testing.T) {
	const budget = 5 * time.Second
	now := time.Now()
	for _, tc := range []struct {
		name    string
		ctx     context.Context
		failing bool
		want    time.Duration
	}{
		{"no unit of work", context.Background(), false, budget},
		{"no unit of work, failing", context.Background(), true, budget},
		{"a request that just began", graph.WithRetryStart(context.Background(), now), false, budget},
		{"a request 2s in", graph.WithRetryStart(context.Background(), now.Add(-2*time.Second)), false, 3 * time.Second},
		{"a request 2s in, failing", graph.WithRetryStart(context.Background(), now.Add(-2*time.Second)), true, 3 * time.Second},
		{"a request 4.8s in", graph.WithRetryStart(context.Background(), now.Add(-4800*time.Millisecond)), false, minCallBudget},
		{"a request 4.8s in, failing", graph.WithRetryStart(context.Background(), now.Add(-4800*time.Millisecond)), true, 200 * time.Millisecond},
		{"a request past its budget", graph.WithRetryStart(context.Background(), now.Add(-9*time.Second)), false, minCallBudget},
		// The request spent its budget on an outage: no more retries.
		{"a request past its budget, failing", graph.WithRetryStart(context.Background(), now.Add(-9*time.Second)), true, 0},
		{"a start in the future", graph.WithRetryStart(context.Background(), now.Add(time.Hour)), false, budget},
	} {
		if got := callBudget(tc.ctx, budget, now, tc.failing); got != tc.want {
			t.Errorf("%s: budget %v, want %v", tc.name, got, tc.want)
		}
	}
}
