package neo4jstore

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/issgraph/issgraph/graph"
)

// The Cypher of the analyst queries (query.go) cannot be a fixed set of
// statements in cypher/*.cypher: a filter tree has any shape. It is
// generated, by this small builder, under the rule every statement of the
// package keeps: no user input in the text. The builder is the accepted
// exception to "statements live in .cypher files", and it is built so that
// the rule holds by construction:
//
//   - Text is of type frag. A Go string constant converts to it
//     implicitly, so the generator writes its fixed fragments (clauses,
//     operators, punctuation) as constants; a string variable does not, and the only
//     conversions frag(...) of this package are in the few functions
//     below, which TestFragConversions holds to a list: param and fresh
//     (names the builder makes: $p0, o1), join (of frags), and the
//     allow-list lookups label, relType and propKey, which return a kind
//     label, an edge type or a property key only if the domain's
//     allow-lists (graph.Kinds, graph.EdgeTypes, their PropSpecs and the
//     reserved keys) hold it, and fail otherwise.
//   - Every value, whatever its origin, is a parameter ($p0, $p1, ...).
//   - Its output for a table of queries is checked in as golden files
//     (testdata/query/*.cypher, in the catalog's own format), which
//     scripts/cypher-lint.mjs lints with Neo4j's parser like every other
//     statement: the shapes the generator can produce are linted, and a
//     change to them shows in review as a golden diff.
//
// No text is formatted from values: nothing of a request reaches the text
// but the choice among allow-listed names and fixed fragments.

// frag is a piece of Cypher text (see above).
type frag string

// gen accumulates one statement's parameters and fresh variable names.
// An allow-list miss (a bug: Normalize has checked every name) is kept in
// err and reported when the statement is finished.
type gen struct {
	params map[string]any
	vars   map[frag]int
	err    error
}

func newGen() *gen { return &gen{params: map[string]any{}, vars: map[frag]int{}} }

// param makes v a parameter and returns its reference, $p<n>.
func (g *gen) param(v any) frag {
	name := "p" + strconv.Itoa(len(g.params))
	g.params[name] = v
	return frag("$" + name)
}

// namedParam sets a parameter of a fixed name (ids, limit).
func (g *gen) namedParam(name frag, v any) frag {
	g.params[string(name)] = v
	return "$" + name
}

// fresh returns a new variable name: prefix (a constant) and a number.
func (g *gen) fresh(prefix frag) frag {
	g.vars[prefix]++
	return frag(string(prefix) + strconv.Itoa(g.vars[prefix]))
}

// join joins frags with sep.
func join(fs []frag, sep frag) frag {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteString(string(sep))
		}
		b.WriteString(string(f))
	}
	return frag(b.String())
}

func (g *gen) fail(format string, args ...any) frag {
	if g.err == nil {
		g.err = fmt.Errorf("neo4jstore: query: "+format, args...)
	}
	return "null"
}

// label returns k as a node label, if it is a kind of the allow-list.
func (g *gen) label(k graph.Kind) frag {
	if !k.Valid() {
		return g.fail("kind %q is not on the allow-list", k)
	}
	return frag(string(k))
}

// labels returns "A|B" for a label expression.
func (g *gen) labels(ks []graph.Kind) frag {
	out := make([]frag, len(ks))
	for i, k := range ks {
		out[i] = g.label(k)
	}
	return join(out, "|")
}

// relType returns t as a relationship type, if it is on the allow-list.
func (g *gen) relType(t graph.EdgeType) frag {
	if !t.Valid() {
		return g.fail("edge type %q is not on the allow-list", t)
	}
	return frag(string(t))
}

// propKey returns a property key the Store writes: a domain property of
// some kind or edge type, a reserved key, or a companion (fold and
// precision) of one.
func (g *gen) propKey(name string) frag {
	if !propKeys()[name] {
		return g.fail("property %q is not one the Store writes", name)
	}
	return frag(name)
}

// propKeys is every property key the Store writes (Schema's list).
var propKeys = sync.OnceValue(func() map[string]bool {
	keys := map[string]bool{}
	for _, k := range storedKeys() {
		keys[k] = true
	}
	return keys
})

// storedKeys lists, sorted, every property key the Store writes: the
// reserved keys, the domain properties, and their companions (foldSuffix
// of text, precisionSuffix of dates).
func storedKeys() []string {
	keys := map[string]bool{}
	for k := range nodeReserved {
		keys[k] = true
	}
	for k := range edgeReserved {
		keys[k] = true
	}
	add := func(specs []graph.PropSpec) {
		for _, p := range specs {
			keys[p.Name] = true
			switch p.Type {
			case graph.String, graph.Strings:
				keys[p.Name+foldSuffix] = true
			case graph.DateP:
				keys[p.Name+precisionSuffix] = true
			}
		}
	}
	for _, k := range graph.Kinds {
		add(k.Props)
	}
	for _, t := range graph.EdgeTypes {
		add(t.Props)
	}
	out := make([]string, 0, len(keys))
	for k := range keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
