package graph

// Typed views for the GraphQL API. The API's object types bind by name to
// this package (gqlgen autobind), and a Node is one record for every kind,
// so each kind gets a thin wrapper whose methods read the kind's properties
// from Props. Views hold no state of their own: wrapping and unwrapping is
// free, and the Node stays the single source of truth.
//
// Edges get the same treatment: a Relationship is an edge seen from one of
// its ends, and the typed relationships (Responsibility, Membership, ...)
// wrap it for the edge types whose properties matter to readers.

// Entity is a node seen through its kind's view; it is the Go side of the
// GraphQL Node interface. The views below are its only implementations.
type Entity interface {
	// AsNode returns the node behind the view.
	AsNode() Node
}

// Actor is an Entity that can act: an Institution, an Agency or a Person,
// the kinds an AUTHORED, RESPONSIBLE_FOR or MEMBER_OF edge starts at.
type Actor interface {
	Entity
	isActor()
}

// The views, one per kind.
type (
	InstitutionView struct{ Node }
	PersonView      struct{ Node }
	ProcedureView   struct{ Node }
	DocumentView    struct{ Node }
	ObjectiveView   struct{ Node }
	AgencyView      struct{ Node }
	EventView       struct{ Node }
)

// View wraps n in the view of its kind, or returns nil for a kind that is
// not on the allow-list.
func View(n Node) Entity {
	switch n.Kind {
	case Institution:
		return &InstitutionView{n}
	case Person:
		return &PersonView{n}
	case Procedure:
		return &ProcedureView{n}
	case Document:
		return &DocumentView{n}
	case Objective:
		return &ObjectiveView{n}
	case Agency:
		return &AgencyView{n}
	case Event:
		return &EventView{n}
	}
	return nil
}

// AsActor returns n's view if n is an actor.
func AsActor(n Node) (Actor, bool) {
	a, ok := View(n).(Actor)
	return a, ok
}

func (InstitutionView) isActor() {}
func (PersonView) isActor()      {}
func (AgencyView) isActor()      {}

// AsNode implementations.
func (v InstitutionView) AsNode() Node { return v.Node }
func (v PersonView) AsNode() Node      { return v.Node }
func (v ProcedureView) AsNode() Node   { return v.Node }
func (v DocumentView) AsNode() Node    { return v.Node }
func (v ObjectiveView) AsNode() Node   { return v.Node }
func (v AgencyView) AsNode() Node      { return v.Node }
func (v EventView) AsNode() Node       { return v.Node }

// Properties every kind shares.
func (v InstitutionView) Description() *string { return optString(v.Props, "description") }
func (v PersonView) Description() *string      { return optString(v.Props, "description") }
func (v ProcedureView) Description() *string   { return optString(v.Props, "description") }
func (v DocumentView) Description() *string    { return optString(v.Props, "description") }
func (v ObjectiveView) Description() *string   { return optString(v.Props, "description") }
func (v AgencyView) Description() *string      { return optString(v.Props, "description") }
func (v EventView) Description() *string       { return optString(v.Props, "description") }

func (v InstitutionView) Aliases() []string { return list(v.Props, "aliases") }
func (v PersonView) Aliases() []string      { return list(v.Props, "aliases") }
func (v ProcedureView) Aliases() []string   { return list(v.Props, "aliases") }
func (v DocumentView) Aliases() []string    { return list(v.Props, "aliases") }
func (v ObjectiveView) Aliases() []string   { return list(v.Props, "aliases") }
func (v AgencyView) Aliases() []string      { return list(v.Props, "aliases") }
func (v EventView) Aliases() []string       { return list(v.Props, "aliases") }

// Institution.
func (v InstitutionView) Acronym() *string   { return optString(v.Props, "acronym") }
func (v InstitutionView) Type() *string      { return optString(v.Props, "type") }
func (v InstitutionView) Established() *Date { return optDate(v.Props, "established") }
func (v InstitutionView) Operational() *Date { return optDate(v.Props, "operational") }

// Person.
func (v PersonView) GivenName() *string  { return optString(v.Props, "givenName") }
func (v PersonView) FamilyName() *string { return optString(v.Props, "familyName") }
func (v PersonView) Group() *string      { return optString(v.Props, "group") }
func (v PersonView) Country() *string    { return optString(v.Props, "country") }

