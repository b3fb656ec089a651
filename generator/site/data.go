package site

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"reportsite/generator/address"
	"reportsite/generator/figures"
	"reportsite/generator/render"
	"reportsite/generator/view"
)

// table is the figures behind a page or chart, written as CSV and JSON
// with the same columns in the same order. Its rows are made one at a
// time as they are written, so that the six files a contribution appears
// in never hold it in memory as cells.
type table struct {
	columns []string
	rows    int
	// fill writes the values of row i into row, which has a slot per
	// column and is reused from row to row.
	fill func(i int, row []value)
}

// value is one cell of a table: a text, a whole number, a ratio or
// nothing.
type value = render.Value

// declared is the data file of a table declared in render, with rows.
func declared[R, T any](t *render.Table[R, T], rows []R, kinds []string) *table {
	return &table{
		columns: t.DataColumns(kinds),
		rows:    len(rows),
		fill:    func(i int, row []value) { t.FillData(row, rows[i], kinds) },
	}
}

// each calls f with every row in turn.
func (t *table) each(f func(row []value)) {
	row := make([]value, len(t.columns))
	for i := range t.rows {
		clear(row)
		t.fill(i, row)
		f(row)
	}
}

// utf8BOM starts every CSV file so that spreadsheet programs read
// Vietnamese names as UTF-8.
const utf8BOM = "\uFEFF"

// appendCSV appends t as CSV, quoted as encoding/csv quotes, after the
// UTF-8 byte order mark.
func (t *table) appendCSV(buf []byte) []byte {
	buf = append(buf, utf8BOM...)
	for i, c := range t.columns {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendCSVField(buf, c)
	}
	buf = append(buf, '\n')
	t.each(func(row []value) {
		for i, v := range row {
			if i > 0 {
				buf = append(buf, ',')
			}
			switch v.Kind {
			case render.TextValue:
				buf = appendCSVField(buf, defuse(v.Text))
			case render.WholeValue:
				buf = strconv.AppendInt(buf, v.Whole, 10)
			case render.RatioValue:
				buf = strconv.AppendFloat(buf, v.Ratio, 'f', 4, 64)
			}
		}
		buf = append(buf, '\n')
	})
	return buf
}

// appendCSVField appends one text field, in quotes when it holds a comma,
// a quote or a line break or starts with a space.
func appendCSVField(buf []byte, s string) []byte {
	if !csvNeedsQuotes(s) {
		return append(buf, s...)
	}
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			buf = append(buf, '"')
		}
		buf = append(buf, s[i])
	}
	return append(buf, '"')
}

func csvNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` || strings.ContainsAny(s, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// appendJSON appends the rows as an array of objects whose keys keep the
// column order. Values are only strings, whole numbers, ratios and nulls,
// so they are written directly rather than through reflection: data files
// are the bulk of a large site.
func (t *table) appendJSON(buf []byte) []byte {
	keys := make([][]byte, len(t.columns))
	for i, c := range t.columns {
		keys[i] = append(appendJSONString(nil, c), ": "...)
	}
	buf = append(buf, '[')
	first := true
	t.each(func(row []value) {
		if !first {
			buf = append(buf, ',')
		}
		first = false
		buf = append(buf, "\n  {"...)
		for i, v := range row {
			if i > 0 {
				buf = append(buf, ", "...)
			}
			buf = append(buf, keys[i]...)
			switch v.Kind {
			case render.TextValue:
				buf = appendJSONString(buf, v.Text)
			case render.WholeValue:
				buf = strconv.AppendInt(buf, v.Whole, 10)
			case render.RatioValue:
				buf = strconv.AppendFloat(buf, v.Ratio, 'g', -1, 64)
			default:
				buf = append(buf, "null"...)
			}
		}
		buf = append(buf, '}')
	})
	return append(buf, "\n]\n"...)
}

// appendJSONString writes s as a JSON string, escaping what JSON requires
// and <, > and & as encoding/json does, so a file is safe to embed.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	last := 0 // s[last:i] is still to be copied as it is
	for i := 0; i < len(s); i++ {
		c := s[i]
		var esc []byte
		switch {
		case c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != 0xe2:
			continue
		case c == '"' || c == '\\':
			esc = []byte{'\\', c}
		case c == '\n':
			esc = []byte{'\\', 'n'}
		case c == '\r':
			esc = []byte{'\\', 'r'}
		case c == '\t':
			esc = []byte{'\\', 't'}
		case c == 0xe2:
			// U+2028 and U+2029 end lines in JavaScript.
			if i+2 >= len(s) || s[i+1] != 0x80 || (s[i+2] != 0xa8 && s[i+2] != 0xa9) {
				continue
			}
			buf = append(buf, s[last:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hex[s[i+2]&0xf])
			i += 2
			last = i + 1
			continue
		default: // other control characters, <, > and &
			esc = []byte{'\\', 'u', '0', '0', hex[c>>4], hex[c&0xf]}
		}
		buf = append(buf, s[last:i]...)
		buf = append(buf, esc...)
		last = i + 1
	}
	buf = append(buf, s[last:]...)
	return append(buf, '"')
}

// downloads links the CSV and JSON files of each table for the page whose
// way back to the root is root.
func (b *builder) downloads(root string, tables ...address.Data) []view.Link {
	var links []view.Link
	for _, d := range tables {
		links = append(links,
			view.Link{Label: d.Name() + ".csv", Href: d.CSV(root)},
			view.Link{Label: d.Name() + ".json", Href: d.JSON(root)})
	}
	return links
}

// data queues the figures behind the pages, to be written under data/.
func (b *builder) data() {
	b.writeData(address.YearsData(), b.yearsTable)
	for _, y := range b.f.Years {
		if len(y.Activities) == 0 {
			continue
		}
		b.writeData(address.YearUnitsData(y.Year), func() *table { return b.unitYearTable(y) })
		b.writeData(address.YearActivitiesData(y.Year), func() *table { return b.activitiesTable(y) })
		b.writeData(address.YearContributionsData(y.Year), func() *table {
			var cs []*figures.Contribution
			for _, a := range y.Activities {
				cs = append(cs, a.Contributions...)
			}
			return contributionsTable(cs, y.Totals.Kinds())
		})
	}
	for _, u := range b.f.Units {
		b.writeData(address.UnitData(u.Unit.ID), func() *table { return contributionsTable(u.Contributions, u.Kinds()) })
	}
	for _, a := range b.f.Activities {
		b.writeData(address.ActivityData(a.Activity.ID), func() *table { return contributionsTable(a.Contributions, a.Totals.Kinds()) })
	}
}

func (b *builder) yearsTable() *table {
	return declared(render.Years, b.f.Years, b.f.Totals.Kinds())
}

func (b *builder) unitYearTable(y *figures.YearFigures) *table {
	return declared(render.YearUnits, y.Units, y.Totals.Kinds())
}

func (b *builder) activitiesTable(y *figures.YearFigures) *table {
	return declared(render.Activities, y.Activities, y.Totals.Kinds())
}

// contributionsTable is the table of contributions cs, with a column for
// each of kinds: the kinds of item given in them, sorted, which figures
// found when it added them up. Every contributions file has the columns
// of an activity's table of contributions.
func contributionsTable(cs []*figures.Contribution, kinds []string) *table {
	return declared(render.ActivityContributions, cs, kinds)
}

// defuse keeps a text cell from being read as a formula by spreadsheet
// programs: a cell starting with =, +, -, @ or a control character gets a
// leading apostrophe, which spreadsheets show as text.
func defuse(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
