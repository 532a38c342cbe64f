package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckWritesThenCompares(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.json")
	Check(t, path, []byte("a\nb\n"), true)
	if b, err := os.ReadFile(path); err != nil || string(b) != "a\nb\n" {
		t.Fatalf("update wrote %q, %v", b, err)
	}
	Check(t, path, []byte("a\nb\n"), false) // equal: no failure

	var rec recorder
	Check(&rec, path, []byte("a\nc\n"), false)
	if !rec.failed || !strings.Contains(rec.msg, "line 2") {
		t.Errorf("a differing file: failed %v, %q", rec.failed, rec.msg)
	}
}

func TestDiff(t *testing.T) {
	for _, c := range []struct{ want, got, has string }{
		{"a\nb", "a\nb", "no line differs"},
		{"a\nb", "a\nx", `line 2:`},
		{"a", "a\nmore", `line 2:`},
	} {
		if d := Diff(c.want, c.got); !strings.Contains(d, c.has) {
			t.Errorf("Diff(%q, %q) = %q, want %q", c.want, c.got, d, c.has)
		}
	}
}

// recorder is a testing.TB that records a failure instead of failing.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msg = fmt.Sprintf(format, args...)
}
