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
	secFinalAct  = "Final act"
)

var sectionNames = []string{secBasic, secPlayers, secEvents, secTechnical, secGateway, secFinalAct}

// line is one line of the file split into its tab-separated cells, each
// trimmed of surrounding space (OEIL pads some references with spaces).
type line struct {
	n     int
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

// parser holds the state of one Parse call.
type parser struct {
	name string // as given, for errors
	b    *builder
	f    *File

	proc      procInfo
	procID    string
	procLines map[string][]int // section -> lines stating a procedure fact
}

func (p *parser) errorf(n int, format string, args ...any) error {
	return &ParseError{File: p.name, Line: n, Msg: fmt.Sprintf(format, args...)}
}

// Parse reads one procedure file and returns everything it states as a
// graph batch, without touching any store. name is the file's path; its
// base name is the File of every Source. The prose summaries at the end of
// the file are skipped, never stored.
func Parse(r io.Reader, name string) (*File, error) {
	p := &parser{name: name, procLines: map[string][]int{}}
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
	secs := p.sections(lines)

	base := filepath.Base(name)
	p.b = newBuilder(base)
	p.f = &File{Name: base}

	for _, s := range secs {
		if s.name == secBasic || s.name == secFinalAct {
			continue
		}
		for _, l := range s.lines {
			if !l.blank() && !l.tabular() {
				return nil, p.errorf(l.n, "%s: row without tab-separated columns", s.name)
			}
		}
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
		case secGateway:
			err = p.gateway(s)
		case secFinalAct:
			err = p.finalAct(s)
		}
		if err != nil {
			return nil, err
		}
	}
	p.procedureNode()

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
// the sections whose content has no columns.
func (p *parser) sections(lines []line) []section {
	var secs []section
	var cur *section
	prevBlank := true
	for _, l := range lines {
		if name, ok := heading(l); ok {
			secs = append(secs, section{name: name, heading: l.n})
			cur = &secs[len(secs)-1]
			prevBlank = false
			continue
		}
		if cur == nil {
			continue
		}
		if !l.blank() && !l.tabular() && prevBlank && cur.name != secBasic && cur.name != secFinalAct {
			break // the summaries
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
	return secs
}

// finish validates what was built and fills in the File.
func (p *parser) finish() error {
	nodes, edges, placeholders := p.b.result()
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
