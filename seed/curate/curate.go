package curate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// Version is the dataset format the curated files use.
const Version = 1

// File is one curated dataset file.
type File struct {
	Name    string       `json:"-"`
	Version int          `json:"version"`
	Nodes   []graph.Node `json:"nodes"`
	Edges   []graph.Edge `json:"edges"`
}

// dateRE finds the date-valued properties (every DateP of the kinds and
// edge types) in a file's raw JSON. The typed decoder also accepts
// 26/10/2010, but the dataset is written in ISO form, of the precision
// the source gives: 2010-10-26, 2010-10 or 2010.
var dateRE = regexp.MustCompile(`"(` + strings.Join(dateProps(), "|") + `)"\s*:\s*"([^"]*)"`)

var isoDateRE = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// dateProps lists the names of the date properties of every kind and edge
// type, once each.
func dateProps() []string {
	seen := map[string]bool{}
	var out []string
	add := func(ps []graph.PropSpec) {
		for _, p := range ps {
			if p.Type == graph.DateP && !seen[p.Name] {
				seen[p.Name] = true
				out = append(out, regexp.QuoteMeta(p.Name))
			}
		}
	}
	for _, k := range graph.Kinds {
		add(k.Props)
	}
	for _, e := range graph.EdgeTypes {
		add(e.Props)
	}
	sort.Strings(out)
	return out
}

// ReadDir decodes every *.json file of dir in fsys, in name order, with
// the typed graph decoders and no unknown fields.
func ReadDir(fsys fs.FS, dir string) ([]File, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("curate: list %s: %w", dir, err)
	}
	sort.Strings(names)
	files := make([]File, 0, len(names))
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("curate: read %s: %w", name, err)
		}
		f, err := Decode(b)
		if err != nil {
			return nil, fmt.Errorf("curate: %s: %w", name, err)
		}
		f.Name = path.Base(name)
		files = append(files, f)
	}
	return files, nil
}

// Decode reads one file's content strictly: typed properties, no unknown
// fields, the current version, dates in ISO form.
func Decode(b []byte) (File, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return File{}, err
	}
	if f.Version != Version {
		return File{}, fmt.Errorf("format version %d, want %d: %w", f.Version, Version, graph.ErrInvalid)
	}
	for _, m := range dateRE.FindAllSubmatch(b, -1) {
		if !isoDateRE.Match(m[2]) {
			return File{}, fmt.Errorf("%s %q: want YYYY-MM-DD, YYYY-MM or YYYY: %w", m[1], m[2], graph.ErrInvalid)
		}
	}
	return f, nil
}

// Corpus holds the lines of each corpus file, by file name.
type Corpus map[string][]string

// ReadCorpus reads every *.txt file of dir. Lines are split on '\n' only,
// as nl and sed count them.
func ReadCorpus(dir string) (Corpus, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("curate: list corpus: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("curate: no corpus files in %s: %w", dir, fs.ErrNotExist)
	}
	c := Corpus{}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("curate: read corpus: %w", err)
		}
		c[filepath.Base(name)] = SplitLines(string(b))
	}
	return c, nil
}

