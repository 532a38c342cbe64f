package graph

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"
)

// Date is a calendar date with no time of day and no zone, as policy
// documents give them. Its text form is ISO 8601 (2010-10-26).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date, or an error when it is not a real calendar day.
func NewDate(year int, month time.Month, day int) (Date, error) {
	d := Date{year, month, day}
	if year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 {
		return Date{}, fmt.Errorf("date %04d-%02d-%02d out of range", year, month, day)
	}
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return Date{}, fmt.Errorf("date %04d-%02d-%02d does not exist", year, month, day)
	}
	return d, nil
}

// ParseDate reads an ISO date (2010-10-26) or a European one (26/10/2010),
// the two forms the corpus uses.
func ParseDate(s string) (Date, error) {
	for _, layout := range []string{"2006-01-02", "02/01/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return NewDate(t.Year(), t.Month(), t.Day())
		}
	}
	return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD or DD/MM/YYYY", s)
}

// MustDate is ParseDate for literals in tests and tables; it panics on a bad
// literal, which is a programming error.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// IsZero reports whether d is the zero Date (no date).
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// String returns the ISO form, 2010-10-26.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or +1 as d is before, on or after e, without
// formatting either: timelines sort thousands of dates.
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

// UnmarshalJSON reads the ISO form.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date: %w", err)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalGQL writes the GraphQL Date scalar.
func (d Date) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(d.String())) }

// UnmarshalGQL reads the GraphQL Date scalar: an ISO date string.
func (d *Date) UnmarshalGQL(v any) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("Date must be a string in the form YYYY-MM-DD, got %T", v)
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return fmt.Errorf("Date must be in the form YYYY-MM-DD, got %q", s)
	}
	nd, err := NewDate(t.Year(), t.Month(), t.Day())
	if err != nil {
		return err
	}
	*d = nd
	return nil
}
