package resolvers

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/issgraph/issgraph/graph"
)

// Export formats of GET /export/subgraph.
const (
	FormatCytoscape = "cytoscape" // Cytoscape.js elements JSON
	FormatGraphML   = "graphml"   // GraphML, for Gephi, yEd, NetworkX
)

// exportParams are the query parameters each export query reads, besides
// query and format. Anything else is refused, so that a misspelt
// parameter is an error rather than silently ignored.
var exportParams = map[string][]string{
	"neighbourhood":    {"id", "depth", "edgeTypes", "direction", "kinds", "limit"},
	"shortestPath":     {"from", "to", "edgeTypes", "direction", "maxDepth"},
	"allShortestPaths": {"from", "to", "edgeTypes", "direction", "maxDepth", "limit"},
	"citations":        {"reference", "id", "direction", "maxDepth", "limit"},
}

// NewExportHandler returns GET /export/subgraph: the answer of a
// neighbourhood, shortestPath, allShortestPaths or citations query, named
// by the query parameter, as Cytoscape.js JSON (format=cytoscape, the
// default) or GraphML (format=graphml). The other parameters are the
// GraphQL fields' arguments, with the same defaults and limits; lists
// (edgeTypes, kinds) are comma-separated or repeated. Errors are JSON in
// the GraphQL shape, {"errors":[{"message", "extensions":{"code"}}]}, with
// status 400, 503 or 500.
func NewExportHandler(s graph.Store, opts Options) http.Handler {
	r := newResolver(s, opts)
	return http.HandlerFunc(r.serveExport)
}

func (r *Resolver) serveExport(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		r.exportError(w, req, &apiError{code: CodeBadUserInput, msg: "use GET"}, http.StatusMethodNotAllowed)
		return
	}
	p := exportArgs{v: req.URL.Query()}
	query := p.str("query")
	format := strings.ToLower(p.str("format"))
	if format == "" {
		format = FormatCytoscape
	}
	var sg graph.Subgraph
	err := p.check(query, format)
	if err == nil {
		ctx := withLoaders(req.Context(), newLoaders(r.store))
		sg, err = r.exportQuery(ctx, query, &p)
	}
	if err != nil {
		r.exportError(w, req, err, 0)
		return
	}
	switch format {
	case FormatGraphML:
		w.Header().Set("Content-Type", "application/graphml+xml; charset=utf-8")
		if req.Method == http.MethodGet {
			writeGraphML(w, sg)
		}
	default:
		w.Header().Set("Content-Type", "application/json")
		if req.Method == http.MethodGet {
			_ = json.NewEncoder(w).Encode(cytoscape(sg))
		}
	}
}

// exportQuery runs the named query through the same code as the GraphQL
// field.
func (r *Resolver) exportQuery(ctx context.Context, query string, p *exportArgs) (graph.Subgraph, error) {
	types := edgeTypesArg(p, "edgeTypes")
	switch query {
	case "neighbourhood":
		q := graph.NeighbourhoodQuery{ID: p.str("id"), Depth: p.int("depth", 1), Types: types,
			Direction: p.direction("direction", graph.Both), Kinds: kindsArg(p, "kinds"), Limit: p.int("limit", graph.DefaultSubgraphLimit)}
		if p.err != nil {
			return graph.Subgraph{}, p.err
		}
		return r.neighbourhood(ctx, q)
	case "shortestPath", "allShortestPaths":
		limit := 1
		if query == "allShortestPaths" {
			limit = p.int("limit", graph.DefaultPathLimit)
		}
		q := graph.PathQuery{From: p.str("from"), To: p.str("to"), Types: types,
			Direction: p.direction("direction", graph.Both), MaxDepth: p.int("maxDepth", 0), Limit: limit}
		if p.err != nil {
			return graph.Subgraph{}, p.err
		}
		ps, err := r.paths(ctx, q)
		if err != nil {
			return graph.Subgraph{}, err
		}
		return graph.PathsSubgraph(ps), nil
	case "citations":
		dir := graph.Out
		switch d := p.str("direction"); strings.ToUpper(d) {
		case "", "CITES":
		case "CITED_BY":
			dir = graph.In
		default:
			p.fail("direction", "%q: use CITES or CITED_BY", d)
		}
		q := graph.CitationQuery{Direction: dir, MaxDepth: p.int("maxDepth", 0), Limit: p.int("limit", graph.DefaultSubgraphLimit)}
		if p.err != nil {
			return graph.Subgraph{}, p.err
		}
		return r.citations(ctx, p.opt("reference"), p.opt("id"), q)
	}
	return graph.Subgraph{}, badInput("query", "unknown query %q", query)
}

