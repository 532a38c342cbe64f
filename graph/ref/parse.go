package ref

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// MaxLen is the longest input Parse accepts, in bytes. The longest
// canonical reference is well under 60 bytes; the cap keeps the API from
// matching regular expressions against arbitrary client text.
const MaxLen = 200

// Year bounds for four-digit years. Council and European Council numbers
// carry two-digit years, read as 1950 to 2049.
const (
	minYear = 1950
	maxYear = 2100
)

// A form is one accepted spelling, matched against the input after its
// white space is collapsed to single spaces. The patterns are anchored and
// case-insensitive: a reference typed by hand is accepted however it is
// capitalised, and String gives the one canonical spelling.
type form struct {
	re    *regexp.Regexp
	build func(m []string) (Ref, error)
}

const suffixes = `((?: (?:REV|ADD|COR) ?\d{1,2}){0,3})`

var forms = []form{
	{regexp.MustCompile(`(?i)^(COM|SEC|SWD|JOIN|C) ?\((\d{4})\) ?(\d{1,5})(?: FINAL(?:/\d{1,2})?)?$`), buildCommission},
	{regexp.MustCompile(`(?i)^(COM|SEC|SWD|JOIN)/(\d{4})/(\d{1,5})(?: FINAL(?:/\d{1,2})?)?$`), buildCommission},
	{regexp.MustCompile(`(?i)^(SP) ?\((\d{4})\) ?(\d{1,5})$`), buildCommission},
	{regexp.MustCompile(`(?i)^EUCO ?(\d{1,4})/(\d{2})` + suffixes + `$`), buildEUCO},
	{regexp.MustCompile(`(?i)^(RC-B|RC|[ABTCN])(\d{1,2})-(\d{1,4})/(\d{4})$`), buildEP},
	{regexp.MustCompile(`(?i)^P(\d{1,2})_TA(?:-PROV)?\((\d{4})\) ?(\d{1,4})$`), buildEPTA},
	{regexp.MustCompile(`(?i)^PE ?(\d{3})\.(\d{3})(?:V\d{2}-\d{2})?$`), buildPE},
	{regexp.MustCompile(`(?i)^(\d{4})/(\d{1,4}) ?\(([A-Z]{3})\)$`), buildProcedure},
	{regexp.MustCompile(`(?i)^(?:council )?(?:doc(?:ument)?\.? ?)?(?:ST ?)?(\d{1,5})/(?:(\d{1,2})/)?(\d{2})` + suffixes + `$`), buildCouncil},
	// The Council register's spelling: ST 14186 2014 REV 1, ST 16797 2010 INIT.
	{regexp.MustCompile(`(?i)^ST (\d{1,5}) (\d{4})(?: INIT|` + suffixes + `)$`), buildRegister},
	// OEIL's spelling, with a four-digit year and the number padded to
	// five digits: 05273/2015, 14957/1/2015, 09124/2014/ADD 1.
	{regexp.MustCompile(`(?i)^(\d{4,5})/(?:(\d{1,2})/)?(\d{4})((?:[ /](?:REV|ADD|COR) ?\d{1,2}){0,3})$`), buildCouncil4},
	// CELEX numbers of legal acts and of Commission documents:
	// 32011L0036, 52010DC0673.
	{regexp.MustCompile(`(?i)^CELEX:? ?([35])(\d{4})(L|R|D|F|DC|PC|SC|JC|IP)(\d{4})$`), buildCELEX},
	{regexp.MustCompile(`(?i)^([35])(\d{4})(L|R|D|F|DC|PC|SC|JC|IP)(\d{4})$`), buildCELEX},
	// European Legislation Identifiers: http://data.europa.eu/eli/dir/2011/36/oj.
	{regexp.MustCompile(`(?i)^(?:https?://)?data\.europa\.eu/eli/(dir|reg|dec|dec_framw)(?:_impl|_del)?/(\d{4})/(\d{1,4})(?:/oj(?:/[a-z]{3}(?:/[a-z]+)?)?)?/?$`), buildELI},
	{regexp.MustCompile(`(?i)^(?:(?:council|commission) )?(?:(?:implementing|delegated) )?(framework decision|directive|regulation|decision)` +
		`(?: ?\(([a-z]{2,7}(?:, ?[a-z]{2,7})?)\))? (NO\.? ?)?(\d{1,4})/(\d{1,4})(?:/([a-z]{2,7}))?$`), buildAct},
}

// Parse reads any accepted spelling of a document or procedure reference.
// Anything else, including input longer than MaxLen, is an error that
// matches graph.ErrInvalid.
func Parse(s string) (Ref, error) {
	if len(s) > MaxLen {
		return Ref{}, bad(s, "longer than %d bytes", MaxLen)
	}
	n := strings.Join(strings.Fields(s), " ")
	if n == "" {
		return Ref{}, bad(s, "empty")
	}
	for _, f := range forms {
		if m := f.re.FindStringSubmatch(n); m != nil {
			r, err := f.build(m)
			if err != nil {
				return Ref{}, bad(s, "%v", err)
			}
			return r, nil
		}
	}
	return Ref{}, bad(s, "not a recognised document or procedure reference")
}

