package resolvers

import (
	"slices"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/issgraph/issgraph/graph"
)

// What a level's flight reads of the nodes it brings (graph.Projection).
//
// A level's flight brings, with the edges, the nodes at their other ends,
// which the relationship fields of the level list as the objects of the
// next: directly (cites, citedBy, a procedure's events: tieFields), or
// as an end of the edges they list (relationships { other }, rapporteurs
// { person }: edgeFields, endFields). When every relationship field at
// the level asks of those nodes only their id, kind, name, properties and
// sources, and relationship fields of their own (which read the next
// level's flight by id), the flight asks the store for just that
// (selectionEnds), and for the edges' keys alone when no field shows an edge:
// on Neo4j, the properties a query does not show are most of a node's
// bytes.
//
// Such nodes are partial, so they are never cached for the request: only
// the fields whose selections the projection was made from read them
// (levelCut.fields; an edge's end field reads the node that came with
// the edge, graph.Relationship.OtherEnd); any other field of the level that reads the flight
// fetches whole nodes of its own, which costs a store call, never an
// answer. Both stores return exactly the projection, so the GraphQL
// suites fail on the embedded store too if a field reads more of a node
// than this file asks for.

// tieField is a relationship field that lists the nodes at the other end
// (graph.ReturnNodes or ReturnOne) on every kind that has it.
type tieField struct {
	byDate bool // the nodes are ordered by their date, which it reads
}

// tieFields are the relationship fields that list nodes, by name; the
// others (edgeFields) list edges.
var tieFields = func() map[string]tieField {
	m := map[string]tieField{}
	for _, k := range graph.Kinds {
		for _, f := range k.Fields {
			if !edgeFields[f.Name] {
				t := m[f.Name]
				t.byDate = t.byDate || f.ByDate
				m[f.Name] = t
			}
		}
	}
	return m
}()

// edgeFields are the relationship fields that list edges, seen from the
// node (graph.ReturnEdges on any kind, and the hand-written ones).
var edgeFields = func() map[string]bool {
	m := map[string]bool{"relationships": true, "rapporteurs": true, "rapporteurships": true, "roles": true}
	for _, k := range graph.Kinds {
		for _, f := range k.Fields {
			if f.Returns == graph.ReturnEdges {
				m[f.Name] = true
			}
		}
	}
	return m
}()

// endFields are the fields of the objects edgeFields list that return an
// end of their edge (TestEdgeObjectFields checks the schema): the other
// end's is the node that came with the edge (end), the node's own is read
// by id.
var endFields = map[string]bool{
	"from": true, "to": true, "other": true, "actor": true, "target": true, "event": true,
	"member": true, "institution": true, "person": true, "procedure": true,
}

// levelCut is what the flight of a level reads: of the nodes at the other
// ends of its edges, ends; of the edges, their keys alone when bare (no
// field of the level shows an edge); and the fields it was made for, the
// only ones that may read its partial nodes.
type levelCut struct {
	ends   *graph.Projection
	bare   bool
	fields map[*ast.Field]bool
}

// selectionEnds is the cut of the flight of the level whose objects a
// field selects ss of; nil when the level asks for anything but
// properties, sources and relationship fields of its objects, or of the
// nodes those list, and the edges' own fields. Then no other field of the
// level reads the flight, so a level still costs one store call
// (TestStoreCallsWithinSelectionDepth).
func selectionEnds(ss ast.SelectionSet) *levelCut {
	cut := &levelCut{ends: &graph.Projection{}, bare: true, fields: map[*ast.Field]bool{}}
	props := map[string]bool{}
	add := func(p *graph.Projection) bool {
		if p == nil {
			return false
		}
		for _, k := range p.Props {
			props[k] = true
		}
		cut.ends.Sources = cut.ends.Sources || p.Sources
		return true
	}
	ok := eachField(ss, func(f *ast.Field) {
		if ownField(f) || cut.fields == nil {
			return
		}
		if len(cut.fields) >= maxProjected {
			cut.fields = nil
			return
		}
		switch t, tie := tieFields[f.Name]; {
		case tie && len(f.Arguments) == 0:
			if t.byDate {
				props["date"] = true
			}
			if !add(nodeFields(f.SelectionSet)) {
				cut.fields = nil
				return
			}
		case edgeFields[f.Name]:
			// Its arguments narrow the edges it lists from the flight's
			// (edgesOf), not what it shows of them.
			cut.bare = false
			if !eachField(f.SelectionSet, func(g *ast.Field) {
				switch {
				case endFields[g.Name]:
					if !add(nodeFields(g.SelectionSet)) {
						cut.fields = nil
					}
				case g.Name == "committee":
					// The committees of a level are read by id, whole
					// (loaders.named).
				case g.Name != "sources" && (len(g.SelectionSet) > 0 || len(g.Arguments) > 0):
					cut.fields = nil
				}
			}) {
				cut.fields = nil
			}
			if cut.fields == nil {
				return
			}
		default:
			cut.fields = nil
			return
		}
		cut.fields[f] = true
	})
	if !ok || len(cut.fields) == 0 {
		return nil
	}
	for k := range props {
		cut.ends.Props = append(cut.ends.Props, k)
	}
	return cut
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
// sel selects and, with cut, the nodes at their other ends and the edges
// as it reads them.
func levelQuery(sel edgeSel, cut *levelCut, ids []string) graph.EdgeQuery {
	q := sel.query(ids)
	if cut != nil {
		q.Ends, q.Bare = cut.ends, cut.bare
	}
	return q
}

// walkCut is what a walk must copy of the nodes and edges of its answer,
// a subgraph or a path whose selection is ss: of its nodes, the
// properties and sources their fields show, or whole nodes when a field
// shows more (a shortLabel or a date, read from several properties; the
// node itself); its edges bare unless a field shows their properties or
// sources. Whole nodes and edges when it cannot tell.
func walkCut(ss ast.SelectionSet) graph.WalkCut {
	c := graph.WalkCut{Nodes: &graph.Projection{}, BareEdges: true}
	ok := eachField(ss, func(f *ast.Field) {
		switch f.Name {
		case "nodes":
			if !eachField(f.SelectionSet, func(g *ast.Field) {
				switch {
				case c.Nodes == nil:
				case subgraphNodeCore[g.Name]:
				case g.Name == "sources":
					c.Nodes.Sources = true
				case g.Name == "reference" || g.Name == "type":
					if !slices.Contains(c.Nodes.Props, g.Name) {
						c.Nodes.Props = append(c.Nodes.Props, g.Name)
					}
				default:
					c.Nodes = nil
				}
			}) {
				c.Nodes = nil
			}
		case "edges":
			if !eachField(f.SelectionSet, func(g *ast.Field) {
				c.BareEdges = c.BareEdges && subgraphEdgeKey[g.Name]
			}) {
				c.BareEdges = false
			}
		}
	})
	if !ok {
		return graph.WalkCut{}
	}
	return c
}

// subgraphNodeCore are the fields of a SubgraphNode that read no
// property or source of its node, and subgraphEdgeKey those of a
// SubgraphEdge that read only its type and ends.
var (
	subgraphNodeCore = map[string]bool{"__typename": true, "id": true, "kind": true, "label": true, "degree": true, "distance": true}
	subgraphEdgeKey  = map[string]bool{"__typename": true, "id": true, "type": true, "source": true, "target": true}
)
