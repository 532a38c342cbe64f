package oeil

import (
	"strconv"

	"github.com/issgraph/issgraph/graph"
)

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
	// Defaults are, by node id, the properties the importer computed
	// rather than read ("name" for a title made of a document's type and
	// reference, "type" for the vocabulary's word for OEIL's document
	// type): Import keeps what a store already says of them, so that
	// importing never overwrites curation with a guess.
	Defaults map[string][]string
	// Warnings are what the file states that the importer could not take
	// as given, in line order: an unreadable or implausible reference (kept
	// verbatim), an unknown political group or label, and, with
	// Options.Lenient, the rows and sections it skipped.
	Warnings []Warning
}

// Warning is one thing Parse read past or could not resolve.
type Warning struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Msg  string `json:"message"`
}

func (w Warning) String() string { return w.File + ":" + itoa(w.Line) + ": " + w.Msg }

// Player is one actor of the Key players table.
type Player struct {
	Line       int        `json:"line"`
	Body       string     `json:"body,omitempty"`       // id of the committee, Council configuration or DG
	BodyRole   string     `json:"bodyRole,omitempty"`   // committee responsible, committee for opinion, decided not to give an opinion, Council configuration, Commission DG
	Person     string     `json:"person,omitempty"`     // id of the person, "" for a body alone
	PersonRole string     `json:"personRole,omitempty"` // graph.RoleRapporteur, RoleShadowRapporteur, RoleRapporteurForOpinion or "Commissioner"
	Group      string     `json:"group,omitempty"`      // political group acronym, S&D
	Date       graph.Date `json:"date,omitzero"`        // appointment, or the Council meeting's date
	Meeting    string     `json:"meeting,omitempty"`    // id of the Council meeting event
}

// Event is one row of Key events.
type Event struct {
	Line      int        `json:"line"`
	ID        string     `json:"id"`
	Date      graph.Date `json:"date"`
	Name      string     `json:"name"`                // the event as OEIL words it
	Reference string     `json:"reference,omitempty"` // canonical reference of the document it produced, if any
	Document  string     `json:"document,omitempty"`  // that document's id
}

// Document is one row of the Documentation gateway (or the Final act).
type Document struct {
	Line      int        `json:"line"`
	ID        string     `json:"id"`
	Section   string     `json:"section,omitempty"`   // the gateway's sub-heading: European Parliament, European Commission, National parliaments, ...
	Type      string     `json:"type,omitempty"`      // Committee draft report, Contribution, ...
	Reference string     `json:"reference,omitempty"` // canonical reference, "" for a document without one
	Date      graph.Date `json:"date,omitzero"`
	Author    string     `json:"author,omitempty"` // id of the author, or of the contributor of a Contribution
}

func itoa(n int) string { return strconv.Itoa(n) }
