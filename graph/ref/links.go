package ref

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"

	"github.com/issgraph/issgraph/graph"
)

// Identifiers returns the identifiers of a document or procedure: its
// canonical reference as stored, and for a legal act or a document EUR-Lex
// numbers its CELEX number (the one the node holds, marked derived when its
// derived property lists celex, else one computed from the reference,
// marked derived) and its ELI (always derived). Other nodes,
// and nodes whose reference does not parse, have none but a stated CELEX.
func Identifiers(n graph.Node) []graph.Identifier {
	if n.Kind != graph.Document && n.Kind != graph.Procedure {
		return []graph.Identifier{}
	}
	out := []graph.Identifier{}
	s := n.Props.String("reference")
	r, err := Parse(s)
	if s != "" {
		out = append(out, graph.Identifier{Scheme: graph.IdentifierReference, Value: s})
	}
	if c := n.Props.String("celex"); c != "" {
		// A CELEX number the curators computed says so in derived.
		derived := slices.Contains(n.Props.Strings("derived"), "celex")
		out = append(out, graph.Identifier{Scheme: graph.IdentifierCELEX, Value: c, Derived: derived})
	} else if err == nil {
		if c, ok := r.CELEX(); ok {
			out = append(out, graph.Identifier{Scheme: graph.IdentifierCELEX, Value: c, Derived: true})
		}
	}
	if err == nil {
		if e, ok := r.ELI(); ok {
			out = append(out, graph.Identifier{Scheme: graph.IdentifierELI, Value: e, Derived: true})
		}
	}
	return out
}

// The sites Links points to, and their documented URL patterns.
const (
	LabelEURLex   = "EUR-Lex"                 // https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32011L0036, ?uri=COM:2010:0673:FIN
	LabelELI      = "ELI"                     // http://data.europa.eu/eli/dir/2011/36/oj
	LabelOJ       = "Official Journal"        // https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L:2016:135:TOC
	LabelOEIL     = "Legislative Observatory" // https://oeil.secure.europarl.europa.eu/oeil/en/procedure-file?reference=2010/2308(INI)
	LabelCouncil  = "Council register"        // https://data.consilium.europa.eu/doc/document/ST-14186-2014-REV-1/en/pdf
	LabelEP       = "European Parliament"     // https://www.europarl.europa.eu/doceo/document/A-7-2012-0143_EN.html
	eurLexURI     = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri="
	oeilURL       = "https://oeil.secure.europarl.europa.eu/oeil/en/procedure-file?reference="
	councilDocURL = "https://data.consilium.europa.eu/doc/document/"
	epDocURL      = "https://www.europarl.europa.eu/doceo/document/"
)

// epDocSeries are the Parliament's series with public document pages, by
// their prefix in the page's address.
var epDocSeries = map[Type]string{EPReport: "A", EPMotion: "B", EPJointMotion: "RC", EPText: "TA"}

// ojCitationRE reads a canonical Official Journal citation ("OJ L 135,
// 24.5.2016, p. 53") for a link to its issue.
var ojCitationRE = regexp.MustCompile(`^OJ ([LC][A-Z]{0,2}) (\d{1,4})[A-Z]?, \d{1,2}\.\d{1,2}\.(\d{4}), p\. \d+$`)

// Links returns the public pages of a node with a reference, built from
// documented URL patterns without any network call: EUR-Lex by CELEX
// number (or by COM number, whose CELEX number the reference does not
// give), the act's ELI, the Official Journal issue that published it, the
// Legislative Observatory by procedure reference, the Council register by
// document number, and the Parliament's page of an A, B, RC-B or T
// document. Empty for nodes without a reference.
func Links(n graph.Node) []graph.Link {
	out := []graph.Link{}
	if n.Kind != graph.Document && n.Kind != graph.Procedure {
		return out
	}
	r, err := Parse(n.Props.String("reference"))
	if err == nil {
		out = append(out, refLinks(r, n.Props.String("celex"))...)
	} else if c := n.Props.String("celex"); c != "" {
		out = append(out, graph.Link{Label: LabelEURLex, URL: eurLexURI + "CELEX:" + url.QueryEscape(c)})
	}
	if m := ojCitationRE.FindStringSubmatch(n.Props.String("officialJournal")); m != nil {
		out = append(out, graph.Link{Label: LabelOJ, URL: fmt.Sprintf("%sOJ:%s:%s:%03d:TOC", eurLexURI, m[1], m[3], num(m[2]))})
	}
	return out
}

func refLinks(r Ref, celex string) []graph.Link {
	var out []graph.Link
	if celex == "" {
		celex, _ = r.CELEX()
	}
	switch {
	case celex != "":
		out = append(out, graph.Link{Label: LabelEURLex, URL: eurLexURI + "CELEX:" + url.QueryEscape(celex)})
	case r.Type == COM:
		out = append(out, graph.Link{Label: LabelEURLex, URL: fmt.Sprintf("%sCOM:%d:%04d:FIN", eurLexURI, r.Year, r.Number)})
	}
	if e, ok := r.ELI(); ok {
		out = append(out, graph.Link{Label: LabelELI, URL: e})
	}
	switch r.Type {
	case Procedure:
		out = append(out, graph.Link{Label: LabelOEIL, URL: oeilURL + r.String()})
	case Council:
		id := fmt.Sprintf("ST-%d-%d", r.Number, r.Year)
		if v := r.versions("-%s-%d", "REV", "ADD", "COR"); v != "" {
			id += v
		} else {
			id += "-INIT"
		}
		out = append(out, graph.Link{Label: LabelCouncil, URL: councilDocURL + id + "/en/pdf"})
	case EPReport, EPMotion, EPJointMotion, EPText:
		out = append(out, graph.Link{Label: LabelEP, URL: fmt.Sprintf("%s%s-%d-%d-%04d_EN.html", epDocURL, epDocSeries[r.Type], r.Term, r.Year, r.Number)})
	}
	return out
}
