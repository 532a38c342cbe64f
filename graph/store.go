package graph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
)

// Store is the graph's storage. Both adapters, graph/embedded and
// graph/neo4jstore, implement it, and graph/graphtest checks that they
// behave alike. Every method validates its input and returns errors that
// match ErrNotFound, ErrConflict, ErrInvalid or ErrUnavailable.
type Store interface {
	// GetNode returns the node with the id, or ErrNotFound.
	GetNode(ctx context.Context, id string) (Node, error)
	// GetNodes returns the nodes with the ids, in the order of ids, with nil
	// where a node does not exist. It serves dataloaders; at most
	// MaxBatchIDs ids.
	GetNodes(ctx context.Context, ids []string) ([]*Node, error)
	// ListNodes returns one page of the nodes that match q.
	ListNodes(ctx context.Context, q ListQuery) (Page, error)

	// CreateNode stores a new node, or returns ErrConflict if the id exists.
	CreateNode(ctx context.Context, n Node) error
	// PutNode creates or replaces the node with n.ID: an idempotent upsert.
	// Changing the kind of an existing node is ErrConflict.
	PutNode(ctx context.Context, n Node) error
	// UpdateNode replaces an existing node, or returns ErrNotFound.
	// Changing its kind is ErrConflict.
	UpdateNode(ctx context.Context, n Node) error
	// PatchNode changes the stored node with the id by p and returns the
	// result, reading and writing it in one transaction, so that
	// concurrent patches of one node never lose each other's changes. A
	// missing node is ErrNotFound; a node of another kind than p.Kind, or
	// an invalid patch, is ErrInvalid (graph.Patch.Apply).
	PatchNode(ctx context.Context, id string, p Patch) (Node, error)
	// DeleteNode removes the node and every edge that touches it, or
	// returns ErrNotFound.
	DeleteNode(ctx context.Context, id string) error

	// GetEdge returns the edge with the key, or ErrNotFound.
	GetEdge(ctx context.Context, key EdgeKey) (Edge, error)
	// CreateEdge stores a new edge, or returns ErrConflict if the key
	// exists. Both endpoints must exist (ErrNotFound) and be of kinds the
	// type allows (ErrInvalid).
	CreateEdge(ctx context.Context, e Edge) error
	// PutEdge creates or replaces the edge with e.Key(): an idempotent
	// upsert, with CreateEdge's endpoint rules.
	PutEdge(ctx context.Context, e Edge) error
	// DeleteEdge removes the edge, or returns ErrNotFound.
	DeleteEdge(ctx context.Context, key EdgeKey) error
	// Edges returns, for each id in q.IDs that has any, the matching edges
	// ordered by CompareEdges. It serves dataloaders; at most MaxBatchIDs
	// ids.
	Edges(ctx context.Context, q EdgeQuery) (map[string][]Edge, error)
	// EdgesAndEnds is Edges together with the nodes at the other ends of
	// the edges it returns, keyed by id (an end that does not exist is
	// absent), read at once: under one read lock on the embedded store, in
	// one transaction on Neo4j. The resolvers' loaders need both for every
	// level of a nested query, so that a level costs one store call. At
	// most MaxBatchIDs ids. With q.Ends set, each node is that projection
	// of itself (Projection.Of).
	EdgesAndEnds(ctx context.Context, q EdgeQuery) (map[string][]Edge, map[string]*Node, error)

	// Apply upserts a batch of nodes and then edges in one transaction:
	// all of it is written or none. Edge endpoints may be in the batch or
	// already stored. It serves the seed loader and the importers.
	Apply(ctx context.Context, b Batch) (BatchResult, error)
	// Count returns the number of nodes of each kind and edges of each
	// type.
	Count(ctx context.Context) (Counts, error)

	// Degrees returns the number of edges at each id, every type and
	// direction, in the order of ids: 0 where a node has none or does not
	// exist. At most MaxBatchIDs ids. The traversals (graph/traverse) read
	// it for SubgraphNode.Degree.
	Degrees(ctx context.Context, ids []string) ([]int, error)
	// Rank returns the top q.Limit nodes by q.Measure, ordered by
	// CompareRanked. It reads the whole graph, so adapters may cache it
	// until the next write.
	Rank(ctx context.Context, q RankQuery) ([]Ranked, error)
	// Search returns one page of the nodes that match q.Text in the
	// store's full-text index, best first, ties by id. What is indexed,
	// how text is split into terms and how fields weigh is graph/search's,
	// so that both stores find the same hits.
	Search(ctx context.Context, q SearchQuery) (SearchPage, error)
	// Querier answers the analyst's queries: Find, Related, Aggregate.
	Querier
	// Ping reports whether the store can serve requests now.
	Ping(ctx context.Context) error
	// Close releases the store. Calls after Close fail.
	Close() error
}

