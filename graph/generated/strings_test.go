package generated

import (
	"bytes"
	"context"
	"math"
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

// jsonFloat writes every finite Float as gqlgen's MarshalFloatContext
// does; the executor leaves NaN and the infinities to it.
func FuzzJSONFloatIsMarshalFloat(f *testing.F) {
	for _, v := range []float64{0, 1, -1, 0.5, 1e-7, 123456789, 1e21, 1e-300, 3.141592653589793, 12.345678} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return
		}
		var got, want bytes.Buffer
		var other strings.Builder
		x := jsonFloat(v)
		x.MarshalGQL(&got)
		x.MarshalGQL(&other)
		if err := graphql.MarshalFloatContext(v).MarshalGQLContext(context.Background(), &want); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() || other.String() != want.String() {
			t.Fatalf("%v: wrote %q (%q to a strings.Builder), MarshalFloatContext writes %q", v, got.String(), other.String(), want.String())
		}
	})
}
