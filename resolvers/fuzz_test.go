package resolvers_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph/teststore"
	"github.com/issgraph/issgraph/resolvers"
)

// documentedCodes are the values of extensions.code the README's table
// lists; INTERNAL is left out on purpose: it means a bug.
var documentedCodes = []string{
	"BAD_USER_INPUT", "NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED", "UNAVAILABLE",
	"BAD_REQUEST", "PAYLOAD_TOO_LARGE", "COMPLEXITY_LIMIT_EXCEEDED", "PERSISTED_QUERY_NOT_FOUND",
	"GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED",
}

// FuzzGraphQLDocuments sends documents (and variables) to the endpoint:
// whatever they are, the answer is a GraphQL-shaped JSON body with a 2xx or
// 4xx status, every error carries a documented code, none is INTERNAL, and
// nothing is logged as an error. No key is configured, so no mutation
// writes. The seeds are in testdata/fuzz/FuzzGraphQLDocuments.
func FuzzGraphQLDocuments(f *testing.F) {
	f.Add(`{ node(id: "agency/europol") { id name relationships { type other { id } } } }`, ``)
	f.Add(`query($id: ID!) { node(id: $id) { id } }`, `{"id": "agency/europol"}`)
	var logs syncBuffer
	h := resolvers.NewHandler(teststore.Fresh(f, apply(fixture())), resolvers.Options{
		Logger: slog.New(slog.NewTextHandler(&logs, nil)),
	})
	f.Fuzz(func(t *testing.T, query, variables string) {
		body := map[string]any{"query": query}
		if json.Valid([]byte(variables)) {
			body["variables"] = json.RawMessage(variables)
		}
		b, err := json.Marshal(body)
		if err != nil {
			t.Skip() // not a body a client can send
		}
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 || rec.Code == http.StatusOK && rec.Body.Len() == 0 {
			t.Fatalf("status %d: %.500s", rec.Code, rec.Body)
		}
		var res struct {
			Data   json.RawMessage `json:"data"`
			Errors []gqlError      `json:"errors"`
		}
		if err := json.NewDecoder(io.LimitReader(rec.Body, 64<<20)).Decode(&res); err != nil {
			t.Fatalf("the answer is not JSON: %v", err)
		}
		for _, e := range res.Errors {
			if !slices.Contains(documentedCodes, e.code()) {
				t.Fatalf("error with code %q: %+v", e.code(), e)
			}
		}
		if l := logs.String(); strings.Contains(l, "level=ERROR") {
			t.Fatalf("logged an error:\n%.2000s", l)
		}
	})
}
