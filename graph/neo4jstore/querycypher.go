package neo4jstore

import (
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/issgraph/issgraph/graph"
)

// The generator of the analyst queries' Cypher, written with the builder
// of cypherbuild.go: every piece of text below is a constant or comes from
// an allow-list, every value a parameter. Each function mirrors a rule of
// graph (querymatch.go, querysort.go, queryagg.go) term by term, and says
// which.
//
// Variables: n is the node a list lists (the other end, in a relationship
// list), r its edge and s the node whose list it is, id that node's id;
// k0.. are sort keys, g0.. group keys; o1.., r1.. and x1.. are fresh for
// nested patterns and list predicates.

// nodeSource matches the nodes of kinds (every kind when empty) that pass
// where. The planner sees a relationship condition as a subquery to run
// per node, and cannot start from its far end; so, as the embedded store
// seeds its candidates (graph/embedded/query.go), the statement starts
// from an index when the top of the tree allows (seed), and otherwise
// tests the node's own fields before its relationships, the cheap
// conditions first (split):
//
//	MATCH (o1:Document) WHERE o1.reference IN $p0 ...     (seed)
//	MATCH (n:Document)-[r2:CITES]->(o1:Document)
//	WITH DISTINCT n
//	WHERE <the whole condition>
//
//	MATCH (n:Document)                                     (split)
//	WHERE CASE WHEN <fields> THEN <relationships> ELSE false END
func (g *gen) nodeSource(kinds []graph.Kind, where graph.Where) frag {
	if chain, ok := g.seed(where, "n", kinds); ok {
		return chain + "WITH DISTINCT n\n" + whereFrag(g.where(where, "n"))
	}
	fields, rels := split(where)
	src := "MATCH (n:" + g.nodeLabels(kinds) + ")\n"
	if fields.IsZero() || rels.IsZero() {
		return src + whereFrag(g.where(where, "n"))
	}
	// The planner runs a subquery before plain filters, WITH or not;
	// CASE evaluates its branch only when its test holds.
	return src + "WHERE CASE WHEN " + g.where(fields, "n") + " THEN " + g.where(rels, "n") + " ELSE false END\n"
}

// nodeLabels is the label expression of kinds: Node for every kind.
func (g *gen) nodeLabels(kinds []graph.Kind) frag {
	if len(kinds) == 0 {
		return "Node"
	}
	return g.labels(kinds)
}

// split divides the conjuncts of w into those on the node's own fields and
// those that look at relationships.
func split(w graph.Where) (fields, rels graph.Where) {
	fields.Conds = w.Conds
	rels.Rels = w.Rels
	for _, x := range w.And {
		if hasRels(x) {
			rels.And = append(rels.And, x)
		} else {
			fields.And = append(fields.And, x)
		}
	}
	if hasRels(graph.Where{Or: w.Or}) {
		rels.Or = w.Or
	} else {
		fields.Or = w.Or
	}
	if w.Not != nil && hasRels(*w.Not) {
		rels.Not = w.Not
	} else {
		fields.Not = w.Not
	}
	return fields, rels
}

func hasRels(w graph.Where) bool {
	if len(w.Rels) > 0 {
		return true
	}
	for _, x := range append(append([]graph.Where{}, w.And...), w.Or...) {
		if hasRels(x) {
			return true
		}
	}
	return w.Not != nil && hasRels(*w.Not)
}

