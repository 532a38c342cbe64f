package ref

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusDir finds shared/corpus beside the checkout (or inside one of its
// ancestors), walking up from the package directory.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			return c
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Skip("shared/corpus not found beside the checkout: corpus checks skipped")
		}
		dir = up
	}
}

// TestExtractCorpus runs Extract on two corpus files. The expected lists
// are every reference the files contain, checked by reading them line by
// line; the same lines also hold dates, article numbers, Council file codes
// (JAI 767) and ranges (2010 - 2014) that must not match.
func TestExtractCorpus(t *testing.T) {
	dir := corpusDir(t)
	tests := []struct {
		file string
		want []string // "line: canonical"
	}{
		{"com-2014-0365-final-iss-implementation-report.txt", []string{
			"286: 2013/2636(RSP)", // the Parliament resolution's procedure, in brackets
		}},
		{"council-14186-1-14-rev1-draft-conclusions.txt", []string{
			"11: 14186/1/14 REV 1", // the heading's number, REV 1 on the next line
			"44: 7120/10",          // footnote 1: the 2010 strategy
			"46: 16797/10",         // footnote 2: the Council's copy of COM(2010) 673
			"48: EUCO 79/14",       // footnote 3: June 2014 European Council conclusions
			"66: 11260/14",         // footnote 4: the Council's copy of the 2014 report
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			var got []string
			for _, m := range ExtractLines(text) {
				got = append(got, fmt.Sprintf("%d: %s", m.Line, m.Ref))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("whole file:\n got %q\nwant %q", got, tt.want)
			}
			checkMatches(t, text, Extract(text))

			// The importers extract line by line; a reference split over
			// two lines must still come out the same from its first line.
			got = nil
			for i, line := range strings.Split(text, "\n") {
				for _, m := range Extract(line) {
					got = append(got, fmt.Sprintf("%d: %s", i+1, m.Ref))
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("line by line:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
