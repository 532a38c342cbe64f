package seed

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
)

const src = `[{"file":"home-affairs-iss-overview.txt","lines":"1-2"}]`

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, body := range files {
		m["data/"+name] = &fstest.MapFile{Data: []byte(body)}
	}
	return m
}

func TestReadFSMergesLayers(t *testing.T) {
	fsys := mapFS(map[string]string{
		"derived/a.json": `{"version":1,"nodes":[
			{"id":"institution/council","kind":"Institution","name":"Council","sources":` + src + `},
			{"id":"institution/cosi","kind":"Institution","name":"COSI","sources":` + src + `}],
			"edges":[{"type":"PART_OF","from":"institution/cosi","to":"institution/council","sources":` + src + `}]}`,
		"curated/b.json": `{"version":1,"nodes":[
			{"id":"institution/council","kind":"Institution","name":"Council of the European Union",
			 "props":{"acronym":"Council"},"sources":[{"file":"council-14186-1-14-rev1-draft-conclusions.txt","lines":"3"}]}]}`,
	})
	d, err := ReadFS(fsys, "data")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Nodes) != 2 || len(d.Edges) != 1 || len(d.Files) != 2 {
		t.Fatalf("got %d nodes, %d edges, %d files", len(d.Nodes), len(d.Edges), len(d.Files))
	}
	c := d.Nodes[0]
	if c.Name != "Council of the European Union" || c.Props.String("acronym") != "Council" || len(c.Sources) != 2 {
		t.Errorf("curated layer did not enrich the derived node: %+v", c)
	}
	if errs := d.Check(); errs != nil {
		t.Errorf("Check: %v", errs)
	}
}

func TestReadFSRejects(t *testing.T) {
	node := `{"id":"agency/europol","kind":"Agency","name":"Europol","sources":` + src + `}`
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"bad version", map[string]string{"curated/a.json": `{"version":2,"nodes":[]}`}, "format version 2"},
		{"unknown field", map[string]string{"curated/a.json": `{"version":1,"nodez":[]}`}, "unknown field"},
		{"unknown kind", map[string]string{"curated/a.json": `{"version":1,"nodes":[{"id":"x/y","kind":"Planet","name":"x"}]}`}, "unknown kind"},
		{"unknown prop", map[string]string{"curated/a.json": `{"version":1,"nodes":[{"id":"agency/x","kind":"Agency","name":"x","props":{"colour":"red"}}]}`}, "unknown property"},
		{"duplicate in layer", map[string]string{"curated/a.json": `{"version":1,"nodes":[` + node + `]}`, "curated/b.json": `{"version":1,"nodes":[` + node + `]}`}, "already defined in data/curated/a.json"},
		{"kind changes across layers", map[string]string{
			"derived/a.json": `{"version":1,"nodes":[` + node + `]}`,
			"curated/b.json": `{"version":1,"nodes":[{"id":"agency/europol","kind":"Institution","name":"Europol"}]}`}, "is a Institution here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadFS(mapFS(tt.files), "data")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestCheckFindsFaults(t *testing.T) {
	s := []graph.Source{{File: "home-affairs-iss-overview.txt"}}
	d := &Dataset{
		Nodes: []graph.Node{
			{ID: "agency/europol", Kind: graph.Agency, Name: "Europol", Sources: s},
			{ID: "agency/frontex", Kind: graph.Agency, Name: "Frontex"}, // no sources
			{ID: "document/x", Kind: graph.Document, Name: "X", Sources: s},
			{ID: "document/com-2010-0673", Kind: graph.Document, Name: "ISS in Action", Sources: s,
				Props: graph.Props{"reference": "COM(2010)0673", "aliases": []string{"16797/10", "ST 11260/14", "The ISS in Action"}}},
			{ID: "document/iss", Kind: graph.Document, Name: "ISS", Sources: s, Props: graph.Props{"reference": "7120/10"}},
			{ID: "procedure/bad", Kind: graph.Procedure, Name: "P", Sources: s, Props: graph.Props{"reference": "2010/2308 (XYZ)"}},
		},
		Edges: []graph.Edge{
			{Type: graph.PartOf, From: "agency/ec3", To: "agency/europol", Sources: s},            // dangling
			{Type: graph.Cites, From: "document/x", To: "document/y", Sources: s},                 // dangling
			{Type: graph.Authored, From: "agency/europol", To: "document/x"},                      // no sources
			{Type: graph.Rapporteur, From: "person/p", To: "procedure/1999-0001-ini", Sources: s}, // no role, dangling
			{Type: graph.Addresses, From: "agency/europol", To: "document/x", Sources: s},         // wrong kinds
		},
	}
	errs := d.Check()
	text := errors.Join(errs...).Error()
	if strings.Contains(text, `alias "16797/10"`) || strings.Contains(text, "The ISS in Action") {
		t.Errorf("Check reports a canonical alias or a name alias:\n%s", text)
	}
	for _, want := range []string{
		"node agency/frontex: no sources",
		"PART_OF:agency/ec3->agency/europol: dangling",
		"CITES:document/x->document/y: dangling",
		"AUTHORED:agency/europol->document/x: no sources",
		"RAPPORTEUR:person/p->procedure/1999-0001-ini: invalid props.role: required",
		"ADDRESSES:agency/europol->document/x: invalid from",
		`node document/com-2010-0673: reference "COM(2010)0673" is not canonical: write "COM(2010) 673"`,
		`node document/com-2010-0673: alias "ST 11260/14" is not canonical: write "11260/14"`,
		`node document/iss: the reference "7120/10" gives the id document/council-7120-10`,
		`node procedure/bad: reference "2010/2308 (XYZ)"`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("Check misses %q in:\n%s", want, text)
		}
	}
}

