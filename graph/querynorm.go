package graph

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Validation of queries. Normalize checks a query against the domain (every
// field and kind on the allow-lists, every operator allowed for its field's
// type, every limit), types its operands and fills in its defaults, so that
// a store receives only a tree it can evaluate as it is: string operands
// folded (Fold), dates and integers typed, references canonical, kinds and
// edge directions filled in. Normalize is idempotent; stores call it first.

// referenceReader is what RegisterReferences installs.
var (
	refMu           sync.RWMutex
	referenceReader func(string) ([]string, error)
)

// RegisterReferences installs the reader that conditions on
// ReferenceField use: it returns the canonical references a spelling may
// stand for ("COM(2010)0673" gives "COM(2010) 673"), likeliest first, or
// an error when it reads none. graph/ref registers its own in its init,
// as a database/sql driver registers itself; graph cannot import graph/ref,
// which imports graph. Both stores import graph/ref, so any program with a
// Store has it. Normalizing a reference condition without a reader is an
// error, never a silent exact match.
func RegisterReferences(read func(string) ([]string, error)) {
	refMu.Lock()
	defer refMu.Unlock()
	referenceReader = read
}

func readReference(s string) ([]string, error) {
	refMu.RLock()
	read := referenceReader
	refMu.RUnlock()
	if read == nil {
		return nil, fmt.Errorf("graph: no reference reader registered (import graph/ref)")
	}
	return read(s)
}

// Normalize checks q and fills in its defaults.
func (q Query) Normalize() (Query, error) {
	var err error
	if q.Kinds, err = kinds(q.Kinds); err != nil {
		return q, err
	}
	sc := nodeScope(q.Kinds)
	if q.Where, err = normWhere("where", q.Where, sc, &whereState{}, 0, 0); err != nil {
		return q, err
	}
	if q.Sort, err = normSort(q.Sort, sc, nil); err != nil {
		return q, err
	}
	var keys []string // the order's properties, which CursorOf reads
	for _, o := range q.Sort {
		if IsPropName(o.Field) {
			keys = append(keys, o.Field)
		}
	}
	if q.Fields, err = q.Fields.With(keys...).normalize("fields"); err != nil {
		return q, err
	}
	q.Paging, err = q.Paging.normalize(sortSignature(q.Sort, false), q.Sort)
	return q, err
}

// Normalize checks q and fills in its defaults.
func (q RelQuery) Normalize() (RelQuery, error) {
	var err error
	if err = checkIDs(q.IDs); err != nil {
		return q, err
	}
	if q.Hop, err = q.Hop.normalize("hop"); err != nil {
		return q, err
	}
	if q.Edge, err = normWhere("edge", q.Edge, edgeScope(q.Type), &whereState{}, 0, 1); err != nil {
		return q, err
	}
	sc := nodeScope(q.Kinds)
	if q.Where, err = normWhere("where", q.Where, sc, &whereState{}, 0, 1); err != nil {
		return q, err
	}
	et := q.Type
	if q.Sort, err = normSort(q.Sort, sc, &et); err != nil {
		return q, err
	}
	q.Paging, err = q.Paging.normalize(sortSignature(q.Sort, true), q.Sort)
	return q, err
}

// Normalize checks q and fills in its defaults.
func (q AggQuery) Normalize() (AggQuery, error) {
	var err error
	var et *EdgeType
	listed := q.Kinds // the kinds listed: the node list's, or the relationship's other end
	if q.Rel == nil {
		if len(q.IDs) > 0 || !q.Edge.IsZero() {
			return q, invalid("rel", "ids and an edge filter need a relationship")
		}
		if q.Kinds, err = kinds(q.Kinds); err != nil {
			return q, err
		}
		listed = q.Kinds
	} else {
		if len(q.Kinds) > 0 {
			return q, invalid("kinds", "a relationship list takes its kinds from the relationship")
		}
		if err = checkIDs(q.IDs); err != nil {
			return q, err
		}
		h, err := q.Rel.normalize("rel")
		if err != nil {
			return q, err
		}
		q.Rel, listed, et = &h, h.Kinds, &h.Type
		if q.Edge, err = normWhere("edge", q.Edge, edgeScope(h.Type), &whereState{}, 0, 1); err != nil {
			return q, err
		}
	}
	sc := nodeScope(listed)
	depth := 0
	if q.Rel != nil {
		depth = 1
	}
	if q.Where, err = normWhere("where", q.Where, sc, &whereState{}, 0, depth); err != nil {
		return q, err
	}
	if len(q.Min)+len(q.Max) > MaxAggFields {
		return q, invalid("min", "at most %d fields in min and max", MaxAggFields)
	}
	for _, list := range []struct {
		name   string
		fields []AggField
	}{{"min", q.Min}, {"max", q.Max}} {
		for i, f := range list.fields {
			field := fmt.Sprintf("%s[%d]", list.name, i)
			t, err := fieldType(field, f.Field, f.Edge, sc, et)
			if err != nil {
				return q, err
			}
			if t != DateP && t != Int {
				return q, invalid(field, "%q is a %s; min and max take dates and integers", f.Field, t)
			}
		}
	}
	if len(q.GroupBy) > MaxGroupKeys {
		return q, invalid("groupBy", "at most %d keys", MaxGroupKeys)
	}
	q.GroupBy = slices.Clone(q.GroupBy)
	for i := range q.GroupBy {
		k := &q.GroupBy[i]
		field := fmt.Sprintf("groupBy[%d]", i)
		t, err := fieldType(field, k.Field, k.Edge, sc, et)
		if err != nil {
			return q, err
		}
		switch {
		case k.Trunc == 0 || k.Trunc == DayPrecision:
			k.Trunc = 0
		case t != DateP:
			return q, invalid(field, "%q is a %s; only a date is truncated", k.Field, t)
		case k.Trunc != YearPrecision && k.Trunc != MonthPrecision:
			return q, invalid(field, "truncate a date to a year or a month")
		}
		k.typ = t
	}
	return q, nil
}

// Cost is w's size weighted by nesting, for a resolver's complexity
// budget: each condition counts 1, and each condition inside a
// relationship condition counts RelCostFactor times as much as it would
// outside, since it is evaluated once per relationship rather than once
// per node. A relationship condition counts as a condition at its own
// level.
func (w Where) Cost() int { return whereCost(w, 1) }

// RelCostFactor is how much more a condition costs one relationship level
// down (Where.Cost).
const RelCostFactor = 10

func whereCost(w Where, unit int) int {
	c := unit * len(w.Conds)
	for _, r := range w.Rels {
		c += unit + whereCost(r.Edge, unit*RelCostFactor) + whereCost(r.Where, unit*RelCostFactor)
	}
	for _, x := range w.And {
		c += whereCost(x, unit)
	}
	for _, x := range w.Or {
		c += whereCost(x, unit)
	}
	if w.Not != nil {
		c += whereCost(*w.Not, unit)
	}
	return c
}

// scope is what a Where's fields belong to: nodes of some kinds, or edges
// of one type.
type scope struct {
	kinds []Kind    // node scope: nil is every kind
	edge  *EdgeType // edge scope
}

func nodeScope(ks []Kind) scope  { return scope{kinds: ks} }
func edgeScope(t EdgeType) scope { return scope{edge: &t} }

// specs returns the property specs of the scope.
func (s scope) specs() [][]PropSpec {
	if s.edge != nil {
		spec, _ := LookupEdgeType(*s.edge)
		return [][]PropSpec{spec.Props}
	}
	var out [][]PropSpec
	for _, k := range Kinds {
		if len(s.kinds) == 0 || slices.Contains(s.kinds, k.Kind) {
			out = append(out, k.Props)
		}
	}
	return out
}

// propType returns the type of the property name in the scope: one of its
// kinds (or its edge type) must have it, and all that have it must agree.
func (s scope) propType(field, name string) (PropType, error) {
	var t PropType
	for _, specs := range s.specs() {
		if p, ok := findSpec(specs, name); ok {
			if t != 0 && p.Type != t {
				return 0, invalid(field, "%q has different types in the kinds listed", name)
			}
			t = p.Type
		}
	}
	if t == 0 {
		what := "the kinds listed"
		if s.edge != nil {
			what = "a " + string(*s.edge) + " edge"
		}
		return 0, invalid(field, "%q is not a field of %s", name, what)
	}
	return t, nil
}

// fieldType types a field of the node scope, or with edge, of the edge
// type et (nil when the list has no edges).
func fieldType(field, name string, edge bool, sc scope, et *EdgeType) (PropType, error) {
	if edge {
		if et == nil {
			return 0, invalid(field, "only a relationship list has edge fields")
		}
		return edgeScope(*et).propType(field, name)
	}
	switch name {
	case IDField, NameField, KindField:
		return String, nil
	}
	return sc.propType(field, name)
}

func (h Hop) normalize(field string) (Hop, error) {
	spec, ok := LookupEdgeType(h.Type)
	if !ok {
		return h, invalid(field+".type", "unknown edge type %q", h.Type)
	}
	var err error
	if h.Dir, err = direction(h.Dir); err != nil {
		return h, err
	}
	var allowed []Kind
	if h.Dir != In {
		allowed = append(allowed, spec.To...)
	}
	if h.Dir != Out {
		allowed = append(allowed, spec.From...)
	}
	allowed = dedupe(allowed)
	if len(h.Kinds) == 0 {
		h.Kinds = allowed
		return h, nil
	}
	if h.Kinds, err = kinds(h.Kinds); err != nil {
		return h, err
	}
	// A kind the type never has at that end is left out, so that a
	// relationship field of several edge types can give every type the
	// kinds of all (graph.FieldSpec.Ends); none at all is a mistake.
	possible := slices.DeleteFunc(slices.Clone(h.Kinds), func(k Kind) bool { return !slices.Contains(allowed, k) })
	if len(possible) == 0 {
		return h, invalid(field+".kinds", "a %s edge has no %v at its other end %s (allowed: %v)", h.Type, h.Kinds, h.Dir, allowed)
	}
	h.Kinds = possible
	return h, nil
}

// whereState counts a tree's conditions as it is normalised.
type whereState struct{ size int }

func normWhere(field string, w Where, sc scope, st *whereState, nest, relDepth int) (Where, error) {
	if nest > MaxWhereNest {
		return w, invalid(field, "nested deeper than %d levels", MaxWhereNest)
	}
	out := Where{}
	for _, c := range w.Conds {
		st.size++
		nc, err := normCond(field+"."+c.Field, c, sc)
		if err != nil {
			return w, err
		}
		out.Conds = append(out.Conds, nc)
	}
	if len(w.Rels) > 0 && sc.edge != nil {
		return w, invalid(field, "an edge has no relationships to filter on")
	}
	for i, r := range w.Rels {
		st.size++
		f := fmt.Sprintf("%s.rels[%d]", field, i)
		if relDepth >= MaxRelDepth {
			return w, invalid(f, "relationship filters nest at most %d levels", MaxRelDepth)
		}
		var err error
		if r.Hop, err = r.Hop.normalize(f); err != nil {
			return w, err
		}
		if r.Quant != Some && r.Quant != None && r.Quant != All {
			return w, invalid(f, "unknown quantifier %d", r.Quant)
		}
		if r.Edge, err = normWhere(f+".edge", r.Edge, edgeScope(r.Type), st, nest+1, relDepth+1); err != nil {
			return w, err
		}
		if r.Where, err = normWhere(f+".where", r.Where, nodeScope(r.Kinds), st, nest+1, relDepth+1); err != nil {
			return w, err
		}
		out.Rels = append(out.Rels, r)
	}
	for _, list := range []struct {
		name string
		in   []Where
		out  *[]Where
	}{{"and", w.And, &out.And}, {"or", w.Or, &out.Or}} {
		for i, x := range list.in {
			nx, err := normWhere(fmt.Sprintf("%s.%s[%d]", field, list.name, i), x, sc, st, nest+1, relDepth)
			if err != nil {
				return w, err
			}
			*list.out = append(*list.out, nx)
		}
	}
	if w.Not != nil {
		nx, err := normWhere(field+".not", *w.Not, sc, st, nest+1, relDepth)
		if err != nil {
			return w, err
		}
		out.Not = &nx
	}
	if st.size > MaxWhereSize {
		return w, invalid(field, "more than %d conditions", MaxWhereSize)
	}
	return out, nil
}

// opsFor lists the operators a field of type t takes; name is the field
// (the node's own fields take fewer).
func opsFor(name string, t PropType, edge bool) []Op {
	if !edge {
		switch name {
		case KindField:
			return []Op{OpEq, OpNe, OpIn, OpNotIn}
		case IDField, NameField:
			return []Op{OpEq, OpNe, OpIn, OpNotIn, OpContains, OpStartsWith, OpEndsWith}
		}
	}
	switch t {
	case String, Strings:
		return []Op{OpEq, OpNe, OpIn, OpNotIn, OpContains, OpStartsWith, OpEndsWith, OpIsNull}
	case DateP, Int:
		return []Op{OpEq, OpNe, OpIn, OpNotIn, OpLt, OpLte, OpGt, OpGte, OpIsNull}
	case Bool:
		return []Op{OpEq, OpNe, OpIsNull}
	}
	return nil
}

// OpsFor lists the operators a field of type t takes, for the API's
// generated inputs; the node's own fields take fewer (KindField: Eq, Ne,
// In, NotIn; IDField and NameField: no IsNull).
func OpsFor(t PropType) []Op { return opsFor("", t, true) }

func normCond(field string, c Cond, sc scope) (Cond, error) {
	edge := sc.edge != nil
	var t PropType
	var err error
	if edge {
		t, err = sc.propType(field, c.Field)
	} else {
		t, err = fieldType(field, c.Field, false, sc, nil)
	}
	if err != nil {
		return c, err
	}
	if !slices.Contains(opsFor(c.Field, t, edge), c.Op) {
		return c, invalid(field, "%q is not an operator of %q (allowed: %v)", c.Op, c.Field, opsFor(c.Field, t, edge))
	}
	out := Cond{Field: c.Field, Op: c.Op, typ: t}
	field += "." + string(c.Op)
	if c.Op == OpIsNull {
		b, ok := c.Value.(bool)
		if !ok {
			return c, invalid(field, "want true or false, got %T", c.Value)
		}
		out.Value = b
		return out, nil
	}
	isRef := !edge && c.Field == ReferenceField && (c.Op == OpEq || c.Op == OpNe || c.Op == OpIn || c.Op == OpNotIn)
	if c.Op == OpIn || c.Op == OpNotIn || isRef {
		if c.Values != nil && c.Value != nil {
			return c, invalid(field, "give one value or a list, not both")
		}
		vals := c.Values
		if c.Op == OpEq || c.Op == OpNe {
			if c.Value == nil {
				return c, invalid(field, "a value is required")
			}
			vals = []any{c.Value}
		} else if c.Value != nil {
			return c, invalid(field, "want a list of values")
		}
		if len(vals) > MaxInValues {
			return c, invalid(field, "at most %d values", MaxInValues)
		}
		out.Values = make([]any, 0, len(vals))
		for i, v := range vals {
			f := fmt.Sprintf("%s[%d]", field, i)
			if isRef {
				refs, err := operandRefs(f, v)
				if err != nil {
					return c, err
				}
				for _, r := range refs {
					if !slices.Contains(out.Values, any(r)) {
						out.Values = append(out.Values, r)
					}
				}
				continue
			}
			tv, err := operand(f, c.Field, t, edge, v)
			if err != nil {
				return c, err
			}
			out.Values = append(out.Values, tv)
		}
		if isRef {
			// A reference is matched by its canonical forms: Eq is In
			// them, Ne is NotIn.
			switch c.Op {
			case OpEq:
				out.Op = OpIn
			case OpNe:
				out.Op = OpNotIn
			}
		}
		return out, nil
	}
	if c.Values != nil {
		return c, invalid(field, "want one value, not a list")
	}
	if c.Value == nil {
		return c, invalid(field, "a value is required")
	}
	if out.Value, err = operand(field, c.Field, t, edge, c.Value); err != nil {
		return c, err
	}
	return out, nil
}

// operand types one operand for a field of type t.
func operand(field, name string, t PropType, edge bool, v any) (any, error) {
	if !edge && name == KindField {
		var s string
		switch k := v.(type) {
		case Kind:
			s = string(k)
		case string:
			s = k
		default:
			return nil, invalid(field, "want a kind, got %T", v)
		}
		if !Kind(s).Valid() {
			return nil, invalid(field, "unknown kind %q (allowed: %s)", s, kindNames())
		}
		return s, nil
	}
	switch t {
	case String, Strings:
		s, ok := v.(string)
		if !ok {
			return nil, invalid(field, "want a string, got %T", v)
		}
		if len(s) > MaxPropLen {
			return nil, invalid(field, "longer than %d bytes", MaxPropLen)
		}
		if !utf8.ValidString(s) {
			return nil, invalid(field, notUTF8)
		}
		return Fold(s), nil
	case DateP:
		d, err := CoerceProp(field, v, PropSpec{Type: DateP})
		if err != nil {
			return nil, err
		}
		if err := d.(Date).Validate(); err != nil {
			return nil, invalid(field, "%v", err)
		}
		return d, nil
	case Int:
		return CoerceProp(field, v, PropSpec{Type: Int})
	case Bool:
		return CoerceProp(field, v, PropSpec{Type: Bool})
	}
	return nil, invalid(field, "field has no type")
}

// operandRefs reads a reference operand into its canonical forms.
func operandRefs(field string, v any) ([]string, error) {
	s, ok := v.(string)
	if !ok {
		return nil, invalid(field, "want a reference, got %T", v)
	}
	if len(s) > MaxPropLen || !utf8.ValidString(s) {
		return nil, invalid(field, "not a reference")
	}
	refs, err := readReference(s)
	if err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) {
			return nil, invalid(field, "%q is not a reference this service reads: %s", s, ve.Reason)
		}
		return nil, invalid(field, "%q is not a reference this service reads: %v", s, err)
	}
	return refs, nil
}

