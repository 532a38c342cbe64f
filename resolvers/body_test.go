package resolvers

import (
	"reflect"
	"testing"
)

var bodySeeds = []string{
	`{"query":"{ stats { nodes } }"}`,
	"{\"query\":\"{\\n  objective(id: \\\"objective/iss-so4\\\") {\\n    name\\n  }\\n}\\n\"}",
	` { "query" : "query Q($n: Int) { x }" , "operationName" : "Q", "variables" : {"n": 3, "s": "a}\"]"}, "extensions": null } `,
	`{"query":"q","variables":{"a":[1,{"b":"c"}],"d":1.5e3}}`,
	`{"query":"q","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}`,
	`{"query":null,"operationName":null,"variables":null}`,
	`{}`,
	`{"query":"\u00e9t\u00e9"}`,
	`{"query":"été \t\/\\\b\f\r"}`,
	`{"query":"a","query":"b"}`,
	`{"Query":"q"}`,
	`{"query":"q","other":1}`,
	`{"query":1}`,
	`{"variables":[1]}`,
	`{"variables":{"a":}}`,
	`{"variables":{"a":1}}}`,
	`{"query":"q"} x`,
	`{"query":"q"`,
	`{"query":"a` + "\xff" + `"}`,
	`{"query":"a\"` + "\xff" + `"}`,
	"{\"query\":\"a\x01\"}",
	`[{"query":"q"}]`,
	``,
	`nul`,
	`{"query":"q",}`,
	`{"query":"\ud800"}`,
}

// TestScanBody holds the fast decoder to encoding/json's on the bodies
// clients send and on ones it must leave to it.
func TestScanBody(t *testing.T) {
	fast := 0
	for _, b := range bodySeeds {
		if sameBody(t, []byte(b)) {
			fast++
		}
	}
	// The usual bodies must take the fast path, or it is dead code.
	if fast < 8 {
		t.Errorf("only %d of the seeds were scanned", fast)
	}
	for _, b := range bodySeeds[:6] {
		if _, ok := scanBody([]byte(b)); !ok {
			t.Errorf("not scanned: %s", b)
		}
	}
}

func FuzzScanBody(f *testing.F) {
	for _, b := range bodySeeds {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, b []byte) { sameBody(t, b) })
}

// sameBody checks that what scanBody accepts, encoding/json decodes alike,
// and reports whether scanBody accepted it.
func sameBody(t *testing.T, b []byte) bool {
	t.Helper()
	p, ok := scanBody(b)
	if !ok {
		return false
	}
	want, err := decodeBodyJSON(b)
	if err != nil {
		t.Fatalf("%q: scanned, but encoding/json refuses it: %v", b, err)
	}
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("%q: scanned %+v, encoding/json %+v", b, p, want)
	}
	return true
}
