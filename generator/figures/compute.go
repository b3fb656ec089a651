package figures

import (
	"bytes"
	"cmp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"reportsite/generator/content"
	"reportsite/generator/locale"
	"reportsite/generator/parallel"
)

// otherCategory is where activities without a category are counted.
const otherCategory = "other"

// Compute derives the figures of validated content. It does not change c,
// and its work grows linearly with the content: each contribution is
// visited twice, once for its activity and once for its unit's year, and
// each unit once per year. The activities are added up on every
// processor at once.
//
// Lists that Compute fills in one go may share arrays: a unit's
// contributions of a year are part of its contributions of all years.
// Every list is clipped to its length, so appending to one copies it.
func Compute(c *content.Content) *Figures {
	f := &Figures{
		years:      map[int]*YearFigures{},
		units:      make(map[string]*UnitFigures, len(c.Units)),
		activities: make(map[string]*ActivityFigures, len(c.Activities)),
	}
	units := slices.Clone(c.Units)
	slices.SortFunc(units, func(a, b *content.Unit) int { return strings.Compare(a.ID, b.ID) })
	b := &builder{f: f, unitIndex: make(map[string]int, len(units))}
	unitFigures := make([]UnitFigures, 0, len(units))
	for _, u := range units {
		if _, dup := b.unitIndex[u.ID]; dup {
			continue
		}
		b.unitIndex[u.ID] = len(f.Units)
		unitFigures = append(unitFigures, UnitFigures{Unit: u})
		uf := &unitFigures[len(unitFigures)-1]
		f.Units = append(f.Units, uf)
		f.units[u.ID] = uf
	}

	names := make([]string, len(f.Units))
	for i, uf := range f.Units {
		names[i] = uf.Unit.DisplayName()
	}
	for i, key := range locale.NameKeys(c.Site.Lang(), names) {
		f.Units[i].nameKey = key
	}

	f.collectYears(c)
	activityFigures := make([]ActivityFigures, 0, len(c.Activities))
	for _, a := range c.Activities {
		if _, dup := f.activities[a.ID]; dup {
			continue
		}
		activityFigures = append(activityFigures, ActivityFigures{Activity: a})
		af := &activityFigures[len(activityFigures)-1]
		if a.Year.Set() {
			af.Year = int(a.Year.Value)
		}
		f.Activities = append(f.Activities, af)
		f.activities[a.ID] = af
	}
	sortActivities(f.Activities)

	b.startYears()
	b.activities()
	for _, af := range f.Activities {
		for _, o := range af.Organisers {
			f.units[o.ID].Organised = append(f.units[o.ID].Organised, af)
		}
		for _, ev := range af.Events {
			for _, p := range ev.Placings {
				f.units[p.Unit.ID].Placings = append(f.units[p.Unit.ID].Placings, p)
			}
		}
	}
	b.unitLists()
	b.unitYears()

	var given, received tally
	for _, y := range f.Years {
		f.Totals.Money += y.Totals.Money
		f.Totals.Participants += y.Totals.Participants
		f.Totals.Activities += y.Totals.Activities
		f.Totals.RecipientsValue += y.Totals.RecipientsValue
		given.add(y.Totals.Items)
		received.add(y.Totals.RecipientItems)
	}
	f.Totals.setItems(given.list())
	f.Totals.RecipientItems = received.list()

	for _, uf := range f.Units {
		var items tally
		for _, uy := range uf.Years {
			uf.Money += uy.Money
			uf.Participants += uy.Participants
			uf.Activities += uy.Activities
			items.add(uy.Items)
		}
		uf.setItems(items.list())
		if uf.Activities > 0 {
			f.Totals.Units++
		}
	}
	return f
}

// builder holds what Compute looks up and adds up on its way through the
// activities.
type builder struct {
	f *Figures
	// unitIndex is the place of each unit in f.Units, by ID; the slices
	// below that are by unit are in that order.
	unitIndex map[string]int
	// years holds what is added up for each year with activities, in
	// the order of f.Years, and byYear the same by year.
	years  []*yearSums
	byYear map[int]*yearSums
}