// normSort checks the sort keys; et is the edge type of a relationship
// list, nil for a node list.
func normSort(os []Order, sc scope, et *EdgeType) ([]Order, error) {
	if len(os) > MaxSortKeys {
		return nil, invalid("sort", "at most %d keys", MaxSortKeys)
	}
	var out []Order
	for i, o := range os {
		field := fmt.Sprintf("sort[%d]", i)
		t, err := fieldType(field, o.Field, o.Edge, sc, et)
		if err != nil {
			return nil, err
		}
		if t == Strings {
			return nil, invalid(field, "%q is a list; lists do not sort", o.Field)
		}
		o.typ = t
		out = append(out, o)
	}
	return out, nil
}

// sortSignature names an order in cursors, so that a cursor of another
// order is refused.
func sortSignature(os []Order, rel bool) string {
	var b strings.Builder
	if rel {
		b.WriteString("rel")
	} else {
		b.WriteString("node")
	}
	for _, o := range os {
		b.WriteByte('|')
		if o.Edge {
			b.WriteString("edge.")
		}
		b.WriteString(o.Field)
		if o.Desc {
			b.WriteString(":d")
		}
	}
	return b.String()
}

func (p Paging) normalize(sig string, os []Order) (Paging, error) {
	switch {
	case p.First < 0:
		return p, invalid("first", "must not be negative")
	case p.Last < 0:
		return p, invalid("last", "must not be negative")
	case p.First > 0 && p.Last > 0:
		return p, invalid("last", "give first or last, not both")
	case p.First > MaxPageSize:
		return p, invalid("first", "at most %d", MaxPageSize)
	case p.Last > MaxPageSize:
		return p, invalid("last", "at most %d", MaxPageSize)
	case p.First == 0 && p.Last == 0:
		p.First = DefaultPageSize
	}
	var err error
	p.after, p.before = nil, nil
	if p.After != "" {
		if p.after, err = decodePosition("after", p.After, sig, os); err != nil {
			return p, err
		}
	}
	if p.Before != "" {
		if p.before, err = decodePosition("before", p.Before, sig, os); err != nil {
			return p, err
		}
	}
	return p, nil
}

func checkIDs(ids []string) error {
	if len(ids) == 0 {
		return invalid("ids", "required")
	}
	if len(ids) > MaxBatchIDs {
		return invalid("ids", "more than %d", MaxBatchIDs)
	}
	return nil
}
