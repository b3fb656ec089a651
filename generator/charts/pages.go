package charts

import (
	"strconv"

	"reportsite/generator/figures"
)

// Year returns the charts of a year report: money and items by activity,
// donations by unit stacked by activity, participants and participation
// rate by unit, and activities by category.
func (b *Builder) Year(y *figures.YearFigures) []*Chart { return b.buildAll(b.yearSpecs(y)) }

// Activity returns the charts of an activity page: each unit's money,
// participants and items, and what each recipient received.
func (b *Builder) Activity(a *figures.ActivityFigures) []*Chart {
	return b.buildAll(b.activitySpecs(a))
}

// Unit returns the charts of a unit page: per year, its money and its
// participation rate in each activity; across years when it has several.
func (b *Builder) Unit(u *figures.UnitFigures) []*Chart { return b.buildAll(b.unitSpecs(u)) }

// Trends returns the home page's charts across years, when there are two
// or more years with activities.
func (b *Builder) Trends(f *figures.Figures) []*Chart { return b.buildAll(b.trendSpecs(f)) }

// buildAll builds the charts of specs, leaving out those with nothing to
// show.
func (b *Builder) buildAll(specs []Spec) []*Chart {
	charts := make([]*Chart, 0, len(specs))
	for _, s := range specs {
		if c := b.Build(s); c != nil {
			charts = append(charts, c)
		}
	}
	return charts
}

// The specs below take every value and every total from figures: a
// chart's table shows the figures' sums, never its own.

func (b *Builder) yearSpecs(y *figures.YearFigures) []Spec {
	acts := y.Activities
	titles := make([]string, len(acts))
	money := make([]float64, len(acts))
	allItems := make([]float64, len(acts))
	for i, a := range acts {
		titles[i] = a.Activity.Title.Value
		money[i] = float64(a.Totals.Money)
		allItems[i] = float64(a.Totals.AllItems)
	}
	items, itemTotals := itemSeries(y.Totals.Kinds(), len(acts), func(i int, kind string) int64 { return acts[i].Totals.Item(kind) }, y.Totals.Item)
	specs := []Spec{
		{ID: "money-by-activity", Title: b.strings.T("chart.money_by_activity"), Category: b.strings.T("table.activity"),
			Categories: titles, Series: []Series{{Name: b.strings.T("table.money"), Values: money}}, Format: Money, Horizontal: true, Total: true,
			Totals: []float64{float64(y.Totals.Money)}},
		{ID: "items-by-activity", Title: b.strings.T("chart.items_by_activity"), Category: b.strings.T("table.activity"),
			Categories: titles, Series: items, Format: Number, Horizontal: true, Stacked: true, Total: true,
			Totals: itemTotals, CategoryTotals: allItems, GrandTotal: float64(y.Totals.AllItems)},
	}
	units := y.SortedUnits(func(a, b *figures.UnitYear) int { return 0 })
	var active []*figures.UnitYear
	for _, u := range units {
		if u.Activities > 0 {
			active = append(active, u)
		}
	}
	names := make([]string, len(active))
	unitMoney := make([]float64, len(active))
	for i, u := range active {
		names[i] = u.Unit.DisplayName()
		unitMoney[i] = float64(u.Money)
	}
	byActivity, byActivityTotals := b.moneyByUnitSeries(y, active)
	participants := make([]float64, len(active))
	rates := make([]float64, len(active))
	rateNames := []string{}
	rateValues := []float64{}
	for i, u := range active {
		participants[i] = float64(u.Participants)
		if u.PeakRate.Known() {
			rates[i] = u.PeakRate.Value()
			rateNames = append(rateNames, names[i])
			rateValues = append(rateValues, rates[i])
		}
	}
	specs = append(specs,
		Spec{ID: "money-by-unit", Title: b.strings.T("chart.money_by_unit"), Category: b.strings.T("table.unit"),
			Categories: names, Series: byActivity, Format: Money, Horizontal: true, Stacked: true, Total: true,
			Totals: byActivityTotals, CategoryTotals: unitMoney, GrandTotal: float64(y.Totals.Money)},
		Spec{ID: "participants-by-unit", Title: b.strings.T("chart.participants_by_unit"), Category: b.strings.T("table.unit"),
			Categories: names, Series: []Series{{Name: b.strings.T("figure.participations"), Values: participants}}, Format: Number, Horizontal: true, Total: true,
			Totals: []float64{float64(y.Totals.Participants)}},
		Spec{ID: "rate-by-unit", Title: b.strings.T("chart.rate_by_unit"), Category: b.strings.T("table.unit"),
			Categories: rateNames, Series: []Series{{Name: b.strings.T("table.peak_rate"), Values: rateValues}}, Format: Percent, Horizontal: true},
	)
	var cats []string
	var counts []float64
	for _, c := range y.ByCategory {
		cats = append(cats, b.strings.T("category."+c.Category))
		counts = append(counts, float64(c.Activities))
	}
	return append(specs, Spec{ID: "activities-by-category", Title: b.strings.T("chart.activities_by_category"), Category: b.strings.T("table.category"),
		Categories: cats, Series: []Series{{Name: b.strings.T("figure.activities"), Values: counts}}, Format: Number, Horizontal: true, Total: true,
		Totals: []float64{float64(y.Totals.Activities)}})
}

