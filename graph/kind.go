package graph

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a node. It doubles as the node's label in Neo4j, so
// the set of kinds is a closed allow-list: Kinds.
type Kind string

// The node kinds. Add one only where the corpus needs it, and document it in
// docs/data-model.md.
const (
	Institution Kind = "Institution" // EU institution or body: Parliament, a committee, a Council configuration, a DG, a political group, a national parliament
	Person      Kind = "Person"      // a named person: rapporteur, commissioner
	Procedure   Kind = "Procedure"   // a legislative or non-legislative procedure, 2010/2308(INI)
	Document    Kind = "Document"    // a document with a reference or a title: communication, report, conclusions, act
	Objective   Kind = "Objective"   // a strategic objective, key action, challenge, threat or principle
	Agency      Kind = "Agency"      // an EU agency, network or centre: Europol, RAN, EC3
	Event       Kind = "Event"       // a dated milestone: a vote, an adoption, an operation
)

// KindSpec describes a kind: the one place that says what a node of the
// kind holds and how the API shows it. `go generate ./...` writes from it
// the kind's GraphQL types (schema/<kind>.generated.graphqls), its view
// accessors (view.generated.go), its resolvers
// (resolvers/<kind>.generated.resolvers.go) and its rows in
// docs/data-model.md; DEVELOPERS.md says how to add a kind or a property.
type KindSpec struct {
	Kind   Kind
	Prefix string // id prefix, "document/"
	Props  []PropSpec
	// Fields are the kind's relationship fields, in the order the API
	// lists them.
	Fields []FieldSpec
	// Doc says what a node of the kind is.
	Doc string
	// Plural names the kind's list field: "documents", "people".
	Plural string
	// Actor marks the kinds that can act (the GraphQL Actor interface):
	// the ends an AUTHORED, RESPONSIBLE_FOR or MEMBER_OF edge starts at.
	// Their Fields include ActorFields.
	Actor bool
	// ByReference lets the kind's lookup field take a reference in any
	// spelling instead of an id: document(reference: "COM(2010) 673").
	ByReference bool
	// NameDoc documents the name field when the kind calls it something
	// else: a document's title.
	NameDoc string
	// CreateDoc documents the create input: how a node made without an id
	// gets one.
	CreateDoc string
}

// Common properties, shared by every kind.
var commonProps = []PropSpec{
	{Name: "description", Type: String, Doc: "A short description, in the project's own words."},
	{Name: "aliases", Type: Strings, Doc: "Other names, acronyms or references the node is known by."},
}

func withCommon(specs ...PropSpec) []PropSpec { return append(slices.Clone(commonProps), specs...) }

