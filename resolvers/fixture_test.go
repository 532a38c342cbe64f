package resolvers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/issgraph/issgraph/graph"
	goldenfile "github.com/issgraph/issgraph/graph/graphtest/golden"
	"github.com/issgraph/issgraph/graph/teststore"
	"github.com/issgraph/issgraph/resolvers"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const testKey = "test-key-0123456789"

// The fixture: a small slice of the ISS network, enough to give every
// relationship field something to return in both directions.

func node(id string, k graph.Kind, name string, props graph.Props, sources ...graph.Source) graph.Node {
	return graph.Node{ID: id, Kind: k, Name: name, Props: props, Sources: sources}
}

func edge(t graph.EdgeType, from, to string, props graph.Props) graph.Edge {
	return graph.Edge{Type: t, From: from, To: to, Props: props,
		Sources: []graph.Source{{File: "oeil-procedure-2010-2308-INI.txt", Section: "Key players"}}}
}

func date(s string) graph.Date { return graph.MustDate(s) }

func fixture() graph.Batch {
	keyPlayers := graph.Source{File: "oeil-procedure-2010-2308-INI.txt", Section: "Key players", Lines: "6-15"}
	nodes := []graph.Node{
		node("institution/european-parliament", graph.Institution, "European Parliament", graph.Props{"acronym": "EP", "type": "institution"}, keyPlayers),
		node("institution/ep-libe", graph.Institution, "Committee on Civil Liberties, Justice and Home Affairs", graph.Props{"acronym": "LIBE", "type": "committee"}, keyPlayers),
		node("institution/ep-afet", graph.Institution, "Committee on Foreign Affairs", graph.Props{"acronym": "AFET", "type": "committee"}, keyPlayers),
		node("institution/european-commission", graph.Institution, "European Commission", graph.Props{"type": "institution"}, keyPlayers),
		node("institution/council", graph.Institution, "Council of the European Union", graph.Props{"type": "institution"}, keyPlayers),
		node("institution/group-s-d", graph.Institution, "Progressive Alliance of Socialists and Democrats", graph.Props{"acronym": "S&D", "type": "political-group"}),
		node("agency/europol", graph.Agency, "Europol", graph.Props{"acronym": "Europol", "type": "agency"},
			graph.Source{File: "com-2014-0365-final-iss-implementation-report.txt"}),
		node("agency/ec3", graph.Agency, "European Cybercrime Centre", graph.Props{"acronym": "EC3", "type": "centre", "established": date("2013-01-11")},
			graph.Source{File: "com-2014-0365-final-iss-implementation-report.txt"}),
		node("person/rita-borsellino", graph.Person, "Rita Borsellino", graph.Props{"givenName": "Rita", "familyName": "Borsellino", "group": "S&D", "country": "IT"}, keyPlayers),
		node("person/agnes-hankiss", graph.Person, "Ágnes Hankiss", graph.Props{"givenName": "Ágnes", "familyName": "Hankiss", "group": "PPE"}, keyPlayers),
		node("person/ana-gomes", graph.Person, "Ana Gomes", graph.Props{"givenName": "Ana", "familyName": "Gomes", "group": "S&D"}, keyPlayers),
		node("person/cecilia-malmstrom", graph.Person, "Cecilia Malmström", graph.Props{"givenName": "Cecilia", "familyName": "Malmström"}, keyPlayers),
		node("procedure/2010-2308-ini", graph.Procedure, "European Union's internal security strategy", graph.Props{
			"reference": "2010/2308(INI)", "type": "INI - Own-initiative procedure", "subtype": "Initiative",
			"status": "Procedure completed", "subjects": []string{"7.30.09 Public security"},
			"legalBasis": []string{"Rules of Procedure EP 55"}, "committeeDossier": "LIBE/7/04825", "date": date("2010-12-16"),
		}, graph.Source{File: "oeil-procedure-2010-2308-INI.txt", Section: "Basic information", Lines: "3-4"}),
		node("procedure/2013-2636-rsp", graph.Procedure, "Related resolution", graph.Props{"reference": "2013/2636(RSP)"},
			graph.Source{File: "oeil-procedure-2010-2308-INI.txt", Section: "Basic information", Lines: "4"}),
		node("document/com-2010-0673", graph.Document, "The EU Internal Security Strategy in Action", graph.Props{
			"reference": "COM(2010) 673", "type": "communication", "date": date("2010-11-22"), "shortTitle": "ISS in Action",
			"aliases": []string{"ISS in Action"}, "description": "The Commission's five strategic objectives for internal security.",
		}, graph.Source{File: "eurlex-summary-iss-in-action.txt", Section: "Summary", Lines: "1-5"}),
		node("document/iss-2010", graph.Document, "Internal Security Strategy for the European Union", graph.Props{
			"type": "strategy", "date": date("2010-02-25"), "aliases": []string{"7120/10"},
		}, graph.Source{File: "home-affairs-iss-overview.txt"}),
		node("document/ep-a7-0143-2012", graph.Document, "Report on the European Union's internal security strategy", graph.Props{
			"reference": "A7-0143/2012", "type": "report", "date": date("2012-04-24"),
		}, graph.Source{File: "oeil-procedure-2010-2308-INI.txt", Section: "Documentation gateway", Lines: "45"}),
		node("document/ep-t7-0207-2012", graph.Document, "Resolution on the European Union's internal security strategy", graph.Props{
			"reference": "T7-0207/2012", "type": "resolution", "date": date("2012-05-22"),
		}, graph.Source{File: "oeil-procedure-2010-2308-INI.txt", Section: "Documentation gateway", Lines: "46"}),
		node("document/com-2014-0365", graph.Document, "Final implementation report of the EU Internal Security Strategy 2010-2014", graph.Props{
			"reference": "COM(2014) 365", "type": "report", "date": date("2014-06-20"),
		}, graph.Source{File: "com-2014-0365-final-iss-implementation-report.txt", Lines: "1-3"}),
		node("document/com-2010-0673-annex", graph.Document, "Annex: summary of objectives and actions", graph.Props{"type": "annex"},
			graph.Source{File: "eurlex-summary-iss-in-action.txt"}),
		node("objective/iss-so1", graph.Objective, "Disrupt international criminal networks", graph.Props{"type": "strategic-objective", "number": "1"},
			graph.Source{File: "eurlex-summary-iss-in-action.txt", Section: "Objective 1"}),
		node("objective/iss-so1-ka1", graph.Objective, "Identify and dismantle criminal networks", graph.Props{"type": "key-action", "number": "1.1"},
			graph.Source{File: "eurlex-summary-iss-in-action.txt", Section: "Objective 1"}),
		node("objective/iss-so3", graph.Objective, "Raise levels of security for citizens and businesses in cyberspace", graph.Props{"type": "strategic-objective", "number": "3"},
			graph.Source{File: "eurlex-summary-iss-in-action.txt", Section: "Objective 3"}),
		node("event/2010-2308-ini/2010-12-16-committee-referral-announced-in-parliament", graph.Event, "Committee referral announced in Parliament",
			graph.Props{"date": date("2010-12-16")}, graph.Source{File: "oeil-procedure-2010-2308-INI.txt", Section: "Key events", Lines: "19"}),
		node("event/2010-2308-ini/2012-05-22-decision-by-parliament", graph.Event, "Decision by Parliament",
			graph.Props{"date": date("2012-05-22"), "type": "decision", "reference": "T7-0207/2012"},
			graph.Source{File: "oeil-procedure-2010-2308-INI.txt", Section: "Key events", Lines: "25"}),
		node("event/2010-2308-ini/2012-04-24-committee-report-tabled-for-plenary", graph.Event, "Committee report tabled for plenary",
			graph.Props{"date": date("2012-04-24"), "reference": "A7-0143/2012"},
			graph.Source{File: "oeil-procedure-2010-2308-INI.txt", Section: "Key events", Lines: "22"}),
		node("event/council-meeting-3071", graph.Event, "Council meeting 3071 (Justice and Home Affairs)",
			graph.Props{"date": date("2011-02-24"), "type": "council-meeting"},
			graph.Source{File: "oeil-procedure-2010-2308-INI.txt", Section: "Key players", Lines: "12"}),
	}
	const proc = "procedure/2010-2308-ini"
	edges := []graph.Edge{
		edge(graph.PartOf, "institution/ep-libe", "institution/european-parliament", nil),
		edge(graph.PartOf, "institution/ep-afet", "institution/european-parliament", nil),
		edge(graph.PartOf, "agency/ec3", "agency/europol", nil),
		edge(graph.PartOf, "objective/iss-so1-ka1", "objective/iss-so1", nil),
		edge(graph.PartOf, "document/com-2010-0673-annex", "document/com-2010-0673", nil),
		edge(graph.MemberOf, "person/rita-borsellino", "institution/group-s-d", nil),
		edge(graph.MemberOf, "person/ana-gomes", "institution/group-s-d", nil),
		edge(graph.MemberOf, "person/cecilia-malmstrom", "institution/european-commission", graph.Props{"role": "commissioner"}),
		edge(graph.Rapporteur, "person/rita-borsellino", proc, graph.Props{"role": graph.RoleRapporteur, "committee": "institution/ep-libe", "group": "S&D", "date": date("2010-10-26")}),
		edge(graph.Rapporteur, "person/agnes-hankiss", proc, graph.Props{"role": graph.RoleShadowRapporteur, "committee": "institution/ep-libe", "group": "PPE"}),
		edge(graph.Rapporteur, "person/ana-gomes", proc, graph.Props{"role": graph.RoleRapporteurForOpinion, "committee": "institution/ep-afet", "group": "S&D", "date": date("2012-01-11")}),
		edge(graph.ResponsibleFor, "institution/ep-libe", proc, graph.Props{"role": "committee responsible"}),
		edge(graph.ResponsibleFor, "person/cecilia-malmstrom", proc, graph.Props{"role": "commissioner"}),
		edge(graph.ResponsibleFor, "agency/europol", "objective/iss-so1-ka1", graph.Props{"role": "supports", "note": "operational support"}),
		edge(graph.ResponsibleFor, "agency/ec3", "objective/iss-so3", graph.Props{"role": "leads", "date": date("2013-01-11")}),
		edge(graph.ContributesTo, "institution/ep-afet", proc, graph.Props{"role": "committee for opinion"}),
		edge(graph.ContributesTo, "agency/europol", "document/com-2014-0365", nil),
		edge(graph.Authored, "institution/european-commission", "document/com-2010-0673", nil),
		edge(graph.Authored, "institution/european-commission", "document/com-2014-0365", nil),
		edge(graph.Authored, "institution/ep-libe", "document/ep-a7-0143-2012", nil),
		edge(graph.Authored, "person/rita-borsellino", "document/ep-a7-0143-2012", graph.Props{"role": "rapporteur"}),
		edge(graph.Authored, "institution/european-parliament", "document/ep-t7-0207-2012", nil),
		edge(graph.Cites, "document/ep-a7-0143-2012", "document/com-2010-0673", nil),
		edge(graph.Cites, "document/ep-t7-0207-2012", "document/com-2010-0673", nil),
		edge(graph.Cites, "document/com-2014-0365", "document/com-2010-0673", nil),
		edge(graph.Cites, "document/com-2010-0673", "document/iss-2010", nil),
		edge(graph.Addresses, "document/com-2010-0673", "objective/iss-so1", nil),
		edge(graph.Addresses, "document/com-2010-0673", "objective/iss-so3", nil),
		edge(graph.Addresses, "event/council-meeting-3071", "objective/iss-so1", nil),
		edge(graph.HasEvent, proc, "event/2010-2308-ini/2012-05-22-decision-by-parliament", nil),
		edge(graph.HasEvent, proc, "event/2010-2308-ini/2010-12-16-committee-referral-announced-in-parliament", nil),
		edge(graph.HasEvent, proc, "event/2010-2308-ini/2012-04-24-committee-report-tabled-for-plenary", nil),
		edge(graph.HasDocument, proc, "document/ep-a7-0143-2012", nil),
		edge(graph.HasDocument, proc, "document/ep-t7-0207-2012", nil),
		edge(graph.Produced, "event/2010-2308-ini/2012-05-22-decision-by-parliament", "document/ep-t7-0207-2012", nil),
		edge(graph.Produced, "event/2010-2308-ini/2012-04-24-committee-report-tabled-for-plenary", "document/ep-a7-0143-2012", nil),
		edge(graph.Participated, "institution/european-parliament", "event/2010-2308-ini/2012-05-22-decision-by-parliament", graph.Props{"role": "adopted"}),
		edge(graph.Participated, "institution/council", "event/council-meeting-3071", graph.Props{"role": "adopted conclusions"}),
		edge(graph.Concerns, "event/council-meeting-3071", "document/com-2010-0673", nil),
		edge(graph.Concerns, "event/2010-2308-ini/2012-05-22-decision-by-parliament", "institution/european-parliament", nil),
		edge(graph.RelatedTo, proc, "procedure/2013-2636-rsp", nil),
		edge(graph.RelatedTo, "document/com-2014-0365", proc, graph.Props{"note": "reports on the strategy the procedure examined"}),
	}
	return graph.Batch{Nodes: nodes, Edges: edges}
}

