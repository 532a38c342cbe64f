package resolvers

import (
	"errors"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/graphtest"
	"github.com/issgraph/issgraph/graph/model"
)

// wantBadInput checks that a refused input gets BAD_USER_INPUT: a client
// fault must never surface as INTERNAL.
func wantBadInput(t *testing.T, what string, err error) {
	t.Helper()
	var ae *apiError
	if err != nil && (!errors.As(err, &ae) || ae.code != CodeBadUserInput) {
		t.Fatalf("%s: %v (%T) is not a BAD_USER_INPUT error", what, err, err)
	}
}

// FuzzMutationInput fuzzes the conversion of mutation inputs, as gqlgen
// hands them over typed (*string, *graph.Date, []string, []*graph.Source,
// nil for null), into nodes, patches and edges: it never panics, refuses
// only with BAD_USER_INPUT, and what it accepts is valid, so the store
// never meets an input the API let through and then refuses as a bug; a
// patch it accepts applies to any valid node of its kind.
func FuzzMutationInput(f *testing.F) {
	f.Add(uint8(3), uint8(2), "ISS in Action", "COM(2010) 673", "ISS", "2010-11-22", false, "eurlex.txt", "1-4")
	f.Add(uint8(2), uint8(2), "Procedure", "2010/2308 (INI)", "x", "", false, "oeil.txt", "7")
	f.Add(uint8(3), uint8(2), "Doc", "2010/2308(INI)", "", "22/11/2010", true, "", "")
	f.Add(uint8(4), uint8(3), "!!!", "wish", "\xff", "2010-02-30", false, "api", "0-3")
	f.Add(uint8(6), uint8(5), "Vote", "A7-0143/2012", "İ", "0001-01-01", false, "a\x00", "9-1")
	f.Fuzz(func(t *testing.T, kind, field uint8, name, val, item, date string, null bool, file, lines string) {
		spec := graph.Kinds[int(kind)%len(graph.Kinds)]
		ps := spec.Props[int(field)%len(spec.Props)]
		in := map[string]any{"name": &name, "sources": []*graph.Source{{File: file, Lines: lines}}}
		switch {
		case null:
			in[ps.Name] = nil
		case ps.Type == graph.Strings:
			in[ps.Name] = []string{val, item}
		case ps.Type == graph.DateP:
			if d, err := graph.ParseDate(date); err == nil {
				in[ps.Name] = &d
			} else {
				in[ps.Name] = (*graph.Date)(nil)
			}
		default:
			in[ps.Name] = &val
		}

		n, err := nodeFromInput(spec.Kind, in)
		wantBadInput(t, "nodeFromInput", err)
		if err == nil {
			if verr := n.Validate(); verr != nil {
				t.Fatalf("nodeFromInput accepted %+v, which is invalid: %v", n, verr)
			}
		}

		p, err := patchFromInput(spec.Kind, in)
		wantBadInput(t, "patchFromInput", err)
		if err == nil {
			base := graph.Node{ID: spec.Prefix + "base", Kind: spec.Kind, Name: "Base", Props: graph.Props{}}
			for _, s := range spec.Props {
				if s.Required {
					base.Props[s.Name] = graphtest.SampleValue(s)
				}
			}
			if _, aerr := p.Apply(base); aerr != nil {
				t.Fatalf("patchFromInput accepted %s, which fails on a valid node: %v", p, aerr)
			}
		}

		et := graph.EdgeTypes[int(kind)%len(graph.EdgeTypes)]
		var d *graph.Date
		if pd, err := graph.ParseDate(date); err == nil {
			d = &pd
		}
		ein := model.EdgeInput{Type: et.Type, From: name, To: val, Role: &item, Note: &val, Committee: &item, Group: &name, Date: d,
			Sources: []*graph.Source{{File: file, Lines: lines}}}
		if null {
			// Ends that are ids, so that the rest of the edge decides.
			ein.From, ein.To = prefixOf(et.From[0])+graph.Slug(name), prefixOf(et.To[len(et.To)-1])+graph.Slug(val)
			ein.Role, ein.Committee, ein.Group = nil, nil, nil
		}
		e, err := edgeFromInput(ein)
		wantBadInput(t, "edgeFromInput", err)
		if err == nil {
			if verr := e.Validate(); verr != nil {
				t.Fatalf("edgeFromInput accepted %+v, which is invalid: %v", e, verr)
			}
		}
	})
}

func prefixOf(k graph.Kind) string {
	spec, _ := graph.LookupKind(k)
	return spec.Prefix
}
