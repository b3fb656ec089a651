package diff

import (
	"slices"
	"strconv"
	"strings"

	"reportsite/generator/content"
	"reportsite/generator/figures"
)

// which figures a list of totals holds besides money, items,
// participants and what recipients received.
const (
	withUnits      = 1 << iota // the count of units that took part
	withActivities             // the count of activities
)

// totalsOf compares two totals, either of which may be missing (nil).
func (c *comparer) totalsOf(from, to *figures.Totals, with int) []Figure {
	var zero figures.Totals
	f, t := from, to
	if f == nil {
		f = &zero
	}
	if t == nil {
		t = &zero
	}
	var list []Figure
	add := func(name, kind string, a, b int64) {
		if (from == nil || to == nil) && a == 0 && b == 0 {
			return
		}
		if fig, ok := c.number(name, kind, 0, present(from != nil, a), present(to != nil, b)); ok {
			list = append(list, fig)
		}
	}
	add(Money, "", f.Money, t.Money)
	for _, k := range kindsOf(f.Items, t.Items) {
		add(Items, k, itemCount(f.Items, k), itemCount(t.Items, k))
	}
	add(Participants, "", f.Participants, t.Participants)
	if with&withUnits != 0 {
		add(UnitsTakingPart, "", int64(f.Units), int64(t.Units))
	}
	if with&withActivities != 0 {
		add(Activities, "", int64(f.Activities), int64(t.Activities))
	}
	add(RecipientsValue, "", f.RecipientsValue, t.RecipientsValue)
	for _, k := range kindsOf(f.RecipientItems, t.RecipientItems) {
		add(ReceivedItems, k, itemCount(f.RecipientItems, k), itemCount(t.RecipientItems, k))
	}
	return list
}

// pairs matches removed entries to added ones, one to one in the order of
// added: first those of the same key, then those of the same loose key
// (skipped when it is ""). It returns, for each index of added, the index
// of its match in removed, or -1.
func pairs[T any](removed, added []T, key, loose func(T, bool) string) []int {
	match := make([]int, len(added))
	for i := range match {
		match[i] = -1
	}
	if len(removed) == 0 || len(added) == 0 {
		return match
	}
	used := make([]bool, len(removed))
	for _, k := range []func(T, bool) string{key, loose} {
		byKey := map[string][]int{}
		for i, r := range removed {
			if !used[i] {
				if s := k(r, true); s != "" {
					byKey[s] = append(byKey[s], i)
				}
			}
		}
		for i, a := range added {
			if match[i] >= 0 {
				continue
			}
			s := k(a, false)
			if s == "" || len(byKey[s]) == 0 {
				continue
			}
			match[i] = byKey[s][0]
			used[match[i]] = true
			byKey[s] = byKey[s][1:]
		}
	}
	return match
}

// fields joins values into one key; the separator is in no YAML value.
func fields(values ...string) string { return strings.Join(values, "\x00") }

func num(n content.Number) string {
	if !n.Set() {
		return "-"
	}
	return strconv.FormatInt(n.Value, 10)
}

func counts(list []content.Count) string {
	var b strings.Builder
	for _, c := range list {
		b.WriteString(c.Kind + "=" + num(c.Count) + ";")
	}
	return b.String()
}

// unitKey is everything written of a unit but its ID and positions.
func unitKey(u *content.Unit, _ bool) string {
	var staff strings.Builder
	for _, s := range u.Staff {
		staff.WriteString(strconv.Itoa(s.Year) + "=" + num(s.Count) + ";")
	}
	return fields(u.Name.Value, u.ShortName.Value, u.Kind.Value, staff.String(), u.Head.Value, u.Website.Value, u.Description.Value)
}

func unitName(u *content.Unit, _ bool) string { return u.Name.Value }

// renamedUnits finds the units renamed between the revisions.
func (c *comparer) renamedUnits() {
	c.unitRenames = renames(c.old.Content.Units, c.new.Content.Units, func(u *content.Unit) string { return u.ID },
		func(id string) bool { return c.old.Figures.Unit(id) != nil },
		func(id string) bool { return c.new.Figures.Unit(id) != nil },
		unitKey, unitName)
}

// renames pairs, by pairs, the items of old whose ID the new side lacks
// with the items of new whose ID the old side lacks, and returns the new
// ID of each renamed item by its old ID.
func renames[T any](old, new []T, id func(T) string, inOld, inNew func(id string) bool, key, loose func(T, bool) string) map[string]string {
	var removed, added []T
	for _, x := range old {
		if !inNew(id(x)) {
			removed = append(removed, x)
		}
	}
	for _, x := range new {
		if !inOld(id(x)) {
			added = append(added, x)
		}
	}
	renamed := map[string]string{}
	for i, m := range pairs(removed, added, key, loose) {
		if m >= 0 {
			renamed[id(removed[m])] = id(added[i])
		}
	}
	return renamed
}

