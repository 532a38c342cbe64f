package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/issgraph/issgraph/graph"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" means an error
	}{
		{"2010-11-22", "2010-11-22"},
		{"22/11/2010", "2010-11-22"},
		{"2012-02-29", "2012-02-29"}, // a leap day
		{"29/02/2012", "2012-02-29"},
		{"0001-01-01", "0001-01-01"},
		{"9999-12-31", "9999-12-31"},
		{"2010-02-30", ""},
		{"30/02/2010", ""},
		{"2011-02-29", ""},
		{"2010-13-01", ""},
		{"2010-00-10", ""},
		{"0000-01-01", ""},
		{"2010-1-2", ""},
		{"2/1/2010", ""},
		{"11/22/2010", ""},
		{"2010/11/22", ""},
		{" 2010-11-22", ""},
		{"2010-11-22T00:00:00Z", ""},
		{"22.11.2010", ""},
		{"", ""},
	}
	for _, tt := range tests {
		d, err := graph.ParseDate(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseDate(%q) = %s, want an error", tt.in, d)
		case tt.want != "" && err != nil:
			t.Errorf("ParseDate(%q): %v", tt.in, err)
		case tt.want != "" && d.String() != tt.want:
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, d, tt.want)
		}
	}
}

func TestNewDate(t *testing.T) {
	if d, err := graph.NewDate(2014, time.June, 20); err != nil || d != (graph.Date{Year: 2014, Month: time.June, Day: 20}) {
		t.Errorf("NewDate(2014-06-20) = %v, %v", d, err)
	}
	for _, bad := range [][3]int{{2010, 2, 30}, {2010, 4, 31}, {2010, 0, 1}, {2010, 13, 1}, {2010, 1, 0}, {2010, 1, 32}, {0, 1, 1}, {10000, 1, 1}} {
		if d, err := graph.NewDate(bad[0], time.Month(bad[1]), bad[2]); err == nil {
			t.Errorf("NewDate(%v) = %v, want an error", bad, d)
		}
	}
}

func TestMustDatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustDate of a bad literal did not panic")
		}
	}()
	graph.MustDate("2010-02-30")
}

func TestDateMethods(t *testing.T) {
	a, b := graph.MustDate("2010-11-22"), graph.MustDate("2012-05-22")
	if !a.Before(b) || b.Before(a) || a.Before(a) {
		t.Error("Before is wrong")
	}
	if graph.MustDate("0999-12-31").Before(graph.MustDate("0999-01-01")) {
		t.Error("Before is wrong for years under 1000")
	}
	if !(graph.Date{}).IsZero() || a.IsZero() {
		t.Error("IsZero is wrong")
	}
	if got := a.Time(); !got.Equal(time.Date(2010, 11, 22, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time() = %v", got)
	}
	// DateOf takes the date in the time's own zone.
	brussels := time.FixedZone("CET", 3600)
	if got := graph.DateOf(time.Date(2010, 11, 22, 0, 30, 0, 0, brussels)); got != a {
		t.Errorf("DateOf = %v, want %v", got, a)
	}
	if got := graph.MustDate("0042-01-05").String(); got != "0042-01-05" {
		t.Errorf("String() = %q", got)
	}
}

func TestDateJSON(t *testing.T) {
	d := graph.MustDate("2010-11-22")
	b, err := json.Marshal(d)
	if err != nil || string(b) != `"2010-11-22"` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var got graph.Date
	if err := json.Unmarshal(b, &got); err != nil || got != d {
		t.Errorf("Unmarshal(%s) = %v, %v", b, got, err)
	}
	// In a struct, by value and by pointer.
	type rec struct {
		D graph.Date  `json:"d"`
		P *graph.Date `json:"p"`
	}
	b, err = json.Marshal(rec{D: d, P: &d})
	if err != nil || string(b) != `{"d":"2010-11-22","p":"2010-11-22"}` {
		t.Fatalf("Marshal(struct) = %s, %v", b, err)
	}
	var r rec
	if err := json.Unmarshal(b, &r); err != nil || r.D != d || r.P == nil || *r.P != d {
		t.Errorf("Unmarshal(struct) = %+v, %v", r, err)
	}
	for _, in := range []string{`20101122`, `"2010-02-30"`, `"x"`, `true`, `{}`} {
		var x graph.Date
		if err := json.Unmarshal([]byte(in), &x); err == nil {
			t.Errorf("Unmarshal(%s) = %v, want an error", in, x)
		}
	}
}

func TestDateGQL(t *testing.T) {
	d := graph.MustDate("2014-06-20")
	var buf bytes.Buffer
	d.MarshalGQL(&buf)
	if buf.String() != `"2014-06-20"` {
		t.Fatalf("MarshalGQL = %s", buf.String())
	}
	s, err := strconv.Unquote(buf.String())
	if err != nil {
		t.Fatal(err)
	}
	var got graph.Date
	if err := got.UnmarshalGQL(s); err != nil || got != d {
		t.Errorf("UnmarshalGQL(%q) = %v, %v", s, got, err)
	}
	// The API takes only the ISO form, and only strings.
	for _, in := range []any{"20/06/2014", "2014-02-30", "2014-6-20", "", 20140620, nil, d} {
		var x graph.Date
		if err := x.UnmarshalGQL(in); err == nil {
			t.Errorf("UnmarshalGQL(%#v) = %v, want an error", in, x)
		}
	}
}

func TestDateCompareAgreesWithTheWrittenForm(t *testing.T) {
	// The order of Date, coarse dates among the days: the byte order of
	// the ISO forms, which SortKey and the Neo4j store rely on.
	dates := []string{"0999", "0999-12-31", "1999-12-31", "2010", "2010-01", "2010-01-01", "2010-01-02",
		"2010-02", "2010-02-01", "2010-11-30", "2010-12", "2010-12-31", "2011", "2011-01-01"}
	for _, a := range dates {
		for _, b := range dates {
			da, db := graph.MustDate(a), graph.MustDate(b)
			if got, want := da.Compare(db), strings.Compare(a, b); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", a, b, got, want)
			}
			if da.Before(db) != (a < b) {
				t.Errorf("Before(%s, %s) = %v", a, b, da.Before(db))
			}
		}
	}
}

