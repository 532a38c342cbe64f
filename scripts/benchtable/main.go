// Command benchtable turns the output of `go test -bench -benchmem -count N`
// into a markdown table of the median ns/op, B/op and allocs/op of each
// benchmark over its runs, in the order the benchmarks first appear.
//
//	go run ./scripts/benchtable [-md docs/performance.md] [file ...]
//
// It reads the files, or standard input when there are none. With -md it
// replaces what lies between the lines
//
//	<!-- benchtable:start -->
//	<!-- benchtable:end -->
//
// of that file with the table; without it, it prints the table. Under the
// table it lists the run's configuration lines ("goversion: ...", the
// benchstat convention, as scripts/bench.sh writes them) and the input
// files. Benchmarks
// that failed or were skipped are listed under the table, so that a
// missing row is never silent. Figures are printed as measured, never
// rounded: a median of an even number of runs is the mean of the middle
// two.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

const (
	startMarker = "<!-- benchtable:start -->"
	endMarker   = "<!-- benchtable:end -->"
)

func main() {
	md := flag.String("md", "", "markdown file whose table, between the benchtable markers, is replaced")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: benchtable [-md file.md] [bench output ...]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(*md, flag.Args(), os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

func run(md string, files []string, stdin io.Reader, stdout io.Writer) error {
	res := results{files: files}
	if len(files) == 0 {
		if err := res.parse(stdin); err != nil {
			return fmt.Errorf("standard input: %w", err)
		}
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		err = res.parse(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	if len(res.order) == 0 && len(res.notes) == 0 {
		return errors.New("no benchmark results in the input")
	}
	table := res.table()
	if md == "" {
		_, err := io.WriteString(stdout, table)
		return err
	}
	doc, err := os.ReadFile(md)
	if err != nil {
		return err
	}
	out, err := splice(string(doc), table)
	if err != nil {
		return fmt.Errorf("%s: %w", md, err)
	}
	return os.WriteFile(md, []byte(out), 0o644)
}

// bench is the runs of one benchmark: each metric's values by unit.
type bench struct {
	name string
	runs int
	vals map[string][]float64
}

type results struct {
	byName map[string]*bench
	order  []string
	notes  []string // failed and skipped benchmarks
	noted  map[string]bool
	config map[string]string // configuration lines, first value of each key
	files  []string
	// pending is a benchmark name printed on a line of its own, when the
	// benchmark logged something before its figures.
	pending string
}

// procs is the -GOMAXPROCS suffix go test adds to each name.
var procs = regexp.MustCompile(`-\d+$`)

func (r *results) parse(in io.Reader) error {
	if r.byName == nil {
		r.byName, r.noted, r.config = map[string]*bench{}, map[string]bool{}, map[string]string{}
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		f := strings.Fields(line)
		switch {
		case len(f) == 0:
		case configKey(f[0]) != "":
			if k := configKey(f[0]); r.config[k] == "" {
				r.config[k] = strings.TrimSpace(strings.TrimPrefix(line, f[0]))
			}
		case (f[0] == "---" && len(f) >= 3) && (f[1] == "FAIL:" || f[1] == "SKIP:"):
			if strings.HasPrefix(f[2], "Benchmark") && !r.noted[f[2]] {
				// A parent fails with its sub-benchmark, which says more.
				r.noted[f[2]] = true
				for p := f[2]; strings.Contains(p, "/"); {
					p = p[:strings.LastIndex(p, "/")]
					r.noted[p] = true
				}
				r.notes = append(r.notes, fmt.Sprintf("%s %s", strings.ToLower(strings.TrimSuffix(f[1], ":")), f[2]))
			}
		case strings.HasPrefix(f[0], "Benchmark") && len(f) == 1:
			r.pending = f[0]
		case strings.HasPrefix(f[0], "Benchmark"):
			if err := r.add(f[0], f[1:]); err != nil {
				return err
			}
			r.pending = ""
		case r.pending != "" && isCount(f[0]):
			if err := r.add(r.pending, f); err != nil {
				return err
			}
			r.pending = ""
		}
	}
	return sc.Err()
}

// configKeys are the configuration lines the table reports, in order,
// with their labels.
var configKeys = []struct{ key, label string }{
	{"date", "measured"},
	{"commit", "commit"},
	{"goversion", "Go"},
	{"cpu-model", "CPU"},
	{"cpus", "CPUs"},
	{"gomaxprocs", "GOMAXPROCS"},
	{"queries", "queries"},
	{"load", "load"},
	{"elapsed", "whole run"},
}

// configKey returns the key of a configuration line's first field
// ("goversion:"), or "".
func configKey(field string) string {
	k, ok := strings.CutSuffix(field, ":")
	if !ok {
		return ""
	}
	for _, c := range configKeys {
		if c.key == k {
			return k
		}
	}
	return ""
}

func isCount(s string) bool { _, err := strconv.Atoi(s); return err == nil }

// add records one result line: the iteration count, then value-unit pairs.
func (r *results) add(name string, f []string) error {
	if len(f) < 3 || len(f)%2 == 0 || !isCount(f[0]) {
		return nil // a benchmark's own log line that starts with its name
	}
	name = procs.ReplaceAllString(name, "")
	b := r.byName[name]
	if b == nil {
		b = &bench{name: name, vals: map[string][]float64{}}
		r.byName[name] = b
		r.order = append(r.order, name)
	}
	b.runs++
	for i := 1; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return fmt.Errorf("%s: value %q: %w", name, f[i], err)
		}
		b.vals[f[i+1]] = append(b.vals[f[i+1]], v)
	}
	return nil
}

// median returns the median of vs and whether there is one.
func median(vs []float64) (float64, bool) {
	if len(vs) == 0 {
		return 0, false
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m], true
	}
	return (s[m-1] + s[m]) / 2, true
}

func (r *results) table() string {
	var b strings.Builder
	if len(r.order) > 0 {
		b.WriteString("| benchmark | runs | time/op | ns/op | B/op | allocs/op |\n")
		b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: |\n")
		for _, name := range r.order {
			x := r.byName[name]
			ns, _ := median(x.vals["ns/op"])
			fmt.Fprintf(&b, "| `%s` | %d | %s | %s | %s | %s |\n", strings.TrimPrefix(name, "Benchmark"), x.runs,
				duration(ns), cell(x.vals["ns/op"]), cell(x.vals["B/op"]), cell(x.vals["allocs/op"]))
		}
	}
	if len(r.notes) > 0 {
		b.WriteString("\nNot measured:\n\n")
		for _, n := range r.notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	var about []string
	for _, c := range configKeys {
		if v := r.config[c.key]; v != "" {
			about = append(about, fmt.Sprintf("- %s: `%s`\n", c.label, v))
		}
	}
	if len(r.files) > 0 {
		about = append(about, fmt.Sprintf("- raw output: `%s`\n", strings.Join(r.files, "`, `")))
	}
	if len(about) > 0 {
		b.WriteString("\n")
		b.WriteString(strings.Join(about, ""))
	}
	return b.String()
}

// cell is the median of vs as measured, or "-" when the unit is missing.
func cell(vs []float64) string {
	m, ok := median(vs)
	if !ok {
		return "-"
	}
	return strconv.FormatFloat(m, 'f', -1, 64)
}

// duration renders ns with three significant digits in a readable unit,
// for the reader's eye; the ns/op column keeps the exact median.
func duration(ns float64) string {
	units := []struct {
		name string
		div  float64
	}{{"s", 1e9}, {"ms", 1e6}, {"µs", 1e3}}
	for _, u := range units {
		if ns >= u.div {
			return strconv.FormatFloat(ns/u.div, 'g', 3, 64) + " " + u.name
		}
	}
	return strconv.FormatFloat(ns, 'g', 3, 64) + " ns"
}

// splice replaces the lines between the markers of doc with table.
func splice(doc, table string) (string, error) {
	i := strings.Index(doc, startMarker)
	j := strings.Index(doc, endMarker)
	if i < 0 || j < i {
		return "", fmt.Errorf("want the lines %q and %q, in that order", startMarker, endMarker)
	}
	head := doc[:i+len(startMarker)]
	return head + "\n" + table + doc[j:], nil
}
