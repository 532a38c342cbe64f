// Package derive builds the derived layer of the dataset (seed/data/derived)
// from the public corpus, with the same tools users run on their own files:
// the OEIL procedure-file importer (seed/oeil), the reference extractor
// (graph/ref) and a gazetteer of document titles taken from the curated
// layer. "issgraph derive" writes its output; a test checks that the
// committed files are exactly what it produces.
package derive
