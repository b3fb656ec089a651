package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"reportsite/generator/fixture"
)

// A link checker for a built site, in the manner of Zola's: every href and
// src of every HTML file must reach a file of the site, and every
// #fragment an id of the page it points into.

// htmlDoc is what the checker keeps of one HTML file.
type htmlDoc struct {
	ids   map[string]bool
	links []htmlLink
}

// htmlLink is one href or src attribute.
type htmlLink struct {
	tag, attr, rel, value string
}

func (l htmlLink) String() string {
	return fmt.Sprintf("<%s %s=%q>", l.tag, l.attr, l.value)
}

// parseHTML reads the ids and the links of an HTML file.
func parseHTML(data []byte) (*htmlDoc, error) {
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	doc := &htmlDoc{ids: map[string]bool{}}
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		var rel string
		for _, a := range n.Attr {
			if a.Key == "rel" {
				rel = a.Val
			}
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "id":
				doc.ids[a.Val] = true
			case "href", "src":
				doc.links = append(doc.links, htmlLink{tag: n.Data, attr: a.Key, rel: rel, value: a.Val})
			}
		}
	}
	return doc, nil
}

// checkLinks checks every link of every HTML file of the site in site
// and returns the problems found, one per broken link. baseURL is the
// address the site was built for, or "". The pages must link to each
// other relatively, so that the site works from any sub-path and from
// disk; only the canonical link, and every link of 404.html (which a
// server shows at any depth), are absolute when baseURL is set.
func checkLinks(site fs.FS, baseURL string) ([]string, error) {
	docs := map[string]*htmlDoc{}
	err := fs.WalkDir(site, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".html") {
			return err
		}
		data, err := fs.ReadFile(site, name)
		if err != nil {
			return err
		}
		doc, err := parseHTML(data)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		docs[name] = doc
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("the site has no HTML file")
	}
	var problems []string
	for _, name := range slices.Sorted(maps.Keys(docs)) {
		for _, link := range docs[name].links {
			if p := checkLink(site, docs, name, link, baseURL); p != "" {
				problems = append(problems, fmt.Sprintf("%s: %s %s", name, link, p))
			}
		}
	}
	return problems, nil
}

// checkLink returns what is wrong with one link of the page name, or "".
func checkLink(site fs.FS, docs map[string]*htmlDoc, name string, link htmlLink, baseURL string) string {
	if link.value == "" {
		return "is empty"
	}
	u, err := url.Parse(link.value)
	if err != nil {
		return "does not parse: " + err.Error()
	}
	isNotFound := name == "404.html"
	loads := link.attr == "src" || link.rel == "stylesheet" || link.rel == "icon"
	var target string // the file linked to, as a slash path inside the site
	switch {
	case u.Scheme == "mailto":
		return ""
	case u.Scheme == "http" || u.Scheme == "https":
		inSite := baseURL != "" && strings.HasPrefix(link.value, baseURL)
		switch {
		case !inSite && loads:
			return "loads a file from another origin"
		case !inSite:
			return "" // a link to another site, such as a unit's website
		case !isNotFound && link.rel != "canonical":
			return "is absolute; links between pages must be relative"
		}
		target = strings.TrimPrefix(u.Path, mustParse(baseURL).Path)
	case u.Scheme != "" || u.Opaque != "" || u.Host != "":
		return "has a scheme or host that is not allowed"
	case isNotFound && baseURL != "" && u.Path != "":
		return "is relative, but 404.html is shown at any depth: it must start with " + baseURL
	case u.Path == "":
		target = name // a #fragment of the page itself
	case strings.HasPrefix(u.Path, "/"):
		return "is absolute from the server's root; it breaks under a sub-path and from disk"
	default:
		target = path.Join(path.Dir(name), u.Path)
		if target == ".." || strings.HasPrefix(target, "../") {
			return "leaves the site"
		}
	}
	if target == "" || target == "." || strings.HasSuffix(u.Path, "/") {
		target = path.Join(target, "index.html")
	}
	if _, err := fs.Stat(site, target); err != nil {
		return "points to " + target + ", which the site does not have"
	}
	if u.Fragment != "" {
		doc, ok := docs[target]
		if !ok {
			return "has a #fragment into " + target + ", which is not an HTML page"
		}
		if !doc.ids[u.Fragment] {
			return fmt.Sprintf("points to #%s, which %s has no id for", u.Fragment, target)
		}
	}
	return ""
}

