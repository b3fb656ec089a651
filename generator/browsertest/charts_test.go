package browsertest

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// canvas is what the page reports about one chart canvas.
type canvas struct {
	ID          string  `json:"id"`
	Role        string  `json:"role"`
	Label       string  `json:"label"`
	Drawn       string  `json:"drawn"`
	Width       float64 `json:"width"`
	Height      float64 `json:"height"`
	SVG         bool    `json:"svg"`
	SVGWidth    float64 `json:"svgWidth"`
	SVGHeight   float64 `json:"svgHeight"`
	FigureWidth float64 `json:"figureWidth"`
	HasOption   bool    `json:"hasOption"`
	TableOpen   bool    `json:"tableOpen"`
	// Cut lists the chart's texts that reach past the edge of the SVG.
	Cut []string `json:"cut"`
	// Overlaps lists pairs of the chart's texts drawn over each other.
	Overlaps []string `json:"overlaps"`
	// Unlabelled lists the categories whose name the chart does not show.
	Unlabelled []string `json:"unlabelled"`
	// Shortened lists the categories whose name the chart shows only in
	// part: its beginning, "…" and its end (one of them may be empty).
	Shortened []string `json:"shortened"`
	// Needless lists the shortened names that did not need to be: their
	// bar's band holds another line, or they stand under a column.
	Needless []string `json:"needless"`
	// Horizontal is true for a chart of bars, its names on the vertical
	// axis, and false for one of columns.
	Horizontal bool `json:"horizontal"`
}

// canvasesJS describes every chart canvas of the page.
const canvasesJS = `Array.from(document.querySelectorAll(".chart-canvas")).map(el => {
  const r = el.getBoundingClientRect();
  const svg = el.querySelector("svg");
  const s = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  const figure = el.closest("figure.chart");
  const details = figure ? figure.querySelector("details.chart-table") : null;
  const id = el.getAttribute("data-chart") || "";
  const res = {
    id: id,
    role: el.getAttribute("role") || "",
    label: el.getAttribute("aria-label") || "",
    drawn: el.getAttribute("data-drawn") || "",
    width: r.width, height: r.height,
    svg: !!svg, svgWidth: s.width, svgHeight: s.height,
    figureWidth: figure ? figure.getBoundingClientRect().width : 0,
    hasOption: !!document.getElementById("chart-" + id + "-option"),
    tableOpen: !!(details && details.open),
    cut: [], overlaps: [], unlabelled: [], shortened: [], needless: [], horizontal: false,
  };
  if (!svg) return res;
  // Every bar is named: the category axis shows all its labels, whole
  // (a wrapped name is split over several texts). Beside a bar, a name
  // that needs more lines than its bar's band holds may be shortened: its
  // beginning, "…" and its end, cut between words or letters, on as many
  // lines as the band holds. Under a column nothing is shortened.
  const chart = typeof echarts !== "undefined" && echarts.getInstanceByDom(el);
  if (chart) {
    const squash = t => t.replace(/\s+/g, "");
    const shown = squash(Array.from(svg.querySelectorAll("text")).map(t => t.textContent).join(""));
    // The lines of one label are the texts ECharts moves into place with
    // the same transform. A shortened label is matched whole, to one name
    // only: names alike may be shortened alike, and then each needs a
    // label of its own. Longest first, so that a shorter part is left for
    // a name alike.
    const labels = new Map();
    for (const t of svg.querySelectorAll("text")) {
      const at = t.getAttribute("transform") || "";
      const l = labels.get(at) || {text: "", lines: 0};
      labels.set(at, {text: l.text + t.textContent, lines: l.lines + 1});
    }
    const shortened = Array.from(labels.values())
      .map(l => ({text: squash(l.text), lines: l.lines}))
      .map(l => ({parts: l.text.split("\u2026"), lines: l.lines}))
      .filter(l => l.parts.length === 2 && l.parts.join("") !== "")
      .map(l => ({head: l.parts[0], tail: l.parts[1], lines: l.lines}))
      .sort((a, b) => (b.head.length + b.tail.length) - (a.head.length + a.tail.length));
    const option = chart.getOption();
    const vertical = [].concat(option.yAxis || []);
    res.horizontal = vertical.some(axis => axis.type === "category");
    for (const axis of [].concat(option.xAxis || [], vertical)) {
      if (axis.type !== "category") continue;
      const data = axis.data || [];
      const k = vertical.indexOf(axis);
      // A bar's band is the distance between the middles of two bars
      // (with one bar, at most the chart's height); its lines are as far
      // apart as the option says.
      const band = k < 0 ? 0 : data.length > 1
        ? Math.abs(chart.convertToPixel({yAxisIndex: k}, 1) - chart.convertToPixel({yAxisIndex: k}, 0))
        : chart.getHeight();
      const line = k < 0 ? 0 : (axis.axisLabel && axis.axisLabel.lineHeight) || 0;
      for (const name of data) {
        const whole = squash(String(name));
        if (shown.includes(whole)) continue;
        const i = shortened.findIndex(l => l.head.length + l.tail.length < whole.length && whole.startsWith(l.head) && whole.endsWith(l.tail));
        if (i < 0) {
          res.unlabelled.push(String(name));
          continue;
        }
        const l = shortened.splice(i, 1)[0];
        res.shortened.push(String(name));
        if (!line || (l.lines + 1) * line <= band) {
          res.needless.push(String(name) + " (" + l.lines + " of " + (line ? Math.floor(band / line) : 0) + " lines)");
        }
      }
    }
  }
  // Texts under a clip path (a scrolling legend's hidden items) are cut
  // on purpose.
  const texts = Array.from(svg.querySelectorAll("text"))
    .filter(t => t.textContent.trim() !== "" && !t.closest("[clip-path]") && t.checkVisibility({opacityProperty: true, visibilityProperty: true}))
    .map(t => ({text: t.textContent.trim(), r: t.getBoundingClientRect()}))
    .filter(t => t.r.width > 0 && t.r.height > 0);
  for (const t of texts) {
    if (t.r.left < s.left - 1 || t.r.right > s.right + 1 || t.r.top < s.top - 1 || t.r.bottom > s.bottom + 1) res.cut.push(t.text);
  }
  // Glyph boxes are taller than the ink: lines of a wrapped label may
  // touch, but not cover a quarter of each other.
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i].r, b = texts[j].r;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > Math.min(a.height, b.height) / 4) res.overlaps.push(texts[i].text + " / " + texts[j].text);
    }
  }
  return res;
})`

