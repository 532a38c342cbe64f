package neo4jstore

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/issgraph/issgraph/graph"
)

// The Cypher lives in cypher/*.cypher. A file holds named statements, each
// introduced by a header:
//
//	// name: put_node
//	// params: id, kind, props
//	// optional comment lines, not sent
//	MERGE (n:Node {id: $id}) ...
//
// The statement runs to the next "// name:" line or the end of the file.
// Its text (the lines after the header's comments, trimmed) is sent to
// Neo4j byte for byte as it is in the file, after placeholder expansion.
//
// Labels and relationship types cannot be parameters in Cypher 5, so a
// statement that needs one in a pattern, in SET or in a schema command
// writes a placeholder instead: __KIND__ for a node label, __TYPE__ for a
// relationship type. Such a statement is expanded once, when the catalog
// loads, into one statement per entry of the domain's allow-list
// (graph.Kinds, graph.EdgeTypes), keyed "name:Label". A request selects a
// ready statement by an allow-listed key; no text is ever built per
// request. scripts/cypher-lint.mjs expands the files by the same rules.
//
//go:embed cypher/*.cypher
var cypherFS embed.FS

// Placeholders, replaced only by allow-listed names.
const (
	kindPlaceholder = "__KIND__"
	typePlaceholder = "__TYPE__"
	// nodePlaceholder, written __NODE__(v), stands for what a node read
	// returns of the node v (nodeProjection). It is replaced in place,
	// in every statement, before __KIND__ and __TYPE__ expand, for each
	// variable of nodeVars.
	nodePlaceholder = "__NODE__"
	// endsPlaceholder, written __ENDS__(v), stands for what a read of
	// edges and their ends returns of the end v (endsProjection).
	endsPlaceholder = "__ENDS__"
	// edgePlaceholder, written __EDGE__(r), stands for the relationship
	// r as an edge read returns it: r, or its type alone when the
	// statement's $bare is true (graph.EdgeQuery.Bare; edgeFromRecord).
	edgePlaceholder = "__EDGE__"
	// listedPlaceholder, written __LISTED__(v), is __ENDS__ for the node
	// v that a page lists (graph.ListQuery.Fields), with the parameters
	// $nodeKeys and $nodeSources.
	listedPlaceholder = "__LISTED__"
)

// nodeVars are the variables a statement may project a node under with
// __NODE__(v).
var nodeVars = []string{"n", "m", "node"}

// substitutions are the placeholders replaced in place by one text.
var substitutions = func() map[string]string {
	out := make(map[string]string, len(nodeVars))
	for _, v := range nodeVars {
		out[nodePlaceholder+"("+v+")"] = nodeProjection(v)
		out[endsPlaceholder+"("+v+")"] = endsProjection(v, "$keys", "$sources")
		out[listedPlaceholder+"("+v+")"] = endsProjection(v, "$nodeKeys", "$nodeSources")
	}
	out[edgePlaceholder+"(r)"] = "CASE WHEN $bare THEN type(r) ELSE r END"
	return out
}()

// nodeProjection is what every node read returns of the node v: the node
// itself, whose store-only keys (search text, folds, sort and reference
// keys) nodeFromEntity leaves out. It was a map projection of the
// kind's domain properties, a CASE on v.kind of every kind's, which kept
// those keys on the server but made a statement's text kilobytes long:
// Neo4j reads every statement's text from the request and finds its plan
// by it, and a document lookup's 5.6 KB of text cost Neo4j more than the
// bytes it saved (docs/performance.md, stop 23). A node another
// transaction deletes while it is read comes back without properties,
// which nodeFromEntity takes as deleted (the live Concurrent conformance
// case deletes nodes while others read them).
func nodeProjection(v string) string { return v }

