// Command execgen runs gqlgen's code generation, as `gqlgen generate`
// does, and then writes the executor (graph/generated) again from the same
// data with gqlgen's own templates changed in two places:
//
//   - A list of objects is marshalled item after item. gqlgen starts a
//     goroutine per item (graphql.MarshalSliceConcurrently) so that
//     resolvers which block one per item overlap; issgraph's resolvers do
//     not block per item, since the per-request loaders fetch a whole
//     level at its first item (resolvers/loaders.go), so the goroutines
//     only cost: about 150 per neighbourhood query, with their stacks.
//     For the same reason objects other than the roots resolve their
//     fields in order (codegen.Object.DisableConcurrency, which gqlgen
//     sets for Mutation). Root fields still run concurrently: there are
//     few of them, and each may wait on the store.
//   - A trivial field (a struct field or a method without context or
//     error, of a scalar or enum type, not a list: a value, or a pointer
//     if the field is nullable; with no arguments and no directives) is
//     marshalled straight from the object, without the field context,
//     middleware and closures gqlgen's ResolveField builds for every
//     field. Nothing can fail there, so nothing is lost: no error to place
//     on a path, no panic to recover; a nil pointer is the null a nullable
//     field shows.
//     Field middleware does not see these fields: the object adds up
//     what they write and tells ChargeLeaves once, which resolvers sets
//     to keep the answer's size within its budget (response.go).
//   - An object whose fields all resolve in order skips what only
//     concurrent fields use: the deferred group (@defer only defers a
//     field resolved concurrently; gqlgen builds the group, its path and
//     its map for every object anyway), and it is written by fieldValues
//     (execgen.gotpl), which writes the fields in order without the map
//     of written names and the copy of each field that FieldSet.MarshalGQL
//     allocates. Names need no escaping: they are GraphQL names.
//
// Each change is a replacement of a fixed text of gqlgen's templates,
// read from gqlgen's module at generation time. If gqlgen's templates
// change so that a text is not found, generation fails and says which:
// the change is then made again against the new templates, or dropped.
//
// It runs from resolvers/doc.go, after specgen: `go generate ./...`.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"strings"
	"testing/fstest"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	"github.com/99designs/gqlgen/codegen/templates"
)

func main() {
	verbose := flag.Bool("v", false, "show gqlgen's log (binding notes), which `gqlgen generate` hides too")
	flag.Parse()
	if !*verbose {
		log.SetOutput(io.Discard)
	}
	if err := run(); err != nil {
		log.SetOutput(os.Stderr)
		log.Fatalf("execgen: %v", err)
	}
}

func run() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return err
	}
	if cfg.Exec.Layout != config.ExecLayoutSingleFile {
		return fmt.Errorf("exec layout %q: only %q is supported", cfg.Exec.Layout, config.ExecLayoutSingleFile)
	}
	// gqlgen's own check builds the packages with its executor, which
	// the resolvers may not compile against (they use what execgen adds):
	// the check runs once execgen's executor is written.
	validate := !cfg.SkipValidation
	cfg.SkipValidation = true
	keep := &keepData{}
	if err := api.Generate(cfg, api.AddPlugin(keep)); err != nil {
		return err
	}
	if keep.data == nil {
		return errors.New("gqlgen generated no executor data")
	}
	dir, err := codegenDir()
	if err != nil {
		return err
	}
	tfs, err := patchedTemplates(os.DirFS(dir))
	if err != nil {
		return err
	}
	data := keep.data
	err = templates.Render(templates.Options{
		PackageName:     data.Config.Exec.Package,
		Filename:        data.Config.Exec.Filename,
		Data:            data,
		RegionTags:      true,
		GeneratedHeader: true,
		Packages:        data.Config.Packages,
		TemplateFS:      tfs,
		PruneOptions:    data.Config.GetPruneOptions(),
	})
	if err != nil || !validate {
		return err
	}
	dirs := []string{cfg.Exec.Dir()}
	if cfg.Model.IsDefined() {
		dirs = append(dirs, cfg.Model.Dir())
	}
	if cfg.Resolver.IsDefined() {
		dirs = append(dirs, cfg.Resolver.Dir())
	}
	for i, d := range dirs {
		dirs[i] = d + "/..."
	}
	if out, err := exec.Command("go", append([]string{"build"}, dirs...)...).CombinedOutput(); err != nil {
		return fmt.Errorf("the generated code does not build: %v\n%s", err, out)
	}
	return nil
}

