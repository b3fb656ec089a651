package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"reportsite/generator/content"
	"reportsite/generator/scaffold"
	"reportsite/generator/version"
)

// initRepo is "reportsite init DIR": it writes a bloc repository ready to
// check, preview and publish, and never replaces a file: when one of its
// files exists, it names it and writes nothing.
func (c *Command) initRepo(args []string) (int, error) {
	fs := c.flags("init", "DIR [--language vi|en|pt] [--title TITLE]")
	language := fs.String("language", "en", "the site's `language`, and that of the notes and README: "+strings.Join(content.Languages, ", "))
	title := fs.String("title", "", "the bloc's `name` in site.yaml (default: a name in the language)")
	rest, err := parse(fs, args)
	if err != nil {
		return ExitUsage, err
	}
	if len(rest) != 1 {
		return ExitUsage, c.usageErrorf(fs, "give the folder of the new repository, e.g. reportsite init bloc-report (. for this folder)")
	}
	dir := rest[0]
	if !slices.Contains(content.Languages, *language) {
		return ExitUsage, c.usageErrorf(fs, "--language must be one of %s, not %q", strings.Join(content.Languages, ", "), *language)
	}
	if strings.ContainsAny(*title, "\r\n") {
		return ExitUsage, c.usageErrorf(fs, "--title must be one line")
	}
	if info, err := os.Stat(dir); err == nil && !info.IsDir() {
		return ExitUsage, c.usageErrorf(fs, "%s is a file, not a folder", dir)
	}

	v := version.Reportsite()
	pinned := version.IsRelease(v)
	opts := scaffold.Options{
		Language:    *language,
		Title:       *title,
		Year:        c.Now().Year(),
		ReleasesURL: version.ReleasesURL,
	}
	if pinned {
		opts.Version = v
	}
	files, err := scaffold.Files(opts)
	if err != nil {
		return ExitContent, err
	}
	if err := scaffold.Write(dir, files); err != nil {
		var exists *scaffold.ExistsError
		if errors.As(err, &exists) {
			return ExitContent, fmt.Errorf("%s already exists; nothing was written (init never replaces a file: move it away or choose another folder)", exists.Path)
		}
		return ExitContent, err
	}

	fmt.Fprintf(c.Stdout, "wrote a report repository in %s (language: %s):\n", dir, *language)
	for _, f := range files {
		fmt.Fprintf(c.Stdout, "  %s\n", f.Path)
	}
	fmt.Fprintf(c.Stdout, "\nnext:\n  cd %s\n  reportsite check\n  reportsite serve     (preview at http://127.0.0.1:8080/)\n  then commit, push, and set up publishing: see README.md\n", shellPath(dir))
	if !pinned {
		fmt.Fprintf(c.Stderr, "warning: this reportsite (%s) is not a release, so the CI files say REPORTSITE_VERSION: %s; set it to a release such as v1.2.3 before pushing\n", v, scaffold.PlaceholderVersion)
	}
	return ExitOK, nil
}

// shellPath quotes a folder for the "cd" line when it holds spaces.
func shellPath(dir string) string {
	dir = filepath.Clean(dir)
	if strings.ContainsAny(dir, " \t'\"") {
		return `"` + dir + `"`
	}
	return dir
}
