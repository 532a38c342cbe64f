// Package explore serves the graph explorer of "issgraph serve" at /explore:
// a page that draws the graph with Cytoscape.js, a step at a time, from the
// GraphQL API alone (search, expand, node, shortestPath, citations,
// timeline), with the sources of every fact beside it.
//
// Like the playground (package graphiql) it asks nothing of any host but
// its own: assets/ holds the browser builds of Cytoscape.js and its fcose
// layout (with layout-base and cose-base, which fcose takes from the
// page), byte for byte as npm ships them, with their licences and a
// VERSIONS manifest, pinned in package.json and package-lock.json and
// written by scripts/vendor-assets.mjs, which CI runs with --check.
// static/ and page.html are ours. The page has no inline script or style,
// so its Content-Security-Policy allows neither.
//
// fcose lays out a first expansion and the whole view on "Re-layout":
// its spectral start and compound-aware forces untangle a policy network
// of a few hundred nodes in a fraction of the time, and far more cleanly,
// than Cytoscape's own cose. Later expansions do not move what is placed:
// the page puts the new nodes on free places around the node expanded.
//
// What the page shows of each kind (colour, shape, legend) comes from
// resolvers.KindStyles, which the GEXF export reads too.
package explore

import (
	"embed"
	"encoding/json"
	"html/template"
	"net/http"

	"github.com/issgraph/issgraph/cmd/issgraph/webasset"
	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/resolvers"
)

// Path is the explorer's page; AssetPath is where Assets must be mounted.
const (
	Path      = "/explore"
	AssetPath = "/explore/assets/"
)

// The page's files, in the order they must load: each UMD build takes the
// one before it from the page's globals; explore.js starts the page.
var (
	style   = "explore.css"
	scripts = []string{"cytoscape.min.js", "layout-base.js", "cose-base.js", "cytoscape-fcose.js", "explore.js"}
)

var (
	//go:embed assets static
	files embed.FS
	//go:embed page.html
	pageHTML string

	page   = template.Must(template.New("page").Parse(pageHTML))
	assets = webasset.MustLoad(AssetPath, files)
)

// policy is the page's Content-Security-Policy: its own files and its own
// API, nothing inline, nothing from another host. Images may be data: or
// blob: URLs: the PNG export is drawn by the page itself.
func policy() string {
	return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
		"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

// Config is what the page's script is told, as JSON in a data attribute.
type Config struct {
	// Endpoint is the GraphQL API, a path on this server.
	Endpoint string `json:"endpoint"`
	// Export is GET /export/subgraph, for the GraphML and GEXF downloads.
	Export string `json:"export"`
	// Kinds in the API's spelling, with their styles, in legend order.
	Kinds []KindConfig `json:"kinds"`
	// EdgeTypes in the API's spelling, with what each means.
	EdgeTypes []EdgeTypeConfig `json:"edgeTypes"`
	// MaxShortLabel is the longest short label, to size node boxes.
	MaxShortLabel int `json:"maxShortLabel"`
}

// KindConfig is one kind and how it is drawn.
type KindConfig struct {
	Name string `json:"name"`
	resolvers.KindStyle
}

// EdgeTypeConfig is one relationship type.
type EdgeTypeConfig struct {
	Name string `json:"name"`
	Doc  string `json:"doc"`
}

// NewConfig is the configuration of an explorer on the API at endpoint.
func NewConfig(endpoint, export string) Config {
	c := Config{Endpoint: endpoint, Export: export, MaxShortLabel: graph.MaxShortLabel}
	for _, k := range graph.Kinds {
		c.Kinds = append(c.Kinds, KindConfig{Name: k.Kind.Name(), KindStyle: resolvers.KindStyles[k.Kind]})
	}
	for _, t := range graph.EdgeTypes {
		c.EdgeTypes = append(c.EdgeTypes, EdgeTypeConfig{Name: string(t.Type), Doc: t.Doc})
	}
	return c
}

type pageData struct {
	Style, Config, Playground string
	Scripts                   []string
}

// Handler serves the explorer page for the GraphQL API at endpoint and
// the exports at export, both paths on this server; playground is the
// page it links back to. Mount Assets at AssetPath.
func Handler(endpoint, export, playground string) http.Handler {
	data, err := newPageData(NewConfig(endpoint, export), playground)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		webasset.ServePage(w, page, data, policy())
	})
}

func newPageData(c Config, playground string) (*pageData, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	p := &pageData{Config: string(b), Playground: playground}
	if p.Style, err = assets.URL(style); err != nil {
		return nil, err
	}
	p.Scripts, err = assets.URLs(scripts...)
	return p, err
}

// Assets serves the page's files at AssetPath + "<hash>/<name>".
func Assets() http.Handler { return assets }
