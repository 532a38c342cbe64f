package ref

import (
	"errors"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, canon, id string
		typ           Type
	}{
		// Commission series.
		{"COM(2010) 673", "COM(2010) 673", "document/com-2010-0673", COM},
		{"COM(2010)0673", "COM(2010) 673", "document/com-2010-0673", COM},
		{"COM/2010/673", "COM(2010) 673", "document/com-2010-0673", COM},
		{"COM(2010) 673 final", "COM(2010) 673", "document/com-2010-0673", COM},
		{"COM (2010) 673", "COM(2010) 673", "document/com-2010-0673", COM},
		{"com(2010)673 Final", "COM(2010) 673", "document/com-2010-0673", COM},
		{"COM(2010)\u00a0673 final/2", "COM(2010) 673", "document/com-2010-0673", COM},
		{"  COM(2010)\n673  ", "COM(2010) 673", "document/com-2010-0673", COM},
		{"SEC(2010) 1234", "SEC(2010) 1234", "document/sec-2010-1234", SEC},
		{"SWD(2014) 175 final", "SWD(2014) 175", "document/swd-2014-0175", SWD},
		{"JOIN(2013) 1", "JOIN(2013) 1", "document/join-2013-0001", JOIN},
		{"C(2014) 1234", "C(2014) 1234", "document/c-2014-1234", CommissionDecision},
		{"SP(2012)542", "SP(2012)542", "document/sp-2012-0542", SP},
		{"SP(2012) 0542", "SP(2012)542", "document/sp-2012-0542", SP},
		// Council.
		{"16797/10", "16797/10", "document/council-16797-10", Council},
		{"Council document 16797/10", "16797/10", "document/council-16797-10", Council},
		{"doc. 16797/10", "16797/10", "document/council-16797-10", Council},
		{"ST 16797/10", "16797/10", "document/council-16797-10", Council},
		{"ST 16797 2010 INIT", "16797/10", "document/council-16797-10", Council},
		{"14186/1/14 REV 1", "14186/1/14 REV 1", "document/council-14186-14-rev1", Council},
		{"14186/14 REV 1", "14186/1/14 REV 1", "document/council-14186-14-rev1", Council},
		{"14186/1/14", "14186/1/14 REV 1", "document/council-14186-14-rev1", Council},
		{"14186/14 rev1", "14186/1/14 REV 1", "document/council-14186-14-rev1", Council},
		{"ST 14186 2014 REV 1", "14186/1/14 REV 1", "document/council-14186-14-rev1", Council},
		{"5842/2/10 REV 2", "5842/2/10 REV 2", "document/council-5842-10-rev2", Council},
		{"14186/1/14 REV 1 COR 1", "14186/1/14 REV 1 COR 1", "document/council-14186-14-rev1-cor1", Council},
		{"14186/14 COR 1", "14186/14 COR 1", "document/council-14186-14-cor1", Council},
		{"9124/14 ADD 1", "9124/14 ADD 1", "document/council-9124-14-add1", Council},
		{"9124/14 COR 2 ADD 1 REV 3", "9124/3/14 REV 3 ADD 1 COR 2", "document/council-9124-14-rev3-add1-cor2", Council},
		{"7120/98", "7120/98", "document/council-7120-98", Council},
		{"EUCO 79/14", "EUCO 79/14", "document/euco-79-14", EUCO},
		{"euco 169/14 rev 1", "EUCO 169/14 REV 1", "document/euco-169-14-rev1", EUCO},
		// Parliament.
		{"A7-0143/2012", "A7-0143/2012", "document/ep-a7-0143-2012", EPReport},
		{"A7-143/2012", "A7-0143/2012", "document/ep-a7-0143-2012", EPReport},
		{"T7-0207/2012", "T7-0207/2012", "document/ep-t7-0207-2012", EPText},
		{"P7_TA(2012)0207", "T7-0207/2012", "document/ep-t7-0207-2012", EPText},
		{"P7_TA-PROV(2012)0207", "T7-0207/2012", "document/ep-t7-0207-2012", EPText},
		{"B7-0123/2012", "B7-0123/2012", "document/ep-b7-0123-2012", EPMotion},
		{"A5-0001/1999", "A5-0001/1999", "document/ep-a5-0001-1999", EPReport},
		{"A10-0012/2024", "A10-0012/2024", "document/ep-a10-0012-2024", EPReport},
		// Every term from the first on, none refused for being new.
		{"A1-0001/1980", "A1-0001/1980", "document/ep-a1-0001-1980", EPReport},
		{"A4-0143/1996", "A4-0143/1996", "document/ep-a4-0143-1996", EPReport},
		{"A11-0001/2030", "A11-0001/2030", "document/ep-a11-0001-2030", EPReport},
		{"T14-0001/2045", "T14-0001/2045", "document/ep-t14-0001-2045", EPText},
		{"A7-0143/2020", "A7-0143/2020", "document/ep-a7-0143-2020", EPReport}, // implausible: Check says so
		{"RC-B7-0123/2012", "RC-B7-0123/2012", "document/ep-rc-b7-0123-2012", EPJointMotion},
		{"rc-b7-123/2012", "RC-B7-0123/2012", "document/ep-rc-b7-0123-2012", EPJointMotion},
		{"C7-0094/2013", "C7-0094/2013", "document/ep-c7-0094-2013", EPReferral},
		{"N7-0089/2013", "N7-0089/2013", "document/ep-n7-0089-2013", EPReceived},
		// OEIL's Council spelling.
		{"16797/2010", "16797/10", "document/council-16797-10", Council},
		{"05273/2015", "5273/15", "document/council-5273-15", Council},
		{"14957/1/2015", "14957/1/15 REV 1", "document/council-14957-15-rev1", Council},
		{"09124/2014/ADD 1", "9124/14 ADD 1", "document/council-9124-14-add1", Council},
		{"09124/2014 ADD 1 COR 1", "9124/14 ADD 1 COR 1", "document/council-9124-14-add1-cor1", Council},
		// CELEX numbers and ELIs.
		{"52010DC0673", "COM(2010) 673", "document/com-2010-0673", COM},
		{"CELEX:52013PC0173", "COM(2013) 173", "document/com-2013-0173", COM},
		{"52014SC0175", "SWD(2014) 175", "document/swd-2014-0175", SWD},
		{"52010SC1234", "SEC(2010) 1234", "document/sec-2010-1234", SEC},
		{"52013JC0001", "JOIN(2013) 1", "document/join-2013-0001", JOIN},
		{"32011L0036", "Directive 2011/36/EU", "document/directive-2011-36-eu", Directive},
		{"celex 32011l0036", "Directive 2011/36/EU", "document/directive-2011-36-eu", Directive},
		{"31995L0046", "Directive 95/46/EC", "document/directive-1995-46-ec", Directive},
		{"32013R1052", "Regulation (EU) No 1052/2013", "document/regulation-2013-1052", Regulation},
		{"32016R0679", "Regulation (EU) 2016/679", "document/regulation-2016-679", Regulation},
		{"32002F0475", "Framework Decision 2002/475/JHA", "document/framework-decision-2002-475-jha", FrameworkDecision},
		{"http://data.europa.eu/eli/dir/2011/36/oj", "Directive 2011/36/EU", "document/directive-2011-36-eu", Directive},
		{"https://data.europa.eu/eli/reg/2016/794/oj/eng", "Regulation (EU) 2016/794", "document/regulation-2016-794", Regulation},
		{"data.europa.eu/eli/dec_framw/2002/475/oj", "Framework Decision 2002/475/JHA", "document/framework-decision-2002-475-jha", FrameworkDecision},
		{"http://data.europa.eu/eli/reg_impl/2015/1998/oj", "Regulation (EU) 2015/1998", "document/regulation-2015-1998", Regulation},
		{"PE473.725", "PE473.725", "document/ep-pe473.725", EPPE},
		{"PE 473.725", "PE473.725", "document/ep-pe473.725", EPPE},
		{"PE473.725v01-00", "PE473.725", "document/ep-pe473.725", EPPE},
		{"PE 080.001", "PE080.001", "document/ep-pe080.001", EPPE},
		// Procedures.
		{"2010/2308(INI)", "2010/2308(INI)", "procedure/2010-2308-ini", Procedure},
		{"2013/2636(RSP)", "2013/2636(RSP)", "procedure/2013-2636-rsp", Procedure},
		{"2010/0802 (cod)", "2010/0802(COD)", "procedure/2010-0802-cod", Procedure},
		{"2010/802(COD)", "2010/0802(COD)", "procedure/2010-0802-cod", Procedure},
		{"2011/0023(CNS)", "2011/0023(CNS)", "procedure/2011-0023-cns", Procedure},
		{"2008/0805(NLE)", "2008/0805(NLE)", "procedure/2008-0805-nle", Procedure},
		{"2014/2002(BUD)", "2014/2002(BUD)", "procedure/2014-2002-bud", Procedure},
		// Legal acts.
		{"Directive 2011/36/EU", "Directive 2011/36/EU", "document/directive-2011-36-eu", Directive},
		{"Council Directive 2008/114/EC", "Directive 2008/114/EC", "document/directive-2008-114-ec", Directive},
		{"directive 95/46/ec", "Directive 95/46/EC", "document/directive-1995-46-ec", Directive},
		{"Directive 1995/46/EC", "Directive 95/46/EC", "document/directive-1995-46-ec", Directive},
		{"Directive (EU) 2016/680", "Directive (EU) 2016/680", "document/directive-2016-680", Directive},
		{"Directive 2016/680/EU", "Directive (EU) 2016/680", "document/directive-2016-680", Directive},
		{"Directive (EU) 2011/36", "Directive 2011/36/EU", "document/directive-2011-36-eu", Directive},
		{"Regulation (EU) No 1052/2013", "Regulation (EU) No 1052/2013", "document/regulation-2013-1052", Regulation},
		{"Regulation (EU) No. 1052/2013", "Regulation (EU) No 1052/2013", "document/regulation-2013-1052", Regulation},
		{"Council Regulation (EC) No 2007/2004", "Regulation (EC) No 2007/2004", "document/regulation-2004-2007", Regulation},
		{"Regulation (EC) 2007/2004", "Regulation (EC) No 2007/2004", "document/regulation-2004-2007", Regulation},
		{"Regulation (EEC) No 1408/71", "Regulation (EEC) No 1408/71", "document/regulation-1971-1408", Regulation},
		{"Regulation (EU) 2016/679", "Regulation (EU) 2016/679", "document/regulation-2016-679", Regulation},
		{"Regulation (EU) No 679/2016", "Regulation (EU) 2016/679", "document/regulation-2016-679", Regulation},
		{"Regulation (EU, Euratom) 2018/1046", "Regulation (EU, Euratom) 2018/1046", "document/regulation-2018-1046", Regulation},
		{"Commission Implementing Regulation (EU) No 1234/2013", "Regulation (EU) No 1234/2013", "document/regulation-2013-1234", Regulation},
		{"Council Decision 2008/615/JHA", "Decision 2008/615/JHA", "document/decision-2008-615-jha", Decision},
		{"Decision No 1082/2013/EU", "Decision No 1082/2013/EU", "document/decision-no-2013-1082-eu", Decision},
		{"Council Decision (CFSP) 2015/1333", "Decision (CFSP) 2015/1333", "document/decision-2015-1333", Decision},
		{"Decision 2015/1333", "Decision 2015/1333", "document/decision-2015-1333", Decision},
		{"Framework Decision 2002/475/JHA", "Framework Decision 2002/475/JHA", "document/framework-decision-2002-475-jha", FrameworkDecision},
		{"Council Framework Decision 2008/913/JHA", "Framework Decision 2008/913/JHA", "document/framework-decision-2008-913-jha", FrameworkDecision},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if r.Type != tt.typ || r.String() != tt.canon || r.ID() != tt.id {
				t.Fatalf("got %s %q %q, want %s %q %q", r.Type, r.String(), r.ID(), tt.typ, tt.canon, tt.id)
			}
			want := graph.Document
			if tt.typ == Procedure {
				want = graph.Procedure
			}
			if r.Kind() != want {
				t.Errorf("Kind = %q, want %q", r.Kind(), want)
			}
			if err := graph.ValidateID(r.ID(), r.Kind()); err != nil {
				t.Errorf("id not valid in the graph: %v", err)
			}
			again, err := Parse(r.String())
			if err != nil || again != r {
				t.Errorf("Parse(String()) = %+v, %v; want %+v", again, err, r)
			}
			if c, err := Canonical(tt.in); err != nil || c != tt.canon {
				t.Errorf("Canonical = %q, %v", c, err)
			}
		})
	}
}