func TestPartialDates(t *testing.T) {
	tests := []struct {
		in        string
		want      string // "" means an error
		precision graph.DatePrecision
		first     string
		last      string
	}{
		{"2010", "2010", graph.YearPrecision, "2010-01-01", "2010-12-31"},
		{"2010-11", "2010-11", graph.MonthPrecision, "2010-11-01", "2010-11-30"},
		{"2012-02", "2012-02", graph.MonthPrecision, "2012-02-01", "2012-02-29"},
		{"2011-02", "2011-02", graph.MonthPrecision, "2011-02-01", "2011-02-28"},
		{"2010-11-22", "2010-11-22", graph.DayPrecision, "2010-11-22", "2010-11-22"},
		{"22/11/2010", "2010-11-22", graph.DayPrecision, "2010-11-22", "2010-11-22"},
		{"0001", "0001", graph.YearPrecision, "0001-01-01", "0001-12-31"},
		{"9999-12", "9999-12", graph.MonthPrecision, "9999-12-01", "9999-12-31"},
		{"0000", "", 0, "", ""},
		{"2010-00", "", 0, "", ""},
		{"2010-13", "", 0, "", ""},
		{"2010-1", "", 0, "", ""},
		{"201", "", 0, "", ""},
		{"+201", "", 0, "", ""},
		{"-2010", "", 0, "", ""},
		{"2010/11", "", 0, "", ""},
		{"11/2010", "", 0, "", ""},
		{"2010-11-", "", 0, "", ""},
		{"20101", "", 0, "", ""},
		{"", "", 0, "", ""},
	}
	for _, tt := range tests {
		d, err := graph.ParsePartialDate(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("ParsePartialDate(%q) = %s, want an error", tt.in, d)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParsePartialDate(%q): %v", tt.in, err)
			continue
		}
		if d.String() != tt.want || d.Precision() != tt.precision || d.First().String() != tt.first || d.Last().String() != tt.last {
			t.Errorf("ParsePartialDate(%q) = %s (%s, %s..%s), want %s (%s, %s..%s)", tt.in,
				d, d.Precision(), d.First(), d.Last(), tt.want, tt.precision, tt.first, tt.last)
		}
		if err := d.Validate(); err != nil {
			t.Errorf("Validate(%s): %v", d, err)
		}
		// ParseDate, the importers' parser, takes days only.
		if _, err := graph.ParseDate(tt.in); (err == nil) != (tt.precision == graph.DayPrecision) {
			t.Errorf("ParseDate(%q): err = %v", tt.in, err)
		}
	}
}

func TestDateValidate(t *testing.T) {
	for _, bad := range []graph.Date{{}, {Year: 2010, Day: 5}, {Year: 2010, Month: 13}, {Year: 2010, Month: -1},
		{Year: 2010, Month: 2, Day: 30}, {Year: 10000}, {Year: 2010, Month: 1, Day: -1}} {
		if err := bad.Validate(); err == nil {
			t.Errorf("Validate(%#v) = nil, want an error", bad)
		}
	}
	if _, err := graph.NewMonthDate(2010, 0); err == nil {
		t.Error("NewMonthDate(2010, 0) = nil error")
	}
	if _, err := graph.NewDate(2010, 1, 0); err == nil {
		t.Error("NewDate(2010, 1, 0) = nil error")
	}
	if d, err := graph.NewYearDate(2013); err != nil || d.String() != "2013" {
		t.Errorf("NewYearDate(2013) = %v, %v", d, err)
	}
}

