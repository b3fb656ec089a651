package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"reportsite/generator/fixture"
)

// busiestUnit returns the page of the unit of the site of long names that
// took part in the most activities, from the site's published data: its
// charts of activities have the most bars.
func busiestUnit(t *testing.T) string {
	t.Helper()
	count := map[string]int{}
	for year := fixture.LastYear - longNames.cfg.Years + 1; year <= fixture.LastYear; year++ {
		data, err := os.ReadFile(filepath.Join(longNames.dir, "data", fmt.Sprint(year), "units.json"))
		if err != nil {
			t.Fatal(err)
		}
		var units []struct {
			ID         string `json:"unit_id"`
			Activities int    `json:"activities"`
		}
		if err := json.Unmarshal(data, &units); err != nil {
			t.Fatalf("data/%d/units.json: %v", year, err)
		}
		for _, u := range units {
			count[u.ID] += u.Activities
		}
	}
	best := ""
	for id, n := range count {
		if best == "" || n > count[best] || n == count[best] && id < best {
			best = id
		}
	}
	if best == "" {
		t.Fatal("the site of long names publishes no units")
	}
	t.Logf("unit %s took part in %d activities", best, count[best])
	return "units/" + best + "/index.html"
}

// TestLongNamesStayApart draws the charts of a site whose activities have
// long names, such as "Ủng hộ đồng bào bị thiệt hại do bão lũ 2024 tại
// Triệu Phong", on a desktop and on a slow phone. Beside a bar, a name
// has the height of the bar's band: one too long for it is shortened, and
// its lines must not be drawn over its neighbours'. Every bar is still
// named, and its tooltip gives the whole name with the table's figures.
func TestLongNamesStayApart(t *testing.T) {
	browser(t)
	long := []string{busiestUnit(t), fmt.Sprintf("%d/index.html", fixture.LastYear)}
	longNames.onDesktopAndPhone(t, long, func(t *testing.T, tb *tab, p string, phone bool) {
		cs := tb.charts()
		if len(cs) == 0 {
			t.Fatalf("%s: no charts", p)
		}
		tb.checkCharts(p, cs)
		shortened := 0
		for _, c := range cs {
			shortened += len(c.Shortened)
		}
		// Without a shortened name the page no longer shows what this
		// test is about.
		if shortened == 0 {
			t.Errorf("%s: no category name was shortened; the generated names are no longer too long for their bars", p)
		}
		t.Logf("%s: %d charts, %d names shortened", p, len(cs), shortened)
		if !phone {
			var charts []chartText
			tb.eval("showing every tooltip", chartTextJS, &charts)
			for _, c := range charts {
				checkChartText(t, p, c)
			}
		}
		tb.assertClean(p)
	})
}
