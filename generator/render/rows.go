package render

import (
	"html/template"
	"strconv"
	"time"
	"unsafe"

	"reportsite/generator/address"
	"reportsite/generator/charts"
	"reportsite/generator/content"
	"reportsite/generator/figures"
)

// The rows of the long tables (a year's activities and units, a unit's
// contributions, an activity's contributions, a chart's figures) are
// written here in Go rather than with range actions in the templates. A
// large site has hundreds of thousands of rows, and html/template spends
// most of a build calling its escapers through reflection, once per value.
// A table with a data file is declared once in tables.go, which gives its
// head, rows and foot; the templates keep its frame (section, caption),
// so an override can still change that, or write its own rows with range.
//
// Every text goes through appendEscaped, which escapes as html/template
// does in element content and attribute values, so the rows are the bytes
// the templates wrote before.

// rowFuncs are the template functions that write table rows.
func (r *Renderer) rowFuncs() template.FuncMap {
	return template.FuncMap{
		"activityRows":             r.activityRows,
		"unitYearRows":             r.unitYearRows,
		"unitContributionRows":     r.unitContributionRows,
		"activityContributionRows": r.activityContributionRows,
		"chartFigure":              r.chartFigure,
		"recipientRows":            r.recipientRows,
		"resultRows":               r.resultRows,
	}
}

// The rows of the declared tables, under the names templates called them
// by before the tables were declared, for sites whose templates still do.

// activityRows writes the rows of the "activities-table" partial.
func (r *Renderer) activityRows(root string, activities []*figures.ActivityFigures) template.HTML {
	return html(Activities.appendRows(r, Activities.buffer(len(activities), nil), root, activities, nil))
}

// unitYearRows writes the rows of a year report's table by unit.
func (r *Renderer) unitYearRows(root string, units []*figures.UnitYear) template.HTML {
	return html(YearUnits.appendRows(r, YearUnits.buffer(len(units), nil), root, units, nil))
}

// unitContributionRows writes the rows of a unit's table for one year:
// what it gave to each activity.
func (r *Renderer) unitContributionRows(root string, cs []*figures.Contribution) template.HTML {
	return html(UnitContributions.appendRows(r, UnitContributions.buffer(len(cs), nil), root, cs, nil))
}

// activityContributionRows writes the rows of an activity's table of
// contributions, with a column per kind of item.
func (r *Renderer) activityContributionRows(root string, cs []*figures.Contribution, kinds []string) template.HTML {
	return html(ActivityContributions.appendRows(r, ActivityContributions.buffer(len(cs), kinds), root, cs, kinds))
}

// recipientRows writes the rows of an activity's table of recipients,
// with a column per kind of item received.
func (r *Renderer) recipientRows(recipients []figures.Recipient, kinds []string) template.HTML {
	return html(Recipients.appendRows(r, Recipients.buffer(len(recipients), kinds), "", recipients, kinds))
}

// resultRows writes the rows of an activity's results: per event, the
// placings, the event's name spanning its rows.
func (r *Renderer) resultRows(root string, events []figures.EventResults) template.HTML {
	var b []byte
	for _, e := range events {
		for i, p := range e.Placings {
			b = append(b, "\n<tr>"...)
			if i == 0 {
				b = append(b, "<th scope=\"rowgroup\" rowspan=\""...)
				b = strconv.AppendInt(b, int64(len(e.Placings)), 10)
				b = append(b, "\">"...)
				b = appendEscaped(b, e.Event)
				b = append(b, "</th>"...)
			}
			b = append(b, "<td class=\"num\">"...)
			b = appendEscaped(b, r.Locale.Number(p.Place))
			b = append(b, "</td><td>"...)
			b = r.appendUnitLink(b, root, p.Unit)
			b = append(b, "</td></tr>"...)
		}
	}
	return html(b)
}