// yearSums is what a year's activities add up to per unit.
type yearSums struct {
	year  *YearFigures
	index int        // the place in builder.years
	units []UnitYear // by unit
	items []tally    // the units' items, by unit
	count []int      // the units' contributions, by unit
}

// startYears puts each activity in its year and gives every unit its
// empty figures for every year with activities.
func (b *builder) startYears() {
	f := b.f
	active := 0
	for _, af := range f.Activities {
		if y := f.years[af.Year]; y != nil {
			y.Activities = append(y.Activities, af)
		}
	}
	for _, y := range f.Years {
		if len(y.Activities) > 0 {
			active++
		}
	}
	if active == 0 {
		return
	}
	b.byYear = make(map[int]*yearSums, active)
	unitYears := make([]*UnitYear, len(f.Units)*active)
	for i, uf := range f.Units {
		uf.Years = unitYears[i*active : i*active : (i+1)*active]
	}
	for _, y := range f.Years {
		if len(y.Activities) == 0 {
			continue
		}
		ys := &yearSums{
			year:  y,
			index: len(b.years),
			units: make([]UnitYear, len(f.Units)),
			items: make([]tally, len(f.Units)),
			count: make([]int, len(f.Units)),
		}
		b.years = append(b.years, ys)
		b.byYear[y.Year] = ys
		y.Units = make([]*UnitYear, len(f.Units))
		for i, uf := range f.Units {
			uy := &ys.units[i]
			uy.Year, uy.Unit, uy.nameKey = y.Year, uf.Unit, uf.nameKey
			uy.Staff, uy.StaffKnown = uf.Unit.StaffIn(y.Year)
			y.Units[i] = uy
			uf.Years = append(uf.Years, uy)
		}
	}
}

// activityBatch is how many activities a goroutine adds up at a time.
const activityBatch = 64

// activities adds up every activity on its own, the activities shared
// out among as many goroutines as there are processors. Each activity's
// figures are its own, and what the goroutines share they only read.
func (b *builder) activities() {
	all := b.f.Activities
	var mu sync.Mutex
	var workers []*activityWorker
	parallel.For((len(all)+activityBatch-1)/activityBatch, func() func(int) {
		w := &activityWorker{b: b, seen: make([]int, len(b.f.Units)), count: make([][]int, len(b.years))}
		for i := range w.count {
			w.count[i] = make([]int, len(b.f.Units))
		}
		mu.Lock()
		workers = append(workers, w)
		mu.Unlock()
		return func(batch int) {
			for i := batch * activityBatch; i < min((batch+1)*activityBatch, len(all)); i++ {
				w.activity(all[i], i+1)
			}
		}
	})
	for _, w := range workers {
		for i, ys := range b.years {
			for unit, n := range w.count[i] {
				ys.count[unit] += n
			}
		}
	}
}

// activityWorker adds up activities on one goroutine.
type activityWorker struct {
	b *builder
	// seen is, for each unit, the last activity it contributed to,
	// numbered from 1 in the order of f.Activities.
	seen []int
	// count is, by year of builder.years and by unit, how many
	// contributions the worker met.
	count [][]int
}

