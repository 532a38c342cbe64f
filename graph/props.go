package graph

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"unicode/utf8"
)

// PropType is the type of a property value. Stores keep values typed: a date
// is a date in Neo4j and in the embedded store, never a string.
type PropType int

const (
	String  PropType = iota + 1 // Go string
	Strings                     // Go []string
	DateP                       // Go Date
	Int                         // Go int64
	Bool                        // Go bool
)

func (t PropType) String() string {
	switch t {
	case String:
		return "string"
	case Strings:
		return "list of strings"
	case DateP:
		return "date"
	case Int:
		return "integer"
	case Bool:
		return "boolean"
	}
	return "unknown"
}

// PropSpec declares one property a kind or an edge type allows.
type PropSpec struct {
	Name     string
	Type     PropType
	Required bool
	Enum     []string // allowed values of a String property, or of each item of a Strings one; empty: any
	Doc      string
}

// Props holds the kind-specific properties of a node or an edge. Values are
// string, []string, Date, int64 or bool, as the PropSpec says.
type Props map[string]any

// String returns the string property k, or "".
func (p Props) String(k string) string {
	s, _ := p[k].(string)
	return s
}

// Strings returns the list property k, or nil.
func (p Props) Strings(k string) []string {
	s, _ := p[k].([]string)
	return s
}

// Date returns the date property k and whether it is set.
func (p Props) Date(k string) (Date, bool) {
	d, ok := p[k].(Date)
	return d, ok && !d.IsZero()
}

// Int returns the integer property k and whether it is set.
func (p Props) Int(k string) (int64, bool) {
	i, ok := p[k].(int64)
	return i, ok
}

// Bool returns the boolean property k and whether it is set.
func (p Props) Bool(k string) (bool, bool) {
	b, ok := p[k].(bool)
	return b, ok
}

// Keys returns the property names in sorted order.
func (p Props) Keys() []string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Clone returns a deep copy, so that a store never shares slices with its
// callers.
func (p Props) Clone() Props {
	if p == nil {
		return nil
	}
	c := make(Props, len(p))
	for k, v := range p {
		if s, ok := v.([]string); ok {
			v = slices.Clone(s)
		}
		c[k] = v
	}
	return c
}

// checkProps validates p against specs: no unknown names, the right Go type
// for each value, required ones present, enum values respected. field is the
// path prefix used in errors.
func checkProps(field string, p Props, specs []PropSpec) error {
	if err := checkPropValues(field, p, specs); err != nil {
		return err
	}
	for _, s := range specs {
		if s.Required {
			if _, ok := p[s.Name]; !ok {
				return invalid(field+"."+s.Name, "required")
			}
		}
	}
	return nil
}

// checkPropValues is checkProps without the required check: each value on
// its own, as a Patch sets it.
func checkPropValues(field string, p Props, specs []PropSpec) error {
	for _, k := range p.Keys() {
		spec, ok := findSpec(specs, k)
		if !ok {
			return invalid(field+"."+k, "unknown property (allowed: %s)", specNames(specs))
		}
		if err := checkValue(field+"."+k, p[k], spec); err != nil {
			return err
		}
	}
	return nil
}

