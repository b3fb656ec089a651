// Package validate checks the rules that span files or give meaning to
// values: references between files, dates in order, photos that exist, and
// figures that do not add up. The loader has already checked each file's
// shape; everything here points at the position of the value concerned.
package validate

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"reportsite/generator/address"
	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/editlink"
	"reportsite/generator/markdown"
	"reportsite/generator/parallel"
	"reportsite/generator/photos"
	"reportsite/generator/suggest"
)

// Check records every problem of c in diags: errors for content that
// cannot be published as written, warnings for content that is probably
// wrong. It checks every Markdown text anew; to check content again and
// again, as reportsite serve does, use a Checker.
func Check(c *content.Content, diags *diag.List) {
	NewChecker().Check(c, diags)
}

// Checker checks content as Check does, and remembers what the Markdown
// check found in each text, so that checking the content again after a
// few files changed parses only the Markdown that changed. It keeps only
// the texts of its last run: its memory follows the content, however
// many times it runs.
//
// A Checker can be used for any number of runs, one after the other; it
// is not safe for concurrent use.
type Checker struct {
	md *markdown.Renderer
	// memo holds the problems of every Markdown text of the last run,
	// keyed by the text.
	memo map[string][]markdown.Problem
}

// NewChecker returns a Checker that remembers nothing yet.
func NewChecker() *Checker {
	return &Checker{md: markdown.New()}
}

// Check records every problem of c in diags, exactly as the package's
// Check does. The activities are checked on every processor at once, and
// the diagnostics recorded in the order of a check of one after the other.
func (k *Checker) Check(c *content.Content, diags *diag.List) {
	shared := &validator{
		k: k, c: c,
		units:   make(map[string]int, len(c.Units)),
		unitIDs: make([]string, len(c.Units)),
	}
	for i, u := range c.Units {
		shared.units[u.ID] = i
		shared.unitIDs[i] = u.ID
	}
	shared.staffTables()
	v := shared.checker()
	for _, y := range c.Years {
		v.year(y)
	}
	v.activities()
	v.yearsWithoutFile()
	v.unitsWithoutActivity()
	v.editLinks()
	v.markdownFields()
	diags.Add(v.found...)
}

// validator holds what the checks of one run share. Once the checks have
// started, they only read it.
type validator struct {
	k *Checker
	c *content.Content
	// units holds the index in c.Units of the unit with each ID (the last
	// one, should two share an ID); slices by unit are by that index.
	units   map[string]int
	unitIDs []string
	// staff holds the headcount of every unit, by unit, in the years of
	// the activities; see staffTables.
	staff map[int64][]staffCount
}

// checker makes the checks of one goroutine, and keeps what they found.
type checker struct {
	*validator
	// found are the diagnostics in the order the checks found them.
	found []diag.Diagnostic
	// active tells the units that took part in an activity.
	active []bool
	// seen tells, for each unit, the last activity it contributed to.
	seen []seenIn
	// items adds up the items of one activity at a time.
	items kindSums
}

func (v *validator) checker() *checker {
	return &checker{validator: v, active: make([]bool, len(v.c.Units)), seen: make([]seenIn, len(v.c.Units))}
}

// editLinks warns of a repository whose edit links reportsite cannot
// make: one on a host it does not know, with no edit_url.
func (v *checker) editLinks() {
	s := v.c.Site
	if s == nil || !s.Repository.Set() || s.EditURL.Set() {
		return
	}
	if _, ok := editlink.New(s); ok {
		return
	}
	host := s.Repository.Value
	if u, err := url.Parse(host); err == nil && u.Host != "" {
		host = u.Host
	}
	v.warnf(s.Repository.Pos, "pages get no \"edit this page\" link: reportsite knows the edit pages of GitHub, GitLab, Gitea, Forgejo and Bitbucket, not those of %s; add edit_url with {path} where the file's path goes, e.g. edit_url: %s/_edit/%s/{path}",
		host, strings.TrimSuffix(strings.TrimRight(s.Repository.Value, "/"), ".git"), s.BranchName())
}

// errorf records an error at pos, as diag.List.Errorf does.
func (v *checker) errorf(pos diag.Pos, format string, args ...any) {
	v.found = append(v.found, diag.Diagnostic{Pos: pos, Severity: diag.Error, Message: fmt.Sprintf(format, args...)})
}

