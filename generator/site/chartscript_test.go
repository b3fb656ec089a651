package site

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"reportsite/generator/chartscript"
)

// A site with charts carries the embedded chart script, found without any
// node_modules: the only script of ECharts a page loads.
func TestSiteWithChartsCarriesTheEmbeddedChartScript(t *testing.T) {
	want, err := chartscript.Script()
	if err != nil {
		t.Skip(err)
	}
	content, err := filepath.Abs(exampleDir)
	if err != nil {
		t.Fatal(err)
	}
	// From a folder with no node_modules above it.
	t.Chdir(t.TempDir())
	s := renderDir(t, Options{Content: content})
	got, err := s.Bytes(chartscript.Path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not the embedded chart script", chartscript.Path)
	}
	if s.Has("assets/echarts.min.js") {
		t.Error("the site still has a separate assets/echarts.min.js")
	}
	page, err := s.Bytes("2023/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), "<script src="); n != 2 ||
		!strings.Contains(string(page), `<script src="../assets/charts.js" defer></script>`) {
		t.Errorf("the year page loads %d scripts, want numbers.js and charts.js", n)
	}
}

func TestSiteOwnChartScriptReplacesTheBundledOne(t *testing.T) {
	if _, err := chartscript.Script(); err != nil {
		t.Skip(err)
	}
	templates := t.TempDir()
	own := []byte("/* a bloc's own chart script */\n")
	writeFile(t, filepath.Join(templates, "assets", "charts.js"), own)
	s := renderDir(t, Options{Content: exampleDir, Templates: templates})
	if got, _ := s.Bytes(chartscript.Path); !bytes.Equal(got, own) {
		t.Errorf("%s = %.60q…, want the site's own", chartscript.Path, got)
	}
}

func TestSiteWithoutActivitiesHasNoChartScript(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "site.yaml"), []byte("title: A bloc\nlanguage: en\n"))
	s := renderDir(t, Options{Content: dir})
	if s.Has(chartscript.Path) {
		t.Errorf("a site without charts has %s", chartscript.Path)
	}
}
