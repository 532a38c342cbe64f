package oeil

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/graphtest/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const (
	iss      = "testdata/oeil-procedure-2010-2308-INI.txt"
	issFile  = "oeil-procedure-2010-2308-INI.txt"
	issProc  = "procedure/2010-2308-ini"
	corpusFn = "../../../shared/corpus/oeil-procedure-2010-2308-INI.txt"
)

// goodFiles are the fixtures that must parse.
var goodFiles = []string{
	"oeil-procedure-2010-2308-INI.txt",
	"cod-2013-9006.txt",
	"ini-several-opinions.txt",
	"ini-no-opinions.txt",
	"ini-extra-columns.txt",
	"basic-only.txt",
	"technical-only.txt",
	"with-summaries.txt",
	"cod-2020-9011.txt",
	"cns-2008-9012.txt",
	"app-2019-9013.txt",
	"nle-2021-9014.txt",
	"rsp-2030-9015.txt",
	"bud-2016-9016.txt",
}

func parseFile(t testing.TB, path string) *File {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(bytes.NewReader(b), path)
	if err != nil {
		t.Fatalf("Parse(%s): %v", path, err)
	}
	return f
}

// index gives a parsed batch lookups by id and edge key.
type index struct {
	nodes map[string]graph.Node
	edges map[graph.EdgeKey]graph.Edge
}

func indexOf(b graph.Batch) index {
	ix := index{nodes: map[string]graph.Node{}, edges: map[graph.EdgeKey]graph.Edge{}}
	for _, n := range b.Nodes {
		ix.nodes[n.ID] = n
	}
	for _, e := range b.Edges {
		ix.edges[e.Key()] = e
	}
	return ix
}

func (ix index) node(t *testing.T, id string) graph.Node {
	t.Helper()
	n, ok := ix.nodes[id]
	if !ok {
		t.Fatalf("no node %s", id)
	}
	return n
}

func (ix index) edge(t *testing.T, typ graph.EdgeType, from, to string) graph.Edge {
	t.Helper()
	e, ok := ix.edges[graph.EdgeKey{Type: typ, From: from, To: to}]
	if !ok {
		t.Fatalf("no edge %s %s -> %s", typ, from, to)
	}
	return e
}

// edgesOf returns the keys of the edges of type typ that end at (or, with
// out, start at) id.
func (ix index) edgesOf(typ graph.EdgeType, id string, out bool) []graph.EdgeKey {
	var keys []graph.EdgeKey
	for k := range ix.edges {
		if k.Type == typ && (out && k.From == id || !out && k.To == id) {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b graph.EdgeKey) int { return strings.Compare(a.String(), b.String()) })
	return keys
}

func wantProps(t *testing.T, what string, got graph.Props, want graph.Props) {
	t.Helper()
	for k, v := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("%s: no %s, want %v", what, k, v)
			continue
		}
		gj, _ := json.Marshal(g)
		wj, _ := json.Marshal(v)
		if !bytes.Equal(gj, wj) {
			t.Errorf("%s: %s = %s, want %s", what, k, gj, wj)
		}
	}
}

func wantSource(t *testing.T, what string, got []graph.Source, section, lines string) {
	t.Helper()
	want := graph.Source{File: issFile, Section: section, Lines: lines}
	if !slices.Contains(got, want) {
		t.Errorf("%s: sources %v lack %v", what, got, want)
	}
}

