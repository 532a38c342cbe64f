package main

import (
	"encoding/json"
	"net/http"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/cmd/issgraph/explore"
	"github.com/issgraph/issgraph/cmd/issgraph/graphiql"
)

// TestPlayground loads GraphiQL and the explorer from the running server
// as a browser on a network that reaches only this server would: each
// page, under a strict policy, names no other host, every file it loads is
// served here with its type, each links to the other, and the query the
// playground opens with answers from the seeded graph.
func TestPlayground(t *testing.T) {
	s := startServer(t, "--memory")
	for _, pg := range []struct {
		path, assets, other string
		min                 int
	}{
		{"/", graphiql.AssetPath, explore.Path, 4}, // React, ReactDOM, GraphiQL's script and stylesheet at least
		{explore.Path, explore.AssetPath, "/", 6},  // Cytoscape.js, fcose and its two bases, the page's script and style
	} {
		checkPage(t, s, pg.path, pg.assets, pg.other, pg.min)
	}

	code, out := s.post(t, graphiql.DefaultQuery, nil)
	if code != http.StatusOK || len(out.Errors) > 0 {
		t.Fatalf("the default query: %d %+v", code, out.Errors)
	}
	var proc struct {
		Name        string
		Rapporteurs []struct {
			Role   string
			Person struct{ Name string }
		}
		Events []struct{ Date string }
	}
	if err := json.Unmarshal(out.Data["procedure"], &proc); err != nil {
		t.Fatal(err)
	}
	if len(proc.Rapporteurs) == 0 || proc.Rapporteurs[0].Role != "RAPPORTEUR" || proc.Rapporteurs[0].Person.Name != "Rita Borsellino" {
		t.Errorf("the default query's rapporteurs: %+v; want Rita Borsellino first, as RAPPORTEUR", proc.Rapporteurs)
	}
	if len(proc.Events) == 0 {
		t.Error("the default query shows no events")
	}
}

func checkPage(t *testing.T, s *server, page, assets, other string, min int) {
	t.Helper()
	resp, body := get(t, s.base+page)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET %s: %d %q", page, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self';", "connect-src 'self';"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: CSP %q lacks %q", page, csp, want)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "http:", "https:", "*"} {
		if strings.Contains(csp, bad) {
			t.Errorf("%s: CSP %q allows %s", page, csp, bad)
		}
	}
	if m := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9]`).FindString(body); m != "" {
		t.Errorf("%s names a host: %q", page, m)
	}

	types := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
	loaded, linked := 0, false
	for _, m := range regexp.MustCompile(`\s(?:src|href)="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		u := m[1]
		switch {
		case strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "#"):
			continue
		case u == other:
			linked = true
			if r, _ := get(t, s.base+u); r.StatusCode != http.StatusOK {
				t.Errorf("%s links to %s, which answers %d", page, u, r.StatusCode)
			}
			continue
		case !strings.HasPrefix(u, assets):
			t.Errorf("%s loads %q, not a file of %s", page, u, assets)
			continue
		}
		resp, b := get(t, s.base+u)
		if want := types[path.Ext(u)]; resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != want || want == "" || len(b) == 0 {
			t.Errorf("GET %s: %d %q, %d bytes; want 200 %q", u, resp.StatusCode, resp.Header.Get("Content-Type"), len(b), want)
		}
		loaded++
	}
	if loaded < min {
		t.Errorf("%s loads %d files; expected %d at least", page, loaded, min)
	}
	if !linked {
		t.Errorf("%s does not link to %s", page, other)
	}
}
