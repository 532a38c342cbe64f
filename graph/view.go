package graph

// Typed views for the GraphQL API. A Node is one record for every kind, so
// each kind gets a thin wrapper whose methods read the kind's properties
// from Props; the generated schema binds each kind's type to its view. The
// views and their accessors are generated from the kinds' specs
// (view.generated.go); this file holds what is written by hand. Views
// hold no state of their own: wrapping and unwrapping is free, and the
// Node stays the single source of truth.
//
// Edges get the same treatment: a Relationship is an edge seen from one of
// its ends, and the typed relationships (Responsibility, Membership, ...)
// wrap it for the edge types whose properties matter to readers.

// Entity is a node seen through its kind's view; it is the Go side of the
// GraphQL Node interface. The views are its only implementations.
type Entity interface {
	// AsNode returns the node behind the view.
	AsNode() Node
}

// Actor is an Entity that can act: a view of a kind with KindSpec.Actor,
// the kinds an AUTHORED, RESPONSIBLE_FOR or MEMBER_OF edge starts at.
type Actor interface {
	Entity
	isActor()
}

// AsActor returns n's view if n is an actor.
func AsActor(n Node) (Actor, bool) {
	a, ok := View(n).(Actor)
	return a, ok
}

// Title is a document's name: the API calls it both.
func (v DocumentView) Title() string { return v.Name }

// Relationship is an edge seen from one of its ends, Self: the GraphQL
// Relationship type, and the base of the typed relationships.
type Relationship struct {
	Edge
	Self string // id of the end the edge is seen from
	// OtherEnd is the node at the other end as the read that brought the
	// edge holds it, or nil: read it by OtherID. It may be a part of the
	// node (Projection): only the fields that read asked for may use it.
	OtherEnd *Node
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

func optBool(p Props, k string) *bool {
	if b, ok := p.Bool(k); ok {
		return &b
	}
	return nil
}

// Fields the API computes from a value alone. They are methods here rather
// than resolvers (gqlgen.yml binds the GraphQL fields to them): a method
// of a non-null type without a context is written straight from the
// object, without a field context or middleware (graph/internal/execgen).

// OptSection is the section, or nil when empty: the API shows null. It
// points into s, as OptLines and OptNote do, so that writing it copies
// nothing.
func (s *Source) OptSection() *string { return nonEmpty(&s.Section) }

// OptLines is the line range, or nil when empty.
func (s *Source) OptLines() *string { return nonEmpty(&s.Lines) }

// OptNote is the note, or nil when empty.
func (s *Source) OptNote() *string { return nonEmpty(&s.Note) }

func nonEmpty(s *string) *string {
	if *s == "" {
		return nil
	}
	return s
}

// RoleType is the stored role, which the RapporteurRoleType enum binds to.
func (r RapporteurRole) RoleType() string { return r.Props.String("role") }

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
