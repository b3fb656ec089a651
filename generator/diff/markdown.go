package diff

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// mdEscaper escapes what Markdown would read as markup in text from the
// content: a backslash before ASCII punctuation is always a literal
// character in CommonMark, and | stays inside a GFM table cell. $ starts
// math on GitHub. Line breaks would end a table row.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", `\<`, ">", `\>`, "|", `\|`, "~", `\~`, "&", `\&`, "!", `\!`,
	"#", `\#`, "$", `\$`, "\r\n", " ", "\n", " ", "\r", " ",
)

// md escapes text for a Markdown paragraph or table cell.
func md(s string) string { return mdEscaper.Replace(plain(s)) }

// WriteMarkdown writes the report as Markdown for a merge request comment
// or a CI job summary: a heading, then tables of the figures that changed
// and lists of what else changed. Names from the content are escaped, so
// that a | or * in them neither breaks a table nor starts emphasis.
func (r *Report) WriteMarkdown(w io.Writer) error {
	b := bufio.NewWriter(w)
	line := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
		b.WriteByte('\n')
	}
	line("### ", md(r.heading()))
	line()
	if r.Empty() {
		line(NothingChanged)
		return b.Flush()
	}
	row := func(cells ...string) { line("| ", strings.Join(cells, " | "), " |") }
	figureRows := func(first []string, list []Figure, entry string, recipient bool) {
		for _, f := range list {
			from, to := before(f), after(f)
			if entry == Added && !f.from.known {
				from = ""
			}
			if entry == Removed && !f.to.known {
				to = ""
			}
			row(append(first, md(label(f, recipient)), md(from), md(to), md(r.difference(f)))...)
		}
	}
	if len(r.Totals) > 0 {
		line("#### Whole site")
		line()
		row("Figure", "Before", "After", "Difference")
		row("---", "--:", "--:", "--:")
		figureRows(nil, r.Totals, Changed, false)
		line()
	}
	var others []string // settings, awards and texts, as list items
	for _, s := range r.sections() {
		// shown: the section has an entry without figures, or one added
		// or removed; listed: those added or removed, as list items.
		shown := false
		var listed []string
		var figures []*Entry
		var names []string // of figures' entries
		for _, e := range s.entries {
			name := md(title(s.kind, e))
			if e.Change != Changed || len(e.Figures) == 0 {
				shown = true
			}
			if e.Change != Changed {
				listed = append(listed, "- "+e.Change+": "+name)
			}
			if len(e.Figures) > 0 {
				figures = append(figures, e)
				names = append(names, name)
			}
			for _, x := range e.Settings {
				others = append(others, "**"+name+"**: "+md(settingPhrase(x)))
			}
			for _, x := range e.Awards {
				others = append(others, "**"+name+"**: award "+md(x.Title)+": "+md(awardPhrase(x)))
			}
			for _, t := range e.Texts {
				if s.kind == "site" {
					others = append(others, md(t)+" of site.yaml changed")
				} else {
					others = append(others, md(t)+" of "+s.kind+" **"+name+"** changed")
				}
			}
		}
		if !shown && len(figures) == 0 {
			continue
		}
		line("#### ", s.heading)
		line()
		if len(figures) > 0 {
			row(s.noun, "Change", "Figure", "Before", "After", "Difference")
			row("---", "---", "---", "--:", "--:", "--:")
			for i, e := range figures {
				figureRows([]string{names[i], e.Change}, e.Figures, e.Change, false)
			}
			line()
		}
		if len(listed) > 0 {
			for _, item := range listed {
				line(item)
			}
			line()
		}
	}
	var recipients, results [][]string
	for _, e := range r.Activities {
		for _, x := range e.Recipients {
			for _, f := range x.Figures {
				from, to := before(f), after(f)
				if x.Change == Added {
					from = ""
				}
				if x.Change == Removed {
					to = ""
				}
				recipients = append(recipients, []string{md(e.Name), md(x.Name), x.Change, md(label(f, true)), md(from), md(to), md(r.difference(f))})
			}
		}
		for _, x := range e.Results {
			results = append(results, []string{md(e.Name), md(x.Event), md(x.UnitName), x.Change, placeText(x.From), placeText(x.To)})
		}
	}
	if len(recipients) > 0 {
		line("#### Recipients")
		line()
		row("Activity", "Recipient", "Change", "Figure", "Before", "After", "Difference")
		row("---", "---", "---", "---", "--:", "--:", "--:")
		for _, x := range recipients {
			row(x...)
		}
		line()
	}
	if len(results) > 0 {
		line("#### Results")
		line()
		row("Activity", "Event", "Unit", "Change", "Place before", "Place after")
		row("---", "---", "---", "---", "--:", "--:")
		for _, x := range results {
			row(x...)
		}
		line()
	}
	if len(others) > 0 {
		line("#### Other changes")
		line()
		for _, o := range others {
			line("- ", o)
		}
		line()
	}
	return b.Flush()
}

// placeText writes a place, "" for none.
func placeText(p int64) string {
	if p == 0 {
		return ""
	}
	return strconv.FormatInt(p, 10)
}
