package resolvers

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
)

// scanBody decodes the POST bodies clients usually send, without
// encoding/json's reflection: one object whose members are exactly
// "query", "operationName", "variables" and "extensions", each at most
// once, the two strings without \u escapes, and nothing after it. It
// reports false for anything else, which decodeBody then decodes (and
// refuses) in full, so that the two agree on every body (FuzzScanBody).
func scanBody(body []byte) (*graphql.RawParams, bool) {
	s := bodyScanner{b: body}
	if !s.byte('{') {
		return nil, false
	}
	p := &graphql.RawParams{}
	var seen [4]bool
	if !s.byte('}') {
		for {
			key, ok := s.plainString()
			if !ok || !s.byte(':') {
				return nil, false
			}
			i := memberIndex(key)
			if i < 0 || seen[i] {
				return nil, false
			}
			seen[i] = true
			if s.null() {
				// null is absent.
			} else if i < 2 {
				v, ok := s.str()
				if !ok {
					return nil, false
				}
				if i == 0 {
					p.Query = v
				} else {
					p.OperationName = v
				}
			} else {
				raw, ok := s.object()
				if !ok {
					return nil, false
				}
				into := &p.Variables
				if i == 3 {
					into = &p.Extensions
				}
				if decodeObject(raw, into) != nil {
					return nil, false
				}
			}
			if s.byte(',') {
				continue
			}
			if !s.byte('}') {
				return nil, false
			}
			break
		}
	}
	s.space()
	return p, s.i == len(s.b)
}

func memberIndex(key []byte) int {
	switch string(key) {
	case "query":
		return 0
	case "operationName":
		return 1
	case "variables":
		return 2
	case "extensions":
		return 3
	}
	return -1
}

type bodyScanner struct {
	b []byte
	i int
}

func (s *bodyScanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\r', '\n':
			s.i++
		default:
			return
		}
	}
}

// byte consumes c after any white space.
func (s *bodyScanner) byte(c byte) bool {
	s.space()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

func (s *bodyScanner) null() bool {
	s.space()
	if bytes.HasPrefix(s.b[s.i:], []byte("null")) {
		s.i += 4
		return true
	}
	return false
}

// plainString consumes a string without escapes, as member names are.
func (s *bodyScanner) plainString() ([]byte, bool) {
	if !s.byte('"') {
		return nil, false
	}
	start := s.i
	for s.i < len(s.b) {
		switch c := s.b[s.i]; {
		case c == '"':
			s.i++
			return s.b[start : s.i-1], true
		case c == '\\' || c < 0x20:
			return nil, false
		}
		s.i++
	}
	return nil, false
}

// str consumes a string, valid UTF-8, whose escapes are the one-letter
// ones (a \u escape is left to encoding/json).
func (s *bodyScanner) str() (string, bool) {
	if !s.byte('"') {
		return "", false
	}
	start := s.i
	var out strings.Builder // empty while the string has no escape: one allocation either way
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			seg := s.b[start:s.i]
			s.i++
			if !utf8.Valid(seg) {
				return "", false
			}
			if out.Cap() == 0 {
				return string(seg), true
			}
			out.Write(seg)
			return out.String(), true
		case c < 0x20:
			return "", false
		case c != '\\':
			s.i++
			continue
		}
		if s.i+1 >= len(s.b) {
			return "", false
		}
		var r byte
		switch s.b[s.i+1] {
		case '"', '\\', '/':
			r = s.b[s.i+1]
		case 'b':
			r = '\b'
		case 'f':
			r = '\f'
		case 'n':
			r = '\n'
		case 'r':
			r = '\r'
		case 't':
			r = '\t'
		default:
			return "", false
		}
		if !utf8.Valid(s.b[start:s.i]) {
			return "", false
		}
		if out.Cap() == 0 {
			out.Grow(len(s.b) - start)
		}
		out.Write(s.b[start:s.i])
		out.WriteByte(r)
		s.i += 2
		start = s.i
	}
	return "", false
}

// object consumes a JSON object's extent, strings and nesting balanced; its
// contents are checked by whoever decodes it.
func (s *bodyScanner) object() (json.RawMessage, bool) {
	s.space()
	if s.i >= len(s.b) || s.b[s.i] != '{' {
		return nil, false
	}
	start, depth := s.i, 0
	for ; s.i < len(s.b); s.i++ {
		switch s.b[s.i] {
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				s.i++
				return s.b[start:s.i], true
			}
		case '"':
			for s.i++; s.i < len(s.b) && s.b[s.i] != '"'; s.i++ {
				if s.b[s.i] == '\\' {
					s.i++
				}
			}
		}
	}
	return nil, false
}
