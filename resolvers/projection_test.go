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
