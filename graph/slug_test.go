package graph

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// slugRE is what isSlug means, as a regular expression.
var slugRE = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?(?:/[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)*$`)

// FuzzSlug holds isSlug to the regular expression it replaces.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"", "a", "a-b", "-a", "a-", "a/b", "a//b", "/a", "a/", "a.b_c-d/e9", "A", "a b", "a\n", "é", "2010-2308-ini/2012-05-22-x", "a/-b", "a./b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isSlug(s), slugRE.MatchString(s); got != want {
			t.Fatalf("isSlug(%q) = %v, the expression says %v", s, got, want)
		}
	})
}

// slugOfBefore is Slug as it was written before its ASCII fast path.
func slugOfBefore(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if f, ok := fold[r]; ok {
			r = f
		}
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r == 'ß':
			b.WriteString("ss")
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// FuzzSlugFastPath holds Slug to what it was before its ASCII fast path.
func FuzzSlugFastPath(f *testing.F) {
	for _, s := range []string{"", "Malmström", "Cecilia MALMSTRÖM", "o\u0308", "Straße", "COM(2010) 673", "\xff\xfe", "İstanbul", "ÀÉÎ-ØÜ", "K"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Slug(s), slugOfBefore(s); got != want {
			t.Fatalf("Slug(%q) = %q, before the fast path %q", s, got, want)
		}
	})
}
