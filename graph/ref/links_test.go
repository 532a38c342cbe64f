package ref

import (
	"reflect"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

func TestLinks(t *testing.T) {
	doc := func(props graph.Props) graph.Node { return graph.Node{Kind: graph.Document, Props: props} }
	tests := []struct {
		name string
		n    graph.Node
		want []graph.Link
	}{
		{"directive", doc(graph.Props{"reference": "Directive 2011/36/EU", "officialJournal": "OJ L 101, 15.4.2011, p. 1"}), []graph.Link{
			{Label: LabelEURLex, URL: "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32011L0036"},
			{Label: LabelELI, URL: "http://data.europa.eu/eli/dir/2011/36/oj"},
			{Label: LabelOJ, URL: "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=OJ:L:2011:101:TOC"},
		}},
		{"COM document", doc(graph.Props{"reference": "COM(2010) 673"}), []graph.Link{
			{Label: LabelEURLex, URL: "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=COM:2010:0673:FIN"},
		}},
		{"stated CELEX wins", doc(graph.Props{"reference": "COM(2013) 173", "celex": "52013PC0173"}), []graph.Link{
			{Label: LabelEURLex, URL: "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52013PC0173"},
		}},
		{"Council INIT", doc(graph.Props{"reference": "16797/10"}), []graph.Link{
			{Label: LabelCouncil, URL: "https://data.consilium.europa.eu/doc/document/ST-16797-2010-INIT/en/pdf"},
		}},
		{"Council REV", doc(graph.Props{"reference": "14186/1/14 REV 1"}), []graph.Link{
			{Label: LabelCouncil, URL: "https://data.consilium.europa.eu/doc/document/ST-14186-2014-REV-1/en/pdf"},
		}},
		{"EP report", doc(graph.Props{"reference": "A7-0143/2012"}), []graph.Link{
			{Label: LabelEP, URL: "https://www.europarl.europa.eu/doceo/document/A-7-2012-0143_EN.html"},
		}},
		{"EP text", doc(graph.Props{"reference": "T7-0207/2012"}), []graph.Link{
			{Label: LabelEURLex, URL: "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52012IP0207"},
			{Label: LabelEP, URL: "https://www.europarl.europa.eu/doceo/document/TA-7-2012-0207_EN.html"},
		}},
		{"joint motion", doc(graph.Props{"reference": "RC-B7-0123/2012"}), []graph.Link{
			{Label: LabelEP, URL: "https://www.europarl.europa.eu/doceo/document/RC-7-2012-0123_EN.html"},
		}},
		{"procedure", graph.Node{Kind: graph.Procedure, Props: graph.Props{"reference": "2010/2308(INI)"}}, []graph.Link{
			{Label: LabelOEIL, URL: "https://oeil.secure.europarl.europa.eu/oeil/en/procedure-file?reference=2010/2308(INI)"},
		}},
		{"PE number", doc(graph.Props{"reference": "PE473.725"}), []graph.Link{}},
		{"no reference", doc(graph.Props{"unresolvedReference": "CES9121/2020"}), []graph.Link{}},
		{"agency", graph.Node{Kind: graph.Agency, Props: graph.Props{"acronym": "RAN"}}, []graph.Link{}},
	}
	for _, tt := range tests {
		if got := Links(tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Links = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNodeIdentifiers(t *testing.T) {
	got := Identifiers(graph.Node{Kind: graph.Document, Props: graph.Props{"reference": "Directive 2011/36/EU"}})
	want := []graph.Identifier{
		{Scheme: graph.IdentifierReference, Value: "Directive 2011/36/EU"},
		{Scheme: graph.IdentifierCELEX, Value: "32011L0036", Derived: true},
		{Scheme: graph.IdentifierELI, Value: "http://data.europa.eu/eli/dir/2011/36/oj", Derived: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Identifiers = %v, want %v", got, want)
	}
	// A CELEX number a source states is not derived.
	got = Identifiers(graph.Node{Kind: graph.Document, Props: graph.Props{"reference": "COM(2013) 173", "celex": "52013PC0173"}})
	if len(got) != 2 || got[1] != (graph.Identifier{Scheme: graph.IdentifierCELEX, Value: "52013PC0173"}) {
		t.Errorf("stated CELEX: %v", got)
	}
	// One the curators computed is listed in derived, and says so.
	got = Identifiers(graph.Node{Kind: graph.Document, Props: graph.Props{"reference": "COM(2010) 673", "celex": "52010DC0673", "derived": []string{"celex"}}})
	if len(got) != 2 || got[1] != (graph.Identifier{Scheme: graph.IdentifierCELEX, Value: "52010DC0673", Derived: true}) {
		t.Errorf("curated derived CELEX: %v", got)
	}
	if got := Identifiers(graph.Node{Kind: graph.Person}); len(got) != 0 {
		t.Errorf("person: %v", got)
	}
}