// Kinds is the allow-list of node kinds, in a fixed order.
var Kinds = []KindSpec{
	{Kind: Institution, Prefix: "institution/", Plural: "institutions", Actor: true,
		Doc:       "An EU institution or one of its bodies, a committee, a political group or a national parliament.",
		CreateDoc: `A new institution. Without an id it gets "institution/" and the slug of the acronym, or of the name.`,
		Props: withCommon(
			PropSpec{Name: "acronym", Type: String, Doc: "LIBE, COSI, S&D."},
			PropSpec{Name: "type", Type: String, Doc: "institution, committee, council-configuration, council-body, directorate-general, political-group, national-parliament, service, office (graph.InstitutionTypes)."},
			PropSpec{Name: "established", Type: DateP, Doc: "When it was set up or created, to the precision the source gives."},
			PropSpec{Name: "operational", Type: DateP, Doc: "When it began to work, where the source says so apart from its creation: 2010 for COSI."},
		),
		Fields: withActor(
			FieldSpec{Name: "legalBasis", Types: []EdgeType{LegalBasis}, Dir: Out, Returns: ReturnEdges, Doc: "Treaties or acts it acts under, with the article"},
			FieldSpec{Name: "requestedOf", Types: []EdgeType{Requests}, Dir: In, Returns: ReturnEdges, Doc: "What texts asked of it, by when"},
			FieldSpec{Name: "received", Types: []EdgeType{AddressedTo}, Dir: In, Doc: "Documents addressed to it"},
			FieldSpec{Name: "members", Types: []EdgeType{MemberOf}, Dir: In, Returns: ReturnEdges, Doc: "Actors that belong to the institution"},
			FieldSpec{Name: "parts", Types: []EdgeType{PartOf}, Dir: In, Doc: "Its committees, bodies, centres"},
			FieldSpec{Name: "partOf", Types: []EdgeType{PartOf}, Dir: Out, Doc: "What it is part of"},
			FieldSpec{Name: "concernedBy", Types: []EdgeType{Concerns}, Dir: In, Doc: "Events about the institution"},
		)},
	{Kind: Person, Prefix: "person/", Plural: "people", Actor: true,
		Doc:       "A person named by the sources: a rapporteur, a commissioner.",
		CreateDoc: `A new person. Without an id it gets "person/" and the slug of the name.`,
		Props: withCommon(
			PropSpec{Name: "givenName", Type: String},
			PropSpec{Name: "familyName", Type: String},
			PropSpec{Name: "group", Type: String, Doc: "Political group acronym, S&D."},
			PropSpec{Name: "country", Type: String, Doc: "ISO 3166 alpha-2 code."},
		),
		Fields: withActor()},
	{Kind: Procedure, Prefix: "procedure/", Plural: "procedures", ByReference: true,
		Doc: "A procedure of the EU institutions, identified by its canonical reference.",
		CreateDoc: `A new procedure. The reference is stored in its canonical form; without an
id the procedure gets the reference's id, "procedure/2010-2308-ini".`,
		Props: withCommon(
			PropSpec{Name: "reference", Type: String, Required: true, Doc: "Canonical reference, 2010/2308(INI)."},
			PropSpec{Name: "type", Type: String, Doc: "INI - Own-initiative procedure."},
			PropSpec{Name: "subtype", Type: String},
			PropSpec{Name: "status", Type: String, Doc: "Stage reached: Procedure completed."},
			PropSpec{Name: "subjects", Type: Strings, Doc: "The Legislative Observatory's subject codes and names."},
			PropSpec{Name: "legalBasis", Type: Strings, Doc: "The legal basis as the Legislative Observatory states it."},
			PropSpec{Name: "committeeDossier", Type: String},
			PropSpec{Name: "instrument", Type: String, Doc: "The legislative instrument it leads to, as the Legislative Observatory names it: Regulation, Directive, Decision."},
			PropSpec{Name: "date", Type: DateP, Doc: "Date the procedure opened."},
		),
		Fields: []FieldSpec{
			{Name: "events", Types: []EdgeType{HasEvent}, Dir: Out, ByDate: true, Doc: "Its steps, in date order"},
			{Name: "documents", Types: []EdgeType{HasDocument}, Dir: Out, Doc: "The documents of its file"},
			{Name: "related", Types: []EdgeType{RelatedTo}, Dir: Both, Doc: "Procedures and documents related to it"},
			{Name: "responsible", Types: []EdgeType{ResponsibleFor}, Dir: In, Returns: ReturnEdges, Doc: "Who is responsible for it, and how"},
			{Name: "contributors", Types: []EdgeType{ContributesTo}, Dir: In, Returns: ReturnEdges, Doc: "Who contributed to it without being responsible for it"},
			{Name: "concernedBy", Types: []EdgeType{Concerns}, Dir: In, Doc: "Events about the procedure"},
		}},
	{Kind: Document, Prefix: "document/", Plural: "documents", ByReference: true,
		Doc:     "A document: communication, report, Council conclusions, resolution, legal act.",
		NameDoc: "The title.",
		CreateDoc: `A new document. The reference is stored in its canonical form; without an id
the document gets the reference's id ("document/com-2010-0673") or, without a
reference, "document/" and the slug of the name.`,
		Props: withCommon(
			PropSpec{Name: "reference", Type: String, Doc: "Canonical reference, COM(2010) 673."},
			PropSpec{Name: "unresolvedReference", Type: String, Doc: "A reference as a source wrote it when the service cannot read it as one (CES4716/2013); such a document has no reference."},
			PropSpec{Name: "officialJournal", Type: String, Doc: "Where the Official Journal published it: OJ L 101, 15.4.2011, p. 1."},
			PropSpec{Name: "type", Type: String, Doc: "communication, report, council-conclusions, resolution, directive... (graph.DocumentTypes; the vocabulary is in docs/data-model.md)."},
			PropSpec{Name: "oeilType", Type: String, Doc: "The type as the Legislative Observatory words it: Committee draft report."},
			PropSpec{Name: "date", Type: DateP, Doc: "Its own date, or its adoption or publication, to the precision the source gives (2013, 2013-02, 2013-02-07)."},
			PropSpec{Name: "shortTitle", Type: String},
			PropSpec{Name: "classification", Type: String, Enum: Classifications,
				Doc: "The Council's marking: LIMITE (not for public release) or an EU classification level."},
			PropSpec{Name: "originalLanguage", Type: String, Doc: "ISO 639-1 code of the original language: en for (OR. en)."},
			PropSpec{Name: "fileCodes", Type: Strings, Doc: "The Council's subject and file codes printed with its number: JAI 767, CO EUR-PREP 8."},
			PropSpec{Name: "place", Type: String, Doc: "Where it was issued: Brussels."},
			PropSpec{Name: "periodStart", Type: DateP, Doc: "First year (or day) of the period a strategy, programme or plan covers."},
			PropSpec{Name: "periodEnd", Type: DateP, Doc: "Last year (or day) of that period."},
			PropSpec{Name: "celex", Type: String, Doc: "CELEX number in EUR-Lex, as a source states it or computed (then listed in derived): 52010DC0673. identifiers gives one for every reference."},
			PropSpec{Name: "derived", Type: Strings, Enum: DerivableProps,
				Doc: "Names of the properties computed by the project rather than read in a source: celex."},
		),
		Fields: []FieldSpec{
			{Name: "addressedTo", Types: []EdgeType{AddressedTo}, Dir: Out, Doc: "Who it is addressed to"},
			{Name: "preparedFor", Types: []EdgeType{PreparedFor}, Dir: Out, Doc: "Meetings it was prepared for"},
			{Name: "legalBasis", Types: []EdgeType{LegalBasis}, Dir: Out, Returns: ReturnEdges, Doc: "Treaties or acts it is proposed or adopted under, with the article"},
			{Name: "carriedOutUnder", Types: []EdgeType{CarriedOutUnder}, Dir: Out, Doc: "Programmes, cycles or frameworks it is carried out or funded under"},
			{Name: "requests", Types: []EdgeType{Requests}, Dir: Out, Returns: ReturnEdges, Doc: "What it asks of whom, by when"},
			{Name: "basisOf", Types: []EdgeType{Requests, LegalBasis, CarriedOutUnder}, Dir: In, Returns: ReturnEdges,
				Doc: "Requests about this document made elsewhere, and bodies, acts or events it is the legal basis or the framework of"},
			{Name: "cites", Types: []EdgeType{Cites}, Dir: Out, Doc: "Documents this one refers to"},
			{Name: "citedBy", Types: []EdgeType{Cites}, Dir: In, Doc: "Documents that refer to this one"},
			{Name: "authors", Types: []EdgeType{Authored}, Dir: In, Doc: "Who wrote or issued it"},
			{Name: "addresses", Types: []EdgeType{Addresses}, Dir: Out, Doc: "Objectives it deals with"},
			{Name: "procedure", Types: []EdgeType{HasDocument}, Dir: In, Returns: ReturnOne, Doc: "The first procedure whose file holds it"},
			{Name: "procedures", Types: []EdgeType{HasDocument}, Dir: In, Doc: "Procedures whose file holds it"},
			{Name: "contributors", Types: []EdgeType{ContributesTo}, Dir: In, Returns: ReturnEdges, Doc: "Who contributed to it without being responsible for it"},
			{Name: "responsible", Types: []EdgeType{ResponsibleFor}, Dir: In, Returns: ReturnEdges, Doc: "Who is responsible for it, and how"},
			{Name: "producedBy", Types: []EdgeType{Produced}, Dir: In, Doc: "Events that produced it"},
			{Name: "concernedBy", Types: []EdgeType{Concerns}, Dir: In, Doc: "Events about it: adoption, entry into force"},
			{Name: "related", Types: []EdgeType{RelatedTo}, Dir: Both, Doc: "Procedures and documents related to it"},
			{Name: "parts", Types: []EdgeType{PartOf}, Dir: In, Doc: "Its annexes and parts"},
			{Name: "partOf", Types: []EdgeType{PartOf}, Dir: Out, Doc: "What it is part of"},
		}},
	{Kind: Objective, Prefix: "objective/", Plural: "objectives",
		Doc:       "A goal of the strategy: strategic objective, key action, challenge, threat or principle.",
		CreateDoc: `A new objective. Without an id it gets "objective/" and the slug of the name.`,
		Props: withCommon(
			PropSpec{Name: "number", Type: String, Doc: "Numbering in its source, 4 or 4.2."},
			PropSpec{Name: "type", Type: String, Required: true,
				Enum: []string{"strategic-objective", "key-action", "challenge", "cross-cutting-objective", "threat", "principle", "priority"}},
		),
		Fields: []FieldSpec{
			{Name: "responsible", Types: []EdgeType{ResponsibleFor}, Dir: In, Returns: ReturnEdges, Doc: "Who is responsible for it, and how"},
			{Name: "keyActions", Types: []EdgeType{PartOf}, Dir: In, To: []Kind{Objective}, Doc: "Its key actions and other sub-objectives"},
			{Name: "parent", Types: []EdgeType{PartOf}, Dir: Out, To: []Kind{Objective}, Returns: ReturnOne, Doc: "The objective it is part of"},
			{Name: "addressedBy", Types: []EdgeType{Addresses}, Dir: In, Doc: "Documents and events that deal with it"},
			{Name: "contributors", Types: []EdgeType{ContributesTo}, Dir: In, Returns: ReturnEdges, Doc: "Who contributed to it without being responsible for it"},
			{Name: "concernedBy", Types: []EdgeType{Concerns}, Dir: In, Doc: "Events about the objective"},
		}},
	{Kind: Agency, Prefix: "agency/", Plural: "agencies", Actor: true,
		Doc:       "An EU agency, network, centre or service: Europol, RAN, EC3.",
		CreateDoc: `A new agency. Without an id it gets "agency/" and the slug of the acronym, or of the name.`,
		Props: withCommon(
			PropSpec{Name: "acronym", Type: String, Doc: "Europol, RAN, EC3."},
			PropSpec{Name: "type", Type: String, Enum: AgencyTypes},
			PropSpec{Name: "established", Type: DateP, Doc: "When it was set up, established or launched, to the precision the source gives (2011-09)."},
			PropSpec{Name: "operational", Type: DateP, Doc: "When it began operating, where the source says so apart from its setting up."},
		),
		Fields: withActor(
			FieldSpec{Name: "legalBasis", Types: []EdgeType{LegalBasis}, Dir: Out, Returns: ReturnEdges, Doc: "Treaties or acts it acts under, with the article"},
			FieldSpec{Name: "requestedOf", Types: []EdgeType{Requests}, Dir: In, Returns: ReturnEdges, Doc: "What texts asked of it, by when"},
			FieldSpec{Name: "received", Types: []EdgeType{AddressedTo}, Dir: In, Doc: "Documents addressed to it"},
			FieldSpec{Name: "partOf", Types: []EdgeType{PartOf}, Dir: Out, Doc: "What it is part of: EC3 of Europol"},
			FieldSpec{Name: "parts", Types: []EdgeType{PartOf}, Dir: In, Doc: "Its centres and parts"},
			FieldSpec{Name: "concernedBy", Types: []EdgeType{Concerns}, Dir: In, Doc: "Events about the agency"},
		)},
	{Kind: Event, Prefix: "event/", Plural: "events",
		Doc:       "A dated milestone: referral, vote, adoption, entry into force, operation.",
		CreateDoc: `A new event. Without an id it gets "event/", the date and the slug of the name: "event/2012-05-22-vote".`,
		Props: withCommon(
			PropSpec{Name: "date", Type: DateP, Required: true, Doc: "When it happened, or began, to the precision the source gives."},
			PropSpec{Name: "endDate", Type: DateP, Doc: "The last day of an event that lasts several days."},
			PropSpec{Name: "type", Type: String},
			PropSpec{Name: "reference", Type: String, Doc: "Canonical reference of the document the event produced, if any."},
			PropSpec{Name: "place", Type: String, Doc: "Where it took place: a city, a region, or the Member States it spanned."},
			PropSpec{Name: "votesFor", Type: Int, Doc: "A vote's result: votes in favour."},
			PropSpec{Name: "votesAgainst", Type: Int, Doc: "A vote's result: votes against."},
			PropSpec{Name: "abstentions", Type: Int, Doc: "A vote's result: abstentions."},
		),
		Fields: []FieldSpec{
			{Name: "carriedOutUnder", Types: []EdgeType{CarriedOutUnder}, Dir: Out, Doc: "Programmes, cycles or frameworks it was carried out under"},
			{Name: "preparedDocuments", Types: []EdgeType{PreparedFor}, Dir: In, Doc: "Documents prepared for it"},
			{Name: "procedure", Types: []EdgeType{HasEvent}, Dir: In, Returns: ReturnOne, Doc: "The procedure the event is a step of"},
			{Name: "produced", Types: []EdgeType{Produced}, Dir: Out, Doc: "Documents the event produced"},
			{Name: "participants", Types: []EdgeType{Participated}, Dir: In, Returns: ReturnEdges, Doc: "Who took part, and how"},
			{Name: "concerns", Types: []EdgeType{Concerns}, Dir: Out, Doc: "What the event is about"},
			{Name: "addresses", Types: []EdgeType{Addresses}, Dir: Out, Doc: "Objectives the event deals with"},
			{Name: "contributors", Types: []EdgeType{ContributesTo}, Dir: In, Returns: ReturnEdges, Doc: "Who contributed to it without being responsible for it"},
		}},
}