func TestParseISSProcedure(t *testing.T) {
	f := parseFile(t, iss)
	ix := indexOf(f.Batch)

	if !f.Batch.Merge {
		t.Error("Batch.Merge is false; the importer must overlay, not replace")
	}
	if f.Procedure.ID != issProc {
		t.Fatalf("Procedure.ID = %q", f.Procedure.ID)
	}
	p := ix.node(t, issProc)
	if p.Name != "European Union's internal security strategy" {
		t.Errorf("procedure name %q", p.Name)
	}
	wantProps(t, "procedure", p.Props, graph.Props{
		"reference":        "2010/2308(INI)",
		"type":             "INI - Own-initiative procedure",
		"subtype":          "Initiative",
		"status":           "Procedure completed",
		"subjects":         []string{"7.30.09 Public security"},
		"legalBasis":       []string{"Rules of Procedure EP 55", "Rules of Procedure EP 165"},
		"committeeDossier": "LIBE/7/04825",
		"date":             graph.MustDate("2010-12-16"),
	})
	wantSource(t, "procedure", p.Sources, "Basic information", "4")
	wantSource(t, "procedure", p.Sources, "Technical information", "30-37")

	// See also.
	rel := ix.node(t, "procedure/2013-2636-rsp")
	wantProps(t, "related procedure", rel.Props, graph.Props{"reference": "2013/2636(RSP)"})
	if rel.Name != "2013/2636(RSP)" {
		t.Errorf("related procedure name %q", rel.Name)
	}
	wantSource(t, "RELATED_TO", ix.edge(t, graph.RelatedTo, issProc, "procedure/2013-2636-rsp").Sources, "Technical information", "33")
	if !slices.Equal(f.Related, []string{"procedure/2013-2636-rsp"}) {
		t.Errorf("Related = %v", f.Related)
	}

	// Committees.
	libe := ix.node(t, "institution/ep-libe")
	wantProps(t, "LIBE", libe.Props, graph.Props{"type": "committee", "acronym": "LIBE"})
	if !strings.Contains(libe.Name, "Civil Liberties, Justice and Home Affairs") {
		t.Errorf("LIBE name %q", libe.Name)
	}
	wantSource(t, "LIBE", libe.Sources, "Key players", "8")
	wantSource(t, "LIBE PART_OF", ix.edge(t, graph.PartOf, "institution/ep-libe", idParliament).Sources, "Key players", "7-8")
	afetPart := ix.edge(t, graph.PartOf, "institution/ep-afet", idParliament).Sources
	wantSource(t, "AFET PART_OF", afetPart, "Key players", "7-11")
	wantSource(t, "AFET PART_OF", afetPart, "Documentation gateway", "40-44")
	libeResp := ix.edge(t, graph.ResponsibleFor, "institution/ep-libe", issProc)
	wantProps(t, "LIBE responsible", libeResp.Props, graph.Props{"role": "committee responsible"})
	wantSource(t, "LIBE responsible", libeResp.Sources, "Key players", "7-8")
	afetOpinion := ix.edge(t, graph.ContributesTo, "institution/ep-afet", issProc)
	wantProps(t, "AFET opinion", afetOpinion.Props, graph.Props{"role": "committee for opinion"})
	wantSource(t, "AFET opinion", afetOpinion.Sources, "Key players", "10-11")

	// Rapporteurs.
	people := []struct {
		id, name, given, family, group, role, committee string
		date                                            string
		line, role_, inst                               string // the row; from its header; from the Parliament's row
	}{
		{"person/rita-borsellino", "Rita Borsellino", "Rita", "Borsellino", "S&D", graph.RoleRapporteur, "institution/ep-libe", "2010-10-26", "8", "7-8", "7-8"},
		{"person/agnes-hankiss", "Ágnes Hankiss", "Ágnes", "Hankiss", "PPE", graph.RoleShadowRapporteur, "institution/ep-libe", "", "9", "7-9", "7-9"},
		{"person/sonia-alfano", "Sonia Alfano", "Sonia", "Alfano", "ALDE", graph.RoleShadowRapporteur, "institution/ep-libe", "", "9", "7-9", "7-9"},
		{"person/ana-gomes", "Ana Gomes", "Ana", "Gomes", "S&D", graph.RoleRapporteurForOpinion, "institution/ep-afet", "2012-01-11", "11", "10-11", "7-11"},
	}
	for _, w := range people {
		n := ix.node(t, w.id)
		if n.Kind != graph.Person || n.Name != w.name {
			t.Errorf("%s: %s %q, want Person %q", w.id, n.Kind, n.Name, w.name)
		}
		wantProps(t, w.id, n.Props, graph.Props{"givenName": w.given, "familyName": w.family, "group": w.group})
		e := ix.edge(t, graph.Rapporteur, w.id, issProc)
		want := graph.Props{"role": w.role, "committee": w.committee, "group": w.group}
		if w.date != "" {
			want["date"] = graph.MustDate(w.date)
		} else if _, ok := e.Props["date"]; ok {
			t.Errorf("%s: shadow rapporteur has a date %v", w.id, e.Props["date"])
		}
		wantProps(t, w.id+" RAPPORTEUR", e.Props, want)
		// The role is the header row's word; the person and the
		// committee are named from there to the row.
		wantSource(t, w.id+" RAPPORTEUR", e.Sources, "Key players", w.role_)
		wantSource(t, w.id, n.Sources, "Key players", w.line)
		gid := "institution/group-" + graph.Slug(w.group)
		wantSource(t, w.id+" MEMBER_OF", ix.edge(t, graph.MemberOf, w.id, gid).Sources, "Key players", w.line)
		g := ix.node(t, gid)
		wantProps(t, gid, g.Props, graph.Props{"type": "political-group", "acronym": w.group})
		// The Parliament is named by the row that opens its block.
		wantSource(t, gid+" PART_OF", ix.edge(t, graph.PartOf, gid, idParliament).Sources, "Key players", w.inst)
	}
	if got := len(ix.edgesOf(graph.Rapporteur, issProc, false)); got != len(people) {
		t.Errorf("%d RAPPORTEUR edges, want %d", got, len(people))
	}
	ix.node(t, "institution/group-s-d")

	// Council.
	jha := ix.node(t, "institution/council-jha")
	if jha.Name != "Justice and Home Affairs Council" {
		t.Errorf("JHA name %q", jha.Name)
	}
	wantProps(t, "JHA", jha.Props, graph.Props{"acronym": "JHA", "type": "council-configuration"})
	wantSource(t, "JHA", jha.Sources, "Key players", "13")
	wantSource(t, "JHA PART_OF", ix.edge(t, graph.PartOf, "institution/council-jha", idCouncil).Sources, "Key players", "12-13")
	meeting := ix.node(t, "event/council-meeting-3071")
	wantProps(t, "meeting", meeting.Props, graph.Props{"date": graph.MustDate("2011-02-24"), "type": "council-meeting"})
	// "3071" is a meeting by its column's header.
	wantSource(t, "meeting", meeting.Sources, "Key players", "12-13")
	wantSource(t, "meeting", ix.edge(t, graph.Participated, "institution/council-jha", "event/council-meeting-3071").Sources, "Key players", "12-13")
	wantSource(t, "meeting", ix.edge(t, graph.HasEvent, issProc, "event/council-meeting-3071").Sources, "Key players", "12-13")

	// Commission.
	dg := "institution/dg-migration-and-home-affairs"
	if n := ix.node(t, dg); !strings.Contains(n.Name, "Migration and Home Affairs") {
		t.Errorf("DG name %q", n.Name)
	}
	wantSource(t, "DG PART_OF", ix.edge(t, graph.PartOf, dg, idCommission).Sources, "Key players", "14-15")
	dgResp := ix.edge(t, graph.ResponsibleFor, dg, issProc)
	wantProps(t, "DG", dgResp.Props, graph.Props{"role": "Commission DG"})
	wantSource(t, "DG", dgResp.Sources, "Key players", "14-15")
	cm := ix.node(t, "person/cecilia-malmstrom")
	if cm.Name != "Cecilia Malmström" {
		t.Errorf("commissioner name %q", cm.Name)
	}
	cmMember := ix.edge(t, graph.MemberOf, "person/cecilia-malmstrom", idCommission)
	wantProps(t, "commissioner", cmMember.Props, graph.Props{"role": "Commissioner"})
	wantSource(t, "commissioner", cmMember.Sources, "Key players", "14-15")
	wantProps(t, "commissioner", ix.edge(t, graph.ResponsibleFor, "person/cecilia-malmstrom", issProc).Props, graph.Props{"role": "Commissioner"})

	// The three institutions make the batch self-contained.
	for id, name := range topInstitutions {
		n := ix.node(t, id)
		if n.Name != name || n.Props.String("type") != "institution" {
			t.Errorf("%s: %q %v", id, n.Name, n.Props)
		}
	}

	// Key events, in date order.
	wantEvents := []struct{ date, name, ref string }{
		{"2010-12-16", "Committee referral announced in Parliament", ""},
		{"2011-02-24", "Resolution/conclusions adopted by Council", ""},
		{"2012-04-12", "Vote in committee", ""},
		{"2012-04-24", "Committee report tabled for plenary", "A7-0143/2012"},
		{"2012-05-21", "Debate in Parliament", ""},
		{"2012-05-22", "Decision by Parliament", "T7-0207/2012"},
		{"2012-05-22", "Results of vote in Parliament", ""},
		{"2012-05-22", "End of procedure in Parliament", ""},
	}
	if len(f.Events) != len(wantEvents) {
		t.Fatalf("%d events, want %d", len(f.Events), len(wantEvents))
	}
	for i, w := range wantEvents {
		e := f.Events[i]
		if e.Date.String() != w.date || e.Name != w.name || e.Reference != w.ref {
			t.Errorf("event %d = %s %q %q, want %s %q %q", i, e.Date, e.Name, e.Reference, w.date, w.name, w.ref)
		}
		n := ix.node(t, e.ID)
		wantProps(t, e.ID, n.Props, graph.Props{"date": graph.MustDate(w.date), "type": graph.Slug(w.name)})
		ix.edge(t, graph.HasEvent, issProc, e.ID)
		if w.ref != "" {
			ix.edge(t, graph.Produced, e.ID, e.Document)
		}
	}
	dec := "event/2010-2308-ini/2012-05-22-decision-by-parliament"
	wantSource(t, "decision", ix.node(t, dec).Sources, "Key events", "25")
	ix.edge(t, graph.Produced, dec, "document/ep-t7-0207-2012")
	if got := len(ix.edgesOf(graph.HasEvent, issProc, true)); got != len(wantEvents)+1 { // + the Council meeting
		t.Errorf("%d HAS_EVENT edges, want %d", got, len(wantEvents)+1)
	}

	// Documentation gateway.
	wantDocs := []struct {
		id, ref, oeilType, typ, date, name, author, line string
		authored                                         string // the row, or from the sub-heading that names the author
	}{
		{"document/ep-pe473.725", "PE473.725", "Committee draft report", "draft-report", "2012-01-09", "Committee draft report PE473.725", idParliament, "42", "40-42"},
		{"document/ep-pe480.655", "PE480.655", "Amendments tabled in committee", "amendments", "2012-02-09", "", idParliament, "43", "40-43"},
		{"document/ep-pe480.693", "PE480.693", "Committee opinion", "opinion", "2012-03-14", "", "institution/ep-afet", "44", "44"},
		{"document/ep-a7-0143-2012", "A7-0143/2012", "Committee report tabled for plenary, single reading", "report", "2012-04-24", "", idParliament, "45", "40-45"},
		{"document/ep-t7-0207-2012", "T7-0207/2012", "Text adopted by Parliament, single reading", "resolution", "2012-05-22", "", idParliament, "46", "40-46"},
		{"document/sp-2012-0542", "SP(2012)542", "Commission response to text adopted in plenary", "commission-response", "2012-09-24", "", idCommission, "49", "47-49"},
		{"document/com-2013-0179", "COM(2013) 179", "Commission document (COM)", "communication", "2013-04-10", "", idCommission, "50", "47-50"},
		{"document/com-2014-0365", "COM(2014) 365", "Commission document (COM)", "communication", "2014-06-20", "", idCommission, "51", "47-51"},
	}
	for _, w := range wantDocs {
		n := ix.node(t, w.id)
		wantProps(t, w.id, n.Props, graph.Props{"reference": w.ref, "type": w.typ, "oeilType": w.oeilType, "date": graph.MustDate(w.date)})
		// The title and the type are the importer's guesses: a stored
		// value wins on import.
		if d := f.Defaults[w.id]; !slices.Equal(d, []string{"name", "type"}) {
			t.Errorf("%s: defaults %v, want [name type]", w.id, d)
		}
		if w.name != "" && n.Name != w.name {
			t.Errorf("%s: name %q, want %q", w.id, n.Name, w.name)
		}
		if !strings.Contains(n.Name, w.ref) {
			t.Errorf("%s: name %q lacks the reference", w.id, n.Name)
		}
		wantSource(t, w.id, n.Sources, "Documentation gateway", w.line)
		ix.edge(t, graph.HasDocument, issProc, w.id)
		wantSource(t, w.id+" HAS_DOCUMENT", ix.edge(t, graph.HasDocument, issProc, w.id).Sources, "Documentation gateway", w.line)
		wantSource(t, w.id+" AUTHORED", ix.edge(t, graph.Authored, w.author, w.id).Sources, "Documentation gateway", w.authored)
	}
	if got := len(ix.edgesOf(graph.HasDocument, issProc, true)); got != len(wantDocs) {
		t.Errorf("%d HAS_DOCUMENT edges, want %d (COM(2013)0179 is one node)", got, len(wantDocs))
	}
	// COM(2013)0179 twice: one node, both lines, its own date kept.
	com := ix.node(t, "document/com-2013-0179")
	wantSource(t, "COM(2013)0179", com.Sources, "Documentation gateway", "54")
	pt := ix.node(t, "institution/national-parliament-pt")
	if pt.Name != "Portuguese Parliament" || pt.Props.String("type") != "national-parliament" {
		t.Errorf("PT parliament: %q %v", pt.Name, pt.Props)
	}
	wantProps(t, "PT contribution", ix.edge(t, graph.ContributesTo, pt.ID, com.ID).Props,
		graph.Props{"role": "contribution", "date": graph.MustDate("2013-10-11")})
	if _, ok := ix.edges[graph.EdgeKey{Type: graph.Authored, From: pt.ID, To: com.ID}]; ok {
		t.Error("a contribution is not authorship")
	}

	// Every node and edge says where it comes from.
	for _, n := range f.Batch.Nodes {
		checkSources(t, n.ID, n.Sources)
	}
	for _, e := range f.Batch.Edges {
		checkSources(t, e.Key().String(), e.Sources)
	}
}

