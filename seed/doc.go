// Package seed holds the curated ISS dataset and its idempotent loader.
//
// The dataset is a set of versioned JSON files under data/, embedded in the
// binary with go:embed. data/derived/ is written by "issgraph derive" from
// the public corpus (the OEIL procedure import and the references extracted
// from the documents' text) and is never edited by hand; data/curated/ holds
// the facts no tool can derive, each with its provenance. Load merges the
// layers (derived first, then curated overlaid with graph.MergeNode) and
// applies the result to any graph.Store in batches.
package seed
