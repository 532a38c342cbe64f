package oeil

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/ref"
)

// MaxFileSize bounds what Parse reads: a procedure file is a few tens of
// kilobytes, so anything near this is not one.
const MaxFileSize = 8 << 20

// ParseError reports a file Parse cannot read, at the 1-based line where
// the problem is. It matches graph.ErrInvalid with errors.Is.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Is makes errors.Is(err, graph.ErrInvalid) hold.
func (e *ParseError) Is(target error) bool { return target == graph.ErrInvalid }

// The section headings of a procedure file, as OEIL writes them; they are
// also the Section of every Source.
const (
	secBasic     = "Basic information"
	secPlayers   = "Key players"
	secEvents    = "Key events"
	secTechnical = "Technical information"
	secGateway   = "Documentation gateway"
	secOther     = "Other institutions and bodies" // a gateway sub-heading, and a section of its own in some layouts
	secFinalAct  = "Final act"
	secDelegated = "Delegated acts"
	// secImplementing lists implementing acts like secDelegated.
	secImplementing = "Implementing acts"
)

var sectionNames = []string{secBasic, secPlayers, secEvents, secTechnical, secGateway, secOther, secFinalAct,
	secDelegated, secImplementing}

// line is one line of the file split into its tab-separated cells, each
// trimmed of surrounding space (OEIL pads some references with spaces).
type line struct {
	n     int
	last  int // last line of a row continued on the next lines; 0 for one line
	text  string
	cells []string
}

// cell returns cell i, or "" when the row is shorter.
func (l line) cell(i int) string {
	if i < 0 || i >= len(l.cells) {
		return ""
	}
	return l.cells[i]
}

func (l line) blank() bool { return strings.TrimSpace(l.text) == "" }

// tabular reports whether the line has columns at all.
func (l line) tabular() bool { return len(l.cells) > 1 }

// emptyFrom reports whether every cell from i on is empty.
func (l line) emptyFrom(i int) bool {
	for _, c := range l.cells[min(i, len(l.cells)):] {
		if c != "" {
			return false
		}
	}
	return true
}

// section is the run of lines under one heading, the heading excluded.
type section struct {
	name    string
	heading int // line number of the heading
	lines   []line
}

// Options tune Parse and Import.
type Options struct {
	// Lenient turns structural errors (an unknown section heading, a row
	// no shape of its section matches) into warnings, and the row or
	// section is skipped. Bad dates and a missing procedure reference stay
	// errors.
	Lenient bool
}

// parser holds the state of one Parse call.
type parser struct {
	name string // as given, for errors
	opts Options
	b    *builder
	f    *File

	proc      procInfo
	procID    string
	procLines map[string][]int   // section -> lines stating a procedure fact
	council   map[string]ref.Ref // Council and European Council documents named, by id (versions)
}

func (p *parser) errorf(n int, format string, args ...any) error {
	return &ParseError{File: p.name, Line: n, Msg: fmt.Sprintf(format, args...)}
}

// structural reports a line that fits no shape its section allows: an
// error, or with Options.Lenient a warning, after which the caller skips
// the line (it returns nil then).
func (p *parser) structural(n int, format string, args ...any) error {
	if !p.opts.Lenient {
		return p.errorf(n, format, args...)
	}
	p.warnf(n, "skipped: "+format, args...)
	return nil
}

// warnf records something in the file worth the reader's attention that
// does not stop the import: an unreadable reference, an implausible one, a
// political group or a label the importer does not know.
func (p *parser) warnf(n int, format string, args ...any) {
	p.f.Warnings = append(p.f.Warnings, Warning{File: p.name, Line: n, Msg: fmt.Sprintf(format, args...)})
}

// Parse reads one procedure file and returns everything it states as a
// graph batch, without touching any store. name is the file's path; its
// base name is the File of every Source. The prose summaries at the end of
// the file are skipped, never stored.
func Parse(r io.Reader, name string) (*File, error) {
	return ParseOptions(r, name, Options{})
}

// ParseOptions is Parse with options.
func ParseOptions(r io.Reader, name string, opts Options) (*File, error) {
	base := filepath.Base(name)
	p := &parser{name: name, opts: opts, procLines: map[string][]int{}, b: newBuilder(base), f: &File{Name: base}}
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("oeil: read %s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, p.errorf(1, "file larger than %d bytes is not a procedure file", MaxFileSize)
	}
	lines, err := p.split(data)
	if err != nil {
		return nil, err
	}
	secs, err := p.sections(lines)
	if err != nil {
		return nil, err
	}
	for i := range secs {
		s := &secs[i]
		if s.name == secBasic || s.name == secFinalAct || s.name == "" {
			continue
		}
		kept := s.lines[:0]
		for _, l := range s.lines {
			if !l.blank() && !l.tabular() {
				if err := p.structural(l.n, "%s: row without tab-separated columns", s.name); err != nil {
					return nil, err
				}
				continue
			}
			kept = append(kept, l)
		}
		s.lines = kept
	}

	// The procedure's reference comes first: every other id hangs off it.
	if err := p.procedure(secs, lines); err != nil {
		return nil, err
	}
	for _, s := range secs {
		var err error
		switch s.name {
		case secPlayers:
			err = p.players(s)
		case secEvents:
			err = p.events(s)
		case secGateway, secOther:
			err = p.gateway(s)
		case secDelegated, secImplementing:
			err = p.relatedActs(s)
		case secFinalAct:
			err = p.finalAct(s)
		}
		if err != nil {
			return nil, err
		}
	}
	p.procedureNode()
	p.versions()

	if err := p.finish(); err != nil {
		return nil, err
	}
	return p.f, nil
}

