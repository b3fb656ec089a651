package cli

import (
	"fmt"

	"reportsite/generator/chartscript"
	"reportsite/generator/version"
)

// versionCmd is "reportsite version": reportsite's version and the
// versions of ECharts and MiniSearch its chart and search scripts bundle.
func (c *Command) versionCmd(args []string) (int, error) {
	fs := c.flags("version", "")
	rest, err := parse(fs, args)
	if err != nil {
		return ExitUsage, err
	}
	if len(rest) > 0 {
		return ExitUsage, c.usageErrorf(fs, "unexpected argument %q", rest[0])
	}
	line := "reportsite " + version.Reportsite()
	if revision, modified := version.Commit(); revision != "" {
		if len(revision) > 12 {
			revision = revision[:12]
		}
		line += " (commit " + revision
		if modified {
			line += ", with uncommitted changes"
		}
		line += ")"
	}
	fmt.Fprintln(c.Stdout, line)
	if v := chartscript.EChartsVersion(); v != "" {
		fmt.Fprintln(c.Stdout, "ECharts "+v)
	} else {
		fmt.Fprintln(c.Stdout, "ECharts: none, "+chartscript.ErrNotBundled.Error())
	}
	if v := chartscript.MiniSearchVersion(); v != "" {
		fmt.Fprintln(c.Stdout, "MiniSearch "+v)
	} else {
		fmt.Fprintln(c.Stdout, "MiniSearch: none, "+chartscript.ErrNotBundled.Error())
	}
	return ExitOK, nil
}
