package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/seed/oeil"
)

// importSynopsis is what import oeil takes after its flags.
const importSynopsis = "FILE..."

// runImport is "issgraph import oeil [flags] FILE...": import OEIL
// procedure files into the configured store. Every file is parsed before
// anything is written, so a file that does not parse (reported with its
// line number) leaves the store untouched; re-importing changes nothing.
// It prints a report per file: nodes and edges created, updated and
// unchanged by kind and type, and the file's warnings; with --json the
// same report as JSON. --lenient turns structural errors into warnings.
func runImport(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "oeil" {
		if len(args) > 0 && isHelp(args[0]) {
			// The flags are those of import oeil.
			_, _, err := parseCommand(e, "import oeil", importSynopsis, args, importGroups(new(oeil.Options), new(bool))...)
			return err
		}
		return fmt.Errorf("%w: usage: issgraph import oeil [flags] %s (the only format is oeil)", errConfig, importSynopsis)
	}
	var opts oeil.Options
	var asJSON bool
	cfg, files, err := parseCommand(e, "import oeil", importSynopsis, args[1:], importGroups(&opts, &asJSON)...)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%w: no files to import", errConfig)
	}
	return withStore(ctx, cfg, func(s graph.Store) error {
		r, err := oeil.Import(ctx, s, opts, files...)
		if err != nil {
			return err
		}
		if asJSON {
			enc := json.NewEncoder(e.stdout)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			return enc.Encode(r)
		}
		for _, f := range r.Files {
			printFileReport(e.stdout, f)
		}
		return nil
	})
}

// importGroups are the flags of import oeil: the store's and its own.
func importGroups(opts *oeil.Options, asJSON *bool) []flagGroup {
	own := func(fs *flag.FlagSet, _ *envReader, _ *config) func() error {
		fs.BoolVar(&opts.Lenient, "lenient", false, "skip an unknown section heading or a row of no known shape, with a warning, instead of refusing the file")
		fs.BoolVar(asJSON, "json", false, "print the report as JSON")
		return nil
	}
	return append(slices.Clone(storeGroups), own)
}

// printFileReport writes one file's report as text: a summary line, a line
// per node kind and edge type, and the warnings.
func printFileReport(w io.Writer, f oeil.FileReport) {
	t := f.Result
	fmt.Fprintf(w, "%s: procedure %s: %d nodes (%d created, %d updated, %d unchanged), %d edges (%d created, %d updated, %d unchanged), %d warnings\n",
		f.File, f.Procedure, t.NodesCreated+t.NodesUpdated+t.NodesUnchanged, t.NodesCreated, t.NodesUpdated, t.NodesUnchanged,
		t.EdgesCreated+t.EdgesUpdated+t.EdgesUnchanged, t.EdgesCreated, t.EdgesUpdated, t.EdgesUnchanged, len(f.Warnings))
	line := func(name string, c *oeil.Counts) {
		fmt.Fprintf(w, "  %-16s %4d created %4d updated %4d unchanged\n", name, c.Created, c.Updated, c.Unchanged)
	}
	for _, k := range sortedKeys(f.Nodes) {
		line(string(k), f.Nodes[k])
	}
	for _, k := range sortedKeys(f.Edges) {
		line(string(k), f.Edges[k])
	}
	for _, wn := range f.Warnings {
		fmt.Fprintf(w, "  warning: %s\n", wn)
	}
}

func sortedKeys[K ~string, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b K) int { return strings.Compare(string(a), string(b)) })
	return keys
}
