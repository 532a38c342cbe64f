package oeil

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

// The made-up procedure files of testdata (README.md there): one per
// procedure type, facts and references invented.
func TestProcedureTypes(t *testing.T) {
	tests := []struct {
		file, id, title, typ, instrument string
	}{
		{"cod-2020-9011.txt", "procedure/2020-9011-cod", "Fixture rules on the exchange of test records between fictional agencies",
			"COD - Ordinary legislative procedure (ex-codecision procedure)", "Regulation"},
		{"cns-2008-9012.txt", "procedure/2008-9012-cns", "Fixture framework decision on the protection of test data processed in fictional cooperation",
			"CNS - Consultation procedure", "Framework decision"},
		{"app-2019-9013.txt", "procedure/2019-9013-app", "Fixture agreement between the EU and a fictional republic on the transfer of test data",
			"APP - Consent by Parliament", "Decision"},
		{"nle-2021-9014.txt", "procedure/2021-9014-nle", "Fixture council decision on the position to be taken in a fictional joint committee",
			"NLE - Non-legislative enactments", "Decision (EU)"},
		// "Resolution on" is the title's, not an instrument.
		{"rsp-2030-9015.txt", "procedure/2030-9015-rsp", "Resolution on fixture matters of the eleventh parliamentary term",
			"RSP - Resolutions on topical subjects", ""},
		{"bud-2016-9016.txt", "procedure/2016-9016-bud", "Fixture draft amending budget 9 of 2016: test section of the fictional budget",
			"BUD - Budgetary procedure", ""},
		{"ini-several-opinions.txt", "procedure/2012-9001-ini", "Fixture procedure with several committees for opinion",
			"INI - Own-initiative procedure", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := parseFile(t, filepath.Join("testdata", tt.file))
			p := f.Procedure
			if p.ID != tt.id || p.Name != tt.title {
				t.Errorf("procedure %s %q, want %s %q", p.ID, p.Name, tt.id, tt.title)
			}
			if got := p.Props.String("type"); got != tt.typ {
				t.Errorf("type %q, want %q", got, tt.typ)
			}
			if got := p.Props.String("instrument"); got != tt.instrument {
				t.Errorf("instrument %q, want %q", got, tt.instrument)
			}
		})
	}
}

