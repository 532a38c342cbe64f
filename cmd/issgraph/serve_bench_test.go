package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/cmd/issgraph/ops"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/seed"
)

// BenchmarkServeQMix runs the Q-mix queries of the peer comparison
// (benchmarks/compare.sh) through everything serve puts in front of the
// GraphQL handler, as configured by default: the access log at info into
// the buffered writer, metrics, request ids, CORS, the guard and the
// request timeout. resolvers.BenchmarkQMix measures the handler alone; the
// difference is what the service's own plumbing costs per request.
func BenchmarkServeQMix(b *testing.B) {
	files, err := filepath.Glob("../../benchmarks/queries/*.graphql")
	if err != nil || len(files) == 0 {
		b.Fatalf("no queries: %v", err)
	}
	cfg, err := parseConfig("serve", []string{"--memory", "--rate-limit", "0"}, getenv(nil), io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	s := embedded.Memory()
	if _, err := seed.Load(b.Context(), s, seed.Options{}); err != nil {
		b.Fatal(err)
	}
	log, closeLog := bufferedLogger(cfg, io.Discard, logFlushEvery)
	defer closeLog()
	m := ops.NewMetrics("bench", "")
	h := newHandler(ops.InstrumentStore(s, cfg.Store, m, nil), cfg, log, newLifecycle(), observability{metrics: m})
	for _, f := range files {
		q, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := json.Marshal(map[string]string{"query": string(q)})
		b.Run(strings.TrimSuffix(filepath.Base(f), ".graphql"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(string(body)))
				req.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK || strings.Contains(w.Body.String(), `"errors"`) {
					b.Fatalf("%s: %d %s", f, w.Code, w.Body.String())
				}
			}
		})
	}
}