func bad(s, format string, args ...any) error {
	return fmt.Errorf("ref: parse %.60q: %w", s,
		&graph.ValidationError{Field: "reference", Reason: fmt.Sprintf(format, args...)})
}

// num reads a run of at most five digits matched by a pattern, so it
// cannot overflow.
func num(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func year4(s string) (int, error) {
	y := num(s)
	if y < minYear || y > maxYear {
		return 0, fmt.Errorf("year %s out of range %d-%d", s, minYear, maxYear)
	}
	return y, nil
}

// year2 reads the two-digit year of a Council or European Council number.
func year2(s string) int {
	y := num(s)
	if y >= 50 {
		return 1900 + y
	}
	return 2000 + y
}

func positive(what, s string) (int, error) {
	n := num(s)
	if n == 0 {
		return 0, fmt.Errorf("%s %s must be positive", what, s)
	}
	return n, nil
}

func buildCommission(m []string) (Ref, error) {
	r := Ref{Type: Type(strings.ToUpper(m[1]))}
	var err error
	if r.Year, err = year4(m[2]); err != nil {
		return Ref{}, err
	}
	if r.Number, err = positive("number", m[3]); err != nil {
		return Ref{}, err
	}
	return r, nil
}

var suffixRE = regexp.MustCompile(`(?i)(REV|ADD|COR) ?(\d{1,2})`)

// parseSuffixes reads " REV 1 ADD 2 COR 1" in any order, each at most once.
func (r *Ref) parseSuffixes(s string) error {
	for _, m := range suffixRE.FindAllStringSubmatch(s, -1) {
		n, err := positive(strings.ToUpper(m[1]), m[2])
		if err != nil {
			return err
		}
		p := map[string]*int{"REV": &r.Rev, "ADD": &r.Add, "COR": &r.Cor}[strings.ToUpper(m[1])]
		if *p != 0 {
			return fmt.Errorf("%s given twice", strings.ToUpper(m[1]))
		}
		*p = n
	}
	return nil
}

func buildCouncil(m []string) (Ref, error) {
	r := Ref{Type: Council, Year: year2(m[3])}
	var err error
	if r.Number, err = positive("number", m[1]); err != nil {
		return Ref{}, err
	}
	if err := r.parseSuffixes(m[4]); err != nil {
		return Ref{}, err
	}
	if m[2] != "" { // 14186/1/14: the revision is also in the number
		rev, err := positive("revision", m[2])
		if err != nil {
			return Ref{}, err
		}
		if r.Rev != 0 && r.Rev != rev {
			return Ref{}, fmt.Errorf("revision %d in the number but REV %d", rev, r.Rev)
		}
		r.Rev = rev
	}
	return r, nil
}

func buildRegister(m []string) (Ref, error) {
	y := num(m[2])
	if y < 1950 || y > 2049 {
		return Ref{}, fmt.Errorf("year %s out of range 1950-2049", m[2])
	}
	return buildCouncil([]string{m[0], m[1], "", m[2][2:], m[3]})
}

func buildEUCO(m []string) (Ref, error) {
	r := Ref{Type: EUCO, Year: year2(m[2])}
	var err error
	if r.Number, err = positive("number", m[1]); err != nil {
		return Ref{}, err
	}
	if err := r.parseSuffixes(m[3]); err != nil {
		return Ref{}, err
	}
	return r, nil
}

// Parliament's terms: the first ran from 1979 to 1984 and each lasts five
// years, its first and last years shared with its neighbours. Parse
// accepts every term from 1 on, with no upper bound, since a future term
// must not be refused; Check says when a year falls outside its term.
const (
	firstTermYear = 1979
	termLength    = 5
)

// termSpan returns the first and last years of Parliament's term.
func termSpan(term int) (first, last int) {
	first = firstTermYear + termLength*(term-1)
	return first, first + termLength
}

func buildEP(m []string) (Ref, error) {
	t := map[string]Type{"A": EPReport, "B": EPMotion, "T": EPText, "C": EPReferral, "N": EPReceived,
		"RC-B": EPJointMotion, "RC": EPJointMotion}[strings.ToUpper(m[1])]
	return epRef(t, m[2], m[4], m[3])
}

func buildEPTA(m []string) (Ref, error) { return epRef(EPText, m[1], m[2], m[3]) }

func epRef(t Type, term, year, number string) (Ref, error) {
	r := Ref{Type: t}
	var err error
	if r.Term, err = positive("parliamentary term", term); err != nil {
		return Ref{}, err
	}
	if r.Year, err = year4(year); err != nil {
		return Ref{}, err
	}
	if r.Number, err = positive("number", number); err != nil {
		return Ref{}, err
	}
	return r, nil
}

func buildPE(m []string) (Ref, error) {
	r := Ref{Type: EPPE, Number: num(m[1])*1000 + num(m[2])}
	if r.Number == 0 {
		return Ref{}, fmt.Errorf("PE number must be positive")
	}
	return r, nil
}

func buildProcedure(m []string) (Ref, error) {
	r := Ref{Type: Procedure, Code: strings.ToUpper(m[3])}
	if _, ok := ProcedureCodes[r.Code]; !ok {
		return Ref{}, fmt.Errorf("unknown procedure type %q", m[3])
	}
	var err error
	if r.Year, err = year4(m[1]); err != nil {
		return Ref{}, err
	}
	if r.Number, err = positive("number", m[2]); err != nil {
		return Ref{}, err
	}
	return r, nil
}

// actDomains are the domains that legal act numbers carry, canonical case.
var actDomains = map[string]string{"EU": "EU", "EC": "EC", "EEC": "EEC", "EURATOM": "Euratom",
	"ECSC": "ECSC", "CFSP": "CFSP", "JHA": "JHA"}

func domain(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	var out []string
	for _, p := range strings.Split(s, ",") {
		d, ok := actDomains[strings.ToUpper(strings.TrimSpace(p))]
		if !ok {
			return "", fmt.Errorf("unknown domain %q", strings.TrimSpace(p))
		}
		out = append(out, d)
	}
	return strings.Join(out, ", "), nil
}

// actYearOf reads a legal act's year: two digits before 1999, four since.
func actYearOf(s string) (int, error) {
	switch len(s) {
	case 2:
		if y := 1900 + num(s); y >= minYear && y < fourDigitYear {
			return y, nil
		}
	case 4:
		return year4(s)
	}
	return 0, fmt.Errorf("%q is not a year", s)
}

// buildAct reads the legal acts. Their numbering changed over time:
//
//	before 2015  Directive 2011/36/EU, Decision 2008/615/JHA (year/number/domain)
//	             Decision No 1082/2013/EU (number/year/domain)
//	             Regulation (EU) No 1052/2013 (number/year)
//	since 2015   Directive (EU) 2016/680, Regulation (EU) 2016/679 (year/number)
//
// and years had two digits before 1999 (Directive 95/46/EC). A spelling in
// the other era's style is accepted when it is unambiguous; String gives the
// era's own.
func buildAct(m []string) (Ref, error) {
	t := map[string]Type{"framework decision": FrameworkDecision, "directive": Directive,
		"regulation": Regulation, "decision": Decision}[strings.ToLower(strings.Join(strings.Fields(m[1]), " "))]
	no := m[3] != ""
	paren, err := domain(m[2])
	if err != nil {
		return Ref{}, err
	}
	suffix, err := domain(m[6])
	if err != nil {
		return Ref{}, err
	}
	if paren != "" && suffix != "" {
		return Ref{}, fmt.Errorf("domain given twice")
	}
	r := Ref{Type: t, Domain: paren + suffix}
	yearFirst := !no
	switch {
	case t == Regulation:
		if suffix != "" {
			return Ref{}, fmt.Errorf("a regulation's number has no domain suffix")
		}
		// Without "No", only a number starting with a year of the new
		// numbering reads year first: Regulation (EC) 2007/2004 is No 2007/2004.
		yearFirst = !no && len(m[4]) == 4 && num(m[4]) >= newNumbering && num(m[4]) <= maxYear
	case no && t != Decision:
		return Ref{}, fmt.Errorf("only decisions and regulations are numbered with No")
	}
	y, n := m[5], m[4]
	if yearFirst {
		y, n = m[4], m[5]
	}
	if r.Year, err = actYearOf(y); err != nil {
		return Ref{}, err
	}
	if r.Number, err = positive("number", n); err != nil {
		return Ref{}, err
	}
	if t == Regulation {
		return r, nil
	}
	if r.Year < newNumbering && r.Domain == "" {
		return Ref{}, fmt.Errorf("a %s before 2015 needs its domain, as in 2011/36/EU", actWord[t])
	}
	if t == FrameworkDecision && (r.Year < 1999 || r.Year > 2009) {
		return Ref{}, fmt.Errorf("framework decisions date from 1999 to 2009, not %d", r.Year)
	}
	r.No = no && r.Year < newNumbering
	return r, nil
}

// buildCouncil4 reads OEIL's spelling of a Council number: a four-digit
// year, the number padded to five digits, suffixes after a slash or a
// space (05273/2015, 14957/1/2015, 09124/2014/ADD 1).
func buildCouncil4(m []string) (Ref, error) {
	y := num(m[3])
	if y < 1950 || y > 2049 {
		return Ref{}, fmt.Errorf("year %s out of range 1950-2049", m[3])
	}
	return buildCouncil([]string{m[0], m[1], m[2], m[3][2:], strings.ReplaceAll(m[4], "/", " ")})
}
