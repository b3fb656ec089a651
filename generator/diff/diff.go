// Package diff compares the figures of two revisions of a site's content,
// for reviewers of a change: which totals of which year, unit and activity
// move, which recipients receive more or less, which results and awards
// change, which units and activities come, go or are renamed, and which
// texts were rewritten (named, not shown).
//
// Compare takes both revisions' content and figures and returns a Report,
// which writes itself as text for a terminal, as Markdown for a merge
// request or a CI job summary, and as JSON for tools. Numbers and dates
// are written in the language of the newer revision's site.
//
// # Renames
//
// A unit or activity whose ID disappears while another appears is taken
// for renamed when the two have the same content apart from the ID (an
// activity's unit references compared through the units renamed with
// it), or, failing that, when they have the same name (units) or the
// same title and year (activities). Pairs are made one to one, in the
// order of the new IDs. A renamed entry lists whatever else changed.
//
// # Order
//
// Everything comes in a fixed order: years ascending; units by ID;
// activities by year, then ID; recipients, results and awards in the
// order of the newer file, then those removed in the order of the older
// one; figures in the order of Figure names below, items by kind.
package diff

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"reportsite/generator/content"
	"reportsite/generator/figures"
	"reportsite/generator/locale"
)

// Side is one revision: its name, its content and its figures.
type Side struct {
	// Name is the revision as the user gave it, such as "main" or
	// "HEAD~1"; for the working tree, "working tree".
	Name string
	// Commit is the full hash of the revision's commit; empty for the
	// working tree.
	Commit  string
	Content *content.Content
	Figures *figures.Figures
}

// Revision names one side of a Report.
type Revision struct {
	Name   string `json:"name"`
	Commit string `json:"commit,omitempty"`
}

// Short returns the revision as messages name it: "main (abc1234)", or
// "working tree".
func (r Revision) Short() string {
	if r.Commit == "" || r.Commit == r.Name {
		return r.Name
	}
	if strings.HasPrefix(r.Commit, r.Name) {
		return r.Commit[:min(len(r.Commit), max(7, len(r.Name)))]
	}
	return r.Name + " (" + r.Commit[:min(7, len(r.Commit))] + ")"
}

// The kinds of change of an Entry, a Recipient, a Result or an Award.
const (
	Added   = "added"
	Removed = "removed"
	Renamed = "renamed"
	Changed = "changed"
)

// Report is what changed from one revision to the other. Its JSON form is
// the one documented in docs/diff.md.
type Report struct {
	From     Revision `json:"from"`
	To       Revision `json:"to"`
	Language string   `json:"language"`
	// Totals are the figures of the whole site that changed.
	Totals []Figure `json:"totals"`
	// Site is the site.yaml fields that changed, or nil.
	Site *Entry `json:"site"`
	// Years, Units and Activities list those that changed.
	Years      []*Entry `json:"years"`
	Units      []*Entry `json:"units"`
	Activities []*Entry `json:"activities"`

	loc *locale.Locale
}

// Empty reports whether no figure, name or text changed.
func (r *Report) Empty() bool {
	return len(r.Totals) == 0 && r.Site == nil && len(r.Years) == 0 && len(r.Units) == 0 && len(r.Activities) == 0
}

// Entry is the site, a year, a unit or an activity, and what changed in it.
type Entry struct {
	// ID is the unit's or activity's ID, the year ("2023"), or "site".
	ID string `json:"id"`
	// Name is the unit's name, the activity's title or the year, as the
	// newer revision has it when it has it.
	Name string `json:"name"`
	// Change is added, removed, renamed or changed.
	Change string `json:"change"`
	// OldID is the ID before a rename.
	OldID string `json:"old_id,omitempty"`
	// Year is an activity's year, in the newer revision when it has it.
	Year int `json:"year,omitempty"`
	// Figures are the totals that changed; for an entry added or removed,
	// those that are not zero.
	Figures []Figure `json:"figures,omitempty"`
	// Settings are the short fields that changed, with their values.
	Settings []Setting `json:"settings,omitempty"`
	// Texts names the text fields that changed, by their name in the
	// YAML file ("narrative", "summary"...), without their text.
	Texts []string `json:"texts,omitempty"`
	// Recipients, Results (activities) and Awards (years) that changed.
	Recipients []Recipient `json:"recipients,omitempty"`
	Results    []Result    `json:"results,omitempty"`
	Awards     []Award     `json:"awards,omitempty"`
}

