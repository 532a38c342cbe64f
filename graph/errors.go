package graph

import (
	"errors"
	"fmt"
)

// Sentinel errors. Adapters wrap them with the operation's name
// (fmt.Errorf("neo4jstore: put node %q: %w", id, ErrConflict)), so callers
// test them with errors.Is.
var (
	// ErrNotFound: the node or edge does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict: the write contradicts what is stored (creating an id
	// that exists, changing a node's kind).
	ErrConflict = errors.New("conflict")
	// ErrInvalid: the input breaks a domain rule. Errors of this kind are
	// *ValidationError values that also match ErrInvalid.
	ErrInvalid = errors.New("invalid")
	// ErrUnavailable: the backing store cannot be reached right now; the
	// same call may succeed later.
	ErrUnavailable = errors.New("store unavailable")
	// ErrSkip: a wrapper's optional method (PageEdgesLister, and
	// graph/traverse's) whose store underneath has none; the caller does
	// without it, as with database/sql's driver.ErrSkip. It never reaches
	// a client.
	ErrSkip = errors.New("skip: the store underneath has no such method")
)

// ValidationError says which field of the input is wrong and why. It
// matches ErrInvalid with errors.Is.
type ValidationError struct {
	Field  string // dotted path of the offending field, e.g. "props.date"
	Reason string
}

func (e *ValidationError) Error() string {
	if e.Field == "" {
		return "invalid: " + e.Reason
	}
	return fmt.Sprintf("invalid %s: %s", e.Field, e.Reason)
}

// Is makes errors.Is(err, ErrInvalid) true for every *ValidationError.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

func invalid(field, format string, args ...any) error {
	return &ValidationError{Field: field, Reason: fmt.Sprintf(format, args...)}
}
