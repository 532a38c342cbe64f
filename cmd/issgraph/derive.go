package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/issgraph/issgraph/seed"
	"github.com/issgraph/issgraph/seed/derive"
)

// runDerive is "issgraph derive": regenerate the derived layer of the
// dataset (seed/data/derived) from the corpus, with the same importer and
// extractor users run on their own files. Commit its output.
func runDerive(_ context.Context, e env, args []string) error {
	var corpus, out string
	var check bool
	_, _, err := parseCommand(e, "derive", "", args, func(fs *flag.FlagSet, _ *envReader, _ *config) func() error {
		defCorpus, _ := derive.FindCorpus()
		fs.StringVar(&corpus, "corpus", defCorpus, "`directory` of the corpus (ISSGRAPH_CORPUS; default ../shared/corpus beside the repository)")
		fs.StringVar(&out, "out", filepath.Join("seed", "data", "derived"), "`directory` to write "+derive.OutputName+" into")
		fs.BoolVar(&check, "check", false, "do not write; fail if the committed file differs from what the corpus derives")
		return nil
	})
	if err != nil {
		return err
	}
	if corpus == "" {
		return fmt.Errorf("%w: no corpus found: give --corpus or set ISSGRAPH_CORPUS", errConfig)
	}
	curated, err := seed.ReadCurated()
	if err != nil {
		return err
	}
	f, err := derive.Derive(corpus, curated)
	if err != nil {
		return err
	}
	b, err := derive.Marshal(f)
	if err != nil {
		return err
	}
	path := filepath.Join(out, derive.OutputName)
	if check {
		old, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if string(old) != string(b) {
			return fmt.Errorf("%s is stale: run issgraph derive and commit it", path)
		}
		fmt.Fprintf(e.stdout, "%s is up to date (%d nodes, %d edges)\n", path, len(f.Nodes), len(f.Edges))
		return nil
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d nodes, %d edges from %s\n", path, len(f.Nodes), len(f.Edges), corpus)
	return nil
}
