package oeil

import (
	"regexp"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// The institutions every procedure file hangs its players and documents on.
const (
	idParliament = "institution/european-parliament"
	idCouncil    = "institution/council"
	idCommission = "institution/european-commission"
)

var topInstitutions = map[string]string{
	idParliament: "European Parliament",
	idCouncil:    "Council of the European Union",
	idCommission: "European Commission",
}

// institutionNames are the names OEIL gives the three institutions in Key
// players blocks and gateway sub-headings, lower case.
var institutionNames = map[string]string{
	"european parliament":              idParliament,
	"parliament":                       idParliament,
	"council of the european union":    idCouncil,
	"council of the eu":                idCouncil,
	"council":                          idCouncil,
	"european commission":              idCommission,
	"commission":                       idCommission,
	"commission of the european union": idCommission,
}

// institutionID tells which of the three institutions a Key players block
// or a gateway sub-heading is about, "" for none of them.
func institutionID(s string) string { return institutionNames[strings.ToLower(s)] }

// top adds one of the three institutions as a placeholder, with the name
// the file gave it ("Council of the EU") as an alias where it differs, so
// that the line cited names the node.
func (p *parser) top(id, as string, s graph.Source) {
	props := graph.Props{"type": "institution"}
	if !strings.EqualFold(as, topInstitutions[id]) {
		props["aliases"] = []string{as}
	}
	p.b.node(graph.Node{ID: id, Kind: graph.Institution, Name: topInstitutions[id], Props: props, Sources: []graph.Source{s}}, true)
}

// block is a Key players header row: what its columns hold.
type block struct {
	inst      string // institution id
	line      int    // the row that opens the block, naming the institution
	header    int    // the header row that names the columns, the relation's words
	bodyRole  string // "committee responsible", "Council configuration", ...
	body      int    // column of the committee, configuration or DG
	person    int    // column of the rapporteur, meeting or commissioner
	shadow    int    // column of shadow rapporteurs, when OEIL gives them one
	date      int    // column of the appointment or meeting date
	committee string // id of the current committee, configuration or DG
	name      string // its name
}

var (
	committeeRE = regexp.MustCompile(`^([A-Z][A-Z0-9]{1,5})\b\s*(.*)$`) // LIBE, CJ29
	// A committee's name reads as words, not as capitals: "Civil
	// Liberties, Justice and Home Affairs", not "IS JUNK".
	committeeNameRE = regexp.MustCompile(`^(?:\p{Lu}[\p{Ll}'’-]|[\p{Ll}&(])`)
	acronymRE       = regexp.MustCompile(`^(.*?)\s*\(([^()]+)\)$`)
	personRE        = regexp.MustCompile(`\s*([^()]+?)\s*\(([^()]*)\)[\s,;]*`)
	meetingRE       = regexp.MustCompile(`^\d+$`)
)

const (
	roleResponsible  = "committee responsible"
	roleOpinion      = "committee for opinion"
	roleNoOpinion    = "decided not to give an opinion"
	roleCouncil      = "Council configuration"
	roleDG           = "Commission DG"
	roleCommissioner = "Commissioner"
)

// headerRole recognises the header cell that names the body column.
func headerRole(inst, c string) (string, bool) {
	lc := strings.ToLower(c)
	switch inst {
	case idParliament:
		for _, pre := range []string{"committee ", "joint committee ", "former committee "} {
			if strings.HasPrefix(lc, pre) {
				return lc, true
			}
		}
	case idCouncil:
		if lc == "council configuration" {
			return roleCouncil, true
		}
	case idCommission:
		if lc == "commission dg" || lc == "directorate-general" {
			return roleDG, true
		}
	}
	return "", false
}

// header reads a header row into cur, reporting whether it was one.
func header(l line, cur *block) bool {
	bodyCol := -1
	var role string
	for i := 1; i < len(l.cells); i++ {
		if r, ok := headerRole(cur.inst, l.cells[i]); ok {
			bodyCol, role = i, r
			break
		}
	}
	if bodyCol < 0 {
		return false
	}
	cur.bodyRole, cur.body, cur.header = role, bodyCol, l.n
	cur.person, cur.shadow, cur.date = -1, -1, -1
	cur.committee, cur.name = "", ""
	for i := bodyCol + 1; i < len(l.cells); i++ {
		switch strings.ToLower(l.cells[i]) {
		case "rapporteur", "rapporteur for opinion", "meetings", "meeting", "commissioner":
			cur.person = i
		case "shadow rapporteur", "shadow rapporteurs":
			cur.shadow = i
		case "appointed", "date":
			cur.date = i
		}
	}
	return true
}

// players reads Key players: blocks per institution, each opened by a row
// whose first cell names the institution, with header rows that say what
// the columns hold and data rows that name bodies and people.
func (p *parser) players(s section) error {
	var cur block
	skipping := false // inside a block of a body this importer does not model
	for _, l := range s.lines {
		if l.blank() {
			continue
		}
		if l.cell(0) != "" {
			cur = block{inst: institutionID(l.cell(0)), line: l.n, body: -1}
			skipping = false
			if cur.inst == "" {
				if id, _, ok := bodyOf(l.cell(0)); ok {
					p.warnf(l.n, "Key players: the %s block is not imported (%s)", l.cell(0), id)
					skipping = true
					continue
				}
				if err := p.structural(l.n, "Key players: %q is not an institution OEIL lists players for: want European Parliament, Council of the European Union or European Commission", l.cell(0)); err != nil {
					return err
				}
				skipping = true
				continue
			}
			p.top(cur.inst, l.cell(0), p.b.src(secPlayers, l.n, l.n))
			if !header(l, &cur) {
				cur.body = -1
			}
			continue
		}
		if skipping {
			continue
		}
		if cur.inst == "" {
			if err := p.structural(l.n, "Key players: row before the first institution (European Parliament, Council of the European Union, European Commission)"); err != nil {
				return err
			}
			continue
		}
		if header(l, &cur) {
			continue
		}
		if cur.body < 0 {
			if err := p.structural(l.n, "Key players: row before a header that names its columns (Committee responsible, Rapporteur, Appointed)"); err != nil {
				return err
			}
			continue
		}
		var err error
		switch cur.inst {
		case idParliament:
			err = p.committeeRow(l, &cur)
		case idCouncil:
			err = p.councilRow(l, &cur)
		case idCommission:
			err = p.commissionRow(l, &cur)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// rowSources are the lines a Key players row's facts rest on. The row
// names its body and people (row); a relation to the block's institution
// needs the row that names the institution too (inst: from the block's
// first row to this one); a relation the columns define (committee
// responsible or for opinion, rapporteur, Council meeting, Commissioner)
// needs the header row that says so (header). A row continuing another
// (a shadow rapporteur under the committee's row) lies in those ranges
// with the row it continues.
type rowSources struct{ row, inst, header graph.Source }

func (p *parser) rowSources(l line, cur *block) rowSources {
	return rowSources{
		row:    p.b.src(secPlayers, l.n, l.n),
		inst:   p.b.src(secPlayers, cur.line, l.n),
		header: p.b.src(secPlayers, cur.header, l.n),
	}
}

// rowDate reads the date column of a row, if it has one.
func (p *parser) rowDate(l line, col int, what string) (graph.Date, error) {
	c := l.cell(col)
	if c == "" {
		return graph.Date{}, nil
	}
	d, err := graph.ParseDate(c)
	if err != nil {
		return graph.Date{}, p.errorf(l.n, "%s date %q: want DD/MM/YYYY or YYYY-MM-DD", what, c)
	}
	return d, nil
}

func (p *parser) committeeRow(l line, cur *block) error {
	src := p.rowSources(l, cur)
	person := l.cell(cur.person)
	if body := l.cell(cur.body); body != "" {
		m := committeeRE.FindStringSubmatch(body)
		if m == nil || m[2] != "" && !committeeNameRE.MatchString(m[2]) {
			return p.structural(l.n, "Key players: committee %q: want its acronym, then its name (LIBE Civil Liberties, Justice and Home Affairs)", body)
		}
		cur.committee = "institution/ep-" + graph.Slug(m[1])
		cur.name = m[2]
		name := m[1]
		if m[2] != "" {
			name = "Committee on " + m[2]
		}
		p.b.node(graph.Node{ID: cur.committee, Kind: graph.Institution, Name: name,
			Props: graph.Props{"type": "committee", "acronym": m[1]}, Sources: []graph.Source{src.row}}, false)
		p.b.link(graph.PartOf, cur.committee, idParliament, nil, src.inst)

		role := cur.bodyRole
		if strings.Contains(strings.ToLower(person), "not to give an opinion") {
			role = roleNoOpinion
			person = ""
		}
		t := graph.ContributesTo
		if role == roleResponsible || role == "joint committee responsible" {
			t = graph.ResponsibleFor
		}
		p.b.link(t, cur.committee, p.procID, graph.Props{"role": role}, src.header)
		p.f.Players = append(p.f.Players, Player{Line: l.n, Body: cur.committee, BodyRole: role})
	} else if strings.Contains(strings.ToLower(person), "not to give an opinion") {
		person = ""
	}
	if person == "" && l.cell(cur.shadow) == "" {
		return nil
	}
	if cur.committee == "" {
		return p.structural(l.n, "Key players: rapporteur %q without a committee", person)
	}
	date, err := p.rowDate(l, cur.date, "appointment")
	if err != nil {
		return err
	}
	role := graph.RoleRapporteur
	if strings.Contains(cur.bodyRole, "opinion") {
		role = graph.RoleRapporteurForOpinion
	}
	if person != "" {
		if err := p.rapporteurs(l, cur, person, role, date); err != nil {
			return err
		}
	}
	if sh := l.cell(cur.shadow); sh != "" {
		return p.rapporteurs(l, cur, sh, graph.RoleShadowRapporteur, graph.Date{})
	}
	return nil
}

// rapporteurs reads "BORSELLINO Rita (S&D)", or "Shadow rapporteur HANKISS
// Ágnes (PPE) ALFANO Sonia (ALDE)", and links each person to the procedure.
func (p *parser) rapporteurs(l line, cur *block, cell, role string, date graph.Date) error {
	src := p.rowSources(l, cur)
	for _, pre := range []string{"shadow rapporteurs", "shadow rapporteur"} {
		if len(cell) >= len(pre) && strings.EqualFold(cell[:len(pre)], pre) {
			cell = strings.TrimLeft(cell[len(pre):], " :")
			role = graph.RoleShadowRapporteur
			date = graph.Date{} // the column's date is the rapporteur's
			break
		}
	}
	type named struct{ name, group string }
	var people []named
	rest := cell
	for rest != "" {
		loc := personRE.FindStringSubmatchIndex(rest)
		if loc == nil || loc[0] != 0 {
			break
		}
		people = append(people, named{rest[loc[2]:loc[3]], rest[loc[4]:loc[5]]})
		rest = rest[loc[1]:]
	}
	if rest != "" {
		if len(people) > 0 || strings.ContainsAny(rest, "()") {
			return p.structural(l.n, "Key players: cannot read %q as people and their groups (FAMILY Given (GROUP))", cell)
		}
		people = append(people, named{name: rest})
	}
	// Read every name before adding anyone, so that a row skipped as
	// unreadable adds nothing.
	for _, who := range people {
		if _, _, ok := splitName(who.name); !ok {
			return p.structural(l.n, "Key players: cannot read %q as a name (FAMILY Given)", who.name)
		}
	}
	for _, who := range people {
		id, err := p.person(l, who.name, who.group, src)
		if err != nil {
			return err
		}
		props := graph.Props{"role": role, "committee": cur.committee}
		if g := p.groupAcronym(l, who.group); g != "" {
			props["group"] = g
		}
		if !date.IsZero() {
			props["date"] = date
		}
		p.b.link(graph.Rapporteur, id, p.procID, props, src.header)
		p.f.Players = append(p.f.Players, Player{Line: l.n, Body: cur.committee, BodyRole: cur.bodyRole,
			Person: id, PersonRole: role, Group: p.groupAcronym(l, who.group), Date: date})
	}
	return nil
}

// person adds the person OEIL names "FAMILY Given" and, with a group, the
// group, the membership and the group's place in the Parliament (whose
// block the row is in). It returns the person's id.
func (p *parser) person(l line, raw, group string, src rowSources) (string, error) {
	given, family, ok := splitName(raw)
	if !ok {
		return "", p.errorf(l.n, "cannot read %q as a name (FAMILY Given)", raw)
	}
	name := given + " " + family
	id := "person/" + graph.Slug(name)
	props := graph.Props{"givenName": given, "familyName": family}
	var g politicalGroup
	if group != "" {
		if g, ok = p.group(l, group); !ok {
			return "", p.structural(l.n, "Key players: political group %q has no letters", group)
		}
		props["group"] = g.acronym
	}
	p.b.node(graph.Node{ID: id, Kind: graph.Person, Name: name, Props: props, Sources: []graph.Source{src.row}}, false)
	if group != "" {
		gp := graph.Props{"type": "political-group", "acronym": g.acronym}
		if group != g.acronym {
			gp["aliases"] = []string{group} // the acronym this file used: EPP for PPE
		}
		p.b.node(graph.Node{ID: g.id, Kind: graph.Institution, Name: g.name, Props: gp, Sources: []graph.Source{src.row}}, true)
		p.b.link(graph.PartOf, g.id, idParliament, nil, src.inst)
		p.b.link(graph.MemberOf, id, g.id, nil, src.row)
	}
	return id, nil
}

// group resolves an acronym OEIL gives a political group through the alias
// table, and warns about one the table does not know, which is kept as
// written. ok is false for an acronym without letters.
func (p *parser) group(l line, acr string) (politicalGroup, bool) {
	g, known := lookupGroup(acr)
	if graph.Slug(g.acronym) == "" {
		return g, false
	}
	if !known {
		p.warnf(l.n, "political group %q is not in the alias table: kept as written", acr)
	}
	return g, true
}

// groupAcronym is the canonical acronym of a group as written, "" for none.
func (p *parser) groupAcronym(l line, acr string) string {
	if acr == "" {
		return ""
	}
	g, _ := lookupGroup(acr)
	return g.acronym
}

func (p *parser) councilRow(l line, cur *block) error {
	src := p.rowSources(l, cur)
	if body := l.cell(cur.body); body != "" {
		name, acr := body, ""
		if m := acronymRE.FindStringSubmatch(body); m != nil {
			name, acr = m[1], m[2]
		}
		slug := graph.Slug(acr)
		if slug == "" {
			slug = graph.Slug(name)
		}
		if slug == "" {
			return p.errorf(l.n, "Council configuration %q has no name", body)
		}
		cur.committee, cur.name = "institution/council-"+slug, name
		props := graph.Props{"type": "council-configuration"}
		if acr != "" {
			props["acronym"] = acr
		}
		full := name // Justice and Home Affairs Council, as the configuration is called
		if !strings.Contains(strings.ToLower(name), "council") {
			full += " Council"
		}
		p.b.node(graph.Node{ID: cur.committee, Kind: graph.Institution, Name: full, Props: props, Sources: []graph.Source{src.row}}, false)
		p.b.link(graph.PartOf, cur.committee, idCouncil, nil, src.inst)
		p.f.Players = append(p.f.Players, Player{Line: l.n, Body: cur.committee, BodyRole: roleCouncil})
	}
	num := l.cell(cur.person)
	if num == "" {
		return nil
	}
	if cur.committee == "" {
		return p.errorf(l.n, "Council meeting %q without a configuration", num)
	}
	if !meetingRE.MatchString(num) {
		return p.errorf(l.n, "Council meeting %q: want its number", num)
	}
	date, err := p.rowDate(l, cur.date, "meeting")
	if err != nil {
		return err
	}
	if date.IsZero() {
		return p.errorf(l.n, "Council meeting %s without a date", num)
	}
	id := "event/council-meeting-" + num
	p.b.node(graph.Node{ID: id, Kind: graph.Event, Name: "Council meeting " + num + " (" + cur.name + ")",
		Props: graph.Props{"date": date, "type": "council-meeting"}, Sources: []graph.Source{src.header}}, false)
	p.b.link(graph.Participated, cur.committee, id, nil, src.header)
	p.b.link(graph.HasEvent, p.procID, id, nil, src.header)
	p.f.Players = append(p.f.Players, Player{Line: l.n, Body: cur.committee, BodyRole: roleCouncil, Date: date, Meeting: id})
	return nil
}

func (p *parser) commissionRow(l line, cur *block) error {
	src := p.rowSources(l, cur)
	if body := l.cell(cur.body); body != "" {
		slug := graph.Slug(body)
		if slug == "" {
			return p.errorf(l.n, "Commission DG %q has no name", body)
		}
		cur.committee, cur.name = "institution/dg-"+slug, body
		p.b.node(graph.Node{ID: cur.committee, Kind: graph.Institution, Name: "DG " + body,
			Props: graph.Props{"type": "directorate-general"}, Sources: []graph.Source{src.row}}, false)
		p.b.link(graph.PartOf, cur.committee, idCommission, nil, src.inst)
		p.b.link(graph.ResponsibleFor, cur.committee, p.procID, graph.Props{"role": roleDG}, src.header)
		p.f.Players = append(p.f.Players, Player{Line: l.n, Body: cur.committee, BodyRole: roleDG})
	}
	who := l.cell(cur.person)
	if who == "" {
		return nil
	}
	if m := acronymRE.FindStringSubmatch(who); m != nil {
		who = m[1] // a group or country after a commissioner's name is not stored
	}
	id, err := p.person(l, who, "", src)
	if err != nil {
		return err
	}
	p.b.link(graph.MemberOf, id, idCommission, graph.Props{"role": roleCommissioner}, src.inst)
	p.b.link(graph.ResponsibleFor, id, p.procID, graph.Props{"role": roleCommissioner}, src.header)
	p.f.Players = append(p.f.Players, Player{Line: l.n, Body: cur.committee, BodyRole: roleDG, Person: id, PersonRole: roleCommissioner})
	return nil
}
