package ref

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Match is one reference found in free text: Text is text[Start:End], byte
// offsets, and Ref is Parse(Text).
type Match struct {
	Ref        Ref
	Text       string
	Start, End int
}

// LineMatch is a Match with the 1-based line of its start.
type LineMatch struct {
	Match
	Line int
}

// Patterns for free text. Unlike Parse's, they are case-sensitive (in prose
// "com" or "pe" are words, COM and PE are series) and they allow white space
// of any kind, a line break or a no-break space, where a reference may have
// one. They only locate candidates: every candidate is checked by Parse,
// which decides what it means.
const (
	ws  = `[\s\x{00A0}]`
	sp  = ws + `{1,4}`                                           // some white space
	osp = ws + `{0,2}`                                           // optional white space
	sfx = `(?:` + sp + `(?:REV|ADD|COR)` + osp + `\d{1,2}){0,3}` // Council revision, addendum, corrigendum
	dom = `[A-Z][A-Za-z]{1,6}`
)

// A scan is one kind of candidate. The pattern's "ref" group is the match;
// text before it (a cue word) must be there but is not part of the match.
// core, where set, is a group the match falls back to when the whole does
// not parse (14186/2/14 REV 1 contradicts itself; 14186/2/14 alone does not).
type scan struct {
	re     *regexp.Regexp
	accept func(Match) bool // extra check on a parsed candidate; nil accepts all
	chain  bool             // further references may follow in a list: "docs 7120/10 and 16797/10"
}

var scans = []scan{
	// Commission series, SP: COM(2010) 673 final, COM/2010/673, SP(2012)542.
	{re: regexp.MustCompile(`(?P<ref>(?:COM|SEC|SWD|JOIN|C)` + osp + `\(\d{4}\)` + osp + `\d{1,5}(?P<core>)(?:` + sp + `final(?:/\d{1,2})?)?)`)},
	{re: regexp.MustCompile(`(?P<ref>(?:COM|SEC|SWD|JOIN)/\d{4}/\d{1,5}(?P<core>)(?:` + sp + `final(?:/\d{1,2})?)?)`)},
	{re: regexp.MustCompile(`(?P<ref>SP` + osp + `\(\d{4}\)` + osp + `\d{1,5})`)},
	// European Council: EUCO 79/14.
	{re: regexp.MustCompile(`(?P<ref>EUCO` + sp + `\d{1,4}/\d{2}(?P<core>)` + sfx + `)`)},
	// Parliament: A7-0143/2012, T7-0207/2012, P7_TA(2012)0207, PE 473.725.
	{re: regexp.MustCompile(`(?P<ref>(?:RC-B|[ABTCN])\d{1,2}-\d{1,4}/\d{4})`)},
	{re: regexp.MustCompile(`(?P<ref>P\d{1,2}_TA(?:-PROV)?\(\d{4}\)\d{1,4})`)},
	{re: regexp.MustCompile(`(?P<ref>PE` + osp + `\d{3}\.\d{3}(?:v\d{2}-\d{2})?)`)},
	// Procedures: 2010/2308(INI); the type code is the cue.
	{re: regexp.MustCompile(`(?P<ref>\d{4}/\d{1,4}` + osp + `\([A-Z]{3}\))`)},
	// Council documents. The number/revision/year form is distinctive
	// enough on its own once the number has three digits (1/2/14 is a
	// date); number/year needs REV, ADD or COR after it, ST before it, or a
	// cue word such as "doc." or "Council document" before it.
	{re: regexp.MustCompile(`(?P<ref>\d{1,5}/\d{1,2}/\d{2}(?P<core>)` + sfx + `)`), accept: councilRevForm},
	{re: regexp.MustCompile(`(?P<ref>\d{1,5}/\d{2}(?P<core>)(?:` + sp + `(?:REV|ADD|COR)` + osp + `\d{1,2}){1,3})`)},
	{re: regexp.MustCompile(`(?P<ref>ST` + osp + `\d{1,5}/(?:\d{1,2}/)?\d{2}(?P<core>)` + sfx + `)`), chain: true},
	{re: regexp.MustCompile(`(?P<ref>ST` + sp + `\d{1,5}` + sp + `\d{4}(?:` + sp + `INIT|(?:` + sp + `(?:REV|ADD|COR)` + sp + `\d{1,2}){1,3}))`)},
	{re: regexp.MustCompile(`(?:[Dd]oc(?:ument)?s?\.?)` + sp + `(?P<ref>\d{1,5}/(?:\d{1,2}/)?\d{2}(?P<core>)` + sfx + `)`), chain: true},
	// OEIL's spelling (09312/2021, 09312/1/2021, 09124/2014/ADD 1): the
	// number padded to five digits and a four-digit year are cue enough,
	// since no date or act number is written so.
	{re: regexp.MustCompile(`(?P<ref>\d{5}/(?:\d{1,2}/)?\d{4}(?P<core>)(?:(?:/|` + sp + `)(?:REV|ADD|COR)` + osp + `\d{1,2}){0,3})`)},
	// Legal acts: the act's name is the cue; an author before it and
	// Implementing or Delegated are kept in the match.
	{re: regexp.MustCompile(`(?P<ref>(?:(?:Council|Commission)` + sp + `)?(?:(?:Implementing|Delegated)` + sp + `)?` +
		`(?:[Ff]ramework` + sp + `[Dd]ecision|[Dd]irective|[Rr]egulation|[Dd]ecision)` +
		`(?:` + osp + `\(` + dom + `(?:,` + osp + dom + `)?\))?` + sp + `(?:No\.?` + osp + `)?\d{1,4}/\d{1,4}(?:/` + dom + `)?)`)},
}

