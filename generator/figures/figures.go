// Package figures derives, once, every number the published site shows
// from validated content: what each unit gave to each activity, the totals
// of every activity, year and unit, the totals across years, and
// participation rates. Compute is a pure function of the content; it never
// changes it, and the figures point back into it for names, dates and
// positions. Pages and charts read figures; they do not add things up
// themselves, so a table and the chart beside it always agree. The one
// sum a chart makes is its "others" row, of the bars it leaves out beyond
// charts.MaxBars, which only the chart knows.
//
// # Counting rules
//
//   - Money is the sum of the contributions' money. What recipients received
//     is counted apart, as RecipientsValue: it may be more than the money,
//     because gifts in kind such as books are valued too.
//   - Items are summed by kind, the kind exactly as the editor wrote it.
//     Every list of items is sorted by kind.
//   - Participants is the sum of the contributions' participants. Someone
//     who took part in three activities counts three times: over more than
//     one activity it counts participations, not distinct people, and pages
//     should say so where it matters ("participants, all activities").
//   - A unit took part in an activity when it has a contribution there;
//     Units counts such units. Organising or placing in a tournament alone
//     does not count, because it brings no figures.
//   - A contribution naming a unit that does not exist is left out of every
//     figure (validation reports it as an error; the figures stay defined).
//     The same goes for unknown units in organisers, results and awards.
//   - An activity without a category counts as "other".
//   - An activity without a year (validation makes one impossible) has its
//     own figures but belongs to no year and is in no total.
//
// # Participation rate
//
// The contract defines the participation rate as participants ÷ staff. For
// one unit in one activity that is exactly Contribution.Rate: the share of
// the unit's staff that year who took part in that activity.
//
// Over a year, dividing the sum of participants by staff would mislead: a
// unit of 40 people that sent 30 to each of three activities would show
// 225%. So the headline rate of a unit in a year is its peak participation:
// the most people it sent to a single activity that year, divided by its
// staff that year (UnitYear.Peak and UnitYear.PeakRate). Pages should label
// it "peak participation", read as "at its largest activity of the year,
// this share of the unit took part". It stays at or below 100% unless an
// activity's participants exceed the headcount, which validation warns
// about; the rate is not capped, so pages show what the content says.
//
// A rate is absent (Rate.Known reports false) when the unit's staff that
// year is not given or is zero: nothing is divided by zero and no rate is
// NaN or infinite.
//
// # Order
//
// Every list is in a fixed order, so that the same content always gives
// the same pages: years ascending; activities by year, then date, then ID,
// undated activities last in their year; units by ID; item kinds sorted;
// categories in the order of content.Categories. Charts that rank units
// sort a copy with YearFigures.SortedUnits.
package figures

import (
	"reportsite/generator/content"
)

// Figures are the figures of a whole site, computed once by Compute.
type Figures struct {
	// Years holds every year that has a years/ file or activities,
	// ascending.
	Years []*YearFigures
	// Units holds every unit, sorted by ID.
	Units []*UnitFigures
	// Activities holds every activity, by year, then date, then ID,
	// undated activities last in their year.
	Activities []*ActivityFigures
	// Totals add up every year.
	Totals Totals

	years      map[int]*YearFigures
	units      map[string]*UnitFigures
	activities map[string]*ActivityFigures
}

// Year returns the figures of year y, or nil when the site has no such
// year.
func (f *Figures) Year(y int) *YearFigures { return f.years[y] }

// Unit returns the figures of the unit with this ID, or nil.
func (f *Figures) Unit(id string) *UnitFigures { return f.units[id] }

// Activity returns the figures of the activity with this ID, or nil.
func (f *Figures) Activity(id string) *ActivityFigures { return f.activities[id] }

// Latest returns the year the index page shows: the latest year with
// activities, or, when no year has any, the latest year. It returns nil
// when the site has no year at all.
func (f *Figures) Latest() *YearFigures {
	for i := len(f.Years) - 1; i >= 0; i-- {
		if len(f.Years[i].Activities) > 0 {
			return f.Years[i]
		}
	}
	if len(f.Years) == 0 {
		return nil
	}
	return f.Years[len(f.Years)-1]
}

// ActiveYears returns the years with at least one activity, ascending:
// the points of trend charts. A year that only has a plan is left out, as
// it has nothing to measure yet.
func (f *Figures) ActiveYears() []*YearFigures {
	var active []*YearFigures
	for _, y := range f.Years {
		if len(y.Activities) > 0 {
			active = append(active, y)
		}
	}
	return active
}

