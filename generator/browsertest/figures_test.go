package browsertest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The pages and figures the example site is known for: the bloc's 2023
// report and its bookshelf drive, whose 33,820,000 VND and 641 books come
// from the seed article.
const (
	yearPage       = "2023/index.html"
	bookshelfPage  = "activities/donating-bookshelves-2023/index.html"
	unitPage       = "units/agricultural-extension-centre/index.html"
	bookshelfTitle = "Donating Bookshelves 2023"
	bookshelfMoney = 33820000
)

// figuresJS reads the key figures of the page by their label, and the
// total (last cell of the footer row) of every chart table by chart ID.
const figuresJS = `(() => {
  const key = {};
  document.querySelectorAll(".key-figures > div").forEach(d => {
    const exact = d.querySelector(".exact"), big = d.querySelector(".big");
    key[d.querySelector("dt").textContent.trim()] = {
      exact: exact ? exact.textContent.trim() : "",
      big: big ? big.textContent.trim() : "",
    };
  });
  const totals = {};
  document.querySelectorAll("figure.chart").forEach(f => {
    const cells = f.querySelectorAll("details.chart-table tfoot td");
    totals[f.id.replace(/^chart-/, "")] = cells.length ? cells[cells.length - 1].textContent.trim() : "";
  });
  return {key, totals};
})()`

type keyFigure struct {
	Exact string `json:"exact"`
	Big   string `json:"big"`
}

type pageFigures struct {
	Key    map[string]keyFigure `json:"key"`
	Totals map[string]string    `json:"totals"`
}

// TestChartTotalsMatchTheKeyFigures checks that the total row of a chart's
// table says exactly what the key figures at the top of the page say.
func TestChartTotalsMatchTheKeyFigures(t *testing.T) {
	browser(t)
	cases := []struct {
		page  string
		chart string
		key   string // the key figure's label
		exact bool   // compare with the exact form under the big one
	}{
		{yearPage, "money-by-activity", "Money collected", true},
		{yearPage, "money-by-unit", "Money collected", true},
		{yearPage, "participants-by-unit", "Participations", false},
		{bookshelfPage, "money-by-unit", "Money collected", true},
		{bookshelfPage, "participants-by-unit", "Participants", false},
		{bookshelfPage, "recipients", "Value received by recipients", true},
	}
	got := map[string]pageFigures{}
	for _, p := range []string{yearPage, bookshelfPage} {
		tb := openTab(t, servedOnly)
		tb.load(pageURL(p), desktopWidth, desktopHeight)
		tb.scrollAndDraw()
		var f pageFigures
		tb.eval("reading the figures", figuresJS, &f)
		got[p] = f
		tb.assertClean(p)
	}
	for _, c := range cases {
		f := got[c.page]
		key, ok := f.Key[c.key]
		if !ok {
			t.Errorf("%s: no key figure %q among %v", c.page, c.key, keys(f.Key))
			continue
		}
		want := key.Big
		if c.exact {
			want = key.Exact
		}
		total, ok := f.Totals[c.chart]
		switch {
		case !ok:
			t.Errorf("%s: no chart %s among %v", c.page, c.chart, keys(f.Totals))
		case want == "":
			t.Errorf("%s: key figure %q is empty", c.page, c.key)
		case total != want:
			t.Errorf("%s: the %s table's total is %q, the key figure %q is %q", c.page, c.chart, total, c.key, want)
		}
	}
	if got, want := got[bookshelfPage].Key["Money collected"].Exact, "33,820,000 VND"; got != want {
		t.Errorf("%s: money collected is %q, want the seed's %q", bookshelfPage, got, want)
	}
}

// tooltipRow is, for one category of a chart, the tooltip the chart shows
// and the row of its table.
type tooltipRow struct {
	Category string   `json:"category"`
	Tooltip  string   `json:"tooltip"`
	Cells    []string `json:"cells"`
	Index    int      `json:"index"` // of the row in the table, -1 for none
}

// chartText is what one chart shows as text: a tooltip per category, the
// labels its value axis should carry and the SVG's text.
type chartText struct {
	ID         string       `json:"id"`
	Format     string       `json:"format"`
	Series     int          `json:"series"`
	Rows       []tooltipRow `json:"rows"`
	TickLabels []string     `json:"tickLabels"`
	Texts      []string     `json:"texts"`
	Error      string       `json:"error"`
}

