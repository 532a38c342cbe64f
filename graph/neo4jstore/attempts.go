package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/issgraph/issgraph/graph"
)

// The driver's default MaxTransactionRetryTime, the retry budget when the
// Config leaves MaxRetryTime 0, and its ConnectionAcquisitionTimeout,
// used when the Config leaves AcquireTimeout 0.
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

func (p phase) String() string {
	switch p {
	case connecting:
		return "connecting"
	case waiting:
		return "waiting"
	case working:
		return "working"
	case settled:
		return "settled"
	}
	return "phase(" + strconv.Itoa(int(p)) + ")"
}

// errRetryBudget is the cause of an attempts context cancelled because the
// retry budget ran out.
var errRetryBudget = errors.New("neo4jstore: retry budget spent")

// attempts runs one call's managed transaction (ExecuteRead or
// ExecuteWrite) under the retry budget, and tells the Store two things the
// driver does not:
//
//   - whether it failed before any work ran, that is while getting a
//     working connection (dial, Bolt handshake, authentication, routing,
//     BEGIN): then whatever answered on the port is no Neo4j we can use,
//     and the error is a connectError (see classify);
//   - when the retry budget is spent.
//
// The Store, not the driver, retries: the driver is built to give up after
// one attempt (its MaxTransactionRetryTime is 0), and execRun makes the
// next attempt after a back-off (again). The driver checks its own
// MaxTransactionRetryTime only between attempts, before an exponential
// back-off (about 2s, 4s, 8s ...), and sleeps on the same context as the
// commit before it, so it cannot be cut after a commit without risking
// the commit; left to it, a call answered up to a back-off after the
// budget. Here a back-off starts only once the driver has returned, so the
// attempt, its commit included, is over.
//
// The budget cancels the context the driver and the work's first
// statement see, when it has passed and the server has answered none of
// the attempt's work: a connection attempt or a back-off is cut short, and
// so is a first statement the server sits on while the Store has lately
// seen Neo4j unavailable (one that is still starting accepts a transaction
// and answers nothing); on a server that has been answering, a slow first
// statement is a busy server, not an outage, and runs on. An attempt whose
// server has answered, or that is committing, is never interrupted, so a
// write is either acknowledged or reported failed, never cut mid-commit,
// and a slow query on a healthy server runs to its own deadline; once it
// is over, no other attempt starts after the budget.
type attempts struct {
	ctx    context.Context // what the driver is given
	cancel context.CancelCauseFunc
	timer  *time.Timer

	// cutWaiting tells, when the budget passes, whether it also cuts a
	// first statement the server has not answered: whether the Store has
	// lately seen Neo4j unavailable, then, not only when the call began.
	cutWaiting func() bool

	mu        sync.Mutex
	phase     phase
	expired   bool  // the budget has passed
	expiredIn phase // the phase when it passed, for the debug log
	workErr   error // what the work returned last
	ran       bool  // the work ran at least once
	retried   bool  // a retry was made (the first may not wait)
	waits     int   // back-offs waited
}

// minCallBudget is the least retry budget a call gets when its unit of
// work has spent the rest, unless the Store has lately seen Neo4j
// unavailable: enough to take a pooled connection and run, so that a
// healthy server is not refused for an earlier slow call.
const minCallBudget = 500 * time.Millisecond

// callBudget is the retry budget of one call at now: the whole budget, or
// what is left of it for the unit of work ctx belongs to (an API request
// whose earlier calls have taken part of it, graph.WithRetryStart), but
// never less than minCallBudget, unless failing (the Store has lately seen
// Neo4j unavailable): then the request has spent its budget on the
// outage, and a call after it gets only what is left, none at all once it
// is spent, and answers UNAVAILABLE at once.
func callBudget(ctx context.Context, budget time.Duration, now time.Time, failing bool) time.Duration {
	start, ok := graph.RetryStart(ctx)
	if !ok {
		return budget
	}
	floor := minCallBudget
	if failing {
		floor = 0
	}
	return min(budget, max(budget-now.Sub(start), floor))
}

// newAttempts starts the budget clock for one call on ctx; cutWaiting
// (nil: never) tells when the budget passes whether it cuts a first
// statement the server sits on. stop must be called when the call returns.
func newAttempts(ctx context.Context, budget time.Duration, cutWaiting func() bool) *attempts {
	a := &attempts{cutWaiting: cutWaiting}
	a.ctx, a.cancel = context.WithCancelCause(ctx)
	a.timer = time.AfterFunc(budget, a.expire)
	return a
}

func (a *attempts) expire() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.expired, a.expiredIn = true, a.phase
	if a.phase == connecting || (a.phase == waiting && a.cutWaiting != nil && a.cutWaiting()) {
		a.cancel(errRetryBudget)
	}
}

// The back-off is the driver's own: 2s, doubling, ±20%. The first retry
// of a call after a broken connection does not wait: a pooled connection
// the server dropped is no outage (and the driver, finding it dead, has
// dropped the idle ones older than it), as the driver does; nor does
// readOne's managed transaction after its single statement failed in a
// way the driver does not retry (see readOne).
const (
	backoffFirst  = 2 * time.Second
	backoffJitter = 0.2
)

// backoff is the wait after n earlier ones.
func backoff(n int) time.Duration {
	d := float64(backoffFirst) * float64(int64(1)<<min(n, 10))
	return time.Duration(d * (1 - backoffJitter + 2*backoffJitter*rand.Float64()))
}

// again is called when an attempt failed with an error the driver retries
// (err): the attempt, its commit included, is over. It waits before the
// next attempt, cut short by the budget, and tells whether to make it: not
// once the budget has passed (the attempts context is then cancelled with
// errRetryBudget) or the caller's context has ended.
func (a *attempts) again(err error) bool {
	a.mu.Lock()
	a.phase = connecting
	if a.expired {
		a.cancel(errRetryBudget)
	}
	var d time.Duration
	var cerr *neo4j.ConnectivityError
	if quick := errors.As(err, &cerr) || !neo4j.IsRetryable(err); a.retried || !quick {
		d = backoff(a.waits)
		a.waits++
	}
	a.retried = true
	a.mu.Unlock()
	if a.ctx.Err() != nil {
		return false
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return a.ctx.Err() == nil
	case <-a.ctx.Done():
		return false
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

// leave: the work returned err; the driver commits (nil) or gives the
// attempt up.
func (a *attempts) leave(err error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.workErr = err
	a.phase = settled
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