// Querier answers the analyst's queries (see the package doc, Queries):
// filtered, sorted, two-way paged lists of nodes and of relationships, and
// their aggregates. Each method normalises its query first (ErrInvalid),
// and a query still running at the context's deadline ends with an error
// matching context.DeadlineExceeded, which the API answers UNAVAILABLE.
type Querier interface {
	// Find returns one page of the nodes that match q, with the count of
	// all of them.
	Find(ctx context.Context, q Query) (Page, error)
	// Related returns one page of the relationship list of each id of
	// q.IDs, in their order (an empty page for an id that has none or
	// does not exist).
	Related(ctx context.Context, q RelQuery) ([]RelPage, error)
	// Aggregate returns the aggregates of q's node list (one), or of the
	// relationship list of each id of q.IDs, in their order.
	Aggregate(ctx context.Context, q AggQuery) ([]Aggregate, error)
}

// SortField is what a list is ordered by. Ties are broken by id, so that the
// order is total and pagination is stable.
type SortField string

const (
	SortID   SortField = "ID"
	SortName SortField = "NAME" // by NameKey: case and accents ignored
	SortDate SortField = "DATE" // in the order of Date (a year before the days within it); nodes without a date after all dated ones
)

// NoDate is the sort key of a node without a date: after every real date.
const NoDate = "9999-12-31"

// Filter narrows a list. All set fields must match.
type Filter struct {
	// Text matches a case-insensitive substring of the name.
	Text string
	// Reference matches a canonical reference: the node's reference or one
	// of its aliases.
	Reference string
	// Type matches the "type" property exactly.
	Type string
	// DateFrom and DateTo bound the "date" property, inclusive: a node
	// matches when its date's period overlaps the range, each bound
	// spanning its own period (Date.Within). A node without a date never
	// matches a date bound.
	DateFrom, DateTo *Date
	// IDPrefix matches the start of the id.
	IDPrefix string
}

// ListQuery asks for one page of nodes.
type ListQuery struct {
	Kind   Kind // "" lists every kind
	Filter Filter
	Sort   SortField // "" means SortID
	Desc   bool
	First  int    // page size; 0 means DefaultPageSize, at most MaxPageSize
	After  string // cursor of the last node of the previous page
	// NoTotal says the caller reads no TotalCount (a lookup by
	// reference): the answer's TotalCount is 0, and a store that counts
	// apart from the page (Neo4j: a statement of its own) skips the count.
	NoTotal bool
	// Fields, when set, is what the page brings of each node (the
	// cursors are still those of the whole nodes); nil brings whole
	// nodes.
	Fields *Projection
}

// PageEdgesLister is a Store that reads a page of a list together with
// the edges of its nodes: ListNodes(q), then EdgesAndEnds of the page's
// nodes with the types and direction of eq (whose IDs it ignores), in one
// read. On a server that is one round trip where the two calls take two
// (neo4jstore); the answer is theirs. The resolvers use it for a lookup by
// reference whose selection follows relationships. A wrapper over a store
// without it (cmd/issgraph/ops) returns ErrSkip, and the caller makes the
// two calls.
type PageEdgesLister interface {
	ListNodesAndEdges(ctx context.Context, q ListQuery, eq EdgeQuery) (Page, map[string][]Edge, map[string]*Node, error)
}

// Page sizes.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Page is one page of a list.
type Page struct {
	Nodes       []Node
	TotalCount  int    // nodes matching the filter, over all pages
	HasNextPage bool   // more nodes follow this page
	HasPrevPage bool   // the page started after a cursor
	StartCursor string // cursor of the first node, "" when empty
	EndCursor   string // cursor of the last node, "" when empty
}

// EdgeQuery asks for the edges of several nodes at once.
type EdgeQuery struct {
	IDs       []string
	Types     []EdgeType // empty: every type
	Direction Direction  // 0 means Both
	// Ends, when set, is what EdgesAndEnds brings back of the nodes at
	// the other ends (Edges ignores it); nil brings whole nodes.
	Ends *Projection
	// Bare leaves out the edges' properties and sources: each edge is
	// its type and ends. The loaders ask for it where no field shows an
	// edge, only the nodes at its other end.
	Bare bool
}

