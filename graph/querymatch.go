package graph

import (
	"slices"
	"strings"
)

// The meaning of a normalised Where, in Go. The embedded store evaluates
// trees with it; the Neo4j store's generated Cypher mirrors it term by
// term; graph/graphtest compares both stores with it.

// RelMatcher evaluates a relationship condition of n; the store provides
// it, since only the store knows n's edges.
type RelMatcher func(r RelCond, n Node) bool

// Match reports whether n passes w (normalised), asking rel about each
// relationship condition.
func (w Where) Match(n Node, rel RelMatcher) bool {
	for _, c := range w.Conds {
		if !c.matchValue(nodeValue(n, c.Field)) {
			return false
		}
	}
	for _, r := range w.Rels {
		if !rel(r, n) {
			return false
		}
	}
	for _, x := range w.And {
		if !x.Match(n, rel) {
			return false
		}
	}
	if len(w.Or) > 0 && !slices.ContainsFunc(w.Or, func(x Where) bool { return x.Match(n, rel) }) {
		return false
	}
	return w.Not == nil || !w.Not.Match(n, rel)
}

// MatchEdge reports whether e's properties pass w (normalised, of an edge
// scope: no Rels).
func (w Where) MatchEdge(e Edge) bool {
	for _, c := range w.Conds {
		if !c.matchValue(e.Props[c.Field]) {
			return false
		}
	}
	for _, x := range w.And {
		if !x.MatchEdge(e) {
			return false
		}
	}
	if len(w.Or) > 0 && !slices.ContainsFunc(w.Or, func(x Where) bool { return x.MatchEdge(e) }) {
		return false
	}
	return w.Not == nil || !w.Not.MatchEdge(e)
}

// refValue is what a condition on ReferenceField compares: the node's
// reference and aliases.
type refValue struct {
	ref     any
	aliases []string
}

func nodeValue(n Node, field string) any {
	switch field {
	case IDField:
		return n.ID
	case NameField:
		return n.Name
	case KindField:
		return string(n.Kind)
	case ReferenceField:
		return refValue{ref: n.Props[ReferenceField], aliases: n.Props.Strings("aliases")}
	}
	return n.Props[field]
}

// matchValue applies c to one field's value (nil when missing). Every
// operator but IsNull is false on a missing value, Ne and NotIn included,
// as in SQL; Not(Eq) is how to keep missing values.
func (c Cond) matchValue(v any) bool {
	if r, ok := v.(refValue); ok {
		if c.Op == OpIn || c.Op == OpNotIn {
			return c.matchRef(r)
		}
		v = r.ref
	}
	if c.Op == OpIsNull {
		want, _ := c.Value.(bool)
		return isMissing(v) == want
	}
	if isMissing(v) {
		return false
	}
	switch x := v.(type) {
	case []string:
		if c.Op == OpNe || c.Op == OpNotIn {
			pos := c
			pos.Op = map[Op]Op{OpNe: OpEq, OpNotIn: OpIn}[c.Op]
			return !slices.ContainsFunc(x, func(s string) bool { return pos.matchValue(s) })
		}
		return slices.ContainsFunc(x, func(s string) bool { return c.matchValue(s) })
	case string:
		if c.Field != KindField && c.Field != IDField {
			x = Fold(x)
		}
		return c.apply(func(op Op, operand any) bool {
			s, _ := operand.(string)
			switch op {
			case OpEq:
				return x == s
			case OpContains:
				return strings.Contains(x, s)
			case OpStartsWith:
				return strings.HasPrefix(x, s)
			case OpEndsWith:
				return strings.HasSuffix(x, s)
			}
			return false
		})
	case Date:
		return c.apply(func(op Op, operand any) bool {
			b, _ := operand.(Date)
			return DateCompare(x, op, b)
		})
	case int64:
		return c.apply(func(op Op, operand any) bool {
			b, _ := operand.(int64)
			switch op {
			case OpEq:
				return x == b
			case OpLt:
				return x < b
			case OpLte:
				return x <= b
			case OpGt:
				return x > b
			case OpGte:
				return x >= b
			}
			return false
		})
	case bool:
		return c.apply(func(op Op, operand any) bool {
			b, _ := operand.(bool)
			return op == OpEq && x == b
		})
	}
	return false
}

// apply runs a positive test for c's operator: Ne is not Eq, In is Eq to
// some value, NotIn is Eq to none.
func (c Cond) apply(test func(op Op, operand any) bool) bool {
	switch c.Op {
	case OpNe:
		return !test(OpEq, c.Value)
	case OpIn:
		return slices.ContainsFunc(c.Values, func(v any) bool { return test(OpEq, v) })
	case OpNotIn:
		return !slices.ContainsFunc(c.Values, func(v any) bool { return test(OpEq, v) })
	}
	return test(c.Op, c.Value)
}

// matchRef is In or NotIn on ReferenceField: the canonical reference or an
// alias is (not) among the operands, compared exactly. NotIn needs a
// reference, as Ne needs a value.
func (c Cond) matchRef(r refValue) bool {
	in := func(s string) bool { return slices.Contains(c.Values, any(s)) }
	ref, hasRef := r.ref.(string)
	found := (hasRef && in(ref)) || slices.ContainsFunc(r.aliases, in)
	if c.Op == OpNotIn {
		return hasRef && !found
	}
	return found
}

func isMissing(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case []string:
		return len(x) == 0
	case Date:
		return x.IsZero()
	case string:
		return x == ""
	}
	return false
}

// DateCompare applies a comparison operator to the date a of a node and
// the operand b, each standing for its whole period (see the package doc,
// Dates): the comparison holds when some day of a's period meets it
// against b's period taken as a bound. Eq is overlap; Lt is "starts
// before b starts", Lte "starts no later than b ends", Gt "ends after b
// ends", Gte "ends no earlier than b starts".
func DateCompare(a Date, op Op, b Date) bool {
	switch op {
	case OpEq:
		return a.First().Compare(b.Last()) <= 0 && a.Last().Compare(b.First()) >= 0
	case OpLt:
		return a.First().Compare(b.First()) < 0
	case OpLte:
		return a.First().Compare(b.Last()) <= 0
	case OpGt:
		return a.Last().Compare(b.Last()) > 0
	case OpGte:
		return a.Last().Compare(b.First()) >= 0
	}
	return false
}