// The fixed vocabularies of "type" and the other enumerated properties.
// One list each, so that the importers, the curated data and the API use
// the same words (the dataset tests hold the shipped data to them).
var (
	// DocumentTypes is the vocabulary of a Document's "type". OEIL's own
	// wording of a document type ("Committee draft report") is kept
	// apart; the type is one of these.
	DocumentTypes = []string{
		"act", "action-plan", "agreement", "amendments", "charter", "commission-response",
		"committee-opinion", "communication", "convention", "council-conclusions", "decision",
		"directive", "draft-council-conclusions", "draft-report", "financial-framework", "framework",
		"funding-programme", "guidelines", "handbook", "initiative", "judgment", "legislative-proposal",
		"manual", "policy-cycle", "programme", "protocol", "regulation", "report", "resolution",
		"roadmap", "strategic-guidelines", "strategy", "survey", "threat-assessment", "treaty",
	}
	// InstitutionTypes is the vocabulary of an Institution's "type".
	InstitutionTypes = []string{
		"institution", "committee", "council-configuration", "council-body", "directorate-general",
		"political-group", "national-parliament", "service", "office",
	}
	// AgencyTypes is the vocabulary of an Agency's "type": bodies that act
	// (agencies, centres, offices, networks, task forces) and the EU-wide
	// information systems the strategy gives a part.
	AgencyTypes = []string{"agency", "centre", "network", "office", "system", "task-force"}
	// Classifications are the markings of a Council document: the
	// distribution marking LIMITE and the EU classification levels.
	Classifications = []string{"LIMITE", "RESTREINT UE/EU RESTRICTED", "CONFIDENTIEL UE/EU CONFIDENTIAL",
		"SECRET UE/EU SECRET", "TRES SECRET UE/EU TOP SECRET"}
	// DerivableProps are the properties a node's "derived" may name: the
	// identifiers the project computes from others.
	DerivableProps = []string{"celex"}
)

