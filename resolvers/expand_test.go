package resolvers_test

import (
	"slices"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

type drawnNode struct {
	ID         string
	Kind       string
	Label      string
	ShortLabel string
	Date       *string
	Reference  *string
	Type       *string
	Degree     int
	Distance   int
	Sources    []struct{ File, Section, Lines *string }
}

type expansion struct {
	Nodes  []drawnNode
	Edges  []sgEdge
	Hidden []struct {
		ID    string
		Count int
	}
	Truncated bool
}

const drawnFields = `id kind label shortLabel date reference type degree distance sources { file section lines }`

// The explorer's first two steps over the ISS dataset: place Europol, then
// expand it; then expand one of its neighbours, sending back what the
// canvas holds.
func TestExpandEuropolTwice(t *testing.T) {
	var a struct{ Place, First expansion }
	ask(t, "expand-europol", `{
		Place: expand(ids: ["agency/europol"], limit: 0) { nodes { `+drawnFields+` } edges { id type source target } hidden { id count } truncated }
		First: expand(ids: ["agency/europol"], exclude: ["agency/europol"]) {
			nodes { `+drawnFields+` }
			edges { id type source target properties sources { file section lines } }
			hidden { id count }
			truncated
		}
	}`, &a)
	if len(a.Place.Nodes) != 1 || a.Place.Nodes[0].ID != "agency/europol" || len(a.Place.Edges) != 0 {
		t.Fatalf("placing Europol on an empty canvas: %+v", a.Place)
	}
	europol := a.Place.Nodes[0]
	if europol.Kind != "AGENCY" || europol.ShortLabel != "Europol" || len(europol.Sources) == 0 || europol.Sources[0].File == nil {
		t.Errorf("Europol drawn as %+v", europol)
	}
	if len(a.Place.Hidden) != 1 || a.Place.Hidden[0].Count == 0 {
		t.Fatalf("Europol hides %+v neighbours, want some", a.Place.Hidden)
	}

	first := a.First
	if len(first.Nodes) == 0 {
		t.Fatal("expanding Europol adds nothing")
	}
	canvas := map[string]bool{"agency/europol": true}
	for _, n := range first.Nodes {
		if canvas[n.ID] || n.Distance != 1 || n.ShortLabel == "" || len([]rune(n.ShortLabel)) > graph.MaxShortLabel {
			t.Errorf("node %+v: sent twice, wrong distance or label", n)
		}
		canvas[n.ID] = true
	}
	if len(first.Nodes) != a.Place.Hidden[0].Count && !first.Truncated {
		t.Errorf("Europol hid %d neighbours but the expansion brings %d", a.Place.Hidden[0].Count, len(first.Nodes))
	}
	for _, e := range first.Edges {
		if !canvas[e.Source] || !canvas[e.Target] {
			t.Errorf("edge %s reaches outside the canvas", e.ID)
		}
	}
	for _, h := range first.Hidden {
		if h.ID == "agency/europol" && h.Count != 0 {
			t.Errorf("Europol still hides %d after a full expansion", h.Count)
		}
	}

	// Second step: a neighbour, with the whole canvas excluded.
	var next struct{ Expand expansion }
	exclude := make([]string, 0, len(canvas))
	for id := range canvas {
		exclude = append(exclude, id)
	}
	slices.Sort(exclude)
	var target string
	for _, h := range first.Hidden {
		if h.Count > 0 {
			target = h.ID
			break
		}
	}
	if target == "" {
		t.Fatal("no node on the canvas hides anything: nothing to expand")
	}
	seededEnv(t).ok(`{ expand(ids: [`+quote(target)+`], exclude: `+jsonList(exclude)+`) { nodes { id distance } edges { id source target } hidden { id count } truncated } }`, &next)
	for _, n := range next.Expand.Nodes {
		if canvas[n.ID] {
			t.Errorf("%s is on the canvas already but was sent again", n.ID)
		}
	}
	for _, e := range next.Expand.Edges {
		if canvas[e.Source] && canvas[e.Target] {
			t.Errorf("edge %s joins two nodes of the canvas: it was sent before", e.ID)
		}
	}
}

func TestExpandErrors(t *testing.T) {
	e := seededEnv(t)
	for _, c := range []struct{ query, field string }{
		{`{ expand(ids: []) { truncated } }`, "ids"},
		{`{ expand(ids: ["agency/nope"]) { truncated } }`, "ids"},
		{`{ expand(ids: ["agency/europol"], limit: -1) { truncated } }`, "limit"},
		{`{ expand(ids: ["agency/europol"], limit: 1001) { truncated } }`, "limit"},
		{`{ expand(ids: ["agency/europol"], exclude: ["nope"]) { truncated } }`, "exclude"},
	} {
		ge := e.fails(c.query, "BAD_USER_INPUT")
		if ge.Extensions["field"] != c.field {
			t.Errorf("%s: field %v, want %s", c.query, ge.Extensions["field"], c.field)
		}
	}
}

// Kinds are spelt as GraphQL spells them wherever the API writes one:
// graph.Kind.Name is the enum value gqlgen binds to each kind.
func TestKindNamesAreTheEnum(t *testing.T) {
	var a struct {
		Type struct{ EnumValues []struct{ Name string } } `json:"__type"`
	}
	seededEnv(t).ok(`{ __type(name: "Kind") { enumValues { name } } }`, &a)
	var got, want []string
	for _, v := range a.Type.EnumValues {
		got = append(got, v.Name)
	}
	for _, s := range graph.Kinds {
		want = append(want, s.Kind.Name())
	}
	if !slices.Equal(got, want) {
		t.Errorf("Kind enum %q, graph.Kind.Name %q", got, want)
	}
	// And the value bound to each name is that kind.
	for _, s := range graph.Kinds {
		var b struct {
			Expand struct{ Nodes []struct{ Kind string } }
		}
		// Any node of the kind: the Kind value as input (allNodes) and
		// as output (expand) must both be that kind.
		var c struct {
			AllNodes struct{ Nodes []struct{ ID string } }
		}
		seededEnv(t).ok(`{ allNodes(kind: `+s.Kind.Name()+`, first: 1) { nodes { id } } }`, &c)
		if len(c.AllNodes.Nodes) != 1 {
			t.Errorf("the dataset has no %s", s.Kind)
			continue
		}
		id := c.AllNodes.Nodes[0].ID
		seededEnv(t).ok(`{ expand(ids: [`+quote(id)+`], limit: 0) { nodes { kind } } }`, &b)
		if len(b.Expand.Nodes) != 1 || b.Expand.Nodes[0].Kind != s.Kind.Name() {
			t.Errorf("%s is drawn as %+v, want kind %s", id, b.Expand.Nodes, s.Kind.Name())
		}
	}
}
