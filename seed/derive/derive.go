package derive

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/ref"
	"github.com/issgraph/issgraph/seed"
	"github.com/issgraph/issgraph/seed/oeil"
)

// The corpus files the derived layer is built from.
const (
	OEILFile     = "oeil-procedure-2010-2308-INI.txt"
	Report2014   = "com-2014-0365-final-iss-implementation-report.txt"
	Council14186 = "council-14186-1-14-rev1-draft-conclusions.txt"
)

// OutputName is the derived layer's file, relative to seed/data/derived.
const OutputName = "corpus.json"

// citing says which document a corpus file is, and which of its lines
// carry the citations to derive.
type citing struct {
	file      string
	reference string              // the citing document's reference
	self      graph.Source        // the lines that say which document the file is
	lines     func(string) bool   // which lines to read; nil: all
	section   func(string) string // provenance section for a line
}

var footnoteRE = regexp.MustCompile(`^<sup>(\d+)</sup>`)

var citers = []citing{
	{file: Report2014, reference: "COM(2014) 365",
		self: graph.Source{Section: "1. Introduction", Lines: "14"}},
	{file: Council14186, reference: "14186/1/14 REV 1",
		self:    graph.Source{Section: "Cover note", Lines: "11-12"},
		lines:   func(l string) bool { return footnoteRE.MatchString(l) },
		section: func(l string) string { return "footnote " + footnoteRE.FindStringSubmatch(l)[1] }},
}

// Derive reads the corpus in dir and returns the derived layer. curated is
// the curated layer: its references and aliases resolve a Council number
// to the Commission document it belongs to, and its titles find documents
// cited by name.
func Derive(dir string, curated *seed.Dataset) (*seed.File, error) {
	b := newBuilder()
	f, err := os.Open(filepath.Join(dir, OEILFile))
	if err != nil {
		return nil, fmt.Errorf("derive: %w", err)
	}
	p, err := oeil.Parse(f, OEILFile)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("derive: %w", err)
	}
	for _, n := range p.Batch.Nodes {
		b.node(n)
	}
	for _, e := range p.Batch.Edges {
		b.edge(e)
	}

	aliases, titles := index(curated)
	gaz := NewGazetteer(titles)
	for _, c := range citers {
		if err := b.citations(dir, c, aliases, gaz); err != nil {
			return nil, err
		}
	}
	return b.file(), nil
}

// index collects the curated layer's canonical references and aliases
// (canonical reference -> node id) and its document titles.
func index(curated *seed.Dataset) (map[string]string, []Title) {
	aliases := map[string]string{}
	var titles []Title
	if curated == nil {
		return aliases, nil
	}
	for _, n := range curated.Nodes {
		if n.Kind != graph.Document && n.Kind != graph.Procedure {
			continue
		}
		if r := n.Props.String("reference"); r != "" {
			aliases[r] = n.ID
		}
		if n.Kind != graph.Document {
			continue
		}
		titles = append(titles, Title{Phrase: n.Name, ID: n.ID})
		if st := n.Props.String("shortTitle"); st != "" {
			titles = append(titles, Title{Phrase: st, ID: n.ID})
		}
		for _, a := range n.Props.Strings("aliases") {
			if r, err := ref.Parse(a); err == nil {
				aliases[r.String()] = n.ID
				continue
			}
			titles = append(titles, Title{Phrase: a, ID: n.ID})
		}
	}
	return aliases, titles
}

func (b *builder) citations(dir string, c citing, aliases map[string]string, gaz *Gazetteer) error {
	text, err := os.ReadFile(filepath.Join(dir, c.file))
	if err != nil {
		return fmt.Errorf("derive: %w", err)
	}
	self, err := ref.Parse(c.reference)
	if err != nil {
		return fmt.Errorf("derive: citing reference %q: %w", c.reference, err)
	}
	from := resolve(self, aliases)
	b.node(graph.Node{ID: from, Kind: graph.Document, Name: self.String(),
		Props:   graph.Props{"reference": self.String()},
		Sources: []graph.Source{{File: c.file, Section: c.self.Section, Lines: c.self.Lines}}})

	headings := newHeadings()
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for no := 1; sc.Scan(); no++ {
		line := sc.Text()
		section := headings.next(line)
		if c.lines != nil && !c.lines(line) {
			continue
		}
		if c.section != nil {
			section = c.section(line)
		}
		src := graph.Source{File: c.file, Section: section, Lines: strconv.Itoa(no)}
		for _, m := range ref.Extract(line) {
			to := resolve(m.Ref, aliases)
			if to == from {
				continue
			}
			if to == m.Ref.ID() { // not known to curation: define it here
				b.node(graph.Node{ID: to, Kind: m.Ref.Kind(), Name: m.Ref.String(),
					Props: graph.Props{"reference": m.Ref.String()}, Sources: []graph.Source{src}})
			}
			b.cite(from, to, m.Ref.Kind(), src)
		}
		for _, m := range gaz.Find(line) {
			if m.ID != from {
				b.cite(from, m.ID, graph.Document, src)
			}
		}
	}
	return sc.Err()
}

