package main

import (
	"context"
	"errors"
	"testing"
	"time"
)

type deadlineKey struct{}

// withDeadline answers as context.WithDeadline does, whether or not Done
// was asked for before: its deadline, its values, its error before and
// after the deadline, when canceled and when its parent is; and what is
// made from it ends with it.
func TestWithDeadline(t *testing.T) {
	parent := context.WithValue(context.Background(), deadlineKey{}, "v")
	future, past := time.Now().Add(time.Hour), time.Now().Add(-time.Second)
	for _, doneFirst := range []bool{false, true} {
		open := func(at time.Time) (context.Context, context.CancelFunc) {
			ctx, cancel := withDeadline(parent, at)
			if doneFirst {
				ctx.Done()
			}
			return ctx, cancel
		}
		ctx, cancel := open(future)
		if d, ok := ctx.Deadline(); !ok || !d.Equal(future) {
			t.Errorf("done first %v: deadline %v %v, want %v", doneFirst, d, ok, future)
		}
		if ctx.Value(deadlineKey{}) != "v" {
			t.Errorf("done first %v: the parent's value is lost", doneFirst)
		}
		if err := ctx.Err(); err != nil {
			t.Errorf("done first %v: Err %v before the deadline", doneFirst, err)
		}
		child, stop := context.WithCancel(ctx)
		cancel()
		if err := ctx.Err(); !errors.Is(err, context.Canceled) {
			t.Errorf("done first %v: Err %v once canceled", doneFirst, err)
		}
		<-ctx.Done()
		<-child.Done() // made from it, it ends with it
		stop()

		ctx, cancel = open(past)
		if err := ctx.Err(); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("done first %v: Err %v past the deadline", doneFirst, err)
		}
		<-ctx.Done()
		cancel()

		p, cancelParent := context.WithCancel(parent)
		ctx, cancel = withDeadline(p, future)
		if doneFirst {
			ctx.Done()
		}
		cancelParent()
		if err := ctx.Err(); !errors.Is(err, context.Canceled) {
			t.Errorf("done first %v: Err %v once the parent is canceled", doneFirst, err)
		}
		<-ctx.Done()
		cancel()
	}
	// An earlier deadline of the parent's stands.
	early := time.Now().Add(time.Minute)
	p, cancelParent := context.WithDeadline(parent, early)
	defer cancelParent()
	ctx, cancel := withDeadline(p, time.Now().Add(time.Hour))
	defer cancel()
	if d, _ := ctx.Deadline(); !d.Equal(early) {
		t.Errorf("deadline %v, want the parent's %v", d, early)
	}
}
