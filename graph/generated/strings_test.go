package generated

import (
	"bytes"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// jsonString writes every string byte for byte as gqlgen's MarshalString,
// which the rest of the answer is written with (graph/internal/execgen).
func FuzzJSONStringIsMarshalString(f *testing.F) {
	for _, s := range []string{"", "COSI", `a "quoted" \ path`, "tab\tcr\rlf\n", "\x00\x01\x1f\x7f", "Ünïcödé €", "\xff\xfe invalid", "\u2028\u2029"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var got, want bytes.Buffer
		var other strings.Builder // a writer that is no bytes.Buffer
		(*jsonString)(&s).MarshalGQL(&got)
		(*jsonString)(&s).MarshalGQL(&other)
		graphql.MarshalString(s).MarshalGQL(&want)
		if got.String() != want.String() || other.String() != want.String() {
			t.Fatalf("%q: wrote %q (%q to a strings.Builder), MarshalString writes %q", s, got.String(), other.String(), want.String())
		}
	})
}
