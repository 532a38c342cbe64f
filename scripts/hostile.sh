#!/usr/bin/env bash
# scripts/hostile.sh: measures each attack class of issue 10 against the
# GraphQL endpoint on the ISS dataset (resolvers.BenchmarkHostile), each
# class in a process of its own so that the growth of the peak RSS is the
# class's alone. Prints a markdown table: per request, the wall time to
# answer or refuse, the CPU time (getrusage) and the bytes allocated; over
# the class, the most the heap grew during one request and how far the
# process's peak RSS grew. Wall times depend on the machine's load; CPU
# times less so.
#
#   scripts/hostile.sh            # every class
#   scripts/hostile.sh 2 4        # classes 2 and 4
set -euo pipefail
cd "$(dirname "$0")/.."

bin=$(mktemp -d)/resolvers.test
trap 'rm -rf "$(dirname "$bin")"' EXIT
go test -c -o "$bin" ./resolvers/

echo "| class | requests | time per request | CPU per request | allocated per request | heap growth | peak RSS growth |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
run() {
	local out
	out=$(cd resolvers && ISSGRAPH_HOSTILE_CLASS=$1 "$bin" -test.run '^$' -test.bench '^BenchmarkHostile$' -test.benchtime 1x -test.v 2>&1) || {
		echo "class $1 failed:" >&2
		echo "$out" >&2
		exit 1
	}
	if grep -q "no attack class" <<<"$out"; then
		return 1
	fi
	grep '^BenchmarkHostile/.*ns/op' <<<"$out" | awk '{
		name = $1; sub(/^BenchmarkHostile\//, "", name); sub(/-[0-9]+$/, "", name)
		for (i = 3; i < NF; i += 2) v[$(i+1)] = $i
		printf "| %s | %d | %.1f ms | %.1f ms | %.1f MB | %.1f MB | %.1f MB |\n", name, v["requests"], v["ns/op"] / 1e6, v["cpu-ms/req"], v["alloc-MB/req"], v["heap-growth-MB"], v["rss-growth-MB"]
	}'
}
if [ $# -gt 0 ]; then
	for i in "$@"; do run "$i"; done
else
	i=0
	while run "$i"; do i=$((i + 1)); done
fi