// seed returns MATCH clauses that bind v to every node of kinds that may
// match w, and few others, from an index, when the conjuncts at the top
// of w offer one: an id condition (the id's unique index), a reference
// condition (the nodes with the reference or the alias), or a Some
// relationship condition whose own Where offers one (then v is bound
// along the relationship from there). ok is false when w offers none.
// The caller still tests the whole of w.
func (g *gen) seed(w graph.Where, v frag, kinds []graph.Kind) (frag, bool) {
	conds, rels := conjuncts(w)
	head := "MATCH (" + v + ":" + g.nodeLabels(kinds) + ")\nWHERE "
	for _, c := range conds {
		if c.Field == graph.IDField && (c.Op == graph.OpEq || c.Op == graph.OpIn) {
			vals := c.Values
			if c.Op == graph.OpEq {
				vals = []any{c.Value}
			}
			return head + v + ".id IN " + g.param(vals) + "\n", true
		}
	}
	for _, c := range conds {
		if c.Field == graph.ReferenceField && c.Op == graph.OpIn {
			return head + g.reference(v, c) + "\n", true
		}
	}
	for _, r := range rels {
		if r.Quant != graph.Some {
			continue
		}
		o := g.fresh("o")
		if inner, ok := g.seed(r.Where, o, r.Kinds); ok {
			return inner + "MATCH " + g.pattern(v+":"+g.nodeLabels(kinds), g.fresh("r"), o, r.Hop) + "\n", true
		}
	}
	return "", false
}

// conjuncts returns the conditions and relationship conditions that w
// requires at its top: its own and those of its And, recursively.
func conjuncts(w graph.Where) ([]graph.Cond, []graph.RelCond) {
	conds, rels := w.Conds, w.Rels
	for _, x := range w.And {
		c, r := conjuncts(x)
		conds, rels = append(conds, c...), append(rels, r...)
	}
	return conds, rels
}

// relSource matches, for each $ids, the items of its relationship list
// along h: (s)-[r]-(n) with r passing edge and n passing where.
func (g *gen) relSource(h graph.Hop, edge, where graph.Where) frag {
	return "MATCH " + g.pattern("s:Node {id: id}", "r", "n", h) + "\nWHERE " + and(g.edgeWhere(edge, "r"), g.where(where, "n")) + "\n"
}

// pattern is (from)-[rel:TYPE]->(to:Kinds) along h, the arrow by h.Dir.
func (g *gen) pattern(from, rel, to frag, h graph.Hop) frag {
	left, right := frag("-["), frag("]-")
	switch h.Dir {
	case graph.Out:
		right = "]->"
	case graph.In:
		left = "<-["
	}
	return "(" + from + ")" + left + rel + ":" + g.relType(h.Type) + right + "(" + to + ":" + g.labels(h.Kinds) + ")"
}

// where is graph.Where.Match on the node variable v. Atoms may be null
// where a value is missing, which WHERE and AND/OR treat as false, as
// graph does; a NOT would turn null into null, not true, so its operand
// is coalesced to false first.
func (g *gen) where(w graph.Where, v frag) frag {
	var parts []frag
	for _, c := range w.Conds {
		parts = append(parts, g.cond(c, v, false))
	}
	for _, r := range w.Rels {
		parts = append(parts, g.rel(r, v))
	}
	return g.logic(parts, w.And, w.Or, w.Not, func(x graph.Where) frag { return g.where(x, v) })
}

// edgeWhere is graph.Where.MatchEdge on the relationship variable v.
func (g *gen) edgeWhere(w graph.Where, v frag) frag {
	var parts []frag
	for _, c := range w.Conds {
		parts = append(parts, g.cond(c, v, true))
	}
	return g.logic(parts, w.And, w.Or, w.Not, func(x graph.Where) frag { return g.edgeWhere(x, v) })
}

func (g *gen) logic(parts []frag, and, or []graph.Where, not *graph.Where, sub func(graph.Where) frag) frag {
	for _, x := range and {
		parts = append(parts, sub(x))
	}
	if len(or) > 0 {
		alts := make([]frag, len(or))
		for i, x := range or {
			alts[i] = sub(x)
		}
		parts = append(parts, "("+join(alts, " OR ")+")")
	}
	if not != nil {
		parts = append(parts, "NOT coalesce("+sub(*not)+", false)")
	}
	switch len(parts) {
	case 0:
		return "true"
	case 1:
		return parts[0]
	}
	return "(" + join(parts, " AND ") + ")"
}

