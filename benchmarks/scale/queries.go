package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/traverse"
	"github.com/issgraph/issgraph/resolvers"
)

// recorder collects the table's rows, each with the CPU time the process
// used since the previous one.
type recorder struct {
	rows []row
	cpu0 time.Duration
}

func newRecorder() *recorder { return &recorder{cpu0: cpuTime()} }

// restart makes the next row's CPU time count from now, leaving out the
// work done since the last row (listing the ids of the starts, say).
func (r *recorder) restart() { r.cpu0 = cpuTime() }

// add records a figure and the CPU time the process used since the last
// one, over ops operations.
func (r *recorder) add(what string, ops int, format string, args ...any) {
	c := cpuTime()
	w := row{what, fmt.Sprintf(format, args...), round((c - r.cpu0) / time.Duration(max(ops, 1)))}
	r.cpu0 = c
	r.rows = append(r.rows, w)
	fmt.Fprintf(os.Stderr, "%s: %s (CPU %s)\n", what, w.value, w.cpu)
}

// table is the markdown table of the rows under header, and the line that
// says when, where and how it was measured.
func (r *recorder) table(header, command, load0 string) string {
	var b strings.Builder
	b.WriteString(header + "\n| --- | ---: | ---: |\n")
	for _, w := range r.rows {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", w.what, w.value, w.cpu)
	}
	fmt.Fprintf(&b, "\n- measured: `%s`, %s, %d CPUs, GOMAXPROCS %d, load average before and after %s and %s; command: `%s`\n",
		time.Now().UTC().Format(time.RFC3339), runtime.Version(), runtime.NumCPU(), runtime.GOMAXPROCS(0), load0, loadavg(), command)
	return b.String()
}

// queries takes the figures both stores share, on a store that holds the
// generated graph: lookups by reference (of refs), counts, PageRank (its
// row named rankLabel), the walks from and between random ids, and the
// depth-3 GraphQL query through the handler.
func queries(ctx context.Context, s graph.Store, rec *recorder, ids, refs []string, starts int, rankLabel string) error {
	add := rec.add
	rng := rand.New(rand.NewPCG(1, 2))

	// Lookup by reference, as document(reference:) makes it.
	lat := make([]time.Duration, 0, starts)
	for range starts {
		r := refs[rng.IntN(len(refs))]
		t0 := time.Now()
		p, err := s.ListNodes(ctx, graph.ListQuery{Kind: graph.Document, Filter: graph.Filter{Reference: r}, First: graph.MaxPageSize, NoTotal: true})
		lat = append(lat, time.Since(t0))
		if err != nil || len(p.Nodes) == 0 {
			return fmt.Errorf("lookup %q: %d nodes, %v", r, len(p.Nodes), err)
		}
	}
	add("lookup by reference (`ListNodes` with `Filter.Reference`), p50 / p99", starts, "%s / %s", pct(lat, .5), pct(lat, .99))

	// Counts, as stats { nodes edges } asks for them.
	lat = lat[:0]
	for range 20 {
		t0 := time.Now()
		if _, err := s.Count(ctx); err != nil {
			return err
		}
		lat = append(lat, time.Since(t0))
	}
	add("counts (`Count`), p50", 20, "%s", pct(lat, .5))

	// PageRank: the first call after opening.
	t0 := time.Now()
	if _, err := s.Rank(ctx, graph.RankQuery{Measure: graph.MeasurePageRank}); err != nil {
		return err
	}
	add(rankLabel, 1, "%s", round(time.Since(t0)))

	// Neighbourhood depth 2 from random nodes.
	stop, err := profiled("walks")
	if err != nil {
		return err
	}
	lat = lat[:0]
	for range starts {
		q := graph.NeighbourhoodQuery{ID: ids[rng.IntN(len(ids))], Depth: 2, Limit: graph.DefaultSubgraphLimit}
		t0 := time.Now()
		if _, err := traverse.Neighbourhood(ctx, s, q, graph.Limits{}); err != nil {
			return err
		}
		lat = append(lat, time.Since(t0))
	}
	add(fmt.Sprintf("neighbourhood depth 2, limit %d, %d random starts: p50 / p95 / p99", graph.DefaultSubgraphLimit, starts), starts,
		"%s / %s / %s", pct(lat, .5), pct(lat, .95), pct(lat, .99))

	// Shortest paths between random pairs, up to 6 steps.
	lat = lat[:0]
	found := 0
	for range starts {
		q := graph.PathQuery{From: ids[rng.IntN(len(ids))], To: ids[rng.IntN(len(ids))], MaxDepth: 6, Limit: 1}
		t0 := time.Now()
		ps, err := traverse.ShortestPaths(ctx, s, q, graph.Limits{MaxDepth: 6})
		if err != nil {
			return err
		}
		lat = append(lat, time.Since(t0))
		if len(ps) > 0 {
			found++
		}
	}
	stop()
	add(fmt.Sprintf("shortest path, maxDepth 6, %d random pairs (%d joined): p50 / p99", starts, found), starts,
		"%s / %s", pct(lat, .5), pct(lat, .99))

	// The natural analyst query of depth 3 over a page of 20, through
	// the GraphQL handler with its default limits.
	h3 := resolvers.NewHandler(s, resolvers.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	body, err := json.Marshal(map[string]string{"query": depth3})
	if err != nil {
		return err
	}
	lat = lat[:0]
	size, verdict := 0, "answered"
	for range 20 {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		t0 := time.Now()
		h3.ServeHTTP(w, req)
		lat = append(lat, time.Since(t0))
		var res struct {
			Errors []struct {
				Extensions map[string]any `json:"extensions"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
			return fmt.Errorf("depth 3: %w", err)
		}
		size = w.Body.Len()
		if w.Code != http.StatusOK || len(res.Errors) > 0 {
			verdict = fmt.Sprintf("refused (%d, %v)", w.Code, res.Errors[0].Extensions)
		}
	}
	add("a depth-3 query over a page of 20 (`benchmarks/scale/depth3.graphql`) through the GraphQL handler, default limits: p50", 20,
		"%s, %s, %d KB", pct(lat, .5), verdict, size>>10)
	return nil
}
