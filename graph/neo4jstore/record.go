package neo4jstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/search"
)

// Reserved property keys. A node stores id, kind, name, sources, the keys
// below and the search properties beside its domain properties, which
// keep their own names (so that indexes see "reference", "date", ...); a
// relationship stores sources beside its domain properties. No PropSpec
// may use a reserved name, which TestReservedKeysAreNotDomainProps checks.
const (
	keyID      = "id"
	keyKind    = "kind"
	keyName    = "name"
	keySources = "sources"
	// keyNameLower is the name as graph.Filter.Matches folds it
	// (strings.ToLower), which the text filter searches. Cypher's toLower
	// is Java's and folds some letters otherwise: İ to i plus a combining
	// dot, a word-final Σ to ς.
	keyNameLower = "nameLower"
	// keySortName is graph.NameKey of the name, computed by Go, the key
	// ListNodes orders NAME by (Cypher cannot fold accents as Go does).
	keySortName = "sortName"
	// keyRefKeys holds the node's reference and then its aliases, each
	// followed by a newline, after a first newline ("\nCOM(2010) 673\n
	// 16797/10\n"; a node with neither has "\n"), in one string that the
	// TEXT index node_ref_keys serves: a lookup by reference finds its
	// candidates there with CONTAINS "\n" + reference + "\n" and then
	// compares the reference and the aliases exactly (list.cypher). Neo4j
	// 5 indexes no membership in a list property, so without it a match
	// on an alias reads every node. Every node write sets it, and Migrate
	// writes it on the nodes stored before it existed (refkeys_backfill).
	keyRefKeys = "refKeys"
	// precisionSuffix names the companion of a date property: a date of
	// a month or a year is stored as the DATE of its first day under its
	// own name, and its precision ("month", "year") under the name plus
	// this suffix, "datePrecision". A day date has no companion, so a
	// day date is stored as it always was.
	precisionSuffix = "Precision"
	// foldSuffix names the companion of a text property (a string or a
	// list of strings): its graph.Fold, which the query operators compare
	// (query.go); Cypher cannot fold as Go does. keyNameFold is the
	// name's.
	foldSuffix  = "Fold"
	keyNameFold = "nameFold"
)

// The search properties (search.Fields[].Prop and search.KindProp) hold
// the analysed text of search.Doc, which the full-text index node_search
// indexes. They are reserved like nameLower: written by every node write,
// dropped when a node is read.
var (
	nodeReserved = reserved(append([]string{keyID, keyKind, keyName, keyNameLower, keySortName, keyNameFold, keyRefKeys, keySources}, searchPropNames()...)...)
	edgeReserved = reserved(keySources)
)

func reserved(keys ...string) map[string]bool {
	m := make(map[string]bool, len(keys))
	for _, k := range keys {
		m[k] = true
	}
	return m
}

// searchPropNames lists the search properties in the order of
// search.Fields, then search.KindProp: the properties of node_search.
func searchPropNames() []string {
	out := make([]string, 0, len(search.Fields)+1)
	for _, f := range search.Fields {
		out = append(out, f.Prop)
	}
	return append(out, search.KindProp)
}

// errRecord marks stored data or a result that does not fit the domain. It
// matches no graph sentinel: the API reports it as an internal error.
var errRecord = errors.New("unexpected record")

func recordErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errRecord, sprintf(format, args...))
}

// --- domain to parameters ---

// nodeProps is the full property map of n as stored: the reserved keys
// (with the search properties of the fields that have text) and the
// domain properties as driver values. SET n = $props replaces every
// property with it, so a field without text loses its search property.
func nodeProps(n graph.Node) map[string]any {
	m := map[string]any{keyID: n.ID, keyKind: string(n.Kind), keyName: n.Name,
		keyNameLower: strings.ToLower(n.Name), keySortName: graph.NameKey(n.Name), keyNameFold: graph.Fold(n.Name),
		keyRefKeys: refKeys(n)}
	for k, v := range searchProps(n) {
		if v != nil {
			m[k] = v
		}
	}
	putProps(m, n.Props, false)
	if len(n.Sources) > 0 {
		m[keySources] = encodeSources(n.Sources)
	}
	return m
}

