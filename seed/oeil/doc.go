// Package oeil imports procedure files of the European Parliament's
// Legislative Observatory (OEIL) into the graph.
//
// # The format
//
// A procedure file is the text of an OEIL procedure page: tab-separated
// tables under headings, then prose summaries. A heading is a known name
// alone in its row (trailing tabs allowed):
//
//   - Basic information: one line "2010/2308(INI) <type> <title> See also
//     <procedures> Subject <code> <name> ...", words separated by spaces only,
//     then a tab and the stage reached.
//   - Key players: blocks per institution. A row whose first cell names the
//     institution (European Parliament, Council of the European Union,
//     European Commission) opens a block; it and the later header rows say
//     which column holds the body (Committee responsible, Committee for
//     opinion, Council configuration, Commission DG), the person (Rapporteur,
//     Rapporteur for opinion, Meetings, Commissioner) and the date (Appointed,
//     Date). Data rows start with an empty cell: "LIBE Civil Liberties, ..."
//     then "BORSELLINO Rita (S&D)" and the appointment; a row with no body
//     continues the last one, such as "Shadow rapporteur HANKISS Ágnes (PPE)
//     ALFANO Sonia (ALDE)"; "... decided not to give an opinion" in the
//     person column marks a committee that declined.
//   - Key events: Date, Event, Reference, Summary.
//   - Technical information: label, value rows (Procedure reference, Procedure
//     type, Procedure subtype, Amendments and repeals, Legal basis, Other legal
//     basis, Stage reached in procedure, Committee dossier); other labels are
//     read past.
//   - Documentation gateway: sub-headings per author (European Parliament,
//     European Commission, National parliaments, ...), each with a header row
//     "Document type, Committee | Parliament /Chamber, Reference, Date,
//     Summary" and one row per document. References may carry stray spaces
//     (COM(2013)0179 ) and the same one may appear twice.
//   - Final act (COD files): the act's reference on a line of its own, then
//     its Official Journal citation, which is not stored.
//
// Columns are found by their header text, so extra columns are tolerated;
// sections may be missing, but Basic information or Technical information
// must give the procedure reference. Blank lines inside a table are skipped.
// The summaries begin at the first line without a tab that follows a blank
// line; they are prose of the Observatory and are never read into the graph.
//
// # What a file becomes
//
// Parse turns a file into one graph.Batch, with the ids of DEVELOPERS.md:
// the procedure; committees, Council configurations and meetings,
// Commission DGs, people and political groups, with their RAPPORTEUR,
// RESPONSIBLE_FOR, CONTRIBUTES_TO, MEMBER_OF, PART_OF and PARTICIPATED_IN
// edges; one Event per key event (PRODUCED the document it references); one
// Document per referenced document, AUTHORED by the row's committee or the
// section's institution, or contributed to by a national parliament; and
// RELATED_TO edges to the "See also" procedures. Every node and edge names
// the file, section and lines it comes from. References go through
// graph/ref, so they meet the same nodes as the curated data and the
// extractor.
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
// the name and properties a store already holds, and a node or edge whose
// provenance list is full (graph.MaxSources) gets only the sources that fit.
package oeil
