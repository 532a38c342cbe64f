package graph

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Limits of the analyst queries. Every traversal is bounded: a depth, a
// number of nodes or paths, and the request's context deadline. The server
// may lower the depth cap (Limits.MaxDepth) but never raise it past
// MaxDepthCap.
const (
	DefaultMaxDepth      = 3  // depth cap when the configuration sets none
	MaxDepthCap          = 10 // highest depth cap a configuration may set
	DefaultSubgraphLimit = 100
	MaxSubgraphLimit     = 1000
	DefaultPathLimit     = 10
	MaxPathLimit         = 100
	DefaultRankLimit     = 10
	MaxRankLimit         = 100
	DefaultTimelineLimit = 200
	MaxTimelineLimit     = 1000
	MaxSearchWindow      = 1000 // hits a search may page through
	MaxSearchTextLen     = 200
)

// Limits are the configured caps of the analyst queries.
type Limits struct {
	// MaxDepth caps depth and maxDepth arguments: 0 means DefaultMaxDepth,
	// at most MaxDepthCap.
	MaxDepth int
}

// Depth returns the effective depth cap.
func (l Limits) Depth() int {
	switch {
	case l.MaxDepth <= 0:
		return DefaultMaxDepth
	case l.MaxDepth > MaxDepthCap:
		return MaxDepthCap
	}
	return l.MaxDepth
}

// NeighbourhoodQuery asks for the nodes within Depth steps of ID.
type NeighbourhoodQuery struct {
	ID        string
	Depth     int        // 0 means 1; at most Limits.Depth()
	Types     []EdgeType // edges followed; empty: every type
	Direction Direction  // 0 means Both
	// Kinds are the kinds of node the walk may reach and pass through;
	// empty: every kind. The start node is always included.
	Kinds []Kind
	Limit int // nodes returned, the start included; 0 means DefaultSubgraphLimit
	Cut   WalkCut
}

// Normalize checks q against l and fills in its defaults.
func (q NeighbourhoodQuery) Normalize(l Limits) (NeighbourhoodQuery, error) {
	var err error
	if err = checkID("id", q.ID); err != nil {
		return q, err
	}
	if q.Depth, err = depth("depth", q.Depth, 1, l); err != nil {
		return q, err
	}
	if q.Types, err = edgeTypes(q.Types); err != nil {
		return q, err
	}
	if q.Direction, err = direction(q.Direction); err != nil {
		return q, err
	}
	if q.Kinds, err = kinds(q.Kinds); err != nil {
		return q, err
	}
	if q.Cut, err = q.Cut.normalize(); err != nil {
		return q, err
	}
	q.Limit, err = limit("limit", q.Limit, DefaultSubgraphLimit, MaxSubgraphLimit)
	return q, err
}

// PathQuery asks for the shortest paths between two nodes.
type PathQuery struct {
	From, To  string
	Types     []EdgeType // edges followed; empty: every type
	Direction Direction  // 0 means Both: edges are walked either way
	MaxDepth  int        // longest path, in edges; 0 means Limits.Depth()
	Limit     int        // paths returned; 0 means DefaultPathLimit
	Cut       WalkCut
}

// Normalize checks q against l and fills in its defaults.
func (q PathQuery) Normalize(l Limits) (PathQuery, error) {
	var err error
	if err = checkID("from", q.From); err != nil {
		return q, err
	}
	if err = checkID("to", q.To); err != nil {
		return q, err
	}
	if q.MaxDepth, err = depth("maxDepth", q.MaxDepth, l.Depth(), l); err != nil {
		return q, err
	}
	if q.Types, err = edgeTypes(q.Types); err != nil {
		return q, err
	}
	if q.Direction, err = direction(q.Direction); err != nil {
		return q, err
	}
	if q.Cut, err = q.Cut.normalize(); err != nil {
		return q, err
	}
	q.Limit, err = limit("limit", q.Limit, DefaultPathLimit, MaxPathLimit)
	return q, err
}

// CitationQuery asks for the transitive citation chain of a document:
// what it cites (Direction Out) or what cites it (Direction In).
type CitationQuery struct {
	ID        string
	Direction Direction // Out or In; 0 means Out
	MaxDepth  int       // 0 means Limits.Depth()
	Limit     int       // nodes returned; 0 means DefaultSubgraphLimit
	Cut       WalkCut
}

