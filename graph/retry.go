package graph

import (
	"context"
	"time"
)

type retryStartKey struct{}

// WithRetryStart marks when one unit of work, such as an API request,
// began. A store that retries an unavailable backend for a budget of time
// counts every call of the unit against that one budget, so that the unit
// answers ErrUnavailable within about the budget however many calls it
// makes one after another, not within a budget per call.
func WithRetryStart(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, retryStartKey{}, t)
}

// RetryStart returns the start WithRetryStart recorded in ctx.
func RetryStart(ctx context.Context) (time.Time, bool) {
	t, ok := ctx.Value(retryStartKey{}).(time.Time)
	return t, ok
}