// warnf records a warning at pos, as diag.List.Warnf does.
func (v *checker) warnf(pos diag.Pos, format string, args ...any) {
	v.found = append(v.found, diag.Diagnostic{Pos: pos, Severity: diag.Warning, Message: fmt.Sprintf(format, args...)})
}

// seenIn is the activity a unit was last seen contributing to, numbered
// from 1, and the line of that contribution.
type seenIn struct {
	activity, line int
}

// staffCount is a unit's headcount in a year, when known.
type staffCount struct {
	count int64
	known bool
}

// maxStaffTables is the number of years for which staffTables works out
// every unit's headcount; the units' headcounts in any further years are
// looked up contribution by contribution.
const maxStaffTables = 64

// staffTables works out, once, the headcount of every unit in each year
// of the activities, for the participants' checks.
func (v *validator) staffTables() {
	v.staff = map[int64][]staffCount{}
	for _, a := range v.c.Activities {
		y := a.Year.Value
		if _, done := v.staff[y]; done || !a.Year.Set() || len(v.staff) == maxStaffTables {
			continue
		}
		staff := make([]staffCount, len(v.c.Units))
		for i, u := range v.c.Units {
			staff[i].count, staff[i].known = u.StaffIn(int(y))
		}
		v.staff[y] = staff
	}
}

// activityBatch is how many activities a goroutine checks at a time.
const activityBatch = 64

// activities checks every activity, the activities shared out among as
// many goroutines as there are processors. Each batch of activities
// keeps its diagnostics apart, and they are recorded batch after batch.
func (v *checker) activities() {
	all := v.c.Activities
	found := make([][]diag.Diagnostic, (len(all)+activityBatch-1)/activityBatch)
	var mu sync.Mutex
	var workers []*checker
	parallel.For(len(found), func() func(int) {
		w := v.validator.checker()
		mu.Lock()
		workers = append(workers, w)
		mu.Unlock()
		return func(batch int) {
			for i := batch * activityBatch; i < min((batch+1)*activityBatch, len(all)); i++ {
				w.activity(i+1, all[i])
			}
			found[batch], w.found = w.found, nil
		}
	})
	for _, f := range found {
		v.found = append(v.found, f...)
	}
	for _, w := range workers {
		for i, active := range w.active {
			v.active[i] = v.active[i] || active
		}
	}
}

// unit returns the index of the unit that r names, and whether there is
// one, reporting a reference to a unit that does not exist. With took,
// that unit takes part in the activity being checked.
func (v *checker) unit(r content.Ref, took bool) (int, bool) {
	if r.ID == "" {
		return 0, false
	}
	if u, found := v.units[r.ID]; found {
		if took {
			v.active[u] = true
		}
		return u, true
	}
	if v.c.Unreadable["units/"+r.ID] {
		return 0, false // the unit's file has an error of its own
	}
	msg := fmt.Sprintf("unknown unit %q", r.ID)
	if s := suggest.Closest(r.ID, v.unitIDs); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += fmt.Sprintf("; a unit's ID is its file name in units/ without .yaml (create units/%s.yaml if it is a new unit)", r.ID)
	}
	v.errorf(r.Pos, "%s", msg)
	return 0, false
}

// refs checks a list of unit references for unknown and repeated units.
// With took, the units named take part in the activity of the list.
func (v *checker) refs(refs []content.Ref, field string, took bool) {
	for i, r := range refs {
		v.unit(r, took)
		if first := slices.IndexFunc(refs[:i], func(e content.Ref) bool { return e.ID == r.ID }); first >= 0 {
			v.errorf(r.Pos, "unit %q is listed twice in %s (first on line %d); remove one", r.ID, field, refs[first].Pos.Line)
		}
	}
}

func (v *checker) year(y *content.Year) {
	if y.Year.Set() && strconv.FormatInt(y.Year.Value, 10) != y.ID {
		v.errorf(y.Year.Pos, "year %d does not match the file name %s.yaml; a year file is named after its year, so write year: %s or rename the file to %d.yaml",
			y.Year.Value, y.ID, y.ID, y.Year.Value)
	}
	v.unit(y.Head, false)
	v.refs(y.Deputies, "deputies", false)
	for _, d := range y.Deputies {
		if d.ID == y.Head.ID {
			v.errorf(d.Pos, "unit %q is both the head and a deputy; a unit holds one role in a year", d.ID)
		}
	}
	for _, a := range y.Awards {
		v.refs(a.Units, "the units of this award", false)
	}
}

