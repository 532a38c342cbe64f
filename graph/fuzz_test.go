package graph_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/graphtest"
)

// The fuzz targets of the domain's validation. Each checks the promise
// stores build on: validation never panics, refuses with a
// *ValidationError, and what it accepts survives JSON (datasets, and the
// records of the embedded store's format version 1) unchanged and still
// valid, so a store can
// always reopen what it accepted. scripts/fuzz runs them in CI from the
// corpus in testdata/fuzz.

// roundTrip encodes v as JSON and decodes it into a new T.
func roundTrip[T any](t *testing.T, v T) T {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %+v: %v", v, err)
	}
	var out T
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("accepted %+v, but its JSON %s does not decode: %v", v, b, err)
	}
	return out
}

func wantValidationError(t *testing.T, what string, err error) {
	t.Helper()
	var ve *graph.ValidationError
	if err != nil && (!errors.As(err, &ve) || !errors.Is(err, graph.ErrInvalid)) {
		t.Fatalf("%s: %v (%T) is not a *ValidationError", what, err, err)
	}
}

// fuzzValue makes a value of the spec's type from fuzzed text: a date is
// parsed (ok is false when it does not parse), a list holds both strings.
func fuzzValue(s graph.PropSpec, val, item, date string) (any, bool) {
	switch s.Type {
	case graph.Strings:
		return []string{val, item}, true
	case graph.DateP:
		d, err := graph.ParseDate(date)
		return d, err == nil
	}
	return val, true
}

// FuzzNodeValidate builds a node and a patch of it from fuzzed fields.
func FuzzNodeValidate(f *testing.F) {
	f.Add("document/com-2010-0673", "The ISS in Action", uint8(3), uint8(2), "COM(2010) 673", "ISS", "2010-11-22", "eurlex.txt", "Summary", "1-4")
	f.Add("objective/iss-so1", "Disrupt networks", uint8(4), uint8(3), "strategic-objective", "x", "22/11/2010", "api", "", "")
	f.Add("x", strings.Repeat("€", 333)+"x", uint8(0), uint8(0), "caf\xe9", "\x00", "2010-02-30", "a\xffb", "\ufffd", "12-18")
	f.Add("event/2010-01-01-x", " ", uint8(6), uint8(2), "", "İ", "0001-01-01", "f", "s", "9-1")
	f.Fuzz(func(t *testing.T, id, name string, kind, prop uint8, val, item, date, file, section, lines string) {
		spec := graph.Kinds[int(kind)%len(graph.Kinds)]
		if !strings.Contains(id, "/") {
			id = spec.Prefix + id
		}
		ps := spec.Props[int(prop)%len(spec.Props)]
		n := graph.Node{ID: id, Kind: spec.Kind, Name: name, Props: graph.Props{},
			Sources: []graph.Source{{File: file, Section: section, Lines: lines}}}
		// The required properties are set, so that the fuzzed one decides.
		for _, s := range spec.Props {
			if s.Required {
				n.Props[s.Name] = graphtest.SampleValue(s)
			}
		}
		v, ok := fuzzValue(ps, val, item, date)
		if ok {
			n.Props[ps.Name] = v
		}
		err := n.Validate()
		wantValidationError(t, "Node.Validate", err)
		if err == nil {
			back := roundTrip(t, n)
			if !back.Equal(n) {
				t.Fatalf("accepted %+v, read back %+v", n, back)
			}
			if err := back.Validate(); err != nil {
				t.Fatalf("accepted %+v, but read back it is invalid: %v", n, err)
			}
		}

		// The same fields as a patch of a valid node of the kind: a valid
		// patch always gives a valid node (Patch.Validate's promise, on
		// which Store.PatchNode relies).
		p := graph.Patch{Kind: spec.Kind, Name: &name, ReplaceSources: true, Sources: n.Sources}
		if ok {
			p.Set = graph.Props{ps.Name: v}
		} else if !ps.Required {
			p.Unset = []string{ps.Name}
		}
		base := graph.Node{ID: spec.Prefix + "base", Kind: spec.Kind, Name: "Base", Props: graph.Props{}}
		for _, s := range spec.Props {
			if s.Required {
				base.Props[s.Name] = graphtest.SampleValue(s)
			}
		}
		perr := p.Validate()
		wantValidationError(t, "Patch.Validate", perr)
		got, aerr := p.Apply(base)
		wantValidationError(t, "Patch.Apply", aerr)
		switch {
		case perr == nil && aerr != nil:
			t.Fatalf("valid patch %s fails on a valid node: %v", p, aerr)
		case perr != nil && aerr == nil:
			t.Fatalf("invalid patch %s (%v) applied", p, perr)
		case aerr == nil:
			if err := roundTrip(t, got).Validate(); err != nil {
				t.Fatalf("patched node %+v does not read back valid: %v", got, err)
			}
		}
	})
}

// FuzzNodeJSON decodes a stored record: decoding never panics, and a node
// that decodes and validates encodes back to the same node.
func FuzzNodeJSON(f *testing.F) {
	f.Add([]byte(`{"id":"document/a","kind":"Document","name":"A","props":{"date":"2010-11-22","aliases":["x"]},"sources":[{"file":"api","lines":"1-2"}]}`))
	f.Add([]byte(`{"id":"agency/victim","kind":"Agency","name":"x\ufffd"}`))
	f.Add([]byte(`{"id":"event/a","kind":"Event","name":"E","props":{"date":"22/11/2010","endDate":"9999-12-31"}}`))
	f.Add([]byte(`{"id":"document/a","kind":"Document","name":"A","props":{"aliases":[]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var n graph.Node
		if err := json.Unmarshal(data, &n); err != nil {
			return
		}
		err := n.Validate()
		wantValidationError(t, "Node.Validate", err)
		if err != nil {
			return
		}
		back := roundTrip(t, n)
		if !back.Equal(n) || back.Validate() != nil {
			t.Fatalf("decoded %+v from %q, which reads back as %+v", n, data, back)
		}
	})
}

// FuzzEdgeValidate builds an edge from fuzzed fields.
func FuzzEdgeValidate(f *testing.F) {
	f.Add(uint8(0), "document/a", "document/b", "quotes", "a note", "2012-05-22", "api", "", "7")
	f.Add(uint8(3), "person/rita-borsellino", "procedure/2010-2308-ini", "rapporteur", "", "bad", "oeil.txt", "Key players", "7-9")
	f.Add(uint8(1), "agency/\xff", "objective/x", "leads", "\xe2\x82", "", "", "", "")
	f.Fuzz(func(t *testing.T, typ uint8, from, to, role, note, date, file, section, lines string) {
		spec := graph.EdgeTypes[int(typ)%len(graph.EdgeTypes)]
		e := graph.Edge{Type: spec.Type, From: from, To: to, Props: graph.Props{},
			Sources: []graph.Source{{File: file, Section: section, Lines: lines}}}
		for k, v := range map[string]string{"role": role, "note": note} {
			if v != "" {
				e.Props[k] = v
			}
		}
		if d, err := graph.ParseDate(date); err == nil {
			e.Props["date"] = d
		}
		err := e.Validate()
		wantValidationError(t, "Edge.Validate", err)
		if err != nil {
			return
		}
		back := roundTrip(t, e)
		if !back.Equal(e) || back.Validate() != nil {
			t.Fatalf("accepted %+v, read back %+v", e, back)
		}
		if k, err := graph.ParseEdgeKey(e.ID()); err != nil || k != e.Key() {
			t.Fatalf("edge id %q parses to %+v, %v", e.ID(), k, err)
		}
	})
}
