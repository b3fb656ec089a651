package render

import (
	"strconv"

	"reportsite/generator/view"
)

// A table that a page shows and a data file holds is declared once, as a
// Table: its columns in order, each with its heading, alignment, HTML cell,
// total, and name and value in the CSV and JSON files. The page's head,
// rows and foot and the data file's columns and rows all come from that
// one list, so they cannot fall out of step. A column may be only on the
// page (a short date, items in one cell) or only in the data file (IDs).

// Align is how a column's cells are aligned.
type Align uint8

const (
	// AlignText columns start at the left.
	AlignText Align = iota
	// AlignNumber columns line their figures up on the right (class "num").
	AlignNumber
)

// Table declares one table: its columns, its rows and kinds of item, and
// its totals, all read from the figures of type T; each row is an R.
type Table[R, T any] struct {
	// Name names the table in tests and in the documentation.
	Name string
	// Rows are the rows shown on a page.
	Rows func(T) []R
	// Kinds are the kinds of item that columns with PerKind repeat for;
	// nil when the table has none.
	Kinds func(T) []string
	// Foot is whether the page's table ends with a row of totals.
	Foot bool
	// RowBytes is about how long a row's HTML is without its PerKind
	// cells, so that a page's rows are written into one buffer.
	RowBytes int
	// Columns are the table's columns, in the order of the page and of
	// the data files.
	Columns []Column[R, T]
}

// Column is one column of a Table. Cell set puts it on the page; Name set
// puts it in the data files.
type Column[R, T any] struct {
	// Heading is the key of the column's heading in the i18n strings. A
	// PerKind column is headed by its kind of item.
	Heading string
	// Align aligns the column's heading, cells and total.
	Align Align
	// RowHeader makes the column's cells headers of their rows.
	RowHeader bool
	// RowGroup, when set, makes the column's cells headers of groups of
	// rows: it returns, for the first row of a group, how many rows the
	// group has, and the cell spans them; for the other rows of the group
	// it returns 0, and the row has no cell in this column.
	RowGroup func(row R) int
	// NoWrap keeps a cell's text on one line (dates).
	NoWrap bool
	// PerKind repeats the column for each of the table's kinds of item.
	PerKind bool
	// Cell appends a row's cell content, escaped; nil when the column is
	// not on the page.
	Cell func(c *Cells, b []byte, row R) []byte
	// Total appends the column's total from the figures; nil leaves the
	// foot's cell empty. The figures add up, the table never does.
	Total func(c *Cells, b []byte, t T) []byte
	// Name is the column's name in the CSV and JSON files, or for a
	// PerKind column the prefix of the kind; "" when not in them.
	Name string
	// Value is a row's value in the data files; kind is the column's kind
	// of item for a PerKind column.
	Value func(row R, kind string) Value
}

// Cells is what a column's Cell and Total write with: the renderer, the
// way back to the site's root for links, and the kind of item of a
// PerKind column.
type Cells struct {
	r    *Renderer
	root string
	// Kind is the kind of item of the PerKind column being written.
	Kind string
}

// Value is one value of a data file's row: a text, a whole number, a ratio
// or nothing (the zero Value).
type Value struct {
	Kind  ValueKind
	Text  string
	Whole int64
	Ratio float64
}

// ValueKind says which of a Value's fields holds it.
type ValueKind uint8

const (
	// NoValue is an empty CSV field and a JSON null.
	NoValue ValueKind = iota
	// TextValue is a string, in Value.Text.
	TextValue
	// WholeValue is a whole number, in Value.Whole.
	WholeValue
	// RatioValue is a ratio, in Value.Ratio: four decimals in CSV, the
	// shortest exact form in JSON.
	RatioValue
)

// Text is a text value.
func Text(s string) Value { return Value{Kind: TextValue, Text: s} }

// Whole is a whole number.
func Whole(n int64) Value { return Value{Kind: WholeValue, Whole: n} }

// Ratio is a ratio, such as a participation rate.
func Ratio(f float64) Value { return Value{Kind: RatioValue, Ratio: f} }

// appendHead writes the table's <thead>.
func (t *Table[R, T]) appendHead(r *Renderer, b []byte, kinds []string) []byte {
	b = append(b, "<thead><tr>"...)
	for i := range t.Columns {
		col := &t.Columns[i]
		if col.Cell == nil {
			continue
		}
		if col.PerKind {
			for _, k := range kinds {
				b = col.appendTH(b, k)
			}
			continue
		}
		b = col.appendTH(b, r.Strings.T(col.Heading))
	}
	return append(b, "</tr></thead>"...)
}

