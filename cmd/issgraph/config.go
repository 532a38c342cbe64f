package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/issgraph/issgraph/cmd/issgraph/ops"
	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/neo4jstore"
	"github.com/issgraph/issgraph/resolvers"
)

// config is the configuration of the commands, filled by the flag groups
// each command takes (parseCommand) from flags and ISSGRAPH_* variables.
type config struct {
	// storeFlags
	Store  string // a key of stores: "embedded"
	Data   string // file of the embedded store
	Memory bool   // an ephemeral in-memory store instead of Data
	// Neo4j is read from the NEO4J_* variables of the same environment;
	// only --store=neo4j uses it.
	Neo4j neo4jstore.Config

	// logFlags
	LogLevel  slog.Level
	LogFormat string // "text" or "json"

	// serveFlags
	Addr string // listen address of the server
	// Seed says when serve loads the dataset: "auto" when the store is
	// empty, "always" at every start, "never".
	Seed string

	APIKeys     []string // keys that may write; from the environment only
	CORSOrigins []string // origins browsers may call the API from

	MaxBodyBytes  int64 // request body limit
	MaxComplexity int   // GraphQL complexity limit
	// The other limits on one GraphQL request and the API's caches
	// (resolvers.Options).
	MaxQueryBytes            int
	MaxQueryTokens           int
	MaxSelections            int
	MaxResponseBytes         int64
	QueryCacheBytes          int64
	PersistedQueryCacheBytes int64
	MaxDepth                 int           // cap on the analyst queries' depth
	RequestTimeout           time.Duration // deadline of one request's work
	ShutdownTimeout          time.Duration // how long a graceful shutdown waits
	DrainPeriod              time.Duration // how long /readyz says 503 before the listener closes

	RateLimit      float64        // requests per second per client; 0: none
	RateBurst      int            // requests a client may send at once
	MaxInFlight    int            // API requests served at once; 0: no cap
	TrustedProxies []netip.Prefix // proxies whose X-Forwarded-For is believed
	MetricsAddr    string         // "" serves /metrics on Addr; "off" not at all
	GCPercent      int            // the Go collector's GOGC; 0: the runtime's own (GOGC is set)
	GCMinHeap      int64          // bytes the heap may grow to before a collection, whatever GCPercent says; 0: no floor
	Tracing        bool           // an OTLP endpoint is set: trace with OpenTelemetry
}

// Defaults.
const (
	defaultAddr            = ":8080"
	defaultData            = "./data/issgraph.db"
	defaultMaxBodyBytes    = resolvers.DefaultMaxBodyBytes
	defaultRequestTimeout  = 30 * time.Second
	defaultShutdownTimeout = 15 * time.Second
	defaultDrainPeriod     = 5 * time.Second
	// The rate limit is for floods: a person in the playground, a script
	// sending one request after another, or the README's examples never
	// meet it.
	defaultRateLimit = 100
	defaultRateBurst = 200
	// defaultMaxInFlight is far above what two cores answer at once, and
	// low enough that the memory of the requests it lets in stays bounded.
	defaultMaxInFlight = 128
	// defaultGCPercent lets the heap grow to three times what is live
	// before a collection, not twice: a request makes garbage by the
	// field (gqlgen's field contexts, per-item goroutines), and at the
	// Go default the collector and its write barriers took a fifth of a
	// request's CPU on the ISS queries. The store's live heap is small
	// beside the memory this needs (docs/performance.md).
	defaultGCPercent = 200
	// defaultGCMinHeap lets a small live heap grow to 64 MiB before a
	// collection (ops.TuneGC): on the ISS dataset (about 5 MB live) 200%
	// alone collects every 10 MB, every few hundred requests.
	defaultGCMinHeap = 64 << 20
	metricsOff       = "off"
)

// flagGroup adds a set of flags to fs, each with its default read from env,
// and returns the check of their values, run after parsing (nil for none).
// Each command takes the groups it needs, so that it accepts only its own
// flags and "issgraph CMD -h" lists just those.
type flagGroup func(fs *flag.FlagSet, env *envReader, cfg *config) func() error

// serveGroups are the flags of "issgraph serve".
var serveGroups = []flagGroup{serveFlags, storeFlags, logFlags}

