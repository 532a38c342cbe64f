package embedded

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"github.com/issgraph/issgraph/graph"
)

// The image is what Open would otherwise rebuild from the records: the
// graph as the store holds it in memory (core.go), in one compact binary
// value of the file's "image" bucket. The records stay the source of
// truth; the image is derived data, like the full-text index.
//
// Close writes it when the store has changed since it was read or last
// written, in a transaction of its own, and records that transaction's id
// beside it. bbolt gives every write transaction a new id, so the image is
// current exactly when the last transaction the file committed is the one
// that wrote it: any later write (a record written by a build that does
// not write images, Repair's quarantine, a crash after a write, whose
// Close never ran) leaves it stale, and Open then reads the records as it
// always did, validating each, and the next Close writes a new image.
// An image is read only when its version is this build's imageVersion:
// a change of the image's layout, or of what validation accepts, bumps it.
//
// An image of 100,000 nodes and 500,000 edges is about a tenth of the
// records' size and decodes in a fraction of a second: the nodes in id
// order, numbered by that order, each with its out list in
// graph.CompareEdges order (the in lists follow from them); the strings of
// a decoded image point into the one buffer read from the file, never
// copied, which is safe because nothing writes to it.

// imageVersion is the layout of the image this build reads and writes.
const imageVersion = 1

var (
	imageBucket = []byte("image")
	imageTxKey  = []byte("tx")   // the id of the transaction that wrote the image, 8 bytes
	imageKey    = []byte("data") // the image
)

// imageMagic starts every image.
const imageMagic = "issgraph-image"

// Property value tags.
const (
	tagString byte = iota + 1
	tagStrings
	tagDate
	tagInt
	tagFalse
	tagTrue
)

type imageWriter struct{ b []byte }

func (w *imageWriter) uint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *imageWriter) str(s string)  { w.uint(uint64(len(s))); w.b = append(w.b, s...) }

func (w *imageWriter) props(p graph.Props) error {
	w.uint(uint64(len(p)))
	for _, k := range p.Keys() {
		w.str(k)
		switch v := p[k].(type) {
		case string:
			w.b = append(w.b, tagString)
			w.str(v)
		case []string:
			w.b = append(w.b, tagStrings)
			w.uint(uint64(len(v)))
			for _, x := range v {
				w.str(x)
			}
		case graph.Date:
			w.b = append(w.b, tagDate)
			w.uint(uint64(v.Year))
			w.uint(uint64(v.Month))
			w.uint(uint64(v.Day))
		case int64:
			w.b = append(w.b, tagInt)
			w.b = binary.AppendVarint(w.b, v)
		case bool:
			if v {
				w.b = append(w.b, tagTrue)
			} else {
				w.b = append(w.b, tagFalse)
			}
		default:
			return fmt.Errorf("property %q: a %T", k, v)
		}
	}
	return nil
}

func (w *imageWriter) sources(ss []graph.Source) {
	w.uint(uint64(len(ss)))
	for _, s := range ss {
		w.str(s.File)
		w.str(s.Section)
		w.str(s.Lines)
		w.str(s.Note)
	}
}

// image encodes the graph. It runs under the write lock or with the store
// otherwise held still.
func (s *Store) image() ([]byte, error) {
	nums := make([]uint32, 0, len(s.ids))
	for _, i := range s.ids {
		nums = append(nums, i)
	}
	slices.SortFunc(nums, func(a, b uint32) int { return strings.Compare(s.nodes[a].node.ID, s.nodes[b].node.ID) })
	at := make([]uint32, len(s.nodes)) // image number by store number
	for j, i := range nums {
		at[i] = uint32(j)
	}
	kinds := map[graph.Kind]uint64{}
	for i, k := range graph.Kinds {
		kinds[k.Kind] = uint64(i)
	}
	w := &imageWriter{b: make([]byte, 0, 64<<10)}
	w.b = append(w.b, imageMagic...)
	w.uint(imageVersion)
	w.uint(uint64(len(nums)))
	for _, i := range nums {
		n := s.nodes[i].node
		w.str(n.ID)
		w.uint(kinds[n.Kind])
		w.str(n.Name)
		if err := w.props(n.Props); err != nil {
			return nil, fmt.Errorf("node %q: %w", n.ID, err)
		}
		w.sources(n.Sources)
	}
	for _, i := range nums {
		out := s.nodes[i].out
		w.uint(uint64(len(out)))
		for _, a := range out {
			w.uint(uint64(at[a.other]))
			w.b = append(w.b, a.typ())
			x := a.extra()
			if x == 0 {
				w.b = append(w.b, 0)
				continue
			}
			w.b = append(w.b, 1)
			if err := w.props(s.extras[x].props); err != nil {
				return nil, fmt.Errorf("edge %s: %w", s.edgeOut(i, a).Key(), err)
			}
			w.sources(s.extras[x].sources)
		}
	}
	return w.b, nil
}

var errImage = errors.New("bad image")

type imageReader struct {
	b   []byte
	off int
	err error
}

func (r *imageReader) fail() {
	if r.err == nil {
		r.err = fmt.Errorf("%w at byte %d", errImage, r.off)
	}
}

func (r *imageReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail()
		return 0
	}
	r.off += n
	return v
}

func (r *imageReader) int() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.fail()
		return 0
	}
	r.off += n
	return v
}

func (r *imageReader) byte() byte {
	if r.err != nil || r.off >= len(r.b) {
		r.fail()
		return 0
	}
	r.off++
	return r.b[r.off-1]
}

