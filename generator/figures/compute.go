package figures

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"reportsite/generator/content"
)

// otherCategory is where activities without a category are counted.
const otherCategory = "other"

// Compute derives the figures of validated content. It does not change c,
// and its work grows linearly with the content: each contribution is
// visited once per figure it adds to, and each unit once per year.
func Compute(c *content.Content) *Figures {
	f := &Figures{
		years:      map[int]*YearFigures{},
		units:      map[string]*UnitFigures{},
		activities: map[string]*ActivityFigures{},
	}
	units := slices.Clone(c.Units)
	slices.SortFunc(units, func(a, b *content.Unit) int { return strings.Compare(a.ID, b.ID) })
	unitByID := make(map[string]*content.Unit, len(units))
	for _, u := range units {
		if _, dup := unitByID[u.ID]; dup {
			continue
		}
		unitByID[u.ID] = u
		uf := &UnitFigures{Unit: u}
		f.Units = append(f.Units, uf)
		f.units[u.ID] = uf
	}

	f.collectYears(c)
	for _, a := range c.Activities {
		if _, dup := f.activities[a.ID]; dup {
			continue
		}
		af := activityFigures(a, unitByID)
		f.Activities = append(f.Activities, af)
		f.activities[a.ID] = af
	}
	slices.SortStableFunc(f.Activities, compareActivities)

	for _, af := range f.Activities {
		if y := f.years[af.Year]; y != nil {
			y.Activities = append(y.Activities, af)
		}
		for _, o := range af.Organisers {
			f.units[o.ID].Organised = append(f.units[o.ID].Organised, af)
		}
		for _, ev := range af.Events {
			for _, p := range ev.Placings {
				f.units[p.Unit.ID].Placings = append(f.units[p.Unit.ID].Placings, p)
			}
		}
	}

	var given, received tally
	for _, y := range f.Years {
		f.yearFigures(y)
		f.Totals.Money += y.Totals.Money
		f.Totals.Participants += y.Totals.Participants
		f.Totals.Activities += y.Totals.Activities
		f.Totals.RecipientsValue += y.Totals.RecipientsValue
		given.add(y.Totals.Items)
		received.add(y.Totals.RecipientItems)
	}
	f.Totals.Items = given.list()
	f.Totals.RecipientItems = received.list()

	for _, uf := range f.Units {
		var items tally
		for _, uy := range uf.Years {
			uf.Money += uy.Money
			uf.Participants += uy.Participants
			uf.Activities += uy.Activities
			items.add(uy.Items)
			uf.Contributions = append(uf.Contributions, uy.Contributions...)
		}
		uf.Items = items.list()
		if uf.Activities > 0 {
			f.Totals.Units++
		}
	}
	return f
}

// collectYears creates the figures of every year that has a file or
// activities, ascending, with the year's file, head, deputies, awards and
// roles resolved.
func (f *Figures) collectYears(c *content.Content) {
	files := map[int]*content.Year{}
	for _, y := range c.Years {
		n, ok := yearOf(y)
		if !ok {
			continue
		}
		if _, dup := files[n]; !dup {
			files[n] = y
		}
	}
	numbers := make([]int, 0, len(files))
	for n := range files {
		numbers = append(numbers, n)
	}
	for _, a := range c.Activities {
		if a.Year.Set() {
			numbers = append(numbers, int(a.Year.Value))
		}
	}
	slices.Sort(numbers)
	numbers = slices.Compact(numbers)

	for _, n := range numbers {
		y := &YearFigures{Year: n, Content: files[n], Next: files[n+1]}
		f.Years = append(f.Years, y)
		f.years[n] = y
		if y.Content == nil {
			continue
		}
		roles := map[string]*Role{}
		role := func(id string) *Role {
			r := roles[id]
			if r == nil {
				r = &Role{Year: n}
				roles[id] = r
				uf := f.units[id]
				uf.Roles = append(uf.Roles, r)
			}
			return r
		}
		if uf := f.units[y.Content.Head.ID]; uf != nil {
			y.Head = uf.Unit
			role(uf.Unit.ID).Head = true
		}
		for _, d := range y.Content.Deputies {
			if uf := f.units[d.ID]; uf != nil {
				y.Deputies = append(y.Deputies, uf.Unit)
				role(uf.Unit.ID).Deputy = true
			}
		}
		for i := range y.Content.Awards {
			aw := &AwardFigures{Award: &y.Content.Awards[i], Year: n}
			for _, ref := range aw.Award.Units {
				uf := f.units[ref.ID]
				if uf == nil || slices.Contains(aw.Units, uf.Unit) {
					continue
				}
				aw.Units = append(aw.Units, uf.Unit)
				r := role(uf.Unit.ID)
				r.Awards = append(r.Awards, aw)
			}
			y.Awards = append(y.Awards, aw)
		}
	}
}

