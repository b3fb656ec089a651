package site

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"reportsite/generator/content"
	"reportsite/generator/figures"
	"reportsite/generator/render"
)

// table is the figures behind a page or chart, written as CSV and JSON
// with the same columns in the same order.
type table struct {
	columns []string
	// cells are the values row after row, len(columns) to a row.
	cells []value
}

// value is one cell of a table: a text, a whole number, a ratio or
// nothing. Cells are values rather than interfaces, so that a table of a
// hundred thousand numbers is not a hundred thousand allocations.
type value struct {
	kind  valueKind
	text  string
	whole int64
	ratio float64
}

type valueKind uint8

const (
	none valueKind = iota
	textValue
	wholeValue
	ratioValue
)

func text(s string) value         { return value{kind: textValue, text: s} }
func whole(n int64) value         { return value{kind: wholeValue, whole: n} }
func ratio(f float64) value       { return value{kind: ratioValue, ratio: f} }
func (t *table) add(row ...value) { t.cells = append(t.cells, row...) }

// rows returns how many rows t has.
func (t *table) rows() int { return len(t.cells) / len(t.columns) }

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
	for i, v := range t.cells {
		if i%len(t.columns) > 0 {
			buf = append(buf, ',')
		}
		switch v.kind {
		case textValue:
			buf = appendCSVField(buf, defuse(v.text))
		case wholeValue:
			buf = strconv.AppendInt(buf, v.whole, 10)
		case ratioValue:
			buf = strconv.AppendFloat(buf, v.ratio, 'f', 4, 64)
		}
		if i%len(t.columns) == len(t.columns)-1 {
			buf = append(buf, '\n')
		}
	}
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
	for i, v := range t.cells {
		col := i % len(t.columns)
		if col == 0 {
			if i > 0 {
				buf = append(buf, "},"...)
			}
			buf = append(buf, "\n  {"...)
		} else {
			buf = append(buf, ", "...)
		}
		buf = append(buf, keys[col]...)
		switch v.kind {
		case textValue:
			buf = appendJSONString(buf, v.text)
		case wholeValue:
			buf = strconv.AppendInt(buf, v.whole, 10)
		case ratioValue:
			buf = strconv.AppendFloat(buf, v.ratio, 'g', -1, 64)
		default:
			buf = append(buf, "null"...)
		}
	}
	if len(t.cells) > 0 {
		buf = append(buf, '}')
	}
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

// downloads links the CSV and JSON files of each base for a page.
func (b *builder) downloads(root string, bases ...string) []render.Link {
	var links []render.Link
	for _, base := range bases {
		name := base[len("data/"):]
		links = append(links,
			render.Link{Label: name + ".csv", Href: root + base + ".csv"},
			render.Link{Label: name + ".json", Href: root + base + ".json"})
	}
	return links
}

func yearData(year int, what string) string {
	return fmt.Sprintf("data/%d/%s", year, what)
}

// itemColumns returns "items_<kind>" column names.
func itemColumns(kinds []string) []string {
	cols := make([]string, len(kinds))
	for i, k := range kinds {
		cols[i] = "items_" + k
	}
	return cols
}

func rate(r figures.Rate) value {
	if !r.Known() {
		return value{}
	}
	return ratio(r.Value())
}

// data queues the figures behind the pages, to be written under data/.
func (b *builder) data() {
	b.writeData("data/years", b.yearsTable)
	for _, y := range b.f.Years {
		if len(y.Activities) == 0 {
			continue
		}
		b.writeData(yearData(y.Year, "units"), func() *table { return b.unitYearTable(y) })
		b.writeData(yearData(y.Year, "activities"), func() *table { return b.activitiesTable(y) })
		b.writeData(yearData(y.Year, "contributions"), func() *table {
			var cs []*figures.Contribution
			for _, a := range y.Activities {
				cs = append(cs, a.Contributions...)
			}
			return contributionsTable(cs)
		})
	}
	for _, u := range b.f.Units {
		b.writeData("data/units/"+u.Unit.ID, func() *table { return contributionsTable(u.Contributions) })
	}
	for _, a := range b.f.Activities {
		b.writeData("data/activities/"+a.Activity.ID, func() *table { return contributionsTable(a.Contributions) })
	}
}

func (b *builder) yearsTable() *table {
	kinds := b.f.Totals.Kinds()
	t := &table{columns: append([]string{"year", "activities", "units", "participants", "money_vnd", "recipients_value_vnd"}, itemColumns(kinds)...)}
	for _, y := range b.f.Years {
		t.add(whole(int64(y.Year)), whole(int64(y.Totals.Activities)), whole(int64(y.Totals.Units)), whole(y.Totals.Participants), whole(y.Totals.Money), whole(y.Totals.RecipientsValue))
		for _, k := range kinds {
			t.add(whole(y.Totals.Item(k)))
		}
	}
	return t
}

func (b *builder) unitYearTable(y *figures.YearFigures) *table {
	kinds := y.Totals.Kinds()
	t := &table{columns: append([]string{"unit_id", "unit", "staff", "activities", "participants", "peak_participants", "peak_rate", "money_vnd"}, itemColumns(kinds)...)}
	for _, u := range y.Units {
		t.add(text(u.Unit.ID), text(u.Unit.Name.Value), staff(u.Staff, u.StaffKnown), whole(int64(u.Activities)), whole(u.Participants), whole(u.Peak), rate(u.PeakRate), whole(u.Money))
		for _, k := range kinds {
			t.add(whole(u.Item(k)))
		}
	}
	return t
}

func (b *builder) activitiesTable(y *figures.YearFigures) *table {
	kinds := y.Totals.Kinds()
	t := &table{columns: append([]string{"activity_id", "title", "date", "end", "category", "units", "participants", "money_vnd", "recipients_value_vnd"}, itemColumns(kinds)...)}
	for _, a := range y.Activities {
		act := a.Activity
		t.add(text(act.ID), text(act.Title.Value), isoDate(act.Date), isoDate(act.End), text(a.Category), whole(int64(a.Totals.Units)), whole(a.Totals.Participants), whole(a.Totals.Money), whole(a.Totals.RecipientsValue))
		for _, k := range kinds {
			t.add(whole(a.Totals.Item(k)))
		}
	}
	return t
}

func contributionsTable(cs []*figures.Contribution) *table {
	var kinds []string
	for _, c := range cs {
		for _, it := range c.Items {
			if !slices.Contains(kinds, it.Kind) {
				kinds = append(kinds, it.Kind)
			}
		}
	}
	slices.Sort(kinds)
	t := &table{columns: append([]string{"year", "activity_id", "activity", "unit_id", "unit", "participants", "staff", "participation_rate", "money_vnd"}, itemColumns(kinds)...)}
	t.cells = make([]value, 0, len(cs)*len(t.columns))
	for _, c := range cs {
		t.add(whole(c.Activity.Year.Value), text(c.Activity.ID), text(c.Activity.Title.Value), text(c.Unit.ID), text(c.Unit.Name.Value), whole(c.Participants), staff(c.Staff, c.StaffKnown), rate(c.Rate), whole(c.Money))
		for _, k := range kinds {
			t.add(whole(c.Item(k)))
		}
	}
	return t
}

// staff is a headcount, or nothing when it is not known.
func staff(n int64, known bool) value {
	if !known {
		return value{}
	}
	return whole(n)
}

func isoDate(d content.Date) value {
	if !d.Set() {
		return value{}
	}
	return text(d.Time.Format(time.DateOnly))
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