func TestCODFullFormat(t *testing.T) {
	f := parseFile(t, "testdata/cod-2020-9011.txt")
	ix := indexOf(f.Batch)
	proc := "procedure/2020-9011-cod"

	// Political groups resolve through the alias table to one node each,
	// keeping the acronym the file used as an alias.
	for person, group := range map[string]string{
		"person/ottoline-quillfeather": "institution/group-ppe",       // EPP
		"person/mireille-vanterpool":   "institution/group-renew",     // Renew Europe
		"person/freya-oakenshaw":       "institution/group-verts-ale", // Greens/EFA
		"person/ivo-kestrel":           "institution/group-gue-ngl",   // The Left
		"person/tobias-bramblewick":    "institution/group-s-d",
		"person/rosamund-nightingale":  "institution/group-ni",
	} {
		ix.edge(t, graph.MemberOf, person, group)
	}
	wantProps(t, "EPP", ix.node(t, "institution/group-ppe").Props, graph.Props{"acronym": "PPE", "aliases": []string{"EPP"}})
	wantProps(t, "rapporteur", ix.edge(t, graph.Rapporteur, "person/ottoline-quillfeather", proc).Props,
		graph.Props{"group": "PPE", "role": graph.RoleRapporteur})
	if _, ok := ix.nodes["institution/group-epp"]; ok {
		t.Error("EPP became a node of its own")
	}
	// An unknown group is kept as written, with a warning.
	ix.node(t, "institution/group-xyz")
	wantWarning(t, f, 8, `political group "XYZ"`)

	// Several committees for opinion, one declining.
	wantProps(t, "AFET", ix.edge(t, graph.ContributesTo, "institution/ep-afet", proc).Props, graph.Props{"role": roleNoOpinion})
	wantProps(t, "JURI", ix.edge(t, graph.ContributesTo, "institution/ep-juri", proc).Props, graph.Props{"role": roleOpinion})

	// A Key events row cut by a line break inside its Event cell.
	e := ix.node(t, "event/2020-9011-cod/2021-06-15-committee-referral-announced-in-parliament-2nd-reading")
	if e.Name != "Committee referral announced in Parliament, 2nd reading" || e.Sources[0].Lines != "26-27" {
		t.Errorf("continued event: %q %v", e.Name, e.Sources)
	}

	// Council documents in OEIL's spelling, with REV and ADD, linked to the
	// base number the file also names; no base is made up.
	for id, role := range map[string]string{"document/council-9312-21-rev1": "revision", "document/council-9312-21-add1": "addendum"} {
		wantProps(t, id, ix.edge(t, graph.RelatedTo, id, "document/council-9312-21").Props, graph.Props{"role": role})
	}
	ix.edge(t, graph.Produced, "event/2020-9011-cod/2021-06-03-council-position-published", "document/council-9312-21-rev1")

	// Several national parliaments.
	for _, np := range []string{"de-bundesrat", "cz-senate", "pt"} {
		ix.edge(t, graph.ContributesTo, "institution/national-parliament-"+np, "document/com-2020-9041")
	}
	ix.edge(t, graph.Authored, "institution/national-parliament-se", "document/ep-pe919.004")

	// Other institutions and bodies: their own column order; the EDPS row
	// continues on the next line with the Official Journal citation.
	edps := ix.node(t, "document/ep-n9-9021-2020")
	wantProps(t, "EDPS opinion", edps.Props, graph.Props{"reference": "N9-9021/2020", "officialJournal": "OJ C 935, 12.6.2020, p. 3",
		"date": graph.MustDate("2020-03-20"), "oeilType": "Document attached to the procedure"})
	if edps.Sources[0].Lines != "75-76" {
		t.Errorf("EDPS row sources %v, want lines 75-76", edps.Sources)
	}
	ix.edge(t, graph.Authored, "institution/edps", edps.ID)
	// References no normaliser reads are kept verbatim, with a warning.
	for id, raw := range map[string]string{
		"document/ces9121-2020":       "CES9121/2020",
		"document/cdr9015-2020":       "CDR9015/2020",
		"document/geda-a-2020-009901": "GEDA/A/(2020)009901",
		"document/00917-2021-lex":     "00917/2021/LEX",
	} {
		n := ix.node(t, id)
		wantProps(t, id, n.Props, graph.Props{"unresolvedReference": raw})
		if _, ok := n.Props["reference"]; ok {
			t.Errorf("%s has a reference", id)
		}
		ix.edge(t, graph.HasDocument, proc, id)
	}
	ix.edge(t, graph.Authored, "institution/eesc", "document/ces9121-2020")
	ix.edge(t, graph.Authored, "institution/cor", "document/cdr9015-2020")
	wantWarning(t, f, 77, `"CES9121/2020"`)

	// The final act with its Official Journal citation; delegated acts.
	wantProps(t, "final act", ix.node(t, "document/regulation-2021-9187").Props,
		graph.Props{"officialJournal": "OJ L 935, 21.7.2021, p. 1", "type": "regulation"})
	ix.edge(t, graph.RelatedTo, proc, "procedure/2022-9601-dea")
	ix.edge(t, graph.RelatedTo, proc, "procedure/2013-9006-cod")
	if len(f.Warnings) != 5 {
		t.Errorf("warnings %v, want 5", f.Warnings)
	}
}