// storeGroups are the flags of the commands that open the store and exit.
var storeGroups = []flagGroup{storeFlags, logFlags}

// parseConfig reads the configuration of serve from args and the
// environment (getenv). A flag on the command line wins over its
// variable, which wins over the default.
func parseConfig(name string, args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	cfg, _, err := parseCommand(env{stderr: stderr, getenv: getenv}, name, "", args, serveGroups...)
	return cfg, err
}

// parseCommand parses the command line of the command name: the flags of
// its groups, then its arguments. Only a command whose synopsis names them
// ("FILE...") takes arguments. A flag after the arguments is refused with
// a message that says so, since the flag package stops at the first
// argument and would take it for a file ("--" before the arguments lets
// one start with "-").
func parseCommand(e env, name, synopsis string, args []string, groups ...flagGroup) (config, []string, error) {
	vars := &envReader{getenv: e.getenv}
	var cfg config
	fs := flag.NewFlagSet("issgraph "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: %s\n\nflags:\n", strings.TrimSpace("issgraph "+name+" [flags] "+synopsis))
		fs.PrintDefaults()
	}
	var checks []func() error
	for _, g := range groups {
		if c := g(fs, vars, &cfg); c != nil {
			checks = append(checks, c)
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, nil, err
		}
		return cfg, nil, errFlags
	}
	rest := fs.Args()
	if f := misplacedFlag(args, rest); f != "" {
		return cfg, nil, fmt.Errorf("%w: %q comes after the arguments: flags go before them (issgraph %s [flags] %s), and \"--\" before an argument that starts with \"-\"",
			errConfig, f, name, synopsis)
	}
	if synopsis == "" && len(rest) > 0 {
		return cfg, nil, fmt.Errorf("%w: unexpected arguments %q", errConfig, rest)
	}
	if vars.err != nil {
		return cfg, nil, vars.err
	}
	for _, check := range checks {
		if err := check(); err != nil {
			return cfg, nil, err
		}
	}
	return cfg, rest, nil
}

// misplacedFlag returns the first argument after the flags that looks
// like a flag, unless "--" ended the flags.
func misplacedFlag(args, rest []string) string {
	if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
		return ""
	}
	for _, a := range rest {
		if len(a) > 1 && a[0] == '-' {
			return a
		}
	}
	return ""
}

// storeFlags choose and open the store.
func storeFlags(fs *flag.FlagSet, env *envReader, cfg *config) func() error {
	fs.StringVar(&cfg.Store, "store", env.str("ISSGRAPH_STORE", "embedded"), "store `kind`: "+strings.Join(storeNames(), ", ")+"; neo4j reads NEO4J_URI and the other NEO4J_* variables (ISSGRAPH_STORE)")
	fs.StringVar(&cfg.Data, "data", env.str("ISSGRAPH_DATA", defaultData), "`file` of the embedded store, created if missing (ISSGRAPH_DATA)")
	fs.BoolVar(&cfg.Memory, "memory", env.boolean("ISSGRAPH_MEMORY", false), "keep the graph in memory only; it is lost at exit (ISSGRAPH_MEMORY)")
	cfg.Neo4j = neo4jstore.ConfigFrom(env.getenv)
	return func() error {
		switch {
		case !slices.Contains(storeNames(), cfg.Store):
			return fmt.Errorf("%w: store %q: want one of %s", errConfig, cfg.Store, strings.Join(storeNames(), ", "))
		case !cfg.Memory && cfg.Data == "":
			return fmt.Errorf("%w: no data file; give --data or --memory", errConfig)
		}
		return nil
	}
}

// logFlags set the logger's level and format.
func logFlags(fs *flag.FlagSet, env *envReader, cfg *config) func() error {
	var level string
	fs.StringVar(&level, "log-level", env.str("ISSGRAPH_LOG_LEVEL", "info"), "`level`: debug, info, warn, error (ISSGRAPH_LOG_LEVEL)")
	fs.StringVar(&cfg.LogFormat, "log-format", env.str("ISSGRAPH_LOG_FORMAT", "text"), "`format` of logs: text, json (ISSGRAPH_LOG_FORMAT)")
	return func() error {
		if err := cfg.LogLevel.UnmarshalText([]byte(level)); err != nil {
			return fmt.Errorf("%w: log level %q: want debug, info, warn or error", errConfig, level)
		}
		if cfg.LogFormat != "text" && cfg.LogFormat != "json" {
			return fmt.Errorf("%w: log format %q: want text or json", errConfig, cfg.LogFormat)
		}
		return nil
	}
}

