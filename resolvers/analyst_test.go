package resolvers_test

// Analyst questions over the whole seeded ISS dataset. Each question is one
// GraphQL query whose answer is checked twice: against a golden file in
// testdata/analyst/ (rewritten by -update), and by Go assertions of the key
// facts, each verified by hand against the corpus, so that a wrong dataset
// fails even after a careless -update. Every query fetches the sources of
// the facts it answers; the test checks that they point at the corpus file
// that states the fact and, when the corpus is at hand, that the cited lines
// mention it. Where the corpus does not state something (an appointment
// date, a month-only launch date) the assertion is that the API does not
// answer it either.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/teststore"
	"github.com/issgraph/issgraph/resolvers"
	"github.com/issgraph/issgraph/seed"
	"github.com/issgraph/issgraph/seed/derive"
)

// The corpus files, by the name sources use.
const (
	comReport = "com-2014-0365-final-iss-implementation-report.txt"
	council   = "council-14186-1-14-rev1-draft-conclusions.txt"
	eurlex    = "eurlex-summary-iss-in-action.txt"
	homeAff   = "home-affairs-iss-overview.txt"
	oeil      = "oeil-procedure-2010-2308-INI.txt"
)

var corpusFiles = []string{comReport, council, eurlex, homeAff, oeil}

// seeded is the API over the whole dataset, loaded once per test binary
// (teststore.Shared): the questions only read.
var seeded struct {
	once   sync.Once
	client *client.Client
}

func seededStore(t testing.TB) graph.Store {
	t.Helper()
	return teststore.Shared(t, "iss", func(ctx context.Context, s graph.Store) error {
		_, err := seed.Load(ctx, s, seed.Options{})
		return err
	})
}

