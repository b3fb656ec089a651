package charts

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"reportsite/generator/locale"
)

func testBuilder(t *testing.T, lang string) *Builder {
	t.Helper()
	loc, err := locale.Lookup(lang)
	if err != nil {
		t.Fatal(err)
	}
	strs, err := locale.LoadStrings(os.DirFS("../../templates"), lang)
	if err != nil {
		t.Fatal(err)
	}
	return NewBuilder(loc, strs)
}

// withTotals returns s with its totals added up from its values, as
// figures would give them.
func withTotals(s Spec) Spec {
	s.Totals = make([]float64, len(s.Series))
	s.GrandTotal = 0
	for j, series := range s.Series {
		for _, v := range series.Values {
			s.Totals[j] += v
		}
		s.GrandTotal += s.Totals[j]
	}
	s.CategoryTotals = nil
	if len(s.Series) > 1 {
		s.CategoryTotals = make([]float64, len(s.Categories))
		for _, series := range s.Series {
			for i, v := range series.Values {
				s.CategoryTotals[i] += v
			}
		}
	}
	return s
}

var moneySpec = withTotals(Spec{
	ID: "money-by-activity", Title: "Money collected by activity", Category: "Activity",
	Categories: []string{"Donating Bookshelves 2023", "Tet gifts"},
	Series:     []Series{{Name: "Money", Values: []float64{33_820_000, 14_000_000}}},
	Format:     Money, Horizontal: true, Total: true,
})

func TestTableHoldsTheChartsFiguresInTheSiteLanguage(t *testing.T) {
	for lang, want := range map[string][]string{
		"en": {"33,820,000 VND", "14,000,000 VND", "47,820,000 VND"},
		"vi": {"33.820.000 đ", "14.000.000 đ", "47.820.000 đ"},
		"pt": {"33.820.000 VND", "14.000.000 VND", "47.820.000 VND"},
	} {
		c := testBuilder(t, lang).Build(moneySpec)
		got := []string{c.Table.Rows[0].Cells[0], c.Table.Rows[1].Cells[0], c.Table.Foot.Cells[0]}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: table cells %q, want %q", lang, got, want)
		}
	}
}

func TestOptionIsDeterministicAndSelfContained(t *testing.T) {
	b := testBuilder(t, "en")
	first, second := b.Build(moneySpec), b.Build(moneySpec)
	if first.Option != second.Option {
		t.Fatal("two builds of the same chart differ")
	}
	for _, bad := range []string{"http", "cdn", "<", "__f__"} {
		if strings.Contains(first.Option, bad) {
			t.Errorf("option contains %q: %s", bad, first.Option)
		}
	}
	var option map[string]any
	if err := json.Unmarshal([]byte(first.Option), &option); err != nil {
		t.Fatal(err)
	}
	aria, _ := option["aria"].(map[string]any)
	decal, _ := aria["decal"].(map[string]any)
	if aria["enabled"] != true || decal["show"] != true {
		t.Errorf("aria with decal patterns not enabled: %v", option["aria"])
	}
	if yAxis := option["yAxis"].([]any)[0].(map[string]any); yAxis["type"] != "category" {
		t.Errorf("horizontal chart's y axis = %v, want the categories", yAxis)
	}
}

func TestLabelNamesTheLargestBar(t *testing.T) {
	c := testBuilder(t, "en").Build(moneySpec)
	for _, want := range []string{"Money collected by activity", "2 bars", "Donating Bookshelves 2023", "33,820,000 VND"} {
		if !strings.Contains(c.Label, want) {
			t.Errorf("label %q lacks %q", c.Label, want)
		}
	}
}

func TestChartsWithNothingToShowAreLeftOut(t *testing.T) {
	b := testBuilder(t, "en")
	empty := moneySpec
	empty.Series = []Series{{Name: "Money", Values: []float64{0, 0}}}
	if c := b.Build(empty); c != nil {
		t.Error("an all-zero chart was built")
	}
	empty.Categories = nil
	if c := b.Build(empty); c != nil {
		t.Error("a chart without categories was built")
	}
}

