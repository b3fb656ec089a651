package diff

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// NothingChanged is what the text and Markdown forms say of a Report
// that is Empty.
const NothingChanged = "No figures changed."

// label names a figure as the reports write it: "money", "books given",
// "peak participation 2023"; a recipient's items are named by kind
// alone.
func label(f Figure, recipient bool) string {
	switch f.Figure {
	case Money:
		return "money"
	case Items:
		return f.Kind + " given"
	case Participants:
		return "participants"
	case UnitsTakingPart:
		return "units taking part"
	case Activities:
		return "activities"
	case RecipientsValue:
		return "value received"
	case ReceivedItems:
		if recipient {
			return f.Kind
		}
		return f.Kind + " received"
	case Staff:
		return "staff " + strconv.Itoa(f.Year)
	case PeakRate:
		return "peak participation " + strconv.Itoa(f.Year)
	case Value:
		return "value"
	}
	return f.Figure
}

// none stands for a side of a figure that has no value.
const none = "—"

// before and after return the two sides as the site writes them.
func before(f Figure) string { return or(f.FromText, none) }
func after(f Figure) string  { return or(f.ToText, none) }

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// difference returns after minus before, signed ("+1,000,000"), or ""
// for rates and figures with a side missing.
func (r *Report) difference(f Figure) string {
	if !f.from.known || !f.to.known || f.Figure == PeakRate {
		return ""
	}
	d := f.to.n - f.from.n
	if d > 0 {
		return "+" + r.loc.Number(d)
	}
	return r.loc.Number(d)
}

// change writes a figure's change in one phrase: "21,600,000 → 22,600,000
// VND (+1,000,000)", or one value alone for an entry added or removed.
func (r *Report) change(f Figure, entry string) string {
	switch {
	case entry == Added && !f.from.known:
		return after(f)
	case entry == Removed && !f.to.known:
		return before(f)
	}
	from := before(f)
	if isMoney(f.Figure) && f.from.known && f.to.known {
		from = r.loc.Number(f.from.n)
	}
	s := from + " → " + after(f)
	if d := r.difference(f); d != "" {
		s += " (" + d + ")"
	}
	return s
}

// phrases writes figures as "label change" phrases joined by "; ".
func (r *Report) phrases(list []Figure, entry string, recipient bool) string {
	parts := make([]string, len(list))
	for i, f := range list {
		parts[i] = label(f, recipient) + " " + r.change(f, entry)
	}
	return strings.Join(parts, "; ")
}

// title writes an entry as "Name (id)", or the year.
func title(kind string, e *Entry) string {
	switch {
	case kind == "year" || e.Name == "":
		return e.ID
	case e.Change == Renamed:
		return fmt.Sprintf("%s (%s, was %s)", e.Name, e.ID, e.OldID)
	}
	return fmt.Sprintf("%s (%s)", e.Name, e.ID)
}

// subject names the file a text field is in: "activity x", "year 2023",
// "site.yaml".
func subject(kind, id string) string {
	if kind == "site" {
		return "site.yaml"
	}
	return kind + " " + id
}

// settingPhrase writes "category donation → charity".
func settingPhrase(s Setting) string {
	return s.Field + " " + or(s.From, none) + " → " + or(s.To, none)
}

// awardPhrase writes what changed in an award.
func awardPhrase(a Award) string {
	var parts []string
	switch a.Change {
	case Added:
		parts = append(parts, "added")
	case Removed:
		parts = append(parts, "removed")
	}
	for _, s := range a.Settings {
		parts = append(parts, settingPhrase(s))
	}
	if len(a.UnitsAdded) > 0 && a.Change != Added {
		parts = append(parts, "units added: "+strings.Join(a.UnitsAdded, ", "))
	}
	if len(a.UnitsRemoved) > 0 && a.Change != Removed {
		parts = append(parts, "units removed: "+strings.Join(a.UnitsRemoved, ", "))
	}
	if a.Change == Added && len(a.UnitsAdded) > 0 {
		parts = append(parts, "units: "+strings.Join(a.UnitsAdded, ", "))
	}
	return strings.Join(parts, "; ")
}

// resultPhrase writes a result's change: "place 1 → 2".
func resultPhrase(x Result) string {
	switch x.Change {
	case Added:
		return "added, place " + strconv.FormatInt(x.To, 10)
	case Removed:
		return "removed, was place " + strconv.FormatInt(x.From, 10)
	}
	return "place " + strconv.FormatInt(x.From, 10) + " → " + strconv.FormatInt(x.To, 10)
}

// plain makes text safe for a terminal: control characters, such as
// the escape that starts a terminal command, become spaces.
func plain(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// section is one kind of entries, as the reports list them.
type section struct {
	kind, heading, noun string
	entries             []*Entry
}

func (r *Report) sections() []section {
	var site []*Entry
	if r.Site != nil {
		site = []*Entry{r.Site}
	}
	return []section{
		{"site", "Site", "Site", site},
		{"year", "Years", "Year", r.Years},
		{"unit", "Units", "Unit", r.Units},
		{"activity", "Activities", "Activity", r.Activities},
	}
}

// heading says which revisions a report compares.
func (r *Report) heading() string {
	return "Figures from " + r.From.Short() + " to " + r.To.Short()
}

// WriteText writes the report for a terminal: a heading, then the
// changes of the whole site, each year, unit and activity, one a line.
func (r *Report) WriteText(w io.Writer) error {
	b := bufio.NewWriter(w)
	p := func(indent int, s string) {
		b.WriteString(strings.Repeat("  ", indent))
		b.WriteString(plain(s))
		b.WriteByte('\n')
	}
	p(0, r.heading())
	if r.Empty() {
		p(0, NothingChanged)
		return b.Flush()
	}
	if len(r.Totals) > 0 {
		p(0, "")
		p(0, "Whole site")
		for _, f := range r.Totals {
			p(1, label(f, false)+": "+r.change(f, Changed))
		}
	}
	for _, s := range r.sections() {
		if len(s.entries) == 0 {
			continue
		}
		p(0, "")
		p(0, s.heading)
		for _, e := range s.entries {
			head := title(s.kind, e)
			if e.Change != Changed {
				head = e.Change + ": " + head
			}
			p(1, head)
			for _, f := range e.Figures {
				p(2, label(f, false)+": "+r.change(f, e.Change))
			}
			for _, x := range e.Settings {
				p(2, settingPhrase(x))
			}
			for _, x := range e.Recipients {
				line := x.Name + " (" + e.Name + "): "
				switch x.Change {
				case Added:
					line += "added, "
				case Removed:
					line += "removed, "
				}
				p(2, line+r.phrases(x.Figures, x.Change, true))
			}
			for _, x := range e.Results {
				p(2, "result "+x.Event+", "+x.UnitName+": "+resultPhrase(x))
			}
			for _, x := range e.Awards {
				p(2, "award "+x.Title+": "+awardPhrase(x))
			}
			for _, t := range e.Texts {
				p(2, t+" of "+subject(s.kind, e.ID)+" changed")
			}
		}
	}
	return b.Flush()
}

// WriteJSON writes the report as one JSON object, described in
// docs/diff.md.
func (r *Report) WriteJSON(w io.Writer) error {
	out := struct {
		Changed bool `json:"changed"`
		*Report
	}{!r.Empty(), r}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
