package browsertest

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"reportsite/generator/fixture"
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

// phoneTab opens a tab that browses as a phone with nothing cached, its
// processor phoneSlowdown times slower, with probe run before each page's
// own scripts; allowed says which requests its pages may make.
func phoneTab(b *testing.B, allowed func(string) bool, probe string) *tab {
	tb := openTab(b, allowed)
	tb.run("preparing a phone",
		network.SetCacheDisabled(true),
		emulation.SetCPUThrottlingRate(phoneSlowdown),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(probe).Do(ctx)
			return err
		}),
	)
	return tb
}

// visitOnAPhone opens url in a new tab as a phone with nothing cached:
// 360 px wide, its processor phoneSlowdown times slower, and returns
// what the visit measured; allowed says which requests the page may make.
func visitOnAPhone(b *testing.B, url string, allowed func(string) bool, firstChart bool) phoneTiming {
	tb := phoneTab(b, allowed, timingProbe)
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

// BenchmarkYearReportOnAPhone opens a year report on a phone (360 px,
// processor 4× slower, nothing cached) and reports the medians of its
// Largest Contentful Paint, its load event, and the time until its first
// chart is drawn for a reader who goes straight to it: the example's
// report, served, and the 2024 report of the large fixture (1,000 units,
// 10,000 activities, 5 years) from disk, when it is asked for:
//
//	go test -run '^$' -bench YearReportOnAPhone -benchtime 15x ./generator/browsertest
//	REPORTSITE_BENCH_LARGE=1 go test -run '^$' -bench YearReportOnAPhone/large -benchtime 10x ./generator/browsertest
func BenchmarkYearReportOnAPhone(b *testing.B) {
	browser(b)
	b.Run("example", func(b *testing.B) {
		yearReportOnAPhone(b, pageURL(yearPage), servedOnly)
	})
	b.Run("large", func(b *testing.B) {
		if !fixture.LargeWanted() {
			b.Skip("set REPORTSITE_BENCH_LARGE=1 or name large in -bench")
		}
		g := largeSite(b)
		yearReportOnAPhone(b, g.fileURL("2024/index.html"), g.diskOnly)
	})
}

func yearReportOnAPhone(b *testing.B, url string, allowed func(string) bool) {
	var lcp, load, chart []float64
	for b.Loop() {
		t := visitOnAPhone(b, url, allowed, false)
		lcp, load = append(lcp, t.LCP), append(load, t.Load)
		chart = append(chart, visitOnAPhone(b, url, allowed, true).Chart)
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

// searchProbe runs before the search page's scripts and records, in
// window.reportsiteSearchTiming, when the words to find arrive in the box
// (the input event), when the list first shows results for them, and when
// every part of the index has been searched.
const searchProbe = `window.reportsiteSearchTiming = {};
document.addEventListener("input", function (e) {
  var t = window.reportsiteSearchTiming;
  if (e.target.id === "search-q" && !t.input) t.input = performance.now();
}, true);
document.addEventListener("DOMContentLoaded", function () {
  var list = document.getElementById("search-results");
  if (!list) return;
  new MutationObserver(function () {
    var t = window.reportsiteSearchTiming;
    if (!t.input) return;
    if (!t.first && list.children.length > 0) t.first = performance.now();
    if (!t.all && list.getAttribute("aria-busy") === "false") t.all = performance.now();
  }).observe(list, {childList: true, attributes: true});
});`

// searchTiming is what one search measured, in milliseconds from the
// input event that brought the words.
type searchTiming struct {
	First   float64 `json:"first"`
	All     float64 `json:"all"`
	Results int     `json:"results"`
}

// searchOnAPhone opens the search page at url in a new tab as a phone
// with nothing cached (360 px, processor phoneSlowdown times slower),
// waits for it to load, and types query into its box at once, as a paste
// would: nothing of the index is loaded before the box gets the focus.
func searchOnAPhone(b *testing.B, url string, allowed func(string) bool, query string) searchTiming {
	tb := phoneTab(b, allowed, searchProbe)
	tb.load(url, phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))
	tb.run("typing "+query,
		chromedp.Focus("#search-q", chromedp.ByID),
		chromedp.ActionFunc(func(ctx context.Context) error { return input.InsertText(query).Do(ctx) }),
	)
	var done bool
	tb.run("waiting for the whole index", chromedp.Poll("window.reportsiteSearchTiming.all > 0", &done, chromedp.WithPollingTimeout(2*time.Minute)))
	var timing searchTiming
	tb.eval("reading the timing", `(() => { const t = window.reportsiteSearchTiming; return {
	  first: t.first - t.input, all: t.all - t.input,
	  results: document.querySelectorAll("#search-results > li").length,
	}; })()`, &timing)
	tb.assertClean("search/index.html")
	return timing
}

// large is the large fixture's site, built once by the first benchmark
// that needs it, under workDir.
var (
	largeOnce sync.Once
	large     = &generated{name: "large", cfg: fixture.Large}
	largeErr  error
)

// largeSite returns the built large site, building it the first time.
func largeSite(b *testing.B) *generated {
	b.Helper()
	largeOnce.Do(func() {
		content, err := fixture.Cached(fixture.Large)
		if err != nil {
			largeErr = err
			return
		}
		large.dir, _, largeErr = buildSite(content, filepath.Join(workDir, "large-site"))
	})
	if largeErr != nil {
		b.Fatal(largeErr)
	}
	return large
}

// BenchmarkSearchOnAPhone opens the search page of the large fixture
// (1,000 units, 10,000 activities, 5 years) from disk on a phone (360 px,
// processor 4× slower, nothing cached), types a word, and reports the
// medians of the time from the words' arrival in the box to the first
// results shown and to the results of the whole index, for "nguyen"
// (found first among the units) and "tu sach" (among the activities),
// with the size of the index's files:
//
//	REPORTSITE_BENCH_LARGE=1 go test -run '^$' -bench SearchOnAPhone -benchtime 5x ./generator/browsertest
func BenchmarkSearchOnAPhone(b *testing.B) {
	browser(b)
	if !fixture.LargeWanted() {
		b.Skip("set REPORTSITE_BENCH_LARGE=1 or name large in -bench")
	}
	g := largeSite(b)
	size, gzipped, err := indexSize(filepath.Join(g.dir, "assets", "search"))
	if err != nil {
		b.Fatal(err)
	}
	var first, all, firstBooks, allBooks []float64
	for b.Loop() {
		t := searchOnAPhone(b, g.fileURL(searchPage), g.diskOnly, "nguyen")
		first, all = append(first, t.First), append(all, t.All)
		t = searchOnAPhone(b, g.fileURL(searchPage), g.diskOnly, "tu sach")
		firstBooks, allBooks = append(firstBooks, t.First), append(allBooks, t.All)
	}
	b.ReportMetric(median(first), "nguyen-first-ms")
	b.ReportMetric(median(all), "nguyen-all-ms")
	b.ReportMetric(median(firstBooks), "tu-sach-first-ms")
	b.ReportMetric(median(allBooks), "tu-sach-all-ms")
	b.ReportMetric(float64(size), "index-bytes")
	b.ReportMetric(float64(gzipped), "index-gzip-bytes")
}

// indexSize returns the size of the files of the search index in dir, as
// they are and gzipped, as a server that compresses would send them.
func indexSize(dir string) (size, gzipped int64, err error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.js"))
	if err != nil {
		return 0, 0, err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return 0, 0, err
		}
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(data)
		w.Close()
		size += int64(len(data))
		gzipped += int64(buf.Len())
	}
	return size, gzipped, nil
}
