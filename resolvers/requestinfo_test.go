package resolvers_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/resolvers"
)

// The API fills in the RequestInfo the server hands it: the operation's
// name, the code of the first error, and the request id in every error.
func TestRequestInfo(t *testing.T) {
	s := embedded.Memory()
	t.Cleanup(func() { s.Close() })
	h := resolvers.NewHandler(s, resolvers.Options{APIKeys: []string{testKey}})

	tests := []struct {
		name string
		body string
		op   string
		code string
	}{
		{"a named query", `{"query": "query Counts { stats { nodes } }"}`, "Counts", ""},
		{"anonymous", `{"query": "{ stats { nodes } }"}`, "", ""},
		{"the operation chosen", `{"query": "query A { stats { nodes } } query B { stats { edges } }", "operationName": "B"}`, "B", ""},
		{"refused by the parser: the name sent", `{"query": "query Broken { stats", "operationName": "Broken"}`, "Broken", "GRAPHQL_PARSE_FAILED"},
		{"a resolver's error", `{"query": "mutation Drop { deleteNode(id: \"agency/x\") }"}`, "Drop", resolvers.CodeForbidden},
		{"a bad argument", `{"query": "query Bad { node(id: 3) { id } }"}`, "Bad", ""},
	}
	for _, tt := range tests {
		info := &resolvers.RequestInfo{ID: "rid-" + tt.name}
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(tt.body))
		req.Header.Set("Content-Type", "application/json")
		req = req.WithContext(resolvers.WithRequestInfo(req.Context(), info))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var res struct {
			Errors []struct{ Extensions map[string]any }
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatalf("%s: %v: %s", tt.name, err, rec.Body)
		}
		if info.Operation() != tt.op {
			t.Errorf("%s: operation %q, want %q", tt.name, info.Operation(), tt.op)
		}
		wantCode := tt.code
		if len(res.Errors) > 0 {
			wantCode, _ = res.Errors[0].Extensions["code"].(string)
		}
		if info.Code() != wantCode || (tt.code != "" && wantCode != tt.code) {
			t.Errorf("%s: code %q, answer's first code %q, want %q", tt.name, info.Code(), wantCode, tt.code)
		}
		for _, e := range res.Errors {
			if e.Extensions["requestId"] != info.ID {
				t.Errorf("%s: an error without the request id: %v", tt.name, e.Extensions)
			}
		}
	}

	// Without a RequestInfo (a handler used on its own), errors have no
	// requestId and nothing fails.
	req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": "mutation { deleteNode(id: \"agency/x\") }"}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if strings.Contains(rec.Body.String(), "requestId") || !strings.Contains(rec.Body.String(), resolvers.CodeForbidden) {
		t.Errorf("without a RequestInfo: %s", rec.Body)
	}
}

// The first error's code is kept, whatever comes after.
func TestRequestInfoKeepsTheFirstCode(t *testing.T) {
	var info resolvers.RequestInfo
	info.NoteCode("")
	info.NoteCode(resolvers.CodeNotFound)
	info.NoteCode(resolvers.CodeInternal)
	if info.Code() != resolvers.CodeNotFound {
		t.Errorf("code %q, want the first, %s", info.Code(), resolvers.CodeNotFound)
	}
}

// Keyring tells the server's rate limiter which configured key a request
// presents, and nothing for any other.
func TestKeyring(t *testing.T) {
	k := resolvers.NewKeyring([]string{"key-one", " ", "key-two"})
	for presented, want := range map[string]int{"key-one": 0, "key-two": 1, "key-three": -1, "": -1, "key-on": -1} {
		if got := k.Index(presented); got != want {
			t.Errorf("Index(%q) = %d, want %d", presented, got, want)
		}
	}
	if got := resolvers.NewKeyring(nil).Index("key-one"); got != -1 {
		t.Errorf("no keys configured: Index = %d", got)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
	req.Header.Set("Authorization", "Bearer key-two")
	if got := resolvers.PresentedKey(req); got != "key-two" {
		t.Errorf("PresentedKey = %q", got)
	}
}
