// Package webasset serves the files of the pages "issgraph serve" embeds
// (the GraphiQL playground, the graph explorer): each file at a URL that
// names a hash of its content, so that browsers may cache it for a year
// and a new build is fetched at once, gzipped for clients that take it;
// and the pages themselves, rendered with a fresh nonce under a strict
// Content-Security-Policy.
package webasset

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
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

// Set is a set of embedded files served at Path + "<hash>/<name>".
type Set struct {
	path  string
	files map[string]*asset
}

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

// MustLoad is Load for files embedded in the binary, which every test
// loads: an error there is a mistake in the calling package.
func MustLoad(urlPath string, fsys fs.FS) *Set {
	s, err := Load(urlPath, fsys)
	if err != nil {
		panic(err)
	}
	return s
}

// Load indexes the files of fsys, served under urlPath. Names must be
// unique across directories, since URLs do not say which directory a file
// is in.
func Load(urlPath string, fsys fs.FS) (*Set, error) {
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
		return nil, fmt.Errorf("webasset: embedded files: %w", err)
	}
	return &Set{path: urlPath, files: m}, nil
}

// URL is where the set serves the named file.
func (s *Set) URL(name string) (string, error) {
	a := s.files[name]
	if a == nil {
		return "", fmt.Errorf("webasset: no embedded file %s", name)
	}
	return s.path + a.hash + "/" + a.name, nil
}

// URLs is URL of each name.
func (s *Set) URLs(names ...string) ([]string, error) {
	out := make([]string, len(names))
	for i, n := range names {
		u, err := s.URL(n)
		if err != nil {
			return nil, err
		}
		out[i] = u
	}
	return out, nil
}

// ServeHTTP serves the files at Path + "<hash>/<name>". A URL whose hash
// is not the file's current one is not found, rather than answered with
// other bytes that a cache would keep for a year.
func (s *Set) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, _ := strings.CutPrefix(r.URL.Path, s.path)
	hash, name, _ := strings.Cut(rest, "/")
	a := s.files[name]
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

// ServePage writes the page tmpl renders from data, with the headers of a
// page under the Content-Security-Policy csp. The page names the current
// files' hashes and, in csp, a nonce of its own, so it is never cached.
func ServePage(w http.ResponseWriter, tmpl *template.Template, data any, csp string) {
	var b bytes.Buffer
	if err := tmpl.Execute(&b, data); err != nil {
		http.Error(w, "page: "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(b.Bytes()) // the client has gone if this fails
}
