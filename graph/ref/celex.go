package ref

import (
	"fmt"
	"regexp"
	"strings"
)

// CELEX numbers and European Legislation Identifiers (ELI) are the
// identifiers EUR-Lex gives acts and Commission documents. Parse reads them
// into the same Ref as the reference they stand for: 52010DC0673 is
// COM(2010) 673, 32011L0036 and http://data.europa.eu/eli/dir/2011/36/oj are
// Directive 2011/36/EU. Neither carries the domain (EU, EC, JHA, ...) that a
// directive's or decision's number had before 2015 and that its id keeps, so
// Parse takes the likeliest (defaultDomain) and Variants lists the others.

// actLetter is the CELEX descriptor of each legal act type; eliType its ELI
// type segment.
var (
	actLetter = map[Type]string{Directive: "L", Regulation: "R", Decision: "D", FrameworkDecision: "F"}
	eliType   = map[Type]string{Directive: "dir", Regulation: "reg", Decision: "dec", FrameworkDecision: "dec_framw"}
)

// Lisbon: acts adopted from December 2009 carry "EU" instead of "EC" or
// "JHA"; the Maastricht Treaty (November 1993) replaced "EEC" by "EC".
const (
	lisbonYear     = 2010
	maastrichtYear = 1994
)

// defaultDomain returns the domain a directive, decision or regulation
// most likely carried in year, and the other domains it may have carried,
// for input (a CELEX number, an ELI) that does not say.
func defaultDomain(t Type, year int) (string, []string) {
	if t == FrameworkDecision {
		return "JHA", nil
	}
	var def string
	switch {
	case year >= lisbonYear:
		def = "EU"
	case year >= maastrichtYear:
		def = "EC"
	default:
		def = "EEC"
	}
	var others []string
	switch {
	case t == Decision && year >= lisbonYear:
		others = []string{"CFSP", "Euratom"}
	case t == Decision && year >= maastrichtYear:
		others = []string{"JHA", "CFSP", "EU", "Euratom"} // EU: December 2009
	case t == Directive && year >= maastrichtYear && year < lisbonYear:
		others = []string{"EU", "Euratom"}
	default:
		others = []string{"Euratom"}
	}
	return def, others
}

func buildCELEX(m []string) (Ref, error) {
	year, err := year4(m[2])
	if err != nil {
		return Ref{}, err
	}
	n, err := positive("number", m[4])
	if err != nil {
		return Ref{}, err
	}
	desc := strings.ToUpper(m[3])
	if m[1] == "5" {
		if desc == "IP" {
			// A text adopted by Parliament: the year gives the term, but
			// for the year two terms share (Variants).
			return Ref{Type: EPText, Year: year, Number: n, Term: (year-firstTermYear)/termLength + 1}, nil
		}
		t := map[string]Type{"DC": COM, "PC": COM, "SC": SWD, "JC": JOIN}[desc]
		if t == "" {
			return Ref{}, fmt.Errorf("CELEX sector 5 descriptor %s is not a Commission document or a text adopted by Parliament (DC, PC, SC, JC, IP)", desc)
		}
		if t == SWD && year < swdYear {
			t = SEC
		}
		return Ref{Type: t, Year: year, Number: n}, nil
	}
	t := map[string]Type{"L": Directive, "R": Regulation, "D": Decision, "F": FrameworkDecision}[desc]
	if t == "" {
		return Ref{}, fmt.Errorf("CELEX sector 3 descriptor %s is not a directive, regulation, decision or framework decision (L, R, D, F)", desc)
	}
	return actFromNumber(t, year, n)
}

// swdYear is when staff working documents (SWD) replaced SEC documents.
const swdYear = 2012

func buildELI(m []string) (Ref, error) {
	t := map[string]Type{"dir": Directive, "reg": Regulation, "dec": Decision, "dec_framw": FrameworkDecision}[strings.ToLower(m[1])]
	year, err := year4(m[2])
	if err != nil {
		return Ref{}, err
	}
	n, err := positive("number", m[3])
	if err != nil {
		return Ref{}, err
	}
	return actFromNumber(t, year, n)
}

// actFromNumber builds the act of a CELEX number or an ELI, with the
// default domain (defaultDomain).
func actFromNumber(t Type, year, n int) (Ref, error) {
	if t == FrameworkDecision && (year < 1999 || year > 2009) {
		return Ref{}, fmt.Errorf("framework decisions date from 1999 to 2009, not %d", year)
	}
	d, _ := defaultDomain(t, year)
	return Ref{Type: t, Year: year, Number: n, Domain: d}, nil
}