// activity checks a, the nth activity of the content counted from 1.
func (v *checker) activity(n int, a *content.Activity) {
	if a.Date.Set() && a.End.Set() && a.End.Time.Before(a.Date.Time) {
		v.errorf(a.End.Pos, "end %s is before the start date %s; swap them or correct the end date",
			a.End.Time.Format("2006-01-02"), a.Date.Time.Format("2006-01-02"))
	}
	if a.Date.Set() && a.Year.Set() && int64(a.Date.Time.Year()) != a.Year.Value {
		v.warnf(a.Date.Pos, "date is in %d but the activity is filed under year %d; check one of the two",
			a.Date.Time.Year(), a.Year.Value)
	}
	v.refs(a.Organisers, "organisers", true)
	// What the units gave matters only when recipients received items.
	sums := &v.items
	received := slices.ContainsFunc(a.Recipients, func(r content.Recipient) bool { return len(r.Items) > 0 })
	if received {
		sums.reset()
	}
	staff := v.staff[a.Year.Value]
	for i := range a.Contributions {
		c := &a.Contributions[i]
		if received {
			for _, it := range c.Items {
				sums.given[sums.index(it.Kind)] += it.Count.Value
			}
		}
		u, ok := v.unit(c.Unit, true)
		if !ok {
			continue
		}
		if first := v.seen[u]; first.activity == n {
			v.errorf(c.Unit.Pos, "unit %q has two contributions to this activity (the first on line %d); add them together in one entry",
				c.Unit.ID, first.line)
			continue
		}
		v.seen[u] = seenIn{activity: n, line: c.Unit.Pos.Line}
		if c.Participants.Set() && a.Year.Set() {
			unit := v.c.Units[u]
			var s staffCount
			if staff != nil {
				s = staff[u]
			} else {
				s.count, s.known = unit.StaffIn(int(a.Year.Value))
			}
			v.participants(a, c, unit, s)
		}
	}
	for _, r := range a.Results {
		v.unit(r.Unit, true)
		if r.Place.Set() && r.Place.Value == 0 {
			v.errorf(r.Place.Pos, "place 0 does not exist; first place is 1")
		}
	}
	if received {
		v.recipientItems(a)
	}
	for _, p := range a.Photos {
		v.photo(p)
	}
}

// participants warns when more people of unit u took part than it
// employs, given its staff in the activity's year.
func (v *checker) participants(a *content.Activity, c *content.Contribution, u *content.Unit, staff staffCount) {
	if !staff.known {
		v.warnf(c.Participants.Pos, "unit %q has no staff count for %d, so its participation rate cannot be worked out; add %d: <headcount> under staff in %s",
			u.ID, a.Year.Value, a.Year.Value, u.File)
		return
	}
	if c.Participants.Value > staff.count {
		v.warnf(c.Participants.Pos, "%d participants is more than the %d staff of %q in %d; check the number or the unit's staff",
			c.Participants.Value, staff.count, u.ID, a.Year.Value)
	}
}

// recipientItems warns when recipients received more of a kind of item
// than the units gave, as added up in v.items.
func (v *checker) recipientItems(a *content.Activity) {
	sums := &v.items
	for _, r := range a.Recipients {
		for _, it := range r.Items {
			i := sums.index(it.Kind)
			given, before := sums.given[i], sums.received[i]
			sums.received[i] += it.Count.Value
			if before <= given && sums.received[i] > given {
				v.warnf(it.Count.Pos, "recipients received %d %s in all, more than the %d given in contributions; check the figures",
					sums.received[i], it.Kind, given)
			}
		}
	}
}

// kindSums adds up what was given and received of each kind of item in
// one activity. It is reset and reused from one activity to the next.
type kindSums struct {
	kinds           []string
	given, received []int64
	byKind          map[string]int // for activities with many kinds
}

// manyKinds is the number of kinds above which kindSums finds a kind with
// a map rather than by going through the list.
const manyKinds = 16

func (s *kindSums) reset() {
	s.kinds, s.given, s.received = s.kinds[:0], s.given[:0], s.received[:0]
	s.byKind = nil
}

