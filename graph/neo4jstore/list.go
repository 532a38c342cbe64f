package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// ListNodes returns one page of the nodes that match q, in the order of
// graph.SortKey then id, with the total count. The filter and the key are
// computed in Cypher by two statements, a read each: the page
// (list_page_*, one row more than the page, to learn whether another
// follows) and the count (list_count*, or list_total from the counts store
// when nothing filters), which q.NoTotal skips; list.cypher says how each
// is shaped for the planner. The cursors come from graph.CursorOf on the nodes returned.
func (s *Store) ListNodes(ctx context.Context, q graph.ListQuery) (graph.Page, error) {
	q, err := q.Normalize()
	if err != nil {
		return graph.Page{}, fmt.Errorf("neo4jstore: list nodes: %w", err)
	}
	params, err := listParams(q)
	if err != nil {
		return graph.Page{}, fmt.Errorf("neo4jstore: list nodes: %w", err)
	}
	pageName, countName := listStatements(q)
	// The page and the count are a read each (readOne: one round trip
	// each, where one transaction around both takes four); one
	// transaction would see no more consistent a database, since Neo4j
	// isolates transactions only as read committed.
	var nodes []graph.Node
	err = s.readOne(ctx, "list nodes", func(tx querier) error {
		st, err := s.cat.get(pageName)
		if err != nil {
			return err
		}
		res, err := tx.run(ctx, st, declared(st, params))
		if err != nil {
			return err
		}
		if nodes, err = nodesFromRecords(res.records); err != nil {
			return err
		}
		if len(nodes) > q.First+1 {
			return recordErr("%s returned %d nodes, more than %d", pageName, len(nodes), q.First+1)
		}
		return nil
	})
	if err != nil {
		return graph.Page{}, err
	}
	var total int64
	if q.NoTotal {
		// No count, no second round trip: a lookup by reference reads
		// only its page.
		return listPage(nodes, 0, q), nil
	}
	err = s.readOne(ctx, "list nodes", func(tx querier) error {
		var st *stmt
		var err error
		if q.Kind != "" && countName == "list_total_kind" {
			st, err = s.cat.forKind(countName, q.Kind)
		} else {
			st, err = s.cat.get(countName)
		}
		if err != nil {
			return err
		}
		res, err := tx.run(ctx, st, declared(st, params))
		if err != nil {
			return err
		}
		if len(res.records) != 1 {
			return recordErr("%s returned %d rows, want 1", countName, len(res.records))
		}
		total, err = intValue(res.records[0], "total")
		return err
	})
	if err != nil {
		return graph.Page{}, err
	}
	return listPage(nodes, int(total), q), nil
}

// listPage is the page of q from the rows of its page statement (one more
// than the page when another follows) and its total.
func listPage(nodes []graph.Node, total int, q graph.ListQuery) graph.Page {
	page := graph.Page{Nodes: nodes[:min(len(nodes), q.First)], TotalCount: total,
		HasNextPage: len(nodes) > q.First, HasPrevPage: q.After != ""}
	if n := len(page.Nodes); n > 0 {
		page.StartCursor = graph.CursorOf(page.Nodes[0], q).Encode()
		page.EndCursor = graph.CursorOf(page.Nodes[n-1], q).Encode()
	}
	return page
}

// listStatements names the page and count statements of q (list.cypher):
// by reference when a reference filters, from the node_ref_keys index; by
// kind, from the node_kind index; or over every node. A list without a
// filter counts from the counts store, of the kind's label when it has a
// kind (list_total_kind, selected per kind by the caller).
func listStatements(q graph.ListQuery) (page, count string) {
	switch {
	case q.Filter.Reference != "":
		page, count = "list_page_ref", "list_count_ref"
	case q.Kind != "":
		page, count = "list_page_kind", "list_count_kind"
	default:
		page, count = "list_page", "list_count"
	}
	if q.Desc {
		page += "_desc"
	} else {
		page += "_asc"
	}
	if q.Filter == (graph.Filter{}) {
		count = "list_total"
		if q.Kind != "" {
			count = "list_total_kind"
		}
	}
	return page, count
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
		"refNeedle": refNeedle(q.Filter.Reference),
		"dateFrom":  nil,
		"dateTo":    nil,
		"sort":      string(q.Sort),
		"noDate":    graph.NoDate,
		"afterKey":  nil,
		"afterId":   nil,
		"first":     int64(q.First),
		// The page's nodes come as their projections (domainKeys).
		"domainKeys": domainKeys,
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
// every kind and type of the allow-lists is present, zero or not. Each is
// one statement on the counts store (count.cypher), all in one read
// transaction.
func (s *Store) Count(ctx context.Context) (graph.Counts, error) {
	var c graph.Counts
	err := s.read(ctx, "count", func(q querier) error {
		c = graph.Counts{Nodes: map[graph.Kind]int{}, Edges: map[graph.EdgeType]int{}}
		count := func(st *stmt, err error) (int, error) {
			if err != nil {
				return 0, err
			}
			res, err := q.run(ctx, st, map[string]any{})
			if err != nil {
				return 0, err
			}
			if len(res.records) != 1 {
				return 0, recordErr("%s returned %d rows, want 1", st, len(res.records))
			}
			n, err := intValue(res.records[0], "count")
			return int(n), err
		}
		for _, k := range graph.Kinds {
			n, err := count(s.cat.forKind("count_kind", k.Kind))
			if err != nil {
				return err
			}
			c.Nodes[k.Kind] = n
		}
		for _, t := range graph.EdgeTypes {
			n, err := count(s.cat.forType("count_type", t.Type))
			if err != nil {
				return err
			}
			c.Edges[t.Type] = n
		}
		return nil
	})
	if err != nil {
		return graph.Counts{}, err
	}
	return c, nil
}
