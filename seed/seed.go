package seed

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/ref"
)

// Version is the dataset format this loader reads.
const Version = 1

//go:embed data
var dataFS embed.FS

// Layers are applied in this order; a later layer may enrich a node or an
// edge of an earlier one, never redefine one of its own.
var Layers = []string{"derived", "curated"}

// File is one dataset file.
type File struct {
	Version int          `json:"version"`
	Nodes   []graph.Node `json:"nodes"`
	Edges   []graph.Edge `json:"edges"`
}

// Dataset is the merged content of all layers, in a stable order.
type Dataset struct {
	Nodes []graph.Node
	Edges []graph.Edge
	Files []string // the files read, in order
}

// Read loads the embedded dataset.
func Read() (*Dataset, error) { return ReadFS(dataFS, "data") }

// ReadFS loads a dataset laid out like data/ from fsys under root. A file
// that does not decode, has the wrong version, or repeats an id of its own
// layer is an error naming the file.
func ReadFS(fsys fs.FS, root string) (*Dataset, error) { return ReadLayers(fsys, root, Layers...) }

// ReadCurated loads the embedded curated layer alone: the derive step reads
// its aliases and titles.
func ReadCurated() (*Dataset, error) { return ReadLayers(dataFS, "data", "curated") }

// ReadLayers loads the named layers of a dataset in order, later layers
// merged into earlier ones.
func ReadLayers(fsys fs.FS, root string, layers ...string) (*Dataset, error) {
	d := &Dataset{}
	nodes := map[string]int{} // id -> index in d.Nodes
	edges := map[graph.EdgeKey]int{}
	for _, layer := range layers {
		names, err := fs.Glob(fsys, path.Join(root, layer, "*.json"))
		if err != nil {
			return nil, fmt.Errorf("seed: list %s: %w", layer, err)
		}
		sort.Strings(names)
		seenNodes := map[string]string{} // id -> file, within this layer
		seenEdges := map[graph.EdgeKey]string{}
		for _, name := range names {
			f, err := readFile(fsys, name)
			if err != nil {
				return nil, err
			}
			d.Files = append(d.Files, name)
			for _, n := range f.Nodes {
				if prev, ok := seenNodes[n.ID]; ok {
					return nil, fmt.Errorf("seed: %s: node %q already defined in %s: %w", name, n.ID, prev, graph.ErrInvalid)
				}
				seenNodes[n.ID] = name
				if i, ok := nodes[n.ID]; ok {
					if d.Nodes[i].Kind != n.Kind {
						return nil, fmt.Errorf("seed: %s: node %q is a %s here and a %s in an earlier layer: %w", name, n.ID, n.Kind, d.Nodes[i].Kind, graph.ErrConflict)
					}
					d.Nodes[i] = graph.MergeNode(d.Nodes[i], n)
					continue
				}
				nodes[n.ID] = len(d.Nodes)
				d.Nodes = append(d.Nodes, n)
			}
			for _, e := range f.Edges {
				k := e.Key()
				if prev, ok := seenEdges[k]; ok {
					return nil, fmt.Errorf("seed: %s: edge %s already defined in %s: %w", name, k, prev, graph.ErrInvalid)
				}
				seenEdges[k] = name
				if i, ok := edges[k]; ok {
					d.Edges[i] = graph.MergeEdge(d.Edges[i], e)
					continue
				}
				edges[k] = len(d.Edges)
				d.Edges = append(d.Edges, e)
			}
		}
	}
	return d, nil
}

func readFile(fsys fs.FS, name string) (*File, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("seed: read %s: %w", name, err)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("seed: %s: %w", name, err)
	}
	if f.Version != Version {
		return nil, fmt.Errorf("seed: %s: format version %d, this loader reads %d: %w", name, f.Version, Version, graph.ErrInvalid)
	}
	return &f, nil
}

// Check reports every way the dataset breaks the domain's rules: invalid
// nodes or edges, edges whose endpoints are not in the dataset or are of
// the wrong kind, and nodes or edges without provenance. It returns nil for
// a sound dataset.
func (d *Dataset) Check() []error {
	var errs []error
	kinds := make(map[string]graph.Kind, len(d.Nodes))
	for _, n := range d.Nodes {
		kinds[n.ID] = n.Kind
		if err := n.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("node %s: %w", n.ID, err))
		}
		if len(n.Sources) == 0 {
			errs = append(errs, fmt.Errorf("node %s: no sources", n.ID))
		}
		errs = append(errs, checkReferences(n)...)
	}
	for _, e := range d.Edges {
		if err := e.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("edge %s: %w", e.Key(), err))
		}
		if len(e.Sources) == 0 {
			errs = append(errs, fmt.Errorf("edge %s: no sources", e.Key()))
		}
		fk, fok := kinds[e.From]
		tk, tok := kinds[e.To]
		switch {
		case !fok:
			errs = append(errs, fmt.Errorf("edge %s: dangling: no node %s", e.Key(), e.From))
		case !tok:
			errs = append(errs, fmt.Errorf("edge %s: dangling: no node %s", e.Key(), e.To))
		default:
			if err := graph.ValidateEndpoints(e.Type, fk, tk); err != nil {
				errs = append(errs, fmt.Errorf("edge %s: %w", e.Key(), err))
			}
		}
	}
	return errs
}

