// Package content is the model of a report site's content, exactly as
// editors write it, and its loader. Every value keeps the position it was
// read from so that later steps can point at it; figures derived from the
// content live in package figures.
package content

import (
	"strings"
	"time"

	"reportsite/generator/diag"
)

// Text is a string value and where it was written. An absent field has an
// empty Value and a zero Pos.
type Text struct {
	Value string
	Pos   diag.Pos
	// BlockIndent is, for text written as a "|" block, the number of
	// spaces before its lines; such text keeps its lines, so a place in it
	// can be found in the file.
	BlockIndent int
	// WholeFile is true for text read from a file of its own (.md).
	WholeFile bool
}

// Set reports whether the field was written.
func (t Text) Set() bool { return t.Pos.Line != 0 }

// PosOf returns the position in the file of line and column (counted from
// 1) of the text. Where the text's lines cannot be traced back, as in
// folded text, it returns the position of the field's value.
func (t Text) PosOf(line, col int) diag.Pos {
	switch {
	case t.WholeFile:
		return diag.Pos{File: t.Pos.File, Line: line, Col: col}
	case t.BlockIndent > 0:
		return diag.Pos{File: t.Pos.File, Line: t.Pos.Line + line, Col: t.BlockIndent + col}
	case line == 1 && !strings.Contains(t.Value, "\n"):
		return diag.Pos{File: t.Pos.File, Line: t.Pos.Line, Col: t.Pos.Col + col - 1}
	}
	return t.Pos
}

// Number is a whole, non-negative number and where it was written.
type Number struct {
	Value int64
	Pos   diag.Pos
}

// Set reports whether the field was written.
func (n Number) Set() bool { return n.Pos.Line != 0 }

// Date is a calendar day and where it was written.
type Date struct {
	Time time.Time
	Pos  diag.Pos
}

// Set reports whether the field was written.
func (d Date) Set() bool { return d.Pos.Line != 0 }

// Ref is a reference to a unit by its ID.
type Ref struct {
	ID  string
	Pos diag.Pos
}

// Count is an amount of one kind of item, such as {books: 85}.
type Count struct {
	Kind  string
	Count Number
}

// Content is everything read from one content folder.
type Content struct {
	// Dir is the content folder as the user named it; file positions
	// start with it.
	Dir        string
	Site       *Site
	Years      []*Year     // sorted by year
	Units      []*Unit     // sorted by ID
	Activities []*Activity // sorted by ID
	// Media lists the files under media/, as slash paths relative to the
	// content folder ("media/conference-2023.jpg"), sorted.
	Media []string
	// Unreadable names the files that exist but could not be read at all
	// ("units/x", "years/2023", "activities/y"), so that later checks do
	// not also report them as missing.
	Unreadable map[string]bool
}

// Site is site.yaml: the bloc itself.
type Site struct {
	File         string
	Title        Text
	Organisation Text
	Language     Text
	BaseURL      Text
	Repository   Text
	// Branch is the branch that edit links open, when written; Branch()
	// gives the default.
	Branch Text
	// EditURL is the form of the edit links for a host reportsite does not
	// know, with {path} where the file's path goes.
	EditURL Text
	About   Text
}

// DefaultBranch is the branch edit links open when site.yaml names none.
const DefaultBranch = "main"

// BranchName returns the branch edit links open: site.yaml's branch, or
// DefaultBranch.
func (s *Site) BranchName() string {
	if s == nil || s.Branch.Value == "" {
		return DefaultBranch
	}
	return s.Branch.Value
}

// Lang returns the site language, "en" when not set.
func (s *Site) Lang() string {
	if s == nil || s.Language.Value == "" {
		return "en"
	}
	return s.Language.Value
}

// Year is years/<year>.yaml: the year's report or plan.
type Year struct {
	File       string
	ID         string // the file name without .yaml
	Year       Number
	Motto      Text
	Head       Ref
	Deputies   []Ref
	Conference *Conference
	Plan       Text
	Summary    Text
	Awards     []Award
}

// Conference is the year's summary conference.
type Conference struct {
	Date  Date
	Place Text
	Pos   diag.Pos
}

// Award is an award proposed for or granted to units.
type Award struct {
	Title   Text
	Grantor Text
	Status  Text
	Units   []Ref
	Pos     diag.Pos
}

// Unit is units/<id>.yaml: one member unit of the bloc.
type Unit struct {
	File        string
	ID          string
	Name        Text
	ShortName   Text
	Kind        Text
	Staff       []Staff // sorted by year
	Head        Text
	Website     Text
	Description Text
}

// Staff is a unit's headcount in one year.
type Staff struct {
	Year  int
	Count Number
}

// StaffIn returns the unit's headcount in year, and whether it is known.
func (u *Unit) StaffIn(year int) (int64, bool) {
	for _, s := range u.Staff {
		if s.Year == year {
			return s.Count.Value, true
		}
	}
	return 0, false
}

// DisplayName returns the short name when there is one, else the name.
func (u *Unit) DisplayName() string {
	if u.ShortName.Value != "" {
		return u.ShortName.Value
	}
	return u.Name.Value
}

// Activity is activities/<id>.yaml: one activity of a year, with what each
// unit gave and who received it.
type Activity struct {
	File          string
	ID            string
	Title         Text
	Year          Number
	Date          Date
	End           Date
	Category      Text
	Organisers    []Ref
	Summary       Text
	Narrative     Text
	NarrativeFile string // activities/<id>.md when the narrative comes from it
	Contributions []Contribution
	Recipients    []Recipient
	Results       []Result
	Photos        []Photo
}

// Contribution is what one unit gave to an activity.
type Contribution struct {
	Unit         Ref
	Participants Number
	Money        Number
	Items        []Count
	Pos          diag.Pos
}

// Recipient is who received what from an activity.
type Recipient struct {
	Name  Text
	Value Number
	Items []Count
	Pos   diag.Pos
}

// Result is a placing in a tournament.
type Result struct {
	Place Number
	Unit  Ref
	Event Text
	Pos   diag.Pos
}

// Photo is a picture of an activity, a file under media/. Its File is a
// slash path: a \ written on Windows is read as /.
type Photo struct {
	File    Text
	Caption Text
	// Alt describes the photo to readers who cannot see it; when not
	// set, the caption does.
	Alt Text
	Pos diag.Pos
}
