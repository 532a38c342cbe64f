package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/issgraph/issgraph/graph"
)

// Store is the graph.Store on Neo4j 5.
type Store struct {
	be     backend
	cat    *catalog
	log    *slog.Logger
	closed atomic.Bool
}

var _ graph.Store = (*Store)(nil)

// ErrClosed is returned by every call after Close. It matches
// graph.ErrUnavailable, as the Store contract asks.
var ErrClosed = fmt.Errorf("store is closed: %w", graph.ErrUnavailable)

// result is what one statement returned: its records and the summary
// counters the writes need.
type result struct {
	records              []*neo4j.Record
	nodesCreated         int
	relationshipsCreated int
}

// querier runs statements inside one managed transaction. It is the seam
// between the Store's logic and the driver: tests replace it with a
// recording fake.
type querier interface {
	run(ctx context.Context, s *stmt, params map[string]any) (result, error)
}

// backend opens managed transactions. work may be called more than once:
// the driver retries a transaction after a transient error, so work must
// start from scratch each time.
type backend interface {
	read(ctx context.Context, work func(querier) error) error
	// readOne is read for work that runs one statement, which may run
	// outside a transaction (auto-commit).
	readOne(ctx context.Context, work func(querier) error) error
	write(ctx context.Context, work func(querier) error) error
	verify(ctx context.Context) error
	close(ctx context.Context) error
}

// Open returns a Store for cfg. It checks the configuration and builds the
// driver but does not contact the server: the service starts, and reports
// UNAVAILABLE, while Neo4j is down, and the driver connects once it is
// back. It fails only on a bad configuration (graph.ErrInvalid).
func Open(ctx context.Context, cfg Config, logger *slog.Logger) (*Store, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("neo4jstore: open: %w", err)
	}
	cat, err := statements()
	if err != nil {
		return nil, fmt.Errorf("neo4jstore: open: %w", err)
	}
	auth := neo4j.NoAuth()
	if cfg.User != "" {
		auth = neo4j.BasicAuth(cfg.User, cfg.Password, "")
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		if cfg.MaxPoolSize > 0 {
			c.MaxConnectionPoolSize = cfg.MaxPoolSize
		}
		if cfg.ConnectTimeout > 0 {
			c.SocketConnectTimeout = cfg.ConnectTimeout
		}
		if cfg.AcquireTimeout > 0 {
			c.ConnectionAcquisitionTimeout = cfg.AcquireTimeout
		}
		// One attempt per managed transaction: the Store retries, under
		// its retry budget (attempts).
		c.MaxTransactionRetryTime = 0
		c.Log = driverLogger{logger}
	})
	if err != nil {
		// The driver rejects what Validate let through only for a malformed
		// URI or option.
		return nil, fmt.Errorf("neo4jstore: open: %w: %v", graph.ErrInvalid, err)
	}
	logger.InfoContext(ctx, "neo4jstore: driver ready", "uri", cfg.redactedURI(), "database", cfg.database())
	be := &driverBackend{
		drv:     drv,
		db:      cfg.database(),
		bm:      neo4j.NewBookmarkManager(neo4j.BookmarkManagerConfig{}),
		maxTx:   cfg.MaxTxTime,
		retry:   driverMaxRetryTime,
		acquire: driverAcquireTimeout,
		log:     logger,
	}
	if cfg.MaxRetryTime > 0 {
		be.retry = cfg.MaxRetryTime
	}
	if cfg.AcquireTimeout > 0 {
		be.acquire = cfg.AcquireTimeout
	}
	return &Store{be: be, cat: cat, log: logger}, nil
}

// newStore builds a Store on any backend; tests use it with a fake.
func newStore(be backend, logger *slog.Logger) (*Store, error) {
	cat, err := statements()
	if err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Store{be: be, cat: cat, log: logger}, nil
}

// Ping checks that a server answers, within ctx.
func (s *Store) Ping(ctx context.Context) error {
	if s.closed.Load() {
		return fmt.Errorf("neo4jstore: ping: %w", ErrClosed)
	}
	if err := s.be.verify(ctx); err != nil {
		return s.fail(ctx, "ping", err)
	}
	return nil
}

// Close closes the driver and its connections. Calls after Close fail with
// ErrClosed.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	if err := s.be.close(context.Background()); err != nil {
		return fmt.Errorf("neo4jstore: close: %w", err)
	}
	return nil
}

// read runs work in a read transaction after checking that the store is
// open; op names the operation in errors.
func (s *Store) read(ctx context.Context, op string, work func(querier) error) error {
	if s.closed.Load() {
		return fmt.Errorf("neo4jstore: %s: %w", op, ErrClosed)
	}
	return s.fail(ctx, op, s.be.read(ctx, work))
}

