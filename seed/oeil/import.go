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
	Files []FileReport
}

// FileReport is the outcome of one file's Apply.
type FileReport struct {
	File      string // the path given to Import
	Procedure string // id of the procedure
	Nodes     int    // nodes in the file's batch
	Edges     int    // edges in the file's batch
	graph.BatchResult
}

// Total sums the files' results.
func (r Report) Total() graph.BatchResult {
	var t graph.BatchResult
	for _, f := range r.Files {
		t.Add(f.BatchResult)
	}
	return t
}

// Import parses every file first and writes nothing if any of them fails;
// then it applies each file's batch to s with Batch.Merge, so that
// importing again changes nothing and never removes what curation added.
// A node a file only mentions (see File.Placeholders) keeps the name and
// properties the store already has for it, and a node or edge whose sources
// are full keeps them (see prepare). If an Apply fails, the files
// before it stay written and the report lists them.
func Import(ctx context.Context, s graph.Store, files ...string) (Report, error) {
	parsed := make([]*File, len(files))
	for i, name := range files {
		fh, err := os.Open(name)
		if err != nil {
			return Report{}, fmt.Errorf("oeil: import %s: %w", name, err)
		}
		parsed[i], err = Parse(fh, name)
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
		b, err := prepare(ctx, s, f)
		if err != nil {
			return rep, fmt.Errorf("oeil: import %s: %w", files[i], err)
		}
		res, err := s.Apply(ctx, b)
		if err != nil {
			return rep, fmt.Errorf("oeil: import %s: %w", files[i], err)
		}
		rep.Files = append(rep.Files, FileReport{File: files[i], Procedure: f.Procedure.ID,
			Nodes: len(b.Nodes), Edges: len(b.Edges), BatchResult: res})
	}
	return rep, nil
}

// prepare adapts f's batch to what s already holds. A placeholder the
// store knows keeps the stored name and properties, so that a bare mention
// (a "See also" procedure named by its reference) does not overwrite the
// title another import or curation gave it. And since a node or an edge
// carries at most graph.MaxSources sources, a hub such as the Parliament,
// named by every file, gets only the new sources that still fit: the import
// must not fail on the hundredth file for want of room in a provenance list.
func prepare(ctx context.Context, s graph.Store, f *File) (graph.Batch, error) {
	b := f.Batch
	ids := make([]string, len(b.Nodes))
	for i, n := range b.Nodes {
		ids[i] = n.ID
	}
	stored, err := storedNodes(ctx, s, ids)
	if err != nil {
		return b, err
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
			continue
		}
		n = n.Clone()
		n.Sources = fitSources(old.Sources, n.Sources)
		if weak[n.ID] {
			n.Name = old.Name
			for k := range old.Props {
				delete(n.Props, k)
			}
		}
		b.Nodes[i] = n
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
			return b, err
		}
		for _, es := range got {
			for _, e := range es {
				old[e.Key()] = e
			}
		}
	}
	b.Edges = make([]graph.Edge, len(f.Batch.Edges))
	for i, e := range f.Batch.Edges {
		if o, ok := old[e.Key()]; ok {
			e = e.Clone()
			e.Sources = fitSources(o.Sources, e.Sources)
		}
		b.Edges[i] = e
	}
	return b, nil
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