// resolve maps a reference to its node: the curated node that carries it as
// reference or alias, else the reference's own id.
func resolve(r ref.Ref, aliases map[string]string) string {
	if id, ok := aliases[r.String()]; ok {
		return id
	}
	return r.ID()
}

// cite records that document from cites the target: CITES for a document,
// RELATED_TO for a procedure (a document does not cite a procedure, it
// refers to its file).
func (b *builder) cite(from, to string, kind graph.Kind, src graph.Source) {
	t := graph.Cites
	if kind == graph.Procedure {
		t = graph.RelatedTo
	}
	b.edge(graph.Edge{Type: t, From: from, To: to, Sources: []graph.Source{src}})
}

// builder accumulates nodes and edges, merging repeats.
type builder struct {
	nodes map[string]graph.Node
	edges map[graph.EdgeKey]graph.Edge
}

func newBuilder() *builder {
	return &builder{nodes: map[string]graph.Node{}, edges: map[graph.EdgeKey]graph.Edge{}}
}

func (b *builder) node(n graph.Node) {
	if old, ok := b.nodes[n.ID]; ok {
		// The first definition keeps its name and props; later ones only
		// add provenance.
		old.Sources = graph.MergeSources(old.Sources, n.Sources)
		b.nodes[n.ID] = old
		return
	}
	b.nodes[n.ID] = n.Clone()
}

func (b *builder) edge(e graph.Edge) {
	k := e.Key()
	if old, ok := b.edges[k]; ok {
		if len(old.Sources) < graph.MaxSources {
			old.Sources = graph.MergeSources(old.Sources, e.Sources)
		}
		b.edges[k] = old
		return
	}
	b.edges[k] = e.Clone()
}

func (b *builder) file() *seed.File {
	f := &seed.File{Version: seed.Version}
	for _, n := range b.nodes {
		f.Nodes = append(f.Nodes, n)
	}
	for _, e := range b.edges {
		f.Edges = append(f.Edges, e)
	}
	sort.Slice(f.Nodes, func(i, j int) bool { return f.Nodes[i].ID < f.Nodes[j].ID })
	sort.Slice(f.Edges, func(i, j int) bool { return graph.CompareEdges(f.Edges[i], f.Edges[j]) < 0 })
	return f
}

// Marshal renders a derived file exactly as it is committed.
func Marshal(f *seed.File) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("derive: marshal: %w", err)
	}
	return buf.Bytes(), nil
}

// headings tracks the numbered section a line of the 2014 report is in:
// a number line ("2.1.1.") followed by its title, or both on one line.
type headings struct {
	current string
	pending string // a number waiting for its title line
}

var headingRE = regexp.MustCompile(`^\s*(\d+(?:\.\d+)*)\.?\s*(.{0,100})$`)

func newHeadings() *headings { return &headings{} }

// next consumes a line and returns the section it belongs to.
func (h *headings) next(line string) string {
	t := strings.TrimSpace(line)
	if h.pending != "" && t != "" {
		h.current = h.pending + " " + t
		h.pending = ""
		return h.current
	}
	if m := headingRE.FindStringSubmatch(line); m != nil && !strings.Contains(m[1], "/") {
		title := strings.TrimSpace(m[2])
		if title == "" {
			h.pending = m[1]
			return h.current
		}
		if len(title) < 100 && !strings.HasSuffix(title, ".") && startsUpper(title) {
			h.current = m[1] + " " + title
		}
	}
	return h.current
}

func startsUpper(s string) bool {
	return s != "" && strings.ToUpper(s[:1]) == s[:1] && strings.ToLower(s[:1]) != s[:1]
}
