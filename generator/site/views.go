package site

import (
	"html/template"
	"strconv"

	"reportsite/generator/address"
	"reportsite/generator/content"
	"reportsite/generator/figures"
	"reportsite/generator/locale"
	"reportsite/generator/render"
	"reportsite/generator/view"
)

// The views of the pages, built from the content and its figures: every
// text a page template prints is formatted here, in the site's language,
// and every address is relative to the page it is on (root is the way
// back to the site's root). Data flows one way: content and figures in,
// views out, and the templates read only the views.

// markdown renders an editor's Markdown one heading level below the
// page's sections; prefix keeps apart the heading ids of several texts on
// one page. An error names the file and line of the text.
func (b *builder) markdown(root string, t content.Text, prefix string) (template.HTML, error) {
	return b.r.Markdown(root, t, 1, prefix)
}

// unitLink is a unit's short name linking to its page.
func (b *builder) unitLink(root string, u *content.Unit) view.Link {
	return view.Link{Label: u.DisplayName(), Href: address.Unit(root, u.ID)}
}

func (b *builder) unitLinks(root string, units []*content.Unit) []view.Link {
	var links []view.Link
	for _, u := range units {
		links = append(links, b.unitLink(root, u))
	}
	return links
}

// moneyFigure is an amount as a key figure: compact, and in full below.
func (b *builder) moneyFigure(label string, vnd int64) view.KeyFigure {
	return view.KeyFigure{Label: b.r.Strings.T(label), Big: b.r.Locale.CompactMoney(vnd), Exact: b.r.Locale.Money(vnd)}
}

// countFigure is a count as a key figure.
func (b *builder) countFigure(label string, n int64) view.KeyFigure {
	return view.KeyFigure{Label: label, Big: b.r.Locale.Number(n)}
}

// keyFigures are the key figures of totals: the money, each kind of item,
// the participants, the number of activities when several are added up
// (severalActivities is false for one activity), and the value received. A
// figure that is zero is left out, but for the number of activities.
func (b *builder) keyFigures(t figures.Totals, severalActivities bool) []view.KeyFigure {
	var list []view.KeyFigure
	if t.Money != 0 {
		list = append(list, b.moneyFigure("figure.money", t.Money))
	}
	for _, item := range t.Items {
		list = append(list, b.countFigure(item.Kind, item.Count))
	}
	if t.Participants != 0 {
		label := "figure.participants"
		if severalActivities {
			label = "figure.participations"
		}
		list = append(list, b.countFigure(b.r.Strings.T(label), t.Participants))
	}
	if severalActivities {
		list = append(list, b.countFigure(b.r.Strings.T("figure.activities"), int64(t.Activities)))
	}
	if t.RecipientsValue != 0 {
		list = append(list, b.moneyFigure("figure.recipients_value", t.RecipientsValue))
	}
	return list
}

// tableIf is the declared table t of the figures f as a view when show,
// else nil: pages leave out the section of a table without rows.
func tableIf[R, T any](b *builder, show bool, t *render.Table[R, T], root string, f T) *view.Table {
	if !show {
		return nil
	}
	v := t.View(b.r, root, f)
	return &v
}

func (b *builder) homeView(root string) (*view.Home, error) {
	about, err := b.markdown(root, b.c.Site.About, "about-")
	if err != nil {
		return nil, err
	}
	home := &view.Home{About: about, Years: tableIf(b, len(b.f.Years) > 0, render.Years, root, b.f)}
	if y := b.f.Latest(); y != nil {
		year := strconv.Itoa(y.Year)
		home.Latest = &view.LatestYear{
			Year:       y.Year,
			Title:      b.r.Strings.Format("heading.annual_report", "year", year),
			KeyFigures: b.keyFigures(y.Totals, true),
			Report:     view.Link{Label: b.r.Strings.Format("home.read_report", "year", year), Href: address.Year(root, y.Year)},
		}
		if y.Content != nil {
			home.Latest.Motto = y.Content.Motto.Value
		}
	}
	return home, nil
}

func (b *builder) yearView(root string, y *figures.YearFigures) (*view.Year, error) {
	v := &view.Year{
		Year:      y.Year,
		Deputies:  b.unitLinks(root, y.Deputies),
		Awards:    tableIf(b, len(y.Awards) > 0, render.Awards, root, y),
		PlanTitle: b.r.Strings.Format("heading.plan", "year", strconv.Itoa(y.Year)),
	}
	if y.Head != nil {
		head := b.unitLink(root, y.Head)
		v.Head = &head
	}
	if len(y.Activities) > 0 {
		v.KeyFigures = b.keyFigures(y.Totals, true)
		if n := len(y.Activities); n > yearReportActivities {
			top := mostCollected(y.Activities, yearReportTop)
			v.Activities = tableIf(b, true, render.Activities, root, top)
			v.Activities.Caption = b.r.Strings.Format("activities.top_caption",
				"count", b.r.Locale.Number(int64(len(top))), "total", b.r.Locale.Number(int64(n)))
			v.AllActivities = b.allActivitiesLink(root, y)
		} else {
			v.Activities = tableIf(b, true, render.Activities, root, y.Activities)
		}
		if b.yearUnitPages(y) > 0 {
			v.ByUnit, v.AllUnits = b.topUnits(root, y)
		} else {
			v.ByUnit = tableIf(b, true, render.YearUnits, root, y)
			v.ByUnit.Caption = b.r.Strings.T("section.by_unit_caption")
		}
	}
	if c := y.Content; c != nil {
		v.Motto = c.Motto.Value
		if c.Conference != nil {
			v.Conference = &view.Conference{Date: b.r.Date(c.Conference.Date), Place: c.Conference.Place.Value}
		}
		var err error
		if v.Summary, err = b.markdown(root, c.Summary, "summary-"); err != nil {
			return nil, err
		}
		if v.Plan, err = b.markdown(root, c.Plan, "plan-"); err != nil {
			return nil, err
		}
	}
	if next := y.Next; next != nil && next.Plan.Value != "" {
		plan, err := b.markdown(root, next.Plan, "next-plan-")
		if err != nil {
			return nil, err
		}
		n := int(next.Year.Value)
		year := strconv.Itoa(n)
		v.Next = &view.NextPlan{
			Title: b.r.Strings.Format("heading.plan", "year", year),
			Plan:  plan,
			Link:  view.Link{Label: b.r.Strings.Format("year.next_link", "year", year), Href: address.Year(root, n)},
		}
	}
	return v, nil
}

