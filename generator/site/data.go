package site

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"reportsite/generator/content"
	"reportsite/generator/figures"
	"reportsite/generator/render"
)

// table is the figures behind a page or chart, written as CSV and JSON
// with the same columns in the same order.
type table struct {
	columns []string
	rows    [][]any // string, int64 or float64 values
}

// utf8BOM starts every CSV file so that spreadsheet programs read
// Vietnamese names as UTF-8.
const utf8BOM = "\uFEFF"

func (t *table) csv() []byte {
	var buf bytes.Buffer
	buf.WriteString(utf8BOM)
	w := csv.NewWriter(&buf)
	w.Write(t.columns)
	for _, row := range t.rows {
		record := make([]string, len(row))
		for i, v := range row {
			record[i] = cell(v)
		}
		w.Write(record)
	}
	w.Flush()
	return buf.Bytes()
}

func cell(v any) string {
	switch v := v.(type) {
	case string:
		return defuse(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', 4, 64)
	case nil:
		return ""
	}
	panic(fmt.Sprintf("site: no CSV form for %T", v))
}

// json writes the rows as an array of objects whose keys keep the column
// order. Values are only strings, whole numbers, ratios and nulls, so they
// are written directly rather than through reflection: data files are the
// bulk of a large site.
func (t *table) json() []byte {
	keys := make([][]byte, len(t.columns))
	for i, c := range t.columns {
		keys[i] = appendJSONString(nil, c)
	}
	buf := make([]byte, 0, 64*len(t.rows)*len(t.columns)+16)
	buf = append(buf, '[')
	for i, row := range t.rows {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, "\n  {"...)
		for j, v := range row {
			if j > 0 {
				buf = append(buf, ", "...)
			}
			buf = append(buf, keys[j]...)
			buf = append(buf, ": "...)
			buf = appendJSONValue(buf, v)
		}
		buf = append(buf, '}')
	}
	return append(buf, "\n]\n"...)
}

func appendJSONValue(buf []byte, v any) []byte {
	switch v := v.(type) {
	case string:
		return appendJSONString(buf, v)
	case int64:
		return strconv.AppendInt(buf, v, 10)
	case float64:
		return strconv.AppendFloat(buf, v, 'g', -1, 64)
	case nil:
		return append(buf, "null"...)
	}
	panic(fmt.Sprintf("site: no JSON form for %T", v))
}

// appendJSONString writes s as a JSON string, escaping what JSON requires
// and <, > and & as encoding/json does, so a file is safe to embed.
func appendJSONString(buf []byte, s string) []byte {
	const hex = "0123456789abcdef"
	buf = append(buf, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			buf = append(buf, '\\', c)
		case c == '\n':
			buf = append(buf, '\\', 'n')
		case c == '\r':
			buf = append(buf, '\\', 'r')
		case c == '\t':
			buf = append(buf, '\\', 't')
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			buf = append(buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		case c == 0xe2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xa8 || s[i+2] == 0xa9):
			// U+2028 and U+2029 end lines in JavaScript.
			buf = append(buf, '\\', 'u', '2', '0', '2', hex[s[i+2]&0xf])
			i += 2
		default:
			buf = append(buf, c)
		}
	}
	return append(buf, '"')
}

// add writes t as base.csv and base.json.
func (b *builder) addTable(base string, t *table) {
	b.out.Add(base+".csv", t.csv())
	b.out.Add(base+".json", t.json())
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

func rate(r figures.Rate) any {
	if !r.Known() {
		return nil
	}
	return r.Value()
}

// data writes the figures behind the pages under data/.
func (b *builder) data() {
	b.addTable("data/years", b.yearsTable())
	for _, y := range b.f.Years {
		if len(y.Activities) == 0 {
			continue
		}
		b.addTable(yearData(y.Year, "units"), b.unitYearTable(y))
		b.addTable(yearData(y.Year, "activities"), b.activitiesTable(y))
		var cs []*figures.Contribution
		for _, a := range y.Activities {
			cs = append(cs, a.Contributions...)
		}
		b.addTable(yearData(y.Year, "contributions"), contributionsTable(cs))
	}
	for _, u := range b.f.Units {
		b.addTable("data/units/"+u.Unit.ID, contributionsTable(u.Contributions))
	}
	for _, a := range b.f.Activities {
		b.addTable("data/activities/"+a.Activity.ID, contributionsTable(a.Contributions))
	}
}

func (b *builder) yearsTable() *table {
	kinds := b.f.Totals.Kinds()
	t := &table{columns: append([]string{"year", "activities", "units", "participants", "money_vnd", "recipients_value_vnd"}, itemColumns(kinds)...)}
	for _, y := range b.f.Years {
		row := []any{int64(y.Year), int64(y.Totals.Activities), int64(y.Totals.Units), y.Totals.Participants, y.Totals.Money, y.Totals.RecipientsValue}
		for _, k := range kinds {
			row = append(row, y.Totals.Item(k))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

func (b *builder) unitYearTable(y *figures.YearFigures) *table {
	kinds := y.Totals.Kinds()
	t := &table{columns: append([]string{"unit_id", "unit", "staff", "activities", "participants", "peak_participants", "peak_rate", "money_vnd"}, itemColumns(kinds)...)}
	for _, u := range y.Units {
		var staff any
		if u.StaffKnown {
			staff = u.Staff
		}
		row := []any{u.Unit.ID, u.Unit.Name.Value, staff, int64(u.Activities), u.Participants, u.Peak, rate(u.PeakRate), u.Money}
		for _, k := range kinds {
			row = append(row, u.Item(k))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

func (b *builder) activitiesTable(y *figures.YearFigures) *table {
	kinds := y.Totals.Kinds()
	t := &table{columns: append([]string{"activity_id", "title", "date", "end", "category", "units", "participants", "money_vnd", "recipients_value_vnd"}, itemColumns(kinds)...)}
	for _, a := range y.Activities {
		act := a.Activity
		row := []any{act.ID, act.Title.Value, isoDate(act.Date), isoDate(act.End), a.Category, int64(a.Totals.Units), a.Totals.Participants, a.Totals.Money, a.Totals.RecipientsValue}
		for _, k := range kinds {
			row = append(row, a.Totals.Item(k))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

func contributionsTable(cs []*figures.Contribution) *table {
	kindSet := map[string]bool{}
	var kinds []string
	for _, c := range cs {
		for _, it := range c.Items {
			if !kindSet[it.Kind] {
				kindSet[it.Kind] = true
				kinds = append(kinds, it.Kind)
			}
		}
	}
	slices.Sort(kinds)
	t := &table{columns: append([]string{"year", "activity_id", "activity", "unit_id", "unit", "participants", "staff", "participation_rate", "money_vnd"}, itemColumns(kinds)...)}
	for _, c := range cs {
		var staff any
		if c.StaffKnown {
			staff = c.Staff
		}
		row := []any{c.Activity.Year.Value, c.Activity.ID, c.Activity.Title.Value, c.Unit.ID, c.Unit.Name.Value, c.Participants, staff, rate(c.Rate), c.Money}
		for _, k := range kinds {
			row = append(row, c.Item(k))
		}
		t.rows = append(t.rows, row)
	}
	return t
}

func isoDate(d content.Date) any {
	if !d.Set() {
		return nil
	}
	return d.Time.Format(time.DateOnly)
}

// defuse keeps a text cell from being read as a formula by spreadsheet
// programs: a cell starting with =, +, -, @ or a control character gets a
// leading apostrophe, which spreadsheets show as text.
func defuse(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
