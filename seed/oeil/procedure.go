package oeil

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/issgraph/issgraph/graph"
)

// procInfo is what Basic information and Technical information say of the
// procedure itself.
type procInfo struct {
	ref, title, typ, subtype, status, dossier string
	instrument                                string // Regulation, Directive, Decision, ...: the legislative instrument, where the file states it
	subjects, legalBasis                      []string
	related                                   []relatedRef
}

type relatedRef struct {
	ref     reference
	section string
	line    int
}

var (
	procRefRE = regexp.MustCompile(`^\d{4}/\d{4}\([A-Z]{3}\)$`)
	// A subject is an OEIL code followed by its name: 7.30.09 Public security.
	subjectRE      = regexp.MustCompile(`\d+(?:\.\d+)+ `)
	subjectLabelRE = regexp.MustCompile(`(?:^| )Subject \d+(?:\.\d+)+ `)
	typeLabelRE    = regexp.MustCompile(`^[A-Z]{3,4} - [^()]*?procedure(?: \([^)]*\))?`)
)

// procedureTypes are OEIL's labels of the procedure types, used to tell the
// type from the title in Basic information when Technical information does
// not give it.
var procedureTypes = []string{
	"COD - Ordinary legislative procedure (ex-codecision procedure)",
	"COD - Codecision procedure",
	"CNS - Consultation procedure",
	"APP - Consent by Parliament",
	"AVC - Assent procedure",
	"INI - Own-initiative procedure",
	"INL - Legislative initiative procedure",
	"RSP - Resolutions on topical subjects",
	"NLE - Non-legislative enactments",
	"BUD - Budgetary procedure",
	"DEC - Discharge procedure",
	"ACI - Interinstitutional agreement procedure",
	"SYN - Cooperation procedure",
}

// procedure reads Basic information and Technical information and settles
// the procedure's reference, which every other id of the file hangs off.
func (p *parser) procedure(secs []section, lines []line) error {
	var basic, tech *section
	for i := range secs {
		switch secs[i].name {
		case secBasic:
			if basic == nil {
				basic = &secs[i]
			}
		case secTechnical:
			if tech == nil {
				tech = &secs[i]
			}
		}
	}
	var techRef string
	techLine := 0
	if tech != nil {
		var err error
		if techRef, techLine, err = p.technical(tech); err != nil {
			return err
		}
	}
	var basicText string
	basicLine := 0
	if basic != nil {
		for _, l := range basic.lines {
			if l.blank() {
				if basicText != "" {
					break
				}
				continue
			}
			if basicLine == 0 {
				basicLine = l.n
			}
			p.procLines[secBasic] = append(p.procLines[secBasic], l.n)
			// The description is the first cell; the stage reached is in
			// the last one.
			basicText = strings.TrimSpace(basicText + " " + l.cell(0))
			for i := len(l.cells) - 1; i >= 1; i-- {
				if l.cells[i] != "" {
					if p.proc.status == "" {
						p.proc.status = l.cells[i]
					}
					break
				}
			}
		}
	}

	var basicRef string
	if basicText != "" {
		first, rest, _ := strings.Cut(basicText, " ")
		if procRefRE.MatchString(first) {
			basicRef = first
			p.basicText(rest, basicLine)
		}
	}
	ref := techRef
	refLine := techLine
	if ref == "" {
		ref, refLine = basicRef, basicLine
	}
	if ref == "" {
		n := 1
		switch {
		case basic != nil:
			n = basic.heading
		case tech != nil:
			n = tech.heading
		case len(lines) > 0:
			n = lines[len(lines)-1].n
		}
		return p.errorf(n, "no procedure reference in Basic information or Technical information")
	}
	r, err := parseRef(ref)
	if err != nil {
		return p.errorf(refLine, "procedure reference: %v", err)
	}
	if !r.procedure {
		return p.errorf(refLine, "procedure reference %q names a document", ref)
	}
	if basicRef != "" && techRef != "" {
		if br, err := parseRef(basicRef); err != nil || br.id != r.id {
			return p.errorf(basicLine, "procedure reference %q differs from %q in Technical information", basicRef, techRef)
		}
	}
	p.proc.ref = r.canon
	p.procID = r.id
	p.f.Related = nil
	for _, rel := range p.proc.related {
		if rel.ref.id == p.procID {
			continue
		}
		s := p.b.src(rel.section, rel.line, rel.line)
		p.b.node(graph.Node{ID: rel.ref.id, Kind: graph.Procedure, Name: rel.ref.canon,
			Props: graph.Props{"reference": rel.ref.canon}, Sources: []graph.Source{s}}, true)
		p.b.link(graph.RelatedTo, p.procID, rel.ref.id, nil, s)
		if !containsStr(p.f.Related, rel.ref.id) {
			p.f.Related = append(p.f.Related, rel.ref.id)
		}
	}
	return nil
}

