// Command bundle makes the two scripts that reportsite embeds, each one
// minified file in generator/chartscript/dist:
//
//   - charts.js, the chart script: generator/chartscript/charts.js with
//     the parts of ECharts it imports from the pinned echarts package;
//   - search.js, the search page's script: generator/search/search.js
//     with the pinned minisearch package and the site's number formats.
//
// It records the versions of ECharts and MiniSearch beside them. `make
// bundle` runs it from the repository root after `npm ci`.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

const (
	entry       = "generator/chartscript/charts.js"
	searchEntry = "generator/search/search.js"
	distDir     = "generator/chartscript/dist"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bundle:", err)
		os.Exit(1)
	}
}

func run() error {
	if err := bundleCharts(); err != nil {
		return err
	}
	return bundleSearch()
}

func bundleCharts() error {
	version, err := packageVersion("echarts")
	if err != nil {
		return err
	}
	notice, err := os.ReadFile(filepath.Join("node_modules", "echarts", "NOTICE"))
	if err != nil {
		return err
	}
	return bundle(script{
		entry:   entry,
		name:    "charts.js",
		pkg:     "echarts",
		library: "ECharts",
		version: version,
		target:  api.ES2017,
		// ECharts' licence asks that its NOTICE go with every copy;
		// zrender's and tslib's notices are kept at the end.
		banner: banner(version, string(notice)),
		// ECharts checks its arguments and prints hints only outside
		// production builds.
		define: map[string]string{"process.env.NODE_ENV": `"production"`},
	})
}

// bundleSearch bundles the search page's script: search.js, MiniSearch
// and the number formats it imports, as one classic script, since pages
// opened from disk cannot load modules.
func bundleSearch() error {
	version, err := packageVersion("minisearch")
	if err != nil {
		return err
	}
	license, err := os.ReadFile(filepath.Join("node_modules", "minisearch", "LICENSE.txt"))
	if err != nil {
		return err
	}
	return bundle(script{
		entry:   searchEntry,
		name:    "search.js",
		pkg:     "minisearch",
		library: "MiniSearch",
		version: version,
		target:  api.ES2018, // Unicode property escapes in patterns
		// MiniSearch's MIT licence asks that its notice go with every copy.
		banner: searchBanner(version, string(license)),
	})
}

// script is one script to bundle into distDir.
type script struct {
	entry   string // the module to start from
	name    string // the file to write in distDir
	pkg     string // the npm package it bundles, for messages
	library string // its name, for the line make prints
	version string // its version, written beside the script
	target  api.Target
	banner  string
	define  map[string]string
}

// bundle bundles s with esbuild, minified, as one classic script (pages
// opened from disk cannot load modules), and writes it with its
// library's version.
func bundle(s script) error {
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	result := api.Build(api.BuildOptions{
		AbsWorkingDir:     root,
		EntryPoints:       []string{s.entry},
		Outfile:           filepath.Join(distDir, s.name),
		Bundle:            true,
		Format:            api.FormatIIFE,
		Target:            s.target,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Define:            s.define,
		Banner:            map[string]string{"js": s.banner},
		LegalComments:     api.LegalCommentsEndOfFile,
		Charset:           api.CharsetUTF8,
		LogLevel:          api.LogLevelSilent,
		Write:             false,
	})
	if len(result.Errors) > 0 {
		msgs := api.FormatMessages(result.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		for _, m := range msgs {
			fmt.Fprint(os.Stderr, m)
		}
		return fmt.Errorf("%d errors bundling %s; has `npm ci` installed node_modules/%s?", len(result.Errors), s.entry, s.pkg)
	}
	return write(result, s.name, s.pkg+"-version", s.library, s.version)
}

// write writes the one file esbuild made as name in distDir, and the
// version of the library it bundles as versionFile.
func write(result api.BuildResult, name, versionFile, library, version string) error {
	if len(result.OutputFiles) != 1 {
		return fmt.Errorf("esbuild wrote %d files for %s, want 1", len(result.OutputFiles), name)
	}
	if err := os.WriteFile(filepath.Join(distDir, name), result.OutputFiles[0].Contents, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(distDir, versionFile), []byte(version+"\n"), 0o644); err != nil {
		return err
	}
	fmt.Printf("bundled %s with %s %s: %d bytes\n", filepath.ToSlash(filepath.Join(distDir, name)), library, version, len(result.OutputFiles[0].Contents))
	return nil
}

// banner is the comment the chart script starts with: what it bundles,
// under which licences, and ECharts' NOTICE.
func banner(version, notice string) string {
	notice = strings.ReplaceAll(strings.TrimSpace(notice), "*/", "* /")
	return "/*! reportsite chart script: charts.js with parts of Apache ECharts " + version +
		" (Apache License 2.0, https://www.apache.org/licenses/LICENSE-2.0) and ZRender (BSD 3-Clause).\n" +
		notice + "\n*/"
}

// searchBanner is the comment the search script starts with: what it
// bundles, and MiniSearch's licence.
func searchBanner(version, license string) string {
	license = strings.ReplaceAll(strings.TrimSpace(license), "*/", "* /")
	return "/*! reportsite search script: search.js with MiniSearch " + version + " (MIT License).\n" +
		license + "\n*/"
}

// packageVersion reads the version of the installed npm package name.
func packageVersion(name string) (string, error) {
	data, err := os.ReadFile(filepath.Join("node_modules", name, "package.json"))
	if err != nil {
		return "", fmt.Errorf("%v; run `npm ci` at the repository root first", err)
	}
	var pkg struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil || pkg.Version == "" {
		return "", fmt.Errorf("node_modules/%s/package.json has no version", name)
	}
	return pkg.Version, nil
}