// charts returns what the page reports about its chart canvases.
func (tb *tab) charts() []canvas {
	tb.t.Helper()
	var cs []canvas
	tb.eval("describing the charts", canvasesJS, &cs)
	return cs
}

// assertChartsDrawn checks that every chart of the page is drawn as an
// SVG of some size inside its figure, and is named for screen readers.
func (tb *tab) assertChartsDrawn(page string) []canvas {
	tb.t.Helper()
	cs := tb.charts()
	tb.checkCharts(page, cs)
	return cs
}

// checkCharts checks the charts cs of the page as assertChartsDrawn does.
func (tb *tab) checkCharts(page string, cs []canvas) {
	tb.t.Helper()
	for _, c := range cs {
		name := page + ": chart " + c.ID
		if c.ID == "" {
			tb.t.Errorf("%s: a chart canvas has no data-chart", page)
		}
		if !c.HasOption {
			tb.t.Errorf("%s: no option block #chart-%s-option", name, c.ID)
		}
		if c.Role != "img" {
			tb.t.Errorf("%s: role is %q, want img", name, c.Role)
		}
		if strings.TrimSpace(c.Label) == "" {
			tb.t.Errorf("%s: empty aria-label", name)
		}
		if c.Drawn != "true" {
			tb.t.Errorf("%s: not drawn (data-drawn=%q)", name, c.Drawn)
		}
		if c.Width <= 0 || c.Height <= 0 {
			tb.t.Errorf("%s: canvas is %.0f×%.0f px", name, c.Width, c.Height)
		}
		if !c.SVG {
			tb.t.Errorf("%s: no svg in the canvas", name)
		} else if c.SVGWidth <= 0 || c.SVGHeight <= 0 {
			tb.t.Errorf("%s: svg is %.0f×%.0f px", name, c.SVGWidth, c.SVGHeight)
		}
		if len(c.Cut) > 0 {
			tb.t.Errorf("%s: texts cut at the edge of the chart: %q", name, c.Cut)
		}
		if len(c.Unlabelled) > 0 {
			tb.t.Errorf("%s: categories without a label: %q", name, c.Unlabelled)
		}
		if len(c.Needless) > 0 {
			tb.t.Errorf("%s: categories whose name is shortened though it has room: %q", name, c.Needless)
		}
		if len(c.Overlaps) > 0 {
			tb.t.Errorf("%s: texts drawn over each other: %q", name, c.Overlaps)
		}
		if c.SVGWidth > c.FigureWidth+0.5 {
			tb.t.Errorf("%s: svg is %.1f px wide, wider than its figure (%.1f px)", name, c.SVGWidth, c.FigureWidth)
		}
	}
}