// rel is a RelCond: Some is an EXISTS subquery, None its negation, All
// "no edge that fails" (true without edges).
func (g *gen) rel(r graph.RelCond, v frag) frag {
	o, e := g.fresh("o"), g.fresh("r")
	match := "EXISTS { MATCH " + g.pattern(v, e, o, r.Hop) + " WHERE "
	cond := and(g.edgeWhere(r.Edge, e), g.where(r.Where, o))
	switch r.Quant {
	case graph.None:
		return "NOT " + match + cond + " }"
	case graph.All:
		return "NOT " + match + "NOT coalesce(" + cond + ", false) }"
	}
	return match + cond + " }"
}

// cond is graph.Cond.matchValue on the field of variable v (an edge's
// when edge).
func (g *gen) cond(c graph.Cond, v frag, edge bool) frag {
	if !edge {
		switch c.Field {
		case graph.KindField:
			return g.compare(v+".kind", c)
		case graph.IDField:
			return g.text(v+".id", v+".id", c)
		case graph.NameField:
			return g.text(v+".name", v+"."+keyNameFold, c)
		case graph.ReferenceField:
			if c.Op == graph.OpIn || c.Op == graph.OpNotIn {
				return g.reference(v, c)
			}
		}
	}
	key := g.propKey(c.Field)
	raw := v + "." + key
	switch c.Type() {
	case graph.String:
		return g.text(raw, v+"."+g.propKey(c.Field+foldSuffix), c)
	case graph.Strings:
		return g.list(raw, v+"."+g.propKey(c.Field+foldSuffix), c)
	case graph.DateP:
		return g.date(raw, v+"."+g.propKey(c.Field+precisionSuffix), c)
	case graph.Int, graph.Bool:
		if c.Op == graph.OpIsNull {
			return isNull(raw, c)
		}
		return g.compare(raw, c)
	}
	return g.fail("field %q has no type", c.Field)
}

func isNull(raw frag, c graph.Cond) frag {
	if b, _ := c.Value.(bool); b {
		return raw + " IS NULL"
	}
	return raw + " IS NOT NULL"
}

// compare applies an operator to a value compared as it is (kinds,
// integers, booleans): null when the value is missing.
func (g *gen) compare(x frag, c graph.Cond) frag {
	switch c.Op {
	case graph.OpEq:
		return x + " = " + g.param(c.Value)
	case graph.OpNe:
		return x + " <> " + g.param(c.Value)
	case graph.OpIn:
		return x + " IN " + g.param(c.Values)
	case graph.OpNotIn:
		// NOT (null IN []) would be true: a missing value is ruled out
		// first.
		return "(" + x + " IS NOT NULL AND NOT " + x + " IN " + g.param(c.Values) + ")"
	case graph.OpLt:
		return x + " < " + g.param(c.Value)
	case graph.OpLte:
		return x + " <= " + g.param(c.Value)
	case graph.OpGt:
		return x + " > " + g.param(c.Value)
	case graph.OpGte:
		return x + " >= " + g.param(c.Value)
	}
	return g.fail("operator %q on %q", c.Op, c.Field)
}

// text applies an operator to a string: its fold (the operand is folded
// by Normalize), or the raw value for IsNull.
func (g *gen) text(raw, fold frag, c graph.Cond) frag {
	switch c.Op {
	case graph.OpIsNull:
		return isNull(raw, c)
	case graph.OpContains:
		return fold + " CONTAINS " + g.param(c.Value)
	case graph.OpStartsWith:
		return fold + " STARTS WITH " + g.param(c.Value)
	case graph.OpEndsWith:
		return fold + " ENDS WITH " + g.param(c.Value)
	}
	return g.compare(fold, c)
}

