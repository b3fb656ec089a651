// Package site is the one place that knows the whole pipeline:
// load → validate → aggregate → plan → render → write. Check is the first
// two steps; NewPlan aggregates and lists every file of the site with the
// way to make it; Build runs them all, rendering every file of the plan
// and writing the site in one swap at the end. reportsite serve keeps the
// plan and renders each file when it is first asked for.
package site

import (
	"errors"
	"path/filepath"
	"strings"
	"time"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/history"
	"reportsite/generator/output"
	"reportsite/generator/validate"
)

// Options are the settings of one build.
type Options struct {
	Content   string // the content folder
	Templates string // a folder of templates replacing the defaults, or ""
	Out       string // the output folder
	BaseURL   string // overrides site.yaml's base_url when not empty
	Strict    bool   // warnings count as errors
	// Progress, when not nil, is told how many of the pages and data
	// files are written.
	Progress func(done, total int)
	// NotFoundRoot, when not empty, is where the links of 404.html start
	// from, such as "/" for a site at the root of its server. A server
	// shows that page at any depth, so its links cannot be relative; by
	// default they start from the site's address (base_url, or BaseURL),
	// and are relative to the root when that is not known. reportsite
	// serve sets it to "/".
	NotFoundRoot string
	// GitInfo reads the content's git history, for the day each page
	// last changed (package history); off, pages show no dates. Edit
	// links then find the content folder's place in the repository from
	// git too.
	GitInfo bool
	// History, when not nil, is the content's history read beforehand,
	// as reportsite serve does with a history.Reader; GitInfo is then
	// not looked at.
	History *history.History
	// Notice, when not nil, is told of what the user should know of a
	// build that is neither an error nor a warning of the content, such
	// as that the dates were left out of a shallow clone. It is called
	// from the goroutine that called Build or NewPlan.
	Notice func(string)
	// PhotoCache is the folder where resized photos are kept between
	// builds; when empty, PhotoCacheDir(Content).
	PhotoCache string
	// HistoryCache is the folder where the days read from git are kept
	// between builds, so that a build reads only the commits made since
	// the last; when empty, HistoryCacheDir(Content).
	HistoryCache string
}

// Stats describe a finished build, for the command's closing line.
type Stats struct {
	Pages    int
	Charts   int
	Files    int
	Warnings int
	Duration time.Duration
	// PhotosMade is how many photos were resized; PhotosReused, how many
	// were taken from the cache of an earlier build.
	PhotosMade, PhotosReused int
}

// Check loads and validates the content folder dir, recording every
// problem in diags; with strict, warnings count as errors.
func Check(dir string, strict bool, diags *diag.List) *content.Content {
	return NewChecker(dir).Check(strict, diags)
}

// Checker loads and validates one content folder again and again, as
// reportsite serve does on every save: its Loader reads again only the
// files that changed, and Markdown that did not change is not checked
// again. Checks run one at a time.
type Checker struct {
	Loader    *content.Loader
	validator *validate.Checker // remembers the Markdown it checked
}

// NewChecker returns a Checker of the content folder dir.
func NewChecker(dir string) *Checker {
	return &Checker{Loader: content.NewLoader(dir), validator: validate.NewChecker()}
}

// Check is the function Check, on the folder as it is now.
func (k *Checker) Check(strict bool, diags *diag.List) *content.Content {
	c := k.Loader.Load(diags)
	k.validator.Check(c, diags)
	if strict {
		diags.Strict()
	}
	return c
}

// ErrContent is returned by Build when the content has errors; they are
// in the diagnostics.
var ErrContent = errors.New("the content has errors; nothing was written")

// Build runs the whole pipeline: it checks the content, plans the site,
// makes every file of the plan into a folder beside opts.Out and puts it
// in its place. Content problems go to diags; when there are errors, or
// rendering fails, nothing is written and the previous site stays as it
// was.
func Build(opts Options, diags *diag.List) (Stats, error) {
	start := time.Now()
	// git reads the history while the content is loaded and checked.
	type read struct {
		hist *history.History
		err  error
	}
	histRead := make(chan read, 1)
	go func() {
		h, err := readHistory(opts)
		histRead <- read{h, err}
	}()
	c := Check(opts.Content, opts.Strict, diags)
	_, warnings := diags.Count()
	if diags.HasErrors() {
		return Stats{Warnings: warnings}, ErrContent
	}
	h := <-histRead
	notice(opts, h.err)
	plan, err := newPlan(c, opts, h.hist)
	if err != nil {
		return Stats{Warnings: warnings}, photoProblems(err, diags)
	}
	staged, err := output.NewStaging(opts.Out)
	if err != nil {
		return Stats{Warnings: warnings}, err
	}
	stats, err := plan.run(staged, opts.Progress)
	if err != nil {
		staged.Discard()
		return stats, photoProblems(err, diags)
	}
	if err := staged.Commit(); err != nil {
		return stats, err
	}
	stats.Warnings = warnings
	stats.Duration = time.Since(start)
	return stats, nil
}

// photoProblems turns photos that could not be made into errors at the
// lines naming them, as check reports content errors, and returns
// ErrContent for them; it returns other errors as they are.
func photoProblems(err error, diags *diag.List) error {
	var bad photoErrors
	if !errors.As(err, &bad) {
		return err
	}
	bad.diagnose(diags)
	return ErrContent
}

// Render plans the site of validated content and makes every file of it
// into memory, as Build does on disk.
func Render(c *content.Content, opts Options) (*output.Site, Stats, error) {
	plan, err := NewPlan(c, opts)
	if err != nil {
		return nil, Stats{}, err
	}
	out := output.NewSized(len(plan.Entries))
	stats, err := plan.run(out, opts.Progress)
	if err != nil {
		return nil, stats, err
	}
	return out, stats, nil
}

// expectedFiles is about how many files the site of c has: a page and
// two data files per unit and activity, a page and six data files per
// year, and a few more.
func expectedFiles(c *content.Content) int {
	return 3*(len(c.Units)+len(c.Activities)) + 7*len(c.Years) + 16
}

// baseURL returns the site's address with a trailing slash, or "".
func baseURL(c *content.Content, opts Options) string {
	u := opts.BaseURL
	if u == "" && c.Site != nil {
		u = c.Site.BaseURL.Value
	}
	if u != "" && !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// editDir is the content folder as a slash path inside the repository,
// taken to be the working folder, for "edit this page" links; empty when
// it cannot be known: for a folder given by an absolute path, one above
// the working folder, or on Windows one rooted (\bloc) or on a drive
// (C:bloc).
func editDir(dir string) string {
	if !filepath.IsLocal(dir) {
		return ""
	}
	return filepath.ToSlash(filepath.Clean(dir))
}