func (col *Column[R, T]) appendTH(b []byte, heading string) []byte {
	b = append(b, "<th scope=\"col\""...)
	if col.Align == AlignNumber {
		b = append(b, " class=\"num\""...)
	}
	b = append(b, '>')
	b = appendEscaped(b, heading)
	return append(b, "</th>"...)
}

// buffer returns a buffer for n rows of the table.
func (t *Table[R, T]) buffer(n int, kinds []string) []byte {
	return make([]byte, 0, (t.RowBytes+32*len(kinds))*n)
}

// appendRows writes rows, each on a line of its own, for the page whose
// way back to the root is root.
func (t *Table[R, T]) appendRows(r *Renderer, b []byte, root string, rows []R, kinds []string) []byte {
	c := Cells{r: r, root: root}
	for _, row := range rows {
		b = append(b, "\n<tr>"...)
		for i := range t.Columns {
			col := &t.Columns[i]
			if col.Cell == nil {
				continue
			}
			if !col.PerKind {
				b = col.appendTD(&c, b, row)
				continue
			}
			for _, k := range kinds {
				c.Kind = k
				b = col.appendTD(&c, b, row)
			}
		}
		b = append(b, "</tr>"...)
	}
	return b
}

func (col *Column[R, T]) appendTD(c *Cells, b []byte, row R) []byte {
	switch {
	case col.RowGroup != nil:
		n := col.RowGroup(row)
		if n == 0 {
			return b
		}
		b = append(b, "<th scope=\"rowgroup\" rowspan=\""...)
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, "\">"...)
		b = col.Cell(c, b, row)
		return append(b, "</th>"...)
	case col.RowHeader:
		b = append(b, "<th scope=\"row\">"...)
		b = col.Cell(c, b, row)
		return append(b, "</th>"...)
	case col.Align == AlignNumber:
		b = append(b, "<td class=\"num\">"...)
	case col.NoWrap:
		b = append(b, "<td class=\"nowrap\">"...)
	default:
		b = append(b, "<td>"...)
	}
	b = col.Cell(c, b, row)
	return append(b, "</td>"...)
}

// appendFoot writes the table's <tfoot>: "Total" in place of the first
// column, then each column's total from the figures.
func (t *Table[R, T]) appendFoot(r *Renderer, b []byte, totals T, kinds []string) []byte {
	c := Cells{r: r}
	b = append(b, "<tfoot><tr>"...)
	first := true
	for i := range t.Columns {
		col := &t.Columns[i]
		if col.Cell == nil {
			continue
		}
		if first {
			first = false
			b = append(b, "<th scope=\"row\">"...)
			b = appendEscaped(b, r.Strings.T("table.total"))
			b = append(b, "</th>"...)
			continue
		}
		n := 1
		if col.PerKind {
			n = len(kinds)
		}
		for j := range n {
			if col.PerKind {
				c.Kind = kinds[j]
			}
			switch {
			case col.Total == nil:
				b = append(b, "<td></td>"...)
				continue
			case col.Align == AlignNumber:
				b = append(b, "<td class=\"num\">"...)
			default:
				b = append(b, "<td>"...)
			}
			b = col.Total(&c, b, totals)
			b = append(b, "</td>"...)
		}
	}
	return append(b, "</tr></tfoot>"...)
}

// DataColumns returns the names of the columns of the table's data files,
// whose PerKind columns are repeated for kinds.
func (t *Table[R, T]) DataColumns(kinds []string) []string {
	var names []string
	for i := range t.Columns {
		col := &t.Columns[i]
		switch {
		case col.Name == "":
		case col.PerKind:
			for _, k := range kinds {
				names = append(names, col.Name+k)
			}
		default:
			names = append(names, col.Name)
		}
	}
	return names
}

// FillData writes the values of row into values, which has a slot for
// each of DataColumns(kinds).
func (t *Table[R, T]) FillData(values []Value, row R, kinds []string) {
	j := 0
	for i := range t.Columns {
		col := &t.Columns[i]
		switch {
		case col.Name == "":
		case col.PerKind:
			for _, k := range kinds {
				values[j] = col.Value(row, k)
				j++
			}
		default:
			values[j] = col.Value(row, "")
			j++
		}
	}
}

// View writes the table of the figures f for the page whose way back to
// the root is root: its head, its rows and, when it has one, its foot.
func (t *Table[R, T]) View(r *Renderer, root string, f T) view.Table {
	var kinds []string
	if t.Kinds != nil {
		kinds = t.Kinds(f)
	}
	rows := t.Rows(f)
	v := view.Table{
		Head: html(t.appendHead(r, make([]byte, 0, 256), kinds)),
		Body: html(t.appendRows(r, t.buffer(len(rows), kinds), root, rows, kinds)),
	}
	if t.Foot {
		v.Foot = html(t.appendFoot(r, make([]byte, 0, 256), f, kinds))
	}
	return v
}