// readOne is read for work that runs one statement (backend.readOne).
func (s *Store) readOne(ctx context.Context, op string, work func(querier) error) error {
	if s.closed.Load() {
		return fmt.Errorf("neo4jstore: %s: %w", op, ErrClosed)
	}
	return s.fail(ctx, op, s.be.readOne(ctx, work))
}

// write is read for a write transaction.
func (s *Store) write(ctx context.Context, op string, work func(querier) error) error {
	if s.closed.Load() {
		return fmt.Errorf("neo4jstore: %s: %w", op, ErrClosed)
	}
	return s.fail(ctx, op, s.be.write(ctx, work))
}

// fail wraps err with the operation and maps driver errors to the graph
// sentinels (see classify).
func (s *Store) fail(ctx context.Context, op string, err error) error {
	if err == nil {
		return nil
	}
	var uerr *neo4j.UsageError
	if errors.As(err, &uerr) && s.closed.Load() {
		// A call that passed the closed check as Close ran meets a
		// closed driver ("Trying to create session on closed driver"):
		// that is the Store being closed, not a bug.
		return fmt.Errorf("neo4jstore: %s: %w (%v)", op, ErrClosed, err)
	}
	return fmt.Errorf("neo4jstore: %s: %w", op, classify(ctx, err))
}

// Error codes the mapping singles out.
const (
	codeConstraint         = "Neo.ClientError.Schema.ConstraintValidationFailed"
	codeTxTimedOut         = "Neo.ClientError.Transaction.TransactionTimedOut"
	codeTxTimedOutByClient = "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration"
	codeLockClientStopped  = "Neo.ClientError.Transaction.LockClientStopped"
	codeTerminated         = "Neo.ClientError.Transaction.Terminated"
	codeEntityNotFound     = "Neo.ClientError.Statement.EntityNotFound"
)

// classify maps an error from a transaction to what callers test for:
//
//   - the graph sentinels returned by the Store's own checks pass through;
//   - a cancelled or expired context stays context.Canceled or
//     context.DeadlineExceeded, and so does the server ending a transaction
//     at the timeout derived from the deadline;
//   - a transaction the server terminated (LockClientStopped while it
//     waited on a lock, Terminated otherwise) is graph.ErrUnavailable: the
//     server does not say whether its timeout, an operator or a shutdown
//     ended it, and none of them is a bug;
//   - a uniqueness constraint violation is graph.ErrConflict;
//   - EntityNotFound is graph.ErrNotFound: a statement met a node that
//     another transaction deleted after this one matched it (read
//     committed), as a write that races DeleteNode does;
//   - lost or refused connections, pool timeouts, routing failures,
//     transient server errors, exhausted retries, and any failure to
//     establish a connection that is not the server's own answer (a port
//     that answers garbage or HTTP: connectError) are
//     graph.ErrUnavailable;
//   - anything else is returned wrapped but matching no sentinel, which the
//     API reports as an internal error without showing it.
func classify(ctx context.Context, err error) error {
	switch {
	case errors.Is(err, graph.ErrNotFound), errors.Is(err, graph.ErrConflict),
		errors.Is(err, graph.ErrInvalid), errors.Is(err, graph.ErrUnavailable),
		errors.Is(err, ErrClosed):
		return err
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	}
	if cerr := ctx.Err(); cerr != nil {
		// The driver reports a context that ended mid-read as a
		// connectivity error; the context's own error is the truth.
		return fmt.Errorf("%w (%v)", cerr, err)
	}
	if dl, ok := ctx.Deadline(); ok && !time.Now().Before(dl) {
		// The deadline has passed before the context's timer marked it:
		// the driver's socket deadline, taken from ctx, fired first, and
		// the driver reports whatever the cut read gave (on 5.26 "none of
		// the server offered Bolt versions are supported").
		return fmt.Errorf("%w (%v)", context.DeadlineExceeded, err)
	}
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) {
		switch {
		case nerr.Code == codeConstraint:
			return fmt.Errorf("%w: %w", graph.ErrConflict, err)
		case nerr.Code == codeEntityNotFound:
			return fmt.Errorf("deleted meanwhile: %w: %w", graph.ErrNotFound, err)
		case nerr.Code == codeTxTimedOut, nerr.Code == codeTxTimedOutByClient:
			return fmt.Errorf("%w: %w", context.DeadlineExceeded, err)
		case nerr.Code == codeLockClientStopped, nerr.Code == codeTerminated:
			return fmt.Errorf("%w: %w", graph.ErrUnavailable, err)
		case nerr.IsRetriable():
			return fmt.Errorf("%w: %w", graph.ErrUnavailable, err)
		}
		return err
	}
	var cerr *neo4j.ConnectivityError
	var lerr *neo4j.TransactionExecutionLimit
	var xerr *connectError
	if errors.As(err, &cerr) || errors.As(err, &lerr) || errors.As(err, &xerr) {
		// A TransactionExecutionLimit means the driver gave up retrying
		// errors it deemed retryable: transient or connectivity ones. A
		// connectError is anything else that failed before a connection
		// worked: no Neo4j answers there (yet).
		return fmt.Errorf("%w: %w", graph.ErrUnavailable, err)
	}
	return err
}

