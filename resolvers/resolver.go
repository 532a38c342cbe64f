package resolvers

import (
	"log/slog"

	"github.com/issgraph/issgraph/graph"
)

// Resolver is the root resolver: it holds the dependencies every resolver
// shares. Per-request state (the loaders, the caller's API key) travels in
// the context.
type Resolver struct {
	store  graph.Store
	limits graph.Limits
	log    *slog.Logger
}

// newResolver wires the dependencies both HTTP handlers share: the
// GraphQL endpoint (NewHandler) and the export (NewExportHandler).
func newResolver(s graph.Store, opts Options) *Resolver {
	r := &Resolver{store: s, limits: opts.Limits, log: opts.Logger}
	if r.log == nil {
		r.log = slog.Default()
	}
	return r
}
