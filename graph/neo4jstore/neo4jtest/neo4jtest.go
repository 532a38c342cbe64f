// Package neo4jtest is what the live Neo4j suites share: the one loud line
// that says a suite was skipped and how to run it, and a lock that keeps
// test binaries from using one database at once.
//
// go test runs packages in parallel, and the suites that need the database
// to hold exactly one dataset (graph/teststore) empty it first, which would
// wipe what a concurrent conformance run wrote. Every live suite therefore
// holds Lock for the life of its test binary; the others wait.
package neo4jtest

import (
	"hash/fnv"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// EnvURI is the variable that makes the live suites run.
const EnvURI = "NEO4J_URI"

// Howto is the line every skipped live suite prints.
const Howto = "run `scripts/neo4j test` (it starts a local Neo4j; Java 17 and Maven), " +
	"or set NEO4J_URI to any Neo4j 5"

// URI returns NEO4J_URI, or skips t loudly when it is not set.
func URI(t testing.TB, suite string) string {
	t.Helper()
	uri := os.Getenv(EnvURI)
	if uri == "" {
		t.Skipf("\n*** %s SKIPPED: NEO4J_URI is not set. ***\nTo run it: %s.", suite, Howto)
	}
	return uri
}

// Loopback reports whether the URI's host is this machine: the only kind
// of server a suite may empty.
func Loopback(uri string) bool {
	u, err := url.Parse(uri)
	if err != nil {
		return false
	}
	h := u.Hostname()
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// Lock takes, for the rest of the process, an exclusive lock named after
// the database's URI (host, port and database, not the scheme, so that
// bolt:// and neo4j:// runs on one server exclude each other). It blocks
// while another test binary holds it. The lock is a file lock, so it ends
// with the process however the process ends.
func Lock(t testing.TB, uri, database string) {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatalf("neo4jtest: %s: %v", EnvURI, err)
	}
	h := fnv.New64a()
	h.Write([]byte(u.Host + "/" + database))
	path := filepath.Join(os.TempDir(), "issgraph-neo4j-"+strconv.FormatUint(h.Sum64(), 16)+".lock")
	if err := lockFile(path); err != nil {
		t.Fatalf("neo4jtest: lock %s: %v", path, err)
	}
}
