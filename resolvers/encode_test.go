package resolvers

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// encodeResponse answers what json.Marshal would: the same bytes where the
// data holds no <, > or &, the same JSON value always. (Where json.Marshal
// fails on empty data, encodeResponse writes null: TestEncodeEmptyData.)
func TestEncodeResponse(t *testing.T) {
	yes := true
	tests := []struct {
		name string
		resp graphql.Response
	}{
		{"data", graphql.Response{Data: json.RawMessage(`{"node":{"id":"a","n":[1,2]}}`)}},
		{"no data", graphql.Response{}},
		{"errors and null data", graphql.Response{
			Errors: gqlerror.List{codedError(CodeNotFound, "", "no such node")},
			Data:   json.RawMessage(`null`),
		}},
		{"errors, data and extensions", graphql.Response{
			Errors:     gqlerror.List{{Message: "partial", Path: ast.Path{ast.PathName("a"), ast.PathIndex(0)}}},
			Data:       json.RawMessage(`{"a":[null]}`),
			Extensions: map[string]any{"requestId": "R1", "cost": 3},
		}},
		{"HTML characters", graphql.Response{Data: json.RawMessage(`{"name":"S&D <group>"}`)}},
		{"incremental", graphql.Response{Data: json.RawMessage(`{}`), Label: "l", HasNext: &yes}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, werr := json.Marshal(&tt.resp)
			a, err := encodeResponse(&tt.resp)
			got := a.bytes()
			if (err != nil) != (werr != nil) {
				t.Fatalf("error %v, json.Marshal's %v", err, werr)
			}
			if err != nil {
				return
			}
			var g, w any
			if err := json.Unmarshal(got, &g); err != nil {
				t.Fatalf("not JSON: %s: %v", got, err)
			}
			if err := json.Unmarshal(want, &w); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			if !bytes.ContainsAny(tt.resp.Data, "<>&") && !bytes.Equal(got, want) {
				t.Errorf("bytes differ:\ngot  %s\nwant %s", got, want)
			}
		})
	}
}

func TestEncodeEmptyData(t *testing.T) {
	a, err := encodeResponse(&graphql.Response{Data: json.RawMessage{}})
	if got := a.bytes(); err != nil || string(got) != `{"data":null}` {
		t.Fatalf("got %s, %v; want {\"data\":null}", got, err)
	}
}
