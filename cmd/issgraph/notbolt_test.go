package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// notBolt listens on a loopback port and answers every connection with
// answer; it counts the connections. Closed by the test's cleanup.
func notBolt(t *testing.T, answer func(c net.Conn)) (addr string, conns *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("no loopback:", err)
	}
	conns = &atomic.Int32{}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(5 * time.Second))
				answer(c)
			}()
		}
	}()
	return ln.Addr().String(), conns
}

// readPreamble reads what a Bolt client sends first (magic and four
// version proposals), so that closing after the answer is a clean close,
// not a reset the driver would report as a lost connection.
func readPreamble(c net.Conn) bool {
	buf := make([]byte, 20)
	_, err := io.ReadFull(c, buf)
	return err == nil
}

// eventually polls cond until it holds or a generous deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestServeOnAPortThatIsNotBolt: NEO4J_URI names a port that answers
// garbage or HTTP (a wrong port, a proxy, a service that took the
// address). serve starts anyway, reports 503 with its reason on /readyz,
// answers UNAVAILABLE, and keeps retrying the start-up in the background,
// as it does when nothing listens. (It used to exit 1: the driver's
// errors for such a handshake were not classified as unavailable.)
func TestServeOnAPortThatIsNotBolt(t *testing.T) {
	answers := []struct {
		name   string
		answer func(c net.Conn)
	}{
		{"garbage", func(c net.Conn) {
			if readPreamble(c) {
				_, _ = c.Write([]byte("\x00\x01\x02\x03 garbage, not Bolt \xff\xfe\n"))
			}
		}},
		{"HTTP", func(c net.Conn) {
			if readPreamble(c) {
				_, _ = c.Write([]byte("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
			}
		}},
	}
	for _, a := range answers {
		t.Run(a.name, func(t *testing.T) {
			fastRetries(t)
			countingDataset(t)
			addr, conns := notBolt(t, a.answer)
			// Only NEO4J_URI: every other NEO4J_* at its default.
			s := startServerEnv(t, map[string]string{"NEO4J_URI": "bolt://" + addr}, "--store=neo4j")

			resp, body := get(t, s.base+"/readyz")
			var ready map[string]string
			if err := json.Unmarshal([]byte(body), &ready); err != nil {
				t.Fatalf("/readyz: %v: %s", err, body)
			}
			if resp.StatusCode != http.StatusServiceUnavailable || ready["reason"] != "store unavailable" {
				t.Errorf("/readyz: %d %v, want 503 with reason \"store unavailable\"", resp.StatusCode, ready)
			}
			if resp, _ := get(t, s.base+"/healthz"); resp.StatusCode != http.StatusOK {
				t.Errorf("/healthz: %d, want 200: the process is alive", resp.StatusCode)
			}
			start := time.Now()
			code, out := s.post(t, `{ node(id: "agency/europol") { id } }`, nil)
			if code/100 == 5 || len(out.Errors) != 1 || out.Errors[0].Extensions["code"] != "UNAVAILABLE" {
				t.Errorf("a query: %d %+v, want UNAVAILABLE", code, out)
			}
			t.Logf("query answered %v in %v", out.Errors, time.Since(start).Round(time.Millisecond))

			// The start-up is retried in the background: the port sees new
			// connections and the log says so.
			seen := conns.Load()
			eventually(t, "start-up is retried", func() bool {
				return conns.Load() >= seen+3 && strings.Count(s.logs.String(), "start-up still failing") >= 2
			})
			if logs := s.logs.String(); !strings.Contains(logs, "store unavailable at start") {
				t.Errorf("logs lack the start-up warning:\n%s", logs)
			}
			if err := s.stop(); err != nil {
				t.Errorf("stop: %v", err)
			}
		})
	}
}

// serve returns, and stops its background start-up, when it fails after
// the start-up began retrying (here: the address is taken).
func TestServeFailsCleanlyWhileRetrying(t *testing.T) {
	fastRetries(t)
	countingDataset(t)
	addr, _ := notBolt(t, func(c net.Conn) {
		if readPreamble(c) {
			_, _ = c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"))
		}
	})
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	cfg, err := parseConfig("serve", []string{"--store=neo4j", "--addr", taken.Addr().String()}, getenv(map[string]string{"NEO4J_URI": "bolt://" + addr}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- serve(t.Context(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)), serveHooks{}) }()
	select {
	case err := <-done:
		if err == nil {
			t.Error("serve on a taken address succeeded")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not return after failing to listen")
	}
}
