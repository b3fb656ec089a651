package charts

import (
	"strconv"

	"reportsite/generator/content"

	"reportsite/generator/figures"
)

// Year returns the charts of a year report: money and items by activity,
// donations by unit stacked by activity, participants and participation
// rate by unit, and activities by category.
func (b *Builder) Year(y *figures.YearFigures) []*Chart {
	acts := y.Activities
	titles := make([]string, len(acts))
	money := make([]float64, len(acts))
	for i, a := range acts {
		titles[i] = a.Activity.Title.Value
		money[i] = float64(a.Totals.Money)
	}
	charts := []*Chart{
		b.Build(Spec{ID: "money-by-activity", Title: b.strings.T("chart.money_by_activity"), Category: b.strings.T("table.activity"),
			Categories: titles, Series: []Series{{Name: b.strings.T("table.money"), Values: money}}, Format: Money, Horizontal: true, Total: true}),
		b.Build(Spec{ID: "items-by-activity", Title: b.strings.T("chart.items_by_activity"), Category: b.strings.T("table.activity"),
			Categories: titles, Series: itemSeries(y.Totals.Kinds(), len(acts), func(i int, kind string) int64 { return acts[i].Totals.Item(kind) }),
			Format: Number, Horizontal: true, Stacked: true, Total: true}),
	}
	units := y.SortedUnits(func(a, b *figures.UnitYear) int { return 0 })
	var active []*figures.UnitYear
	for _, u := range units {
		if u.Activities > 0 {
			active = append(active, u)
		}
	}
	names := make([]string, len(active))
	for i, u := range active {
		names[i] = u.Unit.DisplayName()
	}
	byActivity := b.moneyByUnitSeries(y, active)
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
	charts = append(charts,
		b.Build(Spec{ID: "money-by-unit", Title: b.strings.T("chart.money_by_unit"), Category: b.strings.T("table.unit"),
			Categories: names, Series: byActivity, Format: Money, Horizontal: true, Stacked: true, Total: true}),
		b.Build(Spec{ID: "participants-by-unit", Title: b.strings.T("chart.participants_by_unit"), Category: b.strings.T("table.unit"),
			Categories: names, Series: []Series{{Name: b.strings.T("figure.participations"), Values: participants}}, Format: Number, Horizontal: true, Total: true}),
		b.Build(Spec{ID: "rate-by-unit", Title: b.strings.T("chart.rate_by_unit"), Category: b.strings.T("table.unit"),
			Categories: rateNames, Series: []Series{{Name: b.strings.T("table.peak_rate"), Values: rateValues}}, Format: Percent, Horizontal: true}),
	)
	var cats []string
	var counts []float64
	for _, c := range y.ByCategory {
		cats = append(cats, b.strings.T("category."+c.Category))
		counts = append(counts, float64(c.Activities))
	}
	charts = append(charts, b.Build(Spec{ID: "activities-by-category", Title: b.strings.T("chart.activities_by_category"), Category: b.strings.T("table.category"),
		Categories: cats, Series: []Series{{Name: b.strings.T("figure.activities"), Values: counts}}, Format: Number, Horizontal: true, Total: true}))
	return compact(charts)
}

// Activity returns the charts of an activity page: each unit's money,
// participants and items, and what each recipient received.
func (b *Builder) Activity(a *figures.ActivityFigures) []*Chart {
	cs := a.Contributions
	names := make([]string, len(cs))
	money := make([]float64, len(cs))
	participants := make([]float64, len(cs))
	for i, c := range cs {
		names[i] = c.Unit.DisplayName()
		money[i] = float64(c.Money)
		participants[i] = float64(c.Participants)
	}
	charts := []*Chart{
		b.Build(Spec{ID: "money-by-unit", Title: b.strings.T("chart.money_by_unit"), Category: b.strings.T("table.unit"),
			Categories: names, Series: []Series{{Name: b.strings.T("table.money"), Values: money}}, Format: Money, Horizontal: true, Total: true}),
		b.Build(Spec{ID: "items-by-unit", Title: b.strings.T("chart.items_by_unit"), Category: b.strings.T("table.unit"),
			Categories: names, Series: itemSeries(a.Totals.Kinds(), len(cs), func(i int, kind string) int64 { return cs[i].Item(kind) }),
			Format: Number, Horizontal: true, Stacked: true, Total: true}),
		b.Build(Spec{ID: "participants-by-unit", Title: b.strings.T("chart.participants_by_unit"), Category: b.strings.T("table.unit"),
			Categories: names, Series: []Series{{Name: b.strings.T("table.participants"), Values: participants}}, Format: Number, Horizontal: true, Total: true}),
	}
	var rNames []string
	var rValues []float64
	for _, r := range a.Recipients {
		rNames = append(rNames, r.Name)
		rValues = append(rValues, float64(r.Value))
	}
	charts = append(charts, b.Build(Spec{ID: "recipients", Title: b.strings.T("chart.recipients"), Category: b.strings.T("table.recipient"),
		Categories: rNames, Series: []Series{{Name: b.strings.T("table.value"), Values: rValues}}, Format: Money, Horizontal: true, Total: true}))
	return compact(charts)
}