func TestParseFields(t *testing.T) {
	r, err := Parse("14186/1/14 REV 1 COR 2")
	if err != nil {
		t.Fatal(err)
	}
	want := Ref{Type: Council, Year: 2014, Number: 14186, Rev: 1, Cor: 2}
	if r != want {
		t.Errorf("got %+v, want %+v", r, want)
	}
	r, err = Parse("Regulation (EU) No 1052/2013")
	if err != nil {
		t.Fatal(err)
	}
	if want := (Ref{Type: Regulation, Year: 2013, Number: 1052, Domain: "EU"}); r != want {
		t.Errorf("got %+v, want %+v", r, want)
	}
	// Spellings of one document give equal Refs.
	a, _ := Parse("P7_TA(2012)0207")
	b, _ := Parse("T7-207/2012")
	if a != b {
		t.Errorf("%+v != %+v", a, b)
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []string{
		"",
		"   \n\t",
		"COM(20x0) 673",
		"COM(2010)",
		"COM 2010 673",
		"COM(2010) 0",
		"COM(1949) 1",
		"COM(2101) 1",
		"COM(10) 673",
		"XCOM(2010) 673",
		"COM(2010) 673 draft",
		"2010/2308",
		"2010/2308(XYZ)",
		"2010/2308(IN)",
		"1949/2308(INI)",
		"2010/0000(INI)",
		"2010/2308(INI) extra",
		"T7-0000/2012",
		"A0-0001/1979", // no term 0
		"A100-0001/2012",
		"X7-0143/2012",
		"RC-A7-0001/2012",
		"16797/1949",
		"1234/2050",
		"123/2010", // a bare number/year needs five digits, OEIL's padding
		"32011X0036",
		"52010XX0673",
		"3201L0036",
		"32011L0000",
		"CELEX 32011L00361",
		"http://data.europa.eu/eli/dir/2011/0/oj",
		"http://data.europa.eu/eli/xyz/2011/36/oj",
		"http://data.europa.eu/eli/dec_framw/2011/36/oj", // no framework decisions after 2009
		"https://example.org/eli/dir/2011/36/oj",
		"PE473.72",
		"PE000.000",
		"PE473,725",
		"EUCO 79/2014",
		"EUCO 0/14",
		"14186/2/14 REV 1", // revision disagrees
		"14186/0/14",
		"14186/14 REV 0",
		"14186/14 REV 1 REV 2",
		"0/14",
		"123456/14",
		"16797",
		"ST 16797 1949 INIT",
		"ST 16797 2050 INIT",
		"Directive 2011/36",    // pre-2015 directive without domain
		"Directive 2011/36/XY", // unknown domain
		"Directive (EU) 2011/36/EU",
		"Directive No 2011/36/EU",
		"Directive 11/36/EU", // 1911
		"Directive 201/36/EU",
		"Regulation (EU) No 1052/13",
		"Regulation (EU) No 2016/679",
		"Regulation 1052/2013/EU",
		"Regulation (XX) No 1052/2013",
		"Framework Decision 2011/36/JHA",
		"Framework Decision No 475/2002/JHA",
		"Decision 2008/0/JHA",
		"OJ L 101, 15.4.2011, p. 1",
		"Article 71 TFEU",
		"24/02/2011",
		"LIBE/7/04825",
		"COM(2010) 673" + strings.Repeat(" ", MaxLen),
		strings.Repeat("1", MaxLen+1),
		"COM(2010) \xff673",
	}
	for _, in := range tests {
		r, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q) = %+v (%q), want error", in, r, r.String())
			continue
		}
		if !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Parse(%q) error %v does not match graph.ErrInvalid", in, err)
		}
		var ve *graph.ValidationError
		if !errors.As(err, &ve) || ve.Field != "reference" {
			t.Errorf("Parse(%q) error %v: want a ValidationError on field reference", in, err)
		}
		if _, err := Canonical(in); err == nil {
			t.Errorf("Canonical(%q): want error", in)
		}
	}
}

func TestZeroRef(t *testing.T) {
	var r Ref
	if r.String() != "" || r.ID() != "" || r.Kind() != "" {
		t.Errorf("zero Ref: %q %q %q", r.String(), r.ID(), r.Kind())
	}
}

func TestTypes(t *testing.T) {
	seen := map[Type]bool{}
	for _, ty := range Types {
		if !ty.Valid() || seen[ty] {
			t.Errorf("type %q invalid or repeated", ty)
		}
		seen[ty] = true
	}
	if Type("XYZ").Valid() {
		t.Error("XYZ is valid")
	}
}
