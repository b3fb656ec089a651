// Package charts turns figures into ECharts options built with go-echarts'
// types, each with the table of the same figures that stands beside it.
// Only the option object is taken from go-echarts (Validate, then JSON),
// once per layout of chart, with each chart's data put in its places (see
// skeleton.go): pages embed it as a JSON data block read by the site's own
// script, so go-echarts' page templates and its CDN are never used.
package charts

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"sort"
	"strconv"

	gocharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"reportsite/generator/locale"
)

// Format says how a chart's values are written: on axes in compact form,
// in tooltips and tables in full.
type Format string

// The value formats of charts.
const (
	Money   Format = "money"
	Number  Format = "number"
	Percent Format = "percent" // values are ratios: 0.5 is 50%
)

// Palette is the Okabe–Ito set of colours, told apart by readers with the
// common colour-vision deficiencies; decal patterns separate them again in
// greyscale print.
var Palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"}

// Series is one row of values of a chart, one value per category.
type Series struct {
	Name   string
	Values []float64
}

// Spec describes a bar chart in terms of the figures it shows.
type Spec struct {
	ID         string // unique within the page, e.g. "money-by-activity"
	Title      string
	Category   string   // the header of the categories' column in the table
	Categories []string // bar labels
	Series     []Series
	Format     Format
	Horizontal bool // bars grow to the right: for long names such as units
	Stacked    bool // series stacked into one bar per category
	Total      bool // the table ends with a total row
	// Years says the categories are years, in order: beyond MaxYears the
	// last years are drawn, not the largest.
	Years bool
	Note  string

	// The totals come from figures: a chart shows figures' sums, it does
	// not make its own, so that its table agrees with the page's key
	// figures. Build panics when one that the spec needs is missing.

	// Totals holds, when Total is set and the values are not rates, the
	// total of each series: the table's total row.
	Totals []float64
	// CategoryTotals holds, for a spec of several series, the total of
	// each category across them: the length of its stacked bar, the
	// table's total column and what ranks the categories beyond MaxBars.
	CategoryTotals []float64
	// GrandTotal is, for a spec of several series with Totals, the total
	// of everything: the corner of the table's total row and column.
	GrandTotal float64
}

// categoryTotal returns the total of category i across the series of s.
func (s Spec) categoryTotal(i int) float64 {
	if len(s.Series) == 1 {
		return s.Series[0].Values[i]
	}
	return s.CategoryTotals[i]
}

// check panics when s lacks a total it needs.
func (s Spec) check() {
	if len(s.Series) > 1 && len(s.CategoryTotals) != len(s.Categories) {
		panic(fmt.Sprintf("charts: %s has %d category totals for %d categories", s.ID, len(s.CategoryTotals), len(s.Categories)))
	}
	if s.Total && s.Format != Percent && len(s.Totals) != len(s.Series) {
		panic(fmt.Sprintf("charts: %s has %d totals for %d series", s.ID, len(s.Totals), len(s.Series)))
	}
}

// MaxBars is the most bars a chart draws. Beyond it, the largest
// MaxBars-1 are drawn and the rest are added up into one "others" row (or,
// for rates, which do not add up, left out), so that a chart stays
// readable and its page light however large the bloc. The others row is
// drawn as a bar only when it is no longer than the longest bar: on a large
// bloc it is most of the total, and drawn on the same scale it would leave
// the bars it is compared with too short to read. It is always in the
// table, which therefore still adds up to the page's key figures.
const MaxBars = 20

// MaxYears is the most years a chart of Years draws: the last ones, in
// order, with every year in its table. Under columns on a phone, more
// years than that would leave their labels no room.
const MaxYears = 10

