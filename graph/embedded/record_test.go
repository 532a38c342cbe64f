package embedded

import (
	"encoding/json"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/issgraph/issgraph/graph"
	"github.com/issgraph/issgraph/graph/graphtest"
)

// TestRecordRoundTrip encodes a node of every kind and an edge of every
// type, with every property their specs allow, and decodes them as they
// were, each property of its Go type.
func TestRecordRoundTrip(t *testing.T) {
	for _, spec := range graph.Kinds {
		n := graphtest.FullNode(spec.Prefix+"a", "Full "+string(spec.Kind))
		b, err := appendNode(nil, &n)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readNode([]byte(n.ID), b)
		if err != nil || !got.Equal(n) {
			t.Errorf("%s: read back %+v, %v; want %+v", spec.Kind, got, err, n)
		}
	}
	for _, spec := range graph.EdgeTypes {
		fs, _ := graph.LookupKind(spec.From[0])
		ts, _ := graph.LookupKind(spec.To[0])
		e := graphtest.FullEdge(spec.Type, fs.Prefix+"a", ts.Prefix+"b")
		b, err := appendEdge(nil, &e)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readEdge([]byte(e.ID()), b)
		if err != nil || !got.Equal(e) {
			t.Errorf("%s: read back %+v, %v; want %+v", spec.Type, got, err, e)
		}
	}
}

// TestFormatVersion1 opens a file that a build of format version 1 wrote,
// its records JSON: it reads as it is, the first write turns it into
// version 2 (so that such a build refuses it rather than misread its
// binary records), and the records of both encodings load when the image
// is not there to read.
func TestFormatVersion1(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "v1.db")
	a, b := graphtest.FullNode("document/a", "Alpha"), graphtest.FullNode("document/b", "Beta")
	e := graphtest.FullEdge(graph.Cites, a.ID, b.ID)
	js := func(v any) string {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	writeRaw(t, path, map[string]map[string]string{
		"meta":  {"version": "1"},
		"nodes": {a.ID: js(a), b.ID: js(b)},
		"edges": {e.ID(): js(e)},
	})
	s := mustOpen(t, path)
	if got, err := s.GetNode(ctx, a.ID); err != nil || !got.Equal(a) {
		t.Fatalf("GetNode from a version 1 file: %+v, %v", got, err)
	}
	c := graphtest.FullNode("document/c", "Gamma")
	if err := s.PutNode(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.PutEdge(ctx, graphtest.FullEdge(graph.Cites, c.ID, a.ID)); err != nil {
		t.Fatal(err)
	}
	nodes, edges := snapshot(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if v := string(tx.Bucket(metaBucket).Get(versionKey)); v != formatVersion {
			t.Errorf("after a write, format version %q, want %q", v, formatVersion)
		}
		nb := tx.Bucket(nodesBucket)
		if r := nb.Get([]byte(a.ID)); len(r) == 0 || r[0] != '{' {
			t.Errorf("the untouched record of %s: %q, want its JSON", a.ID, r)
		}
		if r := nb.Get([]byte(c.ID)); len(r) == 0 || r[0] != recordBinary {
			t.Errorf("the new record of %s: %q, want a binary record", c.ID, r)
		}
		return tx.DeleteBucket(imageBucket) // the next Open reads the records
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, path)
	defer s.Close()
	if s.imageCurrent {
		t.Fatal("Open read an image that was deleted")
	}
	n2, e2 := snapshot(t, s)
	sameGraph(t, "from records of both encodings", nodes, edges, n2, e2)
}

// FuzzReadRecord decodes arbitrary bytes as node and edge records: never a
// panic, and a record that decodes and validates encodes back to itself.
func FuzzReadRecord(f *testing.F) {
	n := graphtest.FullNode("document/a", "Alpha")
	nb, err := appendNode(nil, &n)
	if err != nil {
		f.Fatal(err)
	}
	e := graphtest.FullEdge(graph.Cites, "document/a", "document/b")
	eb, err := appendEdge(nil, &e)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(nb)
	f.Add(eb)
	f.Add([]byte("\x01\x08Document\x01A\x00\x00"))
	f.Add([]byte(`{"id":"document/a","kind":"Document","name":"A"}`))
	f.Fuzz(func(t *testing.T, v []byte) {
		if n, err := readNode([]byte("document/a"), v); err == nil && len(v) > 0 && v[0] == recordBinary && n.Validate() == nil {
			b, err := appendNode(nil, &n)
			if err != nil {
				t.Fatalf("a valid node does not encode: %v", err)
			}
			if back, err := readNode([]byte("document/a"), b); err != nil || !back.Equal(n) {
				t.Fatalf("encoded and read back: %+v, %v; want %+v", back, err, n)
			}
		}
		if e, err := readEdge([]byte("CITES:document/a->document/b"), v); err == nil && len(v) > 0 && v[0] == recordBinary && e.Validate() == nil {
			b, err := appendEdge(nil, &e)
			if err != nil {
				t.Fatalf("a valid edge does not encode: %v", err)
			}
			if back, err := readEdge([]byte(e.ID()), b); err != nil || !back.Equal(e) {
				t.Fatalf("encoded and read back: %+v, %v; want %+v", back, err, e)
			}
		}
	})
}
