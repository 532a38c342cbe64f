package oeil

import (
	"strings"

	"github.com/issgraph/issgraph/graph/ref"
)

// OEIL words document types its own way ("Committee draft report", "Text
// adopted by Parliament, 1st reading/single reading"); the dataset has one
// vocabulary for every document, the one the curated files use
// (seed/data/curated: report, resolution, communication, ...). The importer
// stores the vocabulary's word as "type" and OEIL's wording, verbatim, as
// "oeilType". The mapping is a guess from wording, so "type" is a default
// (File.Defaults): a curated type the store already holds wins.

// docTypeRules map OEIL's wording to the vocabulary: the first rule whose
// phrase the wording contains (lower case) wins, so specific phrases come
// before general ones.
var docTypeRules = []struct{ phrase, typ string }{
	{"draft report", "draft-report"},
	{"amendments tabled", "amendments"},
	{"reasoned opinion", "reasoned-opinion"},
	{"contribution", "contribution"},
	{"response to text adopted", "commission-response"},
	{"council's position", "communication"},
	{"council position", "council-position"},
	{"council statement", "council-statement"},
	{"draft final act", "draft-final-act"},
	{"joint motion", "motion-for-resolution"},
	{"motion for a resolution", "motion-for-resolution"},
	{"text adopted", "resolution"},
	{"recommendation tabled", "recommendation"},
	{"legislative proposal", "legislative-proposal"},
	{"opinion", "opinion"},
	{"report tabled", "report"},
	{"committee report", "report"},
	{"implementation report", "report"},
	{"document attached", "attached-document"},
	{"(swd)", "staff-working-document"},
	{"(sec)", "staff-working-document"},
	{"(com)", "communication"},
	{"(join)", "communication"},
	{"communication", "communication"},
	{"final act", "final-act"},
}

// DocumentTypes is every type the importer gives a document, for the
// dataset's vocabulary check: those of docTypeRules, the legal acts', and
// "document" for wording no rule knows.
func DocumentTypes() []string {
	seen := map[string]bool{}
	var out []string
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for _, r := range docTypeRules {
		add(r.typ)
	}
	for _, t := range actTypes {
		add(t)
	}
	add("document")
	return out
}

// actTypes are the types of legal acts, by reference type.
var actTypes = map[ref.Type]string{ref.Directive: "directive", ref.Regulation: "regulation",
	ref.Decision: "decision", ref.FrameworkDecision: "framework-decision"}

// docType is the vocabulary's word for a document OEIL lists with wording
// oeil and reference r: a legal act is typed by its reference, anything
// else by its wording.
func docType(oeil string, r ref.Ref) string {
	if t, ok := actTypes[r.Type]; ok {
		return t
	}
	lc := strings.ToLower(oeil)
	for _, rule := range docTypeRules {
		if strings.Contains(lc, rule.phrase) {
			return rule.typ
		}
	}
	return "document"
}
