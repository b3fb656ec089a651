package serve

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestPagesReloadThemselvesInABrowser opens a unit page in headless
// Chromium and follows an editor's day: a save reloads the page; a broken
// save shows the error page, and fixing it brings the page back; a
// restarted server is found again and the page reloads. Console errors,
// uncaught exceptions and Content Security Policy violations are failures,
// except the refused connections the browser reports while the server is
// down, which are not normal operation.
//
// It needs Chromium (/usr/bin/chromium or $CHROMIUM); without it the test
// is skipped, except when CI=true.
func TestPagesReloadThemselvesInABrowser(t *testing.T) {
	ctx := openBrowser(t)
	dir := exampleCopy(t)
	r := start(t, Options{Content: dir})
	console := &consoleLog{}
	chromedp.ListenTarget(ctx, console.listen)
	if err := chromedp.Run(ctx,
		log.Enable(),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(`document.addEventListener("securitypolicyviolation", function (e) {
  console.error("Content Security Policy violation: " + e.violatedDirective + " blocked " + e.blockedURI);
});`).Do(ctx)
			return err
		}),
		chromedp.Navigate(r.base+unitPage),
		chromedp.WaitVisible("h1"),
	); err != nil {
		t.Fatal(err)
	}

	// marks the page, then waits until a reload has cleared the mark and
	// the heading says want.
	reloaded := func(what, want string, change func()) {
		t.Helper()
		var ignored any
		if err := chromedp.Run(ctx, chromedp.Evaluate(`window.notReloaded = true`, &ignored)); err != nil {
			t.Fatal(err)
		}
		// No need to wait for the page to connect to the event stream:
		// the first event names the latest build, so a page that connects
		// after the change reloads all the same.
		change()
		waitFor(t, ctx, what, fmt.Sprintf(`!window.notReloaded && document.readyState === "complete" && document.querySelector("h1") !== null && document.querySelector("h1").textContent.includes(%q)`, want))
	}

	name := filepath.Join(dir, unitFile)
	original, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	reloaded("the page after a save", "Aquaculture Centre, edited", func() {
		edit(t, name, unitName, "Aquaculture Centre, edited")
	})
	reloaded("the error page after a broken save", "The site cannot be built", func() {
		writeFile(t, name, append(append([]byte{}, original...), "colour: blue\n"...))
	})
	reloaded("the page after the fix", unitName, func() {
		writeFile(t, name, original)
	})
	if msgs := console.take(); len(msgs) > 0 {
		// A 500 response is reported by the browser as a failed load of
		// the page itself; that is the error page doing its job.
		var other []string
		for _, m := range msgs {
			if !strings.Contains(m, "status of 500") {
				other = append(other, m)
			}
		}
		if len(other) > 0 {
			t.Errorf("the browser reported during normal operation:\n%s", strings.Join(other, "\n"))
		}
	}

	// Restart: a new server on the same address, with an edit made while
	// none was running.
	addr := r.addr
	reloaded("the page after a restart", "Changed While Stopped", func() {
		r.stop()
		edit(t, name, unitName, "Changed While Stopped")
		time.Sleep(1500 * time.Millisecond) // let the page notice and retry
		s, err := New(Options{Content: dir})
		if err != nil {
			t.Fatal(err)
		}
		var ln net.Listener
		for i := 0; ; i++ {
			if ln, err = net.Listen("tcp", addr); err == nil || i == 50 {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if err != nil {
			t.Fatalf("listening again on %s: %v", addr, err)
		}
		serveCtx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- s.Serve(serveCtx, ln) }()
		t.Cleanup(func() {
			cancel()
			<-done
		})
	})
	// While no server runs, the event stream's retries (and any request
	// the page happened to make) are refused; nothing else may go wrong.
	for _, m := range console.take() {
		if !strings.Contains(m, "ERR_CONNECTION_REFUSED") || !strings.Contains(m, r.base+"/") {
			t.Errorf("the browser reported around the restart: %s", m)
		}
	}
}

// waitFor evaluates a JavaScript expression in the page until it is
// true. Errors are expected while the page reloads, and retried.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	var lastErr error
	for time.Now().Before(deadline) {
		var ok bool
		evalCtx, cancel := context.WithTimeout(ctx, time.Second)
		lastErr = chromedp.Run(evalCtx, chromedp.Evaluate(expr, &ok))
		cancel()
		if lastErr == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	var html string
	chromedp.Run(ctx, chromedp.OuterHTML("h1", &html, chromedp.ByQuery))
	t.Fatalf("waiting for %s: not within %s (last error: %v); the heading is %s", what, waitLimit, lastErr, html)
}

// consoleLog gathers what a reader would see in the browser's console.
type consoleLog struct {
	mu   sync.Mutex
	msgs []string
}

func (c *consoleLog) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.APITypeError && ev.Type != runtime.APITypeWarning {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
		}
		msg = fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " "))
	case *runtime.EventExceptionThrown:
		msg = "exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			msg += " " + ev.ExceptionDetails.Exception.Description
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level != log.LevelError && ev.Entry.Level != log.LevelWarning || strings.HasSuffix(ev.Entry.URL, "/favicon.ico") {
			return
		}
		msg = fmt.Sprintf("log %s: %s %s", ev.Entry.Level, ev.Entry.Text, ev.Entry.URL)
	default:
		return
	}
	c.mu.Lock()
	c.msgs = append(c.msgs, msg)
	c.mu.Unlock()
}

// take returns the messages gathered so far and forgets them.
func (c *consoleLog) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	msgs := c.msgs
	c.msgs = nil
	return msgs
}

// openBrowser starts headless Chromium for one test and returns the
// context of its tab.
func openBrowser(t *testing.T) context.Context {
	t.Helper()
	path, err := chromiumPath()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %v", err)
		}
		t.Skip(err)
	}
	// Not t.TempDir: the browser's helper processes may still be writing
	// its profile for a moment after it is closed.
	profile, err := os.MkdirTemp("", "reportsite-serve-browser-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("headless", true),
		chromedp.UserDataDir(profile),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*waitLimit)
	t.Cleanup(func() {
		cancelTimeout()
		cancelBrowser()
		cancelAlloc()
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

func chromiumPath() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found: install it at /usr/bin/chromium or set $CHROMIUM")
}
