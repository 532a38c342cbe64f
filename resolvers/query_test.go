package resolvers_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
)

const nodeFields = `id kind name description aliases sources { file section lines }`

func TestLookupsByID(t *testing.T) {
	e := newEnv(t)
	res := e.do(`{
		institution(id: "institution/ep-libe") { ` + nodeFields + ` acronym type }
		person(id: "person/rita-borsellino") { ` + nodeFields + ` givenName familyName group country }
		procedure(id: "procedure/2010-2308-ini") { ` + nodeFields + ` reference type subtype status subjects legalBasis committeeDossier date }
		document(id: "document/com-2010-0673") { ` + nodeFields + ` title shortTitle reference type date }
		objective(id: "objective/iss-so1-ka1") { ` + nodeFields + ` number type }
		agency(id: "agency/ec3") { ` + nodeFields + ` acronym type established }
		event(id: "event/2010-2308-ini/2012-05-22-decision-by-parliament") { ` + nodeFields + ` date endDate type reference }
		node(id: "agency/europol") { __typename id ... on Agency { acronym } }
		nodes(ids: ["person/ana-gomes", "person/nobody", "objective/iss-so3"]) { __typename id name }
		missing: document(id: "document/nothing") { id }
		wrongKind: document(id: "agency/europol") { id }
		missingNode: node(id: "not an id at all") { id }
	}`)
	golden(t, "lookups", res)
}

func TestLookupByReference(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		query, want string
	}{
		{`document(reference: "COM(2010) 673")`, "document/com-2010-0673"},
		{`document(reference: "COM(2010)0673")`, "document/com-2010-0673"},
		{`document(reference: "com/2010/673")`, "document/com-2010-0673"},
		{`document(reference: "COM (2010) 673 final")`, "document/com-2010-0673"},
		{`document(reference: "P7_TA(2012)0207")`, "document/ep-t7-0207-2012"},
		{`document(reference: "A7-143/2012")`, "document/ep-a7-0143-2012"},
		// iss-2010 has no reference of its own, only an alias.
		{`document(reference: "doc. 7120/10")`, "document/iss-2010"},
		{`procedure(reference: "2010/2308(INI)")`, "procedure/2010-2308-ini"},
		{`procedure(reference: "2010/2308 (INI)")`, "procedure/2010-2308-ini"},
		{`procedure(reference: "2013/2636(rsp)")`, "procedure/2013-2636-rsp"},
		{`procedure(id: "procedure/2010-2308-ini")`, "procedure/2010-2308-ini"},
	}
	for _, tt := range tests {
		var got map[string]*struct{ ID string }
		e.ok(`{ x: `+tt.query+` { id } }`, &got)
		if got["x"] == nil || got["x"].ID != tt.want {
			t.Errorf("%s = %+v, want %s", tt.query, got["x"], tt.want)
		}
	}

	// A well-formed reference to nothing is null, not an error.
	var got map[string]any
	e.ok(`{ x: document(reference: "COM(2019) 1") { id } }`, &got)
	if got["x"] != nil {
		t.Errorf("missing reference = %v, want null", got["x"])
	}

	bad := []string{
		`document(reference: "not a reference")`,
		`document(reference: "2010/2308(INI)")`, // a procedure's
		`procedure(reference: "COM(2010) 673")`, // a document's
		`document(id: "document/com-2010-0673", reference: "COM(2010) 673")`,
		`document`,
		`procedure`,
	}
	for _, q := range bad {
		ge := e.fails(`{ x: `+q+` { id } }`, "BAD_USER_INPUT")
		if ge.Message == "" {
			t.Errorf("%s: empty message", q)
		}
	}
	ge := e.fails(`{ x: document(reference: "COM(2010) x") { id } }`, "BAD_USER_INPUT")
	if !strings.Contains(ge.Message, "COM(2010) x") {
		t.Errorf("message %q does not name the input", ge.Message)
	}
}