// str returns the next string, pointing into the buffer.
func (r *imageReader) str() string {
	n := r.uint()
	if r.err != nil || n > uint64(len(r.b)-r.off) {
		r.fail()
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&r.b[r.off], int(n))
	r.off += int(n)
	return s
}

// count reads a number of items, each of at least one byte.
func (r *imageReader) count() int {
	n := r.uint()
	if n > uint64(len(r.b)-r.off) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *imageReader) props() graph.Props {
	n := r.count()
	if n == 0 {
		return nil
	}
	p := make(graph.Props, n)
	for range n {
		k := r.str()
		switch r.byte() {
		case tagString:
			p[k] = r.str()
		case tagStrings:
			list := make([]string, r.count())
			for i := range list {
				list[i] = r.str()
			}
			p[k] = list
		case tagDate:
			y, m, d := r.uint(), r.uint(), r.uint()
			p[k] = graph.Date{Year: int(y), Month: time.Month(m), Day: int(d)}
		case tagInt:
			p[k] = r.int()
		case tagFalse:
			p[k] = false
		case tagTrue:
			p[k] = true
		default:
			r.fail()
		}
	}
	return p
}

func (r *imageReader) sources() []graph.Source {
	n := r.count()
	if n == 0 {
		return nil
	}
	ss := make([]graph.Source, n)
	for i := range ss {
		ss[i] = graph.Source{File: r.str(), Section: r.str(), Lines: r.str(), Note: r.str()}
	}
	return ss
}

// loadImage replaces the empty graph of s with the image's. It returns
// false, and leaves s empty, when the image is not one this build reads.
func (s *Store) loadImage(b []byte) (bool, error) {
	if !strings.HasPrefix(string(b), imageMagic) {
		return false, nil
	}
	r := &imageReader{b: b, off: len(imageMagic)}
	if r.uint() != imageVersion {
		return false, nil
	}
	n := r.count()
	s.nodes = make([]nodeRec, n)
	s.ids = make(map[string]uint32, n)
	for i := range s.nodes {
		node := graph.Node{ID: r.str()}
		k := r.uint()
		if k >= uint64(len(graph.Kinds)) {
			r.fail()
			break
		}
		node.Kind, node.Name, node.Props, node.Sources = graph.Kinds[k].Kind, r.str(), r.props(), s.sources(r.sources())
		s.nodes[i].node = node
		s.ids[node.ID] = uint32(i)
		set := s.byKind[node.Kind]
		if set == nil {
			set = map[uint32]struct{}{}
			s.byKind[node.Kind] = set
		}
		set[uint32(i)] = struct{}{}
		s.indexRefs(uint32(i))
	}
	indeg := make([]int, n)
	for i := range s.nodes {
		out := make([]adj, r.count())
		for j := range out {
			other, t := r.uint(), r.byte()
			if other >= uint64(n) || int(t) >= len(edgeTypes) {
				r.fail()
				break
			}
			var x uint32
			switch r.byte() {
			case 0:
			case 1:
				x = s.extra(r.props(), r.sources())
			default:
				r.fail()
			}
			out[j] = newAdj(uint32(other), t, x)
			indeg[other]++
			s.edgeCount[edgeTypes[t]]++
		}
		if len(out) > 0 {
			s.nodes[i].out = out
		}
		if r.err != nil {
			break
		}
	}
	if r.err == nil && r.off != len(b) {
		r.fail()
	}
	if r.err != nil {
		return false, r.err
	}
	// The in lists, in order: by type name, then by the id at the other
	// end, which is the number, since numbers follow ids.
	for i := range s.nodes {
		if indeg[i] > 0 {
			s.nodes[i].in = make([]adj, 0, indeg[i])
		}
	}
	byRank := make([]uint8, len(edgeTypes))
	for t, rank := range typeRank {
		byRank[rank] = uint8(t)
	}
	for _, t := range byRank {
		for i := range s.nodes {
			for _, a := range s.nodes[i].out {
				if a.typ() == t {
					in := &s.nodes[a.other].in
					*in = append(*in, newAdj(uint32(i), t, a.extra()))
				}
			}
		}
	}
	return true, nil
}

// readImage loads the image of tx into s when it is current: written by
// the last transaction the file committed.
func (s *Store) readImage(tx *bolt.Tx) (bool, error) {
	b := tx.Bucket(imageBucket)
	if b == nil {
		return false, nil
	}
	id := b.Get(imageTxKey)
	if len(id) != 8 || binary.BigEndian.Uint64(id) != uint64(tx.ID()) {
		return false, nil
	}
	data := b.Get(imageKey)
	// bbolt's memory is valid only during the transaction, and the
	// strings will point into the buffer: copy it once.
	ok, err := s.loadImage(slices.Clone(data))
	if err != nil || !ok {
		// An image this build cannot read is stale data, not a
		// broken file: the records are read instead.
		s.resetGraph()
		return false, nil
	}
	return true, nil
}

// writeImage writes the image of s and the id of the transaction that
// writes it. It runs with the store held still (under wmu).
func (s *Store) writeImage() error {
	data, err := s.image()
	if err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(imageBucket)
		if err != nil {
			return err
		}
		if err := b.Put(imageKey, data); err != nil {
			return err
		}
		return b.Put(imageTxKey, binary.BigEndian.AppendUint64(nil, uint64(tx.ID())))
	})
}
