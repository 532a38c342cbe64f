package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/issgraph/issgraph/graph"
	_ "github.com/issgraph/issgraph/graph/ref" // reference conditions read any spelling (graph.RegisterReferences)
)

// The analyst queries (graph.Querier). Each query is normalised by graph,
// turned into Cypher by the generator (querycypher.go), and run as two
// statements: the counts that place the page in the list
// (graph.Paging.Window) and the page itself, which a find runs as one
// statement (gen.find, one round trip), or the aggregate's numbers and
// then its groups. A query still running at the request's
// deadline is ended by the server at the transaction timeout the deadline
// sets (store.go), and fails with context.DeadlineExceeded.

// generated finishes a statement of the generator: its text and
// parameters as a stmt the querier runs, or the generator's error (a bug).
func generated(name string, g *gen, text frag) (*stmt, map[string]any, error) {
	if g.err != nil {
		return nil, nil, g.err
	}
	params := make([]string, 0, len(g.params))
	for p := range g.params {
		params = append(params, p)
	}
	sort.Strings(params)
	return &stmt{key: "query:" + name, name: name, file: "generated", params: params, text: string(text)}, g.params, nil
}

// counts reads total, rest and prior from a count row, and places the
// page: lo items at or before After, hi before Before.
func counts(rec *neo4j.Record, p graph.Paging) (total int, w graph.Window, err error) {
	var c [3]int64
	for i, col := range []string{"total", "rest", "prior"} {
		if c[i], err = intValue(rec, col); err != nil {
			return 0, w, err
		}
	}
	total = int(c[0])
	return total, p.Window(total, total-int(c[1]), int(c[2])), nil
}

// Find returns one page of the nodes that match q.
func (s *Store) Find(ctx context.Context, q graph.Query) (graph.Page, error) {
	q, err := q.Normalize()
	if err != nil {
		return graph.Page{}, fmt.Errorf("neo4jstore: find: %w", err)
	}
	g := newGen()
	st, params, err := generated("find", g, g.find(q))
	if err != nil {
		return graph.Page{}, err
	}
	// The counts and the page are one statement (gen.find), one round
	// trip.
	var out graph.Page
	err = s.readOne(ctx, "find", func(tx querier) error {
		out = graph.Page{}
		res, err := tx.run(ctx, st, params)
		if err != nil {
			return err
		}
		if len(res.records) != 1 {
			return recordErr("find returned %d rows, want 1", len(res.records))
		}
		rec := res.records[0]
		var w graph.Window
		if out.TotalCount, w, err = counts(rec, q.Paging); err != nil {
			return err
		}
		out.HasPrevPage, out.HasNextPage = w.Start > 0, w.End < out.TotalCount
		page, isNil, err := neo4j.GetRecordValue[[]any](rec, "page")
		if err != nil || isNil {
			return recordErr("page: missing or not a list (%v)", err)
		}
		if len(page) == 0 {
			return nil
		}
		out.Nodes = make([]graph.Node, 0, len(page))
		for _, v := range page {
			n, err := nodeFromValue(v)
			if errors.Is(err, errDeleted) {
				continue
			}
			if err != nil {
				return err
			}
			out.Nodes = append(out.Nodes, n)
		}
		if q.Last > 0 {
			slices.Reverse(out.Nodes)
		}
		return nil
	})
	if err != nil {
		return graph.Page{}, err
	}
	if n := len(out.Nodes); n > 0 {
		out.StartCursor, out.EndCursor = q.CursorOf(out.Nodes[0]), q.CursorOf(out.Nodes[n-1])
	}
	return out, nil
}

