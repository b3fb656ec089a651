package site

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"reportsite/generator/chartscript"
)

// TestEveryPageHasTheSearchBox: the header of every page holds a search
// form whose input is labelled and whose words go to the search page,
// which the pages' policy lets forms go to; the search page has its own
// box instead, and one only.
func TestEveryPageHasTheSearchBox(t *testing.T) {
	s := renderDir(t, Options{Content: exampleDir})
	form := regexp.MustCompile(`<form class="site-search" role="search" action="([^"]*)search/index.html" method="get">\s*<label class="visually-hidden" for="site-search-q">[^<]+</label>\s*<input id="site-search-q" type="search" name="q"`)
	for _, name := range htmlPages(s.Names()) {
		page := file(t, s, name)
		m := form.FindStringSubmatch(page)
		if name == "search/index.html" {
			if m != nil || strings.Count(page, `type="search"`) != 1 {
				t.Errorf("%s has %d search boxes, want its own only", name, strings.Count(page, `type="search"`))
			}
			continue
		}
		if m == nil {
			t.Errorf("%s has no labelled search box", name)
			continue
		}
		if name != "404.html" && m[1] != strings.Repeat("../", strings.Count(name, "/")) {
			t.Errorf("%s sends its search to %ssearch/index.html", name, m[1])
		}
		if !strings.Contains(page, "form-action 'self'") {
			t.Errorf("%s: its policy does not let the search box send its words", name)
		}
	}
}

// TestSearchPageLoadsEveryPartOfTheIndex: the search page's settings name
// every part of the index, each a file of the site, and the script that
// reads them.
func TestSearchPageLoadsEveryPartOfTheIndex(t *testing.T) {
	if _, err := chartscript.SearchScript(); err != nil {
		t.Skip("no search script: run `make bundle`")
	}
	s := renderDir(t, Options{Content: exampleDir})
	page := file(t, s, "search/index.html")
	m := regexp.MustCompile(`<script type="application/json" id="reportsite-search">([^<]*)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the search page has no settings")
	}
	var config struct {
		Root  string `json:"root"`
		Parts []struct {
			Name, Kind, Src string
			Year            int
		} `json:"parts"`
		Strings map[string]string `json:"strings"`
		Numbers map[string]any    `json:"numbers"`
	}
	if err := json.Unmarshal([]byte(m[1]), &config); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range config.Parts {
		names = append(names, p.Name)
		data := file(t, s, strings.TrimPrefix(p.Src, "../"))
		if !strings.HasPrefix(data, `window.reportsiteSearch.add("`+p.Name+`",[`) {
			t.Errorf("%s does not hand over the documents of %s: %.60q", p.Src, p.Name, data)
		}
	}
	if got := strings.Join(names, " "); got != "units years activities-2023" {
		t.Errorf("the parts are %q", got)
	}
	if config.Root != "../" || config.Strings["count"] != "{count} results" || config.Numbers["group"] != "," {
		t.Errorf("settings: root %q, strings %v, numbers %v", config.Root, config.Strings, config.Numbers)
	}
	if !strings.Contains(page, `<script src="../assets/search.js" defer></script>`) {
		t.Error("the search page does not load its script")
	}
	file(t, s, chartscript.SearchPath)
}
