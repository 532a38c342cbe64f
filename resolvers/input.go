package resolvers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/model"
	"github.com/issgraph/issgraph/graph/ref"
)

// Node inputs arrive as maps (see gqlgen.yml): gqlgen has already typed
// each field by the schema (*string, *graph.Date, []string,
// []*graph.Source), and a key is present only when the client sent the
// field, with a nil value when it sent null. One function per operation,
// driven by the kind's PropSpecs, serves every kind.

// apiSource is the provenance of what the API writes without any.
var apiSource = graph.Source{File: "api"}

// nodeFromInput builds a new node of kind k from a create input.
func nodeFromInput(k graph.Kind, in map[string]any) (graph.Node, error) {
	n := graph.Node{Kind: k}
	for _, key := range sortedKeys(in) {
		v, null := unwrap(in[key])
		if null {
			continue // null in a new node is the same as leaving it out
		}
		if err := setField(&n, key, v); err != nil {
			return n, invalidField("input", err)
		}
	}
	if n.ID == "" {
		id, err := deriveID(n)
		if err != nil {
			return n, invalidField("input", err)
		}
		n.ID = id
	}
	if len(n.Sources) == 0 {
		n.Sources = []graph.Source{apiSource}
	}
	if err := n.Validate(); err != nil {
		return n, invalidField("input", err)
	}
	return n, nil
}

// patchFromInput turns the patch input of a node of kind k into a
// graph.Patch, which the store applies to the stored node in the
// transaction that reads it: an omitted field is kept, null clears it, an
// empty list removes the property. Each value is converted and checked
// here, as a create input's is, so a patch the store receives is valid
// whatever node it meets.
func patchFromInput(k graph.Kind, patch map[string]any) (graph.Patch, error) {
	p := graph.Patch{Kind: k}
	for _, key := range sortedKeys(patch) {
		v, null := unwrap(patch[key])
		var err error
		switch {
		case key == "name" && null:
			err = &graph.ValidationError{Field: "name", Reason: "cannot be cleared"}
		case key == "name":
			name, _ := v.(string)
			p.Name = &name
		case key == "sources":
			p.ReplaceSources = true
			if !null {
				p.Sources = sourcesOf(v.([]*graph.Source))
			}
		case null:
			p.Unset = append(p.Unset, key)
		default:
			// setField converts and checks the value as a create does;
			// it leaves an empty list out, which a patch removes.
			n := graph.Node{Kind: k}
			if err = setField(&n, key, v); err == nil {
				if val, ok := n.Props[key]; ok {
					if p.Set == nil {
						p.Set = graph.Props{}
					}
					p.Set[key] = val
				} else {
					p.Unset = append(p.Unset, key)
				}
			}
		}
		if err != nil {
			return p, invalidField("patch", err)
		}
	}
	if err := p.Validate(); err != nil {
		return p, invalidField("patch", err)
	}
	return p, nil
}

// setField sets one field of n from an input value.
func setField(n *graph.Node, key string, v any) error {
	switch key {
	case "id":
		n.ID, _ = v.(string)
		return nil
	case "name":
		n.Name, _ = v.(string)
		return nil
	case "sources":
		n.Sources = sourcesOf(v.([]*graph.Source))
		return nil
	}
	spec, ok := graph.LookupKind(n.Kind)
	if !ok {
		return &graph.ValidationError{Field: "kind", Reason: fmt.Sprintf("unknown kind %q", n.Kind)}
	}
	i := slices.IndexFunc(spec.Props, func(p graph.PropSpec) bool { return p.Name == key })
	if i < 0 {
		return &graph.ValidationError{Field: key, Reason: "not a property of a " + string(n.Kind)}
	}
	if key == "reference" {
		s, _ := v.(string)
		canon, err := canonicalFor(n.Kind, s)
		if err != nil {
			return err
		}
		v = canon
	}
	val, err := graph.CoerceProp(key, v, spec.Props[i])
	if err != nil {
		return err
	}
	if n.Props == nil {
		n.Props = graph.Props{}
	}
	if l, ok := val.([]string); ok && len(l) == 0 {
		delete(n.Props, key) // an empty list is no list
		return nil
	}
	n.Props[key] = val
	return nil
}