// Procedure.
func (v ProcedureView) Reference() string         { return v.Props.String("reference") }
func (v ProcedureView) Type() *string             { return optString(v.Props, "type") }
func (v ProcedureView) Subtype() *string          { return optString(v.Props, "subtype") }
func (v ProcedureView) Status() *string           { return optString(v.Props, "status") }
func (v ProcedureView) Subjects() []string        { return list(v.Props, "subjects") }
func (v ProcedureView) LegalBasis() []string      { return list(v.Props, "legalBasis") }
func (v ProcedureView) CommitteeDossier() *string { return optString(v.Props, "committeeDossier") }
func (v ProcedureView) Instrument() *string       { return optString(v.Props, "instrument") }
func (v ProcedureView) Date() *Date               { return optDate(v.Props, "date") }

// Document.
func (v DocumentView) Title() string             { return v.Name }
func (v DocumentView) Reference() *string        { return optString(v.Props, "reference") }
func (v DocumentView) Type() *string             { return optString(v.Props, "type") }
func (v DocumentView) Date() *Date               { return optDate(v.Props, "date") }
func (v DocumentView) ShortTitle() *string       { return optString(v.Props, "shortTitle") }
func (v DocumentView) Classification() *string   { return optString(v.Props, "classification") }
func (v DocumentView) OriginalLanguage() *string { return optString(v.Props, "originalLanguage") }
func (v DocumentView) FileCodes() []string       { return list(v.Props, "fileCodes") }
func (v DocumentView) Place() *string            { return optString(v.Props, "place") }
func (v DocumentView) PeriodStart() *Date        { return optDate(v.Props, "periodStart") }
func (v DocumentView) PeriodEnd() *Date          { return optDate(v.Props, "periodEnd") }
func (v DocumentView) Celex() *string            { return optString(v.Props, "celex") }
func (v DocumentView) Derived() []string         { return list(v.Props, "derived") }
func (v DocumentView) OeilType() *string         { return optString(v.Props, "oeilType") }
func (v DocumentView) UnresolvedReference() *string {
	return optString(v.Props, "unresolvedReference")
}
func (v DocumentView) OfficialJournal() *string { return optString(v.Props, "officialJournal") }

// Objective.
func (v ObjectiveView) Number() *string { return optString(v.Props, "number") }
func (v ObjectiveView) Type() string    { return v.Props.String("type") }

// Agency.
func (v AgencyView) Acronym() *string   { return optString(v.Props, "acronym") }
func (v AgencyView) Type() *string      { return optString(v.Props, "type") }
func (v AgencyView) Established() *Date { return optDate(v.Props, "established") }
func (v AgencyView) Operational() *Date { return optDate(v.Props, "operational") }

// Event.
func (v EventView) Date() *Date        { return optDate(v.Props, "date") }
func (v EventView) EndDate() *Date     { return optDate(v.Props, "endDate") }
func (v EventView) Type() *string      { return optString(v.Props, "type") }
func (v EventView) Reference() *string { return optString(v.Props, "reference") }
func (v EventView) Place() *string     { return optString(v.Props, "place") }
func (v EventView) VotesFor() *int     { return optInt(v.Props, "votesFor") }
func (v EventView) VotesAgainst() *int { return optInt(v.Props, "votesAgainst") }
func (v EventView) Abstentions() *int  { return optInt(v.Props, "abstentions") }

// Relationship is an edge seen from one of its ends, Self: the GraphQL
// Relationship type, and the base of the typed relationships.
type Relationship struct {
	Edge
	Self string // id of the end the edge is seen from
}

// RelationshipOf returns e seen from the node self.
func RelationshipOf(e Edge, self string) Relationship { return Relationship{Edge: e, Self: self} }

// Direction is Out when the edge starts at Self, In otherwise.
func (r Relationship) Direction() Direction {
	if r.From == r.Self {
		return Out
	}
	return In
}

// OtherID is the id of the end that is not Self.
func (r Relationship) OtherID() string { return r.Key().Other(r.Self) }

