package neo4jstore

import (
	"context"
	"fmt"
)

// schemaFile holds the migrations, run in file order.
const schemaFile = "cypher/schema.cypher"

// Migrate creates the constraints and indexes the Store relies on: a
// uniqueness constraint on id for the label Node and for each kind label,
// range indexes on kind, reference, name and date, and the full-text index
// node_text. Every statement is IF NOT EXISTS, so Migrate is idempotent;
// each runs in its own transaction (Neo4j does not mix schema and data
// writes in one) and is logged.
func (s *Store) Migrate(ctx context.Context) error {
	for _, st := range s.cat.inFile(schemaFile) {
		s.log.InfoContext(ctx, "neo4jstore: migrate", "statement", st.key, "cypher", st.text)
		err := s.write(ctx, "migrate "+st.key, func(q querier) error {
			_, err := q.run(ctx, st, map[string]any{})
			return err
		})
		if err != nil {
			return err
		}
	}
	if len(s.cat.inFile(schemaFile)) == 0 {
		return fmt.Errorf("neo4jstore: migrate: no statements in %s", schemaFile)
	}
	return nil
}
