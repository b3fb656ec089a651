package browsertest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// overflow is what sticks out sideways of a phone screen.
type overflow struct {
	ScrollWidth float64  `json:"scrollWidth"`
	ViewWidth   float64  `json:"viewWidth"`
	Wide        []string `json:"wide"` // elements wider than the screen, outside scrolling table wrappers
}

// overflowJS finds elements that reach past the right edge of the screen
// without being inside a sideways-scrolling .table-wrap (wide tables may
// scroll inside their wrapper, but the page itself must not, and a
// table's caption must be readable without scrolling).
const overflowJS = `(() => {
  const vw = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".table-wrap") && !el.closest("caption") || el.closest(".visually-hidden") || el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1) {
      const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
      wide.push(name + " right=" + Math.round(r.right));
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, viewWidth: vw, wide: wide.slice(0, 20)};
})()`

// TestScreenshots takes full-page screenshots of the pages readers get
// linked to, on a 360 px phone and a 1280 px desktop, into
// artifacts/screenshots/ for people to look at, and fails when a page is
// wider than the phone's screen.
func TestScreenshots(t *testing.T) {
	browser(t)
	dir := artifactsDir(t, "screenshots")
	shots := []struct{ name, page string }{
		{"year-2023-report", yearPage},
		{"unit-agricultural-extension-centre", unitPage},
		{"activity-donating-bookshelves-2023", bookshelfPage},
	}
	viewports := []struct {
		width, height int64
		phone         bool
	}{
		{phoneWidth, phoneHeight, true},
		{desktopWidth, desktopHeight, false},
	}
	for _, s := range shots {
		for _, v := range viewports {
			name := fmt.Sprintf("%s-%dpx", s.name, v.width)
			t.Run(name, func(t *testing.T) {
				tb := openTab(t, servedOnly)
				var opts []chromedp.EmulateViewportOption
				if v.phone {
					opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))
				}
				tb.load(pageURL(s.page), v.width, v.height, opts...)
				tb.scrollAndDraw()
				tb.assertChartsDrawn(s.page)
				if v.phone {
					var o overflow
					tb.eval("measuring the page's width", overflowJS, &o)
					if o.ScrollWidth > o.ViewWidth || len(o.Wide) > 0 {
						t.Errorf("%s at %d px: the page is %.0f px wide on a %.0f px screen; too wide: %s",
							s.page, v.width, o.ScrollWidth, o.ViewWidth, strings.Join(o.Wide, ", "))
					}
				}
				var png []byte
				tb.run("taking the screenshot", chromedp.FullScreenshot(&png, 100))
				if !bytes.HasPrefix(png, []byte("\x89PNG")) {
					t.Fatalf("%s: the screenshot is not a PNG", name)
				}
				if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
				if s.page == yearPage {
					tb.tooltipShot(filepath.Join(dir, name+"-tooltip.png"))
				}
				tb.assertClean(s.page)
			})
		}
	}
}

// tooltipChart is the chart whose tooltip is the widest: several series,
// each named by a long activity title.
const tooltipChart = "money-by-unit"

// tooltipJS shows the tooltip of the first bar of tooltipChart and
// measures it against the chart.
const tooltipJS = `(async () => {
  const el = document.querySelector('.chart-canvas[data-chart="` + tooltipChart + `"]');
  el.scrollIntoView({block: "center"});
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  echarts.getInstanceByDom(el).dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: 0});
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const tip = Array.from(el.children).find(c => c.tagName === "DIV" && !c.querySelector("svg"));
  const c = el.getBoundingClientRect(), t = tip ? tip.getBoundingClientRect() : null;
  return {
    text: tip ? tip.textContent : "",
    inside: !!t && t.left >= c.left - 1 && t.right <= c.right + 1 && t.top >= c.top - 1 && t.bottom <= c.bottom + 1,
    width: t ? t.width : 0,
  };
})()`

// tooltipShot shows a tooltip on the year report, checks that it stays
// inside its chart, and saves a picture of the chart with it to file.
func (tb *tab) tooltipShot(file string) {
	tb.t.Helper()
	var tip struct {
		Text   string  `json:"text"`
		Inside bool    `json:"inside"`
		Width  float64 `json:"width"`
	}
	tb.eval("showing a tooltip", tooltipJS, &tip)
	if strings.TrimSpace(tip.Text) == "" {
		tb.t.Fatalf("no tooltip shown on %s", tooltipChart)
	}
	if !tip.Inside {
		tb.t.Errorf("the tooltip of %s (%.0f px wide: %q) reaches outside its chart", tooltipChart, tip.Width, tip.Text)
	}
	var png []byte
	tb.run("taking the tooltip's picture", chromedp.Screenshot("#chart-"+tooltipChart, &png, chromedp.ByQuery))
	if err := os.WriteFile(file, png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}
