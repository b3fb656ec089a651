package figures

import (
	"cmp"
	"fmt"
	"os"
	"path"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"reportsite/generator/content"
	"reportsite/generator/diag"
)

// parseContent builds content from inline files named like the content
// folder ("units/alpha.yaml"), the way content.Load would, and fails the
// test on any diagnostic.
func parseContent(t *testing.T, files map[string]string) *content.Content {
	t.Helper()
	var diags diag.List
	c := &content.Content{Dir: "content"}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		data := []byte(files[name])
		file := path.Join("content", name)
		id := strings.TrimSuffix(path.Base(name), ".yaml")
		switch path.Dir(name) {
		case "years":
			if y := content.ParseYear(data, file, id, &diags); y != nil {
				c.Years = append(c.Years, y)
			}
		case "units":
			if u := content.ParseUnit(data, file, id, &diags); u != nil {
				c.Units = append(c.Units, u)
			}
		case "activities":
			if a := content.ParseActivity(data, file, id, &diags); a != nil {
				c.Activities = append(c.Activities, a)
			}
		default:
			t.Fatalf("test file %s: not under years/, units/ or activities/", name)
		}
	}
	if all := diags.Items(); len(all) > 0 {
		t.Fatalf("fixture does not parse: %v", all)
	}
	return c
}

// bloc is a small site of four units over three years, small enough to add
// up by hand:
//
//   - alpha (staff 40 in 2023, 50 in 2024) takes part in everything but
//     charity-2023;
//   - beta has a staff of 0 in 2023 and none given for 2024;
//   - gamma has no staff given for 2023 and 10 in 2024;
//   - delta takes part in nothing in 2023;
//   - "ghost" is not a unit: its contribution, award and result are left
//     out;
//   - 2025 only has a plan.
var bloc = map[string]string{
	"units/alpha.yaml": `
name: Alpha Centre
short_name: Alpha
staff: {2023: 40, 2024: 50}
`,
	"units/beta.yaml": `
name: Beta Board
staff: {2023: 0}
`,
	"units/gamma.yaml": `
name: Gamma Centre
staff: {2024: 10}
`,
	"units/delta.yaml": `
name: Delta
staff: {2023: 20, 2024: 20}
`,
	"years/2023.yaml": `
year: 2023
head: alpha
deputies: [beta]
awards:
  - title: Flag 2023
    status: proposed
    units: [alpha, ghost, gamma]
`,
	"years/2024.yaml": `
year: 2024
head: gamma
plan: Do more.
`,
	"years/2025.yaml": `
year: 2025
plan: Do even more.
`,
	"activities/books-2023.yaml": `
title: Books 2023
year: 2023
date: 2023-09-05
category: donation
organisers: [alpha, ghost]
contributions:
  - {unit: alpha, participants: 30, money: 1000000, items: {books: 10}}
  - {unit: beta, participants: 5, money: 500000, items: {pens: 6, books: 4}}
  - {unit: ghost, participants: 99, money: 9999, items: {books: 99}}
recipients:
  - {name: School A, value: 2000000, items: {books: 14}}
  - {name: School B, value: 300000, items: {pens: 6}}
`,
	"activities/sports-2023.yaml": `
title: Sports 2023
year: 2023
date: 2023-05-01
category: sports
contributions:
  - {unit: alpha, participants: 12}
  - {unit: gamma, participants: 3}
results:
  - {place: 2, unit: alpha, event: singles}
  - {place: 1, unit: gamma, event: singles}
  - {place: 1, unit: alpha, event: doubles}
  - {place: 3, unit: ghost, event: doubles}
`,
	"activities/charity-2023.yaml": `
title: Charity 2023
year: 2023
date: 2023-05-01
category: charity
contributions:
  - {unit: beta, participants: 2, money: 300000}
`,
	"activities/visit-2023.yaml": `
title: Visit 2023
year: 2023
contributions:
  - {unit: alpha, participants: 8, money: 200000, items: {gift-boxes: 2}}
`,
	"activities/books-2024.yaml": `
title: Books 2024
year: 2024
date: 2024-03-01
category: donation
contributions:
  - {unit: alpha, participants: 25, money: 2000000, items: {books: 20}}
  - {unit: gamma, participants: 10, money: 100000}
  - {unit: delta, participants: 4}
`,
}

