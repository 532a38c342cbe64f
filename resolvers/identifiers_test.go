package resolvers_test

import (
	"testing"
)

// CELEX numbers and ELIs name documents wherever a reference does:
// document(reference:), the reference filter, search and the export; a
// CELEX number or ELI that leaves a pre-2015 act's domain out finds the act
// whatever its domain. Every document and procedure has its identifiers,
// marked derived when computed, and its links.
func TestCELEXAndELI(t *testing.T) {
	e := newEnv(t)
	e.do(`mutation {
		a: createDocument(input: {name: "Directive on trafficking in human beings", reference: "Directive 2011/36/EU", type: "directive"}) { id }
		b: createDocument(input: {name: "Prüm decision", reference: "Council Decision 2008/615/JHA", type: "decision"}) { id }
	}`, withAuth(testKey))
	for q, want := range map[string]string{
		`document(reference: "52010DC0673")`:                              "document/com-2010-0673",
		`document(reference: "CELEX:52010DC0673")`:                        "document/com-2010-0673",
		`document(reference: "32011L0036")`:                               "document/directive-2011-36-eu",
		`document(reference: "http://data.europa.eu/eli/dir/2011/36/oj")`: "document/directive-2011-36-eu",
		// The domain JHA is not in the CELEX number: found all the same.
		`document(reference: "32008D0615")`:                                "document/decision-2008-615-jha",
		`document(reference: "http://data.europa.eu/eli/dec/2008/615/oj")`: "document/decision-2008-615-jha",
		`document(reference: "52012IP0207")`:                               "document/ep-t7-0207-2012",
	} {
		var got map[string]*struct{ ID string }
		e.ok(`{ x: `+q+` { id } }`, &got)
		if got["x"] == nil || got["x"].ID != want {
			t.Errorf("%s = %+v, want %s", q, got["x"], want)
		}
	}
	var got struct {
		D struct {
			Identifiers []struct {
				Scheme, Value string
				Derived       bool
			}
			Links []struct{ Label, URL string }
		}
		S struct {
			Edges []struct{ Node struct{ ID string } }
		}
		P struct {
			Links []struct{ Label, URL string }
		}
	}
	e.ok(`{
		d: document(reference: "32011L0036") { identifiers { scheme value derived } links { label url } }
		s: search(text: "32011L0036") { edges { node { id } } }
		p: procedure(reference: "2010/2308(INI)") { links { label url } }
	}`, &got)
	if len(got.D.Identifiers) != 3 || got.D.Identifiers[0].Derived || got.D.Identifiers[1].Value != "32011L0036" || !got.D.Identifiers[1].Derived || !got.D.Identifiers[2].Derived {
		t.Errorf("identifiers %+v", got.D.Identifiers)
	}
	if len(got.D.Links) != 2 || got.D.Links[0].URL != "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32011L0036" {
		t.Errorf("links %+v", got.D.Links)
	}
	if len(got.S.Edges) == 0 || got.S.Edges[0].Node.ID != "document/directive-2011-36-eu" {
		t.Errorf("search by CELEX: %+v", got.S.Edges)
	}
	if len(got.P.Links) != 1 || got.P.Links[0].URL != "https://oeil.secure.europarl.europa.eu/oeil/en/procedure-file?reference=2010/2308(INI)" {
		t.Errorf("procedure links %+v", got.P.Links)
	}
	res := e.do(`{ x: document(reference: "32011X0036") { id } }`)
	if len(res.Errors) != 1 || res.Errors[0].code() != "BAD_USER_INPUT" {
		t.Errorf("bad CELEX: %+v", res.Errors)
	}
}
