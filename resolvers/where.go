package resolvers

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// The query language's inputs arrive as maps (their generated schema binds
// them so): one translation, driven by the kinds' specs, turns any of them
// into the graph's query types. graph's Normalize then checks and types
// what this builds, and its errors name the input's path.

// target is what a list holds: one kind, the actors, or every node. It
// says which relationship fields a where may follow, and which kinds a
// where may narrow to by name (Neo4j's interface filters).
type target struct {
	kinds  []graph.Kind
	fields []graph.FieldSpec
	sub    bool
}

// targetNamed returns the target of a GraphQL type: a kind's (Document),
// Actor or Node.
func targetNamed(name string) target {
	switch name {
	case "Actor":
		return target{kinds: graph.ActorKinds(), fields: graph.ActorFields(), sub: true}
	case "Node":
		var ks []graph.Kind
		for _, s := range graph.Kinds {
			ks = append(ks, s.Kind)
		}
		return target{kinds: ks, sub: true}
	}
	spec, _ := graph.LookupKind(graph.Kind(name))
	return target{kinds: []graph.Kind{spec.Kind}, fields: spec.Fields}
}

// targetOfField is the target a relationship field reaches, as its schema
// types it (specgen's endType): one kind, the actors, or any node of the
// kinds it reaches.
func targetOfField(f graph.FieldSpec) target {
	ends := f.Ends()
	if len(ends) == 1 {
		return targetNamed(string(ends[0]))
	}
	actors := graph.ActorKinds()
	if !slices.ContainsFunc(ends, func(k graph.Kind) bool { return !slices.Contains(actors, k) }) {
		return targetNamed("Actor")
	}
	t := targetNamed("Node")
	t.kinds = ends
	return t
}

func (t target) field(name string) (graph.FieldSpec, bool) {
	i := slices.IndexFunc(t.fields, func(f graph.FieldSpec) bool { return f.Name == name })
	if i < 0 {
		return graph.FieldSpec{}, false
	}
	return t.fields[i], true
}

// whereOf translates a where input on t. path names the input in errors.
func whereOf(t target, m map[string]any, path string) (graph.Where, error) {
	var w graph.Where
	for _, key := range sortedKeys(m) {
		v := plain(m[key])
		if v == nil {
			continue // an explicit null sets nothing
		}
		at := path + "." + key
		switch {
		case key == "AND" || key == "OR":
			for i, x := range list(v) {
				sub, err := whereOf(t, asMap(x), fmt.Sprintf("%s[%d]", at, i))
				if err != nil {
					return w, err
				}
				if key == "AND" {
					w.And = append(w.And, sub)
				} else {
					w.Or = append(w.Or, sub)
				}
			}
		case key == "NOT":
			sub, err := whereOf(t, asMap(v), at)
			if err != nil {
				return w, err
			}
			w.Not = &sub
		case t.sub && isKindName(key):
			k := graph.Kind(key)
			sub, err := whereOf(targetNamed(key), asMap(v), at)
			if err != nil {
				return w, err
			}
			sub.Conds = append([]graph.Cond{{Field: graph.KindField, Op: graph.OpEq, Value: string(k)}}, sub.Conds...)
			w.And = append(w.And, sub)
		default:
			if f, ok := t.field(key); ok {
				rel, err := relWhere(f, asMap(v), at, false)
				if err != nil {
					return w, err
				}
				w.And = append(w.And, rel)
				continue
			}
			if f, ok := t.field(strings.TrimSuffix(key, "Connection")); ok && strings.HasSuffix(key, "Connection") {
				rel, err := relWhere(f, asMap(v), at, true)
				if err != nil {
					return w, err
				}
				w.And = append(w.And, rel)
				continue
			}
			w.Conds = append(w.Conds, conds(key, asMap(v))...)
		}
	}
	return w, nil
}

// conds are the conditions of one field's operator input.
func conds(field string, ops map[string]any) []graph.Cond {
	var out []graph.Cond
	for _, op := range sortedKeys(ops) {
		v := plain(ops[op])
		if v == nil {
			continue
		}
		c := graph.Cond{Field: field, Op: graph.Op(op)}
		if field == graph.KindField {
			v = kindValues(v)
		}
		if c.Op == graph.OpIn || c.Op == graph.OpNotIn {
			c.Values = list(v)
		} else {
			c.Value = v
		}
		out = append(out, c)
	}
	return out
}

