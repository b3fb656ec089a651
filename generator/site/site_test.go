package site

import (
	"bytes"
	"encoding/base64"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"reportsite/generator/diag"
	"reportsite/generator/output"
)

// The helpers below build whole sites for the tests of this package, in
// the manner of Hugo's integration tests: a site is a txtar archive whose
// files under content/ form the content folder and whose files under
// templates/ form a --templates folder, or it is a copy of the example
// site in ../../content.

// exampleDir is the example site that ships with the repository.
const exampleDir = "../../content"

// writeArchive writes the files of a txtar archive under dir and returns
// the content folder and the templates folder ("" when the archive has no
// templates/ file). Sections whose names do not start with content/ or
// templates/ are expectations, not files, and are skipped.
func writeArchive(t *testing.T, a *txtar.Archive, dir string) (contentDir, templatesDir string) {
	t.Helper()
	contentDir = filepath.Join(dir, "content")
	if err := os.MkdirAll(contentDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range a.Files {
		if !strings.HasPrefix(f.Name, "content/") && !strings.HasPrefix(f.Name, "templates/") {
			continue
		}
		if strings.HasPrefix(f.Name, "templates/") {
			templatesDir = filepath.Join(dir, "templates")
		}
		name, data := fromBase64(t, f.Name, f.Data)
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	}
	return contentDir, templatesDir
}

// fromBase64 returns the name and bytes of an archive's file: a file
// whose name ends in ".base64", such as a photo, holds its bytes in
// base64 and is written without that ending.
func fromBase64(t *testing.T, name string, data []byte) (string, []byte) {
	t.Helper()
	name, ok := strings.CutSuffix(name, ".base64")
	if !ok {
		return name, data
	}
	decoded, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(data)), ""))
	if err != nil {
		t.Fatalf("%s.base64: %v", name, err)
	}
	return name, decoded
}

// writeFile writes data at name, making its folders.
func writeFile(t testing.TB, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// renderFixture builds the site of a txtar archive given as text in
// memory, with the archive's templates/ folder when it has one, and fails
// the test on any content or rendering error.
func renderFixture(t *testing.T, archive string, opts Options) *output.Site {
	t.Helper()
	contentDir, templatesDir := writeArchive(t, txtar.Parse([]byte(archive)), t.TempDir())
	opts.Content = contentDir
	if templatesDir != "" {
		opts.Templates = templatesDir
	}
	return renderDir(t, opts)
}

// tryRender loads, validates and renders the content folder of opts in
// memory. A content error comes back as ErrContent with the diagnostics.
func tryRender(opts Options) (*output.Site, *diag.List, error) {
	var diags diag.List
	c := Check(opts.Content, opts.Strict, &diags)
	if diags.HasErrors() {
		return nil, &diags, ErrContent
	}
	s, _, err := Render(c, opts)
	return s, &diags, err
}

// renderDir renders the content folder of opts in memory and fails the
// test on any error.
func renderDir(t *testing.T, opts Options) *output.Site {
	t.Helper()
	s, diags, err := tryRender(opts)
	if err != nil {
		t.Fatalf("rendering %s: %v\n%s", opts.Content, err, diagText(diags))
	}
	return s
}

// buildDir runs Build for the content folder of opts into a new temporary
// --out folder, which it returns, and fails the test on any error or
// warning.
func buildDir(t *testing.T, opts Options) string {
	t.Helper()
	if opts.Out == "" {
		opts.Out = filepath.Join(t.TempDir(), "public")
	}
	var diags diag.List
	if _, err := Build(opts, &diags); err != nil {
		t.Fatalf("building %s: %v\n%s", opts.Content, err, diagText(&diags))
	}
	if _, warnings := diags.Count(); warnings > 0 {
		t.Fatalf("building %s gave warnings:\n%s", opts.Content, diagText(&diags))
	}
	return opts.Out
}

func diagText(diags *diag.List) string {
	if diags == nil {
		return ""
	}
	var buf bytes.Buffer
	diags.WriteText(&buf)
	return buf.String()
}

var languageLine = regexp.MustCompile(`(?m)^language:.*$`)

// exampleContent copies the example site into a temporary folder with
// site.yaml's language set to lang, and returns the copy.
func exampleContent(t *testing.T, lang string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	copyTree(t, exampleDir, dir)
	name := filepath.Join(dir, "site.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !languageLine.Match(data) {
		t.Fatalf("%s has no language: line to rewrite", name)
	}
	data = languageLine.ReplaceAll(data, []byte("language: "+lang))
	writeFile(t, name, data)
	return dir
}

// copyTree copies the files of the folder from into the folder to.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(from, name)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		writeFile(t, filepath.Join(to, rel), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// readTree returns every file under dir by its slash path inside dir.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, name)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(name)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// siteFiles returns every file of an in-memory site by its path.
func siteFiles(t *testing.T, s *output.Site) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, name := range s.Names() {
		data, err := s.Bytes(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		files[name] = data
	}
	return files
}

// file returns the text of the site's file at name, failing the test when
// there is none.
func file(t *testing.T, s *output.Site, name string) string {
	t.Helper()
	data, err := s.Bytes(name)
	if err != nil {
		t.Fatalf("the site has no %s (%v); it has %s", name, err, strings.Join(s.Names(), ", "))
	}
	return string(data)
}

// htmlPages returns the paths of the HTML files among names, sorted.
func htmlPages(names []string) []string {
	var pages []string
	for _, n := range names {
		if strings.HasSuffix(n, ".html") {
			pages = append(pages, n)
		}
	}
	sort.Strings(pages)
	return pages
}

// contentIDs returns the IDs of the content files of folder (units,
// activities, years) of a content folder, sorted.
func contentIDs(t *testing.T, contentDir, folder string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(contentDir, folder, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range matches {
		ids = append(ids, strings.TrimSuffix(filepath.Base(m), ".yaml"))
	}
	sort.Strings(ids)
	if len(ids) == 0 {
		t.Fatalf("%s has no %s", contentDir, folder)
	}
	return ids
}

// exampleBase is the address the tests publish the example under.
const exampleBase = "https://reports.example.org/bloc/"

// forEachExampleVariant runs test on the example site in every language,
// without and with a base URL.
func forEachExampleVariant(t *testing.T, test func(t *testing.T, opts Options)) {
	for _, lang := range languages {
		for _, baseURL := range []string{"", exampleBase} {
			name := lang
			if baseURL != "" {
				name += " with base URL"
			}
			t.Run(name, func(t *testing.T) {
				test(t, Options{Content: exampleContent(t, lang), BaseURL: baseURL})
			})
		}
	}
}