// chartTextJS shows the tooltip of every category of every chart, as a
// reader's finger or pointer would, and reads it with the table row of the
// same category; it also lists the value axis's ticks in the compact form
// the axis should print.
const chartTextJS = `(async () => {
  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const fmt = JSON.parse(document.getElementById("reportsite-numbers").textContent);
  const short = (kind, v) => kind === "money" ? reportsiteNumbers.compactMoney(fmt, Math.round(v))
    : kind === "percent" ? reportsiteNumbers.percent(fmt, v) : reportsiteNumbers.compactNumber(fmt, Math.round(v));
  const out = [];
  for (const el of document.querySelectorAll(".chart-canvas")) {
    const id = el.getAttribute("data-chart"), kind = el.getAttribute("data-format");
    const res = {id: id, format: kind, series: 0, rows: [], tickLabels: [], texts: [], error: ""};
    out.push(res);
    try {
      el.scrollIntoView({block: "center"});
      await frames();
      const chart = echarts.getInstanceByDom(el);
      const option = chart.getOption();
      res.series = option.series.length;
      const horizontal = option.yAxis[0].type === "category";
      const categories = (horizontal ? option.yAxis[0] : option.xAxis[0]).data;
      // A category's row is found by its name: a table may have rows the
      // chart does not draw (Others too large to draw, earlier years).
      const rows = Array.from(el.closest("figure").querySelectorAll("details.chart-table tbody tr"));
      for (let i = 0; i < categories.length; i++) {
        chart.dispatchAction({type: "showTip", seriesIndex: 0, dataIndex: i});
        await frames();
        const tip = Array.from(el.children).find(c => c.tagName === "DIV" && !c.querySelector("svg"));
        const row = rows.find(r => r.cells[0] && r.cells[0].textContent.trim() === String(categories[i]));
        res.rows.push({
          category: String(categories[i]),
          tooltip: tip ? tip.textContent : "",
          cells: row ? Array.from(row.cells).map(c => c.textContent.trim()) : [],
          index: rows.indexOf(row),
        });
      }
      chart.dispatchAction({type: "hideTip"});
      const axis = chart.getModel().getComponent(horizontal ? "xAxis" : "yAxis", 0).axis;
      res.tickLabels = axis.scale.getTicks().map(t => short(kind, t.value));
      res.texts = Array.from(el.querySelectorAll("svg text")).map(t => t.textContent);
    } catch (e) {
      res.error = String(e && e.stack || e);
    }
  }
  return out;
})()`

// TestChartTooltipsAndAxesMatchTheTables checks that the browser writes
// numbers exactly as the generator does: every tooltip shows its table
// row's figures, the value axes carry the compact form of their ticks, and
// numbers.js formats the bookshelf drive's money as the table cell does.
func TestChartTooltipsAndAxesMatchTheTables(t *testing.T) {
	browser(t)
	for _, p := range []string{yearPage, bookshelfPage} {
		t.Run(strings.TrimSuffix(p, "/index.html"), func(t *testing.T) {
			tb := openTab(t, servedOnly)
			tb.load(pageURL(p), desktopWidth, desktopHeight)
			tb.scrollAndDraw()

			if p == yearPage {
				var money struct {
					Script string `json:"script"`
					Cell   string `json:"cell"`
				}
				tb.eval("formatting money in the page", fmt.Sprintf(`(() => {
  const script = reportsiteNumbers.money(JSON.parse(document.getElementById("reportsite-numbers").textContent), %d);
  const row = Array.from(document.querySelectorAll("#chart-money-by-activity tbody tr")).find(tr => tr.cells[0].textContent.trim() === %q);
  return {script: script, cell: row ? row.cells[1].textContent.trim() : ""};
})()`, bookshelfMoney, bookshelfTitle), &money)
				if money.Cell == "" {
					t.Errorf("no row %q in the money-by-activity table", bookshelfTitle)
				}
				if money.Script != money.Cell {
					t.Errorf("reportsiteNumbers.money(%d) = %q, the table cell says %q", bookshelfMoney, money.Script, money.Cell)
				}
			}

			var charts []chartText
			tb.eval("showing every tooltip", chartTextJS, &charts)
			if len(charts) == 0 {
				t.Fatalf("%s: no charts", p)
			}
			for _, c := range charts {
				checkChartText(t, p, c)
			}
			// Tooltips are HTML written by ECharts: they must not break
			// the page's policy either.
			tb.assertClean(p)
		})
	}
}

func checkChartText(t *testing.T, page string, c chartText) {
	t.Helper()
	name := page + ": chart " + c.ID
	if c.Error != "" {
		t.Errorf("%s: %s", name, c.Error)
		return
	}
	if len(c.Rows) == 0 {
		t.Errorf("%s: no categories", name)
	}
	previous := -1 // the table row of the previous category
	for _, r := range c.Rows {
		if len(r.Cells) == 0 {
			t.Errorf("%s: no row of the table names %q", name, r.Category)
			continue
		}
		if r.Index <= previous {
			t.Errorf("%s: the table has %q before the category drawn before it; its rows are not in the chart's order", name, r.Category)
		}
		previous = r.Index
		if len(r.Cells) < 1+c.Series {
			t.Errorf("%s: table row for %q has cells %q, want a label and %d figures", name, r.Category, r.Cells, c.Series)
			continue
		}
		if strings.TrimSpace(r.Tooltip) == "" {
			t.Errorf("%s: no tooltip for %q", name, r.Category)
			continue
		}
		// The cells after the series' own (a stacked chart's total) are
		// not in the tooltip.
		for _, cell := range r.Cells[:1+c.Series] {
			if !strings.Contains(r.Tooltip, cell) {
				t.Errorf("%s: the tooltip of %q is %q, which lacks the table's %q", name, r.Category, r.Tooltip, cell)
			}
		}
	}
	shown := 0
	for _, label := range c.TickLabels {
		if slices.Contains(c.Texts, label) {
			shown++
		}
	}
	if shown < min(2, len(c.TickLabels)) {
		t.Errorf("%s: the value axis shows %d of its tick labels %q; the chart's text is %q", name, shown, c.TickLabels, c.Texts)
	}
	if c.Format == "money" {
		// Every amount on a money chart is a tick label in compact form.
		for _, text := range c.Texts {
			if strings.Contains(text, "VND") && !slices.Contains(c.TickLabels, text) {
				t.Errorf("%s: the chart shows %q, which is none of its tick labels %q", name, text, c.TickLabels)
			}
		}
	}
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
