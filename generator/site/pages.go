package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"reportsite/generator/address"
	"reportsite/generator/charts"
	"reportsite/generator/chartscript"
	"reportsite/generator/content"
	"reportsite/generator/figures"
	"reportsite/generator/locale"
	"reportsite/generator/photos"
	"reportsite/generator/render"
	"reportsite/generator/search"
	"reportsite/generator/view"
)

// builder plans the files of one site.
type builder struct {
	c       *content.Content
	f       *figures.Figures
	r       *render.Renderer
	charts  *charts.Builder
	numbers template.JS
	baseURL string
	script  []byte // the chart script, when there are activities
	// searchScript is the search page's script; nil in a reportsite
	// built without it, for a site without activities.
	searchScript []byte
	// searchParts are the parts of the search index.
	searchParts []search.Part
	// notFoundRoot is Options.NotFoundRoot.
	notFoundRoot string
	plan         *Plan
	// description is the site's description, for pages without their own.
	description string
	// splitList is whether the list of activities only leads to each
	// year's own list, the site having too many for one page (lists.go).
	splitList bool
	fromGit   // page dates and edit links (history.go)
	// photos are the photos the activities show, by their name in the
	// content; photoCache makes their copies.
	photos     map[string]*photo
	photoCache *photos.Cache
}

func (b *builder) build() error {
	if err := b.planPhotos(); err != nil {
		return err
	}
	b.description = b.siteDescription()
	b.splitList = len(b.f.Activities) > wholeListActivities
	b.dates()
	b.home()
	b.years()
	b.unitPages()
	b.activityPages()
	b.searchPage()
	b.notFound()
	b.data()
	if err := b.assets(); err != nil {
		return err
	}
	if b.baseURL != "" {
		b.sitemap()
	}
	return nil
}

// layout starts the layout's view of the page written at name.
func (b *builder) layout(name, title string) view.Layout {
	l := view.Layout{
		Lang:         b.c.Site.Lang(),
		Title:        title,
		SiteTitle:    b.c.Site.Title.Value,
		Organisation: b.c.Site.Organisation.Value,
		Root:         address.Root(name),
	}
	if b.baseURL != "" {
		l.Canonical = address.Public(b.baseURL, name)
	}
	b.stamp(&l, name)
	return l
}

// add plans one file.
func (b *builder) add(e *Entry) {
	b.plan.Entries = append(b.plan.Entries, e)
}

// writeLater plans the page at path, written with template from the view
// that page makes when it is rendered, with its charts (nil for none),
// and described by the first of describe that has some plain text when it
// has no description of its own. Under serve most pages are never asked
// for, so planning one does as little as it can.
func (b *builder) writeLater(template, path string, page func() (*view.Page, error), charts func() []*charts.Chart, describe ...content.Text) {
	b.plan.pages++
	b.add(&Entry{Path: path, Template: template, counted: true, make: func(w *worker) ([]byte, int, error) {
		return b.renderPage(&w.buf, template, path, page, charts, describe)
	}})
}

// writeData plans the CSV and the JSON file of d, both of the table that
// table builds. The table is made once for the two, and let go once both
// are made.
func (b *builder) writeData(d address.Data, table func() *table) {
	t := &sharedTable{make: table, left: 2}
	b.add(&Entry{Path: d.CSV(""), counted: true, make: func(w *worker) ([]byte, int, error) {
		w.data = t.get().appendCSV(w.data[:0])
		return w.data, 0, nil
	}})
	b.add(&Entry{Path: d.JSON(""), counted: true, make: func(w *worker) ([]byte, int, error) {
		w.data = t.get().appendJSON(w.data[:0])
		return w.data, 0, nil
	}})
}

// sharedTable is the table of a CSV and a JSON file: made by the first of
// the two to be rendered, dropped when the second is, so that a build
// does not hold every table until it ends.
type sharedTable struct {
	mu   sync.Mutex
	make func() *table
	t    *table
	left int
}

func (s *sharedTable) get() *table {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.t == nil {
		s.t = s.make()
	}
	t := s.t
	if s.left--; s.left <= 0 {
		s.t, s.left = nil, 2
	}
	return t
}

// worker is what one rendering goroutine reuses from file to file.
type worker struct {
	buf bytes.Buffer // pages
	// data holds data files, the largest of which are some megabytes: it
	// grows to the largest once and is reused after.
	data []byte
}

