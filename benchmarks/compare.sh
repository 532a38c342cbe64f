#!/usr/bin/env bash
# compare.sh runs issgraph side by side with what users would build
# instead, on the ISS dataset and the Q-mix queries of benchmarks/queries,
# and writes the table into docs/performance.md (issue 12):
#
#   issgraph  go run ./cmd/issgraph serve --memory (the embedded store, as
#             users run it: info-level access log on; only the per-client
#             rate limit is off, since the load client is one client)
#   apollo    Apollo Server 5 + graphql-js + DataLoader over the same
#             dataset (benchmarks/peers/apollo.mjs, from `go run
#             ./benchmarks/dump`)
#   plain     a net/http handler making the same store calls, encoding
#             with encoding/json (benchmarks/plain): the floor
#
# With NEO4J_URI set (scripts/neo4j start), it also compares issgraph on
# that Neo4j with the Neo4j GraphQL Library 7 on Apollo Server
# (benchmarks/peers/neo4j.mjs) over the same database, on the queries both
# can express. The script seeds that database with the dataset: use a Neo4j
# of your own (scripts/neo4j start), not one that tests share, since the
# dataset changes the full-text statistics their searches rank by.
#
# Every server runs pinned to one core (SERVER_CPU, default 0) and the
# load client (benchmarks/load, 8 connections) to another (CLIENT_CPU,
# default 1). First every server must answer every query with the same
# `data`; then, for each query, the servers run in the order A B C C B A
# so that a drift of the machine weighs on each alike, DURATION each
# (default 5s) after a WARMUP (default 1s). Before the Neo4j part, every
# query runs NEO4J_WARMUP (default 10s) on each of its servers, unmeasured:
# a Neo4j started minutes before still compiles and caches for several
# minutes, and without the pass the first server of each query measured a
# server still warming up (docs/performance.md).
#
#   benchmarks/compare.sh            measure and write the table
#   benchmarks/compare.sh --smoke    only check that the answers are equal
#
# SECTION (default "peers") names the markers of docs/performance.md the
# table goes between; PORT (default 18600) is the first of the ports used;
# ISSGRAPH_REF (a commit) measures issgraph as built from that commit
# (with its dataset), against the peers of the working tree:
#
#   ISSGRAPH_REF=77eda84 SECTION=peers-before benchmarks/compare.sh
#
# PART=iss measures only the ISS comparison, PART=neo4j only the Neo4j one
# (NEO4J_URI set); QUERIES=search,document only those queries. A table of
# part of the queries says so in its header; the tables in docs/ are of
# whole runs.
#
#   PART=neo4j QUERIES=search SECTION=check benchmarks/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=false
[[ ${1:-} == --smoke ]] && smoke=true
server_cpu=${SERVER_CPU:-0}
client_cpu=${CLIENT_CPU:-1}
duration=${DURATION:-5s}
warmup=${WARMUP:-1s}
neo4j_warmup=${NEO4J_WARMUP:-10s}
conns=${CONNS:-8}
section=${SECTION:-peers}
port=${PORT:-18600}
part=${PART:-all}
queries=${QUERIES:-}
case $part in
all | iss) ;;
neo4j) [[ -n ${NEO4J_URI:-} ]] || { echo "PART=neo4j needs NEO4J_URI (scripts/neo4j start)"; exit 2; } ;;
*) echo "PART is all, iss or neo4j, not $part"; exit 2 ;;
esac
for q in ${queries//,/ }; do
	[[ -f benchmarks/queries/$q.graphql ]] || { echo "QUERIES: no query $q in benchmarks/queries"; exit 2; }
done

tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

# What the servers are built from, recorded before building.
commit=$(git rev-parse --short HEAD)
if [[ -n $(git status --porcelain -- cmd graph resolvers seed benchmarks go.mod go.sum) ]]; then
	commit="$commit (with uncommitted changes)"
fi

echo "== building"
# With ISSGRAPH_REF, issgraph, the plain handler and the dump (so the
# dataset) come from that commit; the peers and the load client from the
# working tree.
src=.
if [[ -n ${ISSGRAPH_REF:-} ]]; then
	commit="issgraph at $(git rev-parse --short "$ISSGRAPH_REF"), the rest at $commit"
	src="$tmp/ref"
	mkdir "$src"
	git archive "$ISSGRAPH_REF" | tar -x -C "$src"
fi
(cd "$src" && go build -o "$tmp/issgraph" ./cmd/issgraph && go build -o "$tmp/plain" ./benchmarks/plain &&
	go run ./benchmarks/dump >"$tmp/iss.json")
go build -o "$tmp/load" ./benchmarks/load
(cd benchmarks/peers && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

# start NAME PORT CMD...: runs CMD pinned to the server core, logs to a
# file, and waits until the port answers HTTP.
declare -A url
start() {
	local name=$1 p=$2
	shift 2
	taskset -c "$server_cpu" "$@" >"$tmp/$name.log" 2>&1 &
	pids+=($!)
	url[$name]="http://127.0.0.1:$p/graphql"
	for _ in $(seq 300); do
		if [[ $(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d '{}' "${url[$name]}") != 000 ]]; then
			return 0
		fi
		if ! kill -0 "${pids[-1]}" 2>/dev/null; then
			echo "$name died:"; cat "$tmp/$name.log"; return 1
		fi
		sleep 0.2
	done
	echo "$name did not answer on ${url[$name]}"; cat "$tmp/$name.log"; return 1
}

echo "== starting the servers on core $server_cpu"
servers=()
if [[ $part != neo4j ]]; then
	start issgraph $((port + 1)) "$tmp/issgraph" serve --memory --rate-limit 0 --addr "127.0.0.1:$((port + 1))"
	start apollo $((port + 10)) env NODE_ENV=production node benchmarks/peers/apollo.mjs "$tmp/iss.json" $((port + 10))
	start plain $((port + 20)) "$tmp/plain" -addr "127.0.0.1:$((port + 20))" -queries benchmarks/queries
	servers=(issgraph apollo plain)
fi

neo4j=false
if [[ -n ${NEO4J_URI:-} && $part != iss ]]; then
	neo4j=true
	"$tmp/issgraph" seed --store=neo4j >/dev/null
	start issgraph-neo4j $((port + 30)) "$tmp/issgraph" serve --store=neo4j --seed=never --rate-limit 0 --addr "127.0.0.1:$((port + 30))"
	start neo4j-graphql $((port + 40)) env NODE_ENV=production node benchmarks/peers/neo4j.mjs $((port + 40))
fi

echo "== the answers are equal"
args=()
for s in "${servers[@]}"; do args+=("$s=${url[$s]}"); done
if ((${#args[@]})); then
	"$tmp/load" check -queries benchmarks/queries "${args[@]}"
fi
neo4j_queries=benchmarks/queries/neo4j
if $neo4j; then
	"$tmp/load" check -queries "$neo4j_queries" "issgraph-neo4j=${url[issgraph-neo4j]}" "neo4j-graphql=${url[neo4j-graphql]}"
fi
if $smoke; then
	echo "smoke: every server gives the same data"
	exit 0
fi

# measure RESULTS QUERYDIR SERVERS...: each query on each server, A B C C B A.
measure() {
	local results=$1 dir=$2
	shift 2
	local order=("$@")
	for ((i = $# - 1; i >= 0; i--)); do order+=("${@:i+1:1}"); done
	for q in "$dir"/*.graphql; do
		[[ $(basename "$q" .graphql) == *.* ]] && continue # a server's dialect of a query
		[[ -z $queries || ,$queries, == *,$(basename "$q" .graphql),* ]] || continue
		for s in "${order[@]}"; do
			taskset -c "$client_cpu" "$tmp/load" run -server "$s" -url "${url[$s]}" -query "$q" \
				-c "$conns" -d "$duration" -warmup "$warmup" -out "$results"
		done
	done
}

# warm DIR SERVERS...: each query on each server for NEO4J_WARMUP, results
# thrown away, so that the measured runs find Neo4j warm.
warm() {
	local dir=$1
	shift
	for q in "$dir"/*.graphql; do
		[[ $(basename "$q" .graphql) == *.* ]] && continue
		[[ -z $queries || ,$queries, == *,$(basename "$q" .graphql),* ]] || continue
		for s in "$@"; do
			taskset -c "$client_cpu" "$tmp/load" run -server "$s" -url "${url[$s]}" -query "$q" \
				-c "$conns" -d "$neo4j_warmup" -warmup 0s -out "$tmp/warm.jsonl"
		done
	done
}

partcmd=""
[[ $part != all ]] && partcmd="PART=$part "
partial=""
[[ -n $queries ]] && partial="; only these queries, so the geometric mean is theirs, not the whole Q-mix's"
header() {
	cat <<HEADER
- measured: \`$(date -u +%Y-%m-%dT%H:%M:%SZ)\`, commit \`$commit\`
- machine: $(nproc) CPUs,$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2-), $(free -g | awk '/^Mem:/{print $2}') GB; shared with other work while measured: load average $load0 at the start, $(cut -d' ' -f1 /proc/loadavg) at the end
- servers pinned to core $server_cpu (\`taskset\`; GOMAXPROCS 1 follows), the load client to core $client_cpu$($neo4j && echo ", Neo4j unpinned"); $conns connections; each server $duration per query after ${warmup} of warm-up, twice, in the order A B C C B A$($neo4j_part && echo ", after a pass of every query on each server for $neo4j_warmup, unmeasured"); figures are the means of the two runs
- $(go version | cut -d' ' -f3-), Node $(node --version), Apollo Server $(node -p "require('./benchmarks/peers/node_modules/@apollo/server/package.json').version"), graphql-js $(node -p "require('./benchmarks/peers/node_modules/graphql/package.json').version")
- command: \`${ISSGRAPH_REF:+ISSGRAPH_REF=$ISSGRAPH_REF }$partcmd${queries:+QUERIES=$queries }SECTION=$section benchmarks/compare.sh\`$($neo4j && echo " with NEO4J_URI set (scripts/neo4j start)")$partial
HEADER
}

echo "== measuring"
load0=$(cut -d' ' -f1 /proc/loadavg)
neo4j_part=false
mkdir -p docs/bench
if ((${#servers[@]})); then
	measure "$tmp/results.jsonl" benchmarks/queries "${servers[@]}"
	header >"$tmp/header.md"
	"$tmp/load" table -results "$tmp/results.jsonl" -md docs/performance.md -section "$section" -header "$tmp/header.md"
	cp "$tmp/results.jsonl" "docs/bench/$(date -u +%Y-%m-%dT%H%M%S)-$section.jsonl"
fi
if $neo4j; then
	echo "== warming Neo4j up: every query on each server for $neo4j_warmup"
	warm "$neo4j_queries" issgraph-neo4j neo4j-graphql
	measure "$tmp/neo4j.jsonl" "$neo4j_queries" issgraph-neo4j neo4j-graphql
	neo4j_part=true
	header >"$tmp/header.md"
	"$tmp/load" table -results "$tmp/neo4j.jsonl" -md docs/performance.md -section "$section-neo4j" \
		-base issgraph-neo4j -peer neo4j-graphql -floor "" -header "$tmp/header.md"
	cp "$tmp/neo4j.jsonl" "docs/bench/$(date -u +%Y-%m-%dT%H%M%S)-$section-neo4j.jsonl"
fi
echo "wrote the table into docs/performance.md (section $section)"
