package charts

import (
	"encoding/json"
	"os"
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

var moneySpec = Spec{
	ID: "money-by-activity", Title: "Money collected by activity", Category: "Activity",
	Categories: []string{"Donating Bookshelves 2023", "Tet gifts"},
	Series:     []Series{{Name: "Money", Values: []float64{33_820_000, 14_000_000}}},
	Format:     Money, Horizontal: true, Total: true,
}

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
	c := testBuilder(t, "en").Build(Spec{
		ID: "items", Title: "Items", Category: "Unit", Categories: []string{"A", "B"},
		Series: []Series{{Name: "books", Values: []float64{3, 4}}, {Name: "blankets", Values: []float64{1, 0}}},
		Format: Number, Stacked: true, Total: true,
	})
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