// renderPage renders the page at path into buf and returns its bytes
// and how many charts it has. Its view and its charts are made here, so
// that they can be collected as soon as the page is written.
func (b *builder) renderPage(buf *bytes.Buffer, template, path string, page func() (*view.Page, error), makeCharts func() []*charts.Chart, describe []content.Text) ([]byte, int, error) {
	p, err := page()
	if err != nil {
		return nil, 0, fmt.Errorf("rendering %s: %w", path, err)
	}
	if makeCharts != nil {
		for _, c := range makeCharts() {
			p.Charts = append(p.Charts, b.r.Chart(c))
		}
	}
	p.Description = b.describe(p.Description, describe)
	p.HomeURL = address.Home(p.Root)
	if path != address.Search("") {
		// The search page has a box of its own.
		p.SearchURL = address.Search(p.Root)
	}
	p.Menu = b.menu(path, p.Root)
	if len(p.Charts) > 0 {
		p.HasCharts = true
		p.NumberFormat = b.numbers
	}
	buf.Reset()
	if err := b.r.Page(buf, template, p); err != nil {
		if strings.Contains(err.Error(), "can't evaluate field LiveReload") {
			// A layout.html from when pages loaded the script themselves.
			return nil, 0, fmt.Errorf("rendering %s: %w; reportsite serve now adds the live-reload script itself: remove the {{if .LiveReload}} block from layout.html", path, err)
		}
		return nil, 0, fmt.Errorf("rendering %s: %w", path, err)
	}
	return buf.Bytes(), len(p.Charts), nil
}

// describe is the one rule for a page's description: its own, when it
// has one; else the plain text of the first of texts that has some; else
// the site's.
func (b *builder) describe(own string, texts []content.Text) string {
	if own != "" {
		return own
	}
	for _, t := range texts {
		if d := b.r.PlainText(t, 160); d != "" {
			return d
		}
	}
	return b.description
}

// siteDescription describes the site, and pages with nothing of their
// own: the plain text of its about, or its title and organisation.
func (b *builder) siteDescription() string {
	if d := b.r.PlainText(b.c.Site.About, 160); d != "" {
		return d
	}
	if b.c.Site.Organisation.Value != "" {
		return b.c.Site.Title.Value + ", " + b.c.Site.Organisation.Value
	}
	return b.c.Site.Title.Value
}

// menu is the site's main menu on the page written at name, whose way
// back to the site root is root.
func (b *builder) menu(name, root string) []view.MenuLink {
	return []view.MenuLink{
		{Label: b.r.Strings.T("nav.home"), Href: address.Home(root), Current: name == address.Home("")},
		{Label: b.r.Strings.T("nav.units"), Href: address.Units(root), Current: name == address.Units("")},
		{Label: b.r.Strings.T("nav.activities"), Href: address.Activities(root), Current: name == address.Activities("")},
	}
}

// crumbs are the breadcrumbs of a page whose way back to the root is
// root: the home page, then extra.
func (b *builder) crumbs(root string, extra ...view.Link) []view.Link {
	return append([]view.Link{{Label: b.r.Strings.T("nav.home"), Href: address.Home(root)}}, extra...)
}

func (b *builder) home() {
	name := address.Home("")
	b.writeLater("index.html", name, func() (*view.Page, error) {
		p := &view.Page{Layout: b.layout(name, "")}
		p.EditURL = b.edit(b.c.Site.File)
		p.Downloads = b.downloads(p.Root, address.YearsData())
		var err error
		p.Home, err = b.homeView(p.Root)
		return p, err
	}, func() []*charts.Chart { return b.charts.Trends(b.f) })
}

func (b *builder) yearTitle(y *figures.YearFigures) string {
	key := "heading.annual_report"
	if len(y.Activities) == 0 {
		key = "heading.plan"
	}
	return b.r.Strings.Format(key, "year", strconv.Itoa(y.Year))
}

func (b *builder) years() {
	for _, y := range b.f.Years {
		name := address.Year("", y.Year)
		var describe []content.Text
		if y.Content != nil {
			describe = []content.Text{y.Content.Summary, y.Content.Plan}
		}
		var yearCharts func() []*charts.Chart
		if len(y.Activities) > 0 {
			yearCharts = func() []*charts.Chart { return b.charts.Year(y) }
		}
		b.writeLater("year.html", name, func() (*view.Page, error) {
			p := &view.Page{Layout: b.layout(name, b.yearTitle(y))}
			p.Breadcrumbs = b.crumbs(p.Root)
			if y.Content != nil {
				p.EditURL = b.edit(y.Content.File)
				if c := y.Content.Conference; c != nil && c.Date.Set() {
					p.ReportDate = b.r.Locale.Date(c.Date.Time)
				}
			}
			if len(y.Activities) > 0 {
				p.Downloads = b.downloads(p.Root, address.YearUnitsData(y.Year), address.YearActivitiesData(y.Year), address.YearContributionsData(y.Year))
			}
			var err error
			p.Year, err = b.yearView(p.Root, y)
			return p, err
		}, yearCharts, describe...)
	}
}

