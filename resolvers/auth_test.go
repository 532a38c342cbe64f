package resolvers

import (
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/issgraph/issgraph/graph/generated"
)

// Every mutation carries @auth: a write without it would be open to all.
func TestEveryMutationNeedsAuth(t *testing.T) {
	s := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}).Schema()
	mut := s.Types["Mutation"]
	if mut == nil || len(mut.Fields) == 0 {
		t.Fatal("no Mutation type")
	}
	for _, f := range mut.Fields {
		if f.Directives.ForName("auth") == nil {
			t.Errorf("Mutation.%s has no @auth", f.Name)
		}
	}
}

func TestPresentedKey(t *testing.T) {
	tests := []struct {
		header, value, want string
	}{
		{"Authorization", "Bearer k1", "k1"},
		{"Authorization", "bearer   k1 ", "k1"},
		{"Authorization", "Basic dTpw", ""},
		{"Authorization", "Bearer", ""},
		{"X-API-Key", " k2 ", "k2"},
		{"X-Other", "k3", ""},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("POST", "/graphql", nil)
		r.Header.Set(tt.header, tt.value)
		if got := presentedKey(r); got != tt.want {
			t.Errorf("%s: %q -> %q, want %q", tt.header, tt.value, got, tt.want)
		}
	}
}

func TestKeyring(t *testing.T) {
	k := newKeyring([]string{"alpha", " beta ", ""})
	tests := []struct {
		key  string
		code string
	}{
		{"alpha", ""},
		{"beta", ""},
		{"alph", CodeUnauthenticated},
		{"alphaa", CodeUnauthenticated},
		{"", CodeForbidden},
	}
	for _, tt := range tests {
		err := k.check(tt.key)
		var ae *apiError
		switch {
		case tt.code == "" && err != nil:
			t.Errorf("check(%q) = %v, want nil", tt.key, err)
		case tt.code != "" && (!errors.As(err, &ae) || ae.code != tt.code):
			t.Errorf("check(%q) = %v, want %s", tt.key, err, tt.code)
		}
	}
	var ae *apiError
	if err := newKeyring(nil).check("alpha"); !errors.As(err, &ae) || ae.code != CodeForbidden {
		t.Errorf("no keys: %v, want FORBIDDEN", err)
	}
}
