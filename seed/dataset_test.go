package seed_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/seed"
	"github.com/issgraph/issgraph/seed/curate"
	"github.com/issgraph/issgraph/seed/derive"
)

// The dataset's own rules, on the merged layers (derived, then curated):
// what an analyst may take for granted about the shipped graph.

// isolated are the nodes allowed to have no relationship, each with the
// reason. Every node of the corpus is related to something; an entry here
// is a decision, not a default.
var isolated = map[string]string{}

// ownText names, for each corpus file, the document or procedure whose
// own text or record the file is. A source's file names that node as a
// page reference names its book, so the lines cited need not repeat it:
// COM(2014) 365 does not say "COM(2014) 365" in each paragraph, nor OEIL's
// file of 2010/2308(INI) in each row. The file's author is not excused: a
// fact about the Commission cites lines that name the Commission. Lines
// are where the file says which node it is; the test checks that they do.
var ownText = map[string]identity{
	"com-2014-0365-final-iss-implementation-report.txt": {"document/com-2014-0365", "14"},            // this third and final Report on the ISS 2010-2014
	"council-14186-1-14-rev1-draft-conclusions.txt":     {"document/council-14186-14-rev1", "11-12"}, // 14186/1/14 REV 1
	oeilFile:   {"procedure/2010-2308-ini", "4"}, // 2010/2308(INI)
	eurlexFile: {"document/com-2010-0673", "3"},  // the summary's title: COM(2010) 673 final
}

// sectionIs names the document a section summarises, where it is not its
// file's own, with the lines of that file that tie the section to the
// document: OEIL's summaries are headed by the procedure and a date, which
// the Key events or gateway row of that date gives the document of; the
// EUR-Lex summary's related-acts sections open with the act's title.
var sectionIs = map[section]identity{
	{oeilFile, "Summary 24/02/2011: Council conclusions"}:                                {"document/council-conclusions-on-the-iss-in-action", "60"},
	{oeilFile, "Summary 24/04/2012: Committee report tabled for plenary"}:                {"document/ep-a7-0143-2012", "22"},
	{oeilFile, "Summary 22/05/2012: Text adopted by Parliament"}:                         {"document/ep-t7-0207-2012", "25"},
	{oeilFile, "Summary 20/06/2014: final implementation report"}:                        {"document/com-2014-0365", "51"},
	{oeilFile, "Summary 10/04/2013: Second implementation report"}:                       {"document/com-2013-0179", "50"},
	{eurlexFile, "First Annual Report on the implementation of the ISS (COM(2011) 790)"}: {"document/com-2011-0790", "72"},
	{eurlexFile, "Second Report on the implementation of the ISS (COM(2013) 179)"}:       {"document/com-2013-0179", "88"},
}

const (
	oeilFile   = "oeil-procedure-2010-2308-INI.txt"
	eurlexFile = "eurlex-summary-iss-in-action.txt"
)

// section is a section of a corpus file.
type section struct{ file, name string }

// identity is a node a file or section stands for, and the lines of the
// file that say so.
type identity struct{ id, lines string }

// implied reports whether the source's file or section is the node id.
func implied(s graph.Source, id string) bool {
	return ownText[s.File].id == id || sectionIs[section{s.File, s.Section}].id == id
}