func TestStackedTableHasATotalColumn(t *testing.T) {
	c := testBuilder(t, "en").Build(withTotals(Spec{
		ID: "items", Title: "Items", Category: "Unit", Categories: []string{"A", "B"},
		Series: []Series{{Name: "books", Values: []float64{3, 4}}, {Name: "blankets", Values: []float64{1, 0}}},
		Format: Number, Stacked: true, Total: true,
	}))
	if got := strings.Join(c.Table.Head, "|"); got != "Unit|books|blankets|Total" {
		t.Errorf("head = %s", got)
	}
	if got := strings.Join(c.Table.Foot.Cells, "|"); got != "7|1|8" {
		t.Errorf("foot = %s", got)
	}
}

func TestOptionJSCannotCloseItsScriptElement(t *testing.T) {
	spec := moneySpec
	spec.Categories = []string{"</script><script>alert(1)</script>", "b"}
	c := testBuilder(t, "en").Build(spec)
	if strings.Contains(string(c.OptionJS()), "</script") {
		t.Errorf("option JSON holds a closing script tag: %s", c.OptionJS())
	}
}

// manySpec is a chart of n activities a1…an in which activity ai collected
// value(i).
func manySpec(n int, value func(i int) float64) Spec {
	s := Spec{ID: "money-by-activity", Title: "Money", Category: "Activity", Format: Number, Horizontal: true, Total: true}
	s.Series = []Series{{Name: "Money"}}
	for i := 1; i <= n; i++ {
		s.Categories = append(s.Categories, "a"+strconv.Itoa(i))
		s.Series[0].Values = append(s.Series[0].Values, value(i))
	}
	return withTotals(s)
}

// drawnCategories reads the categories the option draws.
func drawnCategories(t *testing.T, c *Chart) []string {
	t.Helper()
	var option struct {
		YAxis []struct{ Data []string } `json:"yAxis"`
	}
	if err := json.Unmarshal([]byte(c.Option), &option); err != nil || len(option.YAxis) != 1 {
		t.Fatalf("option without one y axis (%v): %s", err, c.Option)
	}
	return option.YAxis[0].Data
}

func tableLabels(c *Chart) []string {
	var labels []string
	for _, r := range c.Table.Rows {
		labels = append(labels, r.Label+"="+strings.Join(r.Cells, "|"))
	}
	return labels
}

// TestOthersAreDrawnWhenTheyFitTheScale: beyond MaxBars, the largest
// MaxBars-1 are drawn and the rest added up into an Others bar, here no
// longer than the longest bar.
func TestOthersAreDrawnWhenTheyFitTheScale(t *testing.T) {
	c := testBuilder(t, "en").Build(manySpec(30, func(i int) float64 {
		if i <= 19 {
			return float64(100 + i)
		}
		return 1
	}))
	drawn := drawnCategories(t, c)
	if len(drawn) != MaxBars || drawn[0] != "a19" || drawn[18] != "a1" || drawn[19] != "Others (11)" {
		t.Errorf("drawn %q, want a19…a1 then Others (11)", drawn)
	}
	rows := tableLabels(c)
	if len(rows) != MaxBars || rows[19] != "Others (11)=11" {
		t.Errorf("table rows %q, want 20 ending with Others (11)=11", rows)
	}
	if got, want := c.Table.Foot.Cells[0], "2,101"; got != want {
		t.Errorf("total %s, want %s", got, want)
	}
	if want := "The 19 largest of 30, the rest added up under Others."; c.Note != want {
		t.Errorf("note %q, want %q", c.Note, want)
	}
	if want := 120 + 28*MaxBars; c.Height != want {
		t.Errorf("height %d, want %d", c.Height, want)
	}
}

