package graph

import (
	"reflect"
	"testing"
)

func TestViewPicksTheKindsView(t *testing.T) {
	tests := []struct {
		kind  Kind
		want  any
		actor bool
	}{
		{Institution, &InstitutionView{}, true},
		{Person, &PersonView{}, true},
		{Procedure, &ProcedureView{}, false},
		{Document, &DocumentView{}, false},
		{Objective, &ObjectiveView{}, false},
		{Agency, &AgencyView{}, true},
		{Event, &EventView{}, false},
	}
	if len(tests) != len(Kinds) {
		t.Fatalf("table covers %d kinds, the allow-list has %d", len(tests), len(Kinds))
	}
	for _, tt := range tests {
		n := Node{ID: "x/y", Kind: tt.kind, Name: "N"}
		v := View(n)
		if reflect.TypeOf(v) != reflect.TypeOf(tt.want) {
			t.Errorf("View(%s) = %T, want %T", tt.kind, v, tt.want)
			continue
		}
		if got := v.AsNode(); got.ID != n.ID || got.Kind != n.Kind {
			t.Errorf("View(%s).AsNode() = %+v, want %+v", tt.kind, got, n)
		}
		if _, ok := AsActor(n); ok != tt.actor {
			t.Errorf("AsActor(%s) ok = %v, want %v", tt.kind, ok, tt.actor)
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
