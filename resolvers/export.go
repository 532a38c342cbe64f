package resolvers

import (
	"bufio"
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/traverse"
)

// exportParams are the query parameters each export query reads, besides
// query and format. Anything else is refused, so that a misspelt
// parameter is an error rather than silently ignored.
var exportParams = map[string][]string{
	"neighbourhood":    {"id", "depth", "edgeTypes", "direction", "kinds", "limit"},
	"shortestPath":     {"from", "to", "edgeTypes", "direction", "maxDepth"},
	"allShortestPaths": {"from", "to", "edgeTypes", "direction", "maxDepth", "limit"},
	"citations":        {"reference", "id", "direction", "maxDepth", "limit"},
	"expand":           {"ids", "exclude", "edgeTypes", "kinds", "limit"},
}

// listParams may be repeated, comma-separated, or both.
var listParams = []string{"edgeTypes", "kinds", "ids", "exclude"}

// NewExportHandler serves the exports, GET and HEAD:
//
// /export/subgraph: the answer of a neighbourhood, shortestPath,
// allShortestPaths, citations or expand query, named by the query
// parameter. The other parameters are the GraphQL fields' arguments, with
// the same defaults and limits; lists (edgeTypes, kinds, ids, exclude) are
// comma-separated or repeated.
//
// /export/graph: the whole graph, streamed a page of nodes at a time.
//
// format is cytoscape (Cytoscape.js JSON, the default), graphml or gexf
// (GEXF 1.3). Each answer is an attachment with a file name that says
// what it holds. Errors are JSON in the GraphQL shape,
// {"errors":[{"message", "extensions":{"code"}}]}, with status 400, 503
// or 500.
func NewExportHandler(s graph.Store, opts Options) http.Handler {
	r := newResolver(s, opts)
	return http.HandlerFunc(r.serveExport)
}

func (r *Resolver) serveExport(w http.ResponseWriter, req *http.Request) {
	// The transport rules of /graphql, so that a client fault gets the
	// same status, code and reason on both endpoints.
	switch {
	case req.Header.Get("Upgrade") != "":
		refuse(req.Context(), w, http.StatusBadRequest, CodeBadRequest, ReasonUpgrade,
			"this endpoint answers plain HTTP GET only: no websocket or other upgrade")
		return
	case req.Method != http.MethodGet && req.Method != http.MethodHead:
		w.Header().Set("Allow", "GET, HEAD")
		refuse(req.Context(), w, http.StatusMethodNotAllowed, CodeBadRequest, ReasonMethod, "use GET")
		return
	}
	values, err := url.ParseQuery(req.URL.RawQuery)
	if err != nil {
		refuse(req.Context(), w, http.StatusBadRequest, CodeBadRequest, ReasonInvalidEncoding,
			"the URL's parameters are not valid percent-encoding")
		return
	}
	p := exportArgs{v: values}
	format := strings.ToLower(p.str("format"))
	if format == "" {
		format = FormatCytoscape
	}
	if _, ok := exportFormats[format]; !ok {
		r.exportError(w, req, badInput("format", "unknown format %q: use %s", format, formatNames()), 0)
		return
	}
	switch strings.TrimSuffix(req.URL.Path, "/") {
	case "/export/graph":
		r.exportGraph(w, req, &p, format)
	case "/export/subgraph", "":
		r.exportSubgraph(w, req, &p, format)
	default:
		r.exportError(w, req, &apiError{code: CodeNotFound, msg: "no such export: use /export/subgraph or /export/graph"}, http.StatusNotFound)
	}
}

func (r *Resolver) exportSubgraph(w http.ResponseWriter, req *http.Request, p *exportArgs, format string) {
	query := p.str("query")
	var (
		sg     graph.Subgraph
		hidden []graph.HiddenCount
		title  string
	)
	err := p.check(query)
	if err == nil {
		ctx := withRequest(req.Context(), &requestState{loaders: newLoaders(r.store)})
		sg, hidden, title, err = r.exportQuery(ctx, query, p)
	}
	if err != nil {
		r.exportError(w, req, err, 0)
		return
	}
	attach(w, format, title)
	if req.Method == http.MethodHead {
		return
	}
	h := exportHeader{title: title, walk: true}
	if err := writeSubgraph(w, format, h, sg, hidden); err != nil {
		r.log.DebugContext(req.Context(), "export: client gone", "err", err)
	}
}

