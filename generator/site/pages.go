package site

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"reportsite/generator/address"
	"reportsite/generator/charts"
	"reportsite/generator/chartscript"
	"reportsite/generator/content"
	"reportsite/generator/figures"
	"reportsite/generator/locale"
	"reportsite/generator/output"
	"reportsite/generator/render"
)

// builder renders the files of one site.
type builder struct {
	c       *content.Content
	f       *figures.Figures
	r       *render.Renderer
	out     *output.Site
	charts  *charts.Builder
	numbers template.JS
	baseURL string
	editDir string
	script  []byte // the chart script, when there are activities
	pages   int
	// progress, when not nil, hears of every page rendered.
	progress   func(done, total int)
	progressMu sync.Mutex
	queue      []pending
	// live is Options.LiveReload.
	live bool
	// chartCount counts the charts written, for the closing line and for
	// copying the chart script only when a page needs it.
	chartCount int
	// description is the site's description, for pages without their own.
	description string
	// onDemand is Options.OnDemand.
	onDemand bool
	// overridden is set when the site has templates of its own.
	overridden bool
}

func (b *builder) build() error {
	b.home()
	b.years()
	b.unitPages()
	b.activityPages()
	b.notFound()
	b.data()
	b.description = b.siteDescription()
	if b.onDemand {
		if err := b.planQueued(); err != nil {
			return err
		}
	} else if err := b.renderQueued(); err != nil {
		return err
	}
	if err := b.assets(); err != nil {
		return err
	}
	if b.baseURL != "" {
		b.sitemap()
	}
	return nil
}

// page starts the data of the page written at name.
func (b *builder) page(tmpl, name, title string) *render.Page {
	p := &render.Page{
		Template: tmpl,
		Path:     name,
		Root:     address.Root(name),
		Lang:     b.c.Site.Lang(),
		Title:    title,
		Site:     b.c.Site,
		Figures:  b.f,

		LiveReload: b.live,
	}
	if b.baseURL != "" {
		p.Canonical = address.Public(b.baseURL, name)
	}
	return p
}

// pending is a file waiting to be written by a worker: a page, whose data
// and charts are made when it is rendered; or a data file, whose table is
// made when it is written. Under serve most are never asked for, so
// queueing one does as little as it can.
type pending struct {
	// path is where the page goes; "" for a data file.
	path string
	// template is the page template; "" for a data file.
	template string
	page     func() *render.Page
	charts   func() []*charts.Chart
	// describe is the Markdown whose plain text describes the page when
	// it has no description of its own (see builder.describe); it is
	// worked out when the page is rendered, as it takes a parse.
	describe []content.Text
	// file, for a data file, is where its table goes, as CSV and JSON.
	file address.Data
	// data, for a data file, makes its table.
	data func() *table
}

// write queues p to be rendered with its charts (nil for none).
func (b *builder) write(p *render.Page, charts func() []*charts.Chart) {
	b.writeLater(p.Template, p.Path, func() *render.Page { return p }, charts)
}

// writeLater queues the page at path, whose data page makes when it is
// rendered, described by the first of describe that has some plain text
// when it has no description of its own.
func (b *builder) writeLater(template, path string, page func() *render.Page, charts func() []*charts.Chart, describe ...content.Text) {
	b.pages++
	b.queue = append(b.queue, pending{path: path, template: template, page: page, charts: charts, describe: describe})
}

// writeData queues the table that table builds, to be written as the
// CSV and the JSON file of d.
func (b *builder) writeData(d address.Data, table func() *table) {
	b.queue = append(b.queue, pending{file: d, data: table})
}

// worker is what one rendering goroutine reuses from file to file.
type worker struct {
	buf bytes.Buffer // pages
	// data holds data files, the largest of which are some megabytes: it
	// grows to the largest once and is reused after.
	data []byte
}

