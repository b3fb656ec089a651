// Package parallel spreads independent pieces of work over every
// processor.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls the function that start returns for every i from 0 to n-1, on
// as many goroutines as there are processors, each taking the next i in
// turn. Each goroutine calls start once, for its own state. For returns
// when every i is done.
func For(n int, start func() func(i int)) {
	var next atomic.Int64
	work := func() {
		do := start()
		for {
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			do(i)
		}
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
}
