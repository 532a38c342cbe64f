package graph

import (
	"fmt"
	"slices"
	"strings"
)

// EdgeType is the type of an edge. It doubles as the relationship type in
// Neo4j, so the set is a closed allow-list: EdgeTypes.
type EdgeType string

// The edge types. Each one's spec says what it means and which kinds it may
// join.
const (
	Cites           EdgeType = "CITES"
	ResponsibleFor  EdgeType = "RESPONSIBLE_FOR"
	Authored        EdgeType = "AUTHORED"
	Rapporteur      EdgeType = "RAPPORTEUR"
	MemberOf        EdgeType = "MEMBER_OF"
	PartOf          EdgeType = "PART_OF"
	Addresses       EdgeType = "ADDRESSES"
	ContributesTo   EdgeType = "CONTRIBUTES_TO"
	HasEvent        EdgeType = "HAS_EVENT"
	HasDocument     EdgeType = "HAS_DOCUMENT"
	Produced        EdgeType = "PRODUCED"
	Participated    EdgeType = "PARTICIPATED_IN"
	Concerns        EdgeType = "CONCERNS"
	RelatedTo       EdgeType = "RELATED_TO"
	AddressedTo     EdgeType = "ADDRESSED_TO"
	PreparedFor     EdgeType = "PREPARED_FOR"
	LegalBasis      EdgeType = "LEGAL_BASIS"
	CarriedOutUnder EdgeType = "CARRIED_OUT_UNDER"
	Requests        EdgeType = "REQUESTS"
)

// RequestRoles are the values of a REQUESTS edge's "role": how the text
// puts it, from a plain request to a commitment of its own author.
var RequestRoles = []string{"asks", "invites", "calls on", "calls for", "urges", "proposes", "commits"}

// Rapporteur roles, the values of a RAPPORTEUR edge's "role".
const (
	RoleRapporteur           = "rapporteur"
	RoleShadowRapporteur     = "shadow rapporteur"
	RoleRapporteurForOpinion = "rapporteur for opinion"
)

// EdgeSpec describes an edge type: its meaning, its allowed endpoint kinds
// and its properties.
type EdgeSpec struct {
	Type  EdgeType
	From  []Kind
	To    []Kind
	Props []PropSpec
	Doc   string
	// View is the typed relationship (a GraphQL type and the Go type
	// graph.<View>, view.go) that a relationship field listing edges of
	// this type shows; "" shows the generic Relationship.
	View string
}

// ActorKinds are the kinds with KindSpec.Actor, in Kinds order.
func ActorKinds() []Kind { return slices.Clone(actors) }

var (
	actors = actorKinds()

	roleProp = PropSpec{Name: "role", Type: String}
	dateProp = PropSpec{Name: "date", Type: DateP}
	noteProp = PropSpec{Name: "note", Type: String, Doc: "a short note in the project's own words"}
	edgeBase = []PropSpec{roleProp, dateProp, noteProp}
)

func actorKinds() []Kind {
	var ks []Kind
	for _, s := range Kinds {
		if s.Actor {
			ks = append(ks, s.Kind)
		}
	}
	return ks
}

