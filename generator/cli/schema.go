package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"reportsite/generator/scaffold"
)

// schemaCmd is "reportsite schema DIR": it writes the JSON Schemas of this
// reportsite into DIR/schema/, replacing those of an earlier one, so that
// editors check the content as this version does.
func (c *Command) schemaCmd(args []string) (int, error) {
	fs := c.flags("schema", "DIR")
	rest, err := parse(fs, args)
	if err != nil {
		return ExitUsage, err
	}
	if len(rest) != 1 {
		return ExitUsage, c.usageErrorf(fs, "give the repository's folder, e.g. reportsite schema . (the schemas go into its %s/ folder)", scaffold.SchemaDir)
	}
	dir := rest[0]
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return ExitUsage, c.usageErrorf(fs, "folder %q does not exist", dir)
	}
	files, err := scaffold.Schemas()
	if err != nil {
		return ExitContent, err
	}
	if err := os.MkdirAll(filepath.Join(dir, scaffold.SchemaDir), 0o755); err != nil {
		return ExitContent, err
	}
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		old, err := os.ReadFile(name)
		if err == nil && bytes.Equal(old, f.Data) {
			fmt.Fprintf(c.Stdout, "%s is up to date\n", name)
			continue
		}
		if err := os.WriteFile(name, f.Data, f.Mode); err != nil {
			return ExitContent, err
		}
		fmt.Fprintf(c.Stdout, "wrote %s\n", name)
	}
	return ExitOK, nil
}
