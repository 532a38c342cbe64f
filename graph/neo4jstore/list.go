package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// ListNodes returns one page of the nodes that match q, in the order of
// graph.SortKey then id, with the total count. The filter and the key are
// computed in Cypher by two statements in one read transaction: the page
// (list_page_*, one row more than the page, to learn whether another
// follows) and the count (list_count*, or list_total from the counts store
// when nothing filters); list.cypher says how each is shaped for the
// planner. The cursors come from graph.CursorOf on the nodes returned.
func (s *Store) ListNodes(ctx context.Context, q graph.ListQuery) (graph.Page, error) {
	q, err := q.Normalize()
	if err != nil {
		return graph.Page{}, fmt.Errorf("neo4jstore: list nodes: %w", err)
	}
	params, err := listParams(q)
	if err != nil {
		return graph.Page{}, fmt.Errorf("neo4jstore: list nodes: %w", err)
	}
	pageName, countName := "list_page", "list_count"
	if q.Kind != "" {
		pageName, countName = "list_page_kind", "list_count_kind"
	}
	if q.Desc {
		pageName += "_desc"
	} else {
		pageName += "_asc"
	}
	if q.Kind == "" && q.Filter == (graph.Filter{}) {
		countName = "list_total"
	}
	var page graph.Page
	err = s.read(ctx, "list nodes", func(tx querier) error {
		st, err := s.cat.get(pageName)
		if err != nil {
			return err
		}
		res, err := tx.run(ctx, st, declared(st, params))
		if err != nil {
			return err
		}
		nodes, err := nodesFromRecords(res.records)
		if err != nil {
			return err
		}
		if len(nodes) > q.First+1 {
			return recordErr("%s returned %d nodes, more than %d", pageName, len(nodes), q.First+1)
		}
		st, err = s.cat.get(countName)
		if err != nil {
			return err
		}
		res, err = tx.run(ctx, st, declared(st, params))
		if err != nil {
			return err
		}
		if len(res.records) != 1 {
			return recordErr("%s returned %d rows, want 1", countName, len(res.records))
		}
		total, err := intValue(res.records[0], "total")
		if err != nil {
			return err
		}
		page = graph.Page{Nodes: nodes[:min(len(nodes), q.First)], TotalCount: int(total),
			HasNextPage: len(nodes) > q.First, HasPrevPage: q.After != ""}
		return nil
	})
	if err != nil {
		return graph.Page{}, err
	}
	if n := len(page.Nodes); n > 0 {
		page.StartCursor = graph.CursorOf(page.Nodes[0], q).Encode()
		page.EndCursor = graph.CursorOf(page.Nodes[n-1], q).Encode()
	}
	return page, nil
}

// declared returns the parameters of params that st declares: the list
// statements take different subsets of one set.
func declared(st *stmt, params map[string]any) map[string]any {
	out := make(map[string]any, len(st.params))
	for _, p := range st.params {
		out[p] = params[p]
	}
	return out
}

// listParams turns a normalised query into the list statements'
// parameters. An unset filter field is null, which the statement reads as
// "no condition"; the sort field and graph.NoDate are parameters too, so
// that the Cypher holds no copy of the domain's constants.
func listParams(q graph.ListQuery) (map[string]any, error) {
	opt := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	p := map[string]any{
		"kind":      opt(string(q.Kind)),
		"idPrefix":  opt(q.Filter.IDPrefix),
		"text":      opt(strings.ToLower(q.Filter.Text)), // as graph.Filter.Matches folds it
		"type":      opt(q.Filter.Type),
		"reference": opt(q.Filter.Reference),
		"dateFrom":  nil,
		"dateTo":    nil,
		"sort":      string(q.Sort),
		"noDate":    graph.NoDate,
		"afterKey":  nil,
		"afterId":   nil,
		"first":     int64(q.First),
	}
	// A bound spans its period (graph.Date.Within): from its first day,
	// to its last.
	if d := q.Filter.DateFrom; d != nil {
		p["dateFrom"] = dateParam(d.First())
	}
	if d := q.Filter.DateTo; d != nil {
		p["dateTo"] = dateParam(d.Last())
	}
	if q.After != "" {
		c, err := graph.DecodeCursor(q.After)
		if err != nil {
			return nil, err
		}
		p["afterKey"], p["afterId"] = c.Key, c.ID
	}
	return p, nil
}

// Count returns the number of nodes of each kind and edges of each type;
// every kind and type of the allow-lists is present, zero or not.
func (s *Store) Count(ctx context.Context) (graph.Counts, error) {
	var c graph.Counts
	err := s.read(ctx, "count", func(q querier) error {
		c = graph.Counts{Nodes: map[graph.Kind]int{}, Edges: map[graph.EdgeType]int{}}
		for _, k := range graph.Kinds {
			c.Nodes[k.Kind] = 0
		}
		for _, t := range graph.EdgeTypes {
			c.Edges[t.Type] = 0
		}
		st, err := s.cat.get("count_nodes")
		if err != nil {
			return err
		}
		res, err := q.run(ctx, st, map[string]any{})
		if err != nil {
			return err
		}
		for _, rec := range res.records {
			// Nodes with the Node label but no known kind, or a kind
			// that is not even a string, are not ours (a shared
			// database): they are not counted.
			v, ok := rec.Get("kind")
			if !ok {
				return recordErr("count_nodes: no kind column")
			}
			n, err := intValue(rec, "count")
			if err != nil {
				return err
			}
			if kind, ok := v.(string); ok && graph.Kind(kind).Valid() {
				c.Nodes[graph.Kind(kind)] += int(n)
			}
		}
		st, err = s.cat.get("count_edges")
		if err != nil {
			return err
		}
		res, err = q.run(ctx, st, map[string]any{})
		if err != nil {
			return err
		}
		for _, rec := range res.records {
			typ, err := stringValue(rec, "type")
			if err != nil {
				return err
			}
			n, err := intValue(rec, "count")
			if err != nil {
				return err
			}
			if t := graph.EdgeType(typ); t.Valid() {
				c.Edges[t] += int(n)
			}
		}
		return nil
	})
	if err != nil {
		return graph.Counts{}, err
	}
	return c, nil
}
