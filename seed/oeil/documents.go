package oeil

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/ref"
)

// docName is a readable title for a document OEIL lists by type and
// reference: "Committee draft report PE473.725", and "Commission document
// COM(2014) 365" rather than repeating the "(COM)" of the type.
func docName(typ, canon string) string {
	if typ == "" {
		return canon
	}
	if canon == "" {
		return typ
	}
	if i := strings.LastIndex(typ, " ("); i > 0 && strings.HasSuffix(typ, ")") {
		if code := typ[i+2 : len(typ)-1]; strings.HasPrefix(canon, code) {
			typ = typ[:i]
		}
	}
	return typ + " " + canon
}

// mention adds a document known here only by its reference.
func (p *parser) mention(r reference, src graph.Source) {
	p.b.node(graph.Node{ID: r.id, Kind: graph.Document, Name: r.canon,
		Props: graph.Props{"reference": r.canon}, Sources: []graph.Source{src}}, true)
	p.b.link(graph.HasDocument, p.procID, r.id, nil, src)
	p.noteVersion(r)
}

// mentionUnresolved adds a document known only by a reference the
// normaliser cannot read, and returns its id ("" when the text has no
// letters or digits to make one of).
func (p *parser) mentionUnresolved(s string, src graph.Source) string {
	id := unresolvedID(s)
	if id == "" {
		return ""
	}
	p.b.node(graph.Node{ID: id, Kind: graph.Document, Name: s,
		Props: graph.Props{"unresolvedReference": s}, Sources: []graph.Source{src}}, true)
	p.b.link(graph.HasDocument, p.procID, id, nil, src)
	return id
}

// continues reports whether l continues row, the last data row of a table
// whose header has width columns: either l completes a row cut short by a
// line break inside a cell (row has fewer cells than the header, and the
// two together have exactly as many, the broken cell counted once), or l
// leaves the columns that open a row empty (lead) and adds to the others.
func continues(row *line, l line, width int, lead ...int) bool {
	if row == nil || l.blank() {
		return false
	}
	if len(row.cells) < width && len(l.cells) > 1 && len(row.cells)+len(l.cells)-1 == width {
		return true
	}
	for _, c := range lead {
		if l.cell(c) != "" {
			return false
		}
	}
	return !l.emptyFrom(0)
}

// join adds continuation l to row, in whichever shape continues accepted.
func join(row *line, l line, width int) {
	if len(row.cells) < width && len(l.cells) > 1 && len(row.cells)+len(l.cells)-1 == width {
		last := len(row.cells) - 1
		row.cells[last] = strings.TrimSpace(row.cells[last] + " " + l.cells[0])
		row.cells = append(row.cells, l.cells[1:]...)
	} else {
		for i, c := range l.cells {
			if c == "" {
				continue
			}
			for len(row.cells) <= i {
				row.cells = append(row.cells, "")
			}
			row.cells[i] = strings.TrimSpace(row.cells[i] + " " + c)
		}
	}
	row.last = l.n
}