var linesRE = regexp.MustCompile(`^(\d+)(?:-(\d+))?$`)

// checkSources asserts provenance: this file, a known section, and lines
// inside the tables (the summaries start at line 56 of the corpus file).
func checkSources(t *testing.T, what string, ss []graph.Source) {
	t.Helper()
	if len(ss) == 0 {
		t.Errorf("%s: no sources", what)
	}
	for _, s := range ss {
		m := linesRE.FindStringSubmatch(s.Lines)
		if s.File != issFile || !slices.Contains(sectionNames, s.Section) || m == nil {
			t.Errorf("%s: bad source %+v", what, s)
			continue
		}
		if n, _ := strconv.Atoi(m[1]); n < 3 || n > 54 {
			t.Errorf("%s: line %d outside the tables", what, n)
		}
	}
}

// The corpus file, summaries and all, gives exactly the batch of its
// tabular part: the prose never reaches the graph.
func TestParseCorpusFile(t *testing.T) {
	if _, err := os.Stat(corpusFn); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	got := parseFile(t, corpusFn)
	want := parseFile(t, iss)
	gj, _ := json.Marshal(got.Batch)
	wj, _ := json.Marshal(want.Batch)
	if !bytes.Equal(gj, wj) {
		t.Errorf("corpus file and its tabular part parse differently:\n%s\n%s", gj, wj)
	}
	// No summary text in any name or property.
	for _, n := range got.Batch.Nodes {
		b, _ := json.Marshal(n)
		if bytes.Contains(b, []byte("Members")) || bytes.Contains(b, []byte("Council adopted")) {
			t.Errorf("%s carries summary text: %s", n.ID, b)
		}
	}
}

