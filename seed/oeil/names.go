package oeil

import (
	"strings"
	"unicode"

	"github.com/issgraph/issgraph/graph"
)

// splitName reads OEIL's "FAMILY Given" form (BORSELLINO Rita, HANKISS
// Ágnes, de GRANDES PASCUAL Luis) into a given and a family name in proper
// case. The given name is the run of capitalised words at the end; the rest,
// written in capitals, is the family name.
func splitName(s string) (given, family string, ok bool) {
	words := strings.Fields(s)
	if len(words) < 2 {
		return "", "", false
	}
	i := len(words)
	for i > 0 && capitalised(words[i-1]) {
		i--
	}
	switch {
	case i == len(words): // all in capitals: the last word is the given name
		i = len(words) - 1
	case i == 0: // already in natural order: Rita Borsellino
		return strings.Join(words[:len(words)-1], " "), words[len(words)-1], true
	}
	fam := strings.Fields(properCase(strings.Join(words[:i], " ")))
	for j := 1; j < len(fam); j++ {
		if particles[strings.ToLower(fam[j])] {
			fam[j] = strings.ToLower(fam[j])
		}
	}
	return properCase(strings.Join(words[i:], " ")), strings.Join(fam, " "), true
}

// particles are written in lower case inside a family name (Díaz de la Fuente,
// van de Camp); a leading one keeps the case OEIL gives it.
var particles = map[string]bool{
	"de": true, "del": true, "della": true, "der": true, "den": true, "di": true,
	"da": true, "do": true, "dos": true, "du": true, "des": true, "la": true,
	"le": true, "van": true, "von": true, "ten": true, "ter": true, "y": true,
	"zu": true, "'t": true,
}

// capitalised reports whether w is written like a given name: each
// hyphenated part an upper-case letter followed by lower-case ones.
func capitalised(w string) bool {
	for _, part := range strings.Split(w, "-") {
		rs := []rune(part)
		if len(rs) == 0 || !unicode.IsUpper(rs[0]) {
			return false
		}
		lower := false
		for _, r := range rs[1:] {
			if unicode.IsUpper(r) {
				return false
			}
			lower = lower || unicode.IsLower(r)
		}
		if !lower && len(rs) > 1 {
			return false
		}
	}
	return true
}

// properCase lowers every capital that follows another capital, so that
// MALMSTRÖM becomes Malmström and McMILLAN-SCOTT McMillan-Scott, while
// particles written in lower case (de, van) stay as they are.
func properCase(s string) string {
	orig := []rune(s)
	out := make([]rune, len(orig))
	for i, r := range orig {
		if i > 0 && unicode.IsUpper(r) && unicode.IsUpper(orig[i-1]) {
			r = unicode.ToLower(r)
		}
		out[i] = r
	}
	return string(out)
}

// politicalGroup is a political group of the Parliament as the graph
// holds it: one node per group, whatever acronym a file uses.
type politicalGroup struct {
	acronym string // the acronym OEIL uses today, which the id is made of: PPE, S&D, Renew
	name    string
	id      string // institution/group-<slug of acronym>
}

// politicalGroups are the Parliament's political groups since 1999, with
// the other acronyms they are known by (English ones, older spellings, the
// name of the group that succeeded under the same acronym). Lookups ignore
// case, spaces and the separators / - &.
var politicalGroups = []struct {
	acronym, name string
	aliases       []string
}{
	{"PPE", "Group of the European People's Party (Christian Democrats)", []string{"EPP"}},
	{"PPE-DE", "Group of the European People's Party (Christian Democrats) and European Democrats", []string{"EPP-ED"}},
	{"S&D", "Group of the Progressive Alliance of Socialists and Democrats", []string{"S and D", "SD"}},
	{"PSE", "Socialist Group in the European Parliament", []string{"PES"}},
	{"Renew", "Renew Europe Group", []string{"RE", "Renew Europe"}},
	{"ALDE", "Group of the Alliance of Liberals and Democrats for Europe", []string{"ADLE", "ELDR"}},
	{"Verts/ALE", "Group of the Greens/European Free Alliance", []string{"Greens/EFA", "Greens", "V/ALE"}},
	{"ECR", "European Conservatives and Reformists Group", nil},
	{"GUE/NGL", "The Left group in the European Parliament - GUE/NGL", []string{"The Left", "Left", "EUL/NGL"}},
	{"ID", "Identity and Democracy Group", nil},
	{"ENF", "Europe of Nations and Freedom Group", nil},
	{"EFDD", "Europe of Freedom and Direct Democracy Group", nil},
	{"EFD", "Europe of Freedom and Democracy Group", nil},
	{"IND/DEM", "Independence/Democracy Group", []string{"IND-DEM"}},
	{"UEN", "Union for Europe of the Nations Group", nil},
	{"PfE", "Patriots for Europe Group", []string{"PATRIOTS"}},
	{"ESN", "Europe of Sovereign Nations Group", nil},
	{"NI", "Non-attached Members", []string{"NA", "Non-attached", "Non-inscrits"}},
}

