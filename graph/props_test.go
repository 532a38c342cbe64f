package graph_test

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

func TestCoerceProp(t *testing.T) {
	str := graph.PropSpec{Name: "s", Type: graph.String}
	list := graph.PropSpec{Name: "l", Type: graph.Strings}
	date := graph.PropSpec{Name: "d", Type: graph.DateP}
	num := graph.PropSpec{Name: "n", Type: graph.Int}
	flag := graph.PropSpec{Name: "b", Type: graph.Bool}
	d := graph.MustDate("2010-11-22")
	tests := []struct {
		name string
		spec graph.PropSpec
		in   any
		want any // nil means an error
	}{
		{"string", str, "x", "x"},
		{"string from a number", str, 3, nil},
		{"string from a list", str, []string{"x"}, nil},
		{"list", list, []string{"a", "b"}, []string{"a", "b"}},
		{"list from []any", list, []any{"a", "b"}, []string{"a", "b"}},
		{"empty list from []any", list, []any{}, []string{}},
		{"list with a number", list, []any{"a", 1}, nil},
		{"list from a string", list, "a", nil},
		{"date", date, d, d},
		{"date from ISO", date, "2010-11-22", d},
		{"date from European", date, "22/11/2010", d},
		{"date that does not exist", date, "2010-02-30", nil},
		{"date from time.Time", date, d.Time(), nil},
		{"int64", num, int64(1 << 60), int64(1 << 60)},
		{"int", num, 42, int64(42)},
		{"integral float64", num, float64(1e15), int64(1e15)},
		{"negative float64", num, float64(-7), int64(-7)},
		{"fractional float64", num, 1.5, nil},
		{"NaN", num, math.NaN(), nil},
		{"huge float64", num, 1e20, nil},
		{"json.Number", num, json.Number("9007199254740993"), int64(9007199254740993)},
		{"fractional json.Number", num, json.Number("1.5"), nil},
		{"int from a string", num, "42", nil},
		{"bool", flag, true, true},
		{"bool from a string", flag, "true", nil},
		{"no type", graph.PropSpec{Name: "x"}, "x", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := graph.CoerceProp("props."+tt.spec.Name, tt.in, tt.spec)
			if tt.want == nil {
				if err == nil {
					t.Fatalf("CoerceProp(%#v) = %#v, want an error", tt.in, got)
				}
				checkValidationError(t, err, errField(err))
				return
			}
			if err != nil {
				t.Fatalf("CoerceProp(%#v): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("CoerceProp(%#v) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
	// A coerced list is a copy.
	in := []string{"a"}
	out, _ := graph.CoerceProp("l", in, list)
	out.([]string)[0] = "changed"
	if in[0] != "a" {
		t.Error("CoerceProp returned the caller's slice")
	}
}

// errField returns the field of a ValidationError, for checks that only
// care that there is one.
func errField(err error) string {
	if ve, ok := err.(*graph.ValidationError); ok {
		return ve.Field
	}
	return "?"
}

func TestPropsGetters(t *testing.T) {
	d := graph.MustDate("2010-11-22")
	p := graph.Props{"s": "x", "l": []string{"a"}, "d": d, "z": graph.Date{}, "n": int64(3), "b": false}
	if p.String("s") != "x" || p.String("l") != "" || p.String("missing") != "" {
		t.Error("String is wrong")
	}
	if !reflect.DeepEqual(p.Strings("l"), []string{"a"}) || p.Strings("s") != nil {
		t.Error("Strings is wrong")
	}
	if got, ok := p.Date("d"); !ok || got != d {
		t.Error("Date is wrong")
	}
	if _, ok := p.Date("z"); ok {
		t.Error("Date of a zero date reports a date")
	}
	if _, ok := p.Date("s"); ok {
		t.Error("Date of a string reports a date")
	}
	if n, ok := p.Int("n"); !ok || n != 3 {
		t.Error("Int is wrong")
	}
	if _, ok := p.Int("s"); ok {
		t.Error("Int of a string reports an int")
	}
	if b, ok := p.Bool("b"); !ok || b {
		t.Error("Bool is wrong")
	}
	if got := p.Keys(); !reflect.DeepEqual(got, []string{"b", "d", "l", "n", "s", "z"}) {
		t.Errorf("Keys() = %v", got)
	}
	var nilProps graph.Props
	if nilProps.String("x") != "" || len(nilProps.Keys()) != 0 || nilProps.Clone() != nil {
		t.Error("nil Props misbehaves")
	}
}

func TestPropsClone(t *testing.T) {
	p := graph.Props{"l": []string{"a", "b"}, "s": "x"}
	c := p.Clone()
	c["l"].([]string)[0] = "changed"
	c["s"] = "changed"
	if p["l"].([]string)[0] != "a" || p["s"] != "x" {
		t.Errorf("changing a clone changed the original: %v", p)
	}
}