// units compares every unit.
func (c *comparer) units() {
	oldOf := map[string]*figures.UnitFigures{}
	for _, uf := range c.old.Figures.Units {
		oldOf[c.newUnitID(uf.Unit.ID)] = uf
	}
	for _, uf := range c.new.Figures.Units {
		from := oldOf[uf.Unit.ID]
		delete(oldOf, uf.Unit.ID)
		if e := c.unit(from, uf); e != nil {
			c.r.Units = append(c.r.Units, e)
		}
	}
	for _, uf := range oldOf {
		c.r.Units = append(c.r.Units, c.unit(uf, nil))
	}
	sortEntries(c.r.Units)
}

// unit compares a unit on both sides, either of which may be nil; it
// returns nil when nothing changed.
func (c *comparer) unit(from, to *figures.UnitFigures) *Entry {
	e := &Entry{Change: Changed}
	var fromGiven, toGiven *figures.Totals
	switch {
	case from == nil:
		e.ID, e.Name, e.Change = to.Unit.ID, to.Unit.DisplayName(), Added
	case to == nil:
		e.ID, e.Name, e.Change = from.Unit.ID, from.Unit.DisplayName(), Removed
	default:
		e.ID, e.Name = to.Unit.ID, to.Unit.DisplayName()
		if from.Unit.ID != to.Unit.ID {
			e.Change, e.OldID = Renamed, from.Unit.ID
		}
	}
	if from != nil {
		fromGiven = &figures.Totals{Given: from.Given}
	}
	if to != nil {
		toGiven = &figures.Totals{Given: to.Given}
	}
	e.Figures = c.totalsOf(fromGiven, toGiven, withActivities)
	e.Figures = append(e.Figures, c.unitYears(from, to)...)
	if from != nil && to != nil && from.Unit != to.Unit {
		f, t := from.Unit, to.Unit
		e.Settings = settings(setting("kind", f.Kind.Value, t.Kind.Value))
		e.Texts = texts(
			text("name", f.Name, t.Name),
			text("short_name", f.ShortName, t.ShortName),
			text("head", f.Head, t.Head),
			text("website", f.Website, t.Website),
			text("description", f.Description, t.Description),
		)
	}
	if e.Change == Changed && len(e.Figures) == 0 && len(e.Settings) == 0 && len(e.Texts) == 0 {
		return nil
	}
	return e
}

// unitYears compares a unit's staff and peak participation, year by year.
func (c *comparer) unitYears(from, to *figures.UnitFigures) []Figure {
	staff := map[int][2]amount{}
	rates := map[int][2]amount{}
	var years []int
	for side, uf := range []*figures.UnitFigures{from, to} {
		if uf == nil {
			continue
		}
		for _, s := range uf.Unit.Staff {
			v := staff[s.Year]
			v[side] = known(s.Count.Value)
			staff[s.Year] = v
			years = append(years, s.Year)
		}
		for _, uy := range uf.Years {
			if !uy.PeakRate.Known() {
				continue
			}
			v := rates[uy.Year]
			v[side] = amount{known: true, rate: uy.PeakRate}
			rates[uy.Year] = v
			years = append(years, uy.Year)
		}
	}
	slices.Sort(years)
	var list []Figure
	for _, y := range slices.Compact(years) {
		if v, ok := staff[y]; ok {
			if f, ok := c.number(Staff, "", y, v[0], v[1]); ok && (from != nil && to != nil || v[0].n+v[1].n > 0) {
				list = append(list, f)
			}
		}
	}
	for _, y := range slices.Compact(years) {
		if v, ok := rates[y]; ok && from != nil && to != nil {
			if f, ok := c.number(PeakRate, "", y, v[0], v[1]); ok {
				list = append(list, f)
			}
		}
	}
	return list
}

