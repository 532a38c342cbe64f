package embedded

import (
	"slices"
	"sort"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// The in-memory graph. Every node has a number, its place in Store.nodes,
// and Store.ids maps its id to it. A node's record holds the node as it
// was written and its adjacency: one entry per edge in each of two lists,
// the edges that leave it (out) and those that enter it (in), each entry
// the number of the node at the other end, the edge's type as a small
// integer and, only when the edge has properties or sources, a pointer to
// them, which the two entries of an edge share. An edge is therefore two
// 16-byte entries and no map entry, where a map keyed by graph.EdgeKey and
// two maps of key sets per node took about 700 bytes; a walk reads a
// node's edges as one slice, and an edge's ends are the ids their records
// already hold, so reading an edge allocates nothing.
//
// Each list is kept in the order of graph.CompareEdges among the node's
// edges: by type name, then by the id at the other end (the node's own id
// is the same end of every edge of a list). Edges then reads a node's
// edges in order, merging its two lists, where a sort per read took a
// third of a walk's time. A write appends the edges it adds and sorts the
// lists it touched once, before it returns (Store.sortAdjacency).
//
// A number is reused after its node is deleted (Store.free). Stored nodes
// and edge extras are never changed in place: a write replaces them, so a
// reader may hold one past the read lock.

// adj is one edge in a node's adjacency list, 8 bytes: the number of the
// node at the other end, and the index of the type in graph.EdgeTypes
// (typ) above the number of the edge's extra in Store.extras (extra),
// which the two entries of an edge share: 0 when the edge has neither
// properties nor sources.
type adj struct {
	other uint32
	tx    uint32
}

// extraBits is the room of an extra's number in adj.tx; the type takes
// the rest (TestAdjacencyRoom).
const (
	extraBits = 26
	maxExtras = 1 << extraBits
)

func newAdj(other uint32, t uint8, x uint32) adj {
	return adj{other: other, tx: uint32(t)<<extraBits | x}
}

func (a adj) typ() uint8    { return uint8(a.tx >> extraBits) }
func (a adj) extra() uint32 { return a.tx & (maxExtras - 1) }

// edgeExtra is what an edge holds besides its type and ends.
type edgeExtra struct {
	props   graph.Props
	sources []graph.Source
	shared  bool // in Store.shared: never freed
}

// nodeRec is one node and its adjacency. A free record has an empty id.
type nodeRec struct {
	node    graph.Node
	out, in []adj
}

// edgeTypes and typeIndex number the edge types: adj.typ is an index into
// graph.EdgeTypes, which has fewer than 256 entries.
var (
	edgeTypes = func() []graph.EdgeType {
		out := make([]graph.EdgeType, len(graph.EdgeTypes))
		for i, t := range graph.EdgeTypes {
			out[i] = t.Type
		}
		return out
	}()
	typeIndex = func() map[graph.EdgeType]uint8 {
		m := make(map[graph.EdgeType]uint8, len(graph.EdgeTypes))
		for i, t := range graph.EdgeTypes {
			m[t.Type] = uint8(i)
		}
		return m
	}()
)

// typeRank orders the type indexes by type name, as graph.CompareEdges
// orders types.
var typeRank = func() []int {
	names := slices.Clone(edgeTypes)
	slices.Sort(names)
	rank := make([]int, len(edgeTypes))
	for i, t := range edgeTypes {
		rank[i] = slices.Index(names, t)
	}
	return rank
}()

// typeSet is a set of edge types as a bit mask over typeIndex; the zero
// mask stands for every type, as an empty list does in queries.
type typeSet uint64

func typesOf(types []graph.EdgeType) typeSet {
	var m typeSet
	for _, t := range types {
		if i, ok := typeIndex[t]; ok {
			m |= 1 << i
		}
	}
	if len(types) > 0 && m == 0 {
		// Only unknown types: nothing matches. Normalize refuses them,
		// so this is defensive.
		return 1 << 63
	}
	return m
}

func (m typeSet) has(t uint8) bool { return m == 0 || m&(1<<t) != 0 }

// The methods below run under the read lock, or under the write lock for
// those that change the records (which only store.go's set and remove
// functions call).

// node returns the stored node with the id.
func (s *Store) node(id string) (graph.Node, bool) {
	i, ok := s.ids[id]
	if !ok {
		return graph.Node{}, false
	}
	return s.nodes[i].node, true
}

// edgeOut is the edge of u's out entry a; edgeIn that of v's in entry a.
func (s *Store) edgeOut(u uint32, a adj) graph.Edge {
	e := graph.Edge{Type: edgeTypes[a.typ()], From: s.nodes[u].node.ID, To: s.nodes[a.other].node.ID}
	if i := a.extra(); i != 0 {
		e.Props, e.Sources = s.extras[i].props, s.extras[i].sources
	}
	return e
}

func (s *Store) edgeIn(v uint32, a adj) graph.Edge {
	e := graph.Edge{Type: edgeTypes[a.typ()], From: s.nodes[a.other].node.ID, To: s.nodes[v].node.ID}
	if i := a.extra(); i != 0 {
		e.Props, e.Sources = s.extras[i].props, s.extras[i].sources
	}
	return e
}

// edgeEnds returns the numbers of k's ends and its type, and whether both
// ends exist and the type is known.
func (s *Store) edgeEnds(k graph.EdgeKey) (from, to uint32, t uint8, ok bool) {
	if t, ok = typeIndex[k.Type]; !ok {
		return 0, 0, 0, false
	}
	if from, ok = s.ids[k.From]; !ok {
		return 0, 0, 0, false
	}
	to, ok = s.ids[k.To]
	return from, to, t, ok
}

// find returns the position in list of the entry to other of type t, or
// -1.
func find(list []adj, other uint32, t uint8) int {
	for i, a := range list {
		if a.other == other && a.typ() == t {
			return i
		}
	}
	return -1
}

// edge returns the stored edge with the key. It searches the shorter of
// the two lists that hold it, so that a lookup costs the smaller degree.
func (s *Store) edge(k graph.EdgeKey) (graph.Edge, bool) {
	from, to, t, ok := s.edgeEnds(k)
	if !ok {
		return graph.Edge{}, false
	}
	out, in := s.nodes[from].out, s.nodes[to].in
	if len(out) <= len(in) {
		if i := find(out, to, t); i >= 0 {
			return s.edgeOut(from, out[i]), true
		}
		return graph.Edge{}, false
	}
	if i := find(in, from, t); i >= 0 {
		return s.edgeIn(to, in[i]), true
	}
	return graph.Edge{}, false
}

// eachEdge calls fn with each edge at node i that types (zero: all) and
// d select, and the number of the node at its other end, until fn
// returns false; it reports whether fn always returned true.
func (s *Store) eachEdge(i uint32, types typeSet, d graph.Direction, fn func(e graph.Edge, other uint32) bool) bool {
	r := &s.nodes[i]
	if d != graph.In {
		for _, a := range r.out {
			if types.has(a.typ()) && !fn(s.edgeOut(i, a), a.other) {
				return false
			}
		}
	}
	if d != graph.Out {
		for _, a := range r.in {
			if types.has(a.typ()) && !fn(s.edgeIn(i, a), a.other) {
				return false
			}
		}
	}
	return true
}

// sortedEdges returns the edges at node i that types and d select, in
// graph.CompareEdges order: its two lists, each in that order already,
// merged.
func (s *Store) sortedEdges(i uint32, types typeSet, d graph.Direction) []graph.Edge {
	r := &s.nodes[i]
	var out, in []adj
	if d != graph.In {
		out = r.out
	}
	if d != graph.Out {
		in = r.in
	}
	es := make([]graph.Edge, 0, s.degreeOf(i, types, d))
	for len(out) > 0 || len(in) > 0 {
		if len(out) > 0 && !types.has(out[0].typ()) {
			out = out[1:]
			continue
		}
		if len(in) > 0 && !types.has(in[0].typ()) {
			in = in[1:]
			continue
		}
		switch {
		case len(in) == 0:
			es = append(es, s.edgeOut(i, out[0]))
			out = out[1:]
		case len(out) == 0:
			es = append(es, s.edgeIn(i, in[0]))
			in = in[1:]
		default:
			a, b := s.edgeOut(i, out[0]), s.edgeIn(i, in[0])
			if graph.CompareEdges(a, b) <= 0 {
				es = append(es, a)
				out = out[1:]
			} else {
				es = append(es, b)
				in = in[1:]
			}
		}
	}
	return es
}

// sortAdjacency puts node i's lists back in order after a write appended
// to them; heads are the lengths of its out and in lists before the write,
// the parts already in order.
func (s *Store) sortAdjacency(i uint32, heads [2]int) {
	cmp := func(a, b adj) int {
		if c := typeRank[a.typ()] - typeRank[b.typ()]; c != 0 {
			return c
		}
		return strings.Compare(s.nodes[a.other].node.ID, s.nodes[b.other].node.ID)
	}
	r := &s.nodes[i]
	sortList(r.out, heads[0], cmp)
	sortList(r.in, heads[1], cmp)
}

// sortList sorts list by cmp, list[:k] being in order already. A write
// appends at the end of a sorted list, so only the tail is sorted, then
// merged into it from the back, each of its entries placed by a binary
// search of the head and the entries after it moved up at once: a write
// of t edges to a hub of d costs O(t log d) comparisons and a copy of at
// most d entries, not a sort of all d.
func sortList(list []adj, k int, cmp func(a, b adj) int) {
	if k >= len(list) {
		return
	}
	tail := slices.Clone(list[k:])
	slices.SortFunc(tail, cmp)
	i := k // list[:i] is the part of the head not yet moved
	for j := len(tail) - 1; j >= 0; j-- {
		// The head's entries after tail[j] move up by j+1, past the
		// tail's entries that are still to place.
		pos := sort.Search(i, func(x int) bool { return cmp(list[x], tail[j]) > 0 })
		copy(list[pos+j+1:i+j+1], list[pos:i])
		list[pos+j] = tail[j]
		i = pos
	}
}

// sortAll puts every list in order, once Open has loaded the graph.
func (s *Store) sortAll() {
	for i := range s.nodes {
		s.sortAdjacency(uint32(i), [2]int{})
	}
}

// degreeOf counts the edges at node i that types and d select.
func (s *Store) degreeOf(i uint32, types typeSet, d graph.Direction) int {
	r := &s.nodes[i]
	if types == 0 {
		n := 0
		if d != graph.In {
			n += len(r.out)
		}
		if d != graph.Out {
			n += len(r.in)
		}
		return n
	}
	n := 0
	if d != graph.In {
		for _, a := range r.out {
			if types.has(a.typ()) {
				n++
			}
		}
	}
	if d != graph.Out {
		for _, a := range r.in {
			if types.has(a.typ()) {
				n++
			}
		}
	}
	return n
}

// eachNode calls fn with every stored node until it returns false.
func (s *Store) eachNode(fn func(graph.Node) bool) {
	for i := range s.nodes {
		if n := s.nodes[i].node; n.ID != "" && !fn(n) {
			return
		}
	}
}

// eachOfKind calls fn with every stored node of kind k until it returns
// false.
func (s *Store) eachOfKind(k graph.Kind, fn func(graph.Node) bool) {
	for i := range s.byKind[k] {
		if !fn(s.nodes[i].node) {
			return
		}
	}
}

// extra returns the number in s.extras of what an edge with props and
// sources keeps besides its type and ends, 0 when nothing. Most edges have
// at most one source and at most one property, a string (a role), and many
// have the same (a seed file's section, a generator's): those share one
// edgeExtra, where each took a struct, a slice and a map of about 300
// bytes. Extras are never changed in place, so sharing them is safe; the
// number of an edge's own is freed when the edge is replaced or removed
// (freeExtra). With maxExtras in use, it returns 0 and sets extrasFull:
// a write checks for room before it commits (write), and Open fails.
func (s *Store) extra(props graph.Props, sources []graph.Source) uint32 {
	if len(props) == 0 && len(sources) == 0 {
		return 0
	}
	k, shared := extraKeyOf(props, sources)
	if shared {
		if i, ok := s.shared[k]; ok {
			return i
		}
	}
	x := edgeExtra{props: props, sources: sources, shared: shared}
	var i uint32
	switch n := len(s.freeExtras); {
	case n > 0:
		i, s.freeExtras = s.freeExtras[n-1], s.freeExtras[:n-1]
		s.extras[i] = x
	case len(s.extras) < maxExtras:
		i = uint32(len(s.extras))
		s.extras = append(s.extras, x)
	default:
		s.extrasFull = true
		return 0
	}
	if shared {
		s.shared[k] = i
	}
	return i
}

// freeExtra frees extra i when no other edge can hold it.
func (s *Store) freeExtra(i uint32) {
	if i != 0 && !s.extras[i].shared {
		s.extras[i] = edgeExtra{}
		s.freeExtras = append(s.freeExtras, i)
	}
}

// extraRoom is how many more extras s can hold.
func (s *Store) extraRoom() int { return maxExtras - len(s.extras) + len(s.freeExtras) }

// extraKey is an edge extra of at most one source and at most one
// property, a string.
type extraKey struct {
	source      graph.Source
	sources     bool // whether there is a source (it may be all empty)
	name, value string
}

func extraKeyOf(props graph.Props, sources []graph.Source) (extraKey, bool) {
	var k extraKey
	if len(props) > 1 || len(sources) > 1 {
		return k, false
	}
	for name, v := range props {
		str, ok := v.(string)
		if !ok {
			return k, false
		}
		k.name, k.value = name, str
	}
	if len(sources) == 1 {
		k.source, k.sources = sources[0], true
	}
	return k, true
}

// sources returns ss, or an equal slice the store holds already when ss is
// one source: a node's sources, like an edge's extra, are shared, never
// changed in place.
func (s *Store) sources(ss []graph.Source) []graph.Source {
	if len(ss) != 1 {
		return ss
	}
	return s.extras[s.extra(nil, ss)].sources
}

// removeAt removes list[i], keeping the order.
func removeAt(list []adj, i int) []adj {
	list = slices.Delete(list, i, i+1)
	if len(list) == 0 {
		return nil
	}
	return list
}

// refsOf are the references a node is found by: its reference and each
// alias, exactly, as reference conditions and filters compare them.
func refsOf(n graph.Node) []string {
	out := n.Props.Strings("aliases")
	if r := n.Props.String(graph.ReferenceField); r != "" {
		out = append(slices.Clone(out), r)
	}
	return out
}