// Normalize checks q against l and fills in its defaults.
func (q CitationQuery) Normalize(l Limits) (CitationQuery, error) {
	var err error
	if err = checkID("id", q.ID); err != nil {
		return q, err
	}
	switch q.Direction {
	case 0:
		q.Direction = Out
	case Out, In:
	default:
		return q, invalid("direction", "CITES or CITED_BY")
	}
	if q.MaxDepth, err = depth("maxDepth", q.MaxDepth, l.Depth(), l); err != nil {
		return q, err
	}
	if q.Cut, err = q.Cut.normalize(); err != nil {
		return q, err
	}
	q.Limit, err = limit("limit", q.Limit, DefaultSubgraphLimit, MaxSubgraphLimit)
	return q, err
}

// WalkCut is what a walk (a neighbourhood, a citation chain, shortest
// paths) copies of the nodes and edges of its answer, as EdgeQuery's Ends
// and Bare are for a level: each node as Nodes projects it (nil: whole),
// and each edge without its properties and sources when BareEdges. The
// resolvers ask for what a selection shows; the zero WalkCut, whole nodes
// and edges, is what an export gets. Every store answers with exactly
// the cut, so that the GraphQL suites catch a selection that reads more
// than it asked for.
type WalkCut struct {
	Nodes     *Projection
	BareEdges bool
}

func (c WalkCut) normalize() (WalkCut, error) {
	var err error
	c.Nodes, err = c.Nodes.normalize("cut.nodes")
	return c, err
}

// Node is n as c copies it: cut to c.Nodes, or whole. It shares nothing
// with n that a caller could change.
func (c WalkCut) Node(n Node) Node {
	if c.Nodes != nil {
		return c.Nodes.Of(n)
	}
	return n.Clone()
}

// Edge is e as c copies it. It shares nothing with e that a caller could
// change.
func (c WalkCut) Edge(e Edge) Edge {
	if c.BareEdges {
		return c.TrimEdge(e)
	}
	return e.Clone()
}

// TrimNode and TrimEdge are Node and Edge for a node or an edge the caller
// owns already (one a Reader returned): what c keeps whole is returned as
// it is, not copied again.
func (c WalkCut) TrimNode(n Node) Node {
	if c.Nodes != nil {
		return c.Nodes.Of(n)
	}
	return n
}

func (c WalkCut) TrimEdge(e Edge) Edge {
	if c.BareEdges {
		return Edge{Type: e.Type, From: e.From, To: e.To}
	}
	return e
}

// TimelineQuery asks for the dated events and documents of a node: the
// node itself if it is an event or a dated document, and those one edge
// away.
type TimelineQuery struct {
	ID       string
	From, To *Date // inclusive bounds
	Limit    int   // entries returned; 0 means DefaultTimelineLimit
}

// Normalize checks q and fills in its defaults.
func (q TimelineQuery) Normalize() (TimelineQuery, error) {
	var err error
	if err = checkID("id", q.ID); err != nil {
		return q, err
	}
	if q.From != nil && q.To != nil && q.To.Last().Before(q.From.First()) {
		return q, invalid("to", "before from")
	}
	q.Limit, err = limit("limit", q.Limit, DefaultTimelineLimit, MaxTimelineLimit)
	return q, err
}

// Expansion limits.
const (
	DefaultExpandLimit = 50    // neighbours an expansion adds when the client does not say
	MaxExpandExclude   = 10000 // nodes a client may say it has
)

// ExpandQuery asks what a view lacks around some of its nodes. The view
// (the client's canvas) holds the nodes of Exclude and every relationship
// among them; IDs are the nodes to expand, whether the view holds them
// yet or not.
type ExpandQuery struct {
	IDs []string
	// Exclude are the nodes the view holds already: never returned.
	Exclude []string
	// Types and Kinds choose the neighbours brought in: reached over an
	// edge of Types (every type when empty), of a kind in Kinds (every
	// kind when empty).
	Types []EdgeType
	Kinds []Kind
	// Limit is the most neighbours added, in id order; 0 adds none, so
	// that a view can place a node it lacks with its relationships to
	// the view and nothing else. At most MaxSubgraphLimit.
	Limit int
}