// activity adds up af, the nth of f.Activities counted from 1, on its own.
func (w *activityWorker) activity(af *ActivityFigures, n int) {
	b, a := w.b, af.Activity
	af.Category = a.Category.Value
	if af.Category == "" {
		af.Category = otherCategory
	}
	for _, ref := range a.Organisers {
		if i, ok := b.unitIndex[ref.ID]; ok {
			if u := b.f.Units[i].Unit; !slices.Contains(af.Organisers, u) {
				af.Organisers = append(af.Organisers, u)
			}
		}
	}
	ys := b.byYear[af.Year]

	// The activity's contributions, and all its items, share one array
	// each.
	nItems := 0
	for i := range a.Contributions {
		nItems += len(a.Contributions[i].Items)
	}
	for i := range a.Recipients {
		nItems += len(a.Recipients[i].Items)
	}
	items := make([]ItemCount, 0, nItems)
	var contributions []Contribution
	var given tally
	for i := range a.Contributions {
		src := &a.Contributions[i]
		unit, ok := b.unitIndex[src.Unit.ID]
		if !ok {
			continue
		}
		if contributions == nil {
			contributions = make([]Contribution, 0, len(a.Contributions)-i)
			af.Contributions = make([]*Contribution, 0, len(a.Contributions)-i)
		}
		u := b.f.Units[unit].Unit
		contributions = append(contributions, Contribution{
			Activity:     a,
			Unit:         u,
			Participants: src.Participants.Value,
			Money:        src.Money.Value,
			Source:       src,
			unit:         unit,
		})
		c := &contributions[len(contributions)-1]
		c.Items, items = w.itemsOf(src.Items, items)
		c.AllItems = allItems(c.Items)
		if ys == nil {
			c.Staff, c.StaffKnown = u.StaffIn(af.Year)
		} else {
			uy := &ys.units[unit]
			c.Staff, c.StaffKnown = uy.Staff, uy.StaffKnown
			w.count[ys.index][unit]++
		}
		c.Rate = Rate{Part: c.Participants, Staff: c.Staff}
		af.Contributions = append(af.Contributions, c)
		af.Totals.Money += c.Money
		af.Totals.Participants += c.Participants
		given.add(c.Items)
		if w.seen[unit] != n {
			w.seen[unit] = n
			af.Totals.Units++
		}
	}
	af.Totals.setItems(given.list())
	af.Totals.Activities = 1

	var received tally
	if len(a.Recipients) > 0 {
		af.Recipients = make([]Recipient, len(a.Recipients))
	}
	for i := range a.Recipients {
		src := &a.Recipients[i]
		r := &af.Recipients[i]
		*r = Recipient{Name: src.Name.Value, Value: src.Value.Value, Source: src}
		r.Items, items = w.itemsOf(src.Items, items)
		af.Totals.RecipientsValue += r.Value
		received.add(r.Items)
	}
	af.Totals.RecipientItems = received.list()

	if len(a.Results) > 0 {
		w.results(af)
	}
}

// results groups the placings of af by event, placings by place.
func (w *activityWorker) results(af *ActivityFigures) {
	a := af.Activity
	event := map[string]int{}
	for _, res := range a.Results {
		unit, ok := w.b.unitIndex[res.Unit.ID]
		if !ok {
			continue
		}
		name := res.Event.Value
		i, ok := event[name]
		if !ok {
			i = len(af.Events)
			event[name] = i
			af.Events = append(af.Events, EventResults{Event: name})
		}
		af.Events[i].Placings = append(af.Events[i].Placings, &Placing{Activity: a, Event: name, Place: res.Place.Value, Unit: w.b.f.Units[unit].Unit})
	}
	for _, ev := range af.Events {
		slices.SortStableFunc(ev.Placings, func(p, q *Placing) int { return cmp.Compare(p.Place, q.Place) })
	}
}

