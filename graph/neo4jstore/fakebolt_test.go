package neo4jstore

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/issgraph/issgraph/graph"
)

// A fake Neo4j that speaks just enough Bolt 4.4 for the real driver to
// log in and run a statement, scripted message by message: the failures a
// Neo4j shows while it shuts down can then be played to the Store on
// purpose, where the live outage test meets them about once in five runs.

// Bolt message signatures.
const (
	boltHello    = 0x01
	boltGoodbye  = 0x02
	boltReset    = 0x0F
	boltRun      = 0x10
	boltBegin    = 0x11
	boltCommit   = 0x12
	boltRollback = 0x13
	boltPull     = 0x3F
	boltSuccess  = 0x70
	boltFailure  = 0x7F
)

// packValue appends v in PackStream: strings, small ints, bools, lists of
// strings and maps of those, all the fake needs.
func packValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case string:
		if len(v) < 16 {
			b = append(b, 0x80|byte(len(v)))
		} else {
			b = append(b, 0xD0, byte(len(v)))
		}
		return append(b, v...)
	case int:
		return append(b, byte(v)) // a tiny int, 0 to 127
	case bool:
		if v {
			return append(b, 0xC3)
		}
		return append(b, 0xC2)
	case []string:
		b = append(b, 0x90|byte(len(v)))
		for _, s := range v {
			b = packValue(b, s)
		}
		return b
	case map[string]any:
		b = append(b, 0xA0|byte(len(v)))
		for k, x := range v {
			b = packValue(packValue(b, k), x)
		}
		return b
	}
	panic("packValue: unsupported value")
}

// boltMessage is one message with one map field (SUCCESS, FAILURE),
// chunked.
func boltMessage(sig byte, meta map[string]any) []byte {
	body := packValue([]byte{0xB1, sig}, meta)
	out := binary.BigEndian.AppendUint16(nil, uint16(len(body)))
	out = append(out, body...)
	return append(out, 0, 0)
}

// readBoltMessage reads one chunked message and returns its signature.
func readBoltMessage(r io.Reader) (byte, error) {
	var msg []byte
	for {
		var size [2]byte
		if _, err := io.ReadFull(r, size[:]); err != nil {
			return 0, err
		}
		n := binary.BigEndian.Uint16(size[:])
		if n == 0 {
			if len(msg) < 2 {
				continue // a no-op chunk
			}
			return msg[1], nil
		}
		chunk := make([]byte, n)
		if _, err := io.ReadFull(r, chunk); err != nil {
			return 0, err
		}
		msg = append(msg, chunk...)
	}
}

// fakeBolt is a Bolt 4.4 server on a loopback port. answer gives the reply
// to each message the driver sends after logging in; a nil reply closes
// the connection. Once down is called, the port refuses connections, as a
// stopped Neo4j's does.
type fakeBolt struct {
	addr   string
	ln     net.Listener
	answer func(sig byte) []byte

	mu    sync.Mutex
	conns []net.Conn
	got   []byte // the signatures received, in order
	wg    sync.WaitGroup
}

func newFakeBolt(t *testing.T, answer func(sig byte) []byte) *fakeBolt {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("no loopback:", err)
	}
	f := &fakeBolt{addr: ln.Addr().String(), ln: ln, answer: answer}
	t.Cleanup(func() {
		f.down()
		f.mu.Lock()
		for _, c := range f.conns {
			c.Close()
		}
		f.mu.Unlock()
		f.wg.Wait()
	})
	f.wg.Add(1)
	go func() {
		defer f.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			f.mu.Lock()
			f.conns = append(f.conns, c)
			f.mu.Unlock()
			f.wg.Add(1)
			go func() { defer f.wg.Done(); f.serve(c) }()
		}
	}()
	return f
}

func (f *fakeBolt) down() { f.ln.Close() }

func (f *fakeBolt) received() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var names []string
	for _, s := range f.got {
		names = append(names, map[byte]string{boltHello: "HELLO", boltGoodbye: "GOODBYE", boltReset: "RESET", boltRun: "RUN",
			boltBegin: "BEGIN", boltCommit: "COMMIT", boltRollback: "ROLLBACK", boltPull: "PULL"}[s])
	}
	return strings.Join(names, " ")
}

