package graph

// The analyst's query language: a filter tree (Where) over nodes and their
// relationships, multi-key sorting (Order), two-way cursor paging (Paging)
// and aggregates (AggQuery). The package documentation, "Queries", states
// the semantics once; both stores implement exactly that, and
// graph/graphtest checks them against each other and against Where.Match.

// Where is a filter tree. Every part that is set must hold (AND):
//
//	Where{Conds: [date gte 2010, type in (communication, report)],
//	      Rels:  [some CITES out to a Document where reference eq "COM(2010) 673"],
//	      Not:   &Where{Rels: [some AUTHORED in from an Institution where id eq "institution/council"]}}
//
// The zero Where matches every node. An empty Or list is no condition
// (as in Hasura), not a condition that nothing meets.
type Where struct {
	Conds []Cond    // conditions on the node's (or the edge's) fields
	Rels  []RelCond // conditions on the node's relationships (never on an edge's Where)
	And   []Where   // each must hold
	Or    []Where   // at least one must hold, when the list is not empty
	Not   *Where    // must not hold
}

// IsZero reports whether w has no condition at all.
func (w Where) IsZero() bool {
	return len(w.Conds) == 0 && len(w.Rels) == 0 && len(w.And) == 0 && len(w.Or) == 0 && w.Not == nil
}

// Cond is one condition on a field of a node or an edge.
//
// Field is a property of the kind's (or the edge type's) spec, or one of
// the node's own fields: IDField, NameField, KindField. ReferenceField is
// special: Eq, Ne, In and NotIn on it read the operand as a reference in
// any spelling graph/ref reads and match the node's canonical reference or
// one of its aliases (see RegisterReferences).
//
// Value is the operand of every operator but OpIn and OpNotIn, which take
// Values; OpIsNull takes a bool Value (true: the field is missing). Values
// may come loosely typed, as GraphQL and JSON give them (a date as a
// string, an integer as an int or a float64): Normalize types them by the
// field's spec, and after Normalize they are string, Date, int64 or bool.
type Cond struct {
	Field  string
	Op     Op
	Value  any
	Values []any

	// typ is the field's type, set by Normalize.
	typ PropType
}

// Type is the type of c's field, known once c has been normalised
// (Normalize); 0 before.
func (c Cond) Type() PropType { return c.typ }

// The node's own fields, beside its kind's properties.
const (
	IDField        = "id"
	NameField      = "name"
	KindField      = "kind"
	ReferenceField = "reference" // a property, matched by its canonical forms (Cond)
)

// Op is a comparison operator.
type Op string

// The operators. Which ones a field takes depends on its type:
//
//	string        Eq Ne In NotIn Contains StartsWith EndsWith IsNull
//	list          the same, holding when some item does (Ne, NotIn: when none does)
//	date          Eq Ne In NotIn Lt Lte Gt Gte IsNull, on periods (see the package doc)
//	integer       Eq Ne In NotIn Lt Lte Gt Gte IsNull
//	boolean       Eq Ne IsNull
//	id            Eq Ne In NotIn Contains StartsWith EndsWith
//	kind          Eq Ne In NotIn
const (
	OpEq         Op = "eq"
	OpNe         Op = "ne"
	OpIn         Op = "in"
	OpNotIn      Op = "notIn"
	OpContains   Op = "contains"
	OpStartsWith Op = "startsWith"
	OpEndsWith   Op = "endsWith"
	OpLt         Op = "lt"
	OpLte        Op = "lte"
	OpGt         Op = "gt"
	OpGte        Op = "gte"
	OpIsNull     Op = "isNull"
)

// Ops lists every operator, in a fixed order.
var Ops = []Op{OpEq, OpNe, OpIn, OpNotIn, OpContains, OpStartsWith, OpEndsWith, OpLt, OpLte, OpGt, OpGte, OpIsNull}

// Hop is one step along a relationship: the edges of Type at the node, in
// Dir (Out: the node is the edge's From; In: its To; Both, or 0: either),
// whose other end is of one of Kinds (empty: any kind the type allows
// there; Normalize fills them in, and leaves out a listed kind the type
// never has there).
type Hop struct {
	Type  EdgeType
	Dir   Direction
	Kinds []Kind
}

// Quant says how many of a node's relationships a RelCond must hold for.
type Quant int

const (
	Some Quant = iota // at least one (the zero value)
	None              // not one
	All               // every one; true when the node has none
)

func (q Quant) String() string {
	switch q {
	case Some:
		return "some"
	case None:
		return "none"
	case All:
		return "all"
	}
	return "Quant(?)"
}

// RelCond is a condition on a node's relationships along Hop: Some, None
// or All of them (edges of the type, in the direction, to a node of
// Kinds) must have an edge that matches Edge and another end that matches
// Where. Where may hold RelConds of its own, down to MaxRelDepth levels.
type RelCond struct {
	Hop
	Quant Quant
	Edge  Where // on the edge's properties: Conds, And, Or, Not; no Rels
	Where Where // on the node at the other end
}

