package graphtest

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/ref"
)

// Generate returns a synthetic graph of exactly nodes nodes and edges
// edges as batches to Apply in order: every node first, then every edge,
// each batch within graph.MaxBatchWrite. The same arguments always give
// the same batches.
//
// The graph is valid under the domain's rules (ids, required properties,
// graph.EdgeTypes' endpoint kinds, no self loops, one edge per key) and
// shaped roughly like the ISS dataset, so that benchmarks on it mean
// something:
//
//   - kinds: mostly documents (45%) and events (30%), fewer people,
//     objectives, institutions, agencies and procedures;
//   - CITES (30% of the edges) joins documents by preferential attachment,
//     so a few documents are cited very often; citations ignore dates, so
//     cycles occur as they do in real corpora that cite drafts;
//   - the other types follow their allow-list with a milder preference
//     for nodes that already have edges, which makes hub institutions,
//     objectives and procedures;
//   - documents (most of them) and events carry dates from 2000 to 2024;
//   - names come from a small vocabulary with skewed topic frequencies,
//     so full-text search meets common terms ("security") and rare ones;
//     "cybercrime", "centre" and "border" occur;
//   - a third of the documents have a unique COM reference: the k-th is
//     COM(2000+k%25) k/25+1, so COM(2010) 1 is always there once the graph
//     has eleven; a tenth have a Council reference.
//
// It fails when nodes is below 16 or at least 1<<28, when edges is
// negative or above 20 per node, or when the graph is too small to hold
// that many distinct edges.
func Generate(nodes, edges int, seed int64) ([]graph.Batch, error) {
	if nodes < 16 || nodes >= 1<<28 {
		return nil, fmt.Errorf("graphtest: generate: %d nodes: want 16 to %d", nodes, 1<<28-1)
	}
	if edges < 0 || edges > 20*nodes {
		return nil, fmt.Errorf("graphtest: generate: %d edges: want 0 to 20 per node (%d)", edges, 20*nodes)
	}
	g := &generator{
		r:      rand.New(rand.NewPCG(uint64(seed), 0x15519a9b)),
		blocks: map[graph.Kind]*block{},
		seen:   make(map[uint64]struct{}, edges),
		source: []graph.Source{{File: "generated", Section: "seed " + strconv.FormatInt(seed, 10)}},
	}
	g.topic = rand.NewZipf(g.r, 1.2, 2, uint64(len(topics)-1))
	g.nodes(nodes)
	if err := g.edges(edges); err != nil {
		return nil, err
	}
	return batches(g.ns, g.es), nil
}

// kindShares is the mix of kinds; Document takes what the others leave.
var kindShares = []struct {
	kind  graph.Kind
	share float64
}{
	{graph.Event, 0.30},
	{graph.Person, 0.08},
	{graph.Objective, 0.06},
	{graph.Institution, 0.05},
	{graph.Agency, 0.03},
	{graph.Procedure, 0.03},
}

// end is one possible end of a generated edge and its weight.
type end struct {
	kind graph.Kind
	w    float64
}

var actorEnds = []end{{graph.Institution, 5}, {graph.Agency, 2}, {graph.Person, 3}}