func (f *fakeBolt) serve(c net.Conn) {
	defer c.Close()
	hs := make([]byte, 20) // the magic and four version offers
	if _, err := io.ReadFull(c, hs); err != nil {
		return
	}
	if _, err := c.Write([]byte{0, 0, 4, 4}); err != nil { // Bolt 4.4
		return
	}
	for {
		sig, err := readBoltMessage(c)
		if err != nil {
			return
		}
		f.mu.Lock()
		f.got = append(f.got, sig)
		f.mu.Unlock()
		var reply []byte
		switch sig {
		case boltHello:
			reply = boltMessage(boltSuccess, map[string]any{"server": "Neo4j/4.4.0", "connection_id": "bolt-1"})
		case boltGoodbye:
			return
		case boltReset, boltRollback:
			reply = boltMessage(boltSuccess, map[string]any{})
		default:
			reply = f.answer(sig)
		}
		if reply == nil {
			return
		}
		if _, err := c.Write(reply); err != nil {
			return
		}
	}
}

// openFake opens a Store on f with the retry budget budget.
func openFake(t *testing.T, f *fakeBolt, budget time.Duration) *Store {
	t.Helper()
	cfg := defaultConfig(t, "bolt://"+f.addr)
	cfg.MaxRetryTime = budget
	s, err := Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The driver's first back-off: 2s less its jitter (20%). A call that
// answered later than this waited for one.
const driverFirstBackoff = 1600 * time.Millisecond

// TestCommitFailingInShutdown: a Neo4j that shuts down answers a commit
// with DatabaseUnavailable (live: 357ms into a write). The driver then
// backed off (2s, then 4s) with the Store's budget unable to cut it, since
// a commit is never cut and the driver sleeps on the commit's context: the
// write answered UNAVAILABLE 6.7s after it began with a 5s budget. No
// back-off may carry a call past the budget.
func TestCommitFailingInShutdown(t *testing.T) {
	const budget = 100 * time.Millisecond
	var f *fakeBolt
	f = newFakeBolt(t, func(sig byte) []byte {
		switch sig {
		case boltBegin:
			return boltMessage(boltSuccess, map[string]any{})
		case boltRun:
			return boltMessage(boltSuccess, map[string]any{"fields": []string{"id"}, "t_first": 0})
		case boltPull:
			return boltMessage(boltSuccess, map[string]any{"has_more": false, "type": "w", "t_last": 0,
				"stats": map[string]any{"nodes-created": 1}})
		case boltCommit:
			f.down() // the server is going away
			return boltMessage(boltFailure, map[string]any{
				"code": "Neo.TransientError.General.DatabaseUnavailable", "message": "Database 'neo4j' unavailable"})
		}
		return nil
	})
	s := openFake(t, f, budget)
	start := time.Now()
	err := s.CreateNode(context.Background(), graph.Node{ID: "agency/a", Kind: graph.Agency, Name: "A"})
	took := time.Since(start)
	t.Logf("CreateNode: %v after %v; the server got %s", err, took.Round(time.Millisecond), f.received())
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("CreateNode: %v, want ErrUnavailable", err)
	}
	if !strings.Contains(err.Error(), "DatabaseUnavailable") {
		t.Errorf("CreateNode: %v, want the commit's own answer (the commit was cut?)", err)
	}
	if took >= driverFirstBackoff {
		t.Errorf("CreateNode answered after %v: a back-off ran past the budget of %v", took, budget)
	}
}

// TestSingleStatementLostMidAnswer: a Neo4j that stops after it answered
// a single-statement read's RUN, before its records. The read falls back
// to a managed transaction under the same budget (readOne); the budget
// must still cut the back-offs of that fallback: they ran unchecked, and
// reads answered UNAVAILABLE 7.1-7.6s after they began with a 5s budget.
func TestSingleStatementLostMidAnswer(t *testing.T) {
	const budget = 100 * time.Millisecond
	var f *fakeBolt
	f = newFakeBolt(t, func(sig byte) []byte {
		switch sig {
		case boltRun:
			return boltMessage(boltSuccess, map[string]any{"fields": []string{"n"}, "t_first": 0})
		case boltPull:
			f.down()
			return nil // the connection breaks before the records
		}
		return nil
	})
	s := openFake(t, f, budget)
	start := time.Now()
	_, err := s.GetNode(context.Background(), "agency/a")
	took := time.Since(start)
	t.Logf("GetNode: %v after %v; the server got %s", err, took.Round(time.Millisecond), f.received())
	if !errors.Is(err, graph.ErrUnavailable) {
		t.Fatalf("GetNode: %v, want ErrUnavailable", err)
	}
	if took >= driverFirstBackoff {
		t.Errorf("GetNode answered after %v: a back-off ran past the budget of %v", took, budget)
	}
}
