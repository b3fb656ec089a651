// Package validate checks the rules that span files or give meaning to
// values: references between files, dates in order, photos that exist, and
// figures that do not add up. The loader has already checked each file's
// shape; everything here points at the position of the value concerned.
package validate

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/markdown"
	"reportsite/generator/suggest"
)

// Check records every problem of c in diags: errors for content that
// cannot be published as written, warnings for content that is probably
// wrong.
func Check(c *content.Content, diags *diag.List) {
	v := &validator{md: markdown.New(), c: c, diags: diags, units: map[string]*content.Unit{}}
	for _, u := range c.Units {
		v.units[u.ID] = u
		v.unitIDs = append(v.unitIDs, u.ID)
	}
	for _, y := range c.Years {
		v.year(y)
	}
	for _, a := range c.Activities {
		v.activity(a)
	}
	v.yearsWithoutFile()
	v.unitsWithoutActivity()
	v.markdownFields()
}

type validator struct {
	md      *markdown.Renderer
	c       *content.Content
	diags   *diag.List
	units   map[string]*content.Unit
	unitIDs []string
}

// ref reports a reference to a unit that does not exist.
func (v *validator) ref(r content.Ref) bool {
	if r.ID == "" || v.units[r.ID] != nil {
		return r.ID != ""
	}
	if v.c.Unreadable["units/"+r.ID] {
		return false // the unit's file has an error of its own
	}
	msg := fmt.Sprintf("unknown unit %q", r.ID)
	if s := suggest.Closest(r.ID, v.unitIDs); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += fmt.Sprintf("; a unit's ID is its file name in units/ without .yaml (create units/%s.yaml if it is a new unit)", r.ID)
	}
	v.diags.Errorf(r.Pos, "%s", msg)
	return false
}

// refs checks a list of unit references for unknown and repeated units.
func (v *validator) refs(refs []content.Ref, field string) {
	seen := map[string]content.Ref{}
	for _, r := range refs {
		v.ref(r)
		if first, dup := seen[r.ID]; dup {
			v.diags.Errorf(r.Pos, "unit %q is listed twice in %s (first on line %d); remove one", r.ID, field, first.Pos.Line)
			continue
		}
		seen[r.ID] = r
	}
}

func (v *validator) year(y *content.Year) {
	if y.Year.Set() && fmt.Sprint(y.Year.Value) != y.ID {
		v.diags.Errorf(y.Year.Pos, "year %d does not match the file name %s.yaml; a year file is named after its year, so write year: %s or rename the file to %d.yaml",
			y.Year.Value, y.ID, y.ID, y.Year.Value)
	}
	v.ref(y.Head)
	v.refs(y.Deputies, "deputies")
	for _, d := range y.Deputies {
		if d.ID == y.Head.ID {
			v.diags.Errorf(d.Pos, "unit %q is both the head and a deputy; a unit holds one role in a year", d.ID)
		}
	}
	for _, a := range y.Awards {
		v.refs(a.Units, "the units of this award")
	}
}

func (v *validator) activity(a *content.Activity) {
	if a.Date.Set() && a.End.Set() && a.End.Time.Before(a.Date.Time) {
		v.diags.Errorf(a.End.Pos, "end %s is before the start date %s; swap them or correct the end date",
			a.End.Time.Format("2006-01-02"), a.Date.Time.Format("2006-01-02"))
	}
	if a.Date.Set() && a.Year.Set() && int64(a.Date.Time.Year()) != a.Year.Value {
		v.diags.Warnf(a.Date.Pos, "date is in %d but the activity is filed under year %d; check one of the two",
			a.Date.Time.Year(), a.Year.Value)
	}
	v.refs(a.Organisers, "organisers")
	seen := map[string]content.Contribution{}
	for _, c := range a.Contributions {
		if !v.ref(c.Unit) {
			continue
		}
		if first, dup := seen[c.Unit.ID]; dup {
			v.diags.Errorf(c.Unit.Pos, "unit %q has two contributions to this activity (the first on line %d); add them together in one entry",
				c.Unit.ID, first.Unit.Pos.Line)
			continue
		}
		seen[c.Unit.ID] = c
		v.participants(a, c)
	}
	for _, r := range a.Results {
		v.ref(r.Unit)
		if r.Place.Set() && r.Place.Value == 0 {
			v.diags.Errorf(r.Place.Pos, "place 0 does not exist; first place is 1")
		}
	}
	v.recipientItems(a)
	for _, p := range a.Photos {
		v.photo(p)
	}
}

// participants warns when more people took part than the unit employs.
func (v *validator) participants(a *content.Activity, c content.Contribution) {
	if !c.Participants.Set() || !a.Year.Set() {
		return
	}
	u := v.units[c.Unit.ID]
	staff, known := u.StaffIn(int(a.Year.Value))
	if !known {
		v.diags.Warnf(c.Participants.Pos, "unit %q has no staff count for %d, so its participation rate cannot be worked out; add %d: <headcount> under staff in %s",
			u.ID, a.Year.Value, a.Year.Value, u.File)
		return
	}
	if c.Participants.Value > staff {
		v.diags.Warnf(c.Participants.Pos, "%d participants is more than the %d staff of %q in %d; check the number or the unit's staff",
			c.Participants.Value, staff, u.ID, a.Year.Value)
	}
}

