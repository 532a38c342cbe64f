package graph_test

import (
	"bytes"
	"encoding/json"
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
	dates := []string{"1999-12-31", "2010-01-01", "2010-01-02", "2010-02-01", "2010-11-30", "2011-01-01"}
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
