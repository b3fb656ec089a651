package render

import (
	"strconv"
	"time"

	"reportsite/generator/address"
	"reportsite/generator/content"
	"reportsite/generator/figures"
)

// ActivityContributions is an activity's table of contributions, with a
// column per kind of item given; its data file is the activity's
// contributions file.
var ActivityContributions = &Table[*figures.Contribution, *figures.ActivityFigures]{
	Name:     "activity-contributions",
	RowBytes: 256,
	Rows:     func(a *figures.ActivityFigures) []*figures.Contribution { return a.Contributions },
	Kinds:    func(a *figures.ActivityFigures) []string { return a.Totals.Kinds() },
	Foot:     true,
	Columns: []Column[*figures.Contribution, *figures.ActivityFigures]{
		data[*figures.Contribution, *figures.ActivityFigures]("year", contributionYear),
		data[*figures.Contribution, *figures.ActivityFigures]("activity_id", contributionActivityID),
		data[*figures.Contribution, *figures.ActivityFigures]("activity", contributionActivity),
		data[*figures.Contribution, *figures.ActivityFigures]("unit_id", contributionUnitID),
		{Heading: "table.unit", RowHeader: true, Cell: func(c *Cells, b []byte, k *figures.Contribution) []byte { return c.UnitLink(b, k.Unit) },
			Name: "unit", Value: contributionUnit},
		{Heading: "table.participants", Align: AlignNumber, Cell: func(c *Cells, b []byte, k *figures.Contribution) []byte { return c.Number(b, k.Participants) },
			Total: func(c *Cells, b []byte, a *figures.ActivityFigures) []byte { return c.Number(b, a.Totals.Participants) },
			Name:  "participants", Value: contributionParticipants},
		{Heading: "table.staff", Align: AlignNumber, Cell: func(c *Cells, b []byte, k *figures.Contribution) []byte { return c.Staff(b, k.Staff, k.StaffKnown) },
			Name: "staff", Value: contributionStaff},
		{Heading: "table.participation_rate", Align: AlignNumber, Cell: func(c *Cells, b []byte, k *figures.Contribution) []byte { return c.Rate(b, k.Rate) },
			Name: "participation_rate", Value: contributionRate},
		{Heading: "table.money", Align: AlignNumber, Cell: func(c *Cells, b []byte, k *figures.Contribution) []byte { return c.Money(b, k.Money) },
			Total: func(c *Cells, b []byte, a *figures.ActivityFigures) []byte { return c.Money(b, a.Totals.Money) },
			Name:  "money_vnd", Value: contributionMoney},
		{PerKind: true, Align: AlignNumber, Cell: func(c *Cells, b []byte, k *figures.Contribution) []byte { return c.Number(b, k.Item(c.Kind)) },
			Total: func(c *Cells, b []byte, a *figures.ActivityFigures) []byte { return c.Number(b, a.Totals.Item(c.Kind)) },
			Name:  "items_", Value: contributionItem},
	},
}

