package graph

import (
	"slices"
	"strconv"
	"strings"
)

// The rules of aggregates that both stores share: the values a match
// groups under, the order of groups, and the cut at MaxGroups.

// AggKey is the key of an AggField in Aggregate.Min and Max: the field,
// prefixed "edge." for an edge's.
func (f AggField) AggKey() string {
	if f.Edge {
		return "edge." + f.Field
	}
	return f.Field
}

// AggValue is the value of f for n (with its edge e in a relationship
// list): a Date or an int64, nil when missing.
func AggValue(n Node, e *Edge, f AggField) any {
	var v any
	if f.Edge {
		if e != nil {
			v = e.Props[f.Field]
		}
	} else {
		v = n.Props[f.Field]
	}
	if isMissing(v) {
		return nil
	}
	return v
}

// CompareAggValues orders two non-nil values of one AggField: dates in the
// order of Date, integers by value.
func CompareAggValues(a, b any) int {
	switch x := a.(type) {
	case Date:
		y, _ := b.(Date)
		return x.Compare(y)
	case int64:
		y, _ := b.(int64)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
	}
	return 0
}

// GroupValues returns the values n (with its edge e in a relationship
// list) is counted under for k: its value, truncated for a date (a date
// coarser than k.Trunc keeps its precision), or each item of a list, or
// nil when missing.
func GroupValues(n Node, e *Edge, k GroupKey) []any {
	var v any
	switch {
	case k.Edge:
		if e != nil {
			v = e.Props[k.Field]
		}
	case k.Field == KindField:
		v = string(n.Kind)
	case k.Field == IDField:
		v = n.ID
	case k.Field == NameField:
		v = n.Name
	default:
		v = n.Props[k.Field]
	}
	if isMissing(v) {
		return []any{nil}
	}
	switch x := v.(type) {
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case Date:
		return []any{TruncDate(x, k.Trunc)}
	}
	return []any{v}
}

// TruncDate cuts d to precision p (0: none); a date coarser than p keeps
// its own precision.
func TruncDate(d Date, p DatePrecision) Date {
	if p == 0 || d.Precision() >= p {
		return d
	}
	return d.WithPrecision(p)
}

// groupSortValue is the value a group key orders by: a string by NameKey,
// a date by its ISO form, as lists sort.
func groupSortValue(v any) any {
	switch x := v.(type) {
	case string:
		return NameKey(x)
	case Date:
		return x.String()
	}
	return v
}

// CompareGroups orders groups by their keys, each ascending with missing
// values last.
func CompareGroups(a, b Group) int {
	for i := range min(len(a.Keys), len(b.Keys)) {
		if c := compareSortValues(groupSortValue(a.Keys[i]), groupSortValue(b.Keys[i]), false); c != 0 {
			return c
		}
	}
	return 0
}

// SortGroups orders gs by CompareGroups and keeps the first MaxGroups,
// reporting whether it left any out.
func SortGroups(gs []Group) ([]Group, bool) {
	slices.SortFunc(gs, CompareGroups)
	if len(gs) > MaxGroups {
		return gs[:MaxGroups], true
	}
	return gs, false
}

// Aggregator accumulates the Aggregate of q (normalised) one match at a
// time: the embedded store's way, and the reference of the Neo4j one's.
type Aggregator struct {
	q      AggQuery
	agg    Aggregate
	groups map[string]*Group
}

// NewAggregator starts an empty aggregate of q.
func NewAggregator(q AggQuery) *Aggregator {
	return &Aggregator{q: q, agg: Aggregate{Min: map[string]any{}, Max: map[string]any{}}, groups: map[string]*Group{}}
}

// Add counts one match: n, with its edge e in a relationship list.
func (a *Aggregator) Add(n Node, e *Edge) {
	a.agg.Count++
	for _, f := range a.q.Min {
		if v := AggValue(n, e, f); v != nil {
			if cur, ok := a.agg.Min[f.AggKey()]; !ok || CompareAggValues(v, cur) < 0 {
				a.agg.Min[f.AggKey()] = v
			}
		}
	}
	for _, f := range a.q.Max {
		if v := AggValue(n, e, f); v != nil {
			if cur, ok := a.agg.Max[f.AggKey()]; !ok || CompareAggValues(v, cur) > 0 {
				a.agg.Max[f.AggKey()] = v
			}
		}
	}
	if len(a.q.GroupBy) == 0 {
		return
	}
	// Every combination of the keys' values: a list contributes each of
	// its items.
	combos := [][]any{nil}
	for _, k := range a.q.GroupBy {
		var next [][]any
		for _, c := range combos {
			for _, v := range GroupValues(n, e, k) {
				next = append(next, append(slices.Clone(c), v))
			}
		}
		combos = next
	}
	seen := map[string]bool{}
	for _, keys := range combos {
		id := groupID(keys)
		if seen[id] {
			continue // a list that holds an item twice counts the node once
		}
		seen[id] = true
		g := a.groups[id]
		if g == nil {
			g = &Group{Keys: keys}
			a.groups[id] = g
		}
		g.Count++
	}
}

// groupID identifies a combination of group keys.
func groupID(keys []any) string {
	var b strings.Builder
	for _, k := range keys {
		// A key position holds one type, so the value alone tells
		// groups apart; nil is marked apart from every value.
		switch x := k.(type) {
		case nil:
			b.WriteByte('n')
		case string:
			b.WriteString("s" + x)
		case Date:
			b.WriteString("d" + x.String())
		case int64:
			b.WriteString("i" + strconv.FormatInt(x, 10))
		case bool:
			b.WriteString("b" + strconv.FormatBool(x))
		}
		b.WriteByte(0)
	}
	return b.String()
}

// Result returns the aggregate.
func (a *Aggregator) Result() Aggregate {
	out := a.agg
	if len(a.q.GroupBy) > 0 {
		gs := make([]Group, 0, len(a.groups))
		for _, g := range a.groups {
			gs = append(gs, *g)
		}
		out.Groups, out.Truncated = SortGroups(gs)
	}
	return out
}
