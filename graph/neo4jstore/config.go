package neo4jstore

import (
	"net/url"
	"os"
	"strconv"
	"time"

	"github.com/issgraph/issgraph/graph"
)

// Config says how to reach Neo4j.
type Config struct {
	// URI is bolt://, bolt+s:// (one server) or neo4j://, neo4j+s://
	// (routing: reads go to secondaries of a cluster).
	URI string
	// User and Password authenticate with basic auth; no User means no
	// auth.
	User, Password string
	// Database is the database every session names; "" means "neo4j".
	Database string
	// MaxPoolSize caps the driver's connections per server; 0 keeps the
	// driver's default (100).
	MaxPoolSize int
	// ConnectTimeout bounds opening one TCP connection; 0 keeps the
	// driver's default (5s). ConfigFromEnv sets DefaultConnectTimeout.
	ConnectTimeout time.Duration
	// AcquireTimeout bounds getting one working connection: waiting for a
	// pooled one, or opening one, which includes TCP, TLS, the Bolt
	// handshake and authentication. It is the only bound on a server that
	// accepts TCP and never answers: the driver has no handshake or read
	// timeout of its own. 0 keeps the driver's default (1m). A request's
	// own deadline wins when earlier, and so does the retry budget
	// (MaxRetryTime). ConfigFromEnv sets DefaultAcquireTimeout; Ping uses
	// it too.
	AcquireTimeout time.Duration
	// MaxTxTime caps the server-side timeout of one transaction. The
	// timeout is the request's remaining deadline when it has one, never
	// more than MaxTxTime; 0 means no cap (the server's default applies
	// when the request has no deadline).
	MaxTxTime time.Duration
	// MaxRetryTime bounds the retries of a managed transaction after
	// transient or connection errors; 0 means 30s (the driver's default).
	// ConfigFromEnv sets DefaultMaxRetryTime, so that while Neo4j is down
	// a GraphQL request answers UNAVAILABLE within seconds instead of
	// hanging for half a minute. The Store, which does the retrying,
	// enforces it as a budget: a call whose work has not started when it
	// passes (still connecting, or waiting to retry) fails with
	// graph.ErrUnavailable then, and no attempt starts after it; work that
	// runs, and a commit, are never cut short by it.
	MaxRetryTime time.Duration

	err error // a malformed environment variable, reported by Open
}

// Environment variables read by ConfigFromEnv.
const (
	EnvURI            = "NEO4J_URI"
	EnvUser           = "NEO4J_USER"
	EnvPassword       = "NEO4J_PASSWORD"
	EnvDatabase       = "NEO4J_DATABASE"
	EnvMaxPoolSize    = "NEO4J_MAX_POOL_SIZE"
	EnvConnectTimeout = "NEO4J_CONNECT_TIMEOUT"
	EnvAcquireTimeout = "NEO4J_ACQUIRE_TIMEOUT"
	EnvTxTimeout      = "NEO4J_TX_TIMEOUT"
	EnvMaxRetryTime   = "NEO4J_MAX_RETRY_TIME"
)

// Defaults ConfigFromEnv sets, each overridden by its variable. Together
// they bound how long a call waits for a Neo4j that is down, unreachable,
// or accepts connections and never answers: about DefaultMaxRetryTime.
const (
	// DefaultMaxRetryTime: long enough to ride out a cluster's leader
	// switch, short enough for an interactive API. Raise it with
	// NEO4J_MAX_RETRY_TIME for batch work on a busy cluster.
	DefaultMaxRetryTime = 5 * time.Second
	// DefaultConnectTimeout: a TCP connect on a working network takes
	// milliseconds; 2s survives one lost SYN (retransmitted after 1s) and
	// leaves time in the retry budget to try again.
	DefaultConnectTimeout = 2 * time.Second
	// DefaultAcquireTimeout: one attempt to get a working connection, no
	// longer than the retry budget, so that a server that accepts TCP
	// and never answers (a hung process, a proxy with no backend) costs
	// seconds, not the driver's minute. Under load it is also how long a
	// call waits for a free pooled connection before it retries.
	DefaultAcquireTimeout = 5 * time.Second
)

// DefaultDatabase is the database used when none is named.
const DefaultDatabase = "neo4j"