// TestOthersLargerThanEveryBarAreInTheTableOnly: when the rest add up to
// more than the longest bar, as on a bloc of hundreds of units, drawing
// them would squash every other bar; they stay in the table, whose total
// still counts them.
func TestOthersLargerThanEveryBarAreInTheTableOnly(t *testing.T) {
	for lang, want := range map[string]struct{ others, total, note, label string }{
		"en": {"Others (1,981)=3,962", "41,791", "The 19 largest of 2,000. The other 1,981, added up under Others, come to more than any one of them and are in the table only.", "19 bars; the largest is a2000 with 2,000"},
		"vi": {"Còn lại (1.981)=3.962", "41.791", "19 mục lớn nhất trong số 2.000. 1.981 mục còn lại, cộng chung vào mục Còn lại, lớn hơn bất kỳ mục nào ở trên nên chỉ có trong bảng.", "a2000"},
		"pt": {"Outros (1.981)=3.962", "41.791", "Os 19 maiores de 2.000. Os outros 1.981, somados em Outros, passam de qualquer um deles e estão só na tabela.", "a2000"},
	} {
		c := testBuilder(t, lang).Build(manySpec(2000, func(i int) float64 {
			if i > 1981 {
				return float64(i)
			}
			return 2
		}))
		drawn := drawnCategories(t, c)
		if len(drawn) != MaxBars-1 || drawn[0] != "a2000" || drawn[18] != "a1982" {
			t.Errorf("%s: drawn %q, want a2000…a1982 and no Others", lang, drawn)
		}
		rows := tableLabels(c)
		if len(rows) != MaxBars || rows[19] != want.others {
			t.Errorf("%s: table rows %q, want 20 ending with %s", lang, rows, want.others)
		}
		if got := c.Table.Foot.Cells[0]; got != want.total {
			t.Errorf("%s: total %s, want %s", lang, got, want.total)
		}
		if c.Note != want.note {
			t.Errorf("%s: note %q, want %q", lang, c.Note, want.note)
		}
		if !strings.Contains(c.Label, want.label) {
			t.Errorf("%s: label %q lacks %q", lang, c.Label, want.label)
		}
		if want := 120 + 28*(MaxBars-1); c.Height != want {
			t.Errorf("%s: height %d, want %d", lang, c.Height, want)
		}
	}
}

// TestStackedOthersInTheTableOnlyKeepTheirTotalColumn: the Others row of
// a stacked chart has a cell per series and their sum, like every row.
func TestStackedOthersInTheTableOnlyKeepTheirTotalColumn(t *testing.T) {
	s := manySpec(25, func(i int) float64 { return 1 })
	s.Stacked = true
	s.Series = append(s.Series, Series{Name: "Books", Values: make([]float64, 25)})
	for i := range s.Series[1].Values {
		s.Series[1].Values[i] = 2
	}
	c := testBuilder(t, "en").Build(withTotals(s))
	rows := tableLabels(c)
	if len(drawnCategories(t, c)) != MaxBars-1 || len(rows) != MaxBars || rows[19] != "Others (6)=6|12|18" {
		t.Errorf("drawn %q, table %q: want 19 drawn and a last row Others (6)=6|12|18", drawnCategories(t, c), rows)
	}
	if got := strings.Join(c.Table.Foot.Cells, "|"); got != "25|50|75" {
		t.Errorf("foot %s, want 25|50|75", got)
	}
}

// TestRatesBeyondMaxBarsKeepTheHighest: rates do not add up, so the
// highest MaxBars are drawn and no Others row is made.
func TestRatesBeyondMaxBarsKeepTheHighest(t *testing.T) {
	s := manySpec(25, func(i int) float64 { return float64(i) / 100 })
	s.Format, s.Total = Percent, false
	c := testBuilder(t, "en").Build(s)
	if drawn := drawnCategories(t, c); len(drawn) != MaxBars || drawn[0] != "a25" || drawn[19] != "a6" {
		t.Errorf("drawn %q, want a25…a6", drawn)
	}
	if len(c.Table.Rows) != MaxBars || c.Note != "The 20 highest of 25." {
		t.Errorf("table of %d rows, note %q", len(c.Table.Rows), c.Note)
	}
}