// limit applies MaxBars, or MaxYears to a chart of Years: it returns what
// the chart draws and what its table holds.
func (b *Builder) limit(s Spec) (drawn, tabled Spec) {
	n := len(s.Categories)
	if s.Years {
		if n <= MaxYears {
			return s, s
		}
		last := make([]int, 0, MaxYears)
		for i := n - MaxYears; i < n; i++ {
			last = append(last, i)
		}
		drawn = pick(s, last)
		drawn.Note = b.strings.Format("chart.note_last", "shown", b.loc.Number(MaxYears), "count", b.loc.Number(int64(n)))
		return drawn, s
	}
	if n <= MaxBars {
		return s, s
	}
	order := make([]int, n)
	totals := make([]float64, n)
	for i := range order {
		order[i] = i
		totals[i] = s.categoryTotal(i)
	}
	sort.SliceStable(order, func(a, c int) bool { return totals[order[a]] > totals[order[c]] })
	keep := MaxBars
	if s.Format != Percent {
		keep = MaxBars - 1
	}
	drawn = pick(s, order[:keep])
	shown, count := b.loc.Number(int64(keep)), b.loc.Number(int64(n))
	if s.Format == Percent {
		drawn.Note = b.strings.Format("chart.note_top", "shown", shown, "count", count)
		return drawn, drawn
	}
	// The one sum a chart makes: its others row adds up the bars it
	// leaves out, which only the chart knows.
	tabled = pick(s, order[:keep])
	tabled.Categories = append(tabled.Categories, b.strings.Format("chart.others", "count", b.loc.Number(int64(n-keep))))
	var othersTotal float64
	for _, i := range order[keep:] {
		othersTotal += totals[i]
	}
	for j, series := range s.Series {
		var rest float64
		for _, i := range order[keep:] {
			rest += series.Values[i]
		}
		tabled.Series[j].Values = append(tabled.Series[j].Values, rest)
	}
	if tabled.CategoryTotals != nil {
		tabled.CategoryTotals = append(tabled.CategoryTotals, othersTotal)
	}
	if othersTotal > totals[order[0]] {
		drawn.Note = b.strings.Format("chart.note_others_table", "shown", shown, "count", count, "rest", b.loc.Number(int64(n-keep)))
		return drawn, tabled
	}
	tabled.Note = b.strings.Format("chart.note_others", "shown", shown, "count", count)
	return tabled, tabled
}

// pick returns s with the categories at indexes only, in that order.
func pick(s Spec, indexes []int) Spec {
	out := s
	out.Categories = make([]string, 0, len(indexes)+1)
	for _, i := range indexes {
		out.Categories = append(out.Categories, s.Categories[i])
	}
	out.Series = make([]Series, len(s.Series))
	for j, series := range s.Series {
		values := make([]float64, 0, len(indexes)+1)
		for _, i := range indexes {
			values = append(values, series.Values[i])
		}
		out.Series[j] = Series{Name: series.Name, Values: values}
	}
	if s.CategoryTotals != nil {
		out.CategoryTotals = make([]float64, 0, len(indexes)+1)
		for _, i := range indexes {
			out.CategoryTotals = append(out.CategoryTotals, s.CategoryTotals[i])
		}
	}
	return out
}

// Chart is a chart ready for a page: its option as JSON, the label read
// to screen-reader users, and the table of the same figures.
type Chart struct {
	ID     string
	Title  string
	Label  string // the accessible name of the chart
	Option string // the ECharts option object, JSON
	Format Format
	Height int // pixels the chart needs on screen
	Table  Table
	// Note says when the chart shows only part of the figures.
	Note string
}

// Table is a chart's figures as text, formatted in the site's language.
type Table struct {
	Head []string
	Rows []Row
	Foot *Row
}

// Row is one line of a table: a label and formatted cells.
type Row struct {
	Label string
	Cells []string
}

// Builder makes charts for one site language.
type Builder struct {
	loc     *locale.Locale
	strings locale.Strings
}

// NewBuilder returns a builder that formats figures with loc and labels
// charts with strs.
func NewBuilder(loc *locale.Locale, strs locale.Strings) *Builder {
	return &Builder{loc: loc, strings: strs}
}

// Build turns a spec into a chart. A spec without categories or without a
// non-zero value gives nil: an empty chart tells a reader nothing.
func (b *Builder) Build(s Spec) *Chart {
	if len(s.Categories) == 0 || !hasValue(s.Series) {
		return nil
	}
	s.check()
	drawn, tabled := b.limit(s)
	option, err := option(drawn)
	if err != nil {
		panic(fmt.Sprintf("charts: option of %s: %v", s.ID, err))
	}
	return &Chart{
		ID:     s.ID,
		Title:  s.Title,
		Label:  b.label(drawn),
		Option: option,
		Format: s.Format,
		Height: height(drawn),
		Table:  b.table(tabled),
		Note:   drawn.Note,
	}
}

func hasValue(series []Series) bool {
	for _, s := range series {
		for _, v := range s.Values {
			if v != 0 {
				return true
			}
		}
	}
	return false
}

// height gives horizontal charts room for every label and vertical ones
// a steady height. A chart of several series has a legend under it, which
// gets a row of its own rather than taking it from the bars: the bars of a
// chart keep the height of those of a chart of one series beside it, and
// the names beside them as many lines.
func height(s Spec) int {
	if !s.Horizontal {
		return 320
	}
	per, legend := 28, 0
	if len(s.Series) > 1 {
		legend = legendRow
		if !s.Stacked {
			per = 18 * len(s.Series)
		}
	}
	return min(120+legend+per*len(s.Categories), 2400)
}

// The margin under a chart's bars: gridMargin, and legendRow more for a
// legend.
const (
	gridMargin = 8
	legendRow  = 28
)

