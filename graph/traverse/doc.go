// Package traverse implements the analyst traversals — neighbourhoods,
// shortest paths, citation chains and timelines — once, over a Store's
// batched reads (GetNodes, Edges, Degrees), so that every store gives the
// same answers by construction.
package traverse