// TestEveryPageDrawsItsChartsCleanly opens every page of the site from the
// test server at desktop size, scrolls to the bottom so that the lazy
// charts draw, and checks the charts and everything the browser reported.
func TestEveryPageDrawsItsChartsCleanly(t *testing.T) {
	browser(t)
	var total atomic.Int64
	// Pages open in parallel tabs of the one browser, as many as
	// -parallel allows.
	t.Run("pages", func(t *testing.T) {
		for _, p := range pages {
			t.Run(strings.TrimSuffix(p, "/index.html"), func(t *testing.T) {
				t.Parallel()
				tb := openTab(t, servedOnly)
				tb.load(pageURL(p), desktopWidth, desktopHeight)
				tb.scrollAndDraw()
				cs := tb.assertChartsDrawn(p)
				tb.assertClean(p)
				total.Add(int64(len(cs)))
				for _, c := range cs {
					if c.TableOpen {
						t.Errorf("%s: chart %s is drawn but its table is still unfolded on screen", p, c.ID)
					}
				}
			})
		}
	})
	if total.Load() == 0 {
		t.Error("no page of the example site has a chart")
	}
	t.Logf("%d pages, %d charts drawn", len(pages), total.Load())
}

// TestYearReportFromDisk opens pages straight from the built folder, as a
// reader does with a site that was zipped and mailed: no server, file://
// addresses, and the same policy.
func TestYearReportFromDisk(t *testing.T) {
	browser(t)
	for _, p := range []string{"2023/index.html", "activities/donating-bookshelves-2023/index.html", "units/agricultural-extension-centre/index.html"} {
		t.Run(strings.TrimSuffix(p, "/index.html"), func(t *testing.T) {
			tb := openTab(t, diskOnly)
			tb.load(fileURL(p), desktopWidth, desktopHeight)
			tb.scrollAndDraw()
			if cs := tb.assertChartsDrawn(p); len(cs) == 0 {
				t.Errorf("%s: no charts on the page", p)
			}
			tb.assertClean(p)
			var sawScript bool
			for _, u := range tb.requested() {
				if strings.HasSuffix(u, "/assets/charts.js") {
					sawScript = true
				}
			}
			if !sawScript {
				t.Errorf("%s: the chart script assets/charts.js was never requested from disk; requests: %v", p, tb.requested())
			}
		})
	}
}

// slowdown is how many times slower than this machine the slow phone's
// processor runs.
const slowdown = 6

// TestChartsOnASlowPhone draws the year report on a 360 px phone with a
// slow processor. ECharts takes shortcuts in measuring text when the
// device is slow (it then counts every letter as wide as an "a"); the
// labels must still all be there, whole, apart and inside their chart.
func TestChartsOnASlowPhone(t *testing.T) {
	browser(t)
	tb := openTab(t, servedOnly)
	tb.run("slowing the processor", emulation.SetCPUThrottlingRate(slowdown))
	tb.load(pageURL(yearPage), phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))
	tb.scrollAndDraw()
	if cs := tb.assertChartsDrawn(yearPage); len(cs) == 0 {
		t.Errorf("%s: no charts", yearPage)
	}
	tb.assertClean(yearPage)
}
