package graph

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Date is a calendar date with no time of day and no zone, as policy
// documents give them, to the precision the source states: a day
// (2010-11-22), a month (2010-11) or only a year (2010). Its text form is
// the ISO 8601 form of that precision.
//
// The precision is in the fields: Day 0 is a month date, Month and Day 0 a
// year date, so that Date{2010, 11, 22} is still a day and the zero Date
// is no date at all.
//
// # Order
//
// Dates are ordered by the first day of their period, and a coarser date
// before a finer one that starts on the same day: 2009-12-31 < 2010 <
// 2010-01 < 2010-01-01 < 2010-01-02 < 2010-02 < 2010-02-01 < ... < 2011.
// In other words a year date sorts before every date within that year, a
// month date before every day of that month. This is exactly the byte
// order of the ISO forms, so SortKey and the Neo4j store can order by the
// text. Compare and Before implement it.
//
// # Ranges
//
// A date is in a range when its period overlaps it (Within): "2013"
// (which may be any day of 2013) is within 2013-06-01..2013-06-30, and a
// range bound of a coarser precision spans its whole period, so
// from 2013 to 2013 is 2013-01-01..2013-12-31. Filters and timelines keep
// what might have happened in the range rather than drop it; the date's
// precision, which the API shows, tells how sure that is.
type Date struct {
	Year  int
	Month time.Month // 0: a year date
	Day   int        // 0: a month or year date
}

// DatePrecision is how much of a Date is known.
type DatePrecision int

// The precisions, finest first.
const (
	DayPrecision DatePrecision = iota + 1
	MonthPrecision
	YearPrecision
)

// String returns "day", "month" or "year": the name the Neo4j store keeps
// and the API shows.
func (p DatePrecision) String() string {
	switch p {
	case DayPrecision:
		return "day"
	case MonthPrecision:
		return "month"
	case YearPrecision:
		return "year"
	}
	return fmt.Sprintf("DatePrecision(%d)", int(p))
}

// ParseDatePrecision reads what DatePrecision.String writes.
func ParseDatePrecision(s string) (DatePrecision, error) {
	for _, p := range []DatePrecision{DayPrecision, MonthPrecision, YearPrecision} {
		if p.String() == s {
			return p, nil
		}
	}
	return 0, fmt.Errorf("date precision %q: want day, month or year", s)
}

// NewDate returns the day date, or an error when it is not a real calendar
// day.
func NewDate(year int, month time.Month, day int) (Date, error) {
	d := Date{year, month, day}
	if day < 1 {
		return Date{}, fmt.Errorf("date %04d-%02d-%02d out of range", year, month, day)
	}
	if err := d.Validate(); err != nil {
		return Date{}, err
	}
	return d, nil
}

// NewMonthDate returns the date of a month (2010-11).
func NewMonthDate(year int, month time.Month) (Date, error) {
	d := Date{Year: year, Month: month}
	if month < 1 {
		return Date{}, fmt.Errorf("date %04d-%02d: month out of range", year, month)
	}
	if err := d.Validate(); err != nil {
		return Date{}, err
	}
	return d, nil
}

// NewYearDate returns the date of a year (2010).
func NewYearDate(year int) (Date, error) {
	d := Date{Year: year}
	if err := d.Validate(); err != nil {
		return Date{}, err
	}
	return d, nil
}

// Validate reports whether d is a date of one of the three precisions: a
// year from 1 to 9999, and a month and day that exist.
func (d Date) Validate() error {
	switch {
	case d.Year < 1 || d.Year > 9999:
		return fmt.Errorf("date %s: year out of range 1..9999", d)
	case d.Month < 0 || d.Month > 12:
		return fmt.Errorf("date %s: month out of range", d)
	case d.Month == 0 && d.Day != 0:
		return fmt.Errorf("date %04d-00-%02d: a day needs a month", d.Year, d.Day)
	case d.Day < 0 || d.Day > 31:
		return fmt.Errorf("date %s: day out of range", d)
	case d.Day > 0 && time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Day() != d.Day:
		return fmt.Errorf("date %s does not exist", d)
	}
	return nil
}

// ParseDate reads a day date: ISO (2010-10-26) or European (26/10/2010),
// the two forms the corpus and OEIL files use. Importers that need a day
// use it; ParsePartialDate also reads months and years.
func ParseDate(s string) (Date, error) {
	for _, layout := range []string{"2006-01-02", "02/01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return NewDate(t.Year(), t.Month(), t.Day())
		}
	}
	return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD or DD/MM/YYYY", s)
}

// ParsePartialDate reads a date of any precision: 2010, 2010-11,
// 2010-11-22 or 22/11/2010. The dataset, the stores and the API read dates
// with it.
func ParsePartialDate(s string) (Date, error) {
	switch len(s) {
	case 4:
		if y, ok := digits(s); ok {
			return NewYearDate(y)
		}
	case 7:
		y, ok1 := digits(s[:4])
		m, ok2 := digits(s[5:])
		if ok1 && ok2 && s[4] == '-' {
			return NewMonthDate(y, time.Month(m))
		}
	}
	if d, err := ParseDate(s); err == nil {
		return d, nil
	}
	return Date{}, fmt.Errorf("date %q: want YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY", s)
}

