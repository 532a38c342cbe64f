package graphtest

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// Texts at the edges of what validation accepts. Lengths are bytes of
// UTF-8, so each limit is reached with runes of every width.
var (
	// edgeNames are names of exactly graph.MaxNameLen bytes, and names
	// with characters that encoders, indexes and case folding treat
	// specially.
	edgeNames = []string{
		strings.Repeat("n", graph.MaxNameLen),
		strings.Repeat("é", graph.MaxNameLen/2),
		strings.Repeat("€", graph.MaxNameLen/3) + "x",
		strings.Repeat("𝄞", graph.MaxNameLen/4),
		// İ lower-cases to two runes, 3 bytes from 2: derived keys
		// (nameLower, sortName) outgrow the name.
		strings.Repeat("İ", graph.MaxNameLen/2),
		"Tab\there, NUL \x00, DEL \x7f, LS \u2028 PS \u2029, <b>&amp;\"'\\ BOM \ufeff U+FFFD \ufffd, U+FFFF \uffff",
		"İstanbul ΣΑΣ ǅ ß ﬁ K e\u0301 ẞ ŉ",
		"  padded name  ",
	}
	// edgeString is a value of graph.MaxPropLen bytes of 4-byte runes.
	edgeString = strings.Repeat("𝄞", graph.MaxPropLen/4)
	// edgeDates are the first and last dates a Date holds, a leap day, and
	// dates known to the month or the year only.
	edgeDates = []graph.Date{{Year: 1, Month: 1, Day: 1}, {Year: 9999, Month: 12, Day: 31}, {Year: 2000, Month: 2, Day: 29},
		{Year: 9999}, {Year: 1, Month: 12}}
)

// edgeValue returns a value of the spec's type at one of its edges, the
// i-th of several: the longest multi-byte string, a one-character one; the
// longest list, an empty one; the first and last dates.
func edgeValue(p graph.PropSpec, i int) any {
	switch p.Type {
	case graph.String:
		if len(p.Enum) > 0 {
			return p.Enum[i%len(p.Enum)]
		}
		return []string{edgeString, " ", "\x00", edgeNames[5]}[i%4]
	case graph.Strings:
		if len(p.Enum) > 0 {
			if i%2 == 1 {
				return []string{}
			}
			return append([]string(nil), p.Enum...)
		}
		switch i % 3 {
		case 0:
			l := make([]string, graph.MaxListLen)
			for j := range l {
				l[j] = fmt.Sprintf("item %d ü", j)
			}
			l[0] = edgeString
			return l
		case 1:
			return []string{}
		}
		return []string{" ", "\x00", edgeNames[6]}
	case graph.DateP:
		return edgeDates[i%len(edgeDates)]
	case graph.Int:
		return []int64{1<<63 - 1, -1 << 63, 0}[i%3]
	case graph.Bool:
		return i%2 == 0
	}
	return nil
}

func edgeProps(specs []graph.PropSpec, i int) graph.Props {
	p := graph.Props{}
	for _, s := range specs {
		p[s.Name] = edgeValue(s, i)
	}
	return p
}

// edgeSources are graph.MaxSources sources with fields at their limits.
func edgeSources() []graph.Source {
	out := make([]graph.Source, graph.MaxSources)
	for i := range out {
		out[i] = graph.Source{File: fmt.Sprintf("file-%d.txt", i), Section: edgeString[:len(edgeString)-4*i], Lines: "999999999-999999999"}
	}
	out[0].File = strings.Repeat("é", graph.MaxPropLen/2)
	out[1] = graph.Source{File: "\x00", Lines: "1"}
	return out
}

// edgeCaseGraph builds nodes and edges at the edges of validation: per kind,
// an id of graph.MaxIDLen bytes and the other odd names, every property of
// the kind at one edge or another, the most sources; per edge type, every
// property likewise.
func edgeCaseGraph(prefix func(graph.Kind) string) ([]graph.Node, []graph.Edge) {
	var nodes []graph.Node
	first := map[graph.Kind][2]string{} // two node ids of each kind
	for _, k := range graph.Kinds {
		longID := prefix(k.Kind) + "long-"
		longID += strings.Repeat("x", graph.MaxIDLen-len(longID))
		for i, name := range edgeNames {
			id := fmt.Sprintf("%s%d.a_b-c/d", prefix(k.Kind), i)
			if i == 0 {
				id = longID
			}
			n := graph.Node{ID: id, Kind: k.Kind, Name: name, Props: edgeProps(k.Props, i)}
			switch i {
			case 0:
				n.Sources = edgeSources()
			case 1:
				if !requires(k.Props) {
					n.Props = nil
				}
			}
			nodes = append(nodes, n)
			if i < 2 {
				f := first[k.Kind]
				f[i] = id
				first[k.Kind] = f
			}
		}
	}
	var edges []graph.Edge
	for _, t := range graph.EdgeTypes {
		from, to := first[t.From[0]][0], first[t.To[0]][1]
		x := graph.Edge{Type: t.Type, From: from, To: to, Props: edgeProps(t.Props, 0), Sources: edgeSources()}
		edges = append(edges, x)
		// The same two nodes the other way where the type allows it,
		// with the other edge values and no sources.
		if t.Allows(t.To[0], t.From[0]) || t.From[0] == t.To[0] {
			y := graph.Edge{Type: t.Type, From: first[t.To[0]][0], To: first[t.From[0]][1], Props: edgeProps(t.Props, 1)}
			if y.Key() != x.Key() && y.From != y.To {
				edges = append(edges, y)
			}
		}
	}
	return nodes, edges
}

