package graphiql

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/cmd/issgraph/webasset"
)

// newMux mounts the playground as cmd/issgraph does.
func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", Handler("issgraph", "/graphql"))
	mux.Handle("GET "+AssetPath, Assets())
	return mux
}

func get(t *testing.T, h http.Handler, target string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

var (
	attrRE  = regexp.MustCompile(`\s(src|href)="([^"]*)"`)
	nonceRE = regexp.MustCompile(`\snonce="([^"]+)"`)
	// a URL with a host: http://x, https://x, or scheme-relative //x
	hostRE = regexp.MustCompile(`(?i)(https?:)?//[a-z0-9]`)
)

// directives splits a Content-Security-Policy into its directives.
func directives(t *testing.T, csp string) map[string][]string {
	t.Helper()
	m := map[string][]string{}
	for _, d := range strings.Split(csp, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		if _, dup := m[f[0]]; dup {
			t.Errorf("directive %s given twice", f[0])
		}
		m[f[0]] = f[1:]
	}
	return m
}

func TestPage(t *testing.T) {
	mux := newMux()
	rec := get(t, mux, "/")
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /: %d %s", rec.Code, rec.Body)
	}
	h := rec.Header()
	if got := h.Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}
	if got := h.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control %q, want no-store: the page carries a nonce", got)
	}
	body := rec.Body.String()
	for _, want := range []string{"<title>issgraph</title>", `data-endpoint="/graphql"`, `id="graphiql"`, `<a href="/explore">`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}

	nonces := nonceRE.FindAllStringSubmatch(body, -1)
	if len(nonces) != 1 {
		t.Fatalf("page has %d nonce attributes, want 1 (on the start script)", len(nonces))
	}
	nonce := nonces[0][1]

	d := directives(t, h.Get("Content-Security-Policy"))
	want := map[string][]string{
		"default-src":     {"'none'"},
		"script-src":      {"'self'"},
		"style-src":       {"'self'", "'nonce-" + nonce + "'"},
		"font-src":        {"'self'", "data:"},
		"img-src":         {"'self'", "data:"},
		"connect-src":     {"'self'"},
		"base-uri":        {"'none'"},
		"form-action":     {"'none'"},
		"frame-ancestors": {"'none'"},
	}
	for k, v := range want {
		if strings.Join(d[k], " ") != strings.Join(v, " ") {
			t.Errorf("CSP %s = %q, want %q", k, d[k], v)
		}
	}
	for k := range d {
		if _, ok := want[k]; !ok {
			t.Errorf("CSP has unexpected directive %s %q", k, d[k])
		}
	}

	// A fresh nonce each time: a fixed one would be no better than
	// 'unsafe-inline'.
	rec2 := get(t, mux, "/")
	if n2 := nonceRE.FindStringSubmatch(rec2.Body.String()); n2 == nil || n2[1] == nonce {
		t.Errorf("two pages share the nonce %q", nonce)
	}
	if !strings.Contains(rec2.Header().Get("Content-Security-Policy"), "'nonce-"+nonceRE.FindStringSubmatch(rec2.Body.String())[1]+"'") {
		t.Error("the second page's policy does not name its own nonce")
	}
}

// TestPageLoadsOnlyLocalFiles follows every URL of the page: each is served
// here, with its type and a year's caching, and nothing names another host.
func TestPageLoadsOnlyLocalFiles(t *testing.T) {
	mux := newMux()
	body := get(t, mux, "/").Body.String()
	if m := hostRE.FindString(body); m != "" {
		t.Errorf("page names a host: %q", m)
	}
	refs := attrRE.FindAllStringSubmatch(body, -1)
	seen := map[string]bool{}
	for _, r := range refs {
		u := r[2]
		if u == "data:," { // the empty favicon, so the browser asks for none
			continue
		}
		if u == ExplorerPath { // the link to the explorer, another page of this server
			continue
		}
		if !strings.HasPrefix(u, AssetPath) {
			t.Errorf("%s=%q is not under %s", r[1], u, AssetPath)
			continue
		}
		seen[path.Base(u)] = true
		rec := get(t, mux, u)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: %d", u, rec.Code)
			continue
		}
		wantType := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}[path.Ext(u)]
		if got := rec.Header().Get("Content-Type"); got != wantType || wantType == "" {
			t.Errorf("GET %s: Content-Type %q, want %q", u, got, wantType)
		}
		if got := rec.Header().Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("GET %s: Cache-Control %q", u, got)
		}
		if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q", u, got)
		}
		if rec.Body.Len() == 0 {
			t.Errorf("GET %s: empty", u)
		}
	}
	for _, n := range []string{"graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js", "issgraph.js", "issgraph.css"} {
		if !seen[n] {
			t.Errorf("page does not load %s", n)
		}
	}
}