// The edge's properties.
func (r Relationship) Role() *string        { return optString(r.Props, "role") }
func (r Relationship) Date() *Date          { return optDate(r.Props, "date") }
func (r Relationship) Note() *string        { return optString(r.Props, "note") }
func (r Relationship) Group() *string       { return optString(r.Props, "group") }
func (r Relationship) Article() *string     { return optString(r.Props, "article") }
func (r Relationship) Deliverable() *string { return optString(r.Props, "deliverable") }
func (r Relationship) Deadline() *Date      { return optDate(r.Props, "deadline") }

// CommitteeID is the id of a RAPPORTEUR edge's committee, or "".
func (r Relationship) CommitteeID() string { return r.Props.String("committee") }

// The typed relationships, one per edge type whose properties say something
// about the actor's part.
type (
	Responsibility struct{ Relationship } // RESPONSIBLE_FOR
	Contribution   struct{ Relationship } // CONTRIBUTES_TO
	Participation  struct{ Relationship } // PARTICIPATED_IN
	Membership     struct{ Relationship } // MEMBER_OF
	Authorship     struct{ Relationship } // AUTHORED
	RapporteurRole struct{ Relationship } // RAPPORTEUR
)

func optString(p Props, k string) *string {
	if s := p.String(k); s != "" {
		return &s
	}
	return nil
}

func optDate(p Props, k string) *Date {
	if d, ok := p.Date(k); ok {
		return &d
	}
	return nil
}

// list returns the list property k, never nil, for non-null GraphQL lists.
func list(p Props, k string) []string {
	if s := p.Strings(k); s != nil {
		return append([]string(nil), s...)
	}
	return []string{}
}

// Fields the API computes from a value alone. gqlgen runs every resolver
// in a goroutine of its own, and a method that takes no context in none,
// so these are methods here rather than resolvers (gqlgen.yml binds the
// GraphQL fields to them).

// OptSection is the section, or nil when empty: the API shows null.
func (s Source) OptSection() *string { return optional(s.Section) }

// OptLines is the line range, or nil when empty.
func (s Source) OptLines() *string { return optional(s.Lines) }

// OptNote is the note, or nil when empty.
func (s Source) OptNote() *string { return optional(s.Note) }

// RoleType is the stored role, which the RapporteurRoleType enum binds to.
func (r RapporteurRole) RoleType() string { return r.Props.String("role") }

// Properties are the edge's properties as a JSON object: dates as
// YYYY-MM-DD, the rest as they are.
func (e Edge) Properties() map[string]any {
	out := make(map[string]any, len(e.Props))
	for k, v := range e.Props {
		if d, ok := v.(Date); ok {
			out[k] = d.String()
			continue
		}
		out[k] = v
	}
	return out
}

// The node's fields a view draws; Entity is the node's view.
func (n SubgraphNode) ID() string         { return n.Node.ID }
func (n SubgraphNode) Kind() Kind         { return n.Node.Kind }
func (n SubgraphNode) Label() string      { return n.Node.Name }
func (n SubgraphNode) ShortLabel() string { return ShortLabel(n.Node) }
func (n SubgraphNode) Date() *Date        { return ptrIf(NodeDate(n.Node)) }
func (n SubgraphNode) EndDate() *Date     { return ptrIf(NodeEndDate(n.Node)) }
func (n SubgraphNode) Reference() *string { return optString(n.Node.Props, "reference") }
func (n SubgraphNode) Type() *string      { return optString(n.Node.Props, "type") }
func (n SubgraphNode) Sources() []Source  { return n.Node.Sources }
func (n SubgraphNode) Entity() Entity     { return View(n.Node) }

// Kind and Label are the node's; Entity is its view; OptReference is the
// reference, or nil when there is none.
func (e TimelineEntry) Kind() Kind            { return e.Node.Kind }
func (e TimelineEntry) Label() string         { return e.Node.Name }
func (e TimelineEntry) Entity() Entity        { return View(e.Node) }
func (e TimelineEntry) OptReference() *string { return optional(e.Reference) }

// ptrIf returns &v when ok, else nil.
func ptrIf[T any](v T, ok bool) *T {
	if !ok {
		return nil
	}
	return &v
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optInt(p Props, k string) *int {
	if i, ok := p.Int(k); ok {
		n := int(i)
		return &n
	}
	return nil
}