// guessed reports whether a Ref read from s guessed part of its id: s is a
// CELEX number or an ELI of a directive or decision whose id still carries
// the domain, or the CELEX number of a Parliament text of a year two terms
// share.
func guessed(s string, r Ref) bool {
	n := strings.Join(strings.Fields(s), " ")
	if !celexRE.MatchString(n) && !eliRE.MatchString(n) {
		return false
	}
	switch r.Type {
	case Directive, Decision:
		return r.Year < newNumbering
	case EPText:
		return (r.Year-firstTermYear)%termLength == 0 && r.Term > 1
	}
	return false
}

var (
	celexRE = regexp.MustCompile(`(?i)^(?:CELEX:? ?)?[35]\d{4}[A-Z]{1,2}\d{4}$`)
	eliRE   = regexp.MustCompile(`(?i)^(?:https?://)?data\.europa\.eu/eli/`)
)

// Variants returns the references s may stand for, likeliest first: one
// for every spelling but a CELEX number or an ELI of a directive or decision
// numbered before 2015, which does not say the domain its id carries
// (32008D0615 is Decision 2008/615/JHA; the default guess is EC), and the
// CELEX number of a Parliament text of a year two terms share (52014IP0001
// is T7-0001/2014 or T8-0001/2014). Lookups try each in turn.
func Variants(s string) ([]Ref, error) {
	r, err := Parse(s)
	if err != nil {
		return nil, err
	}
	if !guessed(s, r) {
		return []Ref{r}, nil
	}
	if r.Type == EPText {
		prev := r
		prev.Term--
		return []Ref{r, prev}, nil
	}
	_, others := defaultDomain(r.Type, r.Year)
	out := []Ref{r}
	for _, d := range others {
		v := r
		v.Domain = d
		out = append(out, v)
	}
	if r.Type == Decision {
		// Parliament-and-Council decisions had a series of their own.
		for _, v := range slicesClone(out) {
			v.No = true
			out = append(out, v)
		}
	}
	return out, nil
}

func slicesClone(rs []Ref) []Ref { return append([]Ref(nil), rs...) }

// CELEX returns the CELEX number of r, where one follows from the reference
// alone: legal acts (32011L0036), staff working and joint documents
// (52014SC0175, 52013JC0001) and texts adopted by Parliament (52012IP0207).
// A COM document is DC or PC depending on whether it is a legislative
// proposal, which the reference does not say: ok is false for it.
func (r Ref) CELEX() (celex string, ok bool) {
	switch r.Type {
	case Directive, Regulation, Decision, FrameworkDecision:
		if r.Number > 9999 {
			return "", false
		}
		return fmt.Sprintf("3%04d%s%04d", r.Year, actLetter[r.Type], r.Number), true
	case SEC, SWD:
		return fmt.Sprintf("5%04dSC%04d", r.Year, r.Number), r.Number <= 9999
	case JOIN:
		return fmt.Sprintf("5%04dJC%04d", r.Year, r.Number), r.Number <= 9999
	case EPText:
		return fmt.Sprintf("5%04dIP%04d", r.Year, r.Number), true
	}
	return "", false
}

// ELI returns the European Legislation Identifier of a legal act
// (http://data.europa.eu/eli/dir/2011/36/oj); ok is false for every other
// type.
func (r Ref) ELI() (eli string, ok bool) {
	t, found := eliType[r.Type]
	if !found {
		return "", false
	}
	return fmt.Sprintf("http://data.europa.eu/eli/%s/%d/%d/oj", t, r.Year, r.Number), true
}

// Check reports a reference that parses but is implausible: a Parliament
// number whose year lies outside the term it names (A7-0143/2020). Parse
// accepts it, since a reader must not refuse a file for it; importers
// report it as a warning.
func (r Ref) Check() error {
	switch r.Type {
	case EPReport, EPMotion, EPJointMotion, EPText, EPReferral, EPReceived:
		first, last := termSpan(r.Term)
		if r.Year < first || r.Year > last {
			return fmt.Errorf("%s: year %d is outside term %d (%d-%d)", r.String(), r.Year, r.Term, first, last)
		}
	}
	return nil
}