// Projection is the part of a node that a read brings back: its id, kind
// and name always, the properties named in Props (those the node has),
// and its sources when Sources is set. The resolvers' loaders ask for
// what a query's selection reads of the nodes a level lists, so that a
// store over the network sends no more (about half of a node's bytes are
// its sources, and most of the rest properties no query asked for). Every
// store brings back exactly the projection (Projection.Of), so that the
// GraphQL suites catch a selection that reads more than it asked for, on
// either store.
type Projection struct {
	Props   []string // names from the kinds' PropSpecs
	Sources bool
}

// Of is n cut to p: its id, kind and name, the properties of p.Props it
// has, and its sources if p.Sources. It shares nothing with n that a
// caller could change: the lists it keeps are copied.
func (p *Projection) Of(n Node) Node {
	out := Node{ID: n.ID, Kind: n.Kind, Name: n.Name}
	for _, k := range p.Props {
		if v, ok := n.Props[k]; ok {
			if out.Props == nil {
				out.Props = make(Props, len(p.Props))
			}
			if l, ok := v.([]string); ok {
				v = slices.Clone(l)
			}
			out.Props[k] = v
		}
	}
	if p.Sources {
		out.Sources = slices.Clone(n.Sources)
	}
	return out
}

// Cut cuts each of ns to p (Of), in place; nothing when p is nil.
func (p *Projection) Cut(ns []Node) {
	if p == nil {
		return
	}
	for i := range ns {
		ns[i] = p.Of(ns[i])
	}
}

// With is p with the properties props too, its properties sorted and
// without repeats; nil (whole nodes) stays nil. A store or a query adds
// with it what it reads beside what its caller asked for (an order's
// keys, what search.Matched needs).
func (p *Projection) With(props ...string) *Projection {
	if p == nil {
		return nil
	}
	all := append(slices.Clone(p.Props), props...)
	slices.Sort(all)
	return &Projection{Props: slices.Compact(all), Sources: p.Sources}
}

// normalize checks that p names only known properties and sorts them,
// without repeats (With), so that equal projections read alike; field
// names p in the error.
func (p *Projection) normalize(field string) (*Projection, error) {
	p = p.With()
	if p == nil {
		return nil, nil
	}
	for _, k := range p.Props {
		if !IsPropName(k) {
			return nil, invalid(field+".props", "unknown property %q", k)
		}
	}
	return p, nil
}

// IsPropName reports whether name is a property of some kind.
func IsPropName(name string) bool { return propNames[name] }

// propNames are the names of every kind's properties.
var propNames = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range Kinds {
		for _, p := range k.Props {
			m[p.Name] = true
		}
	}
	return m
}()

// Batch is a set of upserts applied together.
type Batch struct {
	Nodes []Node
	Edges []Edge
	// Merge makes each upsert overlay an existing node or edge instead of
	// replacing it (see MergeNode): importers use it so that re-importing
	// never loses what curation added to a shared node such as the
	// Parliament. Without Merge an upsert replaces, like PutNode.
	Merge bool
}

// BatchResult counts what Apply did, one count per node or edge of the
// batch, as if applied one by one: created are ids or keys new to the
// store, updated are existing ones whose value changed, and unchanged are
// existing ones whose result (after Merge, if set) Equal what was there,
// for which nothing is written. Loading a dataset twice is therefore all
// unchanged the second time.
type BatchResult struct {
	NodesCreated, NodesUpdated, NodesUnchanged int
	EdgesCreated, EdgesUpdated, EdgesUnchanged int
}

// Add adds o's counts to r.
func (r *BatchResult) Add(o BatchResult) {
	r.NodesCreated += o.NodesCreated
	r.NodesUpdated += o.NodesUpdated
	r.NodesUnchanged += o.NodesUnchanged
	r.EdgesCreated += o.EdgesCreated
	r.EdgesUpdated += o.EdgesUpdated
	r.EdgesUnchanged += o.EdgesUnchanged
}

// Changed reports whether Apply wrote anything.
func (r BatchResult) Changed() bool {
	return r.NodesCreated+r.NodesUpdated+r.EdgesCreated+r.EdgesUpdated > 0
}

// Counts is the size of the graph.
type Counts struct {
	Nodes map[Kind]int
	Edges map[EdgeType]int
}

// NodeTotal is the number of nodes of every kind.
func (c Counts) NodeTotal() int { return sum(c.Nodes) }

// EdgeTotal is the number of edges of every type.
func (c Counts) EdgeTotal() int { return sum(c.Edges) }