func TestListsFilterAndSort(t *testing.T) {
	e := newEnv(t)
	res := e.do(`{
		byType: documents(filter: {type: "report"}) { totalCount nodes { id } }
		byText: documents(filter: {text: "INTERNAL security"}) { totalCount nodes { id } }
		byDates: documents(filter: {dateFrom: "2012-01-01", dateTo: "2012-12-31"}, sort: {field: DATE, desc: true}) {
			totalCount nodes { id date } }
		byReference: documents(filter: {reference: "COM(2014)0365"}) { nodes { id reference } }
		procedures(filter: {reference: "2010/2308 (INI)"}) { nodes { id } }
		events(sort: {field: DATE}) { nodes { id date } }
		eventsByReference: events(filter: {reference: "T7-0207/2012"}) { nodes { id } }
		committees: institutions(filter: {type: "committee"}, sort: {field: NAME}) { nodes { name } }
		ep: institutions(filter: {idPrefix: "institution/ep-"}) { totalCount }
		people(filter: {text: "gomes"}) { nodes { id } }
		objectives(filter: {type: "strategic-objective"}) { nodes { id } }
		agencies(sort: {field: NAME, desc: true}) { nodes { name } }
		stats { nodes edges byKind { kind count } }
	}`)
	golden(t, "lists", res)

	for _, q := range []string{
		`documents(filter: {reference: "nonsense"}) { totalCount }`,
		`documents(filter: {dateFrom: "2013-01-01", dateTo: "2012-01-01"}) { totalCount }`,
		`documents(first: 0) { totalCount }`,
		`documents(first: 101) { totalCount }`,
		`documents(after: "garbage") { totalCount }`,
		`events(filter: {reference: "2010/2308(INI)"}) { totalCount }`,
	} {
		e.fails(`{ `+q+` }`, "BAD_USER_INPUT")
	}
}