// list applies an operator to a list of strings: it holds when some item
// does, and Ne and NotIn when the list has items and none is equal.
func (g *gen) list(raw, fold frag, c graph.Cond) frag {
	items := "coalesce(" + fold + ", [])"
	x := g.fresh("x")
	switch c.Op {
	case graph.OpIsNull:
		if b, _ := c.Value.(bool); b {
			return "size(coalesce(" + raw + ", [])) = 0"
		}
		return "size(coalesce(" + raw + ", [])) > 0"
	case graph.OpEq:
		return g.param(c.Value) + " IN " + items
	case graph.OpNe:
		return "(size(" + items + ") > 0 AND NOT " + g.param(c.Value) + " IN " + items + ")"
	case graph.OpIn:
		return "any(" + x + " IN " + items + " WHERE " + x + " IN " + g.param(c.Values) + ")"
	case graph.OpNotIn:
		return "(size(" + items + ") > 0 AND none(" + x + " IN " + items + " WHERE " + x + " IN " + g.param(c.Values) + "))"
	case graph.OpContains:
		return "any(" + x + " IN " + items + " WHERE " + x + " CONTAINS " + g.param(c.Value) + ")"
	case graph.OpStartsWith:
		return "any(" + x + " IN " + items + " WHERE " + x + " STARTS WITH " + g.param(c.Value) + ")"
	case graph.OpEndsWith:
		return "any(" + x + " IN " + items + " WHERE " + x + " ENDS WITH " + g.param(c.Value) + ")"
	}
	return g.fail("operator %q on the list %q", c.Op, c.Field)
}

// reference is In or NotIn on "reference" (graph's matchRef): the
// canonical reference or an alias, exactly.
func (g *gen) reference(v frag, c graph.Cond) frag {
	refs := g.param(c.Values)
	x := g.fresh("x")
	aliases := "coalesce(" + v + ".aliases, [])"
	if c.Op == graph.OpNotIn {
		return "(" + v + ".reference IS NOT NULL AND NOT " + v + ".reference IN " + refs + " AND none(" + x + " IN " + aliases + " WHERE " + x + " IN " + refs + "))"
	}
	return "(" + v + ".reference IN " + refs + " OR any(" + x + " IN " + aliases + " WHERE " + x + " IN " + refs + "))"
}

// The precisions of a stored date (precisionSuffix), as
// graph.DatePrecision.String names them; TestDatePrecisionLiterals
// checks that they agree.
const (
	yearLiteral  frag = "'year'"
	monthLiteral frag = "'month'"
)

// dateEnd is the day after the last day of a stored date's period: the
// DATE of its first day plus a year, a month or a day.
func dateEnd(raw, prec frag) frag {
	return "(" + raw + " + CASE " + prec + " WHEN " + yearLiteral + " THEN duration({years: 1}) WHEN " + monthLiteral + " THEN duration({months: 1}) ELSE duration({days: 1}) END)"
}

// date applies graph.DateCompare: the node's period runs from raw (its
// first day) to before dateEnd; the operand's first and last days, and
// the day after its last, come from Go as DATE parameters.
func (g *gen) date(raw, prec frag, c graph.Cond) frag {
	end := dateEnd(raw, prec)
	first := func(d graph.Date) any { return neo4j.DateOf(d.First().Time()) }
	last := func(d graph.Date) any { return neo4j.DateOf(d.Last().Time()) }
	afterLast := func(d graph.Date) any { return neo4j.DateOf(d.Last().Time().AddDate(0, 0, 1)) }
	operand, _ := c.Value.(graph.Date)
	switch c.Op {
	case graph.OpIsNull:
		return isNull(raw, c)
	case graph.OpLt:
		return raw + " < " + g.param(first(operand))
	case graph.OpLte:
		return raw + " <= " + g.param(last(operand))
	case graph.OpGt:
		return end + " > " + g.param(afterLast(operand))
	case graph.OpGte:
		return end + " > " + g.param(first(operand))
	}
	// Eq, Ne, In, NotIn: overlap with one of the operands' periods.
	vals := c.Values
	if c.Op == graph.OpEq || c.Op == graph.OpNe {
		vals = []any{c.Value}
	}
	bounds := make([]any, len(vals))
	for i, v := range vals {
		d, _ := v.(graph.Date)
		bounds[i] = map[string]any{"first": first(d), "last": last(d)}
	}
	x := g.fresh("x")
	overlap := "any(" + x + " IN " + g.param(bounds) + " WHERE " + raw + " <= " + x + ".last AND " + end + " > " + x + ".first)"
	if c.Op == graph.OpNe || c.Op == graph.OpNotIn {
		return "(" + raw + " IS NOT NULL AND NOT " + overlap + ")"
	}
	return overlap
}

