package cli

import (
	"fmt"

	"reportsite/generator/diag"
	"reportsite/generator/site"
)

// check is "reportsite check": load and validate, write nothing.
func (c *Command) check(args []string) (int, error) {
	fs := c.flags("check", "[--content DIR] [--strict] [--format text|json|github]")
	dir := fs.String("content", "content", "the content `folder`")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	format := fs.String("format", "text", "output `format`: text, json, or github (annotations in GitHub Actions)")
	rest, err := parse(fs, args)
	if err != nil {
		return ExitUsage, err
	}
	if len(rest) > 0 {
		return ExitUsage, c.usageErrorf(fs, "unexpected argument %q", rest[0])
	}
	if !oneOf(*format, "text", "json", "github") {
		return ExitUsage, c.usageErrorf(fs, "--format must be text, json or github, not %q", *format)
	}
	var diags diag.List
	loaded := site.Check(*dir, *strict, &diags)
	switch *format {
	case "json":
		if err := diags.WriteJSON(c.Stdout); err != nil {
			return ExitContent, err
		}
	case "github":
		if err := diags.WriteGitHub(c.Stdout); err != nil {
			return ExitContent, err
		}
	default:
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
