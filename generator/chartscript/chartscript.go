// Package chartscript holds the site's bundled scripts: the script that
// draws a page's charts (the parts of ECharts the charts use, and
// charts.js, which draws each chart from the option in its page), and the
// search page's script (generator/search/search.js with MiniSearch).
// `make bundle` (cmd/bundle) bundles them with esbuild from the pinned npm
// packages into dist/, and the binary embeds the result, so that a built
// reportsite needs no Node, no node_modules and no network to make a site
// with charts and search.
package chartscript

import (
	"embed"
	"errors"
	"io/fs"
	"strings"
)

// Path is where a site serves the chart script.
const Path = "assets/charts.js"

// SearchPath is where a site serves the search page's script.
const SearchPath = "assets/search.js"

// dist holds what `make bundle` wrote, and a README that keeps the folder
// embeddable in a fresh clone, before anything is bundled.
//
//go:embed dist
var dist embed.FS

// ErrNotBundled is returned by Script in a reportsite built without the
// chart script: with `go build` in a fresh clone, before `make bundle`.
var ErrNotBundled = errors.New("this reportsite was built without its chart and search scripts: run `make build` (or `make site`) in the reportsite folder, which bundles it, then use that build")

// Script returns the bundled chart script, or ErrNotBundled.
func Script() ([]byte, error) { return bundled("charts.js") }

// EChartsVersion returns the version of the echarts package bundled into
// the chart script, or "" when there is no chart script.
func EChartsVersion() string { return bundledVersion("echarts-version") }

// SearchScript returns the bundled search script, or ErrNotBundled.
func SearchScript() ([]byte, error) { return bundled("search.js") }

// MiniSearchVersion returns the version of the minisearch package bundled
// into the search script, or "" when there is no search script.
func MiniSearchVersion() string { return bundledVersion("minisearch-version") }

// bundled returns the file name of dist/, or ErrNotBundled when make
// bundle has not made it.
func bundled(name string) ([]byte, error) {
	data, err := fs.ReadFile(dist, "dist/"+name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotBundled
	}
	return data, err
}

// bundledVersion returns the version written in the file name of dist/,
// or "" when there is none.
func bundledVersion(name string) string {
	data, err := fs.ReadFile(dist, "dist/"+name)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(data))
}
