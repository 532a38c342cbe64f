package main

import (
	"context"
	"fmt"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/seed/oeil"
)

// importSynopsis is what import oeil takes after its flags.
const importSynopsis = "FILE..."

// runImport is "issgraph import oeil [flags] FILE...": import OEIL
// procedure files into the configured store. Every file is parsed before
// anything is written, so a file that does not parse (reported with its
// line number) leaves the store untouched; re-importing changes nothing.
func runImport(ctx context.Context, e env, args []string) error {
	if len(args) == 0 || args[0] != "oeil" {
		if len(args) > 0 && isHelp(args[0]) {
			// The flags are those of import oeil.
			_, _, err := parseCommand(e, "import oeil", importSynopsis, args, storeGroups...)
			return err
		}
		return fmt.Errorf("%w: usage: issgraph import oeil [flags] %s (the only format is oeil)", errConfig, importSynopsis)
	}
	cfg, files, err := parseCommand(e, "import oeil", importSynopsis, args[1:], storeGroups...)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%w: no files to import", errConfig)
	}
	return withStore(ctx, cfg, func(s graph.Store) error {
		r, err := oeil.Import(ctx, s, files...)
		if err != nil {
			return err
		}
		for _, f := range r.Files {
			fmt.Fprintf(e.stdout, "%s: procedure %s: %d nodes (%d created, %d updated, %d unchanged), %d edges (%d created, %d updated, %d unchanged)\n",
				f.File, f.Procedure, f.Nodes, f.NodesCreated, f.NodesUpdated, f.NodesUnchanged, f.Edges, f.EdgesCreated, f.EdgesUpdated, f.EdgesUnchanged)
		}
		return nil
	})
}