func TestAssetsServesEachFileAtItsHash(t *testing.T) {
	mux := newMux()
	names := []string{"VERSIONS", "THIRD-PARTY-LICENSES.txt", "graphiql-LICENSE.txt", "react-LICENSE.txt", "react-dom-LICENSE.txt"}
	for _, n := range names {
		u, err := assetURL(n)
		if err != nil {
			t.Fatal(err)
		}
		rec := get(t, mux, u)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/plain; charset=utf-8" {
			t.Errorf("GET %s: %d %q", u, rec.Code, rec.Header().Get("Content-Type"))
		}
	}

	js, _ := assetURL("graphiql.min.js")
	stale := AssetPath + "0123456789abcdef/graphiql.min.js"
	for _, u := range []string{
		stale,                         // another build's file: not these bytes
		AssetPath + "graphiql.min.js", // no hash
		AssetPath,                     // no file
		js + "x",                      // no such file
		strings.Replace(js, "/graphiql.min.js", "/assets/graphiql.min.js", 1), // no directories
	} {
		if rec := get(t, mux, u); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", u, rec.Code)
		}
	}
}

func TestAssetsGzip(t *testing.T) {
	mux := newMux()
	u, _ := assetURL("graphiql.min.js")
	want, err := files.ReadFile("assets/graphiql.min.js")
	if err != nil {
		t.Fatal(err)
	}

	rec := get(t, mux, u, "Accept-Encoding", "br, gzip;q=0.8")
	if rec.Header().Get("Content-Encoding") != "gzip" || rec.Header().Get("Vary") != "Accept-Encoding" {
		t.Fatalf("gzip asked: Content-Encoding %q, Vary %q", rec.Header().Get("Content-Encoding"), rec.Header().Get("Vary"))
	}
	if rec.Body.Len() >= len(want)/2 {
		t.Errorf("gzipped %d bytes of %d: hardly compressed", rec.Body.Len(), len(want))
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("gunzipped body differs from the file (err %v)", err)
	}
	etag := rec.Header().Get("ETag")

	plain := get(t, mux, u, "Accept-Encoding", "gzip;q=0")
	if plain.Header().Get("Content-Encoding") != "" || !bytes.Equal(plain.Body.Bytes(), want) {
		t.Errorf("gzip refused: got Content-Encoding %q and %d bytes", plain.Header().Get("Content-Encoding"), plain.Body.Len())
	}
	if plain.Header().Get("ETag") == etag {
		t.Error("gzipped and plain bodies share an ETag")
	}

	if rec := get(t, mux, u, "Accept-Encoding", "gzip", "If-None-Match", etag); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match with the current ETag: %d, want 304", rec.Code)
	}
}

// TestVendoredFiles checks assets/ against its manifest and the npm pins
// (webasset.CheckVendored), and that the page loads nothing else but our
// own files.
func TestVendoredFiles(t *testing.T) {
	problems, listed := webasset.CheckVendored(files, "assets", "../../..")
	for _, p := range problems {
		t.Error(p)
	}
	for _, n := range append(append([]string{start}, styles...), scripts...) {
		if !listed[n] && !strings.HasPrefix(n, "issgraph.") {
			t.Errorf("the page loads %s, which VERSIONS does not list", n)
		}
	}
}
