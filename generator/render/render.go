// Package render writes HTML pages with html/template from the views of
// package view, and writes the parts of views that are HTML: each table,
// declared once in tables.go, and each chart's figure. The template set is
// parsed once per build: the embedded defaults, with any file of a
// --templates folder replacing the default of the same name.
package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"reportsite/generator/content"
	"reportsite/generator/locale"
	"reportsite/generator/markdown"
	"reportsite/generator/view"
	"reportsite/templates"
)

// PageTemplates are the page templates, each defining "main" inside the
// shared layout.
var PageTemplates = []string{"index.html", "year.html", "units.html", "unit.html", "activities.html", "activity.html", "search.html", "404.html"}

// sharedTemplates are parsed into every page's set.
var sharedTemplates = []string{"layout.html", "partials.html"}

// Renderer renders the pages of one site in one language. It is safe for
// concurrent use once built.
type Renderer struct {
	pages   map[string]*template.Template
	files   fs.FS
	Locale  *locale.Locale
	Strings locale.Strings
	md      *markdown.Renderer
}

// New parses the template set for a site written in lang. overrideDir,
// when not empty, is a folder whose files replace the defaults of the same
// name (page templates, i18n/<lang>.yaml, assets/…).
func New(overrideDir, lang string) (*Renderer, error) {
	files := fs.FS(templates.FS)
	if overrideDir != "" {
		layered, err := newLayered(overrideDir, templates.FS)
		if err != nil {
			return nil, err
		}
		files = layered
	}
	loc, err := locale.Lookup(lang)
	if err != nil {
		return nil, err
	}
	strs, err := locale.LoadStrings(files, lang)
	if err != nil {
		return nil, err
	}
	r := &Renderer{pages: map[string]*template.Template{}, files: files, Locale: loc, Strings: strs, md: markdown.New()}
	base := template.New("").Funcs(r.funcs())
	for _, name := range sharedTemplates {
		if err := parseFile(base, files, name); err != nil {
			return nil, err
		}
	}
	for _, name := range PageTemplates {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseFile(t, files, name); err != nil {
			return nil, err
		}
		r.pages[name] = t
	}
	return r, nil
}

// parseFile adds the file name of files to t, with errors naming the file
// as the user would find it.
func parseFile(t *template.Template, files fs.FS, name string) error {
	src, err := fs.ReadFile(files, name)
	if err != nil {
		return fmt.Errorf("template %s: %w", displayName(files, name), err)
	}
	if _, err := t.New(name).Parse(string(src)); err != nil {
		return fmt.Errorf("%s: %w", displayName(files, name), err)
	}
	return nil
}

// Page renders the page template name (one of PageTemplates) with p into
// buf, which a caller rendering many pages can reset and reuse.
func (r *Renderer) Page(buf *bytes.Buffer, name string, p *view.Page) error {
	t := r.pages[name]
	if t == nil {
		return fmt.Errorf("no page template %q", name)
	}
	if err := t.ExecuteTemplate(buf, "layout.html", p); err != nil {
		return fmt.Errorf("%s: %w", displayName(r.files, name), err)
	}
	return nil
}

// Assets returns the files under assets/ (styles, scripts) to copy into
// the site, by their path inside it.
func (r *Renderer) Assets() (map[string][]byte, error) {
	out := map[string][]byte{}
	err := fs.WalkDir(r.files, "assets", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := fs.ReadFile(r.files, name)
		out[name] = data
		return err
	})
	return out, err
}

// NumberFormatJS returns the site language's number formats as JSON for
// the pages' data block; encoding/json escapes <, > and &, so it cannot end
// the script element.
func (r *Renderer) NumberFormatJS() template.JS {
	data, err := json.Marshal(r.Locale.NumberFormat())
	if err != nil {
		panic("render: number format: " + err.Error())
	}
	return template.JS(data)
}

// Markdown renders an editor's Markdown for a page whose way back to the
// site root is root.
func (r *Renderer) Markdown(root string, t content.Text, headingOffset int, idPrefix string) (template.HTML, error) {
	if t.Value == "" {
		return "", nil
	}
	html, err := r.md.Render([]byte(t.Value), markdown.Options{Root: root, HeadingOffset: headingOffset, IDPrefix: idPrefix})
	if err != nil {
		return "", fmt.Errorf("%s: %w", t.Pos, err)
	}
	return html, nil
}

// PlainText returns Markdown as plain text of at most max runes, for meta
// descriptions.
func (r *Renderer) PlainText(t content.Text, max int) string {
	if t.Value == "" {
		return ""
	}
	return r.md.PlainText([]byte(t.Value), max)
}

// layered is a file system where the files of a folder replace those of
// the embedded defaults.
type layered struct {
	dir   string
	over  fs.FS
	under fs.FS
}

func newLayered(dir string, under fs.FS) (*layered, error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, fmt.Errorf("templates folder %s does not exist", dir)
	}
	l := &layered{dir: dir, over: os.DirFS(dir), under: under}
	return l, l.checkNames()
}

// checkNames refuses files in the override folder that replace nothing,
// since a misspelt template name would otherwise be silently ignored.
func (l *layered) checkNames() error {
	var known []string
	fs.WalkDir(l.under, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			known = append(known, name)
		}
		return nil
	})
	var problems []string
	fs.WalkDir(l.over, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			problems = append(problems, err.Error())
			return nil
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(name, "assets/") {
			return nil
		}
		if !slices.Contains(known, name) {
			problems = append(problems, fmt.Sprintf("%s: replaces no default template; the files that can be replaced are %s",
				path.Join(l.dir, name), strings.Join(known, ", ")))
		}
		return nil
	})
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

func (l *layered) Open(name string) (fs.File, error) {
	f, err := l.over.Open(name)
	if err == nil {
		if info, serr := f.Stat(); serr == nil && !info.IsDir() {
			return f, nil
		}
		f.Close()
	}
	return l.under.Open(name)
}

// ReadDir merges the folder's entries over the defaults', so that extra
// assets of the override folder are copied too.
func (l *layered) ReadDir(name string) ([]fs.DirEntry, error) {
	under, uerr := fs.ReadDir(l.under, name)
	over, oerr := fs.ReadDir(l.over, name)
	if uerr != nil && oerr != nil {
		return nil, uerr
	}
	byName := map[string]fs.DirEntry{}
	for _, e := range under {
		byName[e.Name()] = e
	}
	for _, e := range over {
		byName[e.Name()] = e
	}
	entries := make([]fs.DirEntry, 0, len(byName))
	for _, e := range byName {
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// displayName names a template file as the user finds it: in the override
// folder when it comes from there, else as a default.
func displayName(files fs.FS, name string) string {
	if l, ok := files.(*layered); ok {
		if _, err := fs.Stat(l.over, name); err == nil {
			return path.Join(l.dir, name)
		}
	}
	return "templates/" + name
}