// activityKey is everything written of an activity but its ID and
// positions; the older side's unit references are taken as renamed.
func (c *comparer) activityKey(a *content.Activity, old bool) string {
	ref := func(r content.Ref) string {
		if old {
			return c.newUnitID(r.ID)
		}
		return r.ID
	}
	var b strings.Builder
	for _, o := range a.Organisers {
		b.WriteString(ref(o) + ";")
	}
	b.WriteString("\x01")
	for _, k := range a.Contributions {
		b.WriteString(fields(ref(k.Unit), num(k.Participants), num(k.Money), counts(k.Items)) + "\x01")
	}
	for _, r := range a.Recipients {
		b.WriteString(fields(r.Name.Value, num(r.Value), counts(r.Items)) + "\x01")
	}
	for _, r := range a.Results {
		b.WriteString(fields(num(r.Place), ref(r.Unit), r.Event.Value) + "\x01")
	}
	for _, p := range a.Photos {
		b.WriteString(fields(p.File.Value, p.Caption.Value) + "\x01")
	}
	return fields(a.Title.Value, num(a.Year), c.dateKey(a.Date), c.dateKey(a.End), a.Category.Value,
		a.Summary.Value, a.Narrative.Value, b.String())
}

func (c *comparer) dateKey(d content.Date) string {
	if !d.Set() {
		return ""
	}
	return d.Time.Format("2006-01-02")
}

func activityTitle(a *content.Activity, _ bool) string {
	return fields(a.Title.Value, num(a.Year))
}

// activities compares every activity.
func (c *comparer) activities() {
	renamed := renames(c.old.Content.Activities, c.new.Content.Activities, func(a *content.Activity) string { return a.ID },
		func(id string) bool { return c.old.Figures.Activity(id) != nil },
		func(id string) bool { return c.new.Figures.Activity(id) != nil },
		c.activityKey, activityTitle)
	oldOf := map[string]*figures.ActivityFigures{}
	for _, af := range c.old.Figures.Activities {
		id := af.Activity.ID
		if n, ok := renamed[id]; ok {
			id = n
		}
		oldOf[id] = af
	}
	for _, af := range c.new.Figures.Activities {
		from := oldOf[af.Activity.ID]
		delete(oldOf, af.Activity.ID)
		if e := c.activity(from, af); e != nil {
			c.r.Activities = append(c.r.Activities, e)
		}
	}
	for _, af := range oldOf {
		c.r.Activities = append(c.r.Activities, c.activity(af, nil))
	}
	slices.SortFunc(c.r.Activities, compareActivities)
}

// activity compares an activity on both sides, either of which may be
// nil; it returns nil when nothing changed.
func (c *comparer) activity(from, to *figures.ActivityFigures) *Entry {
	e := &Entry{Change: Changed}
	var fromTotals, toTotals *figures.Totals
	switch {
	case from == nil:
		e.ID, e.Name, e.Year, e.Change = to.Activity.ID, to.Activity.Title.Value, to.Year, Added
	case to == nil:
		e.ID, e.Name, e.Year, e.Change = from.Activity.ID, from.Activity.Title.Value, from.Year, Removed
	default:
		e.ID, e.Name, e.Year = to.Activity.ID, to.Activity.Title.Value, to.Year
		if from.Activity.ID != to.Activity.ID {
			e.Change, e.OldID = Renamed, from.Activity.ID
		}
	}
	if from != nil {
		fromTotals = &from.Totals
	}
	if to != nil {
		toTotals = &to.Totals
	}
	e.Figures = c.totalsOf(fromTotals, toTotals, withUnits)
	if from != nil && to != nil {
		if from.Activity != to.Activity {
			f, t := from.Activity, to.Activity
			e.Settings = settings(
				setting("year", yearText(f.Year), yearText(t.Year)),
				setting("date", c.date(f.Date), c.date(t.Date)),
				setting("end", c.date(f.End), c.date(t.End)),
				setting("category", f.Category.Value, t.Category.Value),
				setting("organisers", c.refs(f.Organisers, true), c.refs(t.Organisers, false)),
			)
			e.Texts = texts(
				text("title", f.Title, t.Title),
				text("summary", f.Summary, t.Summary),
				text("narrative", f.Narrative, t.Narrative),
				photos(f.Photos, t.Photos),
			)
		}
		e.Recipients = c.recipients(from.Recipients, to.Recipients)
		e.Results = c.results(from, to)
	}
	if e.Change == Changed && len(e.Figures) == 0 && len(e.Settings) == 0 && len(e.Texts) == 0 &&
		len(e.Recipients) == 0 && len(e.Results) == 0 {
		return nil
	}
	return e
}

// photos returns "photos" when the photos or their captions changed.
func photos(from, to []content.Photo) string {
	if slices.EqualFunc(from, to, func(a, b content.Photo) bool {
		return a.File.Value == b.File.Value && a.Caption.Value == b.Caption.Value
	}) {
		return ""
	}
	return "photos"
}

