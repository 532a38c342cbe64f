package graph

import (
	"bytes"
	"cmp"
	"encoding/base64"
	"encoding/json"
	"strings"
)

// Position is where an item stands in an ordered list: the values of its
// sort keys (SortValue), its node's id and, in a relationship list, its
// edge's From (two edges of one type may join the same two nodes, one each
// way). A cursor is a Position in opaque form.
type Position struct {
	Keys []any
	ID   string
	From string
}

// SortValue is the value n (and in a relationship list, e) is ordered by
// under o: a string, an int64, a bool, or nil when the field is missing.
// Strings are NameKey'd, so case and accents do not count; a date is its
// ISO form, whose byte order is the order of Date. Both stores order by
// exactly these values (the Neo4j store computes them in Cypher).
func SortValue(n Node, e *Edge, o Order) any {
	if o.Edge {
		if e == nil {
			return nil
		}
		return sortValueOf(e.Props[o.Field])
	}
	switch o.Field {
	case IDField:
		return n.ID
	case NameField:
		return NameKey(n.Name)
	case KindField:
		return string(n.Kind)
	}
	return sortValueOf(n.Props[o.Field])
}

func sortValueOf(v any) any {
	switch x := v.(type) {
	case string:
		return NameKey(x)
	case Date:
		if x.IsZero() {
			return nil
		}
		return x.String()
	case int64, bool:
		return x
	}
	return nil
}

// PositionOf returns the position of n (with its edge e in a relationship
// list, nil otherwise) in a list ordered by os.
func PositionOf(n Node, e *Edge, os []Order) Position {
	p := Position{Keys: make([]any, len(os)), ID: n.ID}
	for i, o := range os {
		p.Keys[i] = SortValue(n, e, o)
	}
	if e != nil {
		p.From = e.From
	}
	return p
}

// ComparePositions orders two positions of a list ordered by os: key by key,
// each ascending or descending with missing values last either way, then by
// id and From, ascending.
func ComparePositions(a, b Position, os []Order) int {
	for i, o := range os {
		if c := compareSortValues(a.Keys[i], b.Keys[i], o.Desc); c != 0 {
			return c
		}
	}
	if c := strings.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	return strings.Compare(a.From, b.From)
}

func compareSortValues(a, b any, desc bool) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	c := 0
	switch x := a.(type) {
	case string:
		y, _ := b.(string)
		c = strings.Compare(x, y)
	case int64:
		y, _ := b.(int64)
		c = cmp.Compare(x, y)
	case bool:
		y, _ := b.(bool)
		switch {
		case x == y:
		case !x:
			c = -1
		default:
			c = 1
		}
	}
	if desc {
		return -c
	}
	return c
}

// CursorOf returns the cursor of n in q's list.
func (q Query) CursorOf(n Node) string {
	return PositionOf(n, nil, q.Sort).encode(sortSignature(q.Sort, false))
}

// CursorOf returns the cursor of r in q's list.
func (q RelQuery) CursorOf(r Related) string {
	return PositionOf(r.Node, &r.Edge, q.Sort).encode(sortSignature(q.Sort, true))
}

// cursorJSON is a cursor's content.
type cursorJSON struct {
	Sig  string `json:"o"`
	Keys []any  `json:"k"`
	ID   string `json:"i"`
	From string `json:"f,omitempty"`
}

func (p Position) encode(sig string) string {
	b, _ := json.Marshal(cursorJSON{Sig: sig, Keys: p.Keys, ID: p.ID, From: p.From}) // strings, int64s, bools and nils always marshal
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodePosition reads a cursor of the list whose order has signature sig
// and keys os.
func decodePosition(field, s, sig string, os []Order) (*Position, error) {
	bad := invalid(field, "not a cursor this service issued")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, bad
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var c cursorJSON
	if dec.Decode(&c) != nil || c.ID == "" {
		return nil, bad
	}
	if c.Sig != sig {
		return nil, invalid(field, "cursor belongs to a list in another order")
	}
	if len(c.Keys) != len(os) {
		return nil, bad
	}
	p := &Position{Keys: make([]any, len(os)), ID: c.ID, From: c.From}
	for i, o := range os {
		switch v := c.Keys[i].(type) {
		case nil:
		case string:
			if o.typ == Int || o.typ == Bool {
				return nil, bad
			}
			p.Keys[i] = v
		case json.Number:
			n, err := v.Int64()
			if err != nil || o.typ != Int {
				return nil, bad
			}
			p.Keys[i] = n
		case bool:
			if o.typ != Bool {
				return nil, bad
			}
			p.Keys[i] = v
		default:
			return nil, bad
		}
	}
	return p, nil
}

// Window is the part of an ordered list of total items that a page takes:
// items [Start, End). Both stores compute it from the same three counts,
// so that pages and their flags agree: lo, the items at or before the
// After cursor (0 without one), and hi, the items before the Before cursor
// (total without one). The page is the first First items of [lo, hi), or
// the last Last ones; HasPrevPage is Start > 0 and HasNextPage End < total:
// whether any matching item lies before or after the page, in the whole
// list, whichever way the page was asked for.
type Window struct{ Start, End int }

// Window computes the page of p (normalised) in a list of total items.
func (p Paging) Window(total, lo, hi int) Window {
	hi = max(hi, lo)
	if p.Last > 0 {
		return Window{Start: max(lo, hi-p.Last), End: hi}
	}
	return Window{Start: lo, End: min(hi, lo+p.First)}
}

// Limit is the number of items a store fetches from the window's edge: the
// page size.
func (p Paging) Limit() int { return max(p.First, p.Last) }