// Related returns one page of the relationship list of each id.
func (s *Store) Related(ctx context.Context, q graph.RelQuery) ([]graph.RelPage, error) {
	q, err := q.Normalize()
	if err != nil {
		return nil, fmt.Errorf("neo4jstore: related: %w", err)
	}
	cg, pg := newGen(), newGen()
	countSt, countParams, err := generated("related_count", cg, cg.relatedCount(q))
	if err != nil {
		return nil, err
	}
	pageSt, pageParams, err := generated("related_page", pg, pg.relatedPage(q))
	if err != nil {
		return nil, err
	}
	var pages map[string]*graph.RelPage
	err = s.read(ctx, "related", func(tx querier) error {
		pages = map[string]*graph.RelPage{}
		res, err := tx.run(ctx, countSt, countParams)
		if err != nil {
			return err
		}
		for _, rec := range res.records {
			id, err := stringValue(rec, "id")
			if err != nil {
				return err
			}
			total, w, err := counts(rec, q.Paging)
			if err != nil {
				return err
			}
			pages[id] = &graph.RelPage{TotalCount: total, HasPrevPage: w.Start > 0, HasNextPage: w.End < total}
		}
		res, err = tx.run(ctx, pageSt, pageParams)
		if err != nil {
			return err
		}
		for _, rec := range res.records {
			id, err := stringValue(rec, "id")
			if err != nil {
				return err
			}
			e, err := edgeFromRecord(rec)
			if err != nil {
				return err
			}
			n, err := nodeFromRecord(rec, "n")
			if err != nil {
				if errors.Is(err, errDeleted) {
					continue
				}
				return err
			}
			p := pages[id]
			if p == nil {
				return recordErr("related_page returned an item of %q, which related_count did not count", id)
			}
			p.Items = append(p.Items, graph.Related{Edge: e, Node: n})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]graph.RelPage, len(q.IDs))
	for i, id := range q.IDs {
		p, ok := pages[id]
		if !ok {
			continue
		}
		// The subquery's order does not survive UNWIND for certain:
		// the items are put back in the list's order here.
		slices.SortFunc(p.Items, func(a, b graph.Related) int {
			return graph.ComparePositions(graph.PositionOf(a.Node, &a.Edge, q.Sort), graph.PositionOf(b.Node, &b.Edge, q.Sort), q.Sort)
		})
		if n := len(p.Items); n > 0 {
			p.StartCursor, p.EndCursor = q.CursorOf(p.Items[0]), q.CursorOf(p.Items[n-1])
		}
		out[i] = *p
	}
	return out, nil
}

// Aggregate returns the aggregates of q's node list, or of each id's
// relationship list.
func (s *Store) Aggregate(ctx context.Context, q graph.AggQuery) ([]graph.Aggregate, error) {
	q, err := q.Normalize()
	if err != nil {
		return nil, fmt.Errorf("neo4jstore: aggregate: %w", err)
	}
	sg := newGen()
	statsSt, statsParams, err := generated("aggregate_stats", sg, sg.aggStats(q))
	if err != nil {
		return nil, err
	}
	var groupsSt *stmt
	var groupsParams map[string]any
	if len(q.GroupBy) > 0 {
		gg := newGen()
		if groupsSt, groupsParams, err = generated("aggregate_groups", gg, gg.aggGroups(q)); err != nil {
			return nil, err
		}
	}
	keys := q.IDs
	if q.Rel == nil {
		keys = []string{""}
	}
	var aggs map[string]*graph.Aggregate
	err = s.read(ctx, "aggregate", func(tx querier) error {
		aggs = map[string]*graph.Aggregate{}
		res, err := tx.run(ctx, statsSt, statsParams)
		if err != nil {
			return err
		}
		for _, rec := range res.records {
			id, err := aggID(rec, q)
			if err != nil {
				return err
			}
			a := &graph.Aggregate{Min: map[string]any{}, Max: map[string]any{}}
			n, err := intValue(rec, "count")
			if err != nil {
				return err
			}
			a.Count = int(n)
			for _, m := range []struct {
				fields []graph.AggField
				vars   []frag
				into   map[string]any
			}{{q.Min, minVars, a.Min}, {q.Max, maxVars, a.Max}} {
				for i, f := range m.fields {
					v, err := aggValue(rec, string(m.vars[i]))
					if err != nil {
						return err
					}
					if v != nil {
						m.into[f.AggKey()] = v
					}
				}
			}
			aggs[id] = a
		}
		if groupsSt == nil {
			return nil
		}
		res, err = tx.run(ctx, groupsSt, groupsParams)
		if err != nil {
			return err
		}
		for _, rec := range res.records {
			id, err := aggID(rec, q)
			if err != nil {
				return err
			}
			a := aggs[id]
			if a == nil {
				return recordErr("aggregate_groups returned a group of %q, which aggregate_stats did not count", id)
			}
			grp := graph.Group{Keys: make([]any, len(q.GroupBy))}
			for i, k := range q.GroupBy {
				if grp.Keys[i], err = groupValue(rec, string(groupVars[i]), k); err != nil {
					return err
				}
			}
			n, err := intValue(rec, "count")
			if err != nil {
				return err
			}
			grp.Count = int(n)
			a.Groups = append(a.Groups, grp)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]graph.Aggregate, len(keys))
	for i, id := range keys {
		a, ok := aggs[id]
		if !ok {
			out[i] = graph.Aggregate{Min: map[string]any{}, Max: map[string]any{}}
			continue
		}
		if len(q.GroupBy) > 0 {
			a.Groups, a.Truncated = graph.SortGroups(a.Groups)
		}
		out[i] = *a
	}
	return out, nil
}

// aggID is the id of a relationship list's row, "" for a node list.
func aggID(rec *neo4j.Record, q graph.AggQuery) (string, error) {
	if q.Rel == nil {
		return "", nil
	}
	return stringValue(rec, "id")
}

// aggValue reads a least or greatest value: an ISO date of any precision
// (the text form of a date) or an integer; nil when no match has it.
func aggValue(rec *neo4j.Record, col string) (any, error) {
	v, ok := rec.Get(col)
	if !ok {
		return nil, recordErr("no column %s", col)
	}
	switch x := v.(type) {
	case nil:
		return nil, nil
	case int64:
		return x, nil
	case string:
		d, err := graph.ParsePartialDate(x)
		if err != nil {
			return nil, recordErr("%s: %v", col, err)
		}
		return d, nil
	}
	return nil, recordErr("%s: want a date or an integer, got %T", col, v)
}

// groupValue reads a group key of k's type: a string (a kind, a text, an
// item of a list), a date in its ISO form, an integer or a boolean; nil
// when missing.
func groupValue(rec *neo4j.Record, col string, k graph.GroupKey) (any, error) {
	v, ok := rec.Get(col)
	if !ok {
		return nil, recordErr("no column %s", col)
	}
	if v == nil {
		return nil, nil
	}
	switch k.Type() {
	case graph.DateP:
		s, ok := v.(string)
		if !ok {
			return nil, recordErr("%s: want a date's ISO form, got %T", col, v)
		}
		d, err := graph.ParsePartialDate(s)
		if err != nil {
			return nil, recordErr("%s: %v", col, err)
		}
		return d, nil
	case graph.String, graph.Strings:
		if s, ok := v.(string); ok {
			return s, nil
		}
	case graph.Int:
		if i, ok := v.(int64); ok {
			return i, nil
		}
	case graph.Bool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	}
	return nil, recordErr("%s: a %s group key is a %T", col, k.Type(), v)
}
