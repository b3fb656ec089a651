package site

import (
	"cmp"
	"slices"
	"strconv"

	"reportsite/generator/address"
	"reportsite/generator/figures"
	"reportsite/generator/render"
	"reportsite/generator/view"
)

// Long lists of activities. A page read on a phone over mobile data
// stays light, whatever the size of the bloc: a year report lists its
// activities in full up to yearReportActivities and otherwise those that
// collected the most, and the list of activities is split into each
// year's own list, in pages of listPageActivities, once the site has more
// than wholeListActivities.
const (
	// yearReportActivities is the most activities a year report lists in
	// full.
	yearReportActivities = 100
	// yearReportTop is how many activities a year report with more than
	// yearReportActivities lists: those that collected the most.
	yearReportTop = 20
	// wholeListActivities is the most activities the list of activities
	// shows on its one page.
	wholeListActivities = 500
	// listPageActivities is how many activities a page of a year's own
	// list holds.
	listPageActivities = 500
	// yearReportUnits is the most units a year report's table by unit
	// shows in full; beyond, it shows the yearReportTop that gave the most
	// money, and the year's own table by unit shows them all,
	// listPageUnits to a page.
	yearReportUnits = 100
	listPageUnits   = 500
)

// yearListPages returns how many pages the list of y's own activities
// has: none when the year report and the list of activities show them
// all.
func (b *builder) yearListPages(y *figures.YearFigures) int {
	n := len(y.Activities)
	if n == 0 || (!b.splitList && n <= yearReportActivities) {
		return 0
	}
	return (n + listPageActivities - 1) / listPageActivities
}

// yearLists plans the pages of each year's own list of activities.
func (b *builder) yearLists() {
	for _, y := range b.f.Years {
		pages := b.yearListPages(y)
		for n := 1; n <= pages; n++ {
			name := address.YearActivities("", y.Year, n)
			rows := y.Activities[(n-1)*listPageActivities : min(n*listPageActivities, len(y.Activities))]
			b.writeLater("activities.html", name, func() (*view.Page, error) {
				year := strconv.Itoa(y.Year)
				p := &view.Page{Layout: b.layout(name, b.listTitle("activities", year, n, pages))}
				p.Breadcrumbs = b.crumbs(p.Root,
					view.Link{Label: b.r.Strings.T("nav.activities"), Href: address.Activities(p.Root)},
					view.Link{Label: year, Href: address.Year(p.Root, y.Year)})
				p.Downloads = b.downloads(p.Root, address.YearActivitiesData(y.Year))
				table := render.Activities.View(b.r, p.Root, rows)
				p.Activities = &view.Activities{
					Years: []view.ActivityYear{{Year: y.Year, Href: address.Year(p.Root, y.Year), Table: &table}},
					Pager: b.pager(p.Root, address.YearActivities, y.Year, n, pages),
				}
				return p, nil
			}, nil)
		}
	}
}

// yearUnitPages returns how many pages y's own table by unit has: none
// when the year report shows every unit.
func (b *builder) yearUnitPages(y *figures.YearFigures) int {
	n := len(y.Units)
	if len(y.Activities) == 0 || n <= yearReportUnits {
		return 0
	}
	return (n + listPageUnits - 1) / listPageUnits
}

// yearUnitLists plans the pages of each year's own table by unit, the
// units in the order of their names.
func (b *builder) yearUnitLists() {
	for _, y := range b.f.Years {
		pages := b.yearUnitPages(y)
		if pages == 0 {
			continue
		}
		byName := y.SortedUnits(func(a, b *figures.UnitYear) int { return 0 })
		for n := 1; n <= pages; n++ {
			name := address.YearUnits("", y.Year, n)
			part := *y
			part.Units = byName[(n-1)*listPageUnits : min(n*listPageUnits, len(byName))]
			b.writeLater("units.html", name, func() (*view.Page, error) {
				year := strconv.Itoa(y.Year)
				p := &view.Page{Layout: b.layout(name, b.listTitle("units", year, n, pages))}
				p.Breadcrumbs = b.crumbs(p.Root, view.Link{Label: year, Href: address.Year(p.Root, y.Year)})
				p.Downloads = b.downloads(p.Root, address.YearUnitsData(y.Year))
				p.Units = &view.Units{
					Table: render.YearUnits.View(b.r, p.Root, &part),
					Pager: b.pager(p.Root, address.YearUnits, y.Year, n, pages),
				}
				p.Units.Table.Caption = b.r.Strings.T("section.by_unit_caption")
				return p, nil
			}, nil)
		}
	}
}