// recipients compares an activity's recipients, found by name (the n-th
// of a name with the n-th).
func (c *comparer) recipients(from, to []figures.Recipient) []Recipient {
	key := func(list []figures.Recipient) []string {
		seen := map[string]int{}
		keys := make([]string, len(list))
		for i, r := range list {
			seen[r.Name]++
			keys[i] = r.Name + "\x00" + strconv.Itoa(seen[r.Name])
		}
		return keys
	}
	fromKeys, toKeys := key(from), key(to)
	oldAt := map[string]int{}
	for i, k := range fromKeys {
		oldAt[k] = i
	}
	var list []Recipient
	for i, k := range toKeys {
		j, ok := oldAt[k]
		var f *figures.Recipient
		if ok {
			f = &from[j]
			delete(oldAt, k)
		}
		if r, changed := c.recipient(f, &to[i]); changed {
			list = append(list, r)
		}
	}
	for i, k := range fromKeys {
		if _, gone := oldAt[k]; gone {
			r, _ := c.recipient(&from[i], nil)
			list = append(list, r)
		}
	}
	return list
}

// recipient compares a recipient on both sides, either of which may be
// nil, and reports whether anything changed.
func (c *comparer) recipient(from, to *figures.Recipient) (Recipient, bool) {
	r := Recipient{Change: Changed}
	var zero figures.Recipient
	f, t := from, to
	switch {
	case from == nil:
		r.Name, r.Change, f = to.Name, Added, &zero
	case to == nil:
		r.Name, r.Change, t = from.Name, Removed, &zero
	default:
		r.Name = to.Name
	}
	add := func(name, kind string, a, b int64) {
		if (from == nil || to == nil) && a == 0 && b == 0 {
			return
		}
		if fig, ok := c.number(name, kind, 0, present(from != nil, a), present(to != nil, b)); ok {
			r.Figures = append(r.Figures, fig)
		}
	}
	add(Value, "", f.Value, t.Value)
	for _, k := range kindsOf(f.Items, t.Items) {
		add(ReceivedItems, k, itemCount(f.Items, k), itemCount(t.Items, k))
	}
	return r, r.Change != Changed || len(r.Figures) > 0
}

// results compares an activity's placings, found by event and unit.
func (c *comparer) results(from, to *figures.ActivityFigures) []Result {
	type key struct{ event, unit string }
	old := map[key]int64{}
	var oldKeys []key
	for _, ev := range from.Events {
		for _, p := range ev.Placings {
			k := key{ev.Event, c.newUnitID(p.Unit.ID)}
			if _, dup := old[k]; !dup {
				oldKeys = append(oldKeys, k)
				old[k] = p.Place
			}
		}
	}
	var list []Result
	seen := map[key]bool{}
	for _, ev := range to.Events {
		for _, p := range ev.Placings {
			k := key{ev.Event, p.Unit.ID}
			if seen[k] {
				continue
			}
			seen[k] = true
			place, had := old[k]
			switch {
			case !had:
				list = append(list, Result{Event: k.event, Unit: k.unit, UnitName: c.unitName(k.unit), Change: Added, To: p.Place})
			case place != p.Place:
				list = append(list, Result{Event: k.event, Unit: k.unit, UnitName: c.unitName(k.unit), Change: Changed, From: place, To: p.Place})
			}
		}
	}
	for _, k := range oldKeys {
		if !seen[k] {
			list = append(list, Result{Event: k.event, Unit: k.unit, UnitName: c.unitName(k.unit), Change: Removed, From: old[k]})
		}
	}
	return list
}

// years compares every year.
func (c *comparer) years() {
	old := map[int]*figures.YearFigures{}
	for _, y := range c.old.Figures.Years {
		old[y.Year] = y
	}
	for _, y := range c.new.Figures.Years {
		from := old[y.Year]
		delete(old, y.Year)
		if e := c.year(from, y); e != nil {
			c.r.Years = append(c.r.Years, e)
		}
	}
	for _, y := range old {
		c.r.Years = append(c.r.Years, c.year(y, nil))
	}
	slices.SortFunc(c.r.Years, func(a, b *Entry) int { return a.Year - b.Year })
}