func (b *Builder) activitySpecs(a *figures.ActivityFigures) []Spec {
	cs := a.Contributions
	names := make([]string, len(cs))
	money := make([]float64, len(cs))
	participants := make([]float64, len(cs))
	allItems := make([]float64, len(cs))
	for i, c := range cs {
		names[i] = c.Unit.DisplayName()
		money[i] = float64(c.Money)
		participants[i] = float64(c.Participants)
		allItems[i] = float64(c.AllItems)
	}
	items, itemTotals := itemSeries(a.Totals.Kinds(), len(cs), func(i int, kind string) int64 { return cs[i].Item(kind) }, a.Totals.Item)
	specs := []Spec{
		{ID: "money-by-unit", Title: b.strings.T("chart.money_by_unit"), Category: b.strings.T("table.unit"),
			Categories: names, Series: []Series{{Name: b.strings.T("table.money"), Values: money}}, Format: Money, Horizontal: true, Total: true,
			Totals: []float64{float64(a.Totals.Money)}},
		{ID: "items-by-unit", Title: b.strings.T("chart.items_by_unit"), Category: b.strings.T("table.unit"),
			Categories: names, Series: items, Format: Number, Horizontal: true, Stacked: true, Total: true,
			Totals: itemTotals, CategoryTotals: allItems, GrandTotal: float64(a.Totals.AllItems)},
		{ID: "participants-by-unit", Title: b.strings.T("chart.participants_by_unit"), Category: b.strings.T("table.unit"),
			Categories: names, Series: []Series{{Name: b.strings.T("table.participants"), Values: participants}}, Format: Number, Horizontal: true, Total: true,
			Totals: []float64{float64(a.Totals.Participants)}},
	}
	var rNames []string
	var rValues []float64
	for _, r := range a.Recipients {
		rNames = append(rNames, r.Name)
		rValues = append(rValues, float64(r.Value))
	}
	return append(specs, Spec{ID: "recipients", Title: b.strings.T("chart.recipients"), Category: b.strings.T("table.recipient"),
		Categories: rNames, Series: []Series{{Name: b.strings.T("table.value"), Values: rValues}}, Format: Money, Horizontal: true, Total: true,
		Totals: []float64{float64(a.Totals.RecipientsValue)}})
}

func (b *Builder) unitSpecs(u *figures.UnitFigures) []Spec {
	var specs []Spec
	for _, y := range u.Years {
		if len(y.Contributions) == 0 {
			continue
		}
		year := strconv.Itoa(y.Year)
		titles := make([]string, len(y.Contributions))
		money := make([]float64, len(y.Contributions))
		var rateTitles []string
		var rates []float64
		for i, c := range y.Contributions {
			titles[i] = c.Activity.Title.Value
			money[i] = float64(c.Money)
			if c.Rate.Known() {
				rateTitles = append(rateTitles, titles[i])
				rates = append(rates, c.Rate.Value())
			}
		}
		specs = append(specs,
			Spec{ID: "money-" + year, Title: b.strings.Format("chart.unit_money", "year", year), Category: b.strings.T("table.activity"),
				Categories: titles, Series: []Series{{Name: b.strings.T("table.money"), Values: money}}, Format: Money, Horizontal: true, Total: true,
				Totals: []float64{float64(y.Money)}},
			Spec{ID: "participation-" + year, Title: b.strings.Format("chart.unit_participation", "year", year), Category: b.strings.T("table.activity"),
				Categories: rateTitles, Series: []Series{{Name: b.strings.T("table.participation_rate"), Values: rates}}, Format: Percent, Horizontal: true},
		)
	}
	if len(u.Years) >= 2 {
		years := make([]string, len(u.Years))
		money := make([]float64, len(u.Years))
		participants := make([]float64, len(u.Years))
		for i, y := range u.Years {
			years[i] = strconv.Itoa(y.Year)
			money[i] = float64(y.Money)
			participants[i] = float64(y.Participants)
		}
		specs = append(specs,
			Spec{ID: "money-by-year", Title: b.strings.T("chart.unit_money_by_year"), Category: b.strings.T("table.year"),
				Categories: years, Series: []Series{{Name: b.strings.T("table.money"), Values: money}}, Format: Money, Total: true, Years: true,
				Totals: []float64{float64(u.Money)}},
			Spec{ID: "participants-by-year", Title: b.strings.T("chart.unit_participants_by_year"), Category: b.strings.T("table.year"),
				Categories: years, Series: []Series{{Name: b.strings.T("figure.participations"), Values: participants}}, Format: Number, Total: true, Years: true,
				Totals: []float64{float64(u.Participants)}},
		)
	}
	return specs
}

