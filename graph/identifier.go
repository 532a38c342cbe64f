package graph

// Identifier is one of the identifiers EU analysts know a node by: its
// canonical reference, its CELEX number, its ELI. Derived is true when the
// service computed it from another identifier (a CELEX number from a
// directive's reference) rather than read it in a source. graph/ref
// computes them (ref.Identifiers).
type Identifier struct {
	Scheme  string // IdentifierReference, IdentifierCELEX, IdentifierELI
	Value   string
	Derived bool
}

// The identifier schemes.
const (
	IdentifierReference = "reference"
	IdentifierCELEX     = "celex"
	IdentifierELI       = "eli"
)

// Link is a public web page about a node, built from its identifiers by a
// documented URL pattern, without any network call (ref.Links).
type Link struct {
	Label string // the site: EUR-Lex, Legislative Observatory, Council register, ...
	URL   string
}
