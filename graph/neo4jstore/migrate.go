package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// schemaFile holds the migrations, run in file order.
const schemaFile = "cypher/schema.cypher"

// backfillBatch is how many nodes one backfill transaction rewrites.
const backfillBatch = 500

// awaitTimeout is how long Migrate waits for indexes to come ONLINE when
// its context has no deadline.
const awaitTimeout = 10 * time.Minute

// Migrate creates the constraints and indexes the Store relies on: a
// uniqueness constraint on id for the label Node and for each kind label,
// range indexes on kind, reference, name and date, and the full-text index
// node_search (dropping node_text, which it replaces). Every statement is
// IF NOT EXISTS or IF EXISTS, so Migrate is idempotent; each runs in its
// own transaction (Neo4j does not mix schema and data writes in one) and
// is logged. The last waits until every index is ONLINE (await_indexes),
// within ctx's deadline or awaitTimeout. Then, when some node lacks them
// (backfillPending), it writes the search properties (backfillSearch) and
// the reference keys (backfillRefKeys) of every node stored before they
// existed; a second run reads no node.
func (s *Store) Migrate(ctx context.Context) error {
	stmts := s.cat.inFile(schemaFile)
	if len(stmts) == 0 {
		return fmt.Errorf("neo4jstore: migrate: no statements in %s", schemaFile)
	}
	for _, st := range stmts {
		s.log.InfoContext(ctx, "neo4jstore: migrate", "statement", st.key, "cypher", st.text)
		params := map[string]any{}
		if slices.Contains(st.params, "timeout") {
			params["timeout"] = awaitSeconds(ctx, time.Now())
		}
		err := s.write(ctx, "migrate "+st.key, func(q querier) error {
			_, err := q.run(ctx, st, params)
			return err
		})
		if err != nil {
			return err
		}
	}
	pending, err := s.backfillPending(ctx)
	if err != nil || pending.nodes() == 0 {
		return err
	}
	if pending.folds > 0 {
		// Edges first: the nodes' companions are what says the
		// migration is done.
		e, err := s.backfillEdgeFolds(ctx, backfillBatch)
		if err != nil {
			return err
		}
		if e > 0 {
			s.log.InfoContext(ctx, "neo4jstore: migrate: wrote the fold companions of relationships stored without them", "relationships", e)
		}
	}
	if pending.search > 0 || pending.folds > 0 {
		n, err := s.backfillSearch(ctx, backfillBatch)
		if err != nil {
			return err
		}
		if n > 0 {
			s.log.InfoContext(ctx, "neo4jstore: migrate: wrote the search properties of nodes stored without them", "nodes", n)
		}
	}
	if pending.refs > 0 {
		n, err := s.backfillRefKeys(ctx, refKeysBatch)
		if err != nil {
			return err
		}
		s.log.InfoContext(ctx, "neo4jstore: migrate: wrote the reference keys of nodes stored without them", "nodes", n)
	}
	return nil
}

// awaitSeconds is db.awaitIndexes's timeout, in whole seconds (at least
// one): what is left of ctx's deadline at now, or awaitTimeout.
func awaitSeconds(ctx context.Context, now time.Time) int64 {
	d := awaitTimeout
	if dl, ok := ctx.Deadline(); ok {
		d = dl.Sub(now)
	}
	return max(1, int64((d+time.Second-1)/time.Second))
}

// pending is what the backfill has to do: the nodes without search
// properties, those without fold companions, and those without refKeys.
type pending struct{ search, folds, refs int64 }

func (p pending) nodes() int64 { return p.search + p.folds + p.refs }

// backfillPending counts the nodes without search properties, those
// without fold companions and those without refKeys: every node
// (list_total, from the counts store) less those on the node_search_kind
// index (search_backfill_indexed), less those on node_name_fold
// (fold_backfill_indexed), and less those on node_ref_keys
// (refkeys_indexed), so that a migrated database, where there are none,
// is not scanned on every start.
func (s *Store) backfillPending(ctx context.Context) (pending, error) {
	var p pending
	err := s.read(ctx, "migrate search_backfill_indexed", func(q querier) error {
		var n [4]int64
		for i, c := range []struct{ name, col string }{{"list_total", "total"}, {"search_backfill_indexed", "indexed"},
			{"fold_backfill_indexed", "indexed"}, {"refkeys_indexed", "indexed"}} {
			st, err := s.cat.get(c.name)
			if err != nil {
				return err
			}
			res, err := q.run(ctx, st, map[string]any{})
			if err != nil {
				return err
			}
			if len(res.records) != 1 {
				return recordErr("%s returned %d rows, want 1", c.name, len(res.records))
			}
			if n[i], err = intValue(res.records[0], c.col); err != nil {
				return err
			}
		}
		p = pending{search: n[0] - n[1], folds: n[0] - n[2], refs: n[0] - n[3]}
		return nil
	})
	return p, err
}

