// Command plain is the floor of the performance comparison: a plain
// net/http handler that answers each Q-mix query (benchmarks/queries) with
// the store calls issgraph's resolvers make for it, and encodes the answer
// with encoding/json. No GraphQL: no parsing, validation, field
// collection or per-field resolution, so what issgraph costs above it is
// the price of being a GraphQL server.
//
//	go run ./benchmarks/plain -addr 127.0.0.1:18620 -queries benchmarks/queries
//
// It serves POST /graphql with a JSON body whose "query" is the text of
// one of the query files, and answers {"data": ...} equal to issgraph's
// (benchmarks/load check compares them).
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/embedded"
	"github.com/issgraph/issgraph/graph/ref"
	"github.com/issgraph/issgraph/graph/traverse"
	"github.com/issgraph/issgraph/seed"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18620", "listen address")
	dir := flag.String("queries", "benchmarks/queries", "folder of the Q-mix queries")
	flag.Parse()
	s := embedded.Memory()
	if _, err := seed.Load(context.Background(), s, seed.Options{}); err != nil {
		log.Fatal(err)
	}
	h, err := newHandler(s, *dir)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("plain handler at http://%s/graphql", *addr)
	log.Fatal(http.ListenAndServe(*addr, h))
}

// answer computes the data of one query.
type answer func(ctx context.Context, s graph.Store) (any, error)

var answers = map[string]answer{
	"procedure":     procedure,
	"document":      document,
	"objective":     objective,
	"page":          page,
	"relationships": relationships,
	"neighbourhood": neighbourhood,
	"path":          path,
	"search":        search,
}

