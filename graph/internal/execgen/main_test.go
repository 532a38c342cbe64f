package main

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// The patches apply to the gqlgen that go.mod requires: each text is
// found exactly once, and the result no longer has what it replaced.
func TestPatchesApplyToGqlgen(t *testing.T) {
	dir, err := codegenDir()
	if err != nil {
		t.Fatal(err)
	}
	got, err := patchedTemplates(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range singleFile {
		if got[name] == nil {
			t.Errorf("template %s missing", name)
		}
	}
	for _, p := range patches {
		b := string(got[p.file].Data)
		if !strings.Contains(b, p.new) {
			t.Errorf("%s lacks the replacement", p.file)
		}
	}
	if strings.Contains(string(got["type.gotpl"].Data), "MarshalSliceConcurrently") {
		t.Error("type.gotpl still marshals lists concurrently")
	}
}

// A template that changed upstream stops the generation, naming it.
func TestPatchesRefuseChangedTemplates(t *testing.T) {
	base := fstest.MapFS{}
	for _, name := range singleFile {
		base[name] = &fstest.MapFile{}
	}
	texts := map[string]string{}
	for _, p := range patches {
		texts[p.file] += " " + p.old + " "
	}
	for file, text := range texts {
		base[file] = &fstest.MapFile{Data: []byte(text)}
	}
	if _, err := patchedTemplates(base); err != nil {
		t.Fatalf("each text once: %v", err)
	}
	for _, p := range patches {
		for name, data := range map[string]string{
			"missing": "",
			"twice":   p.old + p.old,
		} {
			fs := fstest.MapFS{}
			for k, v := range base {
				fs[k] = v
			}
			fs[p.file] = &fstest.MapFile{Data: []byte(strings.Replace(texts[p.file], p.old, data, 1))}
			_, err := patchedTemplates(fs)
			if err == nil || !strings.Contains(err.Error(), p.file) {
				t.Errorf("%s %s: err = %v, want one naming the template", p.file, name, err)
			}
		}
	}
	delete(base, "field.gotpl")
	if _, err := patchedTemplates(base); err == nil || !strings.Contains(err.Error(), "field.gotpl") {
		t.Errorf("missing template: err = %v", err)
	}
}
