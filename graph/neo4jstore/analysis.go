package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/search"
)

// Degrees returns the number of edges at each id, every type and
// direction, in the order of ids: 0 for an id without edges or without a
// node. One read statement serves the whole batch.
func (s *Store) Degrees(ctx context.Context, ids []string) ([]int, error) {
	const op = "degrees"
	if len(ids) > graph.MaxBatchIDs {
		return nil, fmt.Errorf("neo4jstore: %s: %w", op, &graph.ValidationError{
			Field: "ids", Reason: strconv.Itoa(len(ids)) + " ids, at most " + strconv.Itoa(graph.MaxBatchIDs)})
	}
	out := make([]int, len(ids))
	if len(ids) == 0 {
		if s.closed.Load() {
			return nil, fmt.Errorf("neo4jstore: %s: %w", op, ErrClosed)
		}
		return out, nil
	}
	var deg map[string]int
	err := s.readOne(ctx, op, func(q querier) error {
		st, err := s.cat.get("degrees")
		if err != nil {
			return err
		}
		res, err := q.run(ctx, st, map[string]any{"ids": distinct(ids)})
		if err != nil {
			return err
		}
		deg = make(map[string]int, len(res.records))
		for _, rec := range res.records {
			id, err := stringValue(rec, "id")
			if err != nil {
				return err
			}
			n, err := intValue(rec, "degree")
			if err != nil {
				return err
			}
			deg[id] = int(n)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		out[i] = deg[id]
	}
	return out, nil
}

// tieMargin is how far below the limit-th PageRank score rank_pagerank
// still returns candidates: RoundScore keeps 6 significant digits, so two
// scores it makes equal differ by less than 1e-5 of either, and a
// candidate that rounds equal to the limit-th and has a smaller id must
// reach the caller, which orders after rounding.
const tieMargin = 1e-4

// Rank returns the top q.Limit nodes by q.Measure, ordered by
// graph.CompareRanked. Both measures are computed by the server in one
// read statement, from what is stored at that moment: nothing is cached,
// since other clients may write the database.
func (s *Store) Rank(ctx context.Context, q graph.RankQuery) ([]graph.Ranked, error) {
	const op = "rank"
	q, err := q.Normalize()
	if err != nil {
		return nil, fmt.Errorf("neo4jstore: %s: %w", op, err)
	}
	name, params := rankParams(q)
	var out []graph.Ranked
	err = s.readOne(ctx, op, func(tx querier) error {
		out = nil // the driver may run this function again
		st, err := s.cat.get(name)
		if err != nil {
			return err
		}
		res, err := tx.run(ctx, st, params)
		if err != nil {
			return err
		}
		out = make([]graph.Ranked, 0, len(res.records))
		for _, rec := range res.records {
			n, err := nodeFromRecord(rec, "n")
			if err != nil {
				return err
			}
			var score float64
			if q.Measure == graph.MeasurePageRank {
				f, err := floatValue(rec, "score")
				if err != nil {
					return err
				}
				score = graph.RoundScore(f)
			} else {
				c, err := intValue(rec, "score")
				if err != nil {
					return err
				}
				score = float64(c)
			}
			out = append(out, graph.Ranked{Node: n, Score: score})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, graph.CompareRanked)
	if len(out) > q.Limit {
		out = out[:q.Limit]
	}
	return out, nil
}

// rankParams picks the statement of a normalized query and its parameters.
// Types and kinds are lists of allow-listed names, the direction two
// booleans: the statement text is always the same.
func rankParams(q graph.RankQuery) (string, map[string]any) {
	types := make([]string, len(q.Types))
	for i, t := range q.Types {
		types[i] = string(t)
	}
	kinds := make([]string, len(q.Kinds))
	for i, k := range q.Kinds {
		kinds[i] = string(k)
	}
	params := map[string]any{
		"types":    types,
		"kinds":    kinds,
		"idPrefix": q.IDPrefix,
		"limit":    int64(q.Limit),
		"outgoing": q.Direction != graph.In,
		"incoming": q.Direction != graph.Out,
	}
	if q.Measure != graph.MeasurePageRank {
		return "rank_degree", params
	}
	params["damping"] = graph.PageRankDamping
	params["iterations"] = int64(graph.PageRankIterations)
	params["tieMargin"] = tieMargin
	return "rank_pagerank", params
}

// Search returns one page of full-text hits from the index node_search.
// The query is graph/search's (search.Parse, sent as its Lucene string in
// a parameter). Lucene orders hits of equal score by its own document
// numbers, which differ from server to server and follow insertion, not
// ids, so the page is cut from hits ordered by score and then id
// (graph.CompareHits), as on the embedded store. That needs every hit up
// to the end of the page and one more, and when the lowest score fetched
// is also the page's last, every hit of that score, since Lucene may have
// left out one with a smaller id: the window doubles until its lowest
// score falls below the page's last or the hits run out. A text without
// terms has no hits and asks the server nothing.
func (s *Store) Search(ctx context.Context, q graph.SearchQuery) (graph.SearchPage, error) {
	const op = "search"
	q, err := q.Normalize()
	if err != nil {
		return graph.SearchPage{}, fmt.Errorf("neo4jstore: %s: %w", op, err)
	}
	page := graph.SearchPage{Offset: q.Offset}
	parsed := search.Parse(q.Text, q.Kinds)
	if parsed.Empty() {
		if s.closed.Load() {
			return graph.SearchPage{}, fmt.Errorf("neo4jstore: %s: %w", op, ErrClosed)
		}
		return page, nil
	}
	end := q.Offset + q.First
	// A projection reads what Matched needs as well, and is cut to
	// q.Fields once each hit's field is known.
	read := q.Fields.With(search.MatchedProps...)
	var hits []graph.SearchHit
	// Each window is a read of its own (readOne: one round trip); in one
	// transaction they would see no more consistent a database, since
	// Neo4j isolates transactions only as read committed.
	for limit := end + 1; ; limit *= 2 {
		err = s.readOne(ctx, op, func(tx querier) error {
			hits = nil
			st, err := s.cat.get("search_nodes")
			if err != nil {
				return err
			}
			params := map[string]any{
				"query": parsed.Lucene(),
				"skip":  int64(0),
				"limit": int64(limit),
			}
			keys := projectionParams(params, "nodeKeys", "nodeSources", read)
			res, err := tx.run(ctx, st, params)
			if err != nil {
				return err
			}
			for _, rec := range res.records {
				n, err := listedNode(rec, keys)
				if errors.Is(err, errDeleted) {
					continue // as if the delete had come first, as lists do
				}
				if err != nil {
					return err
				}
				score, err := floatValue(rec, "score")
				if err != nil {
					return err
				}
				hit := graph.SearchHit{Node: n, Score: score, Field: search.Matched(n, parsed)}
				if q.Fields != nil {
					hit.Node = q.Fields.Of(n)
				}
				hits = append(hits, hit)
			}
			return nil
		})
		if err != nil {
			return graph.SearchPage{}, err
		}
		if len(hits) < limit {
			break // every hit
		}
		slices.SortStableFunc(hits, graph.CompareHits)
		if hits[len(hits)-1].Score < hits[end-1].Score {
			break // the page's last score is complete
		}
	}
	slices.SortStableFunc(hits, graph.CompareHits)
	if len(hits) > end {
		page.HasNextPage = end < graph.MaxSearchWindow
		hits = hits[:end]
	}
	if q.Offset < len(hits) {
		page.Hits = hits[q.Offset:]
	}
	return page, nil
}