// mergeNodeProps is the overlay of a merge: the reserved keys but sources
// and the domain properties of overlay. The name (and nameLower) is left
// out when empty, so that it does not replace the stored one
// (graph.MergeNode). The search properties are merged's, the node the
// overlay makes, since a field's text may come from the stored node or
// the overlay; each is there, null when its field has no text, because
// SET n += removes a property whose value is null.
func mergeNodeProps(overlay, merged graph.Node) map[string]any {
	m := searchProps(merged)
	m[keyRefKeys] = refKeys(merged)
	m[keyID] = overlay.ID
	m[keyKind] = string(overlay.Kind)
	if overlay.Name != "" {
		m[keyName] = overlay.Name
		m[keyNameLower] = strings.ToLower(overlay.Name)
		m[keySortName] = graph.NameKey(overlay.Name)
		m[keyNameFold] = graph.Fold(overlay.Name)
	}
	putProps(m, overlay.Props, true)
	return m
}

// refKeys is the value of keyRefKeys for n. refkeys_backfill computes the
// same in Cypher.
func refKeys(n graph.Node) string {
	var b strings.Builder
	b.WriteByte('\n')
	if r := n.Props.String("reference"); r != "" {
		b.WriteString(r)
		b.WriteByte('\n')
	}
	for _, a := range n.Props.Strings("aliases") {
		b.WriteString(a)
		b.WriteByte('\n')
	}
	return b.String()
}

// refNeedle is what a lookup by reference r seeks in keyRefKeys.
func refNeedle(r string) string { return "\n" + r + "\n" }

// searchProps maps every search property to n's analysed text
// (search.Doc), or to nil for a field without text.
func searchProps(n graph.Node) map[string]any {
	doc := search.Doc(n)
	m := make(map[string]any, len(search.Fields)+1)
	for _, f := range search.Fields {
		m[f.Prop] = nil
		if t, ok := doc[f.Name]; ok {
			m[f.Prop] = t
		}
	}
	m[search.KindProp] = doc[search.KindField]
	return m
}

// edgeProps is the full property map of e as stored.
func edgeProps(e graph.Edge) map[string]any {
	m := map[string]any{}
	putProps(m, e.Props, false)
	if len(e.Sources) > 0 {
		m[keySources] = encodeSources(e.Sources)
	}
	return m
}

// putProps writes the domain properties p into m as driver values (see
// paramValue), each text with its fold companion (foldSuffix), each date
// with its precision companion: set for a month or a year, absent for a
// day. An overlay (SET n += $props) must also clear a
// companion the stored date had, so with overlay a day date's companion is
// there as null, which SET += removes.
func putProps(m map[string]any, p graph.Props, overlay bool) {
	for k, v := range p {
		m[k] = paramValue(v)
		d, ok := v.(graph.Date)
		if !ok {
			continue
		}
		switch prec := d.Precision(); {
		case prec != graph.DayPrecision:
			m[k+precisionSuffix] = prec.String()
		case overlay:
			m[k+precisionSuffix] = nil
		}
	}
	for k, v := range foldProps(p) {
		m[k] = v
	}
}

// foldProps maps the fold companion of each text property of p to its
// graph.Fold: a string, or a list of strings.
func foldProps(p graph.Props) map[string]any {
	m := map[string]any{}
	for k, v := range p {
		switch x := v.(type) {
		case string:
			m[k+foldSuffix] = graph.Fold(x)
		case []string:
			f := make([]string, len(x))
			for i, s := range x {
				f[i] = graph.Fold(s)
			}
			m[k+foldSuffix] = f
		}
	}
	return m
}

// derivedProps is what Go derives of n for Neo4j to store beside it: the
// search properties (searchProps), the name's keys and fold, refKeys, and
// the fold companions of its text properties. The backfill writes them for nodes
// stored before they existed.
func derivedProps(n graph.Node) map[string]any {
	m := searchProps(n)
	m[keyNameLower] = strings.ToLower(n.Name)
	m[keySortName] = graph.NameKey(n.Name)
	m[keyNameFold] = graph.Fold(n.Name)
	m[keyRefKeys] = refKeys(n)
	for k, v := range foldProps(n.Props) {
		m[k] = v
	}
	return m
}

