//go:build !unix

package neo4jtest

// lockFile does nothing where there is no flock: run the live suites one
// package at a time there (go test -p 1).
func lockFile(string) error { return nil }
