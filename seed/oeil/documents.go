package oeil

import (
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// docRef reads a reference column: empty is fine, anything else must be a
// document reference ref.Parse accepts.
func (p *parser) docRef(l line, s string) (reference, error) {
	if s == "" {
		return reference{}, nil
	}
	r, err := parseRef(s)
	if err != nil {
		return reference{}, p.errorf(l.n, "reference column: %v", err)
	}
	if r.procedure {
		return reference{}, p.errorf(l.n, "reference %q names a procedure, not a document", s)
	}
	return r, nil
}

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
}

// events reads Key events: Date, Event, Reference, Summary columns, in the
// order a header row gives (or that order when there is none).
func (p *parser) events(s section) error {
	dateCol, eventCol, refCol := 0, 1, 2
	procSlug := strings.TrimPrefix(p.procID, "procedure/")
	for _, l := range s.lines {
		if l.blank() {
			continue
		}
		if strings.EqualFold(l.cell(0), "date") || strings.EqualFold(l.cell(1), "event") {
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
			continue
		}
		text := l.cell(eventCol)
		if l.cell(dateCol) == "" {
			return p.errorf(l.n, "key event %q without a date", text)
		}
		date, err := graph.ParseDate(l.cell(dateCol))
		if err != nil {
			return p.errorf(l.n, "key event date %q: want DD/MM/YYYY or YYYY-MM-DD", l.cell(dateCol))
		}
		if text == "" || graph.Slug(text) == "" {
			return p.errorf(l.n, "key event on %s without a description", date)
		}
		r, err := p.docRef(l, l.cell(refCol))
		if err != nil {
			return err
		}
		src := p.b.src(secEvents, l.n, l.n)
		id := "event/" + procSlug + "/" + date.String() + "-" + graph.Slug(text)
		props := graph.Props{"date": date, "type": graph.Slug(text)}
		if r.id != "" {
			props["reference"] = r.canon
		}
		p.b.node(graph.Node{ID: id, Kind: graph.Event, Name: text, Props: props, Sources: []graph.Source{src}}, false)
		p.b.link(graph.HasEvent, p.procID, id, nil, src)
		if r.id != "" {
			p.mention(r, src)
			p.b.link(graph.Produced, id, r.id, nil, src)
		}
		p.f.Events = append(p.f.Events, Event{Line: l.n, ID: id, Date: date, Name: text, Reference: r.canon, Document: r.id})
	}
	return nil
}

// gatewayCols says which column of a gateway table holds what.
type gatewayCols struct{ typ, author, ref, date int }

var defaultGatewayCols = gatewayCols{typ: 0, author: 1, ref: 2, date: 3}

// gateway reads the Documentation gateway: sub-headings per institution,
// each with a header row (Document type, Committee or Parliament/Chamber,
// Reference, Date, Summary) and one row per document.
func (p *parser) gateway(s section) error {
	sub, inst := "", ""
	national := false
	cols := defaultGatewayCols
	for _, l := range s.lines {
		if l.blank() {
			continue
		}
		if strings.EqualFold(l.cell(0), "document type") {
			cols = gatewayCols{typ: -1, author: -1, ref: -1, date: -1}
			for i, c := range l.cells {
				switch lc := strings.ToLower(strings.ReplaceAll(c, " ", "")); lc {
				case "documenttype":
					cols.typ = i
				case "committee", "parliament/chamber", "author":
					cols.author = i
				case "reference":
					cols.ref = i
				case "date":
					cols.date = i
				}
			}
			continue
		}
		if l.cell(0) != "" && l.emptyFrom(1) {
			sub = l.cell(0)
			inst = institutionID(sub)
			national = strings.Contains(strings.ToLower(sub), "national parliament")
			cols = defaultGatewayCols
			if inst != "" {
				p.top(inst, p.b.src(secGateway, l.n, l.n))
			}
			continue
		}
		if err := p.docRow(l, sub, inst, national, cols); err != nil {
			return err
		}
	}
	return nil
}

func (p *parser) docRow(l line, sub, inst string, national bool, cols gatewayCols) error {
	src := p.b.src(secGateway, l.n, l.n)
	typ := l.cell(cols.typ)
	if typ == "" {
		return p.errorf(l.n, "document row without a document type")
	}
	r, err := p.docRef(l, l.cell(cols.ref))
	if err != nil {
		return err
	}
	var date graph.Date
	if c := l.cell(cols.date); c != "" {
		if date, err = graph.ParseDate(c); err != nil {
			return p.errorf(l.n, "document date %q: want DD/MM/YYYY or YYYY-MM-DD", c)
		}
	}
	author := inst
	contribution := false
	if a := l.cell(cols.author); a != "" {
		switch {
		case national:
			slug, name, ok := nationalParliament(a)
			if !ok {
				return p.errorf(l.n, "national parliament %q: want CC_CHAMBER (PT_PARLIAMENT)", a)
			}
			author = "institution/national-parliament-" + slug
			p.b.node(graph.Node{ID: author, Kind: graph.Institution, Name: name,
				Props: graph.Props{"type": "national-parliament", "aliases": []string{a}}, Sources: []graph.Source{src}}, true)
			contribution = strings.EqualFold(typ, "contribution")
		case inst == idParliament:
			m := committeeRE.FindStringSubmatch(a)
			if m == nil {
				return p.errorf(l.n, "committee %q: want its acronym", a)
			}
			author = "institution/ep-" + graph.Slug(m[1])
			p.b.node(graph.Node{ID: author, Kind: graph.Institution, Name: m[1],
				Props: graph.Props{"type": "committee", "acronym": m[1]}, Sources: []graph.Source{src}}, true)
			p.b.link(graph.PartOf, author, idParliament, nil, src)
		}
	}

	// A contribution is about a document the row names, not a new one: it
	// must not retitle or redate it.
	id := r.id
	switch {
	case contribution && id != "":
		p.mention(r, src)
	default:
		if id == "" {
			title := typ + " " + p.proc.ref
			if !date.IsZero() {
				title += " " + date.String()
			}
			id = "document/" + graph.Slug(title)
		}
		props := graph.Props{"type": typ}
		if r.id != "" {
			props["reference"] = r.canon
		}
		if !date.IsZero() {
			props["date"] = date
		}
		p.b.node(graph.Node{ID: id, Kind: graph.Document, Name: docName(typ, r.canon), Props: props, Sources: []graph.Source{src}}, false)
		p.b.link(graph.HasDocument, p.procID, id, nil, src)
	}
	if author != "" {
		if contribution {
			props := graph.Props{"role": "contribution"}
			if !date.IsZero() {
				props["date"] = date
			}
			p.b.link(graph.ContributesTo, author, id, props, src)
		} else {
			p.b.link(graph.Authored, author, id, nil, src)
		}
	}
	p.f.Documents = append(p.f.Documents, Document{Line: l.n, ID: id, Section: sub, Type: typ,
		Reference: r.canon, Date: date, Author: author})
	return nil
}

// finalAct reads the Final act section: the act's reference on its own
// line, then its Official Journal citation, which is not stored.
func (p *parser) finalAct(s section) error {
	for _, l := range s.lines {
		if l.blank() {
			continue
		}
		text := strings.Join(strings.Fields(strings.Join(l.cells, " ")), " ")
		r, err := parseRef(text)
		if err != nil || r.procedure {
			continue
		}
		p.mention(r, p.b.src(secFinalAct, l.n, l.n))
		p.f.Documents = append(p.f.Documents, Document{Line: l.n, ID: r.id, Section: secFinalAct, Type: secFinalAct, Reference: r.canon})
	}
	return nil
}