// Normalize checks q and sorts and dedupes its lists.
func (q ExpandQuery) Normalize() (ExpandQuery, error) {
	var err error
	switch {
	case len(q.IDs) == 0:
		return q, invalid("ids", "required: the nodes to expand")
	case len(q.IDs) > MaxBatchIDs:
		return q, invalid("ids", "at most %d", MaxBatchIDs)
	case len(q.Exclude) > MaxExpandExclude:
		return q, invalid("exclude", "at most %d", MaxExpandExclude)
	}
	for _, id := range q.IDs {
		if err = checkID("ids", id); err != nil {
			return q, err
		}
	}
	for _, id := range q.Exclude {
		if err = checkID("exclude", id); err != nil {
			return q, err
		}
	}
	q.IDs, q.Exclude = dedupe(q.IDs), dedupe(q.Exclude)
	if q.Types, err = edgeTypes(q.Types); err != nil {
		return q, err
	}
	if q.Kinds, err = kinds(q.Kinds); err != nil {
		return q, err
	}
	if q.Limit < 0 || q.Limit > MaxSubgraphLimit {
		return q, invalid("limit", "0 to %d", MaxSubgraphLimit)
	}
	return q, nil
}

// Expansion is what a view lacks around the nodes it expanded.
type Expansion struct {
	// Subgraph.Nodes are the nodes of IDs the view lacked (distance 0),
	// then the neighbours added (distance 1), each in id order.
	// Subgraph.Edges are every relationship, of any type, joining a
	// node of Nodes to a node of the view or of Nodes: with them the
	// view again holds every relationship among its nodes.
	// Subgraph.Truncated says Limit left neighbours out.
	Subgraph
	// Hidden is, for each node of IDs, each node of Nodes and each node
	// of the view joined to a node of Nodes, how many of its neighbours
	// (over every type) the view still lacks once it has added Nodes;
	// by id. The view's other nodes keep the counts they had.
	Hidden []HiddenCount
}

// HiddenCount is how many neighbours of a node a view does not show.
type HiddenCount struct {
	ID    string
	Count int
}

// Subgraph is a part of the graph that a view can draw as it is.
type Subgraph struct {
	// Nodes in walk order: by distance from the start, then by id.
	Nodes []SubgraphNode
	// Edges among Nodes that the query followed, ordered by CompareEdges.
	Edges []Edge
	// Truncated is set when a limit cut the result short.
	Truncated bool
}

// SubgraphNode is a node of a subgraph or path.
type SubgraphNode struct {
	Node Node
	// Distance is the number of edges from the start; in a path, the
	// node's position.
	Distance int
	// Degree is the node's number of edges in the whole graph, every type
	// and direction: more than the subgraph shows when it is larger.
	Degree int
}

// Path is a walk from one node to another: Nodes[i] and Nodes[i+1] are
// joined by Edges[i], which keeps its own direction.
type Path struct {
	Nodes []SubgraphNode
	Edges []Edge
}

// Len is the number of edges.
func (p Path) Len() int { return len(p.Edges) }

// PathsSubgraph returns the union of paths as one subgraph: each node once, at
// its smallest position, each edge once.
func PathsSubgraph(paths []Path) Subgraph {
	var sg Subgraph
	at := map[string]int{}
	edges := map[EdgeKey]Edge{}
	for _, p := range paths {
		for _, n := range p.Nodes {
			if i, ok := at[n.Node.ID]; ok {
				sg.Nodes[i].Distance = min(sg.Nodes[i].Distance, n.Distance)
				continue
			}
			at[n.Node.ID] = len(sg.Nodes)
			sg.Nodes = append(sg.Nodes, n)
		}
		for _, e := range p.Edges {
			edges[e.Key()] = e
		}
	}
	slices.SortStableFunc(sg.Nodes, func(a, b SubgraphNode) int {
		if a.Distance != b.Distance {
			return a.Distance - b.Distance
		}
		return strings.Compare(a.Node.ID, b.Node.ID)
	})
	for _, e := range edges {
		sg.Edges = append(sg.Edges, e)
	}
	slices.SortFunc(sg.Edges, CompareEdges)
	return sg
}

// TimelineEntry is one dated item of a timeline.
type TimelineEntry struct {
	Date Date
	Node Node // an Event or a Document
	// Reference is the canonical reference of the document: the
	// document's own, or for an event the document it produced (its
	// "reference" property). Empty when there is none.
	Reference string
}

// Timeline is a node's dated items in date order, ties by id.
type Timeline struct {
	Entries   []TimelineEntry
	Truncated bool
}

// Measure is what Rank orders nodes by.
type Measure string