// basicText reads the description after the reference: type, title, See
// also, Subject, in that order, separated by spaces only.
func (p *parser) basicText(s string, n int) {
	if i := subjectIndex(s); i >= 0 {
		subj := strings.TrimSpace(s[i+len("Subject "):])
		s = strings.TrimSpace(s[:i])
		locs := subjectRE.FindAllStringIndex(subj, -1)
		var subjects []string
		for j, loc := range locs {
			end := len(subj)
			if j+1 < len(locs) {
				end = locs[j+1][0]
			}
			subjects = append(subjects, strings.TrimSpace(subj[loc[0]:end]))
		}
		if len(subjects) == 0 && subj != "" {
			subjects = []string{subj}
		}
		if len(p.proc.subjects) == 0 {
			p.proc.subjects = subjects
		}
	}
	if i := strings.Index(s, "See also "); i >= 0 {
		p.seeAlso(s[i:], secBasic, n)
		s = strings.TrimSpace(s[:i])
	}
	typ := p.proc.typ
	if typ == "" || !strings.HasPrefix(s, typ) {
		typ = ""
		for _, t := range procedureTypes {
			if strings.HasPrefix(s, t) {
				typ = t
				break
			}
		}
	}
	if typ == "" {
		// An unknown type: OEIL's labels read "XXX - ... procedure".
		if m := typeLabelRE.FindString(s); m != "" {
			typ = m
		}
	}
	if typ != "" {
		s = strings.TrimSpace(strings.TrimPrefix(s, typ))
		if p.proc.typ == "" {
			p.proc.typ = typ
		}
	}
	// OEIL writes the legislative instrument between the type and the
	// title: "COD - ... Regulation European Union Agency for ...".
	if in, rest, ok := cutInstrument(s, p.proc.instrument); ok {
		if p.proc.instrument == "" {
			p.proc.instrument = in
		}
		s = rest
	}
	if s != "" {
		p.proc.title = s
	}
}

// instruments are the legislative instruments OEIL names, longest first
// so that "Framework decision" is not read as "Decision".
var instruments = []string{
	"Framework decision", "Implementing decision", "Delegated regulation", "Joint action", "Common position",
	"Regulation", "Directive", "Decision", "Recommendation", "Convention", "Agreement",
}

// cutInstrument cuts the instrument from the front of a title: the one
// Technical information names (known), else one of instruments, when a
// title follows it. A title starts with a capital or a digit, so that
// "Resolution on ..." or "Decision making in ..." keep their first word.
func cutInstrument(s, known string) (instrument, title string, ok bool) {
	cands := instruments
	if known != "" {
		cands = append([]string{known}, instruments...)
	}
	for _, in := range cands {
		if len(s) <= len(in)+1 || !strings.EqualFold(s[:len(in)], in) || s[len(in)] != ' ' {
			continue
		}
		rest := strings.TrimSpace(s[len(in):])
		// A domain or form may follow: "Decision (EU)", "Regulation (Euratom)".
		if strings.HasPrefix(rest, "(") {
			if i := strings.Index(rest, ")"); i > 0 && i < 12 {
				in, rest = s[:len(in)]+" "+rest[:i+1], strings.TrimSpace(rest[i+1:])
			}
		}
		if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			continue
		}
		return in, rest, true
	}
	return "", s, false
}

