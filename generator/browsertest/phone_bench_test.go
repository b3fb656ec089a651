package browsertest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// phoneSlowdown is how many times slower than this machine the reader's
// phone runs: the 4× of the performance targets.
const phoneSlowdown = 4

// timingProbe runs before the page's own scripts and records, in
// window.reportsiteTiming, the Largest Contentful Paint as the page goes,
// and, when the page asks for it with #first-chart, the time the first
// chart is drawn once the reader is at it: the page is scrolled to it as
// soon as the document is parsed.
const timingProbe = `window.reportsiteTiming = {};
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) { window.reportsiteTiming.lcp = e.startTime; });
}).observe({type: "largest-contentful-paint", buffered: true});
if (location.hash === "#first-chart") {
  document.addEventListener("DOMContentLoaded", function () {
    var el = document.querySelector(".chart-canvas[data-chart]");
    if (!el) return;
    el.scrollIntoView();
    new MutationObserver(function (_, observer) {
      if (el.getAttribute("data-drawn")) {
        window.reportsiteTiming.chart = performance.now();
        observer.disconnect();
      }
    }).observe(el, {attributes: true});
  });
}`

// phoneTiming is what one visit measured, in milliseconds from the start
// of navigation.
type phoneTiming struct {
	LCP   float64 `json:"lcp"`
	Load  float64 `json:"load"`
	Chart float64 `json:"chart"`
}

// visitOnAPhone opens url in a new tab as a phone with nothing cached:
// 360 px wide, its processor phoneSlowdown times slower, and returns
// what the visit measured.
func visitOnAPhone(b *testing.B, url string, firstChart bool) phoneTiming {
	tb := openTab(b, servedOnly)
	tb.run("preparing a phone",
		network.SetCacheDisabled(true),
		emulation.SetCPUThrottlingRate(phoneSlowdown),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(timingProbe).Do(ctx)
			return err
		}),
	)
	if firstChart {
		url += "#first-chart"
	}
	tb.load(url, phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))
	want := "window.reportsiteTiming.lcp > 0 && performance.getEntriesByType('navigation')[0].loadEventEnd > 0"
	if firstChart {
		want += " && window.reportsiteTiming.chart > 0"
	}
	var ready bool
	tb.run("waiting for the page to be measured", chromedp.Poll(want, &ready, chromedp.WithPollingTimeout(20*time.Second)))
	// LCP entries stop at the first input; a short wait lets the last
	// candidate of a quiet page be recorded.
	var timing phoneTiming
	tb.eval("reading the timing", `new Promise(r => setTimeout(() => r({
	  lcp: window.reportsiteTiming.lcp,
	  load: performance.getEntriesByType("navigation")[0].loadEventEnd,
	  chart: window.reportsiteTiming.chart || 0,
	}), 200))`, &timing)
	return timing
}

// BenchmarkYearReportOnAPhone opens the example's year report on a phone
// (360 px, processor 4× slower, nothing cached) and reports the medians
// of its Largest Contentful Paint, its load event, and the time until its
// first chart is drawn for a reader who goes straight to it:
//
//	go test -run '^$' -bench YearReportOnAPhone -benchtime 15x ./generator/browsertest
func BenchmarkYearReportOnAPhone(b *testing.B) {
	browser(b)
	var lcp, load, chart []float64
	for b.Loop() {
		t := visitOnAPhone(b, pageURL(yearPage), false)
		lcp, load = append(lcp, t.LCP), append(load, t.Load)
		chart = append(chart, visitOnAPhone(b, pageURL(yearPage), true).Chart)
	}
	b.ReportMetric(median(lcp), "lcp-ms")
	b.ReportMetric(median(load), "load-ms")
	b.ReportMetric(median(chart), "first-chart-ms")
}

func median(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}
	s := slices.Clone(values)
	slices.Sort(s)
	return s[len(s)/2]
}