// sortKey is graph.SortValue of o: on n, or on the edge r.
func (g *gen) sortKey(o graph.Order) frag {
	v := frag("n")
	if o.Edge {
		v = "r"
	} else {
		switch o.Field {
		case graph.IDField:
			return "n.id"
		case graph.NameField:
			return "n." + keySortName
		case graph.KindField:
			return "n.kind"
		}
	}
	raw := v + "." + g.propKey(o.Field)
	switch o.Type() {
	case graph.String:
		// graph.NameKey: the fold, a NUL, the value.
		return raw + foldSuffix + " + '\\u0000' + " + raw
	case graph.DateP:
		return isoDate(raw, v+"."+g.propKey(o.Field+precisionSuffix))
	}
	return raw
}

// isoDate is the ISO form of a stored date at its precision
// (graph.Date.String): the first 4, 7 or 10 characters of its day's.
func isoDate(raw, prec frag) frag {
	return "left(toString(" + raw + "), CASE " + prec + " WHEN " + yearLiteral + " THEN 4 WHEN " + monthLiteral + " THEN 7 ELSE 10 END)"
}

// keys is ", <key> AS k0, ..." for a WITH.
func (g *gen) keys(os []graph.Order) frag {
	var out frag
	for i, o := range os {
		out += ", " + g.sortKey(o) + " AS " + keyVar(i)
	}
	return out
}

var keyVars = []frag{"k0", "k1", "k2", "k3", "k4"} // graph.MaxSortKeys

func keyVar(i int) frag { return keyVars[i] }

// orderBy orders by the keys (missing values last, either way), then the
// id and, in a relationship list, the edge's From (f): graph's
// ComparePositions, or its reverse.
func orderBy(os []graph.Order, rel, reverse bool) frag {
	var parts []frag
	dir := func(desc bool) frag {
		if desc != reverse {
			return " DESC"
		}
		return " ASC"
	}
	for i, o := range os {
		// Cypher puts nulls last ascending and first descending: a
		// descending key gets a key of its own before it that keeps
		// them last (first, reversed).
		if o.Desc {
			parts = append(parts, keyVar(i)+" IS NULL"+dir(false))
		}
		parts = append(parts, keyVar(i)+dir(o.Desc))
	}
	parts = append(parts, "n.id"+dir(false))
	if rel {
		parts = append(parts, "f"+dir(false))
	}
	return join(parts, ", ")
}

// beyond is the condition that an item comes strictly after p (after), or
// strictly before it, in the order of os: graph.ComparePositions(item, p)
// > 0 or < 0, key by key with missing values last.
func (g *gen) beyond(p *graph.Position, os []graph.Order, rel, after bool) frag {
	if p == nil {
		return "true"
	}
	var alts []frag
	var equal []frag // the keys so far are equal to p's
	for i, o := range os {
		k := keyVar(i)
		if p.Keys[i] == nil {
			// Nothing comes after a missing value but other missing
			// values; everything with the key comes before.
			if !after {
				alts = append(alts, prefix(equal, k+" IS NOT NULL"))
			}
			equal = append(equal, k+" IS NULL")
			continue
		}
		c := g.param(p.Keys[i])
		cmp := frag(" > ")
		if o.Desc == after {
			cmp = " < "
		}
		if after {
			alts = append(alts, prefix(equal, "("+k+" IS NULL OR "+k+cmp+c+")"))
		} else {
			alts = append(alts, prefix(equal, k+cmp+c))
		}
		equal = append(equal, k+" = "+c)
	}
	cmp := frag(" < ")
	if after {
		cmp = " > "
	}
	id := g.param(p.ID)
	alts = append(alts, prefix(equal, "n.id"+cmp+id))
	if rel {
		alts = append(alts, prefix(append(equal, "n.id = "+id), "f"+cmp+g.param(p.From)))
	}
	return "(" + join(alts, " OR ") + ")"
}