// listTitle is the title of page n of pages of a year's own list of
// kind ("activities", "units"): "Activities of 2023, page 2 of 4".
func (b *builder) listTitle(kind, year string, n, pages int) string {
	if pages < 2 {
		return b.r.Strings.Format(kind+".year_title", "year", year)
	}
	return b.r.Strings.Format(kind+".year_page_title", "year", year, "page", strconv.Itoa(n), "pages", strconv.Itoa(pages))
}

// pager leads through the pages of one of a year's own lists, whose
// addresses at returns, on its page n of pages; nil for a list of one
// page.
func (b *builder) pager(root string, at func(root string, y, n int) string, year, n, pages int) *view.Pager {
	if pages < 2 {
		return nil
	}
	p := &view.Pager{Label: b.r.Strings.T("pager.label")}
	for i := 1; i <= pages; i++ {
		p.Pages = append(p.Pages, view.MenuLink{Label: b.r.Locale.Number(int64(i)), Href: at(root, year, i), Current: i == n})
	}
	if n > 1 {
		p.Prev = &view.Link{Label: b.r.Strings.T("pager.prev"), Href: at(root, year, n-1)}
	}
	if n < pages {
		p.Next = &view.Link{Label: b.r.Strings.T("pager.next"), Href: at(root, year, n+1)}
	}
	return p
}

// topUnits is a year report's table of the yearReportTop units that gave
// the most money in y, then had the most participations, with its caption
// and the link to the year's own table of every unit.
func (b *builder) topUnits(root string, y *figures.YearFigures) (*view.Table, *view.Link) {
	ranked := y.SortedUnits(func(a, b *figures.UnitYear) int {
		if c := cmp.Compare(b.Money, a.Money); c != 0 {
			return c
		}
		return cmp.Compare(b.Participants, a.Participants)
	})
	part := *y
	part.Units = ranked[:min(yearReportTop, len(ranked))]
	table := render.YearUnits.View(b.r, root, &part)
	year := strconv.Itoa(y.Year)
	table.Caption = b.r.Strings.Format("units.top_caption", "count", b.r.Locale.Number(int64(len(part.Units))),
		"year", year, "total", b.r.Locale.Number(int64(len(y.Units))))
	all := &view.Link{
		Label: b.r.Strings.Format("units.all_link", "count", b.r.Locale.Number(int64(len(y.Units))), "year", year),
		Href:  address.YearUnits(root, y.Year, 1),
	}
	return &table, all
}

// allActivitiesLink leads to the whole of y's own list.
func (b *builder) allActivitiesLink(root string, y *figures.YearFigures) *view.Link {
	return &view.Link{
		Label: b.r.Strings.Format("activities.all_link", "count", b.r.Locale.Number(int64(len(y.Activities))), "year", strconv.Itoa(y.Year)),
		Href:  address.YearActivities(root, y.Year, 1),
	}
}

// mostCollected returns the n activities of list that collected the
// most money, then those with the most participants, in that order; ties
// keep the list's order.
func mostCollected(list []*figures.ActivityFigures, n int) []*figures.ActivityFigures {
	top := slices.Clone(list)
	slices.SortStableFunc(top, func(a, b *figures.ActivityFigures) int {
		if c := cmp.Compare(b.Totals.Money, a.Totals.Money); c != 0 {
			return c
		}
		return cmp.Compare(b.Totals.Participants, a.Totals.Participants)
	})
	return top[:min(n, len(top))]
}