// UnitContributions is a unit's table of contributions in one year; its
// data file is the unit's contributions file, of every year, with the same
// columns as ActivityContributions'.
var UnitContributions = &Table[*figures.Contribution, *figures.UnitYear]{
	Name:     "unit-contributions",
	RowBytes: 512,
	Rows:     func(u *figures.UnitYear) []*figures.Contribution { return u.Contributions },
	Foot:     true,
	Columns: []Column[*figures.Contribution, *figures.UnitYear]{
		data[*figures.Contribution, *figures.UnitYear]("year", contributionYear),
		data[*figures.Contribution, *figures.UnitYear]("activity_id", contributionActivityID),
		{Heading: "table.activity", RowHeader: true, Cell: func(c *Cells, b []byte, k *figures.Contribution) []byte { return c.ActivityLink(b, k.Activity) },
			Name: "activity", Value: contributionActivity},
		{Heading: "table.date", NoWrap: true, Cell: func(c *Cells, b []byte, k *figures.Contribution) []byte { return c.Date(b, k.Activity) }},
		data[*figures.Contribution, *figures.UnitYear]("unit_id", contributionUnitID),
		data[*figures.Contribution, *figures.UnitYear]("unit", contributionUnit),
		{Heading: "table.participants", Align: AlignNumber, Cell: func(c *Cells, b []byte, k *figures.Contribution) []byte { return c.Number(b, k.Participants) },
			Total: func(c *Cells, b []byte, u *figures.UnitYear) []byte { return c.Number(b, u.Participants) },
			Name:  "participants", Value: contributionParticipants},
		data[*figures.Contribution, *figures.UnitYear]("staff", contributionStaff),
		{Heading: "table.participation_rate", Align: AlignNumber, Cell: func(c *Cells, b []byte, k *figures.Contribution) []byte { return c.Rate(b, k.Rate) },
			Name: "participation_rate", Value: contributionRate},
		{Heading: "table.money", Align: AlignNumber, Cell: func(c *Cells, b []byte, k *figures.Contribution) []byte { return c.MoneyOrDash(b, k.Money) },
			Total: func(c *Cells, b []byte, u *figures.UnitYear) []byte { return c.Money(b, u.Money) },
			Name:  "money_vnd", Value: contributionMoney},
		{Heading: "table.items", Cell: func(c *Cells, b []byte, k *figures.Contribution) []byte { return c.Items(b, k.Items) },
			Total: func(c *Cells, b []byte, u *figures.UnitYear) []byte { return c.Items(b, u.Items) }},
		{PerKind: true, Name: "items_", Value: contributionItem},
	},
}

// The values of a contributions file, which both tables of contributions
// give.
func contributionYear(k *figures.Contribution, _ string) Value { return Whole(k.Activity.Year.Value) }
func contributionActivityID(k *figures.Contribution, _ string) Value {
	return Text(k.Activity.ID)
}
func contributionActivity(k *figures.Contribution, _ string) Value {
	return Text(k.Activity.Title.Value)
}
func contributionUnitID(k *figures.Contribution, _ string) Value       { return Text(k.Unit.ID) }
func contributionUnit(k *figures.Contribution, _ string) Value         { return Text(k.Unit.Name.Value) }
func contributionParticipants(k *figures.Contribution, _ string) Value { return Whole(k.Participants) }
func contributionStaff(k *figures.Contribution, _ string) Value {
	return staffValue(k.Staff, k.StaffKnown)
}
func contributionRate(k *figures.Contribution, _ string) Value  { return rateValue(k.Rate) }
func contributionMoney(k *figures.Contribution, _ string) Value { return Whole(k.Money) }
func contributionItem(k *figures.Contribution, kind string) Value {
	return Whole(k.Item(kind))
}

// YearUnits is a year report's table by unit, in the order of names; its
// data file is the year's units file.
var YearUnits = &Table[*figures.UnitYear, *figures.YearFigures]{
	Name:     "year-units",
	RowBytes: 512,
	Rows: func(y *figures.YearFigures) []*figures.UnitYear {
		return y.SortedUnits(func(a, b *figures.UnitYear) int { return 0 })
	},
	Columns: []Column[*figures.UnitYear, *figures.YearFigures]{
		data[*figures.UnitYear, *figures.YearFigures]("unit_id", func(u *figures.UnitYear, _ string) Value { return Text(u.Unit.ID) }),
		{Heading: "table.unit", RowHeader: true, Cell: func(c *Cells, b []byte, u *figures.UnitYear) []byte { return c.UnitLink(b, u.Unit) },
			Name: "unit", Value: func(u *figures.UnitYear, _ string) Value { return Text(u.Unit.Name.Value) }},
		// The data file has the staff before the activities, the page
		// beside the rate it makes.
		data[*figures.UnitYear, *figures.YearFigures]("staff", func(u *figures.UnitYear, _ string) Value { return staffValue(u.Staff, u.StaffKnown) }),
		{Heading: "table.activities", Align: AlignNumber, Cell: func(c *Cells, b []byte, u *figures.UnitYear) []byte { return c.Number(b, int64(u.Activities)) },
			Name: "activities", Value: func(u *figures.UnitYear, _ string) Value { return Whole(int64(u.Activities)) }},
		{Heading: "figure.participations", Align: AlignNumber, Cell: func(c *Cells, b []byte, u *figures.UnitYear) []byte { return c.Number(b, u.Participants) },
			Name: "participants", Value: func(u *figures.UnitYear, _ string) Value { return Whole(u.Participants) }},
		{Heading: "table.staff", Align: AlignNumber, Cell: func(c *Cells, b []byte, u *figures.UnitYear) []byte { return c.Staff(b, u.Staff, u.StaffKnown) }},
		data[*figures.UnitYear, *figures.YearFigures]("peak_participants", func(u *figures.UnitYear, _ string) Value { return Whole(u.Peak) }),
		{Heading: "table.peak_rate", Align: AlignNumber, Cell: func(c *Cells, b []byte, u *figures.UnitYear) []byte { return c.Rate(b, u.PeakRate) },
			Name: "peak_rate", Value: func(u *figures.UnitYear, _ string) Value { return rateValue(u.PeakRate) }},
		{Heading: "table.money", Align: AlignNumber, Cell: func(c *Cells, b []byte, u *figures.UnitYear) []byte { return c.MoneyOrDash(b, u.Money) },
			Name: "money_vnd", Value: func(u *figures.UnitYear, _ string) Value { return Whole(u.Money) }},
		{Heading: "table.items", Cell: func(c *Cells, b []byte, u *figures.UnitYear) []byte { return c.Items(b, u.Items) }},
		{PerKind: true, Name: "items_", Value: func(u *figures.UnitYear, kind string) Value { return Whole(u.Item(kind)) }},
	},
}