// paramValue turns a validated property value into the driver's type: a
// graph.Date becomes a Neo4j DATE (of its first day, putProps keeps the
// precision), a list is copied; strings, int64 and bool pass as they are.
func paramValue(v any) any {
	switch x := v.(type) {
	case graph.Date:
		return dateParam(x)
	case []string:
		return append([]string{}, x...)
	}
	return v
}

// dateParam is the DATE of the first day of d: the value a date property
// holds, and what the list filters compare with.
func dateParam(d graph.Date) neo4j.Date {
	return neo4j.DateOf(d.Time())
}

// encodeSources encodes each source as compact JSON. encoding/json writes
// a struct's fields in a fixed order, so equal sources give equal strings,
// which is what lets Cypher union source lists with IN.
func encodeSources(ss []graph.Source) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		b, _ := json.Marshal(s) // a struct of strings always marshals
		out[i] = string(b)
	}
	return out
}

// --- results to domain ---

// nodeFromRecord reads the node under key: a node, or its projection
// (nodeFromValue). Callers use it where the statement matched a node.
func nodeFromRecord(rec *neo4j.Record, key string) (graph.Node, error) {
	if rec == nil {
		return graph.Node{}, recordErr("no record")
	}
	v, ok := rec.Get(key)
	if !ok {
		return graph.Node{}, recordErr("%s: no such column", key)
	}
	return nodeFromValue(v)
}

// nodeFromValue maps a stored node (__NODE__), or a map projection of
// one (its id, kind, name and the keys asked for, as gen.fieldsOut
// writes; null where the node has none), to a graph.Node. Every stored
// node has an id, a kind and a name: a node without properties, or a
// projection without those three, is of a node deleted meanwhile
// (errDeleted), and a node with some properties but not those is an
// error. A projection reads them last, so that a node another transaction
// deletes while its properties are read (read committed) is taken as
// deleted, and not as a node with some of its properties.
func nodeFromValue(v any) (graph.Node, error) {
	switch x := v.(type) {
	case nil:
		// The projection of a matched node (__NODE__, a CASE on its kind)
		// is null when another transaction deleted the node meanwhile:
		// the live Concurrent conformance case met it on both bolt:// and
		// neo4j://.
		return graph.Node{}, errDeleted
	case dbtype.Node:
		return nodeFromEntity(x)
	case map[string]any:
		// The driver's map is the read's own: its nulls go, in place.
		for k, v := range x {
			if v == nil {
				delete(x, k)
			}
		}
		return nodeFromProps(x)
	}
	return graph.Node{}, recordErr("want a node or its projection, got %T", v)
}

// nodeFromProps reads a projection's non-null values as a node: one
// without its id, kind or name is of a node deleted meanwhile
// (nodeFromValue).
func nodeFromProps(props map[string]any) (graph.Node, error) {
	if props[keyID] == nil || props[keyKind] == nil || props[keyName] == nil {
		return graph.Node{}, errDeleted
	}
	return nodeFromEntity(dbtype.Node{Props: props})
}

// projectionKeys are the stored keys that the projection p reads: its
// properties, each date followed by its precision companion. Never nil,
// so that an empty list still asks for a projection.
func projectionKeys(p *graph.Projection) []string {
	keys := make([]string, 0, len(p.Props)+1)
	for _, k := range p.Props {
		keys = append(keys, k)
		if dateProps[k] {
			keys = append(keys, k+precisionSuffix)
		}
	}
	return keys
}

// dateProps are the property names that are dates in some kind.
var dateProps = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range graph.Kinds {
		for _, p := range k.Props {
			if p.Type == graph.DateP {
				m[p.Name] = true
			}
		}
	}
	return m
}()