// refKeysBatch is how many nodes one refkeys_backfill transaction writes.
// Each batch scans the nodes from the start for ones without refKeys, so
// batches are large: a database of 100,000 nodes takes ten.
const refKeysBatch = 10000

// backfillRefKeys writes refKeys on the nodes that lack it, in Cypher
// (refkeys_backfill), batch nodes per write transaction, and returns how
// many it wrote.
func (s *Store) backfillRefKeys(ctx context.Context, batch int) (int, error) {
	total := 0
	for {
		var written int64
		err := s.write(ctx, "migrate refkeys_backfill", func(q querier) error {
			st, err := s.cat.get("refkeys_backfill")
			if err != nil {
				return err
			}
			res, err := q.run(ctx, st, map[string]any{"batch": int64(batch)})
			if err != nil {
				return err
			}
			if len(res.records) != 1 {
				return recordErr("refkeys_backfill returned %d rows, want 1", len(res.records))
			}
			written, err = intValue(res.records[0], "written")
			return err
		})
		if err != nil {
			return total, err
		}
		total += int(written)
		if written < int64(batch) {
			return total, nil
		}
	}
}

// backfillSearch writes the search properties and fold companions
// (derivedProps) of the nodes that lack them, batch nodes per write
// transaction, and returns how many it wrote. The text comes from graph/search, in Go, so it cannot be a
// single Cypher statement: each batch reads the nodes, computes their
// properties and writes them with a parameter. Batches follow the id
// order, so the loop ends even when a node cannot be read as a graph.Node
// (written by another program, with a property the domain does not know):
// such a node is skipped with a warning, as every read of it fails
// anyway, and it stays out of the search until it is fixed.
func (s *Store) backfillSearch(ctx context.Context, batch int) (int, error) {
	const op = "migrate search_backfill"
	total := 0
	after := ""
	for {
		var seen, written int
		var last string
		err := s.write(ctx, op, func(q querier) error {
			seen, written, last = 0, 0, ""
			read, err := s.cat.get("search_backfill_read")
			if err != nil {
				return err
			}
			res, err := q.run(ctx, read, map[string]any{"after": after, "batch": int64(batch)})
			if err != nil {
				return err
			}
			rows := make([]any, 0, len(res.records))
			for _, rec := range res.records {
				id, err := stringValue(rec, "id")
				if err != nil {
					return err
				}
				seen, last = seen+1, id
				n, err := nodeFromRecord(rec, "n")
				if err != nil {
					s.log.WarnContext(ctx, "neo4jstore: migrate: node left out of the search: it does not fit the domain", "id", id, "err", err)
					continue
				}
				rows = append(rows, map[string]any{"id": n.ID, "search": derivedProps(n)})
			}
			if len(rows) == 0 {
				return nil
			}
			write, err := s.cat.get("search_backfill_write")
			if err != nil {
				return err
			}
			if _, err := q.run(ctx, write, map[string]any{"rows": rows}); err != nil {
				return err
			}
			written = len(rows)
			return nil
		})
		if err != nil {
			return total, err
		}
		total += written
		if seen < batch {
			return total, nil
		}
		after = last
	}
}

// backfillEdgeFolds writes the fold companions of every relationship's
// text properties (foldProps), batch relationships per write transaction
// in element id order, and returns how many it wrote. Migrate runs it
// when some node lacks its own, which marks a database written before
// they existed. A relationship that does not fit the domain is skipped
// with a warning, as in backfillSearch.
func (s *Store) backfillEdgeFolds(ctx context.Context, batch int) (int, error) {
	const op = "migrate fold_backfill_edges"
	total := 0
	after := ""
	for {
		var seen, written int
		var last string
		err := s.write(ctx, op, func(q querier) error {
			seen, written, last = 0, 0, ""
			read, err := s.cat.get("fold_backfill_edges_read")
			if err != nil {
				return err
			}
			res, err := q.run(ctx, read, map[string]any{"after": after, "batch": int64(batch)})
			if err != nil {
				return err
			}
			rows := make([]any, 0, len(res.records))
			for _, rec := range res.records {
				eid, err := stringValue(rec, "eid")
				if err != nil {
					return err
				}
				seen, last = seen+1, eid
				e, err := edgeFromRecord(rec)
				if err != nil {
					s.log.WarnContext(ctx, "neo4jstore: migrate: relationship left without fold companions: it does not fit the domain", "element", eid, "err", err)
					continue
				}
				if folds := foldProps(e.Props); len(folds) > 0 {
					rows = append(rows, map[string]any{"eid": eid, "props": folds})
				}
			}
			if len(rows) == 0 {
				return nil
			}
			write, err := s.cat.get("fold_backfill_edges_write")
			if err != nil {
				return err
			}
			if _, err := q.run(ctx, write, map[string]any{"rows": rows}); err != nil {
				return err
			}
			written = len(rows)
			return nil
		})
		if err != nil {
			return total, err
		}
		total += written
		if seen < batch {
			return total, nil
		}
		after = last
	}
}
