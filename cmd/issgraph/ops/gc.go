package ops

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// TuneGC keeps the collector's target (as GOGC) at percent, raised while
// the live heap is small so that the heap may grow to minHeap bytes
// before a collection: a collection costs about the same whatever the
// garbage, so on a small live heap (the ISS dataset's is about 5 MB) the
// plain percentage collects every few hundred requests, and the collector
// and its write barriers take a fifth or more of a request's CPU. Once the
// live heap is past minHeap / (1 + percent/100), percent alone applies,
// so a large graph pays no more memory than before; a small one pays
// minHeap at most. It looks again after every collection. stop ends it
// and leaves the percentage as it last set it.
func TuneGC(percent int, minHeap int64) (stop func()) {
	return tuneGC(percent, minHeap, nil)
}

// tuneGC is TuneGC, telling tuned (when set) each percentage it sets.
func tuneGC(percent int, minHeap int64, tuned func(int)) (stop func()) {
	t := &gcTuner{percent: percent, minHeap: minHeap, tuned: tuned, current: -1}
	t.arm()
	t.tune()
	return func() {
		t.mu.Lock()
		t.stopped = true
		t.mu.Unlock()
	}
}

type gcTuner struct {
	percent int
	minHeap int64
	tuned   func(int)

	mu      sync.Mutex
	stopped bool
	current int
}

// sentinel is garbage whose finalizer runs once a collection finds it: a
// pointer keeps it out of the tiny allocator, whose objects may never be
// finalized.
type sentinel struct{ _ *int }

func (t *gcTuner) arm() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		t.mu.Lock()
		stopped := t.stopped
		t.mu.Unlock()
		if !stopped {
			t.tune()
			t.arm()
		}
	})
}

func (t *gcTuner) tune() {
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	var bytes uint64
	if live[0].Value.Kind() == metrics.KindUint64 {
		bytes = live[0].Value.Uint64()
	}
	p := gcPercentFor(bytes, t.percent, t.minHeap)
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	if p != t.current {
		debug.SetGCPercent(p)
		t.current = p
	}
	if t.tuned != nil {
		t.tuned(p)
	}
}

// maxGCPercent bounds the percentage on a tiny live heap (a server just
// started), where minHeap over it would be in the tens of thousands.
const maxGCPercent = 5000

// runtimeHeapMinimum is the heap below which the runtime does not collect
// at 100%; at p% it is p/100 times this (the runtime's heapMinimum).
const runtimeHeapMinimum = 4 << 20

// gcPercentFor is the percentage that lets a live heap of live bytes grow
// to minHeap before the next collection, or percent if that lets it grow
// further; in steps of 50, so that small changes of the live heap leave
// it as it is. It is bounded so that the runtime's own minimum, which
// grows with the percentage, stays within minHeap too: before the first
// collection, when nothing is known to be live, it is that bound.
func gcPercentFor(live uint64, percent int, minHeap int64) int {
	if minHeap <= 0 || live >= uint64(minHeap) {
		return percent
	}
	bound := int(min(maxGCPercent, minHeap*100/runtimeHeapMinimum))
	if live == 0 {
		return max(percent, bound)
	}
	p := (uint64(minHeap) - live) * 100 / live
	p = (p + 49) / 50 * 50
	return max(percent, min(int(min(p, maxGCPercent)), bound))
}