// Unit returns the charts of a unit page: per year, its money and its
// participation rate in each activity; across years when it has several.
func (b *Builder) Unit(u *figures.UnitFigures) []*Chart {
	var charts []*Chart
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
		charts = append(charts,
			b.Build(Spec{ID: "money-" + year, Title: b.strings.Format("chart.unit_money", "year", year), Category: b.strings.T("table.activity"),
				Categories: titles, Series: []Series{{Name: b.strings.T("table.money"), Values: money}}, Format: Money, Horizontal: true, Total: true}),
			b.Build(Spec{ID: "participation-" + year, Title: b.strings.Format("chart.unit_participation", "year", year), Category: b.strings.T("table.activity"),
				Categories: rateTitles, Series: []Series{{Name: b.strings.T("table.participation_rate"), Values: rates}}, Format: Percent, Horizontal: true}),
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
		charts = append(charts,
			b.Build(Spec{ID: "money-by-year", Title: b.strings.T("chart.unit_money_by_year"), Category: b.strings.T("table.year"),
				Categories: years, Series: []Series{{Name: b.strings.T("table.money"), Values: money}}, Format: Money, Total: true, Years: true}),
			b.Build(Spec{ID: "participants-by-year", Title: b.strings.T("chart.unit_participants_by_year"), Category: b.strings.T("table.year"),
				Categories: years, Series: []Series{{Name: b.strings.T("figure.participations"), Values: participants}}, Format: Number, Total: true, Years: true}),
		)
	}
	return compact(charts)
}

// Trends returns the home page's charts across years, when there are two
// or more years with activities.
func (b *Builder) Trends(f *figures.Figures) []*Chart {
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
	return compact([]*Chart{
		b.Build(Spec{ID: "money-by-year", Title: b.strings.T("chart.trend_money"), Category: b.strings.T("table.year"),
			Categories: years, Series: []Series{{Name: b.strings.T("table.money"), Values: money}}, Format: Money, Total: true, Years: true}),
		b.Build(Spec{ID: "participants-by-year", Title: b.strings.T("chart.trend_participants"), Category: b.strings.T("table.year"),
			Categories: years, Series: []Series{{Name: b.strings.T("figure.participations"), Values: participants}}, Format: Number, Total: true, Years: true}),
	})
}

// itemSeries makes one series per item kind over n categories.
func itemSeries(kinds []string, n int, count func(i int, kind string) int64) []Series {
	var series []Series
	for _, k := range kinds {
		values := make([]float64, n)
		for i := range values {
			values[i] = float64(count(i, k))
		}
		series = append(series, Series{Name: k, Values: values})
	}
	return series
}

func compact(charts []*Chart) []*Chart {
	out := charts[:0]
	for _, c := range charts {
		if c != nil {
			out = append(out, c)
		}
	}
	return out
}

// maxStackedActivities is the most activities a unit's bar is split into;
// with more, the bars are split by category instead.
const maxStackedActivities = 6

// moneyByUnitSeries splits each unit's money by activity, or by category
// when the year has many activities.
func (b *Builder) moneyByUnitSeries(y *figures.YearFigures, units []*figures.UnitYear) []Series {
	byCategory := len(y.Activities) > maxStackedActivities
	var names []string
	index := map[string]int{}
	if byCategory {
		for _, c := range y.ByCategory {
			index[c.Category] = len(names)
			names = append(names, b.strings.T("category."+c.Category))
		}
	} else {
		for _, a := range y.Activities {
			index[a.Activity.ID] = len(names)
			names = append(names, a.Activity.Title.Value)
		}
	}
	series := make([]Series, len(names))
	for i := range series {
		series[i] = Series{Name: names[i], Values: make([]float64, len(units))}
	}
	category := map[*content.Activity]string{}
	for _, a := range y.Activities {
		category[a.Activity] = a.Category
	}
	for i, u := range units {
		for _, c := range u.Contributions {
			key := c.Activity.ID
			if byCategory {
				key = category[c.Activity]
			}
			if j, ok := index[key]; ok {
				series[j].Values[i] += float64(c.Money)
			}
		}
	}
	var out []Series
	for _, s := range series {
		if hasValue([]Series{s}) {
			out = append(out, s)
		}
	}
	return out
}
