package traverse

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/issgraph/issgraph/graph"
)

// Numbered is an optional interface of a Reader whose nodes have small
// integer numbers, as the embedded store's do. The walks look for it by
// type assertion, as database/sql looks for a driver's optional
// interfaces, and when a Reader has it they walk its numbered graph under
// one read instead of making batched reads by id: no strings are hashed,
// and only the edges an answer keeps are copied. The answers are the same
// either way (the same walk runs over both; graph/graphtest and the
// traversal tests are the judge). A Reader that wraps another hides it
// unless it forwards it.
type Numbered interface {
	// ReadNumbered calls fn with the graph as it is while fn runs:
	// nothing changes it until fn returns (the embedded store holds its
	// read lock), and g must not be used after. It returns fn's error,
	// or the store's when it cannot read (closed, or ctx done), or
	// ErrSkip, without calling fn, when it has no numbered graph to lend
	// after all (a wrapper over a store that has none).
	ReadNumbered(ctx context.Context, fn func(g Graph) error) error
}

// ErrSkip is what ReadNumbered returns to send a walk to the batched reads
// by id, as driver.ErrSkip does in database/sql: a wrapper that forwards
// Numbered has the method whatever the store underneath. A PathFinder's
// ShortestPathSet returns it for the same reason, and the shortest-path
// search then runs in traverse.
var ErrSkip = graph.ErrSkip

// Graph is a store's graph with numbered nodes, as ReadNumbered lends it.
type Graph interface {
	// Number returns the number of the node with the id, and whether
	// it exists.
	Number(id string) (uint32, bool)
	// ID returns the id of node n.
	ID(n uint32) string
	// Steps appends to buf one Step for each edge at node n whose type
	// is in types (a TypeMask; 0 is every type) and that can be
	// followed from n in dir, in any order, and returns buf.
	Steps(n uint32, types TypeMask, dir graph.Direction, buf []Step) []Step
	// Edge returns the edge that Steps reported as s at node n, as c
	// copies it (WalkCut.Edge): a copy the caller owns.
	Edge(n uint32, s Step, c graph.WalkCut) graph.Edge
	// Node returns node n as c copies it (WalkCut.Node), and its degree:
	// every edge it has.
	Node(n uint32, c graph.WalkCut) (graph.Node, int)
}

// Step is one edge seen from one of its ends.
type Step struct {
	Other uint32 // the number of the node at the other end
	Ref   uint32 // which edge of the node it is, for Graph.Edge
	Type  uint8  // the edge's type: its index in graph.EdgeTypes
	Out   bool   // whether the edge leaves the node (else it enters it)
}

// TypeMask is a set of edge types, bit i standing for graph.EdgeTypes[i];
// the zero mask is every type, as an empty list is in queries.
type TypeMask uint64

// MaskOf is the mask of types.
func MaskOf(types []graph.EdgeType) TypeMask {
	var m TypeMask
	for _, t := range types {
		if i, ok := typeIndex[t]; ok {
			m |= 1 << i
		}
	}
	if len(types) > 0 && m == 0 {
		// Only unknown types, which Normalize refuses: nothing
		// matches.
		return 1 << 63
	}
	return m
}

// Has reports whether the mask holds the type of index t.
func (m TypeMask) Has(t uint8) bool { return m == 0 || m&(1<<t) != 0 }

var typeIndex = func() map[graph.EdgeType]uint8 {
	m := make(map[graph.EdgeType]uint8, len(graph.EdgeTypes))
	for i, t := range graph.EdgeTypes {
		m[t.Type] = uint8(i)
	}
	return m
}()

// edgeKey is an edge's identity between numbered nodes.
type edgeKey struct {
	from, to uint32
	typ      uint8
}

// at is an edge seen from its end u.
type at struct {
	u uint32
	s Step
}

func (a at) key() edgeKey {
	if a.s.Out {
		return edgeKey{a.u, a.s.Other, a.s.Type}
	}
	return edgeKey{a.s.Other, a.u, a.s.Type}
}

// view is what the walks run over: a numbered graph, either a Numbered
// store's own (numberedView) or one numbered as the walk reads a Reader
// by id (readerView). Its errors are wrapped already.
type view interface {
	// lookup returns the numbers of the nodes with the ids of ends, in
	// one read; an unknown id is a validation error of its field.
	lookup(ctx context.Context, ends ...end) ([]uint32, error)
	id(n uint32) string
	// expand calls fn with each edge of types that can be followed in
	// dir from each node of frontier.
	expand(ctx context.Context, frontier []uint32, types []graph.EdgeType, dir graph.Direction, fn func(u uint32, s Step)) error
	// edge is the edge a, and nodes the nodes ns and their degrees, as the
	// walk's cut copies them; ok[i] is false for a node deleted since the
	// walk saw it.
	edge(a at) graph.Edge
	nodes(ctx context.Context, ns []uint32) (out []graph.SubgraphNode, ok []bool, err error)
}

// viewed runs fn over r's numbered graph when r has one, else over r's
// reads by id; either view copies what the walk answers with as cut does.
func viewed(ctx context.Context, r Reader, op string, cut graph.WalkCut, fn func(v view) error) error {
	n, ok := r.(Numbered)
	if !ok {
		return fn(newReaderView(r, op, cut))
	}
	var ferr error
	called := false
	err := n.ReadNumbered(ctx, func(g Graph) error {
		called = true
		ferr = fn(&numberedView{g: g, op: op, cut: cut})
		return ferr
	})
	if !called && errors.Is(err, ErrSkip) {
		return fn(newReaderView(r, op, cut))
	}
	if err != nil && err != ferr {
		return fmt.Errorf("traverse: %s: %w", op, err)
	}
	return err
}

// end is an id a walk starts or ends at, and the field of the query that
// gave it.
type end struct{ field, id string }