// year compares a year on both sides, either of which may be nil; it
// returns nil when nothing changed.
func (c *comparer) year(from, to *figures.YearFigures) *Entry {
	e := &Entry{Change: Changed}
	var fromTotals, toTotals *figures.Totals
	var fromYear, toYear *content.Year
	switch {
	case from == nil:
		e.Year, e.Change = to.Year, Added
	case to == nil:
		e.Year, e.Change = from.Year, Removed
	default:
		e.Year = to.Year
	}
	e.ID = strconv.Itoa(e.Year)
	e.Name = e.ID
	if from != nil {
		fromTotals, fromYear = &from.Totals, from.Content
	}
	if to != nil {
		toTotals, toYear = &to.Totals, to.Content
	}
	e.Figures = c.totalsOf(fromTotals, toTotals, withUnits|withActivities)
	if fromYear != nil || toYear != nil {
		var zero content.Year
		f, t := fromYear, toYear
		if f == nil {
			f = &zero
		}
		if t == nil {
			t = &zero
		}
		if f != t {
			e.Settings = settings(
				setting("file", present(fromYear != nil, 0).word(), present(toYear != nil, 0).word()),
				setting("head", c.refs([]content.Ref{f.Head}, true), c.refs([]content.Ref{t.Head}, false)),
				setting("deputies", c.refs(f.Deputies, true), c.refs(t.Deputies, false)),
				setting("conference", c.conference(f.Conference), c.conference(t.Conference)),
			)
			e.Texts = texts(
				text("motto", f.Motto, t.Motto),
				text("plan", f.Plan, t.Plan),
				text("summary", f.Summary, t.Summary),
				conferencePlace(f.Conference, t.Conference),
			)
			e.Awards = c.awards(f.Awards, t.Awards)
		}
	}
	if e.Change == Changed && len(e.Figures) == 0 && len(e.Settings) == 0 && len(e.Texts) == 0 && len(e.Awards) == 0 {
		return nil
	}
	return e
}

// word says whether a year's file exists, for the "file" setting.
func (a amount) word() string {
	if a.known {
		return "yes"
	}
	return "no"
}

// conference writes the date of a year's conference, "" when none.
func (c *comparer) conference(k *content.Conference) string {
	if k == nil {
		return ""
	}
	return c.date(k.Date)
}

func conferencePlace(from, to *content.Conference) string {
	var f, t content.Text
	if from != nil {
		f = from.Place
	}
	if to != nil {
		t = to.Place
	}
	return text("conference place", f, t)
}

// awards compares a year's awards, found by title (the n-th of a title
// with the n-th).
func (c *comparer) awards(from, to []content.Award) []Award {
	key := func(list []content.Award) []string {
		seen := map[string]int{}
		keys := make([]string, len(list))
		for i, a := range list {
			seen[a.Title.Value]++
			keys[i] = a.Title.Value + "\x00" + strconv.Itoa(seen[a.Title.Value])
		}
		return keys
	}
	fromKeys, toKeys := key(from), key(to)
	oldAt := map[string]int{}
	for i, k := range fromKeys {
		oldAt[k] = i
	}
	var list []Award
	for i, k := range toKeys {
		t := &to[i]
		j, ok := oldAt[k]
		if !ok {
			list = append(list, Award{Title: t.Title.Value, Change: Added, UnitsAdded: c.unitNames(t.Units, false)})
			continue
		}
		delete(oldAt, k)
		f := &from[j]
		a := Award{Title: t.Title.Value, Change: Changed}
		a.Settings = settings(
			setting("grantor", f.Grantor.Value, t.Grantor.Value),
			setting("status", f.Status.Value, t.Status.Value),
		)
		oldUnits := map[string]bool{}
		for _, r := range f.Units {
			oldUnits[c.newUnitID(r.ID)] = true
		}
		newUnits := map[string]bool{}
		for _, r := range t.Units {
			newUnits[r.ID] = true
			if !oldUnits[r.ID] {
				a.UnitsAdded = append(a.UnitsAdded, c.unitName(r.ID))
			}
		}
		for _, r := range f.Units {
			if id := c.newUnitID(r.ID); !newUnits[id] {
				a.UnitsRemoved = append(a.UnitsRemoved, c.unitName(id))
			}
		}
		if len(a.Settings) > 0 || len(a.UnitsAdded) > 0 || len(a.UnitsRemoved) > 0 {
			list = append(list, a)
		}
	}
	for i, k := range fromKeys {
		if _, gone := oldAt[k]; gone {
			list = append(list, Award{Title: from[i].Title.Value, Change: Removed, UnitsRemoved: c.unitNames(from[i].Units, true)})
		}
	}
	return list
}

// unitNames returns the names of the units refs name.
func (c *comparer) unitNames(refs []content.Ref, old bool) []string {
	names := make([]string, len(refs))
	for i, r := range refs {
		id := r.ID
		if old {
			id = c.newUnitID(id)
		}
		names[i] = c.unitName(id)
	}
	return names
}
