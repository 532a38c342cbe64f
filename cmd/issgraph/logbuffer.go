package main

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/issgraph/issgraph/cmd/issgraph/ops"
)

// The server writes one access-log line per request. Written straight to
// stderr, each line is a system call, and at info level the log cost the
// service about a tenth of its throughput (issue 12). So the server's log
// goes through a logBuffer: lines collect in memory and reach stderr
// every logFlushEvery, when the buffer fills, at once for a record at
// warning level or above, and when the server stops. A line is never
// split, and nothing is lost on a clean stop; a process killed outright
// loses at most the last logFlushEvery of info lines.

const (
	logFlushEvery = 50 * time.Millisecond
	logBufferSize = 64 << 10
)

// logBuffer is an io.Writer that batches whole writes (log records) into
// fewer writes to w.
type logBuffer struct {
	mu   sync.Mutex
	w    io.Writer
	buf  []byte
	stop chan struct{}
	done chan struct{}
}

func newLogBuffer(w io.Writer, every time.Duration) *logBuffer {
	b := &logBuffer{w: w, buf: make([]byte, 0, logBufferSize), stop: make(chan struct{}), done: make(chan struct{})}
	go b.loop(every)
	return b
}

func (b *logBuffer) loop(every time.Duration) {
	defer close(b.done)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			_ = b.Flush()
		case <-b.stop:
			return
		}
	}
}

// Write keeps p, a whole record, for the next flush.
func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.buf)+len(p) > cap(b.buf) {
		if err := b.flushLocked(); err != nil {
			return 0, err
		}
		if len(p) > cap(b.buf) {
			return b.w.Write(p)
		}
	}
	b.buf = append(b.buf, p...)
	return len(p), nil
}

// maxAppended is the room Append makes before a record it writes in
// place: more than an access line takes, but for a client's odd method.
const maxAppended = 2 << 10

// Append is Write for a record that add appends to the buffer itself,
// which spares a copy: add reports whether it appended one, and if it did
// not, the buffer is left as it was. A record longer than the room left
// is written at once, as Write writes one longer than the buffer, and the
// buffer keeps its size.
func (b *logBuffer) Append(add func([]byte) ([]byte, bool)) (bool, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if cap(b.buf)-len(b.buf) < maxAppended {
		if err := b.flushLocked(); err != nil {
			return false, err
		}
	}
	out, ok := add(b.buf)
	if !ok {
		return false, nil
	}
	if cap(out) != cap(b.buf) { // append had to grow it
		record := out[len(b.buf):]
		if err := b.flushLocked(); err != nil {
			return true, err
		}
		_, err := b.w.Write(record)
		return true, err
	}
	b.buf = out
	return true, nil
}

// Flush writes what is kept.
func (b *logBuffer) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.flushLocked()
}

func (b *logBuffer) flushLocked() error {
	if len(b.buf) == 0 {
		return nil
	}
	_, err := b.w.Write(b.buf)
	b.buf = b.buf[:0]
	return err
}

// Close stops the flushing and writes what is left.
func (b *logBuffer) Close() error {
	close(b.stop)
	<-b.done
	return b.Flush()
}

// flushingHandler flushes its logBuffer after every record at warning level
// or above, so that problems reach the log at once.
type flushingHandler struct {
	slog.Handler
	buf *logBuffer
	// text: Handler is newLogger's text handler, with no attributes or
	// groups added since, so that WriteAccess may write the access line
	// as it would.
	text bool
}

var _ ops.AccessWriter = flushingHandler{}

// WriteAccess writes an access line as the text handler would, without
// making it a record, when it can (ops.AccessLine.AppendText).
func (h flushingHandler) WriteAccess(_ context.Context, a ops.AccessLine) bool {
	if !h.text {
		return false
	}
	wrote, _ := h.buf.Append(a.AppendText) // as the text handler's error, which Observe drops
	return wrote
}

func (h flushingHandler) Handle(ctx context.Context, r slog.Record) error {
	err := h.Handler.Handle(ctx, r)
	if r.Level >= slog.LevelWarn {
		if ferr := h.buf.Flush(); err == nil {
			err = ferr
		}
	}
	return err
}

func (h flushingHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return flushingHandler{Handler: h.Handler.WithAttrs(as), buf: h.buf}
}

func (h flushingHandler) WithGroup(name string) slog.Handler {
	return flushingHandler{Handler: h.Handler.WithGroup(name), buf: h.buf}
}

// bufferedLogger is newLogger over a logBuffer on w that flushes every
// every; close flushes it.
func bufferedLogger(cfg config, w io.Writer, every time.Duration) (log *slog.Logger, close func() error) {
	b := newLogBuffer(w, every)
	return slog.New(flushingHandler{newLogger(cfg, b).Handler(), b, cfg.LogFormat != "json"}), b.Close
}
