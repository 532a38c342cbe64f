package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/issgraph/issgraph/cmd/issgraph/ops"
)

// countingWriter counts the writes that reach it.
type countingWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	writes int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes++
	return w.buf.Write(p)
}

func (w *countingWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// Info lines are batched into one write and all arrive by Close; a
// warning is written at once, with the lines before it, in order. (The
// timed flush is set beyond the test's reach, so the count is exact.)
func TestBufferedLogger(t *testing.T) {
	w := &countingWriter{}
	log, closeLog := bufferedLogger(config{LogLevel: slog.LevelInfo, LogFormat: "text"}, w, time.Hour)
	for i := range 100 {
		log.Info("request", "n", i)
	}
	log.Warn("store unavailable")
	got := w.String()
	if !strings.Contains(got, "n=99") || !strings.HasSuffix(strings.TrimSpace(got), `msg="store unavailable"`) {
		t.Fatalf("after a warning the log holds %q; want every line so far, the warning last", got)
	}
	if w.writes != 1 {
		t.Errorf("101 records took %d writes; want them in one", w.writes)
	}
	log.Info("stopped")
	if err := closeLog(); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(w.String(), "\n"); lines != 102 || !strings.Contains(w.String(), "msg=stopped") {
		t.Errorf("after Close the log has %d lines: %q", lines, w.String())
	}
}

// The server's text logger writes the access line itself (ops.AccessWriter),
// the same bytes as its record would make; a JSON logger, or one with
// attributes added, leaves it to the record.
func TestLoggerWritesTheAccessLine(t *testing.T) {
	line := ops.AccessLine{
		Time: time.Date(2026, 12, 7, 4, 39, 4, 123456789, time.UTC), Method: "POST", Path: "/graphql",
		Status: 200, Bytes: 809, Duration: 412345 * time.Nanosecond, Remote: "127.0.0.1:40412",
		GraphQL: true, Operation: "", RequestID: "NOYFQGT4QUM7EAAAAAAAACMCWQ",
	}
	for _, tt := range []struct {
		name   string
		format string
		with   bool
		writes bool
	}{
		{"text", "text", false, true},
		{"json", "json", false, false},
		{"text with attributes", "text", true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var fast, slow bytes.Buffer
			cfg := config{LogLevel: slog.LevelInfo, LogFormat: tt.format}
			log, closeLog := bufferedLogger(cfg, &fast, time.Hour)
			if tt.with {
				log = log.With("component", "x")
			}
			aw, ok := log.Handler().(ops.AccessWriter)
			if !ok {
				t.Fatal("the server's logger is no ops.AccessWriter")
			}
			wrote := aw.WriteAccess(context.Background(), line)
			if err := closeLog(); err != nil {
				t.Fatal(err)
			}
			if wrote != tt.writes {
				t.Fatalf("wrote the line: %v, want %v", wrote, tt.writes)
			}
			if !wrote {
				if fast.Len() > 0 {
					t.Errorf("declined, but wrote %q", fast.String())
				}
				return
			}
			if err := newLogger(cfg, &slow).Handler().Handle(context.Background(), line.Record()); err != nil {
				t.Fatal(err)
			}
			if fast.String() != slow.String() {
				t.Errorf("wrote  %q\nrecord %q", fast.String(), slow.String())
			}
		})
	}
}

// Append writes a record in place: kept for the next flush, after what
// came before; with too little room left, what came before is flushed
// first; and a record add declines leaves nothing.
func TestLogBufferAppend(t *testing.T) {
	w := &countingWriter{}
	b := newLogBuffer(w, time.Hour)
	add := func(s string, ok bool) func([]byte) ([]byte, bool) {
		return func(buf []byte) ([]byte, bool) { return append(buf, s...), ok }
	}
	if _, err := b.Write([]byte("one\n")); err != nil {
		t.Fatal(err)
	}
	if wrote, err := b.Append(add("no\n", false)); wrote || err != nil {
		t.Fatalf("a declined record: wrote %v, %v", wrote, err)
	}
	if wrote, err := b.Append(add("two\n", true)); !wrote || err != nil {
		t.Fatalf("wrote %v, %v", wrote, err)
	}
	if w.writes != 0 {
		t.Fatalf("%d writes before the buffer is full or flushed", w.writes)
	}
	if _, err := b.Write(bytes.Repeat([]byte("x"), logBufferSize-len("one\ntwo\n")-maxAppended+1)); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Append(add("three\n", true)); err != nil {
		t.Fatal(err)
	}
	if w.writes != 1 || !strings.HasPrefix(w.String(), "one\ntwo\nxxx") || strings.Contains(w.String(), "three") {
		t.Fatalf("with too little room, Append flushed %d times: %.20q…", w.writes, w.String())
	}
	// A record longer than the room goes out at once, after what came
	// before, and the buffer keeps its size.
	long := strings.Repeat("y", logBufferSize) + "\n"
	if wrote, err := b.Append(add(long, true)); !wrote || err != nil {
		t.Fatalf("a long record: wrote %v, %v", wrote, err)
	}
	if got := w.String(); w.writes != 3 || !strings.HasSuffix(got, "xthree\n"+long) || strings.Contains(got, "no\n") {
		t.Errorf("after a long record, %d writes, the log ends %q", w.writes, got[max(0, len(got)-20):])
	}
	if cap(b.buf) != logBufferSize {
		t.Errorf("the buffer grew to %d bytes", cap(b.buf))
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
}
