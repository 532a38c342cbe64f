package oeil

import "github.com/issgraph/issgraph/graph"

// File is one parsed procedure file: the graph batch it states, and a
// structured view of its tables for callers and tests.
type File struct {
	Name      string     // base name of the file, the File of every Source
	Procedure graph.Node // the procedure node, also in Batch
	Players   []Player   // Key players, in file order
	Events    []Event    // Key events, in date order (file order within a day)
	Documents []Document // Documentation gateway and Final act rows, in file order
	Related   []string   // ids of the "See also" procedures
	Batch     graph.Batch
	// Placeholders are the ids of nodes the file only mentions (the three
	// institutions, political groups, "See also" procedures, documents known
	// only by a reference): Import keeps what a store already says of them.
	Placeholders []string
}

// Player is one actor of the Key players table.
type Player struct {
	Line       int
	Body       string     // id of the committee, Council configuration or DG
	BodyRole   string     // committee responsible, committee for opinion, decided not to give an opinion, Council configuration, Commission DG
	Person     string     // id of the person, "" for a body alone
	PersonRole string     // graph.RoleRapporteur, RoleShadowRapporteur, RoleRapporteurForOpinion or "Commissioner"
	Group      string     // political group acronym, S&D
	Date       graph.Date // appointment, or the Council meeting's date
	Meeting    string     // id of the Council meeting event
}

// Event is one row of Key events.
type Event struct {
	Line      int
	ID        string
	Date      graph.Date
	Name      string // the event as OEIL words it
	Reference string // canonical reference of the document it produced, if any
	Document  string // that document's id
}

// Document is one row of the Documentation gateway (or the Final act).
type Document struct {
	Line      int
	ID        string
	Section   string // the gateway's sub-heading: European Parliament, European Commission, National parliaments, ...
	Type      string // Committee draft report, Contribution, ...
	Reference string // canonical reference, "" for a document without one
	Date      graph.Date
	Author    string // id of the author, or of the contributor of a Contribution
}