// canonicalFor canonicalises the reference property of a node of kind k:
// a procedure's names a procedure, a document's or an event's a document.
func canonicalFor(k graph.Kind, s string) (string, error) {
	want := graph.Document
	if k == graph.Procedure {
		want = graph.Procedure
	}
	r, err := ref.Parse(s)
	if err != nil {
		if ve, ok := asValidation(err); ok {
			return "", &graph.ValidationError{Field: "reference", Reason: fmt.Sprintf("%q: %s", s, ve.Reason)}
		}
		return "", &graph.ValidationError{Field: "reference", Reason: fmt.Sprintf("%q is not a reference this service reads", s)}
	}
	if r.Kind() != want {
		return "", &graph.ValidationError{Field: "reference", Reason: fmt.Sprintf("%q is a %s reference, not a %s one", s, r.Kind(), want)}
	}
	return r.String(), nil
}

// deriveID makes the id of a node created without one, following the id
// conventions of DEVELOPERS.md where the input allows.
func deriveID(n graph.Node) (string, error) {
	spec, _ := graph.LookupKind(n.Kind)
	if r := n.Props.String("reference"); r != "" && (n.Kind == graph.Document || n.Kind == graph.Procedure) {
		if parsed, err := ref.Parse(r); err == nil {
			return parsed.ID(), nil
		}
	}
	base := graph.Slug(n.Name)
	switch n.Kind {
	case graph.Institution, graph.Agency:
		if a := graph.Slug(n.Props.String("acronym")); a != "" {
			base = a
		}
	case graph.Event:
		if d, ok := n.Props.Date("date"); ok && base != "" {
			base = d.String() + "-" + base
		}
	}
	if base == "" {
		return "", &graph.ValidationError{Field: "id", Reason: "required: none can be made from the name"}
	}
	return spec.Prefix + base, nil
}

// edgeFromInput builds an edge from its input.
func edgeFromInput(in model.EdgeInput) (graph.Edge, error) {
	e := graph.Edge{Type: in.Type, From: in.From, To: in.To, Sources: sourcesOf(in.Sources)}
	props := graph.Props{}
	set := func(k string, v *string) {
		if v != nil {
			props[k] = *v
		}
	}
	set("role", in.Role)
	set("note", in.Note)
	set("committee", in.Committee)
	set("group", in.Group)
	set("article", in.Article)
	set("deliverable", in.Deliverable)
	if in.Date != nil {
		props["date"] = *in.Date
	}
	if in.Deadline != nil {
		props["deadline"] = *in.Deadline
	}
	// A RAPPORTEUR role may be given as the API's enum name too.
	if in.Type == graph.Rapporteur && in.Role != nil {
		if role, ok := rapporteurRoles[*in.Role]; ok {
			props["role"] = role
		}
	}
	if in.Committee != nil {
		if k, ok := graph.KindOfID(*in.Committee); !ok || k != graph.Institution {
			return e, badInput("input.committee", "%q is not an institution id", *in.Committee)
		}
	}
	if len(props) > 0 {
		e.Props = props
	}
	if len(e.Sources) == 0 {
		e.Sources = []graph.Source{apiSource}
	}
	if err := e.Validate(); err != nil {
		return e, invalidField("input", err)
	}
	return e, nil
}

var rapporteurRoles = map[string]string{
	"RAPPORTEUR":             graph.RoleRapporteur,
	"SHADOW_RAPPORTEUR":      graph.RoleShadowRapporteur,
	"RAPPORTEUR_FOR_OPINION": graph.RoleRapporteurForOpinion,
}

// unwrap returns the value behind an input field and whether it is null.
func unwrap(v any) (any, bool) {
	switch x := v.(type) {
	case nil:
		return nil, true
	case *string:
		if x == nil {
			return nil, true
		}
		return *x, false
	case *graph.Date:
		if x == nil {
			return nil, true
		}
		return *x, false
	case *int:
		if x == nil {
			return nil, true
		}
		return *x, false
	case []string:
		return x, x == nil
	case []*graph.Source:
		return x, x == nil
	}
	return v, false
}

