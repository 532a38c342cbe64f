// Package curate checks the hand-curated layer of the ISS dataset,
// seed/data/curated/*.json, before the loader ever sees it.
//
// The loader (package seed) only checks what every dataset must satisfy.
// Curated data has stricter rules, because people write it by hand from the
// corpus: every fact names the corpus lines it comes from, those lines
// exist, ids follow the conventions of DEVELOPERS.md so that curated nodes
// meet the importer's and the extractor's nodes, and descriptions are our
// own words rather than sentences lifted from the sources. Check reports
// every breach at once, so that a reviewer sees the whole list.
package curate
