package resolvers_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/issgraph/issgraph/graph/generated"
	"github.com/issgraph/issgraph/resolvers"
)

// A walk copies of its nodes and edges only what its selection shows
// (walkCut), so no field of a subgraph's nodes or edges may read what the
// cut leaves out. For every field of SubgraphNode and SubgraphEdge, from
// the schema so that a new field is covered, its values with the field
// alone, where the walk cuts the most, must equal its values beside a
// field that makes the walk copy its nodes (node) or edges (properties,
// sources) whole: on a neighbourhood and on shortest paths, which walk
// differently.
func TestWalkCutFieldsReadOnlyWhatTheyAsk(t *testing.T) {
	s := generated.NewExecutableSchema(generated.Config{Resolvers: &resolvers.Resolver{}}).Schema()
	e := seededEnv(t)
	walks := []string{
		`neighbourhood(id: "institution/cosi", depth: 2)`,
		`allShortestPaths(from: "person/ana-gomes", to: "person/cecilia-malmstrom", limit: 20)`,
	}
	whole := map[string]string{"nodes": "node { id }", "edges": "properties sources { file }"}
	types := map[string]string{"nodes": "SubgraphNode", "edges": "SubgraphEdge"}
	for _, walk := range walks {
		for _, list := range []string{"nodes", "edges"} {
			for _, f := range s.Types[types[list]].Fields {
				if strings.HasPrefix(f.Name, "__") {
					continue
				}
				sel := f.Name + leafSelection(s, f.Type.Name(), 0)
				query := fmt.Sprintf("{ cut: %s { %s { id %s } } whole: %s { %s { id %s %s } } }",
					walk, list, sel, walk, list, sel, whole[list])
				var a struct{ Cut, Whole json.RawMessage }
				e.ok(query, &a)
				cut, all := valuesOf(t, a.Cut, list, f.Name), valuesOf(t, a.Whole, list, f.Name)
				if len(cut) == 0 {
					t.Fatalf("%s: no %s", query, list)
				}
				if !reflect.DeepEqual(cut, all) {
					t.Errorf("%s.%s on %s reads more than the walk's cut copies:\n cut   %v\n whole %v",
						types[list], f.Name, walk, cut, all)
				}
			}
		}
	}
}

// leafSelection selects every leaf field without arguments of the type
// named typ, and of the objects under it to depth 2; "" for a leaf type.
func leafSelection(s *ast.Schema, typ string, depth int) string {
	def := s.Types[typ]
	if def == nil || (def.Kind != ast.Object && def.Kind != ast.Interface) {
		return ""
	}
	var b strings.Builder
	b.WriteString(" {")
	for _, f := range def.Fields {
		if strings.HasPrefix(f.Name, "__") || len(f.Arguments) > 0 {
			continue
		}
		sub := leafSelection(s, f.Type.Name(), depth+1)
		if sub != "" && depth >= 1 {
			continue
		}
		b.WriteString(" " + f.Name + sub)
	}
	b.WriteString(" }")
	return b.String()
}

// valuesOf is the value of field in each item of the list of a walk's
// answer, or of each of its paths' lists when it is a list of paths.
func valuesOf(t *testing.T, raw json.RawMessage, list, field string) []any {
	t.Helper()
	var answers []map[string][]map[string]any
	if strings.HasPrefix(strings.TrimSpace(string(raw)), "[") {
		if err := json.Unmarshal(raw, &answers); err != nil {
			t.Fatal(err)
		}
	} else {
		var one map[string][]map[string]any
		if err := json.Unmarshal(raw, &one); err != nil {
			t.Fatal(err)
		}
		answers = append(answers, one)
	}
	var out []any
	for _, a := range answers {
		for _, item := range a[list] {
			out = append(out, item[field])
		}
	}
	return out
}
