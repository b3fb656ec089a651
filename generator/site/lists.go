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
				title := b.r.Strings.Format("activities.year_title", "year", year)
				if pages > 1 {
					title = b.r.Strings.Format("activities.year_page_title", "year", year, "page", strconv.Itoa(n), "pages", strconv.Itoa(pages))
				}
				p := &view.Page{Layout: b.layout(name, title)}
				p.Breadcrumbs = b.crumbs(p.Root,
					view.Link{Label: b.r.Strings.T("nav.activities"), Href: address.Activities(p.Root)},
					view.Link{Label: year, Href: address.Year(p.Root, y.Year)})
				p.Downloads = b.downloads(p.Root, address.YearActivitiesData(y.Year))
				table := render.Activities.View(b.r, p.Root, rows)
				p.Activities = &view.Activities{
					Years: []view.ActivityYear{{Year: y.Year, Href: address.Year(p.Root, y.Year), Table: &table}},
					Pager: b.pager(p.Root, y.Year, n, pages),
				}
				return p, nil
			}, nil)
		}
	}
}

// pager leads through the pages of year's own list, on its page n of
// pages; nil for a list of one page.
func (b *builder) pager(root string, year, n, pages int) *view.Pager {
	if pages < 2 {
		return nil
	}
	p := &view.Pager{Label: b.r.Strings.T("pager.label")}
	for i := 1; i <= pages; i++ {
		p.Pages = append(p.Pages, view.MenuLink{Label: b.r.Locale.Number(int64(i)), Href: address.YearActivities(root, year, i), Current: i == n})
	}
	if n > 1 {
		p.Prev = &view.Link{Label: b.r.Strings.T("pager.prev"), Href: address.YearActivities(root, year, n-1)}
	}
	if n < pages {
		p.Next = &view.Link{Label: b.r.Strings.T("pager.next"), Href: address.YearActivities(root, year, n+1)}
	}
	return p
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
