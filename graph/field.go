package graph

import (
	"slices"
	"strings"
)

// FieldSpec is a relationship field of a kind: what the API shows of the edges
// of some types that meet a node of the kind at one end. It is part of the
// kind's spec (KindSpec.Fields), from which `go generate` writes the
// field's GraphQL definition, its resolver and its line in the docs.
type FieldSpec struct {
	// Name is the GraphQL field: "cites".
	Name string
	// Types are the edge types followed, at least one.
	Types []EdgeType
	// Dir is the end the node is on: Out when it is the edge's From, In
	// when it is its To, Both for either.
	Dir Direction
	// To narrows the nodes at the other end to these kinds; empty means
	// every kind the edge types allow there (Field.Ends).
	To []Kind
	// Returns says what the field lists: the nodes at the other end
	// (ReturnNodes, the default), the first of them (ReturnOne), or the
	// edges themselves seen from the node (ReturnEdges).
	Returns Returns
	// ByDate orders the nodes by their date (undated last), then id,
	// rather than in edge order: a procedure's events.
	ByDate bool
	// Doc says what the field holds, in the API's words; the generator
	// appends the edge types and direction.
	Doc string
}

// Returns is what a relationship field lists.
type Returns int

const (
	ReturnNodes Returns = iota // the nodes at the other end, each once
	ReturnOne                  // the first of those nodes, or null
	ReturnEdges                // the edges, seen from the node (Relationship or the edge type's View)
)

// Ends returns the kinds a field of a node of kind k may reach: To if set,
// else every kind its edge types allow at the other end, in Kinds order.
func (f FieldSpec) Ends() []Kind {
	if len(f.To) > 0 {
		return f.To
	}
	var out []Kind
	for _, t := range f.Types {
		s, _ := LookupEdgeType(t)
		if f.Dir != In {
			out = append(out, s.To...)
		}
		if f.Dir != Out {
			out = append(out, s.From...)
		}
	}
	var ks []Kind
	for _, spec := range Kinds {
		if slices.Contains(out, spec.Kind) {
			ks = append(ks, spec.Kind)
		}
	}
	return ks
}

// EdgeView is the typed relationship a ReturnEdges field lists: the View
// of its edge type when it follows one type that has one, else "" (the
// generic Relationship).
func (f FieldSpec) EdgeView() string {
	if len(f.Types) != 1 {
		return ""
	}
	s, _ := LookupEdgeType(f.Types[0])
	return s.View
}

// LookupField returns the relationship field name of kind k.
func LookupField(k Kind, name string) (FieldSpec, bool) {
	spec, ok := LookupKind(k)
	if !ok {
		return FieldSpec{}, false
	}
	for _, f := range spec.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return FieldSpec{}, false
}

// Article is "a" or "an", as the kind's name in lower case takes it: "an
// agency", "a document".
func (s KindSpec) Article() string {
	if strings.ContainsRune("aeiou", rune(strings.ToLower(string(s.Kind))[0])) {
		return "an"
	}
	return "a"
}

// The relationship fields every actor has: the GraphQL Actor interface.
var actorFields = []FieldSpec{
	{Name: "authored", Types: []EdgeType{Authored}, Dir: Out, Doc: "Documents the actor wrote or issued"},
	{Name: "responsibleFor", Types: []EdgeType{ResponsibleFor}, Dir: Out, Returns: ReturnEdges, Doc: "What the actor is responsible for, and how"},
	{Name: "contributesTo", Types: []EdgeType{ContributesTo}, Dir: Out, Returns: ReturnEdges, Doc: "What the actor contributed to without being responsible for it"},
	{Name: "participatedIn", Types: []EdgeType{Participated}, Dir: Out, Returns: ReturnEdges, Doc: "Events the actor took part in, and how"},
	{Name: "memberOf", Types: []EdgeType{MemberOf}, Dir: Out, Returns: ReturnEdges, Doc: "Institutions the actor belongs to"},
}

// ActorFields are the relationship fields of the Actor interface, which
// every kind with KindSpec.Actor has.
func ActorFields() []FieldSpec { return slices.Clone(actorFields) }

func withActor(fs ...FieldSpec) []FieldSpec { return append(slices.Clone(actorFields), fs...) }
