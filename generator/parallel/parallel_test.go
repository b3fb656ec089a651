package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestForDoesEveryIOnce checks every i is done exactly once, whatever the
// number of processors and of pieces, and that each goroutine starts once.
func TestForDoesEveryIOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 7, 1000} {
			done := make([]atomic.Int32, n)
			var starts atomic.Int32
			For(n, func() func(int) {
				starts.Add(1)
				return func(i int) { done[i].Add(1) }
			})
			for i := range done {
				if got := done[i].Load(); got != 1 {
					t.Errorf("%d processors, n=%d: i=%d done %d times", procs, n, i, got)
				}
			}
			if s := int(starts.Load()); s > max(procs, 1) {
				t.Errorf("%d processors, n=%d: %d goroutines started", procs, n, s)
			}
		}
	}
}
