package resolvers_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/resolvers"
)

// BenchmarkQMix runs the Q-mix queries of the peer comparison
// (benchmarks/queries, benchmarks/compare.sh) through the GraphQL handler
// on the ISS dataset, without the network: what issgraph itself costs per
// query, and where (-cpuprofile, -memprofile).
func BenchmarkQMix(b *testing.B) {
	files, err := filepath.Glob("../benchmarks/queries/*.graphql")
	if err != nil || len(files) == 0 {
		b.Fatalf("no queries: %v", err)
	}
	h := resolvers.NewHandler(seededStore(b), resolvers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for _, f := range files {
		q, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := json.Marshal(map[string]string{"query": string(q)})
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
			// What gqlgen starts per request: a goroutine per item of a
			// list of objects, and per resolver field of an object.
			metrics.Read(created)
			b.ReportMetric(float64(created[0].Value.Uint64()-before)/float64(b.N), "goroutines/op")
		})
	}
}
