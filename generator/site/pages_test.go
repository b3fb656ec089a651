package site

import (
	"bytes"
	"encoding/xml"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"

	"reportsite/generator/diag"
)

// examplePages returns the HTML pages the example must have, from the
// names of its content files: the home page, one per year, the units and
// activities indexes with one page each, and 404.html.
func examplePages(t *testing.T, contentDir string) []string {
	t.Helper()
	pages := []string{"index.html", "404.html", "units/index.html", "activities/index.html", "search/index.html"}
	for _, year := range contentIDs(t, contentDir, "years") {
		pages = append(pages, year+"/index.html")
	}
	for _, id := range contentIDs(t, contentDir, "units") {
		pages = append(pages, "units/"+id+"/index.html")
	}
	for _, id := range contentIDs(t, contentDir, "activities") {
		pages = append(pages, "activities/"+id+"/index.html")
	}
	slices.Sort(pages)
	return pages
}

func TestExampleHasOnePagePerYearUnitAndActivity(t *testing.T) {
	dir := exampleContent(t, "en")
	s := renderDir(t, Options{Content: dir})
	want := examplePages(t, dir)
	got := htmlPages(s.Names())
	if !slices.Equal(got, want) {
		t.Errorf("the site's pages are\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	if _, ok := s.Get("sitemap.xml"); ok {
		t.Errorf("sitemap.xml was written without a base URL; it needs absolute addresses")
	}
	if _, ok := s.Get("assets/style.css"); !ok {
		t.Errorf("assets/style.css is missing")
	}
}

// shareTags are what a page shows when its link is shared or listed.
type shareTags struct {
	title, description, ogTitle, canonical string
}

func readShareTags(t *testing.T, name string, data []byte) shareTags {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var tags shareTags
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		attr := map[string]string{}
		for _, a := range n.Attr {
			attr[a.Key] = a.Val
		}
		switch {
		case n.Data == "title" && n.FirstChild != nil:
			tags.title = n.FirstChild.Data
		case n.Data == "meta" && attr["name"] == "description":
			tags.description = attr["content"]
		case n.Data == "meta" && attr["property"] == "og:title":
			tags.ogTitle = attr["content"]
		case n.Data == "link" && attr["rel"] == "canonical":
			tags.canonical = attr["href"]
		}
	}
	return tags
}

func TestEveryPageHasATitleADescriptionAndShareTags(t *testing.T) {
	forEachExampleVariant(t, func(t *testing.T, opts Options) {
		s := renderDir(t, opts)
		for _, page := range htmlPages(s.Names()) {
			tags := readShareTags(t, page, []byte(file(t, s, page)))
			if strings.TrimSpace(tags.title) == "" {
				t.Errorf("%s has no <title>", page)
			}
			if strings.TrimSpace(tags.description) == "" {
				t.Errorf(`%s has no <meta name="description">`, page)
			}
			if strings.TrimSpace(tags.ogTitle) == "" {
				t.Errorf("%s has no og:title", page)
			}
			switch want := opts.BaseURL + strings.TrimSuffix(page, "index.html"); {
			case page == "404.html":
				// The missing page has no address of its own.
				if tags.canonical != "" {
					t.Errorf("404.html claims the address %s", tags.canonical)
				}
			case opts.BaseURL == "" && tags.canonical != "":
				t.Errorf("%s has a canonical link %s without a base URL", page, tags.canonical)
			case opts.BaseURL != "" && tags.canonical != want:
				t.Errorf("%s: canonical link %q, want %q", page, tags.canonical, want)
			}
		}
	})
}

func TestSitemapListsTheAbsoluteAddressOfEveryPage(t *testing.T) {
	const base = "https://reports.example.org/bloc/"
	dir := exampleContent(t, "en")
	// Without the trailing slash, as an editor may well write it.
	s := renderDir(t, Options{Content: dir, BaseURL: strings.TrimSuffix(base, "/")})
	var sitemap struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(file(t, s, "sitemap.xml")), &sitemap); err != nil {
		t.Fatalf("sitemap.xml does not parse: %v", err)
	}
	var got []string
	for _, u := range sitemap.URLs {
		got = append(got, u.Loc)
	}
	var want []string
	for _, page := range examplePages(t, dir) {
		if strings.HasSuffix(page, "index.html") {
			want = append(want, base+strings.TrimSuffix(page, "index.html"))
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("sitemap.xml lists\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestTwoBuildsOfTheSameContentAreByteIdentical(t *testing.T) {
	for _, lang := range languages {
		t.Run(lang, func(t *testing.T) {
			dir := exampleContent(t, lang)
			opts := Options{Content: dir, BaseURL: "https://reports.example.org/bloc/"}
			first := readTree(t, buildDir(t, opts))
			second := readTree(t, buildDir(t, opts))
			// A copy of the content in another folder must give the same
			// site too: no path of the build machine leaks into it.
			copied := filepath.Join(t.TempDir(), "elsewhere")
			copyTree(t, dir, copied)
			opts.Content = copied
			third := readTree(t, buildDir(t, opts))
			if len(first) < 20 {
				t.Fatalf("the build wrote only %d files", len(first))
			}
			for _, other := range []map[string][]byte{second, third} {
				for name, data := range first {
					if !bytes.Equal(data, other[name]) {
						t.Errorf("%s differs between two builds", name)
					}
				}
				for name := range other {
					if _, ok := first[name]; !ok {
						t.Errorf("%s was written by only one of two builds", name)
					}
				}
			}
		})
	}
}

// TestBuildWritesWhatRenderReturns checks that the folder Build writes is
// the in-memory site of Render plus the marker file, so that tests of
// Render speak for the published site.
func TestBuildWritesWhatRenderReturns(t *testing.T) {
	dir := exampleContent(t, "vi")
	memory := siteFiles(t, renderDir(t, Options{Content: dir}))
	disk := readTree(t, buildDir(t, Options{Content: dir}))
	marker, ok := disk[".reportsite-output"]
	if !ok || len(marker) == 0 {
		t.Errorf("the build left no marker file")
	}
	delete(disk, ".reportsite-output")
	for name, data := range memory {
		if !bytes.Equal(data, disk[name]) {
			t.Errorf("%s on disk differs from the rendered one", name)
		}
	}
	if len(disk) != len(memory) {
		t.Errorf("%d files on disk, %d rendered", len(disk), len(memory))
	}
}

// TestEachEntryRendersAsTheWholeBuild checks each file of the plan,
// rendered on its own as reportsite serve renders it when first asked
// for, against a full render: the same files with the same bytes,
// rendered in any order and at the same time.
func TestEachEntryRendersAsTheWholeBuild(t *testing.T) {
	forEachExampleVariant(t, func(t *testing.T, opts Options) {
		rendered := siteFiles(t, renderDir(t, opts))
		var diags diag.List
		plan, err := NewPlan(Check(opts.Content, opts.Strict, &diags), opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(plan.Entries) != len(rendered) {
			t.Errorf("%d files planned, %d rendered", len(plan.Entries), len(rendered))
		}
		entries := slices.Clone(plan.Entries)
		slices.Reverse(entries)
		var wg sync.WaitGroup
		for _, e := range entries {
			for range 2 {
				wg.Go(func() {
					data, err := e.Render()
					if err != nil {
						t.Errorf("%s: %v", e.Path, err)
					} else if !bytes.Equal(data, rendered[e.Path]) {
						t.Errorf("%s differs from the rendered one", e.Path)
					}
				})
			}
		}
		wg.Wait()
	})
}
