package ref

import (
	"fmt"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// Type is the series a reference belongs to. The set is closed: Types.
type Type string

// The reference types. See the package documentation for each one's forms.
const (
	COM                Type = "COM"                // Commission document: COM(2010) 673
	SEC                Type = "SEC"                // Commission staff document before 2012: SEC(2010) 1234
	SWD                Type = "SWD"                // Commission staff working document: SWD(2014) 175
	JOIN               Type = "JOIN"               // joint Commission and High Representative document: JOIN(2013) 1
	CommissionDecision Type = "C"                  // Commission decision or act: C(2014) 1234
	SP                 Type = "SP"                 // Commission response to a Parliament text: SP(2012)542
	Council            Type = "COUNCIL"            // Council document: 16797/10, 14186/1/14 REV 1
	EUCO               Type = "EUCO"               // European Council document: EUCO 79/14
	EPReport           Type = "EP_REPORT"          // Parliament plenary report: A7-0143/2012
	EPMotion           Type = "EP_MOTION"          // Parliament motion for a resolution: B7-0123/2012
	EPJointMotion      Type = "EP_JOINT_MOTION"    // Parliament joint motion for a resolution: RC-B7-0123/2012
	EPText             Type = "EP_TEXT"            // Parliament text adopted: T7-0207/2012
	EPReferral         Type = "EP_REFERRAL"        // document referred to Parliament (a proposal, a Council position): C7-0094/2013
	EPReceived         Type = "EP_RECEIVED"        // document of another body registered by Parliament (an EDPS opinion): N7-0089/2013
	EPPE               Type = "EP_PE"              // Parliament PE number (drafts, amendments, opinions): PE473.725
	Procedure          Type = "PROCEDURE"          // interinstitutional procedure: 2010/2308(INI)
	Directive          Type = "DIRECTIVE"          // Directive 2011/36/EU, Directive (EU) 2016/680
	Regulation         Type = "REGULATION"         // Regulation (EU) No 1052/2013, Regulation (EU) 2016/679
	Decision           Type = "DECISION"           // Decision 2008/615/JHA, Decision No 1082/2013/EU
	FrameworkDecision  Type = "FRAMEWORK_DECISION" // Framework Decision 2002/475/JHA
)

// Types is the closed set of reference types, in a fixed order.
var Types = []Type{COM, SEC, SWD, JOIN, CommissionDecision, SP, Council, EUCO,
	EPReport, EPMotion, EPJointMotion, EPText, EPReferral, EPReceived, EPPE, Procedure,
	Directive, Regulation, Decision, FrameworkDecision}

// Valid reports whether t is one of Types.
func (t Type) Valid() bool {
	for _, u := range Types {
		if t == u {
			return true
		}
	}
	return false
}

// ProcedureCodes are the procedure type codes Parse accepts, with their
// meaning in the Parliament's Legislative Observatory.
var ProcedureCodes = map[string]string{
	"ACI": "Interinstitutional agreement procedure",
	"APP": "Consent procedure",
	"AVC": "Assent procedure",
	"BUD": "Budgetary procedure",
	"BUI": "Budgetary procedure (implementation)",
	"CNS": "Consultation procedure",
	"COD": "Ordinary legislative procedure",
	"COS": "Procedure on a Commission strategy paper",
	"DCE": "Written declaration",
	"DEA": "Delegated acts procedure",
	"DEC": "Discharge procedure",
	"IMM": "Immunity procedure",
	"INI": "Own-initiative procedure",
	"INL": "Legislative initiative procedure",
	"INS": "Institutional procedure",
	"NLE": "Non-legislative enactments",
	"REG": "Parliament's Rules of Procedure",
	"RPS": "Implementing acts procedure",
	"RSO": "Internal organisation decisions",
	"RSP": "Resolution on topical subjects",
	"SYN": "Cooperation procedure",
}

// Ref is a parsed reference. Which fields are set depends on Type; the rest
// are zero. Parse fills them so that two spellings of the same reference
// give equal Refs (Ref is comparable with ==).
type Ref struct {
	Type   Type
	Year   int    // always four digits, also where the spelling has two (16797/10 is 2010)
	Number int    // serial number; for EP_PE the six digits, 473725 for PE473.725
	Term   int    // Parliament's term, 1 or more (the EP_ series except EP_PE)
	Rev    int    // revision (COUNCIL, EUCO); 0 when none
	Add    int    // addendum (COUNCIL, EUCO); 0 when none
	Cor    int    // corrigendum (COUNCIL, EUCO); 0 when none
	Code   string // procedure type code, "INI"
	Domain string // legal act's domain as printed: "EU", "JHA", "EU, Euratom"; "" when not given
	No     bool   // DECISION numbered "No number/year/domain" (pre-2015 Parliament and Council decisions)
}

// numbering of legal acts changed on 1 January 2015 (year/number for all
// acts, the domain in brackets) and on 1 January 1999 (four-digit years).
const (
	newNumbering  = 2015
	fourDigitYear = 1999
)

// String returns the canonical form of r, "" for the zero Ref.
func (r Ref) String() string {
	switch r.Type {
	case COM, SEC, SWD, JOIN, CommissionDecision:
		return fmt.Sprintf("%s(%d) %d", r.Type, r.Year, r.Number)
	case SP:
		return fmt.Sprintf("SP(%d)%d", r.Year, r.Number)
	case Council:
		s := fmt.Sprintf("%d/%02d", r.Number, r.Year%100)
		if r.Rev > 0 {
			s = fmt.Sprintf("%d/%d/%02d", r.Number, r.Rev, r.Year%100)
		}
		return s + r.suffix()
	case EUCO:
		return fmt.Sprintf("EUCO %d/%02d", r.Number, r.Year%100) + r.suffix()
	case EPReport, EPMotion, EPJointMotion, EPText, EPReferral, EPReceived:
		return fmt.Sprintf("%s%d-%04d/%d", epSeries[r.Type], r.Term, r.Number, r.Year)
	case EPPE:
		return fmt.Sprintf("PE%03d.%03d", r.Number/1000, r.Number%1000)
	case Procedure:
		return fmt.Sprintf("%d/%04d(%s)", r.Year, r.Number, r.Code)
	case Directive, Decision, FrameworkDecision:
		word := actWord[r.Type]
		switch {
		case r.No:
			return fmt.Sprintf("%s No %d/%s/%s", word, r.Number, actYear(r.Year), r.Domain)
		case r.Year < newNumbering:
			return fmt.Sprintf("%s %s/%d/%s", word, actYear(r.Year), r.Number, r.Domain)
		}
		return fmt.Sprintf("%s%s %d/%d", word, r.paren(), r.Year, r.Number)
	case Regulation:
		if r.Year < newNumbering {
			return fmt.Sprintf("Regulation%s No %d/%s", r.paren(), r.Number, actYear(r.Year))
		}
		return fmt.Sprintf("Regulation%s %d/%d", r.paren(), r.Year, r.Number)
	}
	return ""
}

// ID returns the node id of r ("document/com-2010-0673",
// "procedure/2010-2308-ini"), "" for the zero Ref.
func (r Ref) ID() string {
	var s string
	switch r.Type {
	case COM, SEC, SWD, JOIN, CommissionDecision, SP:
		s = fmt.Sprintf("%s-%d-%04d", strings.ToLower(string(r.Type)), r.Year, r.Number)
	case Council:
		s = fmt.Sprintf("council-%d-%02d", r.Number, r.Year%100) + r.idSuffix()
	case EUCO:
		s = fmt.Sprintf("euco-%d-%02d", r.Number, r.Year%100) + r.idSuffix()
	case EPReport, EPMotion, EPJointMotion, EPText, EPReferral, EPReceived:
		s = fmt.Sprintf("ep-%s%d-%04d-%d", strings.ToLower(epSeries[r.Type]), r.Term, r.Number, r.Year)
	case EPPE:
		s = fmt.Sprintf("ep-pe%03d.%03d", r.Number/1000, r.Number%1000)
	case Procedure:
		return fmt.Sprintf("procedure/%d-%04d-%s", r.Year, r.Number, strings.ToLower(r.Code))
	case Directive, Decision, FrameworkDecision:
		s = graph.Slug(actWord[r.Type])
		if r.No {
			s += "-no"
		}
		s += fmt.Sprintf("-%d-%d", r.Year, r.Number)
		// Since 2015 all acts share one numbering per year, so the domain
		// no longer tells two acts apart and is left out.
		if r.Year < newNumbering {
			s += "-" + graph.Slug(r.Domain)
		}
	case Regulation:
		// Regulations have always had one numbering per year.
		s = fmt.Sprintf("regulation-%d-%d", r.Year, r.Number)
	default:
		return ""
	}
	return "document/" + s
}

// Kind returns the kind of node r identifies: graph.Procedure for a
// procedure, graph.Document for every other type, "" for the zero Ref.
func (r Ref) Kind() graph.Kind {
	switch {
	case r.Type == Procedure:
		return graph.Procedure
	case r.Type.Valid():
		return graph.Document
	}
	return ""
}

// Canonical returns the canonical form of s: Parse(s).String().
func Canonical(s string) (string, error) {
	r, err := Parse(s)
	if err != nil {
		return "", err
	}
	return r.String(), nil
}

// epSeries are the letters of Parliament's numbered series.
var epSeries = map[Type]string{EPReport: "A", EPMotion: "B", EPJointMotion: "RC-B", EPText: "T",
	EPReferral: "C", EPReceived: "N"}

var actWord = map[Type]string{Directive: "Directive", Decision: "Decision",
	FrameworkDecision: "Framework Decision", Regulation: "Regulation"}

// actYear prints a legal act's year as the Official Journal does: two
// digits before 1999, four after.
func actYear(y int) string {
	if y < fourDigitYear {
		return fmt.Sprintf("%02d", y%100)
	}
	return fmt.Sprint(y)
}

func (r Ref) paren() string {
	if r.Domain == "" {
		return ""
	}
	return " (" + r.Domain + ")"
}

func (r Ref) suffix() string   { return r.versions(" %s %d", "REV", "ADD", "COR") }
func (r Ref) idSuffix() string { return r.versions("-%s%d", "rev", "add", "cor") }

// versions renders the revision, addendum and corrigendum numbers that are
// set, in the canonical order REV, ADD, COR, each with format (name, n):
// the one place that order is written, for the string and the id alike.
func (r Ref) versions(format, rev, add, cor string) string {
	var s string
	for _, v := range []struct {
		name string
		n    int
	}{{rev, r.Rev}, {add, r.Add}, {cor, r.Cor}} {
		if v.n > 0 {
			s += fmt.Sprintf(format, v.name, v.n)
		}
	}
	return s
}

// Numbered reports whether s has an ASCII digit. Every reference Parse
// reads and Extract finds has one (the number of the document or
// procedure; TestEveryFormIsNumbered), so text without one names none:
// a caller with plain words, such as a search, can skip both.
func Numbered(s string) bool { return strings.ContainsAny(s, "0123456789") }