// chartFigure writes one chart of the "charts" partial: its caption, the
// element the script draws it in, its option as a JSON data block and its
// figures as a table. A page has several and a site tens of thousands.
func (r *Renderer) chartFigure(c *charts.Chart) template.HTML {
	b := make([]byte, 0, 1024+len(c.Option)+128*len(c.Table.Rows))
	b = append(b, "<figure class=\"chart\" id=\"chart-"...)
	b = appendEscaped(b, c.ID)
	b = append(b, "\">\n<figcaption>"...)
	b = appendEscaped(b, c.Title)
	if c.Note != "" {
		b = append(b, "<span class=\"chart-note\">"...)
		b = appendEscaped(b, c.Note)
		b = append(b, "</span>"...)
	}
	b = append(b, "</figcaption>\n<div class=\"chart-canvas\" role=\"img\" aria-label=\""...)
	b = appendEscaped(b, c.Label)
	b = append(b, "\" data-chart=\""...)
	b = appendEscaped(b, c.ID)
	b = append(b, "\" data-format=\""...)
	b = appendEscaped(b, string(c.Format))
	b = append(b, "\" data-height=\""...)
	b = strconv.AppendInt(b, int64(c.Height), 10)
	b = append(b, "\"></div>\n<script type=\"application/json\" id=\"chart-"...)
	b = appendEscaped(b, c.ID)
	// The option is JSON from encoding/json, which escapes <, > and &, so
	// it cannot end the script element (see charts.Chart.OptionJS).
	b = append(b, "-option\">"...)
	b = append(b, c.OptionJS()...)
	b = append(b, "</script>\n<details class=\"chart-table\" open>\n<summary>"...)
	b = appendEscaped(b, r.Strings.T("chart.show_table"))
	b = append(b, "</summary>\n<div class=\"table-wrap\">\n<table>\n<caption class=\"visually-hidden\">"...)
	b = appendEscaped(b, c.Title)
	b = append(b, "</caption>\n<thead><tr>"...)
	for i, h := range c.Table.Head {
		b = append(b, "<th scope=\"col\""...)
		if i > 0 {
			b = append(b, " class=\"num\""...)
		}
		b = append(b, '>')
		b = appendEscaped(b, h)
		b = append(b, "</th>"...)
	}
	b = append(b, "</tr></thead>\n<tbody>"...)
	b = appendChartRows(b, c.Table.Rows)
	b = append(b, "\n</tbody>"...)
	if f := c.Table.Foot; f != nil {
		b = append(b, "\n<tfoot>"...)
		b = appendChartRow(b, *f)
		b = append(b, "</tfoot>"...)
	}
	b = append(b, "\n</table>\n</div>\n</details>\n</figure>"...)
	return html(b)
}

// appendChartRows writes rows of a chart's table, each on a line of its
// own.
func appendChartRows(b []byte, rows []charts.Row) []byte {
	for _, row := range rows {
		b = append(b, '\n')
		b = appendChartRow(b, row)
	}
	return b
}

func appendChartRow(b []byte, row charts.Row) []byte {
	b = append(b, "<tr><th scope=\"row\">"...)
	b = appendEscaped(b, row.Label)
	b = append(b, "</th>"...)
	for _, c := range row.Cells {
		b = append(b, "<td class=\"num\">"...)
		b = appendEscaped(b, c)
		b = append(b, "</td>"...)
	}
	return append(b, "</tr>"...)
}

// appendUnitLink writes the "unit-link" partial: the unit's short name
// linking to its page.
func (r *Renderer) appendUnitLink(b []byte, root string, u *content.Unit) []byte {
	b = append(b, "<a href=\""...)
	b = appendURL(b, root)
	b = address.AppendUnit(b, u.ID, appendURL)
	b = append(b, "\">"...)
	b = appendEscaped(b, u.DisplayName())
	return append(b, "</a>"...)
}

// appendActivityLink writes an activity's title linking to its page.
func (r *Renderer) appendActivityLink(b []byte, root string, a *content.Activity) []byte {
	b = append(b, "<a href=\""...)
	b = appendURL(b, root)
	b = address.AppendActivity(b, a.ID, appendURL)
	b = append(b, "\">"...)
	b = appendEscaped(b, a.Title.Value)
	return append(b, "</a>"...)
}

// html returns b, which the caller never changes again, as HTML without
// copying it, as strings.Builder does: tables are most of a page's bytes.
func html(b []byte) template.HTML {
	if len(b) == 0 {
		return ""
	}
	return template.HTML(unsafe.String(&b[0], len(b)))
}

// htmlReplacements are html/template's replacements for text in element
// content and quoted attribute values.
var htmlReplacements = [256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// appendEscaped appends s escaped as html/template escapes a string in
// element content or a quoted attribute.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		if repl := htmlReplacements[s[i]]; repl != "" {
			b = append(b, s[last:i]...)
			b = append(b, repl...)
			last = i + 1
		}
	}
	return append(b, s[last:]...)
}

// appendURL appends a relative path for an href, percent-encoding every
// byte other than letters, digits and -._~/ (IDs and the way back to the
// root never have any, as the loader checks IDs).
func appendURL(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
			b = append(b, c)
		default:
			b = append(b, '%', hex[c>>4], hex[c&0xf])
		}
	}
	return b
}

// rate writes a participation rate, or a dash when the staff is unknown.
func (r *Renderer) rate(rt figures.Rate) string {
	if !rt.Known() {
		return dash
	}
	return r.Locale.Percent(rt.Value())
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