// unitYears adds up each unit's year, with its list of contributions
// and its categories, and each year's totals and categories, from the
// figures of its activities, a year per goroutine.
func (b *builder) unitYears() {
	parallel.For(len(b.years), func() func(int) {
		seen := make([]*ActivityFigures, len(b.f.Units))
		return func(i int) {
			ys := b.years[i]
			yearTotals(ys.year)
			// Each unit's categories, in the order of the year's, in
			// one array: unit u's are at u*nc to (u+1)*nc.
			nc := len(ys.year.ByCategory)
			category := make(map[string]int, nc)
			for j, cc := range ys.year.ByCategory {
				category[cc.Category] = j
			}
			byCategory := make([]CategoryCount, len(ys.units)*nc)
			categoryItems := make([]tally, len(ys.units)*nc)
			for _, af := range ys.year.Activities {
				cat := category[af.Category]
				for _, c := range af.Contributions {
					uy := &ys.units[c.unit]
					cc := &byCategory[c.unit*nc+cat]
					uy.Money += c.Money
					uy.Participants += c.Participants
					uy.Peak = max(uy.Peak, c.Participants)
					cc.Money += c.Money
					cc.Participants += c.Participants
					if seen[c.unit] != af {
						seen[c.unit] = af
						uy.Activities++
						cc.Activities++
					}
					ys.items[c.unit].add(c.Items)
					categoryItems[c.unit*nc+cat].add(c.Items)
					uy.Contributions = append(uy.Contributions, c)
				}
			}
			for i := range ys.units {
				uy := &ys.units[i]
				uy.PeakRate = Rate{Part: uy.Peak, Staff: uy.Staff}
				uy.setItems(ys.items[i].list())
				uy.PerActivity = uy.Contributions
				if len(uy.Contributions) > uy.Activities {
					uy.PerActivity = perActivity(uy.Contributions)
				}
				if uy.Activities > 0 {
					ys.year.Totals.Units++
				}
				// The unit's categories with activities, moved to the
				// start of its part of the array.
				start, n := i*nc, 0
				for j := range nc {
					cc := &byCategory[start+j]
					if cc.Activities == 0 {
						continue
					}
					cc.Category = ys.year.ByCategory[j].Category
					cc.setItems(categoryItems[start+j].list())
					byCategory[start+n] = *cc
					n++
				}
				if n > 0 {
					uy.ByCategory = byCategory[start : start+n : start+n]
				}
			}
		}
	})
}

// perActivity returns a unit's contributions of a year with those to the
// same activity, which follow one another, added up into one.
func perActivity(cs []*Contribution) []*Contribution {
	out := make([]*Contribution, 0, len(cs))
	for i := 0; i < len(cs); {
		j := i + 1
		for j < len(cs) && cs[j].Activity == cs[i].Activity {
			j++
		}
		if j == i+1 {
			out = append(out, cs[i])
			i = j
			continue
		}
		sum := *cs[i]
		var items tally
		items.add(sum.Items)
		for _, c := range cs[i+1 : j] {
			sum.Money += c.Money
			sum.Participants += c.Participants
			items.add(c.Items)
		}
		sum.Items = items.list()
		sum.AllItems = allItems(sum.Items)
		sum.Rate = Rate{Part: sum.Participants, Staff: sum.Staff}
		out = append(out, &sum)
		i = j
	}
	return slices.Clip(out)
}

