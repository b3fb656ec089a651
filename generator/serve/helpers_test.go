package serve

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tests run a real server on a loopback port with a real watcher over
// a copy of the example site, edit its files as an editor would, and
// listen to the event stream as a page would. Every wait is bounded by
// waitLimit, which only turns a hang into a failure: it is not a target.

// waitLimit bounds every wait of these tests. The benchmark of the large
// site, whose builds take far longer, sets its own.
const waitLimit = 20 * time.Second

// exampleDir is the example site that ships with the repository.
const exampleDir = "../../content"

// exampleCopy copies the example site into a new temporary folder and
// returns the copy.
func exampleCopy(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	copyTree(t, exampleDir, dir)
	return dir
}

func copyTree(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, name)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a buffer the server may write while a test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// running is a server started by a test.
type running struct {
	*Server
	base   string // "http://127.0.0.1:port"
	addr   string // "127.0.0.1:port"
	stdout *syncBuffer
	stderr *syncBuffer
	stop   func() // stops the server and waits for Serve to return
	limit  time.Duration
}

// start builds and serves opts on a free loopback port until the test
// ends.
func start(t testing.TB, opts Options) *running {
	return startWithin(t, opts, waitLimit)
}

// startWithin is start with another bound on the waits.
func startWithin(t testing.TB, opts Options, limit time.Duration) *running {
	t.Helper()
	r := &running{stdout: &syncBuffer{}, stderr: &syncBuffer{}, limit: limit}
	opts.Stdout, opts.Stderr = r.stdout, r.stderr
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.Server = s
	r.addr = ln.Addr().String()
	r.base = "http://" + r.addr
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	var once sync.Once
	r.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Serve returned %v, want nil after the context is done", err)
				}
			case <-time.After(r.limit):
				t.Errorf("Serve did not return %s after the context was done", r.limit)
			}
		})
	}
	t.Cleanup(r.stop)
	return r
}

// get fetches path and returns the status, the body and the headers.
func (r *running) get(t testing.TB, path string) (int, string, http.Header) {
	t.Helper()
	client := &http.Client{
		Timeout:       r.limit,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Get(r.base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: reading the body: %v", path, err)
	}
	return resp.StatusCode, string(body), resp.Header
}

// rawGet sends the request target exactly as given, without the client
// cleaning or encoding it, and returns the status and body.
func (r *running) rawGet(t testing.TB, target string) (int, string) {
	t.Helper()
	return r.rawGetHost(t, target, r.addr)
}

// rawGetHost is rawGet with another Host header.
func (r *running) rawGetHost(t testing.TB, target, host string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", r.addr, waitLimit)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(waitLimit))
	if _, err := io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// stream is a page's view of the event stream: the build tokens it
// announces, in order.
type stream struct {
	builds chan string
	resp   *http.Response
	last   string
	limit  time.Duration
}

// listen opens the event stream and waits for its first event, which names
// the current build.
func (r *running) listen(t testing.TB) *stream {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, r.base+EventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("event stream: %s, Content-Type %q", resp.Status, resp.Header.Get("Content-Type"))
	}
	s := &stream{builds: make(chan string, 100), resp: resp, limit: r.limit}
	go func() {
		defer close(s.builds)
		sc := bufio.NewScanner(resp.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event == "build":
				s.builds <- strings.TrimPrefix(line, "data: ")
			case line == "":
				event = ""
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	s.last = s.next(t)
	return s
}

// next waits for the next build event and returns its token.
func (s *stream) next(t testing.TB) string {
	t.Helper()
	select {
	case token, ok := <-s.builds:
		if !ok {
			t.Fatal("the event stream ended")
		}
		s.last = token
		return token
	case <-time.After(s.limit):
		t.Fatalf("no build event within %s", s.limit)
		return ""
	}
}

// until waits for build events until ok holds after one of them.
func (s *stream) until(t testing.TB, what string, ok func() bool) {
	t.Helper()
	deadline := time.After(s.limit)
	for {
		select {
		case token, open := <-s.builds:
			if !open {
				t.Fatalf("the event stream ended while waiting for %s", what)
			}
			s.last = token
			if ok() {
				return
			}
		case <-deadline:
			t.Fatalf("no build event brought %s within %s", what, s.limit)
		}
	}
}

// edit replaces old with new in the file at name, failing if old is not
// there.
func edit(t testing.TB, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	writeFile(t, name, bytes.Replace(data, []byte(old), []byte(new), 1))
}

func writeFile(t testing.TB, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
