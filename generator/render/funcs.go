package render

import (
	"html/template"
	"time"

	"reportsite/generator/content"
	"reportsite/generator/figures"
	"reportsite/generator/view"
)

// funcs are the helpers templates call: the site's texts in its language.
// Every other value a template prints comes ready in its view, so no
// helper takes a value of the content or the figures.
func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"t":  r.Strings.T,
		"tf": r.Strings.Format,
	}
}

// items formats counts of items: "641 books, 20 gift-boxes".
func (r *Renderer) items(counts []figures.ItemCount) string {
	var b []byte
	for i, c := range counts {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, r.Locale.Number(c.Count)...)
		b = append(b, ' ')
		b = append(b, c.Kind...)
	}
	return string(b)
}

// rate writes a participation rate, or a dash when the staff is unknown.
func (r *Renderer) rate(rt figures.Rate) string {
	if !rt.Known() {
		return dash
	}
	return r.Locale.Percent(rt.Value())
}

// Date is a day of the content as a view: written out, and as
// YYYY-MM-DD. Both are empty when the content gives no date.
func (r *Renderer) Date(d content.Date) view.Date {
	if !d.Set() {
		return view.Date{}
	}
	return view.Date{Text: r.Locale.Date(d.Time), ISO: d.Time.Format(time.DateOnly)}
}

// Dates are when an activity took place, as a view.
func (r *Renderer) Dates(a *content.Activity) view.Dates {
	if !a.Date.Set() {
		return view.Dates{}
	}
	d := view.Dates{
		Text:  when(a, r.Locale.Date, r.Locale.DateRange),
		Short: r.whenShort(a),
		Start: a.Date.Time.Format(time.DateOnly),
	}
	if a.End.Set() {
		d.End = a.End.Time.Format(time.DateOnly)
	}
	return d
}

// whenShort writes an activity's date or dates in the short form.
func (r *Renderer) whenShort(a *content.Activity) string {
	return when(a, r.Locale.ShortDate, r.Locale.ShortDateRange)
}

// when writes an activity's day with date, or its first and last days
// with dateRange; nothing when it has no date.
func when(a *content.Activity, date func(time.Time) string, dateRange func(from, to time.Time) string) string {
	switch {
	case !a.Date.Set():
		return ""
	case a.End.Set():
		return dateRange(a.Date.Time, a.End.Time)
	default:
		return date(a.Date.Time)
	}
}