// ItemCount is an amount of one kind of item, such as 641 books.
type ItemCount struct {
	Kind  string
	Count int64
}

// Given is what was given and how many took part: the figures that add up
// from contributions.
type Given struct {
	// Money is the sum of the contributions' money, in VND.
	Money int64
	// Items are the contributions' items summed by kind, sorted by kind.
	Items []ItemCount
	// AllItems adds up Items, every kind together: the length of a bar of
	// items stacked by kind.
	AllItems int64
	// Participants is the sum of the contributions' participants; over
	// several activities it counts participations, not distinct people.
	Participants int64
	// Activities counts the activities added up (1 for one activity).
	Activities int
}

// Item returns how many items of kind were given, 0 when none.
func (g Given) Item(kind string) int64 { return itemCount(g.Items, kind) }

// Kinds returns the kinds of item given, sorted.
func (g Given) Kinds() []string { return kinds(g.Items) }

// Totals are the figures of an activity, a year or the whole site.
type Totals struct {
	Given
	// RecipientsValue is the sum of what recipients received, in VND, cash
	// and in kind; it may be more than Money.
	RecipientsValue int64
	// RecipientItems are the items recipients received, summed by kind,
	// sorted by kind.
	RecipientItems []ItemCount
	// Units counts the distinct units that took part (made a
	// contribution).
	Units int
}

// Received returns how many items of kind recipients received, 0 when
// none.
func (t Totals) Received(kind string) int64 { return itemCount(t.RecipientItems, kind) }

// Rate is a participation rate: Part people out of a staff of Staff. The
// zero Rate is absent.
type Rate struct {
	Part  int64
	Staff int64
}

// Known reports whether the rate can be shown: the staff is known and
// above zero.
func (r Rate) Known() bool { return r.Staff > 0 }

// Value returns the rate as a fraction (0.75 for 75%), or 0 when the rate
// is not known; check Known first.
func (r Rate) Value() float64 {
	if !r.Known() {
		return 0
	}
	return float64(r.Part) / float64(r.Staff)
}

// Percent returns the rate in percent (75 for 75%), or 0 when the rate is
// not known; check Known first.
func (r Rate) Percent() float64 { return r.Value() * 100 }

// YearFigures are the figures of one year's report.
type YearFigures struct {
	Year int
	// Content is the year's file, nil when there is no years/<year>.yaml.
	Content *content.Year
	// Head and Deputies are the year's head and deputy units, resolved;
	// Head is nil when not given or unknown.
	Head     *content.Unit
	Deputies []*content.Unit
	// Totals add up the year's activities.
	Totals Totals
	// Activities are the year's activities, by date then ID, undated
	// last.
	Activities []*ActivityFigures
	// Units holds one entry per unit of the site, sorted by unit ID,
	// including units that took part in nothing that year (their
	// Activities is 0). It is empty when the year has no activities.
	Units []*UnitYear
	// ByCategory adds up the year's activities per category, in the order
	// of content.Categories; categories without activities are left out.
	ByCategory []CategoryCount
	// Awards are the year's awards with their units resolved, in the
	// order of the year's file.
	Awards []*AwardFigures
	// Next is the following year's file (year+1), nil when there is none:
	// the report shows its plan.
	Next *content.Year
}

// SortedUnits returns a copy of y.Units sorted by cmp, ties broken by the
// name shown for the unit and then by ID. For a ranking by money, most
// first:
//
//	y.SortedUnits(func(a, b *UnitYear) int { return cmp.Compare(b.Money, a.Money) })
func (y *YearFigures) SortedUnits(cmp func(a, b *UnitYear) int) []*UnitYear {
	return sortedUnits(y.Units, cmp)
}

// CategoryCount adds up one category's activities in a year.
type CategoryCount struct {
	Category string
	Given
}

// UnitYear is what one unit gave and how many of its people took part in
// one year.
type UnitYear struct {
	Year int
	Unit *content.Unit
	// nameKey is the unit's UnitFigures.nameKey.
	nameKey []byte
	// Given adds up the unit's contributions that year; Activities counts
	// the activities it took part in.
	Given
	// Peak is the most participants the unit sent to one activity that
	// year.
	Peak int64
	// Staff is the unit's headcount that year, when StaffKnown.
	Staff      int64
	StaffKnown bool
	// PeakRate is Peak ÷ Staff: the headline participation rate, to be
	// labelled "peak participation" (see the package documentation).
	PeakRate Rate
	// Contributions are the unit's contributions that year, in the order
	// of the year's activities.
	Contributions []*Contribution
	// PerActivity is what the unit gave to each activity it took part in
	// that year, in the order of the year's activities: Contributions,
	// with two contributions to the same activity (which validation
	// reports as an error) added up into one, whose Source is the first.
	// When there are none such, it is Contributions itself.
	PerActivity []*Contribution
	// ByCategory adds up the unit's contributions that year per category,
	// in the order of YearFigures.ByCategory, leaving out the categories
	// in whose activities it took no part.
	ByCategory []CategoryCount
}

