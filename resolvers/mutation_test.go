package resolvers_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/issgraph/issgraph/graph"
)

func (e *env) get(id string) (graph.Node, bool) {
	e.t.Helper()
	n, err := e.mem.GetNode(context.Background(), id)
	if errors.Is(err, graph.ErrNotFound) {
		return n, false
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return n, true
}

func (e *env) counts() graph.Counts {
	e.t.Helper()
	c, err := e.mem.Count(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func TestCreateNodes(t *testing.T) {
	e := newEnv(t, emptyStore())
	res := e.do(`mutation {
		institution: createInstitution(input: {name: "Standing Committee on Internal Security", acronym: "COSI", type: "council-body"}) { id kind name acronym type sources { file } }
		person: createPerson(input: {name: "Cecilia Malmström", givenName: "Cecilia", familyName: "Malmström", sources: [{file: "oeil-procedure-2010-2308-INI.txt", section: "Key players", lines: "14"}]}) { id givenName sources { file section lines } }
		procedure: createProcedure(input: {name: "European Union's internal security strategy", reference: "2010/2308 (INI)", subjects: ["7.30.09 Public security"], date: "2010-12-16"}) { id reference subjects date }
		document: createDocument(input: {name: "The EU Internal Security Strategy in Action", reference: "COM(2010)0673 final", type: "communication", date: "2010-11-22", aliases: ["ISS in Action"]}) { id reference date aliases }
		untitled: createDocument(input: {name: "European Security Strategy 2003", description: null}) { id reference description }
		objective: createObjective(input: {name: "Disrupt international criminal networks", type: "strategic-objective", number: "1"}) { id type number }
		agency: createAgency(input: {name: "European Cybercrime Centre", acronym: "EC3", established: "2013-01-11"}) { id established }
		event: createEvent(input: {name: "Decision by Parliament", date: "2012-05-22", reference: "P7_TA(2012)0207"}) { id date reference }
		explicit: createEvent(input: {id: "event/council-meeting-3071", name: "Council meeting 3071", date: "2011-02-24"}) { id }
	}`, withAuth(testKey))
	golden(t, "create-nodes", res)

	// Everything was written, canonical references included.
	n, ok := e.get("document/com-2010-0673")
	if !ok || n.Props.String("reference") != "COM(2010) 673" {
		t.Errorf("stored document = %+v, %v", n, ok)
	}
	if got := e.counts().Nodes; got[graph.Event] != 2 || got[graph.Document] != 2 {
		t.Errorf("counts after create = %v", got)
	}

	// Creating an id again is a conflict, and changes nothing.
	ge := e.fails(`mutation { createAgency(input: {name: "Another", acronym: "EC3"}) { id } }`, "BAD_USER_INPUT", withAuth(testKey))
	if ge.Extensions["reason"] != "CONFLICT" {
		t.Errorf("conflict error has extensions %v, want reason CONFLICT", ge.Extensions)
	}
	if !strings.Contains(ge.Message, "agency/ec3") {
		t.Errorf("conflict message %q does not name the id", ge.Message)
	}
	if n, _ := e.get("agency/ec3"); n.Name != "European Cybercrime Centre" {
		t.Errorf("conflicting create changed the node: %+v", n)
	}
}

func TestUpdateNode(t *testing.T) {
	e := newEnv(t)
	before, _ := e.get("document/com-2010-0673")

	var got struct {
		UpdateDocument struct {
			ID, Name    string
			ShortTitle  *string
			Description *string
			Type        *string
			Aliases     []string
			Date        *string
		}
	}
	// Omitted fields are kept, null clears, values replace.
	e.ok(`mutation { updateDocument(id: "document/com-2010-0673", patch: {name: "ISS in Action", shortTitle: null, description: "Our own words.", aliases: []}) {
		id name shortTitle description type aliases date } }`, &got, withAuth(testKey))
	u := got.UpdateDocument
	if u.Name != "ISS in Action" || u.ShortTitle != nil || u.Description == nil || *u.Description != "Our own words." ||
		u.Type == nil || *u.Type != "communication" || len(u.Aliases) != 0 || u.Date == nil || *u.Date != "2010-11-22" {
		t.Errorf("updated document = %+v", u)
	}
	after, _ := e.get("document/com-2010-0673")
	if _, ok := after.Props["shortTitle"]; ok {
		t.Error("null did not clear shortTitle in the store")
	}
	if !reflect.DeepEqual(after.Sources, before.Sources) || after.Props.String("reference") != "COM(2010) 673" {
		t.Errorf("omitted fields changed: %+v", after)
	}
	// Its relationships are untouched.
	var rel struct {
		Document struct{ CitedBy []struct{ ID string } }
	}
	e.ok(`{ document(id: "document/com-2010-0673") { citedBy { id } } }`, &rel)
	if len(rel.Document.CitedBy) != 3 {
		t.Errorf("citedBy after update = %v", rel.Document.CitedBy)
	}

	// A reference patch is canonicalised; clearing a required property or
	// the name is refused, and refused patches write nothing.
	e.ok(`mutation { updateProcedure(id: "procedure/2013-2636-rsp", patch: {reference: "2013/2636 (RSP)", status: "Awaiting"}) { id } }`, nil, withAuth(testKey))
	if n, _ := e.get("procedure/2013-2636-rsp"); n.Props.String("reference") != "2013/2636(RSP)" || n.Props.String("status") != "Awaiting" {
		t.Errorf("patched procedure = %+v", n)
	}
	current, _ := e.get("objective/iss-so1")
	for _, q := range []string{
		`updateObjective(id: "objective/iss-so1", patch: {number: "9", type: null}) { id }`,
		`updateObjective(id: "objective/iss-so1", patch: {number: "9", name: null}) { id }`,
		`updateObjective(id: "objective/iss-so1", patch: {number: "9", type: "wish"}) { id }`,
		`updateObjective(id: "objective/iss-so1", patch: {number: "9", name: ""}) { id }`,
		`updateDocument(id: "objective/iss-so1", patch: {name: "x"}) { id }`,
	} {
		ge := e.fails(`mutation { `+q+` }`, "BAD_USER_INPUT", withAuth(testKey))
		if ge.Extensions["field"] == nil && !strings.Contains(q, "updateDocument") {
			t.Errorf("%s: no extensions.field in %+v", q, ge)
		}
	}
	if n, _ := e.get("objective/iss-so1"); !reflect.DeepEqual(n, current) {
		t.Errorf("refused patches changed the node: %+v", n)
	}

	e.fails(`mutation { updatePerson(id: "person/nobody", patch: {name: "x"}) { id } }`, "NOT_FOUND", withAuth(testKey))
}

// TestConcurrentPatchesAllStand: clients patching different fields of one
// node at once all keep their patches (issue 10 lost 581 of 800 when a
// patch read the node in one store call and wrote it in another).
func TestConcurrentPatchesAllStand(t *testing.T) {
	e := newEnv(t)
	const id, perClient = "document/com-2010-0673", 20
	fields := []string{"name", "description", "shortTitle", "type"}
	var wg sync.WaitGroup
	for _, f := range fields {
		wg.Go(func() {
			for j := range perClient {
				q := fmt.Sprintf(`mutation { updateDocument(id: %q, patch: {%s: "%s %d"}) { id } }`, id, f, f, j)
				var out map[string]any
				// The client's own Post: e.ok may stop the test, which only
				// the test's goroutine may do.
				if err := e.client.Post(q, &out, withAuth(testKey)); err != nil {
					t.Errorf("%s %d: %v", f, j, err)
					return
				}
			}
		})
	}
	wg.Wait()
	n, _ := e.get(id)
	got := map[string]string{"name": n.Name}
	for _, f := range fields[1:] {
		got[f] = n.Props.String(f)
	}
	for _, f := range fields {
		if want := fmt.Sprintf("%s %d", f, perClient-1); got[f] != want {
			t.Errorf("%s = %q, want its client's last acknowledged value %q", f, got[f], want)
		}
	}
}

func TestDeleteNode(t *testing.T) {
	e := newEnv(t)
	edgesBefore := e.counts()
	var got struct{ DeleteNode string }
	e.ok(`mutation { deleteNode(id: "document/com-2010-0673") }`, &got, withAuth(testKey))
	if got.DeleteNode != "document/com-2010-0673" {
		t.Errorf("deleteNode = %q", got.DeleteNode)
	}
	if _, ok := e.get("document/com-2010-0673"); ok {
		t.Error("node still stored")
	}
	if lost := edgesBefore.EdgeTotal() - e.counts().EdgeTotal(); lost != 9 {
		t.Errorf("deleting the node removed %d edges, want its 9", lost)
	}
	e.fails(`mutation { deleteNode(id: "document/com-2010-0673") }`, "NOT_FOUND", withAuth(testKey))
}

func TestEdgeMutations(t *testing.T) {
	e := newEnv(t)
	res := e.do(`mutation {
		created: createEdge(input: {type: CITES, from: "document/com-2014-0365", to: "document/ep-t7-0207-2012", note: "cites the resolution"}) {
			id type direction note from { id } to { id } other { id } sources { file } }
		rapporteur: createEdge(input: {type: RAPPORTEUR, from: "person/cecilia-malmstrom", to: "procedure/2013-2636-rsp",
			role: "SHADOW_RAPPORTEUR", committee: "institution/ep-libe", group: "ALDE", date: "2013-01-10",
			sources: [{file: "oeil-procedure-2010-2308-INI.txt", lines: "9"}]}) { id role group date committee { id } sources { file lines } }
		put: putEdge(input: {type: CITES, from: "document/com-2014-0365", to: "document/ep-t7-0207-2012", role: "quotes"}) { id role note }
	}`, withAuth(testKey))
	golden(t, "edge-mutations", res)

	got, err := e.mem.GetEdge(context.Background(), graph.EdgeKey{Type: graph.Cites, From: "document/com-2014-0365", To: "document/ep-t7-0207-2012"})
	if err != nil || got.Props.String("role") != "quotes" || got.Props.String("note") != "" {
		t.Errorf("after putEdge: %+v, %v; want the edge replaced", got, err)
	}

	if ge := e.fails(`mutation { createEdge(input: {type: CITES, from: "document/com-2014-0365", to: "document/ep-t7-0207-2012"}) { id } }`, "BAD_USER_INPUT", withAuth(testKey)); ge.Extensions["reason"] != "CONFLICT" {
		t.Errorf("edge conflict has extensions %v, want reason CONFLICT", ge.Extensions)
	}
	ge := e.fails(`mutation { createEdge(input: {type: CITES, from: "document/com-2014-0365", to: "document/nothing"}) { id } }`, "NOT_FOUND", withAuth(testKey))
	if !strings.Contains(ge.Message, `"document/nothing"`) {
		t.Errorf("message %q does not name the missing node", ge.Message)
	}

	var del struct{ DeleteEdge string }
	e.ok(`mutation { deleteEdge(type: CITES, from: "document/com-2014-0365", to: "document/ep-t7-0207-2012") }`, &del, withAuth(testKey))
	if del.DeleteEdge != "CITES:document/com-2014-0365->document/ep-t7-0207-2012" {
		t.Errorf("deleteEdge = %q", del.DeleteEdge)
	}
	e.fails(`mutation { deleteEdge(type: CITES, from: "document/com-2014-0365", to: "document/ep-t7-0207-2012") }`, "NOT_FOUND", withAuth(testKey))
}

// A mutation's answer reads the graph as the mutation left it, even when
// the same request loaded the node before.
func TestMutationAnswersAreFresh(t *testing.T) {
	e := newEnv(t)
	var got struct {
		A struct{ Cites []struct{ ID string } }
		B struct {
			From struct{ Cites []struct{ ID string } }
		}
	}
	e.ok(`mutation {
		a: updateDocument(id: "document/ep-t7-0207-2012", patch: {type: "resolution"}) { cites { id } }
		b: createEdge(input: {type: CITES, from: "document/ep-t7-0207-2012", to: "document/iss-2010"}) { from { ... on Document { cites { id } } } }
	}`, &got, withAuth(testKey))
	if len(got.A.Cites) != 1 || len(got.B.From.Cites) != 2 {
		t.Errorf("cites before and after createEdge: %v, %v", got.A.Cites, got.B.From.Cites)
	}
}

func TestMalformedInputWritesNothing(t *testing.T) {
	e := newEnv(t)
	before := e.counts()
	for _, q := range []string{
		`createDocument(input: {name: "x", reference: "not a reference"}) { id }`,
		`createDocument(input: {name: "x", reference: "2010/2308(INI)"}) { id }`,
		`createDocument(input: {name: "x", date: "2010-02-30"}) { id }`,
		`createDocument(input: {name: "x", date: "22/11/2010"}) { id }`,
		`createDocument(input: {id: "agency/x", name: "x"}) { id }`,
		`createDocument(input: {id: "document/UPPER", name: "x"}) { id }`,
		`createDocument(input: {name: "  "}) { id }`,
		`createDocument(input: {name: "!!!"}) { id }`,
		`createDocument(input: {name: "x", type: ""}) { id }`,
		`createPerson(input: {name: "x", sources: [{file: "a.txt", lines: "ten"}]}) { id }`,
		`createObjective(input: {name: "x", type: "wish"}) { id }`,
		`createEvent(input: {name: "x", date: "soon"}) { id }`,
		`createEdge(input: {type: CITES, from: "document/com-2014-0365", to: "agency/europol"}) { id }`,
		`createEdge(input: {type: CITES, from: "document/com-2014-0365", to: "document/com-2014-0365"}) { id }`,
		`createEdge(input: {type: CITES, from: "document/com-2014-0365", to: "document/iss-2010", committee: "institution/ep-libe"}) { id }`,
		`createEdge(input: {type: RAPPORTEUR, from: "person/ana-gomes", to: "procedure/2013-2636-rsp", role: "chair"}) { id }`,
		`createEdge(input: {type: RAPPORTEUR, from: "person/ana-gomes", to: "procedure/2013-2636-rsp", role: "rapporteur", committee: "agency/europol"}) { id }`,
		`createEdge(input: {type: NOT_A_TYPE, from: "a/b", to: "c/d"}) { id }`,
	} {
		t.Run(q, func(t *testing.T) {
			ge := e.fails(`mutation { `+q+` }`, "BAD_USER_INPUT", withAuth(testKey))
			if ge.Message == "" || strings.Contains(ge.Message, "embedded") {
				t.Errorf("message %q", ge.Message)
			}
		})
	}
	// The same through variables.
	e.fails(`mutation($in: CreateDocumentInput!) { createDocument(input: $in) { id } }`, "BAD_USER_INPUT",
		withAuth(testKey), client.Var("in", map[string]any{"name": "x", "date": "yesterday"}))
	e.fails(`mutation($in: EdgeInput!) { createEdge(input: $in) { id } }`, "BAD_USER_INPUT",
		withAuth(testKey), client.Var("in", map[string]any{"type": "FOLLOWS", "from": "a/b", "to": "c/d"}))

	if after := e.counts(); !reflect.DeepEqual(before, after) {
		t.Errorf("refused mutations changed the graph: %v -> %v", before, after)
	}
}

func TestWritesNeedAKey(t *testing.T) {
	const create = `mutation { createAgency(input: {name: "Frontex"}) { id } }`
	tests := []struct {
		name string
		keys []string
		opts []client.Option
		code string
		msg  string
	}{
		{"no key sent", []string{testKey}, nil, "FORBIDDEN", "API key"},
		{"wrong bearer key", []string{testKey}, []client.Option{withAuth("guess")}, "UNAUTHENTICATED", "not valid"},
		{"wrong X-API-Key", []string{testKey}, []client.Option{client.AddHeader("X-API-Key", testKey+"x")}, "UNAUTHENTICATED", "not valid"},
		{"basic auth is no key", []string{testKey}, []client.Option{client.BasicAuth("u", testKey)}, "FORBIDDEN", "API key"},
		{"no keys configured", nil, []client.Option{withAuth(testKey)}, "FORBIDDEN", "no API key configured"},
		{"only blank keys configured", []string{" ", ""}, []client.Option{withAuth(" ")}, "FORBIDDEN", "no API key configured"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, withKeys(tt.keys...))
			ge := e.fails(create, tt.code, tt.opts...)
			if !strings.Contains(ge.Message, tt.msg) {
				t.Errorf("message %q, want it to mention %q", ge.Message, tt.msg)
			}
			if _, ok := e.get("agency/frontex"); ok {
				t.Error("the node was written")
			}
			// Reads stay open.
			e.ok(`{ agency(id: "agency/europol") { id } }`, nil, tt.opts...)
		})
	}

	// Both headers work with a right key, and any of several keys does.
	e := newEnv(t, withKeys("first-key", testKey))
	e.ok(`mutation { createAgency(input: {name: "Frontex"}) { id } }`, nil, client.AddHeader("X-API-Key", testKey))
	e.ok(`mutation { createAgency(input: {name: "Eurojust"}) { id } }`, nil, withAuth("first-key"))
}

// Every kind's update mutation renames its node and keeps the rest.
func TestUpdateEveryKind(t *testing.T) {
	e := newEnv(t)
	tests := []struct{ mutation, id string }{
		{"updateInstitution", "institution/council"},
		{"updatePerson", "person/ana-gomes"},
		{"updateProcedure", "procedure/2013-2636-rsp"},
		{"updateDocument", "document/iss-2010"},
		{"updateObjective", "objective/iss-so3"},
		{"updateAgency", "agency/europol"},
		{"updateEvent", "event/council-meeting-3071"},
	}
	for _, tt := range tests {
		before, _ := e.get(tt.id)
		var got map[string]struct{ ID, Name string }
		e.ok(`mutation { x: `+tt.mutation+`(id: "`+tt.id+`", patch: {name: "Renamed"}) { id name } }`, &got, withAuth(testKey))
		if got["x"].ID != tt.id || got["x"].Name != "Renamed" {
			t.Errorf("%s = %+v", tt.mutation, got["x"])
		}
		after, _ := e.get(tt.id)
		before.Name = "Renamed"
		if !reflect.DeepEqual(after, before) {
			t.Errorf("%s: stored %+v, want only the name changed", tt.mutation, after)
		}
	}
}
