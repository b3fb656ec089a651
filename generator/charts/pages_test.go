package charts

import (
	"fmt"
	"testing"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/figures"
	"reportsite/generator/fixture"
)

// pageSpecs returns the specs of every page's charts of the content in
// dir, by page.
func pageSpecs(t *testing.T, b *Builder, dir string) map[string][]Spec {
	t.Helper()
	var diags diag.List
	c := content.Load(dir, &diags)
	if diags.HasErrors() {
		t.Fatalf("%s does not load: %v", dir, diags.Items())
	}
	f := figures.Compute(c)
	pages := map[string][]Spec{"home": b.trendSpecs(f)}
	for _, y := range f.Years {
		pages[fmt.Sprint("year ", y.Year)] = b.yearSpecs(y)
	}
	for _, u := range f.Units {
		pages["unit "+u.Unit.ID] = b.unitSpecs(u)
	}
	for _, a := range f.Activities {
		pages["activity "+a.Activity.ID] = b.activitySpecs(a)
	}
	return pages
}

// TestChartTotalsAreWhatTheirValuesAddUpTo: the totals a chart takes from
// figures are the sums of the values it draws from figures, on the
// example and on generated content, so its table adds up.
func TestChartTotalsAreWhatTheirValuesAddUpTo(t *testing.T) {
	generated := t.TempDir()
	if err := fixture.Write(generated, fixture.Config{Units: 25, Activities: 90, Years: 3, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	b := testBuilder(t, "en")
	for _, dir := range []string{"../../content", generated} {
		checked := 0
		for page, specs := range pageSpecs(t, b, dir) {
			for _, s := range specs {
				if !hasValue(s.Series) {
					continue
				}
				want := withTotals(s)
				if s.Total && s.Format != Percent {
					checked++
					for j := range s.Series {
						if s.Totals[j] != want.Totals[j] {
							t.Errorf("%s, %s: %s totals %v, its values add up to %v", page, s.ID, s.Series[j].Name, s.Totals[j], want.Totals[j])
						}
					}
					if len(s.Series) > 1 && s.GrandTotal != want.GrandTotal {
						t.Errorf("%s, %s: grand total %v, its values add up to %v", page, s.ID, s.GrandTotal, want.GrandTotal)
					}
				}
				for i := range want.CategoryTotals {
					if s.CategoryTotals[i] != want.CategoryTotals[i] {
						t.Errorf("%s, %s: %s totals %v, its values add up to %v", page, s.ID, s.Categories[i], s.CategoryTotals[i], want.CategoryTotals[i])
					}
				}
			}
		}
		if checked == 0 {
			t.Errorf("%s: no chart with totals", dir)
		}
	}
}
