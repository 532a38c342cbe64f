package oeil

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/issgraph/issgraph/graph"
)

// Report says what Import wrote, file by file.
type Report struct {
	Files []FileReport `json:"files"`
}

// FileReport is the outcome of one file: what its batch did to the store,
// by node kind and edge type, and the file's warnings.
type FileReport struct {
	File      string                     `json:"file"`      // the path given to Import
	Procedure string                     `json:"procedure"` // id of the procedure
	Nodes     map[graph.Kind]*Counts     `json:"nodes"`
	Edges     map[graph.EdgeType]*Counts `json:"edges"`
	Warnings  []Warning                  `json:"warnings"`
	Result    graph.BatchResult          `json:"-"` // what Apply reported: the sums of Nodes and Edges
}

// Counts are the nodes of one kind, or edges of one type, a file's batch
// created, updated (changed their value) and left unchanged.
type Counts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// Counted sums the counts by kind and type: what prepare predicted, which
// equals Result, what Apply reported.
func (f FileReport) Counted() graph.BatchResult {
	var r graph.BatchResult
	for _, c := range f.Nodes {
		r.NodesCreated += c.Created
		r.NodesUpdated += c.Updated
		r.NodesUnchanged += c.Unchanged
	}
	for _, c := range f.Edges {
		r.EdgesCreated += c.Created
		r.EdgesUpdated += c.Updated
		r.EdgesUnchanged += c.Unchanged
	}
	return r
}

// Total sums the files' results.
func (r Report) Total() graph.BatchResult {
	var t graph.BatchResult
	for _, f := range r.Files {
		t.Add(f.Result)
	}
	return t
}

// Import parses every file first and writes nothing if any of them fails;
// then it applies each file's batch to s with Batch.Merge, so that
// importing again changes nothing and never removes what curation added.
// A node a file only mentions (see File.Placeholders) keeps the name and
// properties the store already has for it, as do the values the importer
// computed (File.Defaults), and a node or edge whose sources are full
// keeps them (see prepare). If an Apply fails, the files before it stay
// written and the report lists them.
func Import(ctx context.Context, s graph.Store, opts Options, files ...string) (Report, error) {
	parsed := make([]*File, len(files))
	for i, name := range files {
		fh, err := os.Open(name)
		if err != nil {
			return Report{}, fmt.Errorf("oeil: import %s: %w", name, err)
		}
		parsed[i], err = ParseOptions(fh, name, opts)
		fh.Close()
		if err != nil {
			return Report{}, fmt.Errorf("oeil: import: %w", err)
		}
	}
	var rep Report
	for i, f := range parsed {
		if err := ctx.Err(); err != nil {
			return rep, fmt.Errorf("oeil: import %s: %w", files[i], err)
		}
		b, fr, err := prepare(ctx, s, f)
		if err != nil {
			return rep, fmt.Errorf("oeil: import %s: %w", files[i], err)
		}
		res, err := s.Apply(ctx, b)
		if err != nil {
			return rep, fmt.Errorf("oeil: import %s: %w", files[i], err)
		}
		fr.File, fr.Procedure, fr.Result = files[i], f.Procedure.ID, res
		fr.Warnings = f.Warnings
		if fr.Warnings == nil {
			fr.Warnings = []Warning{}
		}
		rep.Files = append(rep.Files, fr)
	}
	return rep, nil
}

