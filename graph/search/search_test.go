package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/graphtest"
	"github.com/issgraph/issgraph/graph/ref"
	"github.com/issgraph/issgraph/graph/search"
	"github.com/issgraph/issgraph/seed"
)

func TestTerms(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"European Cybercrime Centre", []string{"european", "cybercrime", "centre"}},
		{"Malmström", []string{"malmstrom"}},
		{`name:(x) OR "y"^3 \ * ?`, []string{"name", "x", "or", "y", "3"}},
		{"!!!", nil},
		{"S&D", []string{"s", "d"}},
	} {
		if got := search.Terms(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Terms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRefKeysAgreeAcrossSpellings(t *testing.T) {
	for _, s := range []string{"COM(2010) 673", "COM(2010)0673", "COM/2010/673", "see COM(2010) 673 final"} {
		if got := search.RefKeys(s); !slices.Equal(got, []string{"com20100673"}) {
			t.Errorf("RefKeys(%q) = %q", s, got)
		}
	}
	if got := search.RefKeys("cybercrime centre"); len(got) != 0 {
		t.Errorf("RefKeys of plain text = %q", got)
	}
}

func TestDocAndMatched(t *testing.T) {
	doc := graph.Node{ID: "document/com-2010-0673", Kind: graph.Document, Name: "The EU Internal Security Strategy in Action",
		Props: graph.Props{"reference": "COM(2010) 673", "aliases": []string{"16797/10", "ISS in Action"}, "description": "Five strategic objectives."}}
	d := search.Doc(doc)
	if d["refs"] != "com20100673 council1679710 eqtheeuinternalsecuritystrategyinaction eqissinaction" {
		t.Errorf("refs = %q", d["refs"])
	}
	if d["aliases"] != "iss in action" {
		t.Errorf("aliases = %q", d["aliases"])
	}
	if d[search.KindField] != "document" {
		t.Errorf("kind = %q", d[search.KindField])
	}
	for _, c := range []struct {
		text string
		want graph.SearchField
	}{
		{"16797/10", graph.FieldReference},
		{"internal security", graph.FieldName},
		{"objectives", graph.FieldDescription},
		{"iss", graph.FieldAlias},
		// The whole of a field: that field, though a field before it
		// holds the words too.
		{"ISS in Action", graph.FieldAlias},
		{"the EU internal security strategy in action", graph.FieldName},
	} {
		if got := search.Matched(doc, search.Parse(c.text, nil)); got != c.want {
			t.Errorf("Matched(%q) = %s, want %s", c.text, got, c.want)
		}
	}
}

func TestLuceneHoldsOnlyTermsFieldsAndOperators(t *testing.T) {
	q := search.Parse(`cybercrime" OR name:*) centre`, []graph.Kind{graph.Agency})
	want := `(searchRefs:(eqcybercrimeornamecentre)^8 OR searchAcronym:(cybercrime OR or OR name OR centre)^6 OR searchName:(cybercrime OR or OR name OR centre)^4 OR ` +
		`searchTitle:(cybercrime OR or OR name OR centre)^3 OR searchAliases:(cybercrime OR or OR name OR centre)^2 OR ` +
		`searchDescription:(cybercrime OR or OR name OR centre)^1) AND searchKind:(agency)^0`
	if got := q.Lucene(); got != want {
		t.Errorf("Lucene =\n%s\nwant\n%s", got, want)
	}
	if got := search.Parse("COM(2010) 673", nil); len(got.Terms) != 0 || !slices.Equal(got.RefKeys, []string{"com20100673"}) {
		t.Errorf("a whole reference parses to %+v, want its key alone", got)
	}
	if got := search.Parse("action plan COM(2010) 673", nil); len(got.Terms) != 5 || len(got.RefKeys) != 1 {
		t.Errorf("text with a reference parses to %+v, want its terms and the key", got)
	}
	if !search.Parse("()", nil).Empty() {
		t.Error("punctuation is not empty")
	}
}

// TestDocTermsAreDocSplit checks that DocTerms is Doc's text split at
// spaces, field by field, for nodes with every field.
func TestDocTermsAreDocSplit(t *testing.T) {
	for _, spec := range graph.Kinds {
		n := graphtest.FullNode(spec.Prefix+"a", "Cecilia Malmström, COM(2010) 673")
		n.Props["aliases"] = []string{"COM(2010) 673", "The ISS in Action"}
		doc := search.Doc(n)
		for i, terms := range search.DocTerms(n) {
			if got, want := terms, strings.Fields(doc[search.Fields[i].Name]); !slices.Equal(got, want) && len(got)+len(want) > 0 {
				t.Errorf("%s, field %s: DocTerms %q, Doc %q", spec.Kind, search.Fields[i].Name, got, want)
			}
		}
	}
}

// matchedByDoc is Matched as it was before it analysed lazily, from the
// whole analysed text: the oracle of TestMatchedIsDocsFirstMatch.
func matchedByDoc(n graph.Node, q search.Query) graph.SearchField {
	if q.Exact != "" {
		type exact struct {
			text  string
			field graph.SearchField
		}
		xs := []exact{{n.Props.String("acronym"), graph.FieldAcronym}, {n.Name, graph.FieldName}, {n.Props.String("shortTitle"), graph.FieldTitle}}
		for _, a := range n.Props.Strings("aliases") {
			if _, err := ref.Parse(a); err != nil {
				xs = append(xs, exact{a, graph.FieldAlias})
			}
		}
		for _, x := range xs {
			if search.ExactKey(x.text) == q.Exact {
				return x.field
			}
		}
	}
	doc := search.Doc(n)
	for _, f := range search.Fields {
		have := strings.Fields(doc[f.Name])
		terms := q.FieldTerms(f)
		if f.Match == graph.FieldReference {
			terms = q.RefKeys
		}
		for _, t := range terms {
			if slices.Contains(have, t) {
				return f.Match
			}
		}
	}
	return graph.FieldName
}

// Matched analyses a node's fields lazily, in order, and stops at the
// first that matches: on every node of the dataset, for queries made of
// the dataset's names, references, aliases and words, it answers as the
// whole analysed text does.
func TestMatchedIsDocsFirstMatch(t *testing.T) {
	ds, err := seed.Read()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, n := range ds.Nodes {
		texts = append(texts, n.Name, n.Props.String("acronym"), n.Props.String("reference"), n.Props.String("shortTitle"))
		texts = append(texts, n.Props.Strings("aliases")...)
		if w := strings.Fields(n.Props.String("description")); len(w) > 2 {
			texts = append(texts, w[len(w)/2])
		}
	}
	checked := 0
	for _, text := range texts[:min(len(texts), 400)] {
		if text == "" {
			continue
		}
		q := search.Parse(text, nil)
		for _, n := range ds.Nodes {
			if got, want := search.Matched(n, q), matchedByDoc(n, q); got != want {
				t.Fatalf("%q on %s: Matched %s, the whole text's first match %s", text, n.ID, got, want)
			}
			checked++
		}
	}
	if checked < 10000 {
		t.Fatalf("only %d comparisons", checked)
	}
}
