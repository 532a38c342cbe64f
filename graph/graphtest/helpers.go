package graphtest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

// Token returns a random token of lower-case hex digits, valid inside an id
// slug, that namespaces one test's data.
func Token(t testing.TB) string {
	t.Helper()
	b := make([]byte, 5)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("graphtest: random token: %v", err)
	}
	return hex.EncodeToString(b)
}

// SampleValue returns a valid value of the property's type: the first
// allowed value of an enum, a fixed date, a large integer that a float64
// would not hold exactly.
func SampleValue(p graph.PropSpec) any {
	switch p.Type {
	case graph.String:
		if len(p.Enum) > 0 {
			return p.Enum[0]
		}
		return "sample " + p.Name
	case graph.Strings:
		if len(p.Enum) > 0 {
			return slices.Clone(p.Enum)
		}
		return []string{"sample " + p.Name, "second " + p.Name}
	case graph.DateP:
		return graph.Date{Year: 2011, Month: 2, Day: 28}
	case graph.Int:
		return int64(1<<53 + 1)
	case graph.Bool:
		return true
	}
	return nil
}

func sampleProps(specs []graph.PropSpec, all bool) graph.Props {
	var p graph.Props
	for _, s := range specs {
		if all || s.Required {
			if p == nil {
				p = graph.Props{}
			}
			p[s.Name] = SampleValue(s)
		}
	}
	return p
}

// MinimalNode returns a valid node with the id, of the kind its prefix
// names, with the name and only the properties its kind requires. An id
// with no kind prefix gives a node of no kind.
func MinimalNode(id, name string) graph.Node {
	k, _ := graph.KindOfID(id)
	spec, _ := graph.LookupKind(k)
	return graph.Node{ID: id, Kind: k, Name: name, Props: sampleProps(spec.Props, false)}
}

// FullNode is MinimalNode with every property of the kind set and two
// sources.
func FullNode(id, name string) graph.Node {
	n := MinimalNode(id, name)
	spec, _ := graph.LookupKind(n.Kind)
	n.Props = sampleProps(spec.Props, true)
	n.Sources = []graph.Source{
		{File: "com-2014-0365-final-iss-implementation-report.txt", Section: "2. Progress", Lines: "12-18"},
		{File: "api"},
	}
	return n
}

// MinimalEdge returns a valid edge with only the properties its type
// requires (the role of a RAPPORTEUR edge).
func MinimalEdge(t graph.EdgeType, from, to string) graph.Edge {
	spec, _ := graph.LookupEdgeType(t)
	return graph.Edge{Type: t, From: from, To: to, Props: sampleProps(spec.Props, false)}
}

// FullEdge is MinimalEdge with every property of the type set and a source.
func FullEdge(t graph.EdgeType, from, to string) graph.Edge {
	e := MinimalEdge(t, from, to)
	spec, _ := graph.LookupEdgeType(t)
	e.Props = sampleProps(spec.Props, true)
	e.Sources = []graph.Source{{File: "oeil-procedure-2010-2308-INI.txt", Section: "Key players", Lines: "7"}}
	return e
}

// EqualNode reports whether a and b are the same node: graph.Node.Equal.
func EqualNode(a, b graph.Node) bool { return a.Equal(b) }

// EqualEdge reports whether a and b are the same edge: graph.Edge.Equal.
func EqualEdge(a, b graph.Edge) bool { return a.Equal(b) }

// FormatNode renders n with typed property values, for failure messages.
func FormatNode(n graph.Node) string {
	return fmt.Sprintf("{%s %s %q props=%s sources=%v}", n.ID, n.Kind, n.Name, formatProps(n.Props), n.Sources)
}

// FormatEdge renders e like FormatNode.
func FormatEdge(e graph.Edge) string {
	return fmt.Sprintf("{%s props=%s sources=%v}", e.Key(), formatProps(e.Props), e.Sources)
}

func formatProps(p graph.Props) string {
	parts := make([]string, 0, len(p))
	for _, k := range p.Keys() {
		parts = append(parts, fmt.Sprintf("%s:%#v", k, p[k]))
	}
	return "{" + strings.Join(parts, " ") + "}"
}