// txTimeout is the server-side timeout for a transaction started at now:
// the time left before ctx's deadline, capped by max when max > 0. ok is
// false when neither applies (the server's default timeout is used). A
// timeout is never below a millisecond, since Neo4j reads 0 as "none".
func txTimeout(ctx context.Context, max time.Duration, now time.Time) (d time.Duration, ok bool) {
	d = max
	if dl, has := ctx.Deadline(); has {
		if left := dl.Sub(now); max <= 0 || left < max {
			d = left
		}
		ok = true
	}
	if max > 0 {
		ok = true
	}
	if ok && d < time.Millisecond {
		d = time.Millisecond
	}
	return d, ok
}

// driverBackend runs managed transactions on the driver.
type driverBackend struct {
	drv     neo4j.DriverWithContext
	db      string
	bm      neo4j.BookmarkManager
	maxTx   time.Duration
	retry   time.Duration // the retry budget of a call (MaxRetryTime), which attempts enforces
	acquire time.Duration // the driver's ConnectionAcquisitionTimeout, which verify also keeps
	// failing: the last transaction that ended failed because Neo4j was
	// unavailable; until one succeeds, the retry budget also cuts a
	// first statement the server sits on (see attempts).
	failing atomic.Bool
	log     *slog.Logger // nil: no debug log of failed transactions
}

func (b *driverBackend) read(ctx context.Context, work func(querier) error) error {
	return b.exec(ctx, neo4j.AccessModeRead, work)
}

func (b *driverBackend) write(ctx context.Context, work func(querier) error) error {
	return b.exec(ctx, neo4j.AccessModeWrite, work)
}

// exec opens a session on the named database with the Store's bookmark
// manager, so that a read after a write sees it even on another cluster
// member, and runs work in a managed transaction, which the driver retries
// on transient errors. Reads are opened in read mode so that a routing
// driver sends them to secondaries. attempts holds the driver to the
// retry budget and notes whether the work ever ran (see attempts).
func (b *driverBackend) exec(ctx context.Context, mode neo4j.AccessMode, work func(querier) error) (err error) {
	began := time.Now()
	budget := callBudget(ctx, b.retry, began, b.failing.Load())
	run := newAttempts(ctx, budget, b.failing.Load)
	defer run.stop()
	defer func() { b.debugFailed(ctx, run, began, budget, modeName(mode), err) }()
	return b.execRun(ctx, run, budget, mode, work)
}

func modeName(m neo4j.AccessMode) string {
	if m == neo4j.AccessModeWrite {
		return "write"
	}
	return "read"
}

// debugFailed logs, at debug level, how a call that failed spent its
// retry budget: what an UNAVAILABLE that came late was waiting for. It
// costs nothing unless debug is on.
func (b *driverBackend) debugFailed(ctx context.Context, run *attempts, began time.Time, budget time.Duration, mode string, err error) {
	if err == nil || b.log == nil || !b.log.Enabled(ctx, slog.LevelDebug) {
		return
	}
	run.mu.Lock()
	ph, expired, expiredIn, ran := run.phase, run.expired, run.expiredIn, run.ran
	run.mu.Unlock()
	attrs := []slog.Attr{
		slog.String("mode", mode), slog.Duration("took", time.Since(began)), slog.Duration("budget", budget),
		slog.Bool("failing", b.failing.Load()), slog.Bool("ran", ran), slog.String("phase", ph.String()),
		slog.Bool("cut", errors.Is(context.Cause(run.ctx), errRetryBudget)), slog.Any("err", err),
	}
	if expired {
		attrs = append(attrs, slog.String("phase_at_budget", expiredIn.String()))
	}
	b.log.LogAttrs(ctx, slog.LevelDebug, "neo4jstore: transaction failed", attrs...)
}

