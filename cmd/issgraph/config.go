package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/neo4jstore"
	"github.com/issgraph/issgraph/resolvers"
)

// config is the configuration every command shares. parseConfig fills it
// from flags and ISSGRAPH_* variables.
type config struct {
	Addr   string // listen address of the server
	Data   string // file of the embedded store
	Memory bool   // an ephemeral in-memory store instead of Data
	Store  string // a key of stores: "embedded"
	// Seed says when serve loads the dataset: "auto" when the store is
	// empty, "always" at every start, "never".
	Seed string

	APIKeys     []string // keys that may write; from the environment only
	CORSOrigins []string // origins browsers may call the API from

	LogLevel  slog.Level
	LogFormat string // "text" or "json"

	MaxBodyBytes    int64         // request body limit
	MaxComplexity   int           // GraphQL complexity limit
	MaxDepth        int           // cap on the analyst queries' depth
	RequestTimeout  time.Duration // deadline of one request's work
	ShutdownTimeout time.Duration // how long a graceful shutdown waits

	// Neo4j is read from the NEO4J_* variables of the same environment;
	// only --store=neo4j uses it.
	Neo4j neo4jstore.Config
}

// Defaults.
const (
	defaultAddr            = ":8080"
	defaultData            = "./data/issgraph.db"
	defaultMaxBodyBytes    = 1 << 20
	defaultRequestTimeout  = 30 * time.Second
	defaultShutdownTimeout = 15 * time.Second
)

// parseConfig reads the configuration of the command name from args and
// the environment (getenv). A flag on the command line wins over its
// variable, which wins over the default. Arguments after the flags are an
// error; commands that take them use parseConfigArgs.
func parseConfig(name string, args []string, getenv func(string) string, stderr io.Writer) (config, error) {
	cfg, rest, err := parseConfigArgs(name, args, getenv, stderr)
	if err == nil && len(rest) > 0 {
		return cfg, fmt.Errorf("%w: unexpected arguments %q", errConfig, rest)
	}
	return cfg, err
}