// yearOf returns the year a years/ file is about: its year: field, or
// its file name when the field is missing.
func yearOf(y *content.Year) (int, bool) {
	if y.Year.Set() {
		return int(y.Year.Value), true
	}
	n, err := strconv.Atoi(y.ID)
	return n, err == nil
}

// activityFigures adds up one activity on its own.
func activityFigures(a *content.Activity, unitByID map[string]*content.Unit) *ActivityFigures {
	af := &ActivityFigures{Activity: a, Category: a.Category.Value}
	if a.Year.Set() {
		af.Year = int(a.Year.Value)
	}
	if af.Category == "" {
		af.Category = otherCategory
	}
	for _, ref := range a.Organisers {
		if u := unitByID[ref.ID]; u != nil && !slices.Contains(af.Organisers, u) {
			af.Organisers = append(af.Organisers, u)
		}
	}

	var given tally
	seen := map[string]bool{}
	for i := range a.Contributions {
		src := &a.Contributions[i]
		u := unitByID[src.Unit.ID]
		if u == nil {
			continue
		}
		c := &Contribution{
			Activity:     a,
			Unit:         u,
			Participants: src.Participants.Value,
			Money:        src.Money.Value,
			Items:        itemsOf(src.Items),
			Source:       src,
		}
		c.Staff, c.StaffKnown = u.StaffIn(af.Year)
		c.Rate = Rate{Part: c.Participants, Staff: c.Staff}
		af.Contributions = append(af.Contributions, c)
		af.Totals.Money += c.Money
		af.Totals.Participants += c.Participants
		given.add(c.Items)
		if !seen[u.ID] {
			seen[u.ID] = true
			af.Totals.Units++
		}
	}
	af.Totals.Items = given.list()
	af.Totals.Activities = 1

	var received tally
	for i := range a.Recipients {
		src := &a.Recipients[i]
		r := Recipient{Name: src.Name.Value, Value: src.Value.Value, Items: itemsOf(src.Items), Source: src}
		af.Recipients = append(af.Recipients, r)
		af.Totals.RecipientsValue += r.Value
		received.add(r.Items)
	}
	af.Totals.RecipientItems = received.list()

	event := map[string]int{}
	for _, res := range a.Results {
		u := unitByID[res.Unit.ID]
		if u == nil {
			continue
		}
		name := res.Event.Value
		i, ok := event[name]
		if !ok {
			i = len(af.Events)
			event[name] = i
			af.Events = append(af.Events, EventResults{Event: name})
		}
		af.Events[i].Placings = append(af.Events[i].Placings, &Placing{Activity: a, Event: name, Place: res.Place.Value, Unit: u})
	}
	for _, ev := range af.Events {
		slices.SortStableFunc(ev.Placings, func(p, q *Placing) int { return cmp.Compare(p.Place, q.Place) })
	}
	return af
}

// compareActivities orders activities by year, then date with undated
// ones last, then ID.
func compareActivities(a, b *ActivityFigures) int {
	if c := cmp.Compare(a.Year, b.Year); c != 0 {
		return c
	}
	ad, bd := a.Activity.Date, b.Activity.Date
	switch {
	case ad.Set() && !bd.Set():
		return -1
	case !ad.Set() && bd.Set():
		return 1
	case ad.Set() && bd.Set():
		if c := ad.Time.Compare(bd.Time); c != 0 {
			return c
		}
	}
	return strings.Compare(a.Activity.ID, b.Activity.ID)
}

