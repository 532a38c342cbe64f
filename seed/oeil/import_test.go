package oeil

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/seed"
)

// importFiles are fixtures of distinct procedures, imported together.
var importFiles = []string{
	"testdata/oeil-procedure-2010-2308-INI.txt",
	"testdata/cod-2013-9006.txt",
	"testdata/ini-several-opinions.txt",
	"testdata/ini-no-opinions.txt",
	"testdata/basic-only.txt",
}

// snapshot reads back every node and edge of the store, keyed by id.
func snapshot(t *testing.T, s graph.Store) (map[string]graph.Node, map[string]graph.Edge) {
	t.Helper()
	ctx := context.Background()
	nodes := map[string]graph.Node{}
	q := graph.ListQuery{First: graph.MaxPageSize}
	for {
		p, err := s.ListNodes(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range p.Nodes {
			nodes[n.ID] = n
		}
		if !p.HasNextPage {
			break
		}
		q.After = p.EndCursor
	}
	ids := make([]string, 0, len(nodes))
	for id := range nodes {
		ids = append(ids, id)
	}
	edges := map[string]graph.Edge{}
	got, err := s.Edges(ctx, graph.EdgeQuery{IDs: ids, Direction: graph.Out})
	if err != nil {
		t.Fatal(err)
	}
	for _, es := range got {
		for _, e := range es {
			edges[e.ID()] = e
		}
	}
	return nodes, edges
}

func TestImport(t *testing.T) {
	ctx := context.Background()
	s := embedded.Memory()
	defer s.Close()

	// What the files state, merged as the store will merge them.
	wantNodes := map[string]graph.Kind{}
	wantEdges := map[graph.EdgeKey]bool{}
	for _, name := range importFiles {
		f := parseFile(t, name)
		for _, n := range f.Batch.Nodes {
			wantNodes[n.ID] = n.Kind
		}
		for _, e := range f.Batch.Edges {
			wantEdges[e.Key()] = true
		}
	}

	rep, err := Import(ctx, s, Options{}, importFiles...)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if len(rep.Files) != len(importFiles) {
		t.Fatalf("report of %d files, want %d", len(rep.Files), len(importFiles))
	}
	first := rep.Files[0]
	iss := parseFile(t, importFiles[0])
	if first.Procedure != issProc || first.Result.NodesCreated != len(iss.Batch.Nodes) || first.Result.EdgesCreated != len(iss.Batch.Edges) || first.Result.NodesUpdated != 0 {
		t.Errorf("first file into an empty store: %+v", first)
	}
	// The counts by kind and type add up to what the store reported.
	for _, f := range rep.Files {
		if f.Counted() != f.Result {
			t.Errorf("%s: counts by kind %+v, store %+v", f.File, f.Counted(), f.Result)
		}
	}
	if c := first.Nodes[graph.Person]; c == nil || c.Created != 5 {
		t.Errorf("first file: people %+v, want 5 created", c)
	}
	tot := rep.Total()
	if tot.NodesCreated != len(wantNodes) || tot.EdgesCreated != len(wantEdges) {
		t.Errorf("created %d nodes, %d edges; want %d, %d", tot.NodesCreated, tot.EdgesCreated, len(wantNodes), len(wantEdges))
	}
	// Shared nodes (the Parliament, LIBE, S&D, 2010/2308 as a See also)
	// are updates on the later files.
	if tot.NodesUpdated == 0 {
		t.Error("no node updated although the files share institutions")
	}

	counts, err := s.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	perKind := map[graph.Kind]int{}
	for _, k := range wantNodes {
		perKind[k]++
	}
	for k, n := range perKind {
		if counts.Nodes[k] != n {
			t.Errorf("%d %s nodes stored, want %d", counts.Nodes[k], k, n)
		}
	}
	edgeTotal := 0
	for _, n := range counts.Edges {
		edgeTotal += n
	}
	if edgeTotal != len(wantEdges) {
		t.Errorf("%d edges stored, want %d", edgeTotal, len(wantEdges))
	}
	if counts.Edges[graph.Rapporteur] != 4+4+7+1 {
		t.Errorf("%d RAPPORTEUR edges, want 16", counts.Edges[graph.Rapporteur])
	}

	// The See also mention in basic-only.txt did not retitle 2010/2308.
	p, err := s.GetNode(ctx, issProc)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "European Union's internal security strategy" || p.Props.String("status") != "Procedure completed" {
		t.Errorf("2010/2308 after a later file mentioned it: %q %v", p.Name, p.Props)
	}
	if !hasSource(p.Sources, "basic-only.txt") || !hasSource(p.Sources, issFile) {
		t.Errorf("2010/2308 sources %v: want both files", p.Sources)
	}

	// Importing again creates nothing and changes nothing.
	beforeN, beforeE := snapshot(t, s)
	rep2, err := Import(ctx, s, Options{}, importFiles...)
	if err != nil {
		t.Fatalf("second Import: %v", err)
	}
	tot2 := rep2.Total()
	if tot2.NodesCreated != 0 || tot2.EdgesCreated != 0 {
		t.Errorf("re-import created %d nodes, %d edges", tot2.NodesCreated, tot2.EdgesCreated)
	}
	for i, f := range rep2.Files {
		pf := parseFile(t, importFiles[i])
		if f.Result != (graph.BatchResult{NodesUnchanged: len(pf.Batch.Nodes), EdgesUnchanged: len(pf.Batch.Edges)}) || f.Counted() != f.Result {
			t.Errorf("re-import of %s: %+v", f.File, f)
		}
	}
	afterN, afterE := snapshot(t, s)
	if !reflect.DeepEqual(beforeN, afterN) || !reflect.DeepEqual(beforeE, afterE) {
		t.Error("re-import changed the stored graph")
	}
}

func hasSource(ss []graph.Source, file string) bool {
	for _, s := range ss {
		if s.File == file {
			return true
		}
	}
	return false
}

func TestImportBrokenFileWritesNothing(t *testing.T) {
	ctx := context.Background()
	s := embedded.Memory()
	defer s.Close()
	files := []string{importFiles[0], "testdata/broken/event-no-date.L21.txt", importFiles[1]}
	rep, err := Import(ctx, s, Options{}, files...)
	if err == nil {
		t.Fatal("Import of a broken file succeeded")
	}
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 21 || !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("error %v: want a ParseError at line 21 matching ErrInvalid", err)
	}
	if len(rep.Files) != 0 {
		t.Errorf("report %+v after a parse failure", rep)
	}
	c, err := s.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for k, n := range c.Nodes {
		if n != 0 {
			t.Errorf("%d %s nodes written", n, k)
		}
	}
	for k, n := range c.Edges {
		if n != 0 {
			t.Errorf("%d %s edges written", n, k)
		}
	}
}