// index returns the place of kind in the sums, adding it at zero when it
// is new.
func (s *kindSums) index(kind string) int {
	if s.byKind != nil {
		if i, ok := s.byKind[kind]; ok {
			return i
		}
	} else if i := slices.Index(s.kinds, kind); i >= 0 {
		return i
	}
	s.kinds = append(s.kinds, kind)
	s.given = append(s.given, 0)
	s.received = append(s.received, 0)
	n := len(s.kinds)
	if n > manyKinds {
		if s.byKind == nil {
			s.byKind = make(map[string]int, 2*n)
			for i, k := range s.kinds[:n-1] {
				s.byKind[k] = i
			}
		}
		s.byKind[kind] = n - 1
	}
	return n - 1
}

// photo checks that a photo is a file under media/ that exists.
func (v *checker) photo(p content.Photo) {
	if !p.File.Set() {
		return
	}
	name := p.File.Value
	clean := path.Clean(name)
	if strings.ContainsFunc(name, unicode.IsControl) {
		// "media\new.jpg" in double quotes: \n is a line break.
		v.errorf(p.File.Pos, "photo %q holds a line break or another control character: inside double quotes a \\ starts an escape such as \\n; write / between folders, e.g. media/photo.jpg", name)
		return
	}
	if path.IsAbs(name) || clean != name || !strings.HasPrefix(clean, "media/") {
		msg := fmt.Sprintf("photo %q must be a file inside the media/ folder, written like media/photo.jpg", name)
		if inMedia := path.Join("media", clean); !strings.Contains(name, "..") && slices.Contains(v.c.Media, inMedia) {
			msg += fmt.Sprintf("; did you mean %q?", inMedia)
		}
		v.errorf(p.File.Pos, "%s", msg)
		return
	}
	if slices.Contains(v.c.Media, name) {
		v.photoFile(p)
		return
	}
	msg := fmt.Sprintf("photo %q does not exist", name)
	if s := suggest.Closest(name, v.c.Media); s != "" {
		msg += fmt.Sprintf("; did you mean %q?", s)
	} else {
		msg += "; copy the picture into the media/ folder or correct the name"
	}
	v.errorf(p.File.Pos, "%s", msg)
}

// photoFile checks that the file of a photo that exists is a JPEG or PNG
// image that can be published: its header can be read and declares a
// picture of reasonable size, and none of the smaller copies the site gets
// of it (see address.PhotoCopy) has the name of another file of media/.
// Only the header is read; a file whose pixels are spoilt further on is
// found by the build, which reports it at the same line.
func (v *checker) photoFile(p content.Photo) {
	name := p.File.Value
	info, err := photos.Default.InspectFile(filepath.Join(v.c.Dir, filepath.FromSlash(name)))
	var perr *photos.Error
	switch {
	case errors.As(err, &perr):
		v.errorf(p.File.Pos, "photo %q %s", name, perr)
		return
	case err != nil:
		v.errorf(p.File.Pos, "photo %q cannot be read: %v", name, err)
		return
	}
	sizes := photos.Default.Sizes(info)
	for _, size := range sizes[:len(sizes)-1] {
		copyName := address.PhotoCopy(name, size.Width)
		if slices.Contains(v.c.Media, copyName) {
			v.errorf(p.File.Pos, "photo %q gets a copy %d pixels wide at %s, and media/ has a file of that name already; rename that file",
				name, size.Width, copyName)
		}
	}
}

// yearsWithoutFile warns about years that have activities but no
// years/<year>.yaml, at the first activity of such a year.
func (v *checker) yearsWithoutFile() {
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
		v.warnf(a.Year.Pos, "there are activities in %d but no years/%d.yaml; create it to give the year its report page", y, y)
	}
}

// unitsWithoutActivity warns about units that took part in nothing: no
// contribution, no organising, no result.
func (v *checker) unitsWithoutActivity() {
	for _, u := range v.c.Units {
		if !v.active[v.units[u.ID]] {
			pos := u.Name.Pos
			if pos.Line == 0 {
				pos = diag.Pos{File: u.File, Line: 1, Col: 1}
			}
			v.warnf(pos, "unit %q took part in no activity; add its contributions or remove the unit", u.ID)
		}
	}
}