func requires(specs []graph.PropSpec) bool {
	for _, s := range specs {
		if s.Required {
			return true
		}
	}
	return false
}

// testReopen writes every edge case validation accepts, through every write
// method, then closes the store, opens another on the same data and reads
// each back equal: what a store accepts, it can reopen (issue 10: the
// embedded store once accepted names it refused to load, and with them the
// whole file).
func testReopen(e *env) {
	if e.reopen == nil {
		e.t.Skip("newStore opens fresh stores; pass graphtest.Reopens() where it opens the same data")
	}
	prefix := func(k graph.Kind) string { return e.prefix(k) }
	nodes, edges := edgeCaseGraph(prefix)
	for _, n := range nodes {
		if err := n.Validate(); err != nil {
			e.t.Fatalf("edge case %s is invalid: %v", n.ID, err)
		}
	}
	for _, x := range edges {
		if err := x.Validate(); err != nil {
			e.t.Fatalf("edge case %s is invalid: %v", x.Key(), err)
		}
	}
	// Cleanup deletes through whichever store is open at the end.
	cur := e.s
	e.t.Cleanup(func() {
		for _, n := range nodes {
			if err := cur.DeleteNode(context.Background(), n.ID); err != nil && !errors.Is(err, graph.ErrNotFound) {
				e.t.Errorf("cleanup: delete node %q: %v", n.ID, err)
			}
		}
		if cur != e.s {
			_ = cur.Close()
		}
	})

	// Every write method: CreateNode, PutNode, Apply, then CreateEdge,
	// PutEdge, Apply; PatchNode, and Apply with Merge.
	var batch graph.Batch
	for i, n := range nodes {
		var err error
		switch i % 3 {
		case 0:
			err = e.s.CreateNode(e.ctx, n)
		case 1:
			err = e.s.PutNode(e.ctx, n)
		default:
			batch.Nodes = append(batch.Nodes, n)
		}
		if err != nil {
			e.t.Fatalf("writing %s: %v", n.ID, err)
		}
	}
	if _, err := e.s.Apply(e.ctx, batch); err != nil {
		e.t.Fatalf("Apply nodes: %v", err)
	}
	batch = graph.Batch{}
	for i, x := range edges {
		var err error
		switch i % 3 {
		case 0:
			err = e.s.CreateEdge(e.ctx, x)
		case 1:
			err = e.s.PutEdge(e.ctx, x)
		default:
			batch.Edges = append(batch.Edges, x)
		}
		if err != nil {
			e.t.Fatalf("writing %s: %v", x.Key(), err)
		}
	}
	if _, err := e.s.Apply(e.ctx, batch); err != nil {
		e.t.Fatalf("Apply edges: %v", err)
	}
	// A patch to the limits, and a merge that changes nothing.
	patched := nodes[1]
	p := graph.Patch{Kind: patched.Kind, Name: &edgeNames[3], ReplaceSources: true, Sources: edgeSources()}
	want, err := p.Apply(patched)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.s.PatchNode(e.ctx, patched.ID, p); err != nil {
		e.t.Fatalf("PatchNode %s: %v", patched.ID, err)
	}
	nodes[1] = want
	if _, err := e.s.Apply(e.ctx, graph.Batch{Nodes: nodes[:3], Edges: edges[:2], Merge: true}); err != nil {
		e.t.Fatalf("Apply with Merge: %v", err)
	}

	readBack := func(when string, s graph.Store) {
		e.t.Helper()
		for _, n := range nodes {
			got, err := s.GetNode(e.ctx, n.ID)
			if err != nil {
				e.t.Errorf("%s: GetNode(%s): %v", when, n.ID, err)
			} else if !EqualNode(got, n) {
				e.t.Errorf("%s: GetNode(%s)\n got %.300s\nwant %.300s", when, n.ID, FormatNode(got), FormatNode(n))
			}
		}
		for _, x := range edges {
			got, err := s.GetEdge(e.ctx, x.Key())
			if err != nil {
				e.t.Errorf("%s: GetEdge(%s): %v", when, x.Key(), err)
			} else if !EqualEdge(got, x) {
				e.t.Errorf("%s: GetEdge(%s)\n got %.300s\nwant %.300s", when, x.Key(), FormatEdge(got), FormatEdge(x))
			}
		}
		// Lists read every node of a kind at once, sorted by the keys
		// derived from the names.
		for _, k := range graph.Kinds {
			q := graph.ListQuery{Kind: k.Kind, Filter: graph.Filter{IDPrefix: e.prefix(k.Kind)}, Sort: graph.SortName, First: graph.MaxPageSize}
			page, err := s.ListNodes(e.ctx, q)
			if err != nil || page.TotalCount != len(edgeNames) {
				e.t.Errorf("%s: ListNodes(%s) = %d nodes, %v; want %d", when, k.Kind, page.TotalCount, err, len(edgeNames))
			}
		}
	}
	readBack("before reopening", e.s)
	if err := e.s.Close(); err != nil {
		e.t.Fatalf("Close: %v", err)
	}
	cur = e.reopen()
	readBack("after reopening", cur)
}
