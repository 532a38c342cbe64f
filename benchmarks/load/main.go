// Command load drives the performance comparison (benchmarks/compare.sh):
//
//	load run -server NAME -url URL -query FILE [-c 8] [-d 5s] [-warmup 1s] [-out FILE]
//	    keeps c connections busy POSTing the query for d after a warm-up,
//	    and appends one JSON line (throughput, p50, p99) to -out;
//	load check -queries DIR NAME=URL...
//	    asks every server every query once and fails unless each answer
//	    has no errors and the same `data` as the first server's;
//
//	A query is a file NAME.graphql; a server whose dialect differs (the
//	Neo4j GraphQL Library's) has its own text of it in NAME.SERVER.graphql,
//	and its answer must still hold the same data.
//	load table -results FILE -md FILE [-section NAME] [-base issgraph] [-peer apollo] [-floor plain]
//	    writes the table of the results into the markdown file between
//	    <!-- NAME:start --> and <!-- NAME:end -->.
//
// A small Go client rather than a tool from a registry, so that it runs
// wherever Go does and measures exactly what the table reports: the time
// from writing a request to reading the whole answer, per request.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/issgraph/issgraph/benchmarks/internal/markdown"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: load run|check|table [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "run":
		err = run(os.Args[2:])
	case "check":
		err = check(os.Args[2:])
	case "table":
		err = table(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// result is one run of one query against one server.
type result struct {
	Server   string  `json:"server"`
	Query    string  `json:"query"`
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	Seconds  float64 `json:"seconds"`
	RPS      float64 `json:"rps"`
	P50      float64 `json:"p50_ms"`
	P99      float64 `json:"p99_ms"`
}

// queryFor is the file of the query in file that server answers: where
// a server has a dialect of its own, NAME.SERVER.graphql beside NAME.graphql.
func queryFor(file, server string) string {
	own := strings.TrimSuffix(file, ".graphql") + "." + server + ".graphql"
	if _, err := os.Stat(own); err == nil {
		return own
	}
	return file
}

// isQuery tells a query file (NAME.graphql) from a server's dialect of one.
func isQuery(file string) bool {
	return !strings.Contains(strings.TrimSuffix(filepath.Base(file), ".graphql"), ".")
}

func body(file string) ([]byte, error) {
	q, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]string{"query": string(q)})
}

func client(conns int) *http.Client {
	return &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns, DisableCompression: true,
	}}
}

func post(c *http.Client, url string, b []byte) ([]byte, error) {
	resp, err := c.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("status %d: %.200s", resp.StatusCode, out)
	}
	return out, err
}

