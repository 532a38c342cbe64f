package resolvers_test

import (
	"encoding/json"
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	e := seededEnv(t)
	q, _ := os.ReadFile("/tmp/q.graphql")
	res := e.do(string(q))
	b, _ := json.MarshalIndent(res, "", " ")
	t.Logf("%s", b)
}
