// Command issgraph serves the EU Internal Security Strategy policy network
// as a GraphQL API and maintains its store.
//
//	issgraph [serve] [flags]            run the server (the default)
//	issgraph seed [flags]               load the embedded dataset into the store
//	issgraph import oeil [flags] FILE…  import OEIL procedure files
//	issgraph migrate [flags]            apply the store's schema migrations
//	issgraph derive [-corpus DIR]       regenerate seed/data/derived from the corpus
//	issgraph check [--repair] [--data FILE]  list (or move aside) records the embedded store cannot load
//	issgraph --version                  print the version and commit
//
// Each command takes only its own flags, before its arguments; every
// server and store flag has an ISSGRAPH_* environment variable, and a flag
// given on the command line wins. API keys come from the environment only
// (ISSGRAPH_API_KEYS, comma-separated, or ISSGRAPH_API_KEY), so that they
// never show in a process list. Run "issgraph help" for the commands and
// "issgraph <command> -h" for their flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
)

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

// commands is the table of subcommands. To add one, add its line here and
// its run function in a file of its own; the run function parses its own
// flags with parseCommand and the flag groups it needs (config.go), so
// that "issgraph CMD -h" lists just those.
var commands = map[string]command{
	"serve":   {"run the GraphQL server (the default command)", runServe},
	"seed":    {"load the embedded dataset into the configured store and print what changed", runSeed},
	"import":  {"import OEIL procedure files: issgraph import oeil [flags] FILE...", runImport},
	"migrate": {"apply the store's schema migrations (Neo4j constraints and indexes)", runMigrate},
	"derive":  {"regenerate seed/data/derived from the corpus", runDerive},
	"check":   {"list the embedded store's records it cannot load; --repair moves them aside", runCheck},
	"version": {"print the version and commit (also issgraph --version)", runVersion},
}

// defaultCommand runs when the first argument is a flag or missing.
const defaultCommand = "serve"

// env is what a command takes from its process, so that tests can run
// commands in-process.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal starts a graceful shutdown, a second one
		// kills the process the default way.
		<-ctx.Done()
		stop()
	}()
	os.Exit(run(ctx, os.Args[1:], env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}))
}

// run dispatches to a command and returns the exit code: 0 on success, 1
// when the command fails, 2 for a usage error.
func run(ctx context.Context, args []string, e env) int {
	name := defaultCommand
	switch {
	case len(args) == 0:
	case args[0] == "--version" || args[0] == "-version":
		name, args = "version", args[1:]
	case args[0] == "help" || len(args) == 1 && isHelp(args[0]):
		usage(e.stdout)
		return 0
	case !strings.HasPrefix(args[0], "-"):
		name, args = args[0], args[1:]
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(e.stderr, "issgraph: unknown command %q\n\n", name)
		usage(e.stderr)
		return 2
	}
	err := cmd.run(ctx, e, args)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case err == errFlags: // the flag package has said why
		return 2
	}
	fmt.Fprintf(e.stderr, "issgraph %s: %v\n", name, err)
	if errors.Is(err, errConfig) {
		return 2
	}
	return 1
}

var (
	// errFlags: the command line does not parse.
	errFlags = errors.New("bad flags")
	// errConfig: a flag or variable has a value the command cannot use.
	errConfig = errors.New("invalid configuration")
)

// isHelp says whether arg asks for help, as the flag package takes it.
func isHelp(arg string) bool {
	switch arg {
	case "-h", "--h", "-help", "--help":
		return true
	}
	return false
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: issgraph [command] [flags]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-8s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nRun issgraph <command> -h for its flags; issgraph --version for the version.")
}
