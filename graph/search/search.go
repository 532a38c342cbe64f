// Package search is what the two stores' full-text indexes share, so that
// one query finds the same hits on both: the fields a node is indexed
// under and their weights, the one analyser that turns text into terms,
// the reference keys that let "COM(2010)0673" and "16797/10" find the same
// document, the Lucene query the Neo4j store sends, and the rule that
// names the field a hit matched.
//
// Both engines index text this package has already analysed, with a plain
// whitespace split and nothing else (the embedded store's own index,
// Neo4j's full-text index with the "whitespace" analyzer). Terms are runs
// of ASCII letters and digits after folding accents (graph.Slug), so the
// Lucene query string never holds a character Lucene's syntax gives a
// meaning to, whatever the user typed.
package search

import (
	"iter"
	"strconv"
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/ref"
)

// Field is one indexed field of a node.
type Field struct {
	Name  string            // the key of Doc's map, and the embedded index's field
	Prop  string            // Neo4j node property that holds the analysed text
	Match graph.SearchField // what a hit in it reports
	Boost float64           // weight of a match in it
}

// Fields are the indexed fields in order of precedence: Matched reports
// the first one a query term hits.
var Fields = []Field{
	{Name: "refs", Prop: "searchRefs", Match: graph.FieldReference, Boost: 8},
	{Name: "acronym", Prop: "searchAcronym", Match: graph.FieldAcronym, Boost: 6},
	{Name: "name", Prop: "searchName", Match: graph.FieldName, Boost: 4},
	{Name: "title", Prop: "searchTitle", Match: graph.FieldTitle, Boost: 3},
	{Name: "aliases", Prop: "searchAliases", Match: graph.FieldAlias, Boost: 2},
	{Name: "description", Prop: "searchDescription", Match: graph.FieldDescription, Boost: 1},
}

// KindField is the field (KindProp the Neo4j property) that holds the
// node's kind in lower case, so that a search narrowed to kinds stays one
// ranked query.
const (
	KindField = "kind"
	KindProp  = "searchKind"
)

// Terms splits s into search terms: lower-case runs of ASCII letters and
// digits, accents folded (Malmström -> malmstrom). Everything else
// separates terms.
func Terms(s string) []string {
	slug := graph.Slug(s)
	if slug == "" {
		return nil
	}
	return strings.Split(slug, "-")
}