// and is "(a AND b)", leaving out a side that is "true".
func and(a, b frag) frag {
	switch {
	case a == "true":
		return b
	case b == "true":
		return a
	}
	return "(" + a + " AND " + b + ")"
}

// countBeyond counts the items beyond a cursor; without one, all.
func countBeyond(cond, as frag) frag {
	if cond == "true" {
		return "count(*) AS " + as
	}
	return "count(CASE WHEN " + cond + " THEN 1 END) AS " + as
}

// prefix is "a AND b AND last".
func prefix(equal []frag, last frag) frag {
	if len(equal) == 0 {
		return last
	}
	return "(" + join(append(append([]frag{}, equal...), last), " AND ") + ")"
}

// find is a node list's counts (findCount) and its page (findPage) in one
// statement, each a CALL subquery, so that a find is one round trip: one
// row of total, rest and prior, and the page's nodes in order as a list.
// The page is ordered and cut before it is collected, which keeps its
// order.
func (g *gen) find(q graph.Query) frag {
	return "CALL () {\n" + g.findCount(q) + "\n}\n" +
		"CALL () {\n" + g.nodeSource(q.Kinds, q.Where) +
		"WITH n" + g.keys(q.Sort) + "\n" +
		whereFrag(and(g.beyond(q.AfterPos(), q.Sort, false, true), g.beyond(q.BeforePos(), q.Sort, false, false))) +
		"WITH n" + keyList(len(q.Sort)) + "\n" +
		"ORDER BY " + orderBy(q.Sort, false, q.Last > 0) + "\n" +
		"LIMIT " + g.namedParam("limit", int64(q.Limit())) + "\n" +
		"RETURN collect(" + g.fieldsOut("n", q.Fields) + ") AS page\n}\n" +
		"RETURN total, rest, prior, page"
}

// keyList is ", k0, k1, ...", the first n sort keys carried by a WITH.
func keyList(n int) frag {
	var out frag
	for i := range n {
		out += ", " + keyVar(i)
	}
	return out
}

// nodeOut is what a read returns of the node v, as the catalog's
// __NODE__(v) (statements.go, nodeProjection; TestNodeOutIsTheCatalogs).
func (g *gen) nodeOut(v frag) frag { return v }

// fieldsOut is what a read returns of the node v cut to p (nil: the
// whole node, nodeOut): a map of its sources if asked, the stored keys of
// p's properties (projectionKeys), and its id, kind and name last, so
// that a node deleted while it is read comes back without them
// (nodeFromValue, which reads both).
func (g *gen) fieldsOut(v frag, p *graph.Projection) frag {
	if p == nil {
		return g.nodeOut(v)
	}
	out := v + " {"
	if p.Sources {
		out += ".sources, "
	}
	for _, k := range projectionKeys(p) {
		out += "." + g.propKey(k) + ", "
	}
	return out + ".id, .kind, .name}"
}

