package neo4jstore

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/issgraph/issgraph/graph"
)

func TestConfigFromEnv(t *testing.T) {
	t.Setenv(EnvURI, "neo4j+s://db.example:7687")
	t.Setenv(EnvUser, "neo4j")
	t.Setenv(EnvPassword, "secret")
	t.Setenv(EnvDatabase, "")
	t.Setenv(EnvMaxPoolSize, "20")
	t.Setenv(EnvConnectTimeout, "3s")
	t.Setenv(EnvAcquireTimeout, "")
	t.Setenv(EnvTxTimeout, "1m")
	t.Setenv(EnvMaxRetryTime, "")
	c := ConfigFromEnv()
	want := Config{URI: "neo4j+s://db.example:7687", User: "neo4j", Password: "secret", Database: "neo4j",
		MaxPoolSize: 20, ConnectTimeout: 3 * time.Second, AcquireTimeout: DefaultAcquireTimeout,
		MaxTxTime: time.Minute, MaxRetryTime: DefaultMaxRetryTime}
	if c != want {
		t.Errorf("got %+v\nwant %+v", c, want)
	}
	t.Setenv(EnvConnectTimeout, "")
	t.Setenv(EnvAcquireTimeout, "750ms")
	if c := ConfigFromEnv(); c.ConnectTimeout != DefaultConnectTimeout || c.AcquireTimeout != 750*time.Millisecond {
		t.Errorf("%s unset, %s=750ms: ConnectTimeout %v, AcquireTimeout %v", EnvConnectTimeout, EnvAcquireTimeout, c.ConnectTimeout, c.AcquireTimeout)
	}
	t.Setenv(EnvAcquireTimeout, "0")
	if c := ConfigFromEnv(); c.AcquireTimeout != 0 {
		t.Errorf("%s=0 gives AcquireTimeout %v, want 0 (the driver's default)", EnvAcquireTimeout, c.AcquireTimeout)
	}
	t.Setenv(EnvMaxRetryTime, "45s")
	if c := ConfigFromEnv(); c.MaxRetryTime != 45*time.Second {
		t.Errorf("%s=45s gives MaxRetryTime %v", EnvMaxRetryTime, c.MaxRetryTime)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}

	for _, tc := range []struct{ name, val string }{{EnvMaxPoolSize, "many"}, {EnvConnectTimeout, "5"}, {EnvAcquireTimeout, "a while"}, {EnvTxTimeout, "soon"}, {EnvMaxRetryTime, "later"}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(tc.name, tc.val)
			c := ConfigFromEnv()
			if err := c.Validate(); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("%s=%q: Validate = %v, want ErrInvalid", tc.name, tc.val, err)
			}
			if _, err := Open(context.Background(), c, nil); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("%s=%q: Open = %v, want ErrInvalid", tc.name, tc.val, err)
			}
		})
	}
}

func TestConfigValidate(t *testing.T) {
	ok := Config{URI: "bolt://localhost:7687"}
	cases := []struct {
		name  string
		edit  func(c *Config)
		valid bool
	}{
		{"bolt", func(c *Config) {}, true},
		{"bolt+s", func(c *Config) { c.URI = "bolt+s://db.example" }, true},
		{"neo4j", func(c *Config) { c.URI = "neo4j://db.example:7687" }, true},
		{"neo4j+s", func(c *Config) { c.URI = "neo4j+s://db.example" }, true},
		{"no URI", func(c *Config) { c.URI = "" }, false},
		{"http", func(c *Config) { c.URI = "http://localhost:7474" }, false},
		{"bolt+ssc", func(c *Config) { c.URI = "bolt+ssc://localhost" }, false},
		{"neo4j+ssc", func(c *Config) { c.URI = "neo4j+ssc://localhost" }, false},
		{"bolt+unix", func(c *Config) { c.URI = "bolt+unix:///tmp/sock" }, false},
		{"no scheme", func(c *Config) { c.URI = "localhost:7687" }, false},
		{"no host", func(c *Config) { c.URI = "bolt://" }, false},
		{"credentials in the URI", func(c *Config) { c.URI = "bolt://neo4j:pw@localhost" }, false},
		{"negative pool", func(c *Config) { c.MaxPoolSize = -1 }, false},
		{"negative timeout", func(c *Config) { c.MaxTxTime = -time.Second }, false},
	}
	for _, tc := range cases {
		c := ok
		tc.edit(&c)
		err := c.Validate()
		if tc.valid != (err == nil) || (err != nil && !errors.Is(err, graph.ErrInvalid)) {
			t.Errorf("%s: Validate = %v", tc.name, err)
		}
		s, err := Open(context.Background(), c, nil)
		if tc.valid != (err == nil) {
			t.Errorf("%s: Open = %v", tc.name, err)
		}
		if s != nil {
			_ = s.Close()
		}
	}
}

// TestOpenWithServerDown checks the promise that lets the service start
// without Neo4j: Open succeeds, and calls fail with ErrUnavailable, not
// with an internal error, once the driver's retry budget is spent.
// The address is a loopback port nobody listens on.
func TestOpenWithServerDown(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("no loopback:", err)
	}
	addr := l.Addr().String()
	l.Close() // now nothing listens there
	s, err := Open(context.Background(), Config{URI: "bolt://" + addr, User: "neo4j", Password: "x",
		ConnectTimeout: time.Second, MaxRetryTime: 200 * time.Millisecond}, nil)
	if err != nil {
		t.Fatalf("Open with the server down: %v", err)
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	down := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, graph.ErrUnavailable) {
			t.Errorf("%s with the server down: %v, want ErrUnavailable", what, err)
		}
	}
	down("Ping", s.Ping(ctx))
	_, err = s.GetNode(ctx, "document/a")
	down("GetNode", err)
	down("PutNode", s.PutNode(ctx, graph.Node{ID: "document/a", Kind: graph.Document, Name: "A"}))
}