func TestImportMissingFile(t *testing.T) {
	s := embedded.Memory()
	defer s.Close()
	_, err := Import(context.Background(), s, Options{}, importFiles[0], filepath.Join(t.TempDir(), "absent.txt"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error %v, want one matching os.ErrNotExist", err)
	}
	if c, _ := s.Count(context.Background()); c.Nodes[graph.Procedure] != 0 {
		t.Error("a file was written although another could not be read")
	}
}

// Curation added to shared nodes survives a re-import, and the importer's
// own facts are restored over a curated edit of them only where it states
// them.
func TestImportKeepsCuration(t *testing.T) {
	ctx := context.Background()
	s := embedded.Memory()
	defer s.Close()
	if _, err := Import(ctx, s, Options{}, iss); err != nil {
		t.Fatal(err)
	}
	curated := graph.Batch{Merge: true, Nodes: []graph.Node{
		{ID: idParliament, Kind: graph.Institution, Name: "European Parliament (EP)",
			Props:   graph.Props{"description": "curated words", "acronym": "EP"},
			Sources: []graph.Source{{File: "curated.json"}}},
		{ID: "procedure/2013-2636-rsp", Kind: graph.Procedure, Name: "Curated title of 2013/2636(RSP)",
			Props:   graph.Props{"reference": "2013/2636(RSP)", "description": "curated"},
			Sources: []graph.Source{{File: "curated.json"}}},
		{ID: issProc, Kind: graph.Procedure, Name: "European Union's internal security strategy",
			Props: graph.Props{"reference": "2010/2308(INI)", "description": "curated summary in our words"}},
	}}
	if _, err := s.Apply(ctx, curated); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, s, Options{}, iss); err != nil {
		t.Fatal(err)
	}
	ep, _ := s.GetNode(ctx, idParliament)
	if ep.Name != "European Parliament (EP)" || ep.Props.String("description") != "curated words" || ep.Props.String("acronym") != "EP" {
		t.Errorf("Parliament after re-import: %q %v", ep.Name, ep.Props)
	}
	rel, _ := s.GetNode(ctx, "procedure/2013-2636-rsp")
	if rel.Name != "Curated title of 2013/2636(RSP)" {
		t.Errorf("See also procedure retitled to %q", rel.Name)
	}
	p, _ := s.GetNode(ctx, issProc)
	if p.Props.String("description") != "curated summary in our words" || p.Props.String("status") != "Procedure completed" {
		t.Errorf("procedure after re-import: %v", p.Props)
	}
}

