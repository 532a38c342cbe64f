package graph

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Source is one piece of provenance: where in which document a fact is
// stated. File is a corpus file name (com-2014-0365-final-iss-implementation-report.txt)
// or, for data that did not come from the corpus, a short origin such as
// "api"; Section names the part of the file; Lines is a line range "12-18"
// or a single line "12". Note, when set, marks the fact as an inference
// from those lines rather than a statement of them, and says why it
// follows, in the project's own words.
type Source struct {
	File    string `json:"file"`
	Section string `json:"section,omitempty"`
	Lines   string `json:"lines,omitempty"`
	Note    string `json:"note,omitempty"`
}

// String renders the source compactly: file#section:L12-18.
func (s Source) String() string {
	out := s.File
	if s.Section != "" {
		out += "#" + s.Section
	}
	if s.Lines != "" {
		out += ":L" + s.Lines
	}
	if s.Note != "" {
		out += " (inferred: " + s.Note + ")"
	}
	return out
}

var linesRE = regexp.MustCompile(`^([1-9][0-9]{0,8})(?:-([1-9][0-9]{0,8}))?$`)

func (s Source) validate(field string) error {
	if s.File == "" {
		return invalid(field+".file", "required")
	}
	if len(s.File) > MaxPropLen || len(s.Section) > MaxPropLen || len(s.Note) > MaxPropLen {
		return invalid(field, "longer than %d bytes", MaxPropLen)
	}
	if !utf8.ValidString(s.File) || !utf8.ValidString(s.Section) {
		return invalid(field, notUTF8)
	}
	if s.Lines != "" {
		m := linesRE.FindStringSubmatch(s.Lines)
		if m == nil {
			return invalid(field+".lines", "%q: want N or N-M", s.Lines)
		}
		if m[2] != "" {
			from, _ := strconv.Atoi(m[1])
			to, _ := strconv.Atoi(m[2])
			if to < from {
				return invalid(field+".lines", "%q: the range ends before it starts", s.Lines)
			}
		}
	}
	return nil
}

// Node is one vertex of the graph.
type Node struct {
	ID      string   `json:"id"`
	Kind    Kind     `json:"kind"`
	Name    string   `json:"name"` // display name or title
	Props   Props    `json:"props,omitempty"`
	Sources []Source `json:"sources,omitempty"`
}

// Clone returns a deep copy of n.
func (n Node) Clone() Node {
	n.Props = n.Props.Clone()
	n.Sources = slices.Clone(n.Sources)
	return n
}

// Validate checks n against its kind's spec.
func (n Node) Validate() error {
	spec, ok := LookupKind(n.Kind)
	if !ok {
		return invalid("kind", "unknown kind %q (allowed: %s)", n.Kind, kindNames())
	}
	if err := ValidateID(n.ID, n.Kind); err != nil {
		return err
	}
	if err := validateName(n.Name); err != nil {
		return err
	}
	if err := checkProps("props", n.Props, spec.Props); err != nil {
		return err
	}
	return validateSources(n.Sources)
}

// notUTF8 is the reason given for text that is not valid UTF-8. Such text
// is refused rather than stored: JSON (the embedded store's records) and
// Bolt carry only UTF-8, so each bad byte would come back as a 3-byte
// U+FFFD, and a value that passed its length limit could fail it when the
// store is reopened. Refusing it makes every length measured here the
// length of what is stored and read back.
const notUTF8 = "not valid UTF-8"

func validateName(name string) error {
	switch {
	case strings.TrimSpace(name) == "":
		return invalid("name", "required")
	case len(name) > MaxNameLen:
		return invalid("name", "longer than %d bytes", MaxNameLen)
	case !utf8.ValidString(name):
		return invalid("name", notUTF8)
	}
	return nil
}

func validateSources(ss []Source) error {
	if len(ss) > MaxSources {
		return invalid("sources", "more than %d", MaxSources)
	}
	for i, s := range ss {
		if err := s.validate(fmt.Sprintf("sources[%d]", i)); err != nil {
			return err
		}
	}
	return nil
}

func kindNames() string {
	names := make([]string, len(Kinds))
	for i, s := range Kinds {
		names[i] = string(s.Kind)
	}
	return strings.Join(names, ", ")
}