// relWhere translates a relationship filter on f: {some, none, all} of a
// where on the other end, or with conn, of {node, edge}. A field that
// follows several edge types holds for some when one type's does, and for
// none and all when every type's does.
func relWhere(f graph.FieldSpec, m map[string]any, path string, conn bool) (graph.Where, error) {
	var w graph.Where
	end := targetOfField(f)
	for _, q := range sortedKeys(m) {
		v := plain(m[q])
		if v == nil {
			continue
		}
		at := path + "." + q
		var quant graph.Quant
		switch q {
		case "some":
			quant = graph.Some
		case "none":
			quant = graph.None
		case "all":
			quant = graph.All
		default:
			return w, badInput(at, "not a relationship filter")
		}
		var node, edge graph.Where
		var err error
		if conn {
			mm := asMap(v)
			if n := plain(mm["node"]); n != nil {
				if node, err = whereOf(end, asMap(n), at+".node"); err != nil {
					return w, err
				}
			}
			if e := plain(mm["edge"]); e != nil {
				if edge, err = edgeWhereOf(asMap(e), at+".edge"); err != nil {
					return w, err
				}
			}
		} else if node, err = whereOf(end, asMap(v), at); err != nil {
			return w, err
		}
		var rels []graph.Where
		for _, t := range f.Types {
			rels = append(rels, graph.Where{Rels: []graph.RelCond{{
				Hop:   graph.Hop{Type: t, Dir: f.Dir, Kinds: f.Ends()},
				Quant: quant, Edge: edge, Where: node,
			}}})
		}
		switch {
		case len(rels) == 1:
			w.And = append(w.And, rels[0])
		case quant == graph.Some:
			w.And = append(w.And, graph.Where{Or: rels})
		default:
			w.And = append(w.And, rels...)
		}
	}
	return w, nil
}

// edgeWhereOf translates an EdgeWhere: conditions on a relationship's own
// properties.
func edgeWhereOf(m map[string]any, path string) (graph.Where, error) {
	var w graph.Where
	for _, key := range sortedKeys(m) {
		v := plain(m[key])
		if v == nil {
			continue
		}
		at := path + "." + key
		switch key {
		case "AND", "OR":
			for i, x := range list(v) {
				sub, err := edgeWhereOf(asMap(x), fmt.Sprintf("%s[%d]", at, i))
				if err != nil {
					return w, err
				}
				if key == "AND" {
					w.And = append(w.And, sub)
				} else {
					w.Or = append(w.Or, sub)
				}
			}
		case "NOT":
			sub, err := edgeWhereOf(asMap(v), at)
			if err != nil {
				return w, err
			}
			w.Not = &sub
		default:
			w.Conds = append(w.Conds, conds(key, asMap(v))...)
		}
	}
	return w, nil
}

// orders translates sort keys: {field, desc}, or in a relationship list
// {field | edge, desc}. Fields come as the enum's names (PERIOD_START).
func orders(keys []map[string]any, path string) ([]graph.Order, error) {
	var out []graph.Order
	for i, k := range keys {
		at := fmt.Sprintf("%s[%d]", path, i)
		f, _ := plain(k["field"]).(string)
		e, _ := plain(k["edge"]).(string)
		desc, _ := plain(k["desc"]).(bool)
		switch {
		case (f == "") == (e == ""):
			return nil, badInput(at, "give field or edge, not both")
		case e != "":
			out = append(out, graph.Order{Field: fieldOfEnum(e), Desc: desc, Edge: true})
		default:
			out = append(out, graph.Order{Field: fieldOfEnum(f), Desc: desc})
		}
	}
	return out, nil
}

// groupKeys translates group keys: {field | edge, truncate}.
func groupKeys(keys []map[string]any, path string) ([]graph.GroupKey, error) {
	var out []graph.GroupKey
	for i, k := range keys {
		at := fmt.Sprintf("%s[%d]", path, i)
		f, _ := plain(k["field"]).(string)
		e, _ := plain(k["edge"]).(string)
		key := graph.GroupKey{Field: fieldOfEnum(f)}
		switch {
		case (f == "") == (e == ""):
			return nil, badInput(at, "give field or edge, not both")
		case e != "":
			key = graph.GroupKey{Field: fieldOfEnum(e), Edge: true}
		}
		switch t, _ := plain(k["truncate"]).(string); t {
		case "YEAR":
			key.Trunc = graph.YearPrecision
		case "MONTH":
			key.Trunc = graph.MonthPrecision
		}
		out = append(out, key)
	}
	return out, nil
}

// fieldOfEnum turns an enum value back into the field it names:
// PERIOD_START -> periodStart, ID -> id. The schema's enums are written
// from the field names the other way (specgen's enumName).
func fieldOfEnum(s string) string {
	parts := strings.Split(strings.ToLower(s), "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

func isKindName(s string) bool {
	_, ok := graph.LookupKind(graph.Kind(s))
	return ok
}

// kindValues turns the Kind enum's values (graph.Kind already, bound by
// gqlgen) into their strings.
func kindValues(v any) any {
	switch x := v.(type) {
	case graph.Kind:
		return string(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = kindValues(e)
		}
		return out
	}
	return v
}

// plain unwraps what gqlgen hands over for an input field: pointers to
// their values (nil to nil), typed slices to []any.
func plain(v any) any {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			return nil
		}
		return plain(rv.Elem().Interface())
	case reflect.Slice:
		if _, ok := v.([]byte); ok {
			return v
		}
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = plain(rv.Index(i).Interface())
		}
		return out
	case reflect.Map:
		if m, ok := v.(map[string]any); ok {
			return m
		}
	}
	return v
}

func list(v any) []any {
	l, _ := plain(v).([]any)
	return l
}

func asMap(v any) map[string]any {
	m, _ := plain(v).(map[string]any)
	return m
}