// projectedNode reads a projected end (__ENDS__) under key: the list of
// the values of keys, then its sources, id, kind and name
// (endsProjection), whose non-null values it reads as nodeFromValue does
// (a node deleted meanwhile is errDeleted). Anything else is a whole
// node, which nodeFromValue reads.
func projectedNode(rec *neo4j.Record, key string, keys []string) (graph.Node, error) {
	v, ok := rec.Get(key)
	if !ok {
		return graph.Node{}, recordErr("%s: no such column", key)
	}
	vals, ok := v.([]any)
	if !ok {
		return nodeFromValue(v)
	}
	if len(vals) != len(keys)+len(projectedTail) {
		return graph.Node{}, recordErr("%s: want %d projected values, got %d", key, len(keys)+len(projectedTail), len(vals))
	}
	props := make(map[string]any, len(vals))
	for i, k := range keys {
		if vals[i] != nil {
			props[k] = vals[i]
		}
	}
	for i, k := range projectedTail {
		if v := vals[len(keys)+i]; v != nil {
			props[k] = v
		}
	}
	return nodeFromProps(props)
}

// projectedTail are the keys of the values that follow a projected end's
// (endsProjection).
var projectedTail = [...]string{keySources, keyID, keyKind, keyName}

// listedNode reads the node under "n": whole, or projected to keys
// (__LISTED__) when keys is not nil.
func listedNode(rec *neo4j.Record, keys []string) (graph.Node, error) {
	if keys != nil {
		return projectedNode(rec, "n", keys)
	}
	return nodeFromRecord(rec, "n")
}

// errDeleted is a node that another transaction deleted after this one
// matched it: Neo4j isolates reads only as read committed, so a scan can
// return a node whose properties are already gone. Reads that list nodes
// leave it out, as if the delete had come first; a lookup of one id finds
// nothing (the live Concurrent conformance case found this).
var errDeleted = errors.New("node deleted meanwhile")

// nodesFromRecords reads the node under "n" of each record, leaving out
// those deleted meanwhile (errDeleted).
func nodesFromRecords(recs []*neo4j.Record) ([]graph.Node, error) {
	nodes := make([]graph.Node, 0, len(recs))
	for _, rec := range recs {
		n, err := nodeFromRecord(rec, "n")
		if errors.Is(err, errDeleted) {
			continue
		}
		if err != nil {
			return nil, err
		}
		nodes = append(nodes, n)
	}
	return nodes, nil
}

// nodeFromEntity maps a stored node to a graph.Node, typing each domain
// property by its kind's spec.
func nodeFromEntity(n dbtype.Node) (graph.Node, error) {
	if len(n.Props) == 0 {
		return graph.Node{}, errDeleted
	}
	id, err := neo4j.GetProperty[string](n, keyID)
	if err != nil {
		return graph.Node{}, recordErr("node %s: id: %v", n.ElementId, err)
	}
	kind, err := neo4j.GetProperty[string](n, keyKind)
	if err != nil {
		return graph.Node{}, recordErr("node %q: kind: %v", id, err)
	}
	spec, ok := graph.LookupKind(graph.Kind(kind))
	if !ok {
		return graph.Node{}, recordErr("node %q: unknown kind %q", id, kind)
	}
	name, err := neo4j.GetProperty[string](n, keyName)
	if err != nil {
		return graph.Node{}, recordErr("node %q: name: %v", id, err)
	}
	out := graph.Node{ID: id, Kind: spec.Kind, Name: name}
	if out.Sources, err = sourcesOf(n); err != nil {
		return graph.Node{}, recordErr("node %q: %v", id, err)
	}
	if out.Props, err = propsOf(n.Props, nodeReserved, spec.Props); err != nil {
		return graph.Node{}, recordErr("node %q: %v", id, err)
	}
	return out, nil
}

// edgeFromRecord reads an edge from a record with the relationship under
// "r" (or, read bare, its type: __EDGE__) and its end nodes' ids under
// "from" and "to".
func edgeFromRecord(rec *neo4j.Record) (graph.Edge, error) {
	if rec == nil {
		return graph.Edge{}, recordErr("no record")
	}
	from, err := stringValue(rec, "from")
	if err != nil {
		return graph.Edge{}, err
	}
	to, err := stringValue(rec, "to")
	if err != nil {
		return graph.Edge{}, err
	}
	v, _ := rec.Get("r")
	if t, ok := v.(string); ok { // __EDGE__(r) of a bare read: the type
		spec, ok := graph.LookupEdgeType(graph.EdgeType(t))
		if !ok {
			return graph.Edge{}, recordErr("relationship %s→%s: unknown type %q", from, to, t)
		}
		return graph.Edge{Type: spec.Type, From: from, To: to}, nil
	}
	r, isNil, err := neo4j.GetRecordValue[neo4j.Relationship](rec, "r")
	if err != nil || isNil {
		return graph.Edge{}, recordErr("r: missing or not a relationship (%v)", err)
	}
	return edgeFromEntity(r, from, to)
}