// apply loads a batch.
func apply(b graph.Batch) teststore.Loader {
	return func(ctx context.Context, s graph.Store) error {
		_, err := s.Apply(ctx, b)
		return err
	}
}

// env is one API under test.
type env struct {
	t       testing.TB
	store   graph.Store // what the handler uses (may be a decorator)
	mem     graph.Store // the store under it (teststore's: embedded or Neo4j)
	client  *client.Client
	handler *resolvers.Handler
	logs    *syncBuffer
}

type envOption func(*envConfig)

type envConfig struct {
	keys  []string
	wrap  func(graph.Store) graph.Store
	empty bool
	opts  func(*resolvers.Options)
	store graph.Store
}

func withKeys(keys ...string) envOption { return func(c *envConfig) { c.keys = keys } }
func wrapStore(w func(graph.Store) graph.Store) envOption {
	return func(c *envConfig) { c.wrap = w }
}
func emptyStore() envOption           { return func(c *envConfig) { c.empty = true } }
func onStore(s graph.Store) envOption { return func(c *envConfig) { c.store = s } }
func withOptions(f func(*resolvers.Options)) envOption {
	return func(c *envConfig) { c.opts = f }
}

func newEnv(t testing.TB, opts ...envOption) *env {
	t.Helper()
	cfg := envConfig{keys: []string{testKey}}
	for _, o := range opts {
		o(&cfg)
	}
	var load teststore.Loader
	if !cfg.empty {
		load = apply(fixture())
	}
	mem := cfg.store
	if mem == nil {
		mem = teststore.Fresh(t, load)
	}
	s := mem
	if cfg.wrap != nil {
		s = cfg.wrap(mem)
	}
	logs := &syncBuffer{}
	ho := resolvers.Options{
		APIKeys: cfg.keys,
		Logger:  slog.New(slog.NewTextHandler(logs, nil)),
	}
	if cfg.opts != nil {
		cfg.opts(&ho)
	}
	h := resolvers.NewHandler(s, ho)
	return &env{t: t, store: s, mem: mem, client: client.New(h), handler: h, logs: logs}
}