// ConfigFromEnv reads the NEO4J_* variables of the process: ConfigFrom
// with os.Getenv.
func ConfigFromEnv() Config { return ConfigFrom(os.Getenv) }

// ConfigFrom reads the NEO4J_* variables through getenv. Durations use
// Go's syntax (5s, 1m30s). A malformed value is kept in the Config and
// reported by Open (and Validate) as ErrInvalid, so that a typo never
// silently becomes a default.
func ConfigFrom(getenv func(string) string) Config {
	c := Config{
		URI:      getenv(EnvURI),
		User:     getenv(EnvUser),
		Password: getenv(EnvPassword),
		Database: getenv(EnvDatabase),
	}
	if c.Database == "" {
		c.Database = DefaultDatabase
	}
	if v := getenv(EnvMaxPoolSize); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			c.setErr(EnvMaxPoolSize, "want an integer, got %q", v)
		}
		c.MaxPoolSize = n
	}
	c.ConnectTimeout = c.envDurationOr(getenv, EnvConnectTimeout, DefaultConnectTimeout)
	c.AcquireTimeout = c.envDurationOr(getenv, EnvAcquireTimeout, DefaultAcquireTimeout)
	c.MaxTxTime = c.envDuration(getenv, EnvTxTimeout)
	c.MaxRetryTime = c.envDurationOr(getenv, EnvMaxRetryTime, DefaultMaxRetryTime)
	return c
}

// envDurationOr is envDuration with a default for an unset variable. (Set
// to 0, a variable keeps the driver's own default.)
func (c *Config) envDurationOr(getenv func(string) string, name string, def time.Duration) time.Duration {
	if getenv(name) == "" {
		return def
	}
	return c.envDuration(getenv, name)
}

func (c *Config) envDuration(getenv func(string) string, name string) time.Duration {
	v := getenv(name)
	if v == "" {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		c.setErr(name, "want a duration such as 5s, got %q", v)
		return 0
	}
	return d
}

func (c *Config) setErr(field, format string, args ...any) {
	if c.err == nil {
		c.err = &graph.ValidationError{Field: field, Reason: sprintf(format, args...)}
	}
}

// allowedSchemes are the URI schemes Open accepts: plain and TLS, direct
// and routing. bolt+ssc and neo4j+ssc (TLS without verification) are left
// out on purpose.
var allowedSchemes = map[string]bool{"bolt": true, "bolt+s": true, "neo4j": true, "neo4j+s": true}

// Validate checks the configuration without contacting the server. Its
// errors match graph.ErrInvalid.
func (c Config) Validate() error {
	if c.err != nil {
		return c.err
	}
	bad := func(field, format string, args ...any) error {
		return &graph.ValidationError{Field: field, Reason: sprintf(format, args...)}
	}
	if c.URI == "" {
		return bad(EnvURI, "required")
	}
	u, err := url.Parse(c.URI)
	if err != nil {
		return bad(EnvURI, "not a URI")
	}
	if !allowedSchemes[u.Scheme] {
		return bad(EnvURI, "scheme %q: want bolt, bolt+s, neo4j or neo4j+s", u.Scheme)
	}
	if u.Host == "" {
		return bad(EnvURI, "no host")
	}
	if u.User != nil {
		return bad(EnvURI, "put credentials in %s and %s, not in the URI", EnvUser, EnvPassword)
	}
	if c.MaxPoolSize < 0 {
		return bad(EnvMaxPoolSize, "must not be negative")
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{EnvConnectTimeout, c.ConnectTimeout}, {EnvAcquireTimeout, c.AcquireTimeout}, {EnvTxTimeout, c.MaxTxTime}, {"MaxRetryTime", c.MaxRetryTime}} {
		if d.v < 0 {
			return bad(d.name, "must not be negative")
		}
	}
	return nil
}

func (c Config) database() string {
	if c.Database == "" {
		return DefaultDatabase
	}
	return c.Database
}

// redactedURI is the URI without anything secret, for logs.
func (c Config) redactedURI() string {
	u, err := url.Parse(c.URI)
	if err != nil {
		return "(unparsable)"
	}
	u.User = nil
	return u.Redacted()
}
