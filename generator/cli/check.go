package cli

import (
	"fmt"

	"reportsite/generator/diag"
	"reportsite/generator/site"
)

// check is "reportsite check": load and validate, write nothing.
func (c *Command) check(args []string) (int, error) {
	fs := c.flags("check", "[--content DIR] [--strict] [--format text|json]")
	dir := fs.String("content", "content", "the content `folder`")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	format := fs.String("format", "text", "output `format`: text or json")
	rest, err := parse(fs, args)
	if err != nil {
		return ExitUsage, err
	}
	if len(rest) > 0 {
		return ExitUsage, c.usageErrorf(fs, "unexpected argument %q", rest[0])
	}
	if !oneOf(*format, "text", "json") {
		return ExitUsage, c.usageErrorf(fs, "--format must be text or json, not %q", *format)
	}
	var diags diag.List
	loaded := site.Check(*dir, *strict, &diags)
	if *format == "json" {
		if err := diags.WriteJSON(c.Stdout); err != nil {
			return ExitContent, err
		}
	} else {
		if err := diags.WriteText(c.Stdout); err != nil {
			return ExitContent, err
		}
		if !diags.HasErrors() {
			fmt.Fprintf(c.Stdout, "%s: %s, %s, %s checked\n", *dir,
				diag.Plural(len(loaded.Years), "year", "years"),
				diag.Plural(len(loaded.Units), "unit", "units"),
				diag.Plural(len(loaded.Activities), "activity", "activities"))
		}
	}
	if diags.HasErrors() {
		return ExitContent, nil
	}
	return ExitOK, nil
}