func checkValue(field string, v any, s PropSpec) error {
	switch s.Type {
	case String:
		str, ok := v.(string)
		if !ok {
			return invalid(field, "want a string, got %T", v)
		}
		if str == "" {
			return invalid(field, "empty string; leave the property out instead")
		}
		if len(str) > MaxPropLen {
			return invalid(field, "longer than %d bytes", MaxPropLen)
		}
		if !utf8.ValidString(str) {
			return invalid(field, notUTF8)
		}
		if len(s.Enum) > 0 && !slices.Contains(s.Enum, str) {
			return invalid(field, "%q is not one of %v", str, s.Enum)
		}
	case Strings:
		list, ok := v.([]string)
		if !ok {
			return invalid(field, "want a list of strings, got %T", v)
		}
		if len(list) > MaxListLen {
			return invalid(field, "more than %d items", MaxListLen)
		}
		for i, str := range list {
			if str == "" || len(str) > MaxPropLen {
				return invalid(fmt.Sprintf("%s[%d]", field, i), "want a non-empty string of at most %d bytes", MaxPropLen)
			}
			if !utf8.ValidString(str) {
				return invalid(fmt.Sprintf("%s[%d]", field, i), notUTF8)
			}
			if len(s.Enum) > 0 && !slices.Contains(s.Enum, str) {
				return invalid(fmt.Sprintf("%s[%d]", field, i), "%q is not one of %v", str, s.Enum)
			}
		}
	case DateP:
		d, ok := v.(Date)
		if !ok {
			return invalid(field, "want a Date, got %T", v)
		}
		if err := d.Validate(); err != nil {
			return invalid(field, "%v", err)
		}
	case Int:
		if _, ok := v.(int64); !ok {
			return invalid(field, "want an int64, got %T", v)
		}
	case Bool:
		if _, ok := v.(bool); !ok {
			return invalid(field, "want a bool, got %T", v)
		}
	default:
		return invalid(field, "property has no type")
	}
	return nil
}

func findSpec(specs []PropSpec, name string) (PropSpec, bool) {
	for _, s := range specs {
		if s.Name == name {
			return s, true
		}
	}
	return PropSpec{}, false
}

func specNames(specs []PropSpec) string {
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.Name
	}
	sort.Strings(names)
	return fmt.Sprint(names)
}

// decodeProps turns JSON values back into typed values using specs: dates
// arrive as strings, integers as numbers, lists as arrays.
func decodeProps(field string, raw map[string]json.RawMessage, specs []PropSpec) (Props, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	p := make(Props, len(raw))
	for k, msg := range raw {
		spec, ok := findSpec(specs, k)
		if !ok {
			return nil, invalid(field+"."+k, "unknown property (allowed: %s)", specNames(specs))
		}
		var err error
		switch spec.Type {
		case String:
			var s string
			err = json.Unmarshal(msg, &s)
			p[k] = s
		case Strings:
			var s []string
			err = json.Unmarshal(msg, &s)
			p[k] = s
		case DateP:
			var d Date
			err = json.Unmarshal(msg, &d)
			p[k] = d
		case Int:
			var i int64
			err = json.Unmarshal(msg, &i)
			p[k] = i
		case Bool:
			var b bool
			err = json.Unmarshal(msg, &b)
			p[k] = b
		}
		if err != nil {
			return nil, invalid(field+"."+k, "want a %s: %v", spec.Type, err)
		}
	}
	return p, nil
}

// CoerceProp converts a loosely typed value (from JSON, GraphQL or a driver)
// to the Go type the spec asks for. It accepts a string for a date and any
// integral number for an integer.
func CoerceProp(field string, v any, s PropSpec) (any, error) {
	switch s.Type {
	case String:
		if str, ok := v.(string); ok {
			return str, nil
		}
	case Strings:
		switch l := v.(type) {
		case []string:
			return slices.Clone(l), nil
		case []any:
			out := make([]string, len(l))
			for i, e := range l {
				str, ok := e.(string)
				if !ok {
					return nil, invalid(fmt.Sprintf("%s[%d]", field, i), "want a string, got %T", e)
				}
				out[i] = str
			}
			return out, nil
		}
	case DateP:
		switch d := v.(type) {
		case Date:
			return d, nil
		case string:
			pd, err := ParsePartialDate(d)
			if err != nil {
				return nil, invalid(field, "%v", err)
			}
			return pd, nil
		}
	case Int:
		switch i := v.(type) {
		case int64:
			return i, nil
		case int:
			return int64(i), nil
		case float64:
			if i == float64(int64(i)) {
				return int64(i), nil
			}
		case json.Number:
			if n, err := i.Int64(); err == nil {
				return n, nil
			}
		}
	case Bool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
	}
	return nil, invalid(field, "want a %s, got %T", s.Type, v)
}