func readDataset(t *testing.T) *seed.Dataset {
	t.Helper()
	d, err := seed.Read()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDatasetHasNoIsolatedNodes(t *testing.T) {
	d := readDataset(t)
	degree := map[string]int{}
	for _, e := range d.Edges {
		degree[e.From]++
		degree[e.To]++
	}
	for _, n := range d.Nodes {
		_, allowed := isolated[n.ID]
		switch {
		case degree[n.ID] == 0 && !allowed:
			t.Errorf("%s (%s) has no relationship: relate it, or list it in isolated with the reason", n.ID, n.Name)
		case degree[n.ID] > 0 && allowed:
			t.Errorf("%s is listed as isolated but has %d relationships", n.ID, degree[n.ID])
		}
	}
}

func TestDatasetHasNoDuplicateSources(t *testing.T) {
	d := readDataset(t)
	check := func(what string, ss []graph.Source) {
		seen := map[string]bool{}
		for _, s := range ss {
			k := s.File + "#" + s.Lines
			if s.Lines == "" {
				k += "#" + s.Section
			}
			if seen[k] {
				t.Errorf("%s cites %s lines %s twice", what, s.File, s.Lines)
			}
			seen[k] = true
		}
	}
	for _, n := range d.Nodes {
		check("node "+n.ID, n.Sources)
	}
	for _, e := range d.Edges {
		check("edge "+e.ID(), e.Sources)
	}
}

// Labels are what a view shows: two distinct nodes of a kind under one
// label (case and accents aside) cannot be told apart.
func TestDatasetLabelsAreDistinct(t *testing.T) {
	d := readDataset(t)
	seen := map[string]string{}
	for _, n := range d.Nodes {
		k := string(n.Kind) + "/" + graph.Slug(n.Name)
		if prev, ok := seen[k]; ok {
			t.Errorf("%s and %s are both %s %q", prev, n.ID, n.Kind, n.Name)
		}
		seen[k] = n.ID
	}
}

// One vocabulary of types: the importer's and the curators' words are the
// same (graph.DocumentTypes, graph.InstitutionTypes; agency and objective
// types are enums of their specs).
func TestDatasetUsesOneTypeVocabulary(t *testing.T) {
	d := readDataset(t)
	vocab := map[graph.Kind][]string{graph.Document: graph.DocumentTypes, graph.Institution: graph.InstitutionTypes}
	used := map[string]bool{}
	for _, n := range d.Nodes {
		v, ok := vocab[n.Kind]
		if !ok {
			continue
		}
		ty := n.Props.String("type")
		if ty == "" && n.Kind == graph.Document {
			t.Errorf("%s (%s) has no type", n.ID, n.Name)
			continue
		}
		used[ty] = true
		if ty != "" && !slices.Contains(v, ty) {
			t.Errorf("%s: type %q is not in the %s vocabulary %v", n.ID, ty, n.Kind, v)
		}
	}
}

// Every cited range holds text, and each source, curated or derived,
// names what it is cited for: a node's name, acronym, short title,
// reference or alias; for an edge, each end that the file or section is
// not itself (ownText, sectionIs), in the lines or in the file's heading
// of their section. A source that infers the fact instead says so in its
// note. This is the rule of docs/data-model.md, Provenance.
func TestDatasetSourcesNameTheirFacts(t *testing.T) {
	dir, ok := derive.FindCorpus()
	if !ok {
		t.Skipf("corpus not found (set ISSGRAPH_CORPUS): line ranges not checked")
	}
	corpus, err := curate.ReadCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := readDataset(t)
	byID := map[string]graph.Node{}
	for _, n := range d.Nodes {
		byID[n.ID] = n
	}
	text := func(s graph.Source) (string, error) {
		lines, ok := corpus[s.File]
		if !ok {
			return "", fmt.Errorf("no corpus file %s", s.File)
		}
		from, to, err := lineRange(s.Lines)
		if err != nil {
			return "", err
		}
		if to > len(lines) {
			return "", fmt.Errorf("lines %s beyond the %d lines of the file", s.Lines, len(lines))
		}
		out := strings.Join(lines[from-1:to], "\n")
		if strings.TrimSpace(out) == "" {
			return "", fmt.Errorf("lines %s are blank", s.Lines)
		}
		return out, nil
	}
	// The tables that excuse lines from naming their file's or section's
	// own document hold only where the file says which document it is.
	says := func(file string, id identity, what string) {
		got, err := text(graph.Source{File: file, Lines: id.lines})
		switch {
		case err != nil:
			t.Errorf("%s is %s: %v", what, id.id, err)
		case !curate.Mentions(got, curate.Terms(byID[id.id])):
			t.Errorf("%s is %s, but lines %s of %s do not name it", what, id.id, id.lines, file)
		}
	}
	for file, id := range ownText {
		says(file, id, file)
	}
	for sec, id := range sectionIs {
		says(sec.file, id, "section "+sec.name)
	}
	bad := 0
	for _, n := range d.Nodes {
		for _, s := range n.Sources {
			got, err := text(s)
			switch {
			case err != nil:
				t.Errorf("node %s: source %s: %v", n.ID, s, err)
			case s.Note == "" && !implied(s, n.ID) && !curate.Mentions(got, curate.Terms(n)):
				bad++
				t.Errorf("node %s: %s does not name %q (or an acronym, reference or alias); cite the lines that do, or add a note", n.ID, s, n.Name)
			}
		}
	}
	for _, e := range d.Edges {
		for _, s := range e.Sources {
			got, err := text(s)
			if err != nil {
				t.Errorf("edge %s: source %s: %v", e.ID(), s, err)
				continue
			}
			if s.Note != "" {
				continue
			}
			for _, end := range []string{e.From, e.To} {
				if implied(s, end) {
					continue
				}
				if !curate.Mentions(got+"\n"+heading(corpus[s.File], s), curate.Terms(byID[end])) {
					bad++
					t.Errorf("edge %s: %s does not name %s (%q); cite the lines that do, or add a note", e.ID(), s, end, byID[end].Name)
				}
			}
		}
	}
	if bad > 0 {
		t.Logf("%d sources do not name their facts", bad)
	}
}

func lineRange(s string) (from, to int, err error) {
	if _, err := fmt.Sscanf(s, "%d-%d", &from, &to); err == nil && from >= 1 && to >= from {
		return from, to, nil
	}
	if _, err := fmt.Sscanf(s, "%d", &from); err == nil && from >= 1 && !strings.Contains(s, "-") {
		return from, from, nil
	}
	return 0, 0, fmt.Errorf("lines %q: want N or N-M", s)
}

var numberingRE = regexp.MustCompile(`^[0-9][0-9.]*\s*`)

// heading returns the section heading a source's lines fall under: the
// nearest line at or above them that carries the section's title (its
// numbering aside), "" when the file has no such line, so that a section
// label names an edge's end only where the file's own heading does.
func heading(lines []string, s graph.Source) string {
	from, _, err := lineRange(s.Lines)
	title := graph.Slug(numberingRE.ReplaceAllString(s.Section, ""))
	if err != nil || title == "" {
		return ""
	}
	for i := min(from, len(lines)); i >= 1; i-- {
		if strings.Contains("-"+graph.Slug(lines[i-1])+"-", "-"+title+"-") {
			return lines[i-1]
		}
	}
	return ""
}
