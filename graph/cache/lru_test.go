package cache

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

func byLen(k string, v string) int64 { return int64(len(k) + len(v)) }

func TestLRUBounds(t *testing.T) {
	tests := []struct {
		name       string
		maxEntries int
		maxBytes   int64
		adds       []string // values, each under the key "k<i>"
		want       []string // keys held afterwards
		wantBytes  int64
	}{
		{"entries", 2, 0, []string{"a", "b", "c"}, []string{"k1", "k2"}, 6},
		{"bytes", 0, 10, []string{"aaa", "bbb", "ccc"}, []string{"k1", "k2"}, 10},
		{"both, entries bite", 3, 100, []string{"a", "b", "c", "d"}, []string{"k1", "k2", "k3"}, 9},
		{"both, bytes bite", 10, 12, []string{"aaaa", "bbbb", "cccc"}, []string{"k1", "k2"}, 12},
		{"a value over the budget is not kept", 0, 10, []string{"a", strings20}, []string{"k0"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(tt.maxEntries, tt.maxBytes, byLen)
			for i, v := range tt.adds {
				c.Add(fmt.Sprintf("k%d", i), v)
			}
			st := c.Stats()
			if st.Entries != len(tt.want) || st.Bytes != tt.wantBytes {
				t.Errorf("stats %+v, want %d entries of %d bytes", st, len(tt.want), tt.wantBytes)
			}
			for _, k := range tt.want {
				if !c.Contains(k) {
					t.Errorf("%s evicted", k)
				}
			}
		})
	}
}

const strings20 = "aaaaaaaaaaaaaaaaaaaa"

func TestLRUEvictsTheLeastRecentlyUsed(t *testing.T) {
	c := New[string, int](2, 0, nil)
	c.Add("a", 1)
	c.Add("b", 2)
	if v, ok := c.Get("a"); !ok || v != 1 {
		t.Fatalf("Get(a) = %d, %v", v, ok)
	}
	c.Add("c", 3) // b is the least recently used
	if c.Contains("b") || !c.Contains("a") || !c.Contains("c") {
		t.Errorf("after a's use, c's add evicted the wrong entry")
	}
	if _, ok := c.Get("b"); ok {
		t.Error("b still answers")
	}
	c.Add("a", 10) // replacing keeps one entry
	if v, _ := c.Get("a"); v != 10 || c.Stats().Entries != 2 {
		t.Errorf("replaced a = %d, stats %+v", v, c.Stats())
	}
	st := c.Stats()
	if st.Hits != 2 || st.Misses != 1 || st.Evictions != 1 {
		t.Errorf("counters %+v, want 2 hits, 1 miss, 1 eviction", st)
	}
	if !c.Delete("a") || c.Delete("a") || c.Stats().Entries != 1 {
		t.Errorf("Delete: stats %+v", c.Stats())
	}
	c.Clear()
	if st := c.Stats(); st.Entries != 0 || st.Bytes != 0 || st.Hits != 2 {
		t.Errorf("after Clear: %+v", st)
	}
}

func TestLRUConcurrent(t *testing.T) {
	c := New(50, 500, byLen)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 1000 {
				k := fmt.Sprintf("%d-%d", g, i%80)
				if _, ok := c.Get(k); !ok {
					c.Add(k, "value")
				}
			}
		})
	}
	wg.Wait()
	if st := c.Stats(); st.Entries > 50 || st.Bytes > 500 {
		t.Errorf("over its bounds: %+v", st)
	}
}

func TestNewNeedsABound(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New(0, 0) made an unbounded cache")
		}
	}()
	New[string, string](0, 0, nil)
}

// Random operations against a model: a slice in recency order. Slots are
// reused as entries come and go, so this checks the links as well.
func TestLRUAgainstModel(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	c := New[int, int](5, 0, nil)
	var model []int // keys, most recent first
	vals := map[int]int{}
	touch := func(k int) {
		model = slices.DeleteFunc(model, func(x int) bool { return x == k })
		model = append([]int{k}, model...)
	}
	for step := range 20000 {
		k := r.IntN(9)
		switch r.IntN(4) {
		case 0, 1:
			c.Add(k, step)
			vals[k] = step
			touch(k)
			if len(model) > 5 {
				delete(vals, model[5])
				model = model[:5]
			}
		case 2:
			got, ok := c.Get(k)
			want, held := vals[k]
			if ok != held || got != want {
				t.Fatalf("step %d: Get(%d) = %d, %v; want %d, %v", step, k, got, ok, want, held)
			}
			if held {
				touch(k)
			}
		case 3:
			if c.Delete(k) != slices.Contains(model, k) {
				t.Fatalf("step %d: Delete(%d) disagrees", step, k)
			}
			delete(vals, k)
			model = slices.DeleteFunc(model, func(x int) bool { return x == k })
		}
		if st := c.Stats(); st.Entries != len(model) || st.Bytes != int64(len(model)) {
			t.Fatalf("step %d: %d entries, %d bytes; want %d", step, st.Entries, st.Bytes, len(model))
		}
	}
}