// LookupKind returns the spec of k.
func LookupKind(k Kind) (KindSpec, bool) {
	for _, s := range Kinds {
		if s.Kind == k {
			return s, true
		}
	}
	return KindSpec{}, false
}

// KindOfID returns the kind named by the prefix of id ("agency/europol" is
// an Agency).
func KindOfID(id string) (Kind, bool) {
	for _, s := range Kinds {
		if strings.HasPrefix(id, s.Prefix) {
			return s.Kind, true
		}
	}
	return "", false
}

// Valid reports whether k is on the allow-list.
func (k Kind) Valid() bool { _, ok := LookupKind(k); return ok }

// Limits on input, so that a client cannot store unbounded values.
const (
	MaxIDLen      = 200
	MaxNameLen    = 1000
	MaxPropLen    = 4000
	MaxListLen    = 200
	MaxSources    = 50
	MaxBatchIDs   = 1000 // ids in one batched read
	MaxBatchWrite = 5000 // nodes plus edges in one Apply
)

// isSlug reports whether s is an id's slug: segments separated by '/',
// each of lower-case letters, digits, '.', '_' and '-', starting and
// ending with a letter or digit; the regular expression
// ^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?(?:/[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)*$,
// which FuzzSlug holds it to, written out because every id of every write
// goes through it and the expression took a twentieth of seeding's CPU.
func isSlug(s string) bool {
	for seg := range strings.SplitSeq(s, "/") {
		if seg == "" || !isSlugEnd(seg[0]) || !isSlugEnd(seg[len(seg)-1]) {
			return false
		}
		for i := 1; i < len(seg)-1; i++ {
			if c := seg[i]; !isSlugEnd(c) && c != '.' && c != '_' && c != '-' {
				return false
			}
		}
	}
	return true
}

