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