func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// fstestMap is an in-memory site of the given files.
func fstestMap(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, text := range files {
		m[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return m
}

func TestEveryLinkOfTheExampleReachesAFileAndAnID(t *testing.T) {
	forEachExampleVariant(t, func(t *testing.T, opts Options) {
		out := buildDir(t, opts)
		problems, err := checkLinks(os.DirFS(out), opts.BaseURL)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Error(p)
		}
	})
}

// TestEveryLinkOfAGeneratedSiteReachesAFileAndAnID checks the links of
// shapes the example never has: many units and years, long names, charts
// cut at their most bars and years, data files of every unit and activity.
func TestEveryLinkOfAGeneratedSiteReachesAFileAndAnID(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	if err := fixture.Write(content, fixture.Config{Units: 30, Activities: 150, Years: 12, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	// The generated site.yaml has a base_url; this one replaces it.
	const base = "https://reports.example.org/bloc/"
	out := buildDir(t, Options{Content: content, BaseURL: base})
	problems, err := checkLinks(os.DirFS(out), base)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestNotFoundPageLinksAreAbsoluteUnderTheBaseURL checks the 404 page on
// its own: a server shows it for a missing page at any depth, so relative
// links would break there.
func TestNotFoundPageLinksAreAbsoluteUnderTheBaseURL(t *testing.T) {
	const base = "https://reports.example.org/bloc/"
	out := buildDir(t, Options{Content: exampleContent(t, "en"), BaseURL: "https://reports.example.org/bloc"})
	data, err := os.ReadFile(out + "/404.html")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseHTML(data)
	if err != nil {
		t.Fatal(err)
	}
	var absolute int
	for _, l := range doc.links {
		switch {
		case strings.HasPrefix(l.value, "#"):
		case strings.HasPrefix(l.value, base):
			absolute++
		default:
			t.Errorf("404.html: %s does not start with %s", l, base)
		}
	}
	if absolute == 0 {
		t.Errorf("404.html has no link under %s", base)
	}
}

// TestNotFoundRootLeadsTheLinksOf404 checks Options.NotFoundRoot: the
// links of 404.html start from it, in place of the site's address, and
// no other page changes.
func TestNotFoundRootLeadsTheLinksOf404(t *testing.T) {
	opts := Options{Content: exampleContent(t, "en"), BaseURL: "https://reports.example.org/bloc/"}
	plain := renderDir(t, opts)
	opts.NotFoundRoot = "/"
	rooted := renderDir(t, opts)
	data, err := rooted.Bytes("404.html")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseHTML(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range doc.links {
		if !strings.HasPrefix(l.value, "#") && !strings.HasPrefix(l.value, "/") {
			t.Errorf("404.html: %s does not start with /", l)
		}
	}
	for _, name := range plain.Names() {
		a, _ := plain.Bytes(name)
		b, _ := rooted.Bytes(name)
		if name != "404.html" && !bytes.Equal(a, b) {
			t.Errorf("%s changes with NotFoundRoot", name)
		}
	}
}

// TestLinkCheckerFindsBrokenLinks makes sure the checker above is not
// blind: each page of this hand-made site breaks one rule.
func TestLinkCheckerFindsBrokenLinks(t *testing.T) {
	const base = "https://reports.example.org/bloc/"
	site := fstestMap(map[string]string{
		"index.html":       `<a href="units/index.html">ok</a><a id="top" href="#top">ok</a><a href="https://example.com/">ok</a><a href="mailto:a@b.c">ok</a>`,
		"units/index.html": `<a href="../missing.html">x</a><a href="../index.html#nowhere">x</a><a href="../../up.html">x</a><a href="/index.html">x</a>`,
		"a/index.html":     `<a href="javascript:alert(1)">x</a><img src="https://cdn.example.com/x.png"><a href="` + base + `index.html">x</a><a href="">x</a>`,
		"404.html":         `<a href="index.html">x</a>`,
		"style.html":       `<link rel="canonical" href="` + base + `units/">`,
	})
	problems, err := checkLinks(site, base)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`404.html: <a href="index.html"> is relative, but 404.html is shown at any depth`,
		`a/index.html: <a href="javascript:alert(1)"> has a scheme or host that is not allowed`,
		`a/index.html: <img src="https://cdn.example.com/x.png"> loads a file from another origin`,
		`a/index.html: <a href="https://reports.example.org/bloc/index.html"> is absolute; links between pages must be relative`,
		`a/index.html: <a href="">`,
		`units/index.html: <a href="../missing.html"> points to missing.html, which the site does not have`,
		`units/index.html: <a href="../index.html#nowhere"> points to #nowhere, which index.html has no id for`,
		`units/index.html: <a href="../../up.html"> leaves the site`,
		`units/index.html: <a href="/index.html"> is absolute from the server's root`,
	}
	got := strings.Join(problems, "\n")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("the checker missed %s", w)
		}
	}
	if len(problems) != len(want) {
		t.Errorf("the checker found %d problems, want %d:\n%s", len(problems), len(want), got)
	}
}