// Activities is a table of activities, a year's or every year's; its data
// file is a year's activities file.
var Activities = &Table[*figures.ActivityFigures, []*figures.ActivityFigures]{
	Name:     "activities",
	RowBytes: 512,
	Rows:     func(as []*figures.ActivityFigures) []*figures.ActivityFigures { return as },
	Columns: []Column[*figures.ActivityFigures, []*figures.ActivityFigures]{
		{Heading: "table.date", NoWrap: true, Cell: func(c *Cells, b []byte, a *figures.ActivityFigures) []byte { return c.Date(b, a.Activity) }},
		data[*figures.ActivityFigures, []*figures.ActivityFigures]("activity_id", func(a *figures.ActivityFigures, _ string) Value { return Text(a.Activity.ID) }),
		{Heading: "table.activity", RowHeader: true, Cell: func(c *Cells, b []byte, a *figures.ActivityFigures) []byte { return c.ActivityLink(b, a.Activity) },
			Name: "title", Value: func(a *figures.ActivityFigures, _ string) Value { return Text(a.Activity.Title.Value) }},
		data[*figures.ActivityFigures, []*figures.ActivityFigures]("date", func(a *figures.ActivityFigures, _ string) Value { return isoDate(a.Activity.Date) }),
		data[*figures.ActivityFigures, []*figures.ActivityFigures]("end", func(a *figures.ActivityFigures, _ string) Value { return isoDate(a.Activity.End) }),
		{Heading: "table.category", Cell: func(c *Cells, b []byte, a *figures.ActivityFigures) []byte { return c.T(b, "category."+a.Category) },
			Name: "category", Value: func(a *figures.ActivityFigures, _ string) Value { return Text(a.Category) }},
		{Heading: "table.units", Align: AlignNumber, Cell: func(c *Cells, b []byte, a *figures.ActivityFigures) []byte { return c.Number(b, int64(a.Totals.Units)) },
			Name: "units", Value: func(a *figures.ActivityFigures, _ string) Value { return Whole(int64(a.Totals.Units)) }},
		{Heading: "table.participants", Align: AlignNumber, Cell: func(c *Cells, b []byte, a *figures.ActivityFigures) []byte { return c.Number(b, a.Totals.Participants) },
			Name: "participants", Value: func(a *figures.ActivityFigures, _ string) Value { return Whole(a.Totals.Participants) }},
		{Heading: "table.money", Align: AlignNumber, Cell: func(c *Cells, b []byte, a *figures.ActivityFigures) []byte { return c.MoneyOrDash(b, a.Totals.Money) },
			Name: "money_vnd", Value: func(a *figures.ActivityFigures, _ string) Value { return Whole(a.Totals.Money) }},
		data[*figures.ActivityFigures, []*figures.ActivityFigures]("recipients_value_vnd", func(a *figures.ActivityFigures, _ string) Value { return Whole(a.Totals.RecipientsValue) }),
		{Heading: "table.items", Cell: func(c *Cells, b []byte, a *figures.ActivityFigures) []byte { return c.Items(b, a.Totals.Items) }},
		{PerKind: true, Name: "items_", Value: func(a *figures.ActivityFigures, kind string) Value { return Whole(a.Totals.Item(kind)) }},
	},
}