func TestFutureTermsAndImplausibleReferences(t *testing.T) {
	f := parseFile(t, "testdata/rsp-2030-9015.txt")
	ix := indexOf(f.Batch)
	for _, id := range []string{"document/ep-b11-9045-2030", "document/ep-rc-b11-9045-2030", "document/ep-t11-9101-2030"} {
		ix.node(t, id)
	}
	wantProps(t, "joint motion", ix.node(t, "document/ep-rc-b11-9045-2030").Props, graph.Props{"type": "motion-for-resolution"})
	if len(f.Warnings) != 0 {
		t.Errorf("warnings %v for a file of the eleventh term", f.Warnings)
	}

	// A Parliament number outside its term is used, with a warning; so is
	// a final act without its domain.
	c := parseFile(t, "testdata/cns-2008-9012.txt")
	cx := indexOf(c.Batch)
	cx.node(t, "document/ep-a6-9204-2012")
	wantWarning(t, c, 15, "outside term 6")
	wantWarning(t, c, 28, `unknown row "Fixture extra row"`)
	wantWarning(t, c, 31, "Framework Decision 2008/9977/JHA")
	wantProps(t, "final act", cx.node(t, "document/framework-decision-2008-9977-jha").Props,
		graph.Props{"officialJournal": "OJ L 950, 30.12.2008, p. 60", "type": "framework-decision"})
	for _, g := range []string{"ppe-de", "pse", "alde", "uen", "ind-dem"} {
		cx.node(t, "institution/group-"+g)
	}
	// ADD and ADD COR of one Council number.
	a := indexOf(parseFile(t, "testdata/app-2019-9013.txt").Batch)
	a.edge(t, graph.RelatedTo, "document/council-9876-19-add1", "document/council-9876-19")
	wantProps(t, "ADD COR", a.edge(t, graph.RelatedTo, "document/council-9876-19-add1-cor1", "document/council-9876-19-add1").Props, graph.Props{"role": "corrigendum"})
	n := indexOf(parseFile(t, "testdata/nle-2021-9014.txt").Batch)
	n.edge(t, graph.RelatedTo, "document/council-9123-21-rev2", "document/council-9123-21")
}

func wantWarning(t *testing.T, f *File, line int, msg string) {
	t.Helper()
	for _, w := range f.Warnings {
		if w.Line == line && strings.Contains(w.Msg, msg) {
			return
		}
	}
	t.Errorf("no warning at line %d with %q: %v", line, msg, f.Warnings)
}

