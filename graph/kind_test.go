package graph_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

func TestValidateID(t *testing.T) {
	tests := []struct {
		id   string
		kind graph.Kind
		ok   bool
	}{
		{"document/com-2010-0673", graph.Document, true},
		{"document/ep-pe473.725", graph.Document, true},
		{"document/directive-2011-36-eu", graph.Document, true},
		{"event/2010-2308-ini/2012-05-22-decision-by-parliament", graph.Event, true},
		{"institution/group-s-d", graph.Institution, true},
		{"objective/iss-so1_ka1", graph.Objective, true},
		{"agency/x", graph.Agency, true},
		{"agency/9", graph.Agency, true},
		{"", graph.Document, false},
		{"document/", graph.Document, false},
		{"document", graph.Document, false},
		{"document/COM-2010", graph.Document, false},
		{"document/com 2010", graph.Document, false},
		{"document/-com", graph.Document, false},
		{"document/com-", graph.Document, false},
		{"document/com.", graph.Document, false},
		{"document/a//b", graph.Document, false},
		{"document/a/", graph.Document, false},
		{"document/malmström", graph.Document, false},
		{"document/a:b", graph.Document, false},
		{"document/a>b", graph.Document, false},
		{"agency/europol", graph.Document, false},
		{"document/a", "Memo", false},
		{"document/" + strings.Repeat("a", graph.MaxIDLen-len("document/")), graph.Document, true},
		{"document/" + strings.Repeat("a", graph.MaxIDLen-len("document/")+1), graph.Document, false},
	}
	for _, tt := range tests {
		err := graph.ValidateID(tt.id, tt.kind)
		if (err == nil) != tt.ok {
			t.Errorf("ValidateID(%q, %s) = %v, want ok %v", tt.id, tt.kind, err, tt.ok)
		}
		if err != nil {
			var field string
			if tt.kind.Valid() {
				field = "id"
			} else {
				field = "kind"
			}
			checkValidationError(t, err, field)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Malmström", "malmstrom"},
		{"Cecilia Malmström", "cecilia-malmstrom"},
		{"Ágnes", "agnes"},
		{"Rita Borsellino", "rita-borsellino"},
		{"S&D", "s-d"},
		{"Migration and Home Affairs", "migration-and-home-affairs"},
		{"  --Hello,   World!--  ", "hello-world"},
		{"Straße", "strasse"},
		{"Łukasz Żółć", "lukasz-zolc"},
		{"ÉÈÊË", "eeee"},
		{"Ştefan Ţiriac", "stefan-tiriac"},
		{"COM(2010) 673", "com-2010-673"},
		{"eu-LISA", "eu-lisa"},
		{"", ""},
		{"!!!", ""},
		{"Λόγος", ""},
		// Decomposed accents (a letter then a combining mark) fold too.
		{"Malmstro\u0308m", "malmstrom"},
		{"A\u0301gnes", "agnes"},
	}
	for _, tt := range tests {
		got := graph.Slug(tt.in)
		if got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got != "" {
			if err := graph.ValidateID("person/"+got, graph.Person); err != nil {
				t.Errorf("Slug(%q) = %q is not a valid id slug: %v", tt.in, got, err)
			}
		}
	}
}

func TestKindOfID(t *testing.T) {
	for _, s := range graph.Kinds {
		k, ok := graph.KindOfID(s.Prefix + "x")
		if !ok || k != s.Kind {
			t.Errorf("KindOfID(%sx) = %s, %v; want %s", s.Prefix, k, ok, s.Kind)
		}
	}
	for _, id := range []string{"", "memo/x", "document", "Document/x", "x/document/y"} {
		if k, ok := graph.KindOfID(id); ok {
			t.Errorf("KindOfID(%q) = %s, want none", id, k)
		}
	}
}

// TestKindSpecs checks the allow-list: unique kinds and prefixes, no prefix
// that starts another (KindOfID must be unambiguous), unique property names
// with a type, enums only on strings and lists of strings.
func TestKindSpecs(t *testing.T) {
	kinds, prefixes := map[graph.Kind]bool{}, map[string]bool{}
	for _, s := range graph.Kinds {
		if kinds[s.Kind] || prefixes[s.Prefix] {
			t.Errorf("%s: kind or prefix %q listed twice", s.Kind, s.Prefix)
		}
		kinds[s.Kind], prefixes[s.Prefix] = true, true
		if !strings.HasSuffix(s.Prefix, "/") || strings.ToLower(s.Prefix) != s.Prefix {
			t.Errorf("%s: prefix %q must be lower case and end in /", s.Kind, s.Prefix)
		}
		if s.Doc == "" {
			t.Errorf("%s: no doc", s.Kind)
		}
		if got, ok := graph.LookupKind(s.Kind); !ok || got.Prefix != s.Prefix || !s.Kind.Valid() {
			t.Errorf("LookupKind(%s) = %+v, %v", s.Kind, got, ok)
		}
		names := map[string]bool{}
		for _, p := range s.Props {
			if names[p.Name] {
				t.Errorf("%s: property %s twice", s.Kind, p.Name)
			}
			names[p.Name] = true
			if p.Type < graph.String || p.Type > graph.Bool {
				t.Errorf("%s.%s: no type", s.Kind, p.Name)
			}
			if len(p.Enum) > 0 && p.Type != graph.String && p.Type != graph.Strings {
				t.Errorf("%s.%s: an enum on a %s", s.Kind, p.Name, p.Type)
			}
		}
		for _, common := range []string{"description", "aliases"} {
			if !names[common] {
				t.Errorf("%s lacks the common property %s", s.Kind, common)
			}
		}
	}
	for a := range prefixes {
		for b := range prefixes {
			if a != b && strings.HasPrefix(a, b) {
				t.Errorf("prefix %q starts with prefix %q", a, b)
			}
		}
	}
	if graph.Kind("Memo").Valid() || graph.Kind("").Valid() {
		t.Error("unknown kinds are valid")
	}
}

func TestPropTypeString(t *testing.T) {
	for pt, want := range map[graph.PropType]string{graph.String: "string", graph.Strings: "list of strings",
		graph.DateP: "date", graph.Int: "integer", graph.Bool: "boolean", 0: "unknown"} {
		if got := pt.String(); got != want {
			t.Errorf("PropType(%d).String() = %q, want %q", int(pt), got, want)
		}
	}
}

func TestNameKeyOrder(t *testing.T) {
	// In NameKey order: case and accents are folded first, the name itself
	// breaks ties.
	names := []string{"Alpha", "alpha", "Ágnes Hankiss", "Ana Gomes", "Bravo", "Çharlie", "Malmström", "Malmstrom", "Sonia Alfano", "Zeta"}
	want := []string{"Ágnes Hankiss", "Alpha", "alpha", "Ana Gomes", "Bravo", "Çharlie", "Malmstrom", "Malmström", "Sonia Alfano", "Zeta"}
	got := slices.Clone(names)
	slices.SortFunc(got, func(a, b string) int { return strings.Compare(graph.NameKey(a), graph.NameKey(b)) })
	if !slices.Equal(got, want) {
		t.Errorf("NameKey order\n got %q\nwant %q", got, want)
	}
	if graph.NameKey("Alpha") == graph.NameKey("alpha") {
		t.Error("names that differ only in case get the same key: the order would not be total")
	}
}