// edgeFromEntity maps a stored relationship between from and to.
func edgeFromEntity(r dbtype.Relationship, from, to string) (graph.Edge, error) {
	spec, ok := graph.LookupEdgeType(graph.EdgeType(r.Type))
	if !ok {
		return graph.Edge{}, recordErr("relationship %s: unknown type %q", r.ElementId, r.Type)
	}
	e := graph.Edge{Type: spec.Type, From: from, To: to}
	var err error
	if e.Sources, err = sourcesOf(r); err != nil {
		return graph.Edge{}, recordErr("edge %s: %v", e.Key(), err)
	}
	if e.Props, err = propsOf(r.Props, edgeReserved, spec.Props); err != nil {
		return graph.Edge{}, recordErr("edge %s: %v", e.Key(), err)
	}
	return e, nil
}

// sourcesOf decodes the sources property of an entity; a missing one is no
// sources.
func sourcesOf(e dbtype.Entity) ([]graph.Source, error) {
	if _, ok := e.GetProperties()[keySources]; !ok {
		return nil, nil
	}
	list, err := neo4j.GetProperty[[]any](e, keySources)
	if err != nil {
		return nil, fmt.Errorf("sources: %v", err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	out := make([]graph.Source, len(list))
	for i, v := range list {
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("sources[%d]: want a string, got %T", i, v)
		}
		if out[i], err = decodeSource(s); err != nil {
			return nil, fmt.Errorf("sources[%d]: %v", i, err)
		}
	}
	return out, nil
}

// decodeSource decodes one stored source (encodeSources). Every node and
// edge read decodes its sources, and a reflective JSON decoder for each
// was a third of the CPU a read of a node's relationships took in the
// Store; what json.Marshal wrote of a graph.Source (a flat object of
// plain strings, no spaces) is read by plainSource, and anything else
// (escapes, unknown or differently cased keys, nulls, invalid UTF-8) by
// encoding/json as before, so that the answer is the same.
func decodeSource(s string) (graph.Source, error) {
	if src, ok := plainSource(s); ok {
		return src, nil
	}
	var src graph.Source
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	err := dec.Decode(&src)
	return src, err
}

// plainSource reads s when it is a JSON object of graph.Source's keys,
// spelled as its tags, each with a string that needs no unescaping;
// ok is false for anything else.
func plainSource(s string) (src graph.Source, ok bool) {
	rest, ok := strings.CutPrefix(s, "{")
	if !ok {
		return src, false
	}
	if rest, ok = strings.CutSuffix(rest, "}"); !ok {
		return src, false
	}
	for rest != "" {
		var key, val string
		if key, rest, ok = plainString(rest); !ok {
			return src, false
		}
		if rest, ok = strings.CutPrefix(rest, ":"); !ok {
			return src, false
		}
		if val, rest, ok = plainString(rest); !ok {
			return src, false
		}
		switch key {
		case "file":
			src.File = val
		case "section":
			src.Section = val
		case "lines":
			src.Lines = val
		case "note":
			src.Note = val
		default:
			return src, false
		}
		if rest == "" {
			break
		}
		if rest, ok = strings.CutPrefix(rest, ","); !ok || rest == "" {
			return src, false
		}
	}
	return src, true
}

// plainString reads the JSON string at the start of s when it has no
// escape, no control character and is valid UTF-8 (what JSON decodes to
// itself), and returns what follows it.
func plainString(s string) (val, rest string, ok bool) {
	if !strings.HasPrefix(s, `"`) {
		return "", s, false
	}
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			if !utf8.ValidString(s[1:i]) {
				return "", s, false
			}
			return s[1:i], s[i+1:], true
		case c == '\\' || c < 0x20:
			return "", s, false
		}
	}
	return "", s, false
}