// endsProjection is what a read of edges and their ends returns of the
// end v: the node (nodeProjection) when the statement's keys parameter
// is null, else the graph.Projection that keys (projectionKeys) and
// sources give, as a list: the values of the stored keys in their order
// (a map's keys cannot be parameters; projectedNode pairs them up again),
// then its sources when sources (else null), and its id, kind and name
// last, so that a node deleted while it is read comes back without them
// and is taken as deleted. A list, since a map costs Neo4j and the driver
// its keys on every row: about a tenth of either's CPU on a document's
// relationships.
func endsProjection(v, keys, sources string) string {
	return "CASE WHEN " + keys + " IS NULL THEN " + nodeProjection(v) + " ELSE [k IN " + keys + " | " + v + "[k]] + " +
		"[CASE WHEN " + sources + " THEN " + v + ".sources END, " + v + ".id, " + v + ".kind, " + v + ".name] END"
}

var (
	placeholderRE = regexp.MustCompile(`__[A-Z]+__`)
	paramRE       = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	nameRE        = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// stmt is one ready statement.
type stmt struct {
	key    string   // "put_node:Document", or the name when not expanded
	name   string   // "put_node"
	file   string   // "cypher/nodes.cypher"
	line   int      // line of the header in file
	params []string // declared parameters, in header order
	text   string   // sent as is
}

// catalog holds every statement, expanded.
type catalog struct {
	byKey map[string]*stmt
	all   []*stmt // file order, then allow-list order within a name
}

// get returns the statement with the key. The keys come from the code and
// the allow-lists, so a miss is a programming error, reported as an error
// rather than a panic.
func (c *catalog) get(key string) (*stmt, error) {
	s, ok := c.byKey[key]
	if !ok {
		return nil, fmt.Errorf("neo4jstore: no statement %q", key)
	}
	return s, nil
}

// forKind returns name's statement for kind k, which the caller has
// checked against graph.Kinds.
func (c *catalog) forKind(name string, k graph.Kind) (*stmt, error) {
	return c.get(name + ":" + string(k))
}

// forType returns name's statement for edge type t.
func (c *catalog) forType(name string, t graph.EdgeType) (*stmt, error) {
	return c.get(name + ":" + string(t))
}

// inFile returns the statements of one file in order.
func (c *catalog) inFile(file string) []*stmt {
	var out []*stmt
	for _, s := range c.all {
		if s.file == file {
			out = append(out, s)
		}
	}
	return out
}

// statements loads the embedded catalog once.
var statements = sync.OnceValues(func() (*catalog, error) { return loadCatalog(cypherFS) })

func loadCatalog(fsys fs.FS) (*catalog, error) {
	files, err := fs.Glob(fsys, "cypher/*.cypher")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	c := &catalog{byKey: map[string]*stmt{}}
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		raw, err := parseStatements(f, string(b))
		if err != nil {
			return nil, err
		}
		for _, r := range raw {
			exp, err := expand(r)
			if err != nil {
				return nil, err
			}
			for _, s := range exp {
				if _, dup := c.byKey[s.key]; dup {
					return nil, fmt.Errorf("%s:%d: statement %q defined twice", s.file, s.line, s.key)
				}
				c.byKey[s.key] = s
				c.all = append(c.all, s)
			}
		}
	}
	if len(c.all) == 0 {
		return nil, errors.New("neo4jstore: no Cypher statements embedded")
	}
	return c, nil
}

