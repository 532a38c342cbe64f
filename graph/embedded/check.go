package embedded

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/issgraph/issgraph/graph"
)

// A file can hold a record that this build cannot load: one written by an
// older build whose validation was looser (issue 10: names past their limit
// once their invalid UTF-8 was replaced), or damaged by hand. Open refuses
// such a file rather than leave the record out, and says which record and
// how to repair it; Check lists every such record, and Repair moves them
// into the file's quarantine bucket, verbatim, where Check keeps reporting
// them. Nothing is ever dropped silently.

// quarantineBucket holds the records Repair moved aside: a nested bucket
// per store bucket ("nodes", "edges"), and in it one bucket per record,
// holding its bytes as they were ("record"), why it was moved ("reason")
// and when ("at", RFC 3339).
var quarantineBucket = []byte("quarantine")

var (
	recordKey = []byte("record")
	reasonKey = []byte("reason")
	atKey     = []byte("at")
)

// BadRecord is a record of the file that Open cannot load.
type BadRecord struct {
	Bucket string // "nodes" or "edges"
	Key    string
	Reason string
	Record []byte // the stored bytes, as they are
}

func (b BadRecord) String() string {
	return fmt.Sprintf("%s record %s: %s", strings.TrimSuffix(b.Bucket, "s"), strconv.Quote(b.Key), b.Reason)
}

// BadRecordsError is Open's error for a file that holds records it cannot
// load. It names the first and says how to repair the file.
type BadRecordsError struct {
	Path string
	Bad  []BadRecord
}

func (e *BadRecordsError) Error() string {
	more := ""
	if n := len(e.Bad) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more bad records)", n)
	}
	return fmt.Sprintf("%s%s; run \"issgraph check --data %s\" to list them and \"issgraph check --repair --data %s\" to move them aside into the file's quarantine",
		e.Bad[0], more, e.Path, e.Path)
}

