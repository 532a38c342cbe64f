package main

import (
	"fmt"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

const graphPkg = "github.com/issgraph/issgraph/graph"

// sdl builds GraphQL schema text.
type sdl struct{ strings.Builder }

func (b *sdl) line(indent int, format string, args ...any) {
	b.WriteString(strings.Repeat("  ", indent))
	fmt.Fprintf(b, format, args...)
	b.WriteByte('\n')
}

// desc writes a description: a plain string, or a block string when the
// text holds a line break or a quote.
func (b *sdl) desc(indent int, s string) {
	if s == "" {
		return
	}
	if !strings.ContainsAny(s, "\n\"\\") {
		b.line(indent, "%q", s)
		return
	}
	b.line(indent, `"""`)
	for _, l := range strings.Split(s, "\n") {
		b.line(indent, "%s", strings.ReplaceAll(l, `"""`, `\"""`))
	}
	b.line(indent, `"""`)
}

// propType is a property's GraphQL type in an object type (out) or an
// input (in); required adds the "!" of a required property.
func propType(p graph.PropSpec, input, required bool) string {
	var t string
	switch p.Type {
	case graph.String:
		t = "String"
	case graph.Strings:
		if input {
			return "[String!]"
		}
		return "[String!]!"
	case graph.DateP:
		t = "Date"
	case graph.Int:
		t = "Int"
	case graph.Bool:
		t = "Boolean"
	default:
		panic(fmt.Sprintf("property %q: no GraphQL type for %v", p.Name, p.Type))
	}
	if required && p.Required {
		t += "!"
	}
	return t
}

// The fields every node has apart from its properties, with their
// descriptions: written once, for the Node interface, Actor and each kind.
func (b *sdl) nodeFieldsHead(nameDoc string) {
	b.line(1, "id: ID!")
	b.line(1, "kind: Kind!")
	if nameDoc == "" {
		nameDoc = "Display name, or a document's title."
	}
	b.desc(1, nameDoc)
	b.line(1, "name: String!")
}

func (b *sdl) nodeFieldsTail() {
	b.desc(1, "Where the node's facts are stated.")
	b.line(1, "sources: [Source!]!")
	b.desc(1, "Every relationship of the node, optionally narrowed by type and direction, in a fixed order (type, from, to).")
	b.line(1, "relationships(types: [EdgeType!], direction: Direction = BOTH): [Relationship!]!")
	b.desc(1, "The identifiers EU analysts know it by: its canonical reference, CELEX number and ELI, each marked derived when computed rather than read; empty for a node without a reference.")
	b.line(1, "identifiers: [Identifier!]!")
	b.desc(1, "Its public pages (EUR-Lex, the Legislative Observatory, the Council register, the Parliament's), built from its identifiers by documented URL patterns; empty for a node without a reference.")
	b.line(1, "links: [Link!]!")
}

func (b *sdl) props(ps []graph.PropSpec) {
	for _, p := range ps {
		b.desc(1, p.Doc)
		b.line(1, "%s: %s", p.Name, propType(p, false, true))
	}
}

func (b *sdl) relFields(fs []graph.FieldSpec) {
	for _, f := range fs {
		b.desc(1, fieldDoc(f))
		switch f.Returns {
		case graph.ReturnOne:
			b.line(1, "%s: %s", f.Name, endType(f))
		case graph.ReturnEdges:
			b.line(1, "%s: [%s!]!", f.Name, edgeView(f))
		default:
			b.line(1, "%s: [%s!]!", f.Name, endType(f))
		}
	}
}

// commonProps are the properties every kind has (graph.KindSpec.Props
// starts with them), for the Node interface.
func commonProps() []graph.PropSpec {
	ks := kinds()
	if len(ks) == 0 {
		return nil
	}
	var common []graph.PropSpec
	for _, p := range ks[0].Props {
		everywhere := true
		for _, k := range ks[1:] {
			everywhere = everywhere && k.has(p.Name)
		}
		if everywhere {
			common = append(common, p)
		}
	}
	return common
}

// sharedSDL is schema/kinds.generated.graphqls.
func sharedSDL() string {
	var b sdl
	b.WriteString(sdlHeader)
	b.WriteString(`# gqlgen's binding directives: the generated types name their Go models here
# rather than in gqlgen.yml, so that a new kind needs no entry there.
directive @goModel(model: String, models: [String!], forceGenerate: Boolean) on OBJECT | INPUT_OBJECT | SCALAR | ENUM | INTERFACE | UNION
directive @goEnum(value: String) on ENUM_VALUE
`)
	sharedQuerySDL(&b)
	b.desc(0, `A node of the graph. Ids are readable and stable: "agency/europol",
"document/com-2010-0673", "procedure/2010-2308-ini".`)
	b.line(0, "interface Node @goModel(model: %q) {", graphPkg+".Entity")
	b.nodeFieldsHead("")
	b.props(commonProps())
	b.nodeFieldsTail()
	b.line(0, "}")
	b.line(0, "")

	var actors []string
	for _, k := range kinds() {
		if k.Actor {
			actors = append(actors, "an "+k.gqlType())
		}
	}
	b.desc(0, "A node that can act: "+strings.Join(actors, ", ")+".")
	b.line(0, "interface Actor implements Node @goModel(model: %q) {", graphPkg+".Actor")
	b.nodeFieldsHead("")
	b.props(commonProps())
	b.nodeFieldsTail()
	b.relFields(graph.ActorFields())
	b.relConnectionFields(graph.ActorFields())
	b.line(0, "}")
	b.line(0, "")

	b.desc(0, "The kind of a node.")
	b.line(0, "enum Kind @goModel(model: %q) {", graphPkg+".Kind")
	for _, k := range kinds() {
		b.desc(1, k.Doc)
		b.line(1, "%s @goEnum(value: %q)", k.Kind.Name(), graphPkg+"."+string(k.Kind))
	}
	b.line(0, "}")
	b.line(0, "")

	b.desc(0, "The type of a relationship.")
	b.line(0, "enum EdgeType @goModel(model: %q) {", graphPkg+".EdgeType")
	for _, e := range graph.EdgeTypes {
		b.desc(1, e.Doc)
		b.line(1, "%s", e.Type)
	}
	b.line(0, "}")
	b.line(0, "")

	for _, t := range targets() {
		if t.name == "Actor" || t.name == "Node" {
			targetSDL(&b, t)
		}
	}
	node := targets()[len(targets())-1]
	connectionSDL(&b, node, "nodes")
	b.line(0, "extend type Query {")
	b.desc(1, "One page of nodes of one kind, or of every kind. filter is the older, simpler form of where; both may be given.")
	b.line(1, "allNodes(kind: Kind, filter: NodeFilter, %s): %s!", listArgs(node.where(), node.sort()), node.connection())
	b.line(0, "}")
	return strings.TrimSuffix(b.String(), "\n")
}

// filterFields are the legacy filter's fields a kind offers, by the
// properties it has.
func (k kind) filterFields(b *sdl) {
	what := "name"
	if k.NameDoc != "" {
		what = "title"
	}
	b.desc(1, "Case-insensitive substring of the "+what+".")
	b.line(1, "text: String")
	if k.has("type") {
		b.desc(1, "The type, exactly.")
		b.line(1, "type: String")
	}
	if k.has("reference") {
		b.desc(1, "A reference in any spelling the service reads: COM(2010) 673, COM(2010)0673, 14186/1/14 REV 1, 2010/2308(INI).")
		b.line(1, "reference: String")
	}
	if k.has("date") {
		b.desc(1, "Earliest date, inclusive; a node whose date's period overlaps the range matches (see Date).")
		b.line(1, "dateFrom: Date")
		b.desc(1, "Latest date, inclusive.")
		b.line(1, "dateTo: Date")
	}
	b.desc(1, `Start of the id: "`+k.Prefix+`".`)
	b.line(1, "idPrefix: String")
}

// kindSDL is schema/<kind>.generated.graphqls.
func kindSDL(k kind) string {
	var b sdl
	t := k.gqlType()
	b.WriteString(sdlHeader)
	b.desc(0, k.Doc)
	impl := "Node"
	if k.Actor {
		impl = "Node & Actor"
	}
	b.line(0, "type %s implements %s @goModel(model: %q) {", t, impl, graphPkg+"."+k.view())
	b.nodeFieldsHead(k.NameDoc)
	b.props(k.Props)
	b.nodeFieldsTail()
	b.relFields(k.Fields)
	b.relConnectionFields(k.Fields)
	b.line(0, "}")
	b.line(0, "")

	connectionSDL(&b, kindTarget(k), k.Plural)
	targetSDL(&b, kindTarget(k))

	b.desc(0, "Narrows a list of "+k.Plural+"; every field set must match.")
	b.line(0, "input %sFilter @goModel(model: %q) {", t, graphPkg+".Filter")
	k.filterFields(&b)
	b.line(0, "}")
	b.line(0, "")

	b.desc(0, k.CreateDoc)
	b.line(0, "input Create%sInput @goModel(model: \"map[string]interface{}\") {", t)
	b.line(1, "id: ID")
	b.line(1, "name: String!")
	for _, p := range k.Props {
		b.desc(1, p.Doc)
		b.line(1, "%s: %s", p.Name, propType(p, true, true))
	}
	b.desc(1, `Provenance; defaults to [{file: "api"}].`)
	b.line(1, "sources: [SourceInput!]")
	b.line(0, "}")
	b.line(0, "")

	b.desc(0, "Changes to "+k.Article()+" "+k.lower()+": an omitted field is kept, null clears it.")
	b.line(0, "input %sPatch @goModel(model: \"map[string]interface{}\") {", t)
	b.line(1, "name: String")
	for _, p := range k.Props {
		b.desc(1, p.Doc)
		b.line(1, "%s: %s", p.Name, propType(p, true, false))
	}
	b.line(1, "sources: [SourceInput!]")
	b.line(0, "}")
	b.line(0, "")

	b.line(0, "extend type Query {")
	if k.ByReference {
		b.desc(1, "The "+k.lower()+" with the id, or with the reference in any spelling. Give one of the two.")
		b.line(1, "%s(id: ID, reference: String): %s", lcFirst(t), t)
	} else {
		b.desc(1, "The "+k.lower()+" with the id; null if there is none.")
		b.line(1, "%s(id: ID!): %s", lcFirst(t), t)
	}
	b.desc(1, "One page of "+k.Plural+": first after a cursor, or last before one (20 when neither is given). filter is the older, simpler form of where; both may be given.")
	b.line(1, "%s(filter: %sFilter, %s): %sConnection!", k.Plural, t, listArgs(t+"Where", t+"Sort"), t)
	b.line(0, "}")
	b.line(0, "")
	b.line(0, "extend type Mutation {")
	b.line(1, "create%s(input: Create%sInput!): %s! @auth", t, t, t)
	b.line(1, "update%s(id: ID!, patch: %sPatch!): %s! @auth", t, t, t)
	b.line(0, "}")
	return b.String()
}
