package ops

import (
	"encoding/json"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"github.com/issgraph/issgraph/resolvers"
)

// Limits configure Guard.
type Limits struct {
	// Rate is the requests per second each client may send on average; 0
	// means no rate limit.
	Rate float64
	// Burst is how many requests a client may send at once, above Rate.
	Burst int
	// MaxInFlight caps the requests Guard lets through at once; beyond it
	// the server answers 503 at once. 0 means no cap.
	MaxInFlight int
	// APIKeys are the configured keys: a request presenting one of them is
	// limited per key, any other per client address.
	APIKeys []string
	// TrustedProxies are the networks of the proxies in front of the
	// server, whose X-Forwarded-For is believed. Empty: the client is the
	// connection's peer.
	TrustedProxies []netip.Prefix
}

// ParsePrefixes reads a comma-separated list of networks (CIDR) or single
// addresses, as --trusted-proxies takes it.
func ParsePrefixes(list []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range list {
		if !strings.Contains(s, "/") {
			a, err := netip.ParseAddr(s)
			if err != nil {
				return nil, fmt.Errorf("%q: not an address or network", s)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("%q: not an address or network", s)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// defaultMaxClients bounds the buckets held at once (Guard.maxClients). Past it, buckets that are
// full again (their client idle) are dropped, which loses nothing; if
// that does not free a quarter, every bucket is dropped: memory stays
// bounded under a flood of addresses, at the price of a fresh start for
// everyone.
const defaultMaxClients = 1 << 16

// Guard sheds load and rate-limits the API endpoints it wraps: beyond
// MaxInFlight requests at once it answers 503 UNAVAILABLE (reason
// OVERLOADED) at once, and a client over its rate gets 429 RATE_LIMITED;
// both with Retry-After and a GraphQL-shaped body. The rate is checked
// first, so that a client over its rate takes no place in flight.
type Guard struct {
	limits   Limits
	keys     resolvers.Keyring
	metrics  *Metrics
	now      func() time.Time
	inFlight atomic.Int64
	// maxClients is defaultMaxClients; a variable for tests.
	maxClients int

	mu      sync.Mutex
	clients map[string]*rate.Limiter
}

// NewGuard makes a Guard; m may be nil.
func NewGuard(l Limits, m *Metrics) *Guard {
	return &Guard{limits: l, keys: resolvers.NewKeyring(l.APIKeys), metrics: m, now: time.Now,
		maxClients: defaultMaxClients, clients: map[string]*rate.Limiter{}}
}

// Wrap guards next.
func (g *Guard) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, wait := g.allow(r); !ok {
			g.metrics.countRateLimited()
			writeRefusal(w, r, http.StatusTooManyRequests, wait, resolvers.CodeRateLimited, "",
				"too many requests from this client; retry after the time Retry-After gives")
			return
		}
		if max := int64(g.limits.MaxInFlight); max > 0 {
			if g.inFlight.Add(1) > max {
				g.inFlight.Add(-1)
				g.metrics.countShed()
				writeRefusal(w, r, http.StatusServiceUnavailable, time.Second, resolvers.CodeUnavailable, resolvers.ReasonOverloaded,
					"the server is busy; retry after the time Retry-After gives")
				return
			}
			defer g.inFlight.Add(-1)
		}
		next.ServeHTTP(w, r)
	})
}

// allow takes a token from the bucket of r's client, or says how long
// until one is there.
func (g *Guard) allow(r *http.Request) (bool, time.Duration) {
	if g.limits.Rate <= 0 {
		return true, 0
	}
	client := g.client(r)
	now := g.now()
	g.mu.Lock()
	lim, ok := g.clients[client]
	if !ok {
		if len(g.clients) >= g.maxClients {
			g.sweep(now)
		}
		lim = rate.NewLimiter(rate.Limit(g.limits.Rate), max(g.limits.Burst, 1))
		g.clients[client] = lim
	}
	g.mu.Unlock()
	res := lim.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// sweep drops the buckets that are full again (see defaultMaxClients).
// g.mu is held.
func (g *Guard) sweep(now time.Time) {
	burst := float64(max(g.limits.Burst, 1))
	for k, lim := range g.clients {
		if lim.TokensAt(now) >= burst {
			delete(g.clients, k)
		}
	}
	if len(g.clients) > g.maxClients*3/4 {
		clear(g.clients)
	}
}

// client names the bucket of a request: its API key when it presents a
// configured one, else its address (an IPv6 address by its /64, which one
// host commonly holds whole).
func (g *Guard) client(r *http.Request) string {
	if i := g.keys.Index(resolvers.PresentedKey(r)); i >= 0 {
		return "key/" + strconv.Itoa(i)
	}
	a := ClientAddr(r, g.limits.TrustedProxies)
	if !a.IsValid() {
		return "addr/" + r.RemoteAddr
	}
	if a.Is6() {
		p, _ := a.Prefix(64)
		return "net/" + p.String()
	}
	return "addr/" + a.String()
}

// ClientAddr is the address of the client that sent r: the connection's
// peer, unless that is a trusted proxy; then the last address of
// X-Forwarded-For that is not a trusted proxy (the ones before it could
// be made up by the client). The zero Addr when the peer's address does
// not parse.
func ClientAddr(r *http.Request, trusted []netip.Prefix) netip.Addr {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	peer = peer.Unmap()
	if !inAny(peer, trusted) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer // a hop we cannot read: trust nothing before it
		}
		if a = a.Unmap(); !inAny(a, trusted) {
			return a
		}
	}
	return peer
}

func inAny(a netip.Addr, nets []netip.Prefix) bool {
	for _, p := range nets {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// writeRefusal answers a request the server refuses before the API sees
// it, in the API's shape: {"errors": [{"message", "extensions": {"code",
// "reason"?, "requestId"}}]}, with Retry-After in whole seconds (at least
// one).
func writeRefusal(w http.ResponseWriter, r *http.Request, status int, retryAfter time.Duration, code, reason, msg string) {
	ext := map[string]string{"code": code}
	if reason != "" {
		ext["reason"] = reason
	}
	if info := resolvers.RequestInfoFrom(r.Context()); info != nil {
		info.NoteCode(code)
		ext["requestId"] = info.ID
	}
	w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(retryAfter.Seconds())))))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{map[string]any{"message": msg, "extensions": ext}}})
}