// exportError writes err as a GraphQL-shaped error with the status its
// code calls for. Internal causes are logged, never sent.
func (r *Resolver) exportError(w http.ResponseWriter, req *http.Request, err error, status int) {
	gerr := r.presentError(req.Context(), err)
	code, _ := gerr.Extensions["code"].(string)
	if status == 0 {
		switch code {
		case CodeBadUserInput, CodeNotFound:
			status = http.StatusBadRequest
		case CodeUnavailable:
			status = http.StatusServiceUnavailable
		default:
			status = http.StatusInternalServerError
		}
	}
	ext := map[string]any{"code": code}
	for _, k := range []string{"field", "reason"} {
		if v, ok := gerr.Extensions[k]; ok {
			ext[k] = v
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": gerr.Message, "extensions": ext}},
	})
}

// exportArgs reads query parameters, keeping the first error.
type exportArgs struct {
	v   url.Values
	err error
}

// check refuses a missing or unknown query or format, and parameters the
// query does not read.
func (p *exportArgs) check(query, format string) error {
	allowed, ok := exportParams[query]
	switch {
	case query == "":
		return badInput("query", "required: one of %s", strings.Join(exportQueries(), ", "))
	case !ok:
		return badInput("query", "unknown query %q: use one of %s", query, strings.Join(exportQueries(), ", "))
	case format != FormatCytoscape && format != FormatGraphML:
		return badInput("format", "unknown format %q: use %s or %s", format, FormatCytoscape, FormatGraphML)
	}
	for k, vs := range p.v {
		switch {
		case k == "query" || k == "format":
		case !slices.Contains(allowed, k):
			return badInput(k, "%s does not take the parameter %q (it takes %s)", query, k, strings.Join(allowed, ", "))
		case len(vs) > 1 && k != "edgeTypes" && k != "kinds":
			return badInput(k, "given %d times", len(vs))
		}
	}
	return nil
}

func exportQueries() []string {
	qs := make([]string, 0, len(exportParams))
	for q := range exportParams {
		qs = append(qs, q)
	}
	slices.Sort(qs)
	return qs
}

func (p *exportArgs) fail(field, format string, args ...any) {
	if p.err == nil {
		p.err = badInput(field, format, args...)
	}
}

func (p *exportArgs) str(k string) string { return strings.TrimSpace(p.v.Get(k)) }

func (p *exportArgs) opt(k string) *string {
	if !p.v.Has(k) {
		return nil
	}
	s := p.str(k)
	return &s
}

func (p *exportArgs) int(k string, def int) int {
	s := p.str(k)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p.fail(k, "%q is not a whole number", s)
		return def
	}
	if n == 0 {
		// 0 would mean "the default" to the domain; as an argument it is
		// out of range, as in GraphQL.
		p.fail(k, "must be at least 1")
	}
	return n
}