// findCount counts a node list: all of it (total), the items after After
// (rest), and those before Before (before), for graph.Paging.Window.
func (g *gen) findCount(q graph.Query) frag {
	return g.nodeSource(q.Kinds, q.Where) +
		"WITH n" + g.keys(q.Sort) + "\n" +
		"RETURN count(*) AS total, " + countBeyond(g.beyond(q.AfterPos(), q.Sort, false, true), "rest") + ", " +
		countBeyond(g.beyond(q.BeforePos(), q.Sort, false, false), "prior")
}

// whereFrag is a WHERE line, or nothing for "true".
func whereFrag(cond frag) frag {
	if cond == "true" {
		return ""
	}
	return "WHERE " + cond + "\n"
}

// relItems is the head of a relationship list's statements: per id, the
// items with their keys.
func (g *gen) relItems(q graph.RelQuery) frag {
	g.namedParam("ids", distinct(q.IDs))
	return "UNWIND $ids AS id\nCALL (id) {\n" + g.relSource(q.Hop, q.Edge, q.Where) +
		"WITH r, n, startNode(r).id AS f" + g.keys(q.Sort) + "\n"
}

// relatedPage is one page of each id's relationship list.
func (g *gen) relatedPage(q graph.RelQuery) frag {
	return g.relItems(q) +
		whereFrag(and(g.beyond(q.AfterPos(), q.Sort, true, true), g.beyond(q.BeforePos(), q.Sort, true, false))) +
		"RETURN r, n\n" +
		"ORDER BY " + orderBy(q.Sort, true, q.Last > 0) + "\n" +
		"LIMIT " + g.namedParam("limit", int64(q.Limit())) + "\n}\n" +
		"RETURN id, r, " + g.nodeOut("n") + " AS n, startNode(r).id AS from, endNode(r).id AS to"
}

// relatedCount counts each id's relationship list like findCount.
func (g *gen) relatedCount(q graph.RelQuery) frag {
	return g.relItems(q) +
		"RETURN count(*) AS total, " + countBeyond(g.beyond(q.AfterPos(), q.Sort, true, true), "rest") + ", " +
		countBeyond(g.beyond(q.BeforePos(), q.Sort, true, false), "prior") + "\n}\n" +
		"RETURN id, total, rest, prior"
}

// aggSource is the matches of an aggregate: a node list, or per id a
// relationship list (inside CALL (id) { ... }, closed by aggClose).
func (g *gen) aggSource(q graph.AggQuery) frag {
	if q.Rel == nil {
		return g.nodeSource(q.Kinds, q.Where)
	}
	g.namedParam("ids", distinct(q.IDs))
	return "UNWIND $ids AS id\nCALL (id) {\n" + g.relSource(*q.Rel, q.Edge, q.Where)
}

// aggClose ends an aggregate: RETURN cols, then per id outside the
// subquery.
func aggClose(q graph.AggQuery, ret, order, outer frag) frag {
	if q.Rel == nil {
		return "RETURN " + ret + order
	}
	return "RETURN " + ret + order + "\n}\nRETURN id, " + outer
}

var minVars = []frag{"min0", "min1", "min2", "min3", "min4", "min5", "min6", "min7", "min8", "min9"} // graph.MaxAggFields
var maxVars = []frag{"max0", "max1", "max2", "max3", "max4", "max5", "max6", "max7", "max8", "max9"}

// aggStats is the count and the least and greatest values: dates by their
// ISO form (the order of graph.Date), integers by value.
func (g *gen) aggStats(q graph.AggQuery) frag {
	cols := []frag{"count(*) AS count"}
	outer := []frag{"count"}
	val := func(f graph.AggField) frag {
		v := frag("n")
		if f.Edge {
			v = "r"
		}
		raw := v + "." + g.propKey(f.Field)
		if g.aggType(q, f) == graph.DateP {
			return isoDate(raw, v+"."+g.propKey(f.Field+precisionSuffix))
		}
		return raw
	}
	for i, f := range q.Min {
		cols = append(cols, "min("+val(f)+") AS "+minVars[i])
		outer = append(outer, minVars[i])
	}
	for i, f := range q.Max {
		cols = append(cols, "max("+val(f)+") AS "+maxVars[i])
		outer = append(outer, maxVars[i])
	}
	return g.aggSource(q) + aggClose(q, join(cols, ", "), "", join(outer, ", "))
}