// propsOf types the domain properties among props by specs. A property
// that is neither reserved nor in the spec, or of the wrong type, is an
// error: the stored data no longer fits the domain, and saying so beats
// dropping data silently.
func propsOf(props map[string]any, reserved map[string]bool, specs []graph.PropSpec) (graph.Props, error) {
	var out graph.Props
	for k, v := range props {
		if reserved[k] {
			continue
		}
		if base, ok := strings.CutSuffix(k, precisionSuffix); ok {
			if spec, ok := findSpec(specs, base); ok && spec.Type == graph.DateP {
				if _, ok := props[base]; !ok {
					return nil, fmt.Errorf("property %q without its date %q", k, base)
				}
				continue // read with its date
			}
		}
		if base, ok := strings.CutSuffix(k, foldSuffix); ok {
			if spec, ok := findSpec(specs, base); ok && (spec.Type == graph.String || spec.Type == graph.Strings) {
				continue // derived from its property, which is read
			}
		}
		spec, ok := findSpec(specs, k)
		if !ok {
			return nil, fmt.Errorf("property %q is not in the domain", k)
		}
		tv, err := propValue(k, v, spec, props[k+precisionSuffix])
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = graph.Props{}
		}
		out[k] = tv
	}
	return out, nil
}

// propValue converts one driver value to the Go type its spec asks for.
// Dates must be Neo4j DATE values (a string is not accepted: the list
// filters compare dates natively), cut to the precision their companion
// names (precisionSuffix; none is a day); the other types go through
// graph.CoerceProp, which takes a driver's []any of strings for a list.
func propValue(k string, v any, spec graph.PropSpec, precision any) (any, error) {
	if v == nil {
		return nil, fmt.Errorf("property %q is null", k)
	}
	if spec.Type == graph.DateP {
		d, ok := v.(dbtype.Date)
		if !ok {
			return nil, fmt.Errorf("property %q: want a DATE, got %T", k, v)
		}
		prec := graph.DayPrecision
		if precision != nil {
			name, ok := precision.(string)
			if !ok {
				return nil, fmt.Errorf("property %q: want a string, got %T", k+precisionSuffix, precision)
			}
			p, err := graph.ParseDatePrecision(name)
			if err != nil {
				return nil, fmt.Errorf("property %q: %v", k+precisionSuffix, err)
			}
			prec = p
		}
		date := graph.DateOf(d.Time())
		if prec != graph.DayPrecision {
			if date != date.WithPrecision(prec).First() {
				return nil, fmt.Errorf("property %q: %s is not the first day of a %s", k, date, prec)
			}
			date = date.WithPrecision(prec)
		}
		return date, nil
	}
	tv, err := graph.CoerceProp("props."+k, v, spec)
	if err != nil {
		return nil, err
	}
	return tv, nil
}

func findSpec(specs []graph.PropSpec, name string) (graph.PropSpec, bool) {
	for _, s := range specs {
		if s.Name == name {
			return s, true
		}
	}
	return graph.PropSpec{}, false
}

// stringValue reads a non-null string column.
func stringValue(rec *neo4j.Record, key string) (string, error) {
	v, isNil, err := neo4j.GetRecordValue[string](rec, key)
	if err != nil {
		return "", recordErr("%s: %v", key, err)
	}
	if isNil {
		return "", recordErr("%s is null", key)
	}
	return v, nil
}

// intValue reads a non-null integer column.
func intValue(rec *neo4j.Record, key string) (int64, error) {
	v, isNil, err := neo4j.GetRecordValue[int64](rec, key)
	if err != nil {
		return 0, recordErr("%s: %v", key, err)
	}
	if isNil {
		return 0, recordErr("%s is null", key)
	}
	return v, nil
}

// floatValue reads a non-null float column.
func floatValue(rec *neo4j.Record, key string) (float64, error) {
	v, isNil, err := neo4j.GetRecordValue[float64](rec, key)
	if err != nil {
		return 0, recordErr("%s: %v", key, err)
	}
	if isNil {
		return 0, recordErr("%s is null", key)
	}
	return v, nil
}
