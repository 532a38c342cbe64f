package resolvers

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
)

// The fields a cached document's selections collect are kept with it for
// the requests that run it again, unless a directive makes them depend on
// the request: then each request collects its own, and answers by its
// own variables.
func TestFieldCacheFollowsTheDocument(t *testing.T) {
	s := embedded.Memory()
	defer s.Close()
	if err := s.CreateNode(t.Context(), graph.Node{ID: "agency/europol", Kind: graph.Agency, Name: "Europol"}); err != nil {
		t.Fatal(err)
	}
	h := NewHandler(s, Options{})
	run := func(query string, vars map[string]any) string {
		t.Helper()
		b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(b)))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", query, w.Code, w.Body)
		}
		return w.Body.String()
	}

	const plain = `{ node(id: "agency/europol") { id name } }`
	want := `{"data":{"node":{"id":"agency/europol","name":"Europol"}}}`
	if got := run(plain, nil); got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	p, ok := h.queries.Peek(plain)
	if !ok || p.fields == nil || p.fields.Len() == 0 {
		t.Fatalf("after one request the cached document keeps no collected fields (%v)", p)
	}
	kept := p.fields.Len()
	if got := run(plain, nil); got != want || p.fields.Len() != kept {
		t.Errorf("again: %s, %d fields kept (was %d)", got, p.fields.Len(), kept)
	}

	const skip = `query($full: Boolean!) { node(id: "agency/europol") { id name @include(if: $full) } }`
	for _, c := range []struct {
		full bool
		want string
	}{
		{true, want},
		{false, `{"data":{"node":{"id":"agency/europol"}}}`},
		{true, want},
	} {
		if got := run(skip, map[string]any{"full": c.full}); got != c.want {
			t.Errorf("full=%v: got %s, want %s", c.full, got, c.want)
		}
	}
	if p, ok := h.queries.Peek(skip); !ok || p.fields != nil {
		t.Errorf("a document with @include keeps collected fields across requests (%v, %v)", ok, p)
	}
}
