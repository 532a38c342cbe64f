package embedded

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unsafe"

	bolt "go.etcd.io/bbolt"
)

// The log. A write does not put its records into the "nodes" and "edges"
// buckets: it appends them, as one value, to the bucket "log", under the
// next sequence number, in the transaction that makes it durable. The
// records' keys are spread over the whole tree (an edge's key is its
// type and ends), so putting a batch of 5,000 into the buckets dirtied
// thousands of pages, which bbolt wrote and synced at every commit: two
// thirds of the CPU of seeding a large graph went there (issue 12). An
// append writes the batch's bytes once, at the end of the log's tree.
//
// The log is folded into the buckets, in one transaction that applies
// every entry in order and empties it, at Open when it holds anything
// (after a crash), at Close, and when it grows past foldAfter bytes, so
// that a server that never stops keeps it bounded. Folding writes each
// touched page once for all the writes it folds. Everything that reads the
// records (Open, Check, Repair) folds first, so the buckets are what the
// file holds; the log is never read otherwise. Durability is the same:
// a write returns once its entry is committed and fsynced.
//
// An entry is a sequence of operations: the bucket ('n' or 'e'), the key
// (uvarint length and bytes), then 0 and nothing for a delete, or 1 and
// the record (uvarint length and bytes) for a put.

var logBucket = []byte("log")

// foldAfter is the size of the log, in bytes of entries, past which a
// write folds it.
const foldAfter = 64 << 20

const (
	logNode byte = 'n'
	logEdge byte = 'e'
)

// appendOp appends one operation to an entry; a nil record deletes.
func appendOp(b []byte, bucket byte, key string, record []byte, del bool) []byte {
	b = append(b, bucket)
	b = binary.AppendUvarint(b, uint64(len(key)))
	b = append(b, key...)
	if del {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendUvarint(b, uint64(len(record)))
	return append(b, record...)
}

// appendLog appends entry to the log of tx.
func appendLog(tx *bolt.Tx, entry []byte) error {
	lb, err := tx.CreateBucketIfNotExists(logBucket)
	if err != nil {
		return err
	}
	seq, err := lb.NextSequence()
	if err != nil {
		return err
	}
	return lb.Put(binary.BigEndian.AppendUint64(nil, seq), entry)
}

var errLog = errors.New("damaged log entry")

// fold applies the log's entries to the buckets, in order, and empties
// it. Only the last operation on a key counts, so each bucket is written
// once, in key order. It reports whether the log held anything.
func fold(tx *bolt.Tx) (bool, error) {
	lb := tx.Bucket(logBucket)
	if lb == nil {
		return false, nil
	}
	if k, _ := lb.Cursor().First(); k == nil {
		return false, nil
	}
	// Every operation, in the order written; the keys and records point
	// into one copy of each entry, which outlives the page it is read
	// from.
	type op struct {
		bucket byte
		del    bool
		seq    int // its place in the log
		key    string
		record []byte
	}
	var ops []op
	err := lb.ForEach(func(k, v []byte) error {
		v = clone(v)
		for off := 0; off < len(v); {
			bucket := v[off]
			n, w := binary.Uvarint(v[off+1:])
			if bucket != logNode && bucket != logEdge || w <= 0 || n == 0 || n > uint64(len(v)-off-1-w) {
				return fmt.Errorf("%w %x at byte %d", errLog, k, off)
			}
			off += 1 + w
			key := unsafe.String(&v[off], int(n))
			off += int(n)
			if off >= len(v) {
				return fmt.Errorf("%w %x at byte %d", errLog, k, off)
			}
			if v[off] == 0 {
				ops = append(ops, op{bucket: bucket, del: true, seq: len(ops), key: key})
				off++
				continue
			}
			if v[off] != 1 {
				return fmt.Errorf("%w %x at byte %d", errLog, k, off)
			}
			off++
			n, w = binary.Uvarint(v[off:])
			if w <= 0 || n > uint64(len(v)-off-w) {
				return fmt.Errorf("%w %x at byte %d", errLog, k, off)
			}
			off += w
			ops = append(ops, op{bucket: bucket, seq: len(ops), key: key, record: v[off : off+int(n) : off+int(n)]})
			off += int(n)
		}
		return nil
	})
	if err != nil {
		return true, err
	}
	// By bucket and key, each key's operations in the order written:
	// the last of each run is the one that counts.
	slices.SortFunc(ops, func(a, b op) int {
		if c := cmp.Compare(a.bucket, b.bucket); c != 0 {
			return c
		}
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	buckets := map[byte]*bolt.Bucket{logNode: tx.Bucket(nodesBucket), logEdge: tx.Bucket(edgesBucket)}
	// The keys come in order: pages split full, as when appending,
	// rather than half full, so the buckets take fewer pages to write.
	for _, b := range buckets {
		b.FillPercent = 0.9
	}
	for i, o := range ops {
		if i+1 < len(ops) && ops[i+1].bucket == o.bucket && ops[i+1].key == o.key {
			continue
		}
		b := buckets[o.bucket]
		key := unsafe.Slice(unsafe.StringData(o.key), len(o.key)) // in the entry's copy, which bbolt does not change
		var err error
		if o.del {
			err = b.Delete(key)
		} else {
			err = b.Put(key, o.record)
		}
		if err != nil {
			return true, fmt.Errorf("fold the log: %q: %w", o.key, err)
		}
	}
	if err := tx.DeleteBucket(logBucket); err != nil {
		return true, err
	}
	return true, nil
}

// foldLog folds the file's log in a transaction of its own, which it
// commits only when the log held anything: a commit would make the image
// stale (image.go).
func (s *Store) foldLog() error {
	tx, err := s.db.Begin(true)
	if err != nil {
		return err
	}
	held, err := fold(tx)
	if err != nil || !held {
		return errors.Join(err, tx.Rollback())
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.logBytes = 0
	return nil
}