// parseStatements splits one file into its named statements, before
// expansion.
func parseStatements(file, src string) ([]*stmt, error) {
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	var out []*stmt
	var cur *stmt
	var body []string
	inHeader := false
	flush := func() error {
		if cur == nil {
			return nil
		}
		cur.text = strings.TrimSpace(strings.Join(body, "\n"))
		if cur.text == "" {
			return fmt.Errorf("%s:%d: statement %q has no text", file, cur.line, cur.name)
		}
		if err := checkParams(cur); err != nil {
			return err
		}
		out = append(out, cur)
		return nil
	}
	for i, ln := range lines {
		trim := strings.TrimSpace(ln)
		if name, ok := strings.CutPrefix(trim, "// name:"); ok {
			if err := flush(); err != nil {
				return nil, err
			}
			name = strings.TrimSpace(name)
			if !nameRE.MatchString(name) {
				return nil, fmt.Errorf("%s:%d: bad statement name %q", file, i+1, name)
			}
			cur, body, inHeader = &stmt{name: name, file: file, line: i + 1}, nil, true
			if i+1 >= len(lines) {
				return nil, fmt.Errorf("%s:%d: statement %q has no params line", file, i+1, name)
			}
			ps, ok := strings.CutPrefix(strings.TrimSpace(lines[i+1]), "// params:")
			if !ok {
				return nil, fmt.Errorf("%s:%d: statement %q: the line after the name must be \"// params: ...\"", file, i+2, name)
			}
			cur.params = splitParams(ps)
			continue
		}
		if cur == nil {
			if trim != "" && !strings.HasPrefix(trim, "//") {
				return nil, fmt.Errorf("%s:%d: Cypher outside a named statement", file, i+1)
			}
			continue
		}
		if inHeader {
			if strings.HasPrefix(trim, "//") || trim == "" && len(body) == 0 {
				continue // params line and header comments are not sent
			}
			inHeader = false
		}
		body = append(body, ln)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

func splitParams(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// usedParams returns the $parameters the text refers to, sorted.
func usedParams(text string) []string {
	seen := map[string]bool{}
	for _, m := range paramRE.FindAllStringSubmatch(text, -1) {
		seen[m[1]] = true
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// checkParams makes the header and the text agree: every $parameter used
// is declared, and every declared one is used.
func checkParams(s *stmt) error {
	declared := slices.Clone(s.params)
	sort.Strings(declared)
	if len(slices.Compact(slices.Clone(declared))) != len(declared) {
		return fmt.Errorf("%s:%d: statement %q declares a parameter twice", s.file, s.line, s.name)
	}
	if used := usedParams(substitute(s.text)); !slices.Equal(used, declared) {
		return fmt.Errorf("%s:%d: statement %q declares params %v but uses %v", s.file, s.line, s.name, declared, used)
	}
	return nil
}

// substitute replaces the placeholders of substitutions in text: the
// statement as sent, whose parameters are the ones it uses.
func substitute(text string) string {
	for ph, sub := range substitutions {
		text = strings.ReplaceAll(text, ph, sub)
	}
	return text
}

// expand turns a parsed statement into its ready forms: itself when it has
// no placeholder, else one per allow-listed label or type.
func expand(s *stmt) ([]*stmt, error) {
	c := *s
	c.text = substitute(c.text)
	s = &c
	var ph string
	for _, m := range placeholderRE.FindAllString(s.text, -1) {
		switch {
		case m != kindPlaceholder && m != typePlaceholder:
			return nil, fmt.Errorf("%s:%d: statement %q: unknown placeholder %s", s.file, s.line, s.name, m)
		case ph != "" && m != ph:
			return nil, fmt.Errorf("%s:%d: statement %q mixes %s and %s", s.file, s.line, s.name, ph, m)
		}
		ph = m
	}
	if ph == "" {
		c := *s
		c.key = s.name
		return []*stmt{&c}, nil
	}
	var out []*stmt
	for _, v := range expansions(ph) {
		c := *s
		c.key = s.name + ":" + v
		c.text = strings.ReplaceAll(s.text, ph, v)
		out = append(out, &c)
	}
	return out, nil
}

// expansions lists the names a placeholder stands for: the allow-lists.
func expansions(ph string) []string {
	var out []string
	switch ph {
	case kindPlaceholder:
		for _, k := range graph.Kinds {
			out = append(out, string(k.Kind))
		}
	case typePlaceholder:
		for _, t := range graph.EdgeTypes {
			out = append(out, string(t.Type))
		}
	}
	return out
}

// String names the statement for logs and messages: nodes.cypher:put_node:Document.
func (s *stmt) String() string { return path.Base(s.file) + ":" + s.key }
