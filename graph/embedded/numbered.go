package embedded

import (
	"context"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/traverse"
)

// The store lends graph/traverse its numbered graph (traverse.Numbered),
// so that a neighbourhood or a path walks node numbers and adjacency
// entries under one read lock, and copies only the nodes and edges of its
// answer, instead of reading batches by id that copy every edge at every
// node it passes.

var _ traverse.Numbered = (*Store)(nil)

// ReadNumbered calls fn with the graph under the read lock.
func (s *Store) ReadNumbered(ctx context.Context, fn func(g traverse.Graph) error) error {
	return s.read(ctx, "read numbered", func() error { return fn(numbered{s}) })
}

// numbered is the store's graph as traverse.Graph; it is only used under
// the read lock ReadNumbered holds. A Step's Ref is the entry's place in
// the node's out list, or in its in list when Step.Out is false.
type numbered struct{ s *Store }

func (g numbered) Number(id string) (uint32, bool) {
	n, ok := g.s.ids[id]
	return n, ok
}

func (g numbered) ID(n uint32) string { return g.s.nodes[n].node.ID }

func (g numbered) Steps(n uint32, types traverse.TypeMask, d graph.Direction, buf []traverse.Step) []traverse.Step {
	r := &g.s.nodes[n]
	if d != graph.In {
		for i, a := range r.out {
			if types.Has(a.typ()) {
				buf = append(buf, traverse.Step{Other: a.other, Ref: uint32(i), Type: a.typ(), Out: true})
			}
		}
	}
	if d != graph.Out {
		for i, a := range r.in {
			if types.Has(a.typ()) {
				buf = append(buf, traverse.Step{Other: a.other, Ref: uint32(i), Type: a.typ()})
			}
		}
	}
	return buf
}

func (g numbered) Edge(n uint32, st traverse.Step, c graph.WalkCut) graph.Edge {
	if st.Out {
		return c.Edge(g.s.edgeOut(n, g.s.nodes[n].out[st.Ref]))
	}
	return c.Edge(g.s.edgeIn(n, g.s.nodes[n].in[st.Ref]))
}

func (g numbered) Node(n uint32, c graph.WalkCut) (graph.Node, int) {
	return c.Node(g.s.nodes[n].node), g.s.degreeOf(n, 0, graph.Both)
}