// list returns the values of a list parameter: repeated, comma-separated,
// or both.
func (p *exportArgs) list(k string) []string {
	var out []string
	for _, v := range p.v[k] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func (p *exportArgs) direction(k string, def graph.Direction) graph.Direction {
	switch s := strings.ToUpper(p.str(k)); s {
	case "":
		return def
	case "OUT":
		return graph.Out
	case "IN":
		return graph.In
	case "BOTH":
		return graph.Both
	default:
		p.fail(k, "%q: use OUT, IN or BOTH", p.str(k))
		return def
	}
}

// edgeTypesArg reads edge types in their GraphQL spelling, CITES.
func edgeTypesArg(p *exportArgs, k string) []graph.EdgeType {
	var out []graph.EdgeType
	for _, s := range p.list(k) {
		t := graph.EdgeType(strings.ToUpper(s))
		if !t.Valid() {
			p.fail(k, "unknown edge type %q", s)
			continue
		}
		out = append(out, t)
	}
	return out
}

// kindsArg reads kinds in their GraphQL spelling, DOCUMENT, or the
// domain's, Document.
func kindsArg(p *exportArgs, k string) []graph.Kind {
	var out []graph.Kind
	for _, s := range p.list(k) {
		found := false
		for _, spec := range graph.Kinds {
			if strings.EqualFold(string(spec.Kind), s) {
				out, found = append(out, spec.Kind), true
				break
			}
		}
		if !found {
			p.fail(k, "unknown kind %q", s)
		}
	}
	return out
}

// cytoscapeJSON is Cytoscape.js's elements JSON, as cy.add or
// cytoscape({elements}) take it.
type cytoscapeJSON struct {
	Elements  cytoscapeElements `json:"elements"`
	Truncated bool              `json:"truncated"`
}

type cytoscapeElements struct {
	Nodes []cytoscapeElement `json:"nodes"`
	Edges []cytoscapeElement `json:"edges"`
}

type cytoscapeElement struct {
	Data map[string]any `json:"data"`
}

func cytoscape(sg graph.Subgraph) cytoscapeJSON {
	out := cytoscapeJSON{Truncated: sg.Truncated, Elements: cytoscapeElements{
		Nodes: make([]cytoscapeElement, 0, len(sg.Nodes)),
		Edges: make([]cytoscapeElement, 0, len(sg.Edges)),
	}}
	for _, n := range sg.Nodes {
		out.Elements.Nodes = append(out.Elements.Nodes, cytoscapeElement{Data: map[string]any{
			"id": n.Node.ID, "label": n.Node.Name, "kind": string(n.Node.Kind),
			"degree": n.Degree, "distance": n.Distance,
		}})
	}
	for _, e := range sg.Edges {
		data := e.Properties()
		data["id"] = e.Key().String()
		data["source"] = e.From
		data["target"] = e.To
		data["type"] = string(e.Type)
		out.Elements.Edges = append(out.Elements.Edges, cytoscapeElement{Data: data})
	}
	return out
}

// graphMLKey is a <key>: an attribute nodes or edges carry.
type graphMLKey struct {
	id, target, typ string
}

// graphMLKeys declares the node attributes and every edge property of
// the allow-list, so that the file's schema does not depend on its data.
func graphMLKeys() []graphMLKey {
	keys := []graphMLKey{
		{"label", "node", "string"}, {"kind", "node", "string"},
		{"degree", "node", "int"}, {"distance", "node", "int"},
		{"type", "edge", "string"},
	}
	seen := map[string]bool{}
	for _, spec := range graph.EdgeTypes {
		for _, ps := range spec.Props {
			if !seen[ps.Name] {
				seen[ps.Name] = true
				keys = append(keys, graphMLKey{ps.Name, "edge", "string"})
			}
		}
	}
	return keys
}

// writeGraphML writes sg as a directed GraphML graph. Every value goes
// through the XML encoder's escaping.
func writeGraphML(w io.Writer, sg graph.Subgraph) {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
		`xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range graphMLKeys() {
		fmt.Fprintf(&b, `  <key id="%s" for="%s" attr.name="%s" attr.type="%s"/>`+"\n", k.id, k.target, k.id, k.typ)
	}
	fmt.Fprintf(&b, `  <graph id="G" edgedefault="directed">`+"\n")
	for _, n := range sg.Nodes {
		fmt.Fprintf(&b, `    <node id="%s">`, esc(n.Node.ID))
		data(&b, "label", n.Node.Name)
		data(&b, "kind", string(n.Node.Kind))
		data(&b, "degree", strconv.Itoa(n.Degree))
		data(&b, "distance", strconv.Itoa(n.Distance))
		b.WriteString("</node>\n")
	}
	for _, e := range sg.Edges {
		fmt.Fprintf(&b, `    <edge id="%s" source="%s" target="%s">`, esc(e.Key().String()), esc(e.From), esc(e.To))
		data(&b, "type", string(e.Type))
		props := e.Properties()
		names := make([]string, 0, len(props))
		for k := range props {
			names = append(names, k)
		}
		slices.Sort(names)
		for _, k := range names {
			data(&b, k, fmt.Sprint(props[k]))
		}
		b.WriteString("</edge>\n")
	}
	b.WriteString("  </graph>\n</graphml>\n")
	_, _ = io.WriteString(w, b.String())
}

func data(b *strings.Builder, key, value string) {
	fmt.Fprintf(b, `<data key="%s">%s</data>`, esc(key), esc(value))
}

func esc(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		return ""
	}
	return b.String()
}
