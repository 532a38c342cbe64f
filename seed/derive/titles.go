package derive

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Title is a phrase by which a document is named in prose ("EU Drugs
// Strategy 2013-2020") and the node it names.
type Title struct {
	Phrase string
	ID     string
}

// TitleMatch is one mention found by a Gazetteer: text[Start:End] names ID.
type TitleMatch struct {
	Title
	Start, End int
}

// Gazetteer finds mentions of known titles in free text: case-insensitive,
// on word boundaries, longest phrase first, without overlaps. It complements
// the reference extractor (graph/ref), which finds formal references such as
// COM(2010) 673; much of the corpus cites documents by title alone.
type Gazetteer struct {
	titles []Title // longest phrase first
}

// MinPhrase is the shortest phrase a Gazetteer accepts: shorter ones (an
// acronym such as "ISS") match far too much prose to be evidence of a
// citation.
const MinPhrase = 12

// NewGazetteer returns a gazetteer over titles, dropping phrases shorter
// than MinPhrase and duplicates.
func NewGazetteer(titles []Title) *Gazetteer {
	seen := map[string]bool{}
	g := &Gazetteer{}
	for _, t := range titles {
		key := strings.ToLower(strings.TrimSpace(t.Phrase))
		if len(key) < MinPhrase || seen[key] {
			continue
		}
		seen[key] = true
		g.titles = append(g.titles, Title{Phrase: strings.TrimSpace(t.Phrase), ID: t.ID})
	}
	sort.SliceStable(g.titles, func(i, j int) bool {
		if len(g.titles[i].Phrase) != len(g.titles[j].Phrase) {
			return len(g.titles[i].Phrase) > len(g.titles[j].Phrase)
		}
		return g.titles[i].Phrase < g.titles[j].Phrase
	})
	return g
}

// Find returns the mentions in text in order of position.
func (g *Gazetteer) Find(text string) []TitleMatch {
	lower := strings.ToLower(text)
	if len(lower) != len(text) {
		// Lower-casing changed byte lengths (rare letters); offsets would
		// drift, so fold byte-wise over ASCII only.
		lower = asciiLower(text)
	}
	taken := make([]bool, len(text))
	var out []TitleMatch
	for _, t := range g.titles {
		p := strings.ToLower(t.Phrase)
		if len(p) != len(t.Phrase) {
			p = asciiLower(t.Phrase)
		}
		for from := 0; ; {
			i := strings.Index(lower[from:], p)
			if i < 0 {
				break
			}
			start, end := from+i, from+i+len(p)
			from = start + 1
			if !boundary(text, start, end) || overlaps(taken, start, end) {
				continue
			}
			for k := start; k < end; k++ {
				taken[k] = true
			}
			out = append(out, TitleMatch{Title: t, Start: start, End: end})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func overlaps(taken []bool, start, end int) bool {
	for k := start; k < end; k++ {
		if taken[k] {
			return true
		}
	}
	return false
}

// boundary reports whether text[start:end] is not part of a longer word.
func boundary(text string, start, end int) bool {
	if start > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:start])
		if isWord(r) {
			return false
		}
	}
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if isWord(r) {
			return false
		}
	}
	return true
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
