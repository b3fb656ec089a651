package browsertest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Desktop and phone viewports, in CSS pixels.
const (
	desktopWidth, desktopHeight = 1280, 900
	phoneWidth, phoneHeight     = 360, 800
)

// tabTimeout bounds everything one tab does.
const tabTimeout = 45 * time.Second

// drawTimeout bounds the wait for every chart of a page to be drawn.
const drawTimeout = 10 * time.Second

// tab is one browser tab and what it saw: every request, and every
// problem a reader's browser would report.
type tab struct {
	t   testing.TB
	ctx context.Context

	// allowed reports whether a request address belongs to the site.
	allowed func(url string) bool

	mu         sync.Mutex
	urls       map[network.RequestID]string
	requests   []string // every requestWillBeSent address, in order
	foreign    []string // requests outside the site
	failed     []string // loadingFailed and HTTP error responses
	console    []string // console errors and warnings, log entries
	exceptions []string // uncaught exceptions
	csp        []string // Content Security Policy violations
}

// cspProbe runs before the page's own scripts (scripts added by the
// browser's protocol are not subject to the page's policy) and turns every
// policy violation into a console error that the tab records.
const cspProbe = `document.addEventListener("securitypolicyviolation", function (e) {
  console.error("Content Security Policy violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});`

// openTab opens a new tab of the shared browser. allowed says which
// request addresses belong to the site under test.
func openTab(t testing.TB, allowed func(string) bool) *tab {
	t.Helper()
	parent := browser(t)
	ctx, cancel := chromedp.NewContext(parent)
	ctx, cancelTimeout := context.WithTimeout(ctx, tabTimeout)
	tb := &tab{t: t, ctx: ctx, allowed: allowed, urls: map[network.RequestID]string{}}
	chromedp.ListenTarget(ctx, tb.listen)
	if err := chromedp.Run(ctx,
		network.Enable(),
		log.Enable(),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(cspProbe).Do(ctx)
			return err
		}),
	); err != nil {
		cancelTimeout()
		cancel()
		t.Fatalf("opening a tab: %v", err)
	}
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
	})
	return tb
}

func (tb *tab) listen(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		url := ev.Request.URL
		tb.urls[ev.RequestID] = url
		tb.requests = append(tb.requests, url)
		if !tb.allowed(url) {
			tb.foreign = append(tb.foreign, url)
		}
	case *network.EventLoadingFailed:
		what := ev.ErrorText
		if ev.BlockedReason != "" {
			what += " (blocked: " + ev.BlockedReason.String() + ")"
		}
		if ev.CorsErrorStatus != nil {
			what += " (CORS: " + ev.CorsErrorStatus.CorsError.String() + ")"
		}
		tb.failed = append(tb.failed, fmt.Sprintf("%s: %s", tb.urls[ev.RequestID], what))
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			tb.failed = append(tb.failed, fmt.Sprintf("%s: HTTP %d", ev.Response.URL, ev.Response.Status))
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.APITypeError && ev.Type != runtime.APITypeWarning && ev.Type != runtime.APITypeAssert {
			return
		}
		var parts []string
		for _, arg := range ev.Args {
			switch {
			case len(arg.Value) > 0:
				parts = append(parts, strings.Trim(string(arg.Value), `"`))
			case arg.Description != "":
				parts = append(parts, arg.Description)
			default:
				parts = append(parts, arg.Type.String())
			}
		}
		tb.note(fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " ")))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		tb.exceptions = append(tb.exceptions, fmt.Sprintf("%s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, text))
	case *log.EventEntryAdded:
		e := ev.Entry
		if e.Level != log.LevelError && e.Level != log.LevelWarning {
			return
		}
		tb.note(fmt.Sprintf("log %s (%s): %s %s", e.Level, e.Source, e.Text, e.URL))
	}
}

// note records a console message; Content Security Policy violations
// are kept apart. The caller holds tb.mu.
func (tb *tab) note(msg string) {
	if strings.Contains(msg, "Content Security Policy") {
		tb.csp = append(tb.csp, msg)
		return
	}
	tb.console = append(tb.console, msg)
}