func sum[K comparable](m map[K]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// Normalize checks q and fills in its defaults. Adapters call it first.
func (q ListQuery) Normalize() (ListQuery, error) {
	if q.Kind != "" && !q.Kind.Valid() {
		return q, invalid("kind", "unknown kind %q (allowed: %s)", q.Kind, kindNames())
	}
	switch q.Sort {
	case "":
		q.Sort = SortID
	case SortID, SortName, SortDate:
	default:
		return q, invalid("sort", "unknown sort field %q (allowed: ID, NAME, DATE)", q.Sort)
	}
	switch {
	case q.First < 0:
		return q, invalid("first", "must not be negative")
	case q.First == 0:
		q.First = DefaultPageSize
	case q.First > MaxPageSize:
		return q, invalid("first", "at most %d", MaxPageSize)
	}
	if q.Filter.DateFrom != nil && q.Filter.DateTo != nil && q.Filter.DateTo.Last().Before(q.Filter.DateFrom.First()) {
		return q, invalid("filter.dateTo", "before dateFrom")
	}
	if len(q.Filter.Text) > MaxPropLen || len(q.Filter.Reference) > MaxPropLen || len(q.Filter.IDPrefix) > MaxIDLen {
		return q, invalid("filter", "a filter value is too long")
	}
	if q.After != "" {
		c, err := DecodeCursor(q.After)
		if err != nil {
			return q, err
		}
		if c.Sort != q.Sort || c.Desc != q.Desc {
			return q, invalid("after", "cursor belongs to a list in another order")
		}
	}
	fields, err := q.Fields.normalize("fields")
	if err != nil {
		return q, err
	}
	q.Fields = fields
	return q, nil
}

// Normalize checks q and fills in its defaults.
func (q EdgeQuery) Normalize() (EdgeQuery, error) {
	if len(q.IDs) > MaxBatchIDs {
		return q, invalid("ids", "more than %d", MaxBatchIDs)
	}
	for _, t := range q.Types {
		if !t.Valid() {
			return q, invalid("types", "unknown edge type %q", t)
		}
	}
	switch q.Direction {
	case 0:
		q.Direction = Both
	case Out, In, Both:
	default:
		return q, invalid("direction", "unknown direction %d", q.Direction)
	}
	ends, err := q.Ends.normalize("ends")
	if err != nil {
		return q, err
	}
	q.Ends = ends
	return q, nil
}

// SortKey is the value a node is ordered by under f. Adapters must order by
// exactly this key, then by id; the Neo4j adapter computes it in Cypher.
func SortKey(n Node, f SortField) string {
	switch f {
	case SortName:
		return NameKey(n.Name)
	case SortDate:
		if d, ok := n.Props.Date("date"); ok {
			return d.String()
		}
		return NoDate
	}
	return n.ID
}

// Cursor is the position after which a page starts. It is sent to clients
// as an opaque string.
type Cursor struct {
	Sort SortField `json:"s"`
	Desc bool      `json:"d,omitempty"`
	Key  string    `json:"k"`
	ID   string    `json:"i"`
}

// Encode returns the opaque form.
func (c Cursor) Encode() string {
	b, _ := json.Marshal(c) // a struct of strings always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads a cursor that Encode wrote.
func DecodeCursor(s string) (Cursor, error) {
	var c Cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.ID == "" {
		return Cursor{}, invalid("after", "not a cursor this service issued")
	}
	return c, nil
}

// CursorOf returns the cursor of n in a list ordered by q.
func CursorOf(n Node, q ListQuery) Cursor {
	return Cursor{Sort: q.Sort, Desc: q.Desc, Key: SortKey(n, q.Sort), ID: n.ID}
}

// After reports whether n comes after c in c's order.
func (c Cursor) After(n Node) bool {
	k := SortKey(n, c.Sort)
	if c.Desc {
		return k < c.Key || (k == c.Key && n.ID < c.ID)
	}
	return k > c.Key || (k == c.Key && n.ID > c.ID)
}

// Matches reports whether n passes f. The embedded store uses it directly;
// the Neo4j adapter's Cypher mirrors it.
func (f Filter) Matches(n Node) bool {
	if f.IDPrefix != "" && !strings.HasPrefix(n.ID, f.IDPrefix) {
		return false
	}
	if f.Text != "" && !strings.Contains(strings.ToLower(n.Name), strings.ToLower(f.Text)) {
		return false
	}
	if f.Type != "" && n.Props.String("type") != f.Type {
		return false
	}
	if f.Reference != "" && n.Props.String("reference") != f.Reference && !contains(n.Props.Strings("aliases"), f.Reference) {
		return false
	}
	if f.DateFrom != nil || f.DateTo != nil {
		d, ok := n.Props.Date("date")
		if !ok || !d.Within(f.DateFrom, f.DateTo) {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