func TestLoadIsIdempotentAndBatched(t *testing.T) {
	d, err := Read()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Nodes) == 0 {
		t.Skip("seed: the embedded dataset is empty")
	}
	ctx := context.Background()
	s := embedded.Memory()
	defer s.Close()
	var calls, last int
	r, err := Load(ctx, s, Options{BatchSize: 50, Progress: func(done, total int) {
		calls++
		if done <= last || done > total {
			t.Errorf("progress went from %d to %d of %d", last, done, total)
		}
		last = done
	}})
	if err != nil {
		t.Fatal(err)
	}
	if r.NodesCreated != len(d.Nodes) || r.EdgesCreated != len(d.Edges) || r.NodesUpdated != 0 {
		t.Errorf("first load: %v", r)
	}
	if want := (len(d.Nodes)+49)/50 + (len(d.Edges)+49)/50; calls != want {
		t.Errorf("progress called %d times, want one per batch (%d)", calls, want)
	}
	if last != len(d.Nodes)+len(d.Edges) {
		t.Errorf("progress ended at %d of %d", last, len(d.Nodes)+len(d.Edges))
	}
	before, err := s.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Load(ctx, s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r2.Changed() || r2.NodesUnchanged != len(d.Nodes) || r2.EdgesUnchanged != len(d.Edges) {
		t.Errorf("second load changed something: %v", r2)
	}
	if !strings.HasSuffix(r2.String(), ": nothing changed") || strings.HasSuffix(r.String(), ": nothing changed") {
		t.Errorf("reports %q then %q: only the second says nothing changed", r, r2)
	}
	after, _ := s.Count(ctx)
	if total(before) != total(after) {
		t.Errorf("counts changed on reload: %v -> %v", before, after)
	}
}

func TestLoadRefusesUnsoundDataset(t *testing.T) {
	s := embedded.Memory()
	defer s.Close()
	d := &Dataset{
		Nodes: []graph.Node{{ID: "agency/europol", Kind: graph.Agency, Name: "Europol", Sources: []graph.Source{{File: "f"}}}},
		Edges: []graph.Edge{{Type: graph.PartOf, From: "agency/ec3", To: "agency/europol", Sources: []graph.Source{{File: "f"}}}},
	}
	if _, err := Load(context.Background(), s, Options{Dataset: d}); !errors.Is(err, ErrUnsound) {
		t.Fatalf("err = %v, want ErrUnsound", err)
	}
	c, err := s.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if total(c) != 0 {
		t.Errorf("an unsound dataset wrote %v", c)
	}
}

func total(c graph.Counts) int { return c.NodeTotal() + c.EdgeTotal() }

// TestDatasetIsSound checks the shipped dataset: every node and edge valid
// with provenance, no dangling edge, endpoint kinds allowed, references
// canonical, and at least the size the project promises.
func TestDatasetIsSound(t *testing.T) {
	d, err := Read()
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range d.Check() {
		t.Error(err)
	}
	if len(d.Nodes) < 150 || len(d.Edges) < 300 {
		t.Errorf("the dataset has %d nodes and %d edges; the floor is 150 and 300", len(d.Nodes), len(d.Edges))
	}
	ids := map[string]bool{}
	for _, n := range d.Nodes {
		if ids[n.ID] {
			t.Errorf("node %s twice after merging the layers", n.ID)
		}
		ids[n.ID] = true
	}
}
