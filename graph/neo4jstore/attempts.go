package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/issgraph/issgraph/graph"
)

// The driver's own MaxTransactionRetryTime and
// ConnectionAcquisitionTimeout, used when the Config leaves them 0.
const (
	driverMaxRetryTime   = 30 * time.Second
	driverAcquireTimeout = time.Minute
)

// phase is where one managed transaction stands, as far as its work
// function can tell.
type phase int

const (
	// connecting: the work has not run yet, or it failed with a
	// retryable error and the driver is sleeping before it connects
	// again.
	connecting phase = iota
	// waiting: the work function runs, and the server has not yet
	// answered any of its statements: nothing it did can have taken
	// effect, and a server that accepts a transaction and then never
	// answers (one that is still starting, say) holds it here.
	waiting
	// working: the server has answered a statement of the work.
	working
	// settled: the work returned; the driver commits (nil) or returns
	// its error (not retryable). Nothing is cut short from here on.
	settled
)

// errRetryBudget is the cause of an attempts context cancelled because the
// retry budget ran out.
var errRetryBudget = errors.New("neo4jstore: retry budget spent")

// attempts watches one managed transaction (ExecuteRead or ExecuteWrite)
// so that the Store can tell its callers two things the driver does not:
//
//   - whether it failed before any work ran, that is while getting a
//     working connection (dial, Bolt handshake, authentication, routing,
//     BEGIN): then whatever answered on the port is no Neo4j we can use,
//     and the error is a connectError (see classify);
//   - when the retry budget is spent. The driver checks
//     MaxTransactionRetryTime only between attempts, after an
//     exponential back-off (about 2s, 4s, 8s ...), and never while it
//     waits for a connection, so a request could answer seconds after
//     the budget, or as late as its deadline when a server accepts TCP
//     and never answers. attempts cancels the context the driver and the
//     work's first statement see when the budget has passed and the
//     server has answered none of the work: a connection attempt or a
//     back-off sleep is cut short, and so is a first statement the server
//     sits on while the Store has lately seen Neo4j unavailable (one that
//     is still starting accepts a transaction and answers nothing); on a
//     server that has been answering, a slow first statement is a busy
//     server, not an outage, and runs on. A transaction whose server has
//     answered, or that is committing, is never interrupted, so a write is
//     either acknowledged or reported failed, never cut mid-commit, and a
//     slow query on a healthy server runs to its own deadline.
type attempts struct {
	ctx    context.Context // what the driver is given
	cancel context.CancelCauseFunc
	timer  *time.Timer

	// cutWaiting: the budget also cuts a first statement the server
	// has not answered (the Store has lately seen Neo4j unavailable).
	cutWaiting bool

	mu      sync.Mutex
	phase   phase
	expired bool  // the budget has passed
	workErr error // what the work returned last
	ran     bool  // the work ran at least once
}

// minCallBudget is the least retry budget a call gets when its unit of
// work has spent the rest: enough to take a pooled connection and run,
// so that a healthy server is not refused for an earlier slow call.
const minCallBudget = 500 * time.Millisecond

// callBudget is the retry budget of one call at now: the whole budget, or
// what is left of it for the unit of work ctx belongs to (an API request
// whose earlier calls have taken part of it, graph.WithRetryStart), but
// never less than minCallBudget.
func callBudget(ctx context.Context, budget time.Duration, now time.Time) time.Duration {
	start, ok := graph.RetryStart(ctx)
	if !ok {
		return budget
	}
	return min(budget, max(budget-now.Sub(start), minCallBudget))
}

// newAttempts starts the budget clock for one transaction on ctx, which
// cuts a first statement the server sits on when cutWaiting. stop must be
// called when the transaction returns.
func newAttempts(ctx context.Context, budget time.Duration, cutWaiting bool) *attempts {
	a := &attempts{cutWaiting: cutWaiting}
	a.ctx, a.cancel = context.WithCancelCause(ctx)
	a.timer = time.AfterFunc(budget, a.expire)
	return a
}

func (a *attempts) expire() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.expired = true
	if a.phase == connecting || (a.phase == waiting && a.cutWaiting) {
		a.cancel(errRetryBudget)
	}
}

// enter and leave bracket each run of the work function.
func (a *attempts) enter() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.phase, a.ran = waiting, true
}

// answered notes that the server answered a statement of the work: from
// now on the budget no longer cuts it.
func (a *attempts) answered() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.phase == waiting {
		a.phase = working
	}
}

// untilAnswered returns ctx, also cancelled when the budget cuts the
// transaction, for a statement of the work to run under.
func (a *attempts) untilAnswered(ctx context.Context) (context.Context, context.CancelFunc) {
	sctx, cancel := context.WithCancelCause(ctx)
	unhook := context.AfterFunc(a.ctx, func() { cancel(context.Cause(a.ctx)) })
	return sctx, func() { unhook(); cancel(nil) }
}

func (a *attempts) leave(err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.workErr = err
	switch {
	case err != nil && neo4j.IsRetryable(err) && !a.expired:
		// The driver sleeps, then connects again: cut that short when
		// the budget passes. (Once expired, the driver stops by itself
		// without sleeping.)
		a.phase = connecting
	default:
		a.phase = settled
	}
}

func (a *attempts) stop() {
	a.timer.Stop()
	a.cancel(nil)
}

// result turns the driver's error for the transaction into what the
// Store classifies, given the caller's ctx and the retry budget.
func (a *attempts) result(ctx context.Context, budget time.Duration, err error) error {
	if err == nil || ctx.Err() != nil {
		return err // the caller's context has the last word (classify)
	}
	if errors.Is(context.Cause(a.ctx), errRetryBudget) {
		return fmt.Errorf("%w: no transaction could run within the retry budget of %s (NEO4J_MAX_RETRY_TIME): %v",
			graph.ErrUnavailable, budget, err)
	}
	a.mu.Lock()
	beforeWork := !a.ran || (a.phase == connecting && !errors.Is(err, a.workErr))
	a.mu.Unlock()
	if beforeWork {
		return &connectError{err}
	}
	return err
}

// connectError is an error the driver returned before any of a call's
// work ran, or from VerifyConnectivity: while dialling, in the Bolt
// handshake, while authenticating or routing. Unless the server itself
// answered (a Neo4jError, such as bad credentials), it means that what
// listens at the address is not a Neo4j we can talk to yet: a port that
// answers garbage or HTTP, a proxy with no backend, a server still
// starting. The driver reports those as plain errors ("unexpected EOF",
// "server responded HTTP ..."); classify makes them graph.ErrUnavailable.
type connectError struct{ err error }

func (e *connectError) Error() string { return "connecting: " + e.err.Error() }
func (e *connectError) Unwrap() error { return e.err }
