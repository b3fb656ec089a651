package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"reportsite/generator/charts"
	"reportsite/generator/fixture"
)

// TestManyYears draws the charts across years of a bloc with more years
// than a chart of years draws, on a desktop and on a slow phone: the home
// page's trends and a unit's figures by year show the last years, in
// order, with labels apart, and their tables every year.
func TestManyYears(t *testing.T) {
	browser(t)
	years := manyYears.cfg.Years
	var last []string
	for y := fixture.LastYear - charts.MaxYears + 1; y <= fixture.LastYear; y++ {
		last = append(last, strconv.Itoa(y))
	}
	unit := "units/" + firstUnit(t) + "/index.html"
	manyYears.onDesktopAndPhone(t, []string{"index.html", unit}, func(t *testing.T, tb *tab, p string, phone bool) {
		tb.checkCharts(p, tb.charts())
		var byYear []struct {
			ID       string   `json:"id"`
			Drawn    []string `json:"drawn"`
			Tabled   int      `json:"tabled"`
			FirstRow string   `json:"firstRow"`
		}
		tb.eval("reading the charts by year", `["money-by-year", "participants-by-year"].map(id => {
  const el = document.querySelector('.chart-canvas[data-chart="' + id + '"]');
  const chart = el && echarts.getInstanceByDom(el);
  const rows = el ? el.closest("figure").querySelectorAll("details.chart-table tbody tr") : [];
  return {id: id, drawn: chart ? chart.getOption().xAxis[0].data.map(String) : [],
    tabled: rows.length, firstRow: rows.length ? rows[0].cells[0].textContent.trim() : ""};
})`, &byYear)
		for _, c := range byYear {
			if strings.Join(c.Drawn, " ") != strings.Join(last, " ") {
				t.Errorf("%s: chart %s draws the years %q, want the last %d in order: %q", p, c.ID, c.Drawn, charts.MaxYears, last)
			}
			if want := fmt.Sprint(fixture.LastYear - years + 1); c.Tabled != years || c.FirstRow != want {
				t.Errorf("%s: chart %s's table has %d rows starting with %q, want all %d years from %s", p, c.ID, c.Tabled, c.FirstRow, years, want)
			}
		}
		if !phone && p == "index.html" {
			var cs []chartText
			tb.eval("showing every tooltip", chartTextJS, &cs)
			for _, c := range cs {
				checkChartText(t, p, c)
			}
		}
		tb.assertClean(p)
	})
}

// firstUnit returns the ID of the first unit of the site of many years,
// from its list of units.
func firstUnit(t *testing.T) string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(manyYears.dir, "units"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			return e.Name()
		}
	}
	t.Fatal("the site of many years has no unit pages")
	return ""
}
