package chartscript

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// script returns the bundled script, skipping a test of a checkout where
// `make bundle` has not run, except under CI, where it must have.
func script(t *testing.T) []byte {
	t.Helper()
	data, err := Script()
	if errors.Is(err, ErrNotBundled) && os.Getenv("CI") != "true" {
		t.Skip("no chart script: run `make bundle`")
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// The chart script is the one script of any size a page loads; the whole
// of echarts.min.js is 1.12 MB.
func TestScriptIsAtMost600KB(t *testing.T) {
	data := script(t)
	if len(data) > 600_000 {
		t.Errorf("the chart script is %d bytes, over the 600 KB a page may load", len(data))
	}
	t.Logf("chart script: %d bytes, ECharts %s", len(data), EChartsVersion())
}

func TestScriptIsTheBundleOfChartsJS(t *testing.T) {
	data := script(t)
	for _, want := range []string{
		"reportsite-numbers", // charts.js reads the number formats
		"getInstanceByDom",   // the global echarts it keeps
		"Apache ECharts",     // its licence notice, kept
	} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the chart script has no %q", want)
		}
	}
	if EChartsVersion() == "" {
		t.Error("the chart script is bundled but its ECharts version is not recorded")
	}
}

// A built site is the same on every machine: the bundle must not carry
// the folder it was made in.
func TestScriptNamesNoFolderOfTheMachine(t *testing.T) {
	data := script(t)
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{root, "node_modules/"} {
		if bytes.Contains(data, []byte(leak)) {
			t.Errorf("the chart script contains %q", leak)
		}
	}
}

// The search script is search.js with MiniSearch and the number formats,
// its licence kept, and none of the machine's folders.
func TestSearchScriptIsTheBundleOfSearchJS(t *testing.T) {
	data, err := SearchScript()
	if errors.Is(err, ErrNotBundled) && os.Getenv("CI") != "true" {
		t.Skip("no search script: run `make bundle`")
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"reportsite-search",  // search.js reads its settings
		"reportsiteSearch",   // the parts of the index call it
		"MiniSearch",         // its licence notice, kept
		"Permission is here", // the MIT licence's text
	} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the search script has no %q", want)
		}
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, leak := range []string{root, "node_modules/"} {
		if bytes.Contains(data, []byte(leak)) {
			t.Errorf("the search script contains %q", leak)
		}
	}
	if MiniSearchVersion() == "" {
		t.Error("the search script is bundled but its MiniSearch version is not recorded")
	}
	if len(data) > 60_000 {
		t.Errorf("the search script is %d bytes; MiniSearch alone is about 20 KB", len(data))
	}
}
