package curate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

// imported are the nodes the OEIL importer makes for 2010/2308(INI) that
// curated edges point at without defining them (DEVELOPERS.md id table).
var imported = map[string]graph.Kind{
	"document/sp-2012-0542":      graph.Document,
	"event/council-meeting-3071": graph.Event,
}

func corpusDir() string {
	if d := os.Getenv("ISSGRAPH_CORPUS"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared", "corpus")
}

func readCurated(t *testing.T) []File {
	t.Helper()
	files, err := ReadDir(os.DirFS(filepath.Join("..", "data")), "curated")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no curated files")
	}
	return files
}

func TestCurated(t *testing.T) {
	files := readCurated(t)
	nodes, edges := 0, 0
	for _, f := range files {
		t.Logf("%-22s %4d nodes %4d edges", f.Name, len(f.Nodes), len(f.Edges))
		nodes += len(f.Nodes)
		edges += len(f.Edges)
	}
	t.Logf("%-22s %4d nodes %4d edges", "total", nodes, edges)

	t.Run("rules", func(t *testing.T) {
		for _, err := range Check(files, Options{External: imported}) {
			t.Error(err)
		}
	})
	t.Run("derived", func(t *testing.T) {
		derived, err := ReadDir(os.DirFS(filepath.Join("..", "data")), "derived")
		if err != nil {
			t.Fatal(err)
		}
		if len(derived) == 0 {
			t.Skip("no derived layer yet: repeats of derived edges not checked")
		}
		for _, err := range Check(files, Options{External: imported, Derived: derived}) {
			t.Error(err)
		}
	})
	t.Run("corpus", func(t *testing.T) {
		corpus, err := ReadCorpus(corpusDir())
		if errors.Is(err, os.ErrNotExist) {
			t.Skipf("corpus not found at %s (set ISSGRAPH_CORPUS): line ranges and copied prose not checked", corpusDir())
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range CorpusFiles {
			if _, ok := corpus[name]; !ok {
				t.Errorf("corpus lacks %s", name)
			}
		}
		for _, err := range Check(files, Options{External: imported, Corpus: corpus}) {
			t.Error(err)
		}
	})
}

const (
	comFile = "com-2014-0365-final-iss-implementation-report.txt"
	cnFile  = "council-14186-1-14-rev1-draft-conclusions.txt"
)

func src(lines string) []graph.Source {
	return []graph.Source{{File: comFile, Section: "1. Introduction", Lines: lines}}
}

func TestCheckCatches(t *testing.T) {
	corpus := Corpus{
		comFile: {"The Standing Committee on Internal Security became operational in 2010 and grew.", "", "third line"},
		cnFile:  {"one"},
	}
	cosi := graph.Node{ID: "institution/cosi", Kind: graph.Institution, Name: "COSI",
		Props: graph.Props{"acronym": "COSI", "type": "council-body"}, Sources: src("1")}
	so1 := graph.Node{ID: "objective/iss-so1", Kind: graph.Objective, Name: "Disrupt",
		Props: graph.Props{"type": "strategic-objective", "number": "1"}, Sources: src("1")}
	resp := graph.Edge{Type: graph.ResponsibleFor, From: cosi.ID, To: so1.ID, Sources: src("1")}

	with := func(n graph.Node, f func(*graph.Node)) graph.Node { n = n.Clone(); f(&n); return n }
	withEdge := func(e graph.Edge, f func(*graph.Edge)) graph.Edge { e = e.Clone(); f(&e); return e }

	tests := []struct {
		name  string
		nodes []graph.Node
		edges []graph.Edge
		want  string // substring of one reported error; "" means none
	}{
		{"sound", []graph.Node{cosi, so1}, []graph.Edge{resp}, ""},
		{"duplicate node", []graph.Node{cosi, so1, cosi}, nil, "already defined"},
		{"duplicate edge", []graph.Node{cosi, so1}, []graph.Edge{resp, resp}, "already defined"},
		{"dangling edge", []graph.Node{cosi}, []graph.Edge{resp}, "no node objective/iss-so1"},
		{"imported endpoint", []graph.Node{cosi}, []graph.Edge{withEdge(resp, func(e *graph.Edge) {
			e.Type, e.To = graph.ContributesTo, "event/council-meeting-3071"
		})}, ""},
		{"wrong endpoint kind", []graph.Node{cosi, so1}, []graph.Edge{withEdge(resp, func(e *graph.Edge) {
			e.Type = graph.Cites
		})}, "CITES edge cannot start"},
		{"no sources", []graph.Node{with(cosi, func(n *graph.Node) { n.Sources = nil }), so1}, nil, "no sources"},
		{"unknown file", []graph.Node{with(cosi, func(n *graph.Node) { n.Sources[0].File = "memory.txt" }), so1}, nil, "not a corpus file"},
		{"no section", []graph.Node{with(cosi, func(n *graph.Node) { n.Sources[0].Section = "" }), so1}, nil, "section and lines are required"},
		{"lines past the end", []graph.Node{with(cosi, func(n *graph.Node) { n.Sources[0].Lines = "3-4" }), so1}, nil, "beyond the 3 lines"},
		{"reversed range", []graph.Node{with(cosi, func(n *graph.Node) { n.Sources[0].Lines = "3-1" }), so1}, nil, "N <= M"},
		{"blank line", []graph.Node{with(cosi, func(n *graph.Node) { n.Sources[0].Lines = "2" }), so1}, nil, "blank"},
		{"copied prose", []graph.Node{with(cosi, func(n *graph.Node) {
			n.Props["description"] = "It says the Standing Committee on Internal Security became operational in 2010."
		}), so1}, nil, "copies"},
		{"own words", []graph.Node{with(cosi, func(n *graph.Node) {
			n.Props["description"] = "Council committee for internal security, working since 2010."
		}), so1}, nil, ""},
		{"copied note", []graph.Node{cosi, so1}, []graph.Edge{withEdge(resp, func(e *graph.Edge) {
			e.Props = graph.Props{"note": "the standing committee on internal security became operational in 2010"}
		})}, "copies"},
		{"invalid node", []graph.Node{with(cosi, func(n *graph.Node) { n.Props["colour"] = "blue" }), so1}, nil, "unknown property"},
		{"wrong acronym id", []graph.Node{with(cosi, func(n *graph.Node) { n.Props["acronym"] = "CATS" }), so1}, nil, "institution/cats"},
		{"key action number", []graph.Node{cosi, so1, {ID: "objective/iss-so1-ka2", Kind: graph.Objective, Name: "x",
			Props: graph.Props{"type": "key-action", "number": "1.3"}, Sources: src("1")}}, nil, "number N.M"},
		{"document reference id", []graph.Node{{ID: "document/com-2010-673", Kind: graph.Document, Name: "x",
			Props: graph.Props{"reference": "COM(2010) 673"}, Sources: src("1")}}, nil, "document/com-2010-0673"},
		{"unknown reference form", []graph.Node{{ID: "document/x", Kind: graph.Document, Name: "x",
			Props: graph.Props{"reference": "Doc. 7120/10"}, Sources: src("1")}}, nil, "known canonical form"},
		{"title id", []graph.Node{{ID: "document/stockholm", Kind: graph.Document, Name: "x",
			Props: graph.Props{"shortTitle": "Stockholm Programme"}, Sources: src("1")}}, nil, "document/stockholm-programme"},
		{"event date id", []graph.Node{{ID: "event/2014-09-16-operation-archimedes", Kind: graph.Event, Name: "x",
			Props: graph.Props{"date": graph.MustDate("2014-09-15")}, Sources: src("1")}}, nil, "event/<its date"},
		{"event month id", []graph.Node{{ID: "event/2013-04-atlas", Kind: graph.Event, Name: "x",
			Props: graph.Props{"date": graph.MustDate("2013-04")}, Sources: src("1")}}, nil, ""},
		{"event month id of a day", []graph.Node{{ID: "event/2013-04-atlas", Kind: graph.Event, Name: "x",
			Props: graph.Props{"date": graph.MustDate("2013-04-02")}, Sources: src("1")}}, nil, "event/<its date"},
		{"procedure event id", []graph.Node{{ID: "event/2010-2308-ini/2012-05-22-vote", Kind: graph.Event, Name: "x",
			Props: graph.Props{"date": graph.MustDate("2012-05-22")}, Sources: src("1")}}, nil, ""},
		{"imported kind", []graph.Node{{ID: "document/sp-2012-0542", Kind: graph.Agency, Name: "x", Sources: src("1")}}, nil, "the importer makes a Document"},
	}
	derived := []File{{Name: "corpus.json",
		Nodes: []graph.Node{{ID: "document/ep-pe473.725", Kind: graph.Document, Name: "PE473.725"}},
		Edges: []graph.Edge{{Type: graph.ResponsibleFor, From: cosi.ID, To: so1.ID, Props: graph.Props{"role": "monitors"}}}}}
	tests = append(tests, []struct {
		name  string
		nodes []graph.Node
		edges []graph.Edge
		want  string
	}{
		{"repeats derived", []graph.Node{cosi, so1}, []graph.Edge{resp}, "repeats an edge of the derived layer"},
		{"repeats derived props", []graph.Node{cosi, so1}, []graph.Edge{withEdge(resp, func(e *graph.Edge) {
			e.Props = graph.Props{"role": "monitors"}
		})}, "repeats an edge of the derived layer"},
		{"enriches derived", []graph.Node{cosi, so1}, []graph.Edge{withEdge(resp, func(e *graph.Edge) {
			e.Props = graph.Props{"role": "monitors", "note": "Central role."}
		})}, ""},
		{"derived endpoint", []graph.Node{{ID: "agency/europol", Kind: graph.Agency, Name: "Europol",
			Props: graph.Props{"acronym": "Europol"}, Sources: src("1")}}, []graph.Edge{{Type: graph.ContributesTo,
			From: "agency/europol", To: "document/ep-pe473.725", Sources: src("1")}}, ""},
	}...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d []File
			if strings.Contains(tt.name, "derived") {
				d = derived
			}
			errs := Check([]File{{Name: "t.json", Nodes: tt.nodes, Edges: tt.edges}},
				Options{External: imported, Corpus: corpus, CopyWords: 6, Derived: d})
			if tt.want == "" {
				for _, err := range errs {
					t.Errorf("unexpected: %v", err)
				}
				return
			}
			for _, err := range errs {
				if strings.Contains(err.Error(), tt.want) {
					return
				}
			}
			t.Errorf("no error containing %q; got %v", tt.want, errs)
		})
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"sound", `{"version":1,"nodes":[{"id":"event/2010-02-25-x","kind":"Event","name":"x","props":{"date":"2010-02-25"}}],"edges":[]}`, ""},
		{"european date", `{"version":1,"nodes":[{"id":"event/2010-02-25-x","kind":"Event","name":"x","props":{"date":"25/02/2010"}}]}`, "YYYY-MM-DD"},
		{"a year", `{"version":1,"nodes":[{"id":"agency/x","kind":"Agency","name":"x","props":{"established":"2013","operational":"2013-05"}}]}`, ""},
		{"a european deadline", `{"version":1,"nodes":[],"edges":[{"type":"REQUESTS","from":"document/x","to":"institution/x","props":{"role":"asks","deliverable":"x","deadline":"31/12/2011"}}]}`, "deadline"},
		{"unknown field", `{"version":1,"nodes":[],"comment":"x"}`, "unknown field"},
		{"unknown property", `{"version":1,"nodes":[{"id":"agency/x","kind":"Agency","name":"x","props":{"colour":"red"}}]}`, "unknown property"},
		{"wrong version", `{"version":2,"nodes":[]}`, "format version"},
		{"not json", `{"version":1,`, "unexpected EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.in))
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Decode: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("Decode: got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestRefID(t *testing.T) {
	tests := []struct{ ref, id string }{
		{"COM(2010) 673", "document/com-2010-0673"},
		{"COM(2014) 365", "document/com-2014-0365"},
		{"16797/10", "document/council-16797-10"},
		{"14186/1/14 REV 1", "document/council-14186-14-rev1"},
		{"EUCO 79/14", "document/euco-79-14"},
		{"A7-0143/2012", "document/ep-a7-0143-2012"},
		{"T7-0207/2012", "document/ep-t7-0207-2012"},
		{"2010/2308(INI)", "procedure/2010-2308-ini"},
		{"2013/2636(RSP)", "procedure/2013-2636-rsp"},
		{"7120/10", "document/council-7120-10"},
		{"Directive 2011/36/EU", "document/directive-2011-36-eu"},
		{"Doc. 7120/10", ""},   // not canonical
		{"COM(2010)673", ""},   // not canonical
		{"COM(2010) 0673", ""}, // not canonical
		{"not a reference", ""},
	}
	for _, tt := range tests {
		id, ok := RefID(tt.ref)
		if id != tt.id || ok != (tt.id != "") {
			t.Errorf("RefID(%q) = %q, %v; want %q", tt.ref, id, ok, tt.id)
		}
	}
}

func TestSplitLines(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"a", 1},
		{"a\n", 1},
		{"a\nb", 2},
		{"a\n ", 2}, // a trailing space after the last newline is a line, as nl counts it
		{"a\n\n", 2},
	}
	for _, tt := range tests {
		if got := len(SplitLines(tt.in)); got != tt.want {
			t.Errorf("SplitLines(%q): %d lines, want %d", tt.in, got, tt.want)
		}
	}
}