func (b *builder) unitPages() {
	list := address.Units("")
	b.writeLater("units.html", list, func() (*view.Page, error) {
		p := &view.Page{Layout: b.layout(list, b.r.Strings.T("heading.units"))}
		p.Breadcrumbs = b.crumbs(p.Root)
		p.Units = b.unitsView(p.Root)
		return p, nil
	}, nil)
	for _, u := range b.f.Units {
		name := address.Unit("", u.Unit.ID)
		b.writeLater("unit.html", name, func() (*view.Page, error) {
			p := &view.Page{Layout: b.layout(name, u.Unit.Name.Value)}
			p.Breadcrumbs = b.crumbs(p.Root, view.Link{Label: b.r.Strings.T("nav.units"), Href: address.Units(p.Root)})
			p.EditURL = b.edit(u.Unit.File)
			p.Downloads = b.downloads(p.Root, address.UnitData(u.Unit.ID))
			var err error
			p.Unit, err = b.unitView(p.Root, u)
			return p, err
		}, func() []*charts.Chart { return b.charts.Unit(u) }, u.Unit.Description)
	}
	b.yearUnitLists()
}

func (b *builder) activityPages() {
	list := address.Activities("")
	b.writeLater("activities.html", list, func() (*view.Page, error) {
		p := &view.Page{Layout: b.layout(list, b.r.Strings.T("heading.activities"))}
		p.Breadcrumbs = b.crumbs(p.Root)
		p.Activities = b.activitiesView(p.Root)
		return p, nil
	}, nil)
	b.yearLists()
	for _, a := range b.f.Activities {
		name := address.Activity("", a.Activity.ID)
		b.writeLater("activity.html", name, func() (*view.Page, error) {
			p := &view.Page{Layout: b.layout(name, a.Activity.Title.Value)}
			extra := []view.Link{{Label: b.r.Strings.T("nav.activities"), Href: address.Activities(p.Root)}}
			if a.Year != 0 && b.f.Year(a.Year) != nil {
				extra = append(extra, view.Link{Label: strconv.Itoa(a.Year), Href: address.Year(p.Root, a.Year)})
			}
			p.Breadcrumbs = b.crumbs(p.Root, extra...)
			p.EditURL = b.edit(activitySource(a))
			p.Description = a.Activity.Summary.Value
			p.Downloads = b.downloads(p.Root, address.ActivityData(a.Activity.ID))
			var err error
			p.Activity, err = b.activityView(p.Root, a)
			return p, err
		}, func() []*charts.Chart { return b.charts.Activity(a) }, a.Activity.Narrative)
	}
}

// searchPage plans the search page. Its script finds pages in the parts
// of the index, which assets plans, loading them from the page's
// settings: their addresses, the interface strings it shows and the
// number formats of the count of results.
func (b *builder) searchPage() {
	b.searchParts = search.Parts(b.f)
	name := address.Search("")
	b.writeLater("search.html", name, func() (*view.Page, error) {
		p := &view.Page{Layout: b.layout(name, b.r.Strings.T("search.title"))}
		p.Breadcrumbs = b.crumbs(p.Root)
		p.Search = &view.Search{Config: b.searchConfig(p.Root)}
		if b.searchScript != nil {
			p.Search.Script = p.Root + chartscript.SearchPath
		}
		p.Search.Browse = []view.Link{
			{Label: b.r.Strings.T("nav.units"), Href: address.Units(p.Root)},
			{Label: b.r.Strings.T("nav.activities"), Href: address.Activities(p.Root)},
		}
		for i := len(b.f.Years) - 1; i >= 0; i-- {
			y := b.f.Years[i]
			p.Search.Browse = append(p.Search.Browse, view.Link{Label: b.yearTitle(y), Href: address.Year(p.Root, y.Year)})
		}
		return p, nil
	}, nil)
}