// edgeShares is the mix of edge types and of their end kinds; CITES takes
// what the others leave. pref is the chance that an end is drawn among
// the ends of earlier edges (preferential attachment) rather than
// uniformly.
var edgeShares = []struct {
	t        graph.EdgeType
	share    float64
	from, to []end
	pref     [2]float64
}{
	{graph.Addresses, 0.15, []end{{graph.Document, 7}, {graph.Event, 3}}, []end{{graph.Objective, 1}}, [2]float64{0.2, 0.6}},
	{graph.Authored, 0.10, actorEnds, []end{{graph.Document, 1}}, [2]float64{0.6, 0}},
	{graph.HasEvent, 0.08, []end{{graph.Procedure, 1}}, []end{{graph.Event, 1}}, [2]float64{0.6, 0}},
	{graph.Participated, 0.08, actorEnds, []end{{graph.Event, 1}}, [2]float64{0.6, 0.2}},
	{graph.HasDocument, 0.06, []end{{graph.Procedure, 1}}, []end{{graph.Document, 1}}, [2]float64{0.6, 0.2}},
	{graph.Concerns, 0.05, []end{{graph.Event, 1}},
		[]end{{graph.Document, 4}, {graph.Procedure, 2}, {graph.Objective, 2}, {graph.Agency, 1}, {graph.Institution, 1}}, [2]float64{0, 0.5}},
	{graph.ContributesTo, 0.05, actorEnds,
		[]end{{graph.Document, 4}, {graph.Objective, 2}, {graph.Procedure, 2}, {graph.Event, 2}}, [2]float64{0.5, 0.3}},
	{graph.Produced, 0.03, []end{{graph.Event, 1}}, []end{{graph.Document, 1}}, [2]float64{0, 0}},
	{graph.ResponsibleFor, 0.03, actorEnds, []end{{graph.Objective, 2}, {graph.Procedure, 1}, {graph.Document, 1}}, [2]float64{0.6, 0.3}},
	{graph.RelatedTo, 0.03, []end{{graph.Document, 3}, {graph.Procedure, 1}}, []end{{graph.Document, 3}, {graph.Procedure, 1}}, [2]float64{0.2, 0.2}},
	{graph.PartOf, 0.02, []end{{graph.Institution, 2}, {graph.Agency, 1}, {graph.Objective, 3}, {graph.Document, 1}},
		[]end{{graph.Institution, 2}, {graph.Agency, 1}, {graph.Objective, 2}, {graph.Document, 1}}, [2]float64{0, 0.7}},
	{graph.MemberOf, 0.015, []end{{graph.Person, 4}, {graph.Institution, 1}, {graph.Agency, 1}}, []end{{graph.Institution, 1}}, [2]float64{0, 0.7}},
	{graph.Rapporteur, 0.005, []end{{graph.Person, 1}}, []end{{graph.Procedure, 1}}, [2]float64{0.3, 0.3}},
}

// citePref is the chance that a CITES target is drawn among the documents
// already cited, in proportion to their citations.
const citePref = 0.7

// block is the range of node indexes of one kind, and its urn: one entry
// per edge end so far, so that a uniform draw from it prefers nodes by
// degree.
type block struct {
	lo, n int
	urn   []int32
}

type generator struct {
	r      *rand.Rand
	topic  *rand.Zipf
	ns     []graph.Node
	es     []graph.Edge
	blocks map[graph.Kind]*block
	cited  []int32 // one entry per CITES edge, its target
	seen   map[uint64]struct{}
	source []graph.Source
	com    int // COM references handed out
	cncl   int // Council references handed out
}

func (g *generator) nodes(total int) {
	counts := map[graph.Kind]int{graph.Document: total}
	for _, s := range kindShares {
		c := max(1, int(s.share*float64(total)))
		counts[s.kind] = c
		counts[graph.Document] -= c
	}
	g.ns = make([]graph.Node, 0, total)
	for _, spec := range graph.Kinds {
		k := spec.Kind
		b := &block{lo: len(g.ns), n: counts[k]}
		g.blocks[k] = b
		for i := range b.n {
			n := g.node(k, i)
			n.Sources = g.source
			g.ns = append(g.ns, n)
		}
	}
}

