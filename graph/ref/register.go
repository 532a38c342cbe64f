package ref

import "github.com/issgraph/issgraph/graph"

// graph's query conditions on "reference" read any spelling through
// Variants; graph cannot import this package, so it registers itself, as a
// database/sql driver does (graph.RegisterReferences).
func init() {
	graph.RegisterReferences(func(s string) ([]string, error) {
		vs, err := Variants(s)
		if err != nil {
			return nil, err
		}
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = v.String()
		}
		return out, nil
	})
}