// readOne runs work, which runs one statement, in an auto-commit
// transaction: one round trip, where the managed transaction of read
// takes three (the driver's ExecuteRead sends BEGIN and waits for its
// answer before the statement, and then COMMIT). A read of one statement
// needs no transaction around it, and on a server the round trips cost
// more than most statements. Only while the server has been answering:
// when the Store has lately seen it unavailable, when the attempt fails in
// a way the driver would retry (a transient error, a lost connection), or
// when it fails before the server answered anything, work runs again as
// read does, with the driver's retries, under the same retry budget, so
// that an outage is reported as read reports it.
func (b *driverBackend) readOne(ctx context.Context, work func(querier) error) (err error) {
	began := time.Now()
	failing := b.failing.Load()
	budget := callBudget(ctx, b.retry, began, failing)
	run := newAttempts(ctx, budget, b.failing.Load)
	defer run.stop()
	defer func() { b.debugFailed(ctx, run, began, budget, "read, one statement", err) }()
	if !failing {
		q := &autoQuerier{b: b, at: run}
		err := work(q)
		if err == nil {
			b.failing.Store(false)
			return nil
		}
		if !q.retry(ctx, err) {
			return err
		}
		if !run.again(err) {
			return b.settle(ctx, run.result(ctx, budget, err))
		}
	}
	return b.execRun(ctx, run, budget, neo4j.AccessModeRead, work)
}

// execRun is exec under the attempts run: one driver attempt after
// another, until one succeeds, fails in a way the driver does not retry,
// or run says to stop (see attempts).
func (b *driverBackend) execRun(ctx context.Context, run *attempts, budget time.Duration, mode neo4j.AccessMode, work func(querier) error) (err error) {
	sess := b.drv.NewSession(ctx, neo4j.SessionConfig{
		AccessMode:      mode,
		DatabaseName:    b.db,
		BookmarkManager: b.bm,
	})
	defer func() {
		// Close returns the connection to the pool; it must run even when
		// ctx has ended.
		if cerr := sess.Close(context.WithoutCancel(ctx)); err == nil && cerr != nil {
			err = cerr
		}
	}()
	var opts []func(*neo4j.TransactionConfig)
	if d, ok := txTimeout(ctx, b.maxTx, time.Now()); ok {
		opts = append(opts, neo4j.WithTxTimeout(d))
	}
	fn := func(tx neo4j.ManagedTransaction) (any, error) {
		run.enter()
		err := work(txQuerier{tx, run})
		run.leave(err)
		return nil, err
	}
	for {
		if mode == neo4j.AccessModeRead {
			_, err = sess.ExecuteRead(run.ctx, fn, opts...)
		} else {
			_, err = sess.ExecuteWrite(run.ctx, fn, opts...)
		}
		// The driver, allowed no retries, gives up an attempt that
		// failed in a way it would retry with a TransactionExecutionLimit
		// around the attempt's error.
		var lim *neo4j.TransactionExecutionLimit
		if err == nil || !errors.As(err, &lim) || len(lim.Errors) == 0 {
			break
		}
		err = lim.Errors[len(lim.Errors)-1]
		if !run.again(err) {
			break
		}
	}
	return b.settle(ctx, run.result(ctx, budget, err))
}

// settle notes how a call ended, err: whether the Store has lately seen
// Neo4j unavailable (failing). It returns err.
func (b *driverBackend) settle(ctx context.Context, err error) error {
	switch {
	case err == nil:
		b.failing.Store(false)
	case errors.Is(classify(ctx, err), graph.ErrUnavailable):
		b.failing.Store(true)
	}
	return err
}

// verify asks the driver for a working connection, within the acquisition
// timeout (VerifyConnectivity heeds only its context). Any error it
// returns, unless ctx ended, arose while connecting (connectError).
func (b *driverBackend) verify(ctx context.Context) error {
	vctx, cancel := context.WithTimeout(ctx, b.acquire)
	defer cancel()
	err := b.drv.VerifyConnectivity(vctx)
	if err != nil && ctx.Err() == nil {
		return &connectError{err}
	}
	return err
}

func (b *driverBackend) close(ctx context.Context) error { return b.drv.Close(ctx) }

// txQuerier runs statements on a driver transaction, telling its attempts
// when the server first answers.
type txQuerier struct {
	tx neo4j.ManagedTransaction
	at *attempts
}

func (q txQuerier) run(ctx context.Context, s *stmt, params map[string]any) (result, error) {
	sctx, cancel := q.at.untilAnswered(ctx)
	defer cancel()
	res, err := q.tx.Run(sctx, s.text, params)
	if err != nil {
		return result{}, err
	}
	q.at.answered()
	recs, err := res.Collect(ctx)
	if err != nil {
		return result{}, err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return result{}, err
	}
	c := sum.Counters()
	return result{records: recs, nodesCreated: c.NodesCreated(), relationshipsCreated: c.RelationshipsCreated()}, nil
}

