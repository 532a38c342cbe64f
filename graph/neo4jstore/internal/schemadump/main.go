// Command schemadump prints neo4jstore.Schema as JSON: the labels,
// relationship types and property keys the Store writes, the placeholder
// expansions and every ready statement. scripts/cypher-lint.mjs runs it so
// that the lint's schema comes from the Go domain, never from a copy.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/issgraph/issgraph/graph/neo4jstore"
)

func main() {
	s, err := neo4jstore.Schema()
	if err != nil {
		fmt.Fprintln(os.Stderr, "schemadump:", err)
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		fmt.Fprintln(os.Stderr, "schemadump:", err)
		os.Exit(1)
	}
}
