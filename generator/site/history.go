package site

import (
	"time"

	"reportsite/generator/address"
	"reportsite/generator/content"
	"reportsite/generator/editlink"
	"reportsite/generator/figures"
	"reportsite/generator/history"
	"reportsite/generator/view"
)

// This file is what the site takes from git: the day each page's content
// last changed (history) and the "edit this page" links (editlink).
//
// A page's day is the newest of the days of the files it is built from:
//
//   - an activity's page: its YAML and its .md narrative;
//   - a year's page: its years/<year>.yaml, the year's activities (YAML
//     and .md), and the next year's file, whose plan it shows;
//   - a unit's page: its units/<id>.yaml, every activity it contributed
//     to, organised or placed in, and the year files that name it head,
//     deputy or awardee;
//   - the home page and the lists of units and activities: every file,
//     site.yaml included;
//   - 404.html: none.
//
// When any of those files has no day (changes not committed, never
// committed, or no history at all), the page has none.

// fromGit is what a builder takes from git.
type fromGit struct {
	// hist is the content's git history, nil when not read; updated holds
	// the day each page last changed, by path.
	hist    *history.History
	updated map[string]time.Time
	// editForm makes "edit this page" links, nil for none; editPrefix is
	// the content folder's path in the repository, ending with "/".
	editForm   *editlink.Form
	editPrefix string
}

// readHistory reads the history of the content folder when opts asks
// for it. The error is a notice for the user: the dates were left out.
func readHistory(opts Options) (*history.History, error) {
	if opts.History != nil {
		return opts.History, nil
	}
	if !opts.GitInfo {
		return nil, nil
	}
	cache := opts.HistoryCache
	if cache == "" {
		cache = HistoryCacheDir(opts.Content)
	}
	r := history.Reader{CacheDir: cache}
	return r.Read(opts.Content)
}

// notice tells opts.Notice of err, when there is one.
func notice(opts Options, err error) {
	if err != nil && opts.Notice != nil {
		opts.Notice(err.Error())
	}
}

// changed is the newest day of a set of files, and whether every one of
// them has a day.
type changed struct {
	day     time.Time
	files   int
	unknown bool
}

func (c *changed) add(o changed) {
	c.files += o.files
	c.unknown = c.unknown || o.unknown
	if o.day.After(c.day) {
		c.day = o.day
	}
}

// known returns the day, and whether there is one.
func (c changed) known() (time.Time, bool) {
	return c.day, c.files > 0 && !c.unknown
}

// dates works out the day of every page, by its path, before any page is
// made: pages are made in any order, and the sitemap needs them all.
func (b *builder) dates() {
	if b.hist == nil {
		return
	}
	b.updated = map[string]time.Time{}
	fileDay := func(file string) changed {
		if file == "" {
			return changed{}
		}
		rel, ok := content.RelPath(b.c.Dir, file)
		if !ok {
			return changed{files: 1, unknown: true}
		}
		d, ok := b.hist.Changed(rel)
		return changed{day: d, files: 1, unknown: !ok}
	}
	set := func(page string, c changed) {
		if d, ok := c.known(); ok {
			b.updated[page] = d
		}
	}
	var all changed
	all.add(fileDay(b.c.Site.File))

	activities := make(map[*content.Activity]changed, len(b.f.Activities))
	for _, a := range b.f.Activities {
		c := fileDay(a.Activity.File)
		c.add(fileDay(a.Activity.NarrativeFile))
		activities[a.Activity] = c
		set(address.Activity("", a.Activity.ID), c)
		all.add(c)
	}
	yearFiles := make(map[int]changed, len(b.c.Years))
	for _, y := range b.c.Years {
		c := fileDay(y.File)
		yearFiles[int(y.Year.Value)] = c
		all.add(c)
	}
	for _, y := range b.f.Years {
		c := yearFiles[y.Year]
		for _, a := range y.Activities {
			c.add(activities[a.Activity])
		}
		if y.Next != nil {
			c.add(fileDay(y.Next.File))
		}
		set(address.Year("", y.Year), c)
	}
	for _, u := range b.f.Units {
		c := fileDay(u.Unit.File)
		all.add(c)
		for _, k := range u.Contributions {
			c.add(activities[k.Activity])
		}
		for _, a := range u.Organised {
			c.add(activities[a.Activity])
		}
		for _, p := range u.Placings {
			c.add(activities[p.Activity])
		}
		for _, r := range u.Roles {
			c.add(yearFiles[r.Year])
		}
		set(address.Unit("", u.Unit.ID), c)
	}
	set(address.Home(""), all)
	set(address.Units(""), all)
	set(address.Activities(""), all)
}

// stamp puts the day the page at name last changed on its layout, in the
// site's language and as YYYY-MM-DD, when it has one.
func (b *builder) stamp(l *view.Layout, name string) {
	if d, ok := b.updated[name]; ok {
		l.Updated = b.r.Locale.Date(d)
		l.UpdatedISO = d.Format(time.DateOnly)
	}
}

// lastmod returns the sitemap's lastmod element of the page at name, or
// "" when it has no day.
func (b *builder) lastmod(name string) string {
	if d, ok := b.updated[name]; ok {
		return "<lastmod>" + d.Format(time.DateOnly) + "</lastmod>"
	}
	return ""
}

// editLinks sets how "edit this page" links are made: their form, from
// site.yaml, and the content folder's place in the repository, from git
// when it was asked, else taken to be dir under the working folder (see
// editDir).
func (b *builder) editLinks(dir string) {
	form, ok := editlink.New(b.c.Site)
	if !ok {
		return
	}
	switch {
	case b.hist != nil:
		b.editPrefix = b.hist.Prefix
	case editDir(dir) == "":
		return // not known
	case editDir(dir) != ".":
		b.editPrefix = editDir(dir) + "/"
	}
	b.editForm = &form
}

// edit returns the "edit this page" address of a content file, or "".
func (b *builder) edit(file string) string {
	if b.editForm == nil || file == "" {
		return ""
	}
	rel, ok := content.RelPath(b.c.Dir, file)
	if !ok {
		return ""
	}
	return b.editForm.Link(b.editPrefix + rel)
}

// activitySource is the file an activity's page is edited in: its .md
// narrative when it has one, where most of the page's text is, else its
// YAML.
func activitySource(a *figures.ActivityFigures) string {
	if a.Activity.NarrativeFile != "" {
		return a.Activity.NarrativeFile
	}
	return a.Activity.File
}