// EdgeTypes is the allow-list of edge types, in a fixed order.
var EdgeTypes = []EdgeSpec{
	{Type: Cites, From: []Kind{Document}, To: []Kind{Document}, Props: edgeBase,
		Doc: "The source document refers to the target document."},
	{Type: ResponsibleFor, View: "Responsibility", From: actors, To: []Kind{Objective, Procedure, Document}, Props: edgeBase,
		Doc: "The actor is responsible for the target; role says how: leads, implements, monitors, coordinates, ..."},
	{Type: Authored, View: "Authorship", From: actors, To: []Kind{Document}, Props: edgeBase,
		Doc: "The actor wrote or issued the document."},
	{Type: Rapporteur, View: "RapporteurRole", From: []Kind{Person}, To: []Kind{Procedure},
		Props: []PropSpec{
			{Name: "role", Type: String, Required: true, Enum: []string{RoleRapporteur, RoleShadowRapporteur, RoleRapporteurForOpinion}},
			{Name: "committee", Type: String, Doc: "id of the committee (an Institution)"},
			{Name: "group", Type: String, Doc: "the person's political group at the time"},
			dateProp, noteProp,
		},
		Doc: "The person is (shadow) rapporteur, or rapporteur for opinion, on the procedure for a committee; date is the appointment."},
	{Type: MemberOf, View: "Membership", From: actors, To: []Kind{Institution}, Props: edgeBase,
		Doc: "The actor belongs to the institution: an MEP to a political group, a Commissioner to the Commission."},
	{Type: PartOf, From: []Kind{Institution, Agency, Objective, Document}, To: []Kind{Institution, Agency, Objective, Document}, Props: edgeBase,
		Doc: "The source is a part of the target: a committee of the Parliament, a key action of a strategic objective, a centre of an agency, an annex of a document."},
	{Type: Addresses, From: []Kind{Document, Event}, To: []Kind{Objective}, Props: edgeBase,
		Doc: "The document (or event, such as an operation) deals with the objective."},
	{Type: ContributesTo, View: "Contribution", From: actors, To: []Kind{Document, Objective, Procedure, Event}, Props: edgeBase,
		Doc: "The actor contributed to the target without being responsible for it."},
	{Type: HasEvent, From: []Kind{Procedure}, To: []Kind{Event}, Props: edgeBase,
		Doc: "The event is a step of the procedure."},
	{Type: HasDocument, From: []Kind{Procedure}, To: []Kind{Document}, Props: edgeBase,
		Doc: "The document belongs to the procedure's file."},
	{Type: Produced, From: []Kind{Event}, To: []Kind{Document}, Props: edgeBase,
		Doc: "The event produced the document (a vote produced the adopted text)."},
	{Type: Participated, View: "Participation", From: actors, To: []Kind{Event}, Props: edgeBase,
		Doc: "The actor took part in the event; role says how: adopted, endorsed, voted, led."},
	{Type: Concerns, From: []Kind{Event}, To: []Kind{Document, Procedure, Objective, Agency, Institution}, Props: edgeBase,
		Doc: "The event is about the target: the adoption of a document, the entry into force of an act."},
	{Type: RelatedTo, From: []Kind{Procedure, Document}, To: []Kind{Procedure, Document}, Props: edgeBase,
		Doc: "The two are related without one citing the other (OEIL 'see also')."},
	{Type: AddressedTo, From: []Kind{Document}, To: actors, Props: edgeBase,
		Doc: "The document is addressed to the actor: a communication to the Parliament and the Council, a Council note to the delegations."},
	{Type: PreparedFor, From: []Kind{Document}, To: []Kind{Event}, Props: edgeBase,
		Doc: "The document was prepared for the meeting, for discussion or adoption there."},
	{Type: LegalBasis, From: []Kind{Institution, Agency, Document, Procedure}, To: []Kind{Document},
		Props: []PropSpec{
			{Name: "article", Type: String, Doc: "the provision: Article 71, Article 83(1), Title V"},
			roleProp, dateProp, noteProp,
		},
		Doc: "The source acts, or is proposed or adopted, under the target treaty or act; article names the provision."},
	{Type: CarriedOutUnder, From: []Kind{Event, Document, Objective, Agency}, To: []Kind{Document}, Props: edgeBase,
		Doc: "The operation, act, action or body is carried out, adopted or funded within the target programme, cycle or framework; role says how: within, funded by."},
	{Type: Requests, From: []Kind{Document}, To: []Kind{Institution, Agency, Person, Document},
		Props: []PropSpec{
			{Name: "role", Type: String, Required: true, Enum: RequestRoles},
			{Name: "deliverable", Type: String, Required: true, Doc: "what is asked for, in the project's words"},
			{Name: "deadline", Type: DateP, Doc: "by when, to the precision the source gives: 2011 is by the end of 2011"},
			dateProp, noteProp,
		},
		Doc: "The document asks the actor to deliver something, by a deadline if it gives one; the requester is the document's author. A target document is what the request is about when the text names no addressee (review the ISS)."},
}

// LookupEdgeType returns the spec of t.
func LookupEdgeType(t EdgeType) (EdgeSpec, bool) {
	for _, s := range EdgeTypes {
		if s.Type == t {
			return s, true
		}
	}
	return EdgeSpec{}, false
}

// Valid reports whether t is on the allow-list.
func (t EdgeType) Valid() bool { _, ok := LookupEdgeType(t); return ok }

// Allows reports whether an edge of this type may go from a node of kind
// from to a node of kind to.
func (s EdgeSpec) Allows(from, to Kind) bool {
	return slices.Contains(s.From, from) && slices.Contains(s.To, to)
}

// Direction selects edges by which end a node is on.
type Direction int

const (
	Out  Direction = iota + 1 // the node is the edge's From
	In                        // the node is the edge's To
	Both                      // either
)

func (d Direction) String() string {
	switch d {
	case Out:
		return "OUT"
	case In:
		return "IN"
	case Both:
		return "BOTH"
	}
	return fmt.Sprintf("Direction(%d)", int(d))
}

// EdgeKey identifies an edge: at most one edge of a type joins two nodes in
// one direction. Writing the same key again updates that edge.
type EdgeKey struct {
	Type EdgeType
	From string
	To   string
}

// String is the edge's id: "CITES:document/a->document/b".
func (k EdgeKey) String() string { return string(k.Type) + ":" + k.From + "->" + k.To }

// ParseEdgeKey reads the form String writes.
func ParseEdgeKey(s string) (EdgeKey, error) {
	t, rest, ok := strings.Cut(s, ":")
	if !ok {
		return EdgeKey{}, invalid("id", "edge id %q: want TYPE:from->to", s)
	}
	from, to, ok := strings.Cut(rest, "->")
	if !ok || from == "" || to == "" {
		return EdgeKey{}, invalid("id", "edge id %q: want TYPE:from->to", s)
	}
	k := EdgeKey{Type: EdgeType(t), From: from, To: to}
	if !k.Type.Valid() {
		return EdgeKey{}, invalid("type", "unknown edge type %q", t)
	}
	return k, nil
}

// Other returns the end of the edge that is not id.
func (k EdgeKey) Other(id string) string {
	if k.From == id {
		return k.To
	}
	return k.From
}

// CompareEdges orders edges by type, then From, then To: the order in which
// every store returns the edges of a node.
func CompareEdges(a, b Edge) int {
	if c := strings.Compare(string(a.Type), string(b.Type)); c != 0 {
		return c
	}
	if c := strings.Compare(a.From, b.From); c != 0 {
		return c
	}
	return strings.Compare(a.To, b.To)
}
