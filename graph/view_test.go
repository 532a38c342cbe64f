package graph

import (
	"reflect"
	"testing"
)

func TestViewPicksTheKindsView(t *testing.T) {
	views := map[reflect.Type]Kind{}
	for _, spec := range Kinds {
		n := Node{ID: spec.Prefix + "y", Kind: spec.Kind, Name: "N"}
		v := View(n)
		if v == nil {
			t.Errorf("View(%s) = nil", spec.Kind)
			continue
		}
		// Each kind has a view of its own, named after it.
		rt := reflect.TypeOf(v)
		if rt.Kind() != reflect.Pointer || rt.Elem().Name() != string(spec.Kind)+"View" {
			t.Errorf("View(%s) = %T, want *graph.%sView", spec.Kind, v, spec.Kind)
		}
		if other, dup := views[rt]; dup {
			t.Errorf("View(%s) and View(%s) are both %T", spec.Kind, other, v)
		}
		views[rt] = spec.Kind
		if got := v.AsNode(); got.ID != n.ID || got.Kind != n.Kind {
			t.Errorf("View(%s).AsNode() = %+v, want %+v", spec.Kind, got, n)
		}
		if _, ok := AsActor(n); ok != spec.Actor {
			t.Errorf("AsActor(%s) ok = %v, want %v", spec.Kind, ok, spec.Actor)
		}
	}
	if v := View(Node{Kind: "Planet"}); v != nil {
		t.Errorf("View(unknown kind) = %T, want nil", v)
	}
}

func TestViewProperties(t *testing.T) {
	d := MustDate("2010-11-22")
	doc := DocumentView{Node{ID: "document/com-2010-0673", Kind: Document, Name: "ISS in action",
		Props: Props{"reference": "COM(2010) 673", "date": d, "aliases": []string{"ISS in action"}}}}
	if got := doc.Reference(); got == nil || *got != "COM(2010) 673" {
		t.Errorf("Reference() = %v", got)
	}
	if got := doc.Date(); got == nil || *got != d {
		t.Errorf("Date() = %v, want %v", got, d)
	}
	if got := doc.Type(); got != nil {
		t.Errorf("Type() of a document without one = %q, want nil", *got)
	}
	if got := doc.Description(); got != nil {
		t.Errorf("Description() = %q, want nil", *got)
	}
	if doc.Title() != doc.Name {
		t.Errorf("Title() = %q, want the name", doc.Title())
	}
	// Lists are copies: a caller cannot change the stored node through them.
	al := doc.Aliases()
	al[0] = "changed"
	if doc.Props.Strings("aliases")[0] != "ISS in action" {
		t.Error("Aliases() shares its slice with the node")
	}
	// An absent list is empty, not nil, so non-null GraphQL lists stay valid.
	if got := (ProcedureView{Node{Kind: Procedure}}).Subjects(); got == nil || len(got) != 0 {
		t.Errorf("Subjects() of a procedure without any = %#v, want empty", got)
	}
	// A zero date counts as no date.
	if got := (EventView{Node{Props: Props{"date": Date{}}}}).Date(); got != nil {
		t.Errorf("Date() of a zero date = %v, want nil", got)
	}
}

func TestRelationship(t *testing.T) {
	e := Edge{Type: Rapporteur, From: "person/rita-borsellino", To: "procedure/2010-2308-ini",
		Props: Props{"role": RoleRapporteur, "committee": "institution/ep-libe", "group": "S&D"}}
	out := RelationshipOf(e, e.From)
	in := RelationshipOf(e, e.To)
	if out.Direction() != Out || in.Direction() != In {
		t.Errorf("directions = %v, %v; want OUT, IN", out.Direction(), in.Direction())
	}
	if out.OtherID() != e.To || in.OtherID() != e.From {
		t.Errorf("OtherID() = %q, %q", out.OtherID(), in.OtherID())
	}
	if out.ID() != "RAPPORTEUR:person/rita-borsellino->procedure/2010-2308-ini" {
		t.Errorf("ID() = %q", out.ID())
	}
	if got := out.Role(); got == nil || *got != RoleRapporteur {
		t.Errorf("Role() = %v", got)
	}
	if out.CommitteeID() != "institution/ep-libe" {
		t.Errorf("CommitteeID() = %q", out.CommitteeID())
	}
	if out.Date() != nil || out.Note() != nil {
		t.Error("absent date and note must be nil")
	}
}

func TestTypedRelationshipsShareTheEdge(t *testing.T) {
	e := Edge{Type: ResponsibleFor, From: "agency/ec3", To: "objective/iss-so3", Props: Props{"role": "leads"}}
	r := Responsibility{RelationshipOf(e, e.To)}
	if got := r.Role(); got == nil || *got != "leads" {
		t.Errorf("Role() = %v, want leads", got)
	}
	if r.Direction() != In || r.OtherID() != e.From || r.ID() != e.ID() {
		t.Errorf("Responsibility lost the edge: %v %q %q", r.Direction(), r.OtherID(), r.ID())
	}
}
