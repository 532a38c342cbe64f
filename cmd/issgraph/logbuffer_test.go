package main

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
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