// unitLists gives every unit, and every unit's year, its list of
// contributions, empty and as long as it will be. A unit's list holds its
// years' lists one after the other, in one array for all units.
func (b *builder) unitLists() {
	total := 0
	for _, ys := range b.years {
		for _, n := range ys.count {
			total += n
		}
	}
	all := make([]*Contribution, total)
	start := 0
	for i, uf := range b.f.Units {
		unitStart := start
		for _, ys := range b.years {
			if n := ys.count[i]; n > 0 {
				ys.units[i].Contributions = all[start : start : start+n]
				start += n
			}
		}
		if start > unitStart {
			uf.Contributions = all[unitStart:start:start]
		}
	}
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

// sortActivities sorts activities by year, then date with undated ones
// last, then ID. Their keys are read once into an array of their own, so
// that comparisons do not go back to the content. No two activities
// compare equal, as their IDs differ: the sort need not be stable.
func sortActivities(activities []*ActivityFigures) {
	type key struct {
		year    int
		undated bool
		sec     int64 // the date as in time.Time.Compare
		nsec    int
		id      string
		af      *ActivityFigures
	}
	keys := make([]key, len(activities))
	for i, af := range activities {
		date := af.Activity.Date
		keys[i] = key{year: af.Year, undated: !date.Set(), id: af.Activity.ID, af: af}
		if date.Set() {
			keys[i].sec, keys[i].nsec = date.Time.Unix(), date.Time.Nanosecond()
		}
	}
	slices.SortFunc(keys, func(a, b key) int {
		switch {
		case a.year != b.year:
			return cmp.Compare(a.year, b.year)
		case a.undated != b.undated:
			if a.undated {
				return 1
			}
			return -1
		case a.sec != b.sec:
			return cmp.Compare(a.sec, b.sec)
		case a.nsec != b.nsec:
			return cmp.Compare(a.nsec, b.nsec)
		}
		return strings.Compare(a.id, b.id)
	})
	for i, k := range keys {
		activities[i] = k.af
	}
}

// yearTotals adds up year y from its activities, whose figures are
// complete: its totals and its categories.
func yearTotals(y *YearFigures) {
	byCategory := map[string]*CategoryCount{}
	categoryItems := map[string]*tally{}
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
	}
	y.Totals.Activities = len(y.Activities)
	y.Totals.setItems(given.list())
	y.Totals.RecipientItems = received.list()
	for _, name := range categoryOrder(byCategory) {
		cc := byCategory[name]
		cc.setItems(categoryItems[name].list())
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
// shown in the site language's alphabetical order, then by ID.
func sortedUnits(units []*UnitYear, by func(a, b *UnitYear) int) []*UnitYear {
	sorted := slices.Clone(units)
	slices.SortFunc(sorted, func(a, b *UnitYear) int {
		if c := by(a, b); c != 0 {
			return c
		}
		if c := bytes.Compare(a.nameKey, b.nameKey); c != 0 {
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
// year and activity would cost more than it saves (docs/performance.md,
// "Tricks kept only where they are measured": with maps, aggregating the
// large fixture allocates 61% more and takes 40% longer).
type tally struct {
	items []ItemCount
}

func (t *tally) add(items []ItemCount) {
	for _, it := range items {
		t.addOne(it.Kind, it.Count)
	}
}

func (t *tally) addOne(kind string, n int64) {
	if len(t.items) <= shortTally {
		for i := range t.items {
			if t.items[i].Kind == kind {
				t.items[i].Count += n
				return
			}
		}
	}
	i, found := slices.BinarySearchFunc(t.items, kind, func(it ItemCount, k string) int { return strings.Compare(it.Kind, k) })
	if found {
		t.items[i].Count += n
		return
	}
	t.items = slices.Insert(t.items, i, ItemCount{Kind: kind, Count: n})
}

// shortTally is the length up to which a tally looks for a kind by going
// through its sums, before it searches them in order.
const shortTally = 8

// list returns the sums sorted by kind, nil when there are none.
func (t *tally) list() []ItemCount {
	if len(t.items) == 0 {
		return nil
	}
	return slices.Clip(t.items)
}

// itemsOf appends to list the items as written, summed by kind and
// sorted by kind, and returns them, nil when there are none, and the
// longer list.
func (w *activityWorker) itemsOf(counts []content.Count, list []ItemCount) ([]ItemCount, []ItemCount) {
	if len(counts) == 0 {
		return nil, list
	}
	t := tally{items: list[len(list) : len(list) : len(list)+len(counts)]}
	for _, c := range counts {
		t.addOne(c.Kind, c.Count.Value)
	}
	return t.items[:len(t.items):len(t.items)], list[:len(list)+len(t.items)]
}

// setItems sets g's items, and AllItems from them.
func (g *Given) setItems(items []ItemCount) {
	g.Items = items
	g.AllItems = allItems(items)
}

// allItems adds up items of every kind.
func allItems(items []ItemCount) int64 {
	var n int64
	for _, it := range items {
		n += it.Count
	}
	return n
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
