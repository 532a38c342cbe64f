package ops

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestGCPercentFor(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		name    string
		live    uint64
		percent int
		minHeap int64
		want    int
	}{
		{"no floor", 5 * mb, 200, 0, 200},
		{"small heap grows to the floor", 5 * mb, 200, 64 * mb, 1200}, // (64-5)/5 = 11.8, up to a step of 50
		{"floor already below the percentage", 30 * mb, 200, 64 * mb, 200},
		{"heap past the floor", 100 * mb, 200, 64 * mb, 200},
		// 1,600%: the runtime's minimum, 4 MiB at 100%, is then the floor.
		{"tiny heap: bounded by the runtime's minimum", 1024, 200, 64 * mb, 1600},
		{"nothing live yet", 0, 200, 64 * mb, 1600},
		{"a huge floor: bounded", 1024, 200, 1 << 40, maxGCPercent},
		{"a percentage above the bound stays", 0, 8000, 64 * mb, 8000},
	} {
		if got := gcPercentFor(c.live, c.percent, c.minHeap); got != c.want {
			t.Errorf("%s: gcPercentFor(%d, %d, %d) = %d, want %d", c.name, c.live, c.percent, c.minHeap, got, c.want)
		}
	}
}

// The tuner looks again after each collection, and sets what it finds.
func TestTuneGCFollowsCollections(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	tuned := make(chan int, 16)
	stop := tuneGC(100, 1<<40, func(p int) {
		select {
		case tuned <- p:
		default:
		}
	})
	defer stop()
	if p := <-tuned; p != maxGCPercent { // at once, on start
		t.Fatalf("first percentage %d, want %d", p, maxGCPercent)
	}
	runtime.GC()
	runtime.GC() // the finalizer of the first cycle's sentinel runs after it
	select {
	case p := <-tuned:
		if p != maxGCPercent {
			t.Errorf("after a collection: %d, want %d", p, maxGCPercent)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no tuning after two collections")
	}
	if got := debug.SetGCPercent(maxGCPercent); got != maxGCPercent {
		t.Errorf("the runtime's percentage is %d, want %d", got, maxGCPercent)
	}
}
