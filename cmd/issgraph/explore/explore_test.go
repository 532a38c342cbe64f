package explore

import (
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/cmd/issgraph/webasset"
	"github.com/issgraph/issgraph/graph"
)

func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET "+Path, Handler("/graphql", "/export/subgraph", "/"))
	mux.Handle("GET "+AssetPath, Assets())
	return mux
}

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec
}

// The page is served under a policy that allows nothing inline and no
// other host, and it loads only files served here.
func TestPage(t *testing.T) {
	mux := newMux()
	rec := get(t, mux, Path)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET %s: %d %q", Path, rec.Code, rec.Header().Get("Content-Type"))
	}
	csp := rec.Header().Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self';", "style-src 'self';", "connect-src 'self';", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "http:", "https:", "*", "nonce"} {
		if strings.Contains(csp, bad) {
			t.Errorf("CSP %q allows %s", csp, bad)
		}
	}
	body := rec.Body.String()
	if m := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9]`).FindString(body); m != "" {
		t.Errorf("the page names a host: %q", m)
	}
	if strings.Contains(body, "<style") || strings.Contains(body, " style=") || regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]`).MatchString(body) {
		t.Error("the page has inline style or script, which its policy refuses")
	}
	if !strings.Contains(body, `id="__________cytoscape_stylesheet"`) {
		t.Error("the stylesheet lacks the id that keeps Cytoscape.js from adding a <style> element")
	}
	if !strings.Contains(body, `<a href="/">GraphQL playground</a>`) {
		t.Error("the page does not link back to the playground")
	}
	var loaded []string
	for _, m := range regexp.MustCompile(`\s(?:src|href)="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		u := m[1]
		if u == "data:," || u == "/" || strings.HasPrefix(u, "#") {
			continue
		}
		if !strings.HasPrefix(u, AssetPath) {
			t.Errorf("the page loads %q, not a file of %s", u, AssetPath)
			continue
		}
		r := get(t, mux, u)
		if r.Code != http.StatusOK || r.Body.Len() == 0 || r.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("GET %s: %d, %d bytes, %q", u, r.Code, r.Body.Len(), r.Header().Get("Cache-Control"))
		}
		loaded = append(loaded, path.Base(u))
	}
	want := append([]string{style}, scripts...)
	if !slices.Equal(loaded, want) {
		t.Errorf("the page loads %q, want %q in that order", loaded, want)
	}
}

// The page tells its script every kind, in the API's spelling, with its
// style, and every relationship type.
func TestConfig(t *testing.T) {
	body := get(t, newMux(), Path).Body.String()
	m := regexp.MustCompile(`data-config="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no data-config")
	}
	var c Config
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &c); err != nil {
		t.Fatalf("data-config: %v", err)
	}
	if c.Endpoint != "/graphql" || c.Export != "/export/subgraph" || c.MaxShortLabel != graph.MaxShortLabel {
		t.Errorf("config %+v", c)
	}
	if len(c.Kinds) != len(graph.Kinds) || len(c.EdgeTypes) != len(graph.EdgeTypes) {
		t.Fatalf("%d kinds and %d edge types, want %d and %d", len(c.Kinds), len(c.EdgeTypes), len(graph.Kinds), len(graph.EdgeTypes))
	}
	colours := map[string]bool{}
	for i, k := range c.Kinds {
		if k.Name != graph.Kinds[i].Kind.Name() || k.Label == "" || k.Shape == "" || !regexp.MustCompile(`^#[0-9A-F]{6}$`).MatchString(k.Color) {
			t.Errorf("kind %d: %+v", i, k)
		}
		if colours[k.Color] {
			t.Errorf("two kinds share the colour %s", k.Color)
		}
		colours[k.Color] = true
	}
}

func TestVendoredFiles(t *testing.T) {
	problems, listed := webasset.CheckVendored(files, "assets", "../../..")
	for _, p := range problems {
		t.Error(p)
	}
	for _, n := range scripts {
		if !listed[n] && n != "explore.js" {
			t.Errorf("the page loads %s, which VERSIONS does not list", n)
		}
	}
}
