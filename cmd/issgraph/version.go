package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// version is the release, set at build time with
// -ldflags "-X main.version=v1.2.3"; otherwise the module's version from
// the build information ("(devel)" for a build from a work tree).
var version = ""

// buildInfo says which build is running: the version, the commit and its
// time, and whether the work tree had changes, from the version control
// stamps the go command records (debug.ReadBuildInfo; a build with
// -buildvcs=false has none, and says so).
type buildInfo struct {
	Version  string
	Commit   string // "" when not stamped
	Time     string
	Modified bool
	Go       string
}

func readBuildInfo() buildInfo {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return buildInfo{Version: orUnknown(version)}
	}
	return parseBuildInfo(bi)
}

func parseBuildInfo(bi *debug.BuildInfo) buildInfo {
	b := buildInfo{Version: version, Go: bi.GoVersion}
	if b.Version == "" {
		b.Version = orUnknown(bi.Main.Version)
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Commit = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// String is what issgraph --version prints.
func (b buildInfo) String() string {
	s := "issgraph " + b.Version
	switch {
	case b.Commit == "":
		s += ", commit unknown (built without version control stamps)"
	default:
		s += ", commit " + b.Commit
		if b.Time != "" {
			s += " of " + b.Time
		}
		if b.Modified {
			s += ", with uncommitted changes"
		}
	}
	if b.Go != "" {
		s += ", " + b.Go
	}
	return s
}

// shortCommit is the commit for labels: its first 12 characters.
func (b buildInfo) shortCommit() string {
	if b.Commit == "" {
		return "unknown"
	}
	return b.Commit[:min(12, len(b.Commit))]
}

// runVersion is "issgraph version" and "issgraph --version".
func runVersion(_ context.Context, e env, args []string) error {
	if _, _, err := parseCommand(e, "version", "", args); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, readBuildInfo())
	return nil
}
