package neo4jstore

import "context"

// DeleteAll deletes every node the Store wrote (label Node) and their
// relationships, in one transaction, and returns how many nodes it deleted;
// the schema stays. It is not part of graph.Store: it exists for suites
// that need the database to hold exactly one dataset (graph/teststore),
// since Neo4j Community has one user database and no CREATE DATABASE.
func (s *Store) DeleteAll(ctx context.Context) (int, error) {
	var n int
	err := s.write(ctx, "delete all", func(q querier) error {
		st, err := s.cat.get("delete_all")
		if err != nil {
			return err
		}
		res, err := q.run(ctx, st, nil)
		if err != nil {
			return err
		}
		if len(res.records) != 1 {
			return recordErr("delete_all returned %d rows", len(res.records))
		}
		deleted, err := intValue(res.records[0], "deleted")
		n = int(deleted)
		return err
	})
	return n, err
}