func run(args []string) error {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	server := fs.String("server", "", "server name for the table")
	url := fs.String("url", "", "GraphQL endpoint")
	query := fs.String("query", "", "query file")
	conns := fs.Int("c", 8, "connections")
	dur := fs.Duration("d", 5*time.Second, "measured duration")
	warm := fs.Duration("warmup", time.Second, "unmeasured warm-up")
	out := fs.String("out", "", "append the result here (JSON lines)")
	_ = fs.Parse(args)
	b, err := body(queryFor(*query, *server))
	if err != nil {
		return err
	}
	c := client(*conns)
	var (
		mu      sync.Mutex
		lat     []time.Duration
		errs    int
		firstEr error
		wg      sync.WaitGroup
	)
	start := time.Now()
	measureFrom, end := start.Add(*warm), start.Add(*warm+*dur)
	for range *conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			bad := 0
			var badErr error
			for {
				t0 := time.Now()
				if t0.After(end) {
					break
				}
				_, err := post(c, *url, b)
				t1 := time.Now()
				if t0.Before(measureFrom) || t1.After(end) {
					continue
				}
				if err != nil {
					bad++
					badErr = err
					continue
				}
				mine = append(mine, t1.Sub(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			errs += bad
			if firstEr == nil {
				firstEr = badErr
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	if firstEr != nil {
		return fmt.Errorf("%s %s: %d errors, first: %w", *server, *query, errs, firstEr)
	}
	slices.Sort(lat)
	r := result{Server: *server, Query: strings.TrimSuffix(filepath.Base(*query), ".graphql"),
		Requests: len(lat), Errors: errs, Seconds: dur.Seconds(),
		RPS: float64(len(lat)) / dur.Seconds(), P50: ms(pct(lat, 0.50)), P99: ms(pct(lat, 0.99))}
	line, _ := json.Marshal(r)
	fmt.Println(string(line))
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		if _, err := fmt.Fprintln(f, string(line)); err != nil {
			return err
		}
	}
	return nil
}

func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, int(math.Ceil(p*float64(len(sorted))))-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func check(args []string) error {
	fs := flag.NewFlagSet("check", flag.ExitOnError)
	dir := fs.String("queries", "benchmarks/queries", "folder of the queries")
	only := fs.String("only", "", "comma-separated query names (default: every file)")
	_ = fs.Parse(args)
	if fs.NArg() < 2 {
		return errors.New("check: give at least two NAME=URL")
	}
	files, err := queryFiles(*dir, *only)
	if err != nil {
		return err
	}
	c := client(1)
	failed := 0
	for _, f := range files {
		var first any
		var firstName string
		for _, arg := range fs.Args() {
			name, url, _ := strings.Cut(arg, "=")
			b, err := body(queryFor(f, name))
			if err != nil {
				return err
			}
			raw, err := post(c, url, b)
			if err != nil {
				return fmt.Errorf("%s %s: %w", name, f, err)
			}
			var resp struct {
				Data   any               `json:"data"`
				Errors []json.RawMessage `json:"errors"`
			}
			if err := json.Unmarshal(raw, &resp); err != nil {
				return fmt.Errorf("%s %s: %w", name, f, err)
			}
			switch {
			case len(resp.Errors) > 0 || resp.Data == nil:
				fmt.Printf("FAIL %s: %s answered errors: %.300s\n", f, name, raw)
				failed++
			case first == nil:
				first, firstName = resp.Data, name
			case !reflect.DeepEqual(first, resp.Data):
				a, _ := json.Marshal(first)
				fmt.Printf("FAIL %s: %s and %s differ:\n  %s: %.600s\n  %s: %.600s\n", f, firstName, name, firstName, a, name, raw)
				failed++
			}
		}
		if first != nil {
			fmt.Printf("ok   %s: the same data from %d servers\n", filepath.Base(f), fs.NArg())
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d answers differ", failed)
	}
	return nil
}

func queryFiles(dir, only string) ([]string, error) {
	if only != "" {
		var out []string
		for _, n := range strings.Split(only, ",") {
			out = append(out, filepath.Join(dir, n+".graphql"))
		}
		return out, nil
	}
	all, err := filepath.Glob(filepath.Join(dir, "*.graphql"))
	var out []string
	for _, f := range all {
		if isQuery(f) {
			out = append(out, f)
		}
	}
	return out, err
}

func table(args []string) error {
	fs := flag.NewFlagSet("table", flag.ExitOnError)
	results := fs.String("results", "", "JSON lines of load run")
	md := fs.String("md", "docs/performance.md", "markdown file to write the table into")
	section := fs.String("section", "peers", "marker name in the markdown file")
	base := fs.String("base", "issgraph", "the server the ratios are of")
	peer := fs.String("peer", "apollo", "the server base is compared with")
	floor := fs.String("floor", "plain", "the server whose latency is the floor (\"\" for none)")
	header := fs.String("header", "", "file whose lines go under the table (machine, commit)")
	_ = fs.Parse(args)
	f, err := os.Open(*results)
	if err != nil {
		return err
	}
	defer f.Close()
	type agg struct {
		rps, p50, p99 []float64
	}
	byKey := map[[2]string]*agg{}
	var queries, servers []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return err
		}
		k := [2]string{r.Query, r.Server}
		if byKey[k] == nil {
			byKey[k] = &agg{}
		}
		a := byKey[k]
		a.rps, a.p50, a.p99 = append(a.rps, r.RPS), append(a.p50, r.P50), append(a.p99, r.P99)
		if !slices.Contains(queries, r.Query) {
			queries = append(queries, r.Query)
		}
		if !slices.Contains(servers, r.Server) {
			servers = append(servers, r.Server)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	mean := func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "| query |")
	for _, s := range servers {
		fmt.Fprintf(&b, " %s req/s | %s p50 / p99 ms |", s, s)
	}
	fmt.Fprintf(&b, " %s / %s req/s |", *base, *peer)
	if *floor != "" {
		fmt.Fprintf(&b, " %s / %s p50 |", *base, *floor)
	}
	b.WriteString("\n| --- |")
	for range servers {
		b.WriteString(" ---: | ---: |")
	}
	b.WriteString(" ---: |")
	if *floor != "" {
		b.WriteString(" ---: |")
	}
	b.WriteString("\n")
	logs := map[string]float64{}
	logRatio, logP50Ratio := 0.0, 0.0
	n := 0
	sort.Strings(queries)
	for _, q := range queries {
		fmt.Fprintf(&b, "| %s |", q)
		complete := true
		for _, s := range servers {
			a := byKey[[2]string{q, s}]
			if a == nil {
				complete = false
				b.WriteString(" – | – |")
				continue
			}
			fmt.Fprintf(&b, " %.0f | %.2f / %.2f |", mean(a.rps), mean(a.p50), mean(a.p99))
		}
		bs, ps := byKey[[2]string{q, *base}], byKey[[2]string{q, *peer}]
		var fl *agg
		if *floor != "" {
			fl = byKey[[2]string{q, *floor}]
		}
		if bs == nil || ps == nil || (*floor != "" && fl == nil) || !complete {
			b.WriteString(" – |")
			if *floor != "" {
				b.WriteString(" – |")
			}
			b.WriteString("\n")
			continue
		}
		r := mean(bs.rps) / mean(ps.rps)
		fmt.Fprintf(&b, " %.2f× |", r)
		logRatio += math.Log(r)
		if fl != nil {
			pr := mean(bs.p50) / mean(fl.p50)
			fmt.Fprintf(&b, " %.2f× |", pr)
			logP50Ratio += math.Log(pr)
		}
		b.WriteString("\n")
		for _, s := range servers {
			logs[s] += math.Log(mean(byKey[[2]string{q, s}].rps))
		}
		n++
	}
	if n > 0 {
		b.WriteString("| **geometric mean** |")
		for _, s := range servers {
			fmt.Fprintf(&b, " %.0f | |", math.Exp(logs[s]/float64(n)))
		}
		fmt.Fprintf(&b, " **%.2f×** |", math.Exp(logRatio/float64(n)))
		if *floor != "" {
			fmt.Fprintf(&b, " **%.2f×** |", math.Exp(logP50Ratio/float64(n)))
		}
		b.WriteString("\n")
	}
	if *header != "" {
		h, err := os.ReadFile(*header)
		if err != nil {
			return err
		}
		b.WriteString("\n")
		b.Write(h)
	}
	return markdown.Splice(*md, *section, b.String())
}
