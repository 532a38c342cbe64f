package main

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	gqlast "github.com/vektah/gqlparser/v2/ast"

	"github.com/issgraph/issgraph/graph"
)

const root = "../../.."

// TestGeneratedFilesAreCurrent: the schema, views, resolvers and docs in
// the tree are what the specs give. The resolvers are compared method by
// method, since gqlgen renders the file again after the generator.
func TestGeneratedFilesAreCurrent(t *testing.T) {
	files, err := generate(root)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range files {
		got, err := os.ReadFile(filepath.Join(root, path))
		if err != nil {
			t.Errorf("%s: %v (run go generate ./...)", path, err)
			continue
		}
		if strings.HasSuffix(path, ".resolvers.go") {
			g, w := methods(t, path, got), methods(t, path, want)
			for name, body := range w {
				if g[name] != body {
					t.Errorf("%s: %s differs from the spec's (run go generate ./...):\n%s\nwant:\n%s", path, name, g[name], body)
				}
			}
			for name := range g {
				if _, ok := w[name]; !ok {
					t.Errorf("%s: %s is not in the spec (run go generate ./...)", path, name)
				}
			}
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is out of date with graph.Kinds and graph.EdgeTypes: run go generate ./...", path)
		}
	}
	stale, err := generatedFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range stale {
		if _, ok := files[p]; !ok {
			t.Errorf("%s: no kind generates it any more (run go generate ./...)", p)
		}
	}
}

// methods returns the methods of a Go file by receiver and name, each
// printed in one canonical form.
func methods(t *testing.T, name string, src []byte) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := map[string]string{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil {
			continue
		}
		var b bytes.Buffer
		if err := printer.Fprint(&b, fset, fd.Body); err != nil {
			t.Fatal(err)
		}
		var recv bytes.Buffer
		_ = printer.Fprint(&recv, fset, fd.Recv.List[0].Type)
		out[recv.String()+"."+fd.Name.Name] = b.String()
	}
	return out
}

// memo is a kind the project does not have: adding it is an edit to the
// spec and nothing else.
var memo = graph.KindSpec{Kind: "Memo", Prefix: "memo/", Plural: "memos", Doc: "An internal note.",
	CreateDoc: `A new memo. Without an id it gets "memo/" and the slug of the name.`,
	Props: append(slices.Clone(graph.Kinds[0].Props[:2]),
		graph.PropSpec{Name: "date", Type: graph.DateP, Required: true, Doc: "When it was written."},
		graph.PropSpec{Name: "pages", Type: graph.Int, Doc: "How long it is."},
		graph.PropSpec{Name: "topics", Type: graph.Strings},
		graph.PropSpec{Name: "public", Type: graph.Bool}),
	Fields: []graph.FieldSpec{
		{Name: "mentions", Types: []graph.EdgeType{graph.Cites}, Dir: graph.Out, Doc: "Documents it mentions"},
		{Name: "author", Types: []graph.EdgeType{graph.Authored}, Dir: graph.In, Returns: graph.ReturnOne, Doc: "Who wrote it"},
		{Name: "authorship", Types: []graph.EdgeType{graph.Authored}, Dir: graph.In, Returns: graph.ReturnEdges, Doc: "How"},
	}}

// withMemo runs f with Memo among the kinds, allowed to cite documents and
// to be authored.
func withMemo(t *testing.T, f func()) {
	kinds, edges := graph.Kinds, graph.EdgeTypes
	t.Cleanup(func() { graph.Kinds, graph.EdgeTypes = kinds, edges })
	graph.Kinds = append(slices.Clone(kinds), memo)
	graph.EdgeTypes = slices.Clone(edges)
	for i, e := range graph.EdgeTypes {
		switch e.Type {
		case graph.Cites:
			e.From = append(slices.Clone(e.From), memo.Kind)
		case graph.Authored:
			e.To = append(slices.Clone(e.To), memo.Kind)
		}
		graph.EdgeTypes[i] = e
	}
	f()
}

// TestSpecSchemaAndDocsAgree loads the schema the specs generate, with the
// hand-written files, as gqlgen does, and checks every property and
// relationship field of every kind against it and the docs; then it does
// the same with a kind added to the spec alone, the steps DEVELOPERS.md
// gives for adding a kind.
func TestSpecSchemaAndDocsAgree(t *testing.T) {
	t.Run("shipped", func(t *testing.T) { checkAgreement(t) })
	t.Run("new kind", func(t *testing.T) {
		withMemo(t, func() {
			s, _, views := checkAgreement(t)
			if d := s.Types["Memo"]; d == nil || d.Fields.ForName("mentions").Type.String() != "[Document!]!" ||
				d.Fields.ForName("author").Type.String() != "Actor" || d.Fields.ForName("authorship").Type.String() != "[Authorship!]!" {
				t.Errorf("Memo's relationship fields are not as its spec says")
			}
			if s.Types["Kind"].EnumValues.ForName("MEMO") == nil {
				t.Errorf("Kind has no MEMO")
			}
			views = strings.Join(strings.Fields(views), " ")
			for _, want := range []string{"MemoView struct{ Node }", "case Memo:", "func (v MemoView) Pages() *int", "func (v MemoView) Public() *bool"} {
				if !strings.Contains(views, want) {
					t.Errorf("view.generated.go lacks %q", want)
				}
			}
		})
	})
}