// TestALegendGetsARowOfItsOwn: a chart of two series stacked has the bars
// of a chart of one series, and a row more for its legend.
func TestALegendGetsARowOfItsOwn(t *testing.T) {
	b := testBuilder(t, "en")
	one := manySpec(5, func(i int) float64 { return float64(i) })
	two := one
	two.Stacked = true
	two.Series = append(two.Series, Series{Name: "Books", Values: []float64{1, 2, 3, 4, 5}})
	two = withTotals(two)
	h1, h2 := b.Build(one).Height, b.Build(two).Height
	if h1 != 120+28*5 || h2 != h1+legendRow {
		t.Errorf("heights %d and %d, want %d and %d", h1, h2, 120+28*5, 120+28*5+legendRow)
	}
}

// TestYearsBeyondMaxYearsDrawTheLastInOrder: a trend over more years than
// MaxYears draws the last years, in order, and its table has every year
// and their total.
func TestYearsBeyondMaxYearsDrawTheLastInOrder(t *testing.T) {
	s := Spec{ID: "money-by-year", Title: "Money", Category: "Year", Format: Number, Total: true, Years: true}
	s.Series = []Series{{Name: "Money"}}
	var total float64
	for y := 2000; y <= 2024; y++ {
		s.Categories = append(s.Categories, strconv.Itoa(y))
		// The earliest years collected most: the largest are not the last.
		v := float64(3000 - y)
		s.Series[0].Values = append(s.Series[0].Values, v)
		total += v
	}
	c := testBuilder(t, "en").Build(withTotals(s))
	var option struct {
		XAxis []struct{ Data []string } `json:"xAxis"`
	}
	if err := json.Unmarshal([]byte(c.Option), &option); err != nil || len(option.XAxis) != 1 {
		t.Fatalf("option without one x axis (%v): %s", err, c.Option)
	}
	if drawn := option.XAxis[0].Data; len(drawn) != MaxYears || drawn[0] != "2015" || drawn[MaxYears-1] != "2024" {
		t.Errorf("drawn %q, want 2015…2024", drawn)
	}
	rows := tableLabels(c)
	if len(rows) != 25 || rows[0] != "2000=1,000" || rows[24] != "2024=976" {
		t.Errorf("table rows %q, want 2000=1,000 … 2024=976", rows)
	}
	if got, want := c.Table.Foot.Cells[0], "24,700"; got != want || total != 24700 {
		t.Errorf("total %s, want %s", got, want)
	}
	if want := "The last 10 of 25 years; the table has them all."; c.Note != want {
		t.Errorf("note %q, want %q", c.Note, want)
	}
}

// TestTotalsAreTheFiguresNotTheChartsOwn: the total row and column show
// the totals the spec brings, not sums of its values.
func TestTotalsAreTheFiguresNotTheChartsOwn(t *testing.T) {
	s := withTotals(Spec{
		ID: "items", Title: "Items", Category: "Unit", Categories: []string{"A", "B"},
		Series: []Series{{Name: "books", Values: []float64{3, 4}}, {Name: "blankets", Values: []float64{1, 0}}},
		Format: Number, Stacked: true, Total: true,
	})
	s.Totals, s.CategoryTotals, s.GrandTotal = []float64{70, 10}, []float64{40, 41}, 80
	c := testBuilder(t, "en").Build(s)
	if got := tableLabels(c); strings.Join(got, " ") != "A=3|1|40 B=4|0|41" {
		t.Errorf("rows %q, want the category totals 40 and 41", got)
	}
	if got := strings.Join(c.Table.Foot.Cells, "|"); got != "70|10|80" {
		t.Errorf("foot %s, want 70|10|80", got)
	}
	if !strings.Contains(c.Label, "the largest is B with 41") {
		t.Errorf("label %q: the largest bar should be B, by its total", c.Label)
	}
}

func TestSpecWithoutItsTotalsPanics(t *testing.T) {
	for name, s := range map[string]Spec{
		"no totals": {ID: "m", Categories: []string{"A"}, Series: []Series{{Values: []float64{1}}}, Total: true},
		"no category totals": {ID: "s", Categories: []string{"A"}, Series: []Series{{Values: []float64{1}}, {Values: []float64{2}}},
			Stacked: true, Total: true, Totals: []float64{1, 2}},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: built without panicking", name)
				}
			}()
			testBuilder(t, "en").Build(s)
		}()
	}
}
