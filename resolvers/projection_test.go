package resolvers

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/generated"
)

// A leaf field named like a property reads that property, on every node
// type (ownField): no kind may have a scalar field that shares
// a property's name, of its own kind or another's, and computes something
// else, or a projection would leave out what it reads. (A field of an
// object type, such as an agency's legalBasis relationships, has a
// selection, which ownField never takes for a property.)
func TestProjectionFieldsArePropFields(t *testing.T) {
	s := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}).Schema()
	for _, k := range graph.Kinds {
		typ := s.Types[string(k.Kind)]
		if typ == nil {
			t.Fatalf("no type %s in the schema", k.Kind)
		}
		own := map[string]bool{}
		for _, p := range k.Props {
			own[p.Name] = true
		}
		for _, f := range typ.Fields {
			if !graph.IsPropName(f.Name) {
				continue
			}
			switch s.Types[f.Type.Name()].Kind {
			case ast.Object, ast.Interface, ast.Union:
				continue
			}
			if !own[f.Name] {
				t.Errorf("%s.%s is named like a property of another kind but is none of %s's", k.Kind, f.Name, k.Kind)
			}
			if len(f.Arguments) > 0 {
				t.Errorf("%s.%s, a property, takes arguments", k.Kind, f.Name)
			}
		}
		for name := range own {
			if typ.Fields.ForName(name) == nil {
				t.Errorf("%s has no field for its property %s", k.Kind, name)
			}
		}
	}
	for _, core := range []string{"id", "kind", "name", "sources"} {
		if graph.IsPropName(core) {
			t.Errorf("%s is a property name: ownField would read it as one", core)
		}
	}
}

// The fields of the objects that edgeFields list read the edge, except
// the ends (endFields) and a rapporteur's committee: a projected level
// reads its edges whole and its ends as their end fields select, so an
// object field of an edge object that endFields does not name would read
// a partial node, and a name endFields holds that no edge object has is
// stale.
func TestEdgeObjectFields(t *testing.T) {
	s := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}).Schema()
	seen := map[string]bool{}
	objects := map[string]bool{} // the types edge fields list
	for _, typ := range s.Types {
		for _, f := range typ.Fields {
			// A property may share an edge field's name (Procedure.legalBasis,
			// Agency.legalBasis): ownField takes a leaf for the property.
			if edgeFields[f.Name] && (typ.Kind == ast.Object || typ.Kind == ast.Interface) && s.Types[f.Type.Name()].Kind != ast.Scalar {
				objects[f.Type.Name()] = true
			}
		}
	}
	if len(objects) < 5 {
		t.Fatalf("edge objects %v: too few, edgeFields %v", objects, edgeFields)
	}
	for name := range objects {
		typ := s.Types[name]
		if typ == nil || typ.Kind != ast.Object {
			t.Errorf("%s, listed by an edge field, is not an object type", name)
			continue
		}
		for _, f := range typ.Fields {
			object := false
			switch s.Types[f.Type.Name()].Kind {
			case ast.Object, ast.Interface, ast.Union:
				object = true
			}
			switch {
			case endFields[f.Name]:
				seen[f.Name] = true
				if !object {
					t.Errorf("%s.%s is in endFields but returns %s, no node", name, f.Name, f.Type)
				}
			case object && f.Name != "committee" && f.Name != "sources":
				t.Errorf("%s.%s returns %s: endFields must name it, or selectionEnds refuse it", name, f.Name, f.Type)
			}
		}
	}
	for name := range endFields {
		if !seen[name] {
			t.Errorf("endFields names %s, a field of no edge object", name)
		}
	}
}
