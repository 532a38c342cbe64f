package resolvers

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClip(t *testing.T) {
	tests := []struct {
		name, in string
		clipped  bool
	}{
		{"short", "/graphql", false},
		{"at the limit", strings.Repeat("a", maxLogged), false},
		{"long", strings.Repeat("a", 1<<20), true},
		{"long, multi-byte at the cut", strings.Repeat("a", maxLogged-1) + strings.Repeat("é", 1000), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := clip(tt.in)
			switch {
			case !tt.clipped && got != tt.in:
				t.Errorf("changed %q", got)
			case tt.clipped && (len(got) > maxLogged+40 || !strings.HasSuffix(got, " bytes)")):
				t.Errorf("clipped to %d bytes: %.100q…", len(got), got)
			case !utf8.ValidString(got):
				t.Errorf("cut inside a character: %q", got[len(got)-40:])
			}
		})
	}
}
