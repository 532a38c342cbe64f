package ops

import (
	"context"
	"log/slog"
	"strconv"
	"time"
)

// AccessLine is the access-log line of one request: what Observe logs, at
// info, with the message "request".
type AccessLine struct {
	Time      time.Time
	Method    string
	Path      string
	Status    int
	Bytes     int64
	Duration  time.Duration
	Remote    string
	GraphQL   bool   // the line has an operation
	Operation string // the GraphQL operation's name, "" for anonymous
	Code      string // the outcome, when not OK
	RequestID string
}

// Record is the line as a slog record, with its attributes in their
// order: as Logger.LogAttrs would send it, but without the caller's pc,
// which the line does not show and runtime.Callers costs.
func (a AccessLine) Record() slog.Record {
	r := slog.NewRecord(a.Time, slog.LevelInfo, "request", 0)
	r.AddAttrs(
		slog.String("method", a.Method),
		slog.String("path", a.Path),
		slog.Int("status", a.Status),
		slog.Int64("bytes", a.Bytes),
		slog.Duration("duration", a.Duration),
		slog.String("remote", a.Remote),
	)
	if a.GraphQL {
		r.AddAttrs(slog.String("operation", a.Operation))
	}
	if a.Code != "" {
		r.AddAttrs(slog.String("code", a.Code))
	}
	r.AddAttrs(slog.String("request_id", a.RequestID))
	return r
}

// AccessWriter is a log handler that can write an access line without
// making it a record: the one logged line per request is then a few
// appends, where slog's text handler takes about a microsecond.
// WriteAccess reports whether it wrote the line; when it did not, Observe
// sends the line's Record to the handler instead.
type AccessWriter interface {
	WriteAccess(ctx context.Context, a AccessLine) bool
}

// AppendText appends the line as slog's text handler, without options,
// writes its Record, and reports true; or reports false when it cannot
// tell the handler's bytes for sure (a string that the handler would
// quote, other than an empty one), leaving b as it was.
// TestAccessLineTextIsSlogs holds the two equal.
func (a AccessLine) AppendText(b []byte) ([]byte, bool) {
	n := len(b)
	b = append(b, "time="...)
	b = appendRFC3339Millis(b, a.Time)
	b = append(b, " level=INFO msg=request method="...)
	ok := true
	str := func(key, s string) {
		b = append(b, key...)
		switch {
		case s == "":
			b = append(b, `""`...)
		case plainText(s):
			b = append(b, s...)
		default:
			ok = false
		}
	}
	str("", a.Method)
	str(" path=", a.Path)
	b = append(b, " status="...)
	b = strconv.AppendInt(b, int64(a.Status), 10)
	b = append(b, " bytes="...)
	b = strconv.AppendInt(b, a.Bytes, 10)
	b = append(b, " duration="...)
	b = append(b, a.Duration.String()...) // slog writes a Duration unquoted
	str(" remote=", a.Remote)
	if a.GraphQL {
		str(" operation=", a.Operation)
	}
	if a.Code != "" {
		str(" code=", a.Code)
	}
	str(" request_id=", a.RequestID)
	if !ok {
		return b[:n], false
	}
	return append(b, '\n'), true
}

// plainText reports whether s is made of bytes that slog's text handler
// never quotes: letters, digits and punctuation other than " = and \.
// (It leaves some other strings unquoted too; those take the record's
// way.)
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == '=' || c == '\\' {
			return false
		}
	}
	return true
}

// appendRFC3339Millis is slog's: RFC 3339 with exactly three digits of
// milliseconds, in t's location.
func appendRFC3339Millis(b []byte, t time.Time) []byte {
	const prefixLen = len("2006-01-02T15:04:05.000")
	n := len(b)
	t = t.Truncate(time.Millisecond).Add(time.Millisecond / 10)
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b[:n+prefixLen], b[n+prefixLen+1:]...) // drop the 4th digit
}
