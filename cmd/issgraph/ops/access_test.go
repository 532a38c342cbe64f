package ops

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"
)

// slogText is the line as slog's text handler writes a's record.
func slogText(t testing.TB, a AccessLine) []byte {
	var b bytes.Buffer
	if err := slog.NewTextHandler(&b, nil).Handle(context.Background(), a.Record()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func typicalLine() AccessLine {
	return AccessLine{
		Time: time.Date(2026, 12, 7, 4, 39, 4, 123456789, time.UTC), Method: "POST", Path: "/graphql",
		Status: 200, Bytes: 809, Duration: 412345 * time.Nanosecond, Remote: "127.0.0.1:40412",
		GraphQL: true, Operation: "Frontex", RequestID: "NOYFQGT4QUM7EAAAAAAAACMCWQ",
	}
}

// AppendText writes what slog's text handler writes for the line's
// record, byte for byte, or declines; it takes the usual lines.
func TestAccessLineTextIsSlogs(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		name  string
		edit  func(*AccessLine)
		takes bool
	}{
		{"a GraphQL request", func(*AccessLine) {}, true},
		{"anonymous operation", func(a *AccessLine) { a.Operation = "" }, true},
		{"not GraphQL", func(a *AccessLine) { a.GraphQL, a.Operation, a.Method, a.Path = false, "", "GET", "/healthz" }, true},
		{"a code", func(a *AccessLine) { a.Code, a.Status = "COMPLEXITY_LIMIT_EXCEEDED", 400 }, true},
		{"IPv6 remote", func(a *AccessLine) { a.Remote = "[::1]:5555" }, true},
		{"a path with an escape", func(a *AccessLine) { a.Path = "/export/subgraph%20x" }, true},
		{"another zone, a whole second", func(a *AccessLine) { a.Time = time.Date(2026, 1, 2, 3, 4, 5, 0, cet) }, true},
		{"999.9 ms", func(a *AccessLine) { a.Time = a.Time.Add(876543210 * time.Nanosecond) }, true},
		{"durations", func(a *AccessLine) { a.Duration = 0 }, true},
		{"hours", func(a *AccessLine) { a.Duration = 2*time.Hour + 3*time.Millisecond }, true},
		{"no bytes, a huge count", func(a *AccessLine) { a.Bytes, a.Status = 1<<40, 599 }, true},
		{"an operation with a space", func(a *AccessLine) { a.Operation = "two words" }, false},
		{"an operation with a quote", func(a *AccessLine) { a.Operation = `say "hi"` }, false},
		{"an operation with =", func(a *AccessLine) { a.Operation = "a=b" }, false},
		{"a path with a backslash", func(a *AccessLine) { a.Path = `/a\b` }, false},
		{"a non-ASCII path", func(a *AccessLine) { a.Path = "/é" }, false},
		{"a control character", func(a *AccessLine) { a.Path = "/a\x01" }, false},
		{"an empty method", func(a *AccessLine) { a.Method = "" }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := typicalLine()
			tt.edit(&a)
			prefix := []byte("kept ")
			got, ok := a.AppendText(prefix)
			if ok != tt.takes {
				t.Errorf("took it: %v, want %v", ok, tt.takes)
			}
			if !bytes.HasPrefix(got, prefix) {
				t.Fatalf("what was in the buffer is gone: %q", got)
			}
			if !ok {
				if len(got) != len(prefix) {
					t.Errorf("declined, but appended %q", got[len(prefix):])
				}
				return
			}
			if want := slogText(t, a); !bytes.Equal(got[len(prefix):], want) {
				t.Errorf("got  %q\nwant %q", got[len(prefix):], want)
			}
		})
	}
}

func FuzzAccessLineText(f *testing.F) {
	f.Add("POST", "/graphql", "127.0.0.1:1", "Op", "", "ID", 200, int64(10), int64(1500), int64(1765000000123456789), true)
	f.Add("GET", "/a b", "", "", "CODE", "x", 404, int64(0), int64(0), int64(0), false)
	f.Fuzz(func(t *testing.T, method, path, remote, op, code, id string, status int, n, d, unix int64, gql bool) {
		a := AccessLine{
			Time: time.Unix(0, unix).UTC(), Method: method, Path: path, Status: status, Bytes: n,
			Duration: time.Duration(d), Remote: remote, GraphQL: gql, Operation: op, Code: code, RequestID: id,
		}
		if y := a.Time.Year(); y < 0 || y > 9999 {
			return // RFC 3339 has four-digit years
		}
		got, ok := a.AppendText(nil)
		if ok && !bytes.Equal(got, slogText(t, a)) {
			t.Errorf("got  %q\nwant %q", got, slogText(t, a))
		}
	})
}