// events reads Key events: Date, Event, Reference, Summary columns, in the
// order a header row gives (or that order when there is none). A row whose
// date and event cells are empty, or that completes one cut short, belongs
// to the row above.
func (p *parser) events(s section) error {
	dateCol, eventCol, refCol := 0, 1, 2
	width := 4
	var row *line
	flush := func() error {
		if row == nil {
			return nil
		}
		r := *row
		row = nil
		return p.event(r, dateCol, eventCol, refCol)
	}
	for _, l := range s.lines {
		if l.blank() {
			continue
		}
		if strings.EqualFold(l.cell(0), "date") || strings.EqualFold(l.cell(1), "event") {
			if err := flush(); err != nil {
				return err
			}
			for i, c := range l.cells {
				switch strings.ToLower(c) {
				case "date":
					dateCol = i
				case "event":
					eventCol = i
				case "reference":
					refCol = i
				}
			}
			width = len(l.cells)
			continue
		}
		if continues(row, l, width, dateCol, eventCol) {
			join(row, l, width)
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		r := l
		r.cells = append([]string(nil), l.cells...)
		row = &r
	}
	return flush()
}

// event reads one Key events row.
func (p *parser) event(l line, dateCol, eventCol, refCol int) error {
	procSlug := strings.TrimPrefix(p.procID, "procedure/")
	text := l.cell(eventCol)
	if l.cell(dateCol) == "" {
		return p.structural(l.n, "Key events: event %q without a date: want Date, Event, Reference, Summary", text)
	}
	date, err := graph.ParseDate(l.cell(dateCol))
	if err != nil {
		return p.errorf(l.n, "key event date %q: want DD/MM/YYYY or YYYY-MM-DD", l.cell(dateCol))
	}
	if text == "" || graph.Slug(text) == "" {
		return p.structural(l.n, "Key events: event on %s without a description", date)
	}
	c := p.docRef(l, l.cell(refCol))
	src := p.b.src(secEvents, l.n, l.last)
	id := "event/" + procSlug + "/" + date.String() + "-" + graph.Slug(text)
	props := graph.Props{"date": date, "type": graph.Slug(text)}
	if c.id != "" {
		props["reference"] = c.canon
	}
	p.b.node(graph.Node{ID: id, Kind: graph.Event, Name: text, Props: props, Sources: []graph.Source{src}}, false)
	p.b.link(graph.HasEvent, p.procID, id, nil, src)
	doc := c.id
	switch {
	case c.id != "":
		p.mention(c.reference, src)
	case c.unresolved != "":
		doc = p.mentionUnresolved(c.unresolved, src)
	}
	if doc != "" {
		p.b.link(graph.Produced, id, doc, nil, src)
		if c.oj != "" {
			p.b.node(graph.Node{ID: doc, Kind: graph.Document, Props: graph.Props{"officialJournal": c.oj},
				Sources: []graph.Source{src}}, true)
		}
	}
	p.f.Events = append(p.f.Events, Event{Line: l.n, ID: id, Date: date, Name: text, Reference: c.canon, Document: doc})
	return nil
}

// gatewayCols says which column of a gateway table holds what.
type gatewayCols struct{ typ, author, ref, date, width int }

var (
	defaultGatewayCols = gatewayCols{typ: 0, author: 1, ref: 2, date: 3, width: 5}
	// Other institutions and bodies put the body first.
	defaultOtherCols = gatewayCols{author: 0, typ: 1, ref: 2, date: 3, width: 5}
)

// gatewayHeads are the gateway's sub-headings besides the institutions:
// what kind of author their rows have.
const (
	subInstitution = iota // European Parliament, Council of the EU, European Commission
	subNational           // National parliaments
	subOther              // Other institutions and bodies
	subBody               // one body named as the sub-heading: European Data Protection Supervisor
)

// gateway reads the Documentation gateway: sub-headings per institution,
// each with a header row (Document type, Committee or Parliament/Chamber,
// Reference, Date, Summary; Institution/body first under Other
// institutions and bodies) and one row per document. A row that leaves its
// type (and under Other institutions, its body) and date empty, or that
// completes one cut short, belongs to the row above.
func (p *parser) gateway(s section) error {
	// Rows before the first sub-heading have no author to go by, but
	// under a heading "Other institutions and bodies" the heading says it.
	g := gatewaySub{name: s.name, cols: defaultGatewayCols}
	if s.name == secOther {
		g = gatewaySub{name: secOther, kind: subOther, cols: defaultOtherCols, started: true}
	}
	var row *line
	flush := func() error {
		if row == nil {
			return nil
		}
		r := *row
		row = nil
		return p.docRow(r, g)
	}
	for _, l := range s.lines {
		if l.blank() {
			continue
		}
		if h, ok := gatewayHeader(l); ok {
			if err := flush(); err != nil {
				return err
			}
			g.cols = h
			continue
		}
		if l.cell(0) != "" && l.emptyFrom(1) {
			if err := flush(); err != nil {
				return err
			}
			sub, ok := p.subHeading(l)
			if !ok {
				if err := p.structural(l.n, "Documentation gateway: unknown sub-heading %q: want European Parliament, Council of the EU, European Commission, National parliaments or Other institutions and bodies", l.cell(0)); err != nil {
					return err
				}
				g = gatewaySub{skip: true, started: true}
				continue
			}
			g = sub
			continue
		}
		if g.skip {
			continue
		}
		lead := []int{g.cols.typ, g.cols.date}
		if g.kind == subOther {
			lead = append(lead, g.cols.author)
		}
		if continues(row, l, g.cols.width, lead...) {
			join(row, l, g.cols.width)
			continue
		}
		if err := flush(); err != nil {
			return err
		}
		r := l
		r.cells = append([]string(nil), l.cells...)
		row = &r
	}
	return flush()
}

// gatewaySub is the sub-heading a gateway row falls under.
type gatewaySub struct {
	name    string // as written
	kind    int    // subInstitution, ...
	inst    string // id of the institution or body it names, if any
	line    int    // the sub-heading's line
	cols    gatewayCols
	skip    bool // an unknown sub-heading skipped with Options.Lenient
	started bool
}

// subHeading reads a gateway sub-heading.
func (p *parser) subHeading(l line) (gatewaySub, bool) {
	name := l.cell(0)
	lc := strings.ToLower(name)
	src := p.b.src(secGateway, l.n, l.n)
	switch {
	case institutionID(name) != "":
		g := gatewaySub{name: name, kind: subInstitution, inst: institutionID(name), line: l.n, cols: defaultGatewayCols, started: true}
		p.top(g.inst, name, src)
		return g, true
	case lc == "national parliaments" || lc == "national parliament":
		return gatewaySub{name: name, kind: subNational, cols: defaultGatewayCols, started: true}, true
	case lc == "other institutions and bodies" || lc == "other institutions":
		return gatewaySub{name: name, kind: subOther, cols: defaultOtherCols, started: true}, true
	}
	if id, full, ok := bodyOf(name); ok {
		p.body(id, full, name, src)
		return gatewaySub{name: name, kind: subBody, inst: id, line: l.n, cols: defaultGatewayCols, started: true}, true
	}
	return gatewaySub{}, false
}

// body adds an institution or body of the Other institutions table as a
// placeholder: the graph may know it better.
func (p *parser) body(id, name, as string, src graph.Source) {
	props := graph.Props{"type": "institution"}
	if as != name {
		props["aliases"] = []string{as}
	}
	p.b.node(graph.Node{ID: id, Kind: graph.Institution, Name: name, Props: props, Sources: []graph.Source{src}}, true)
}

// gatewayHeader reads a gateway header row: one whose first cell is
// "Document type" or "Institution/body".
func gatewayHeader(l line) (gatewayCols, bool) {
	first := strings.ToLower(strings.ReplaceAll(l.cell(0), " ", ""))
	if first != "documenttype" && first != "institution/body" && first != "institution" && first != "body" {
		return gatewayCols{}, false
	}
	cols := gatewayCols{typ: -1, author: -1, ref: -1, date: -1, width: len(l.cells)}
	for i, c := range l.cells {
		switch strings.ToLower(strings.ReplaceAll(c, " ", "")) {
		case "documenttype":
			cols.typ = i
		case "committee", "parliament/chamber", "author", "institution/body", "institution", "body":
			cols.author = i
		case "reference":
			cols.ref = i
		case "date":
			cols.date = i
		}
	}
	return cols, true
}

func (p *parser) docRow(l line, g gatewaySub) error {
	// The row (and its continuation lines) names the document and any
	// author in its own cells; a relation to the institution or body of
	// the sub-heading also needs the sub-heading's line (under).
	src := p.b.src(secGateway, l.n, l.last)
	under := src
	if g.line > 0 {
		under = p.b.src(secGateway, g.line, max(l.n, l.last))
	}
	authorSrc := src
	typ := l.cell(g.cols.typ)
	if typ == "" {
		return p.structural(l.n, "Documentation gateway: document row without a document type: want Document type, Committee, Reference, Date, Summary")
	}
	if !g.started {
		return p.structural(l.n, "Documentation gateway: document row before a sub-heading (European Parliament, European Commission, ...)")
	}
	var date graph.Date
	if c := l.cell(g.cols.date); c != "" {
		var err error
		if date, err = graph.ParseDate(c); err != nil {
			return p.errorf(l.n, "document date %q: want DD/MM/YYYY or YYYY-MM-DD", c)
		}
	}
	author := g.inst
	if author != "" {
		authorSrc = under
	}
	contribution := false
	if a := l.cell(g.cols.author); a != "" {
		switch g.kind {
		case subNational:
			slug, name, ok := nationalParliament(a)
			if !ok {
				return p.structural(l.n, "Documentation gateway: national parliament %q: want CC_CHAMBER (PT_PARLIAMENT)", a)
			}
			author, authorSrc = "institution/national-parliament-"+slug, src
			p.b.node(graph.Node{ID: author, Kind: graph.Institution, Name: name,
				Props: graph.Props{"type": "national-parliament", "aliases": []string{a}}, Sources: []graph.Source{src}}, true)
			contribution = strings.EqualFold(typ, "contribution")
		case subOther:
			id, name, ok := bodyOf(a)
			if !ok {
				p.warnf(l.n, "Other institutions and bodies: %q is not a body the importer knows; its document is kept without an author", a)
				author = ""
				break
			}
			author, authorSrc = id, src
			p.body(id, name, a, src)
		case subInstitution:
			if g.inst != idParliament {
				break
			}
			m := committeeRE.FindStringSubmatch(a)
			if m == nil {
				return p.structural(l.n, "Documentation gateway: committee %q: want its acronym (AFET)", a)
			}
			author, authorSrc = "institution/ep-"+graph.Slug(m[1]), src
			p.b.node(graph.Node{ID: author, Kind: graph.Institution, Name: m[1],
				Props: graph.Props{"type": "committee", "acronym": m[1]}, Sources: []graph.Source{src}}, true)
			p.b.link(graph.PartOf, author, idParliament, nil, under)
		}
	}

	c := p.docRef(l, l.cell(g.cols.ref))
	// A contribution is about a document the row names, not a new one: it
	// must not retitle or redate it.
	id := c.id
	switch {
	case contribution && c.id != "":
		p.mention(c.reference, src)
	case contribution && c.unresolved != "":
		id = p.mentionUnresolved(c.unresolved, src)
	default:
		if id == "" {
			id = unresolvedID(c.unresolved)
		}
		if id == "" {
			title := typ + " " + p.proc.ref
			if !date.IsZero() {
				title += " " + date.String()
			}
			id = "document/" + graph.Slug(title)
		}
		props := graph.Props{"type": docType(typ, c.r), "oeilType": typ}
		switch {
		case c.id != "":
			props["reference"] = c.canon
		case c.unresolved != "":
			props["unresolvedReference"] = c.unresolved
		}
		if c.oj != "" {
			props["officialJournal"] = c.oj
		}
		if !date.IsZero() {
			props["date"] = date
		}
		name := docName(typ, c.canon)
		if c.unresolved != "" {
			name = typ + " " + c.unresolved
		}
		p.b.node(graph.Node{ID: id, Kind: graph.Document, Name: name, Props: props, Sources: []graph.Source{src}}, false)
		p.b.guess(id, "name", "type")
		p.b.link(graph.HasDocument, p.procID, id, nil, src)
		if c.id != "" {
			p.noteVersion(c.reference)
		}
	}
	if author != "" && id != "" {
		if contribution {
			props := graph.Props{"role": "contribution"}
			if !date.IsZero() {
				props["date"] = date
			}
			p.b.link(graph.ContributesTo, author, id, props, authorSrc)
		} else {
			p.b.link(graph.Authored, author, id, nil, authorSrc)
		}
	}
	ref := c.canon
	if ref == "" {
		ref = c.unresolved
	}
	p.f.Documents = append(p.f.Documents, Document{Line: l.n, ID: id, Section: g.name, Type: typ,
		Reference: ref, Date: date, Author: author})
	return nil
}

// bareActRE is a legal act as OEIL's Final act names it before 2015,
// without the domain the act's number carried: "Directive 2011/36".
var bareActRE = regexp.MustCompile(`(?i)^(directive|regulation|decision|framework decision) (\d{4})/(\d{1,4})$`)

// finalAct reads the Final act section: the act's reference on a line of
// its own, then its Official Journal citation, stored on the act;
// corrigenda and "Summary" are read past.
func (p *parser) finalAct(s section) error {
	var act *reference
	actLine, actNote := 0, "" // the act's line, where its citation's lines begin, and its source's note
	for _, l := range s.lines {
		if l.blank() {
			continue
		}
		text := strings.Join(strings.Fields(strings.Join(l.cells, " ")), " ")
		src := p.b.src(secFinalAct, l.n, l.n)
		if oj, rest := officialJournal(text); oj != "" && rest == "" {
			if act == nil {
				if err := p.structural(l.n, "Final act: Official Journal citation %q before the act it publishes", oj); err != nil {
					return err
				}
				continue
			}
			ojSrc := p.b.src(secFinalAct, actLine, l.n)
			ojSrc.Note = actNote
			p.b.node(graph.Node{ID: act.id, Kind: graph.Document, Props: graph.Props{"officialJournal": oj},
				Sources: []graph.Source{ojSrc}}, true)
			continue
		}
		lc := strings.ToLower(text)
		if lc == "summary" || strings.HasPrefix(lc, "corrigendum to final act") || strings.HasPrefix(lc, "final act") {
			continue
		}
		r, err := parseRef(text)
		if err != nil {
			if m := bareActRE.FindStringSubmatch(text); m != nil {
				var assumed bool
				r, assumed, err = p.bareAct(l, m)
				if assumed {
					// The line names the act without the domain its
					// number had: which act it is, is the importer's
					// reading, as its source says.
					src.Note = "the file leaves out the act's domain: " + m[0] + " read as " + r.canon
				}
			}
		}
		if err != nil || r.procedure {
			if err := p.structural(l.n, "Final act: %q: want the act's reference (Regulation (EU) 2016/794), its Official Journal citation (OJ L 135, 24.5.2016, p. 53) or Summary", text); err != nil {
				return err
			}
			continue
		}
		act, actLine, actNote = &r, l.n, src.Note
		p.mention(r, src)
		p.b.node(graph.Node{ID: r.id, Kind: graph.Document, Props: graph.Props{"type": docType("", r.r)}, Sources: []graph.Source{src}}, true)
		p.f.Documents = append(p.f.Documents, Document{Line: l.n, ID: r.id, Section: secFinalAct, Type: secFinalAct, Reference: r.canon})
	}
	return nil
}

// bareAct reads "Directive 2011/36" through the act's CELEX number, which
// takes the likeliest domain, and warns that the domain was assumed
// (assumed is then true).
func (p *parser) bareAct(l line, m []string) (act reference, assumed bool, err error) {
	letter := map[string]string{"directive": "L", "regulation": "R", "decision": "D", "framework decision": "F"}[strings.ToLower(m[1])]
	var year, n int
	fmt.Sscan(m[2], &year)
	fmt.Sscan(m[3], &n)
	r, err := ref.Parse(fmt.Sprintf("3%04d%s%04d", year, letter, n))
	if err != nil {
		return reference{}, false, err
	}
	if r.Domain != "" && r.Type != ref.Regulation && r.Year < 2015 {
		p.warnf(l.n, "%s does not give the act's domain: read as %s", m[0], r.String())
		assumed = true
	}
	return refOf(r), assumed, nil
}

// relatedActs reads Delegated acts and Implementing acts: rows of a
// procedure reference and its subject, each a procedure related to this
// one.
func (p *parser) relatedActs(s section) error {
	for _, l := range s.lines {
		if l.blank() || strings.EqualFold(l.cell(0), "reference") {
			continue
		}
		r, err := parseRef(l.cell(0))
		if err != nil || !r.procedure {
			if err := p.structural(l.n, "%s: %q: want a procedure reference (2017/2869(DEA)) and its subject", s.name, l.cell(0)); err != nil {
				return err
			}
			continue
		}
		src := p.b.src(s.name, l.n, l.n)
		name := r.canon
		if subj := l.cell(1); subj != "" {
			name = subj
		}
		p.b.node(graph.Node{ID: r.id, Kind: graph.Procedure, Name: name,
			Props: graph.Props{"reference": r.canon}, Sources: []graph.Source{src}}, true)
		p.b.link(graph.RelatedTo, p.procID, r.id, nil, src)
		p.f.Related = append(p.f.Related, r.id)
	}
	return nil
}

// noteVersion remembers a Council document the file names, for versions.
func (p *parser) noteVersion(r reference) {
	if r.r.Type == ref.Council || r.r.Type == ref.EUCO {
		if p.council == nil {
			p.council = map[string]ref.Ref{}
		}
		p.council[r.id] = r.r
	}
}

// versions links each revision, addendum or corrigendum of a Council
// document to the document it revises when the file names both: they are
// distinct documents with ids of their own (14186/1/14 REV 1 is not
// 14186/14), and the importer never makes a node for a base number the
// file does not name.
func (p *parser) versions() {
	for id, r := range p.council {
		if r.Rev == 0 && r.Add == 0 && r.Cor == 0 {
			continue
		}
		base := r
		base.Rev, base.Add, base.Cor = 0, 0, 0
		role := "revision"
		switch {
		case r.Cor > 0:
			base.Rev, base.Add = r.Rev, r.Add
			role = "corrigendum"
		case r.Add > 0:
			base.Rev = r.Rev
			role = "addendum"
		}
		if _, ok := p.council[base.ID()]; !ok {
			continue
		}
		n := p.b.nodes[id]
		if n == nil || len(n.n.Sources) == 0 {
			continue
		}
		// The row names the revision; that it revises the base is read
		// from its number, which the source's note says.
		src := n.n.Sources[0]
		article := "a "
		if role == "addendum" {
			article = "an "
		}
		src.Note = "by its number, " + r.String() + " is " + article + role + " of " + base.String()
		p.b.link(graph.RelatedTo, id, base.ID(), graph.Props{"role": role}, src)
	}
}