// SplitLines splits s into lines the way nl numbers them: a final line
// without a newline still counts.
func SplitLines(s string) []string {
	lines := strings.Split(s, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// CorpusFiles are the names a source may cite. They are fixed so that the
// check works even where the corpus itself is not present.
var CorpusFiles = []string{
	"com-2014-0365-final-iss-implementation-report.txt",
	"council-14186-1-14-rev1-draft-conclusions.txt",
	"eurlex-summary-iss-in-action.txt",
	"home-affairs-iss-overview.txt",
	"oeil-procedure-2010-2308-INI.txt",
}

// Options tune Check.
type Options struct {
	// External lists the nodes another layer provides (the OEIL importer)
	// that curated edges may point at without defining them.
	External map[string]graph.Kind
	// Corpus, when set, makes Check verify every line range and look for
	// prose copied into descriptions and notes.
	Corpus Corpus
	// Derived, when set, is the derived layer: its nodes are valid
	// endpoints, and a curated edge that repeats one of its edges without
	// adding properties is reported, since curation holds only what the
	// tools cannot derive.
	Derived []File
	// CopyWords is the length of a run of words shared with the corpus that
	// counts as copied prose; 0 means DefaultCopyWords.
	CopyWords int
}

// DefaultCopyWords: eight words in a row is a sentence fragment, not a
// name or a short title.
const DefaultCopyWords = 8

// Check reports every breach of the curated data's rules across files.
func Check(files []File, opt Options) []error {
	c := &checker{opt: opt, kinds: map[string]graph.Kind{}, defined: map[string]string{}}
	if opt.Corpus != nil {
		n := opt.CopyWords
		if n <= 0 {
			n = DefaultCopyWords
		}
		c.shingles = shingles(opt.Corpus, n)
		c.copyWords = n
	}
	for id, k := range opt.External {
		c.kinds[id] = k
	}
	derived := map[graph.EdgeKey]graph.Edge{}
	for _, f := range opt.Derived {
		for _, n := range f.Nodes {
			c.kinds[n.ID] = n.Kind
		}
		for _, e := range f.Edges {
			derived[e.Key()] = e
		}
	}
	for _, f := range files {
		for _, n := range f.Nodes {
			c.node(f.Name, n)
		}
	}
	edges := map[graph.EdgeKey]string{}
	for _, f := range files {
		for _, e := range f.Edges {
			where := fmt.Sprintf("%s: edge %s", f.Name, e.Key())
			if prev, ok := edges[e.Key()]; ok {
				c.errorf("%s: already defined in %s", where, prev)
			}
			edges[e.Key()] = f.Name
			if d, ok := derived[e.Key()]; ok && sameProps(d.Props, e.Props) {
				c.errorf("%s: repeats an edge of the derived layer and adds no property; drop it", where)
			}
			c.edge(where, e)
		}
	}
	return c.errs
}

type checker struct {
	opt       Options
	kinds     map[string]graph.Kind // every known node, curated or external
	defined   map[string]string     // curated node id -> file
	shingles  map[string]string     // word run -> corpus file
	copyWords int
	errs      []error
}

func (c *checker) errorf(format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf(format, args...))
}

func (c *checker) node(file string, n graph.Node) {
	where := fmt.Sprintf("%s: node %s", file, n.ID)
	if prev, ok := c.defined[n.ID]; ok {
		c.errorf("%s: already defined in %s", where, prev)
	}
	if _, ok := c.opt.External[n.ID]; ok {
		// Enriching an imported node is allowed; it must keep its kind.
		if c.opt.External[n.ID] != n.Kind {
			c.errorf("%s: is a %s, the importer makes a %s", where, n.Kind, c.opt.External[n.ID])
		}
	}
	c.defined[n.ID] = file
	c.kinds[n.ID] = n.Kind
	if err := n.Validate(); err != nil {
		c.errorf("%s: %v", where, err)
	}
	c.sources(where, n.Sources)
	c.prose(where+" description", n.Props.String("description"))
	if err := checkID(n); err != nil {
		c.errorf("%s: %v", where, err)
	}
}

func (c *checker) edge(where string, e graph.Edge) {
	if err := e.Validate(); err != nil {
		c.errorf("%s: %v", where, err)
	}
	c.sources(where, e.Sources)
	c.prose(where+" note", e.Props.String("note"))
	fk, fok := c.kinds[e.From]
	tk, tok := c.kinds[e.To]
	switch {
	case !fok:
		c.errorf("%s: no node %s", where, e.From)
	case !tok:
		c.errorf("%s: no node %s", where, e.To)
	default:
		if err := graph.ValidateEndpoints(e.Type, fk, tk); err != nil {
			c.errorf("%s: %v", where, err)
		}
	}
}

func (c *checker) sources(where string, ss []graph.Source) {
	if len(ss) == 0 {
		c.errorf("%s: no sources", where)
	}
	for i, s := range ss {
		w := fmt.Sprintf("%s: sources[%d]", where, i)
		if !contains(CorpusFiles, s.File) {
			c.errorf("%s: %q is not a corpus file", w, s.File)
			continue
		}
		if s.Section == "" || s.Lines == "" {
			c.errorf("%s: section and lines are required", w)
			continue
		}
		c.prose(w+" note", s.Note)
		from, to, err := lineRange(s.Lines)
		if err != nil {
			c.errorf("%s: %v", w, err)
			continue
		}
		if c.opt.Corpus == nil {
			continue
		}
		lines, ok := c.opt.Corpus[s.File]
		if !ok {
			c.errorf("%s: corpus has no file %s", w, s.File)
			continue
		}
		if to > len(lines) {
			c.errorf("%s: lines %s beyond the %d lines of %s", w, s.Lines, len(lines), s.File)
		}
		blank := true
		for i := from; i <= to && i <= len(lines); i++ {
			if strings.TrimSpace(lines[i-1]) != "" {
				blank = false
				break
			}
		}
		if blank && to <= len(lines) {
			c.errorf("%s: lines %s of %s are blank", w, s.Lines, s.File)
		}
	}
}

// sameProps reports whether curated adds nothing to derived's properties.
func sameProps(derived, curated graph.Props) bool {
	for k, v := range curated {
		if !reflect.DeepEqual(derived[k], v) {
			return false
		}
	}
	return true
}

func lineRange(s string) (from, to int, err error) {
	a, b, found := strings.Cut(s, "-")
	from, err = strconv.Atoi(a)
	if err != nil || from < 1 {
		return 0, 0, fmt.Errorf("lines %q: want N or N-M", s)
	}
	to = from
	if found {
		to, err = strconv.Atoi(b)
		if err != nil || to < from {
			return 0, 0, fmt.Errorf("lines %q: want N-M with N <= M", s)
		}
	}
	return from, to, nil
}

// prose reports a run of copyWords words that text shares with the corpus.
func (c *checker) prose(where, text string) {
	if c.shingles == nil || text == "" {
		return
	}
	ws := words(text)
	for i := 0; i+c.copyWords <= len(ws); i++ {
		run := strings.Join(ws[i:i+c.copyWords], " ")
		if f, ok := c.shingles[run]; ok {
			c.errorf("%s: copies %q from %s; use our own words", where, run, f)
			return
		}
	}
}

func shingles(corpus Corpus, n int) map[string]string {
	out := map[string]string{}
	files := make([]string, 0, len(corpus))
	for f := range corpus {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		ws := words(strings.Join(corpus[f], "\n"))
		for i := 0; i+n <= len(ws); i++ {
			run := strings.Join(ws[i:i+n], " ")
			if _, ok := out[run]; !ok {
				out[run] = f
			}
		}
	}
	return out
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

func words(s string) []string { return wordRE.FindAllString(strings.ToLower(s), -1) }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
