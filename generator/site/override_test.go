package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docExample returns the fenced block of docs/templates.md whose info
// string is "html name": the example of an override, which the test
// builds so that the doc cannot drift from what works.
func docExample(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("../../docs/templates.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.ReplaceAll(string(data), "\r\n", "\n")
	open := "```html " + name + "\n"
	i := strings.Index(doc, open)
	if i < 0 {
		t.Fatalf("docs/templates.md has no %q block", strings.TrimSpace(open))
	}
	body := doc[i+len(open):]
	end := strings.Index(body, "\n```\n")
	if end < 0 {
		t.Fatalf("the %s block of docs/templates.md does not end", name)
	}
	return body[:end+1]
}

// TestTheDocsLayoutOverrideBuildsTheExample builds the example site with
// the layout.html of docs/templates.md, written from the doc alone, and
// its emblem.
func TestTheDocsLayoutOverrideBuildsTheExample(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "templates")
	writeFile(t, filepath.Join(dir, "layout.html"), []byte(docExample(t, "layout.html")))
	writeFile(t, filepath.Join(dir, "assets", "emblem.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>`+"\n"))
	s := renderDir(t, Options{Content: exampleContent(t, "en"), Templates: dir})

	if _, err := s.Bytes("assets/emblem.svg"); err != nil {
		t.Errorf("the emblem is not copied: %v", err)
	}
	units := file(t, s, "units/index.html")
	for _, want := range []string{
		`<img src="../assets/emblem.svg"`,
		`<a class="brand" href="../index.html">`,
		`aria-current="page">Units</a>`,
	} {
		if !strings.Contains(units, want) {
			t.Errorf("units/index.html lacks %q", want)
		}
	}
	for name, data := range siteFiles(t, s) {
		if strings.HasSuffix(name, ".html") && !strings.Contains(string(data), "assets/emblem.svg") {
			t.Errorf("%s has no emblem", name)
		}
	}
}

// TestTheDocsUnitOverrideBuildsTheExample builds the example site with
// the unit.html of docs/templates.md, which puts a unit's years before
// its totals.
func TestTheDocsUnitOverrideBuildsTheExample(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "templates")
	writeFile(t, filepath.Join(dir, "unit.html"), []byte(docExample(t, "unit.html")))
	s := renderDir(t, Options{Content: exampleContent(t, "en"), Templates: dir})

	page := file(t, s, "units/agricultural-extension-centre/index.html")
	year, overall := strings.Index(page, `id="year-2023"`), strings.Index(page, `id="overall"`)
	if year < 0 || overall < 0 || year > overall {
		t.Errorf("the unit's years are not before its totals (year at %d, totals at %d)", year, overall)
	}
	for _, want := range []string{`<tbody>`, `<dl class="key-figures">`, `class="chart"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the unit's page lacks %q", want)
		}
	}
}
