package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestGCPercentFor(t *testing.T) {
	cases := []struct {
		live int64
		want int
	}{
		{0, maxGCPercent},
		{1 << 20, maxGCPercent},          // 1 MB: 3,200 % would be asked, capped
		{4 << 20, 800},                   // 4 MB + 32 MB
		{6 << 20, 534},                   // 6 MB + 32 MB, rounded up
		{16 << 20, 200},                  // 16 MB + 32 MB
		{minGCHeadroom, 100},             // doubling is the headroom
		{200 << 20, 100},                 // large heaps keep Go's default
		{minGCHeadroom - 1, 101},         // just below: a little more than doubling
		{minGCHeadroom*100/799 + 1, 799}, // just under the cap
	}
	for _, tc := range cases {
		if got := gcPercentFor(tc.live); got != tc.want {
			t.Errorf("gcPercentFor(%d) = %d, want %d", tc.live, got, tc.want)
		}
	}
}

// TestGCHeadroomIsKept: once the server's policy runs, a collection of this test's
// small heap leaves the GC percent above Go's default.
func TestGCHeadroomIsKept(t *testing.T) {
	t.Setenv("GOGC", "")
	keepGCHeadroom()
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer runs after the collection
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		if p > 100 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("GC percent %d after collections of a small heap, want more than 100", p)
		}
	}
}
