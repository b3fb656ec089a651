package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"reportsite/generator/content"
)

// newFile is "reportsite new unit|activity ID": it writes a commented
// skeleton that check accepts once its required fields are filled in, and
// never overwrites a file.
func (c *Command) newFile(args []string) (int, error) {
	flags := c.flags("new", "unit|activity ID [--content DIR]")
	dir := flags.String("content", "content", "the content `folder`")
	rest, err := parse(flags, args)
	if err != nil {
		return ExitUsage, err
	}
	if len(rest) != 2 {
		return ExitUsage, c.usageErrorf(flags, "give the kind of file (unit or activity) and its ID, e.g. reportsite new unit centre-water")
	}
	kind, id := rest[0], rest[1]
	var folder, skeleton string
	switch kind {
	case "unit":
		folder, skeleton = "units", unitSkeleton
	case "activity":
		folder, skeleton = "activities", activitySkeleton
	default:
		return ExitUsage, c.usageErrorf(flags, "cannot create a %q; choose unit or activity", kind)
	}
	if !content.ValidID(id) {
		msg := fmt.Sprintf("%q is not a valid ID: use lowercase letters a-z, digits and single hyphens, at most %d characters", id, content.MaxIDLength)
		if s := content.SuggestID(id); s != "" {
			msg += fmt.Sprintf(", e.g. %q", s)
		}
		return ExitUsage, c.usageErrorf(flags, "%s", msg)
	}
	if info, err := os.Stat(*dir); err != nil || !info.IsDir() {
		return ExitUsage, c.usageErrorf(flags, "content folder %q does not exist; name it with --content", *dir)
	}
	if err := os.MkdirAll(filepath.Join(*dir, folder), 0o755); err != nil {
		return ExitContent, err
	}
	name := filepath.Join(*dir, folder, id+".yaml")
	text := strings.NewReplacer("{{schema}}", schemaLine(*dir, kind), "{{year}}", fmt.Sprint(c.Now().Year())).Replace(skeleton)
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return ExitContent, fmt.Errorf("%s already exists; it was left as it is (choose another ID or edit that file)", name)
	}
	if err != nil {
		return ExitContent, err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return ExitContent, err
	}
	if err := f.Close(); err != nil {
		return ExitContent, err
	}
	fmt.Fprintf(c.Stdout, "created %s; fill in the required fields, then run reportsite check\n", name)
	return ExitOK, nil
}

// schemaLine returns the yaml-language-server line pointing at the JSON
// Schema for kind, when a schema/ folder stands beside the content folder,
// so that editors get completion; otherwise it returns nothing.
func schemaLine(dir, kind string) string {
	schema := filepath.Join(dir, "..", "schema", kind+".schema.json")
	if _, err := os.Stat(schema); err != nil {
		return ""
	}
	return "# yaml-language-server: $schema=../../schema/" + kind + ".schema.json\n"
}

const unitSkeleton = `{{schema}}# A member unit of the bloc. Its ID is this file's name; see docs/content.md.
name:               # required: the full name, e.g. Centre for Agricultural Extension
short_name:         # a short name for charts and tables, e.g. Agri. Extension
kind: centre        # what sort of unit: centre, management board, ...
staff:              # headcount by year, the base of participation rates, e.g. {{{year}}: 42}
head:               # the name of the unit's head
website:            # http or https address, or leave empty
description:        # one or two sentences about the unit, in Markdown
`

const activitySkeleton = `{{schema}}# One activity of the bloc. Its ID is this file's name; see docs/content.md.
title:              # required: e.g. Donating Bookshelves {{year}}
year: {{year}}          # required: the year the activity belongs to
date:               # the day it took place or started, YYYY-MM-DD
end:                # the last day, if it lasted several days
category: other     # donation, charity, sports, culture, gratitude or other
organisers: []      # IDs of the organising units, e.g. [centre-water]
summary:            # one plain sentence for lists and share cards
narrative:          # the story of the activity in Markdown (after "|" on the next lines), or write it in a .md file of the same name
contributions:      # what each taking-part unit gave, one entry per unit:
  # - unit: centre-water
  #   participants: 12
  #   money: 1500000
  #   items: {books: 40}
recipients:         # who received what:
  # - name: Huong Phung Secondary School
  #   value: 23400000
  #   items: {books: 320}
results:            # tournament placings:
  # - {place: 1, unit: centre-water, event: men's doubles}
photos:             # pictures copied into media/:
  # - {file: media/photo.jpg, caption: What the photo shows}
`
