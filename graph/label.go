package graph

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// What a drawing of the graph shows of a node. Every view (the GraphQL
// SubgraphNode, the exports, the explorer) reads these, so a node is
// labelled, dated and spelt alike wherever it is drawn.

// Name is the kind as the API spells it, the GraphQL enum value: PERSON,
// DOCUMENT. The exports use it too, so that a client never meets two
// spellings of one kind (gqlgen.yml binds the enum to these constants; a
// test in resolvers checks the two agree).
func (k Kind) Name() string { return strings.ToUpper(string(k)) }

// KindByName returns the kind a name means, in the API's spelling
// (DOCUMENT) or the domain's (Document), case-insensitively.
func KindByName(s string) (Kind, bool) {
	for _, spec := range Kinds {
		if strings.EqualFold(string(spec.Kind), s) {
			return spec.Kind, true
		}
	}
	return "", false
}

// MaxShortLabel is the longest ShortLabel, in characters.
const MaxShortLabel = 24

// ShortLabel is what a crowded drawing writes on a node: its acronym
// (COSI, Europol), a document's short title or reference (COM(2010) 673),
// a procedure's reference, an objective's number (SO 4, KA 4.2), else its
// name, cut at a word boundary to MaxShortLabel characters with an
// ellipsis. The full name is Node.Name.
func ShortLabel(n Node) string {
	p := n.Props
	var s string
	switch n.Kind {
	case Institution, Agency:
		s = p.String("acronym")
	case Document:
		s = p.String("shortTitle")
		if s == "" {
			s = p.String("reference")
		}
	case Procedure:
		s = p.String("reference")
	case Objective:
		if num := p.String("number"); num != "" {
			switch p.String("type") {
			case "strategic-objective":
				s = "SO " + num
			case "key-action":
				s = "KA " + num
			}
		}
	}
	if s == "" {
		s = n.Name
	}
	return truncate(s, MaxShortLabel)
}

// truncate cuts s to at most max characters, between words where it can,
// and marks the cut with "…".
func truncate(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	cut := string(r[:max-1])
	// Unless the cut falls between words already, go back to the last
	// space, if that keeps half of the label.
	if next := r[max-1]; !unicode.IsSpace(next) && !unicode.IsPunct(next) {
		if i := strings.LastIndexByte(cut, ' '); i >= len(cut)/2 {
			cut = cut[:i]
		}
	}
	return strings.TrimRight(cut, " ,;:-–(") + "…"
}

// NodeDate is the date a node stands at on a time axis: the "date" of an
// Event, a Document or a Procedure.
func NodeDate(n Node) (Date, bool) { return n.Props.Date("date") }

// NodeEndDate is the last day of an Event that lasts several days.
func NodeEndDate(n Node) (Date, bool) { return n.Props.Date("endDate") }
