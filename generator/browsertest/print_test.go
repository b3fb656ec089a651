package browsertest

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// tableState is what the page reports about one chart's table.
type tableState struct {
	ID      string  `json:"id"`
	Open    bool    `json:"open"`
	Height  float64 `json:"height"` // of the table itself: zero when hidden
	Rows    int     `json:"rows"`
	Drawn   bool    `json:"drawn"`
	Visible bool    `json:"visible"`
}

const tablesJS = `Array.from(document.querySelectorAll("figure.chart")).map(f => {
  const d = f.querySelector("details.chart-table");
  const table = d ? d.querySelector("table") : null;
  const canvas = f.querySelector(".chart-canvas");
  return {
    id: f.id,
    open: !!(d && d.open),
    height: table ? table.getBoundingClientRect().height : 0,
    rows: table ? table.querySelectorAll("tbody tr").length : 0,
    drawn: !!(canvas && canvas.getAttribute("data-drawn")),
    visible: !!(table && table.checkVisibility()),
  };
})`

// TestTablesShowWithoutJavaScript opens the year report with scripts
// turned off, as some intranet browsers do: every chart's table is there,
// unfolded and visible.
func TestTablesShowWithoutJavaScript(t *testing.T) {
	browser(t)
	tb := openTab(t, servedOnly)
	tb.run("turning scripts off", emulation.SetScriptExecutionDisabled(true))
	tb.load(pageURL(yearPage), desktopWidth, desktopHeight)
	var tables []tableState
	tb.eval("reading the tables", tablesJS, &tables)
	if len(tables) == 0 {
		t.Fatalf("%s: no chart figures", yearPage)
	}
	for _, tbl := range tables {
		if tbl.Drawn {
			t.Errorf("%s: %s was drawn although scripts are off", yearPage, tbl.ID)
		}
		if !tbl.Open || !tbl.Visible || tbl.Height <= 0 || tbl.Rows == 0 {
			t.Errorf("%s: without JavaScript the table of %s is not shown: %+v", yearPage, tbl.ID, tbl)
		}
	}
	tb.assertClean(yearPage)
}

// a4ContentWidth is the width in CSS pixels between the margins of an A4
// page as print.css sets it (210 mm less margins of 30 and 15 mm, at 96 px
// per inch).
const a4ContentWidth = (210 - 30 - 15) * 96 / 25.4

// printedChart is what the page reports about one chart in print.
type printedChart struct {
	ID          string  `json:"id"`
	SVGWidth    float64 `json:"svgWidth"`
	CanvasWidth float64 `json:"canvasWidth"`
	FigureWidth float64 `json:"figureWidth"`
	MainWidth   float64 `json:"mainWidth"`
	Drawn       bool    `json:"drawn"`
	TableOpen   bool    `json:"tableOpen"`
}

const printedJS = `(async () => {
  window.dispatchEvent(new Event("beforeprint"));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const main = document.querySelector("main").getBoundingClientRect().width;
  return Array.from(document.querySelectorAll("figure.chart")).map(f => {
    const canvas = f.querySelector(".chart-canvas");
    const svg = canvas && canvas.querySelector("svg");
    const d = f.querySelector("details.chart-table");
    return {
      id: f.id,
      svgWidth: svg ? svg.getBoundingClientRect().width : 0,
      canvasWidth: canvas ? canvas.getBoundingClientRect().width : 0,
      figureWidth: f.getBoundingClientRect().width,
      mainWidth: main,
      drawn: !!(canvas && canvas.getAttribute("data-drawn")),
      tableOpen: !!(d && d.open),
    };
  });
})()`

// TestYearReportPrintsOnA4 prints the year report as a reader printing it
// for a meeting would: with print styles, at the width of an A4 page's
// text, after the browser's beforeprint event. Every chart is drawn
// within its container, every table is unfolded, and the PDF is written to
// artifacts/print/.
func TestYearReportPrintsOnA4(t *testing.T) {
	browser(t)
	tb := openTab(t, servedOnly)
	width := int64(math.Floor(a4ContentWidth))
	tb.load(pageURL(yearPage), width, desktopHeight)
	tb.run("emulating print media", emulation.SetEmulatedMedia().WithMedia("print"))
	var charts []printedChart
	tb.eval("printing", printedJS, &charts)
	if len(charts) == 0 {
		t.Fatalf("%s: no charts", yearPage)
	}
	for _, c := range charts {
		if !c.Drawn {
			t.Errorf("%s: %s is not drawn for print", yearPage, c.ID)
		}
		if !c.TableOpen {
			t.Errorf("%s: the table of %s is folded in print", yearPage, c.ID)
		}
		if c.SVGWidth <= 0 {
			t.Errorf("%s: %s has no width in print", yearPage, c.ID)
		}
		for _, limit := range []struct {
			what  string
			width float64
		}{{"its canvas", c.CanvasWidth}, {"its figure", c.FigureWidth}, {"the page's main column", c.MainWidth}, {"an A4 page's text", a4ContentWidth}} {
			if c.SVGWidth > limit.width+0.5 {
				t.Errorf("%s: %s is %.1f px wide in print, wider than %s (%.1f px)", yearPage, c.ID, c.SVGWidth, limit.what, limit.width)
			}
		}
	}

	var pdf []byte
	tb.run("printing to PDF", chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().
			WithPaperWidth(210 / 25.4).
			WithPaperHeight(297 / 25.4).
			WithPreferCSSPageSize(true).
			WithPrintBackground(false).
			Do(ctx)
		return err
	}))
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 10000 {
		t.Errorf("%s: the PDF has %d bytes and starts %q", yearPage, len(pdf), pdf[:min(len(pdf), 8)])
	}
	out := filepath.Join(artifactsDir(t, "print"), "2023-report-a4.pdf")
	if err := os.WriteFile(out, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	tb.assertClean(yearPage)
}
