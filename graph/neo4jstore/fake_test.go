package neo4jstore

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/issgraph/issgraph/graph"
)

type neoRecord = neo4j.Record

// call is one statement the fake ran.
type call struct {
	st     *stmt
	params map[string]any
	write  bool
}

// fakeBackend records every statement and answers with respond. It runs
// work once; a transaction "rolls back" by discarding nothing, since the
// fake holds no data: behaviour tests script respond instead.
type fakeBackend struct {
	mu        sync.Mutex
	calls     []call
	respond   func(st *stmt, params map[string]any) (result, error)
	verifyErr error
	closed    bool
}

func (b *fakeBackend) exec(ctx context.Context, write bool, work func(querier) error) error {
	return work(fakeQuerier{b: b, write: write})
}

func (b *fakeBackend) readOne(ctx context.Context, work func(querier) error) error {
	return b.exec(ctx, false, work)
}

func (b *fakeBackend) read(ctx context.Context, work func(querier) error) error {
	return b.exec(ctx, false, work)
}

func (b *fakeBackend) write(ctx context.Context, work func(querier) error) error {
	return b.exec(ctx, true, work)
}

func (b *fakeBackend) verify(ctx context.Context) error { return b.verifyErr }

func (b *fakeBackend) close(ctx context.Context) error { b.closed = true; return nil }

func (b *fakeBackend) recorded() []call {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]call(nil), b.calls...)
}

type fakeQuerier struct {
	b     *fakeBackend
	write bool
}

func (q fakeQuerier) run(ctx context.Context, st *stmt, params map[string]any) (result, error) {
	q.b.mu.Lock()
	q.b.calls = append(q.b.calls, call{st: st, params: params, write: q.write})
	respond := q.b.respond
	q.b.mu.Unlock()
	if respond == nil {
		return plausible(st, params), nil
	}
	return respond(st, params)
}

// plausible answers like an empty database that holds every id asked
// about with the kind its prefix names, so that each method gets past its
// checks and runs its writes.
func plausible(st *stmt, params map[string]any) result {
	switch st.name {
	case "node_kinds":
		var r result
		for _, id := range params["ids"].([]string) {
			if k, ok := graph.KindOfID(id); ok {
				r.records = append(r.records, rec("id", id, "kind", string(k)))
			}
		}
		return r
	case "delete_node", "delete_edge":
		return result{records: []*neoRecord{rec("deleted", int64(1))}}
	case "search_backfill_indexed", "fold_backfill_indexed", "refkeys_indexed":
		return result{records: []*neoRecord{rec("indexed", int64(0))}}
	case "refkeys_backfill":
		return result{records: []*neoRecord{rec("written", int64(0))}}
	case "list_count", "list_count_kind", "list_count_ref", "list_total", "list_total_kind":
		return result{records: []*neoRecord{rec("total", int64(0))}}
	case "count_kind", "count_type":
		return result{records: []*neoRecord{rec("count", int64(0))}}
	case "put_node", "update_node":
		return result{records: []*neoRecord{rec("id", params["id"])}}
	case "create_node":
		return result{nodesCreated: 1}
	case "create_edge":
		return result{relationshipsCreated: 1, records: []*neoRecord{rec("matched", int64(1))}}
	case "put_edge":
		return result{records: []*neoRecord{rec("matched", int64(1))}}
	case "apply_edges", "merge_edges":
		n := len(params["rows"].([]any))
		return result{relationshipsCreated: n, records: []*neoRecord{rec("matched", int64(n))}}
	}
	return result{}
}

func newFake(t *testing.T) (*Store, *fakeBackend) {
	t.Helper()
	be := &fakeBackend{}
	s, err := newStore(be, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, be
}

// stored is a dbtype.Node for n as the server would return it.
func stored(n graph.Node) dbtype.Node {
	props := map[string]any{}
	for k, v := range nodeProps(n) {
		if l, ok := v.([]string); ok {
			a := make([]any, len(l))
			for i, s := range l {
				a[i] = s
			}
			v = a
		}
		props[k] = v
	}
	return dbtype.Node{Labels: []string{"Node", string(n.Kind)}, Props: props}
}

// names lists the statement keys of calls.
func names(cs []call) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.st.key
	}
	return strings.Join(out, " ")
}