// Contribution is what one unit gave to one activity, with its
// participation rate.
type Contribution struct {
	Activity     *content.Activity
	Unit         *content.Unit
	Participants int64
	Money        int64
	// Items are sorted by kind.
	Items []ItemCount
	// AllItems adds up Items, every kind together.
	AllItems int64
	// Staff is the unit's headcount in the activity's year, when
	// StaffKnown.
	Staff      int64
	StaffKnown bool
	// Rate is Participants ÷ Staff.
	Rate Rate
	// Source is the contribution as written, for its position.
	Source *content.Contribution

	unit int // the place of Unit in Figures.Units
}

// Item returns how many items of kind the unit gave, 0 when none.
func (c *Contribution) Item(kind string) int64 { return itemCount(c.Items, kind) }

// ActivityFigures are the figures of one activity.
type ActivityFigures struct {
	Activity *content.Activity
	// Year is the activity's year, 0 when it has none.
	Year int
	// Category is the activity's category, "other" when none is given.
	Category string
	// Organisers are the organising units, resolved, in the order written.
	Organisers []*content.Unit
	// Totals add up the activity's contributions and recipients;
	// Totals.Activities is 1.
	Totals Totals
	// Contributions are in the order of the activity's file.
	Contributions []*Contribution
	// Recipients are in the order of the activity's file.
	Recipients []Recipient
	// Events group the results by event, events in the order they first
	// appear in the file, placings by place.
	Events []EventResults
}

// Dated reports whether the activity has a date.
func (a *ActivityFigures) Dated() bool { return a.Activity.Date.Set() }

// Recipient is what one recipient received from an activity.
type Recipient struct {
	Name  string
	Value int64
	// Items are sorted by kind.
	Items []ItemCount
	// Source is the recipient as written, for its position.
	Source *content.Recipient
}

// Item returns how many items of kind the recipient received, 0 when
// none.
func (r Recipient) Item(kind string) int64 { return itemCount(r.Items, kind) }

// EventResults are the placings of one event of a tournament.
type EventResults struct {
	Event    string
	Placings []*Placing
}

// Placing is a unit's place in one event of a tournament.
type Placing struct {
	Activity *content.Activity
	Event    string
	Place    int64
	Unit     *content.Unit
}

// AwardFigures is an award with its units resolved.
type AwardFigures struct {
	Award *content.Award
	Year  int
	// Units are the awarded units that exist, in the order written.
	Units []*content.Unit
}

// UnitFigures are the figures of one unit, for its page.
type UnitFigures struct {
	Unit *content.Unit
	// nameKey places the unit's name in the site language's alphabetical
	// order (locale.NameKeys).
	nameKey []byte
	// Given adds up all the unit's contributions across years.
	Given
	// Years holds the unit's figures for every year with activities,
	// ascending, including years it took part in nothing.
	Years []*UnitYear
	// Contributions are all the unit's contributions, in the order of
	// Figures.Activities.
	Contributions []*Contribution
	// Organised are the activities the unit organised, in the order of
	// Figures.Activities.
	Organised []*ActivityFigures
	// Placings are the unit's tournament placings, in the order of
	// Figures.Activities, then of each activity's events.
	Placings []*Placing
	// Roles are the unit's roles in the bloc, for the years in which it
	// had one, ascending.
	Roles []*Role
}

// Year returns the unit's figures for year y, or nil when y has no
// activities.
func (u *UnitFigures) Year(y int) *UnitYear {
	for _, uy := range u.Years {
		if uy.Year == y {
			return uy
		}
	}
	return nil
}

// Role is a unit's place in the bloc in one year: head, deputy, awards.
type Role struct {
	Year   int
	Head   bool
	Deputy bool
	// Awards are the year's awards naming the unit, in the order of the
	// year's file.
	Awards []*AwardFigures
}

// ReceivedKinds returns the kinds of item the recipients received, sorted.
func (t Totals) ReceivedKinds() []string { return kinds(t.RecipientItems) }