// subjectIndex finds the last "Subject" label followed by a subject code.
func subjectIndex(s string) int {
	locs := subjectLabelRE.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return -1
	}
	i := locs[len(locs)-1][0]
	if s[i] == ' ' {
		i++
	}
	return i
}

// seeAlso records the procedures a "See also" text names. Anything else in
// it is not a reference to follow.
func (p *parser) seeAlso(s, section string, n int) {
	for _, r := range procedureRefs(s) {
		p.proc.related = append(p.proc.related, relatedRef{ref: r, section: section, line: n})
	}
}

// technical reads Technical information: label, value rows; a row with an
// empty label continues the one above. It returns the procedure reference
// and its line.
func (p *parser) technical(s *section) (string, int, error) {
	var ref string
	refLine := 0
	label := ""
	warned := map[string]bool{}
	for _, l := range s.lines {
		if l.blank() {
			continue
		}
		if l.cell(0) != "" {
			label = strings.ToLower(l.cell(0))
		}
		// The value is the first cell after the label; later columns are
		// not OEIL's and are read past.
		value := ""
		for _, c := range l.cells[1:] {
			if c != "" {
				value = c
				break
			}
		}
		if value == "" {
			continue
		}
		used := true
		switch label {
		case "procedure reference":
			ref, refLine = value, l.n
		case "procedure type":
			p.proc.typ = value
		case "procedure subtype":
			p.proc.subtype = value
		case "legal basis", "other legal basis", "modified legal basis":
			p.proc.legalBasis = append(p.proc.legalBasis, value)
		case "stage reached in procedure":
			p.proc.status = value
		case "committee dossier":
			p.proc.dossier = value
		case "legislative instrument":
			p.proc.instrument = value
		case "amendments and repeals":
			p.seeAlso(value, secTechnical, l.n)
		case "mandatory consultation of other institutions", "notes", "opinion of the court of justice",
			"subject", "geographical area", "procedure completed", "other":
			used = false // OEIL's rows this importer does not store
		default:
			used = false
			if !warned[label] {
				warned[label] = true
				p.warnf(l.n, "Technical information: unknown row %q, not stored", l.cell(0))
			}
		}
		if used {
			p.procLines[secTechnical] = append(p.procLines[secTechnical], l.n)
		}
	}
	return ref, refLine, nil
}

// procedureNode adds the procedure, once every section has been read (its
// date is that of the first key event).
func (p *parser) procedureNode() {
	props := graph.Props{"reference": p.proc.ref}
	set := func(k, v string) {
		if v != "" {
			props[k] = v
		}
	}
	set("type", p.proc.typ)
	set("subtype", p.proc.subtype)
	set("status", p.proc.status)
	set("committeeDossier", p.proc.dossier)
	set("instrument", p.proc.instrument)
	if len(p.proc.subjects) > 0 {
		props["subjects"] = p.proc.subjects
	}
	if len(p.proc.legalBasis) > 0 {
		props["legalBasis"] = p.proc.legalBasis
	}
	var srcs []graph.Source
	for _, sec := range []string{secBasic, secTechnical} {
		if ls := p.procLines[sec]; len(ls) > 0 {
			srcs = append(srcs, p.b.src(sec, ls[0], ls[len(ls)-1]))
		}
	}
	var first *Event
	for i := range p.f.Events {
		if e := &p.f.Events[i]; first == nil || e.Date.Before(first.Date) {
			first = e
		}
	}
	if first != nil {
		props["date"] = first.Date
		s := p.b.src(secEvents, first.Line, first.Line)
		s.Note = "the procedure's date is that of its first key event"
		srcs = append(srcs, s)
	}
	name := p.proc.title
	if name == "" {
		name = p.proc.ref
	}
	p.b.node(graph.Node{ID: p.procID, Kind: graph.Procedure, Name: name, Props: props, Sources: srcs}, false)
}

func containsStr(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
