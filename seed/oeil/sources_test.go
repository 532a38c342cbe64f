package oeil

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/seed/curate"
)

// Every source the importer writes, on every fixture, cites lines that
// state its fact: the lines name the node (its name, acronym, reference or
// an alias), and for an edge both ends, except the procedure the file is
// the record of; a fact the importer infers rather than reads carries a
// note. This is the rule seed/dataset_test.go holds the shipped dataset
// to, here on files of every shape the importer reads.
func TestSourcesNameTheirFacts(t *testing.T) {
	for _, name := range goodFiles {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(b), "\n")
			f := parseFile(t, path)
			nodes := map[string]graph.Node{}
			for _, n := range f.Batch.Nodes {
				nodes[n.ID] = n
			}
			cited := func(what string, s graph.Source) (string, bool) {
				from, to := sourceRange(s)
				if from < 1 || to < from || to > len(lines) {
					t.Errorf("%s: source %s: lines outside the file", what, s)
					return "", false
				}
				text := strings.Join(lines[from-1:to], "\n")
				if strings.TrimSpace(text) == "" {
					t.Errorf("%s: source %s: blank lines", what, s)
					return "", false
				}
				return text, s.Note == ""
			}
			for _, n := range f.Batch.Nodes {
				for _, s := range n.Sources {
					text, check := cited("node "+n.ID, s)
					if check && n.ID != f.Procedure.ID && !curate.Mentions(text, curate.Terms(n)) {
						t.Errorf("node %s: %s does not name %q: %q", n.ID, s, n.Name, text)
					}
				}
			}
			for _, e := range f.Batch.Edges {
				for _, s := range e.Sources {
					text, check := cited("edge "+e.Key().String(), s)
					if !check {
						continue
					}
					for _, end := range []string{e.From, e.To} {
						if end != f.Procedure.ID && !curate.Mentions(text, curate.Terms(nodes[end])) {
							t.Errorf("edge %s: %s does not name %s (%q): %q", e.Key(), s, end, nodes[end].Name, text)
						}
					}
				}
			}
		})
	}
}

// sourceRange reads a source's lines, N or N-M; 0, 0 if it cannot.
func sourceRange(s graph.Source) (from, to int) {
	m := linesRE.FindStringSubmatch(s.Lines)
	if m == nil {
		return 0, 0
	}
	from, _ = strconv.Atoi(m[1])
	to = from
	if m[2] != "" {
		to, _ = strconv.Atoi(m[2])
	}
	return from, to
}
