package resolvers

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
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

	// A level's plan is kept with the document too (planOf), and serves
	// its next request.
	const rels = `{ node(id: "agency/europol") { ... on Agency { relationships { type } } } }`
	wantRels := `{"data":{"node":{"relationships":[]}}}`
	for range 2 {
		if got := run(rels, nil); got != wantRels {
			t.Fatalf("got %s, want %s", got, wantRels)
		}
	}
	pr, ok := h.queries.Peek(rels)
	plans := 0
	if ok {
		pr.plans.Range(func(any, any) bool { plans++; return true })
	}
	if plans != 1 {
		t.Errorf("the cached document keeps %d plans after two requests, want 1", plans)
	}

	// Arguments are kept with the document when constant (keepArgs), so
	// one taken from a variable must still follow each request's.
	const byVar = `query($id: ID!) { node(id: $id) { id name } }`
	for _, c := range []struct{ id, want string }{
		{"agency/europol", want},
		{"agency/none", `{"data":{"node":null}}`},
		{"agency/europol", want},
	} {
		if got := run(byVar, map[string]any{"id": c.id}); got != c.want {
			t.Errorf("id %s: got %s, want %s", c.id, got, c.want)
		}
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

// Requests running one document at once share its FieldCache: each
// answers as the document's first request did (and, under -race, without
// a data race).
func TestFieldCacheSharedAtOnce(t *testing.T) {
	s := embedded.Memory()
	defer s.Close()
	for _, n := range []graph.Node{
		{ID: "agency/europol", Kind: graph.Agency, Name: "Europol"},
		{ID: "agency/frontex", Kind: graph.Agency, Name: "Frontex"},
	} {
		if err := s.CreateNode(t.Context(), n); err != nil {
			t.Fatal(err)
		}
	}
	h := NewHandler(s, Options{})
	const query = `{ a: node(id: "agency/europol") { ...f } b: node(id: "agency/frontex") { ...f } }
fragment f on Node { id ... on Agency { name kind } }`
	run := func() string {
		b, _ := json.Marshal(map[string]any{"query": query})
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(b)))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Body.String()
	}
	want := run()
	if !strings.Contains(want, `"name":"Frontex"`) {
		t.Fatalf("the first answer: %s", want)
	}
	h.queries.Clear() // so that the requests below fill the cache together
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				if got := run(); got != want {
					t.Errorf("got %s, want %s", got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// A request looks its document up in the query cache once, whatever
// number of steps need it (queryCache.lookup): one miss for the first,
// one hit for each after.
func TestQueryLookedUpOncePerRequest(t *testing.T) {
	s := embedded.Memory()
	defer s.Close()
	h := NewHandler(s, Options{})
	for range 3 {
		req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(`{"query": "{ stats { nodes } }"}`))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != http.StatusOK || strings.Contains(w.Body.String(), `"errors"`) {
			t.Fatalf("%d %s", w.Code, w.Body)
		}
	}
	if st := h.queries.Stats(); st.Misses != 1 || st.Hits != 2 {
		t.Errorf("three requests of one document: %d misses, %d hits; want 1 and 2", st.Misses, st.Hits)
	}
}