// option is the ECharts option of s, as go-echarts builds it.
func option(s Spec) (string, error) {
	shape := shapeOf(s)
	sk, err := skeletonOf(shape)
	if err != nil {
		return "", err
	}
	return sk.fill(s.Categories, s.Series)
}

// goechartsOption builds the option of a chart of shape with go-echarts.
func goechartsOption(shape optionShape, categories []string, series []Series) (string, error) {
	bar := gocharts.NewBar()
	bar.SetGlobalOptions(
		// A fixed ID: go-echarts would make up a random one, which is not
		// part of the option but is not worth the randomness.
		gocharts.WithInitializationOpts(opts.Initialization{ChartID: "chart"}),
		gocharts.WithAnimation(false),
		gocharts.WithColorsOpts(opts.Colors(Palette)),
		gocharts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Decal: &opts.AriaDecal{Show: opts.Bool(true)}}),
		gocharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		gocharts.WithLegendOpts(opts.Legend{Show: opts.Bool(shape.legend), Type: "scroll", Bottom: "0"}),
		gocharts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "16", Top: "12", Bottom: gridBottom(shape)}),
	)
	category := opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0"}}
	value := opts.YAxis{Type: "value"}
	if shape.horizontal {
		bar.SetGlobalOptions(
			gocharts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0"}}),
			gocharts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		)
		bar.XYReversal()
	} else {
		category.AxisLabel.Rotate = shape.rotate
		bar.SetGlobalOptions(gocharts.WithXAxisOpts(category), gocharts.WithYAxisOpts(value))
	}
	bar.SetXAxis(categories)
	for _, series := range series {
		data := make([]opts.BarData, len(series.Values))
		for i, v := range series.Values {
			data[i] = opts.BarData{Value: v}
		}
		var options []gocharts.SeriesOpts
		if shape.stacked {
			options = append(options, gocharts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
		}
		bar.AddSeries(series.Name, data, options...)
	}
	bar.Validate()
	out, err := json.Marshal(bar.JSON())
	return string(out), err
}

func gridBottom(shape optionShape) string {
	if shape.legend {
		return strconv.Itoa(gridMargin + legendRow)
	}
	return strconv.Itoa(gridMargin)
}

// rotation tilts category labels when there are many or long ones.
func rotation(categories []string) float64 {
	longest := 0
	for _, c := range categories {
		longest = max(longest, len([]rune(c)))
	}
	switch {
	case len(categories) > 4 && longest > 12:
		return 30
	case len(categories) > 8:
		// Short names, such as years, side by side under narrow columns:
		// on a phone more than eight of them would touch.
		return 90
	}
	return 0
}

// format writes one value in full in the site's language.
func (b *Builder) format(f Format, v float64) string {
	switch f {
	case Money:
		return b.loc.Money(int64(math.Round(v)))
	case Percent:
		return b.loc.Percent(v)
	}
	return b.loc.Number(int64(math.Round(v)))
}

func (b *Builder) table(s Spec) Table {
	t := Table{Head: []string{s.Category}}
	for _, series := range s.Series {
		t.Head = append(t.Head, series.Name)
	}
	stackedTotal := s.Stacked && len(s.Series) > 1 && s.Format != Percent
	if stackedTotal {
		t.Head = append(t.Head, b.strings.T("table.total"))
	}
	row := func(label string, values []float64, total float64) Row {
		r := Row{Label: label}
		for _, v := range values {
			r.Cells = append(r.Cells, b.format(s.Format, v))
		}
		if stackedTotal {
			r.Cells = append(r.Cells, b.format(s.Format, total))
		}
		return r
	}
	values := make([]float64, len(s.Series))
	for i, c := range s.Categories {
		for j, series := range s.Series {
			values[j] = series.Values[i]
		}
		t.Rows = append(t.Rows, row(c, values, s.categoryTotal(i)))
	}
	if s.Total && s.Format != Percent {
		foot := row(b.strings.T("table.total"), s.Totals, s.GrandTotal)
		t.Foot = &foot
	}
	return t
}

// label is the accessible name: what the chart shows and its largest bar.
func (b *Builder) label(s Spec) string {
	best, bestValue := -1, 0.0
	for i := range s.Categories {
		if v := s.categoryTotal(i); best < 0 || v > bestValue {
			best, bestValue = i, v
		}
	}
	return b.strings.Format("chart.aria", "title", s.Title,
		"count", b.loc.Number(int64(len(s.Categories))),
		"name", s.Categories[best], "value", b.format(s.Format, bestValue))
}

// OptionJS returns the option for a JSON data block in a page. It is safe
// there: encoding/json escapes <, > and & inside strings, so the option can
// never close the script element.
func (c *Chart) OptionJS() template.JS {
	return template.JS(c.Option)
}