// run performs actions in the tab, failing the test on error.
func (tb *tab) run(what string, actions ...chromedp.Action) {
	tb.t.Helper()
	if err := chromedp.Run(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page, awaiting it when it
// is a promise, and decodes its JSON value into res.
func (tb *tab) eval(what, js string, res any) {
	tb.t.Helper()
	tb.run(what, chromedp.Evaluate(js, res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
}

// load sets the viewport and opens url.
func (tb *tab) load(url string, width, height int64, opts ...chromedp.EmulateViewportOption) {
	tb.t.Helper()
	tb.run("loading "+url, chromedp.EmulateViewport(width, height, opts...), chromedp.Navigate(url))
}

// scrollJS scrolls to the bottom a part of a screen at a time, letting
// the page render a few frames at each stop so that the lazy charts see
// themselves come into view, then returns to the top.
const scrollJS = `(async () => {
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 16))));
  const step = Math.max(200, Math.floor(innerHeight * 0.6));
  let stops = 0;
  for (let y = 0; stops < 500; y += step, stops++) {
    scrollTo(0, y);
    await frames();
    if (scrollY + innerHeight >= document.documentElement.scrollHeight - 1) break;
  }
  await frames();
  return stops;
})()`

// allDrawnJS is true when every chart canvas of the page has been drawn.
const allDrawnJS = `Array.from(document.querySelectorAll(".chart-canvas")).every(el => el.getAttribute("data-drawn") === "true")`

// scrollAndDraw scrolls through the page and waits until every chart is
// drawn.
func (tb *tab) scrollAndDraw() {
	tb.t.Helper()
	var stops int
	tb.eval("scrolling through the page", scrollJS, &stops)
	var ok bool
	err := chromedp.Run(tb.ctx, chromedp.Poll(allDrawnJS, &ok, chromedp.WithPollingTimeout(drawTimeout), chromedp.WithPollingInterval(50*time.Millisecond)))
	if err != nil {
		var missing []string
		chromedp.Run(tb.ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll(".chart-canvas:not([data-drawn])")).map(el => el.getAttribute("data-chart"))`, &missing))
		if errors.Is(err, chromedp.ErrPollingTimeout) {
			tb.t.Fatalf("after scrolling to the bottom (%d stops), charts still not drawn after %v: %v", stops, drawTimeout, missing)
		}
		tb.t.Fatalf("waiting for the charts to be drawn (%v not drawn): %v", missing, err)
	}
	tb.eval("scrolling back to the top", `(async () => { scrollTo(0, 0); await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); return true })()`, &ok)
}

// assertClean fails the test for every problem the tab recorded: console
// errors and warnings, uncaught exceptions, failed requests, requests to
// other origins and policy violations.
func (tb *tab) assertClean(page string) {
	tb.t.Helper()
	// Events arrive asynchronously; a short settle lets the last ones in.
	time.Sleep(50 * time.Millisecond)
	tb.mu.Lock()
	defer tb.mu.Unlock()
	// Each distinct message once, with how often it came.
	report := func(kind string, list []string) {
		var order []string
		count := map[string]int{}
		for _, m := range list {
			if count[m] == 0 {
				order = append(order, m)
			}
			count[m]++
		}
		for _, m := range order {
			tb.t.Errorf("%s: %s (×%d): %s", page, kind, count[m], m)
		}
	}
	report("Content Security Policy violation", tb.csp)
	report("console", tb.console)
	report("uncaught exception", tb.exceptions)
	report("failed request", tb.failed)
	report("request to another origin", tb.foreign)
	if len(tb.requests) == 0 {
		tb.t.Errorf("%s: no request was recorded; the network listener is not working", page)
	}
}

// requested returns a copy of every address the tab requested.
func (tb *tab) requested() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.requests...)
}

// servedOnly allows requests to the test server only.
func servedOnly(url string) bool {
	return strings.HasPrefix(url, server.URL+"/")
}

// diskOnly allows requests for files inside the built site only.
func diskOnly(url string) bool {
	return strings.HasPrefix(url, "file://"+siteDir+"/")
}