// trendSpecs are the home page's charts across the years with
// activities; their totals are the site's, as years without activities
// add nothing.
func (b *Builder) trendSpecs(f *figures.Figures) []Spec {
	active := f.ActiveYears()
	if len(active) < 2 {
		return nil
	}
	years := make([]string, len(active))
	money := make([]float64, len(active))
	participants := make([]float64, len(active))
	for i, y := range active {
		years[i] = strconv.Itoa(y.Year)
		money[i] = float64(y.Totals.Money)
		participants[i] = float64(y.Totals.Participants)
	}
	return []Spec{
		{ID: "money-by-year", Title: b.strings.T("chart.trend_money"), Category: b.strings.T("table.year"),
			Categories: years, Series: []Series{{Name: b.strings.T("table.money"), Values: money}}, Format: Money, Total: true, Years: true,
			Totals: []float64{float64(f.Totals.Money)}},
		{ID: "participants-by-year", Title: b.strings.T("chart.trend_participants"), Category: b.strings.T("table.year"),
			Categories: years, Series: []Series{{Name: b.strings.T("figure.participations"), Values: participants}}, Format: Number, Total: true, Years: true,
			Totals: []float64{float64(f.Totals.Participants)}},
	}
}

// itemSeries makes one series per item kind over n categories, and
// returns with them each kind's total.
func itemSeries(kinds []string, n int, count func(i int, kind string) int64, total func(kind string) int64) ([]Series, []float64) {
	var series []Series
	var totals []float64
	for _, k := range kinds {
		values := make([]float64, n)
		for i := range values {
			values[i] = float64(count(i, k))
		}
		series = append(series, Series{Name: k, Values: values})
		totals = append(totals, float64(total(k)))
	}
	return series, totals
}

// maxStackedActivities is the most activities a unit's bar is split into;
// with more, the bars are split by category instead.
const maxStackedActivities = 6

// moneyByUnitSeries splits each unit's money by activity, or by category
// when the year has many activities, and returns with the series their
// totals: each activity's or category's money.
func (b *Builder) moneyByUnitSeries(y *figures.YearFigures, units []*figures.UnitYear) ([]Series, []float64) {
	byCategory := len(y.Activities) > maxStackedActivities
	var series []Series
	var totals []float64
	index := map[string]int{}
	if byCategory {
		for _, c := range y.ByCategory {
			index[c.Category] = len(series)
			series = append(series, Series{Name: b.strings.T("category." + c.Category), Values: make([]float64, len(units))})
			totals = append(totals, float64(c.Money))
		}
	} else {
		for _, a := range y.Activities {
			index[a.Activity.ID] = len(series)
			series = append(series, Series{Name: a.Activity.Title.Value, Values: make([]float64, len(units))})
			totals = append(totals, float64(a.Totals.Money))
		}
	}
	for i, u := range units {
		if byCategory {
			for _, c := range u.ByCategory {
				series[index[c.Category]].Values[i] = float64(c.Money)
			}
		} else {
			for _, c := range u.PerActivity {
				series[index[c.Activity.ID]].Values[i] = float64(c.Money)
			}
		}
	}
	var out []Series
	var outTotals []float64
	for j, s := range series {
		if hasValue([]Series{s}) {
			out = append(out, s)
			outTotals = append(outTotals, totals[j])
		}
	}
	return out, outTotals
}
