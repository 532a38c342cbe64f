package webasset

import (
	"testing"
	"testing/fstest"
)

func TestAcceptsGzip(t *testing.T) {
	for _, c := range []struct {
		header string
		want   bool
	}{
		{"", false},
		{"gzip", true},
		{"GZIP", true},
		{"deflate, gzip", true},
		{"gzip;q=0.5", true},
		{"gzip; q=1.0, br", true},
		{"gzip;q=0", false},
		{"gzip;q=0.000", false},
		{"gzip;q=bad", false},
		{"br, deflate", false},
		{"x-gzip", false},
		{"*", false}, // identity is always fine; keep it simple
	} {
		if got := acceptsGzip(c.header); got != c.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", c.header, got, c.want)
		}
	}
}

// TestLoadRefusesClashingNames: URLs name files without their directory,
// so two files of one name would make one of them unreachable.
func TestLoadRefusesClashingNames(t *testing.T) {
	if _, err := Load("/x/", fstest.MapFS{
		"assets/a.js": {Data: []byte("1")},
		"static/a.js": {Data: []byte("2")},
	}); err == nil {
		t.Error("load accepted two files named a.js")
	}
	s, err := Load("/x/", fstest.MapFS{"assets/a.js": {Data: []byte("1")}, "static/b.woff2": {Data: []byte("2")}})
	if err != nil {
		t.Fatal(err)
	}
	if s.files["a.js"].typ != "text/javascript; charset=utf-8" || s.files["b.woff2"].typ != "application/octet-stream" || s.files["b.woff2"].compress {
		t.Errorf("types: a.js %q, b.woff2 %q (compress %v)", s.files["a.js"].typ, s.files["b.woff2"].typ, s.files["b.woff2"].compress)
	}
}
