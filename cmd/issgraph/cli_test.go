package main

import (
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

// helpFlags runs "issgraph ARGS -h" and returns the flags it lists.
func helpFlags(t *testing.T, args ...string) (flags []string, text string) {
	t.Helper()
	code, _, errs := runCmd(t, nil, append(args, "-h")...)
	if code != 0 {
		t.Fatalf("%q -h: code %d, %s", args, code, errs)
	}
	for _, m := range regexp.MustCompile(`(?m)^  -([a-z][a-z0-9-]*)`).FindAllStringSubmatch(errs, -1) {
		flags = append(flags, m[1])
	}
	return flags, errs
}

var (
	storeFlagNames  = []string{"data", "log-format", "log-level", "memory", "store"}
	importFlagNames = []string{"data", "json", "lenient", "log-format", "log-level", "memory", "store"}
	serveOnly       = []string{"addr", "apq-cache-bytes", "cors-origins", "drain-period", "gc-min-heap", "gc-percent", "max-body-bytes", "max-complexity", "max-depth", "max-in-flight",
		"max-query-bytes", "max-query-tokens", "max-response-bytes", "max-selections",
		"metrics-addr", "query-cache-bytes", "rate-burst", "rate-limit", "request-timeout", "seed", "shutdown-timeout", "trusted-proxies"}
)

// Each command accepts only its own flags, and -h lists just those.
func TestEachCommandListsItsOwnFlags(t *testing.T) {
	serve := slices.Sorted(slices.Values(append(slices.Clone(storeFlagNames), serveOnly...)))
	tests := []struct {
		args  []string
		flags []string
		usage string
	}{
		{[]string{"serve"}, serve, "usage: issgraph serve [flags]\n"},
		{[]string{"seed"}, storeFlagNames, "usage: issgraph seed [flags]\n"},
		{[]string{"migrate"}, storeFlagNames, "usage: issgraph migrate [flags]\n"},
		{[]string{"import", "oeil"}, importFlagNames, "usage: issgraph import oeil [flags] FILE...\n"},
		{[]string{"import"}, importFlagNames, "usage: issgraph import oeil [flags] FILE...\n"},
		{[]string{"derive"}, []string{"check", "corpus", "out"}, "usage: issgraph derive [flags]\n"},
		{[]string{"version"}, nil, "usage: issgraph version [flags]\n"},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		covered[tt.args[0]] = true
		got, text := helpFlags(t, tt.args...)
		if !slices.Equal(got, tt.flags) {
			t.Errorf("%q -h lists %v, want %v", tt.args, got, tt.flags)
		}
		if !strings.HasPrefix(text, tt.usage) {
			t.Errorf("%q -h begins %q, want %q", tt.args, text[:min(len(text), 60)], tt.usage)
		}
	}
	// A command added later: its -h works and lists none of the server's
	// flags.
	for name := range commands {
		if covered[name] {
			continue
		}
		got, _ := helpFlags(t, name)
		for _, f := range got {
			if slices.Contains(serveOnly, f) {
				t.Errorf("%s -h lists the server's flag -%s", name, f)
			}
		}
	}
}

func TestCommandLines(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // a part of it
		stdout string // a part of it
	}{
		{"a server flag given to seed", []string{"seed", "--addr", ":9000"}, 2, "flag provided but not defined: -addr", ""},
		{"a store flag given to derive", []string{"derive", "--memory"}, 2, "flag provided but not defined: -memory", ""},
		{"a flag after the files", []string{"import", "oeil", "a.txt", "--memory"}, 2, `"--memory" comes after the arguments: flags go before them`, ""},
		{"a flag between the files", []string{"import", "oeil", "a.txt", "-store=neo4j", "b.txt"}, 2, `"-store=neo4j" comes after the arguments`, ""},
		{"a stray argument before a flag", []string{"seed", "now", "--memory"}, 2, `"--memory" comes after the arguments`, ""},
		{"-- lets a file start with -", []string{"import", "oeil", "--memory", "--", "-missing.txt"}, 1, "-missing.txt", ""},
		{"--version", []string{"--version"}, 0, "", "issgraph "},
		{"-version", []string{"-version"}, 0, "", "commit"},
		{"version", []string{"version"}, 0, "", "commit"},
		{"-h alone: the commands", []string{"-h"}, 0, "", "commands:"},
		{"help", []string{"help"}, 0, "", "version"},
	}
	for _, tt := range tests {
		code, out, errs := runCmd(t, nil, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.stderr) || !strings.Contains(out, tt.stdout) {
			t.Errorf("%s: %q: code %d, stdout %q, stderr %q; want code %d, stderr with %q, stdout with %q",
				tt.name, tt.args, code, out, errs, tt.code, tt.stderr, tt.stdout)
		}
	}
}

func TestBuildInfo(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i+1 < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	tests := []struct {
		name   string
		bi     debug.BuildInfo
		want   string
		commit string
	}{
		{"a release", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.4.0"},
			Settings: settings("vcs.revision", "0123456789abcdef0123", "vcs.time", "2026-05-01T10:00:00Z", "vcs.modified", "false")},
			"issgraph v1.4.0, commit 0123456789abcdef0123 of 2026-05-01T10:00:00Z, go1.26.8", "0123456789ab"},
		{"a work tree with changes", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", "abc", "vcs.modified", "true")},
			"issgraph (devel), commit abc, with uncommitted changes, go1.26.8", "abc"},
		{"built without stamps", debug.BuildInfo{GoVersion: "go1.26.8"},
			"issgraph unknown, commit unknown (built without version control stamps), go1.26.8", "unknown"},
	}
	for _, tt := range tests {
		b := parseBuildInfo(&tt.bi)
		if got := b.String(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
		if got := b.shortCommit(); got != tt.commit {
			t.Errorf("%s: short commit %q, want %q", tt.name, got, tt.commit)
		}
	}
	prev := version
	version = "v9.9.9"
	defer func() { version = prev }()
	if got := parseBuildInfo(&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}).Version; got != "v9.9.9" {
		t.Errorf("-X main.version is ignored: %q", got)
	}
}
