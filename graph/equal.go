package graph

import (
	"reflect"
	"slices"
)

// Equal reports whether n and o are the same node. Empty and nil property
// maps, lists and source lists count as equal, since stores need not tell
// them apart. Apply counts an upsert whose result equals the stored node as
// unchanged and writes nothing for it; the conformance suite compares what
// a store returns by the same rule.
func (n Node) Equal(o Node) bool {
	return n.ID == o.ID && n.Kind == o.Kind && n.Name == o.Name &&
		equalProps(n.Props, o.Props) && slices.Equal(n.Sources, o.Sources)
}

// Equal reports whether e and o are the same edge, in Node.Equal's sense.
func (e Edge) Equal(o Edge) bool {
	return e.Key() == o.Key() && equalProps(e.Props, o.Props) && slices.Equal(e.Sources, o.Sources)
}

func equalProps(a, b Props) bool {
	if len(a) != len(b) {
		return false
	}
	for k, va := range a {
		vb, ok := b[k]
		if !ok {
			return false
		}
		la, okA := va.([]string)
		lb, okB := vb.([]string)
		if okA && okB && len(la) == 0 && len(lb) == 0 {
			continue
		}
		if !reflect.DeepEqual(va, vb) {
			return false
		}
	}
	return true
}