// numberedView is a Numbered store's graph.
type numberedView struct {
	g   Graph
	op  string
	cut graph.WalkCut
	buf []Step
}

func (v *numberedView) lookup(ctx context.Context, ends ...end) ([]uint32, error) {
	out := make([]uint32, len(ends))
	for i, e := range ends {
		n, ok := v.g.Number(e.id)
		if !ok {
			return nil, noNode(e.field, e.id)
		}
		out[i] = n
	}
	return out, nil
}

func (v *numberedView) id(n uint32) string { return v.g.ID(n) }

func (v *numberedView) expand(ctx context.Context, frontier []uint32, types []graph.EdgeType, dir graph.Direction, fn func(u uint32, s Step)) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("traverse: %s: %w", v.op, err)
	}
	m := MaskOf(types)
	for _, u := range frontier {
		v.buf = v.g.Steps(u, m, dir, v.buf[:0])
		for _, s := range v.buf {
			fn(u, s)
		}
	}
	return nil
}

func (v *numberedView) edge(a at) graph.Edge { return v.g.Edge(a.u, a.s, v.cut) }

func (v *numberedView) nodes(ctx context.Context, ns []uint32) ([]graph.SubgraphNode, []bool, error) {
	out := make([]graph.SubgraphNode, len(ns))
	ok := make([]bool, len(ns))
	for i, n := range ns {
		out[i].Node, out[i].Degree = v.g.Node(n, v.cut)
		ok[i] = true
	}
	return out, ok, nil
}

// readerView numbers the nodes of a Reader as the walk meets them, and
// keeps the edges it has read so that a Step can name one. What it reads
// is whole; it cuts what the walk answers with.
type readerView struct {
	r     Reader
	op    string
	cut   graph.WalkCut
	num   map[string]uint32
	ids   []string
	edges []graph.Edge
}

func newReaderView(r Reader, op string, cut graph.WalkCut) *readerView {
	return &readerView{r: r, op: op, cut: cut, num: map[string]uint32{}}
}

func (v *readerView) number(id string) uint32 {
	n, ok := v.num[id]
	if !ok {
		n = uint32(len(v.ids))
		v.num[id] = n
		v.ids = append(v.ids, id)
	}
	return n
}

func (v *readerView) lookup(ctx context.Context, ends ...end) ([]uint32, error) {
	ids := make([]string, len(ends))
	for i, e := range ends {
		ids[i] = e.id
	}
	found, err := nodes(ctx, v.r, v.op, ids)
	if err != nil {
		return nil, err
	}
	out := make([]uint32, len(ends))
	for i, e := range ends {
		if _, ok := found[e.id]; !ok {
			return nil, noNode(e.field, e.id)
		}
		out[i] = v.number(e.id)
	}
	return out, nil
}

func (v *readerView) id(n uint32) string { return v.ids[n] }

func (v *readerView) expand(ctx context.Context, frontier []uint32, types []graph.EdgeType, dir graph.Direction, fn func(u uint32, s Step)) error {
	ids := make([]string, len(frontier))
	for i, u := range frontier {
		ids[i] = v.ids[u]
	}
	es, err := edges(ctx, v.r, v.op, ids, types, dir)
	if err != nil {
		return err
	}
	for i, u := range frontier {
		for _, e := range es[ids[i]] {
			s := Step{Other: v.number(e.Key().Other(ids[i])), Ref: uint32(len(v.edges)), Type: typeIndex[e.Type], Out: e.From == ids[i]}
			v.edges = append(v.edges, e)
			fn(u, s)
		}
	}
	return nil
}

// What the Reader returned is the walk's already: edge and nodes trim it.
func (v *readerView) edge(a at) graph.Edge { return v.cut.TrimEdge(v.edges[a.s.Ref]) }

func (v *readerView) nodes(ctx context.Context, ns []uint32) ([]graph.SubgraphNode, []bool, error) {
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = v.ids[n]
	}
	byID, err := nodes(ctx, v.r, v.op, ids)
	if err != nil {
		return nil, nil, err
	}
	ds, err := degrees(ctx, v.r, v.op, ids)
	if err != nil {
		return nil, nil, err
	}
	out := make([]graph.SubgraphNode, len(ns))
	ok := make([]bool, len(ns))
	for i, id := range ids {
		var n graph.Node
		if n, ok[i] = byID[id]; ok[i] {
			out[i].Node = v.cut.TrimNode(n)
		}
		out[i].Degree = ds[id]
	}
	return out, ok, nil
}

// marks is a distance by node number, in a slice: a search that reaches
// tens of thousands of nodes spent most of its time in a map's hashing and
// growth. The slices are pooled, and put back cleared of what was set.
type marks struct {
	d       []int32 // distance + 1 of each node; 0 is not reached
	reached []uint32
}

var marksPool = sync.Pool{New: func() any { return new(marks) }}

func getMarks() *marks { return marksPool.Get().(*marks) }

// get returns the distance of n, and whether n was reached.
func (m *marks) get(n uint32) (int, bool) {
	if int(n) < len(m.d) && m.d[n] != 0 {
		return int(m.d[n] - 1), true
	}
	return 0, false
}

func (m *marks) set(n uint32, dist int) {
	if int(n) >= len(m.d) {
		m.d = slices.Grow(m.d, int(n)+1-len(m.d)+len(m.d)/2)
		m.d = m.d[:cap(m.d)]
	}
	if m.d[n] == 0 {
		m.reached = append(m.reached, n)
	}
	m.d[n] = int32(dist + 1)
}

// put clears m and returns it to the pool.
func (m *marks) put() {
	for _, n := range m.reached {
		m.d[n] = 0
	}
	m.reached = m.reached[:0]
	marksPool.Put(m)
}