// keepData is a gqlgen plugin that keeps the data the executor is written
// from, and turns off per-field concurrency on every object but the roots.
type keepData struct{ data *codegen.Data }

func (*keepData) Name() string { return "execgen" }

func (k *keepData) GenerateCode(data *codegen.Data) error {
	for _, o := range data.Objects {
		if !o.Root {
			o.DisableConcurrency = true
		}
	}
	k.data = data
	return nil
}

// codegenDir is the directory of gqlgen's codegen package in the module
// cache: the version go.mod requires.
func codegenDir() (string, error) {
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", "github.com/99designs/gqlgen/codegen").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", fmt.Errorf("go list gqlgen/codegen: %v: %s", err, ee.Stderr)
		}
		return "", fmt.Errorf("go list gqlgen/codegen: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// singleFile is the template set gqlgen renders a single-file executor
// from (codegen.singleFileTemplateFS).
var singleFile = []string{
	"api!.gotpl", "internal!.gotpl", "args.gotpl", "field.gotpl", "input.gotpl",
	"interface.gotpl", "object.gotpl", "type.gotpl", "generated!.gotpl", "directives_.gotpl",
}

// A patch replaces one text of one template, exactly once.
type patch struct {
	file, old, new string
}

var patches = []patch{{
	// Lists of objects: in order, in this goroutine.
	file: "type.gotpl",
	old: `ret := graphql.MarshalSliceConcurrently(ctx, len(v), {{ $.Config.Exec.WorkerLimit }}, {{ $.Config.OmitPanicHandler }}, func(ctx context.Context, i int) graphql.Marshaler {
						fc := graphql.GetFieldContext(ctx)
						fc.Result = &v[i]
						return {{$.ECDot}}{{ $type.Elem.MarshalFunc }}(ctx, {{$.ECArg}}sel, v[i])
					})`,
	new: `ret := make(graphql.Array, len(v))
					for i := range v {
						ctx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i, Result: &v[i]})
						{{- if $.Config.OmitPanicHandler }}
						ret[i] = {{$.ECDot}}{{ $type.Elem.MarshalFunc }}(ctx, {{$.ECArg}}sel, v[i])
						{{- else }}
						func() {
							defer func() {
								if r := recover(); r != nil {
									graphql.AddError(ctx, graphql.Recover(ctx, r))
									ret[i] = graphql.Null
								}
							}()
							ret[i] = {{$.ECDot}}{{ $type.Elem.MarshalFunc }}(ctx, {{$.ECArg}}sel, v[i])
						}()
						{{- end }}
					}`,
}, {
	// Trivial fields: straight from the object.
	file: "object.gotpl",
	old: `		case "{{$field.Name}}":
			{{- if $field.IsConcurrent }}`,
	new: `		case "{{$field.Name}}":
			{{- if and (not $object.Root) (not $field.IsResolver) (not $field.IsMap) (not $field.MethodHasContext) (not $field.Args) (not $field.HasDirectives) (not ($.AllDirectives.LocationDirectives "FIELD")) (not $field.IsBatch) (not $field.TypeReference.Definition.Fields) (or (not $field.TypeReference.IsNilable) (and $field.TypeReference.IsPtr (not $field.TypeReference.GQL.NonNull))) (not $field.TypeReference.IsPtrToPtr) (not $field.TypeReference.IsSlice) (not $field.TypeReference.IsPtrToSlice) (not $field.TypeReference.IsContext) (or $field.IsVariable (and $field.IsMethod $field.NoErr (not $field.HasHaser) (not $field.VOkFunc))) }}
				val := obj.{{$field.GoFieldName}}{{ if $field.IsMethod }}(){{ end }}
				out.Values[i] = {{$.ECDot}}{{ $field.TypeReference.MarshalFunc }}(ctx, {{$.ECArg}}field.Selections, val)
				{{- $goType := $field.TypeReference.GO | ref }}
				{{- if eq $goType "string" }}
				leaves += int64(len(field.Alias)+len(val)) + 6
				{{- else if eq $goType "*string" }}
				leaves += int64(len(field.Alias)) + 6 + stringSize(val)
				{{- else if or (eq $goType "int") (eq $goType "*int") (eq $goType "bool") (eq $goType "*bool") (eq $goType "int64") (eq $goType "float64") }}
				leaves += int64(len(field.Alias)) + 12
				{{- else if eq (print $field.TypeReference.Definition.Kind) "ENUM" }}
				leaves += int64(len(field.Alias)) + 28
				{{- else }}
				leaves += int64(len(field.Alias)) + 4 + leafSize(val)
				{{- end }}
			{{- else if $field.IsConcurrent }}`,
}, {
	// Sequential objects: no deferred group.
	file: "object.gotpl",
	old: `	out := graphql.NewFieldSet(fields)
	deferred := graphql.NewDeferredGroup(ctx)`,
	new: `	out := graphql.NewFieldSet(fields)
	{{- if not $object.DisableConcurrency }}
	deferred := graphql.NewDeferredGroup(ctx)
	{{- else if not $object.Root }}
	var leaves int64 // what its trivial fields write
	{{- end }}`,
}, {
	// Sequential objects: no deferred group, and written by fieldValues.
	file: "object.gotpl",
	old: `	if n := len(deferred.Defers); n > 0 {
		atomic.AddInt32(&ec.Deferred, int32(min(n, math.MaxInt32)))
		ec.ProcessDeferredGroup(deferred)
	}

	return out`,
	new: `	{{- if $object.DisableConcurrency }}
	{{- if not $object.Root }}
	if leaves > 0 && ChargeLeaves != nil {
		ChargeLeaves(ctx, leaves)
	}
	{{- end }}
	return fieldValues{fields: fields, values: out.Values}
	{{- else }}
	if n := len(deferred.Defers); n > 0 {
		atomic.AddInt32(&ec.Deferred, int32(min(n, math.MaxInt32)))
		ec.ProcessDeferredGroup(deferred)
	}

	return out
	{{- end }}`,
}}

// added are templates of execgen's own, rendered with gqlgen's.
var added = map[string]string{
	"execgen.gotpl": `
// ChargeLeaves, when set, is told what the trivial fields of each object
// will write, in bytes, about: field middleware does not see them
// (graph/internal/execgen). resolvers sets it, to keep an answer's size
// within its budget as it resolves.
var ChargeLeaves func(ctx context.Context, bytes int64)

func stringSize(s *string) int64 {
	if s == nil {
		return 4
	}
	return int64(len(*s)) + 2
}

// leafSize is what a trivial field's value of another type writes: what it
// says, if it says (SizeHint), or 8.
func leafSize[T any](v T) int64 {
	if s, ok := any(v).(interface{ SizeHint() int64 }); ok {
		return s.SizeHint()
	}
	return 8
}

// fieldValues writes an object whose fields were resolved in order
// (graph/internal/execgen).
type fieldValues struct {
	fields []graphql.CollectedField
	values []graphql.Marshaler
}

func (o fieldValues) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, "{")
	for i := range o.fields {
		if i > 0 {
			_, _ = io.WriteString(w, ",")
		}
		_, _ = io.WriteString(w, "\"")
		_, _ = io.WriteString(w, o.fields[i].Alias)
		_, _ = io.WriteString(w, "\":")
		o.values[i].MarshalGQL(w)
	}
	_, _ = io.WriteString(w, "}")
}
`,
}

// patchedTemplates is gqlgen's single-file template set from src with the
// patches applied, and execgen's own templates added.
func patchedTemplates(src fs.FS) (fstest.MapFS, error) {
	out := fstest.MapFS{}
	for _, name := range singleFile {
		b, err := fs.ReadFile(src, name)
		if err != nil {
			return nil, fmt.Errorf("gqlgen template %s: %w", name, err)
		}
		for _, p := range patches {
			if p.file != name {
				continue
			}
			if n := bytes.Count(b, []byte(p.old)); n != 1 {
				return nil, fmt.Errorf("gqlgen's %s has changed: the text to replace occurs %d times, not once:\n%s", name, n, p.old)
			}
			b = bytes.Replace(b, []byte(p.old), []byte(p.new), 1)
		}
		out[name] = &fstest.MapFile{Data: b}
	}
	for name, text := range added {
		out[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return out, nil
}
