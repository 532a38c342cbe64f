package graph

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
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

// KindSpec describes a kind: its id prefix and the properties it allows.
type KindSpec struct {
	Kind   Kind
	Prefix string // id prefix, "document/"
	Props  []PropSpec
	Doc    string
}

// Common properties, shared by every kind.
var commonProps = []PropSpec{
	{Name: "description", Type: String, Doc: "a short description in the project's own words"},
	{Name: "aliases", Type: Strings, Doc: "other names, acronyms or canonical references the node is known by"},
}

func withCommon(specs ...PropSpec) []PropSpec { return append(slices.Clone(commonProps), specs...) }

// Kinds is the allow-list of node kinds, in a fixed order.
var Kinds = []KindSpec{
	{Kind: Institution, Prefix: "institution/", Doc: "An EU institution or one of its bodies, a political group or a national parliament.",
		Props: withCommon(
			PropSpec{Name: "acronym", Type: String, Doc: "LIBE, COSI, S&D"},
			PropSpec{Name: "type", Type: String, Doc: "one of InstitutionTypes: institution, committee, council-configuration, council-body, ..."},
			PropSpec{Name: "established", Type: DateP, Doc: "when it was set up or created, to the precision the source gives"},
			PropSpec{Name: "operational", Type: DateP, Doc: "when it began to work, if the source says so apart from its creation"},
		)},
	{Kind: Person, Prefix: "person/", Doc: "A person named by the corpus.",
		Props: withCommon(
			PropSpec{Name: "givenName", Type: String},
			PropSpec{Name: "familyName", Type: String},
			PropSpec{Name: "group", Type: String, Doc: "political group acronym, S&D"},
			PropSpec{Name: "country", Type: String, Doc: "ISO 3166 alpha-2 code"},
		)},
	{Kind: Procedure, Prefix: "procedure/", Doc: "A procedure of the EU institutions, identified by its canonical reference.",
		Props: withCommon(
			PropSpec{Name: "reference", Type: String, Required: true, Doc: "canonical procedure reference, 2010/2308(INI)"},
			PropSpec{Name: "type", Type: String, Doc: "INI - Own-initiative procedure"},
			PropSpec{Name: "subtype", Type: String},
			PropSpec{Name: "status", Type: String, Doc: "stage reached, Procedure completed"},
			PropSpec{Name: "subjects", Type: Strings, Doc: "OEIL subject codes and names"},
			PropSpec{Name: "legalBasis", Type: Strings},
			PropSpec{Name: "committeeDossier", Type: String},
			PropSpec{Name: "instrument", Type: String, Doc: "the legislative instrument the procedure leads to, as OEIL names it: Regulation, Directive, Decision"},
			PropSpec{Name: "date", Type: DateP, Doc: "date the procedure opened"},
		)},
	{Kind: Document, Prefix: "document/", Doc: "A document: communication, report, Council conclusions, resolution, legal act.",
		Props: withCommon(
			PropSpec{Name: "reference", Type: String, Doc: "canonical reference, COM(2010) 673"},
			PropSpec{Name: "unresolvedReference", Type: String, Doc: "a reference as a source wrote it when it reads as none the service knows (CES4716/2013)"},
			PropSpec{Name: "officialJournal", Type: String, Doc: "where the Official Journal published it: OJ L 101, 15.4.2011, p. 1"},
			PropSpec{Name: "type", Type: String, Doc: "one of DocumentTypes: communication, report, council-conclusions, resolution, directive, strategy, ..."},
			PropSpec{Name: "oeilType", Type: String, Doc: "the document type as the Legislative Observatory words it: Committee draft report"},
			PropSpec{Name: "date", Type: DateP, Doc: "the document's own date, or its adoption or publication, to the precision the source gives"},
			PropSpec{Name: "shortTitle", Type: String},
			PropSpec{Name: "classification", Type: String, Enum: Classifications,
				Doc: "the Council's marking: LIMITE (not for public release) or an EU classification level"},
			PropSpec{Name: "originalLanguage", Type: String, Doc: "ISO 639-1 code of the original language, en for (OR. en)"},
			PropSpec{Name: "fileCodes", Type: Strings, Doc: "the Council's subject and file codes printed with its number: JAI 767, CO EUR-PREP 8"},
			PropSpec{Name: "place", Type: String, Doc: "where it was issued: Brussels"},
			PropSpec{Name: "periodStart", Type: DateP, Doc: "first year (or day) of the period a strategy, programme or plan covers"},
			PropSpec{Name: "periodEnd", Type: DateP, Doc: "last year (or day) of that period"},
			PropSpec{Name: "celex", Type: String, Doc: "CELEX number in EUR-Lex, 52010DC0673, as a source states it or computed (then listed in derived); the API computes one from the reference otherwise"},
			PropSpec{Name: "derived", Type: Strings, Enum: DerivableProps,
				Doc: "the names of the properties the project computed rather than read in a source (celex, computed from the reference)"},
		)},
	{Kind: Objective, Prefix: "objective/", Doc: "A goal of the strategy: strategic objective, key action, challenge, threat or principle.",
		Props: withCommon(
			PropSpec{Name: "number", Type: String, Doc: "numbering in its source, 4 or 4.2"},
			PropSpec{Name: "type", Type: String, Required: true,
				Enum: []string{"strategic-objective", "key-action", "challenge", "cross-cutting-objective", "threat", "principle", "priority"}},
		)},
	{Kind: Agency, Prefix: "agency/", Doc: "An EU agency, network, centre or service.",
		Props: withCommon(
			PropSpec{Name: "acronym", Type: String},
			PropSpec{Name: "type", Type: String, Enum: AgencyTypes},
			PropSpec{Name: "established", Type: DateP, Doc: "when it was set up, established or launched, to the precision the source gives"},
			PropSpec{Name: "operational", Type: DateP, Doc: "when it began operating, if the source says so apart from its setting up"},
		)},
	{Kind: Event, Prefix: "event/", Doc: "A dated milestone: referral, vote, adoption, entry into force, operation.",
		Props: withCommon(
			PropSpec{Name: "date", Type: DateP, Required: true},
			PropSpec{Name: "endDate", Type: DateP},
			PropSpec{Name: "type", Type: String},
			PropSpec{Name: "reference", Type: String, Doc: "canonical reference of the document the event produced, if any"},
			PropSpec{Name: "place", Type: String, Doc: "where it took place: a city, a region, or the Member States it spanned"},
			PropSpec{Name: "votesFor", Type: Int, Doc: "a vote's result: votes in favour"},
			PropSpec{Name: "votesAgainst", Type: Int},
			PropSpec{Name: "abstentions", Type: Int},
		)},
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

var slugRE = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?(?:/[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)*$`)

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
	if !slugRE.MatchString(strings.TrimPrefix(id, spec.Prefix)) {
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
	dash := false
	for _, r := range strings.ToLower(s) {
		if f, ok := fold[r]; ok {
			r = f
		}
		switch {
		case unicode.Is(unicode.Mn, r):
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
