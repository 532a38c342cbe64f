package oeil

import (
	"fmt"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// builder collects the nodes and edges of one file. A fact stated twice
// (the same document in two rows, a committee named in Key players and in
// the gateway) becomes one node or edge whose sources list every line.
type builder struct {
	file     string
	nodes    map[string]*nodeEntry
	edges    map[graph.EdgeKey]*graph.Edge
	defaults map[string][]string // node id -> keys the importer computed (File.Defaults)
}

type nodeEntry struct {
	n    graph.Node
	weak bool // only mentioned: a placeholder the file does not describe
}

func newBuilder(file string) *builder {
	return &builder{file: file, nodes: map[string]*nodeEntry{}, edges: map[graph.EdgeKey]*graph.Edge{},
		defaults: map[string][]string{}}
}

// guess marks keys of node id ("name", or a property) as computed rather
// than read: a store's value for them wins on import.
func (b *builder) guess(id string, keys ...string) {
	for _, k := range keys {
		if !slices.Contains(b.defaults[id], k) {
			b.defaults[id] = append(b.defaults[id], k)
		}
	}
}

// src is the provenance of lines from..to of a section; to may be 0 or
// from for one line.
func (b *builder) src(section string, from, to int) graph.Source {
	s := graph.Source{File: b.file, Section: section, Lines: fmt.Sprint(from)}
	if to > from {
		s.Lines = fmt.Sprintf("%d-%d", from, to)
	}
	return s
}

// node adds n. A node the file describes (weak false) takes the place of a
// placeholder with the same id; otherwise the first statement of a property
// wins and later ones only fill gaps. Sources always accumulate.
func (b *builder) node(n graph.Node, weak bool) {
	old, ok := b.nodes[n.ID]
	if !ok {
		n = n.Clone()
		b.nodes[n.ID] = &nodeEntry{n: n, weak: weak}
		return
	}
	if old.weak && !weak {
		merged := graph.MergeNode(old.n, n)
		old.n, old.weak = merged, false
		return
	}
	old.n.Props = fillProps(old.n.Props, n.Props)
	old.n.Sources = graph.MergeSources(old.n.Sources, n.Sources)
}

// edge adds e; as for nodes, the first value of a property wins.
func (b *builder) edge(e graph.Edge) {
	old, ok := b.edges[e.Key()]
	if !ok {
		e = e.Clone()
		b.edges[e.Key()] = &e
		return
	}
	old.Props = fillProps(old.Props, e.Props)
	old.Sources = graph.MergeSources(old.Sources, e.Sources)
}

// link adds an edge with its props and one source.
func (b *builder) link(t graph.EdgeType, from, to string, props graph.Props, s graph.Source) {
	b.edge(graph.Edge{Type: t, From: from, To: to, Props: props, Sources: []graph.Source{s}})
}

// fillProps adds to old the properties it lacks; aliases, the names the
// file used, add up.
func fillProps(old, add graph.Props) graph.Props {
	for k, v := range add {
		if _, ok := old[k]; ok {
			if k == "aliases" {
				old[k] = unionStrings(old.Strings(k), add.Strings(k))
			}
			continue
		}
		if old == nil {
			old = graph.Props{}
		}
		old[k] = v
	}
	return old
}

// result returns the nodes sorted by id, the edges in CompareEdges order,
// and the ids of the placeholder nodes.
func (b *builder) result() ([]graph.Node, []graph.Edge, []string, map[string][]string) {
	nodes := make([]graph.Node, 0, len(b.nodes))
	var weak []string
	for id, e := range b.nodes {
		n := e.n
		n.Sources = compactSources(n.Sources)
		nodes = append(nodes, n)
		if e.weak {
			weak = append(weak, id)
		}
	}
	slices.SortFunc(nodes, func(a, b graph.Node) int { return strings.Compare(a.ID, b.ID) })
	slices.Sort(weak)
	edges := make([]graph.Edge, 0, len(b.edges))
	for _, e := range b.edges {
		e.Sources = compactSources(e.Sources)
		edges = append(edges, *e)
	}
	slices.SortFunc(edges, graph.CompareEdges)
	defaults := map[string][]string{}
	for id, keys := range b.defaults {
		if _, ok := b.nodes[id]; ok && !b.nodes[id].weak {
			k := slices.Clone(keys)
			slices.Sort(k)
			defaults[id] = k
		}
	}
	return nodes, edges, weak, defaults
}

// compactSources keeps the sources as they are unless there are more than
// a node may carry (a committee that authored dozens of documents); then
// each section's lines fold into one range that spans them.
func compactSources(ss []graph.Source) []graph.Source {
	if len(ss) <= graph.MaxSources {
		return ss
	}
	type span struct{ from, to int }
	spans := map[graph.Source]*span{}
	var order []graph.Source
	for _, s := range ss {
		var from, to int
		if _, err := fmt.Sscanf(s.Lines, "%d-%d", &from, &to); err != nil {
			to = from
		}
		k := graph.Source{File: s.File, Section: s.Section}
		sp, ok := spans[k]
		if !ok {
			spans[k] = &span{from, to}
			order = append(order, k)
			continue
		}
		sp.from, sp.to = min(sp.from, from), max(sp.to, to)
	}
	out := make([]graph.Source, 0, len(order))
	for _, k := range order {
		sp := spans[k]
		k.Lines = fmt.Sprint(sp.from)
		if sp.to > sp.from {
			k.Lines = fmt.Sprintf("%d-%d", sp.from, sp.to)
		}
		out = append(out, k)
	}
	return out
}

func unionStrings(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
