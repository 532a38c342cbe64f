package resolvers

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
)

// Writes are guarded by the @auth directive, which the schema puts on every
// Mutation field; reads are open. A request presents its key in a header,
// which the HTTP middleware copies into the context.

// presentedKey reads the API key a request sends: "Authorization: Bearer
// <key>" or "X-API-Key: <key>". Other Authorization schemes present none.
func presentedKey(r *http.Request) string {
	// "X-Api-Key" is X-API-Key's canonical form, which Get would make
	// anew at every request.
	if k := strings.TrimSpace(r.Header.Get("X-Api-Key")); k != "" {
		return k
	}
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if ok && strings.EqualFold(scheme, "Bearer") {
		return strings.TrimSpace(token)
	}
	return ""
}

// PresentedKey is presentedKey for the server, whose rate limiter gives
// each configured key a bucket of its own (Keyring).
func PresentedKey(r *http.Request) string { return presentedKey(r) }

// Keyring is the set of keys that may write, for the server's rate
// limiter: it gives each configured key a bucket of its own, and must not
// let a client mint itself fresh buckets with made-up keys.
type Keyring struct{ ring keyring }

// NewKeyring holds keys as the @auth check does.
func NewKeyring(keys []string) Keyring { return Keyring{newKeyring(keys)} }

// Index says which configured key presented is, as an opaque position, or
// -1 when it is none of them. It compares as the @auth check does.
func (k Keyring) Index(presented string) int { return k.ring.index(presented) }

// keyFrom is the API key the request presented ("" if none).
func keyFrom(ctx context.Context) string {
	if st := requestOf(ctx); st != nil {
		return st.key
	}
	return ""
}

// keyring holds the SHA-256 of each configured key. Comparing digests of
// equal length in constant time reveals neither a key's content nor its
// length through timing.
type keyring [][sha256.Size]byte

func newKeyring(keys []string) keyring {
	var k keyring
	for _, s := range keys {
		if s = strings.TrimSpace(s); s != "" {
			k = append(k, sha256.Sum256([]byte(s)))
		}
	}
	return k
}

// check says whether the presented key may write.
func (k keyring) check(presented string) error {
	if len(k) == 0 {
		return &apiError{code: CodeForbidden, msg: "writes are disabled: no API key configured"}
	}
	if presented == "" {
		return &apiError{code: CodeForbidden, msg: "writes need an API key: send Authorization: Bearer <key> or X-API-Key: <key>"}
	}
	if k.index(presented) < 0 {
		return &apiError{code: CodeUnauthenticated, msg: "the API key is not valid"}
	}
	return nil
}

// index returns the position of the presented key in k, or -1.
func (k keyring) index(presented string) int {
	if presented == "" {
		return -1
	}
	sum := sha256.Sum256([]byte(presented))
	at := -1
	for i, want := range k { // every key is compared, match or not
		if subtle.ConstantTimeCompare(sum[:], want[:]) == 1 {
			at = i
		}
	}
	return at
}

// directive implements @auth.
func (k keyring) directive(ctx context.Context, _ any, next graphql.Resolver) (any, error) {
	if err := k.check(keyFrom(ctx)); err != nil {
		return nil, err
	}
	return next(ctx)
}