// attach sets the headers of an export: its type, and a file name made of
// what it holds, "issgraph-neighbourhood-institution-cosi.graphml".
func attach(w http.ResponseWriter, format, title string) {
	f := exportFormats[format]
	h := w.Header()
	h.Set("Content-Type", f.mediaType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": fileName(title) + f.suffix}))
	h.Set("X-Content-Type-Options", "nosniff")
}

// fileName makes a file name of a title: "issgraph-" and its slug, at most
// 100 characters.
func fileName(title string) string {
	s := "issgraph-" + graph.Slug(title)
	if len(s) > 100 {
		s = strings.TrimRight(s[:100], "-")
	}
	return s
}

// exportQuery runs the named query through the same code as the GraphQL
// field, and names what it found.
func (r *Resolver) exportQuery(ctx context.Context, query string, p *exportArgs) (graph.Subgraph, []graph.HiddenCount, string, error) {
	types := edgeTypesArg(p, "edgeTypes")
	switch query {
	case "neighbourhood":
		q := graph.NeighbourhoodQuery{ID: p.str("id"), Depth: p.int("depth", 1), Types: types,
			Direction: p.direction("direction", graph.Both), Kinds: kindsArg(p, "kinds"), Limit: p.int("limit", graph.DefaultSubgraphLimit)}
		if p.err != nil {
			return graph.Subgraph{}, nil, "", p.err
		}
		sg, err := r.neighbourhood(ctx, q)
		return sg, nil, "neighbourhood of " + q.ID, err
	case "shortestPath", "allShortestPaths":
		limit := 1
		if query == "allShortestPaths" {
			limit = p.int("limit", graph.DefaultPathLimit)
		}
		q := graph.PathQuery{From: p.str("from"), To: p.str("to"), Types: types,
			Direction: p.direction("direction", graph.Both), MaxDepth: p.int("maxDepth", 0), Limit: limit}
		if p.err != nil {
			return graph.Subgraph{}, nil, "", p.err
		}
		ps, err := r.paths(ctx, q)
		if err != nil {
			return graph.Subgraph{}, nil, "", err
		}
		return graph.PathsSubgraph(ps), nil, "paths from " + q.From + " to " + q.To, nil
	case "citations":
		dir, name := graph.Out, "citations of "
		switch d := p.str("direction"); strings.ToUpper(d) {
		case "", "CITES":
		case "CITED_BY":
			dir, name = graph.In, "documents citing "
		default:
			p.fail("direction", "%q: use CITES or CITED_BY", d)
		}
		q := graph.CitationQuery{Direction: dir, MaxDepth: p.int("maxDepth", 0), Limit: p.int("limit", graph.DefaultSubgraphLimit)}
		if p.err != nil {
			return graph.Subgraph{}, nil, "", p.err
		}
		sg, err := r.citations(ctx, p.opt("reference"), p.opt("id"), q)
		if err != nil || len(sg.Nodes) == 0 {
			return sg, nil, "", err
		}
		return sg, nil, name + sg.Nodes[0].Node.ID, nil
	case "expand":
		q := graph.ExpandQuery{IDs: p.list("ids"), Exclude: p.list("exclude"), Types: types,
			Kinds: kindsArg(p, "kinds"), Limit: p.count("limit", graph.DefaultExpandLimit)}
		if p.err != nil {
			return graph.Subgraph{}, nil, "", p.err
		}
		x, err := r.expand(ctx, q)
		if err != nil {
			return graph.Subgraph{}, nil, "", err
		}
		// A file stands alone: the view's nodes that the relationships
		// reach come along, at distance 0.
		in := map[string]bool{}
		for _, n := range x.Nodes {
			in[n.Node.ID] = true
		}
		var ends []string
		for _, e := range x.Edges {
			for _, id := range []string{e.From, e.To} {
				if !in[id] {
					in[id] = true
					ends = append(ends, id)
				}
			}
		}
		slices.Sort(ends)
		more, err := traverse.Drawn(ctx, r.store, ends, 0)
		if err != nil {
			return graph.Subgraph{}, nil, "", storeErr(err, "expand")
		}
		x.Nodes = append(more, x.Nodes...)
		title := "expansion"
		if len(q.IDs) == 1 {
			title += " of " + q.IDs[0]
		}
		return x.Subgraph, x.Hidden, title, nil
	}
	return graph.Subgraph{}, nil, "", badInput("query", "unknown query %q", query)
}

// exportGraph streams the whole graph: the nodes a page at a time in id
// order, then each page's outgoing edges, so that every edge is written
// once. An edge is written only when both its ends were, so the file holds
// together even when writes land while it streams. Once the first page is
// out, an error can only cut the file short; it is logged.
func (r *Resolver) exportGraph(w http.ResponseWriter, req *http.Request, p *exportArgs, format string) {
	for k := range p.v {
		if k != "format" {
			r.exportError(w, req, badInput(k, "/export/graph takes only format"), 0)
			return
		}
	}
	ctx := req.Context()
	page, err := r.store.ListNodes(ctx, graph.ListQuery{First: graph.MaxPageSize})
	if err != nil {
		r.exportError(w, req, storeErr(err, "export"), 0)
		return
	}
	attach(w, format, "graph")
	if req.Method == http.MethodHead {
		return
	}
	bw := bufio.NewWriter(w)
	gw := newGraphWriter(format, bw)
	gw.begin(exportHeader{title: "graph"})
	written := map[string]bool{}
	err = func() error {
		for {
			ids := make([]string, len(page.Nodes))
			for i, n := range page.Nodes {
				ids[i] = n.ID
			}
			degrees, err := r.store.Degrees(ctx, ids)
			if err != nil {
				return err
			}
			for i, n := range page.Nodes {
				written[n.ID] = true
				gw.node(drawn{node: n, degree: degrees[i]})
			}
			if !page.HasNextPage {
				return nil
			}
			if page, err = r.store.ListNodes(ctx, graph.ListQuery{First: graph.MaxPageSize, After: page.EndCursor}); err != nil {
				return err
			}
		}
	}()
	if err == nil {
		gw.edges()
		err = r.streamEdges(ctx, written, gw)
	}
	if err != nil {
		// The status is sent: a cut file is all the client can be told.
		r.log.ErrorContext(ctx, "export: whole graph cut short", "err", err)
		_ = bw.Flush()
		return
	}
	gw.end(nil)
	if err := bw.Flush(); err != nil {
		r.log.DebugContext(ctx, "export: client gone", "err", err)
	}
}

// streamEdges writes the outgoing edges of the nodes written, in batches,
// in id order.
func (r *Resolver) streamEdges(ctx context.Context, written map[string]bool, gw graphWriter) error {
	ids := make([]string, 0, len(written))
	for id := range written {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for len(ids) > 0 {
		n := min(len(ids), graph.MaxBatchIDs)
		es, err := r.store.Edges(ctx, graph.EdgeQuery{IDs: ids[:n], Direction: graph.Out})
		if err != nil {
			return err
		}
		for _, id := range ids[:n] {
			for _, e := range es[id] {
				if e.From == id && written[e.To] {
					gw.edge(e)
				}
			}
		}
		ids = ids[n:]
	}
	return nil
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
	for _, k := range []string{"field", "reason", "requestId"} {
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

// check refuses a missing or unknown query, and parameters the query
// does not read.
func (p *exportArgs) check(query string) error {
	allowed, ok := exportParams[query]
	switch {
	case query == "":
		return badInput("query", "required: one of %s", strings.Join(exportQueries(), ", "))
	case !ok:
		return badInput("query", "unknown query %q: use one of %s", query, strings.Join(exportQueries(), ", "))
	}
	for k, vs := range p.v {
		switch {
		case k == "query" || k == "format":
		case !slices.Contains(allowed, k):
			return badInput(k, "%s does not take the parameter %q (it takes %s)", query, k, strings.Join(allowed, ", "))
		case len(vs) > 1 && !slices.Contains(listParams, k):
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

// count reads a count that may be 0 (expand's limit).
func (p *exportArgs) count(k string, def int) int {
	s := p.str(k)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		p.fail(k, "%q is not a whole number of 0 or more", s)
		return def
	}
	return n
}

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
		kind, ok := graph.KindByName(s)
		if !ok {
			p.fail(k, "unknown kind %q", s)
			continue
		}
		out = append(out, kind)
	}
	return out
}