// goldenFile is what the golden files hold: the batch and the structured view.
type goldenFile struct {
	Procedure    string
	Players      []Player
	Events       []Event
	Documents    []Document
	Related      []string
	Placeholders []string
	Defaults     map[string][]string
	Warnings     []Warning
	Batch        graph.Batch
}

func TestGolden(t *testing.T) {
	for _, name := range goodFiles {
		t.Run(name, func(t *testing.T) {
			f := parseFile(t, filepath.Join("testdata", name))
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false) // S&D, not S\u0026D
			enc.SetIndent("", "  ")
			if err := enc.Encode(goldenFile{f.Procedure.ID, f.Players, f.Events, f.Documents, f.Related, f.Placeholders, f.Defaults, f.Warnings, f.Batch}); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			path := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".txt")+".json")
			golden.Check(t, path, got, *update)
			if *update {
				return
			}
			// The golden batch decodes back to the same batch.
			var back goldenFile
			if err := json.Unmarshal(got, &back); err != nil {
				t.Fatalf("decode %s: %v", path, err)
			}
			for _, n := range back.Batch.Nodes {
				if err := n.Validate(); err != nil {
					t.Errorf("golden node %s: %v", n.ID, err)
				}
			}
		})
	}
}

// Extra columns, wherever they are, change nothing but the file name.
func TestParseExtraColumns(t *testing.T) {
	base := parseFile(t, iss)
	extra := parseFile(t, "testdata/ini-extra-columns.txt")
	strip := func(b graph.Batch) string {
		j, _ := json.Marshal(b)
		return strings.ReplaceAll(string(j), `"file":"ini-extra-columns.txt"`, `"file":"`+issFile+`"`)
	}
	if strip(base.Batch) != strip(extra.Batch) {
		t.Errorf("extra columns changed the batch:\n%s\n%s", strip(extra.Batch), strip(base.Batch))
	}
}