// searchConfig is the search script's settings, as JSON, on the page
// whose way back to the site root is root.
func (b *builder) searchConfig(root string) template.JS {
	type part struct {
		Name string `json:"name"`
		Kind string `json:"kind"`
		Year int    `json:"year,omitempty"`
		Src  string `json:"src"`
	}
	config := struct {
		Root    string            `json:"root"`
		Parts   []part            `json:"parts"`
		Strings map[string]string `json:"strings"`
		Numbers json.RawMessage   `json:"numbers"`
	}{Root: root, Parts: []part{}, Strings: map[string]string{}, Numbers: json.RawMessage(b.numbers)}
	for _, p := range b.searchParts {
		config.Parts = append(config.Parts, part{Name: p.Name, Kind: string(p.Kind), Year: p.Year, Src: root + p.Path()})
	}
	for _, key := range []string{"count", "count_one", "partial", "none", "loading"} {
		config.Strings[key] = b.r.Strings.T("search." + key)
	}
	for _, kind := range []search.Kind{search.Unit, search.Activity, search.Year} {
		config.Strings[string(kind)] = b.r.Strings.T("search.kind_" + string(kind))
	}
	data, err := json.Marshal(config)
	if err != nil {
		panic("site: search settings: " + err.Error())
	}
	return template.JS(data)
}

// searchTexts are the texts of the site's language that the search
// index's documents hold.
func (b *builder) searchTexts() search.Texts {
	return search.Texts{
		PlainText: func(t content.Text) string { return b.r.PlainText(t, 0) },
		Category:  func(c string) string { return b.r.Strings.T("category." + c) },
		YearTitle: b.yearTitle,
	}
}

// notFound plans 404.html. A server shows it at any depth, so its links
// start from Options.NotFoundRoot, or else from the site's address when
// that is known.
func (b *builder) notFound() {
	b.writeLater("404.html", address.NotFound, func() (*view.Page, error) {
		p := &view.Page{Layout: b.layout(address.NotFound, b.r.Strings.T("not_found.title"))}
		p.Root = b.baseURL
		if b.notFoundRoot != "" {
			p.Root = b.notFoundRoot
		}
		p.Canonical = ""
		return p, nil
	}, nil)
}

// bytesEntry is a file whose bytes are known when it is planned.
func bytesEntry(name string, data []byte) *Entry {
	return &Entry{Path: name, make: func(*worker) ([]byte, int, error) { return data, 0, nil }}
}

func (b *builder) assets() error {
	files, err := b.r.Assets()
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		b.add(bytesEntry(name, files[name]))
	}
	if b.script != nil {
		// A site's own assets/charts.js replaces the bundled one, and
		// then brings its own ECharts.
		if _, own := files[chartscript.Path]; !own {
			e := bytesEntry(chartscript.Path, b.script)
			e.ChartsOnly = true
			b.add(e)
		}
		e := bytesEntry("assets/numbers.js", []byte(locale.NumberFormatScript))
		e.ChartsOnly = true
		b.add(e)
	}
	if _, own := files[chartscript.SearchPath]; !own && b.searchScript != nil {
		b.add(bytesEntry(chartscript.SearchPath, b.searchScript))
	}
	texts := b.searchTexts()
	for _, part := range b.searchParts {
		b.add(&Entry{Path: part.Path(), make: func(w *worker) ([]byte, int, error) {
			w.data = search.AppendScript(w.data[:0], part, search.Docs(b.f, part, texts))
			return w.data, 0, nil
		}})
	}
	// The photos the activities show are published as their copies,
	// resized and without metadata; other files of media/ as they are.
	for _, m := range b.c.Media {
		if b.photos[m] == nil {
			b.add(&Entry{Path: m, Source: filepath.Join(b.c.Dir, filepath.FromSlash(m))})
		}
	}
	b.photoFiles()
	return nil
}

// sitemap plans the list of the address of every page but 404.html, in
// the order of their paths.
func (b *builder) sitemap() {
	var pages []string
	for _, e := range b.plan.Entries {
		if e.Template != "" && address.IsFolderPage(e.Path) {
			pages = append(pages, e.Path)
		}
	}
	slices.Sort(pages)
	b.add(&Entry{Path: "sitemap.xml", make: func(*worker) ([]byte, int, error) {
		var sb strings.Builder
		sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		sb.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, name := range pages {
			sb.WriteString("  <url><loc>" + xmlEscape(address.Public(b.baseURL, name)) + "</loc>" + b.lastmod(name) + "</url>\n")
		}
		sb.WriteString("</urlset>\n")
		return []byte(sb.String()), 0, nil
	}})
}

// xmlEscaper is built once: a Replacer prepares itself on first use, which
// costs more than escaping one address.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }
