package site

import (
	"errors"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"reportsite/generator/charts"
	"reportsite/generator/chartscript"
	"reportsite/generator/content"
	"reportsite/generator/figures"
	"reportsite/generator/history"
	"reportsite/generator/output"
	"reportsite/generator/photos"
	"reportsite/generator/render"
)

// Plan is every file of a site, each with the way to make it. Build makes
// them all; reportsite serve makes each the first time it is asked for.
// Planning aggregates the figures but renders nothing.
type Plan struct {
	// Entries are the site's files: pages first, in the order home, years,
	// units, activities, the search page and 404.html, then data files,
	// assets (with the parts of the search index), media and the sitemap.
	Entries []*Entry
	pages   int
	// photoCache makes the copies of the photos, or finds them made.
	photoCache *photos.Cache
}

// Entry is one planned file.
type Entry struct {
	// Path is where the file goes: a slash path inside the site.
	Path string
	// Template is the page template of an HTML page, "" for other files.
	Template string
	// Source, for a file copied as it is (media), is its path on disk;
	// the file has nothing to render.
	Source string
	// ChartsOnly marks a file that only pages with charts load (the chart
	// script and its number formats). Build writes it only when a page
	// has charts; a server may offer it always.
	ChartsOnly bool
	// counted entries are the pages and data files, for Options.Progress.
	counted bool
	// make returns the file's bytes, which may be w's buffers, and how
	// many charts the file has.
	make func(w *worker) ([]byte, int, error)
}

// Render returns the bytes of the file: it renders a page or a data
// file, or reads a copied file from disk. It is safe to call from any
// goroutine.
func (e *Entry) Render() ([]byte, error) {
	if e.make == nil {
		return os.ReadFile(e.Source)
	}
	var w worker
	data, _, err := e.make(&w)
	return data, err
}

// Pages returns how many HTML pages the plan has.
func (p *Plan) Pages() int { return p.pages }

// FirstOfEachTemplate returns the first page planned with each page
// template. A template that fails on every page fails on these, so that
// rendering them is enough to show it without rendering the whole site.
func (p *Plan) FirstOfEachTemplate() []*Entry {
	var first []*Entry
	seen := map[string]bool{}
	for _, e := range p.Entries {
		if e.Template != "" && !seen[e.Template] {
			seen[e.Template] = true
			first = append(first, e)
		}
	}
	return first
}

// NewPlan aggregates validated content and plans every file of its site,
// rendering none. It fails when the templates do not parse, and, for a
// site with activities, when reportsite was built without its chart
// script.
//
// With opts.GitInfo, it reads the content's git history first, for the
// day each page last changed; a problem with it is told to opts.Notice
// and leaves the dates out.
func NewPlan(c *content.Content, opts Options) (*Plan, error) {
	hist, err := readHistory(opts)
	notice(opts, err)
	return newPlan(c, opts, hist)
}

// newPlan is NewPlan with the history already read, nil for none.
func newPlan(c *content.Content, opts Options, hist *history.History) (*Plan, error) {
	r, err := render.New(opts.Templates, c.Site.Lang())
	if err != nil {
		return nil, err
	}
	var script []byte
	searchScript, searchErr := chartscript.SearchScript()
	if len(c.Activities) > 0 {
		// Only activities give charts. Fail now, before the long work,
		// in a reportsite built without its chart script. A site
		// without them searches too, when the search script is there.
		if script, err = chartscript.Script(); err != nil {
			return nil, err
		}
		if searchErr != nil {
			return nil, searchErr
		}
	}
	b := &builder{
		c:            c,
		f:            figures.Compute(c),
		r:            r,
		charts:       charts.NewBuilder(r.Locale, r.Strings),
		numbers:      r.NumberFormatJS(),
		baseURL:      baseURL(c, opts),
		fromGit:      fromGit{hist: hist},
		script:       script,
		searchScript: searchScript,
		notFoundRoot: opts.NotFoundRoot,
		plan:         &Plan{Entries: make([]*Entry, 0, expectedFiles(c))},
	}
	b.editLinks(opts.Content)
	cacheDir := opts.PhotoCache
	if cacheDir == "" {
		cacheDir = PhotoCacheDir(opts.Content)
	}
	b.photoCache = photos.NewCache(cacheDir, photos.Default)
	b.plan.photoCache = b.photoCache
	if err := b.build(); err != nil {
		return nil, err
	}
	return b.plan, nil
}

// run makes every file of the plan into out, on every core. Each goes to
// its own path, so the order of work does not change the output. The
// files only pages with charts need come last, and only if a page has
// charts. progress, when not nil, hears of every page and data file made.
func (p *Plan) run(out *output.Site, progress func(done, total int)) (Stats, error) {
	total := 0
	for _, e := range p.Entries {
		if e.counted {
			total++
		}
	}
	jobs := make(chan *Entry)
	errs := make(chan error, 1)
	// Every photo that cannot be made is reported, not only the first.
	var badPhotos photoErrors
	var badMu sync.Mutex
	var done, chartCount atomic.Int64
	var progressMu sync.Mutex
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			var w worker
			for e := range jobs {
				data, n, err := e.make(&w)
				var bad *photoError
				if errors.As(err, &bad) {
					badMu.Lock()
					if !slices.Contains(badPhotos, bad) {
						badPhotos = append(badPhotos, bad)
					}
					badMu.Unlock()
					continue
				}
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					continue
				}
				out.AddBuffer(e.Path, data)
				chartCount.Add(int64(n))
				if e.counted && progress != nil {
					finished := done.Add(1)
					progressMu.Lock()
					progress(int(finished), total)
					progressMu.Unlock()
				}
			}
		})
	}
	var chartsOnly []*Entry
	for _, e := range p.Entries {
		switch {
		case e.ChartsOnly:
			chartsOnly = append(chartsOnly, e)
		case e.make == nil:
			out.AddCopy(e.Path, e.Source)
		default:
			jobs <- e
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return Stats{}, err
	default:
	}
	if len(badPhotos) > 0 {
		slices.SortFunc(badPhotos, func(a, b *photoError) int { return strings.Compare(a.photo.name, b.photo.name) })
		return Stats{}, badPhotos
	}
	stats := Stats{Pages: p.pages, Charts: int(chartCount.Load())}
	p.photoStats(&stats)
	if stats.Charts > 0 {
		var w worker
		for _, e := range chartsOnly {
			data, _, err := e.make(&w)
			if err != nil {
				return Stats{}, err
			}
			out.AddBuffer(e.Path, data)
		}
	}
	stats.Files = out.Len()
	return stats, nil
}