// parseConfigArgs is parseConfig for commands that take arguments after
// their flags (issgraph import oeil FILE...): it returns them. more adds
// the command's own flags.
func parseConfigArgs(name string, args []string, getenv func(string) string, stderr io.Writer, more ...func(*flag.FlagSet)) (config, []string, error) {
	env := envReader{getenv: getenv}
	var cfg config
	var level, origins string

	fs := flag.NewFlagSet("issgraph "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", env.str("ISSGRAPH_ADDR", defaultAddr), "listen `address` (ISSGRAPH_ADDR)")
	fs.StringVar(&cfg.Data, "data", env.str("ISSGRAPH_DATA", defaultData), "`file` of the embedded store, created if missing (ISSGRAPH_DATA)")
	fs.BoolVar(&cfg.Memory, "memory", env.boolean("ISSGRAPH_MEMORY", false), "keep the graph in memory only; it is lost at exit (ISSGRAPH_MEMORY)")
	fs.StringVar(&cfg.Store, "store", env.str("ISSGRAPH_STORE", "embedded"), "store `kind`: "+strings.Join(storeNames(), ", ")+" (ISSGRAPH_STORE)")
	fs.StringVar(&cfg.Seed, "seed", env.str("ISSGRAPH_SEED", "auto"), "load the dataset at start: `auto` (when the store is empty), always, never (ISSGRAPH_SEED)")
	fs.StringVar(&origins, "cors-origins", env.str("ISSGRAPH_CORS_ORIGINS", "*"), "comma-separated `origins` browsers may call the API from, * for any (ISSGRAPH_CORS_ORIGINS)")
	fs.StringVar(&level, "log-level", env.str("ISSGRAPH_LOG_LEVEL", "info"), "`level`: debug, info, warn, error (ISSGRAPH_LOG_LEVEL)")
	fs.StringVar(&cfg.LogFormat, "log-format", env.str("ISSGRAPH_LOG_FORMAT", "text"), "`format` of logs: text, json (ISSGRAPH_LOG_FORMAT)")
	fs.Int64Var(&cfg.MaxBodyBytes, "max-body-bytes", env.integer("ISSGRAPH_MAX_BODY_BYTES", defaultMaxBodyBytes), "largest request body, in `bytes` (ISSGRAPH_MAX_BODY_BYTES)")
	fs.IntVar(&cfg.MaxComplexity, "max-complexity", int(env.integer("ISSGRAPH_MAX_COMPLEXITY", resolvers.DefaultMaxComplexity)), "largest GraphQL query `complexity` (ISSGRAPH_MAX_COMPLEXITY)")
	fs.IntVar(&cfg.MaxDepth, "max-depth", int(env.integer("ISSGRAPH_MAX_DEPTH", graph.DefaultMaxDepth)), fmt.Sprintf("cap on the `depth` of neighbourhood, path and citation queries, 1 to %d (ISSGRAPH_MAX_DEPTH)", graph.MaxDepthCap))
	fs.DurationVar(&cfg.RequestTimeout, "request-timeout", env.duration("ISSGRAPH_REQUEST_TIMEOUT", defaultRequestTimeout), "deadline of one request (ISSGRAPH_REQUEST_TIMEOUT)")
	fs.DurationVar(&cfg.ShutdownTimeout, "shutdown-timeout", env.duration("ISSGRAPH_SHUTDOWN_TIMEOUT", defaultShutdownTimeout), "how long shutdown waits for requests in flight (ISSGRAPH_SHUTDOWN_TIMEOUT)")
	for _, add := range more {
		add(fs)
	}

	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, nil, err
		}
		return cfg, nil, errFlags
	}
	rest := fs.Args()
	if env.err != nil {
		return cfg, nil, env.err
	}

	cfg.Neo4j = neo4jstore.ConfigFrom(getenv)
	cfg.APIKeys = splitList(getenv("ISSGRAPH_API_KEYS"))
	if k := strings.TrimSpace(getenv("ISSGRAPH_API_KEY")); k != "" {
		cfg.APIKeys = append(cfg.APIKeys, k)
	}
	cfg.CORSOrigins = splitList(origins)
	if err := cfg.LogLevel.UnmarshalText([]byte(level)); err != nil {
		return cfg, nil, fmt.Errorf("%w: log level %q: want debug, info, warn or error", errConfig, level)
	}
	var err error
	if cfg.Seed, err = seedMode(cfg.Seed); err != nil {
		return cfg, nil, err
	}
	switch {
	case cfg.LogFormat != "text" && cfg.LogFormat != "json":
		return cfg, nil, fmt.Errorf("%w: log format %q: want text or json", errConfig, cfg.LogFormat)
	case !slices.Contains(storeNames(), cfg.Store):
		return cfg, nil, fmt.Errorf("%w: store %q: want one of %s", errConfig, cfg.Store, strings.Join(storeNames(), ", "))
	case cfg.Addr == "":
		return cfg, nil, fmt.Errorf("%w: empty listen address", errConfig)
	case !cfg.Memory && cfg.Data == "":
		return cfg, nil, fmt.Errorf("%w: no data file; give --data or --memory", errConfig)
	case cfg.MaxBodyBytes < 1, cfg.MaxComplexity < 1:
		return cfg, nil, fmt.Errorf("%w: limits must be positive", errConfig)
	case cfg.MaxDepth < 1 || cfg.MaxDepth > graph.MaxDepthCap:
		return cfg, nil, fmt.Errorf("%w: max depth %d: want 1 to %d", errConfig, cfg.MaxDepth, graph.MaxDepthCap)
	case cfg.RequestTimeout <= 0, cfg.ShutdownTimeout <= 0:
		return cfg, nil, fmt.Errorf("%w: timeouts must be positive", errConfig)
	}
	return cfg, rest, nil
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

// newLogger makes the process's logger, writing to w.
func newLogger(cfg config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
