package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

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
	q, params, err := listQuery(q)
	if err != nil {
		return graph.Page{}, fmt.Errorf("neo4jstore: list nodes: %w", err)
	}
	pageName, _ := listStatements(q)
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
	total, err := s.listTotal(ctx, "list nodes", q, params)
	if err != nil {
		return graph.Page{}, err
	}
	return listPage(nodes, total, q), nil
}

// listQuery normalises q and makes its statements' parameters.
func listQuery(q graph.ListQuery) (graph.ListQuery, map[string]any, error) {
	q, err := q.Normalize()
	if err != nil {
		return q, nil, err
	}
	params, err := listParams(q)
	return q, params, err
}

// listTotal counts the matches of q, a read of its own (list_count*, or
// list_total* from the counts store); 0 without a read when q.NoTotal.
func (s *Store) listTotal(ctx context.Context, op string, q graph.ListQuery, params map[string]any) (int, error) {
	if q.NoTotal {
		// No count, no second round trip: a lookup by reference reads
		// only its page.
		return 0, nil
	}
	_, countName := listStatements(q)
	var total int64
	err := s.readOne(ctx, op, func(tx querier) error {
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
	return int(total), err
}

// ListNodesAndEdges answers ListNodes(q) and EdgesAndEnds of the page's
// nodes with eq's types and direction (graph.PageEdgesLister). With a
// reference filter, the page and the edges are one statement
// (list_page_ref_edges_*), one round trip, and the count (unless
// q.NoTotal) a read of its own, as in ListNodes; otherwise it makes the
// two calls.
func (s *Store) ListNodesAndEdges(ctx context.Context, q graph.ListQuery, eq graph.EdgeQuery) (graph.Page, map[string][]graph.Edge, map[string]*graph.Node, error) {
	const op = "list nodes and edges"
	q, params, err := listQuery(q)
	if err != nil {
		return graph.Page{}, nil, nil, fmt.Errorf("neo4jstore: %s: %w", op, err)
	}
	eq.IDs = nil
	if eq, err = eq.Normalize(); err != nil {
		return graph.Page{}, nil, nil, fmt.Errorf("neo4jstore: %s: %w", op, err)
	}
	if q.Filter.Reference == "" {
		page, err := s.ListNodes(ctx, q)
		if err != nil {
			return graph.Page{}, nil, nil, err
		}
		eq.IDs = make([]string, len(page.Nodes))
		for i, n := range page.Nodes {
			eq.IDs[i] = n.ID
		}
		edges, ends, err := s.EdgesAndEnds(ctx, eq)
		return page, edges, ends, err
	}
	name := "list_page_ref_edges_asc"
	if q.Desc {
		name = "list_page_ref_edges_desc"
	}
	params["types"], params["dir"] = edgeTypeNames(eq.Types), eq.Direction.String()
	keys := endsParams(params, eq.Ends)
	params["bare"] = eq.Bare
	// The listed nodes as q.Fields asks, with what their cursors read
	// (listPage cuts that off after).
	listed := q.Fields
	if q.Sort == graph.SortDate {
		listed = listed.With("date")
	}
	nodeKeys := projectionParams(params, "nodeKeys", "nodeSources", listed)
	var nodes []graph.Node
	var edges map[string][]graph.Edge
	var ends map[string]*graph.Node
	err = s.readOne(ctx, op, func(tx querier) error {
		nodes, edges, ends = nil, map[string][]graph.Edge{}, map[string]*graph.Node{}
		st, err := s.cat.get(name)
		if err != nil {
			return err
		}
		res, err := tx.run(ctx, st, declared(st, params))
		if err != nil {
			return err
		}
		if len(res.records) > q.First+1 {
			return recordErr("%s returned %d nodes, more than %d", name, len(res.records), q.First+1)
		}
		nodes = make([]graph.Node, 0, len(res.records)) // as nodesFromRecords
		for _, rec := range res.records {
			n, err := listedNode(rec, nodeKeys)
			if errors.Is(err, errDeleted) {
				continue
			}
			if err != nil {
				return err
			}
			nodes = append(nodes, n)
			if len(nodes) > q.First {
				break // the row that tells another page follows: its edges are not asked for
			}
			rows, isNil, err := neo4j.GetRecordValue[[]any](rec, "edges")
			if err != nil || isNil {
				return recordErr("edges: missing or not a list (%v)", err)
			}
			for _, row := range rows {
				vals, ok := row.([]any)
				if !ok || len(vals) != len(edgeRowKeys) {
					return recordErr("edges: %T, not a list of %d", row, len(edgeRowKeys))
				}
				er := &neo4j.Record{Keys: edgeRowKeys, Values: vals}
				if err := addEdgeRow(er, n.ID, keys, edges, ends); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return graph.Page{}, nil, nil, err
	}
	sortEdges(edges)
	total, err := s.listTotal(ctx, op, q, params)
	if err != nil {
		return graph.Page{}, nil, nil, err
	}
	return listPage(nodes, total, q), edges, ends, nil
}

// edgeRowKeys name the values of an edge of list_page_ref_edges_*, as
// the columns of an edges_ends_* row (addEdgeRow).
var edgeRowKeys = []string{"r", "from", "to", "m"}

// listPage is the page of q from the rows of its page statement (one more
// than the page when another follows) and its total, its nodes cut to
// q.Fields once the cursors are made.
func listPage(nodes []graph.Node, total int, q graph.ListQuery) graph.Page {
	page := graph.Page{Nodes: nodes[:min(len(nodes), q.First)], TotalCount: total,
		HasNextPage: len(nodes) > q.First, HasPrevPage: q.After != ""}
	if n := len(page.Nodes); n > 0 {
		page.StartCursor = graph.CursorOf(page.Nodes[0], q).Encode()
		page.EndCursor = graph.CursorOf(page.Nodes[n-1], q).Encode()
	}
	q.Fields.Cut(page.Nodes)
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
