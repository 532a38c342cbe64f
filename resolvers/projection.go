package resolvers

import (
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/issgraph/issgraph/graph"
)

// What a level's flight reads of the nodes it brings (graph.Projection).
//
// A level's flight brings, with the edges, the nodes at their other ends,
// which the relationship fields of the level list as the objects of the
// next. When every relationship field at the level lists those nodes
// directly (cites, citedBy, a procedure's events: tieFields) and asks of
// them only their id, kind, name, properties and sources, and
// relationship fields of their own (which read the next level's flight by
// id), the flight asks the store for just that (levelEnds): on Neo4j,
// the properties a query does not show are most of a node's bytes.
//
// Such nodes are partial, so they are never cached for the request: only
// the fields whose selections the projection was made from read them
// (flight.projected); any other field of the level that reads the flight
// fetches whole nodes of its own, which costs a store call, never an
// answer. Both stores return exactly the projection, so the GraphQL
// suites fail on the embedded store too if a field reads more of a node
// than this file asks for.

// tieField is a relationship field that lists the nodes at the other end
// (graph.ReturnNodes or ReturnOne) on every kind that has it.
type tieField struct {
	byDate bool // the nodes are ordered by their date, which it reads
}

// tieFields are the relationship fields that list nodes, by name.
var tieFields = func() map[string]tieField {
	m := map[string]tieField{}
	other := map[string]bool{}
	for _, k := range graph.Kinds {
		for _, f := range k.Fields {
			if f.Returns == graph.ReturnEdges {
				other[f.Name] = true
				continue
			}
			t := m[f.Name]
			t.byDate = t.byDate || f.ByDate
			m[f.Name] = t
		}
	}
	for name := range other {
		delete(m, name)
	}
	return m
}()

// levelEnds is the projection of the nodes that the flight of the
// relationship field fc's level brings, and the fields whose selections
// it was made from; nil when the level asks for anything but properties,
// sources and tieFields of its objects, or of the nodes those list. Then
// no other field of the level reads the flight, so a level still costs
// one store call (TestStoreCallsWithinSelectionDepth).
func levelEnds(fc *graphql.FieldContext) (*graph.Projection, map[*ast.Field]bool) {
	p := fc.Parent
	for p != nil && p.Field.Field == nil { // a list item's context
		p = p.Parent
	}
	if p == nil {
		return nil, nil
	}
	return selectionEnds(p.Field.Selections)
}

// selectionEnds is levelEnds for the level whose objects a field selects
// ss of.
func selectionEnds(ss ast.SelectionSet) (*graph.Projection, map[*ast.Field]bool) {
	proj := &graph.Projection{}
	props := map[string]bool{}
	fields := map[*ast.Field]bool{}
	ok := eachField(ss, func(f *ast.Field) {
		if ownField(f) {
			return
		}
		t, tie := tieFields[f.Name]
		if !tie || len(f.Arguments) > 0 || len(fields) > maxProjected {
			fields = nil
			return
		}
		if fields == nil {
			return
		}
		fields[f] = true
		if t.byDate {
			props["date"] = true
		}
		p := nodeFields(f.SelectionSet)
		if p == nil {
			fields = nil
			return
		}
		for _, k := range p.Props {
			props[k] = true
		}
		proj.Sources = proj.Sources || p.Sources
	})
	if !ok || len(fields) == 0 {
		return nil, nil
	}
	for k := range props {
		proj.Props = append(proj.Props, k)
	}
	return proj, fields
}

// maxProjected bounds the fields a level's projection is made for: past
// it, a flight reads whole nodes.
const maxProjected = 64

// nodeFields is the projection of a node whose own selection is ss: the
// properties and sources it asks for, and nothing for its relationship
// fields, which read the node's id; nil when ss asks for anything else
// (a field computed from several properties, such as identifiers).
func nodeFields(ss ast.SelectionSet) *graph.Projection {
	p := &graph.Projection{}
	known := true
	ok := eachField(ss, func(g *ast.Field) {
		switch {
		case g.Name == "sources":
			p.Sources = true
		case ownField(g):
			if graph.IsPropName(g.Name) && !slices.Contains(p.Props, g.Name) {
				p.Props = append(p.Props, g.Name)
			}
		default:
			if _, rel := fieldSels[g.Name]; !rel {
				known = false
			}
		}
	})
	if !ok || !known {
		return nil
	}
	return p
}

// connectionFields is the projection of the nodes of a connection (a
// node list's, or search's) whose selection is ss: what the selections of
// its edges.node and nodes read of them (nodeFields); nil when one of
// those asks for more, or the connection for a field it does not know.
func connectionFields(ss ast.SelectionSet) *graph.Projection {
	out := &graph.Projection{}
	add := func(p *graph.Projection) {
		if p == nil || out == nil {
			out = nil
			return
		}
		for _, k := range p.Props {
			if !slices.Contains(out.Props, k) {
				out.Props = append(out.Props, k)
			}
		}
		out.Sources = out.Sources || p.Sources
	}
	ok := eachField(ss, func(f *ast.Field) {
		switch f.Name {
		case "__typename", "totalCount", "pageInfo", "aggregate":
		case "nodes":
			add(nodeFields(f.SelectionSet))
		case "edges":
			if !eachField(f.SelectionSet, func(g *ast.Field) {
				switch g.Name {
				case "__typename", "cursor", "score", "field":
				case "node":
					add(nodeFields(g.SelectionSet))
				default:
					out = nil
				}
			}) {
				out = nil
			}
		default:
			out = nil
		}
	})
	if !ok {
		return nil
	}
	return out
}

// ownField reports whether f reads only its own object's core fields,
// properties or sources. A leaf field named like a property of any kind
// reads that property (graph's views, generated from the kinds' specs;
// TestProjectionFieldsArePropFields checks the schema).
func ownField(f *ast.Field) bool {
	switch f.Name {
	case "__typename", "id", "kind", "name", "sources":
		return true
	}
	return graph.IsPropName(f.Name) && len(f.SelectionSet) == 0 && len(f.Arguments) == 0
}

// levelQuery is the store query of a level's flight over ids: the edges
// sel selects and, with proj, the nodes at their other ends cut to proj
// and the edges bare, since every field of a projected level shows the
// nodes an edge leads to, never the edge.
func levelQuery(sel edgeSel, proj *graph.Projection, ids []string) graph.EdgeQuery {
	q := sel.query(ids)
	q.Ends, q.Bare = proj, proj != nil
	return q
}