func checkAgreement(t *testing.T) (*gqlast.Schema, string, string) {
	t.Helper()
	files, err := generate(root)
	if err != nil {
		t.Fatal(err)
	}
	var sources []*gqlast.Source
	hand, err := filepath.Glob(filepath.Join(root, "schema", "*.graphqls"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range hand {
		if strings.HasSuffix(p, ".generated.graphqls") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &gqlast.Source{Name: p, Input: string(b)})
	}
	for p, b := range files {
		if strings.HasSuffix(p, ".graphqls") {
			sources = append(sources, &gqlast.Source{Name: p, Input: string(b)})
		}
	}
	s, gerr := gqlparser.LoadSchema(sources...)
	if gerr != nil {
		t.Fatalf("the generated schema does not load: %v", gerr)
	}
	doc := string(files["docs/data-model.md"])
	for _, k := range kinds() {
		typ := s.Types[k.gqlType()]
		if typ == nil {
			t.Errorf("no type %s", k.gqlType())
			continue
		}
		if k.Actor != slices.Contains(typ.Interfaces, "Actor") {
			t.Errorf("%s implements Actor: %v, its spec says %v", k.Kind, !k.Actor, k.Actor)
		}
		create, patch := s.Types["Create"+k.gqlType()+"Input"], s.Types[k.gqlType()+"Patch"]
		for _, p := range k.Props {
			if f := typ.Fields.ForName(p.Name); f == nil || f.Type.String() != propType(p, false, true) || f.Description != p.Doc {
				t.Errorf("%s.%s is not the spec's %v", k.Kind, p.Name, p.Type)
			}
			if f := create.Fields.ForName(p.Name); f == nil || f.Type.String() != propType(p, true, true) {
				t.Errorf("Create%sInput.%s is not the spec's %v", k.Kind, p.Name, p.Type)
			}
			if f := patch.Fields.ForName(p.Name); f == nil || f.Type.NonNull {
				t.Errorf("%sPatch.%s is missing or required", k.Kind, p.Name)
			}
		}
		for _, fs := range k.Fields {
			f := typ.Fields.ForName(fs.Name)
			if f == nil {
				t.Errorf("%s has no field %s", k.Kind, fs.Name)
				continue
			}
			want := endType(fs)
			if fs.Returns == graph.ReturnEdges {
				want = edgeView(fs)
			}
			if f.Type.Name() != want || (fs.Returns == graph.ReturnOne) == (f.Type.Elem != nil) {
				t.Errorf("%s.%s is %s; the spec says %s (returns %d)", k.Kind, fs.Name, f.Type, want, fs.Returns)
			}
			if !strings.Contains(doc, "| `"+string(k.Kind)+"` | `"+fs.Name+"` |") {
				t.Errorf("docs/data-model.md has no row for %s.%s", k.Kind, fs.Name)
			}
		}
		q := s.Query.Fields
		if q.ForName(lcFirst(k.gqlType())) == nil || q.ForName(k.Plural) == nil ||
			s.Mutation.Fields.ForName("create"+k.gqlType()) == nil || s.Mutation.Fields.ForName("update"+k.gqlType()) == nil {
			t.Errorf("%s lacks its lookup, list or mutations", k.Kind)
		}
		if !strings.Contains(doc, "| `"+string(k.Kind)+"` | `"+k.Prefix+"` | `"+k.Plural+"` | "+propList(k.Props)+" |") {
			t.Errorf("docs/data-model.md has no row for %s with its properties", k.Kind)
		}
		if _, ok := files["resolvers/"+k.file()+".generated.resolvers.go"]; !ok {
			t.Errorf("no resolvers for %s", k.Kind)
		}
	}
	return s, doc, string(files["graph/view.generated.go"])
}

// TestCheckRefusesABadSpec: mistakes in a spec stop the generator with a
// message that names them.
func TestCheckRefusesABadSpec(t *testing.T) {
	doc, _ := graph.LookupKind(graph.Document)
	tests := []struct {
		name string
		edit func(*graph.KindSpec)
		want string
	}{
		{"reserved name", func(k *graph.KindSpec) {
			k.Props = append(slices.Clone(k.Props), graph.PropSpec{Name: "name", Type: graph.String})
		}, `property "name": the name is taken`},
		{"field named like a property", func(k *graph.KindSpec) {
			k.Fields = append(slices.Clone(k.Fields), graph.FieldSpec{Name: "reference", Types: []graph.EdgeType{graph.Cites}, Dir: graph.Out})
		}, `field "reference": the name is taken`},
		{"edge the kind is not at", func(k *graph.KindSpec) {
			k.Fields = append(slices.Clone(k.Fields), graph.FieldSpec{Name: "rapporteurs", Types: []graph.EdgeType{graph.Rapporteur}, Dir: graph.In})
		}, "a RAPPORTEUR edge never has a Document at that end"},
		{"no edge type", func(k *graph.KindSpec) {
			k.Fields = append(slices.Clone(k.Fields), graph.FieldSpec{Name: "nothing", Dir: graph.Out})
		}, "follows no edge type"},
		{"actor without actor fields", func(k *graph.KindSpec) { k.Actor = true }, `lacks the actor field "authored"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := doc
			tt.edit(&k)
			err := kind{k}.check()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("check() = %v, want an error with %q", err, tt.want)
			}
		})
	}
}
