package render

import (
	"html/template"
	"strconv"
	"time"

	"reportsite/generator/address"
	"reportsite/generator/content"
	"reportsite/generator/figures"
	"reportsite/generator/locale"
)

// funcs are the helpers templates use to format figures in the site's
// language and to build relative links.
func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"t":      r.Strings.T,
		"tf":     r.Strings.Format,
		"num":    r.Locale.Number,
		"money":  r.Locale.Money,
		"cnum":   r.Locale.CompactNumber,
		"cmoney": r.Locale.CompactMoney,
		"rate":   r.rate,
		"date": func(d content.Date) string {
			if !d.Set() {
				return ""
			}
			return r.Locale.Date(d.Time)
		},
		"isodate": func(d content.Date) string { return d.Time.Format(time.DateOnly) },
		"when": func(a *content.Activity) string {
			return when(a, r.Locale.Date, r.Locale.DateRange)
		},
		"whenShort": r.whenShort,
		"items":     r.items,
		// byName lists a year's units in the order readers look them up:
		// by the name shown, not by ID.
		"byName": func(y *figures.YearFigures) []*figures.UnitYear {
			return y.SortedUnits(func(a, b *figures.UnitYear) int { return 0 })
		},
		// unitsByName sorts units by name in the site language's
		// alphabetical order ("Đ" after "D" in Vietnamese), the order of
		// every list of names.
		"unitsByName": func(units []*figures.UnitFigures) []*figures.UnitFigures {
			return locale.SortedByName(r.Locale.Lang, units, func(u *figures.UnitFigures) string { return u.Unit.Name.Value })
		},

		"category": func(c string) string { return r.Strings.T("category." + c) },
		"status":   func(s content.Text) string { return r.Strings.T("award." + s.Value) },
		// md renders Markdown one heading level below the page's sections;
		// prefix keeps heading ids of several narratives on one page apart.
		"md": func(root string, t content.Text, prefix string) (template.HTML, error) {
			return r.Markdown(root, t, 1, prefix)
		},
		// The addresses of pages, from the page's .Root.
		"homeURL":       address.Home,
		"yearURL":       address.Year,
		"unitsURL":      address.Units,
		"unitURL":       address.Unit,
		"activitiesURL": address.Activities,
		"activityURL":   address.Activity,
		"itoa":          strconv.Itoa,
		"int":           func(n int64) int { return int(n) },
		"int64":         func(n int) int64 { return int64(n) },
		"conference": func(y *content.Year) *content.Conference {
			if y == nil {
				return nil
			}
			return y.Conference
		},
		"list": func(v ...any) []any { return v },
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
