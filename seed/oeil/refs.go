package oeil

import (
	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/ref"
)

// reference is a canonical reference and the id of the node it names.
type reference struct {
	canon     string // COM(2014) 365, 2010/2308(INI)
	id        string // document/com-2014-0365, procedure/2010-2308-ini
	procedure bool   // a procedure reference rather than a document's
}

// parseRef reads a reference with graph/ref, the one normaliser every
// importer shares.
func parseRef(s string) (reference, error) {
	r, err := ref.Parse(s)
	if err != nil {
		return reference{}, err
	}
	return reference{canon: r.String(), id: r.ID(), procedure: r.Kind() == graph.Procedure}, nil
}

// procedureRefs returns the procedure references in a text such as "See
// also 2013/2636(RSP)".
func procedureRefs(s string) []reference {
	var out []reference
	for _, m := range ref.Extract(s) {
		if m.Ref.Kind() == graph.Procedure {
			out = append(out, reference{canon: m.Ref.String(), id: m.Ref.ID(), procedure: true})
		}
	}
	return out
}
