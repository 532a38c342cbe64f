package ref

import (
	"testing"

	"github.com/issgraph/issgraph/graph"
)

var fuzzSeeds = []string{
	"COM(2010) 673 final", "COM/2010/673", "SP(2012)542", "14186/1/14 REV 1", "ST 14186 2014 REV 1",
	"doc. 16797/10", "EUCO 79/14", "A7-0143/2012", "P7_TA(2012)0207", "PE 473.725v01-00",
	"2010/2308(INI)", "Council Framework Decision 2008/913/JHA", "Regulation (EU) No 1052/2013",
	"Regulation (EU) 2016/679", "Decision No 1082/2013/EU", "Directive 95/46/EC",
	"COM(20x0) 673", "216797/101", "OJ L 101, 15.4.2011, p. 1",
	"52010DC0673", "32011L0036", "CELEX:32008D0615", "52014IP0001", "http://data.europa.eu/eli/dir/2011/36/oj",
	"RC-B7-0123/2012", "C7-0094/2013", "N7-0089/2013", "A11-0001/2031", "14957/1/2015", "09124/2014/ADD 1",
}

// FuzzParse: Parse never panics; what it accepts has a valid id and
// parses back from its canonical form to the same Ref.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Parse(s)
		if err != nil {
			return
		}
		c := r.String()
		again, err := Parse(c)
		if err != nil {
			t.Fatalf("Parse(%q) = %+v, but its canonical form %q fails: %v", s, r, c, err)
		}
		if again != r || again.ID() != r.ID() || again.String() != c {
			t.Fatalf("Parse(%q) = %+v %q, Parse(%q) = %+v %q", s, r, r.ID(), c, again, again.ID())
		}
		if err := graph.ValidateID(r.ID(), r.Kind()); err != nil {
			t.Fatalf("Parse(%q): id %q: %v", s, r.ID(), err)
		}
	})
}

// FuzzExtract: Extract never panics, its matches are in range, ordered,
// disjoint, and each one's Text parses to its Ref.
func FuzzExtract(f *testing.F) {
	f.Add("See COM(2010) 673 final and doc. 7120/10, 16797/10 under 2010/2308(INI).")
	f.Add("14186/1/14\nREV 1 and Council Decision 2008/615/JHA; XCOM(2010) 673; 24/02/2011")
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkMatches(t, s, Extract(s))
	})
}
