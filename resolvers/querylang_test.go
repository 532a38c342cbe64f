package resolvers_test

// The analyst's query language over the whole ISS dataset, on the store
// teststore gives (embedded, or Neo4j with ISSGRAPH_TEST_STORE=neo4j). Each
// question is asked once with where, sort and aggregates, and its answer
// must equal what the test computes itself from the plain relationship
// fields, which share no code with the query engine, and hold the facts
// checked by hand. The README shows the same queries (TestReadmeQueries
// runs them).

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/issgraph/issgraph/resolvers"
)

// docFacts are the facts of every document the oracle filters on.
type docFacts struct {
	ID, Type, Date, Reference string
	Cites                     []struct{ Reference string }
	Authors                   []struct{ ID string }
}

func allDocuments(t *testing.T, e *env) []docFacts {
	t.Helper()
	var out []docFacts
	after := ""
	for page := 0; page < 20; page++ {
		var a struct {
			Documents struct {
				Nodes    []docFacts
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		q := `query($after: String) { documents(first: 100, after: $after) {
			nodes { id type date reference cites { reference } authors { id } }
			pageInfo { hasNextPage endCursor } } }`
		e.ok(q, &a, client.Var("after", nullable(after)))
		out = append(out, a.Documents.Nodes...)
		if !a.Documents.PageInfo.HasNextPage {
			return out
		}
		after = a.Documents.PageInfo.EndCursor
	}
	t.Fatal("documents do not end")
	return nil
}

// Analyst question 1: documents dated 2010-2014 whose type is
// communication or report, that cite COM(2010) 673 and are not authored
// by the Council.
const question1 = `{
  documents(
    where: {
      date: {gte: "2010", lte: "2014"}
      type: {in: ["communication", "report"]}
      cites: {some: {reference: {eq: "COM(2010) 673"}}}
      NOT: {authors: {some: {id: {eq: "institution/council"}}}}
    }
    sort: [{field: DATE}]
  ) {
    totalCount
    nodes { id reference type date }
  }
}`

// Analyst question 2: agencies responsible for some key action of
// objective 4 (a relationship filter within a relationship filter).
const question2 = `{
  agencies(
    where: {responsibleFor: {some: {Objective: {
      type: {eq: "key-action"}
      parent: {some: {id: {eq: "objective/iss-so4"}}}
    }}}}
  ) {
    nodes { id name responsibleFor { role target { id } } }
  }
}`

// Analyst question 3: how many documents of each type per year.
const question3 = `{
  documents {
    aggregate {
      count
      groupBy(by: [{field: TYPE}, {field: DATE, truncate: YEAR}]) {
        groups { type date count }
        truncated
      }
    }
  }
}`

func TestQueryLanguageAnalystQuestions(t *testing.T) {
	e := &env{t: t, client: seededClient(t)}
	docs := allDocuments(t, e)
	if len(docs) < 90 {
		t.Fatalf("%d documents: the dataset is not loaded", len(docs))
	}

	t.Run("question 1", func(t *testing.T) {
		e := &env{t: t, client: e.client}
		res := e.do(question1)
		golden(t, filepath.Join("querylang", "question-1"), res)
		var a struct {
			Documents struct {
				TotalCount int
				Nodes      []struct{ ID, Date string }
			}
		}
		mustUnmarshal(t, res.Data, &a)
		var want []string
		for _, d := range docs {
			year := d.Date
			if len(year) >= 4 {
				year = year[:4]
			}
			if year < "2010" || year > "2014" || (d.Type != "communication" && d.Type != "report") {
				continue
			}
			cites := slices.ContainsFunc(d.Cites, func(c struct{ Reference string }) bool { return c.Reference == "COM(2010) 673" })
			council := slices.ContainsFunc(d.Authors, func(a struct{ ID string }) bool { return a.ID == "institution/council" })
			if cites && !council {
				want = append(want, d.ID)
			}
		}
		var got []string
		for i, n := range a.Documents.Nodes {
			got = append(got, n.ID)
			if i > 0 && n.Date < a.Documents.Nodes[i-1].Date {
				t.Errorf("not in date order: %s after %s", n.Date, a.Documents.Nodes[i-1].Date)
			}
		}
		sameSet(t, "question 1", got, want)
		// By hand: the Parliament's report on the ISS (Borsellino) and the
		// Commission's final implementation report both cite the ISS in
		// action; the Council's draft conclusions of 2014 cite it too, but
		// are the Council's.
		sameSet(t, "question 1 (by hand)", got, []string{"document/ep-a7-0143-2012", "document/com-2014-0365"})
		if a.Documents.TotalCount != len(got) {
			t.Errorf("totalCount %d, %d nodes", a.Documents.TotalCount, len(got))
		}
	})

	t.Run("question 2", func(t *testing.T) {
		e := &env{t: t, client: e.client}
		res := e.do(question2)
		golden(t, filepath.Join("querylang", "question-2"), res)
		var a struct {
			Agencies struct{ Nodes []struct{ ID string } }
		}
		mustUnmarshal(t, res.Data, &a)
		var b struct {
			Objective struct {
				KeyActions []struct {
					Responsible []struct{ Actor struct{ ID, Kind string } }
				}
			}
		}
		e.ok(`{ objective(id: "objective/iss-so4") { keyActions { responsible { actor { id kind } } } } }`, &b)
		var want []string
		for _, ka := range b.Objective.KeyActions {
			for _, r := range ka.Responsible {
				if r.Actor.Kind == "AGENCY" && !slices.Contains(want, r.Actor.ID) {
					want = append(want, r.Actor.ID)
				}
			}
		}
		var got []string
		for _, n := range a.Agencies.Nodes {
			got = append(got, n.ID)
		}
		sameSet(t, "question 2", got, want)
		// By hand: key action 4.2 (stronger external borders) names Frontex.
		sameSet(t, "question 2 (by hand)", got, []string{"agency/frontex"})
	})

	t.Run("question 3", func(t *testing.T) {
		e := &env{t: t, client: e.client}
		res := e.do(question3)
		golden(t, filepath.Join("querylang", "question-3"), res)
		var a struct {
			Documents struct {
				Aggregate struct {
					Count   int
					GroupBy struct {
						Groups []struct {
							Type, Date *string
							Count      int
						}
						Truncated bool
					}
				}
			}
		}
		mustUnmarshal(t, res.Data, &a)
		if a.Documents.Aggregate.Count != len(docs) {
			t.Errorf("count %d, the list holds %d", a.Documents.Aggregate.Count, len(docs))
		}
		want := map[string]int{}
		for _, d := range docs {
			year := "-"
			if len(d.Date) >= 4 {
				year = d.Date[:4]
			}
			typ := d.Type
			if typ == "" {
				typ = "-"
			}
			want[typ+" "+year]++
		}
		got := map[string]int{}
		var order []string
		for _, g := range a.Documents.Aggregate.GroupBy.Groups {
			key := deref(g.Type) + " " + deref(g.Date)
			got[key] = g.Count
			order = append(order, key)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("groups\n%v\nwant (from the documents)\n%v", got, want)
		}
		// Groups come ordered by their keys, missing values last.
		if !sort.SliceIsSorted(order, func(i, j int) bool { return groupLess(order[i], order[j]) }) {
			t.Errorf("groups not in key order: %v", order)
		}
		// By hand: the communications of 2010 are the ISS in action.
		if got["communication 2010"] != 1 {
			t.Errorf("communications of 2010: %d, want 1 (COM(2010) 673)", got["communication 2010"])
		}
	})
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

// groupLess orders "type year" keys as groupBy does: by type, then year,
// a missing value ("-") after every other.
func groupLess(a, b string) bool {
	as, bs := strings.SplitN(a, " ", 2), strings.SplitN(b, " ", 2)
	for i := range as {
		if as[i] == bs[i] {
			continue
		}
		if as[i] == "-" || bs[i] == "-" {
			return bs[i] == "-"
		}
		return as[i] < bs[i]
	}
	return false
}

func mustUnmarshal(t *testing.T, data json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

// The operators, boolean logic, two-way paging and relationship
// connections, each against what the plain fields give.
func TestQueryLanguageFeatures(t *testing.T) {
	e := &env{t: t, client: seededClient(t)}
	docs := allDocuments(t, e)
	count := func(q string) int {
		t.Helper()
		var a struct{ Documents struct{ TotalCount int } }
		e.ok(`{ documents(`+q+`) { totalCount } }`, &a)
		return a.Documents.TotalCount
	}
	ids := func(q string) []string {
		t.Helper()
		var a struct {
			Documents struct{ Nodes []struct{ ID string } }
		}
		e.ok(`{ documents(first: 100, `+q+`) { nodes { id } } }`, &a)
		var out []string
		for _, n := range a.Documents.Nodes {
			out = append(out, n.ID)
		}
		return out
	}
	oracle := func(keep func(d docFacts) bool) int {
		n := 0
		for _, d := range docs {
			if keep(d) {
				n++
			}
		}
		return n
	}

	t.Run("references in any spelling", func(t *testing.T) {
		for _, spelling := range []string{"COM(2010) 673", "COM(2010)0673", "COM/2010/673", "16797/10"} {
			sameSet(t, spelling, ids(`where: {reference: {eq: "`+spelling+`"}}`), []string{"document/com-2010-0673"})
		}
		sameSet(t, "in", ids(`where: {reference: {in: ["COM(2014)365", "A7-0143/2012"]}}`),
			[]string{"document/com-2014-0365", "document/ep-a7-0143-2012"})
	})
	t.Run("isNull", func(t *testing.T) {
		undated := oracle(func(d docFacts) bool { return d.Date == "" })
		if got := count(`where: {date: {isNull: true}}`); got != undated {
			t.Errorf("undated %d, want %d", got, undated)
		}
		if got := count(`where: {date: {isNull: false}}`); got != len(docs)-undated {
			t.Errorf("dated %d, want %d", got, len(docs)-undated)
		}
	})
	t.Run("OR and NOT", func(t *testing.T) {
		either := oracle(func(d docFacts) bool { return d.Type == "communication" || d.Type == "report" })
		if got := count(`where: {OR: [{type: {eq: "communication"}}, {type: {eq: "report"}}]}`); got != either {
			t.Errorf("OR: %d, want %d", got, either)
		}
		// NOT keeps the documents without a type; ne and notIn do not.
		if got := count(`where: {NOT: {type: {in: ["communication", "report"]}}}`); got != len(docs)-either {
			t.Errorf("NOT in: %d, want %d", got, len(docs)-either)
		}
		typed := oracle(func(d docFacts) bool { return d.Type != "" })
		if got := count(`where: {type: {notIn: ["communication", "report"]}}`); got != typed-either {
			t.Errorf("notIn: %d, want %d", got, typed-either)
		}
	})
	t.Run("none and all", func(t *testing.T) {
		citing := oracle(func(d docFacts) bool { return len(d.Cites) > 0 })
		if got := count(`where: {cites: {none: {}}}`); got != len(docs)-citing {
			t.Errorf("none: %d, want %d", got, len(docs)-citing)
		}
		// all holds where there is nothing to hold for.
		allDated := oracle(func(d docFacts) bool { return len(d.Cites) == 0 })
		if got := count(`where: {cites: {all: {reference: {isNull: true}}}}`); got < allDated {
			t.Errorf("all: %d, want at least the %d that cite nothing", got, allDated)
		}
	})
	t.Run("paging both ways", func(t *testing.T) {
		const args = `sort: [{field: TYPE}, {field: DATE, desc: true}]`
		walk := func(forward bool) []string {
			var out []string
			cursor := ""
			for page := 0; page < 30; page++ {
				var a struct {
					Documents struct {
						Nodes    []struct{ ID string }
						PageInfo struct {
							HasNextPage, HasPreviousPage bool
							StartCursor, EndCursor       string
						}
					}
				}
				q := `query($c: String) { documents(` + args + `, first: 7, after: $c) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`
				if !forward {
					q = `query($c: String) { documents(` + args + `, last: 7, before: $c) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`
				}
				e.ok(q, &a, client.Var("c", nullable(cursor)))
				var got []string
				for _, n := range a.Documents.Nodes {
					got = append(got, n.ID)
				}
				p := a.Documents.PageInfo
				if forward {
					out = append(out, got...)
					if !p.HasNextPage {
						return out
					}
					cursor = p.EndCursor
				} else {
					out = append(got, out...)
					if !p.HasPreviousPage {
						return out
					}
					cursor = p.StartCursor
				}
			}
			t.Fatal("paging does not end")
			return nil
		}
		fwd, back := walk(true), walk(false)
		if len(fwd) != len(docs) || !slices.Equal(fwd, back) {
			t.Errorf("forward %d and backward %d pages differ (or miss documents: %d)", len(fwd), len(back), len(docs))
		}
	})
	t.Run("relationship connection", func(t *testing.T) {
		var plain struct {
			Document struct{ CitedBy []struct{ ID string } }
		}
		e.ok(`{ document(id: "document/com-2010-0673") { citedBy { id } } }`, &plain)
		var got []string
		cursor := ""
		for page := 0; page < 20; page++ {
			var a struct {
				Document struct {
					CitedByConnection struct {
						TotalCount int
						Edges      []struct {
							Node         struct{ ID string }
							Relationship struct{ Type, Direction string }
						}
						PageInfo struct {
							HasNextPage bool
							EndCursor   string
						}
						Aggregate struct{ Count int }
					}
				}
			}
			e.ok(`query($c: String) { document(id: "document/com-2010-0673") {
				citedByConnection(first: 2, after: $c, sort: [{field: DATE, desc: true}]) {
					totalCount edges { node { id } relationship { type direction } } pageInfo { hasNextPage endCursor } aggregate { count } } } }`,
				&a, client.Var("c", nullable(cursor)))
			c := a.Document.CitedByConnection
			if c.TotalCount != len(plain.Document.CitedBy) || c.Aggregate.Count != c.TotalCount {
				t.Fatalf("totalCount %d, aggregate count %d, citedBy %d", c.TotalCount, c.Aggregate.Count, len(plain.Document.CitedBy))
			}
			for _, ed := range c.Edges {
				if ed.Relationship.Type != "CITES" || ed.Relationship.Direction != "IN" {
					t.Errorf("relationship %+v, want CITES IN", ed.Relationship)
				}
				got = append(got, ed.Node.ID)
			}
			if !c.PageInfo.HasNextPage {
				break
			}
			cursor = c.PageInfo.EndCursor
		}
		var want []string
		for _, d := range plain.Document.CitedBy {
			want = append(want, d.ID)
		}
		sameSet(t, "citedByConnection", got, want)
	})
	t.Run("aggregate of every kind", func(t *testing.T) {
		var a struct {
			Stats    struct{ Nodes int }
			AllNodes struct {
				Aggregate struct {
					Count    int
					Min, Max struct{ Date, Established *string }
				}
			}
		}
		e.ok(`{ stats { nodes } allNodes { aggregate { count min { date established } max { date established } } } }`, &a)
		g := a.AllNodes.Aggregate
		if g.Count != a.Stats.Nodes || g.Min.Date == nil || g.Max.Date == nil || g.Min.Established == nil || *g.Min.Date > *g.Max.Date {
			t.Errorf("aggregate %+v of %d nodes", g, a.Stats.Nodes)
		}
	})
	t.Run("bad input", func(t *testing.T) {
		for _, q := range []string{
			`{ documents(where: {reference: {eq: "not a reference"}}) { totalCount } }`,
			`{ documents(first: 2, last: 2) { totalCount } }`,
			`{ documents(sort: [{field: DATE}], after: "bm90IGEgY3Vyc29y") { totalCount } }`,
			`{ documents { aggregate { groupBy(by: [{field: TYPE, truncate: YEAR}]) { groups { count } } } } }`,
			`{ documents { aggregate { groupBy(by: []) { groups { count } } } } }`,
			`{ agency(id: "agency/europol") { responsibleForConnection(sort: [{field: NAME, edge: ROLE}]) { totalCount } } }`,
			`{ agency(id: "agency/europol") { responsibleForConnection(where: {edge: {article: {eq: "71"}}}) { totalCount } } }`,
		} {
			e.fails(q, "BAD_USER_INPUT")
		}
	})
}

// A where counts towards the complexity limit, more deeply nested more.
func TestWhereCostsComplexity(t *testing.T) {
	e := newEnv(t, withOptions(func(o *resolvers.Options) { o.MaxComplexity = 200 }))
	e.ok(`{ documents(first: 5) { nodes { id } } }`, nil)
	e.ok(`{ documents(first: 5, where: {type: {eq: "report"}}) { nodes { id } } }`, nil)
	deep := `{ documents(first: 5, where: {cites: {some: {cites: {some: {authors: {some: {name: {contains: "a"}, id: {startsWith: "institution/"}}}}}}}}) { nodes { id } } }`
	ge := e.fails(deep, "COMPLEXITY_LIMIT_EXCEEDED")
	if ge.Extensions["reason"] != "COMPLEXITY" {
		t.Errorf("reason %v, want COMPLEXITY", ge.Extensions["reason"])
	}
}
