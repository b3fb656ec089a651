package cli

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"runtime/debug"

	"reportsite/generator/diag"
	"reportsite/generator/site"
)

// buildMemoryLimit is the soft memory limit of a build, below the
// contract's 500 MB peak with room for the runtime's own memory.
const buildMemoryLimit = 400 << 20

// build is "reportsite build": the whole pipeline, written in one swap.
func (c *Command) build(args []string) (int, error) {
	fs := c.flags("build", "[--content DIR] [--templates DIR] [--out DIR] [--base-url URL] [--strict] [--no-git-info]")
	var opts site.Options
	fs.StringVar(&opts.Content, "content", "content", "the content `folder`")
	fs.StringVar(&opts.Templates, "templates", "", "a `folder` of templates replacing the defaults of the same name")
	fs.StringVar(&opts.Out, "out", "public", "the output `folder`")
	fs.StringVar(&opts.BaseURL, "base-url", "", "the `address` the site is published at (overrides site.yaml)")
	fs.BoolVar(&opts.Strict, "strict", false, "treat warnings as errors")
	noGitInfo := fs.Bool("no-git-info", false, "leave out the day each page last changed, which is read from git")
	rest, err := parse(fs, args)
	if err != nil {
		return ExitUsage, err
	}
	if len(rest) > 0 {
		return ExitUsage, c.usageErrorf(fs, "unexpected argument %q", rest[0])
	}
	if opts.BaseURL != "" {
		if u, err := url.Parse(opts.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return ExitUsage, c.usageErrorf(fs, "--base-url must be an http or https address, e.g. https://reports.example.org/bloc/")
		}
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit: on a large site the collector works harder rather
		// than letting the heap double, keeping a build under the
		// contract's 500 MB; a site that needs more still gets it.
		debug.SetMemoryLimit(buildMemoryLimit)
	}
	opts.GitInfo = !*noGitInfo
	var notices []string
	opts.Notice = func(msg string) { notices = append(notices, msg) }
	var diags diag.List
	progress := c.progress()
	if progress != nil {
		opts.Progress = progress.Report
	}
	stats, err := site.Build(opts, &diags)
	progress.Clear()
	diags.WriteText(c.Stderr)
	for _, msg := range notices {
		fmt.Fprintf(c.Stderr, "notice: %s\n", msg)
	}
	if errors.Is(err, site.ErrContent) {
		fmt.Fprintf(c.Stderr, "nothing was written; %s is as it was\n", opts.Out)
		return ExitContent, nil
	}
	if err != nil {
		return ExitContent, fmt.Errorf("%w\nnothing was written; %s is as it was", err, opts.Out)
	}
	photos := ""
	if n := stats.PhotosMade + stats.PhotosReused; n > 0 {
		// Resizing is the slow part of a first build; the cache's share
		// shows that the next one is quick.
		photos = fmt.Sprintf("%s (%d resized, %d from the cache), ", diag.Plural(n, "photo", "photos"), stats.PhotosMade, stats.PhotosReused)
	}
	fmt.Fprintf(c.Stdout, "built %s, %s, %s%s in %s → %s\n",
		diag.Plural(stats.Pages, "page", "pages"),
		diag.Plural(stats.Charts, "chart", "charts"),
		photos,
		diag.Plural(stats.Warnings, "warning", "warnings"),
		stats.Duration.Round(msRound(stats.Duration)), opts.Out)
	return ExitOK, nil
}
