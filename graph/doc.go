// Package graph is the domain of issgraph: the kinds of node in the EU
// Internal Security Strategy policy network, the allow-list of edge types
// between them, their validation, and the Store interface that every storage
// adapter implements.
//
// A node is a property-graph record: a stable readable id ("agency/europol"),
// a Kind, a display name, kind-specific properties checked against the kind's
// PropSpecs, and its provenance (Sources). An edge is identified by its type
// and endpoints (EdgeKey) and carries its own properties and provenance.
//
// Everything an adapter needs to agree on with the others lives here, so that
// the embedded store and the Neo4j store behave the same: validation, the
// sort keys and cursors of list queries, the ordering of edges, and the
// sentinel errors ErrNotFound, ErrConflict, ErrInvalid and ErrUnavailable.
// The conformance suite in graph/graphtest pins that behaviour down.
package graph