// recipientItems warns when recipients received more of a kind of item
// than the units gave.
func (v *validator) recipientItems(a *content.Activity) {
	given := map[string]int64{}
	for _, c := range a.Contributions {
		for _, it := range c.Items {
			given[it.Kind] += it.Count.Value
		}
	}
	received := map[string]int64{}
	for _, r := range a.Recipients {
		for _, it := range r.Items {
			before := received[it.Kind]
			received[it.Kind] += it.Count.Value
			if before <= given[it.Kind] && received[it.Kind] > given[it.Kind] {
				v.diags.Warnf(it.Count.Pos, "recipients received %d %s in all, more than the %d given in contributions; check the figures",
					received[it.Kind], it.Kind, given[it.Kind])
			}
		}
	}
}

// photo checks that a photo is a file under media/ that exists.
func (v *validator) photo(p content.Photo) {
	if !p.File.Set() {
		return
	}
	name := p.File.Value
	clean := path.Clean(name)
	if strings.Contains(name, `\`) {
		v.diags.Errorf(p.File.Pos, "photo %q must be written with / between folders, not \\, e.g. %q", name, strings.ReplaceAll(name, `\`, "/"))
		return
	}
	if path.IsAbs(name) || clean != name || !strings.HasPrefix(clean, "media/") {
		msg := fmt.Sprintf("photo %q must be a file inside the media/ folder, written like media/photo.jpg", name)
		if inMedia := path.Join("media", clean); !strings.Contains(name, "..") && slices.Contains(v.c.Media, inMedia) {
			msg += fmt.Sprintf("; did you mean %q?", inMedia)
		}
		v.diags.Errorf(p.File.Pos, "%s", msg)
		return
	}
	for _, m := range v.c.Media {
		if m == name {
			return
		}
	}
	msg := fmt.Sprintf("photo %q does not exist", name)
	if s := suggest.Closest(name, v.c.Media); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += "; copy the picture into the media/ folder or correct the name"
	}
	v.diags.Errorf(p.File.Pos, "%s", msg)
}

// yearsWithoutFile warns about years that have activities but no
// years/<year>.yaml, at the first activity of such a year.
func (v *validator) yearsWithoutFile() {
	hasFile := map[int64]bool{}
	for _, y := range v.c.Years {
		hasFile[y.Year.Value] = true
	}
	warned := map[int64]bool{}
	for _, a := range v.c.Activities {
		y := a.Year.Value
		if !a.Year.Set() || hasFile[y] || warned[y] || v.c.Unreadable[fmt.Sprintf("years/%d", y)] {
			continue
		}
		warned[y] = true
		v.diags.Warnf(a.Year.Pos, "there are activities in %d but no years/%d.yaml; create it to give the year its report page", y, y)
	}
}

// unitsWithoutActivity warns about units that took part in nothing: no
// contribution, no organising, no result.
func (v *validator) unitsWithoutActivity() {
	active := map[string]bool{}
	for _, a := range v.c.Activities {
		for _, c := range a.Contributions {
			active[c.Unit.ID] = true
		}
		for _, r := range a.Organisers {
			active[r.ID] = true
		}
		for _, r := range a.Results {
			active[r.Unit.ID] = true
		}
	}
	for _, u := range v.c.Units {
		if !active[u.ID] {
			pos := u.Name.Pos
			if pos.Line == 0 {
				pos = diag.Pos{File: u.File, Line: 1, Col: 1}
			}
			v.diags.Warnf(pos, "unit %q took part in no activity; add its contributions or remove the unit", u.ID)
		}
	}
}

// markdownFields warns about what a Markdown field will not show as
// written (raw HTML, links and pictures that are dropped), pointing at the
// place in the file, and refuses text too long to render.
func (v *validator) markdownFields() {
	var fields []content.Text
	if v.c.Site != nil {
		fields = append(fields, v.c.Site.About)
	}
	for _, y := range v.c.Years {
		fields = append(fields, y.Plan, y.Summary)
	}
	for _, u := range v.c.Units {
		fields = append(fields, u.Description)
	}
	for _, a := range v.c.Activities {
		fields = append(fields, a.Narrative)
	}
	for _, t := range fields {
		if !t.Set() {
			continue
		}
		if len(t.Value) > markdown.MaxSize {
			v.diags.Errorf(t.Pos, "this text is %d KB, longer than the %d KB a page can show; shorten it or split it",
				(len(t.Value)+1023)/1024, markdown.MaxSize/1024)
			continue
		}
		for _, p := range v.md.Check([]byte(t.Value)) {
			v.diags.Warnf(t.PosOf(p.Line, p.Col), "%s", p.Message)
		}
	}
}