// UnmarshalJSON decodes a node and types its properties by its kind's spec.
func (n *Node) UnmarshalJSON(b []byte) error {
	var raw struct {
		ID      string                     `json:"id"`
		Kind    Kind                       `json:"kind"`
		Name    string                     `json:"name"`
		Props   map[string]json.RawMessage `json:"props"`
		Sources []Source                   `json:"sources"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	spec, ok := LookupKind(raw.Kind)
	if !ok {
		return invalid("kind", "unknown kind %q (node %q)", raw.Kind, raw.ID)
	}
	props, err := decodeProps("props", raw.Props, spec.Props)
	if err != nil {
		return fmt.Errorf("node %q: %w", raw.ID, err)
	}
	*n = Node{ID: raw.ID, Kind: raw.Kind, Name: raw.Name, Props: props, Sources: raw.Sources}
	return nil
}

// Edge is one relationship of the graph.
type Edge struct {
	Type    EdgeType `json:"type"`
	From    string   `json:"from"`
	To      string   `json:"to"`
	Props   Props    `json:"props,omitempty"`
	Sources []Source `json:"sources,omitempty"`
}

// Key returns the edge's identity.
func (e Edge) Key() EdgeKey { return EdgeKey{Type: e.Type, From: e.From, To: e.To} }

// ID is the edge's id string, Key().String().
func (e Edge) ID() string { return e.Key().String() }

// Clone returns a deep copy of e.
func (e Edge) Clone() Edge {
	e.Props = e.Props.Clone()
	e.Sources = slices.Clone(e.Sources)
	return e
}

// Validate checks e on its own: type, ids, properties, provenance. The
// endpoint kinds are checked by ValidateEndpoints once the store knows them.
func (e Edge) Validate() error {
	spec, ok := LookupEdgeType(e.Type)
	if !ok {
		return invalid("type", "unknown edge type %q", e.Type)
	}
	if e.From == "" {
		return invalid("from", "required")
	}
	if e.To == "" {
		return invalid("to", "required")
	}
	if e.From == e.To {
		return invalid("to", "an edge cannot join %q to itself", e.From)
	}
	// The kind is in the id prefix, so the endpoint rule can be checked
	// before any lookup. An id that no valid node can have is refused as
	// input rather than looked up: such an edge could not exist, and its
	// id (graph.EdgeKey.String) would not parse back to it.
	fk, err := endID("from", e.From)
	if err != nil {
		return err
	}
	tk, err := endID("to", e.To)
	if err != nil {
		return err
	}
	if err := ValidateEndpoints(e.Type, fk, tk); err != nil {
		return err
	}
	if err := checkProps("props", e.Props, spec.Props); err != nil {
		return err
	}
	return validateSources(e.Sources)
}

// endID checks the id at one end of an edge and returns the kind it names.
func endID(field, id string) (Kind, error) {
	k, ok := KindOfID(id)
	if !ok {
		if len(id) > MaxIDLen || !utf8.ValidString(id) {
			return "", invalid(field, "not a node id")
		}
		return "", invalid(field, "%q is not a node id", id)
	}
	if err := ValidateID(id, k); err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) {
			return "", invalid(field, "%s", ve.Reason)
		}
		return "", err
	}
	return k, nil
}

// ValidateEndpoints checks that an edge of type t may join a node of kind
// from to a node of kind to.
func ValidateEndpoints(t EdgeType, from, to Kind) error {
	spec, ok := LookupEdgeType(t)
	if !ok {
		return invalid("type", "unknown edge type %q", t)
	}
	if !slices.Contains(spec.From, from) {
		return invalid("from", "a %s edge cannot start at a %s (allowed: %v)", t, from, spec.From)
	}
	if !slices.Contains(spec.To, to) {
		return invalid("to", "a %s edge cannot end at a %s (allowed: %v)", t, to, spec.To)
	}
	return nil
}

// UnmarshalJSON decodes an edge and types its properties by its type's spec.
func (e *Edge) UnmarshalJSON(b []byte) error {
	var raw struct {
		Type    EdgeType                   `json:"type"`
		From    string                     `json:"from"`
		To      string                     `json:"to"`
		Props   map[string]json.RawMessage `json:"props"`
		Sources []Source                   `json:"sources"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	spec, ok := LookupEdgeType(raw.Type)
	if !ok {
		return invalid("type", "unknown edge type %q (%s -> %s)", raw.Type, raw.From, raw.To)
	}
	props, err := decodeProps("props", raw.Props, spec.Props)
	if err != nil {
		return fmt.Errorf("edge %s: %w", EdgeKey{raw.Type, raw.From, raw.To}, err)
	}
	*e = Edge{Type: raw.Type, From: raw.From, To: raw.To, Props: props, Sources: raw.Sources}
	return nil
}