// Setting is a short field that changed, such as an activity's date or
// category, with both values as the site shows them ("" when absent).
type Setting struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// The names of figures, in the order a list of figures follows.
const (
	Money           = "money"              // VND given
	Items           = "items"              // items given, of one Kind
	Participants    = "participants"       // participants (participations over several activities)
	UnitsTakingPart = "units"              // units that took part
	Activities      = "activities"         // activities
	RecipientsValue = "recipients_value"   // VND received by recipients
	ReceivedItems   = "received_items"     // items received, of one Kind
	Staff           = "staff"              // a unit's headcount in Year
	PeakRate        = "peak_participation" // a unit's peak participation in Year
	Value           = "value"              // VND a recipient received
)

// Figure is a number that changed. From and To are nil when the figure
// is absent on that side: an entry that did not exist, an item kind not
// given, a rate whose staff is not known.
type Figure struct {
	Figure string `json:"figure"`
	// Kind is the item kind of items and received_items.
	Kind string `json:"kind,omitempty"`
	// Year is the year of a unit's staff and peak participation.
	Year int `json:"year,omitempty"`
	// From and To are VND for money and values, counts for the others,
	// and for peak participation the fraction of the staff (0.75).
	From *float64 `json:"from"`
	To   *float64 `json:"to"`
	// FromText and ToText are the same as the site writes them.
	FromText string `json:"from_text"`
	ToText   string `json:"to_text"`

	from, to amount
}

// amount is one side of a figure: a whole number, or a rate.
type amount struct {
	known bool
	n     int64
	rate  figures.Rate
}

// Recipient is a recipient of an activity whose value or items changed,
// or who was added or removed.
type Recipient struct {
	Name    string   `json:"name"`
	Change  string   `json:"change"`
	Figures []Figure `json:"figures"`
}

// Result is a unit's placing in an event that changed: From and To are
// the places, 0 when it had none on that side.
type Result struct {
	Event    string `json:"event"`
	Unit     string `json:"unit"`
	UnitName string `json:"unit_name"`
	Change   string `json:"change"`
	From     int64  `json:"from"`
	To       int64  `json:"to"`
}

// Award is an award of a year that changed, found by its title.
type Award struct {
	Title  string `json:"title"`
	Change string `json:"change"`
	// Settings are the grantor and status when they changed.
	Settings []Setting `json:"settings,omitempty"`
	// UnitsAdded and UnitsRemoved name the units (by their names) that
	// the award gained and lost.
	UnitsAdded   []string `json:"units_added,omitempty"`
	UnitsRemoved []string `json:"units_removed,omitempty"`
}

// Compare returns what changed from one revision to the other.
func Compare(from, to Side) *Report {
	lang := to.Content.Site.Lang()
	if to.Content.Site == nil {
		lang = from.Content.Site.Lang()
	}
	loc, err := locale.Lookup(lang)
	if err != nil {
		lang = "en"
		loc, _ = locale.Lookup(lang)
	}
	c := &comparer{
		old: from, new: to, loc: loc,
		r: &Report{
			From: Revision{Name: from.Name, Commit: from.Commit}, To: Revision{Name: to.Name, Commit: to.Commit},
			Language: lang, loc: loc,
			Years: []*Entry{}, Units: []*Entry{}, Activities: []*Entry{}, Totals: []Figure{},
		},
	}
	c.renamedUnits()
	c.r.Totals = c.totalsOf(&from.Figures.Totals, &to.Figures.Totals, withUnits|withActivities)
	if c.r.Totals == nil {
		c.r.Totals = []Figure{}
	}
	c.site()
	c.units()
	c.activities()
	c.years()
	return c.r
}

// comparer holds what a comparison works with.
type comparer struct {
	old, new Side
	loc      *locale.Locale
	r        *Report
	// unitRenames maps the old ID of every renamed unit to its new one.
	unitRenames map[string]string
}

// newUnitID returns the ID in the newer revision of the older unit id.
func (c *comparer) newUnitID(id string) string {
	if n, ok := c.unitRenames[id]; ok {
		return n
	}
	return id
}

// unitName returns the name shown for the unit id of the newer revision,
// or of the older when it is gone, or the ID.
func (c *comparer) unitName(id string) string {
	if u := c.new.Figures.Unit(id); u != nil {
		return u.Unit.DisplayName()
	}
	for old, n := range c.unitRenames {
		if n == id {
			id = old
		}
	}
	if u := c.old.Figures.Unit(id); u != nil {
		return u.Unit.DisplayName()
	}
	return id
}