// Each broken file is refused with an error naming its line; with
// Options.Lenient a structural fault (a heading or row of no known shape)
// is a warning at that line instead, while bad dates and a missing
// procedure reference stay errors.
func TestBrokenFilesLenient(t *testing.T) {
	entries, err := os.ReadDir("testdata/broken")
	if err != nil {
		t.Fatal(err)
	}
	nameRE := regexp.MustCompile(`\.L(\d+)\.txt$`)
	hard := regexp.MustCompile(`^(document|gateway|event|meeting|player)-date|reference`)
	for _, e := range entries {
		line, _ := strconv.Atoi(nameRE.FindStringSubmatch(e.Name())[1])
		data, err := os.ReadFile(filepath.Join("testdata/broken", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		t.Run(e.Name(), func(t *testing.T) {
			f, err := ParseOptions(bytes.NewReader(data), e.Name(), Options{Lenient: true})
			if hard.MatchString(e.Name()) {
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Line != line {
					t.Errorf("lenient: error %v, want one at line %d", err, line)
				}
				return
			}
			if err != nil {
				t.Fatalf("lenient: %v", err)
			}
			if !slices.ContainsFunc(f.Warnings, func(w Warning) bool { return w.Line == line && strings.HasPrefix(w.Msg, "skipped: ") }) {
				t.Errorf("lenient: no warning at line %d: %v", line, f.Warnings)
			}
		})
	}
}

// A misspelt heading no longer drops its section silently; a junk row no
// longer makes a committee.
func TestStrictStructure(t *testing.T) {
	for name, want := range map[string]string{
		"heading-misspelt.L19.txt":    `unknown section heading "Key evnts"`,
		"heading-untabbed.L19.txt":    `unknown section heading "Key evnts"`,
		"players-junk.L11.txt":        `committee "THIS IS JUNK"`,
		"gateway-sub-heading.L62.txt": `unknown sub-heading "European Comission"`,
	} {
		data, err := os.ReadFile(filepath.Join("testdata/broken", name))
		if err != nil {
			t.Fatal(err)
		}
		_, err = Parse(bytes.NewReader(data), name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", name, err, want)
		}
	}
	// Leniently, the junk row is skipped and makes no committee.
	data, _ := os.ReadFile("testdata/broken/players-junk.L11.txt")
	f, err := ParseOptions(bytes.NewReader(data), "junk.txt", Options{Lenient: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range f.Batch.Nodes {
		if n.ID == "institution/ep-this" || strings.Contains(n.Name, "JUNK") {
			t.Errorf("junk made %s %q", n.ID, n.Name)
		}
	}
}

func TestCutInstrument(t *testing.T) {
	for _, tt := range []struct{ in, known, instrument, title string }{
		{"Regulation Synthetic test regulation on things", "", "Regulation", "Synthetic test regulation on things"},
		{"Directive 2011/36 follow-up", "", "Directive", "2011/36 follow-up"},
		{"Decision (EU) Fixture decision", "", "Decision (EU)", "Fixture decision"},
		{"Framework decision Fixture", "", "Framework decision", "Fixture"},
		{"Resolution on the second report", "", "", "Resolution on the second report"},
		{"Decision making in the Council", "", "", "Decision making in the Council"}, // no: "making" is not a title's start
		{"Regulation", "", "", "Regulation"},
		{"Joint action Fixture", "Joint action", "Joint action", "Fixture"},
	} {
		in, title, ok := cutInstrument(tt.in, tt.known)
		if in != tt.instrument || title != tt.title || ok != (tt.instrument != "") {
			t.Errorf("cutInstrument(%q) = %q, %q, %v; want %q, %q", tt.in, in, title, ok, tt.instrument, tt.title)
		}
	}
}

func TestGroupAliases(t *testing.T) {
	for in, want := range map[string]string{
		"EPP": "PPE", "PPE": "PPE", "S&D": "S&D", "Renew Europe": "Renew", "RE": "Renew", "ALDE": "ALDE",
		"Greens/EFA": "Verts/ALE", "Verts/ALE": "Verts/ALE", "ECR": "ECR", "GUE/NGL": "GUE/NGL", "The Left": "GUE/NGL",
		"ID": "ID", "ENF": "ENF", "EFDD": "EFDD", "NI": "NI", "EPP-ED": "PPE-DE", "greens - efa": "Verts/ALE",
	} {
		g, ok := lookupGroup(in)
		if !ok || g.acronym != want || g.id != "institution/group-"+graph.Slug(want) {
			t.Errorf("lookupGroup(%q) = %+v, %v; want %s", in, g, ok, want)
		}
	}
	if g, ok := lookupGroup("XYZ"); ok || g.acronym != "XYZ" {
		t.Errorf("unknown group: %+v %v", g, ok)
	}
}

func TestOfficialJournal(t *testing.T) {
	for in, want := range map[string]string{
		"OJ L 135 24.05.2016, p. 0053":              "OJ L 135, 24.5.2016, p. 53",
		"OJ L 101, 15.4.2011, p. 1":                 "OJ L 101, 15.4.2011, p. 1",
		"N9-9021/2020 OJ C 035 09.02.2013, p. 0001": "OJ C 35, 9.2.2013, p. 1",
		"COM(2020)9041":                             "",
	} {
		if got, _ := officialJournal(in); got != want {
			t.Errorf("officialJournal(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDocType(t *testing.T) {
	for oeil, want := range map[string]string{
		"Committee draft report":                           "draft-report",
		"Committee report tabled for plenary, 1st reading": "report",
		"Text adopted by Parliament, 2nd reading":          "resolution",
		"Commission response to text adopted in plenary":   "commission-response",
		"Commission communication on Council's position":   "communication",
		"Council position":                                 "council-position",
		"Reasoned opinion":                                 "reasoned-opinion",
		"Economic and Social Committee: opinion, report":   "opinion",
		"Legislative proposal":                             "legislative-proposal",
		"Commission document (SWD)":                        "staff-working-document",
		"Something OEIL may add one day":                   "document",
	} {
		if got := docType(oeil, reference{}.r); got != want {
			t.Errorf("docType(%q) = %q, want %q", oeil, got, want)
		}
		if !slices.Contains(DocumentTypes(), want) {
			t.Errorf("DocumentTypes lacks %q", want)
		}
	}
}
