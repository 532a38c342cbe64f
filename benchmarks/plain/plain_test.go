package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/seed"
)

// BenchmarkPlain runs the Q-mix queries through the plain handler, without
// the network: the floor resolvers.BenchmarkQMix is compared with.
func BenchmarkPlain(b *testing.B) {
	s := embedded.Memory()
	if _, err := seed.Load(context.Background(), s, seed.Options{}); err != nil {
		b.Fatal(err)
	}
	dir := "../queries"
	h, err := newHandler(s, dir)
	if err != nil {
		b.Fatal(err)
	}
	names := make([]string, 0, len(answers))
	for name := range answers {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		q, err := os.ReadFile(filepath.Join(dir, name+".graphql"))
		if err != nil {
			b.Fatal(err)
		}
		body, _ := json.Marshal(map[string]string{"query": string(q)})
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", name, w.Code, w.Body.String())
				}
			}
		})
	}
}