// number returns a figure of whole numbers, or false when it did not
// change. Zero counts as absent for figures that may be left out.
func (c *comparer) number(name, kind string, year int, from, to amount) (Figure, bool) {
	if from.known == to.known && from.n == to.n && from.rate.Value() == to.rate.Value() {
		return Figure{}, false
	}
	f := Figure{Figure: name, Kind: kind, Year: year, from: from, to: to}
	f.From, f.FromText = c.side(name, from)
	f.To, f.ToText = c.side(name, to)
	return f, true
}

// side returns the raw and written value of one side of a figure.
func (c *comparer) side(name string, a amount) (*float64, string) {
	if !a.known {
		return nil, ""
	}
	if name == PeakRate {
		v := a.rate.Value()
		return &v, c.loc.Percent(v)
	}
	v := float64(a.n)
	if isMoney(name) {
		return &v, c.loc.Money(a.n)
	}
	return &v, c.loc.Number(a.n)
}

func isMoney(name string) bool {
	return name == Money || name == RecipientsValue || name == Value
}

// known is an amount present on its side.
func known(n int64) amount { return amount{known: true, n: n} }

// present is an amount present on its side when exists.
func present(exists bool, n int64) amount { return amount{known: exists, n: n} }

// kindsOf returns the item kinds of a and b, sorted, once each.
func kindsOf(a, b []figures.ItemCount) []string {
	var ks []string
	for _, i := range a {
		ks = append(ks, i.Kind)
	}
	for _, i := range b {
		ks = append(ks, i.Kind)
	}
	slices.Sort(ks)
	return slices.Compact(ks)
}

func itemCount(items []figures.ItemCount, kind string) int64 {
	for _, i := range items {
		if i.Kind == kind {
			return i.Count
		}
	}
	return 0
}

// site compares site.yaml.
func (c *comparer) site() {
	from, to := c.old.Content.Site, c.new.Content.Site
	if from == nil || to == nil {
		return
	}
	e := &Entry{ID: "site", Name: to.Title.Value, Change: Changed}
	e.Settings = settings(
		setting("language", from.Language.Value, to.Language.Value),
		setting("base_url", from.BaseURL.Value, to.BaseURL.Value),
		setting("repository", from.Repository.Value, to.Repository.Value),
	)
	e.Texts = texts(
		text("title", from.Title, to.Title),
		text("organisation", from.Organisation, to.Organisation),
		text("about", from.About, to.About),
	)
	if len(e.Settings) > 0 || len(e.Texts) > 0 {
		c.r.Site = e
	}
}

// setting returns the field's change, or an empty Setting when none.
func setting(field, from, to string) Setting {
	if from == to {
		return Setting{}
	}
	return Setting{Field: field, From: from, To: to}
}

func settings(list ...Setting) []Setting {
	return slices.DeleteFunc(list, func(s Setting) bool { return s.Field == "" })
}

// text returns the field's name when its text changed, else "".
func text(field string, from, to content.Text) string {
	if from.Value == to.Value {
		return ""
	}
	return field
}

func texts(list ...string) []string {
	return slices.DeleteFunc(list, func(s string) bool { return s == "" })
}

// date writes a date as the site does, "" when not set.
func (c *comparer) date(d content.Date) string {
	if !d.Set() {
		return ""
	}
	return c.loc.Date(d.Time)
}

// refs writes unit references as the IDs they are, in the newer
// revision's IDs for the older side.
func (c *comparer) refs(refs []content.Ref, renamed bool) string {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
		if renamed {
			ids[i] = c.newUnitID(r.ID)
		}
	}
	return strings.Join(ids, ", ")
}

func yearText(n content.Number) string {
	if !n.Set() {
		return ""
	}
	return strconv.FormatInt(n.Value, 10)
}

// sortEntries puts entries in ID order.
func sortEntries(list []*Entry) {
	slices.SortStableFunc(list, func(a, b *Entry) int { return strings.Compare(a.ID, b.ID) })
}

// compareActivities orders activity entries by year, then ID.
func compareActivities(a, b *Entry) int {
	return cmp.Or(cmp.Compare(a.Year, b.Year), strings.Compare(a.ID, b.ID))
}
