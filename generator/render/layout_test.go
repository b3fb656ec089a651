package render

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"reportsite/generator/view"
	"reportsite/templates"
)

// TestDefaultLayoutReadsOnlyTheLayoutView runs the default layout.html on
// a view.Layout alone, with an empty "main": a field of the page that is
// not in the view, such as .Site, fails to evaluate.
func TestDefaultLayoutReadsOnlyTheLayoutView(t *testing.T) {
	r, err := New("", "en")
	if err != nil {
		t.Fatal(err)
	}
	set := template.New("").Funcs(r.funcs())
	if err := parseFile(set, templates.FS, "layout.html"); err != nil {
		t.Fatal(err)
	}
	template.Must(set.New("main").Parse(""))
	l := &view.Layout{
		Lang: "en", Title: "Units", SiteTitle: "The site", Organisation: "The bloc",
		Description: "About", Canonical: "https://example.org/units/", Root: "../",
		HomeURL: "../", Menu: []view.MenuLink{{Label: "Home", Href: "../"}, {Label: "Units", Href: "./", Current: true}},
		Breadcrumbs: []view.Link{{Label: "Home", Href: "../"}},
		Downloads:   []view.Link{{Label: "units.csv", Href: "../data/units.csv"}},
		EditURL:     "https://example.org/edit", HasCharts: true, NumberFormat: "{}",
	}
	var buf bytes.Buffer
	if err := set.ExecuteTemplate(&buf, "layout.html", l); err != nil {
		t.Fatalf("layout.html reads more than view.Layout: %v", err)
	}
	for _, want := range []string{"The bloc", `href="./" aria-current="page">Units<`, "units.csv", "assets/charts.js"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("layout.html does not show %q", want)
		}
	}
}
