package ref

import (
	"fmt"
	"strings"
	"testing"
)

// found renders matches as "Text=>canonical" for compact comparison.
func found(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text+"=>"+m.Ref.String())
	}
	return out
}

func TestExtract(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The strategy, COM(2010) 673 final, was followed by COM(2011)0790 and COM/2013/179.",
			[]string{"COM(2010) 673 final=>COM(2010) 673", "COM(2011)0790=>COM(2011) 790", "COM/2013/179=>COM(2013) 179"}},
		{"See COM (2014) 365, SWD(2014) 175 final, SEC(2010) 1234, JOIN(2013) 1 and C(2014) 1234.",
			[]string{"COM (2014) 365=>COM(2014) 365", "SWD(2014) 175 final=>SWD(2014) 175", "SEC(2010) 1234=>SEC(2010) 1234",
				"JOIN(2013) 1=>JOIN(2013) 1", "C(2014) 1234=>C(2014) 1234"}},
		{"Its answer came as SP(2012)542 in September.", []string{"SP(2012)542=>SP(2012)542"}},
		{"We refer to Council document 16797/10 and to doc. 7120/10 as well.",
			[]string{"16797/10=>16797/10", "7120/10=>7120/10"}},
		{"Footnote: Doc. 11260/14 (ST 9999/13) and ST 14186 2014 REV 1.",
			[]string{"11260/14=>11260/14", "ST 9999/13=>9999/13", "ST 14186 2014 REV 1=>14186/1/14 REV 1"}},
		{"Draft conclusions 14186/1/14 REV 1 replace 14186/14 and 14186/14 COR 1.",
			[]string{"14186/1/14 REV 1=>14186/1/14 REV 1", "14186/14 COR 1=>14186/14 COR 1"}},
		{"Revision 5842/2/10 REV 2 and addendum 9124/14 ADD 1.",
			[]string{"5842/2/10 REV 2=>5842/2/10 REV 2", "9124/14 ADD 1=>9124/14 ADD 1"}},
		{"Header\n14186/1/14\nREV 1\nLIMITE", []string{"14186/1/14\nREV 1=>14186/1/14 REV 1"}},
		{"Header: 14186/1/14 only.", []string{"14186/1/14=>14186/1/14 REV 1"}},
		{"Wrong: 14186/2/14 REV 1.", []string{"14186/2/14=>14186/2/14 REV 2"}},
		{"Listed in docs 7120/10, 16797/10 and 11260/14; then nothing.",
			[]string{"7120/10=>7120/10", "16797/10=>16797/10", "11260/14=>11260/14"}},
		{"Mixed: ST 7120/10, 16797/10; ST 11260/14 and 9999/13, or 5555/12.",
			[]string{"ST 7120/10=>7120/10", "16797/10=>16797/10", "ST 11260/14=>11260/14", "9999/13=>9999/13", "5555/12=>5555/12"}},
		{"Guidelines in EUCO 79/14 CO EUR 4 CONCL 2.", []string{"EUCO 79/14=>EUCO 79/14"}},
		{"Report A7-0143/2012 became text T7-0207/2012, published as P7_TA(2012)0207.",
			[]string{"A7-0143/2012=>A7-0143/2012", "T7-0207/2012=>T7-0207/2012", "P7_TA(2012)0207=>T7-0207/2012"}},
		{"Draft PE473.725, amendments PE 480.655v01-00 and motion B7-0123/2012.",
			[]string{"PE473.725=>PE473.725", "PE 480.655v01-00=>PE480.655", "B7-0123/2012=>B7-0123/2012"}},
		{"The file 2010/2308(INI) is linked to (2013/2636(RSP)) and 2010/0802 (COD).",
			[]string{"2010/2308(INI)=>2010/2308(INI)", "2013/2636(RSP)=>2013/2636(RSP)", "2010/0802 (COD)=>2010/0802(COD)"}},
		{"Under Directive 2011/36/EU and Council Directive 2008/114/EC, and Directive (EU) 2016/680.",
			[]string{"Directive 2011/36/EU=>Directive 2011/36/EU", "Council Directive 2008/114/EC=>Directive 2008/114/EC",
				"Directive (EU) 2016/680=>Directive (EU) 2016/680"}},
		{"Eurosur rests on Regulation (EU) No 1052/2013; data on Regulation (EU) 2016/679.",
			[]string{"Regulation (EU) No 1052/2013=>Regulation (EU) No 1052/2013", "Regulation (EU) 2016/679=>Regulation (EU) 2016/679"}},
		{"Prüm: Council Decision 2008/615/JHA; terrorism: Framework Decision 2002/475/JHA.",
			[]string{"Council Decision 2008/615/JHA=>Decision 2008/615/JHA", "Framework Decision 2002/475/JHA=>Framework Decision 2002/475/JHA"}},
		{"Racism: Council Framework Decision 2008/913/JHA of 28 November 2008.",
			[]string{"Council Framework Decision 2008/913/JHA=>Framework Decision 2008/913/JHA"}},
		{"Health threats: Decision No 1082/2013/EU; data: the directive 95/46/EC.",
			[]string{"Decision No 1082/2013/EU=>Decision No 1082/2013/EU", "directive 95/46/EC=>Directive 95/46/EC"}},
		{"Frontex: Council Regulation (EC) No\u00a02007/2004 as amended.",
			[]string{"Council Regulation (EC) No\u00a02007/2004=>Regulation (EC) No 2007/2004"}},
		{"OEIL lists 09312/2021, 09312/1/2021, 09123/2/2021 REV 2, 09124/2014/ADD 1 and 11234/2016.",
			[]string{"09312/2021=>9312/21", "09312/1/2021=>9312/1/21 REV 1", "09123/2/2021 REV 2=>9123/2/21 REV 2",
				"09124/2014/ADD 1=>9124/14 ADD 1", "11234/2016=>11234/16"}},
		// Near-misses: nothing to find.
		{"XCOM(2010) 673 and COM(2010)X and COM(20x0) 673 and COM(2010) 6734567.", nil},
		{"Call +32 2 281 61 11 or 2010/2308 on 24/02/2011, 1/2/14 or 26/10/2010.", nil},
		{"Numbers 216797/101, 16797/10 without a cue, 16797/10.5 and ref.16797/10.", nil},
		{"Published in OJ L 101, 15.4.2011, p. 1 and OJ C 115, 4.5.2010, p. 1.", nil},
		{"Article 71 TFEU, Art. 222 TFEU, art. 83(1) TFEU, 2010-2014, JAI 767, LIBE/7/04825.", nil},
		{"A7-0143/2020 is out of term and so is T4-0001/2012; prose is read conservatively.", nil},
		{"Joint motion RC-B7-0123/2012, its motions B7-0123/2012, and T4-0001/1996 of the fourth term.",
			[]string{"RC-B7-0123/2012=>RC-B7-0123/2012", "B7-0123/2012=>B7-0123/2012", "T4-0001/1996=>T4-0001/1996"}},
		{"PE473.72 and PE473.7255 and PEN 473.725 and 2010/2308(XYZ) and 2010/2308(INIT).", nil},
		{"Directive 2011/36 lacks a domain; Regulation (EU) No 1052/13 a year; Directive 2011/36/EU/annex is a path.", nil},
		{"The doc. 123456/14, 1/2/14 alone and 5/3/14 REV 0.", nil},
		{"Four digits 9312/2021 or six 109312/2021, a year 09312/1949, a path 09312/2021/x.", nil},
		{"A cued doc. 1/2/14 REV 0 keeps its valid core.", []string{"1/2/14=>1/2/14 REV 2"}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ms := Extract(tt.text)
			got := found(ms)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Extract\n got %q\nwant %q", got, tt.want)
			}
			checkMatches(t, tt.text, ms)
		})
	}
}