// yearFigures adds up year y from its activities, which are already in
// place: its totals, each unit's year and the categories.
func (f *Figures) yearFigures(y *YearFigures) {
	if len(y.Activities) == 0 {
		return
	}
	y.Units = make([]*UnitYear, len(f.Units))
	unitYear := make(map[string]*UnitYear, len(f.Units))
	for i, uf := range f.Units {
		uy := &UnitYear{Year: y.Year, Unit: uf.Unit}
		uy.Staff, uy.StaffKnown = uf.Unit.StaffIn(y.Year)
		y.Units[i] = uy
		unitYear[uf.Unit.ID] = uy
		uf.Years = append(uf.Years, uy)
	}

	byCategory := map[string]*CategoryCount{}
	categoryItems := map[string]*tally{}
	unitItems := map[string]*tally{}
	var given, received tally
	for _, af := range y.Activities {
		y.Totals.Money += af.Totals.Money
		y.Totals.Participants += af.Totals.Participants
		y.Totals.RecipientsValue += af.Totals.RecipientsValue
		given.add(af.Totals.Items)
		received.add(af.Totals.RecipientItems)

		cc := byCategory[af.Category]
		if cc == nil {
			cc = &CategoryCount{Category: af.Category}
			byCategory[af.Category] = cc
			categoryItems[af.Category] = &tally{}
		}
		cc.Activities++
		cc.Money += af.Totals.Money
		cc.Participants += af.Totals.Participants
		categoryItems[af.Category].add(af.Totals.Items)

		for _, c := range af.Contributions {
			uy := unitYear[c.Unit.ID]
			uy.Money += c.Money
			uy.Participants += c.Participants
			uy.Peak = max(uy.Peak, c.Participants)
			if n := len(uy.Contributions); n == 0 || uy.Contributions[n-1].Activity != af.Activity {
				uy.Activities++
			}
			uy.Contributions = append(uy.Contributions, c)
			if len(c.Items) > 0 {
				t := unitItems[c.Unit.ID]
				if t == nil {
					t = &tally{}
					unitItems[c.Unit.ID] = t
				}
				t.add(c.Items)
			}
		}
	}
	y.Totals.Activities = len(y.Activities)
	y.Totals.Items = given.list()
	y.Totals.RecipientItems = received.list()
	for _, uy := range y.Units {
		uy.PeakRate = Rate{Part: uy.Peak, Staff: uy.Staff}
		if t := unitItems[uy.Unit.ID]; t != nil {
			uy.Items = t.list()
		}
		if uy.Activities > 0 {
			y.Totals.Units++
		}
	}
	for _, name := range categoryOrder(byCategory) {
		cc := byCategory[name]
		cc.Items = categoryItems[name].list()
		y.ByCategory = append(y.ByCategory, *cc)
	}
}

// categoryOrder returns the categories present, in the order of
// content.Categories, then any others sorted.
func categoryOrder(present map[string]*CategoryCount) []string {
	var order, rest []string
	for _, c := range content.Categories {
		if present[c] != nil {
			order = append(order, c)
		}
	}
	for c := range present {
		if !slices.Contains(content.Categories, c) {
			rest = append(rest, c)
		}
	}
	slices.Sort(rest)
	return append(order, rest...)
}

// sortedUnits returns a sorted copy of units: by cmp, then by the name
// shown, then by ID.
func sortedUnits(units []*UnitYear, by func(a, b *UnitYear) int) []*UnitYear {
	sorted := slices.Clone(units)
	slices.SortFunc(sorted, func(a, b *UnitYear) int {
		if c := by(a, b); c != 0 {
			return c
		}
		if c := strings.Compare(a.Unit.DisplayName(), b.Unit.DisplayName()); c != 0 {
			return c
		}
		return strings.Compare(a.Unit.ID, b.Unit.ID)
	})
	return sorted
}

// tally sums items by kind, keeping the sums sorted by kind. The zero
// tally is ready to use. A sorted slice rather than a map: sites have a
// handful of kinds, and most tallies hold one or two, so a map per unit,
// year and activity would cost more than it saves.
type tally struct {
	items []ItemCount
}

func (t *tally) add(items []ItemCount) {
	for _, it := range items {
		t.addOne(it.Kind, it.Count)
	}
}

func (t *tally) addOne(kind string, n int64) {
	i, found := slices.BinarySearchFunc(t.items, kind, func(it ItemCount, k string) int { return strings.Compare(it.Kind, k) })
	if found {
		t.items[i].Count += n
		return
	}
	t.items = slices.Insert(t.items, i, ItemCount{Kind: kind, Count: n})
}

// list returns the sums sorted by kind, nil when there are none.
func (t *tally) list() []ItemCount {
	if len(t.items) == 0 {
		return nil
	}
	return slices.Clip(t.items)
}

// itemsOf returns items as written, summed by kind and sorted by kind.
func itemsOf(counts []content.Count) []ItemCount {
	if len(counts) == 0 {
		return nil
	}
	t := tally{items: make([]ItemCount, 0, len(counts))}
	for _, c := range counts {
		t.addOne(c.Kind, c.Count.Value)
	}
	return t.list()
}

func itemCount(items []ItemCount, kind string) int64 {
	for _, it := range items {
		if it.Kind == kind {
			return it.Count
		}
	}
	return 0
}

func kinds(items []ItemCount) []string {
	if len(items) == 0 {
		return nil
	}
	ks := make([]string, len(items))
	for i, it := range items {
		ks[i] = it.Kind
	}
	return ks
}
