package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// minGCHeadroom is the least the heap may grow between two collections of the server.
// With Go's default (the heap may double), a session whose live heap is small collects
// very often: editing _pydecimal.py with 6 MB live collected 210 times in 300
// keystrokes, and each collection cost the keystroke its marking and the page faults
// of the large buffers it freed (the flat tree of every version). Heaps above this
// size keep the default, so the server's peak memory on large inputs is unchanged.
const minGCHeadroom = 32 << 20

// maxGCPercent bounds the percent minGCHeadroom asks for on a nearly empty heap.
const maxGCPercent = 800

var startGCHeadroom sync.Once

// keepGCHeadroom makes the collector leave at least minGCHeadroom between the live
// heap and the next collection, re-tuned after every collection; the GOGC environment
// variable, when set, wins.
func keepGCHeadroom() {
	if os.Getenv("GOGC") != "" {
		return
	}
	startGCHeadroom.Do(func() {
		h := &gcHeadroom{percent: 100, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
		h.tune()
		h.arm()
	})
}

// gcHeadroom sets the GC percent from the live heap the last collection left.
type gcHeadroom struct {
	percent int
	sample  []metrics.Sample
}

// gcSentinel is garbage the moment it is made: its finalizer runs after the next
// collection. It holds a pointer so that it is not a tiny allocation, which may share
// a block with live objects and then never be finalized.
type gcSentinel struct{ _ *int }

// arm runs tune after the next collection, and re-arms itself then.
func (h *gcHeadroom) arm() {
	runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		h.tune()
		h.arm()
	})
}

// tune sets the percent for the live heap: the default above minGCHeadroom, enough to
// grow by minGCHeadroom below it.
func (h *gcHeadroom) tune() {
	metrics.Read(h.sample)
	live := int64(0)
	if h.sample[0].Value.Kind() == metrics.KindUint64 {
		live = int64(h.sample[0].Value.Uint64())
	}
	percent := gcPercentFor(live)
	if percent != h.percent {
		h.percent = percent
		debug.SetGCPercent(percent)
	}
}

// gcPercentFor is the GC percent that lets a heap of live bytes grow by at least
// minGCHeadroom (100, Go's default, once that is more).
func gcPercentFor(live int64) int {
	if live <= 0 {
		return maxGCPercent
	}
	p := int((minGCHeadroom*100 + live - 1) / live)
	return min(max(p, 100), maxGCPercent)
}