// scan reads every record of tx, hands each node and edge that loads to
// node and edge (nodes first), and returns the records that do not load,
// in key order: those that do not decode, whose key is not their id, that
// fail validation, or edges whose end node is not among the loaded nodes.
// Open, Check and Repair share it, so they agree on what is bad.
func scan(tx *bolt.Tx, node func(graph.Node), edge func(graph.Edge)) ([]BadRecord, error) {
	var bad []BadRecord
	loaded := map[string]bool{}
	err := tx.Bucket(nodesBucket).ForEach(func(k, v []byte) error {
		n, err := decodeNode(k, v)
		if err != nil {
			bad = append(bad, BadRecord{Bucket: string(nodesBucket), Key: string(k), Reason: err.Error(), Record: clone(v)})
			return nil
		}
		loaded[n.ID] = true
		node(n)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = tx.Bucket(edgesBucket).ForEach(func(k, v []byte) error {
		e, err := decodeEdge(k, v, loaded)
		if err != nil {
			bad = append(bad, BadRecord{Bucket: string(edgesBucket), Key: string(k), Reason: err.Error(), Record: clone(v)})
			return nil
		}
		edge(e)
		return nil
	})
	return bad, err
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

func decodeNode(k, v []byte) (graph.Node, error) {
	n, err := readNode(k, v)
	if err != nil {
		return n, err
	}
	if n.ID != string(k) {
		return n, fmt.Errorf("holds node %q", n.ID)
	}
	return n, n.Validate()
}

func decodeEdge(k, v []byte, loaded map[string]bool) (graph.Edge, error) {
	e, err := readEdge(k, v)
	if err != nil {
		return e, err
	}
	if e.ID() != string(k) {
		return e, fmt.Errorf("holds edge %q", e.ID())
	}
	if err := e.Validate(); err != nil {
		return e, err
	}
	for _, id := range []string{e.From, e.To} {
		if !loaded[id] {
			return e, fmt.Errorf("no node %q (missing, or a bad record itself)", id)
		}
	}
	return e, nil
}

// Report is what Check found or Repair did.
type Report struct {
	Nodes, Edges int         // records that load
	Bad          []BadRecord // records that do not: found by Check, moved aside by Repair
	Quarantine   []BadRecord // what the quarantine holds afterwards, Bad included after Repair
}

// Check reads the store file at path and reports every record Open cannot
// load, and what the quarantine holds. It changes nothing, and needs the
// file lock: it fails with graph.ErrUnavailable while a server has the
// file open.
func Check(path string) (Report, error) {
	return inspect(path, false)
}

// Repair moves every record Open cannot load into the file's quarantine,
// verbatim and with the reason, in one transaction, and reports them: the
// file opens afterwards, and nothing is lost. An edge whose end node is
// moved aside goes with it, since it could not load either.
func Repair(path string) (Report, error) {
	return inspect(path, true)
}

func inspect(path string, repair bool) (Report, error) {
	op := "check"
	if repair {
		op = "repair"
	}
	fail := func(err error) (Report, error) { return Report{}, fmt.Errorf("embedded: %s %s: %w", op, path, err) }
	if _, err := os.Stat(path); err != nil {
		return fail(err) // never create a file to check it
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fail(fmt.Errorf("the file is locked by another process, is an issgraph using it? %w", graph.ErrUnavailable))
	}
	if err != nil {
		return fail(err)
	}
	defer db.Close()
	var r Report
	work := func(tx *bolt.Tx) error {
		if err := checkFormat(tx); err != nil {
			return err
		}
		// The records are the buckets once the log is folded into them
		// (log.go): Repair commits the fold, Check rolls it back.
		if _, err := fold(tx); err != nil {
			return err
		}
		var err error
		r.Bad, err = scan(tx, func(graph.Node) { r.Nodes++ }, func(graph.Edge) { r.Edges++ })
		if err != nil {
			return err
		}
		if repair {
			if err := quarantine(tx, r.Bad, time.Now()); err != nil {
				return err
			}
		}
		r.Quarantine, err = quarantined(tx)
		return err
	}
	if repair {
		err = db.Update(work)
	} else {
		err = rollback(db, work)
	}
	if err != nil {
		return fail(err)
	}
	return r, nil
}

// rollback runs fn in a write transaction that it rolls back: Check sees
// the file as folding its log would leave it, and changes nothing.
func rollback(db *bolt.DB, fn func(*bolt.Tx) error) error {
	tx, err := db.Begin(true)
	if err != nil {
		return err
	}
	return errors.Join(fn(tx), tx.Rollback())
}

// quarantine moves the bad records into the quarantine bucket. A key that
// the quarantine holds already (moved aside before) gets a suffix "#2",
// "#3", ... rather than replacing it.
func quarantine(tx *bolt.Tx, bad []BadRecord, at time.Time) error {
	if len(bad) == 0 {
		return nil
	}
	q, err := tx.CreateBucketIfNotExists(quarantineBucket)
	if err != nil {
		return err
	}
	for _, b := range bad {
		qb, err := q.CreateBucketIfNotExists([]byte(b.Bucket))
		if err != nil {
			return err
		}
		key := b.Key
		for i := 2; qb.Bucket([]byte(key)) != nil; i++ {
			key = b.Key + "#" + strconv.Itoa(i)
		}
		rb, err := qb.CreateBucket([]byte(key))
		if err != nil {
			return err
		}
		for k, v := range map[string][]byte{string(recordKey): b.Record, string(reasonKey): []byte(b.Reason), string(atKey): []byte(at.UTC().Format(time.RFC3339))} {
			if err := rb.Put([]byte(k), v); err != nil {
				return err
			}
		}
		if err := tx.Bucket([]byte(b.Bucket)).Delete([]byte(b.Key)); err != nil {
			return err
		}
	}
	return nil
}

// quarantined lists what the quarantine holds, by bucket and key.
func quarantined(tx *bolt.Tx) ([]BadRecord, error) {
	q := tx.Bucket(quarantineBucket)
	if q == nil {
		return nil, nil
	}
	var out []BadRecord
	err := q.ForEachBucket(func(bucket []byte) error {
		qb := q.Bucket(bucket)
		return qb.ForEachBucket(func(key []byte) error {
			rb := qb.Bucket(key)
			out = append(out, BadRecord{Bucket: string(bucket), Key: string(key),
				Reason: string(rb.Get(reasonKey)) + " (moved aside " + string(rb.Get(atKey)) + ")",
				Record: clone(rb.Get(recordKey))})
			return nil
		})
	})
	return out, err
}
