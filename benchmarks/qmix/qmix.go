// Package qmix runs the Q-mix queries of the peer comparison
// (benchmarks/queries, benchmarks/compare.sh) through an http.Handler in a
// benchmark, without the network: the one loop that the GraphQL handler's,
// the served stack's and the plain handler's benchmarks share, so that
// their figures compare.
package qmix

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"testing"
)

// Bench runs each query file of dir (*.graphql, one sub-benchmark per
// file, named after it) as a POST to /graphql through h, and fails on an
// answer that is not 200 or carries errors. It reports the goroutines
// started per request, which gqlgen once started per list item.
func Bench(b *testing.B, h http.Handler, dir string) {
	files, err := filepath.Glob(filepath.Join(dir, "*.graphql"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no queries in %s: %v", dir, err)
	}
	for _, f := range files {
		q, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		body, err := json.Marshal(map[string]string{"query": string(q)})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(filepath.Base(f), ".graphql"), func(b *testing.B) {
			b.ReportAllocs()
			created := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
			metrics.Read(created)
			before := created[0].Value.Uint64()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
				req.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK || strings.Contains(w.Body.String(), `"errors"`) {
					b.Fatalf("%s: %d %s", f, w.Code, w.Body.String())
				}
			}
			metrics.Read(created)
			b.ReportMetric(float64(created[0].Value.Uint64()-before)/float64(b.N), "goroutines/op")
		})
	}
}
