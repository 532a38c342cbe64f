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

type keyContext struct{}

// presentedKey reads the API key a request sends: "Authorization: Bearer
// <key>" or "X-API-Key: <key>". Other Authorization schemes present none.
func presentedKey(r *http.Request) string {
	if k := strings.TrimSpace(r.Header.Get("X-API-Key")); k != "" {
		return k
	}
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	if ok && strings.EqualFold(scheme, "Bearer") {
		return strings.TrimSpace(token)
	}
	return ""
}

func withKey(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, keyContext{}, key)
}

func keyFrom(ctx context.Context) string {
	k, _ := ctx.Value(keyContext{}).(string)
	return k
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
	sum := sha256.Sum256([]byte(presented))
	match := 0
	for _, want := range k { // every key is compared, match or not
		match |= subtle.ConstantTimeCompare(sum[:], want[:])
	}
	if match != 1 {
		return &apiError{code: CodeUnauthenticated, msg: "the API key is not valid"}
	}
	return nil
}

// directive implements @auth.
func (k keyring) directive(ctx context.Context, _ any, next graphql.Resolver) (any, error) {
	if err := k.check(keyFrom(ctx)); err != nil {
		return nil, err
	}
	return next(ctx)
}
