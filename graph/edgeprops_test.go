package graph

import (
	"bytes"
	"encoding/json"
	"testing"
)

// EdgeProperties writes what encoding/json writes for its Map, byte for
// byte: the Map scalar wrote that before.
func TestEdgePropertiesJSON(t *testing.T) {
	for _, p := range []Props{
		nil,
		{},
		{"role": "lead"},
		{"date": MustDate("2010-11-22"), "from": MustDate("2010-11"), "to": MustDate("2014")},
		{"votes": int64(-12), "big": int64(1 << 60), "ok": true, "no": false},
		{"groups": []string{"EPP", "S&D", ""}, "none": []string{}},
		{"note": "quote \" backslash \\ <b>&amp;</b> tab\t nl\n cr\r nul\x00 bell\x07 \x1f"},
		{"odd": "bad \xff utf8 \u2028 \u2029 é 😀", "ключ": "значение"},
		{"a": "1", "b": "2", "c": "3", "d": "4", "e": "5", "f": "6", "g": "7", "h": "8", "i": "9", "j": "10"},
	} {
		sameAsEncodingJSON(t, p)
	}
}

// sameAsEncodingJSON checks that MarshalGQL writes what encoding/json
// writes for Map.
func sameAsEncodingJSON(t *testing.T, p Props) {
	t.Helper()
	want, err := json.Marshal(EdgeProperties{p}.Map())
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	EdgeProperties{p}.MarshalGQL(&got)
	if got.String() != string(want) {
		t.Errorf("%v:\n got %s\nwant %s", p, got.String(), want)
	}
}

func FuzzEdgePropertiesJSON(f *testing.F) {
	f.Add("role", "lead")
	f.Add("k\u2028", "<\xff>")
	f.Fuzz(func(t *testing.T, k, v string) {
		sameAsEncodingJSON(t, Props{k: v, "list": []string{v, k}})
	})
}
