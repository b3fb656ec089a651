package render

import (
	"html/template"
	"strconv"
	"unsafe"

	"reportsite/generator/address"
	"reportsite/generator/charts"
	"reportsite/generator/content"
	"reportsite/generator/view"
)

// The rows of tables (a year's activities and units, a unit's
// contributions, an activity's contributions, a chart's figures) are
// written here in Go rather than with range actions in the templates. A
// large site has hundreds of thousands of rows, and html/template spends
// most of a build calling its escapers through reflection, once per value.
// Each table is declared once in tables.go, which gives its head, rows and
// foot as the HTML of a view.Table; the templates keep its frame (section,
// caption), so an override can still change that.
//
// Every text goes through appendEscaped, which escapes as html/template
// does in element content and attribute values, so the rows are the bytes
// the templates wrote before.

// Chart is c as a view: its fields, its table, and the whole figure as
// the default "charts" partial shows it (the caption, the element the
// script draws it in, its option as a JSON data block and its figures as
// a table), written here rather than by a template as a page has several
// charts and a site tens of thousands.
func (r *Renderer) Chart(c *charts.Chart) view.Chart {
	v := view.Chart{
		ID:     c.ID,
		Title:  c.Title,
		Note:   c.Note,
		Label:  c.Label,
		Format: string(c.Format),
		Height: c.Height,
		Option: c.OptionJS(),
		Table:  view.Table{Caption: c.Title},
	}
	head := make([]byte, 0, 64+32*len(c.Table.Head))
	head = append(head, "<thead><tr>"...)
	for i, h := range c.Table.Head {
		head = append(head, "<th scope=\"col\""...)
		if i > 0 {
			head = append(head, " class=\"num\""...)
		}
		head = append(head, '>')
		head = appendEscaped(head, h)
		head = append(head, "</th>"...)
	}
	head = append(head, "</tr></thead>"...)
	v.Table.Head = html(head)
	v.Table.Body = html(appendChartRows(make([]byte, 0, 128*len(c.Table.Rows)), c.Table.Rows))
	if f := c.Table.Foot; f != nil {
		foot := append(make([]byte, 0, 128), "<tfoot>"...)
		foot = appendChartRow(foot, *f)
		v.Table.Foot = html(append(foot, "</tfoot>"...))
	}

	b := make([]byte, 0, 1024+len(c.Option)+len(v.Table.Head)+len(v.Table.Body)+len(v.Table.Foot))
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
	b = append(b, v.Option...)
	b = append(b, "</script>\n<details class=\"chart-table\" open>\n<summary>"...)
	b = appendEscaped(b, r.Strings.T("chart.show_table"))
	b = append(b, "</summary>\n<div class=\"table-wrap\">\n<table>\n<caption class=\"visually-hidden\">"...)
	b = appendEscaped(b, c.Title)
	b = append(b, "</caption>\n"...)
	b = append(b, v.Table.Head...)
	b = append(b, "\n<tbody>"...)
	b = append(b, v.Table.Body...)
	b = append(b, "\n</tbody>"...)
	if v.Table.Foot != "" {
		b = append(b, '\n')
		b = append(b, v.Table.Foot...)
	}
	b = append(b, "\n</table>\n</div>\n</details>\n</figure>"...)
	v.HTML = html(b)
	return v
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

// appendUnitLink writes a unit's short name linking to its page, as the
// "unit-link" partial does with a view.Link.
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
