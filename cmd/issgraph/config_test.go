package main

import (
	"errors"
	"flag"
	"io"
	"log/slog"
	"net/netip"
	"reflect"
	"testing"
	"time"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/neo4jstore"
	"github.com/issgraph/issgraph/resolvers"
)

func getenv(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestParseConfig(t *testing.T) {
	defaults := config{
		Addr: ":8080", Data: "./data/issgraph.db", Store: "embedded", Seed: "auto",
		CORSOrigins: []string{"*"}, LogLevel: slog.LevelInfo, LogFormat: "text",
		MaxBodyBytes: 1 << 20, MaxComplexity: resolvers.DefaultMaxComplexity, MaxDepth: graph.DefaultMaxDepth,
		MaxQueryBytes: resolvers.DefaultMaxQueryBytes, MaxQueryTokens: resolvers.DefaultMaxQueryTokens,
		MaxSelections: resolvers.DefaultMaxSelections, MaxResponseBytes: resolvers.DefaultMaxResponseBytes,
		QueryCacheBytes: resolvers.DefaultQueryCacheBytes, PersistedQueryCacheBytes: resolvers.DefaultPersistedQueryCacheBytes,
		RequestTimeout: 30 * time.Second, ShutdownTimeout: 15 * time.Second, DrainPeriod: 5 * time.Second,
		RateLimit: 100, RateBurst: 200, MaxInFlight: 128, GCPercent: 200, GCMinHeap: 64 << 20,
		Neo4j: neo4jstore.ConfigFrom(getenv(nil)),
	}
	with := func(f func(*config)) config {
		c := defaults
		f(&c)
		return c
	}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want config
	}{
		{"defaults", nil, nil, defaults},
		{"environment", nil, map[string]string{
			"ISSGRAPH_ADDR": "127.0.0.1:9000", "ISSGRAPH_DATA": "/var/lib/issgraph/g.db", "ISSGRAPH_MEMORY": "true",
			"ISSGRAPH_SEED": "never", "ISSGRAPH_CORS_ORIGINS": "https://a.example, https://b.example,",
			"ISSGRAPH_LOG_LEVEL": "debug", "ISSGRAPH_LOG_FORMAT": "json", "ISSGRAPH_MAX_BODY_BYTES": "4096",
			"ISSGRAPH_MAX_COMPLEXITY": "500", "ISSGRAPH_MAX_DEPTH": "5", "ISSGRAPH_REQUEST_TIMEOUT": "5s", "ISSGRAPH_SHUTDOWN_TIMEOUT": "1m",
			"ISSGRAPH_DRAIN_PERIOD": "20s", "ISSGRAPH_RATE_LIMIT": "2.5", "ISSGRAPH_RATE_BURST": "5", "ISSGRAPH_MAX_IN_FLIGHT": "0",
			"ISSGRAPH_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.7", "ISSGRAPH_METRICS_ADDR": "127.0.0.1:9100",
			"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318",
			"ISSGRAPH_MAX_QUERY_BYTES":    "1000", "ISSGRAPH_MAX_QUERY_TOKENS": "200", "ISSGRAPH_MAX_SELECTIONS": "50",
			"ISSGRAPH_MAX_RESPONSE_BYTES": "9999", "ISSGRAPH_QUERY_CACHE_BYTES": "12345", "ISSGRAPH_APQ_CACHE_BYTES": "6789",
		}, with(func(c *config) {
			c.MaxQueryBytes, c.MaxQueryTokens, c.MaxSelections, c.MaxResponseBytes = 1000, 200, 50, 9999
			c.QueryCacheBytes, c.PersistedQueryCacheBytes = 12345, 6789
			c.DrainPeriod, c.RateLimit, c.RateBurst, c.MaxInFlight = 20*time.Second, 2.5, 5, 0
			c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.7/32")}
			c.MetricsAddr, c.Tracing = "127.0.0.1:9100", true
			c.Addr, c.Data, c.Memory, c.Seed = "127.0.0.1:9000", "/var/lib/issgraph/g.db", true, "never"
			c.CORSOrigins = []string{"https://a.example", "https://b.example"}
			c.LogLevel, c.LogFormat = slog.LevelDebug, "json"
			c.MaxBodyBytes, c.MaxComplexity, c.MaxDepth = 4096, 500, 5
			c.RequestTimeout, c.ShutdownTimeout = 5*time.Second, time.Minute
		})},
		{"a flag wins over its variable",
			[]string{"--addr", ":7000", "--memory=false", "--seed=always", "--log-level=warn"},
			map[string]string{"ISSGRAPH_ADDR": ":9000", "ISSGRAPH_MEMORY": "1", "ISSGRAPH_SEED": "never", "ISSGRAPH_LOG_LEVEL": "debug"},
			with(func(c *config) { c.Addr, c.Seed, c.LogLevel = ":7000", "always", slog.LevelWarn })},
		{"keys from both variables", nil,
			map[string]string{"ISSGRAPH_API_KEYS": "k1, k2,,", "ISSGRAPH_API_KEY": " k3 "},
			with(func(c *config) { c.APIKeys = []string{"k1", "k2", "k3"} })},
		{"seed as a boolean", []string{"-seed", "false"}, nil, with(func(c *config) { c.Seed = "never" })},
		{"GOGC set: the runtime's target stays", nil, map[string]string{"GOGC": "50"}, with(func(c *config) { c.GCPercent = 0 })},
		{"GOGC set and a target asked for", []string{"--gc-percent=300"}, map[string]string{"GOGC": "50"}, with(func(c *config) { c.GCPercent = 300 })},
		{"target from its variable", nil, map[string]string{"ISSGRAPH_GC_PERCENT": "150"}, with(func(c *config) { c.GCPercent = 150 })},
		{"memory needs no data file", []string{"--memory", "--data="}, nil, with(func(c *config) { c.Memory, c.Data = true, "" })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseConfig("serve", tt.args, getenv(tt.env), io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseConfigRefuses(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want error
	}{
		{"unknown flag", []string{"--colour"}, nil, errFlags},
		{"bad flag value", []string{"--max-body-bytes", "lots"}, nil, errFlags},
		{"stray argument", []string{"extra"}, nil, errConfig},
		{"bad boolean variable", nil, map[string]string{"ISSGRAPH_MEMORY": "maybe"}, errConfig},
		{"bad integer variable", nil, map[string]string{"ISSGRAPH_MAX_COMPLEXITY": "many"}, errConfig},
		{"bad duration variable", nil, map[string]string{"ISSGRAPH_SHUTDOWN_TIMEOUT": "10"}, errConfig},
		{"seed mode", []string{"--seed", "sometimes"}, nil, errConfig},
		{"store", []string{"--store", "mongo"}, nil, errConfig},
		{"log format", []string{"--log-format", "xml"}, nil, errConfig},
		{"log level", nil, map[string]string{"ISSGRAPH_LOG_LEVEL": "loud"}, errConfig},
		{"no data file", []string{"--data", ""}, nil, errConfig},
		{"zero body limit", []string{"--max-body-bytes", "0"}, nil, errConfig},
		{"zero query limit", []string{"--max-query-bytes", "0"}, nil, errConfig},
		{"zero selections", nil, map[string]string{"ISSGRAPH_MAX_SELECTIONS": "0"}, errConfig},
		{"negative response limit", []string{"--max-response-bytes", "-1"}, nil, errConfig},
		{"zero query cache", []string{"--query-cache-bytes", "0"}, nil, errConfig},
		{"negative timeout", []string{"--request-timeout", "-1s"}, nil, errConfig},
		{"zero depth cap", []string{"--max-depth", "0"}, nil, errConfig},
		{"depth cap above the hard cap", nil, map[string]string{"ISSGRAPH_MAX_DEPTH": "11"}, errConfig},
		{"negative drain period", []string{"--drain-period=-1s"}, nil, errConfig},
		{"negative rate", []string{"--rate-limit=-1"}, nil, errConfig},
		{"rate that is not a number", nil, map[string]string{"ISSGRAPH_RATE_LIMIT": "fast"}, errConfig},
		{"zero burst", []string{"--rate-burst=0"}, nil, errConfig},
		{"negative in-flight cap", []string{"--max-in-flight=-1"}, nil, errConfig},
		{"negative GC target", []string{"--gc-percent=-1"}, nil, errConfig},
		{"trusted proxy that is no address", []string{"--trusted-proxies=10.0.0.0/8,proxy.example"}, nil, errConfig},
		{"metrics on the listen address", []string{"--addr=:9000", "--metrics-addr=:9000"}, nil, errConfig},
		{"a flag after an argument", []string{"extra", "--memory"}, nil, errConfig},
		{"help", []string{"-h"}, nil, flag.ErrHelp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseConfig("serve", tt.args, getenv(tt.env), io.Discard)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// The NEO4J_* variables come from the command's environment, like the
// ISSGRAPH_* ones, not from the process's.
func TestParseConfigReadsNeo4jFromItsEnvironment(t *testing.T) {
	t.Setenv("NEO4J_URI", "bolt://process.example:7687")
	cfg, err := parseConfig("serve", nil, getenv(map[string]string{"NEO4J_URI": "neo4j://given.example", "NEO4J_MAX_RETRY_TIME": "2s"}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Neo4j.URI != "neo4j://given.example" || cfg.Neo4j.MaxRetryTime != 2*time.Second {
		t.Errorf("Neo4j config %+v: want the command's NEO4J_URI and NEO4J_MAX_RETRY_TIME", cfg.Neo4j)
	}
}
