package serve

import "sync"

// hub wakes the open event streams when a new build is swapped in. A
// stream that is still busy with the previous wake-up gets one, not a
// queue: it reads the latest build when it gets to it.
type hub struct {
	mu   sync.Mutex
	subs map[chan struct{}]struct{}
	once sync.Once
	// done is closed when the server stops, to end every stream.
	done chan struct{}
}

func newHub() *hub {
	return &hub{subs: map[chan struct{}]struct{}{}, done: make(chan struct{})}
}

// subscribe returns a channel that is signalled after each build, and the
// function that stops it.
func (h *hub) subscribe() (<-chan struct{}, func()) {
	c := make(chan struct{}, 1)
	h.mu.Lock()
	h.subs[c] = struct{}{}
	h.mu.Unlock()
	return c, func() {
		h.mu.Lock()
		delete(h.subs, c)
		h.mu.Unlock()
	}
}

// notify wakes every stream without waiting for any.
func (h *hub) notify() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.subs {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

// close ends every stream; it may be called more than once.
func (h *hub) close() {
	h.once.Do(func() { close(h.done) })
}
