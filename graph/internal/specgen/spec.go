package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// kind is a graph.KindSpec with the names the generated files give it.
type kind struct{ graph.KindSpec }

func kinds() []kind {
	var out []kind
	for _, s := range graph.Kinds {
		out = append(out, kind{s})
	}
	return out
}

// gqlType is the GraphQL object type: Document.
func (k kind) gqlType() string { return string(k.Kind) }

// file is the base name of the kind's generated files: document.
func (k kind) file() string { return strings.ToLower(string(k.Kind)) }

// view is the Go type of the kind's view: DocumentView.
func (k kind) view() string { return string(k.Kind) + "View" }

// lower is the kind as a noun in a sentence: "document".
func (k kind) lower() string { return strings.ToLower(string(k.Kind)) }

// reserved are the fields every kind has besides its properties; a
// property or relationship field may not take their names, nor the Go
// names of a Node's fields (a view's accessor would hide them).
var reserved = []string{"id", "kind", "name", "sources", "relationships", "identifiers", "links", "props", "title"}

// check refuses a spec the generated code could not hold: a name used
// twice, a field without edge types, or reaching kinds that do not exist.
func (k kind) check() error {
	seen := map[string]bool{}
	for _, r := range reserved {
		seen[r] = true
	}
	for _, p := range k.Props {
		if seen[p.Name] {
			return fmt.Errorf("%s: property %q: the name is taken", k.Kind, p.Name)
		}
		seen[p.Name] = true
	}
	for _, f := range k.Fields {
		if seen[f.Name] {
			return fmt.Errorf("%s: field %q: the name is taken", k.Kind, f.Name)
		}
		seen[f.Name] = true
		if len(f.Types) == 0 {
			return fmt.Errorf("%s: field %q follows no edge type", k.Kind, f.Name)
		}
		for _, t := range f.Types {
			s, ok := graph.LookupEdgeType(t)
			if !ok {
				return fmt.Errorf("%s: field %q: unknown edge type %q", k.Kind, f.Name, t)
			}
			here := s.To
			if f.Dir == graph.Out {
				here = s.From
			} else if f.Dir == graph.Both {
				here = append(slices.Clone(s.From), s.To...)
			}
			if !slices.Contains(here, k.Kind) {
				return fmt.Errorf("%s: field %q: a %s edge never has a %s at that end", k.Kind, f.Name, t, k.Kind)
			}
		}
		if len(f.Ends()) == 0 {
			return fmt.Errorf("%s: field %q reaches no kind", k.Kind, f.Name)
		}
	}
	if k.Actor {
		for _, a := range graph.ActorFields() {
			if !slices.ContainsFunc(k.Fields, func(f graph.FieldSpec) bool { return f.Name == a.Name }) {
				return fmt.Errorf("%s is an actor but lacks the actor field %q", k.Kind, a.Name)
			}
		}
	}
	if k.Plural == "" {
		return fmt.Errorf("%s: no Plural", k.Kind)
	}
	return nil
}

// endType is the GraphQL type of the nodes a field reaches: the kind's
// type when it reaches one kind, Actor when it reaches only actors, else
// Node.
func endType(f graph.FieldSpec) string {
	ends := f.Ends()
	if len(ends) == 1 {
		return string(ends[0])
	}
	actors := graph.ActorKinds()
	if !slices.ContainsFunc(ends, func(k graph.Kind) bool { return !slices.Contains(actors, k) }) {
		return "Actor"
	}
	return "Node"
}

// endGo is the Go type a resolver returns for one node of endType.
func endGo(f graph.FieldSpec) string {
	switch t := endType(f); t {
	case "Actor":
		return "graph.Actor"
	case "Node":
		return "graph.Entity"
	default:
		return "*graph." + t + "View"
	}
}

// edgeView is the GraphQL type of the edges a ReturnEdges field lists.
func edgeView(f graph.FieldSpec) string {
	if v := f.EdgeView(); v != "" {
		return v
	}
	return "Relationship"
}

// fieldDoc is a relationship field's description: its Doc, then the edge
// types and the direction it follows.
func fieldDoc(f graph.FieldSpec) string {
	ts := make([]string, len(f.Types))
	for i, t := range f.Types {
		ts[i] = string(t)
	}
	dir := map[graph.Direction]string{graph.Out: "out", graph.In: "in", graph.Both: "either way"}[f.Dir]
	return fmt.Sprintf("%s (%s, %s).", f.Doc, strings.Join(ts, ", "), dir)
}

// has reports whether the kind has the property.
func (k kind) has(prop string) bool {
	return slices.ContainsFunc(k.Props, func(p graph.PropSpec) bool { return p.Name == prop })
}
