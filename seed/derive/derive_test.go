package derive

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/issgraph/issgraph/seed"
)

func TestGazetteer(t *testing.T) {
	g := NewGazetteer([]Title{
		{Phrase: "EU Drugs Strategy", ID: "document/drugs"},
		{Phrase: "EU Drugs Strategy 2013-2020", ID: "document/drugs-2013"},
		{Phrase: "Cybersecurity Strategy", ID: "document/cyber"},
		{Phrase: "ISS", ID: "document/iss"},                      // too short: dropped
		{Phrase: "cybersecurity strategy", ID: "document/other"}, // duplicate phrase: dropped
	})
	tests := []struct {
		text string
		want []string // ids in order
	}{
		{"The EU Drugs Strategy 2013-2020 was adopted.", []string{"document/drugs-2013"}},
		{"Under the eu drugs strategy, and the Cybersecurity Strategy.", []string{"document/drugs", "document/cyber"}},
		{"The ISS and the EU Drugs Strategy2013 differ.", nil}, // no word boundary after the phrase
		{"An XCybersecurity Strategy is not one.", nil},        // no word boundary before
		{"Cybersecurity Strategy; Cybersecurity Strategy.", []string{"document/cyber", "document/cyber"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range g.Find(tt.text) {
			if !equalFold(tt.text[m.Start:m.End], m.Phrase) {
				t.Errorf("%q: offsets %d-%d give %q, not %q", tt.text, m.Start, m.End, tt.text[m.Start:m.End], m.Phrase)
			}
			got = append(got, m.ID)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func equalFold(a, b string) bool { return bytes.EqualFold([]byte(a), []byte(b)) }

func TestHeadings(t *testing.T) {
	h := newHeadings()
	lines := []struct{ line, want string }{
		{" 1.", ""},
		{" Introduction", "1 Introduction"},
		{"Some prose.", "1 Introduction"},
		{"2.1. ", "1 Introduction"},
		{"Objective-specific achievements", "2.1 Objective-specific achievements"},
		{"3.2.3 Strengthening the role of research", "3.2.3 Strengthening the role of research"},
		{"1) to identify networks", "3.2.3 Strengthening the role of research"},
	}
	for _, l := range lines {
		if got := h.next(l.line); got != l.want {
			t.Errorf("after %q: section %q, want %q", l.line, got, l.want)
		}
	}
}

// TestCommittedDatasetIsDerived regenerates the derived layer from the
// corpus and compares it with the committed file, byte for byte.
func TestCommittedDatasetIsDerived(t *testing.T) {
	dir, ok := FindCorpus()
	if !ok {
		t.Skip("derive: no corpus found (set ISSGRAPH_CORPUS or put shared/corpus beside the repository): the committed derived dataset was NOT checked against it")
	}
	curated, err := seed.ReadCurated()
	if err != nil {
		t.Fatal(err)
	}
	f, err := Derive(dir, curated)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "data", "derived", OutputName)
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go run ./cmd/issgraph derive)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not what the corpus derives: run 'go run ./cmd/issgraph derive' and commit the result", path)
	}
}