// groupKey folds an acronym for lookups: "Greens/EFA", "greens - efa" and
// "GREENS EFA" meet.
func groupKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r != ' ' && r != '/' && r != '-' && r != '&' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var groupIndex = func() map[string]politicalGroup {
	ix := map[string]politicalGroup{}
	for _, g := range politicalGroups {
		pg := politicalGroup{acronym: g.acronym, name: g.name, id: "institution/group-" + graph.Slug(g.acronym)}
		for _, a := range append([]string{g.acronym}, g.aliases...) {
			ix[groupKey(a)] = pg
		}
	}
	return ix
}()

// lookupGroup resolves an acronym through the alias table; one the table
// does not know is kept as written (known false).
func lookupGroup(acr string) (g politicalGroup, known bool) {
	if g, ok := groupIndex[groupKey(acr)]; ok {
		return g, true
	}
	return politicalGroup{acronym: acr, name: acr, id: "institution/group-" + graph.Slug(acr)}, false
}

// bodies are the institutions and bodies OEIL lists under "Other
// institutions and bodies" (the gateway) by the names and acronyms it uses.
var bodies = []struct {
	id, name string
	names    []string
}{
	{"institution/edps", "European Data Protection Supervisor", []string{"EDPS"}},
	{"institution/eesc", "European Economic and Social Committee", []string{"EESC", "ESC", "Economic and Social Committee"}},
	{"institution/cor", "European Committee of the Regions", []string{"CoR", "CofR", "Committee of the Regions"}},
	{"institution/ecb", "European Central Bank", []string{"ECB"}},
	{"institution/court-of-auditors", "European Court of Auditors", []string{"ECA", "Court of Auditors", "CoA"}},
	{"institution/court-of-justice", "European Court of Justice", []string{"CJEU", "ECJ", "Court of Justice"}},
	{"institution/european-council", "European Council", []string{"EUCO"}},
	{"institution/eib", "European Investment Bank", []string{"EIB"}},
	{"institution/european-ombudsman", "European Ombudsman", []string{"Ombudsman"}},
}

// bodyOf resolves a body's name or acronym, ignoring case.
func bodyOf(s string) (id, name string, ok bool) {
	for _, b := range bodies {
		if strings.EqualFold(s, b.name) || strings.EqualFold(s, "the "+b.name) {
			return b.id, b.name, true
		}
		for _, n := range b.names {
			if strings.EqualFold(s, n) {
				return b.id, b.name, true
			}
		}
	}
	return "", "", false
}

// countryAdjectives name national parliaments: PT_PARLIAMENT is the
// Portuguese Parliament.
var countryAdjectives = map[string]string{
	"AT": "Austrian", "BE": "Belgian", "BG": "Bulgarian", "CY": "Cypriot",
	"CZ": "Czech", "DE": "German", "DK": "Danish", "EE": "Estonian",
	"EL": "Greek", "GR": "Greek", "ES": "Spanish", "FI": "Finnish",
	"FR": "French", "HR": "Croatian", "HU": "Hungarian", "IE": "Irish",
	"IT": "Italian", "LT": "Lithuanian", "LU": "Luxembourg", "LV": "Latvian",
	"MT": "Maltese", "NL": "Dutch", "PL": "Polish", "PT": "Portuguese",
	"RO": "Romanian", "SE": "Swedish", "SI": "Slovenian", "SK": "Slovak",
	"UK": "United Kingdom", "GB": "United Kingdom",
}

// nationalParliament reads OEIL's "PT_PARLIAMENT" or "IT_SENATE" into the
// id slug after "national-parliament-" and a name.
func nationalParliament(s string) (slug, name string, ok bool) {
	cc, chamber, found := strings.Cut(s, "_")
	if !found || len(cc) != 2 || chamber == "" {
		return "", "", false
	}
	cc = strings.ToLower(cc)
	for _, r := range cc {
		if r < 'a' || r > 'z' {
			return "", "", false
		}
	}
	chamber = strings.ReplaceAll(chamber, "_", " ")
	adj := countryAdjectives[strings.ToUpper(cc)]
	if adj == "" {
		adj = strings.ToUpper(cc)
	}
	word := strings.ToUpper(chamber[:1]) + strings.ToLower(chamber[1:])
	if strings.EqualFold(chamber, "parliament") {
		return cc, adj + " Parliament", true
	}
	return cc + "-" + graph.Slug(chamber), adj + " " + word, true
}
