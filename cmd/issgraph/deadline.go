package main

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// withDeadline is context.WithDeadline(parent, at), made on demand: the
// timer that one sets, and its place among its parent's children, cost
// something on every request, and on the embedded store most requests
// never wait on Done; they ask Err between steps, which the clock
// answers. The first call of Done makes the real context, which answers
// everything from then on. cancel ends it, as WithDeadline's does.
func withDeadline(parent context.Context, at time.Time) (context.Context, context.CancelFunc) {
	c := &deadlineCtx{Context: parent, at: at}
	return c, c.cancel
}

type deadlineCtx struct {
	context.Context // the parent
	at              time.Time
	once            sync.Once
	real            atomic.Pointer[madeCtx]
	canceled        atomic.Bool
}

type madeCtx struct {
	ctx    context.Context
	cancel context.CancelFunc
}

func (c *deadlineCtx) Deadline() (time.Time, bool) {
	if d, ok := c.Context.Deadline(); ok && d.Before(c.at) {
		return d, true
	}
	return c.at, true
}

func (c *deadlineCtx) Done() <-chan struct{} { return c.made().Done() }

func (c *deadlineCtx) Err() error {
	if m := c.real.Load(); m != nil {
		return m.ctx.Err()
	}
	if err := c.Context.Err(); err != nil {
		return err
	}
	if c.canceled.Load() {
		return context.Canceled
	}
	if !time.Now().Before(c.at) {
		return context.DeadlineExceeded
	}
	return nil
}

// made is the real context, made at the first call; made after cancel, it
// is canceled at once.
func (c *deadlineCtx) made() context.Context {
	c.once.Do(func() {
		ctx, cancel := context.WithDeadline(c.Context, c.at)
		c.real.Store(&madeCtx{ctx, cancel})
		if c.canceled.Load() {
			cancel()
		}
	})
	return c.real.Load().ctx
}

func (c *deadlineCtx) cancel() {
	if c.canceled.Swap(true) {
		return
	}
	if m := c.real.Load(); m != nil {
		m.cancel()
	}
}

// AfterFunc lets contexts made from c wait on it as on a context of the
// context package's own, without a goroutine each (context's
// afterFuncer).
func (c *deadlineCtx) AfterFunc(f func()) (stop func() bool) {
	return context.AfterFunc(c.made(), f)
}
