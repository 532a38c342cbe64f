package neo4jstore

import "context"

// deleteBatch is how many nodes DeleteAll deletes per transaction: one
// transaction for a graph of 100,000 nodes and 500,000 edges exceeds the
// transaction memory of a server with a 1 GB heap.
const deleteBatch = 10000

// DeleteAll deletes every node the Store wrote (label Node) and their
// relationships, deleteBatch nodes per transaction, and returns how many
// nodes it deleted; the schema stays. If it fails, the nodes of the
// batches before are gone. It is not part of graph.Store: it exists for
// suites that need the database to hold exactly one dataset
// (graph/teststore, benchmarks/scale), since Neo4j Community has one user
// database and no CREATE DATABASE.
func (s *Store) DeleteAll(ctx context.Context) (int, error) {
	total := 0
	for {
		var n int64
		err := s.write(ctx, "delete all", func(q querier) error {
			st, err := s.cat.get("delete_some")
			if err != nil {
				return err
			}
			res, err := q.run(ctx, st, map[string]any{"limit": deleteBatch})
			if err != nil {
				return err
			}
			if len(res.records) != 1 {
				return recordErr("delete_some returned %d rows", len(res.records))
			}
			n, err = intValue(res.records[0], "deleted")
			return err
		})
		total += int(n)
		if err != nil || n < deleteBatch {
			return total, err
		}
	}
}
