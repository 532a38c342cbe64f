package main

import (
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// target is what a list holds, for the query language's types: one kind,
// the actors, or every node. Each gets its where, sort, aggregate and
// relationship-connection types.
type target struct {
	name   string            // GraphQL type of the items: Document, Actor, Node
	kinds  []kind            // the kinds it may hold
	fields []graph.FieldSpec // relationship fields every item has
	sub    bool              // its where takes a where per kind (Neo4j's interface filters)
}

func kindTarget(k kind) target { return target{name: k.gqlType(), kinds: []kind{k}, fields: k.Fields} }

func targets() []target {
	var out []target
	var actors []kind
	for _, k := range kinds() {
		out = append(out, kindTarget(k))
		if k.Actor {
			actors = append(actors, k)
		}
	}
	out = append(out, target{name: "Actor", kinds: actors, fields: graph.ActorFields(), sub: true})
	out = append(out, target{name: "Node", kinds: kinds(), sub: true})
	return out
}

// targetOf is the target a relationship field reaches.
func targetOf(f graph.FieldSpec) target {
	t := endType(f)
	for _, x := range targets() {
		if x.name == t {
			return x
		}
	}
	panic("no target " + t)
}

// Type names. Node keeps the names its list had before the query
// language (NodeSort, SortField).
func (t target) where() string     { return t.name + "Where" }
func (t target) listWhere() string { return t.name + "ListWhere" }
func (t target) relWhere() string  { return t.name + "RelationshipWhere" }
func (t target) relListWhere() string {
	return t.name + "RelationshipListWhere"
}
func (t target) sort() string {
	return t.name + "Sort"
}
func (t target) sortField() string {
	if t.name == "Node" {
		return "SortField"
	}
	return t.name + "SortField"
}
func (t target) relSort() string       { return t.name + "RelationshipSort" }
func (t target) aggregate() string     { return t.name + "Aggregate" }
func (t target) aggValues() string     { return t.name + "AggregateValues" }
func (t target) groupKey() string      { return t.name + "GroupKey" }
func (t target) groupField() string    { return t.name + "GroupField" }
func (t target) grouping() string      { return t.name + "Grouping" }
func (t target) group() string         { return t.name + "Group" }
func (t target) connection() string    { return t.name + "Connection" }
func (t target) edge() string          { return t.name + "Edge" }
func (t target) relConnection() string { return t.name + "RelationshipConnection" }
func (t target) relEdge() string       { return t.name + "RelationshipEdge" }

// props are the properties of the target's kinds, each once, in the order
// they first appear; a name whose type differs between kinds is left out.
func (t target) props() []graph.PropSpec {
	var out []graph.PropSpec
	bad := map[string]bool{}
	for _, k := range t.kinds {
		for _, p := range k.Props {
			i := slices.IndexFunc(out, func(q graph.PropSpec) bool { return q.Name == p.Name })
			switch {
			case i < 0:
				q := p
				q.Required = false
				if len(t.kinds) > 1 {
					q.Doc = ""
				}
				out = append(out, q)
			case out[i].Type != p.Type:
				bad[p.Name] = true
			}
		}
	}
	return slices.DeleteFunc(out, func(p graph.PropSpec) bool { return bad[p.Name] })
}

// sortable are the properties a list may sort and group by: every one but
// lists (which group by each item, but do not sort).
func sortable(ps []graph.PropSpec) []graph.PropSpec {
	return slices.DeleteFunc(slices.Clone(ps), func(p graph.PropSpec) bool { return p.Type == graph.Strings })
}

// ranged are the properties min and max apply to: dates and integers.
func ranged(ps []graph.PropSpec) []graph.PropSpec {
	return slices.DeleteFunc(slices.Clone(ps), func(p graph.PropSpec) bool { return p.Type != graph.DateP && p.Type != graph.Int })
}

// enumName is a field's name as an enum value: periodStart -> PERIOD_START.
func enumName(field string) string {
	var b strings.Builder
	for i, r := range field {
		if r >= 'A' && r <= 'Z' && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String())
}

// edgeProps are the properties of every edge type, each once: what an
// EdgeWhere, EdgeSortField and EdgeGroupField offer.
func edgeProps() []graph.PropSpec {
	var out []graph.PropSpec
	for _, e := range graph.EdgeTypes {
		for _, p := range e.Props {
			if !slices.ContainsFunc(out, func(q graph.PropSpec) bool { return q.Name == p.Name }) {
				q := p
				q.Required, q.Enum, q.Doc = false, nil, ""
				out = append(out, q)
			}
		}
	}
	return out
}

// scalarWhere is the input of a property's operators.
func scalarWhere(p graph.PropSpec) string {
	switch p.Type {
	case graph.Strings:
		return "StringListWhere"
	case graph.DateP:
		return "DateWhere"
	case graph.Int:
		return "IntWhere"
	case graph.Bool:
		return "BooleanWhere"
	}
	return "StringWhere"
}

// connectable reports whether a relationship field has a connection: it
// lists nodes or edges of one edge type.
func connectable(f graph.FieldSpec) bool { return f.Returns != graph.ReturnOne && len(f.Types) == 1 }