func TestDatePrecisionNames(t *testing.T) {
	for _, p := range []graph.DatePrecision{graph.DayPrecision, graph.MonthPrecision, graph.YearPrecision} {
		if got, err := graph.ParseDatePrecision(p.String()); err != nil || got != p {
			t.Errorf("ParseDatePrecision(%q) = %v, %v", p, got, err)
		}
	}
	if _, err := graph.ParseDatePrecision("week"); err == nil {
		t.Error("ParseDatePrecision(week) = nil error")
	}
	d := graph.MustDate("2013-05-17")
	for p, want := range map[graph.DatePrecision]string{graph.DayPrecision: "2013-05-17", graph.MonthPrecision: "2013-05", graph.YearPrecision: "2013"} {
		if got := d.WithPrecision(p).String(); got != want {
			t.Errorf("WithPrecision(%s) = %s, want %s", p, got, want)
		}
	}
	if got := graph.MustDate("2013").WithPrecision(graph.DayPrecision).String(); got != "2013-01-01" {
		t.Errorf("2013 WithPrecision(day) = %s, want its first day", got)
	}
}

func TestDateWithin(t *testing.T) {
	ptr := func(s string) *graph.Date { d := graph.MustDate(s); return &d }
	tests := []struct {
		date, from, to string // "" is an open bound
		want           bool
	}{
		{"2013", "2013-06-01", "2013-06-30", true}, // the year may be any of its days
		{"2013", "2014-01-01", "", false},
		{"2013", "", "2012-12-31", false},
		{"2013-05", "2013-05-31", "", true},
		{"2013-05", "2013-06-01", "", false},
		{"2013-05", "", "2013-05-01", true},
		{"2013-05-17", "2013", "2013", true}, // a bound spans its period
		{"2013-12-31", "", "2013", true},
		{"2014-01-01", "", "2013", false},
		{"2012-12-31", "2013", "", false},
		{"2013-05-17", "2013-05-17", "2013-05-17", true},
		{"2013-05-17", "2013-05-18", "", false},
		{"2013-05-17", "", "2013-05-16", false},
		{"2013-05-17", "", "", true},
	}
	for _, tt := range tests {
		var from, to *graph.Date
		if tt.from != "" {
			from = ptr(tt.from)
		}
		if tt.to != "" {
			to = ptr(tt.to)
		}
		if got := graph.MustDate(tt.date).Within(from, to); got != tt.want {
			t.Errorf("%s.Within(%q, %q) = %v, want %v", tt.date, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestPartialDateJSONAndGQL(t *testing.T) {
	for _, s := range []string{"2010", "2010-11", "2010-11-22"} {
		d := graph.MustDate(s)
		b, err := json.Marshal(d)
		if err != nil || string(b) != strconv.Quote(s) {
			t.Errorf("Marshal(%s) = %s, %v", s, b, err)
		}
		var got graph.Date
		if err := json.Unmarshal(b, &got); err != nil || got != d {
			t.Errorf("Unmarshal(%s) = %v, %v", b, got, err)
		}
		var buf bytes.Buffer
		d.MarshalGQL(&buf)
		if buf.String() != strconv.Quote(s) {
			t.Errorf("MarshalGQL(%s) = %s", s, buf.String())
		}
		var g graph.Date
		if err := g.UnmarshalGQL(s); err != nil || g != d {
			t.Errorf("UnmarshalGQL(%q) = %v, %v", s, g, err)
		}
	}
	for _, in := range []string{"11/2010", "2010-13", "0000", "22/11/2010"} {
		var x graph.Date
		if err := x.UnmarshalGQL(in); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD, YYYY-MM or YYYY") {
			t.Errorf("UnmarshalGQL(%q) = %v, %v; want an error naming the forms", in, x, err)
		}
	}
}

// String writes what fmt's %04d-%02d-%02d writes, cut to the precision,
// for every date in range and the out-of-range ones error messages show.
func TestDateStringIsFmt(t *testing.T) {
	for _, y := range []int{-5, 0, 1, 42, 999, 1000, 2010, 9999, 10000} {
		for m := -1; m <= 100; m++ {
			for _, day := range []int{-1, 0, 1, 9, 10, 31, 99, 100} {
				d := graph.Date{Year: y, Month: time.Month(m), Day: day}
				want := fmt.Sprintf("%04d-%02d-%02d", y, m, day)
				switch {
				case m == 0:
					want = fmt.Sprintf("%04d", y)
				case day == 0:
					want = fmt.Sprintf("%04d-%02d", y, m)
				}
				if got := d.String(); got != want {
					t.Fatalf("%#v.String() = %q, want %q", d, got, want)
				}
			}
		}
	}
}
