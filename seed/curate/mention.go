package curate

import (
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/ref"
)

// The provenance rule of the dataset: the lines a source cites state the
// fact, so they name what the fact is about. A node's lines name the node
// (its name, acronym, short title, a reference or an alias); an edge's
// lines, with the heading of their section, name each end the corpus file
// is not itself. Where a fact is inferred from lines that do not name it,
// the source says why in its note. Mentions is the test of "names".

// Terms returns the words n is known by in the corpus: its name, acronym,
// short title, reference, aliases and, for a person, the family name OEIL
// prints in capitals.
func Terms(n graph.Node) []string {
	terms := []string{n.Name}
	// A title's parts: before and after a colon, and without what is in
	// brackets ("Integrated Political Crisis Response (IPCR) arrangements").
	if a, b, ok := strings.Cut(n.Name, ":"); ok {
		terms = append(terms, a, b)
	}
	if i := strings.Index(n.Name, "("); i > 0 {
		if j := strings.Index(n.Name[i:], ")"); j > 0 {
			terms = append(terms, n.Name[:i]+n.Name[i+j+1:], n.Name[i+1:i+j])
		}
	}
	for _, k := range []string{"acronym", "shortTitle", "reference", "familyName"} {
		if s := n.Props.String(k); s != "" {
			terms = append(terms, s)
		}
	}
	return append(terms, n.Props.Strings("aliases")...)
}

// Mentions reports whether text names one of terms: a term's words appear
// in it in a row (case, accents and punctuation aside), a reference term
// is among the references ref.Extract finds in it, or the significant
// words of a term of several words appear in it with the same first four
// letters, which lets "Identify and dismantle criminal networks" match
// "identifying and dismantling criminal networks" (a long title may miss
// one word of four, two of eight).
func Mentions(text string, terms []string) bool {
	slug := "-" + graph.Slug(text) + "-"
	stems := map[string]bool{}
	for _, w := range strings.Split(strings.Trim(slug, "-"), "-") {
		stems[stem(w)] = true
	}
	var refs map[string]bool
	for _, t := range terms {
		s := graph.Slug(t)
		if s == "" {
			continue
		}
		if strings.Contains(slug, "-"+s+"-") {
			return true
		}
		if r, err := ref.Parse(t); err == nil {
			if refs == nil {
				refs = map[string]bool{}
				for _, m := range ref.Extract(text) {
					refs[m.Ref.String()] = true
				}
			}
			if refs[r.String()] {
				return true
			}
			continue
		}
		if significant := significantWords(s); len(significant) >= 2 && missingStems(significant, stems) <= slack(len(significant)) {
			return true
		}
	}
	return false
}

func stem(w string) string {
	if len(w) > 4 {
		return w[:4]
	}
	return w
}

// missingStems counts the words whose stem is not among stems.
func missingStems(words []string, stems map[string]bool) int {
	n := 0
	for _, w := range words {
		if !stems[stem(w)] {
			n++
		}
	}
	return n
}

// slack is how many words of a long title a mention may leave out: a
// text shortens "Directive on the right of access to a lawyer and to
// communicate upon deprivation of liberty" by a word or two.
func slack(words int) int {
	switch {
	case words >= 8:
		return 2
	case words >= 4:
		return 1
	}
	return 0
}

// significantWords are the words of a slug that carry meaning: not the
// short function words, which any line has.
func significantWords(slug string) []string {
	var out []string
	for _, w := range strings.Split(slug, "-") {
		if len(w) >= 3 && !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

var stopWords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "from": true, "into": true, "its": true,
	"that": true, "this": true, "those": true, "their": true, "between": true, "under": true,
	"against": true, "towards": true, "other": true,
}
