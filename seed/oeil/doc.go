// Package oeil imports procedure files of the European Parliament's
// Legislative Observatory (OEIL) into the graph.
//
// The importer is liberal about content and strict about structure. What a
// row says is taken as far as it can be: a reference the normaliser cannot
// read is kept verbatim (the document's "unresolvedReference"), an
// implausible one (a Parliament number outside its term) is used, an
// unknown political group or Technical information label is kept or read
// past, each with a warning in the File and the report. How the file is
// laid out is checked: an unknown section heading, or a row that fits no
// shape its section allows, is a *ParseError naming file:line and what was
// expected; Options.Lenient turns those into warnings and skips the row or
// section. A date that does not parse, and a file without a procedure
// reference, stay errors in every mode. Import writes nothing when any file
// fails.
//
// # The format
//
// A procedure file is the text of an OEIL procedure page: tab-separated
// tables under headings, then prose summaries. A heading is a known name
// alone in its row (trailing tabs allowed): Basic information, Key players,
// Key events, Technical information, Documentation gateway, Other
// institutions and bodies (also a gateway sub-heading), Final act,
// Delegated acts, Implementing acts.
//
//   - Basic information: one line "2010/2308(INI) <type> [<instrument>]
//     <title> See also <procedures> Subject <code> <name> ...", words
//     separated by spaces only, then a tab and the stage reached. The
//     instrument (Regulation, Directive, Decision (EU), Framework decision,
//     ...) is cut from the title when a title follows it, and stored as the
//     procedure's "instrument", as is Technical information's "Legislative
//     instrument" row.
//   - Key players: blocks per institution. A row whose first cell names the
//     institution (European Parliament, Council of the European Union,
//     European Commission) opens a block; it and the later header rows say
//     which column holds the body (Committee responsible, Committee for
//     opinion, Council configuration, Commission DG), the person
//     (Rapporteur, Rapporteur for opinion, Meetings, Commissioner) and the
//     date (Appointed, Date). Data rows start with an empty cell: "LIBE
//     Civil Liberties, ..." (an acronym, then a name in words) then
//     "BORSELLINO Rita (S&D)" and the appointment; a row with no body
//     continues the last one, such as "Shadow rapporteur HANKISS Ágnes (PPE)
//     ALFANO Sonia (ALDE)"; "... decided not to give an opinion" in the
//     person column marks a committee that declined. Political groups go
//     through an alias table (EPP is PPE, Renew Europe is Renew, Greens/EFA
//     is Verts/ALE, The Left is GUE/NGL, ...): one node per group, the
//     acronym the file used kept as an alias. A block of another body (the
//     EESC, ...) is read past with a warning; any other first cell is a
//     structural error.
//   - Key events: Date, Event, Reference, Summary.
//   - Technical information: label, value rows (Procedure reference,
//     Procedure type, Procedure subtype, Legislative instrument, Amendments
//     and repeals, Legal basis, Other legal basis, Stage reached in
//     procedure, Committee dossier); OEIL's other labels are read past, and
//     an unknown one with a warning.
//   - Documentation gateway: sub-headings per author (European Parliament,
//     Council of the EU, European Commission, National parliaments, Other
//     institutions and bodies), each with a header row "Document type,
//     Committee | Parliament /Chamber, Reference, Date, Summary" ("Institution
//     /body" first under Other institutions and bodies: EDPS, EESC, CoR, ...)
//     and one row per document. References may carry stray spaces
//     (COM(2013)0179 ) and the same one may appear twice.
//   - Final act: the act's reference on a line of its own ("Regulation
//     2016/794"; before 2015 OEIL leaves out the domain, which is then
//     taken as the act's CELEX number would, with a warning), then its
//     Official Journal citation, stored on the act as "officialJournal".
//   - Delegated acts, Implementing acts: Reference, Subject rows, each a
//     procedure RELATED_TO this one.
//
// Columns are found by their header text, so extra columns are tolerated;
// sections may be missing, but Basic information or Technical information
// must give the procedure reference. Blank lines inside a table are skipped.
// A row continues on the next line either when a line break inside a cell
// cut it short (the next line's cells complete it to the header's width) or
// when the next line leaves the columns that open a row empty (an Official
// Journal citation under a reference); its provenance spans both lines.
// The summaries begin at the first line without a tab that follows a blank
// line, unless a table follows it (then it was an unknown heading); they
// are prose of the Observatory and are never read into the graph.
//
// References: every family OEIL lists goes through graph/ref (COM, SEC,
// SWD, JOIN; the Parliament's A, B, RC-B, T, C and N numbers and PE
// numbers; Council numbers in OEIL's spelling 09312/1/2021, with ADD, COR
// and REV; legal acts), so they meet the same nodes as the curated data
// and the extractor; an Official Journal citation in a reference cell is
// stored on the row's document.
//
// # What a file becomes
//
// Parse turns a file into one graph.Batch, with the ids of DEVELOPERS.md:
// the procedure; committees, Council configurations and meetings,
// Commission DGs, people and political groups, with their RAPPORTEUR,
// RESPONSIBLE_FOR, CONTRIBUTES_TO, MEMBER_OF, PART_OF and PARTICIPATED_IN
// edges; one Event per key event (PRODUCED the document it references); one
// Document per referenced document, AUTHORED by the row's committee, the
// section's institution or the body of its row, or contributed to by a
// national parliament; and RELATED_TO edges to the "See also" procedures.
// A document's "type" is the dataset's vocabulary (doctypes.go: report,
// resolution, opinion, ...) and "oeilType" OEIL's wording. A revision,
// addendum or corrigendum of a Council document is a document of its own;
// when the file also names the document it revises, the two are linked
// (RELATED_TO, role revision, addendum or corrigendum), and no node is
// made for a base number the file does not name.
//
// # Provenance
//
// Every node and edge names the file, section and lines that state it: the
// lines name the node, and for an edge both ends other than the file's own
// procedure. A row names its bodies, people and documents; a relation to
// the institution of a Key players block or a gateway sub-heading cites
// the range from the line that names the institution down to the row, and
// a relation whose words are in a header row (committee responsible or for
// opinion, rapporteur, Council meeting, Commissioner) the range from that
// header down to the row; a row continued on the next lines cites them all.
// What the importer infers rather than reads says so in the source's note:
// the procedure's date (its first key event's), a Council document's link
// to the one it revises or adds to (read from its number), a final act
// whose domain OEIL left out. The rule is the dataset's (docs/data-model.md,
// Provenance), and TestSourcesNameTheirFacts holds every fixture to it.
//
// A fact may be stated more than once; the first statement of a property
// wins and later ones add their lines to its sources. An edge is keyed by
// type and endpoints, so a person who is rapporteur for one committee and
// shadow rapporteur for another on the same procedure keeps the first role.
//
// Import parses all files before writing any, then applies one merged batch
// per file, so re-importing is idempotent and never removes what curation
// added. Nodes a file only mentions (the three institutions, political
// groups, "See also" procedures, documents known by a reference alone) keep
// the name and properties a store already holds, gaining only aliases; the
// values the importer computes rather than reads (File.Defaults: a title
// made of a document's type and reference, the vocabulary's type) give way
// to stored ones; and a node or edge whose provenance list is full
// (graph.MaxSources) gets only the sources that fit. So importing the file
// the seeded dataset came from reports every node and edge unchanged. The
// report counts, per file and per node kind and edge type, what was
// created, updated and left unchanged, and lists the warnings.
package oeil
