// Command bundle makes the chart script that reportsite embeds: it bundles
// generator/chartscript/charts.js, with the parts of ECharts it imports
// from the pinned echarts package in node_modules, into one minified file,
// generator/chartscript/dist/charts.js, and records the ECharts version
// beside it. `make bundle` runs it from the repository root after `npm ci`.
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
	entry   = "generator/chartscript/charts.js"
	distDir = "generator/chartscript/dist"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bundle:", err)
		os.Exit(1)
	}
}

func run() error {
	version, err := echartsVersion()
	if err != nil {
		return err
	}
	notice, err := os.ReadFile(filepath.Join("node_modules", "echarts", "NOTICE"))
	if err != nil {
		return err
	}
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	result := api.Build(api.BuildOptions{
		AbsWorkingDir:     root,
		EntryPoints:       []string{entry},
		Outfile:           filepath.Join(distDir, "charts.js"),
		Bundle:            true,
		Format:            api.FormatIIFE,
		Target:            api.ES2017,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		// ECharts checks its arguments and prints hints only outside
		// production builds.
		Define: map[string]string{"process.env.NODE_ENV": `"production"`},
		// ECharts' licence asks that its NOTICE go with every copy;
		// zrender's and tslib's notices are kept at the end.
		Banner:        map[string]string{"js": banner(version, string(notice))},
		LegalComments: api.LegalCommentsEndOfFile,
		Charset:       api.CharsetUTF8,
		LogLevel:      api.LogLevelSilent,
		Write:         false,
	})
	if len(result.Errors) > 0 {
		msgs := api.FormatMessages(result.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		for _, m := range msgs {
			fmt.Fprint(os.Stderr, m)
		}
		return fmt.Errorf("%d errors bundling %s; has `npm ci` installed node_modules/echarts?", len(result.Errors), entry)
	}
	if len(result.OutputFiles) != 1 {
		return fmt.Errorf("esbuild wrote %d files, want 1", len(result.OutputFiles))
	}
	if err := os.WriteFile(filepath.Join(distDir, "charts.js"), result.OutputFiles[0].Contents, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(distDir, "echarts-version"), []byte(version+"\n"), 0o644); err != nil {
		return err
	}
	fmt.Printf("bundled %s with ECharts %s: %d bytes\n", filepath.ToSlash(filepath.Join(distDir, "charts.js")), version, len(result.OutputFiles[0].Contents))
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

// echartsVersion reads the installed echarts package's version.
func echartsVersion() (string, error) {
	data, err := os.ReadFile(filepath.Join("node_modules", "echarts", "package.json"))
	if err != nil {
		return "", fmt.Errorf("%v; run `npm ci` at the repository root first", err)
	}
	var pkg struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(data, &pkg); err != nil || pkg.Version == "" {
		return "", fmt.Errorf("node_modules/echarts/package.json has no version")
	}
	return pkg.Version, nil
}