func seededClient(t *testing.T) *client.Client {
	t.Helper()
	s := seededStore(t)
	seeded.once.Do(func() {
		h := resolvers.NewHandler(s, resolvers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		seeded.client = client.New(h)
	})
	return seeded.client
}

// question is one analyst question.
type question struct {
	name  string // golden file testdata/analyst/<name>.json
	ask   string // the question, as an analyst puts it
	query string
	check func(a jv) // a is the answer's data
}

func TestAnalystQuestions(t *testing.T) {
	c := seededClient(t)
	if *update {
		if err := os.MkdirAll(filepath.Join("testdata", "analyst"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if len(analystQuestions) < 35 {
		t.Errorf("%d questions, want at least 35", len(analystQuestions))
	}
	names := map[string]bool{}
	for _, q := range analystQuestions {
		if names[q.name] {
			t.Fatalf("two questions named %q", q.name)
		}
		names[q.name] = true
		t.Run(q.name, func(t *testing.T) {
			t.Log(q.ask)
			e := &env{t: t, client: c}
			res := e.do(q.query)
			golden(t, filepath.Join("analyst", q.name), res)
			var data any
			if err := json.Unmarshal(res.Data, &data); err != nil {
				t.Fatal(err)
			}
			a := jv{t: t, path: "data", v: data}
			a.checkSources()
			q.check(a)
		})
	}
}

// Walking every page of a list via after returns each node once, in the
// list's order, and as many nodes as totalCount says.
func TestAnalystWalkAllPages(t *testing.T) {
	c := seededClient(t)
	lists := []struct {
		name, field, args string
		fields            string // beyond id, name and sources
		total             int    // the size of the list in the dataset
		order             string // the property the list is sorted by
		desc              bool
	}{
		// Every document, oldest first; undated ones last.
		{"walk-documents-by-date", "documents", `sort: {field: DATE}, first: 15`, `date`, 99, "date", false},
		// The five strategic objectives and their seventeen key actions, by name, Z to A.
		{"walk-iss-2010-objectives-by-name", "objectives", `filter: {idPrefix: "objective/iss-so"}, sort: {field: NAME, desc: true}, first: 4`, `number`, 22, "name", true},
		// Every node of every kind, by id.
		{"walk-all-nodes-by-id", "allNodes", `first: 100`, `__typename`, 237, "id", false},
	}
	for _, l := range lists {
		t.Run(l.name, func(t *testing.T) {
			e := &env{t: t, client: c}
			var items []any
			seen := map[string]bool{}
			after := ""
			for page := 0; ; page++ {
				if page > l.total {
					t.Fatal("pagination does not end")
				}
				res := e.do(`query($after: String) { list: `+l.field+`(`+l.args+`, after: $after) {
					totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
					nodes { id name `+l.fields+` sources { file section lines } } } }`,
					client.Var("after", nullable(after)))
				if len(res.Errors) > 0 {
					t.Fatalf("page %d: %+v", page, res.Errors)
				}
				var data any
				if err := json.Unmarshal(res.Data, &data); err != nil {
					t.Fatal(err)
				}
				a := jv{t: t, path: fmt.Sprintf("page %d", page), v: data}
				a.checkSources()
				a.is("list.totalCount", l.total)
				a.is("list.pageInfo.hasPreviousPage", page > 0)
				nodes := a.at("list.nodes").list()
				if len(nodes) == 0 {
					t.Fatalf("page %d is empty", page)
				}
				for _, n := range nodes {
					id := n.at("id").str()
					if seen[id] {
						t.Errorf("%s comes twice", id)
					}
					seen[id] = true
					// The golden file keeps the order, not the provenance,
					// which checkSources has checked.
					item := maps.Clone(n.v.(map[string]any))
					delete(item, "sources")
					items = append(items, item)
				}
				if !a.at("list.pageInfo.hasNextPage").boolean() {
					break
				}
				after = a.at("list.pageInfo.endCursor").str()
			}
			if len(items) != l.total {
				t.Errorf("walked %d nodes, totalCount is %d", len(items), l.total)
			}
			// In order: by the sort key, ties by id; a document without a date
			// comes after every dated one, and names compare by graph.NameKey.
			key := func(v any) string {
				m := v.(map[string]any)
				s, ok := m[l.order].(string)
				switch {
				case !ok:
					return graph.NoDate
				case l.order == "name":
					return graph.NameKey(s)
				}
				return s
			}
			for i := 1; i < len(items); i++ {
				p, q := items[i-1].(map[string]any), items[i].(map[string]any)
				kp, kq := key(items[i-1]), key(items[i])
				ok := kp < kq || kp == kq && p["id"].(string) < q["id"].(string)
				if l.desc {
					ok = kp > kq || kp == kq && p["id"].(string) > q["id"].(string)
				}
				if !ok {
					t.Errorf("%s comes before %s", p["id"], q["id"])
				}
			}
			b, err := json.Marshal(map[string]any{"nodes": items})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("analyst", l.name), result{Data: b})
		})
	}
}

// src is the provenance every answer asks for.
const src = `sources { file section lines }`

var analystQuestions = []question{
	{
		name:  "rapporteur",
		ask:   "Who is the rapporteur of 2010/2308(INI), for which committee and group, appointed when?",
		query: `{ procedure(reference: "2010/2308(INI)") { id reference ` + src + ` rapporteurs { role group appointed person { id name country ` + src + ` } committee { id acronym name } ` + src + ` } } }`,
		check: func(a jv) {
			p := a.at("procedure")
			p.is("id", "procedure/2010-2308-ini")
			p.sourced(oeil, "2010/2308(INI)")
			r := p.at("rapporteurs").where("role", "RAPPORTEUR")
			r.is("person.name", "Rita Borsellino")
			r.is("group", "S&D")
			r.is("appointed", "2010-10-26")
			r.is("committee.acronym", "LIBE")
			r.is("committee.name", "Committee on Civil Liberties, Justice and Home Affairs")
			// The role and the date are the header row's words.
			r.sourced(oeil, "Committee responsible", "Rapporteur", "Appointed", "BORSELLINO Rita (S&D)", "26/10/2010")
			// The committee report's summary gives her country.
			r.is("person.country", "IT")
			r.at("person").sourced(oeil, "Rita BORSELLINO (S&D, IT)")
			sameSet(a.t, "roles", p.at("rapporteurs").strs("role"),
				[]string{"RAPPORTEUR", "SHADOW_RAPPORTEUR", "SHADOW_RAPPORTEUR", "RAPPORTEUR_FOR_OPINION"})
		},
	},
	{
		name: "shadow-rapporteurs",
		ask:  "Who were the shadow rapporteurs on the ISS own-initiative report, and from which groups?",
		query: `{ procedure(reference: "2010/2308(INI)") { relationships(types: [RAPPORTEUR], direction: IN) {
			role group date committee { acronym } other { id name ... on Person { group } } ` + src + ` } } }`,
		check: func(a jv) {
			rels := a.at("procedure.relationships")
			var shadows []string
			for _, r := range rels.list() {
				if r.at("role").str() != "shadow rapporteur" {
					continue
				}
				shadows = append(shadows, r.at("other.name").str()+" ("+r.at("group").str()+")")
				r.is("committee.acronym", "LIBE")
				// OEIL gives no appointment date for shadows.
				r.is("date", nil)
				r.sourced(oeil, "Shadow rapporteur", oeilName(r.at("other.name").str()), "LIBE")
			}
			sameSet(a.t, "shadow rapporteurs", shadows, []string{"Ágnes Hankiss (PPE)", "Sonia Alfano (ALDE)"})
		},
	},
	{
		name: "rapporteur-for-opinion",
		ask:  "Who drafted the opinion on 2010/2308(INI), for which committee, appointed when?",
		query: `{ person(id: "person/ana-gomes") { name group ` + src + `
			rapporteurships { role group appointed committee { id acronym name } procedure { reference } ` + src + ` } } }`,
		check: func(a jv) {
			p := a.at("person")
			p.is("name", "Ana Gomes")
			p.sourced(oeil, "GOMES Ana (S&D)")
			r := p.at("rapporteurships").where("procedure.reference", "2010/2308(INI)")
			r.is("role", "RAPPORTEUR_FOR_OPINION")
			r.is("committee.acronym", "AFET")
			r.is("committee.name", "Committee on Foreign Affairs")
			r.is("appointed", "2012-01-11")
			r.is("group", "S&D")
			r.sourced(oeil, "Rapporteur for opinion", "AFET", "GOMES Ana", "11/01/2012")
		},
	},
	{
		name: "iss-in-action-spellings",
		ask:  "Is COM(2010) 673, in whatever spelling or by its Council number, one document?",
		query: `{
			a: document(reference: "COM(2010) 673") { id reference title date aliases ` + src + ` }
			b: document(reference: "COM(2010)0673") { id }
			c: document(reference: "COM/2010/673") { id }
			d: document(reference: "COM(2010) 673 final") { id }
			e: document(reference: "16797/10") { id }
			list: documents(filter: {reference: "COM (2010) 673"}) { totalCount nodes { id } }
		}`,
		check: func(a jv) {
			for _, k := range []string{"a", "b", "c", "d", "e"} {
				a.is(k+".id", "document/com-2010-0673")
			}
			a.is("list.totalCount", 1)
			a.is("list.nodes.0.id", "document/com-2010-0673")
			d := a.at("a")
			d.is("reference", "COM(2010) 673")
			d.is("date", "2010-11-22")
			d.is("title", "The EU Internal Security Strategy in Action: Five steps towards a more secure Europe")
			d.sourced(eurlex, "COM(2010) 673 final of 22.11.2010")
			// The Council number is footnote 2 of 14186/1/14 REV 1.
			sameSet(a.t, "aliases", d.at("aliases").strings(), []string{"16797/10"})
			d.sourced(council, "16797/10")
		},
	},
	{
		name: "final-report-by-council-number",
		ask:  "Which document is Council doc. 11260/14?",
		query: `{
			document(reference: "11260/14") { id reference type date title aliases ` + src + ` }
			documents(filter: {reference: "11260/14"}) { totalCount }
		}`,
		check: func(a jv) {
			d := a.at("document")
			d.is("id", "document/com-2014-0365")
			d.is("reference", "COM(2014) 365")
			d.is("date", "2014-06-20")
			d.sourced(council, "11260/14")
			d.sourced(oeil, "COM(2014)0365", "20/06/2014")
			a.is("documents.totalCount", 1)
		},
	},
	{
		name: "implementation-report-contributors",
		ask:  "Who contributes to the Commission's ISS implementation reports?",
		query: `{
			first: document(reference: "COM(2011) 790") { reference date ` + src + ` contributors { role actor { __typename id name } ` + src + ` } }
			second: document(reference: "COM(2013) 179") { reference date ` + src + ` contributors { role date actor { __typename id name } ` + src + ` } }
		}`,
		check: func(a jv) {
			a.is("first.date", "2011-11-25")
			a.at("first").sourced(eurlex, "COM(2011) 790 final of 25.11.2011")
			a.is("second.date", "2013-04-10")
			a.at("second").sourced(eurlex, "COM(2013) 179 final of 10.4.2013")
			for _, r := range []string{"first", "second"} {
				cs := a.at(r + ".contributors")
				for _, ag := range []string{"agency/europol", "agency/eurojust", "agency/frontex"} {
					c := cs.where("actor.id", ag)
					c.sourced(homeAff, "Europol, together with Eurojust and Frontex, contribute to the implementation reports")
				}
			}
			// The Portuguese Parliament sent a contribution on the second report.
			pt := a.at("second.contributors").where("actor.id", "institution/national-parliament-pt")
			pt.is("date", "2013-10-11")
			pt.sourced(oeil, "PT_PARLIAMENT", "COM(2013)0179", "11/10/2013")
		},
	},
	{
		name: "renewed-iss-footnotes",
		ask:  "What do the draft conclusions 14186/1/14 REV 1 cite in their footnotes?",
		query: `{ document(reference: "14186/1/14 REV 1") { id date ` + src + `
			relationships(types: [CITES], direction: OUT) { other { id ... on Document { reference title } } ` + src + ` } } }`,
		check: func(a jv) {
			d := a.at("document")
			d.is("id", "document/council-14186-14-rev1")
			d.is("date", "2014-10-16")
			d.sourced(council, "16 October 2014")
			cites := d.at("relationships")
			// Footnotes 1 to 5, each with what the footnote says.
			for _, fn := range []struct{ id, ref, says string }{
				{"document/council-7120-10", "7120/10", "Doc. 7120/10"},
				{"document/com-2010-0673", "COM(2010) 673", "Doc. 16797/10"},
				{"document/euco-79-14", "EUCO 79/14", "Doc. EUCO 79/14"},
				{"document/com-2014-0365", "COM(2014) 365", "Doc. 11260/14"},
				{"document/european-security-strategy-2003", "", "European Security Strategy"},
				{"document/ess-implementation-report-2008", "", "Report on the implementation of the European Security Strategy"},
			} {
				c := cites.where("other.id", fn.id)
				if fn.ref != "" {
					c.is("other.reference", fn.ref)
				}
				c.sourced(council, fn.says)
			}
		},
	},
	{
		name: "objective-4-key-actions",
		ask:  "What are the key actions of strategic objective 4, and who is responsible for them?",
		query: `{ objective(id: "objective/iss-so4") { number name type ` + src + `
			keyActions { id number name ` + src + `
				responsible { role actor { id name } ` + src + ` }
				contributors { actor { id name } ` + src + ` } } } }`,
		check: func(a jv) {
			o := a.at("objective")
			o.is("number", "4")
			o.is("name", "Strengthen security through border management")
			o.sourced(comReport, "Objective 4: Strengthen security through border management")
			kas := o.at("keyActions")
			sameList(a.t, "key actions", kas.strs("number"), []string{"4.1", "4.2", "4.3", "4.4"})
			for _, ka := range []struct{ n, mention string }{
				{"4.1", "exploiting the full potential of Eurosur"},
				{"4.2", "enhancing the contribution of Frontex at external borders"},
				{"4.3", "developing common risk management for movement of goods across external borders"},
				{"4.4", "improving interagency cooperation at national level"},
			} {
				k := kas.where("number", ka.n)
				k.sourced(eurlex, ka.mention)
				k.sourced(comReport, "The ISS identified four key actions")
			}
			// Frontex carries out 4.2; EUROSUR serves 4.1.
			fx := kas.where("number", "4.2").at("responsible").where("actor.id", "agency/frontex")
			fx.is("role", "implements")
			fx.sourced(eurlex, "contribution of Frontex")
			kas.where("number", "4.1").at("contributors").where("actor.id", "agency/eurosur").sourced(eurlex, "Eurosur")
			// The corpus names nobody responsible for 4.3 and 4.4.
			for _, n := range []string{"4.3", "4.4"} {
				if got := kas.where("number", n).at("responsible").list(); len(got) != 0 {
					a.t.Errorf("key action %s has responsible actors the corpus does not name: %v", n, got)
				}
			}
		},
	},
	{
		name:  "procedure-timeline",
		ask:   "What happened in procedure 2010/2308(INI), in order?",
		query: `{ procedure(reference: "2010/2308(INI)") { events { id name date reference ` + src + ` } } }`,
		check: func(a jv) {
			evs := a.at("procedure.events")
			var got []string
			for _, ev := range evs.list() {
				d := ev.at("date").str()
				got = append(got, d+" "+ev.at("name").str())
				if ev.at("id").str() == "event/council-meeting-3071" {
					ev.sourced(oeil, "3071", d)
				} else {
					ev.sourced(oeil, oeilDate(d), ev.at("name").str())
				}
			}
			sameList(a.t, "timeline", got, []string{
				"2010-12-16 Committee referral announced in Parliament",
				"2011-02-24 Resolution/conclusions adopted by Council",
				"2011-02-24 Council meeting 3071 (Justice and Home Affairs)",
				"2012-04-12 Vote in committee",
				"2012-04-24 Committee report tabled for plenary",
				"2012-05-21 Debate in Parliament",
				"2012-05-22 Decision by Parliament",
				"2012-05-22 End of procedure in Parliament",
				"2012-05-22 Results of vote in Parliament",
			})
			evs.where("name", "Committee report tabled for plenary").is("reference", "A7-0143/2012")
			evs.where("name", "Decision by Parliament").is("reference", "T7-0207/2012")
		},
	},
	{
		name:  "procedure-documents",
		ask:   "Which documents make up the file of 2010/2308(INI), of what type and date?",
		query: `{ procedure(reference: "2010/2308(INI)") { documents { id reference type date ` + src + ` } } }`,
		check: func(a jv) {
			docs := a.at("procedure.documents")
			want := map[string]string{ // reference -> date, OEIL documentation gateway
				"PE473.725":     "2012-01-09",
				"PE480.655":     "2012-02-09",
				"PE480.693":     "2012-03-14",
				"A7-0143/2012":  "2012-04-24",
				"T7-0207/2012":  "2012-05-22",
				"SP(2012)542":   "2012-09-24",
				"COM(2013) 179": "2013-04-10",
				"COM(2014) 365": "2014-06-20",
			}
			var refs []string
			for _, d := range docs.list() {
				ref := d.at("reference")
				if ref.null() {
					continue
				}
				refs = append(refs, ref.str())
				d.is("date", want[ref.str()])
				d.sourced(oeil, oeilDate(d.at("date").str()))
			}
			sameSet(a.t, "references", refs, slices.Collect(maps.Keys(want)))
			docs.where("reference", "A7-0143/2012").is("type", "report")
			docs.where("reference", "T7-0207/2012").is("type", "resolution")
			// The Council's conclusions of 24 February 2011 have no number in the corpus.
			cc := docs.where("id", "document/council-conclusions-on-the-iss-in-action")
			cc.is("type", "council-conclusions")
			cc.is("date", "2011-02-24")
			cc.sourced(oeil, "24/02/2011", "Resolution/conclusions adopted by Council")
		},
	},
	{
		name: "final-report-citations",
		ask:  "Which directives does the final implementation report cite, and which dated texts, in date order?",
		query: `{ document(reference: "COM(2014) 365") { relationships(types: [CITES], direction: OUT) {
			other { id ... on Document { type date reference } } ` + src + ` } } }`,
		check: func(a jv) {
			cites := a.at("document.relationships")
			ids := cites.strs("other.id")
			if !slices.IsSorted(ids) {
				a.t.Errorf("relationships are not in (type, from, to) order: %v", ids)
			}
			mentions := map[string]string{ // directive -> what the report calls it
				"document/access-to-a-lawyer-directive":                  "access to a lawyer",
				"document/anti-trafficking-directive":                    "trafficking in human beings",
				"document/attacks-against-information-systems-directive": "attacks against information systems",
				"document/child-sexual-abuse-directive":                  "sexual exploitation of children",
				"document/confiscation-directive":                        "freezing and confiscation of the proceeds of crime",
				"document/data-retention-directive":                      "Data Retention Directive",
				"document/european-investigation-order-directive":        "European Investigation Order",
				"document/european-protection-order-directive":           "European Protection Order",
				"document/interpretation-and-translation-directive":      "interpretation and translation",
				"document/right-to-information-directive":                "right to information",
				"document/victims-rights-directive":                      "victims of crime",
			}
			var directives []string
			type dated struct{ date, id string }
			var withDate []dated
			for _, c := range cites.list() {
				id := c.at("other.id").str()
				if c.at("other.type").v == "directive" {
					directives = append(directives, id)
					c.sourced(comReport, mentions[id])
				}
				if d := c.at("other.date"); !d.null() {
					withDate = append(withDate, dated{d.str(), id})
				}
			}
			sameSet(a.t, "directives", directives, slices.Collect(maps.Keys(mentions)))
			// The order of graph.Date is the byte order of the written
			// forms: a year before the months and days within it.
			slices.SortFunc(withDate, func(x, y dated) int {
				if c := strings.Compare(x.date, y.date); c != 0 {
					return c
				}
				return strings.Compare(x.id, y.id)
			})
			var got []string
			for _, d := range withDate {
				got = append(got, d.date+" "+d.id)
			}
			// Dates to the precision the corpus gives: a year, a month or
			// a day.
			sameList(a.t, "dated citations", got, []string{
				"2010 document/ethnic-profiling-handbook",
				"2010 document/eu-us-tftp-agreement",
				"2010 document/risk-assessment-guidelines-2010",
				"2010-02 document/council-7120-10",
				"2010-11-22 document/com-2010-0673",
				"2011-11-25 document/com-2011-0790",
				"2012-01-25 document/data-protection-package",
				"2012-12 document/eixm-communication",
				"2013 document/schengen-evaluation-mechanism",
				"2013 document/security-research-and-industrial-policy-initiative",
				"2013 document/socta-2013",
				"2013-01 document/drugs-markets-report-2013",
				"2013-02 document/eu-cybersecurity-strategy",
				"2013-04-10 document/com-2013-0179",
				"2013-06-13 document/ipcr-arrangements",
				"2013-12 document/fra-police-training-manual",
				"2013-12-17 document/eu-civil-protection-mechanism",
				"2014-01 document/preventing-radicalisation-communication",
				"2014-02 document/eu-anti-corruption-report-2014",
				"2014-04 document/overview-of-natural-and-man-made-disasters-2014",
			})
			cites.where("other.id", "document/ipcr-arrangements").sourced(comReport, "Integrated Political Crisis Response")
			cites.where("other.id", "document/com-2010-0673").sourced(comReport, "EU Internal Security Strategy in Action")
		},
	},
	{
		name: "who-cites-iss-in-action",
		ask:  "Which documents cite the ISS in Action, COM(2010) 673?",
		query: `{ document(reference: "COM(2010) 673") { citedBy { id reference date }
			relationships(types: [CITES], direction: IN) { other { id } ` + src + ` } } }`,
		check: func(a jv) {
			d := a.at("document")
			sameSet(a.t, "citing documents", d.at("citedBy").strs("id"), []string{
				"document/com-2014-0365",
				"document/council-14186-14-rev1",
				"document/council-conclusions-on-the-iss-in-action",
				"document/ep-a7-0143-2012",
				"document/ep-t7-0207-2012",
			})
			rels := d.at("relationships")
			sameSet(a.t, "relationships", rels.strs("other.id"), d.at("citedBy").strs("id"))
			rels.where("other.id", "document/com-2014-0365").sourced(comReport, "Internal Security Strategy in Action")
			rels.where("other.id", "document/council-14186-14-rev1").sourced(council, "16797/10")
			rels.where("other.id", "document/council-conclusions-on-the-iss-in-action").sourced(oeil, "Internal Security Strategy in Action")
			rels.where("other.id", "document/ep-a7-0143-2012").sourced(oeil, "Commission's communication")
			rels.where("other.id", "document/ep-t7-0207-2012").sourced(oeil, "Commission's communication")
		},
	},
	{
		name: "cosi-responsibilities",
		ask:  "What is COSI responsible for, and where does it sit?",
		query: `{ institution(id: "institution/cosi") { name acronym aliases type ` + src + `
			partOf { id } parts { id name }
			responsibleFor { role target { id name } ` + src + ` }
			participatedIn { event { id date } ` + src + ` } } }`,
		check: func(a jv) {
			c := a.at("institution")
			c.is("acronym", "COSI")
			c.is("type", "council-body")
			c.sourced(council, "Standing Committee on operational cooperation on internal security (COSI)")
			c.sourced(comReport, "Standing Committee on Internal Security (COSI)")
			sameSet(a.t, "part of", c.at("partOf").strs("id"), []string{"institution/council"})
			sameSet(a.t, "parts", c.at("parts").strs("id"), []string{"institution/cosi-support-group"})
			rs := c.at("responsibleFor")
			sameSet(a.t, "responsibilities", rs.strs("target.id"), []string{
				"document/council-7120-10",
				"objective/renewed-iss-principle-implementation",
				"objective/renewed-iss-principle-operational-cooperation",
			})
			iss := rs.where("target.id", "document/council-7120-10")
			iss.is("role", "monitors")
			iss.sourced(council, "developing, implementing and monitoring the Internal Security Strategy")
			impl := rs.where("target.id", "objective/renewed-iss-principle-implementation")
			impl.is("role", "monitors")
			impl.sourced(council, "COSI will play a significant role", "will monitor the implementation")
			op := rs.where("target.id", "objective/renewed-iss-principle-operational-cooperation")
			op.is("role", "facilitates")
			op.sourced(council, "facilitating the operational cooperation among Member States")
			m := c.at("participatedIn").where("event.id", "event/2014-07-22-informal-meeting-of-cosi-and-cats")
			m.is("event.date", "2014-07-22")
			m.sourced(council, "CATS held in Roma on 22 July 2014")
		},
	},
	{
		name: "frontex-objective-4",
		ask:  "What part does Frontex play in strategic objective 4?",
		query: `{ agency(id: "agency/frontex") { name acronym ` + src + `
			relationships(types: [RESPONSIBLE_FOR, CONTRIBUTES_TO], direction: OUT) {
				type direction role note other { id name ... on Objective { number } } ` + src + ` } } }`,
		check: func(a jv) {
			f := a.at("agency")
			f.is("name", "Frontex")
			var so4 []string
			for _, r := range f.at("relationships").list() {
				r.is("direction", "OUT")
				if strings.HasPrefix(r.at("other.id").str(), "objective/iss-so4") {
					so4 = append(so4, r.at("type").str()+" "+r.at("other.number").str())
				}
			}
			sameSet(a.t, "Frontex and objective 4", so4, []string{"RESPONSIBLE_FOR 4.2", "CONTRIBUTES_TO 4"})
			ka := f.at("relationships").where("other.id", "objective/iss-so4-ka2")
			ka.is("role", "implements")
			ka.sourced(comReport, "enhance the contribution of Frontex at the external borders")
			f.at("relationships").where("other.id", "objective/iss-so4").sourced(comReport, "Frontex has provided increased operational support")
		},
	},
	{
		name: "ec3-and-cybercrime",
		ask:  "What is EC3, whose is it, since when, and what does it do against cybercrime?",
		query: `{ agency(id: "agency/ec3") { name acronym type established ` + src + `
			relationships(types: [PART_OF], direction: OUT) { role other { id name } ` + src + ` }
			responsibleFor { role target { id name ... on Objective { number } } ` + src + ` }
			contributesTo { target { id name } ` + src + ` } } }`,
		check: func(a jv) {
			e := a.at("agency")
			e.is("name", "European Cybercrime Centre")
			e.is("acronym", "EC3")
			e.is("type", "centre")
			e.sourced(comReport, "European Cybercrime Centre (EC3) at Europol")
			// Launched "in early 2013": a year date.
			e.is("established", "2013")
			p := e.at("relationships").where("other.id", "agency/europol")
			p.sourced(comReport, "(EC3) at Europol")
			r := e.at("responsibleFor").where("target.id", "objective/iss-so3-ka1")
			r.is("role", "implements")
			r.is("target.number", "3.1")
			r.sourced(eurlex, "an EU cybercrime centre")
			e.at("contributesTo").where("target.id", "objective/iss-2014-challenge-cybercrime").sourced(comReport, "European Cybercrime Centre (EC3)")
		},
	},
	{
		name: "renewed-iss-threats",
		ask:  "Which common threats do the Council's draft conclusions set for the renewed ISS?",
		query: `{ objectives(filter: {type: "threat", idPrefix: "objective/renewed-iss-threat-"}, sort: {field: NAME}) {
			totalCount nodes { id number name addressedBy { id } ` + src + ` } } }`,
		check: func(a jv) {
			a.is("objectives.totalCount", 5)
			ns := a.at("objectives.nodes")
			sameList(a.t, "threats by name", ns.strs("name"), []string{
				"Cybercrime and the need for cyber security",
				"New and emerging threats",
				"Serious and organised crime in all its forms",
				"Terrorism, radicalisation and recruitment",
				"Threats stemming from the use of new technologies",
			})
			for _, th := range []struct{ number, says string }{
				{"1.a", "Serious and organised crime"},
				{"1.b", "Terrorism, radicalisation and recruitment"},
				{"1.c", "Cybercrime and the need for cyber security"},
				{"1.d", "Threats stemming from the use of **new technologies"},
				{"1.e", "New and emerging threats"},
			} {
				n := ns.where("number", th.number)
				n.sourced(council, th.says)
				if !slices.Contains(n.at("addressedBy").strs("id"), "document/council-14186-14-rev1") {
					a.t.Errorf("threat %s is not addressed by 14186/1/14 REV 1", th.number)
				}
			}
		},
	},
	{
		name: "renewed-iss-principles",
		ask:  "Which structure and principles should the renewed ISS reflect?",
		query: `{ objectives(filter: {type: "principle"}, sort: {field: ID}, first: 50) {
			totalCount nodes { id number name parent { id number } ` + src + ` } } }`,
		check: func(a jv) {
			a.is("objectives.totalCount", 16)
			ns := a.at("objectives.nodes")
			var top []string
			for _, n := range ns.list() {
				num := n.at("number").str()
				if n.at("parent").null() {
					top = append(top, num)
					continue
				}
				// 2.a is part of 2.
				parent, _, _ := strings.Cut(num, ".")
				n.is("parent.number", parent)
			}
			sameSet(a.t, "top-level principles", top, []string{"2", "3", "4", "5"})
			for _, p := range []struct{ number, heading string }{
				{"2", "COMPREHENSIVE AND COHERENT APPROACH"},
				{"3", "LINKING INTERNAL - EXTERNAL SECURITY"},
				{"4", "FUNDAMENTAL RIGHTS"},
				{"5", "IMPLEMENTATION"},
			} {
				ns.where("number", p.number).sourced(council, p.heading)
			}
			ns.where("number", "2.e").sourced(council, "coordination of investigations and prosecutions")
			ns.where("number", "2.h").sourced(council, "EU Border Security Strategy")
		},
	},
	{
		name: "final-report-challenges",
		ask:  "Which thematic challenges and cross-cutting objectives does the 2014 report set, and who takes them on?",
		query: `{
			challenges: objectives(filter: {type: "challenge"}, sort: {field: ID}) { totalCount nodes { id number name ` + src + `
				responsible { role actor { id } ` + src + ` } } }
			crossCutting: objectives(filter: {type: "cross-cutting-objective"}, sort: {field: ID}) { totalCount nodes { id number name ` + src + ` } }
		}`,
		check: func(a jv) {
			// The report's chapter 3.1 has four sections; OEIL's summary merges
			// organised crime and cybercrime into one line.
			a.is("challenges.totalCount", 4)
			cs := a.at("challenges.nodes")
			for _, c := range []struct{ number, name string }{
				{"3.1.1", "Serious and Organised Crime"},
				{"3.1.2", "Cybercrime"},
				{"3.1.3", "Terrorism, Radicalisation and Crisis Management"},
				{"3.1.4", "Strengthen Border Security"},
			} {
				n := cs.where("number", c.number)
				n.is("name", c.name)
				n.sourced(comReport, c.name)
				r := n.at("responsible").where("actor.id", "institution/european-commission")
				r.is("role", "implements")
				r.sourced(comReport, "The Commission will inter alia continue to work on the following actions")
			}
			a.is("crossCutting.totalCount", 3)
			xs := a.at("crossCutting.nodes")
			for _, c := range []struct{ number, name string }{
				{"3.2.1", "Strengthening the link between EU internal and external security"},
				{"3.2.2", "Strengthening the respect of fundamental rights as part of a citizen-centred approach"},
				{"3.2.3", "Strengthening the role of research, funding and training"},
			} {
				n := xs.where("number", c.number)
				n.is("name", c.name)
				n.sourced(comReport, c.name)
			}
		},
	},
	{
		name: "council-configuration-and-meeting",
		ask:  "Which Council configuration dealt with the procedure, at which meeting, with what result?",
		query: `{ institution(id: "institution/council-jha") { name acronym type ` + src + ` partOf { id }
			participatedIn { role event { id name date type produced { id title date } } ` + src + ` } } }`,
		check: func(a jv) {
			c := a.at("institution")
			c.is("name", "Justice and Home Affairs Council")
			c.is("acronym", "JHA")
			c.is("type", "council-configuration")
			c.sourced(oeil, "Justice and Home Affairs (JHA)")
			sameSet(a.t, "part of", c.at("partOf").strs("id"), []string{"institution/council"})
			m := c.at("participatedIn").where("event.id", "event/council-meeting-3071")
			m.is("event.date", "2011-02-24")
			m.is("event.type", "council-meeting")
			m.sourced(oeil, "Meetings", "3071", "2011-02-24")
			m.is("event.produced.0.id", "document/council-conclusions-on-the-iss-in-action")
			inf := c.at("participatedIn").where("event.id", "event/2014-07-08-informal-meeting-of-jha-ministers")
			inf.is("event.date", "2014-07-08")
			inf.sourced(council, "informal meeting of Ministers of Justice and Home Affairs on 8 July 2014")
		},
	},
	{
		name: "commissioner-and-dg",
		ask:  "Which Commissioner and which DG, and which Parliament committee, are responsible for 2010/2308(INI)?",
		query: `{ procedure(reference: "2010/2308(INI)") { responsible { role ` + src + ` actor { __typename id name
			... on Person { group memberOf { role institution { id } ` + src + ` } }
			... on Institution { type acronym partOf { id } } } } } }`,
		check: func(a jv) {
			rs := a.at("procedure.responsible")
			sameSet(a.t, "responsible", rs.strs("actor.id"), []string{
				"institution/dg-migration-and-home-affairs", "institution/ep-libe", "person/cecilia-malmstrom",
			})
			m := rs.where("actor.id", "person/cecilia-malmstrom")
			m.is("role", "Commissioner")
			m.is("actor.name", "Cecilia Malmström")
			m.sourced(oeil, "Commissioner", "MALMSTRÖM Cecilia")
			// OEIL names no political group for the Commissioner.
			m.is("actor.group", nil)
			mem := m.at("actor.memberOf").where("institution.id", "institution/european-commission")
			mem.is("role", "Commissioner")
			mem.sourced(oeil, "European Commission", "Commissioner", "MALMSTRÖM Cecilia")
			dg := rs.where("actor.id", "institution/dg-migration-and-home-affairs")
			dg.is("role", "Commission DG")
			dg.is("actor.type", "directorate-general")
			dg.is("actor.partOf.0.id", "institution/european-commission")
			dg.sourced(oeil, "Commission DG", "Migration and Home Affairs")
			libe := rs.where("actor.id", "institution/ep-libe")
			libe.is("role", "committee responsible")
			libe.sourced(oeil, "Committee responsible", "LIBE Civil Liberties, Justice and Home Affairs")
		},
	},
	{
		name: "communications-2010-2014",
		ask:  "Which Commission communications dated 2010 to 2014 are there, oldest first?",
		query: `{
			dated: documents(filter: {type: "communication", dateFrom: "2010-01-01", dateTo: "2014-12-31"}, sort: {field: DATE}) {
				totalCount nodes { id reference date ` + src + ` } }
			all: documents(filter: {type: "communication"}) { totalCount }
			in2014: documents(filter: {type: "communication", dateFrom: "2014", dateTo: "2014"}, sort: {field: DATE, desc: true}) {
				nodes { id date } }
		}`,
		check: func(a jv) {
			ns := a.at("dated.nodes")
			a.is("dated.totalCount", 6)
			sameList(a.t, "communications", ns.strs("id"), []string{"document/com-2010-0673", "document/com-2011-0790",
				"document/eixm-communication", "document/com-2013-0179", "document/preventing-radicalisation-communication", "document/com-2014-0365"})
			// Two are dated to the month only: December 2012, January 2014.
			sameList(a.t, "dates", ns.strs("date"), []string{"2010-11-22", "2011-11-25", "2012-12", "2013-04-10", "2014-01", "2014-06-20"})
			ns.where("id", "document/eixm-communication").sourced(comReport, "in December 2012")
			ns.where("id", "document/preventing-radicalisation-communication").sourced(comReport, "In January 2014")
			// A year as both bounds spans the year; newest first.
			sameList(a.t, "communications of 2014", a.at("in2014.nodes").strs("id"),
				[]string{"document/com-2014-0365", "document/preventing-radicalisation-communication"})
			ns.where("reference", "COM(2010) 673").sourced(eurlex, "22.11.2010")
			ns.where("reference", "COM(2011) 790").sourced(eurlex, "25.11.2011")
			ns.where("reference", "COM(2013) 179").sourced(eurlex, "10.4.2013")
			ns.where("reference", "COM(2014) 365").sourced(oeil, "20/06/2014")
			// Communications the corpus gives no date for are not in a date range.
			if all := a.at("all.totalCount").num(); all <= 6 {
				a.t.Errorf("%d communications in all, want undated ones besides the 6 dated", all)
			}
		},
	},
	{
		name: "centres-and-systems",
		ask:  "Which EU centres and which information systems does the corpus give a part in the ISS?",
		query: `{
			centres: agencies(filter: {text: "CENTRE"}, sort: {field: NAME}) { totalCount nodes { id name acronym type ` + src + ` } }
			systems: agencies(filter: {type: "system"}, sort: {field: NAME}) { totalCount nodes { id name acronym ` + src + `
				contributesTo { target { id } ` + src + ` } } }
		}`,
		check: func(a jv) {
			cs := a.at("centres.nodes")
			sameList(a.t, "centres", cs.strs("name"), []string{
				"Emergency Response Coordination Centre", "EU Intelligence Centre", "European Cybercrime Centre",
			})
			cs.where("id", "agency/intcen").sourced(comReport, "EU Intelligence Centre")
			cs.where("id", "agency/ercc").sourced(comReport, "Emergency Response Coordination Centre")
			cs.where("id", "agency/ec3").sourced(comReport, "European Cybercrime Centre")
			ss := a.at("systems.nodes")
			sameSet(a.t, "systems", ss.strs("acronym"), []string{"EURODAC", "EUROSUR", "SIS II", "VIS"})
			ss.where("acronym", "SIS II").sourced(comReport, "second generation Schengen Information System (SIS II)")
			ss.where("acronym", "VIS").sourced(comReport, "Visa Information System (VIS)")
			ss.where("acronym", "VIS").at("contributesTo").where("target.id", "objective/iss-so4").sourced(comReport, "Visa Information System")
		},
	},
	{
		name: "europol-by-id",
		ask:  "What is Europol's place in the strategy: its centres, its assessments?",
		query: `{ node(id: "agency/europol") { __typename id name ` + src + ` ... on Agency { acronym type
			parts { id name } authored { id title }
			relationships(types: [AUTHORED], direction: OUT) { other { id } ` + src + ` } } } }`,
		check: func(a jv) {
			n := a.at("node")
			n.is("__typename", "Agency")
			n.is("id", "agency/europol")
			n.sourced(homeAff, "Europol")
			sameSet(a.t, "parts", n.at("parts").strs("id"), []string{"agency/ec3"})
			sameSet(a.t, "authored", n.at("authored").strs("id"), []string{"document/drugs-markets-report-2013", "document/socta-2013"})
			n.at("relationships").where("other.id", "document/socta-2013").sourced(comReport, "Europol Serious and Organised Crime Threat Assessment (SOCTA)")
			n.at("relationships").where("other.id", "document/drugs-markets-report-2013").sourced(comReport, "EMCDDA – Europol Drugs Markets Report")
		},
	},
	{
		name: "nodes-with-a-missing-id",
		ask:  "Fetch the procedure, a document that does not exist and the Commissioner in one call.",
		query: `{ nodes(ids: ["procedure/2010-2308-ini", "document/com-2099-0001", "person/cecilia-malmstrom"]) {
			__typename id name ` + src + ` } }`,
		check: func(a jv) {
			ns := a.at("nodes").list()
			if len(ns) != 3 {
				a.t.Fatalf("%d nodes for 3 ids", len(ns))
			}
			ns[0].is("__typename", "Procedure")
			ns[0].is("id", "procedure/2010-2308-ini")
			ns[0].sourced(oeil, "European Union's internal security strategy")
			if !ns[1].null() {
				a.t.Errorf("a missing id answers %v, want null", ns[1].v)
			}
			ns[2].is("__typename", "Person")
			ns[2].is("name", "Cecilia Malmström")
			ns[2].sourced(oeil, "MALMSTRÖM")
		},
	},
	{
		name: "graph-size",
		ask:  "How big is the graph, and who are the people in it?",
		query: `{
			stats { nodes edges byKind { kind count } byEdgeType { type count } }
			people: allNodes(kind: PERSON) { totalCount nodes { id name ` + src + ` } }
		}`,
		check: func(a jv) {
			a.is("stats.nodes", 237)
			a.is("stats.edges", 613)
			sum := func(path string) int {
				n := 0
				for _, c := range a.at(path).list() {
					n += c.at("count").num()
				}
				return n
			}
			if got := sum("stats.byKind"); got != 237 {
				a.t.Errorf("kinds add up to %d nodes", got)
			}
			if got := sum("stats.byEdgeType"); got != 613 {
				a.t.Errorf("edge types add up to %d edges", got)
			}
			a.at("stats.byKind").where("kind", "PERSON").is("count", 5)
			a.at("stats.byKind").where("kind", "PROCEDURE").is("count", 2)
			a.at("stats.byEdgeType").where("type", "RAPPORTEUR").is("count", 4)
			a.is("people.totalCount", 5)
			// The five people OEIL names, each from its Key players table.
			for _, p := range a.at("people.nodes").list() {
				p.sourced(oeil, oeilName(p.at("name").str()))
			}
		},
	},
	{
		name: "iss-in-action-inbound",
		ask:  "Who wrote the ISS in Action and who refers to it: its incoming relationships of two types?",
		query: `{ document(reference: "COM(2010) 673") { id relationships(types: [CITES, AUTHORED], direction: IN) {
			id type direction from { id } to { id } other { __typename id } ` + src + ` } } }`,
		check: func(a jv) {
			rels := a.at("document.relationships")
			var keys []string
			for _, r := range rels.list() {
				r.is("direction", "IN")
				r.is("to.id", "document/com-2010-0673")
				if r.at("other.id").str() != r.at("from.id").str() {
					a.t.Errorf("%s: other is not the far end", r.path)
				}
				keys = append(keys, r.at("type").str()+" "+r.at("from.id").str())
			}
			if !slices.IsSorted(keys) {
				a.t.Errorf("relationships not in (type, from, to) order: %v", keys)
			}
			sameSet(a.t, "types", uniq(rels.strs("type")), []string{"AUTHORED", "CITES"})
			au := rels.where("type", "AUTHORED")
			au.is("from.id", "institution/european-commission")
			au.is("other.__typename", "Institution")
			au.sourced(eurlex, "Communication from the Commission")
		},
	},
	{
		name: "five-strategic-objectives",
		ask:  "What are the five strategic objectives of the ISS in Action, and how many key actions each?",
		query: `{ objectives(filter: {type: "strategic-objective"}, sort: {field: ID}) { totalCount nodes {
			id number name keyActions { number } ` + src + ` } } }`,
		check: func(a jv) {
			a.is("objectives.totalCount", 5)
			ns := a.at("objectives.nodes")
			for _, o := range []struct {
				number, name, says string
				actions            int
			}{
				{"1", "Disrupt international criminal networks", "disruption of international criminal networks", 3},
				{"2", "Prevent terrorism and address radicalisation and recruitment", "prevention of terrorism and addressing radicalisation and recruitment", 3},
				{"3", "Raise levels of security for citizens and businesses in cyberspace", "security for citizens and businesses in cyberspace", 3},
				{"4", "Strengthen security through border management", "strengthening security through border management", 4},
				{"5", "Increase Europe's resilience to crises and disasters", "resilience to crises and disasters", 4},
			} {
				n := ns.where("number", o.number)
				n.is("name", o.name)
				if got := len(n.at("keyActions").list()); got != o.actions {
					a.t.Errorf("objective %s has %d key actions, want %d", o.number, got, o.actions)
				}
				// Every corpus file lists the five objectives.
				for _, f := range corpusFiles {
					n.sourced(f)
				}
				n.sourced(homeAff, o.says)
				n.sourced(council, o.says)
			}
		},
	},
	{
		name: "second-report-challenges",
		ask:  "Which challenges did the second implementation report single out for 2013?",
		query: `{ objectives(filter: {idPrefix: "objective/iss-2013-priority-"}, sort: {field: NAME}) { totalCount nodes {
			id name type addressedBy { id } ` + src + ` } } }`,
		check: func(a jv) {
			ns := a.at("objectives.nodes")
			sameList(a.t, "2013 challenges", ns.strs("name"), []string{"Countering violent extremism", "Cybercrime as a continuing concern in 2013", "Organised crime"})
			for _, n := range ns.list() {
				n.is("type", "priority")
				n.sourced(eurlex, "main challenges to be addressed in 2013")
				n.sourced(homeAff)
			}
			ns.where("id", "objective/iss-2013-priority-violent-extremism").sourced(eurlex, "violent extremism")
			ns.where("id", "objective/iss-2013-priority-organised-crime").sourced(oeil, "organised crime")
			for _, n := range ns.list() {
				if !slices.Contains(n.at("addressedBy").strs("id"), "document/com-2013-0179") {
					a.t.Errorf("%s is not addressed by the second report", n.at("id").str())
				}
			}
		},
	},
	{
		name: "first-report-priorities",
		ask:  "Where did the first implementation report (2011) call for more progress?",
		query: `{ objectives(filter: {idPrefix: "objective/iss-2011-priority-"}, sort: {field: ID}) { totalCount nodes {
			id name addressedBy { id } ` + src + ` } } }`,
		check: func(a jv) {
			a.is("objectives.totalCount", 7)
			ns := a.at("objectives.nodes")
			for _, p := range []struct{ id, says string }{
				{"objective/iss-2011-priority-serious-and-organised-crime", "fight against serious and organised crime"},
				{"objective/iss-2011-priority-cybercrime", "growing cyber threat"},
				{"objective/iss-2011-priority-judicial-and-law-enforcement-cooperation", "judicial and law enforcement cooperation"},
				{"objective/iss-2011-priority-administrative-approach", "administrative approach"},
				{"objective/iss-2011-priority-terrorist-asset-freezing-and-land-transport-security", "freezing of terrorist assets"},
				{"objective/iss-2011-priority-budapest-convention-ratification", "Budapest Convention"},
				{"objective/iss-2011-priority-smart-borders-and-interagency-cooperation", "Smart Borders"},
			} {
				n := ns.where("id", p.id)
				n.sourced(eurlex, p.says)
				if !slices.Contains(n.at("addressedBy").strs("id"), "document/com-2011-0790") {
					a.t.Errorf("%s is not addressed by the first report", p.id)
				}
			}
		},
	},
	{
		name: "procedure-file-facts",
		ask:  "What kind of procedure is 2010/2308 (INI), where does it stand, on what basis, and what is it linked to?",
		query: `{ procedure(reference: "2010/2308 (INI)") { id reference name type subtype status subjects legalBasis committeeDossier date ` + src + `
			related { id ... on Procedure { reference name } } } }`,
		check: func(a jv) {
			p := a.at("procedure")
			p.is("id", "procedure/2010-2308-ini")
			p.is("type", "INI - Own-initiative procedure")
			p.is("subtype", "Initiative")
			p.is("status", "Procedure completed")
			p.is("committeeDossier", "LIBE/7/04825")
			sameList(a.t, "subjects", p.at("subjects").strings(), []string{"7.30.09 Public security"})
			sameSet(a.t, "legal basis", p.at("legalBasis").strings(), []string{"Rules of Procedure EP 55", "Rules of Procedure EP 165"})
			p.sourced(oeil, "LIBE/7/04825", "Rules of Procedure EP 55", "Rules of Procedure EP 165", "Procedure completed")
			p.is("related.0.reference", "2013/2636(RSP)")
		},
	},
	{
		name: "parliament-vote",
		ask:  "When and how did Parliament adopt its ISS resolution?",
		query: `{ document(reference: "P7_TA(2012)0207") { id reference type date description ` + src + `
			authors { id } producedBy { id name date ` + src + ` } procedure { reference } } }`,
		check: func(a jv) {
			d := a.at("document")
			d.is("id", "document/ep-t7-0207-2012")
			d.is("type", "resolution")
			d.is("date", "2012-05-22")
			d.is("procedure.reference", "2010/2308(INI)")
			d.sourced(oeil, "503 votes to 55, with 56 abstentions")
			desc := d.at("description").str()
			for _, n := range []string{"503", "55", "56"} {
				if !strings.Contains(desc, n) {
					a.t.Errorf("description %q does not give the vote (%s)", desc, n)
				}
			}
			sameSet(a.t, "authors", d.at("authors").strs("id"), []string{"institution/european-parliament"})
			ev := d.at("producedBy").where("id", "event/2010-2308-ini/2012-05-22-decision-by-parliament")
			ev.sourced(oeil, "22/05/2012", "Decision by Parliament", "T7-0207/2012")
		},
	},
	{
		name: "renewed-iss-drafting",
		ask:  "Who drafted the conclusions on a renewed ISS, and which meetings fed into them?",
		query: `{ document(reference: "14186/1/14 REV 1") { title date classification originalLanguage fileCodes place ` + src + `
			authors { id name } relationships(types: [AUTHORED, ADDRESSED_TO]) { type other { id } ` + src + ` }
			addressedTo { id }
			preparedFor { id date ` + src + ` participants { actor { id } } }
			concernedBy { id name date ` + src + ` participants { actor { id } } } } }`,
		check: func(a jv) {
			d := a.at("document")
			d.is("title", "Draft Council conclusions on the development of a renewed European Union Internal Security Strategy")
			sameSet(a.t, "authors", d.at("authors").strs("id"), []string{"institution/council-presidency"})
			d.at("relationships").where("other.id", "institution/council-presidency").sourced(council, "From:", "Presidency")
			// The cover note's facts as fields.
			d.is("classification", "LIMITE")
			d.is("originalLanguage", "en")
			sameList(a.t, "file codes", d.at("fileCodes").strings(), []string{"JAI 767"})
			d.is("place", "Brussels")
			d.sourced(council, "LIMITE", "JAI 767", "(OR. en)", "Brussels, 16 October 2014")
			sameSet(a.t, "addressed to", d.at("addressedTo").strs("id"), []string{"institution/council-delegations"})
			d.at("relationships").where("other.id", "institution/council-delegations").sourced(council, "To:", "Delegations")
			// The meetings whose contributions it draws on, by id; the
			// High Level Conference is dated to the year only.
			evs := d.at("concernedBy")
			sameList(a.t, "meetings", evs.strs("date"), []string{"2014-07-08", "2014-07-22", "2014"})
			evs.where("date", "2014-07-08").sourced(council, "8 July 2014")
			evs.where("date", "2014-07-22").sourced(council, "22 July 2014")
			evs.where("date", "2014").sourced(council, "High Level Conference on a Renewed Internal Security Strategy")
			// The meeting it was prepared for.
			sg := d.at("preparedFor").where("date", "2014-10-17")
			sg.sourced(council, "COSI Support Group meeting on 17 October 2014")
			sg.is("participants.0.actor.id", "institution/cosi-support-group")
		},
	},
	{
		name: "iss-adoption-and-endorsement",
		ask:  "When was the 2010 Internal Security Strategy adopted, and by whom endorsed?",
		query: `{ document(reference: "7120/10") { id reference title type date ` + src + `
			authors { id }
			producedBy { id date endDate participants { role actor { id } } ` + src + ` }
			concernedBy { id date endDate participants { role actor { id } } ` + src + ` } } }`,
		check: func(a jv) {
			d := a.at("document")
			d.is("id", "document/council-7120-10")
			d.is("title", "Internal Security Strategy for the European Union: Towards a European Security Model")
			d.sourced(council, "Doc. 7120/10")
			// Adopted over two days: the document has the month, the event
			// the two days.
			d.is("date", "2010-02")
			ad := d.at("producedBy").where("id", "event/2010-02-25-council-adopts-internal-security-strategy")
			ad.is("date", "2010-02-25")
			ad.is("endDate", "2010-02-26")
			ad.is("participants.0.actor.id", "institution/council")
			ad.sourced(council, "adopted by the Council on 25 and 26 February 2010")
			en := d.at("concernedBy").where("id", "event/2010-03-25-european-council-endorses-internal-security-strategy")
			en.is("date", "2010-03-25")
			en.is("endDate", "2010-03-26")
			en.is("participants.0.actor.id", "institution/european-council")
			en.sourced(eurlex, "25-26 March 2010")
			en.sourced(council, "endorsed by the European Council on 25 and 26 of March 2010")
		},
	},
	{
		name: "operation-archimedes",
		ask:  "When did Operation Archimedes take place, and what was it about?",
		query: `{ events(filter: {text: "archimedes"}) { totalCount nodes { id name type date endDate ` + src + `
			addresses { id name } } } }`,
		check: func(a jv) {
			a.is("events.totalCount", 1)
			ev := a.at("events.nodes.0")
			ev.is("type", "operation")
			ev.is("date", "2014-09-15")
			ev.is("endDate", "2014-09-23")
			ev.sourced(council, "Operation Archimedes", "between 15 and 23 September 2014")
			ev.is("addresses.0.id", "objective/renewed-iss-threat-serious-and-organised-crime")
		},
	},
	{
		name: "socta-emerging-threats",
		ask:  "Which emerging threats did Europol's SOCTA 2013 identify?",
		query: `{
			threats: objectives(filter: {idPrefix: "objective/iss-2014-threat-"}, sort: {field: NAME}) { nodes { id name type parent { id name } ` + src + ` } }
			socta: document(id: "document/socta-2013") { title authors { id } ` + src + ` }
		}`,
		check: func(a jv) {
			ts := a.at("threats.nodes")
			sameList(a.t, "emerging threats", ts.strs("name"), []string{"Energy fraud", "Environmental crime"})
			for _, th := range ts.list() {
				th.is("type", "threat")
				th.is("parent.id", "objective/iss-2014-challenge-serious-and-organised-crime")
				th.sourced(comReport, "In the SOCTA 2013, Europol also identified two emerging threats", "environmental crime and energy fraud")
			}
			s := a.at("socta")
			sameSet(a.t, "SOCTA authors", s.at("authors").strs("id"), []string{"agency/europol"})
			s.sourced(comReport, "SOCTA")
		},
	},
	{
		name: "second-iss-report-resolution",
		ask:  "What is procedure 2013/2636(RSP), and how is it linked to the ISS reports?",
		query: `{ procedure(reference: "2013/2636(RSP)") { id name ` + src + `
			documents { id title } relationships(types: [RELATED_TO]) { direction other { id } ` + src + ` } } }`,
		check: func(a jv) {
			p := a.at("procedure")
			p.is("id", "procedure/2013-2636-rsp")
			p.sourced(oeil, "See also 2013/2636(RSP)")
			p.sourced(comReport, "Resolution on the second ISS report (2013/2636(RSP))")
			sameSet(a.t, "documents", p.at("documents").strs("id"), []string{"document/ep-resolution-on-the-second-iss-report"})
			rel := p.at("relationships")
			sameSet(a.t, "related", rel.strs("other.id"), []string{"document/com-2014-0365", "procedure/2010-2308-ini"})
			rel.where("other.id", "procedure/2010-2308-ini").sourced(oeil, "See also 2013/2636(RSP)")
			rel.where("other.id", "document/com-2014-0365").sourced(comReport, "2013/2636(RSP)")
		},
	},
	{
		name: "radicalisation-awareness-network",
		ask:  "What does the Radicalisation Awareness Network do for the ISS, and when was it set up?",
		query: `{ agency(id: "agency/ran") { name acronym type established ` + src + `
			responsibleFor { role target { id ... on Objective { number } } ` + src + ` }
			contributesTo { target { id } ` + src + ` } } }`,
		check: func(a jv) {
			r := a.at("agency")
			r.is("acronym", "RAN")
			r.is("type", "network")
			r.sourced(comReport, "Radicalisation Awareness Network (RAN")
			// Set up "in September 2011": a month date.
			r.is("established", "2011-09")
			ka := r.at("responsibleFor").where("target.id", "objective/iss-so2-ka1")
			ka.is("target.number", "2.1")
			ka.is("role", "implements")
			ka.sourced(eurlex, "radicalisation-awareness network")
			r.at("contributesTo").where("target.id", "document/ran-collection").sourced(comReport, "Collection of best practices and approaches identified by the RAN")
		},
	},
	{
		name:  "meps-and-groups",
		ask:   "Which political group does each person of the procedure belong to?",
		query: `{ people(sort: {field: ID}) { nodes { id name group memberOf { role institution { id acronym } ` + src + ` } } } }`,
		check: func(a jv) {
			ps := a.at("people.nodes")
			for _, p := range []struct{ id, group, says string }{
				{"person/agnes-hankiss", "PPE", "HANKISS Ágnes (PPE)"},
				{"person/ana-gomes", "S&D", "GOMES Ana (S&D)"},
				{"person/rita-borsellino", "S&D", "BORSELLINO Rita (S&D)"},
				{"person/sonia-alfano", "ALDE", "ALFANO Sonia (ALDE)"},
			} {
				n := ps.where("id", p.id)
				n.is("group", p.group)
				m := n.at("memberOf").where("institution.acronym", p.group)
				m.sourced(oeil, p.says)
			}
			cm := ps.where("id", "person/cecilia-malmstrom")
			cm.is("group", nil)
			cm.at("memberOf").where("institution.id", "institution/european-commission").sourced(oeil, "European Commission", "MALMSTRÖM Cecilia")
		},
	},
	{
		name: "celex-and-links",
		ask:  "Which document is CELEX 52010DC0673, and where are it and the renewed strategy's draft conclusions published?",
		query: `{ iss: document(reference: "52010DC0673") { id reference identifiers { scheme value derived } links { label url } ` + src + ` }
			renewed: document(reference: "ST 14186 2014 REV 1") { id reference identifiers { scheme value derived } links { label url } ` + src + ` } }`,
		check: func(a jv) {
			iss := a.at("iss")
			iss.is("id", "document/com-2010-0673")
			iss.is("reference", "COM(2010) 673")
			iss.sourced(eurlex, "COM(2010) 673")
			sameSet(a.t, "identifiers", iss.at("identifiers").strs("value"), []string{"COM(2010) 673", "52010DC0673"})
			// The curators computed its CELEX number from the reference.
			iss.at("identifiers").where("value", "52010DC0673").is("derived", true)
			sameSet(a.t, "links", iss.at("links").strs("url"), []string{"https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52010DC0673"})
			r := a.at("renewed")
			r.is("id", "document/council-14186-14-rev1")
			sameSet(a.t, "links", r.at("links").strs("url"), []string{"https://data.consilium.europa.eu/doc/document/ST-14186-2014-REV-1/en/pdf"})
		},
	},
	{
		name: "exact-first",
		ask:  "Which body is COSI, and which network is the RAN, when I search for their acronyms?",
		query: `{ cosi: search(text: "COSI", first: 3) { edges { field node { id name ` + src + ` } } }
			ran: search(text: "RAN", first: 3) { edges { field node { id name ` + src + ` } } } }`,
		check: func(a jv) {
			for name, want := range map[string]string{"cosi": "institution/cosi", "ran": "agency/ran"} {
				hits := a.at(name + ".edges").list()
				if len(hits) < 2 {
					a.t.Fatalf("%s: %d hits, want the body and a partial match after it", name, len(hits))
				}
				hits[0].is("node.id", want)
				hits[0].is("field", "ACRONYM")
			}
		},
	},
	{
		name: "commission-response",
		ask:  "How did the Commission respond to Parliament's resolution?",
		query: `{ document(reference: "SP(2012)542") { id reference type oeilType date ` + src + ` authors { id }
			relationships(types: [RELATED_TO]) { other { id } ` + src + ` } } }`,
		check: func(a jv) {
			d := a.at("document")
			d.is("id", "document/sp-2012-0542")
			d.is("date", "2012-09-24")
			d.is("type", "commission-response")
			d.is("oeilType", "Commission response to text adopted in plenary")
			d.sourced(oeil, "SP(2012)542", "24/09/2012")
			sameSet(a.t, "authors", d.at("authors").strs("id"), []string{"institution/european-commission"})
			d.at("relationships").where("other.id", "document/ep-t7-0207-2012").sourced(oeil)
		},
	},
	{
		name: "european-security-strategy",
		ask:  "When did the European Council approve the European Security Strategy and its implementation report?",
		query: `{
			ess: document(id: "document/european-security-strategy-2003") { title date authors { id } producedBy { date } ` + src + ` }
			report: document(id: "document/ess-implementation-report-2008") { title date producedBy { date endDate ` + src + ` } ` + src + ` }
		}`,
		check: func(a jv) {
			e := a.at("ess")
			e.is("date", "2003-12-12")
			e.is("producedBy.0.date", "2003-12-12")
			sameSet(a.t, "authors", e.at("authors").strs("id"), []string{"institution/european-council"})
			e.sourced(council, "approved by the European Council on 12 December 2003")
			r := a.at("report")
			r.is("date", "2008-12") // approved on 11-12 December 2008: the month
			r.is("producedBy.0.date", "2008-12-11")
			r.is("producedBy.0.endDate", "2008-12-12")
			r.at("producedBy.0").sourced(council, "11-12 December 2008")
		},
	},
	{
		name: "strategic-guidelines-2014",
		ask:  "What did the European Council's June 2014 guidelines ask of the ISS, and when were they adopted?",
		query: `{ document(reference: "EUCO 79/14") { id title date fileCodes ` + src + ` authors { id }
			requests { role deliverable deadline to { id } ` + src + ` }
			producedBy { id date endDate concerns { id } ` + src + ` } citedBy { id } } }`,
		check: func(a jv) {
			d := a.at("document")
			d.is("id", "document/euco-79-14")
			d.sourced(council, "EUCO 79/14")
			// Adopted over two days: the month.
			d.is("date", "2014-06")
			sameList(a.t, "file codes", d.at("fileCodes").strings(), []string{"CO EUR 4", "CONCL 2"})
			// A review of the ISS by mid-2015: a year deadline, no addressee named.
			rq := d.at("requests").where("to.id", "document/council-7120-10")
			rq.is("role", "calls for")
			rq.is("deadline", "2015")
			rq.sourced(council, "review and update of the internal Security Strategy by mid 2015")
			ev := d.at("producedBy.0")
			ev.is("date", "2014-06-26")
			ev.is("endDate", "2014-06-27")
			ev.sourced(council, "26 and 27 June 2014", "review and update of the internal Security Strategy by mid 2015")
			sameSet(a.t, "concerns", ev.at("concerns").strs("id"), []string{"document/council-7120-10"})
			sameSet(a.t, "authors", d.at("authors").strs("id"), []string{"institution/european-council"})
			sameSet(a.t, "cited by", d.at("citedBy").strs("id"), []string{"document/council-14186-14-rev1"})
		},
	},
	{
		name: "fundamental-rights-agency",
		ask:  "What role does the Fundamental Rights Agency have in internal security?",
		query: `{ agency(id: "agency/fra") { name acronym ` + src + `
			contributesTo { target { id name } ` + src + ` } authored { id title } } }`,
		check: func(a jv) {
			f := a.at("agency")
			f.is("acronym", "FRA")
			f.is("name", "European Union Agency for Fundamental Rights")
			f.sourced(comReport, "EU Agency for Fundamental Rights (FRA)")
			cs := f.at("contributesTo")
			cs.where("target.id", "objective/renewed-iss-principle-fundamental-rights").sourced(council, "European Union Fundamental Rights Agency")
			cs.where("target.id", "objective/iss-2014-crosscutting-fundamental-rights").sourced(comReport, "Fundamental Rights Agency (FRA)")
			sameSet(a.t, "authored", f.at("authored").strs("id"), []string{"document/fra-police-training-manual"})
		},
	},
	{
		name: "final-report-in-context",
		ask:  "Who wrote the final implementation report, which procedure holds it, and whose views did it take into account?",
		query: `{ document(reference: "COM(2014)0365") { id title procedure { reference } authors { id } ` + src + `
			contributors { role note actor { id } ` + src + ` }
			related { id } } }`,
		check: func(a jv) {
			d := a.at("document")
			d.is("title", "Final implementation report of the EU Internal Security Strategy 2010-2014")
			d.sourced(oeil, "final implementation report of the EU Internal Security Strategy 2010-2014")
			d.is("procedure.reference", "2010/2308(INI)")
			sameSet(a.t, "authors", d.at("authors").strs("id"), []string{"institution/european-commission"})
			ep := d.at("contributors").where("actor.id", "institution/european-parliament")
			ep.sourced(comReport, "taken account of the resolution by the European Parliament on the second ISS report")
			sameSet(a.t, "related", d.at("related").strs("id"), []string{"procedure/2013-2636-rsp"})
		},
	},
	{
		name: "committees-of-parliament",
		ask:  "Which Parliament committees worked on the ISS, listed by name, and what did they write?",
		query: `{ institutions(filter: {idPrefix: "institution/ep-"}, sort: {field: NAME}) { totalCount nodes { id name acronym type ` + src + `
			partOf { id } authored { id } } } }`,
		check: func(a jv) {
			ns := a.at("institutions.nodes")
			sameList(a.t, "committees", ns.strs("acronym"), []string{"LIBE", "AFET"})
			for _, n := range ns.list() {
				n.is("type", "committee")
				n.is("partOf.0.id", "institution/european-parliament")
			}
			afet := ns.where("acronym", "AFET")
			afet.sourced(oeil, "AFET Foreign Affairs")
			// AFET's opinion is PE480.693 of the documentation gateway.
			sameSet(a.t, "AFET authored", afet.at("authored").strs("id"), []string{"document/ep-pe480.693"})
			ns.where("acronym", "LIBE").sourced(oeil, "LIBE Civil Liberties, Justice and Home Affairs")
		},
	},
}

// jv is a value of a decoded GraphQL answer with the path that reached it,
// so that a failed assertion says where it looked.
type jv struct {
	t    *testing.T
	path string
	v    any
}

// lookup follows a dotted path of field names and list indexes.
func (j jv) lookup(path string) (jv, bool) {
	for _, k := range strings.Split(path, ".") {
		switch v := j.v.(type) {
		case map[string]any:
			x, ok := v[k]
			if !ok {
				return j, false
			}
			j = jv{j.t, j.path + "." + k, x}
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(v) {
				return j, false
			}
			j = jv{j.t, fmt.Sprintf("%s[%d]", j.path, i), v[i]}
		default:
			return j, false
		}
	}
	return j, true
}

func (j jv) at(path string) jv {
	j.t.Helper()
	x, ok := j.lookup(path)
	if !ok {
		j.t.Fatalf("%s has no %s (stopped at %s: %v)", j.path, path, x.path, x.v)
	}
	return x
}

func (j jv) null() bool { return j.v == nil }

func (j jv) str() string {
	j.t.Helper()
	s, ok := j.v.(string)
	if !ok {
		j.t.Fatalf("%s = %v, want a string", j.path, j.v)
	}
	return s
}

func (j jv) num() int {
	j.t.Helper()
	f, ok := j.v.(float64)
	if !ok {
		j.t.Fatalf("%s = %v, want a number", j.path, j.v)
	}
	return int(f)
}

func (j jv) boolean() bool {
	j.t.Helper()
	b, ok := j.v.(bool)
	if !ok {
		j.t.Fatalf("%s = %v, want a boolean", j.path, j.v)
	}
	return b
}

func (j jv) list() []jv {
	j.t.Helper()
	l, ok := j.v.([]any)
	if !ok {
		j.t.Fatalf("%s = %v, want a list", j.path, j.v)
	}
	out := make([]jv, len(l))
	for i, v := range l {
		out[i] = jv{j.t, fmt.Sprintf("%s[%d]", j.path, i), v}
	}
	return out
}

// strings is a list of strings.
func (j jv) strings() []string {
	j.t.Helper()
	var out []string
	for _, x := range j.list() {
		out = append(out, x.str())
	}
	return out
}

// strs is the string at path in each item of a list.
func (j jv) strs(path string) []string {
	j.t.Helper()
	var out []string
	for _, x := range j.list() {
		out = append(out, x.at(path).str())
	}
	return out
}

// where is the one item of a list whose path is val.
func (j jv) where(path, val string) jv {
	j.t.Helper()
	var found []jv
	for _, x := range j.list() {
		if y, ok := x.lookup(path); ok && y.v == val {
			found = append(found, x)
		}
	}
	if len(found) != 1 {
		j.t.Fatalf("%s: %d items with %s = %q, want 1", j.path, len(found), path, val)
	}
	return found[0]
}

// is asserts the value at path: a string, a bool, an int or nil for null.
func (j jv) is(path string, want any) {
	j.t.Helper()
	x := j.at(path)
	if n, ok := want.(int); ok {
		want = float64(n)
	}
	if x.v != want {
		j.t.Errorf("%s = %#v, want %#v", x.path, x.v, want)
	}
}

// sourced asserts that the fact j (a node or a relationship) carries
// sources, that one of them is in file and, when the corpus is at hand,
// that the lines it cites mention every one of terms.
func (j jv) sourced(file string, terms ...string) {
	j.t.Helper()
	srcs := j.at("sources").list()
	if len(srcs) == 0 {
		j.t.Errorf("%s has no sources", j.path)
		return
	}
	c := loadCorpus()
	var cited []string
	for _, s := range srcs {
		if s.at("file").str() != file {
			continue
		}
		if c == nil {
			return // the file is right; the text cannot be read
		}
		lines := s.at("lines").str()
		if text, ok := c.text(file, lines); ok && mentionsAll(text, terms) {
			return
		}
		cited = append(cited, lines)
	}
	if len(cited) == 0 {
		j.t.Errorf("%s: no source in %s (sources: %v)", j.path, file, j.at("sources").v)
		return
	}
	j.t.Errorf("%s: lines %v of %s do not mention all of %q", j.path, cited, file, terms)
}

var linesRE = regexp.MustCompile(`^([1-9][0-9]*)(?:-([1-9][0-9]*))?$`)

// checkSources asserts that every sources list in the answer is non-empty
// and cites lines of a corpus file that exist.
func (j jv) checkSources() {
	j.t.Helper()
	c := loadCorpus()
	var walk func(x jv)
	walk = func(x jv) {
		switch v := x.v.(type) {
		case map[string]any:
			for k := range v {
				y := x.at(k)
				if k != "sources" {
					walk(y)
					continue
				}
				srcs := y.list()
				if len(srcs) == 0 {
					j.t.Errorf("%s is empty", y.path)
				}
				for _, s := range srcs {
					file, lines := s.at("file").str(), s.at("lines").str()
					if !slices.Contains(corpusFiles, file) {
						j.t.Errorf("%s: %q is not a corpus file", s.path, file)
						continue
					}
					if !linesRE.MatchString(lines) {
						j.t.Errorf("%s: lines %q", s.path, lines)
						continue
					}
					if c != nil {
						if _, ok := c.text(file, lines); !ok {
							j.t.Errorf("%s: %s has no lines %s", s.path, file, lines)
						}
					}
				}
			}
		case []any:
			for _, y := range x.list() {
				walk(y)
			}
		}
	}
	walk(j)
}

// corpus holds the corpus files, line by line.
type corpus map[string][]string

var corpusState struct {
	once sync.Once
	c    corpus
}

// loadCorpus reads the corpus once, or returns nil when it is not beside
// the repository: the facts are still checked, their wording is not.
func loadCorpus() corpus {
	corpusState.once.Do(func() {
		dir, ok := derive.FindCorpus()
		if !ok {
			return
		}
		c := corpus{}
		for _, f := range corpusFiles {
			b, err := os.ReadFile(filepath.Join(dir, f))
			if err != nil {
				return
			}
			c[f] = strings.Split(string(b), "\n")
		}
		corpusState.c = c
	})
	return corpusState.c
}

// text is lines "12" or "12-18" of file.
func (c corpus) text(file, lines string) (string, bool) {
	m := linesRE.FindStringSubmatch(lines)
	if m == nil {
		return "", false
	}
	from, _ := strconv.Atoi(m[1])
	to := from
	if m[2] != "" {
		to, _ = strconv.Atoi(m[2])
	}
	l := c[file]
	if to < from || to > len(l) {
		return "", false
	}
	return strings.Join(l[from-1:to], " "), true
}

// mentionsAll reports whether text contains every term, ignoring case,
// runs of white space and the kind of apostrophe.
func mentionsAll(text string, terms []string) bool {
	norm := func(s string) string {
		s = strings.NewReplacer("’", "'", "‘", "'").Replace(strings.ToLower(s))
		return strings.Join(strings.Fields(s), " ")
	}
	text = norm(text)
	for _, t := range terms {
		if !strings.Contains(text, norm(t)) {
			return false
		}
	}
	return true
}

// oeilName is the family name as OEIL writes it: Ana Gomes -> GOMES.
func oeilName(name string) string {
	f := strings.Fields(name)
	return strings.ToUpper(f[len(f)-1])
}

// oeilDate writes an ISO date as OEIL does: 2012-05-22 -> 22/05/2012.
func oeilDate(iso string) string {
	p := strings.Split(iso, "-")
	if len(p) != 3 {
		return iso
	}
	return p[2] + "/" + p[1] + "/" + p[0]
}

func sameList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func sameSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Errorf("%s = %q, want %q in any order", what, got, want)
	}
}

func uniq(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}
