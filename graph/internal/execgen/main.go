// Command execgen runs gqlgen's code generation, as `gqlgen generate`
// does, and then writes the executor (graph/generated) again from the same
// data with gqlgen's own templates changed in a few places, so that a
// request allocates little beyond its answer:
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
//     few of them, and each may wait on the store. The items' field
//     contexts are allocated at once, and the items of a pure object
//     type (below) get none: nothing in them can fail, and a field
//     context only places an error on its path.
//   - A trivial field (kinds.trivial: a struct field or a method without
//     context or error, of a scalar or enum type, not a list) is
//     marshalled straight from the object, without the field context,
//     middleware and closures gqlgen's ResolveField builds for every
//     field. Nothing can fail there, so nothing is lost: no error to place
//     on a path, no panic to recover; a nil pointer is the null a nullable
//     field shows. A String or ID is written from where the object holds
//     it (jsonString), without the closure graphql.MarshalString
//     allocates. The object adds up what its trivial fields write and
//     tells ChargeLeaves once, which resolvers sets to keep the answer's
//     size within its budget (response.go).
//   - A field below the root that resolves to an object or a list of
//     objects is resolved in place: its field context (for the paths of
//     errors below it), its resolver called directly, without
//     ResolveField's closures, the boxing of its value and the field
//     middleware chain; FieldStart and FieldDone, which resolvers sets,
//     keep the budget where middleware did. Field middleware thus sees the
//     root fields and scalars that resolvers resolve: the tracing
//     (cmd/issgraph/ops) only traces root fields anyway. Their field
//     contexts have no Child (a closure per field, which nothing calls).
//     The field context of such a field, or of an item of a list, lives in
//     its context's own node (fieldCtx), which graphql.GetFieldContext
//     reads as it reads the one graphql.WithFieldContext makes: one
//     allocation where that takes two, and none per item of a list.
//   - An object whose fields all resolve in order skips what only
//     concurrent fields use: the deferred group (@defer only defers a
//     field resolved concurrently; gqlgen builds the group, its path and
//     its map for every object anyway) and graphql.FieldSet (its values
//     stay on the stack, fieldOut); it is written by fieldValues, which
//     writes the fields in order without the map of written names and the
//     copy of each field that FieldSet.MarshalGQL allocates. Names need no
//     escaping: they are GraphQL names. The root's fields resolve
//     concurrently, into a FieldSet; once they have, and unless some are
//     deferred, it is written by fieldValues too.
//   - The fields an object's selection collects are cached by the
//     selection's and the type's identity (collected), without the hash
//     of the type's names gqlgen's cache computes for every object; and
//     across requests, with the parsed document in the query cache
//     (FieldCache, resolvers/caches.go), when no directive makes them
//     depend on the request's variables.
//   - A query's answer is written into a buffer of the size the answer's
//     budget counted as its fields resolved (ResponseSize, which resolvers
//     sets), not into one grown by doubling from 64 bytes.
//   - An enum's value is written by the one Marshaler the schema's value
//     has (enumName), not a closure graphql.MarshalString makes per field.
//   - NewExecutableSchema calls each of the resolvers' getters once and
//     keeps what they return (resolverCache): gqlgen's getters make a
//     resolver value at every call, and the executor called one for every
//     field a resolver resolves. The getters keep no state of a call
//     (return &xResolver{r}), so one value serves every call.
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
	"go/types"
	"io"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"strings"
	"testing/fstest"
	"text/template"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
	"github.com/99designs/gqlgen/codegen/templates"
	"github.com/vektah/gqlparser/v2/ast"
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
	sorted := newKinds(data)
	err = templates.Render(templates.Options{
		PackageName:     data.Config.Exec.Package,
		Filename:        data.Config.Exec.Filename,
		Data:            data,
		RegionTags:      true,
		GeneratedHeader: true,
		Packages:        data.Config.Packages,
		TemplateFS:      tfs,
		PruneOptions:    data.Config.GetPruneOptions(),
		Funcs: template.FuncMap{
			"plainString": plainString, "trivial": sorted.trivial, "unlessNull": sorted.unlessNull, "finiteFloat": sorted.finiteFloat, "pure": sorted.pure, "inPlace": sorted.inPlace, "pureField": sorted.pureField,
			"constArgs": constArgs,
		},
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

// kinds sorts the fields and objects of the schema for the templates.
type kinds struct {
	fieldDirectives bool            // some directive applies to every field
	pureObjects     map[string]bool // by name
}

func newKinds(data *codegen.Data) *kinds {
	k := &kinds{fieldDirectives: len(data.AllDirectives.LocationDirectives("FIELD")) > 0, pureObjects: map[string]bool{}}
	for _, o := range data.Objects {
		k.pureObjects[o.Name] = !o.Root
	}
	// An object is pure when each of its fields is trivial or holds pure
	// objects without a resolver: drop those that are not until none is
	// left to drop.
	for changed := true; changed; {
		changed = false
		for _, o := range data.Objects {
			if !k.pureObjects[o.Name] {
				continue
			}
			for _, f := range o.Fields {
				if !k.trivial(f) && !k.holdsPure(f) {
					k.pureObjects[o.Name], changed = false, true
					break
				}
			}
		}
	}
	return k
}

// holdsPure tells whether a field is a struct field, or a method without
// context or error, that holds a pure object or a list of them.
func (k *kinds) holdsPure(f *codegen.Field) bool {
	t := f.TypeReference
	return !f.IsResolver && !f.IsMap() && !f.MethodHasContext && len(f.Args) == 0 && !f.HasDirectives() &&
		!k.fieldDirectives && !f.IsBatch() && !t.IsPtrToPtr() && !t.IsPtrToSlice() &&
		(f.IsVariable() || (f.IsMethod() && f.NoErr && !f.HasHaser && !f.VOkFunc)) &&
		t.Definition.Kind == ast.Object && k.pureObjects[t.Definition.Name]
}

// trivial tells whether the executor writes a field straight from the
// object: a struct field, or a method without context or error, of a
// scalar or enum type, not a list: a value, or a pointer if the field is
// nullable; with no arguments and no directives, below the root.
func (k *kinds) trivial(f *codegen.Field) bool {
	t := f.TypeReference
	return k.leaf(f) && (!t.IsNilable() || (t.IsPtr() && !t.GQL.NonNull))
}

// unlessNull reports whether f is trivial but for one case: a pointer a
// non-null field holds, which can be nil. It is marshalled straight from
// the object when it is not nil; when it is, gqlgen's own path reports
// the null, on the field's path, so an object holding one is not pure.
func (k *kinds) unlessNull(f *codegen.Field) bool {
	t := f.TypeReference
	return k.leaf(f) && t.IsPtr() && t.GQL.NonNull
}

// finiteFloat reports whether f is a Float the object holds in a field
// of its own, which gqlgen writes with graphql.MarshalFloatContext: a
// finite one is written straight from there (jsonFloat), and NaN or an
// infinity goes gqlgen's way, which reports the error on the field's
// path; so an object holding one is not pure.
func (k *kinds) finiteFloat(f *codegen.Field) bool {
	t := f.TypeReference
	m := t.Marshaler
	b, ok := t.GO.(*types.Basic)
	return k.readsOwn(f) && f.IsVariable() && ok && b.Kind() == types.Float64 && m != nil && m.Pkg() != nil &&
		m.Pkg().Path() == "github.com/99designs/gqlgen/graphql" && m.Name() == "MarshalFloatContext"
}

// leaf reports whether f reads a scalar or enum from its object alone,
// without context, arguments, directives or an error.
func (k *kinds) leaf(f *codegen.Field) bool { return k.readsOwn(f) && !f.TypeReference.IsContext }

// readsOwn is leaf but for the marshaller, which may take a context.
func (k *kinds) readsOwn(f *codegen.Field) bool {
	t := f.TypeReference
	return !f.Object.Root && !f.IsResolver && !f.IsMap() && !f.MethodHasContext && len(f.Args) == 0 &&
		!f.HasDirectives() && !k.fieldDirectives && !f.IsBatch() && len(t.Definition.Fields) == 0 &&
		!t.IsPtrToPtr() && !t.IsSlice() && !t.IsPtrToSlice() &&
		(f.IsVariable() || (f.IsMethod() && f.NoErr && !f.HasHaser && !f.VOkFunc))
}

// inPlace tells whether the executor resolves a field in place, without
// ResolveField: below the root, an object, interface or union or a list of
// them, no directives, batching, map or haser. Its field context has no
// Child: nothing in issgraph calls it, and it is a closure to allocate
// for every such field.
func (k *kinds) inPlace(f *codegen.Field) bool {
	t := f.TypeReference
	return !f.Object.Root && !f.Object.Stream && f.ResolveFieldFunc() == "ResolveField" && !f.IsBatch() &&
		!f.IsMap() && !f.HasDirectives() && !k.fieldDirectives && !f.HasHaser && !f.VOkFunc &&
		!t.IsPtrToSlice() && !t.IsPtrToPtr() && (t.Definition.Kind == ast.Object || t.Definition.IsAbstractType())
}

// pure tells whether every field of the object named so is trivial or
// holds pure objects: nothing in it can fail, so the items of a list of it
// need no field context of their own, which only places errors on a path.
func (k *kinds) pure(name string) bool { return k.pureObjects[name] }

// pureField reports whether f, resolved in place, reads from its object
// alone (no resolver, context or arguments) a pure object or a list of them, held
// by value: then nothing in it can fail but its own budget check, and it
// needs a field context only to place that error.
func (k *kinds) pureField(f *codegen.Field) bool {
	t := f.TypeReference
	if !k.inPlace(f) || f.IsResolver || f.MethodHasContext || len(f.Args) > 0 || t.Definition.Kind != ast.Object || !k.pure(t.Definition.Name) {
		return false
	}
	g := t.GO
	if s, ok := g.(*types.Slice); ok {
		g = s.Elem()
	}
	_, ptr := g.(*types.Pointer)
	return !ptr
}

// plainString tells how a trivial field of type String or ID is written
// when gqlgen would write it with graphql.MarshalString: "field" for a
// struct field of Go type string, written from where the object holds it;
// "pointer" for a *string, written from where it points; "" otherwise.
func plainString(f *codegen.Field) string {
	if f.TypeReference.GQL.NonNull && f.TypeReference.IsPtr() {
		return "" // its null is gqlgen's to report (unlessNull)
	}
	m := f.TypeReference.Marshaler
	if m == nil || m.Pkg() == nil || m.Pkg().Path() != "github.com/99designs/gqlgen/graphql" ||
		(m.Name() != "MarshalString" && m.Name() != "MarshalID") {
		return ""
	}
	isString := func(t types.Type) bool {
		b, ok := t.(*types.Basic)
		return ok && b.Kind() == types.String
	}
	switch t := f.TypeReference.GO.(type) {
	case *types.Basic:
		if isString(t) && f.IsVariable() {
			return "field"
		}
	case *types.Pointer:
		if isString(t.Elem()) {
			return "pointer"
		}
	}
	return ""
}

// keepData is a gqlgen plugin that keeps the data the executor is written
// from, and turns off per-field concurrency on every object but the roots.
// constArgs reports whether the arguments of f may be parsed once and
// shared by every request of a document (collected.keepArgs): each a
// scalar or enum of a basic Go type, or a pointer to or list of one, and
// no directive on them. Resolvers and stores only read such values (a
// query that orders a list copies it first: graph's dedupe), so the
// shared ones are never written; TestFieldCacheSharedAtOnce runs one
// document at once under -race.
func constArgs(f *codegen.Field) bool {
	if len(f.Args) == 0 {
		return false
	}
	for _, a := range f.Args {
		if len(a.Directives) > 0 {
			return false
		}
		switch a.TypeReference.Definition.Kind {
		case ast.Scalar, ast.Enum:
		default:
			return false
		}
		t := a.TypeReference.GO
		for {
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			} else if l, ok := t.(*types.Slice); ok {
				t = l.Elem()
			} else {
				break
			}
		}
		if _, ok := t.Underlying().(*types.Basic); !ok {
			return false
		}
	}
	return true
}

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
	// The resolvers' getters, called once (resolverCache).
	file: "api!.gotpl",
	old:  `Resolvers: cfg.Resolvers,`,
	new:  `Resolvers: cacheResolvers(cfg.Resolvers),`,
}, {
	// An enum's value: its Marshaler made once, not a closure per field.
	file: "type.gotpl",
	old:  `res := {{ $type.Marshaler | call }}({{ $v }})`,
	new: `{{- if and (eq (print $type.Definition.Kind) "ENUM") (eq (print ($type.Marshaler | call)) "graphql.MarshalString") }}
					res := enumName({{ $v }})
					{{- else }}
					res := {{ $type.Marshaler | call }}({{ $v }})
					{{- end }}`,
}, {
	// Lists of objects: in order, in this goroutine.
	file: "type.gotpl",
	old: `ret := graphql.MarshalSliceConcurrently(ctx, len(v), {{ $.Config.Exec.WorkerLimit }}, {{ $.Config.OmitPanicHandler }}, func(ctx context.Context, i int) graphql.Marshaler {
						fc := graphql.GetFieldContext(ctx)
						fc.Result = &v[i]
						return {{$.ECDot}}{{ $type.Elem.MarshalFunc }}(ctx, {{$.ECArg}}sel, v[i])
					})`,
	new: `ret := make(graphql.Array, len(v))
					{{- if pure $type.Elem.Definition.Name }}
					for i := range v {
						{{- if and $type.Elem.IsStruct (not $type.Elem.IsPtr) (not $type.Elem.IsMarshaler) }}
						ret[i] = {{$.ECDot}}_{{ $type.Elem.Definition.Name }}(ctx, {{$.ECArg}}sel, &v[i])
						{{- else }}
						ret[i] = {{$.ECDot}}{{ $type.Elem.MarshalFunc }}(ctx, {{$.ECArg}}sel, v[i])
						{{- end }}
					}
					{{- else }}
					fcs, idx := make([]fieldCtx, len(v)), make([]int, len(v))
					for i := range v {
						idx[i] = i
						ctx := fcs[i].hold(ctx, graphql.FieldContext{Index: &idx[i], Result: &v[i]}, ec.rv)
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
					}
					{{- end }}`,
}, {
	// Objects: their fields collected once per selection and request,
	// keyed by identity.
	file: "object.gotpl",
	old: `func {{$.FuncReceiver}}_{{$object.Name}}(ctx context.Context, {{$.ECFuncParam}}sel ast.SelectionSet{{ if not $object.Root }},obj {{$object.Reference | ref }}{{ end }}) graphql.Marshaler {
	fields := graphql.CollectFields(ec.OperationContext, sel, {{$object.Name|lcFirst}}Implementors)`,
	new: `func {{$.FuncReceiver}}_{{$object.Name}}(ctx context.Context, {{$.ECFuncParam}}sel ast.SelectionSet{{ if not $object.Root }},obj {{$object.Reference | ref }}{{ end }}) graphql.Marshaler {
	fields := ec.collected.fields(ec.OperationContext, sel, {{$object.Name|lcFirst}}Implementors)`,
}, {
	file: "internal!.gotpl",
	old: `type executionContext struct {
	*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]
}`,
	new: `type executionContext struct {
	*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]
	collected *collected // its document's FieldCache, or own
	own       collected
	rv        any // its context's value of RequestKey
}`,
}, {
	// The request's collected fields: its document's FieldCache, or its
	// own.
	file: "internal!.gotpl",
	old: `	ec := newExecutionContext(opCtx, e, make(chan graphql.DeferredResult))
	inputUnmarshalers := func() *graphql.InputUnmarshalerIndex {`,
	new: `	ec := newExecutionContext(opCtx, e, make(chan graphql.DeferredResult))
	ec.collected = collectedFor(ctx, &ec.own)
	if RequestKey != nil {
		ec.rv = ctx.Value(RequestKey)
	}
	inputUnmarshalers := func() *graphql.InputUnmarshalerIndex {`,
}, {
	// Fields resolved in place: no Child in their field context.
	file: "field.gotpl",
	old: `		IsResolver: {{ $field.IsResolver }},
		Child: func (ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {`,
	new: `		IsResolver: {{ $field.IsResolver }},
		{{- if not (inPlace $field) }}
		Child: func (ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {`,
}, {
	file: "field.gotpl",
	old: `				return {{$.ECDot}}childFields_{{ $field.ChildFieldContextTypeName }}(ctx, {{$.ECArg}}field)
			{{- end }}
		},`,
	new: `				return {{$.ECDot}}childFields_{{ $field.ChildFieldContextTypeName }}(ctx, {{$.ECArg}}field)
			{{- end }}
		},
		{{- end }}`,
}, {
	// Trivial fields: straight from the object.
	file: "object.gotpl",
	old: `		case "{{$field.Name}}":
			{{- if $field.IsConcurrent }}`,
	new: `		case "{{$field.Name}}":
			{{- if finiteFloat $field }}
				if val := &obj.{{$field.GoFieldName}}; !math.IsInf(*val, 0) && !math.IsNaN(*val) {
					out.Values[i] = (*jsonFloat)(val)
					leaves += int64(len(field.Alias)) + 28
					break
				}
				out.Values[i] = {{$.ECDot}}_{{$object.Name}}_{{$field.Name}}(ctx, {{$.ECArg}}field, obj)
				if out.Values[i] == graphql.Null {
					out.Invalids++
				}
			{{- else if or (trivial $field) (unlessNull $field) }}
				{{- $str := plainString $field }}
				{{- if eq $str "field" }}
				val := &obj.{{$field.GoFieldName}}
				out.Values[i] = (*jsonString)(val)
				leaves += int64(len(field.Alias)+len(*val)) + 6
				{{- else if eq $str "pointer" }}
				val := obj.{{$field.GoFieldName}}{{ if $field.IsMethod }}(){{ end }}
				if val == nil {
					out.Values[i] = graphql.Null
				} else {
					out.Values[i] = (*jsonString)(val)
				}
				leaves += int64(len(field.Alias)) + 6 + stringSize(val)
				{{- else }}
				val := obj.{{$field.GoFieldName}}{{ if $field.IsMethod }}(){{ end }}
				{{- if unlessNull $field }}
				if val == nil {
					out.Values[i] = {{$.ECDot}}_{{$object.Name}}_{{$field.Name}}(ctx, {{$.ECArg}}field, obj)
					if out.Values[i] == graphql.Null {
						out.Invalids++
					}
					break
				}
				{{- end }}
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
				{{- end }}
			{{- else if $field.IsConcurrent }}`,
}, {
	// Sequential objects: no deferred group.
	file: "object.gotpl",
	old: `	out := graphql.NewFieldSet(fields)
	deferred := graphql.NewDeferredGroup(ctx)`,
	new: `	{{- if and $object.DisableConcurrency (not $object.Root) }}
	fv := newFieldValues(fields)
	out := fieldOut{Values: fv.values}
	var leaves int64 // what its trivial fields write
	{{- else }}
	out := graphql.NewFieldSet(fields)
	{{- if not $object.DisableConcurrency }}
	deferred := graphql.NewDeferredGroup(ctx)
	{{- end }}
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
	return fv
	{{- else }}
	return &fieldValues{fields: fields, values: out.Values}
	{{- end }}
	{{- else }}
	if n := len(deferred.Defers); n > 0 {
		atomic.AddInt32(&ec.Deferred, int32(min(n, math.MaxInt32)))
		ec.ProcessDeferredGroup(deferred)
		return out
	}
	// Its fields have all resolved (Dispatch): written in order, as
	// sequential objects are.
	return &fieldValues{fields: fields, values: out.Values}
	{{- end }}`,
}, {
	// Fields below the root that resolve to an object or a list of
	// objects: resolved in place, without ResolveField's closures and the
	// field middleware chain.
	file: "field.gotpl",
	old: `	{{- else}}
		return graphql.{{ $field.ResolveFieldFunc }}(`,
	new: `	{{- else if pureField $field }}
		fc0, err := {{$.ECDot}}{{ $field.FieldContextFunc }}(ctx, {{$.ECArg}}field)
		if err != nil {
			return graphql.Null
		}
		// What it holds is pure: nothing below it can fail, so its field
		// context is made only to place an error of its own.
		placed := func() context.Context {
			c, _ := withFieldContext(ctx, fc0, ec.rv)
			return c
		}
		{{- if not $.Config.OmitPanicHandler }}
		defer func() {
			if r := recover(); r != nil {
				ctx := placed()
				ec.Error(ctx, ec.Recover(ctx, r))
				ret = graphql.Null
			}
		}()
		{{- end }}
		if FieldStart != nil {
			if err := FieldStart(ctx); err != nil {
				ctx := placed()
				ec.Error(ctx, graphql.AddFieldLocationToError(ctx, err))
				return graphql.Null
			}
		}
		res, err := func() ({{ $field.TypeReference.GO | ref }}, error) {
			{{- template "fieldDefinition" $field }}
		}()
		if err == nil && FieldDone != nil {
			{{- if $field.TypeReference.IsSlice }}
			err = FieldDone(ctx, field, 2+3*int64(len(res)), len(res))
			{{- else }}
			err = FieldDone(ctx, field, 2, 1)
			{{- end }}
		}
		if err != nil {
			ctx := placed()
			ec.Error(ctx, graphql.AddFieldLocationToError(ctx, err))
			return graphql.Null
		}
		return {{$.ECDot}}{{ $field.TypeReference.MarshalFunc }}(ctx, {{$.ECArg}}field.Selections, res)
	{{- else if inPlace $field }}
		fc0, err := {{$.ECDot}}{{ $field.FieldContextFunc }}(ctx, {{$.ECArg}}field)
		if err != nil {
			return graphql.Null
		}
		ctx, fc := withFieldContext(ctx, fc0, ec.rv) // fc0 stays on the stack
		{{- if not $.Config.OmitPanicHandler }}
		defer func() {
			if r := recover(); r != nil {
				ec.Error(ctx, ec.Recover(ctx, r))
				ret = graphql.Null
			}
		}()
		{{- end }}
		if FieldStart != nil {
			if err := FieldStart(ctx); err != nil {
				ec.Error(ctx, graphql.AddFieldLocationToError(ctx, err))
				return graphql.Null
			}
		}
		res, err := func() ({{ $field.TypeReference.GO | ref }}, error) {
			{{- template "fieldDefinition" $field }}
		}()
		if err != nil {
			ec.Error(ctx, graphql.AddFieldLocationToError(ctx, err))
			return graphql.Null
		}
		{{- if and $field.TypeReference.Definition.IsAbstractType (not $field.TypeReference.IsSlice) }}
		if res == nil {
			{{- if $field.TypeReference.GQL.NonNull }}
			graphql.AddInvalidNullError(ctx, "")
			{{- end }}
			return graphql.Null
		}
		{{- end }}
		if FieldDone != nil {
			{{- if $field.TypeReference.IsSlice }}
			err = FieldDone(ctx, fc.Field, 2+3*int64(len(res)), len(res))
			{{- else }}
			err = FieldDone(ctx, fc.Field, 2, 1)
			{{- end }}
			if err != nil {
				ec.Error(ctx, graphql.AddFieldLocationToError(ctx, err))
				return graphql.Null
			}
		}
		return {{$.ECDot}}{{ $field.TypeReference.MarshalFunc }}(ctx, {{$.ECArg}}field.Selections, res)
	{{- else}}
		return graphql.{{ $field.ResolveFieldFunc }}(`,
}, {
	// A query's answer is written into a buffer of the size the budget
	// counted as it resolved (ResponseSize), not one doubled from 64 bytes.
	file: "internal!.gotpl",
	old: `			var buf bytes.Buffer
			data.MarshalGQL(&buf)
			response.Data = buf.Bytes()`,
	new: `			var buf bytes.Buffer
			if ResponseSize != nil {
				buf.Grow(ResponseSize(ctx))
			}
			data.MarshalGQL(&buf)
			response.Data = buf.Bytes()`,
}, {
	file: "field.gotpl",
	old: `		ctx = graphql.WithFieldContext(ctx, fc)
		if fc.Args, err = {{$.ECDot}}{{ $field.ArgsFunc }}(ctx, {{$.ECArg}}field.ArgumentMap(ec.Variables)); err != nil {
			ec.Error(ctx, err)
			return fc, err
		}`,
	new: `		{{- if constArgs $field }}
		if a, ok := ec.collected.constArgs(field); ok {
			fc.Args = a
			return fc, nil
		}
		{{- end }}
		ctx = graphql.WithFieldContext(ctx, fc)
		if fc.Args, err = {{$.ECDot}}{{ $field.ArgsFunc }}(ctx, {{$.ECArg}}field.ArgumentMap(ec.Variables)); err != nil {
			ec.Error(ctx, err)
			return fc, err
		}
		{{- if constArgs $field }}
		ec.collected.keepArgs(field, fc.Args)
		{{- end }}`,
}}