// RefKey is the single term a canonical reference is indexed under: its
// node id without the kind prefix, letters and digits only
// ("document/com-2010-0673" -> "com20100673").
func RefKey(r ref.Ref) string {
	id := r.ID()
	if i := strings.IndexByte(id, '/'); i >= 0 {
		id = id[i+1:]
	}
	var b strings.Builder
	for _, c := range id {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// RefKeys returns the keys of the references s names: s itself when it is
// one reference in any spelling (a CELEX number or an ELI names each
// document it may stand for, ref.Variants), else every reference found in
// it.
func RefKeys(s string) []string {
	if !ref.Numbered(s) {
		return nil
	}
	if vs, err := ref.Variants(s); err == nil {
		var keys []string
		for _, v := range vs {
			if k := RefKey(v); k != "" && !contains(keys, k) {
				keys = append(keys, k)
			}
		}
		return keys
	}
	var keys []string
	for _, m := range ref.Extract(s) {
		if k := RefKey(m.Ref); k != "" && !contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// ExactKey is the single term that stands for the whole of s: its terms
// run together behind a prefix no other term has ("COSI" -> "eqcosi",
// "COSI Support Group" -> "eqcosisupportgroup"), "" for text without terms.
// Doc indexes the exact keys of a node's name, acronym, short title and
// aliases in the refs field, and a query looks its own up there, so that
// a node whose name, acronym or alias is the whole query outranks those
// that merely contain its words, on both engines.
func ExactKey(s string) string {
	terms := Terms(s)
	if len(terms) == 0 {
		return ""
	}
	return exactPrefix + strings.Join(terms, "")
}

// exactPrefix starts every exact key. Reference keys always hold a digit
// after their letters and never start with it.
const exactPrefix = "eq"

// exactFields yields the texts of a node an exact key is made of, with
// the field a hit on it reports, in Matched's order of precedence. It
// parses the aliases (to leave out those that are references) only when
// asked for more than the names.
func exactFields(n graph.Node) iter.Seq2[string, graph.SearchField] {
	return func(yield func(string, graph.SearchField) bool) {
		if !yield(n.Props.String("acronym"), graph.FieldAcronym) ||
			!yield(n.Name, graph.FieldName) ||
			!yield(n.Props.String("shortTitle"), graph.FieldTitle) {
			return
		}
		for _, a := range n.Props.Strings("aliases") {
			if !isWholeRef(a) && !yield(a, graph.FieldAlias) {
				return
			}
		}
	}
}

// Doc returns the analysed text of each field of n, keyed by Field.Name,
// and its kind under KindField. Fields with no terms are left out. Each
// field's text is its DocTerms joined by spaces.
func Doc(n graph.Node) map[string]string {
	doc := map[string]string{KindField: strings.ToLower(string(n.Kind))}
	for i, terms := range DocTerms(n) {
		if len(terms) > 0 {
			doc[Fields[i].Name] = strings.Join(terms, " ")
		}
	}
	return doc
}

// DocTerms returns the terms of each field of n, by Fields, in the order
// Doc writes them: what an index that splits Doc's text at spaces holds,
// without the joining and splitting.
func DocTerms(n graph.Node) [][]string {
	out := make([][]string, len(Fields))
	for i, f := range Fields {
		out[i] = fieldTerms(n, f.Name)
	}
	return out
}

// fieldTerms returns the terms of n's field name (one of Fields).
func fieldTerms(n graph.Node, name string) []string {
	var out []string
	for _, t := range fieldTexts(n, name) {
		out = append(out, Terms(t)...)
	}
	return out
}

// fieldTexts returns the texts of n that its field name analyses: the
// refs field holds the keys of the reference, of the aliases that are one
// reference and nothing else, and of the exact names; the aliases field
// the other aliases.
func fieldTexts(n graph.Node, name string) []string {
	switch name {
	case "refs":
		var refs []string
		if r := n.Props.String("reference"); r != "" {
			refs = append(refs, RefKeys(r)...)
		}
		for _, a := range n.Props.Strings("aliases") {
			if k := RefKeys(a); len(k) == 1 && isWholeRef(a) {
				refs = append(refs, k...)
			}
		}
		for text := range exactFields(n) {
			if k := ExactKey(text); k != "" {
				refs = append(refs, k)
			}
		}
		return dedupe(refs)
	case "acronym":
		return []string{n.Props.String("acronym")}
	case "name":
		return []string{n.Name}
	case "title":
		return []string{n.Props.String("shortTitle")}
	case "aliases":
		var aliases []string
		for _, a := range n.Props.Strings("aliases") {
			if k := RefKeys(a); len(k) != 1 || !isWholeRef(a) {
				aliases = append(aliases, a)
			}
		}
		return aliases
	case "description":
		return []string{n.Props.String("description")}
	}
	return nil
}

// Query is search text analysed once for both engines.
type Query struct {
	Terms   []string     // the text's terms, in order, without repeats
	RefKeys []string     // keys of the references the text names
	Exact   string       // ExactKey of the whole text, "" for a reference lookup
	Kinds   []graph.Kind // empty: every kind
}

// Parse analyses text. Text that is one reference and nothing else
// ("COM(2010)0673", "16797/10") is a lookup: it is searched by its key
// alone, since its terms ("com", "2010", "0673") would rank every node
// whose title holds the year above the document itself.
func Parse(text string, kinds []graph.Kind) Query {
	if isWholeRef(text) {
		return Query{RefKeys: RefKeys(text), Kinds: kinds}
	}
	return Query{Terms: dedupe(Terms(text)), RefKeys: RefKeys(text), Exact: ExactKey(text), Kinds: kinds}
}

// Empty reports whether the query has nothing to look for: text made only
// of punctuation. Such a search has no hits.
func (q Query) Empty() bool { return len(q.Terms) == 0 && len(q.RefKeys) == 0 }

// FieldTerms returns the terms q looks for in f: reference keys and the
// exact key in the refs field, the text's terms in the others.
func (q Query) FieldTerms(f Field) []string {
	if f.Match == graph.FieldReference {
		if q.Exact != "" && !contains(q.RefKeys, q.Exact) {
			return append(append([]string(nil), q.RefKeys...), q.Exact)
		}
		return q.RefKeys
	}
	return q.Terms
}

// Lucene returns the query the Neo4j store passes, as a parameter, to
// db.index.fulltext.queryNodes: for each field, any of its terms, weighted
// by its boost; narrowed to q.Kinds by a clause that does not score. Every
// term is letters and digits only, so nothing needs escaping.
func (q Query) Lucene() string {
	var clauses []string
	for _, f := range Fields {
		terms := q.FieldTerms(f)
		if len(terms) == 0 {
			continue
		}
		clauses = append(clauses, f.Prop+":("+strings.Join(terms, " OR ")+")^"+boost(f.Boost))
	}
	s := "(" + strings.Join(clauses, " OR ") + ")"
	if len(q.Kinds) > 0 {
		ks := make([]string, len(q.Kinds))
		for i, k := range q.Kinds {
			ks[i] = strings.ToLower(string(k))
		}
		s += " AND " + KindProp + ":(" + strings.Join(ks, " OR ") + ")^0"
	}
	return s
}

// MatchedProps are the properties of a node that Matched reads, beside
// its name (exactFields and fieldTexts): a store that reads part of a
// hit's node reads these too (graph.SearchQuery.Fields).
var MatchedProps = []string{"acronym", "aliases", "description", "reference", "shortTitle"}

// Matched returns the field of n that is the whole query (an exact match
// of its acronym, name, short title or an alias), else the first of Fields
// in which n's analysed text holds a term of q, or FieldName when none does
// (an engine's hit always has one).
func Matched(n graph.Node, q Query) graph.SearchField {
	if q.Exact != "" {
		for text, f := range exactFields(n) {
			if ExactKey(text) == q.Exact {
				return f
			}
		}
	}
	// Each field is analysed only when the query has terms for it, and
	// only until one matches: the refs field, whose aliases are parsed as
	// references, is most of the work, and a text search has no key to
	// look for there.
	for _, f := range Fields {
		terms := q.FieldTerms(f)
		if f.Match == graph.FieldReference {
			terms = q.RefKeys // an exact key says which field above
		}
		if len(terms) == 0 {
			continue
		}
		have := fieldTerms(n, f.Name)
		for _, t := range terms {
			if contains(have, t) {
				return f.Match
			}
		}
	}
	return graph.FieldName
}

// isWholeRef reports whether s is one reference and nothing else, so that
// an alias such as "16797/10" indexes as a reference while "EC3" stays a
// name.
func isWholeRef(s string) bool {
	if !ref.Numbered(s) {
		return false
	}
	_, err := ref.Parse(s)
	return err == nil
}

func boost(b float64) string {
	return strings.TrimRight(strings.TrimRight(strconv.FormatFloat(b, 'f', 2, 64), "0"), ".")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func dedupe(s []string) []string {
	var out []string
	for _, v := range s {
		if !contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
