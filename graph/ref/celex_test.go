package ref

import (
	"slices"
	"testing"
)

func TestIdentifiers(t *testing.T) {
	tests := []struct {
		in, celex, eli string
	}{
		{"Directive 2011/36/EU", "32011L0036", "http://data.europa.eu/eli/dir/2011/36/oj"},
		{"Regulation (EU) No 1052/2013", "32013R1052", "http://data.europa.eu/eli/reg/2013/1052/oj"},
		{"Regulation (EU) 2016/794", "32016R0794", "http://data.europa.eu/eli/reg/2016/794/oj"},
		{"Council Decision 2008/615/JHA", "32008D0615", "http://data.europa.eu/eli/dec/2008/615/oj"},
		{"Decision No 1082/2013/EU", "32013D1082", "http://data.europa.eu/eli/dec/2013/1082/oj"},
		{"Framework Decision 2002/475/JHA", "32002F0475", "http://data.europa.eu/eli/dec_framw/2002/475/oj"},
		{"Directive 95/46/EC", "31995L0046", "http://data.europa.eu/eli/dir/1995/46/oj"},
		{"SWD(2014) 175", "52014SC0175", ""},
		{"SEC(2010) 1234", "52010SC1234", ""},
		{"JOIN(2013) 1", "52013JC0001", ""},
		{"T7-0207/2012", "52012IP0207", ""},
		{"COM(2010) 673", "", ""}, // DC or PC: the reference does not say
		{"A7-0143/2012", "", ""},
		{"14186/1/14 REV 1", "", ""},
		{"2010/2308(INI)", "", ""},
	}
	for _, tt := range tests {
		r, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		c, ok := r.CELEX()
		if c != tt.celex || ok != (tt.celex != "") {
			t.Errorf("%q: CELEX() = %q, %v; want %q", tt.in, c, ok, tt.celex)
		}
		e, ok := r.ELI()
		if e != tt.eli || ok != (tt.eli != "") {
			t.Errorf("%q: ELI() = %q, %v; want %q", tt.in, e, ok, tt.eli)
		}
		// What is computed reads back as the same document.
		for _, id := range []string{c, e} {
			if id == "" {
				continue
			}
			back, err := Parse(id)
			if err != nil {
				t.Errorf("%q: %s does not parse back: %v", tt.in, id, err)
				continue
			}
			vs, _ := Variants(id)
			ids := make([]string, len(vs))
			for i, v := range vs {
				ids[i] = v.ID()
			}
			if !slices.Contains(ids, r.ID()) {
				t.Errorf("%q: %s reads as %s (variants %v), want %s among them", tt.in, id, back.ID(), ids, r.ID())
			}
		}
	}
}

func TestVariants(t *testing.T) {
	tests := []struct {
		in    string
		first string
		also  []string
		n     int
	}{
		// The domain is not in a CELEX number: the likeliest comes first.
		{"32008D0615", "document/decision-2008-615-ec", []string{"document/decision-2008-615-jha", "document/decision-no-2008-615-ec"}, 10},
		{"http://data.europa.eu/eli/dec/2013/1082/oj", "document/decision-2013-1082-eu", []string{"document/decision-no-2013-1082-eu"}, 6},
		{"32011L0036", "document/directive-2011-36-eu", []string{"document/directive-2011-36-euratom"}, 2},
		// Where the id has no domain, or the input gives it, one is enough.
		{"32016R0679", "document/regulation-2016-679", nil, 1},
		{"32016L0680", "document/directive-2016-680", nil, 1},
		{"Decision 2008/615/JHA", "document/decision-2008-615-jha", nil, 1},
		{"32002F0475", "document/framework-decision-2002-475-jha", nil, 1},
		{"52012IP0207", "document/ep-t7-0207-2012", nil, 1},
		{"52014IP0001", "document/ep-t8-0001-2014", []string{"document/ep-t7-0001-2014"}, 2},
		{"COM(2010) 673", "document/com-2010-0673", nil, 1},
	}
	for _, tt := range tests {
		vs, err := Variants(tt.in)
		if err != nil {
			t.Fatalf("Variants(%q): %v", tt.in, err)
		}
		ids := make([]string, len(vs))
		for i, v := range vs {
			ids[i] = v.ID()
		}
		if len(ids) != tt.n || ids[0] != tt.first {
			t.Errorf("Variants(%q) = %v: want %d starting with %s", tt.in, ids, tt.n, tt.first)
		}
		for _, a := range tt.also {
			if !slices.Contains(ids, a) {
				t.Errorf("Variants(%q) = %v: want %s among them", tt.in, ids, a)
			}
		}
		for _, v := range vs {
			if again, err := Parse(v.String()); err != nil || again != v {
				t.Errorf("Variants(%q): %+v does not round-trip (%v)", tt.in, v, err)
			}
		}
	}
	if _, err := Variants("not a reference"); err == nil {
		t.Error("Variants of junk: want an error")
	}
}

func TestCheck(t *testing.T) {
	for in, plausible := range map[string]bool{
		"A7-0143/2012":  true,
		"A7-0143/2009":  true, // a term's first year is its predecessor's last
		"A7-0143/2014":  true,
		"A7-0143/2020":  false,
		"T1-0001/1979":  true,
		"T1-0001/1990":  false,
		"A11-0001/2031": true,
		"A11-0001/2020": false,
		"COM(2010) 673": true,
	} {
		r, err := Parse(in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", in, err)
		}
		if err := r.Check(); (err == nil) != plausible {
			t.Errorf("Check(%q) = %v, want plausible %v", in, err, plausible)
		}
	}
}
