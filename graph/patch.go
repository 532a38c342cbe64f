package graph

import (
	"fmt"
	"slices"
	"strings"
)

// Patch changes some fields of a stored node and keeps the others: the
// rule of every update mutation. A store applies it with Apply inside the
// one transaction that reads the node and writes it back (Store.PatchNode),
// so that concurrent patches of one node, even of different fields, never
// lose each other's changes, as a read in one call and a write in another
// would.
type Patch struct {
	// Kind is the kind the node must have: patching a node of another
	// kind is invalid ("id").
	Kind Kind
	// Name replaces the name when not nil. A name cannot be cleared.
	Name *string
	// Set replaces each property with its value.
	Set Props
	// Unset removes each property. A required one cannot be removed, and
	// a property cannot be both set and removed.
	Unset []string
	// With ReplaceSources, Sources replaces the sources; empty clears them.
	ReplaceSources bool
	Sources        []Source
}

// Validate checks p on its own, before any store is asked: the kind, and
// each field by the rules of Node.Validate. A valid patch applied to a
// valid node of its kind always gives a valid node, so once the node is
// read only its existence and kind can still fail a patch.
func (p Patch) Validate() error {
	spec, ok := LookupKind(p.Kind)
	if !ok {
		return invalid("kind", "unknown kind %q (allowed: %s)", p.Kind, kindNames())
	}
	if p.Name != nil {
		if err := validateName(*p.Name); err != nil {
			return err
		}
	}
	if err := checkPropValues("props", p.Set, spec.Props); err != nil {
		return err
	}
	for _, k := range p.Unset {
		s, ok := findSpec(spec.Props, k)
		switch {
		case !ok:
			return invalid("props."+k, "unknown property (allowed: %s)", specNames(spec.Props))
		case s.Required:
			return invalid("props."+k, "required: it cannot be removed")
		}
		if _, set := p.Set[k]; set {
			return invalid("props."+k, "both set and removed")
		}
	}
	if p.ReplaceSources {
		return validateSources(p.Sources)
	}
	return nil
}

// Apply returns n changed by p, checked with Node.Validate. n is not
// changed. A node of another kind than p.Kind is invalid with the field
// "id".
func (p Patch) Apply(n Node) (Node, error) {
	if err := p.Validate(); err != nil {
		return n, err
	}
	if n.Kind != p.Kind {
		return n, invalid("id", "%q is a %s, not a %s", n.ID, n.Kind, p.Kind)
	}
	out := n.Clone()
	if p.Name != nil {
		out.Name = *p.Name
	}
	for _, k := range p.Unset {
		delete(out.Props, k)
	}
	out.Props = mergeProps(out.Props, p.Set)
	if len(out.Props) == 0 {
		out.Props = nil
	}
	if p.ReplaceSources {
		out.Sources = slices.Clone(p.Sources)
		if len(out.Sources) == 0 {
			out.Sources = nil
		}
	}
	if err := out.Validate(); err != nil {
		return n, err
	}
	return out, nil
}

// Empty reports whether p changes nothing.
func (p Patch) Empty() bool {
	return p.Name == nil && len(p.Set) == 0 && len(p.Unset) == 0 && !p.ReplaceSources
}

// String lists what p changes, for logs and test failures.
func (p Patch) String() string {
	var parts []string
	if p.Name != nil {
		parts = append(parts, fmt.Sprintf("name=%q", *p.Name))
	}
	for _, k := range p.Set.Keys() {
		parts = append(parts, fmt.Sprintf("%s=%#v", k, p.Set[k]))
	}
	for _, k := range p.Unset {
		parts = append(parts, "-"+k)
	}
	if p.ReplaceSources {
		parts = append(parts, fmt.Sprintf("sources=%v", p.Sources))
	}
	return string(p.Kind) + "{" + strings.Join(parts, " ") + "}"
}