// split cuts data into lines and refuses what is not text.
func (p *parser) split(data []byte) ([]line, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	raw := bytes.Split(data, []byte("\n"))
	if len(raw) > 0 && len(raw[len(raw)-1]) == 0 {
		raw = raw[:len(raw)-1]
	}
	lines := make([]line, len(raw))
	for i, b := range raw {
		n := i + 1
		b = bytes.TrimSuffix(b, []byte("\r"))
		if !utf8.Valid(b) {
			return nil, p.errorf(n, "not UTF-8 text")
		}
		if bytes.ContainsFunc(b, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }) {
			return nil, p.errorf(n, "control characters: not a procedure file")
		}
		text := string(b)
		cells := strings.Split(text, "\t")
		for j, c := range cells {
			cells[j] = strings.Join(strings.Fields(c), " ")
		}
		lines[i] = line{n: n, text: text, cells: cells}
	}
	return lines, nil
}

// heading returns the section a line opens, if it is a heading: a known
// name alone in its row.
func heading(l line) (string, bool) {
	if !l.emptyFrom(1) {
		return "", false
	}
	for _, s := range sectionNames {
		if strings.EqualFold(l.cells[0], s) {
			return s, true
		}
	}
	return "", false
}

// sections groups the lines under their headings. Lines before the first
// heading are ignored. The tabular part ends where the prose summaries
// begin: the first line without columns that follows a blank line, outside
// the sections whose content has no columns, unless a table follows it
// right away (then it was a heading this importer does not know).
//
// A heading OEIL does not have is an error: a row of one cell after a
// blank line, outside the sections whose rows are single cells, or a line
// without columns with a table under it. With Options.Lenient it is a
// warning and its lines are skipped, as a section of no name.
func (p *parser) sections(lines []line) ([]section, error) {
	var secs []section
	var cur *section
	prevBlank := true
	for i, l := range lines {
		if name, ok := heading(l); ok {
			secs = append(secs, section{name: name, heading: l.n})
			cur = &secs[len(secs)-1]
			prevBlank = false
			continue
		}
		single := !l.blank() && l.cells[0] != "" && l.emptyFrom(1)
		untabbed := !l.blank() && !l.tabular()
		loose := cur == nil || cur.name != secBasic && cur.name != secFinalAct
		if prevBlank && loose && (untabbed || single) && cur != nil {
			unknown := single && l.tabular() && cur.name != secGateway && cur.name != secOther
			if untabbed {
				if !tableFollows(lines[i+1:]) {
					break // the summaries
				}
				unknown = true
			}
			if unknown {
				if err := p.structural(l.n, "unknown section heading %q: want one of %s", l.cells[0], strings.Join(sectionNames, ", ")); err != nil {
					return nil, err
				}
				secs = append(secs, section{name: "", heading: l.n})
				cur = &secs[len(secs)-1]
				prevBlank = false
				continue
			}
		}
		if cur == nil {
			continue
		}
		prevBlank = l.blank()
		cur.lines = append(cur.lines, l)
	}
	// A blank line between two sections belongs to neither.
	for i := range secs {
		s := &secs[i]
		for len(s.lines) > 0 && s.lines[len(s.lines)-1].blank() {
			s.lines = s.lines[:len(s.lines)-1]
		}
	}
	return secs, nil
}

// tableFollows reports whether the next line that is not blank has
// columns: a table right under a line means the line was its heading.
func tableFollows(rest []line) bool {
	for _, l := range rest {
		if !l.blank() {
			return l.tabular() && !l.emptyFrom(1)
		}
	}
	return false
}

// finish validates what was built and fills in the File.
func (p *parser) finish() error {
	nodes, edges, placeholders, defaults := p.b.result()
	ids := make(map[string]bool, len(nodes))
	for _, n := range nodes {
		if err := n.Validate(); err != nil {
			return p.errorf(firstLine(n.Sources), "node %s: %v", n.ID, err)
		}
		ids[n.ID] = true
	}
	for _, e := range edges {
		if err := e.Validate(); err != nil {
			return p.errorf(firstLine(e.Sources), "edge %s: %v", e.Key(), err)
		}
		if !ids[e.From] || !ids[e.To] {
			return p.errorf(firstLine(e.Sources), "edge %s: endpoint missing from the batch", e.Key())
		}
	}
	if len(nodes)+len(edges) > graph.MaxBatchWrite {
		return p.errorf(1, "%d nodes and edges: more than one batch may hold (%d)", len(nodes)+len(edges), graph.MaxBatchWrite)
	}
	p.f.Batch = graph.Batch{Nodes: nodes, Edges: edges, Merge: true}
	p.f.Placeholders = placeholders
	if len(defaults) > 0 {
		p.f.Defaults = defaults
	}
	slices.SortStableFunc(p.f.Warnings, func(a, b Warning) int { return a.Line - b.Line })
	for _, n := range nodes {
		if n.ID == p.procID {
			p.f.Procedure = n
		}
	}
	slices.SortStableFunc(p.f.Events, func(a, b Event) int { return strings.Compare(a.Date.String(), b.Date.String()) })
	return nil
}

// firstLine returns the first line number the sources name, or 1.
func firstLine(ss []graph.Source) int {
	for _, s := range ss {
		var n int
		if _, err := fmt.Sscanf(s.Lines, "%d", &n); err == nil && n > 0 {
			return n
		}
	}
	return 1
}