// Order is one sort key: a field of the node (IDField, NameField,
// KindField or a property that is not a list), or with Edge, of the edge of
// a relationship list. Nodes without the field sort after every node with
// it, ascending or descending (nulls last). Strings sort by NameKey, so
// case and accents do not count; dates in the order of Date; ids last of
// all, ascending, break every tie.
type Order struct {
	Field string
	Desc  bool
	Edge  bool

	typ PropType // set by Normalize
}

// Type is the type of o's field, known once normalised.
func (o Order) Type() PropType { return o.typ }

// Paging selects one page of an ordered list, Relay-style: First items
// after the cursor After, or Last items before the cursor Before. After
// and Before may both be set (the page is then taken from the items
// between them). First and Last may not both be set; neither means First
// DefaultPageSize. Cursors are the opaque strings a page returns
// (StartCursor, EndCursor, and Query.CursorOf or RelQuery.CursorOf for each
// item) and are valid only in a list of the same Sort.
type Paging struct {
	First  int
	After  string
	Last   int
	Before string

	after, before *Position // decoded by Normalize
}

// AfterPos and BeforePos are the positions After and Before point at, nil
// when unset; known once normalised.
func (p Paging) AfterPos() *Position  { return p.after }
func (p Paging) BeforePos() *Position { return p.before }

// Query asks for one page of the nodes of Kinds that match Where, in the
// order of Sort and then id. Store.Find answers it.
type Query struct {
	Kinds []Kind // empty: every kind
	Where Where
	Sort  []Order // no Edge keys
	Paging
	// Fields, when set, is what the page brings of each node; nil brings
	// whole nodes. Normalize adds the properties Sort reads, so that
	// CursorOf gives each node of the page its cursor.
	Fields *Projection
}

// RelQuery asks for one page of the relationships along Hop of each node
// of IDs (a relationship list, such as a document's citedBy), each with the
// node at its other end: those whose edge matches Edge and whose other end
// matches Where, in the order of Sort (keys of the other end, or of the
// edge with Order.Edge), then the other end's id, then the edge's From.
// Store.Related answers it, one page per id, for dataloaders.
type RelQuery struct {
	IDs []string // at most MaxBatchIDs
	Hop
	Edge  Where
	Where Where
	Sort  []Order
	Paging
}

// Related is one item of a relationship list: the edge and the node at its
// other end.
type Related struct {
	Edge Edge
	Node Node
}

// RelPage is one page of a relationship list, with the same paging fields
// as Page.
type RelPage struct {
	Items       []Related
	TotalCount  int
	HasNextPage bool
	HasPrevPage bool
	StartCursor string
	EndCursor   string
}

// AggQuery asks for aggregates of a list: the nodes of Kinds that match
// Where or, when Rel is set, the relationship lists along *Rel of each node
// of IDs (edges matching Edge, other ends matching Where). The answer is
// one Aggregate, or one per id of IDs.
type AggQuery struct {
	Kinds []Kind // node list only; a relationship list takes its kinds from Rel
	Where Where
	IDs   []string
	Rel   *Hop
	Edge  Where
	// Min and Max name date and integer fields (with Edge, of the edge).
	Min, Max []AggField
	// GroupBy, when set, counts the matches per combination of these
	// keys.
	GroupBy []GroupKey
}

// AggField names a field an aggregate reads: of the node or, with Edge, of
// the edge of a relationship list.
type AggField struct {
	Field string
	Edge  bool
}

// GroupKey is one key of a GroupBy: a field (KindField groups by kind) or,
// with Edge, an edge's field. A date may be truncated to YearPrecision or
// MonthPrecision (Trunc; 0 keeps it as stored): a date coarser than the
// truncation keeps its own precision, so a year date stays in its year's
// group when truncating to months. A list groups each node under each of
// its items.
type GroupKey struct {
	Field string
	Edge  bool
	Trunc DatePrecision

	typ PropType // set by Normalize
}

// Type is the type of k's field, known once normalised.
func (k GroupKey) Type() PropType { return k.typ }

// Aggregate is the answer for one list.
type Aggregate struct {
	Count int
	// Min and Max hold, per AggField asked for (the key is the Field,
	// prefixed "edge." for an edge's), the least and greatest value, a
	// Date or an int64; absent when no match has the field. Dates compare
	// in the order of Date.
	Min, Max map[string]any
	// Groups are the counts per GroupBy key, ordered by key (each key in
	// its Order, ascending, missing values last), at most MaxGroups;
	// Truncated says that more groups were left out.
	Groups    []Group
	Truncated bool
}

// Group is the count of the matches whose GroupBy fields have Keys: each
// a string, Date, int64, bool, or nil where the field is missing.
type Group struct {
	Keys  []any
	Count int
}

// Limits of a query, so that its size and cost are bounded before it runs.
// The request's deadline bounds what is left (see the package doc, Cost).
const (
	MaxWhereSize = 100 // conditions and relationship conditions in one tree
	MaxWhereNest = 8   // And, Or, Not and RelCond levels, nested
	MaxRelDepth  = 3   // RelConds nested within RelConds' Where, the outermost included
	MaxInValues  = 100 // operands of one In or NotIn
	MaxSortKeys  = 5
	MaxGroupKeys = 3
	MaxAggFields = 10
	MaxGroups    = 1000
)
