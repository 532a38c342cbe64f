package main

import (
	"encoding/json"
	"net/http"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/issgraph/issgraph/cmd/issgraph/graphiql"
)

// TestPlayground loads GraphiQL from the running server as a browser on a
// network that reaches only this server would: the page, under a strict
// policy, names no other host, every file it loads is served here with
// its type, and the query it opens with answers from the seeded graph.
func TestPlayground(t *testing.T) {
	s := startServer(t, "--memory")

	resp, body := get(t, s.base+"/")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self';", "connect-src 'self';"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "http:", "https:", "*"} {
		if strings.Contains(csp, bad) {
			t.Errorf("CSP %q allows %s", csp, bad)
		}
	}
	if m := regexp.MustCompile(`(?i)(https?:)?//[a-z0-9]`).FindString(body); m != "" {
		t.Errorf("the page names a host: %q", m)
	}

	types := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
	loaded := 0
	for _, m := range regexp.MustCompile(`\s(?:src|href)="([^"]*)"`).FindAllStringSubmatch(body, -1) {
		u := m[1]
		if strings.HasPrefix(u, "data:") {
			continue
		}
		if !strings.HasPrefix(u, graphiql.AssetPath) {
			t.Errorf("the page loads %q, not a file of %s", u, graphiql.AssetPath)
			continue
		}
		resp, b := get(t, s.base+u)
		if want := types[path.Ext(u)]; resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != want || want == "" || len(b) == 0 {
			t.Errorf("GET %s: %d %q, %d bytes; want 200 %q", u, resp.StatusCode, resp.Header.Get("Content-Type"), len(b), want)
		}
		loaded++
	}
	if loaded < 4 { // React, ReactDOM, GraphiQL's script and stylesheet at least
		t.Errorf("the page loads %d files; expected GraphiQL, React and their start-up", loaded)
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