func isSlugEnd(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

// ValidateID checks that id has the form "<kind prefix><slug>" with a slug
// of lower-case letters, digits, '.', '_', '-' and '/' separators.
func ValidateID(id string, k Kind) error {
	spec, ok := LookupKind(k)
	if !ok {
		return invalid("kind", "unknown kind %q", k)
	}
	if id == "" {
		return invalid("id", "required")
	}
	if len(id) > MaxIDLen {
		return invalid("id", "longer than %d bytes", MaxIDLen)
	}
	if !strings.HasPrefix(id, spec.Prefix) {
		return invalid("id", "%q must start with %q for a %s", id, spec.Prefix, k)
	}
	if !isSlug(strings.TrimPrefix(id, spec.Prefix)) {
		return invalid("id", "%q: after the prefix use lower-case letters, digits, '.', '_', '-' and '/'", id)
	}
	return nil
}

// Slug makes an id slug from free text: lower case, ASCII letters and digits,
// runs of anything else folded to one '-'. Accented letters lose their
// accents (Malmström -> malmstrom).
func Slug(s string) string {
	return slugOf(s)
}

// NameKey is the key names sort by: lower case without accents, so that
// "Ágnes" sorts among the a's, with the name itself after a NUL to order
// names that fold alike and to keep the order total. Every store sorts
// NAME by this key (the Neo4j store keeps it in a property).
func NameKey(name string) string {
	return Fold(name) + "\x00" + name
}

// Fold is text as the query operators compare it: lower case without
// accents (Malmström -> malmstrom), the first part of NameKey. Fold is
// idempotent, and an id is its own fold.
func Fold(s string) string {
	if isFolded(s) {
		return s // ids, types and most operands: nothing to do, nothing to allocate
	}
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := fold[r]; ok {
			r = f
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isFolded reports whether s is ASCII with no upper-case letter: its own
// Fold.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

func slugOf(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range s {
		// ASCII, most text, needs neither the fold nor the accent test.
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else if f := fold[unicode.ToLower(r)]; f != 0 {
			r = f
		} else {
			r = unicode.ToLower(r)
		}
		switch {
		case r >= utf8.RuneSelf && unicode.Is(unicode.Mn, r):
			// A combining accent of decomposed text (o + U+0308): drop
			// it like the accent of a precomposed letter.
			continue
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r == 'ß':
			b.WriteString("ss")
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

var fold = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'ā': 'a', 'ą': 'a',
	'ç': 'c', 'ć': 'c', 'č': 'c', 'ď': 'd', 'đ': 'd',
	'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'ē': 'e', 'ę': 'e', 'ě': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ī': 'i',
	'ł': 'l', 'ľ': 'l', 'ĺ': 'l', 'ñ': 'n', 'ń': 'n', 'ň': 'n',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o', 'ø': 'o', 'ō': 'o', 'ő': 'o',
	'ř': 'r', 'ŕ': 'r', 'ś': 's', 'š': 's', 'ş': 's', 'ș': 's', 'ť': 't', 'ţ': 't', 'ț': 't',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ū': 'u', 'ů': 'u', 'ű': 'u',
	'ý': 'y', 'ÿ': 'y', 'ź': 'z', 'ż': 'z', 'ž': 'z',
}