// renderQueued writes the queued pages and data files on every core. Each
// goes to its own path, so the order of work does not change the output.
func (b *builder) renderQueued() error {
	jobs := make(chan pending)
	errs := make(chan error, 1)
	var done, chartCount atomic.Int64
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var w worker
			for job := range jobs {
				n, err := b.writeQueued(&w, job)
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					continue
				}
				chartCount.Add(int64(n))
				finished := done.Add(1)
				if b.progress != nil {
					b.progressMu.Lock()
					b.progress(int(finished), len(b.queue))
					b.progressMu.Unlock()
				}
			}
		}()
	}
	for _, job := range b.queue {
		jobs <- job
	}
	close(jobs)
	wg.Wait()
	b.chartCount = int(chartCount.Load())
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// writeQueued writes one queued file and returns how many charts it has.
func (b *builder) writeQueued(w *worker, job pending) (int, error) {
	if job.data != nil {
		t := job.data()
		w.data = t.appendCSV(w.data[:0])
		b.out.AddBuffer(job.file.CSV(""), w.data)
		w.data = t.appendJSON(w.data[:0])
		b.out.AddBuffer(job.file.JSON(""), w.data)
		return 0, nil
	}
	charts, err := b.renderPage(&w.buf, job)
	if err != nil {
		return 0, err
	}
	b.out.AddBuffer(job.path, w.buf.Bytes())
	return charts, nil
}

// planQueued adds the queued files to the site to be made when first
// opened (Options.OnDemand). With templates of the site's own, it renders
// the first page of each template at once, so that a template that fails
// on every page fails the build, as it does when every page is rendered.
func (b *builder) planQueued() error {
	for _, job := range b.queue {
		if job.data == nil {
			b.out.AddLater(job.path, func() ([]byte, error) {
				var buf bytes.Buffer
				_, err := b.renderPage(&buf, job)
				return buf.Bytes(), err
			})
			continue
		}
		// One table makes both files.
		table := sync.OnceValue(job.data)
		b.out.AddLater(job.file.CSV(""), func() ([]byte, error) { return table().appendCSV(nil), nil })
		b.out.AddLater(job.file.JSON(""), func() ([]byte, error) { return table().appendJSON(nil), nil })
	}
	if !b.overridden {
		return nil
	}
	tried := map[string]bool{}
	for _, job := range b.queue {
		if job.data != nil || tried[job.template] {
			continue
		}
		tried[job.template] = true
		if _, err := b.out.Open(job.path); err != nil {
			return err
		}
	}
	return nil
}

// renderPage renders one page into buf and returns how many charts it
// has. The charts are built on a copy of the queued page, so that they
// can be collected as soon as the page is written.
func (b *builder) renderPage(buf *bytes.Buffer, job pending) (int, error) {
	p := *job.page()
	if job.charts != nil {
		p.Charts = job.charts()
	}
	p.Description = b.describe(p.Description, job.describe)
	if len(p.Charts) > 0 {
		p.NumberFormat = b.numbers
	}
	buf.Reset()
	if err := b.r.Page(buf, p.Template, &p); err != nil {
		return 0, fmt.Errorf("rendering %s: %w", p.Path, err)
	}
	return len(p.Charts), nil
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

// edit returns the "edit this page" address of a content file.
func (b *builder) edit(file string) string {
	repo := b.c.Site.Repository.Value
	if repo == "" || b.editDir == "" || file == "" {
		return ""
	}
	rel, ok := content.RelPath(b.c.Dir, file)
	if !ok {
		return ""
	}
	return strings.TrimSuffix(repo, "/") + "/blob/HEAD/" + path.Join(b.editDir, rel)
}

func (b *builder) crumbs(p *render.Page, extra ...render.Link) {
	p.Breadcrumbs = append([]render.Link{{Label: b.r.Strings.T("nav.home"), Href: address.Home(p.Root)}}, extra...)
}

func (b *builder) home() {
	p := b.page("index.html", address.Home(""), "")
	p.Year = b.f.Latest()
	p.EditURL = b.edit(b.c.Site.File)
	p.Downloads = b.downloads(p.Root, address.YearsData())
	b.write(p, func() []*charts.Chart { return b.charts.Trends(b.f) })
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
		p := b.page("year.html", name, b.yearTitle(y))
		p.Year = y
		b.crumbs(p)
		var describe []content.Text
		if y.Content != nil {
			p.EditURL = b.edit(y.Content.File)
			describe = []content.Text{y.Content.Summary, y.Content.Plan}
		}
		var yearCharts func() []*charts.Chart
		if len(y.Activities) > 0 {
			p.Downloads = b.downloads(p.Root, address.YearUnitsData(y.Year), address.YearActivitiesData(y.Year), address.YearContributionsData(y.Year))
			yearCharts = func() []*charts.Chart { return b.charts.Year(y) }
		}
		b.writeLater(p.Template, p.Path, func() *render.Page { return p }, yearCharts, describe...)
	}
}