// Years is the home page's table of years; its data file is the years
// file.
var Years = &Table[*figures.YearFigures, *figures.Figures]{
	Name:     "years",
	RowBytes: 512,
	Rows:     func(f *figures.Figures) []*figures.YearFigures { return f.Years },
	Columns: []Column[*figures.YearFigures, *figures.Figures]{
		{Heading: "table.year", RowHeader: true, Cell: func(c *Cells, b []byte, y *figures.YearFigures) []byte { return c.YearLink(b, y) },
			Name: "year", Value: func(y *figures.YearFigures, _ string) Value { return Whole(int64(y.Year)) }},
		{Heading: "figure.activities", Align: AlignNumber, Cell: func(c *Cells, b []byte, y *figures.YearFigures) []byte {
			return c.Number(b, int64(y.Totals.Activities))
		},
			Name: "activities", Value: func(y *figures.YearFigures, _ string) Value { return Whole(int64(y.Totals.Activities)) }},
		data[*figures.YearFigures, *figures.Figures]("units", func(y *figures.YearFigures, _ string) Value { return Whole(int64(y.Totals.Units)) }),
		{Heading: "figure.participations", Align: AlignNumber, Cell: func(c *Cells, b []byte, y *figures.YearFigures) []byte { return c.Number(b, y.Totals.Participants) },
			Name: "participants", Value: func(y *figures.YearFigures, _ string) Value { return Whole(y.Totals.Participants) }},
		{Heading: "table.money", Align: AlignNumber, Cell: func(c *Cells, b []byte, y *figures.YearFigures) []byte { return c.Money(b, y.Totals.Money) },
			Name: "money_vnd", Value: func(y *figures.YearFigures, _ string) Value { return Whole(y.Totals.Money) }},
		data[*figures.YearFigures, *figures.Figures]("recipients_value_vnd", func(y *figures.YearFigures, _ string) Value { return Whole(y.Totals.RecipientsValue) }),
		{Heading: "table.items", Cell: func(c *Cells, b []byte, y *figures.YearFigures) []byte { return c.Items(b, y.Totals.Items) }},
		{PerKind: true, Name: "items_", Value: func(y *figures.YearFigures, kind string) Value { return Whole(y.Totals.Item(kind)) }},
	},
}

// Recipients is an activity's table of recipients, with a column per kind
// of item received. It has no data file.
var Recipients = &Table[figures.Recipient, *figures.ActivityFigures]{
	Name:     "recipients",
	RowBytes: 128,
	Rows:     func(a *figures.ActivityFigures) []figures.Recipient { return a.Recipients },
	Kinds:    func(a *figures.ActivityFigures) []string { return a.Totals.ReceivedKinds() },
	Foot:     true,
	Columns: []Column[figures.Recipient, *figures.ActivityFigures]{
		{Heading: "table.recipient", RowHeader: true, Cell: func(c *Cells, b []byte, rc figures.Recipient) []byte { return c.Text(b, rc.Name) }},
		{Heading: "table.value", Align: AlignNumber, Cell: func(c *Cells, b []byte, rc figures.Recipient) []byte { return c.Money(b, rc.Value) },
			Total: func(c *Cells, b []byte, a *figures.ActivityFigures) []byte {
				return c.Money(b, a.Totals.RecipientsValue)
			}},
		{PerKind: true, Align: AlignNumber, Cell: func(c *Cells, b []byte, rc figures.Recipient) []byte { return c.Number(b, rc.Item(c.Kind)) },
			Total: func(c *Cells, b []byte, a *figures.ActivityFigures) []byte {
				return c.Number(b, a.Totals.Received(c.Kind))
			}},
	},
}

