package embedded

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/issgraph/issgraph/graph"
)

// The records of the file, one per node and edge, are the source of truth.
// A record is written in a compact binary form: recordBinary, then for a
// node its kind, name, properties and sources, for an edge its properties
// and sources, in the image's encoding (image.go), which keeps every
// property's Go type. The key holds the rest: the node's id, the edge's id
// (graph.EdgeKey.String). Writing it costs a tenth of the JSON that
// format version 1 wrote, which was a third of seeding's CPU (issue 12).
//
// Records of version 1 are JSON, graph.Node's and graph.Edge's own, and
// still read: a JSON record starts with '{', never with recordBinary. A
// file of version 1 opens as it is, and the first write to it rewrites
// its version to 2 in the same transaction, since a build that reads only
// version 1 would refuse the binary records it then holds.

// recordBinary starts a record in the binary encoding.
const recordBinary byte = 0x01

// appendNode appends n's record to b.
func appendNode(b []byte, n *graph.Node) ([]byte, error) {
	w := &imageWriter{b: append(b, recordBinary)}
	w.str(string(n.Kind))
	w.str(n.Name)
	if err := w.props(n.Props); err != nil {
		return b, err
	}
	w.sources(n.Sources)
	return w.b, nil
}

// appendEdge appends e's record to b.
func appendEdge(b []byte, e *graph.Edge) ([]byte, error) {
	w := &imageWriter{b: append(b, recordBinary)}
	if err := w.props(e.Props); err != nil {
		return b, err
	}
	w.sources(e.Sources)
	return w.b, nil
}

var errTrailing = errors.New("bytes after the record")

// readNode decodes the node record v under key k, in either encoding. The
// node it returns shares no memory with v, which bbolt owns.
func readNode(k, v []byte) (graph.Node, error) {
	if len(v) == 0 || v[0] != recordBinary {
		var n graph.Node
		err := json.Unmarshal(v, &n)
		return n, err
	}
	// The strings point into one copy of the record.
	r := &imageReader{b: clone(v), off: 1}
	n := graph.Node{ID: string(k), Kind: graph.Kind(r.str()), Name: r.str(), Props: r.props(), Sources: r.sources()}
	return n, r.done()
}

// readEdge decodes the edge record v under key k, in either encoding.
func readEdge(k, v []byte) (graph.Edge, error) {
	if len(v) == 0 || v[0] != recordBinary {
		var e graph.Edge
		err := json.Unmarshal(v, &e)
		return e, err
	}
	key, err := graph.ParseEdgeKey(string(k))
	if err != nil {
		return graph.Edge{}, err
	}
	r := &imageReader{b: clone(v), off: 1}
	e := graph.Edge{Type: key.Type, From: key.From, To: key.To, Props: r.props(), Sources: r.sources()}
	return e, r.done()
}

// done is the reader's error, or errTrailing when bytes are left.
func (r *imageReader) done() error {
	if r.err == nil && r.off != len(r.b) {
		r.err = fmt.Errorf("%w at byte %d", errTrailing, r.off)
	}
	return r.err
}
