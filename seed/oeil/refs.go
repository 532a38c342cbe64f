package oeil

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/ref"
)

// reference is a reference a file gives, as the graph names it.
type reference struct {
	canon     string // COM(2014) 365, 2010/2308(INI)
	id        string // document/com-2014-0365, procedure/2010-2308-ini
	procedure bool   // a procedure reference rather than a document's
	r         ref.Ref
}

// parseRef reads a reference with graph/ref, the one normaliser every
// importer shares.
func parseRef(s string) (reference, error) {
	r, err := ref.Parse(s)
	if err != nil {
		return reference{}, err
	}
	return refOf(r), nil
}

func refOf(r ref.Ref) reference {
	return reference{canon: r.String(), id: r.ID(), procedure: r.Kind() == graph.Procedure, r: r}
}

// procedureRefs returns the procedure references in a text such as "See
// also 2013/2636(RSP)".
func procedureRefs(s string) []reference {
	var out []reference
	for _, m := range ref.Extract(s) {
		if m.Ref.Kind() == graph.Procedure {
			out = append(out, refOf(m.Ref))
		}
	}
	return out
}

// cellRef is what a reference cell holds: a document reference, one the
// normaliser cannot read (kept verbatim), an Official Journal citation, or
// a mix, since a continued row may join a reference and its citation.
type cellRef struct {
	reference
	unresolved string // the cell's text when it reads as no reference
	oj         string // canonical Official Journal citation
}

// ojRE is an Official Journal citation as OEIL writes it, "OJ L 135
// 24.05.2016, p. 0053", or as the Journal does, "OJ L 135, 24.5.2016, p. 53".
var ojRE = regexp.MustCompile(`OJ ([LC])(?: ?([A-Z]{1,2}))? ?(\d{1,4}) ?([A-Z])?,? (\d{1,2})\.(\d{1,2})\.(\d{4}),? p\. ?(\d{1,5})`)

// officialJournal reads the first Official Journal citation in s into its
// canonical form, and returns s without it.
func officialJournal(s string) (canon, rest string) {
	loc := ojRE.FindStringSubmatchIndex(s)
	if loc == nil {
		return "", s
	}
	m := make([]string, len(loc)/2)
	for i := range m {
		if loc[2*i] >= 0 {
			m[i] = s[loc[2*i]:loc[2*i+1]]
		}
	}
	n := func(x string) int { v, _ := strconv.Atoi(x); return v }
	series := m[1] + m[2]
	canon = fmt.Sprintf("OJ %s %d%s, %d.%d.%s, p. %d", series, n(m[3]), m[4], n(m[5]), n(m[6]), m[7], n(m[8]))
	rest = strings.TrimSpace(s[:loc[0]] + " " + s[loc[1]:])
	return canon, rest
}

// ojIssue returns the series, year and issue number of a canonical
// citation, for a link to the issue ("L", 2016, "135").
var ojCanonRE = regexp.MustCompile(`^OJ ([LC][A-Z]{0,2}) (\d{1,4}[A-Z]?), \d{1,2}\.\d{1,2}\.(\d{4}), p\. \d+$`)

// docRef reads a reference cell. An empty cell is no reference. A
// reference the normaliser cannot read, or one that names a procedure, is
// kept verbatim with a warning, never refused: the file's other facts
// stand. One that reads but is implausible (a Parliament number outside
// its term) is used, with a warning.
func (p *parser) docRef(l line, s string) cellRef {
	var c cellRef
	c.oj, s = officialJournal(s)
	s = strings.TrimSpace(s)
	if s == "" {
		return c
	}
	r, err := parseRef(s)
	switch {
	case err != nil:
		c.unresolved = s
		p.warnf(l.n, "reference %q reads as none the service knows; kept verbatim as unresolvedReference", s)
	case r.procedure:
		c.unresolved = s
		p.warnf(l.n, "reference %q names a procedure where a document is expected; kept verbatim as unresolvedReference", s)
	default:
		if err := r.r.Check(); err != nil {
			p.warnf(l.n, "implausible reference: %v", err)
		}
		c.reference = r
	}
	return c
}

// unresolvedID is the id of a document known by a reference the
// normaliser cannot read: its slug, so that every row naming it meets at one
// node. "" when the text has no letters or digits.
func unresolvedID(s string) string {
	slug := graph.Slug(s)
	if len(slug) > maxUnresolvedSlug {
		slug = strings.TrimRight(slug[:maxUnresolvedSlug], "-._")
	}
	if slug == "" {
		return ""
	}
	return "document/" + slug
}

// maxUnresolvedSlug keeps an unresolved reference's id within
// graph.MaxIDLen; no reference is nearly that long.
const maxUnresolvedSlug = 120