func TestParseVariants(t *testing.T) {
	t.Run("COD with two readings and a final act", func(t *testing.T) {
		f := parseFile(t, "testdata/cod-2013-9006.txt")
		ix := indexOf(f.Batch)
		proc := "procedure/2013-9006-cod"
		wantProps(t, "procedure", ix.node(t, proc).Props, graph.Props{
			"type":     "COD - Ordinary legislative procedure (ex-codecision procedure)",
			"subjects": []string{"7.30.20 Action to combat terrorism", "7.30.30 Action to combat crime", "8.40.08 Agencies and bodies of the EU"},
		})
		if n := ix.node(t, proc).Name; n != "Fixture agency for cooperation and training in law enforcement (Fixturepol)" {
			t.Errorf("title %q", n)
		}
		if len(f.Events) != 9 {
			t.Errorf("%d events, want 9", len(f.Events))
		}
		for _, id := range []string{
			"event/2013-9006-cod/2014-02-25-decision-by-parliament-1st-reading-single-reading",
			"event/2013-9006-cod/2016-05-11-decision-by-parliament-2nd-reading",
			"event/2013-9006-cod/2016-05-11-final-act-signed",
		} {
			ix.edge(t, graph.HasEvent, proc, id)
		}
		oj := "event/2013-9006-cod/2016-05-24-final-act-published-in-official-journal"
		ix.edge(t, graph.Produced, oj, "document/regulation-2016-9794")
		ix.edge(t, graph.Produced, "event/2013-9006-cod/2016-03-10-council-position-published", "document/council-99957-15-rev1")
		ix.edge(t, graph.Authored, idCouncil, "document/council-99957-15-rev1")
		ix.edge(t, graph.HasDocument, proc, "document/regulation-2016-9794")
		wantProps(t, "2nd reading report", ix.node(t, "document/ep-a8-9131-2016").Props,
			graph.Props{"type": "recommendation", "oeilType": "Committee recommendation tabled for plenary, 2nd reading"})
		// Two meetings of one configuration, the second on a continuation row.
		ix.edge(t, graph.Participated, "institution/council-jha", "event/council-meeting-9319")
		ix.edge(t, graph.Participated, "institution/council-jha", "event/council-meeting-9460")
		// BUDG declined; CONT gave an opinion.
		wantProps(t, "BUDG", ix.edge(t, graph.ContributesTo, "institution/ep-budg", proc).Props, graph.Props{"role": "decided not to give an opinion"})
		wantProps(t, "CONT", ix.edge(t, graph.ContributesTo, "institution/ep-cont", proc).Props, graph.Props{"role": "committee for opinion"})
		for _, k := range ix.edgesOf(graph.Rapporteur, proc, false) {
			if ix.edges[k].Props.String("committee") == "institution/ep-budg" {
				t.Errorf("%s: a rapporteur for a committee that gave no opinion", k)
			}
		}
		// Accents and particles.
		for id, name := range map[string]string{
			"person/agustina-diaz-de-la-fuente-marquez": "Agustina Díaz de la Fuente Márquez",
			"person/saskia-in-t-velden":                 "Saskia in 't Velden",
			"person/dirk-de-jonge":                      "Dirk de Jonge",
			"person/iolanthe-xenofontos-aberg":          "Iólanthe Xenofóntos-Åberg",
		} {
			if n := ix.node(t, id).Name; n != name {
				t.Errorf("%s: name %q, want %q", id, n, name)
			}
		}
		// National parliaments: a contribution and a reasoned opinion.
		wantProps(t, "IT Senate", ix.edge(t, graph.ContributesTo, "institution/national-parliament-it-senate", "document/com-2013-9173").Props,
			graph.Props{"role": "contribution"})
		ix.edge(t, graph.Authored, "institution/national-parliament-se", "document/ep-pe914.601")
		// The contribution did not redate the proposal.
		wantProps(t, "proposal", ix.node(t, "document/com-2013-9173").Props, graph.Props{"date": graph.MustDate("2013-03-27"), "type": "legislative-proposal", "oeilType": "Legislative proposal"})
	})

	t.Run("several committees for opinion", func(t *testing.T) {
		f := parseFile(t, "testdata/ini-several-opinions.txt")
		ix := indexOf(f.Batch)
		proc := "procedure/2012-9001-ini"
		if got := len(ix.edgesOf(graph.ContributesTo, proc, false)); got != 3 {
			t.Errorf("%d CONTRIBUTES_TO edges, want 3 (AFET, FEMM, JURI)", got)
		}
		wantProps(t, "FEMM", ix.edge(t, graph.ContributesTo, "institution/ep-femm", proc).Props, graph.Props{"role": "decided not to give an opinion"})
		// JURI has two rapporteurs for opinion, the second on a continuation row.
		for _, id := range []string{"person/hans-jurgen-muller-ludenscheidt", "person/jean-luc-dupont"} {
			wantProps(t, id, ix.edge(t, graph.Rapporteur, id, proc).Props,
				graph.Props{"role": graph.RoleRapporteurForOpinion, "committee": "institution/ep-juri"})
		}
		if got := len(ix.edgesOf(graph.Rapporteur, proc, false)); got != 7 {
			t.Errorf("%d RAPPORTEUR edges, want 7", got)
		}
		for id, name := range map[string]string{
			"person/seamus-o-neill":                  "Séamus O'Neill",
			"person/zofia-lukaszewska":               "Zofia Łukaszewska",
			"person/pieter-van-den-berg":             "Pieter van den Berg",
			"person/hans-jurgen-muller-ludenscheidt": "Hans-Jürgen Müller-Lüdenscheidt",
			"person/ines-goncalves":                  "Inês Gonçalves",
		} {
			if n := ix.node(t, id).Name; n != name {
				t.Errorf("%s: name %q, want %q", id, n, name)
			}
		}
		ix.edge(t, graph.MemberOf, "person/pieter-van-den-berg", "institution/group-verts-ale")
	})

	t.Run("no committee for opinion", func(t *testing.T) {
		f := parseFile(t, "testdata/ini-no-opinions.txt")
		ix := indexOf(f.Batch)
		proc := "procedure/2012-9002-ini"
		if got := ix.edgesOf(graph.ContributesTo, proc, false); len(got) != 0 {
			t.Errorf("CONTRIBUTES_TO edges %v, want none", got)
		}
		ix.edge(t, graph.ResponsibleFor, "institution/ep-libe", proc)
		if _, ok := ix.nodes[idCouncil]; ok {
			t.Error("a Council node without any Council row")
		}
		if len(f.Events) != 0 || len(f.Documents) != 0 {
			t.Errorf("events %v, documents %v from a file without them", f.Events, f.Documents)
		}
	})

	t.Run("basic information only", func(t *testing.T) {
		f := parseFile(t, "testdata/basic-only.txt")
		wantProps(t, "procedure", f.Procedure.Props, graph.Props{
			"reference": "2012/9003(RSP)", "type": "RSP - Resolutions on topical subjects",
			"status": "Procedure completed", "subjects": []string{"7.30.09 Public security"},
		})
		if f.Procedure.Name != "Fixture resolution known only by its basic information" {
			t.Errorf("title %q", f.Procedure.Name)
		}
		indexOf(f.Batch).edge(t, graph.RelatedTo, f.Procedure.ID, issProc)
	})

	t.Run("technical information and key events only", func(t *testing.T) {
		f := parseFile(t, "testdata/technical-only.txt")
		if f.Procedure.ID != "procedure/2012-9004-rsp" || f.Procedure.Name != "2012/9004(RSP)" {
			t.Errorf("procedure %s %q", f.Procedure.ID, f.Procedure.Name)
		}
		if _, ok := f.Procedure.Props["subtype"]; ok {
			t.Error("the unknown Technical information row was stored")
		}
		if len(f.Events) != 2 || f.Events[0].Date.String() != "2012-06-13" {
			t.Errorf("events %+v", f.Events)
		}
	})

	t.Run("summaries are skipped", func(t *testing.T) {
		f := parseFile(t, "testdata/with-summaries.txt")
		if len(f.Events) != 1 {
			t.Errorf("events %+v: the heading inside the summaries was read", f.Events)
		}
		for _, n := range f.Batch.Nodes {
			b, _ := json.Marshal(n)
			if bytes.Contains(b, []byte("Placeholder summary")) || bytes.Contains(b, []byte("only in the prose")) {
				t.Errorf("%s carries summary text", n.ID)
			}
		}
	})
}