// result is a GraphQL response, decoded generically.
type result struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors,omitempty"`
}

type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

func (e gqlError) code() string { c, _ := e.Extensions["code"].(string); return c }

// do runs a query. gqlgen answers requests that fail validation with HTTP
// 422, which the client reports as an error carrying the body; do decodes
// that body like any other.
func (e *env) do(query string, opts ...client.Option) result {
	e.t.Helper()
	resp, err := e.client.RawPost(query, opts...)
	var res result
	if err != nil {
		_, body, ok := strings.Cut(err.Error(), ": ")
		if !ok || !strings.HasPrefix(err.Error(), "http 4") || json.Unmarshal([]byte(body), &res) != nil {
			e.t.Fatalf("query failed: %v", err)
		}
		return res
	}
	res.Data, err = json.Marshal(resp.Data)
	if err != nil {
		e.t.Fatal(err)
	}
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &res.Errors); err != nil {
			e.t.Fatalf("decoding errors %s: %v", resp.Errors, err)
		}
	}
	return res
}

// ok runs a query that must succeed and decodes its data into out.
func (e *env) ok(query string, out any, opts ...client.Option) {
	e.t.Helper()
	res := e.do(query, opts...)
	if len(res.Errors) > 0 {
		e.t.Fatalf("query returned errors: %+v\nquery: %s", res.Errors, query)
	}
	if out != nil {
		if err := json.Unmarshal(res.Data, out); err != nil {
			e.t.Fatalf("decoding %s: %v", res.Data, err)
		}
	}
}