func (b *builder) unitPages() {
	list := b.page("units.html", address.Units(""), b.r.Strings.T("heading.units"))
	b.crumbs(list)
	b.write(list, nil)
	for _, u := range b.f.Units {
		name := address.Unit("", u.Unit.ID)
		b.writeLater("unit.html", name, func() *render.Page {
			p := b.page("unit.html", name, u.Unit.Name.Value)
			p.Unit = u
			b.crumbs(p, render.Link{Label: b.r.Strings.T("nav.units"), Href: address.Units(p.Root)})
			p.EditURL = b.edit(u.Unit.File)
			p.Downloads = b.downloads(p.Root, address.UnitData(u.Unit.ID))
			return p
		}, func() []*charts.Chart { return b.charts.Unit(u) }, u.Unit.Description)
	}
}

func (b *builder) activityPages() {
	list := b.page("activities.html", address.Activities(""), b.r.Strings.T("heading.activities"))
	b.crumbs(list)
	b.write(list, nil)
	for _, a := range b.f.Activities {
		name := address.Activity("", a.Activity.ID)
		b.writeLater("activity.html", name, func() *render.Page {
			p := b.page("activity.html", name, a.Activity.Title.Value)
			p.Activity = a
			extra := []render.Link{{Label: b.r.Strings.T("nav.activities"), Href: address.Activities(p.Root)}}
			if a.Year != 0 && b.f.Year(a.Year) != nil {
				extra = append(extra, render.Link{Label: strconv.Itoa(a.Year), Href: address.Year(p.Root, a.Year)})
			}
			b.crumbs(p, extra...)
			p.EditURL = b.edit(a.Activity.File)
			p.Description = a.Activity.Summary.Value
			p.Downloads = b.downloads(p.Root, address.ActivityData(a.Activity.ID))
			return p
		}, func() []*charts.Chart { return b.charts.Activity(a) }, a.Activity.Narrative)
	}
}

// notFound writes 404.html. A server shows it at any depth, so its links
// are absolute when the site's address is known.
func (b *builder) notFound() {
	p := b.page("404.html", address.NotFound, b.r.Strings.T("not_found.title"))
	p.Root = b.baseURL
	if b.live {
		// reportsite serve shows it at the root of its own address.
		p.Root = "/"
	}
	p.Canonical = ""
	b.write(p, nil)
}

func (b *builder) assets() error {
	files, err := b.r.Assets()
	if err != nil {
		return err
	}
	for name, data := range files {
		b.out.Add(name, data)
	}
	// Planned pages are not rendered yet: a site with activities has
	// charts.
	if b.chartCount > 0 || b.onDemand && b.script != nil {
		// A site's own assets/charts.js replaces the bundled one, and
		// then brings its own ECharts.
		if _, own := files[chartscript.Path]; !own {
			b.out.Add(chartscript.Path, b.script)
		}
		b.out.Add("assets/numbers.js", []byte(locale.NumberFormatScript))
	}
	for _, m := range b.c.Media {
		b.out.AddCopy(m, filepath.Join(b.c.Dir, filepath.FromSlash(m)))
	}
	return nil
}

// sitemap lists the address of every page but 404.html, in the order of
// their paths.
func (b *builder) sitemap() {
	var pages []string
	for _, job := range b.queue {
		if job.data == nil && address.IsFolderPage(job.path) {
			pages = append(pages, job.path)
		}
	}
	write := func() ([]byte, error) {
		slices.Sort(pages)
		var sb strings.Builder
		sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
		sb.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, name := range pages {
			sb.WriteString("  <url><loc>" + xmlEscape(address.Public(b.baseURL, name)) + "</loc></url>\n")
		}
		sb.WriteString("</urlset>\n")
		return []byte(sb.String()), nil
	}
	if b.onDemand {
		b.out.AddLater("sitemap.xml", write)
		return
	}
	data, _ := write()
	b.out.Add("sitemap.xml", data)
}

// xmlEscaper is built once: a Replacer prepares itself on first use, which
// costs more than escaping one address.
var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

func xmlEscape(s string) string { return xmlEscaper.Replace(s) }
