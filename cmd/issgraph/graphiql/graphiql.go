package graphiql

import (
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// AssetPath is where Assets must be mounted: the page refers to each file
// as AssetPath + "<hash>/<name>".
const AssetPath = "/graphiql/"

// DefaultQuery is what the editor shows on a first visit: the
// rapporteurs, committees and timeline of the Parliament's own-initiative
// procedure on the ISS. Its lines fit the editor of a laptop's window. A
// test runs it against the seeded graph.
const DefaultQuery = `# issgraph: the EU Internal Security Strategy as a graph.
# Run with Ctrl-Enter; Docs (top left) lists every type.
#
# Procedure 2010/2308(INI), the Parliament's report on
# the ISS: its rapporteurs, committees and timeline.
{
  procedure(reference: "2010/2308(INI)") {
    name
    rapporteurs {
      role
      person { name }
      group
      committee { name }
      appointed
    }
    events { date name }
  }
}
`

// policy is the page's Content-Security-Policy: everything from the
// server itself, nothing inline, nothing from any other host. Two
// allowances, both for GraphiQL as shipped:
//   - its stylesheet carries its fonts and a few icons as data: URLs, which
//     load nothing from the network;
//   - its dialogs (settings, shortcuts) add a <style> element at run time
//     (react-remove-scroll-bar, to stop the page scrolling behind them); it
//     takes the nonce from the global __webpack_nonce__, which issgraph.js
//     sets, so a per-page nonce admits that element and no other inline
//     style, instead of 'unsafe-inline'.
func policy(nonce string) string {
	return "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-" + nonce + "'; " +
		"font-src 'self' data:; img-src 'self' data:; connect-src 'self'; " +
		"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

// The page's files, in the order they must load: React before GraphiQL,
// GraphiQL before the script that starts it.
var (
	styles  = []string{"graphiql.min.css", "issgraph.css"}
	scripts = []string{"react.production.min.js", "react-dom.production.min.js", "graphiql.min.js"}
	start   = "issgraph.js" // carries the nonce
)

var (
	//go:embed assets static
	files embed.FS
	//go:embed page.html
	pageHTML string

	page   = template.Must(template.New("page").Parse(pageHTML))
	assets = mustLoad(files)
)

// asset is one embedded file.
type asset struct {
	name, typ, hash string
	body            []byte
	compress        bool

	gzOnce sync.Once
	gz     []byte
}

var types = map[string]string{
	".js":  "text/javascript; charset=utf-8",
	".css": "text/css; charset=utf-8",
	".txt": "text/plain; charset=utf-8",
	"":     "text/plain; charset=utf-8", // VERSIONS
}

// mustLoad is load for the embedded files, which every test loads: an
// error there is a mistake in this package, not in anything it is given.
func mustLoad(fsys fs.FS) map[string]*asset {
	m, err := load(fsys)
	if err != nil {
		panic(err)
	}
	return m
}

// load indexes the files of fsys by name. Names must be unique across
// directories, since URLs do not say which directory a file is in.
func load(fsys fs.FS) (map[string]*asset, error) {
	m := map[string]*asset{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := path.Base(p)
		if m[name] != nil {
			return fmt.Errorf("two files named %s", name)
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		typ, ok := types[path.Ext(name)]
		if !ok {
			typ = "application/octet-stream"
		}
		m[name] = &asset{name: name, typ: typ, hash: hex.EncodeToString(sum[:8]), body: body, compress: ok}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graphiql: embedded files: %w", err)
	}
	return m, nil
}

// assetURL is where Assets serves the named file.
func assetURL(name string) (string, error) {
	a := assets[name]
	if a == nil {
		return "", fmt.Errorf("graphiql: no embedded file %s", name)
	}
	return AssetPath + a.hash + "/" + a.name, nil
}

// Handler serves the playground page, titled title, for the GraphQL API at
// endpoint, which must be a path on the same server ("/graphql"): the
// policy lets the page reach no other origin. Mount Assets at AssetPath.
func Handler(title, endpoint string) http.Handler {
	data, err := newPageData(title, endpoint)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		p := *data
		p.Nonce = rand.Text()
		var b bytes.Buffer
		if err := page.Execute(&b, &p); err != nil {
			http.Error(w, "graphiql: page: "+err.Error(), http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", policy(p.Nonce))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		// The page names the current files' hashes and a fresh nonce.
		h.Set("Cache-Control", "no-store")
		_, _ = w.Write(b.Bytes()) // the client has gone if this fails
	})
}

// pageData is what page.html shows.
type pageData struct {
	Title, Endpoint, Query, Nonce string
	Styles, Scripts               []string
	Start                         string
}

func newPageData(title, endpoint string) (*pageData, error) {
	p := &pageData{Title: title, Endpoint: endpoint, Query: DefaultQuery}
	for _, n := range styles {
		u, err := assetURL(n)
		if err != nil {
			return nil, err
		}
		p.Styles = append(p.Styles, u)
	}
	for _, n := range scripts {
		u, err := assetURL(n)
		if err != nil {
			return nil, err
		}
		p.Scripts = append(p.Scripts, u)
	}
	u, err := assetURL(start)
	if err != nil {
		return nil, err
	}
	p.Start = u
	return p, nil
}

// Assets serves the embedded files at AssetPath + "<hash>/<name>". A URL
// whose hash is not the file's current one is not found, rather than
// answered with other bytes that a cache would keep for a year.
func Assets() http.Handler {
	return http.HandlerFunc(serveAsset)
}

func serveAsset(w http.ResponseWriter, r *http.Request) {
	rest, _ := strings.CutPrefix(r.URL.Path, AssetPath)
	hash, name, _ := strings.Cut(rest, "/")
	a := assets[name]
	if a == nil || hash != a.hash {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.typ)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("X-Content-Type-Options", "nosniff")
	body, etag := a.body, `"`+a.hash+`"`
	if a.compress {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Get("Accept-Encoding")) {
			// GraphiQL is 1.5 MB as shipped and a quarter of that gzipped.
			body, etag = a.gzipped(), `"`+a.hash+`-gzip"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// gzipped compresses the file on first use and keeps the result.
func (a *asset) gzipped() []byte {
	a.gzOnce.Do(func() {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // the level is valid
		_, _ = zw.Write(a.body)                                // writes to a bytes.Buffer do not fail
		_ = zw.Close()
		a.gz = b.Bytes()
	})
	return a.gz
}

// acceptsGzip reports whether an Accept-Encoding header admits gzip: named,
// with a q-value above zero (RFC 9110, section 12.5.3).
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				return err == nil && q > 0
			}
		}
		return true
	}
	return false
}