func newHandler(s graph.Store, dir string) (http.Handler, error) {
	byText := map[string]answer{}
	for name, a := range answers {
		b, err := os.ReadFile(filepath.Join(dir, name+".graphql"))
		if err != nil {
			return nil, err
		}
		byText[string(b)] = a
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Query string `json:"query"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		a := byText[body.Query]
		if a == nil {
			http.Error(w, "not a Q-mix query", http.StatusBadRequest)
			return
		}
		data, err := a(r.Context(), s)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"data": data})
	}), nil
}

// The shapes of the answers, as the queries select them.
type (
	named struct {
		Name string `json:"name"`
	}
	source struct {
		File  string  `json:"file"`
		Lines *string `json:"lines"`
	}
	fullSrc struct {
		File    string  `json:"file"`
		Section *string `json:"section"`
		Lines   *string `json:"lines"`
	}
	dated struct {
		Date *string `json:"date"`
		Name string  `json:"name"`
	}
	reference struct {
		Name      string  `json:"name"`
		Reference *string `json:"reference"`
	}
)

func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optDate(p graph.Props, k string) *string {
	if d, ok := p.Date(k); ok {
		return opt(d.String())
	}
	return nil
}

func sources(ss []graph.Source) []source {
	out := make([]source, len(ss))
	for i, s := range ss {
		out[i] = source{File: s.File, Lines: opt(s.Lines)}
	}
	return out
}

// byReference is the resolvers' lookup by reference: the node of kind k
// whose reference, or else one of whose aliases, is the canonical form.
func byReference(ctx context.Context, s graph.Store, k graph.Kind, text string) (*graph.Node, error) {
	r, err := ref.Parse(text)
	if err != nil {
		return nil, err
	}
	canon := r.String()
	p, err := s.ListNodes(ctx, graph.ListQuery{Kind: k, Filter: graph.Filter{Reference: canon}, First: graph.MaxPageSize})
	if err != nil || len(p.Nodes) == 0 {
		return nil, err
	}
	for _, n := range p.Nodes {
		if n.Props.String("reference") == canon {
			return &n, nil
		}
	}
	return &p.Nodes[0], nil
}

// rel is a relationship field of one node: its edges in CompareEdges
// order and the nodes at their other ends, read in one Edges and one
// GetNodes call as the resolvers' loaders read them.
func rel(ctx context.Context, s graph.Store, id string, dir graph.Direction, types ...graph.EdgeType) ([]graph.Edge, map[string]*graph.Node, error) {
	m, err := s.Edges(ctx, graph.EdgeQuery{IDs: []string{id}, Direction: dir, Types: types})
	if err != nil {
		return nil, nil, err
	}
	es := m[id]
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.Key().Other(id)
	}
	ends, err := nodes(ctx, s, ids)
	return es, ends, err
}

func nodes(ctx context.Context, s graph.Store, ids []string) (map[string]*graph.Node, error) {
	out := make(map[string]*graph.Node, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	ns, err := s.GetNodes(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, n := range ns {
		if n != nil {
			out[ids[i]] = n
		}
	}
	return out, nil
}

// others returns the other ends of es, each once, of kind k.
func others(id string, es []graph.Edge, ends map[string]*graph.Node, k graph.Kind) []*graph.Node {
	var out []*graph.Node
	seen := map[string]bool{}
	for _, e := range es {
		o := e.Key().Other(id)
		if n := ends[o]; n != nil && n.Kind == k && !seen[o] {
			seen[o] = true
			out = append(out, n)
		}
	}
	return out
}

var rapporteurRoles = map[string]string{
	graph.RoleRapporteur: "RAPPORTEUR", graph.RoleShadowRapporteur: "SHADOW_RAPPORTEUR",
	graph.RoleRapporteurForOpinion: "RAPPORTEUR_FOR_OPINION",
}

func procedure(ctx context.Context, s graph.Store) (any, error) {
	p, err := byReference(ctx, s, graph.Procedure, "2010/2308(INI)")
	if err != nil || p == nil {
		return map[string]any{"procedure": nil}, err
	}
	res, resEnds, err := rel(ctx, s, p.ID, graph.In, graph.Rapporteur)
	if err != nil {
		return nil, err
	}
	ev, evEnds, err := rel(ctx, s, p.ID, graph.Out, graph.HasEvent)
	if err != nil {
		return nil, err
	}
	var committees []string
	for _, e := range res {
		if c := e.Props.String("committee"); c != "" {
			committees = append(committees, c)
		}
	}
	cs, err := nodes(ctx, s, committees)
	if err != nil {
		return nil, err
	}
	type rapporteur struct {
		Role      string   `json:"role"`
		Person    named    `json:"person"`
		Group     *string  `json:"group"`
		Committee *named   `json:"committee"`
		Appointed *string  `json:"appointed"`
		Sources   []source `json:"sources"`
	}
	rank := func(e graph.Edge) int {
		switch e.Props.String("role") {
		case graph.RoleRapporteur:
			return 0
		case graph.RoleShadowRapporteur:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(res, func(a, b graph.Edge) int { return rank(a) - rank(b) })
	rs := []rapporteur{}
	for _, e := range res {
		person := resEnds[e.From]
		if person == nil {
			continue
		}
		r := rapporteur{Role: rapporteurRoles[e.Props.String("role")], Person: named{person.Name},
			Group: opt(e.Props.String("group")), Appointed: optDate(e.Props, "date"), Sources: sources(e.Sources)}
		if c := cs[e.Props.String("committee")]; c != nil && c.Kind == graph.Institution {
			r.Committee = &named{c.Name}
		}
		rs = append(rs, r)
	}
	events := others(p.ID, ev, evEnds, graph.Event)
	dates := make(map[*graph.Node]string, len(events))
	for _, n := range events {
		dates[n] = graph.SortKey(*n, graph.SortDate)
	}
	slices.SortStableFunc(events, func(a, b *graph.Node) int {
		return cmp.Or(strings.Compare(dates[a], dates[b]), strings.Compare(a.ID, b.ID))
	})
	ds := []dated{}
	for _, n := range events {
		ds = append(ds, dated{Date: optDate(n.Props, "date"), Name: n.Name})
	}
	return map[string]any{"procedure": map[string]any{"name": p.Name, "rapporteurs": rs, "events": ds}}, nil
}

func document(ctx context.Context, s graph.Store) (any, error) {
	d, err := byReference(ctx, s, graph.Document, "16797/10")
	if err != nil || d == nil {
		return map[string]any{"document": nil}, err
	}
	refs := func(dir graph.Direction) ([]reference, error) {
		es, ends, err := rel(ctx, s, d.ID, dir, graph.Cites)
		out := []reference{}
		for _, n := range others(d.ID, es, ends, graph.Document) {
			out = append(out, reference{Name: n.Name, Reference: opt(n.Props.String("reference"))})
		}
		return out, err
	}
	cites, err := refs(graph.Out)
	if err != nil {
		return nil, err
	}
	citedBy, err := refs(graph.In)
	if err != nil {
		return nil, err
	}
	es, ends, err := rel(ctx, s, d.ID, graph.Out, graph.Addresses)
	if err != nil {
		return nil, err
	}
	type objective struct {
		Name   string  `json:"name"`
		Number *string `json:"number"`
	}
	addresses := []objective{}
	for _, n := range others(d.ID, es, ends, graph.Objective) {
		addresses = append(addresses, objective{n.Name, opt(n.Props.String("number"))})
	}
	return map[string]any{"document": map[string]any{"id": d.ID, "name": d.Name, "date": optDate(d.Props, "date"),
		"cites": cites, "citedBy": citedBy, "addresses": addresses}}, nil
}

func objective(ctx context.Context, s graph.Store) (any, error) {
	const id = "objective/iss-so4"
	ns, err := s.GetNodes(ctx, []string{id})
	if err != nil || ns[0] == nil {
		return map[string]any{"objective": nil}, err
	}
	o := ns[0]
	es, ends, err := rel(ctx, s, id, graph.In, graph.PartOf)
	if err != nil {
		return nil, err
	}
	kas := others(id, es, ends, graph.Objective)
	ids := make([]string, len(kas))
	for i, n := range kas {
		ids[i] = n.ID
	}
	// The key actions' responsibilities in one Edges call and their actors
	// in one GetNodes call, as the resolvers' cohort batching does.
	resp, err := s.Edges(ctx, graph.EdgeQuery{IDs: ids, Direction: graph.In, Types: []graph.EdgeType{graph.ResponsibleFor}})
	if err != nil {
		return nil, err
	}
	var actorIDs []string
	for _, id := range ids {
		for _, e := range resp[id] {
			actorIDs = append(actorIDs, e.From)
		}
	}
	actors, err := nodes(ctx, s, actorIDs)
	if err != nil {
		return nil, err
	}
	type responsibility struct {
		Role    *string   `json:"role"`
		Actor   named     `json:"actor"`
		Sources []fullSrc `json:"sources"`
	}
	type keyAction struct {
		Number      *string          `json:"number"`
		Name        string           `json:"name"`
		Responsible []responsibility `json:"responsible"`
	}
	out := []keyAction{}
	for _, ka := range kas {
		k := keyAction{Number: opt(ka.Props.String("number")), Name: ka.Name, Responsible: []responsibility{}}
		for _, e := range resp[ka.ID] {
			a := actors[e.From]
			if a == nil {
				continue
			}
			r := responsibility{Role: opt(e.Props.String("role")), Actor: named{a.Name}, Sources: []fullSrc{}}
			for _, s := range e.Sources {
				r.Sources = append(r.Sources, fullSrc{File: s.File, Section: opt(s.Section), Lines: opt(s.Lines)})
			}
			k.Responsible = append(k.Responsible, r)
		}
		out = append(out, k)
	}
	return map[string]any{"objective": map[string]any{"name": o.Name, "keyActions": out}}, nil
}

func page(ctx context.Context, s graph.Store) (any, error) {
	from, err := graph.ParseDate("2010-01-01")
	if err != nil {
		return nil, err
	}
	// The store call issgraph makes for this list: Find with the
	// filter's conditions, ordered by date.
	q, err := graph.Query{Kinds: []graph.Kind{graph.Document},
		Where: graph.Where{Conds: []graph.Cond{
			{Field: "type", Op: graph.OpEq, Value: "communication"},
			{Field: "date", Op: graph.OpGte, Value: from},
		}},
		Sort: []graph.Order{{Field: "date"}}, Paging: graph.Paging{First: 5}}.Normalize()
	if err != nil {
		return nil, err
	}
	p, err := s.Find(ctx, q)
	if err != nil {
		return nil, err
	}
	type doc struct {
		Name      string  `json:"name"`
		Reference *string `json:"reference"`
		Date      *string `json:"date"`
	}
	ds := []doc{}
	for _, n := range p.Nodes {
		ds = append(ds, doc{n.Name, opt(n.Props.String("reference")), optDate(n.Props, "date")})
	}
	return map[string]any{"documents": map[string]any{
		"totalCount": p.TotalCount,
		"pageInfo":   map[string]any{"hasNextPage": p.HasNextPage, "endCursor": opt(p.EndCursor)},
		"nodes":      ds,
	}}, nil
}

func relationships(ctx context.Context, s graph.Store) (any, error) {
	const id = "agency/frontex"
	ns, err := s.GetNodes(ctx, []string{id})
	if err != nil || ns[0] == nil {
		return map[string]any{"node": nil}, err
	}
	es, ends, err := rel(ctx, s, id, graph.Out)
	if err != nil {
		return nil, err
	}
	type other struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	type relationship struct {
		Type    graph.EdgeType `json:"type"`
		Role    *string        `json:"role"`
		Other   other          `json:"other"`
		Sources []source       `json:"sources"`
	}
	out := []relationship{}
	for _, e := range es {
		o := ends[e.To]
		if o == nil {
			continue
		}
		out = append(out, relationship{e.Type, opt(e.Props.String("role")), other{o.ID, o.Name}, sources(e.Sources)})
	}
	return map[string]any{"node": map[string]any{"name": ns[0].Name, "relationships": out}}, nil
}

func kindName(k graph.Kind) string { return strings.ToUpper(string(k)) }

func neighbourhood(ctx context.Context, s graph.Store) (any, error) {
	sg, err := traverse.Neighbourhood(ctx, s, graph.NeighbourhoodQuery{ID: "institution/cosi", Depth: 2, Limit: 50}, graph.Limits{})
	if err != nil {
		return nil, err
	}
	type node struct {
		ID       string `json:"id"`
		Kind     string `json:"kind"`
		Label    string `json:"label"`
		Degree   int    `json:"degree"`
		Distance int    `json:"distance"`
	}
	type edge struct {
		ID         string         `json:"id"`
		Type       graph.EdgeType `json:"type"`
		Source     string         `json:"source"`
		Target     string         `json:"target"`
		Properties map[string]any `json:"properties"`
	}
	ns := make([]node, len(sg.Nodes))
	for i, n := range sg.Nodes {
		ns[i] = node{n.Node.ID, kindName(n.Node.Kind), n.Node.Name, n.Degree, n.Distance}
	}
	es := make([]edge, len(sg.Edges))
	for i, e := range sg.Edges {
		props := make(map[string]any, len(e.Props))
		for k, v := range e.Props {
			if d, ok := v.(graph.Date); ok {
				v = d.String()
			}
			props[k] = v
		}
		es[i] = edge{e.Key().String(), e.Type, e.From, e.To, props}
	}
	return map[string]any{"neighbourhood": map[string]any{"nodes": ns, "edges": es, "truncated": sg.Truncated}}, nil
}

func path(ctx context.Context, s graph.Store) (any, error) {
	ps, err := traverse.ShortestPaths(ctx, s, graph.PathQuery{From: "person/ana-gomes", To: "person/cecilia-malmstrom", Limit: 1}, graph.Limits{})
	if err != nil || len(ps) == 0 {
		return map[string]any{"shortestPath": nil}, err
	}
	type node struct {
		ID    string `json:"id"`
		Label string `json:"label"`
		Kind  string `json:"kind"`
	}
	type edge struct {
		Type   graph.EdgeType `json:"type"`
		Source string         `json:"source"`
		Target string         `json:"target"`
	}
	p := ps[0]
	ns := make([]node, len(p.Nodes))
	for i, n := range p.Nodes {
		ns[i] = node{n.Node.ID, n.Node.Name, kindName(n.Node.Kind)}
	}
	es := make([]edge, len(p.Edges))
	for i, e := range p.Edges {
		es[i] = edge{e.Type, e.From, e.To}
	}
	return map[string]any{"shortestPath": map[string]any{"length": p.Len(), "nodes": ns, "edges": es}}, nil
}

func search(ctx context.Context, s graph.Store) (any, error) {
	p, err := s.Search(ctx, graph.SearchQuery{Text: "cybercrime centre", First: 3})
	if err != nil {
		return nil, err
	}
	type node struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	type hit struct {
		Score float64           `json:"score"`
		Field graph.SearchField `json:"field"`
		Node  node              `json:"node"`
	}
	hs := make([]hit, len(p.Hits))
	for i, h := range p.Hits {
		hs[i] = hit{h.Score, h.Field, node{h.Node.ID, h.Node.Name}}
	}
	return map[string]any{"search": map[string]any{"edges": hs}}, nil
}