func sourcesOf(in []*graph.Source) []graph.Source {
	var out []graph.Source
	for _, s := range in {
		if s != nil {
			out = append(out, *s)
		}
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Writes. Each is one store call, so nothing is ever half written; a patch
// is applied by the store in the transaction that reads the node
// (Store.PatchNode), so concurrent patches never undo each other.

func (r *Resolver) createNode(ctx context.Context, k graph.Kind, in map[string]any) (graph.Node, error) {
	n, err := nodeFromInput(k, in)
	if err != nil {
		return n, err
	}
	if err := r.store.CreateNode(ctx, n); err != nil {
		return n, storeErr(err, fmt.Sprintf("node %q", n.ID))
	}
	r.wrote(ctx, n)
	return n, nil
}

func (r *Resolver) updateNode(ctx context.Context, k graph.Kind, id string, patch map[string]any) (graph.Node, error) {
	p, err := patchFromInput(k, patch)
	if err != nil {
		return graph.Node{}, err
	}
	n, err := r.store.PatchNode(ctx, id, p)
	if ve, ok := asValidation(err); ok && ve.Field != "id" {
		return n, invalidField("patch", err)
	}
	if err != nil {
		// The one validation error a valid patch can meet is the node's
		// kind, a fault of the id argument.
		return n, storeErr(err, fmt.Sprintf("node %q", id))
	}
	r.wrote(ctx, n)
	return n, nil
}

func (r *Resolver) deleteNode(ctx context.Context, id string) (string, error) {
	if err := r.store.DeleteNode(ctx, id); err != nil {
		return "", storeErr(err, fmt.Sprintf("node %q", id))
	}
	r.wrote(ctx)
	return id, nil
}

func (r *Resolver) writeEdge(ctx context.Context, in model.EdgeInput, create bool) (*graph.Relationship, error) {
	e, err := edgeFromInput(in)
	if err != nil {
		return nil, err
	}
	if create {
		err = r.store.CreateEdge(ctx, e)
	} else {
		err = r.store.PutEdge(ctx, e)
	}
	if errors.Is(err, graph.ErrNotFound) {
		return nil, r.missingEnds(ctx, e, err)
	}
	if err != nil {
		return nil, storeErr(err, fmt.Sprintf("edge %q", e.ID()))
	}
	r.wrote(ctx)
	rel := graph.RelationshipOf(e, e.From)
	return &rel, nil
}

// missingEnds explains an ErrNotFound from writing e: which of the nodes
// it joins does not exist.
func (r *Resolver) missingEnds(ctx context.Context, e graph.Edge, cause error) error {
	ns, err := r.store.GetNodes(ctx, []string{e.From, e.To})
	if err != nil || len(ns) != 2 {
		return storeErr(cause, fmt.Sprintf("a node of edge %q", e.ID()))
	}
	var missing []string
	for i, id := range []string{e.From, e.To} {
		if ns[i] == nil {
			missing = append(missing, strconv.Quote(id))
		}
	}
	if len(missing) == 0 { // created meanwhile
		return storeErr(cause, fmt.Sprintf("a node of edge %q", e.ID()))
	}
	return &apiError{code: CodeNotFound, err: cause,
		msg: fmt.Sprintf("edge %q joins nodes that do not exist: %s", e.ID(), strings.Join(missing, ", "))}
}

func (r *Resolver) deleteEdge(ctx context.Context, t graph.EdgeType, from, to string) (string, error) {
	k := graph.EdgeKey{Type: t, From: from, To: to}
	if err := r.store.DeleteEdge(ctx, k); err != nil {
		return "", storeErr(err, fmt.Sprintf("edge %q", k.String()))
	}
	r.wrote(ctx)
	return k.String(), nil
}

// wrote drops what the request has loaded, now stale, and lists the
// written nodes for the fields the mutation returns.
func (r *Resolver) wrote(ctx context.Context, ns ...graph.Node) {
	l := r.loadersFor(ctx)
	l.reset()
	l.list(ctx, ns...)
}