// serveFlags are the server's own: its address, seeding, CORS, limits,
// timeouts, rate limits and metrics. API keys come from the environment
// only, so that they never show in a process list.
func serveFlags(fs *flag.FlagSet, env *envReader, cfg *config) func() error {
	var origins, proxies string
	fs.StringVar(&cfg.Addr, "addr", env.str("ISSGRAPH_ADDR", defaultAddr), "listen `address` (ISSGRAPH_ADDR)")
	fs.StringVar(&cfg.Seed, "seed", env.str("ISSGRAPH_SEED", "auto"), "load the dataset at start: `auto` (when the store is empty), always, never (ISSGRAPH_SEED)")
	fs.StringVar(&origins, "cors-origins", env.str("ISSGRAPH_CORS_ORIGINS", "*"), "comma-separated `origins` browsers may call the API from, * for any (ISSGRAPH_CORS_ORIGINS)")
	fs.Int64Var(&cfg.MaxBodyBytes, "max-body-bytes", env.integer("ISSGRAPH_MAX_BODY_BYTES", defaultMaxBodyBytes), "largest request body, in `bytes` (ISSGRAPH_MAX_BODY_BYTES)")
	fs.IntVar(&cfg.MaxComplexity, "max-complexity", int(env.integer("ISSGRAPH_MAX_COMPLEXITY", resolvers.DefaultMaxComplexity)), "largest GraphQL query `complexity` (ISSGRAPH_MAX_COMPLEXITY)")
	fs.IntVar(&cfg.MaxQueryBytes, "max-query-bytes", int(env.integer("ISSGRAPH_MAX_QUERY_BYTES", resolvers.DefaultMaxQueryBytes)), "largest GraphQL document, in `bytes` (ISSGRAPH_MAX_QUERY_BYTES)")
	fs.IntVar(&cfg.MaxQueryTokens, "max-query-tokens", int(env.integer("ISSGRAPH_MAX_QUERY_TOKENS", resolvers.DefaultMaxQueryTokens)), "the GraphQL parser's token `limit` (ISSGRAPH_MAX_QUERY_TOKENS)")
	fs.IntVar(&cfg.MaxSelections, "max-selections", int(env.integer("ISSGRAPH_MAX_SELECTIONS", resolvers.DefaultMaxSelections)), "most fields, aliases and fragments a document selects with its fragments expanded (ISSGRAPH_MAX_SELECTIONS)")
	fs.Int64Var(&cfg.MaxResponseBytes, "max-response-bytes", env.integer("ISSGRAPH_MAX_RESPONSE_BYTES", resolvers.DefaultMaxResponseBytes), "largest GraphQL answer, in `bytes` (ISSGRAPH_MAX_RESPONSE_BYTES)")
	fs.Int64Var(&cfg.QueryCacheBytes, "query-cache-bytes", env.integer("ISSGRAPH_QUERY_CACHE_BYTES", resolvers.DefaultQueryCacheBytes), "memory of the parsed-query cache, in `bytes` (ISSGRAPH_QUERY_CACHE_BYTES)")
	fs.Int64Var(&cfg.PersistedQueryCacheBytes, "apq-cache-bytes", env.integer("ISSGRAPH_APQ_CACHE_BYTES", resolvers.DefaultPersistedQueryCacheBytes), "memory of the automatic persisted query cache, in `bytes` (ISSGRAPH_APQ_CACHE_BYTES)")
	fs.IntVar(&cfg.MaxDepth, "max-depth", int(env.integer("ISSGRAPH_MAX_DEPTH", graph.DefaultMaxDepth)), fmt.Sprintf("cap on the `depth` of neighbourhood, path and citation queries, 1 to %d (ISSGRAPH_MAX_DEPTH)", graph.MaxDepthCap))
	fs.DurationVar(&cfg.RequestTimeout, "request-timeout", env.duration("ISSGRAPH_REQUEST_TIMEOUT", defaultRequestTimeout), "deadline of one request (ISSGRAPH_REQUEST_TIMEOUT)")
	fs.DurationVar(&cfg.ShutdownTimeout, "shutdown-timeout", env.duration("ISSGRAPH_SHUTDOWN_TIMEOUT", defaultShutdownTimeout), "how long shutdown waits for requests in flight, after the drain period (ISSGRAPH_SHUTDOWN_TIMEOUT)")
	fs.DurationVar(&cfg.DrainPeriod, "drain-period", env.duration("ISSGRAPH_DRAIN_PERIOD", defaultDrainPeriod), "on SIGTERM or SIGINT, how long /readyz answers 503 while requests are still served, before the listener closes; 0 for none (ISSGRAPH_DRAIN_PERIOD)")
	fs.Float64Var(&cfg.RateLimit, "rate-limit", env.float("ISSGRAPH_RATE_LIMIT", defaultRateLimit), "`requests` per second each client (API key, else address) may send to /graphql and /export on average; 0 for no limit (ISSGRAPH_RATE_LIMIT)")
	fs.IntVar(&cfg.RateBurst, "rate-burst", int(env.integer("ISSGRAPH_RATE_BURST", defaultRateBurst)), "`requests` a client may send at once above its rate (ISSGRAPH_RATE_BURST)")
	fs.IntVar(&cfg.MaxInFlight, "max-in-flight", int(env.integer("ISSGRAPH_MAX_IN_FLIGHT", defaultMaxInFlight)), "`requests` to /graphql and /export served at once; more are refused with 503 at once; 0 for no cap (ISSGRAPH_MAX_IN_FLIGHT)")
	fs.StringVar(&proxies, "trusted-proxies", env.str("ISSGRAPH_TRUSTED_PROXIES", ""), "comma-separated `networks` (CIDR) or addresses of the proxies in front of the server, whose X-Forwarded-For names the client (ISSGRAPH_TRUSTED_PROXIES)")
	// GOGC, when the environment sets it, is the operator's choice and
	// stays the default.
	gcDefault := int64(defaultGCPercent)
	if env.getenv("GOGC") != "" {
		gcDefault = 0
	}
	fs.IntVar(&cfg.GCPercent, "gc-percent", int(env.integer("ISSGRAPH_GC_PERCENT", gcDefault)), "the Go collector's target: heap growth over the live heap, in `percent`, before it collects (as GOGC; the default, unless GOGC is set, trades memory for CPU); 0 leaves the runtime's (ISSGRAPH_GC_PERCENT)")
	fs.Int64Var(&cfg.GCMinHeap, "gc-min-heap", env.integer("ISSGRAPH_GC_MIN_HEAP", defaultGCMinHeap), "`bytes` the heap may grow to before a collection while the live heap is small, whatever --gc-percent says; 0 for none; unused when --gc-percent is 0 (ISSGRAPH_GC_MIN_HEAP)")
	fs.StringVar(&cfg.MetricsAddr, "metrics-addr", env.str("ISSGRAPH_METRICS_ADDR", ""), "serve Prometheus /metrics on this `address` instead of the listen address; off for none (ISSGRAPH_METRICS_ADDR)")

	cfg.Tracing = ops.TracingEnabled(env.getenv)
	cfg.APIKeys = splitList(env.getenv("ISSGRAPH_API_KEYS"))
	if k := strings.TrimSpace(env.getenv("ISSGRAPH_API_KEY")); k != "" {
		cfg.APIKeys = append(cfg.APIKeys, k)
	}
	return func() error {
		cfg.CORSOrigins = splitList(origins)
		var err error
		if cfg.Seed, err = seedMode(cfg.Seed); err != nil {
			return err
		}
		if cfg.TrustedProxies, err = ops.ParsePrefixes(splitList(proxies)); err != nil {
			return fmt.Errorf("%w: trusted proxies: %w", errConfig, err)
		}
		switch {
		case cfg.Addr == "":
			return fmt.Errorf("%w: empty listen address", errConfig)
		case cfg.MaxBodyBytes < 1, cfg.MaxComplexity < 1, cfg.MaxQueryBytes < 1, cfg.MaxQueryTokens < 1,
			cfg.MaxSelections < 1, cfg.MaxResponseBytes < 1, cfg.QueryCacheBytes < 1, cfg.PersistedQueryCacheBytes < 1:
			return fmt.Errorf("%w: limits must be positive", errConfig)
		case cfg.MaxDepth < 1 || cfg.MaxDepth > graph.MaxDepthCap:
			return fmt.Errorf("%w: max depth %d: want 1 to %d", errConfig, cfg.MaxDepth, graph.MaxDepthCap)
		case cfg.RequestTimeout <= 0, cfg.ShutdownTimeout <= 0:
			return fmt.Errorf("%w: timeouts must be positive", errConfig)
		case cfg.DrainPeriod < 0:
			return fmt.Errorf("%w: drain period %s: want 0 or more", errConfig, cfg.DrainPeriod)
		case cfg.RateLimit < 0 || math.IsNaN(cfg.RateLimit) || math.IsInf(cfg.RateLimit, 0):
			return fmt.Errorf("%w: rate limit %v: want 0 (none) or a positive rate", errConfig, cfg.RateLimit)
		case cfg.RateLimit > 0 && cfg.RateBurst < 1:
			return fmt.Errorf("%w: rate burst %d: want 1 or more", errConfig, cfg.RateBurst)
		case cfg.MaxInFlight < 0:
			return fmt.Errorf("%w: max in flight %d: want 0 (no cap) or more", errConfig, cfg.MaxInFlight)
		case cfg.GCPercent < 0:
			return fmt.Errorf("%w: gc percent %d: want 0 (the runtime's) or more", errConfig, cfg.GCPercent)
		case cfg.GCMinHeap < 0:
			return fmt.Errorf("%w: gc min heap %d: want 0 (none) or more bytes", errConfig, cfg.GCMinHeap)
		case cfg.MetricsAddr == cfg.Addr && !strings.HasSuffix(cfg.Addr, ":0"):
			return fmt.Errorf("%w: metrics address %q is the listen address: leave it empty to serve /metrics there", errConfig, cfg.MetricsAddr)
		}
		return nil
	}
}

