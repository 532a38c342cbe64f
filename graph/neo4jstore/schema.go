package neo4jstore

import (
	"slices"

	"github.com/issgraph/issgraph/graph"
)

// DBSchema is what the Store writes to Neo4j, derived from the domain's
// allow-lists, with the ready statements. scripts/cypher-lint.mjs reads it
// (go run ./graph/neo4jstore/internal/schemadump) to lint the Cypher
// against the labels, types and keys that really exist, and to check that
// its placeholder expansion matches the Go code's.
type DBSchema struct {
	// Labels: Node and every kind.
	Labels []string `json:"labels"`
	// RelationshipTypes: every edge type.
	RelationshipTypes []string `json:"relationshipTypes"`
	// PropertyKeys: the reserved keys and every domain property name.
	PropertyKeys []string `json:"propertyKeys"`
	// MapKeys: keys of the maps the statements build or receive as
	// parameters (UNWIND rows, list rows), which a linter sees as property
	// accesses.
	MapKeys []string `json:"mapKeys"`
	// Placeholders: what each placeholder expands to, in order.
	Placeholders map[string][]string `json:"placeholders"`
	// Statements: every ready statement, expanded.
	Statements []StatementInfo `json:"statements"`
}

// StatementInfo is one ready statement.
type StatementInfo struct {
	Key    string   `json:"key"`
	Name   string   `json:"name"`
	File   string   `json:"file"` // relative to the package directory
	Line   int      `json:"line"`
	Params []string `json:"params"`
	Text   string   `json:"text"`
}

// mapKeys are the keys of rows the statements UNWIND or collect.
var mapKeys = []string{"from", "to", "props", "sources", "type", "node", "key", "score", "search"}

// Schema returns the DBSchema.
func Schema() (DBSchema, error) {
	cat, err := statements()
	if err != nil {
		return DBSchema{}, err
	}
	d := DBSchema{
		Labels:       []string{"Node"},
		MapKeys:      slices.Clone(mapKeys),
		Placeholders: map[string][]string{kindPlaceholder: expansions(kindPlaceholder), typePlaceholder: expansions(typePlaceholder)},
	}
	keys := map[string]bool{}
	for k := range nodeReserved {
		keys[k] = true
	}
	for k := range edgeReserved {
		keys[k] = true
	}
	for _, k := range graph.Kinds {
		d.Labels = append(d.Labels, string(k.Kind))
		for _, p := range k.Props {
			keys[p.Name] = true
		}
	}
	for _, t := range graph.EdgeTypes {
		d.RelationshipTypes = append(d.RelationshipTypes, string(t.Type))
		for _, p := range t.Props {
			keys[p.Name] = true
		}
	}
	for k := range keys {
		d.PropertyKeys = append(d.PropertyKeys, k)
	}
	slices.Sort(d.PropertyKeys)
	for _, s := range cat.all {
		d.Statements = append(d.Statements, StatementInfo{
			Key: s.key, Name: s.name, File: s.file, Line: s.line, Params: slices.Clone(s.params), Text: s.text,
		})
	}
	return d, nil
}