// fails runs a query that must fail with one error of the code.
func (e *env) fails(query, code string, opts ...client.Option) gqlError {
	e.t.Helper()
	res := e.do(query, opts...)
	if len(res.Errors) == 0 {
		e.t.Fatalf("query succeeded (%s), want %s\nquery: %s", res.Data, code, query)
	}
	for _, ge := range res.Errors {
		if ge.code() != code {
			e.t.Fatalf("errors %+v, want every one %s\nquery: %s", res.Errors, code, query)
		}
	}
	return res.Errors[0]
}

func withAuth(key string) client.Option { return client.AddHeader("Authorization", "Bearer "+key) }

// golden compares got, indented, with testdata/<name>.json; -update
// rewrites the file.
func golden(t *testing.T, name string, got result) {
	t.Helper()
	if len(got.Errors) > 0 {
		t.Fatalf("%s: the query returned errors: %+v", name, got.Errors)
	}
	var buf bytes.Buffer
	var data any
	if err := json.Unmarshal(got.Data, &data); err != nil {
		t.Fatal(err)
	}
	out := map[string]any{"data": data}
	if len(got.Errors) > 0 {
		out["errors"] = got.Errors
	}
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	goldenBytes(t, name+".json", buf.Bytes())
}

// goldenBytes compares got with testdata/<name>; -update rewrites the
// file.
func goldenBytes(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got, *update)
}