func (g *generator) edges(total int) error {
	counts := make([]int, len(edgeShares))
	cites := total
	for i, s := range edgeShares {
		counts[i] = int(s.share * float64(total))
		cites -= counts[i]
	}
	g.es = make([]graph.Edge, 0, total)
	for range cites {
		to, err := g.edge(graph.Cites, func() (int, int) {
			docs := g.blocks[graph.Document]
			to := docs.lo + g.r.IntN(docs.n)
			if len(g.cited) > 0 && g.r.Float64() < citePref {
				to = int(g.cited[g.r.IntN(len(g.cited))])
			}
			return g.pick(docs, 0.3), to
		})
		if err != nil {
			return err
		}
		g.cited = append(g.cited, int32(to))
	}
	for i, s := range edgeShares {
		for range counts[i] {
			if _, err := g.edge(s.t, func() (int, int) {
				return g.pick(g.blocks[g.choose(s.from)], s.pref[0]), g.pick(g.blocks[g.choose(s.to)], s.pref[1])
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

// edge draws ends with draw until they make a new edge of type t, appends
// it, records both ends in their kinds' urns and returns the target.
func (g *generator) edge(t graph.EdgeType, draw func() (int, int)) (int, error) {
	ti := typeIndex(t)
	for range 1000 {
		from, to := draw()
		if from == to {
			continue
		}
		key := uint64(ti)<<56 | uint64(from)<<28 | uint64(to)
		if _, dup := g.seen[key]; dup {
			continue
		}
		g.seen[key] = struct{}{}
		e := graph.Edge{Type: t, From: g.ns[from].ID, To: g.ns[to].ID, Props: g.edgeProps(t)}
		g.es = append(g.es, e)
		for _, x := range []int{from, to} {
			b := g.blocks[g.ns[x].Kind]
			b.urn = append(b.urn, int32(x))
		}
		return to, nil
	}
	return 0, fmt.Errorf("graphtest: generate: %d nodes cannot hold %d distinct %s edges; ask for fewer edges or more nodes",
		len(g.ns), len(g.es)+1, t)
}

func typeIndex(t graph.EdgeType) int {
	for i, s := range graph.EdgeTypes {
		if s.Type == t {
			return i
		}
	}
	return len(graph.EdgeTypes)
}

// pick draws a node of b: among the ends of earlier edges with chance
// pref, else uniformly.
func (g *generator) pick(b *block, pref float64) int {
	if len(b.urn) > 0 && pref > 0 && g.r.Float64() < pref {
		return int(b.urn[g.r.IntN(len(b.urn))])
	}
	return b.lo + g.r.IntN(b.n)
}

// choose draws one kind of ends by weight.
func (g *generator) choose(ends []end) graph.Kind {
	sum := 0.0
	for _, e := range ends {
		sum += e.w
	}
	x := g.r.Float64() * sum
	for _, e := range ends {
		if x < e.w {
			return e.kind
		}
		x -= e.w
	}
	return ends[len(ends)-1].kind
}

func (g *generator) edgeProps(t graph.EdgeType) graph.Props {
	switch t {
	case graph.Rapporteur:
		role := graph.RoleRapporteur
		if g.r.IntN(3) > 0 {
			role = graph.RoleShadowRapporteur
		}
		return graph.Props{"role": role}
	case graph.Participated:
		if g.r.IntN(2) == 0 {
			return graph.Props{"role": oneOf(g.r, "adopted", "voted", "led", "endorsed", "attended")}
		}
	case graph.ResponsibleFor:
		return graph.Props{"role": oneOf(g.r, "leads", "implements", "monitors", "coordinates")}
	}
	return nil
}

// The vocabulary. Topics are drawn with a Zipf law in this order, so the
// first ones are common terms and the last ones rare.
var (
	topics = []string{
		"internal security", "border security", "organised crime", "terrorism",
		"cybercrime", "the European Cybercrime Centre", "radicalisation", "external borders",
		"information exchange", "crisis management", "money laundering", "trafficking in human beings",
		"cyber security", "law enforcement cooperation", "disaster resilience", "drug trafficking",
		"firearms", "corruption", "passenger name records", "critical infrastructure",
		"terrorist financing", "police cooperation", "judicial cooperation", "victims of crime",
		"child sexual abuse online", "identity theft", "security research", "maritime security",
		"aviation security", "CBRN threats", "explosives precursors", "foreign fighters",
		"migrant smuggling", "integrated border management", "border surveillance", "data retention",
		"cross-border crime", "the training centre", "the situation centre", "financial investigation",
	}
	docTypes = []struct{ name, typ string }{
		{"Communication", "communication"}, {"Report", "report"}, {"Council conclusions", "council-conclusions"},
		{"Resolution", "resolution"}, {"Directive", "directive"}, {"Regulation", "regulation"},
		{"Decision", "decision"}, {"Staff working document", "staff-working-document"},
		{"Action plan", "action-plan"}, {"Strategy", "strategy"}, {"Evaluation", "evaluation"},
		{"Opinion", "opinion"},
	}
	verbs      = []string{"Proposes", "Assesses", "Reviews", "Sets out", "Reports progress on", "Evaluates", "Announces"}
	eventTypes = []string{"Council meeting on", "Plenary vote on", "Joint operation against",
		"Conference on", "Committee debate on", "Adoption of measures on", "Expert meeting on"}
	objVerbs = []string{"Strengthen", "Prevent", "Improve", "Disrupt", "Protect against", "Increase capacity in", "Reduce"}
	objTypes = []string{"strategic-objective", "key-action", "key-action", "key-action", "challenge",
		"cross-cutting-objective", "threat", "principle", "priority"}
	instForms = []struct{ pattern, typ string }{
		{"Committee on %s", "committee"}, {"Working party on %s", "council-body"},
		{"Directorate for %s", "directorate-general"}, {"Unit for %s", "service"},
	}
	agencyForms = []struct{ pattern, typ string }{
		{"European centre for %s", "centre"}, {"Network on %s", "network"},
		{"Agency for %s", "agency"}, {"Office for %s", "office"},
	}
	procCodes  = []string{"INI", "COD", "NLE", "RSP"}
	givenNames = []string{"Anna", "Marco", "Elena", "Jan", "Sofia", "Pieter", "Maria", "Lukas",
		"Ines", "Tomas", "Clara", "Mikael", "Eva", "Andrzej", "Lucia", "Henrik", "Nadia", "Paulo",
		"Greta", "Stefan", "Irene", "Karel", "Helena", "Dimitris"}
	familyNames = []string{"Novak", "Rossi", "Schmidt", "Dubois", "Silva", "Jansen", "Kowalski",
		"Papadopoulos", "Nielsen", "Horvat", "Lindqvist", "Moreau", "Fischer", "Costa", "Varga",
		"Murphy", "Berg", "Ionescu", "Kovac", "Bauer", "Garcia", "Virtanen", "Ozols", "Borg"}
	countries = []string{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR",
		"HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}
	groups = []string{"EPP", "S&D", "Renew", "Greens/EFA", "ECR", "The Left"}
)

func oneOf(r *rand.Rand, s ...string) string { return s[r.IntN(len(s))] }

func (g *generator) topicName() string { return topics[g.topic.Uint64()] }

// date draws a day from 2000 to 2024, in year y when y > 0.
func (g *generator) date(y int) graph.Date {
	if y == 0 {
		y = 2000 + g.r.IntN(25)
	}
	return graph.DateOf(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(365)))
}

// node makes the i-th node of kind k.
func (g *generator) node(k graph.Kind, i int) graph.Node {
	spec, _ := graph.LookupKind(k)
	topic := g.topicName()
	suffix := "-" + strconv.Itoa(i)
	n := graph.Node{Kind: k, Props: graph.Props{}}
	switch k {
	case graph.Document:
		dt := docTypes[g.r.IntN(len(docTypes))]
		n.Name = dt.name + " on " + topic
		if g.r.IntN(3) == 0 {
			n.Name += " and " + g.topicName()
		}
		n.Props["type"] = dt.typ
		year := 0
		switch x := g.r.IntN(20); {
		case x < 7:
			r := ref.Ref{Type: ref.COM, Year: 2000 + g.com%25, Number: g.com/25 + 1}
			g.com++
			year = r.Year
			n.ID, n.Props["reference"] = r.ID(), r.String()
		case x < 9:
			r := ref.Ref{Type: ref.Council, Year: 2000 + g.cncl%25, Number: 5000 + g.cncl/25}
			g.cncl++
			year = r.Year
			n.ID, n.Props["reference"] = r.ID(), r.String()
		default:
			n.ID = spec.Prefix + graph.Slug(topic) + suffix
		}
		if year > 0 || g.r.IntN(10) > 0 {
			n.Props["date"] = g.date(year)
		}
		if g.r.IntN(10) < 3 {
			n.Props["shortTitle"] = strings.ToUpper(topic[:1]) + topic[1:] + " " + strings.ToLower(dt.name)
		}
		if g.r.IntN(10) < 4 {
			n.Props["description"] = oneOf(g.r, verbs...) + " measures on " + topic + " and " + g.topicName() + "."
		}
	case graph.Event:
		d := g.date(0)
		form := oneOf(g.r, eventTypes...)
		n.Name = form + " " + topic
		n.ID = spec.Prefix + d.String() + "-" + graph.Slug(form) + suffix
		n.Props["date"] = d
		n.Props["type"] = graph.Slug(form)
	case graph.Person:
		given, family := givenNames[i%len(givenNames)], familyNames[(i/len(givenNames))%len(familyNames)]
		n.Name = given + " " + family
		n.ID = spec.Prefix + graph.Slug(n.Name)
		if round := i / (len(givenNames) * len(familyNames)); round > 0 {
			n.ID += "-" + strconv.Itoa(round+1)
		}
		n.Props["givenName"], n.Props["familyName"] = given, family
		n.Props["country"] = oneOf(g.r, countries...)
		if g.r.IntN(2) == 0 {
			n.Props["group"] = oneOf(g.r, groups...)
		}
	case graph.Objective:
		n.Name = oneOf(g.r, objVerbs...) + " " + topic
		n.ID = spec.Prefix + graph.Slug(n.Name) + suffix
		n.Props["type"] = oneOf(g.r, objTypes...)
		n.Props["number"] = strconv.Itoa(1+g.r.IntN(5)) + "." + strconv.Itoa(1+g.r.IntN(9))
	case graph.Institution:
		f := instForms[g.r.IntN(len(instForms))]
		n.Name = fmt.Sprintf(f.pattern, topic)
		n.ID = spec.Prefix + graph.Slug(n.Name) + suffix
		n.Props["type"] = f.typ
		n.Props["acronym"] = acronym(n.Name)
	case graph.Agency:
		f := agencyForms[g.r.IntN(len(agencyForms))]
		n.Name = fmt.Sprintf(f.pattern, topic)
		n.ID = spec.Prefix + graph.Slug(n.Name) + suffix
		n.Props["type"] = f.typ
		n.Props["acronym"] = acronym(n.Name)
		if g.r.IntN(2) == 0 {
			n.Props["established"] = g.date(0)
		}
	case graph.Procedure:
		r := ref.Ref{Type: ref.Procedure, Year: 2000 + i%25, Number: 1000 + i/25, Code: oneOf(g.r, procCodes...)}
		n.Name = "Procedure on " + topic
		n.ID = r.ID()
		n.Props["reference"] = r.String()
		n.Props["date"] = g.date(r.Year)
		n.Props["status"] = oneOf(g.r, "Procedure completed", "Awaiting committee decision", "Awaiting Council position")
	}
	return n
}

// acronym is the initials of the words of name longer than three letters.
func acronym(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if len(w) > 3 {
			b.WriteString(strings.ToUpper(w[:1]))
		}
	}
	return b.String()
}

// batches splits nodes and then edges into batches of at most
// graph.MaxBatchWrite items; a batch holds nodes or edges, never both, so
// that every node is written before the first edge.
func batches(ns []graph.Node, es []graph.Edge) []graph.Batch {
	var out []graph.Batch
	for len(ns) > 0 {
		k := min(len(ns), graph.MaxBatchWrite)
		out = append(out, graph.Batch{Nodes: ns[:k:k]})
		ns = ns[k:]
	}
	for len(es) > 0 {
		k := min(len(es), graph.MaxBatchWrite)
		out = append(out, graph.Batch{Edges: es[:k:k]})
		es = es[k:]
	}
	return out
}