// Units is the table of every unit, in the order it is given the units
// (the site builder sorts them by name). It has no data file.
var Units = &Table[*figures.UnitFigures, []*figures.UnitFigures]{
	Name:     "units",
	RowBytes: 512,
	Rows:     func(us []*figures.UnitFigures) []*figures.UnitFigures { return us },
	Columns: []Column[*figures.UnitFigures, []*figures.UnitFigures]{
		{Heading: "table.unit", RowHeader: true, Cell: func(c *Cells, b []byte, u *figures.UnitFigures) []byte { return c.UnitNameLink(b, u.Unit) }},
		{Heading: "table.kind", Cell: func(c *Cells, b []byte, u *figures.UnitFigures) []byte { return c.Text(b, u.Unit.Kind.Value) }},
		{Heading: "table.activities", Align: AlignNumber, Cell: func(c *Cells, b []byte, u *figures.UnitFigures) []byte { return c.Number(b, int64(u.Activities)) }},
		{Heading: "figure.participations", Align: AlignNumber, Cell: func(c *Cells, b []byte, u *figures.UnitFigures) []byte { return c.Number(b, u.Participants) }},
		{Heading: "table.money", Align: AlignNumber, Cell: func(c *Cells, b []byte, u *figures.UnitFigures) []byte { return c.MoneyOrDash(b, u.Money) }},
		{Heading: "table.items", Cell: func(c *Cells, b []byte, u *figures.UnitFigures) []byte { return c.Items(b, u.Items) }},
	},
}

// Results is an activity's table of results: per event, the placings by
// place, the event's name heading its rows. It has no data file.
var Results = &Table[ResultRow, *figures.ActivityFigures]{
	Name:     "results",
	RowBytes: 192,
	Rows:     resultRows,
	Columns: []Column[ResultRow, *figures.ActivityFigures]{
		{Heading: "table.event", RowGroup: func(p ResultRow) int { return p.Group },
			Cell: func(c *Cells, b []byte, p ResultRow) []byte { return c.Text(b, p.Placing.Event) }},
		{Heading: "table.place", Align: AlignNumber, Cell: func(c *Cells, b []byte, p ResultRow) []byte { return c.Number(b, p.Placing.Place) }},
		{Heading: "table.unit", Cell: func(c *Cells, b []byte, p ResultRow) []byte { return c.UnitLink(b, p.Placing.Unit) }},
	},
}

// ResultRow is a row of the table of results: a placing, and for the
// first placing of an event how many its event has (0 for the others).
type ResultRow struct {
	Placing *figures.Placing
	Group   int
}