// checkMatches asserts the invariants every Extract result keeps.
func checkMatches(t *testing.T, text string, ms []Match) {
	t.Helper()
	prev := 0
	for _, m := range ms {
		if m.Start < prev || m.End <= m.Start || m.End > len(text) {
			t.Fatalf("match %+v out of order or range (previous end %d, len %d)", m, prev, len(text))
		}
		if text[m.Start:m.End] != m.Text {
			t.Fatalf("text[%d:%d] = %q, Text %q", m.Start, m.End, text[m.Start:m.End], m.Text)
		}
		r, err := Parse(m.Text)
		if err != nil || r != m.Ref {
			t.Fatalf("Parse(%q) = %+v, %v; match has %+v", m.Text, r, err, m.Ref)
		}
		prev = m.End
	}
}

func TestExtractLongestWins(t *testing.T) {
	// Every shorter reading overlaps the longer one and loses.
	text := "Council Framework Decision 2008/913/JHA; EUCO 169/14 REV 1; ST 14186/1/14 REV 1."
	got := found(Extract(text))
	want := []string{"Council Framework Decision 2008/913/JHA=>Framework Decision 2008/913/JHA",
		"EUCO 169/14 REV 1=>EUCO 169/14 REV 1", "ST 14186/1/14 REV 1=>14186/1/14 REV 1"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestExtractOffsets(t *testing.T) {
	text := "Café — voir COM(2010) 673 et 2010/2308(INI)."
	ms := Extract(text)
	if len(ms) != 2 {
		t.Fatalf("got %d matches, want 2", len(ms))
	}
	if want := strings.Index(text, "COM"); ms[0].Start != want || ms[0].End != want+len("COM(2010) 673") {
		t.Errorf("first match at %d-%d, want %d", ms[0].Start, ms[0].End, want)
	}
	if want := strings.Index(text, "2010/2308"); ms[1].Start != want {
		t.Errorf("second match at %d, want %d", ms[1].Start, want)
	}
}

func TestExtractLines(t *testing.T) {
	text := "first line COM(2010) 673\n\nthird: A7-0143/2012 and T7-0207/2012\r\n" +
		"14186/1/14\nREV 1 spans lines\nlast 2010/2308(INI)"
	got := ExtractLines(text)
	want := []struct {
		text string
		line int
	}{{"COM(2010) 673", 1}, {"A7-0143/2012", 3}, {"T7-0207/2012", 3}, {"14186/1/14\nREV 1", 4}, {"2010/2308(INI)", 6}}
	if len(got) != len(want) {
		t.Fatalf("got %d matches, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Text != w.text || got[i].Line != w.line {
			t.Errorf("match %d: %q on line %d, want %q on line %d", i, got[i].Text, got[i].Line, w.text, w.line)
		}
	}
	if ExtractLines("nothing here") == nil || len(ExtractLines("nothing here")) != 0 {
		t.Error("ExtractLines of text without references: want an empty, non-nil slice")
	}
}

func TestExtractLongList(t *testing.T) {
	const n = 2000
	text := "Council documents " + strings.Repeat("ST 111/11, 222/12 and ", n) + "333/13."
	ms := Extract(text)
	if len(ms) != 2*n+1 {
		t.Fatalf("got %d matches, want %d", len(ms), 2*n+1)
	}
	checkMatches(t, text, ms)
}

// BenchmarkExtractList: long lists of Council documents, which once took
// time quadratic in the list's length.
func BenchmarkExtractList(b *testing.B) {
	text := "docs " + strings.Repeat("ST 111/11, 222/12 and ", 2000) + "333/13."
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Extract(text)
	}
}

func BenchmarkExtract(b *testing.B) {
	text := strings.Repeat("The Council, in doc. 16797/10, welcomed COM(2010) 673 final under 2010/2308(INI) "+
		"and Directive 2011/36/EU, while 24/02/2011 and 1/2/14 are dates.\n", 50)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Extract(text)
	}
}