// A hub whose provenance list is full does not make the import fail.
func TestImportFullSources(t *testing.T) {
	ctx := context.Background()
	s := embedded.Memory()
	defer s.Close()
	full := make([]graph.Source, graph.MaxSources-1)
	for i := range full {
		full[i] = graph.Source{File: fmt.Sprintf("other-%02d.txt", i), Section: "Key players", Lines: "7"}
	}
	hub := graph.Node{ID: idParliament, Kind: graph.Institution, Name: "European Parliament",
		Props: graph.Props{"type": "institution"}, Sources: full}
	if _, err := s.Apply(ctx, graph.Batch{Nodes: []graph.Node{hub}}); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(ctx, s, Options{}, iss); err != nil {
		t.Fatalf("Import next to a hub with %d sources: %v", len(full), err)
	}
	ep, _ := s.GetNode(ctx, idParliament)
	if len(ep.Sources) != graph.MaxSources || !hasSource(ep.Sources, issFile) {
		b, _ := json.Marshal(ep.Sources)
		t.Errorf("Parliament sources: %d %s", len(ep.Sources), b)
	}
}

func TestImportCancelled(t *testing.T) {
	s := embedded.Memory()
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := Import(ctx, s, Options{}, importFiles...)
	if !errors.Is(err, context.Canceled) || len(rep.Files) != 0 {
		t.Errorf("cancelled Import: %v, %+v", err, rep)
	}
}

func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("testdata/cod-2013-9006.txt")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(data), "cod.txt"); err != nil {
			b.Fatal(err)
		}
	}
}

// Importing the file the seeded dataset was derived from changes nothing:
// every node and edge is reported unchanged, curated names and types
// included, and the file's warnings are listed.
func TestImportIntoSeededStore(t *testing.T) {
	ctx := context.Background()
	s := embedded.Memory()
	defer s.Close()
	if _, err := seed.Load(ctx, s, seed.Options{}); err != nil {
		t.Fatal(err)
	}
	rep, err := Import(ctx, s, Options{}, iss)
	if err != nil {
		t.Fatal(err)
	}
	f := rep.Files[0]
	if f.Result.NodesCreated+f.Result.NodesUpdated+f.Result.EdgesCreated+f.Result.EdgesUpdated != 0 || f.Counted() != f.Result {
		t.Errorf("import of the seeded procedure: %+v (by kind %+v)", f.Result, f.Counted())
	}
	for k, c := range f.Nodes {
		if c.Created+c.Updated != 0 {
			t.Errorf("%s: %+v", k, *c)
		}
	}

	// A file naming the seeded group PPE as EPP adds the alias to it and
	// keeps its name; importing it again is all unchanged.
	ppe, _ := s.GetNode(ctx, "institution/group-ppe")
	rep, err = Import(ctx, s, Options{}, "testdata/cod-2020-9011.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Files[0].Warnings) != 5 {
		t.Errorf("warnings %v", rep.Files[0].Warnings)
	}
	after, _ := s.GetNode(ctx, "institution/group-ppe")
	if after.Name != ppe.Name || !slices.Contains(after.Props.Strings("aliases"), "EPP") {
		t.Errorf("PPE after an EPP file: %q %v", after.Name, after.Props)
	}
	if c := rep.Files[0].Nodes[graph.Institution]; c == nil || c.Updated == 0 {
		t.Errorf("institutions %+v: PPE and the Parliament were updated", c)
	}
	rep, err = Import(ctx, s, Options{}, "testdata/cod-2020-9011.txt", iss)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Files {
		if f.Result.NodesCreated+f.Result.NodesUpdated+f.Result.EdgesCreated+f.Result.EdgesUpdated != 0 {
			t.Errorf("re-import of %s: %+v", f.File, f.Result)
		}
	}
}

// With Options.Lenient a file with a structural fault is written, minus
// the rows skipped, and the report lists them; without, nothing is.
func TestImportLenient(t *testing.T) {
	ctx := context.Background()
	s := embedded.Memory()
	defer s.Close()
	broken := "testdata/broken/players-junk.L11.txt"
	if _, err := Import(ctx, s, Options{}, "testdata/rsp-2030-9015.txt", broken); err == nil {
		t.Fatal("strict import of a broken file succeeded")
	}
	if c, _ := s.Count(ctx); c.NodeTotal() != 0 {
		t.Fatalf("%d nodes written although a file failed", c.NodeTotal())
	}
	rep, err := Import(ctx, s, Options{Lenient: true}, "testdata/rsp-2030-9015.txt", broken)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(rep.Files[1].Warnings, func(w Warning) bool { return w.Line == 11 && strings.HasPrefix(w.Msg, "skipped: ") }) {
		t.Errorf("warnings %v lack the skipped line 11", rep.Files[1].Warnings)
	}
	if _, err := s.GetNode(ctx, "procedure/2020-9011-cod"); err != nil {
		t.Error("the lenient import wrote nothing")
	}
}