// aggType is the type of an aggregate's field.
func (g *gen) aggType(q graph.AggQuery, f graph.AggField) graph.PropType {
	specs := []graph.PropSpec{}
	if f.Edge && q.Rel != nil {
		spec, _ := graph.LookupEdgeType(q.Rel.Type)
		specs = spec.Props
	} else {
		for _, k := range graph.Kinds {
			specs = append(specs, k.Props...)
		}
	}
	for _, p := range specs {
		if p.Name == f.Field {
			return p.Type
		}
	}
	g.fail("no field %q", f.Field)
	return 0
}

var groupVars = []frag{"g0", "g1", "g2"}    // graph.MaxGroupKeys
var groupKeyVars = []frag{"h0", "h1", "h2"} // their sort keys
var groupIdx = []frag{"i0", "i1", "i2"}     // list indexes

// aggGroups counts the matches per group (graph.GroupValues): a list
// counts under each item (UNWIND over its indexes, a missing or empty
// list once under null), a date under its truncation (the ISO form cut to
// a year or a month, or shorter if the date is coarser). Groups come in
// the order of graph.CompareGroups (h0.. are the keys' sort values), at
// most graph.MaxGroups + 1, so that Go can tell a cut.
func (g *gen) aggGroups(q graph.AggQuery) frag {
	var unwind, with, ret, outer, order []frag
	item := frag("n")
	if q.Rel != nil {
		item = "r, n"
	}
	for i, k := range q.GroupBy {
		v := frag("n")
		if k.Edge {
			v = "r"
		}
		gv, hv := groupVars[i], groupKeyVars[i]
		var val, key frag
		switch {
		case !k.Edge && k.Field == graph.KindField:
			val, key = "n.kind", "n.kind"
		case !k.Edge && k.Field == graph.IDField:
			val, key = "n.id", "n.id"
		case !k.Edge && k.Field == graph.NameField:
			val, key = "n.name", "n."+keySortName
		default:
			raw := v + "." + g.propKey(k.Field)
			switch k.Type() {
			case graph.String:
				val, key = raw, raw+foldSuffix+" + '\\u0000' + "+raw
			case graph.Strings:
				ix := groupIdx[i]
				unwind = append(unwind, "UNWIND CASE WHEN size(coalesce("+raw+", [])) = 0 THEN [null] ELSE range(0, size("+raw+") - 1) END AS "+ix+"\n")
				val, key = raw+"["+ix+"]", raw+foldSuffix+"["+ix+"] + '\\u0000' + "+raw+"["+ix+"]"
			case graph.DateP:
				prec := v + "." + g.propKey(k.Field+precisionSuffix)
				switch k.Trunc {
				case graph.YearPrecision:
					val = "left(toString(" + raw + "), 4)"
				case graph.MonthPrecision:
					val = "left(toString(" + raw + "), CASE " + prec + " WHEN " + yearLiteral + " THEN 4 ELSE 7 END)"
				default:
					val = isoDate(raw, prec)
				}
				key = val
			default:
				val, key = raw, raw
			}
		}
		with = append(with, val+" AS "+gv, key+" AS "+hv)
		ret = append(ret, gv, hv)
		outer = append(outer, gv)
		order = append(order, hv)
	}
	ret = append(ret, "count(*) AS count")
	outer = append(outer, "count")
	return g.aggSource(q) + join(unwind, "") +
		"WITH DISTINCT " + item + ", " + join(with, ", ") + "\n" +
		aggClose(q, join(ret, ", "), "\nORDER BY "+join(order, ", ")+"\nLIMIT "+g.namedParam("limit", int64(graph.MaxGroups+1)), join(outer, ", "))
}
