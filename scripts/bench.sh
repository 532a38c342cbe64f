#!/usr/bin/env bash
# bench.sh runs the analyst-query benchmarks of the embedded store
# (graph/embedded/analysis_bench_test.go), keeps their raw output in
# docs/bench/<UTC date>-embedded.txt and regenerates the table in
# docs/performance.md from it (go run ./scripts/benchtable).
#
# Two go test runs, each one process so that the fixtures (the ISS dataset
# and the generated graph of 100,000 nodes and 500,000 edges) are built
# once per run:
#
#   1. the queries: -count COUNT (default 5) runs of -benchtime BENCHTIME
#      (default 1s) each;
#   2. the load of each whole dataset into a fresh store: -benchtime 1x,
#      -count LOAD_COUNT (default 5), since one load of the generated graph
#      takes seconds.
#
# About 8 minutes on the 2-core machine of docs/performance.md. Override
# with COUNT=, BENCHTIME=, LOAD_COUNT= and BENCH= (a -bench regexp for run
# 1) in the environment; GOMAXPROCS is go test's default unless set.
set -euo pipefail

cd "$(dirname "$0")/.."

count=${COUNT:-5}
benchtime=${BENCHTIME:-1s}
load_count=${LOAD_COUNT:-5}
bench=${BENCH:-'^Benchmark(Neighbourhood|ShortestPaths|Citations|Timeline|Search|Rank|Query)$'}
pkg=./graph/embedded/

mkdir -p docs/bench
out="docs/bench/$(date -u +%Y-%m-%d)-embedded.txt"
if [[ -e $out ]]; then
	out="docs/bench/$(date -u +%Y-%m-%dT%H%M%S)-embedded.txt"
fi

# The figures belong to a commit only if nothing the benchmarks compile
# (the package, its test files and every package of this module they
# import, seed's embedded data too) differs from it, untracked files
# included.
commit=$(git rev-parse --short HEAD)
mapfile -t dirs < <(go list -deps -test -f '{{if not .Standard}}{{.Dir}}{{end}}' "$pkg" | grep -F "$PWD/" | sed "s|^$PWD/||" | sort -u)
specs=()
for d in "${dirs[@]}"; do
	specs+=(":(glob)$d/*")
done
specs+=(":(glob)seed/data/**")
if [[ -n $(git status --porcelain -- "${specs[@]}") ]]; then
	commit="$commit, with uncommitted changes: $(git status --porcelain -- "${specs[@]}" | awk '{print $2}' | paste -sd' ')"
fi

# The header uses benchstat's "key: value" configuration lines, so the file
# also feeds benchstat as it is.
{
	echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "commit: $commit"
	echo "goversion: $(go version)"
	echo "cpu-model:$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2-)"
	echo "cpus: $(nproc)"
	echo "gomaxprocs: ${GOMAXPROCS:-$(nproc) (default)}"
	echo "queries: go test -run '^\$' -bench '$bench' -benchmem -count $count -benchtime $benchtime -timeout 60m $pkg"
	echo "load: go test -run '^\$' -bench '^BenchmarkLoad\$' -benchmem -count $load_count -benchtime 1x -timeout 60m $pkg"
	echo
} >"$out"

start=$SECONDS
status=0
go test -run '^$' -bench "$bench" -benchmem -count "$count" -benchtime "$benchtime" -timeout 60m "$pkg" |
	tee -a "$out" || status=$?
go test -run '^$' -bench '^BenchmarkLoad$' -benchmem -count "$load_count" -benchtime 1x -timeout 60m "$pkg" |
	tee -a "$out" || status=$?
echo "elapsed: $((SECONDS - start))s" | tee -a "$out"

# The table is written even when a benchmark failed: benchtable lists the
# failures under it. The script still fails.
go run ./scripts/benchtable -md docs/performance.md "$out"
echo "wrote $out and the table in docs/performance.md"
exit "$status"
