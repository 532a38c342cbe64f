package main

import (
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// The query language's schema: where inputs with operators by type,
// relationship filters, sort keys, aggregates and relationship
// connections, named after the Neo4j GraphQL Library's where it fits.
// The inputs are maps in Go (resolvers/where.go reads them by the spec).

const (
	mapModel = `@goModel(model: "map[string]interface{}")`
	strModel = `@goModel(model: "github.com/99designs/gqlgen/graphql.String")`
	resolved = `@goField(forceResolver: true)`
)

// opsInput writes an input with one field per operator of type t.
func (b *sdl) opsInput(name, doc, gql string, ops []graph.Op) {
	b.desc(0, doc)
	b.line(0, "input %s %s {", name, mapModel)
	for _, op := range ops {
		switch op {
		case graph.OpIn, graph.OpNotIn:
			b.line(1, "%s: [%s!]", op, gql)
		case graph.OpIsNull:
			b.desc(1, "true: the field is missing (or an empty list); false: it is set.")
			b.line(1, "%s: Boolean", op)
		default:
			b.line(1, "%s: %s", op, gql)
		}
	}
	b.line(0, "}")
	b.line(0, "")
}

func withoutOps(ops []graph.Op, drop ...graph.Op) []graph.Op {
	var out []graph.Op
	for _, op := range ops {
		keep := true
		for _, d := range drop {
			keep = keep && op != d
		}
		if keep {
			out = append(out, op)
		}
	}
	return out
}

// sharedQuerySDL is the part of schema/kinds.generated.graphqls every
// target shares: the operators by type, the edge filter, sort and group
// fields.
func sharedQuerySDL(b *sdl) {
	b.WriteString(`directive @goField(forceResolver: Boolean, name: String, omittable: Boolean, type: String) on INPUT_FIELD_DEFINITION | FIELD_DEFINITION
directive @goExtraField(name: String, type: String!, overrideTags: String, description: String) repeatable on OBJECT | INPUT_OBJECT

`)
	b.opsInput("StringWhere", "Conditions on a text field. Text compares ignoring case and accents (malmstrom finds Malmström); on reference, eq, ne, in and notIn read any spelling of a reference (COM(2010)0673, 16797/10) and match the canonical reference or an alias.", "String", graph.OpsFor(graph.String))
	b.opsInput("StringListWhere", "Conditions on a list of texts: each holds when some item does (ne and notIn: when no item does).", "String", graph.OpsFor(graph.Strings))
	b.opsInput("DateWhere", "Conditions on a date, on periods: a date stands for every day of its period (2012 is all of 2012), and a comparison holds when it may hold for some day of it, so gte 2010 and lte 2014 keep every date within 2010-2014.", "Date", graph.OpsFor(graph.DateP))
	b.opsInput("IntWhere", "Conditions on an integer.", "Int", graph.OpsFor(graph.Int))
	b.opsInput("BooleanWhere", "Conditions on a boolean.", "Boolean", graph.OpsFor(graph.Bool))
	b.opsInput("IDWhere", "Conditions on the id.", "ID", withoutOps(graph.OpsFor(graph.String), graph.OpIsNull))
	b.opsInput("KindWhere", "Conditions on the kind.", "Kind", []graph.Op{graph.OpEq, graph.OpNe, graph.OpIn, graph.OpNotIn})

	b.desc(0, "Conditions on a relationship's own properties (role, date...); a property its type does not have is refused.")
	b.line(0, "input EdgeWhere %s {", mapModel)
	for _, p := range edgeProps() {
		b.line(1, "%s: %s", p.Name, scalarWhere(p))
	}
	b.line(1, "AND: [EdgeWhere!]")
	b.line(1, "OR: [EdgeWhere!]")
	b.line(1, "NOT: EdgeWhere")
	b.line(0, "}")
	b.line(0, "")

	b.desc(0, "A relationship's property, to sort a relationship list by.")
	b.line(0, "enum EdgeSortField %s {", strModel)
	for _, p := range sortable(edgeProps()) {
		b.line(1, "%s", enumName(p.Name))
	}
	b.line(0, "}")
	b.line(0, "")
	b.desc(0, "A relationship's property, to group a relationship list by.")
	b.line(0, "enum EdgeGroupField %s {", strModel)
	for _, p := range edgeProps() {
		b.line(1, "%s", enumName(p.Name))
	}
	b.line(0, "}")
	b.line(0, "")
	b.desc(0, "The values of a group's relationship fields.")
	b.line(0, "type EdgeGroup %s {", mapModel)
	for _, p := range edgeProps() {
		b.line(1, "%s: %s", p.Name, groupType(p))
	}
	b.line(0, "}")
	b.line(0, "")
	b.desc(0, "How much of a date a group keeps: its year, or its year and month. A date coarser than that keeps its own precision (a year date stays in its year's group when grouping by month).")
	b.line(0, "enum DateTruncation %s {", strModel)
	b.line(1, "YEAR")
	b.line(1, "MONTH")
	b.line(0, "}")
	b.line(0, "")
}

// groupType is a property's type in a group: one item of a list.
func groupType(p graph.PropSpec) string {
	if p.Type == graph.Strings {
		return "String"
	}
	return propType(p, true, false)
}

// listArgs are the arguments of every list: the where, the sort and
// Relay's paging both ways.
func listArgs(where, sort string) string {
	return "where: " + where + ", sort: [" + sort + "!], first: Int, after: String, last: Int, before: String"
}

// relConnectionField is a relationship field's connection.
func (b *sdl) relConnectionFields(fs []graph.FieldSpec) {
	for _, f := range fs {
		if !connectable(f) {
			continue
		}
		e := targetOf(f)
		b.desc(1, "The "+f.Name+" list filtered (on the nodes, and on the relationships' own properties), sorted and paged both ways, with totalCount and aggregates.")
		b.line(1, "%sConnection(%s): %s!", f.Name, listArgs(e.relWhere(), e.relSort()), e.relConnection())
	}
}

// targetSDL writes a target's where, sort, aggregate and relationship
// connection types.
func targetSDL(b *sdl, t target) {
	many := len(t.kinds) > 1
	what := strings.ToLower(t.name)
	b.desc(0, "Which "+what+"s a list keeps: every field set must hold (AND, OR and NOT combine them).")
	b.line(0, "input %s %s {", t.where(), mapModel)
	b.line(1, "id: IDWhere")
	b.line(1, "name: StringWhere")
	if many {
		b.line(1, "kind: KindWhere")
	}
	for _, p := range t.props() {
		b.line(1, "%s: %s", p.Name, scalarWhere(p))
	}
	for _, f := range t.fields {
		e := targetOf(f)
		b.desc(1, "Whether some, none or all of its "+f.Name+" match.")
		b.line(1, "%s: %s", f.Name, e.listWhere())
		b.desc(1, "Whether some, none or all of its "+f.Name+" relationships match, on the node and the relationship's own properties.")
		b.line(1, "%sConnection: %s", f.Name, e.relListWhere())
	}
	if t.sub {
		for _, k := range t.kinds {
			b.desc(1, "Holds for "+k.Article()+" "+k.lower()+" that matches (and for no other kind).")
			b.line(1, "%s: %s", k.gqlType(), k.gqlType()+"Where")
		}
	}
	b.line(1, "AND: [%s!]", t.where())
	b.line(1, "OR: [%s!]", t.where())
	b.line(1, "NOT: %s", t.where())
	b.line(0, "}")
	b.line(0, "")

	b.desc(0, "A relationship filter: some (at least one), none or all (every one; true when there is none) of the "+what+"s at the other end match.")
	b.line(0, "input %s %s {", t.listWhere(), mapModel)
	for _, q := range []string{"some", "none", "all"} {
		b.line(1, "%s: %s", q, t.where())
	}
	b.line(0, "}")
	b.line(0, "")
	b.desc(0, "A condition on a relationship: on the node at its other end, and on its own properties.")
	b.line(0, "input %s %s {", t.relWhere(), mapModel)
	b.line(1, "node: %s", t.where())
	b.line(1, "edge: EdgeWhere")
	b.line(0, "}")
	b.line(0, "")
	b.desc(0, "A relationship filter on the relationships themselves: some, none or all of them match.")
	b.line(0, "input %s %s {", t.relListWhere(), mapModel)
	for _, q := range []string{"some", "none", "all"} {
		b.line(1, "%s: %s", q, t.relWhere())
	}
	b.line(0, "}")
	b.line(0, "")

	b.desc(0, "What a list of "+what+"s is sorted by. Text sorts ignoring case and accents, dates in the order of Date; nodes without the field come last either way; the id breaks ties.")
	b.line(0, "enum %s %s {", t.sortField(), strModel)
	b.line(1, "ID")
	b.line(1, "NAME")
	if many {
		b.line(1, "KIND")
	}
	for _, p := range sortable(t.props()) {
		b.line(1, "%s", enumName(p.Name))
	}
	b.line(0, "}")
	b.line(0, "")
	b.desc(0, "One sort key. A list takes several, the first deciding first.")
	b.line(0, "input %s %s {", t.sort(), mapModel)
	b.line(1, "field: %s! = ID", t.sortField())
	b.desc(1, "Reverse the order (nodes without the field still come last).")
	b.line(1, "desc: Boolean! = false")
	b.line(0, "}")
	b.line(0, "")
	b.desc(0, "One sort key of a relationship list: a field of the node at the other end, or (edge) of the relationship.")
	b.line(0, "input %s %s {", t.relSort(), mapModel)
	b.line(1, "field: %s", t.sortField())
	b.line(1, "edge: EdgeSortField")
	b.line(1, "desc: Boolean! = false")
	b.line(0, "}")
	b.line(0, "")

	b.desc(0, "A field to group "+what+"s by.")
	b.line(0, "enum %s %s {", t.groupField(), strModel)
	b.line(1, "KIND")
	for _, p := range t.props() {
		b.line(1, "%s", enumName(p.Name))
	}
	b.line(0, "}")
	b.line(0, "")
	b.desc(0, "One key of a grouping: a field of the node, or (edge) of the relationship in a relationship list; a date may be truncated to its year or month. A list field groups each node under each of its items.")
	b.line(0, "input %s %s {", t.groupKey(), mapModel)
	b.line(1, "field: %s", t.groupField())
	b.line(1, "edge: EdgeGroupField")
	b.line(1, "truncate: DateTruncation")
	b.line(0, "}")
	b.line(0, "")
	b.desc(0, "Aggregates of a list, under the list's where.")
	b.line(0, "type %s @goModel(model: %q) {", t.aggregate(), graphPkg+".AggQuery")
	b.desc(1, "How many match.")
	b.line(1, "count: Int! %s", resolved)
	if len(ranged(t.props())) > 0 {
		b.desc(1, "The least value of each date and number field among the matches; null where none has it.")
		b.line(1, "min: %s! %s", t.aggValues(), resolved)
		b.desc(1, "The greatest value of each.")
		b.line(1, "max: %s! %s", t.aggValues(), resolved)
	}
	b.desc(1, "The count of the matches per combination of the keys, ordered by the keys (missing values last).")
	b.line(1, "groupBy(by: [%s!]!): %s! %s", t.groupKey(), t.grouping(), resolved)
	b.line(0, "}")
	b.line(0, "")
	if rs := ranged(t.props()); len(rs) > 0 {
		b.line(0, "type %s %s {", t.aggValues(), mapModel)
		for _, p := range rs {
			b.line(1, "%s: %s", p.Name, propType(p, true, false))
		}
		b.line(0, "}")
		b.line(0, "")
	}
	b.line(0, "type %s {", t.grouping())
	b.line(1, "groups: [%s!]!", t.group())
	b.desc(1, "More groups than the service returns exist (graph.MaxGroups).")
	b.line(1, "truncated: Boolean!")
	b.line(0, "}")
	b.line(0, "")
	b.desc(0, "One group: the values of the fields grouped by (the others null) and how many matches have them.")
	b.line(0, "type %s %s {", t.group(), mapModel)
	b.line(1, "count: Int! %s", resolved)
	b.line(1, "kind: Kind")
	for _, p := range t.props() {
		b.line(1, "%s: %s", p.Name, groupType(p))
	}
	b.desc(1, "The values of the relationship's fields grouped by, in a relationship list.")
	b.line(1, "edge: EdgeGroup %s", resolved)
	b.line(0, "}")
	b.line(0, "")

	b.desc(0, "A page of a relationship list of "+what+"s.")
	b.line(0, "type %s @goExtraField(name: \"Agg\", type: \"*%s.AggQuery\") {", t.relConnection(), graphPkg)
	b.line(1, "edges: [%s!]!", t.relEdge())
	b.line(1, "nodes: [%s!]!", t.name)
	b.desc(1, "Relationships matching the where over all pages.")
	b.line(1, "totalCount: Int!")
	b.line(1, "pageInfo: PageInfo!")
	b.line(1, "aggregate: %s! %s", t.aggregate(), resolved)
	b.line(0, "}")
	b.line(0, "")
	b.line(0, "type %s {", t.relEdge())
	b.line(1, "cursor: String!")
	b.line(1, "node: %s!", t.name)
	b.desc(1, "The relationship that leads to the node, seen from the node the list is on.")
	b.line(1, "relationship: Relationship!")
	b.line(0, "}")
	b.line(0, "")
}

// connectionSDL writes a node list's connection.
func connectionSDL(b *sdl, t target, plural string) {
	b.desc(0, "A page of "+plural+".")
	b.line(0, "type %s @goExtraField(name: \"Agg\", type: \"*%s.AggQuery\") {", t.connection(), graphPkg)
	b.line(1, "edges: [%s!]!", t.edge())
	b.line(1, "nodes: [%s!]!", t.name)
	b.desc(1, "Nodes matching the filter over all pages.")
	b.line(1, "totalCount: Int!")
	b.line(1, "pageInfo: PageInfo!")
	b.desc(1, "Aggregates of every node the filter matches, over all pages.")
	b.line(1, "aggregate: %s! %s", t.aggregate(), resolved)
	b.line(0, "}")
	b.line(0, "")
	b.line(0, "type %s {", t.edge())
	b.line(1, "cursor: String!")
	b.line(1, "node: %s!", t.name)
	b.line(0, "}")
	b.line(0, "")
}