// checkReferences reports a reference or alias that is not written in its
// canonical form, and a document or procedure whose id is not the one its
// reference gives: lookups by reference and aliases rely on both.
func checkReferences(n graph.Node) []error {
	var errs []error
	if r := n.Props.String("reference"); r != "" {
		p, err := ref.Parse(r)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("node %s: reference %q: %w", n.ID, r, err))
		case p.String() != r:
			errs = append(errs, fmt.Errorf("node %s: reference %q is not canonical: write %q", n.ID, r, p.String()))
		case (n.Kind == graph.Document || n.Kind == graph.Procedure) && p.ID() != n.ID:
			errs = append(errs, fmt.Errorf("node %s: the reference %q gives the id %s", n.ID, r, p.ID()))
		}
	}
	for _, a := range n.Props.Strings("aliases") {
		// Aliases may be names too; only those that read as references
		// must be canonical.
		if p, err := ref.Parse(a); err == nil && p.String() != a {
			errs = append(errs, fmt.Errorf("node %s: alias %q is not canonical: write %q", n.ID, a, p.String()))
		}
	}
	return errs
}

// Options tune Load.
type Options struct {
	// BatchSize is the number of nodes or edges per Store.Apply; 0 means
	// DefaultBatchSize.
	BatchSize int
	// Progress, if set, is called after each batch with the items written
	// so far and the total.
	Progress func(done, total int)
	// Dataset overrides the embedded dataset (tests, other datasets).
	Dataset *Dataset
}

// DefaultBatchSize keeps each transaction small enough for a remote store.
const DefaultBatchSize = 500

// Report counts what Load did.
type Report struct {
	Files        int
	Nodes, Edges int // in the dataset
	graph.BatchResult
}

func (r Report) String() string {
	s := fmt.Sprintf("seed: %d files, %d nodes (%d created, %d updated, %d unchanged), %d edges (%d created, %d updated, %d unchanged)",
		r.Files, r.Nodes, r.NodesCreated, r.NodesUpdated, r.NodesUnchanged, r.Edges, r.EdgesCreated, r.EdgesUpdated, r.EdgesUnchanged)
	if !r.Changed() {
		s += ": nothing changed"
	}
	return s
}

// ErrUnsound is returned by Load when the dataset fails Check.
var ErrUnsound = errors.New("seed: dataset is unsound")

// Load writes the dataset into s: all nodes, then all edges, in batches,
// each batch one atomic Store.Apply with Merge, so that loading twice
// changes nothing (the second report is all unchanged) and a node that
// users enriched keeps what they added.
// An unsound dataset is refused before anything is written.
func Load(ctx context.Context, s graph.Store, opts Options) (Report, error) {
	d := opts.Dataset
	if d == nil {
		var err error
		if d, err = Read(); err != nil {
			return Report{}, err
		}
	}
	if errs := d.Check(); len(errs) > 0 {
		return Report{}, fmt.Errorf("%w: %w", ErrUnsound, errors.Join(errs...))
	}
	size := opts.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	r := Report{Files: len(d.Files), Nodes: len(d.Nodes), Edges: len(d.Edges)}
	total, done := len(d.Nodes)+len(d.Edges), 0
	apply := func(b graph.Batch) error {
		b.Merge = true
		res, err := s.Apply(ctx, b)
		if err != nil {
			return fmt.Errorf("seed: apply batch at item %d of %d: %w", done, total, err)
		}
		r.Add(res)
		done += len(b.Nodes) + len(b.Edges)
		if opts.Progress != nil {
			opts.Progress(done, total)
		}
		return nil
	}
	for i := 0; i < len(d.Nodes); i += size {
		if err := apply(graph.Batch{Nodes: d.Nodes[i:min(i+size, len(d.Nodes))]}); err != nil {
			return r, err
		}
	}
	for i := 0; i < len(d.Edges); i += size {
		if err := apply(graph.Batch{Edges: d.Edges[i:min(i+size, len(d.Edges))]}); err != nil {
			return r, err
		}
	}
	return r, nil
}
