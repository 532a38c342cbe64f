package neo4jstore

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/graph"
)

var pathStatements = []string{"shortest_paths_out", "shortest_paths_in", "shortest_paths_both"}

// TestPathStatementsBound: a variable-length bound cannot be a parameter,
// so each shortest_paths statement bounds its pattern by graph.MaxDepthCap,
// the deepest any configuration allows, and leaves $maxDepth to a filter.
// A lower literal would miss paths a raised cap allows.
func TestPathStatementsBound(t *testing.T) {
	cat, err := statements()
	if err != nil {
		t.Fatal(err)
	}
	bound := regexp.MustCompile(`\[\*\.\.(\d+)\]`)
	for _, name := range pathStatements {
		st, err := cat.get(name)
		if err != nil {
			t.Fatal(err)
		}
		m := bound.FindAllStringSubmatch(st.text, -1)
		if len(m) != 1 {
			t.Fatalf("%s: %d variable-length patterns, want 1", name, len(m))
		}
		if n, _ := strconv.Atoi(m[0][1]); n != graph.MaxDepthCap {
			t.Errorf("%s: bound %d, want graph.MaxDepthCap = %d", name, n, graph.MaxDepthCap)
		}
		if !strings.Contains(st.text, "length(p) <= $maxDepth") {
			t.Errorf("%s: no filter by $maxDepth", name)
		}
	}
}

// TestLivePathPlans: a shortest-path statement finds its ends on the id
// constraint's index and runs one ShortestPath search that checks the edge
// types on each step; no exhaustive fallback (a VarLengthExpand beside it),
// and no label scan.
func TestLivePathPlans(t *testing.T) {
	s := liveStore(t)
	for _, types := range [][]string{nil, {string(graph.Cites), string(graph.RelatedTo)}} {
		params := map[string]any{"from": "document/a", "to": "document/b", "types": types, "maxDepth": int64(3), "limit": int64(1001)}
		for _, key := range pathStatements {
			ops := planOf(t, s, key, params)
			t.Logf("%s %v: %v", key, types, ops)
			if !slices.Contains(ops, "ShortestPath") || !slices.Contains(ops, "NodeUniqueIndexSeek") {
				t.Errorf("%s: plan %v, want ShortestPath and NodeUniqueIndexSeek", key, ops)
			}
			for _, op := range ops {
				if strings.HasPrefix(op, "VarLengthExpand") || op == "AntiConditionalApply" || op == "NodeByLabelScan" || op == "AllNodesScan" {
					t.Errorf("%s: plan %v has %s", key, ops, op)
				}
			}
		}
	}
}