// resultRows lists the placings of every event of a, in order.
func resultRows(a *figures.ActivityFigures) []ResultRow {
	n := 0
	for _, e := range a.Events {
		n += len(e.Placings)
	}
	rows := make([]ResultRow, 0, n)
	for _, e := range a.Events {
		for i, p := range e.Placings {
			row := ResultRow{Placing: p}
			if i == 0 {
				row.Group = len(e.Placings)
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// Awards is a year's table of awards, in the order of the year's file.
// It has no data file.
var Awards = &Table[*figures.AwardFigures, *figures.YearFigures]{
	Name:     "awards",
	RowBytes: 256,
	Rows:     func(y *figures.YearFigures) []*figures.AwardFigures { return y.Awards },
	Columns: []Column[*figures.AwardFigures, *figures.YearFigures]{
		{Heading: "table.award", RowHeader: true, Cell: func(c *Cells, b []byte, a *figures.AwardFigures) []byte { return c.Text(b, a.Award.Title.Value) }},
		{Heading: "table.grantor", Cell: func(c *Cells, b []byte, a *figures.AwardFigures) []byte { return c.Text(b, a.Award.Grantor.Value) }},
		{Heading: "table.status", Cell: func(c *Cells, b []byte, a *figures.AwardFigures) []byte { return c.T(b, "award."+a.Award.Status.Value) }},
		{Heading: "table.units", Cell: func(c *Cells, b []byte, a *figures.AwardFigures) []byte { return c.UnitLinks(b, a.Units) }},
	},
}

// data is a column only in the data files.
func data[R, T any](name string, value func(R, string) Value) Column[R, T] {
	return Column[R, T]{Name: name, Value: value}
}

// staffValue is a headcount, or nothing when it is not known.
func staffValue(n int64, known bool) Value {
	if !known {
		return Value{}
	}
	return Whole(n)
}

// rateValue is a participation rate, or nothing when the staff is not
// known.
func rateValue(r figures.Rate) Value {
	if !r.Known() {
		return Value{}
	}
	return Ratio(r.Value())
}

// isoDate is a date as YYYY-MM-DD, or nothing when not set.
func isoDate(d content.Date) Value {
	if !d.Set() {
		return Value{}
	}
	return Text(d.Time.Format(time.DateOnly))
}

// The cell rules, each written once.

// Text appends s, escaped.
func (c *Cells) Text(b []byte, s string) []byte { return appendEscaped(b, s) }

// T appends the string key in the site's language.
func (c *Cells) T(b []byte, key string) []byte { return appendEscaped(b, c.r.Strings.T(key)) }

// Number appends a whole number.
func (c *Cells) Number(b []byte, n int64) []byte { return appendEscaped(b, c.r.Locale.Number(n)) }

// Money appends an amount in full.
func (c *Cells) Money(b []byte, vnd int64) []byte { return appendEscaped(b, c.r.Locale.Money(vnd)) }

// dash stands in a cell for a figure that is none or not known.
const dash = "–"

// MoneyOrDash appends an amount in full, or a dash for none.
func (c *Cells) MoneyOrDash(b []byte, vnd int64) []byte {
	if vnd == 0 {
		return append(b, dash...)
	}
	return c.Money(b, vnd)
}

// Staff appends a headcount, or a dash when it is not known.
func (c *Cells) Staff(b []byte, n int64, known bool) []byte {
	if !known {
		return append(b, dash...)
	}
	return c.Number(b, n)
}

// Rate appends a participation rate, or a dash when the staff is unknown.
func (c *Cells) Rate(b []byte, rt figures.Rate) []byte { return appendEscaped(b, c.r.rate(rt)) }

// Items appends counts of items: "641 books, 20 gift-boxes".
func (c *Cells) Items(b []byte, items []figures.ItemCount) []byte {
	return appendEscaped(b, c.r.items(items))
}

// Date appends an activity's date or dates in the short form.
func (c *Cells) Date(b []byte, a *content.Activity) []byte {
	return appendEscaped(b, c.r.whenShort(a))
}

// UnitLink appends a unit's short name linking to its page.
func (c *Cells) UnitLink(b []byte, u *content.Unit) []byte { return c.r.appendUnitLink(b, c.root, u) }

// UnitLinks appends units' short names, each linking to its page,
// separated by commas.
func (c *Cells) UnitLinks(b []byte, units []*content.Unit) []byte {
	for i, u := range units {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = c.UnitLink(b, u)
	}
	return b
}

// YearLink appends the name of a year's report, or of its plan when it
// has no activities yet, linking to its page.
func (c *Cells) YearLink(b []byte, y *figures.YearFigures) []byte {
	key := "heading.plan"
	if len(y.Activities) > 0 {
		key = "heading.annual_report"
	}
	b = append(b, "<a href=\""...)
	b = appendURL(b, address.Year(c.root, y.Year))
	b = append(b, "\">"...)
	b = appendEscaped(b, c.r.Strings.Format(key, "year", strconv.Itoa(y.Year)))
	return append(b, "</a>"...)
}

// UnitNameLink appends a unit's full name linking to its page.
func (c *Cells) UnitNameLink(b []byte, u *content.Unit) []byte {
	b = append(b, "<a href=\""...)
	b = appendURL(b, c.root)
	b = address.AppendUnit(b, u.ID, appendURL)
	b = append(b, "\">"...)
	b = appendEscaped(b, u.Name.Value)
	return append(b, "</a>"...)
}

// ActivityLink appends an activity's title linking to its page.
func (c *Cells) ActivityLink(b []byte, a *content.Activity) []byte {
	return c.r.appendActivityLink(b, c.root, a)
}
