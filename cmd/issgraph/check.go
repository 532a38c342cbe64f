package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"

	"github.com/issgraph/issgraph/graph/embedded"
)

// errBadRecords: check found records the store cannot load (exit 1).
var errBadRecords = errors.New("the store holds records it cannot load; run again with --repair to move them aside")

// runCheck is "issgraph check [--repair] [--data FILE]": it reads every
// record of the embedded store's file as Open does and lists those that do
// not load (a record an older build wrote, or a hand edit broke), with
// why, and what the file's quarantine holds. Open refuses a file with such
// a record and names this command. With --repair it moves them into the
// quarantine, verbatim and with the reason, in one transaction: the file
// opens again and nothing is lost. It needs the file to itself: stop the
// server first.
//
// It takes its own flags only, so that it stands alone in the commands
// table.
func runCheck(_ context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("issgraph check", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	data := defaultData
	if v := e.getenv("ISSGRAPH_DATA"); v != "" {
		data = v
	}
	fs.StringVar(&data, "data", data, "`file` of the embedded store (ISSGRAPH_DATA)")
	repair := fs.Bool("repair", false, "move the records that do not load into the file's quarantine")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: issgraph check [--repair] [--data FILE]")
		fmt.Fprintln(fs.Output(), "\nLists the records of the embedded store that it cannot load; --repair moves them aside.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errFlags
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errConfig, fs.Args())
	}
	if data == "" {
		return fmt.Errorf("%w: no data file; give --data", errConfig)
	}
	check := embedded.Check
	if *repair {
		check = embedded.Repair
	}
	r, err := check(data)
	if err != nil {
		return err
	}
	printCheck(e.stdout, data, r, *repair)
	if len(r.Bad) > 0 && !*repair {
		return errBadRecords
	}
	return nil
}

// maxShownRecord bounds how much of a record's bytes the report shows.
const maxShownRecord = 200

func printCheck(w io.Writer, path string, r embedded.Report, repaired bool) {
	fmt.Fprintf(w, "%s: %d nodes and %d edges load\n", path, r.Nodes, r.Edges)
	verb := "cannot be loaded"
	if repaired {
		verb = "moved into the quarantine"
	}
	if len(r.Bad) == 0 {
		fmt.Fprintln(w, "every record loads")
	} else {
		fmt.Fprintf(w, "%d records %s:\n", len(r.Bad), verb)
		for _, b := range r.Bad {
			fmt.Fprintf(w, "  %s\n    stored: %s\n", b, shown(b.Record))
		}
	}
	if len(r.Quarantine) > 0 {
		fmt.Fprintf(w, "the quarantine holds %d records, kept as they were:\n", len(r.Quarantine))
		for _, q := range r.Quarantine {
			fmt.Fprintf(w, "  %s\n", q)
		}
	}
}

// shown quotes the start of a record, so that bytes that are not UTF-8
// or not printable show as escapes.
func shown(b []byte) string {
	if len(b) > maxShownRecord {
		return strconv.Quote(string(b[:maxShownRecord])) + fmt.Sprintf(" ... (%d bytes)", len(b))
	}
	return strconv.Quote(string(b))
}