// unitsView lists every unit in the alphabetical order of the site's
// language ("Đ" after "D" in Vietnamese), the order of every list of
// names.
func (b *builder) unitsView(root string) *view.Units {
	units := locale.SortedByName(b.r.Locale.Lang, b.f.Units, func(u *figures.UnitFigures) string { return u.Unit.Name.Value })
	return &view.Units{Table: render.Units.View(b.r, root, units)}
}

func (b *builder) unitView(root string, u *figures.UnitFigures) (*view.Unit, error) {
	description, err := b.markdown(root, u.Unit.Description, "about-")
	if err != nil {
		return nil, err
	}
	v := &view.Unit{
		Name:        u.Unit.Name.Value,
		Kind:        u.Unit.Kind.Value,
		Head:        u.Unit.Head.Value,
		Website:     u.Unit.Website.Value,
		Description: description,
		KeyFigures:  []view.KeyFigure{b.moneyFigure("figure.money", u.Money)},
	}
	for _, role := range u.Roles {
		r := view.Role{Year: role.Year, Head: role.Head, Deputy: role.Deputy}
		for _, a := range role.Awards {
			r.Awards = append(r.Awards, view.Award{Title: a.Award.Title.Value, Status: b.r.Strings.T("award." + a.Award.Status.Value)})
		}
		v.Roles = append(v.Roles, r)
	}
	for _, item := range u.Items {
		v.KeyFigures = append(v.KeyFigures, b.countFigure(item.Kind, item.Count))
	}
	v.KeyFigures = append(v.KeyFigures,
		b.countFigure(b.r.Strings.T("figure.participations"), u.Participants),
		b.countFigure(b.r.Strings.T("figure.activities"), int64(u.Activities)))
	for _, uy := range u.Years {
		v.Years = append(v.Years, view.UnitYear{
			Year:          uy.Year,
			Summary:       b.unitYearSummary(uy),
			Contributions: tableIf(b, len(uy.Contributions) > 0, render.UnitContributions, root, uy),
		})
	}
	for _, p := range u.Placings {
		v.Placings = append(v.Placings, view.Placing{
			Text:     b.r.Strings.Format("unit.placing", "place", b.r.Locale.Number(p.Place), "event", p.Event),
			Activity: view.Link{Label: p.Activity.Title.Value, Href: address.Activity(root, p.Activity.ID)},
		})
	}
	return v, nil
}

// unitYearSummary says what a unit did in a year: how many activities it
// took part in and its peak participation, or that it took part in none.
func (b *builder) unitYearSummary(uy *figures.UnitYear) string {
	if len(uy.Contributions) == 0 {
		return b.r.Strings.Format("unit.no_activity", "year", strconv.Itoa(uy.Year))
	}
	s := b.r.Strings.Format("unit.took_part", "activities", b.r.Locale.Number(int64(uy.Activities)))
	if uy.Activities == 1 {
		s = b.r.Strings.T("unit.took_part_one")
	}
	if uy.PeakRate.Known() {
		s += " " + b.r.Strings.Format("unit.peak", "peak", b.r.Locale.Percent(uy.PeakRate.Value()))
	}
	return s
}

func (b *builder) activitiesView(root string) *view.Activities {
	v := &view.Activities{}
	for _, y := range b.f.Years {
		if len(y.Activities) == 0 {
			continue
		}
		year := view.ActivityYear{Year: y.Year, Href: address.Year(root, y.Year)}
		if b.splitList {
			year.List = b.allActivitiesLink(root, y)
		} else {
			year.Table = tableIf(b, true, render.Activities, root, y.Activities)
		}
		v.Years = append(v.Years, year)
	}
	return v
}

func (b *builder) activityView(root string, a *figures.ActivityFigures) (*view.Activity, error) {
	narrative, err := b.markdown(root, a.Activity.Narrative, "narrative-")
	if err != nil {
		return nil, err
	}
	v := &view.Activity{
		Title:         a.Activity.Title.Value,
		Summary:       a.Activity.Summary.Value,
		When:          b.r.Dates(a.Activity),
		Category:      b.r.Strings.T("category." + a.Category),
		Organisers:    b.unitLinks(root, a.Organisers),
		Narrative:     narrative,
		Contributions: tableIf(b, len(a.Contributions) > 0, render.ActivityContributions, root, a),
		Recipients:    tableIf(b, len(a.Recipients) > 0, render.Recipients, root, a),
		Results:       tableIf(b, len(a.Events) > 0, render.Results, root, a),
	}
	if len(a.Contributions) > 0 {
		v.KeyFigures = b.keyFigures(a.Totals, false)
	}
	v.Photos = b.photoViews(root, a.Activity)
	return v, nil
}