// added are templates of execgen's own, rendered with gqlgen's.
var added = map[string]string{
	"execgen.gotpl": `{{ reserveImport "sync" }}
// FieldStart and FieldDone, when set, run around each field below the
// root that resolves to an object or a list of objects: FieldStart before
// its resolver, FieldDone after, with what the value itself writes (its
// braces and brackets), in bytes, about, and the number of objects it
// holds. An error from either fails the field as the resolver's would.
// ctx is the field's own context, or for a field that holds pure objects
// (pureField), which makes its context only to place an error, its
// object's.
// The executor calls them instead of field middleware, which sees only the
// root fields and the scalar fields that resolvers resolve
// (graph/internal/execgen). resolvers sets them, to keep an answer's size
// within its budget as it resolves.
var (
	FieldStart func(ctx context.Context) error
	FieldDone  func(ctx context.Context, field graphql.CollectedField, bytes int64, objects int) error
)

// ChargeLeaves, when set, is told what the trivial fields of each object
// will write, in bytes, about: field middleware does not see them
// (graph/internal/execgen). resolvers sets it, to keep an answer's size
// within its budget as it resolves.
var ChargeLeaves func(ctx context.Context, bytes int64)

// ResponseSize, when set, is what a query's answer will write, in bytes,
// about: the executor makes its buffer that size before it writes the
// answer. resolvers sets it from the budget, which counted the answer as
// it resolved.
var ResponseSize func(ctx context.Context) int

// RequestKey, when set, is the context key of the value that the hooks
// above and the resolvers read at nearly every field (resolvers' request
// state, with the loaders and the answer's budget). Read once from the
// execution's context, it is answered by the contexts of the fields
// below (fieldCtx), so finding it costs one step, not a walk up through
// every field's and every request's context. It must be set before the
// execution starts and not be set again below it.
var RequestKey any

// resolverCache answers each method of a ResolverRoot with what the root
// returned once: a getter makes a value at every call (gqlgen's return
// &xResolver{r}), and the executor calls one for every field that a
// resolver resolves. The getters must return resolvers that hold no state
// of a call, as gqlgen's do.
type resolverCache struct {
{{- range $object := .Objects }}{{ if $object.HasResolvers }}
	{{ $object.Name | lcFirst }} {{ ucFirst $object.Name }}Resolver
{{- end }}{{ end }}
{{- range $object := .Inputs }}{{ if $object.HasResolvers }}
	{{ $object.Name | lcFirst }} {{ ucFirst $object.Name }}Resolver
{{- end }}{{ end }}
}

// cacheResolvers is r behind a resolverCache; nil stays nil.
func cacheResolvers(r ResolverRoot) ResolverRoot {
	if r == nil {
		return nil
	}
	return &resolverCache{
{{- range $object := .Objects }}{{ if $object.HasResolvers }}
		{{ $object.Name | lcFirst }}: r.{{ ucFirst $object.Name }}(),
{{- end }}{{ end }}
{{- range $object := .Inputs }}{{ if $object.HasResolvers }}
		{{ $object.Name | lcFirst }}: r.{{ ucFirst $object.Name }}(),
{{- end }}{{ end }}
	}
}
{{ range $object := .Objects }}{{ if $object.HasResolvers }}
func (c *resolverCache) {{ ucFirst $object.Name }}() {{ ucFirst $object.Name }}Resolver { return c.{{ $object.Name | lcFirst }} }
{{- end }}{{ end }}
{{- range $object := .Inputs }}{{ if $object.HasResolvers }}
func (c *resolverCache) {{ ucFirst $object.Name }}() {{ ucFirst $object.Name }}Resolver { return c.{{ $object.Name | lcFirst }} }
{{- end }}{{ end }}

// enumNames are the Marshalers of the schema's enum values, made once.
var enumNames = func() map[string]graphql.Marshaler {
	m := map[string]graphql.Marshaler{}
	for _, d := range parsedSchema.Types {
		if d.Kind == ast.Enum {
			for _, v := range d.EnumValues {
				m[v.Name] = graphql.MarshalString(v.Name)
			}
		}
	}
	return m
}()

// enumName is graphql.MarshalString(s) for s, the name of an enum's
// value: the schema's own Marshaler of it, which graphql.MarshalString
// would make anew for every field.
func enumName(s string) graphql.Marshaler {
	if m, ok := enumNames[s]; ok {
		return m
	}
	return graphql.MarshalString(s)
}

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

// fieldCtx is a context that holds a field's FieldContext, as
// graphql.WithFieldContext makes one, in one allocation where that takes
// two: the FieldContext and the context's node. graphql.GetFieldContext
// finds it by gqlgen's key (fieldContextKey). It answers RequestKey with
// the execution's value of it, rv, so that a lookup from a field's
// context stops there, not at the top of the request's contexts.
type fieldCtx struct {
	context.Context
	fc graphql.FieldContext
	rv any
}

// fieldContextKey is the key graphql.GetFieldContext asks a context for,
// which gqlgen does not export: it is read once, from the question
// GetFieldContext asks.
var fieldContextKey = func() any {
	p := &keyProbe{Context: context.Background()}
	graphql.GetFieldContext(p)
	return p.key
}()

type keyProbe struct {
	context.Context
	key any
}

func (p *keyProbe) Value(key any) any {
	p.key = key
	return nil
}

func (c *fieldCtx) Value(key any) any {
	if key == fieldContextKey {
		return &c.fc
	}
	if c.rv != nil && key == RequestKey {
		return c.rv
	}
	return c.Context.Value(key)
}

// hold makes c the context of fc under ctx, as graphql.WithFieldContext
// does, and returns it.
func (c *fieldCtx) hold(ctx context.Context, fc graphql.FieldContext, rv any) context.Context {
	fc.Parent = graphql.GetFieldContext(ctx)
	c.Context, c.fc, c.rv = ctx, fc, rv
	return c
}

// withFieldContext is graphql.WithFieldContext for a copy of fc, which it
// returns with the context.
func withFieldContext(ctx context.Context, fc *graphql.FieldContext, rv any) (context.Context, *graphql.FieldContext) {
	c := &fieldCtx{}
	c.hold(ctx, *fc, rv)
	return c, &c.fc
}

// fieldValues writes an object whose fields were resolved in order
// (graph/internal/execgen).
type fieldValues struct {
	fields []graphql.CollectedField
	values []graphql.Marshaler
}

// newFieldValues makes the fieldValues of an object with fields, its
// values in the same allocation when they are few.
func newFieldValues(fields []graphql.CollectedField) *fieldValues {
	switch n := len(fields); {
	case n <= 2:
		b := &struct {
			fieldValues
			a [2]graphql.Marshaler
		}{}
		b.fields, b.values = fields, b.a[:n]
		return &b.fieldValues
	case n <= 4:
		b := &struct {
			fieldValues
			a [4]graphql.Marshaler
		}{}
		b.fields, b.values = fields, b.a[:n]
		return &b.fieldValues
	case n <= 8:
		b := &struct {
			fieldValues
			a [8]graphql.Marshaler
		}{}
		b.fields, b.values = fields, b.a[:n]
		return &b.fieldValues
	}
	return &fieldValues{fields: fields, values: make([]graphql.Marshaler, len(fields))}
}

func (o *fieldValues) MarshalGQL(w io.Writer) {
	b, ok := w.(*bytes.Buffer)
	if !ok {
		var tmp bytes.Buffer
		o.MarshalGQL(&tmp)
		_, _ = w.Write(tmp.Bytes())
		return
	}
	// The answer is written into a bytes.Buffer (Exec): its methods
	// called directly cost a fraction of io.WriteString's.
	b.WriteByte('{')
	for i := range o.fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(o.fields[i].Alias)
		b.WriteString("\":")
		o.values[i].MarshalGQL(b)
	}
	b.WriteByte('}')
}

// fieldOut holds the values of an object resolved in order, as
// graphql.FieldSet does for gqlgen's objects: on the stack, its values in
// the object's fieldValues.
type fieldOut struct {
	Values   []graphql.Marshaler
	Invalids uint32
}

// Dispatch has nothing to do: no field was delayed.
func (fieldOut) Dispatch(context.Context) {}

// jsonString writes a String or ID from where the object holds it, as
// graphql.MarshalString writes it, without the closure MarshalString
// allocates for each string.
type jsonString string

func (s *jsonString) MarshalGQL(w io.Writer) { writeString(w, string(*s)) }

// jsonFloat writes a finite Float from where the object holds it, as
// graphql.MarshalFloatContext writes it (%g).
type jsonFloat float64

func (f *jsonFloat) MarshalGQL(w io.Writer) {
	if b, ok := w.(*bytes.Buffer); ok {
		_, _ = b.Write(strconv.AppendFloat(b.AvailableBuffer(), float64(*f), 'g', -1, 64))
		return
	}
	_, _ = io.WriteString(w, strconv.FormatFloat(float64(*f), 'g', -1, 64))
}

// writeString writes s quoted and escaped byte for byte as gqlgen's
// graphql.MarshalString does: control characters, backslash and quote
// escaped, everything else as it is (bytes of multi-byte characters, and
// invalid UTF-8, are all 0x80 or above).
func writeString(w io.Writer, s string) {
	if b, ok := w.(*bytes.Buffer); ok && plain(s) {
		b.WriteByte('"')
		b.WriteString(s)
		b.WriteByte('"')
		return
	}
	_, _ = w.Write(appendString(nil, s))
}

// plain reports whether s needs no escape.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '\\' || c == '"' {
			return false
		}
	}
	return true
}

// appendString appends s quoted and escaped to dst (writeString).
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '\\' && c != '"' {
			continue
		}
		dst = append(dst, s[start:i]...)
		switch c {
		case '\t':
			dst = append(dst, '\\', 't')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\\', '"':
			dst = append(dst, '\\', c)
		default:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// collected caches the fields an object's selection collects
// (graphql.CollectFields) by the selection's and the type's identity: the
// items of a list share one selection. gqlgen's own cache hashes the
// type's names for every object instead, and lives one request.
//
// A request's collected is its own, or its document's FieldCache, which
// every request running that parsed document shares.
type collected struct {
	mu   sync.RWMutex
	m    map[collectedKey][]graphql.CollectedField
	args map[*ast.Field]map[string]any // of fields with constant arguments
	n    int                           // fields and arguments kept
	max  int                           // kept at most; 0: no bound (one request's)
}

type collectedKey struct {
	sel       *ast.Selection
	n         int
	satisfies *string
}

func (c *collected) fields(oc *graphql.OperationContext, sel ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	if c == nil || len(sel) == 0 || len(satisfies) == 0 {
		return graphql.CollectFields(oc, sel, satisfies)
	}
	k := collectedKey{&sel[0], len(sel), &satisfies[0]}
	c.mu.RLock()
	f, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return f
	}
	f = graphql.CollectFields(oc, sel, satisfies)
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[collectedKey][]graphql.CollectedField)
	}
	if _, ok := c.m[k]; !ok && (c.max == 0 || c.n+len(f) <= c.max) {
		c.m[k] = f
		c.n += len(f)
	}
	c.mu.Unlock()
	return f
}

// constArgs returns the arguments of field that keepArgs kept. Only a
// document's FieldCache keeps any: a request's own collected would parse
// them once anyway.
func (c *collected) constArgs(field graphql.CollectedField) (map[string]any, bool) {
	if c == nil || c.max == 0 {
		return nil, false
	}
	c.mu.RLock()
	a, ok := c.args[field.Field]
	c.mu.RUnlock()
	return a, ok
}

// keepArgs keeps a, the arguments of field parsed, for the document's
// later requests, when they hold no variable: then they are the same in
// every request. Every request reads the same map and values, so it is
// kept only for a field whose arguments are scalars, enums or lists of
// them (execgen's constArgs).
func (c *collected) keepArgs(field graphql.CollectedField, a map[string]any) {
	if c == nil || c.max == 0 || field.Field == nil || !constant(field.Arguments) {
		return
	}
	c.mu.Lock()
	if c.args == nil {
		c.args = make(map[*ast.Field]map[string]any)
	}
	if _, ok := c.args[field.Field]; !ok && c.n < c.max {
		c.args[field.Field] = a
		c.n++
	}
	c.mu.Unlock()
}

// constant reports whether args hold no variable.
func constant(args ast.ArgumentList) bool {
	for _, a := range args {
		if !constantValue(a.Value) {
			return false
		}
	}
	return true
}

func constantValue(v *ast.Value) bool {
	if v == nil {
		return true
	}
	if v.Kind == ast.Variable {
		return false
	}
	for _, c := range v.Children {
		if !constantValue(c.Value) {
			return false
		}
	}
	return true
}

// FieldCache keeps, across requests, the fields collected from the
// selections of one parsed document. Fields are collected by the
// selections' identity, so a FieldCache must live no longer than the
// document it was made for (the entry of a cache of parsed documents),
// and serve only that document. And since @skip, @include and @defer
// make what a selection collects depend on the request's variables, it
// must serve only a document that has none of them.
type FieldCache struct{ c collected }

// NewFieldCache returns a FieldCache keeping at most n collected fields (at
// least 1); past it, a request collects its own.
func NewFieldCache(n int) *FieldCache { return &FieldCache{c: collected{max: max(n, 1)}} }

// Len reports how many collected fields fc keeps.
func (fc *FieldCache) Len() int {
	fc.c.mu.RLock()
	defer fc.c.mu.RUnlock()
	return fc.c.n
}

type fieldCacheKey struct{}

// WithFieldCache makes fc the cache of collected fields of the request
// run under ctx: see FieldCache for when that is right.
func WithFieldCache(ctx context.Context, fc *FieldCache) context.Context {
	return context.WithValue(ctx, fieldCacheKey{}, fc)
}

// collectedFor is the request's collected: its FieldCache, or own, the
// request's own (held in its execution context, so no allocation).
func collectedFor(ctx context.Context, own *collected) *collected {
	if fc, ok := ctx.Value(fieldCacheKey{}).(*FieldCache); ok && fc != nil {
		return &fc.c
	}
	return own
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