const (
	// MeasureDegree counts a node's edges of RankQuery.Types at the ends
	// RankQuery.Direction selects: Direction In and Types [CITES] over
	// Kinds [Document] ranks the most-cited documents.
	MeasureDegree Measure = "DEGREE"
	// MeasurePageRank is PageRank with damping PageRankDamping over the
	// edges of RankQuery.Types, followed from From to To (Direction Out)
	// or either way (Both). Every node of the graph is in the walk; a node
	// with no edge to follow spreads its weight evenly over all nodes.
	// Scores sum to 1 and are rounded by RoundScore.
	MeasurePageRank Measure = "PAGERANK"
)

// PageRank parameters: both stores iterate from the uniform vector until
// the L1 change is below PageRankTolerance or PageRankIterations have run.
const (
	PageRankDamping    = 0.85
	PageRankTolerance  = 1e-10
	PageRankIterations = 150
)

// RoundScore rounds a PageRank score to 6 significant digits, so that the
// two stores' floating-point noise does not reorder equal nodes.
func RoundScore(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 6, 64), 64)
	return r
}

// RankQuery asks for the top nodes by a measure.
type RankQuery struct {
	Measure   Measure
	Types     []EdgeType // edges counted or walked; empty: every type
	Direction Direction  // Degree: which ends count; PageRank: Out or Both. 0 means Both for Degree, Out for PageRank
	Kinds     []Kind     // kinds ranked; empty: every kind
	IDPrefix  string     // rank only nodes whose id starts with it
	Limit     int        // 0 means DefaultRankLimit
}

// Normalize checks q and fills in its defaults.
func (q RankQuery) Normalize() (RankQuery, error) {
	var err error
	switch q.Measure {
	case MeasureDegree:
		if q.Direction == 0 {
			q.Direction = Both
		}
	case MeasurePageRank:
		if q.Direction == 0 {
			q.Direction = Out
		}
		if q.Direction == In {
			return q, invalid("direction", "PageRank follows edges OUT or BOTH ways")
		}
	default:
		return q, invalid("measure", "unknown measure %q (allowed: DEGREE, PAGERANK)", q.Measure)
	}
	if q.Direction, err = direction(q.Direction); err != nil {
		return q, err
	}
	if q.Types, err = edgeTypes(q.Types); err != nil {
		return q, err
	}
	if q.Kinds, err = kinds(q.Kinds); err != nil {
		return q, err
	}
	if len(q.IDPrefix) > MaxIDLen {
		return q, invalid("idPrefix", "longer than %d bytes", MaxIDLen)
	}
	q.Limit, err = limit("limit", q.Limit, DefaultRankLimit, MaxRankLimit)
	return q, err
}

// Ranked is a node and its score: a count for MeasureDegree, a PageRank
// weight for MeasurePageRank. Rank orders by score, highest first, then
// by id.
type Ranked struct {
	Node  Node
	Score float64
}

// CompareRanked is the order of Rank's result.
func CompareRanked(a, b Ranked) int { return byScore(a.Score, a.Node.ID, b.Score, b.Node.ID) }

// CompareHits is the order of a search's hits.
func CompareHits(a, b SearchHit) int { return byScore(a.Score, a.Node.ID, b.Score, b.Node.ID) }

// byScore orders by score, highest first, then by id.
func byScore(as float64, aid string, bs float64, bid string) int {
	switch {
	case as > bs:
		return -1
	case as < bs:
		return 1
	}
	return strings.Compare(aid, bid)
}

// SearchField names the part of a node a search hit matched, in the order
// of precedence graph/search reports them.
type SearchField string

const (
	FieldReference   SearchField = "REFERENCE"   // the reference or an alias that is a reference, normalised
	FieldAcronym     SearchField = "ACRONYM"     // the acronym
	FieldName        SearchField = "NAME"        // the name or title
	FieldTitle       SearchField = "TITLE"       // a document's short title
	FieldAlias       SearchField = "ALIAS"       // another name
	FieldDescription SearchField = "DESCRIPTION" // the summary
)

// SearchQuery asks for one page of full-text hits.
type SearchQuery struct {
	Text  string
	Kinds []Kind // empty: every kind
	First int    // 0 means DefaultPageSize, at most MaxPageSize
	After string // cursor of the last hit of the previous page

	// Offset is the number of hits before this page, read from After by
	// Normalize. Adapters use it; callers set After.
	Offset int

	// Fields, when set, is what each hit brings of its node; nil brings
	// whole nodes. A store still reads what search.Matched needs of them
	// (search.MatchedProps) to tell each hit's field.
	Fields *Projection
}