func ids[T any](list []T, id func(T) string) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = id(v)
	}
	return out
}

func activityIDs(list []*ActivityFigures) []string {
	return ids(list, func(a *ActivityFigures) string { return a.Activity.ID })
}

func unitIDs(list []*content.Unit) []string {
	return ids(list, func(u *content.Unit) string { return u.ID })
}

func yearNumbers(list []*YearFigures) []int {
	out := make([]int, len(list))
	for i, y := range list {
		out[i] = y.Year
	}
	return out
}

func check[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func checkSlice[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func checkRate(t *testing.T, what string, got Rate, known bool, want float64) {
	t.Helper()
	if got.Known() != known {
		t.Errorf("%s known = %v, want %v (rate %+v)", what, got.Known(), known, got)
		return
	}
	if got.Value() != want {
		t.Errorf("%s = %v, want %v", what, got.Value(), want)
	}
}

func TestYearTotalsAddUpContributionsAndRecipients(t *testing.T) {
	f := Compute(parseContent(t, bloc))
	y := f.Year(2023)
	if y == nil {
		t.Fatal("no figures for 2023")
	}
	// 1,000,000 + 500,000 (books; ghost left out) + 300,000 (charity) + 200,000 (visit)
	check(t, "2023 money", y.Totals.Money, 2_000_000)
	checkSlice(t, "2023 items", y.Totals.Items, []ItemCount{{"books", 14}, {"gift-boxes", 2}, {"pens", 6}})
	check(t, "2023 books", y.Totals.Item("books"), 14)
	check(t, "2023 chairs", y.Totals.Item("chairs"), 0)
	checkSlice(t, "2023 item kinds", y.Totals.Kinds(), []string{"books", "gift-boxes", "pens"})
	// 30 + 5 + 12 + 3 + 2 + 8
	check(t, "2023 participants", y.Totals.Participants, 60)
	check(t, "2023 activities", y.Totals.Activities, 4)
	check(t, "2023 recipients' value", y.Totals.RecipientsValue, 2_300_000)
	checkSlice(t, "2023 recipient items", y.Totals.RecipientItems, []ItemCount{{"books", 14}, {"pens", 6}})
	check(t, "2023 received pens", y.Totals.Received("pens"), 6)
	// alpha, beta, gamma; delta took part in nothing
	check(t, "2023 units taking part", y.Totals.Units, 3)

	y24 := f.Year(2024)
	check(t, "2024 money", y24.Totals.Money, 2_100_000)
	checkSlice(t, "2024 items", y24.Totals.Items, []ItemCount{{"books", 20}})
	check(t, "2024 participants", y24.Totals.Participants, 39)
	check(t, "2024 units taking part", y24.Totals.Units, 3)
	check(t, "2024 recipients' value", y24.Totals.RecipientsValue, 0)

	check(t, "total money", f.Totals.Money, 4_100_000)
	checkSlice(t, "total items", f.Totals.Items, []ItemCount{{"books", 34}, {"gift-boxes", 2}, {"pens", 6}})
	check(t, "total participants", f.Totals.Participants, 99)
	check(t, "total activities", f.Totals.Activities, 5)
	check(t, "total recipients' value", f.Totals.RecipientsValue, 2_300_000)
	check(t, "units that ever took part", f.Totals.Units, 4)
}

func TestActivityFiguresSkipUnknownUnits(t *testing.T) {
	f := Compute(parseContent(t, bloc))
	a := f.Activity("books-2023")
	if a == nil {
		t.Fatal("no figures for books-2023")
	}
	check(t, "money", a.Totals.Money, 1_500_000)
	checkSlice(t, "items", a.Totals.Items, []ItemCount{{"books", 14}, {"pens", 6}})
	check(t, "participants", a.Totals.Participants, 35)
	check(t, "units", a.Totals.Units, 2)
	check(t, "activities", a.Totals.Activities, 1)
	check(t, "recipients' value", a.Totals.RecipientsValue, 2_300_000)
	checkSlice(t, "organisers", unitIDs(a.Organisers), []string{"alpha"})
	check(t, "category", a.Category, "donation")

	checkSlice(t, "contributions", ids(a.Contributions, func(c *Contribution) string { return c.Unit.ID }), []string{"alpha", "beta"})
	beta := a.Contributions[1]
	checkSlice(t, "beta's items, sorted by kind", beta.Items, []ItemCount{{"books", 4}, {"pens", 6}})
	check(t, "beta's pens", beta.Item("pens"), 6)
	check(t, "beta's contribution source line", beta.Source.Pos.Line, 9)

	check(t, "recipients", len(a.Recipients), 2)
	check(t, "School B", a.Recipients[1].Name, "School B")
	check(t, "School B value", a.Recipients[1].Value, 300_000)
	check(t, "School B pens", a.Recipients[1].Item("pens"), 6)

	if got := f.Activity("visit-2023").Category; got != "other" {
		t.Errorf("an activity without a category counts as %q, want other", got)
	}
	if f.Activity("ghost") != nil {
		t.Error(`Activity("ghost") should be nil`)
	}
}

func TestResultsAreGroupedByEventAndSortedByPlace(t *testing.T) {
	f := Compute(parseContent(t, bloc))
	a := f.Activity("sports-2023")
	var got []string
	for _, ev := range a.Events {
		for _, p := range ev.Placings {
			got = append(got, ev.Event+":"+p.Unit.ID)
			check(t, "placing event", p.Event, ev.Event)
		}
	}
	checkSlice(t, "placings", got, []string{"singles:gamma", "singles:alpha", "doubles:alpha"})
	check(t, "singles first place", a.Events[0].Placings[0].Place, 1)

	alpha := f.Unit("alpha")
	checkSlice(t, "alpha's placings", ids(alpha.Placings, func(p *Placing) string { return p.Event }), []string{"singles", "doubles"})
}

func TestActivitiesOrderedByDateThenIDUndatedLast(t *testing.T) {
	f := Compute(parseContent(t, bloc))
	// charity-2023 and sports-2023 share 2023-05-01: by ID.
	checkSlice(t, "2023 activities", activityIDs(f.Year(2023).Activities),
		[]string{"charity-2023", "sports-2023", "books-2023", "visit-2023"})
	checkSlice(t, "all activities", activityIDs(f.Activities),
		[]string{"charity-2023", "sports-2023", "books-2023", "visit-2023", "books-2024"})
	check(t, "visit-2023 dated", f.Activity("visit-2023").Dated(), false)
	check(t, "books-2023 dated", f.Activity("books-2023").Dated(), true)
}

func TestUnitYearsIncludeUnitsThatTookPartInNothing(t *testing.T) {
	f := Compute(parseContent(t, bloc))
	y := f.Year(2023)
	checkSlice(t, "2023 units", ids(y.Units, func(u *UnitYear) string { return u.Unit.ID }), []string{"alpha", "beta", "delta", "gamma"})

	alpha, beta, delta, gamma := y.Units[0], y.Units[1], y.Units[2], y.Units[3]
	check(t, "alpha money", alpha.Money, 1_200_000)
	checkSlice(t, "alpha items", alpha.Items, []ItemCount{{"books", 10}, {"gift-boxes", 2}})
	check(t, "alpha participants", alpha.Participants, 50) // 12 + 30 + 8
	check(t, "alpha activities", alpha.Activities, 3)
	check(t, "alpha peak", alpha.Peak, 30)
	checkSlice(t, "alpha contributions", ids(alpha.Contributions, func(c *Contribution) string { return c.Activity.ID }),
		[]string{"sports-2023", "books-2023", "visit-2023"})

	check(t, "beta money", beta.Money, 800_000)
	checkSlice(t, "beta items", beta.Items, []ItemCount{{"books", 4}, {"pens", 6}})
	check(t, "beta participants", beta.Participants, 7)
	check(t, "beta activities", beta.Activities, 2)

	check(t, "delta activities", delta.Activities, 0)
	check(t, "delta money", delta.Money, 0)
	check(t, "delta participants", delta.Participants, 0)
	check(t, "delta contributions", len(delta.Contributions), 0)
	if delta.Items != nil {
		t.Errorf("delta items = %v, want none", delta.Items)
	}

	check(t, "gamma participants", gamma.Participants, 3)

	// A year with only a plan has no unit figures.
	check(t, "2025 units", len(f.Year(2025).Units), 0)
}

func TestParticipationRates(t *testing.T) {
	f := Compute(parseContent(t, bloc))
	y := f.Year(2023)
	alpha, beta, delta, gamma := y.Units[0], y.Units[1], y.Units[2], y.Units[3]

	// Peak: 30 of 40 at books-2023, not (12 + 30 + 8) ÷ 40.
	checkRate(t, "alpha 2023 peak rate", alpha.PeakRate, true, 0.75)
	check(t, "alpha 2023 peak percent", alpha.PeakRate.Percent(), 75)
	check(t, "alpha 2023 staff", alpha.Staff, 40)
	// Staff given as 0: known, but no rate.
	check(t, "beta 2023 staff known", beta.StaffKnown, true)
	checkRate(t, "beta 2023 peak rate", beta.PeakRate, false, 0)
	// Took part in nothing, staff known: a rate of 0.
	checkRate(t, "delta 2023 peak rate", delta.PeakRate, true, 0)
	// Staff not given for 2023.
	check(t, "gamma 2023 staff known", gamma.StaffKnown, false)
	checkRate(t, "gamma 2023 peak rate", gamma.PeakRate, false, 0)

	books := f.Activity("books-2023").Contributions
	checkRate(t, "alpha in books-2023", books[0].Rate, true, 0.75)
	checkRate(t, "beta in books-2023", books[1].Rate, false, 0)
	checkRate(t, "alpha in sports-2023", f.Activity("sports-2023").Contributions[0].Rate, true, 0.3)

	y24 := f.Year(2024)
	checkRate(t, "alpha 2024", y24.Units[0].PeakRate, true, 0.5) // 25 of 50
	check(t, "beta 2024 staff known", y24.Units[1].StaffKnown, false)
	checkRate(t, "beta 2024", y24.Units[1].PeakRate, false, 0)
	checkRate(t, "delta 2024", y24.Units[2].PeakRate, true, 0.2) // 4 of 20
	checkRate(t, "gamma 2024", y24.Units[3].PeakRate, true, 1)   // 10 of 10

	var zero Rate
	check(t, "zero rate known", zero.Known(), false)
	check(t, "zero rate value", zero.Value(), 0)
	check(t, "rate over staff", Rate{Part: 30, Staff: 20}.Value(), 1.5)
}

func TestByCategoryFollowsContentOrderAndLeavesOutEmpty(t *testing.T) {
	f := Compute(parseContent(t, bloc))
	got := f.Year(2023).ByCategory
	want := []struct {
		category     string
		activities   int
		money        int64
		participants int64
	}{
		{"donation", 1, 1_500_000, 35},
		{"charity", 1, 300_000, 2},
		{"sports", 1, 0, 15},
		{"other", 1, 200_000, 8},
	}
	if len(got) != len(want) {
		t.Fatalf("categories = %v, want %v", got, want)
	}
	for i, w := range want {
		g := got[i]
		if g.Category != w.category || g.Activities != w.activities || g.Money != w.money || g.Participants != w.participants {
			t.Errorf("category %d = %s %d activities %d VND %d participants, want %+v",
				i, g.Category, g.Activities, g.Money, g.Participants, w)
		}
	}
	checkSlice(t, "donation items", got[0].Items, []ItemCount{{"books", 14}, {"pens", 6}})
}

func TestAllItemsAddUpEveryKind(t *testing.T) {
	f := Compute(parseContent(t, bloc))
	books := f.Activity("books-2023")
	check(t, "alpha in books-2023", books.Contributions[0].AllItems, 10)
	check(t, "beta in books-2023", books.Contributions[1].AllItems, 10) // 6 pens + 4 books
	check(t, "alpha in sports-2023", f.Activity("sports-2023").Contributions[0].AllItems, 0)
	check(t, "books-2023", books.Totals.AllItems, 20)
	y := f.Year(2023)
	check(t, "2023", y.Totals.AllItems, 22) // 14 books + 2 gift-boxes + 6 pens
	check(t, "2023 donation", y.ByCategory[0].AllItems, 20)
	check(t, "2023 sports", y.ByCategory[2].AllItems, 0)
	check(t, "alpha 2023", y.Units[0].AllItems, 12)
	check(t, "2024", f.Year(2024).Totals.AllItems, 20)
	check(t, "alpha", f.Unit("alpha").AllItems, 32)
	check(t, "all years", f.Totals.AllItems, 42)
	check(t, "2025, only a plan", f.Year(2025).Totals.AllItems, 0)
}

// categoryCount is a CategoryCount written out for comparison.
type categoryCount struct {
	category     string
	activities   int
	money        int64
	participants int64
	items        string
	allItems     int64
}

func categoryCounts(list []CategoryCount) []categoryCount {
	out := make([]categoryCount, len(list))
	for i, c := range list {
		var items []string
		for _, it := range c.Items {
			items = append(items, fmt.Sprint(it.Count, " ", it.Kind))
		}
		out[i] = categoryCount{c.Category, c.Activities, c.Money, c.Participants, strings.Join(items, ", "), c.AllItems}
	}
	return out
}

func TestUnitYearByCategoryAddsUpItsContributions(t *testing.T) {
	f := Compute(parseContent(t, bloc))
	y := f.Year(2023)
	alpha, beta, delta, gamma := y.Units[0], y.Units[1], y.Units[2], y.Units[3]
	checkSlice(t, "alpha 2023", categoryCounts(alpha.ByCategory), []categoryCount{
		{"donation", 1, 1_000_000, 30, "10 books", 10},
		{"sports", 1, 0, 12, "", 0},
		{"other", 1, 200_000, 8, "2 gift-boxes", 2},
	})
	checkSlice(t, "beta 2023", categoryCounts(beta.ByCategory), []categoryCount{
		{"donation", 1, 500_000, 5, "4 books, 6 pens", 10},
		{"charity", 1, 300_000, 2, "", 0},
	})
	checkSlice(t, "delta 2023", categoryCounts(delta.ByCategory), nil)
	checkSlice(t, "gamma 2023", categoryCounts(gamma.ByCategory), []categoryCount{{"sports", 1, 0, 3, "", 0}})
	checkSlice(t, "alpha 2024", categoryCounts(f.Year(2024).Units[0].ByCategory), []categoryCount{
		{"donation", 1, 2_000_000, 25, "20 books", 20},
	})

	// A unit's categories share one array with the next unit's, clipped:
	// appending to one leaves the other alone.
	_ = append(alpha.ByCategory, CategoryCount{Category: "added"})
	check(t, "beta's first category after an append", beta.ByCategory[0].Category, "donation")
}

func TestPerActivityAddsUpTwoContributionsToOneActivity(t *testing.T) {
	f := Compute(parseContent(t, map[string]string{
		"units/alpha.yaml": "name: Alpha\nstaff: {2024: 100}\n",
		"units/beta.yaml":  "name: Beta\n",
		"activities/fair-2024.yaml": `
title: Fair
year: 2024
date: 2024-05-01
contributions:
  - {unit: alpha, participants: 10, money: 1000, items: {books: 1}}
  - {unit: beta, participants: 1, money: 5}
  - {unit: alpha, participants: 20, money: 2000, items: {books: 2, pens: 3}}
`,
		"activities/walk-2024.yaml": `
title: Walk
year: 2024
date: 2024-06-01
contributions:
  - {unit: alpha, participants: 7}
`,
	}))
	y := f.Year(2024)
	alpha, beta := y.Units[0], y.Units[1]
	check(t, "alpha contributions", len(alpha.Contributions), 3)
	check(t, "alpha activities", alpha.Activities, 2)
	if len(alpha.PerActivity) != 2 {
		t.Fatalf("alpha per activity = %d contributions, want 2", len(alpha.PerActivity))
	}
	fair := alpha.PerActivity[0]
	check(t, "fair activity", fair.Activity.ID, "fair-2024")
	check(t, "fair money", fair.Money, 3000)
	check(t, "fair participants", fair.Participants, 30)
	checkSlice(t, "fair items", fair.Items, []ItemCount{{"books", 3}, {"pens", 3}})
	check(t, "fair all items", fair.AllItems, 6)
	checkRate(t, "fair rate", fair.Rate, true, 0.3)
	check(t, "fair source", fair.Source, alpha.Contributions[0].Source)
	check(t, "walk", alpha.PerActivity[1], alpha.Contributions[2])
	// The contributions themselves are left as written.
	check(t, "first fair contribution's money", alpha.Contributions[0].Money, 1000)
	checkSlice(t, "first fair contribution's items", alpha.Contributions[0].Items, []ItemCount{{"books", 1}})

	// Without two contributions to one activity, it is the same list.
	check(t, "beta per activity", len(beta.PerActivity), 1)
	check(t, "beta per activity shares its contributions", &beta.PerActivity[0], &beta.Contributions[0])
}

// TestUnitYearFiguresAddUpToTheirParts checks, on generated content, that
// a unit's year adds up its categories and its activities, and that
// every total of items adds up its kinds.
func TestUnitYearFiguresAddUpToTheirParts(t *testing.T) {
	f := Compute(largeContent(30, 400, 3, 8))
	for _, y := range f.Years {
		var yearMoney int64
		for _, uy := range y.Units {
			var byCategory, perActivity Given
			for _, cc := range uy.ByCategory {
				byCategory.Money += cc.Money
				byCategory.Participants += cc.Participants
				byCategory.Activities += cc.Activities
				byCategory.AllItems += cc.AllItems
			}
			for _, c := range uy.PerActivity {
				perActivity.Money += c.Money
				perActivity.Participants += c.Participants
				perActivity.Activities++
				perActivity.AllItems += c.AllItems
			}
			want := Given{Money: uy.Money, Participants: uy.Participants, Activities: uy.Activities, AllItems: uy.AllItems}
			for _, got := range []struct {
				what  string
				given Given
			}{{"categories", byCategory}, {"activities", perActivity}} {
				if !reflect.DeepEqual(got.given, want) {
					t.Errorf("%d %s: its %s add up to %+v, want %+v", y.Year, uy.Unit.ID, got.what, got.given, want)
				}
			}
			check(t, "all items", uy.AllItems, allItems(uy.Items))
			yearMoney += uy.Money
		}
		check(t, fmt.Sprint(y.Year, " money"), yearMoney, y.Totals.Money)
		check(t, fmt.Sprint(y.Year, " all items"), y.Totals.AllItems, allItems(y.Totals.Items))
	}
}

func TestUnitFiguresAcrossYears(t *testing.T) {
	f := Compute(parseContent(t, bloc))
	checkSlice(t, "units", ids(f.Units, func(u *UnitFigures) string { return u.Unit.ID }), []string{"alpha", "beta", "delta", "gamma"})

	alpha := f.Unit("alpha")
	check(t, "alpha money", alpha.Money, 3_200_000)
	checkSlice(t, "alpha items", alpha.Items, []ItemCount{{"books", 30}, {"gift-boxes", 2}})
	check(t, "alpha participants", alpha.Participants, 75)
	check(t, "alpha activities", alpha.Activities, 4)
	// 2025 has no activities: not a point of the unit's trend.
	var alphaYears []int
	for _, uy := range alpha.Years {
		alphaYears = append(alphaYears, uy.Year)
	}
	checkSlice(t, "alpha years", alphaYears, []int{2023, 2024})
	check(t, "alpha 2024 money", alpha.Year(2024).Money, 2_000_000)
	if alpha.Year(2025) != nil {
		t.Error("alpha.Year(2025) should be nil: 2025 has no activities")
	}
	if alpha.Year(2023) != f.Year(2023).Units[0] {
		t.Error("a unit's year should be the same value as in the year's figures")
	}
	checkSlice(t, "alpha contributions", ids(alpha.Contributions, func(c *Contribution) string { return c.Activity.ID }),
		[]string{"sports-2023", "books-2023", "visit-2023", "books-2024"})
	checkSlice(t, "alpha organised", activityIDs(alpha.Organised), []string{"books-2023"})

	// A unit's year and the unit share their lists, clipped: appending to
	// one leaves the other alone.
	in2023 := append(alpha.Year(2023).Contributions, alpha.Contributions[3])
	checkSlice(t, "alpha contributions after an append", ids(alpha.Contributions, func(c *Contribution) string { return c.Activity.ID }),
		[]string{"sports-2023", "books-2023", "visit-2023", "books-2024"})
	check(t, "alpha 2023 contributions", len(alpha.Year(2023).Contributions), 3)
	check(t, "appended", len(in2023), 4)

	delta := f.Unit("delta")
	check(t, "delta activities", delta.Activities, 1)
	check(t, "delta 2023 activities", delta.Years[0].Activities, 0)
	check(t, "delta 2024 participants", delta.Years[1].Participants, 4)
}

func TestRolesAndAwardsResolveUnits(t *testing.T) {
	f := Compute(parseContent(t, bloc))
	y := f.Year(2023)
	check(t, "2023 head", y.Head.ID, "alpha")
	checkSlice(t, "2023 deputies", unitIDs(y.Deputies), []string{"beta"})
	if len(y.Awards) != 1 {
		t.Fatalf("2023 awards = %d, want 1", len(y.Awards))
	}
	check(t, "award title", y.Awards[0].Award.Title.Value, "Flag 2023")
	check(t, "award year", y.Awards[0].Year, 2023)
	checkSlice(t, "award units (ghost left out)", unitIDs(y.Awards[0].Units), []string{"alpha", "gamma"})
	if f.Year(2025).Head != nil {
		t.Error("2025 has no head")
	}

	type role struct {
		year         int
		head, deputy bool
		awards       int
	}
	roles := func(id string) []role {
		var out []role
		for _, r := range f.Unit(id).Roles {
			out = append(out, role{r.Year, r.Head, r.Deputy, len(r.Awards)})
		}
		return out
	}
	checkSlice(t, "alpha roles", roles("alpha"), []role{{2023, true, false, 1}})
	checkSlice(t, "beta roles", roles("beta"), []role{{2023, false, true, 0}})
	checkSlice(t, "gamma roles", roles("gamma"), []role{{2023, false, false, 1}, {2024, true, false, 0}})
	checkSlice(t, "delta roles", roles("delta"), nil)
}

func TestYearsNextAndLatest(t *testing.T) {
	f := Compute(parseContent(t, bloc))
	checkSlice(t, "years", yearNumbers(f.Years), []int{2023, 2024, 2025})
	checkSlice(t, "active years", yearNumbers(f.ActiveYears()), []int{2023, 2024})
	check(t, "2023 next", f.Year(2023).Next, f.Year(2024).Content)
	check(t, "2024 next", f.Year(2024).Next, f.Year(2025).Content)
	if f.Year(2025).Next != nil {
		t.Error("2025 has no next year")
	}
	check(t, "latest", f.Latest().Year, 2024)
	if f.Year(2022) != nil {
		t.Error("Year(2022) should be nil")
	}

	// A year with activities and no file is a year too; one with only a
	// file is the latest when no year has activities.
	withoutFile := Compute(parseContent(t, map[string]string{
		"units/alpha.yaml":         "name: Alpha\n",
		"years/2024.yaml":          "year: 2024\n",
		"activities/old-2022.yaml": "title: Old\nyear: 2022\ncontributions: [{unit: alpha, money: 5}]\n",
	}))
	checkSlice(t, "years", yearNumbers(withoutFile.Years), []int{2022, 2024})
	if withoutFile.Year(2022).Content != nil {
		t.Error("2022 has no file")
	}
	check(t, "2022 money", withoutFile.Year(2022).Totals.Money, 5)
	check(t, "latest, with activities", withoutFile.Latest().Year, 2022)

	plansOnly := Compute(parseContent(t, map[string]string{
		"years/2023.yaml": "year: 2023\n",
		"years/2024.yaml": "year: 2024\n",
	}))
	check(t, "latest, plans only", plansOnly.Latest().Year, 2024)

	if Compute(&content.Content{}).Latest() != nil {
		t.Error("Latest of empty content should be nil")
	}
}

func TestSortedUnitsRanksACopy(t *testing.T) {
	f := Compute(parseContent(t, bloc))
	y := f.Year(2023)
	byMoney := y.SortedUnits(func(a, b *UnitYear) int { return cmp.Compare(b.Money, a.Money) })
	// delta and gamma both gave 0: by the name shown, "Delta" < "Gamma Centre".
	checkSlice(t, "by money", ids(byMoney, func(u *UnitYear) string { return u.Unit.ID }), []string{"alpha", "beta", "delta", "gamma"})
	byParticipants := y.SortedUnits(func(a, b *UnitYear) int { return cmp.Compare(b.Participants, a.Participants) })
	checkSlice(t, "by participants", ids(byParticipants, func(u *UnitYear) string { return u.Unit.ID }), []string{"alpha", "beta", "gamma", "delta"})
	checkSlice(t, "original order kept", ids(y.Units, func(u *UnitYear) string { return u.Unit.ID }), []string{"alpha", "beta", "delta", "gamma"})
}

func TestComputeIsDeterministic(t *testing.T) {
	c := parseContent(t, bloc)
	a, b := Compute(c), Compute(c)
	for i := range a.Years {
		ya, yb := a.Years[i], b.Years[i]
		checkSlice(t, "items", ya.Totals.Items, yb.Totals.Items)
		checkSlice(t, "activities", activityIDs(ya.Activities), activityIDs(yb.Activities))
		for j := range ya.Units {
			checkSlice(t, "unit items", ya.Units[j].Items, yb.Units[j].Items)
		}
	}
}

// TestComputeSameOnOneOrManyProcessors: however many goroutines share the
// activities and years out, the figures are the same.
func TestComputeSameOnOneOrManyProcessors(t *testing.T) {
	c := largeContent(40, 3*activityBatch+5, 3, 6)
	c.Activities[7].Year = content.Number{} // an activity of no year
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	want := Compute(c)
	for _, procs := range []int{2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		if got := Compute(c); !reflect.DeepEqual(got, want) {
			t.Errorf("with %d processors the figures differ from those with 1", procs)
		}
	}
}

func TestExampleSite(t *testing.T) {
	const dir = "../../content"
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		t.Skip("the example content folder is missing")
	}
	var diags diag.List
	c := content.Load(dir, &diags)
	for _, d := range diags.Items() {
		t.Log(d)
	}
	f := Compute(c)

	t.Run("bookshelf drive 2023", func(t *testing.T) {
		a := f.Activity("donating-bookshelves-2023")
		if a == nil {
			t.Fatal("no activity donating-bookshelves-2023")
		}
		check(t, "books", a.Totals.Item("books"), 641)
		check(t, "money", a.Totals.Money, 33_820_000)
		check(t, "recipients' value", a.Totals.RecipientsValue, 46_820_000)
		check(t, "recipients' books", a.Totals.Received("books"), 641)
	})
	t.Run("index shows 2023", func(t *testing.T) {
		latest := f.Latest()
		if latest == nil {
			t.Fatal("no latest year")
		}
		check(t, "latest", latest.Year, 2023)
		if latest.Next == nil {
			t.Error("2023 should show the 2024 plan")
		}
	})
}
