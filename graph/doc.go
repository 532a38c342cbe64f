// Package graph is the domain of issgraph: the kinds of node in the EU
// Internal Security Strategy policy network, the allow-list of edge types
// between them, their validation, and the Store interface that every storage
// adapter implements.
//
// A node is a property-graph record: a stable readable id ("agency/europol"),
// a Kind, a display name, kind-specific properties checked against the kind's
// PropSpecs, and its provenance (Sources). An edge is identified by its type
// and endpoints (EdgeKey) and carries its own properties and provenance.
//
// Everything an adapter needs to agree on with the others lives here, so that
// the embedded store and the Neo4j store behave the same: validation, the
// sort keys and cursors of list queries, the ordering of edges, and the
// sentinel errors ErrNotFound, ErrConflict, ErrInvalid and ErrUnavailable.
// The conformance suite in graph/graphtest pins that behaviour down.
//
// # Queries
//
// The analyst's query language is a tree of conditions, Where, validated
// and typed by Normalize before any store sees it, and evaluated alike by
// both stores (Querier: Find, Related, Aggregate). Where.Match is its
// meaning in Go; the embedded store runs it, the Neo4j store generates
// Cypher that mirrors it, and graph/graphtest holds both to it.
//
// A Where is a conjunction: every Cond, every RelCond, every And, at least
// one Or (an empty Or is no condition) and not the Not. A Cond compares one
// field with an operator (Op); the operators a field takes follow its type
// (OpsFor):
//
//   - Text: Eq, Ne, In, NotIn, Contains, StartsWith and EndsWith compare
//     Fold of both sides, so case and accents do not count ("malmstrom"
//     finds Malmström), as the NAME sort does. On a list property they
//     hold when some item does; Ne and NotIn when no item does.
//   - References: Eq, Ne, In and NotIn on "reference" read the operand in
//     any spelling graph/ref reads (COM(2010)0673, 16797/10, a CELEX
//     number) and match the node's canonical reference or one of its
//     aliases, exactly. Normalize rewrites them to In and NotIn over the
//     canonical forms (RegisterReferences). Contains and the others
//     compare the reference as text.
//   - Numbers: Eq, Ne, In, NotIn, Lt, Lte, Gt, Gte.
//   - Dates: the same operators, on periods. A date has the precision
//     its source gives (a day, a month, a year: Date), and stands for
//     every day of its period; so does the operand. A comparison holds
//     when it may hold for some day of the node's period (DateCompare):
//     Eq when the periods overlap, Gte when the node's period ends on or
//     after the operand's first day, Lte when it starts on or before the
//     operand's last day, Gt when it ends after the operand's last day,
//     Lt when it starts before the operand's first day. So "date gte 2010
//     and lte 2014" keeps every date within 2010-2014, the year date 2010
//     and the day 2014-12-31 included, and 2012 (a year) is Eq to
//     2012-05-22. This is Date.Within's rule for ranges, and the API
//     shows each date's precision, which tells how sure a match is.
//   - IsNull (operand true or false) on any property: missing, or an
//     empty list. Every other operator is false on a missing value, Ne
//     and NotIn included, as in SQL: Not(Eq x) keeps the nodes without
//     the field, Ne x does not.
//
// A RelCond looks along one relationship (Hop: an edge type, a direction,
// the kinds at the other end) and holds when Some, None or All of the
// node's edges there (All: true when there are none) have properties that
// match its Edge and another end that matches its Where, which may nest
// further RelConds, down to MaxRelDepth levels.
//
// Lists sort by up to MaxSortKeys Orders, each ascending or descending,
// with missing values last either way, then by id ascending (SortValue,
// ComparePositions). Paging is Relay's: First after a cursor, or Last
// before one; a cursor holds the sort values and id of its item, so pages
// stay stable when items are added or removed elsewhere, and a cursor of
// another order is refused. HasPrevPage and HasNextPage say whether any
// match lies before or after the page (Paging.Window). Relationship lists
// (RelQuery) page the same way, one page per node for dataloaders, and
// order ties by the other end's id, then the edge's From.
//
// Aggregates (AggQuery) count a list, give the least and greatest value of
// date and integer fields, and count per group of up to MaxGroupKeys
// keys: a field, the kind, or a date truncated to its year or month.
//
// # Cost
//
// Normalize bounds a tree's size (MaxWhereSize conditions, MaxWhereNest
// levels, MaxInValues operands); Where.Cost weighs it for a resolver's
// complexity budget, a condition under a relationship counting
// RelCostFactor times one above it. What a relationship condition costs
// also depends on the data (a node with many edges), so the request's
// deadline bounds the evaluation on both stores: a query still running at
// the deadline ends with context.DeadlineExceeded, answered UNAVAILABLE.
package graph