// Normalize checks q and fills in its defaults.
func (q SearchQuery) Normalize() (SearchQuery, error) {
	var err error
	q.Text = strings.TrimSpace(q.Text)
	switch {
	case q.Text == "":
		return q, invalid("text", "required")
	case len(q.Text) > MaxSearchTextLen:
		return q, invalid("text", "longer than %d bytes", MaxSearchTextLen)
	}
	if q.Kinds, err = kinds(q.Kinds); err != nil {
		return q, err
	}
	if q.First, err = limit("first", q.First, DefaultPageSize, MaxPageSize); err != nil {
		return q, err
	}
	q.Offset = 0
	if q.After != "" {
		c, err := decodeSearchCursor(q.After)
		if err != nil || c.Text != q.Text {
			return q, invalid("after", "not a cursor of this search")
		}
		q.Offset = c.Offset
	}
	if q.Offset+q.First > MaxSearchWindow {
		return q, invalid("after", "a search pages through at most %d hits; narrow the text or the kinds", MaxSearchWindow)
	}
	q.Fields, err = q.Fields.normalize("fields")
	return q, err
}

// SearchHit is one full-text match.
type SearchHit struct {
	Node  Node
	Score float64     // the engine's relevance, higher is better; compare within one result
	Field SearchField // the best field that matched
}

// SearchPage is one page of hits, best first, ties by id.
type SearchPage struct {
	Hits        []SearchHit
	Offset      int  // hits before this page
	HasNextPage bool // more hits follow, within MaxSearchWindow
}

// Cursor returns the cursor of the i-th hit of the page, for q.
func (p SearchPage) Cursor(q SearchQuery, i int) string {
	return searchCursor{Text: strings.TrimSpace(q.Text), Offset: p.Offset + i + 1}.encode()
}

type searchCursor struct {
	Text   string `json:"t"`
	Offset int    `json:"o"`
}

func (c searchCursor) encode() string {
	b, _ := json.Marshal(c) // a string and an int always marshal
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeSearchCursor(s string) (searchCursor, error) {
	var c searchCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.Offset < 0 {
		return c, invalid("after", "not a cursor this service issued")
	}
	return c, nil
}

func checkID(field, id string) error {
	switch {
	case id == "":
		return invalid(field, "required")
	case len(id) > MaxIDLen:
		return invalid(field, "longer than %d bytes", MaxIDLen)
	}
	if _, ok := KindOfID(id); !ok {
		return invalid(field, "%q is not a node id (it starts with a kind prefix: %q)", id, "document/")
	}
	return nil
}

func depth(field string, d, def int, l Limits) (int, error) {
	switch {
	case d == 0:
		return def, nil
	case d < 0:
		return d, invalid(field, "must be at least 1")
	case d > l.Depth():
		return d, invalid(field, "at most %d", l.Depth())
	}
	return d, nil
}

func limit(field string, n, def, max int) (int, error) {
	switch {
	case n == 0:
		return def, nil
	case n < 0:
		return n, invalid(field, "must be at least 1")
	case n > max:
		return n, invalid(field, "at most %d", max)
	}
	return n, nil
}

// edgeTypes checks a set of edge types and returns its one canonical form:
// sorted, without repeats, and nil when it lists every type (which means
// the same as none), so that equal queries share one cache entry.
func edgeTypes(ts []EdgeType) ([]EdgeType, error) {
	for _, t := range ts {
		if !t.Valid() {
			return ts, invalid("edgeTypes", "unknown edge type %q", t)
		}
	}
	ts = dedupe(ts)
	if len(ts) == len(EdgeTypes) {
		return nil, nil
	}
	return ts, nil
}

func kinds(ks []Kind) ([]Kind, error) {
	for _, k := range ks {
		if !k.Valid() {
			return ks, invalid("kinds", "unknown kind %q (allowed: %s)", k, kindNames())
		}
	}
	return dedupe(ks), nil
}

func direction(d Direction) (Direction, error) {
	switch d {
	case 0:
		return Both, nil
	case Out, In, Both:
		return d, nil
	}
	return d, invalid("direction", "unknown direction %d", d)
}

// dedupe returns the distinct values of s in ascending order, so that two
// queries that differ only in the order of a list are the same query.
func dedupe[T ~string](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}