// listSepRE and listRefRE continue a list of Council documents after a
// cued one. Only bare numbers continue it: an item with its own cue (ST …)
// is found by its own scan and starts its own list, so that every item
// belongs to one list and a long list costs linear time.
var (
	listSepRE = regexp.MustCompile(`^` + ws + `{0,2}(?:[,;&]` + ws + `{1,2}(?:(?:and|or)` + ws + `{1,2})?|(?:and|or)` + ws + `{1,2})`)
	listRefRE = regexp.MustCompile(`^\d{3,5}/(?:\d{1,2}/)?\d{2}` + sfx)
)

// councilRevForm keeps 14186/1/14 but not a date such as 1/2/14 unless a
// REV follows.
func councilRevForm(m Match) bool {
	return strings.Contains(m.Text, "REV") || strings.Index(m.Text, "/") >= 3
}

// Extract returns every document and procedure reference in text, in order
// of appearance. Where candidates overlap the longest wins; a reference
// inside a longer token (XCOM(2010) 673, 216797/101) does not count.
func Extract(text string) []Match {
	var cands []Match
	for _, s := range scans {
		cands = s.find(text, cands)
	}
	// Longest first, then leftmost; keep those that overlap nothing kept.
	sort.SliceStable(cands, func(i, j int) bool {
		li, lj := cands[i].End-cands[i].Start, cands[j].End-cands[j].Start
		if li != lj {
			return li > lj
		}
		return cands[i].Start < cands[j].Start
	})
	var out []Match
	taken := make([]bool, len(text)) // bytes inside a kept match
next:
	for _, c := range cands {
		for i := c.Start; i < c.End; i++ {
			if taken[i] {
				continue next
			}
		}
		for i := c.Start; i < c.End; i++ {
			taken[i] = true
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// ExtractLines is Extract with the line of each match, for provenance.
func ExtractLines(text string) []LineMatch {
	ms := Extract(text)
	out := make([]LineMatch, len(ms))
	line, at := 1, 0
	for i, m := range ms {
		line += strings.Count(text[at:m.Start], "\n")
		at = m.Start
		out[i] = LineMatch{Match: m, Line: line}
	}
	return out
}

// find appends the candidates of s in text to cands. It looks for a match
// at every start position, not only after the previous match, so that a
// candidate rejected at its boundary does not hide one overlapping it.
func (s scan) find(text string, cands []Match) []Match {
	ref, core := s.re.SubexpIndex("ref"), s.re.SubexpIndex("core")
	for pos := 0; pos < len(text); {
		g := s.re.FindStringSubmatchIndex(text[pos:])
		if g == nil {
			break
		}
		for i := range g {
			if g[i] >= 0 {
				g[i] += pos
			}
		}
		if m, ok := s.candidate(text, g[0], g[2*ref], g[2*ref+1]); ok {
			cands = append(cands, m)
			if s.chain {
				cands = chain(text, m.End, cands)
			}
		} else if core >= 0 && g[2*core] < g[2*ref+1] {
			if m, ok := s.candidate(text, g[0], g[2*ref], g[2*core]); ok {
				cands = append(cands, m)
			}
		}
		_, size := utf8.DecodeRuneInString(text[g[0]:])
		pos = g[0] + size
	}
	return cands
}

// candidate checks the match text[start:end], whose pattern began at from
// (before a cue word), at its boundaries and with Parse.
func (s scan) candidate(text string, from, start, end int) (Match, bool) {
	if !boundary(text, from, start, end) {
		return Match{}, false
	}
	r, err := Parse(text[start:end])
	if err != nil || r.Check() != nil {
		return Match{}, false // prose is read conservatively: A7-0143/2020 is a typo
	}
	m := Match{Ref: r, Text: text[start:end], Start: start, End: end}
	if s.accept != nil && !s.accept(m) {
		return Match{}, false
	}
	return m, true
}

// chain follows a cued Council document with the others of its list.
func chain(text string, at int, cands []Match) []Match {
	for {
		sep := listSepRE.FindStringIndex(text[at:])
		if sep == nil {
			return cands
		}
		start := at + sep[1]
		loc := listRefRE.FindStringIndex(text[start:])
		if loc == nil || !boundary(text, start, start, start+loc[1]) {
			return cands
		}
		end := start + loc[1]
		r, err := Parse(text[start:end])
		if err != nil || r.Type != Council {
			return cands
		}
		cands = append(cands, Match{Ref: r, Text: text[start:end], Start: start, End: end})
		at = end
	}
}

// boundary reports whether a match running from from (its cue, if any) to
// end stands on its own: no letter, digit or joining mark right before it
// or right after it, so that XCOM(2010) 673, RC-B7-0123/2012 or the
// 16797/10 in 216797/101 do not count. A match starting with a digit may
// not follow '/' or '.' either (LIBE/7/04825, 1.16797/10); one ending in a
// digit may not be followed by '/', '.', ',' or '-' and another digit
// (16797/10.5, 16797/10-11), while a sentence's full stop is fine.
func boundary(text string, from, start, end int) bool {
	if from > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:from])
		if word(r) || r == '-' || r == '/' {
			return false
		}
		if from == start && isDigit(text[start]) && (r == '.' || r == ',') {
			return false
		}
	}
	if end < len(text) {
		r, n := utf8.DecodeRuneInString(text[end:])
		if word(r) {
			return false
		}
		next, _ := utf8.DecodeRuneInString(text[end+n:])
		if isDigit(text[end-1]) && strings.ContainsRune("/.,-", r) && next >= '0' && next <= '9' {
			return false
		}
		if r == '/' && word(next) {
			return false // 2011/36/EU/…, COM/2010/673/…: part of a longer path
		}
	}
	return true
}

func word(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
