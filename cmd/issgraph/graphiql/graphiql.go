package graphiql

import (
	"crypto/rand"
	"embed"
	"html/template"
	"net/http"

	"github.com/issgraph/issgraph/cmd/issgraph/webasset"
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

// ExplorerPath is the graph explorer's page, which the playground links
// to.
const ExplorerPath = "/explore"

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
	assets = webasset.MustLoad(AssetPath, files)
)

// assetURL is where Assets serves the named file.
func assetURL(name string) (string, error) { return assets.URL(name) }

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
		webasset.ServePage(w, page, &p, policy(p.Nonce))
	})
}

// pageData is what page.html shows.
type pageData struct {
	Title, Endpoint, Query, Nonce, Explorer string
	Styles, Scripts                         []string
	Start                                   string
}

func newPageData(title, endpoint string) (*pageData, error) {
	p := &pageData{Title: title, Endpoint: endpoint, Query: DefaultQuery, Explorer: ExplorerPath}
	var err error
	if p.Styles, err = assets.URLs(styles...); err != nil {
		return nil, err
	}
	if p.Scripts, err = assets.URLs(scripts...); err != nil {
		return nil, err
	}
	p.Start, err = assets.URL(start)
	return p, err
}

// Assets serves the embedded files at AssetPath + "<hash>/<name>".
func Assets() http.Handler { return assets }
