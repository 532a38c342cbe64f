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

// groupNames are the full names of the Parliament's political groups, by
// the acronym OEIL uses.
var groupNames = map[string]string{
	"S&D":       "Group of the Progressive Alliance of Socialists and Democrats",
	"PPE":       "Group of the European People's Party (Christian Democrats)",
	"PPE-DE":    "Group of the European People's Party (Christian Democrats) and European Democrats",
	"PSE":       "Socialist Group in the European Parliament",
	"ALDE":      "Group of the Alliance of Liberals and Democrats for Europe",
	"Verts/ALE": "Group of the Greens/European Free Alliance",
	"GUE/NGL":   "Confederal Group of the European United Left - Nordic Green Left",
	"ECR":       "European Conservatives and Reformists Group",
	"EFD":       "Europe of Freedom and Democracy Group",
	"EFDD":      "Europe of Freedom and Direct Democracy Group",
	"ENF":       "Europe of Nations and Freedom Group",
	"ID":        "Identity and Democracy Group",
	"Renew":     "Renew Europe Group",
	"NI":        "Non-attached Members",
}

func groupName(acr string) string {
	if n, ok := groupNames[acr]; ok {
		return n
	}
	return acr
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
