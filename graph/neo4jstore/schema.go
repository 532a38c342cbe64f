package neo4jstore

import (
	"maps"
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
	// PropertyKeys: the reserved keys, every domain property name, and
	// the companions of text (fold) and date (precision) properties.
	PropertyKeys []string `json:"propertyKeys"`
	// MapKeys: keys of the maps the statements build or receive as
	// parameters (UNWIND rows, list rows), which a linter sees as property
	// accesses.
	MapKeys []string `json:"mapKeys"`
	// Placeholders: what each placeholder expands to, in order.
	Placeholders map[string][]string `json:"placeholders"`
	// Substitutions: the placeholders replaced in place by one text,
	// before the others expand.
	Substitutions map[string]string `json:"substitutions"`
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
// first and last are the bounds of a date operand (querycypher.go).
var mapKeys = []string{"from", "to", "props", "sources", "type", "node", "key", "score", "search", "first", "last", "eid"}

// Schema returns the DBSchema.
func Schema() (DBSchema, error) {
	cat, err := statements()
	if err != nil {
		return DBSchema{}, err
	}
	d := DBSchema{
		Labels:        []string{"Node"},
		MapKeys:       slices.Clone(mapKeys),
		Placeholders:  map[string][]string{kindPlaceholder: expansions(kindPlaceholder), typePlaceholder: expansions(typePlaceholder)},
		Substitutions: maps.Clone(substitutions),
	}
	for _, k := range graph.Kinds {
		d.Labels = append(d.Labels, string(k.Kind))
	}
	for _, t := range graph.EdgeTypes {
		d.RelationshipTypes = append(d.RelationshipTypes, string(t.Type))
	}
	d.PropertyKeys = storedKeys()
	for _, s := range cat.all {
		d.Statements = append(d.Statements, StatementInfo{
			Key: s.key, Name: s.name, File: s.file, Line: s.line, Params: slices.Clone(s.params), Text: s.text,
		})
	}
	return d, nil
}
