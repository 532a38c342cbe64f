package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = `goversion: go version go1.26.8 linux/amd64
gomaxprocs: 2
unknown: ignored
goos: linux
goarch: amd64
pkg: github.com/issgraph/issgraph/graph/embedded
cpu: AMD EPYC
BenchmarkSearch/iss/phrase-2         	    1000	    3000 ns/op	    512 B/op	     7 allocs/op
BenchmarkSearch/iss/phrase-2         	    1000	    1000 ns/op	    256 B/op	     5 allocs/op
BenchmarkSearch/iss/phrase-2         	    1000	    2000 ns/op	    128 B/op	     6 allocs/op
BenchmarkRank/iss/pagerank/cold-2
    analysis_bench_test.go:10: a log line
BenchmarkRank/iss/pagerank/cold-2    	      10	  150 ns/op	  10 B/op	  1 allocs/op
BenchmarkRank/iss/pagerank/cold-2    	      10	  120.5 ns/op	  11 B/op	  2 allocs/op
--- FAIL: BenchmarkTimeline/iss/procedure
    analysis_bench_test.go:20: not implemented yet
--- SKIP: BenchmarkLoad/generated100k
--- FAIL: BenchmarkTimeline/iss/procedure
--- FAIL: BenchmarkTimeline/iss
--- FAIL: BenchmarkTimeline
PASS
`

func TestTable(t *testing.T) {
	var out bytes.Buffer
	if err := run("", nil, strings.NewReader(sample), &out); err != nil {
		t.Fatal(err)
	}
	want := "| benchmark | runs | time/op | ns/op | B/op | allocs/op |\n" +
		"| --- | ---: | ---: | ---: | ---: | ---: |\n" +
		"| `Search/iss/phrase` | 3 | 2 µs | 2000 | 256 | 6 |\n" +
		"| `Rank/iss/pagerank/cold` | 2 | 135 ns | 135.25 | 10.5 | 1.5 |\n" +
		"\nNot measured:\n\n" +
		"- fail BenchmarkTimeline/iss/procedure\n" +
		"- skip BenchmarkLoad/generated100k\n" +
		"\n- Go: `go version go1.26.8 linux/amd64`\n" +
		"- GOMAXPROCS: `2`\n"
	if got := out.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{5}, 5},
		{[]float64{9, 1, 5}, 5},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{7, 7, 1, 100, 7}, 7},
	} {
		if got, ok := median(tc.in); !ok || got != tc.want {
			t.Errorf("median(%v) = %v, %v; want %v", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := median(nil); ok {
		t.Error("median(nil) reports a value")
	}
}

func TestDuration(t *testing.T) {
	for ns, want := range map[float64]string{
		12.5: "12.5 ns", 1500: "1.5 µs", 2_345_678: "2.35 ms", 16_922_360_751: "16.9 s",
	} {
		if got := duration(ns); got != want {
			t.Errorf("duration(%v) = %q, want %q", ns, got, want)
		}
	}
}

func TestSpliceMarkdown(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "perf.md")
	raw := filepath.Join(dir, "raw.txt")
	doc := "# Perf\n\nintro\n\n" + startMarker + "\nold table\n" + endMarker + "\n\nafter\n"
	if err := os.WriteFile(md, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(raw, []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(md, []string{raw}, nil, nil); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(md)
	s := string(got)
	if strings.Contains(s, "old table") || !strings.Contains(s, "- raw output: `"+raw+"`\n") || !strings.Contains(s, "| `Search/iss/phrase` | 3 |") ||
		!strings.HasPrefix(s, "# Perf\n\nintro\n\n"+startMarker+"\n| benchmark") || !strings.HasSuffix(s, endMarker+"\n\nafter\n") {
		t.Errorf("spliced file:\n%s", s)
	}
	// Running again gives the same file.
	if err := run(md, []string{raw}, nil, nil); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(md)
	if string(again) != s {
		t.Errorf("a second run changed the file:\n%s", again)
	}
}

func TestRefuses(t *testing.T) {
	if err := run("", nil, strings.NewReader("PASS\nok x 1s\n"), &bytes.Buffer{}); err == nil {
		t.Error("no results: want an error")
	}
	if _, err := splice("no markers here", "table"); err == nil {
		t.Error("no markers: want an error")
	}
	if _, err := splice(endMarker+"\n"+startMarker, "table"); err == nil {
		t.Error("markers out of order: want an error")
	}
}
