package graph

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Properties are the edge's properties as the API shows them.
func (e Edge) Properties() EdgeProperties { return EdgeProperties{e.Props} }

// EdgeProperties are an edge's properties as a JSON object: dates as
// YYYY-MM-DD (or YYYY-MM, YYYY), the rest as they are. The GraphQL Map
// scalar binds to it for SubgraphEdge.properties, which it writes
// without copying the properties or going through encoding/json.
type EdgeProperties struct{ props Props }

// Map is a copy as a map, ready for encoding/json.
func (p EdgeProperties) Map() map[string]any {
	out := make(map[string]any, len(p.props))
	for k, v := range p.props {
		if d, ok := v.(Date); ok {
			out[k] = d.String()
			continue
		}
		out[k] = v
	}
	return out
}

// MarshalGQL writes the JSON object, keys in order, as encoding/json
// writes the Map (the same escapes, HTML's included).
func (p EdgeProperties) MarshalGQL(w io.Writer) {
	var stack [8]string
	keys := stack[:0]
	for k := range p.props {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	_, _ = io.WriteString(w, "{")
	for i, k := range keys {
		if i > 0 {
			_, _ = io.WriteString(w, ",")
		}
		writeJSONString(w, k)
		_, _ = io.WriteString(w, ":")
		switch v := p.props[k].(type) {
		case string:
			writeJSONString(w, v)
		case Date:
			writeJSONString(w, v.String())
		case int64:
			_, _ = io.WriteString(w, strconv.FormatInt(v, 10))
		case bool:
			_, _ = io.WriteString(w, strconv.FormatBool(v))
		case []string:
			_, _ = io.WriteString(w, "[")
			for j, s := range v {
				if j > 0 {
					_, _ = io.WriteString(w, ",")
				}
				writeJSONString(w, s)
			}
			_, _ = io.WriteString(w, "]")
		default: // not a property type (Props); as encoding/json writes it
			b, err := json.Marshal(v)
			if err != nil {
				b = []byte("null")
			}
			_, _ = w.Write(b)
		}
	}
	_, _ = io.WriteString(w, "}")
}

// SizeHint is about what MarshalGQL writes, in bytes, without writing it:
// the executor's count of an answer's size (graph/internal/execgen).
func (p EdgeProperties) SizeHint() int64 {
	n := int64(2)
	for k, v := range p.props {
		n += int64(len(k)) + 4
		switch v := v.(type) {
		case string:
			n += int64(len(v)) + 2
		case []string:
			for _, s := range v {
				n += int64(len(s)) + 3
			}
			n += 2
		default:
			n += 12
		}
	}
	return n
}

// UnmarshalGQL reads a JSON object as properties, unchecked: the Map
// scalar is never an input of the API, and a store checks what it is given.
func (p *EdgeProperties) UnmarshalGQL(v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("properties: a JSON object is expected, not %T", v)
	}
	p.props = Props(m)
	return nil
}

// writeJSONString writes s as a JSON string, escaped as encoding/json
// escapes it: quotes, backslashes, control characters, <, >, &, U+2028,
// U+2029, and invalid UTF-8 as U+FFFD. Runs that need no escape are
// written whole.
func writeJSONString(w io.Writer, s string) {
	const hex = "0123456789abcdef"
	_, _ = io.WriteString(w, `"`)
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			_, _ = io.WriteString(w, s[start:i])
			switch c {
			case '"', '\\':
				_, _ = io.WriteString(w, `\`+string(c))
			case '\n':
				_, _ = io.WriteString(w, `\n`)
			case '\r':
				_, _ = io.WriteString(w, `\r`)
			case '\t':
				_, _ = io.WriteString(w, `\t`)
			case '\b':
				_, _ = io.WriteString(w, `\b`)
			case '\f':
				_, _ = io.WriteString(w, `\f`)
			default:
				_, _ = io.WriteString(w, `\u00`+hex[c>>4:c>>4+1]+hex[c&0xF:c&0xF+1])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			_, _ = io.WriteString(w, s[start:i])
			_, _ = io.WriteString(w, `\ufffd`)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			_, _ = io.WriteString(w, s[start:i])
			_, _ = io.WriteString(w, `\u202`+hex[r&0xF:r&0xF+1])
			i += size
			start = i
			continue
		}
		i += size
	}
	_, _ = io.WriteString(w, s[start:])
	_, _ = io.WriteString(w, `"`)
}