// autoQuerier runs the one statement of a readOne in an auto-commit
// transaction, telling its attempts when the server answers.
type autoQuerier struct {
	b   *driverBackend
	at  *attempts
	ran bool
	err error // the driver's error, if the statement failed
}

func (q *autoQuerier) run(ctx context.Context, s *stmt, params map[string]any) (res result, err error) {
	if q.ran {
		return result{}, fmt.Errorf("neo4jstore: %s: a second statement in a single-statement read", s)
	}
	q.ran = true
	defer func() { q.err = err }()
	sess := q.b.drv.NewSession(q.at.ctx, neo4j.SessionConfig{
		AccessMode:      neo4j.AccessModeRead,
		DatabaseName:    q.b.db,
		BookmarkManager: q.b.bm,
	})
	defer func() {
		if cerr := sess.Close(context.WithoutCancel(ctx)); err == nil && cerr != nil {
			err = cerr
		}
	}()
	var opts []func(*neo4j.TransactionConfig)
	if d, ok := txTimeout(ctx, q.b.maxTx, time.Now()); ok {
		opts = append(opts, neo4j.WithTxTimeout(d))
	}
	// The attempts' context, which the retry budget cuts, until the
	// server answers; the caller's from then on, as in a transaction.
	r, err := sess.Run(q.at.ctx, s.text, params, opts...)
	if err != nil {
		return result{}, err
	}
	q.at.enter()
	q.at.answered()
	recs, err := r.Collect(ctx)
	if err != nil {
		return result{}, err
	}
	sum, err := r.Consume(ctx)
	if err != nil {
		return result{}, err
	}
	c := sum.Counters()
	return result{records: recs, nodesCreated: c.NodesCreated(), relationshipsCreated: c.RelationshipsCreated()}, nil
}

// retry tells whether the work's error err should send it through a
// managed transaction: the statement failed (not the work's own reading
// of the answer), ctx goes on, and the failure is one the driver retries
// or not the server's own answer (a connection that broke or never
// worked, the retry budget).
func (q *autoQuerier) retry(ctx context.Context, err error) bool {
	if q.err == nil || !errors.Is(err, q.err) || ctx.Err() != nil {
		return false
	}
	var nerr *neo4j.Neo4jError
	return neo4j.IsRetryable(err) || !errors.As(err, &nerr)
}

// driverLogger sends the driver's log to slog: its errors and warnings as
// warnings (the driver logs every error it retries, most of them not
// critical; the error a call finally returns is the caller's to report),
// the rest at debug level.
type driverLogger struct{ l *slog.Logger }

// Error logs at debug level what is no fault of the database: a managed
// transaction logs whatever error its work function returned, and that
// includes the Store's own answers (a missing node is ErrNotFound) and a
// caller that went away. Logging those as warnings would warn on every
// lookup of a missing id.
func (d driverLogger) Error(name, id string, err error) {
	lvl := slog.LevelWarn
	for _, quiet := range []error{graph.ErrNotFound, graph.ErrConflict, graph.ErrInvalid, context.Canceled, context.DeadlineExceeded} {
		if errors.Is(err, quiet) {
			lvl = slog.LevelDebug
			break
		}
	}
	d.l.Log(context.Background(), lvl, "neo4j driver", "component", name, "id", id, "err", err)
}

func (d driverLogger) Warnf(name, id string, msg string, args ...any) {
	d.logf(slog.LevelWarn, name, id, msg, args)
}

func (d driverLogger) Infof(name, id string, msg string, args ...any) {
	d.logf(slog.LevelDebug, name, id, msg, args)
}

func (d driverLogger) Debugf(name, id string, msg string, args ...any) {
	d.logf(slog.LevelDebug, name, id, msg, args)
}

// logf formats the message only at a level the logger takes: the driver
// logs at debug level several times per statement.
func (d driverLogger) logf(lvl slog.Level, name, id, msg string, args []any) {
	ctx := context.Background()
	if d.l.Enabled(ctx, lvl) {
		d.l.Log(ctx, lvl, "neo4j driver: "+sprintf(msg, args...), "component", name, "id", id)
	}
}

// sprintf formats log and error messages. (Cypher is never formatted: it
// comes only from the embedded statement files.)
func sprintf(format string, args ...any) string { return string(fmt.Appendf(nil, format, args...)) }
