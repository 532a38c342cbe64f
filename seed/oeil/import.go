package oeil

import (
	"context"
	"fmt"
	"os"

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
		t.NodesCreated += f.NodesCreated
		t.NodesUpdated += f.NodesUpdated
		t.EdgesCreated += f.EdgesCreated
		t.EdgesUpdated += f.EdgesUpdated
	}
	return t
}

// Import parses every file first and writes nothing if any of them fails;
// then it applies each file's batch to s with Batch.Merge, so that
// importing again changes nothing and never removes what curation added.
// A node a file only mentions (see File.Placeholders) keeps the name and
// properties the store already has for it. If an Apply fails, the files
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
		b, err := keepKnown(ctx, s, f)
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

// keepKnown returns f's batch in which each placeholder the store already
// holds carries the stored name and properties, so that a bare mention
// (a "See also" procedure named by its reference) does not overwrite the
// title another import or curation gave it. Its sources are still added.
func keepKnown(ctx context.Context, s graph.Store, f *File) (graph.Batch, error) {
	b := f.Batch
	if len(f.Placeholders) == 0 {
		return b, nil
	}
	stored := map[string]*graph.Node{}
	for start := 0; start < len(f.Placeholders); start += graph.MaxBatchIDs {
		ids := f.Placeholders[start:min(start+graph.MaxBatchIDs, len(f.Placeholders))]
		got, err := s.GetNodes(ctx, ids)
		if err != nil {
			return b, err
		}
		for j, n := range got {
			if n != nil {
				stored[ids[j]] = n
			}
		}
	}
	if len(stored) == 0 {
		return b, nil
	}
	b.Nodes = make([]graph.Node, len(f.Batch.Nodes))
	for i, n := range f.Batch.Nodes {
		old, ok := stored[n.ID]
		if !ok || old.Kind != n.Kind {
			b.Nodes[i] = n // a kind clash is the store's to report
			continue
		}
		// Only what the store lacks is written.
		b.Nodes[i] = graph.Node{ID: n.ID, Kind: n.Kind, Name: old.Name,
			Props: fillProps(nil, n.Props), Sources: n.Sources}
		for k := range old.Props {
			delete(b.Nodes[i].Props, k)
		}
	}
	return b, nil
}