// digits reads s as a decimal number of ASCII digits only (no sign).
func digits(s string) (int, bool) {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, s != ""
}

// MustDate is ParsePartialDate for literals in tests and tables; it panics
// on a bad literal, which is a programming error.
func MustDate(s string) Date {
	d, err := ParsePartialDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == Date{} }

// Precision says whether d is a day, a month or a year.
func (d Date) Precision() DatePrecision {
	switch {
	case d.Month == 0:
		return YearPrecision
	case d.Day == 0:
		return MonthPrecision
	}
	return DayPrecision
}

// WithPrecision returns d cut to p: the day date 2010-11-22 with
// MonthPrecision is 2010-11. A finer precision than d's gives the first
// day (or month) of d's period, which is how the Neo4j store reads back a
// DATE it keeps with a coarser precision.
func (d Date) WithPrecision(p DatePrecision) Date {
	f := d.First()
	switch p {
	case YearPrecision:
		return Date{Year: f.Year}
	case MonthPrecision:
		return Date{Year: f.Year, Month: f.Month}
	}
	return f
}

// First returns the first day of d's period: 2010 -> 2010-01-01.
func (d Date) First() Date {
	if d.Month == 0 {
		return Date{d.Year, time.January, 1}
	}
	if d.Day == 0 {
		return Date{d.Year, d.Month, 1}
	}
	return d
}

// Last returns the last day of d's period: 2010 -> 2010-12-31, 2012-02 ->
// 2012-02-29.
func (d Date) Last() Date {
	switch {
	case d.Month == 0:
		return Date{d.Year, time.December, 31}
	case d.Day == 0:
		return DateOf(time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC))
	}
	return d
}

// Within reports whether d's period overlaps from..to, both inclusive and
// each spanning its own period; a nil bound is open. See Date, Ranges.
func (d Date) Within(from, to *Date) bool {
	if from != nil && d.Last().Compare(from.First()) < 0 {
		return false
	}
	if to != nil && d.First().Compare(to.Last()) > 0 {
		return false
	}
	return true
}

// Time returns midnight UTC of the first day of d.
func (d Date) Time() time.Time {
	f := d.First()
	return time.Date(f.Year, f.Month, f.Day, 0, 0, 0, 0, time.UTC)
}

// String returns the ISO form of d's precision: 2010-10-26, 2010-10 or
// 2010.
func (d Date) String() string {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		// Out of range: only error messages show these.
		switch d.Precision() {
		case YearPrecision:
			return fmt.Sprintf("%04d", d.Year)
		case MonthPrecision:
			return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
		}
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	// Without fmt: every date the API writes and every cursor goes here.
	b := [10]byte{
		byte('0' + d.Year/1000), byte('0' + d.Year/100%10), byte('0' + d.Year/10%10), byte('0' + d.Year%10),
		'-', byte('0' + d.Month/10), byte('0' + d.Month%10),
		'-', byte('0' + d.Day/10), byte('0' + d.Day%10),
	}
	switch d.Precision() {
	case YearPrecision:
		return string(b[:4])
	case MonthPrecision:
		return string(b[:7])
	}
	return string(b[:])
}

// Before reports whether d is earlier than e in the order of Date.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e in the
// order of Date (the byte order of the ISO forms), without formatting
// either: timelines sort thousands of dates. A missing month or day is 0,
// which sorts before every real one.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp.Compare(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp.Compare(d.Month, e.Month)
	}
	return cmp.Compare(d.Day, e.Day)
}

// MarshalJSON writes the ISO form.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads the ISO form of any precision.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	v, err := ParsePartialDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalGQL writes the GraphQL Date scalar: the ISO form of the date's
// precision. A day date is written as it always was.
func (d Date) MarshalGQL(w io.Writer) {
	// Digits and hyphens only, unless out of range (a minus sign): nothing
	// to escape.
	_, _ = io.WriteString(w, `"`)
	_, _ = io.WriteString(w, d.String())
	_, _ = io.WriteString(w, `"`)
}

// gqlDateForms is what the Date scalar accepts, for its error messages.
const gqlDateForms = "YYYY-MM-DD, YYYY-MM or YYYY"

// UnmarshalGQL reads the GraphQL Date scalar: an ISO date of any
// precision (2010-11-22, 2010-11, 2010).
func (d *Date) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("Date must be a string in the form %s, got %T", gqlDateForms, v)
	}
	if len(s) == 10 {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return fmt.Errorf("Date must be in the form %s, got %q", gqlDateForms, s)
		}
		nd, err := NewDate(t.Year(), t.Month(), t.Day())
		if err != nil {
			return err
		}
		*d = nd
		return nil
	}
	if len(s) != 4 && len(s) != 7 {
		return fmt.Errorf("Date must be in the form %s, got %q", gqlDateForms, s)
	}
	nd, err := ParsePartialDate(s)
	if err != nil {
		return fmt.Errorf("Date must be in the form %s, got %q", gqlDateForms, s)
	}
	*d = nd
	return nil
}