// Walking every page of a list in pages of three returns every node once,
// in order, with consistent page info.
func TestPagination(t *testing.T) {
	e := newEnv(t)
	var all struct {
		AllNodes struct {
			TotalCount int
			Nodes      []struct{ ID string }
		}
	}
	e.ok(`{ allNodes(first: 100) { totalCount nodes { id } } }`, &all)
	var want []string
	for _, n := range all.AllNodes.Nodes {
		want = append(want, n.ID)
	}
	if len(want) != all.AllNodes.TotalCount || len(want) != len(fixture().Nodes) {
		t.Fatalf("one page holds %d of %d nodes, the fixture %d", len(want), all.AllNodes.TotalCount, len(fixture().Nodes))
	}
	if !slices.IsSorted(want) {
		t.Errorf("default order is not by id: %v", want)
	}

	for _, sort := range []string{`{field: ID}`, `{field: NAME, desc: true}`, `{field: DATE}`} {
		var got []string
		after := ""
		for page := 0; ; page++ {
			if page > 20 {
				t.Fatal("pagination does not end")
			}
			var resp struct {
				AllNodes struct {
					TotalCount int
					Edges      []struct {
						Cursor string
						Node   struct{ ID string }
					}
					PageInfo struct {
						HasNextPage, HasPreviousPage bool
						StartCursor, EndCursor       *string
					}
				}
			}
			e.ok(`query($after: String) { allNodes(first: 3, after: $after, sort: `+sort+`) {
				totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
				&resp, client.Var("after", nullable(after)))
			c := resp.AllNodes
			if c.TotalCount != len(want) {
				t.Errorf("%s page %d: totalCount %d, want %d", sort, page, c.TotalCount, len(want))
			}
			if c.PageInfo.HasPreviousPage != (page > 0) {
				t.Errorf("%s page %d: hasPreviousPage = %v", sort, page, c.PageInfo.HasPreviousPage)
			}
			if len(c.Edges) == 0 {
				t.Fatalf("%s page %d is empty", sort, page)
			}
			if c.PageInfo.EndCursor == nil || *c.PageInfo.EndCursor != c.Edges[len(c.Edges)-1].Cursor ||
				c.PageInfo.StartCursor == nil || *c.PageInfo.StartCursor != c.Edges[0].Cursor {
				t.Errorf("%s page %d: page info cursors do not match the edges", sort, page)
			}
			for _, ed := range c.Edges {
				got = append(got, ed.Node.ID)
			}
			if !c.PageInfo.HasNextPage {
				break
			}
			after = *c.PageInfo.EndCursor
		}
		sorted := slices.Clone(got)
		slices.Sort(sorted)
		if !slices.Equal(sorted, want) {
			t.Errorf("%s: pages hold %v, want each of %v once", sort, got, want)
		}
	}

	// A cursor from one order does not work in another.
	var first struct {
		AllNodes struct{ PageInfo struct{ EndCursor string } }
	}
	e.ok(`{ allNodes(first: 2) { pageInfo { endCursor } } }`, &first)
	e.fails(`query($a: String) { allNodes(first: 2, after: $a, sort: {field: NAME}) { totalCount } }`, "BAD_USER_INPUT",
		client.Var("a", first.AllNodes.PageInfo.EndCursor))
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Every relationship field, in both directions, with the edge properties
// and provenance.
func TestRelationships(t *testing.T) {
	e := newEnv(t)
	res := e.do(`{
		document(id: "document/com-2010-0673") {
			cites { id } citedBy { id } authors { __typename id name }
			addresses { id } procedure { id } procedures { id }
			contributors { role actor { id } } responsible { role actor { id } }
			producedBy { id } concernedBy { id } related { id } parts { id } partOf { id }
		}
		report: document(id: "document/com-2014-0365") {
			contributors { id role note date actor { id } target { id } sources { file section lines } }
			related { __typename id } procedure { id }
		}
		adopted: document(id: "document/ep-t7-0207-2012") { procedure { id } procedures { id } producedBy { id } authors { id } }
		annex: document(id: "document/com-2010-0673-annex") { partOf { id } }
		procedure(id: "procedure/2010-2308-ini") {
			rapporteurs { id role person { id } procedure { id } committee { id acronym } group appointed note sources { file section } }
			events { id date } documents { id } related { id }
			responsible { role actor { __typename id } target { id } }
			contributors { role actor { id } } concernedBy { id }
		}
		objective(id: "objective/iss-so1") {
			responsible { role actor { id } } keyActions { id parent { id } responsible { role note actor { id } } }
			parent { id } addressedBy { __typename id } contributors { id } concernedBy { id }
		}
		so3: objective(id: "objective/iss-so3") { responsible { role date actor { id name } target { id } } }
		europol: agency(id: "agency/europol") {
			responsibleFor { role target { id } } contributesTo { target { id } } partOf { id } parts { id }
			memberOf { id } authored { id } participatedIn { id } concernedBy { id }
		}
		ec3: agency(id: "agency/ec3") { partOf { id } responsibleFor { target { id } } }
		ep: institution(id: "institution/european-parliament") {
			members { id } parts { id } partOf { id } authored { id }
			participatedIn { role event { id } actor { id } } concernedBy { id }
		}
		libe: institution(id: "institution/ep-libe") {
			partOf { id } responsibleFor { role target { id } } authored { id } memberOf { id }
		}
		afet: institution(id: "institution/ep-afet") { contributesTo { role target { id } actor { id } } }
		group: institution(id: "institution/group-s-d") { members { role member { id } institution { id } } }
		commission: institution(id: "institution/european-commission") { authored { id } members { role member { __typename id } } }
		rita: person(id: "person/rita-borsellino") {
			roles { id type role date note group target { __typename id } committee { id } sources { file } }
			rapporteurships { role procedure { id } } memberOf { institution { id } } authored { id }
			responsibleFor { id } contributesTo { id } participatedIn { id }
		}
		malmstrom: person(id: "person/cecilia-malmstrom") {
			roles { type role target { id } }
			memberOf { role date institution { name } } responsibleFor { role target { id } }
		}
		decision: event(id: "event/2010-2308-ini/2012-05-22-decision-by-parliament") {
			procedure { id } produced { id } participants { role actor { id } event { id } }
			concerns { __typename id } addresses { id } contributors { id }
		}
		meeting: event(id: "event/council-meeting-3071") {
			procedure { id } participants { role actor { id } } concerns { id } addresses { id }
		}
	}`)
	golden(t, "relationships", res)
}

// relationships(types:, direction:) lists every edge of a node generically,
// with the edge's properties and both ends.
func TestGenericRelationships(t *testing.T) {
	e := newEnv(t)
	res := e.do(`{
		procedure(id: "procedure/2010-2308-ini") {
			all: relationships { id type direction role date note group committee { id } from { id } to { id } other { __typename id } sources { file } }
			out: relationships(direction: OUT) { type other { id } }
			rapporteurs: relationships(types: [RAPPORTEUR], direction: IN) { role group committee { acronym } other { id name } }
			two: relationships(types: [HAS_DOCUMENT, RELATED_TO]) { type direction other { id } }
		}
		node(id: "person/ana-gomes") {
			id
			relationships { type direction other { id } }
		}
	}`)
	golden(t, "generic-relationships", res)
}