func TestParseErrors(t *testing.T) {
	type tc struct {
		name string
		data []byte
		line int
		msg  string
	}
	cases := []tc{
		{"binary", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00"), 1, "control characters"},
		{"binary on a later line", []byte("Basic information\t\n\xff\xfe\xfd\n"), 2, "UTF-8"},
		{"empty", nil, 1, "no procedure reference"},
		{"prose only", []byte("Some text\n\nMore text\n"), 3, "no procedure reference"},
		{"reference names a document", []byte("Technical information\t\nProcedure reference\tCOM(2013)0179\n"), 2, "names a document"},
		{"references disagree", []byte("Basic information\t\n2010/2308(INI) INI - Own-initiative procedure Title\tdone\n\nTechnical information\t\nProcedure reference\t2011/2308(INI)\n"), 2, "differs"},
		{"player row before a header", []byte("Technical information\t\nProcedure reference\t2010/2308(INI)\n\nKey players\t\t\t\t\nEuropean Parliament\t\t\t\t\n\tLIBE Civil Liberties\t\tBORSELLINO Rita (S&D)\t26/10/2010\n"), 6, "header"},
		{"committee without acronym", []byte("Technical information\t\nProcedure reference\t2010/2308(INI)\n\nKey players\t\t\t\t\nEuropean Parliament\tCommittee responsible\t\tRapporteur\tAppointed\n\tCivil Liberties\t\tBORSELLINO Rita (S&D)\t26/10/2010\n"), 6, "acronym"},
		{"meeting not a number", []byte("Technical information\t\nProcedure reference\t2010/2308(INI)\n\nKey players\t\t\t\t\nCouncil of the European Union\tCouncil configuration\t\tMeetings\tDate\n\tJustice and Home Affairs (JHA)\t\tthird\t2011-02-24\n"), 6, "number"},
		{"row without columns", []byte("Technical information\t\nProcedure reference\t2010/2308(INI)\n\nKey events\t\t\t\n16/12/2010 Committee referral\n"), 5, "columns"},
		{"event date malformed", []byte("Technical information\t\nProcedure reference\t2010/2308(INI)\n\nKey events\t\t\t\n2010-13-16\tVote in committee\t\t\n"), 5, "date"},
		{"document row without a type", []byte("Technical information\t\nProcedure reference\t2010/2308(INI)\n\nDocumentation gateway\t\t\t\t\nEuropean Parliament\t\t\t\t\n\t\tPE473.725\t09/01/2012\t\n"), 6, "type"},
		{"national parliament code", []byte("Technical information\t\nProcedure reference\t2010/2308(INI)\n\nDocumentation gateway\t\t\t\t\nNational parliaments\t\t\t\t\nContribution\tPORTUGAL\tCOM(2013)0179\t11/10/2013\t\n"), 6, "national parliament"},
	}
	entries, err := os.ReadDir("testdata/broken")
	if err != nil {
		t.Fatal(err)
	}
	nameRE := regexp.MustCompile(`\.L(\d+)\.txt$`)
	for _, e := range entries {
		m := nameRE.FindStringSubmatch(e.Name())
		if m == nil {
			t.Fatalf("testdata/broken/%s: name must end in .L<line>.txt", e.Name())
		}
		data, err := os.ReadFile(filepath.Join("testdata/broken", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(m[1])
		cases = append(cases, tc{e.Name(), data, n, ""})
	}
	if len(entries) < 8 {
		t.Errorf("only %d broken files", len(entries))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse(bytes.NewReader(c.data), "dir/"+c.name)
			if err == nil {
				t.Fatalf("Parse succeeded with %d nodes", len(f.Batch.Nodes))
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not a *ParseError", err, err)
			}
			if !errors.Is(err, graph.ErrInvalid) {
				t.Error("error does not match graph.ErrInvalid")
			}
			if pe.File != "dir/"+c.name || pe.Line != c.line {
				t.Errorf("error at %s:%d, want line %d: %v", pe.File, pe.Line, c.line, err)
			}
			if !strings.Contains(pe.Msg, c.msg) {
				t.Errorf("message %q lacks %q", pe.Msg, c.msg)
			}
			if want := pe.File + ":" + strconv.Itoa(pe.Line) + ": " + pe.Msg; err.Error() != want {
				t.Errorf("Error() = %q, want %q", err.Error(), want)
			}
		})
	}
}

func TestParseLineEndings(t *testing.T) {
	data, err := os.ReadFile(iss)
	if err != nil {
		t.Fatal(err)
	}
	crlf := append([]byte("\ufeff"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
	a, err := Parse(bytes.NewReader(data), issFile)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse(bytes.NewReader(crlf), issFile)
	if err != nil {
		t.Fatal(err)
	}
	aj, _ := json.Marshal(a.Batch)
	bj, _ := json.Marshal(b.Batch)
	if !bytes.Equal(aj, bj) {
		t.Error("CRLF line endings and a BOM change the batch")
	}
}

func TestSplitName(t *testing.T) {
	cases := []struct{ in, given, family string }{
		{"BORSELLINO Rita", "Rita", "Borsellino"},
		{"HANKISS Ágnes", "Ágnes", "Hankiss"},
		{"MALMSTRÖM Cecilia", "Cecilia", "Malmström"},
		{"DÍAZ DE LA FUENTE MÁRQUEZ Agustina", "Agustina", "Díaz de la Fuente Márquez"},
		{"in 't VELDEN Saskia", "Saskia", "in 't Velden"},
		{"de JONGE Dirk", "Dirk", "de Jonge"},
		{"XENOFÓNTOS-ÅBERG Iólanthe", "Iólanthe", "Xenofóntos-Åberg"},
		{"McMILLAN-SCOTT Edward", "Edward", "McMillan-Scott"},
		{"MÜLLER-LÜDENSCHEIDT Hans-Jürgen", "Hans-Jürgen", "Müller-Lüdenscheidt"},
		{"O'NEILL Séamus", "Séamus", "O'Neill"},
		{"SMITH JOHN", "John", "Smith"},
		{"Rita Borsellino", "Rita", "Borsellino"},
		{"GOMES Ana Maria", "Ana Maria", "Gomes"},
	}
	for _, c := range cases {
		g, f, ok := splitName(c.in)
		if !ok || g != c.given || f != c.family {
			t.Errorf("splitName(%q) = %q, %q, %v; want %q, %q", c.in, g, f, ok, c.given, c.family)
		}
	}
	for _, bad := range []string{"", "BORSELLINO", "  "} {
		if _, _, ok := splitName(bad); ok {
			t.Errorf("splitName(%q) succeeded", bad)
		}
	}
}

func TestNationalParliament(t *testing.T) {
	cases := []struct{ in, slug, name string }{
		{"PT_PARLIAMENT", "pt", "Portuguese Parliament"},
		{"IT_SENATE", "it-senate", "Italian Senate"},
		{"DE_BUNDESRAT", "de-bundesrat", "German Bundesrat"},
		{"CZ_CHAMBER", "cz-chamber", "Czech Chamber"},
		{"XX_PARLIAMENT", "xx", "XX Parliament"},
	}
	for _, c := range cases {
		s, n, ok := nationalParliament(c.in)
		if !ok || s != c.slug || n != c.name {
			t.Errorf("nationalParliament(%q) = %q, %q, %v; want %q, %q", c.in, s, n, ok, c.slug, c.name)
		}
	}
	for _, bad := range []string{"PORTUGAL", "P_PARLIAMENT", "12_SENATE", "PT_"} {
		if _, _, ok := nationalParliament(bad); ok {
			t.Errorf("nationalParliament(%q) succeeded", bad)
		}
	}
}

func TestDocName(t *testing.T) {
	cases := []struct{ typ, ref, want string }{
		{"Committee draft report", "PE473.725", "Committee draft report PE473.725"},
		{"Commission document (COM)", "COM(2014) 365", "Commission document COM(2014) 365"},
		{"Commission document (SEC)", "COM(2014) 365", "Commission document (SEC) COM(2014) 365"},
		{"Council position", "", "Council position"},
	}
	for _, c := range cases {
		if got := docName(c.typ, c.ref); got != c.want {
			t.Errorf("docName(%q, %q) = %q, want %q", c.typ, c.ref, got, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range goodFiles {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Key players\t\t\t\t\nEuropean Parliament\tCommittee responsible\t\tRapporteur\tAppointed\n\t\t\t(\t\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []Options{{}, {Lenient: true}} {
			file, err := ParseOptions(bytes.NewReader(data), "fuzz.txt", opts)
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Line < 1 {
					t.Fatalf("error %v is not a *ParseError with a line", err)
				}
				continue
			}
			// Whatever parses is valid and self-contained.
			ids := map[string]bool{}
			for _, n := range file.Batch.Nodes {
				if err := n.Validate(); err != nil {
					t.Fatalf("node %s: %v", n.ID, err)
				}
				ids[n.ID] = true
			}
			for _, e := range file.Batch.Edges {
				if err := e.Validate(); err != nil || !ids[e.From] || !ids[e.To] {
					t.Fatalf("edge %s: %v", e.Key(), err)
				}
			}
			for _, w := range file.Warnings {
				if w.Line < 1 {
					t.Fatalf("warning without a line: %+v", w)
				}
			}
		}
	})
}