// seedMode normalises a --seed value; true and false are accepted for
// always and never.
func seedMode(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "auto", "":
		return "auto", nil
	case "always", "true", "1", "yes":
		return "always", nil
	case "never", "false", "0", "no":
		return "never", nil
	}
	return "", fmt.Errorf("%w: seed %q: want auto, always or never", errConfig, s)
}

// splitList splits a comma-separated list, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// envReader reads ISSGRAPH_* variables as flag defaults and keeps the
// first malformed one.
type envReader struct {
	getenv func(string) string
	err    error
}

func (r *envReader) str(name, def string) string {
	if v := r.getenv(name); v != "" {
		return v
	}
	return def
}

func (r *envReader) boolean(name string, def bool) bool {
	v := r.getenv(name)
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		r.fail(name, v, "true or false")
		return def
	}
	return b
}

func (r *envReader) integer(name string, def int64) int64 {
	v := r.getenv(name)
	if v == "" {
		return def
	}
	i, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		r.fail(name, v, "an integer")
		return def
	}
	return i
}

func (r *envReader) float(name string, def float64) float64 {
	v := r.getenv(name)
	if v == "" {
		return def
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		r.fail(name, v, "a number")
		return def
	}
	return f
}

func (r *envReader) duration(name string, def time.Duration) time.Duration {
	v := r.getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		r.fail(name, v, "a duration such as 30s")
		return def
	}
	return d
}

func (r *envReader) fail(name, value, want string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s=%q: want %s", errConfig, name, value, want)
	}
}

// newLogger makes the process's logger, writing to w. A line logged with
// a request's context carries its request id (ops.ContextHandler).
func newLogger(cfg config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(ops.ContextHandler(slog.NewJSONHandler(w, opts)))
	}
	return slog.New(ops.ContextHandler(slog.NewTextHandler(w, opts)))
}
