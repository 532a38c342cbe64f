package resolvers

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// Helpers behind the relationship fields: the generated resolvers reach
// them through fields.go, the hand-written ones (rapporteurs, roles)
// directly.

// related returns the views of the nodes at the other end of id's edges, in
// edge order, each once. Ends whose view is not a V are left out, so a
// field can ask for one kind out of an edge type that joins several.
func related[V graph.Entity](ctx context.Context, r *Resolver, id string, dir graph.Direction, types ...graph.EdgeType) ([]V, error) {
	es, ends, err := r.loadersFor(ctx).edgesOf(ctx, id, dir, types...)
	if err != nil {
		return nil, err
	}
	out := make([]V, 0, len(es))
	seen := make(map[string]bool, len(es))
	for i, n := range ends {
		other := es[i].Key().Other(id)
		if n == nil || seen[other] {
			continue
		}
		if v, ok := graph.View(*n).(V); ok {
			seen[other] = true
			out = append(out, v)
		}
	}
	return out, nil
}

// byDate orders views by their date (undated last), then id: the order of
// a procedure's events. Each view's date key is made once, not at every
// comparison.
func byDate[V graph.Entity](vs []V) []V {
	type keyed struct {
		date, id string
		v        V
	}
	ks := make([]keyed, len(vs))
	for i, v := range vs {
		n := v.AsNode()
		ks[i] = keyed{graph.SortKey(n, graph.SortDate), n.ID, v}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		return cmp.Or(strings.Compare(a.date, b.date), strings.Compare(a.id, b.id))
	})
	for i := range ks {
		vs[i] = ks[i].v
	}
	return vs
}

// relationships returns id's edges seen from id, leaving out any whose
// other end does not exist.
func (r *Resolver) relationships(ctx context.Context, id string, types []graph.EdgeType, dir *graph.Direction) ([]*graph.Relationship, error) {
	d := graph.Both
	if dir != nil {
		d = *dir
	}
	return ties(ctx, r, id, d, types, asRelationship)
}

// ties returns id's edges of the types, seen from id and wrapped by wrap,
// the wrapped values in one allocation.
func ties[W any, T interface{ *W }](ctx context.Context, r *Resolver, id string, dir graph.Direction, types []graph.EdgeType, wrap func(graph.Relationship) W) ([]T, error) {
	es, ends, err := r.loadersFor(ctx).edgesOf(ctx, id, dir, types...)
	if err != nil {
		return nil, err
	}
	vals := make([]W, 0, len(es)) // never grown: out points into it
	out := make([]T, 0, len(es))
	for i, e := range es {
		if ends[i] != nil {
			rel := graph.RelationshipOf(e, id)
			rel.OtherEnd = ends[i]
			vals = append(vals, wrap(rel))
			out = append(out, &vals[len(vals)-1])
		}
	}
	return out, nil
}

func (r *Resolver) rapporteurRoles(ctx context.Context, id string, dir graph.Direction) ([]*graph.RapporteurRole, error) {
	roles, err := ties(ctx, r, id, dir, []graph.EdgeType{graph.Rapporteur}, func(rel graph.Relationship) graph.RapporteurRole {
		return graph.RapporteurRole{Relationship: rel}
	})
	// The rapporteur first, then the shadows, then the rapporteurs for
	// opinion, as the Parliament lists them; ties keep the store's order.
	slices.SortStableFunc(roles, func(a, b *graph.RapporteurRole) int {
		return rapporteurRank(a.Props.String("role")) - rapporteurRank(b.Props.String("role"))
	})
	return roles, err
}

func rapporteurRank(role string) int {
	switch role {
	case graph.RoleRapporteur:
		return 0
	case graph.RoleShadowRapporteur:
		return 1
	}
	return 2
}

// personRoles returns every relationship of a person (a person only ever
// starts edges).
func (r *Resolver) personRoles(ctx context.Context, id string) ([]*graph.Relationship, error) {
	return ties(ctx, r, id, graph.Out, personRoleTypes, asRelationship)
}

// personRoleTypes are the edges Person.roles lists.
var personRoleTypes = []graph.EdgeType{graph.ResponsibleFor, graph.ContributesTo, graph.Participated, graph.MemberOf, graph.Authored, graph.Rapporteur}

// end returns the view of rel's end id, which must exist: the node that
// came with the edge when id is its other end (which holds what the
// level's projection asked for, and the level asked for what this field
// shows: selectionEnds), else the request's node of that id.
func end[V graph.Entity](ctx context.Context, r *Resolver, rel *graph.Relationship, id string) (V, error) {
	var zero V
	n := rel.OtherEnd
	if n == nil || n.ID != id {
		var err error
		if n, err = r.loadersFor(ctx).node(ctx, id); err != nil {
			return zero, err
		}
	}
	if n == nil {
		return zero, nodeNotFound(id)
	}
	v, ok := graph.View(*n).(V)
	if !ok {
		return zero, fmt.Errorf("node %q is a %s, which this field cannot hold", id, n.Kind)
	}
	return v, nil
}

// committee returns the committee a RAPPORTEUR edge names, or null.
func (r *Resolver) committee(ctx context.Context, rel graph.Relationship) (*graph.InstitutionView, error) {
	n, err := r.loadersFor(ctx).named(ctx, rel.Edge, committeeOf)
	if err != nil || n == nil || n.Kind != graph.Institution {
		return nil, err
	}
	return &graph.InstitutionView{Node: *n}, nil
}

// committeeOf is the committee a RAPPORTEUR edge names, or "".
func committeeOf(e graph.Edge) string { return graph.RelationshipOf(e, e.From).CommitteeID() }

// viewOf wraps the result of a lookup in the view a field returns: null
// for a missing node or one of another kind.
func viewOf[V graph.Entity](n *graph.Node, err error) (V, error) {
	var zero V
	if err != nil || n == nil {
		return zero, err
	}
	v, ok := graph.View(*n).(V)
	if !ok {
		return zero, nil
	}
	return v, nil
}