// syncBuffer collects logs from concurrent resolvers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// failing is a store whose reads all fail with err.
type failing struct {
	graph.Store
	err error
}

func (f failing) GetNode(context.Context, string) (graph.Node, error) { return graph.Node{}, f.err }
func (f failing) GetNodes(context.Context, []string) ([]*graph.Node, error) {
	return nil, f.err
}
func (f failing) ListNodes(context.Context, graph.ListQuery) (graph.Page, error) {
	return graph.Page{}, f.err
}
func (f failing) Edges(context.Context, graph.EdgeQuery) (map[string][]graph.Edge, error) {
	return nil, f.err
}
func (f failing) EdgesAndEnds(context.Context, graph.EdgeQuery) (map[string][]graph.Edge, map[string]*graph.Node, error) {
	return nil, nil, f.err
}
func (f failing) Count(context.Context) (graph.Counts, error)      { return graph.Counts{}, f.err }
func (f failing) Degrees(context.Context, []string) ([]int, error) { return nil, f.err }
func (f failing) Rank(context.Context, graph.RankQuery) ([]graph.Ranked, error) {
	return nil, f.err
}
func (f failing) Search(context.Context, graph.SearchQuery) (graph.SearchPage, error) {
	return graph.SearchPage{}, f.err
}

func (f failing) Find(context.Context, graph.Query) (graph.Page, error) { return graph.Page{}, f.err }
func (f failing) Related(context.Context, graph.RelQuery) ([]graph.RelPage, error) {
	return nil, f.err
}
func (f failing) Aggregate(context.Context, graph.AggQuery) ([]graph.Aggregate, error) {
	return nil, f.err
}

// counting counts the calls of each store method.
type counting struct {
	graph.Store
	mu    sync.Mutex
	calls map[string]int
	edges []graph.EdgeQuery   // what EdgesAndEnds was asked, in order
	lists []graph.ListQuery   // what ListNodes was asked, in order
	finds []graph.Query       // what Find was asked, in order
	hunts []graph.SearchQuery // what Search was asked, in order
}

func newCounting(s graph.Store) *counting { return &counting{Store: s, calls: map[string]int{}} }

func (c *counting) count(m string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[m]++
}

func (c *counting) snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.calls))
	for k, v := range c.calls {
		out[k] = v
	}
	return out
}

func (c *counting) total() int {
	n := 0
	for _, v := range c.snapshot() {
		n += v
	}
	return n
}

func (c *counting) GetNode(ctx context.Context, id string) (graph.Node, error) {
	c.count("GetNode")
	return c.Store.GetNode(ctx, id)
}
func (c *counting) GetNodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	c.count("GetNodes")
	return c.Store.GetNodes(ctx, ids)
}

// record counts a call of method m and keeps its query q in into.
func record[Q any](c *counting, m string, into *[]Q, q Q) {
	c.count(m)
	c.mu.Lock()
	defer c.mu.Unlock()
	*into = append(*into, q)
}

func (c *counting) ListNodes(ctx context.Context, q graph.ListQuery) (graph.Page, error) {
	record(c, "ListNodes", &c.lists, q)
	return c.Store.ListNodes(ctx, q)
}
func (c *counting) Edges(ctx context.Context, q graph.EdgeQuery) (map[string][]graph.Edge, error) {
	c.count("Edges")
	return c.Store.Edges(ctx, q)
}
func (c *counting) Find(ctx context.Context, q graph.Query) (graph.Page, error) {
	record(c, "Find", &c.finds, q)
	return c.Store.Find(ctx, q)
}
func (c *counting) Search(ctx context.Context, q graph.SearchQuery) (graph.SearchPage, error) {
	record(c, "Search", &c.hunts, q)
	return c.Store.Search(ctx, q)
}
func (c *counting) Related(ctx context.Context, q graph.RelQuery) ([]graph.RelPage, error) {
	c.count("Related")
	return c.Store.Related(ctx, q)
}
func (c *counting) Aggregate(ctx context.Context, q graph.AggQuery) ([]graph.Aggregate, error) {
	c.count("Aggregate")
	return c.Store.Aggregate(ctx, q)
}
func (c *counting) EdgesAndEnds(ctx context.Context, q graph.EdgeQuery) (map[string][]graph.Edge, map[string]*graph.Node, error) {
	record(c, "EdgesAndEnds", &c.edges, q)
	return c.Store.EdgesAndEnds(ctx, q)
}
func (c *counting) Degrees(ctx context.Context, ids []string) ([]int, error) {
	c.count("Degrees")
	return c.Store.Degrees(ctx, ids)
}
