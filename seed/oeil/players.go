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

// institutionID tells which institution a Key players block or a gateway
// sub-heading is about.
func institutionID(s string) string {
	s = strings.ToLower(s)
	switch {
	case strings.Contains(s, "national parliament"):
		return ""
	case strings.Contains(s, "parliament"):
		return idParliament
	case strings.Contains(s, "european council"):
		return "" // not the Council of the EU; no configuration rows
	case strings.Contains(s, "council"):
		return idCouncil
	case strings.Contains(s, "commission"):
		return idCommission
	}
	return ""
}

// top adds one of the three institutions as a placeholder.
func (p *parser) top(id string, s graph.Source) {
	p.b.node(graph.Node{ID: id, Kind: graph.Institution, Name: topInstitutions[id],
		Props: graph.Props{"type": "institution"}, Sources: []graph.Source{s}}, true)
}

// block is a Key players header row: what its columns hold.
type block struct {
	inst      string // institution id
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
	acronymRE   = regexp.MustCompile(`^(.*?)\s*\(([^()]+)\)$`)
	personRE    = regexp.MustCompile(`\s*([^()]+?)\s*\(([^()]*)\)[\s,;]*`)
	meetingRE   = regexp.MustCompile(`^\d+$`)
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
	cur.bodyRole, cur.body = role, bodyCol
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
	for _, l := range s.lines {
		if l.blank() {
			continue
		}
		if l.cell(0) != "" {
			cur = block{inst: institutionID(l.cell(0))}
			if cur.inst != "" {
				p.top(cur.inst, p.b.src(secPlayers, l.n, l.n))
			}
			if !header(l, &cur) {
				cur.body = -1
			}
			continue
		}
		if cur.inst == "" {
			continue // a block this importer does not model
		}
		if header(l, &cur) {
			continue
		}
		if cur.body < 0 {
			return p.errorf(l.n, "key players row before a header that names its columns")
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
	src := p.b.src(secPlayers, l.n, l.n)
	person := l.cell(cur.person)
	if body := l.cell(cur.body); body != "" {
		m := committeeRE.FindStringSubmatch(body)
		if m == nil {
			return p.errorf(l.n, "committee %q: want its acronym first (LIBE Civil Liberties, ...)", body)
		}
		cur.committee = "institution/ep-" + graph.Slug(m[1])
		cur.name = m[2]
		name := m[1]
		if m[2] != "" {
			name = "Committee on " + m[2]
		}
		p.b.node(graph.Node{ID: cur.committee, Kind: graph.Institution, Name: name,
			Props: graph.Props{"type": "committee", "acronym": m[1]}, Sources: []graph.Source{src}}, false)
		p.b.link(graph.PartOf, cur.committee, idParliament, nil, src)

		role := cur.bodyRole
		if strings.Contains(strings.ToLower(person), "not to give an opinion") {
			role = roleNoOpinion
			person = ""
		}
		t := graph.ContributesTo
		if role == roleResponsible || role == "joint committee responsible" {
			t = graph.ResponsibleFor
		}
		p.b.link(t, cur.committee, p.procID, graph.Props{"role": role}, src)
		p.f.Players = append(p.f.Players, Player{Line: l.n, Body: cur.committee, BodyRole: role})
	} else if strings.Contains(strings.ToLower(person), "not to give an opinion") {
		person = ""
	}
	if person == "" && l.cell(cur.shadow) == "" {
		return nil
	}
	if cur.committee == "" {
		return p.errorf(l.n, "rapporteur %q without a committee", person)
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
	src := p.b.src(secPlayers, l.n, l.n)
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
			return p.errorf(l.n, "cannot read %q as people and their groups (NAME Given (GROUP))", cell)
		}
		people = append(people, named{name: rest})
	}
	for _, who := range people {
		id, err := p.person(l, who.name, who.group, src)
		if err != nil {
			return err
		}
		props := graph.Props{"role": role, "committee": cur.committee}
		if who.group != "" {
			props["group"] = who.group
		}
		if !date.IsZero() {
			props["date"] = date
		}
		p.b.link(graph.Rapporteur, id, p.procID, props, src)
		p.f.Players = append(p.f.Players, Player{Line: l.n, Body: cur.committee, BodyRole: cur.bodyRole,
			Person: id, PersonRole: role, Group: who.group, Date: date})
	}
	return nil
}

// person adds the person OEIL names "FAMILY Given" and, with a group, the
// group and the membership. It returns the person's id.
func (p *parser) person(l line, raw, group string, src graph.Source) (string, error) {
	given, family, ok := splitName(raw)
	if !ok {
		return "", p.errorf(l.n, "cannot read %q as a name (FAMILY Given)", raw)
	}
	name := given + " " + family
	id := "person/" + graph.Slug(name)
	props := graph.Props{"givenName": given, "familyName": family}
	if group != "" {
		props["group"] = group
	}
	p.b.node(graph.Node{ID: id, Kind: graph.Person, Name: name, Props: props, Sources: []graph.Source{src}}, false)
	if group != "" {
		gid := "institution/group-" + graph.Slug(group)
		if graph.Slug(group) == "" {
			return "", p.errorf(l.n, "political group %q has no letters", group)
		}
		p.b.node(graph.Node{ID: gid, Kind: graph.Institution, Name: groupName(group),
			Props: graph.Props{"type": "political-group", "acronym": group}, Sources: []graph.Source{src}}, true)
		p.b.link(graph.PartOf, gid, idParliament, nil, src)
		p.b.link(graph.MemberOf, id, gid, nil, src)
	}
	return id, nil
}

func (p *parser) councilRow(l line, cur *block) error {
	src := p.b.src(secPlayers, l.n, l.n)
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
		p.b.node(graph.Node{ID: cur.committee, Kind: graph.Institution, Name: full, Props: props, Sources: []graph.Source{src}}, false)
		p.b.link(graph.PartOf, cur.committee, idCouncil, nil, src)
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
		Props: graph.Props{"date": date, "type": "council-meeting"}, Sources: []graph.Source{src}}, false)
	p.b.link(graph.Participated, cur.committee, id, nil, src)
	p.b.link(graph.HasEvent, p.procID, id, nil, src)
	p.f.Players = append(p.f.Players, Player{Line: l.n, Body: cur.committee, BodyRole: roleCouncil, Date: date, Meeting: id})
	return nil
}

func (p *parser) commissionRow(l line, cur *block) error {
	src := p.b.src(secPlayers, l.n, l.n)
	if body := l.cell(cur.body); body != "" {
		slug := graph.Slug(body)
		if slug == "" {
			return p.errorf(l.n, "Commission DG %q has no name", body)
		}
		cur.committee, cur.name = "institution/dg-"+slug, body
		p.b.node(graph.Node{ID: cur.committee, Kind: graph.Institution, Name: "DG " + body,
			Props: graph.Props{"type": "directorate-general"}, Sources: []graph.Source{src}}, false)
		p.b.link(graph.PartOf, cur.committee, idCommission, nil, src)
		p.b.link(graph.ResponsibleFor, cur.committee, p.procID, graph.Props{"role": roleDG}, src)
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
	p.b.link(graph.MemberOf, id, idCommission, graph.Props{"role": roleCommissioner}, src)
	p.b.link(graph.ResponsibleFor, id, p.procID, graph.Props{"role": roleCommissioner}, src)
	p.f.Players = append(p.f.Players, Player{Line: l.n, Body: cur.committee, BodyRole: roleDG, Person: id, PersonRole: roleCommissioner})
	return nil
}