// prepare adapts f's batch to what s already holds, and counts by kind
// and type what applying it will create, update or leave unchanged (by
// Batch.Merge's rule, as Apply counts). A placeholder the store knows keeps
// the stored name and properties, so that a bare mention (a "See also"
// procedure named by its reference) does not overwrite the title another
// import or curation gave it; it only adds the aliases the file used (EPP
// for the group the graph calls PPE). A value the importer computed
// (File.Defaults: a document's title made of its type and reference, the
// vocabulary's type) gives way to the stored one likewise. And since a node
// or an edge carries at most graph.MaxSources sources, a hub such as the
// Parliament, named by every file, gets only the new sources that still
// fit: the import must not fail on the hundredth file for want of room in a
// provenance list.
func prepare(ctx context.Context, s graph.Store, f *File) (graph.Batch, FileReport, error) {
	fr := FileReport{Nodes: map[graph.Kind]*Counts{}, Edges: map[graph.EdgeType]*Counts{}}
	b := f.Batch
	ids := make([]string, len(b.Nodes))
	for i, n := range b.Nodes {
		ids[i] = n.ID
	}
	stored, err := storedNodes(ctx, s, ids)
	if err != nil {
		return b, fr, err
	}
	weak := make(map[string]bool, len(f.Placeholders))
	for _, id := range f.Placeholders {
		weak[id] = true
	}
	b.Nodes = make([]graph.Node, len(f.Batch.Nodes))
	for i, n := range f.Batch.Nodes {
		old, ok := stored[n.ID]
		if !ok || old.Kind != n.Kind {
			b.Nodes[i] = n // new, or a kind clash for the store to report
			count(fr.Nodes, n.Kind, false, false)
			continue
		}
		n = n.Clone()
		n.Sources = fitSources(old.Sources, n.Sources)
		keep := f.Defaults[n.ID]
		if weak[n.ID] {
			keep = append(slices.Clone(keep), "name")
			for k := range old.Props {
				keep = append(keep, k)
			}
		}
		for _, k := range keep {
			if k == "name" {
				n.Name = old.Name
				continue
			}
			if k == "aliases" {
				n.Props = withAliases(old.Props, n.Props)
				continue
			}
			if _, ok := old.Props[k]; ok {
				delete(n.Props, k)
			}
		}
		b.Nodes[i] = n
		count(fr.Nodes, n.Kind, graph.MergeNode(*old, n).Equal(*old), true)
	}

	from := map[string]bool{}
	var fromIDs []string
	for _, e := range b.Edges {
		if !from[e.From] {
			from[e.From] = true
			fromIDs = append(fromIDs, e.From)
		}
	}
	old := map[graph.EdgeKey]graph.Edge{}
	for start := 0; start < len(fromIDs); start += graph.MaxBatchIDs {
		chunk := fromIDs[start:min(start+graph.MaxBatchIDs, len(fromIDs))]
		got, err := s.Edges(ctx, graph.EdgeQuery{IDs: chunk, Direction: graph.Out})
		if err != nil {
			return b, fr, err
		}
		for _, es := range got {
			for _, e := range es {
				old[e.Key()] = e
			}
		}
	}
	b.Edges = make([]graph.Edge, len(f.Batch.Edges))
	for i, e := range f.Batch.Edges {
		o, ok := old[e.Key()]
		if ok {
			e = e.Clone()
			e.Sources = fitSources(o.Sources, e.Sources)
		}
		b.Edges[i] = e
		count(fr.Edges, e.Type, ok && graph.MergeEdge(o, e).Equal(o), ok)
	}
	return b, fr, nil
}

// count adds one node or edge to the counts of its kind or type.
func count[K comparable](m map[K]*Counts, k K, unchanged, existed bool) {
	c := m[k]
	if c == nil {
		c = &Counts{}
		m[k] = c
	}
	switch {
	case !existed:
		c.Created++
	case unchanged:
		c.Unchanged++
	default:
		c.Updated++
	}
}

// withAliases keeps the stored aliases and adds the file's, for a
// placeholder: the stored node keeps its name and properties, and learns
// the other names files call it by. The key is dropped when that adds
// nothing.
func withAliases(old, add graph.Props) graph.Props {
	have := old.Strings("aliases")
	all := slices.Clone(have)
	for _, a := range add.Strings("aliases") {
		if !slices.Contains(all, a) {
			all = append(all, a)
		}
	}
	if len(all) == len(have) || len(all) > graph.MaxListLen {
		delete(add, "aliases")
		return add
	}
	add["aliases"] = all
	return add
}

func storedNodes(ctx context.Context, s graph.Store, ids []string) (map[string]*graph.Node, error) {
	stored := map[string]*graph.Node{}
	for start := 0; start < len(ids); start += graph.MaxBatchIDs {
		chunk := ids[start:min(start+graph.MaxBatchIDs, len(ids))]
		got, err := s.GetNodes(ctx, chunk)
		if err != nil {
			return nil, err
		}
		for j, n := range got {
			if n != nil {
				stored[chunk[j]] = n
			}
		}
	}
	return stored, nil
}

// fitSources returns the sources of add that old lacks, as many as fit
// next to old within graph.MaxSources.
func fitSources(old, add []graph.Source) []graph.Source {
	var out []graph.Source
	room := graph.MaxSources - len(old)
	for _, a := range add {
		if len(out) >= room {
			break
		}
		if !slices.Contains(old, a) && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}
