// Package search builds the index of a site's search page: the documents
// that the page's script (search.js, bundled into assets/search.js with
// MiniSearch) indexes in the reader's browser.
//
// The index ships as scripts, not as JSON the page would fetch, so that
// search works where fetching does not: from disk (file://) and from a
// zipped copy. It is split into parts — the units, the years, and the
// activities of each year, newest first — each a file
// assets/search/<part>.js that hands its documents to the page with
//
//	window.reportsiteSearch.add("units", [[path, title, short, text], …]);
//
// The page loads the parts one after the other when the reader first uses
// the search box, and shows the results of the parts it has while it loads
// the rest. The documents are plain text; the browser folds diacritics
// (so "nguyen" finds "Nguyễn") and builds the index, so the build needs no
// Node and the files stay small.
package search

import (
	"encoding/json"
	"strconv"
	"strings"

	"reportsite/generator/address"
	"reportsite/generator/content"
	"reportsite/generator/figures"
)

// Dir is the folder of the index's parts inside the site.
const Dir = "assets/search/"

// Kind is what a document is the page of.
type Kind string

// The kinds of page a search finds.
const (
	Unit     Kind = "unit"
	Activity Kind = "activity"
	Year     Kind = "year"
)

// Part is one file of the index.
type Part struct {
	// Name names the part and its file: "units", "years",
	// "activities-2024", or "activities" for activities without a year.
	Name string
	// Kind is the kind of every document of the part.
	Kind Kind
	// Year is the year of the activities of an activities part; 0 for
	// the other parts.
	Year int
}

// Path returns where the part is written in the site.
func (p Part) Path() string { return Dir + p.Name + ".js" }

// Doc is one page as the search sees it.
type Doc struct {
	// Path is the page's path in the site, e.g. "units/x/index.html".
	Path string
	// Title is the page's title, the text of the result's link.
	Title string
	// Short holds the short texts about the page, joined by " · ": a
	// unit's short name and head; an activity's category, organisers and
	// recipients; a year's motto.
	Short string
	// Text is the page's prose as plain text: a unit's description; an
	// activity's summary and narrative; a year's summary.
	Text string
}

// Texts are the texts of the site's language that documents hold.
type Texts struct {
	// PlainText returns an editor's Markdown as plain text.
	PlainText func(content.Text) string
	// Category returns the name of an activity category.
	Category func(category string) string
	// YearTitle returns the title of a year's page.
	YearTitle func(*figures.YearFigures) string
}

// Parts returns the parts of the index of a site, in the order the search
// page loads them: the units, the years, then each year's activities from
// the newest year, where readers look first. A site with nothing of a
// kind has no part for it.
func Parts(f *figures.Figures) []Part {
	var parts []Part
	if len(f.Units) > 0 {
		parts = append(parts, Part{Name: "units", Kind: Unit})
	}
	if len(f.Years) > 0 {
		parts = append(parts, Part{Name: "years", Kind: Year})
	}
	for i := len(f.Years) - 1; i >= 0; i-- {
		if y := f.Years[i]; len(y.Activities) > 0 {
			parts = append(parts, Part{Name: "activities-" + strconv.Itoa(y.Year), Kind: Activity, Year: y.Year})
		}
	}
	for _, a := range f.Activities {
		if a.Year == 0 {
			parts = append(parts, Part{Name: "activities", Kind: Activity})
			break
		}
	}
	return parts
}

// Docs returns the documents of part p of the site's index, in the order
// of the site's lists: units by ID, years ascending, activities by date.
func Docs(f *figures.Figures, p Part, t Texts) []Doc {
	var docs []Doc
	switch p.Kind {
	case Unit:
		docs = make([]Doc, 0, len(f.Units))
		for _, u := range f.Units {
			docs = append(docs, unitDoc(u.Unit, t))
		}
	case Year:
		docs = make([]Doc, 0, len(f.Years))
		for _, y := range f.Years {
			docs = append(docs, yearDoc(y, t))
		}
	case Activity:
		var list []*figures.ActivityFigures
		if y := f.Year(p.Year); p.Year != 0 && y != nil {
			list = y.Activities
		} else if p.Year == 0 {
			for _, a := range f.Activities {
				if a.Year == 0 {
					list = append(list, a)
				}
			}
		}
		docs = make([]Doc, 0, len(list))
		for _, a := range list {
			docs = append(docs, activityDoc(a, t))
		}
	}
	return docs
}

func unitDoc(u *content.Unit, t Texts) Doc {
	return Doc{
		Path:  address.Unit("", u.ID),
		Title: u.Name.Value,
		Short: join(u.ShortName.Value, u.Head.Value),
		Text:  t.PlainText(u.Description),
	}
}

func yearDoc(y *figures.YearFigures, t Texts) Doc {
	d := Doc{Path: address.Year("", y.Year), Title: t.YearTitle(y)}
	if y.Content != nil {
		d.Short = y.Content.Motto.Value
		d.Text = t.PlainText(y.Content.Summary)
	}
	return d
}

func activityDoc(a *figures.ActivityFigures, t Texts) Doc {
	short := []string{t.Category(a.Category)}
	for _, u := range a.Organisers {
		short = append(short, u.Name.Value)
	}
	for _, r := range a.Recipients {
		short = append(short, r.Name)
	}
	return Doc{
		Path:  address.Activity("", a.Activity.ID),
		Title: a.Activity.Title.Value,
		Short: join(short...),
		Text:  join2(a.Activity.Summary.Value, t.PlainText(a.Activity.Narrative)),
	}
}

// join joins the texts that are not empty with " · ".
func join(texts ...string) string {
	var b strings.Builder
	for _, s := range texts {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" · ")
		}
		b.WriteString(s)
	}
	return b.String()
}

// join2 joins two pieces of prose with a space, leaving out an empty one.
func join2(a, b string) string {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}

// AppendScript appends to b the file of part p holding docs: one call of
// window.reportsiteSearch.add with the part's name and its documents, each
// an array [path, title, short, text]. The strings are JSON, whose escapes
// of <, > and & and of the line separators keep the file a valid script
// whatever the content says.
func AppendScript(b []byte, p Part, docs []Doc) []byte {
	b = append(b, "window.reportsiteSearch.add("...)
	b = appendString(b, p.Name)
	b = append(b, ",["...)
	for i, d := range docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, d.Path)
		b = append(b, ',')
		b = appendString(b, d.Title)
		b = append(b, ',')
		b = appendString(b, d.Short)
		b = append(b, ',')
		b = appendString(b, d.Text)
		b = append(b, ']')
	}
	return append(b, "]);\n"...)
}

func appendString(b []byte, s string) []byte {
	data, err := json.Marshal(s)
	if err != nil {
		// A string always encodes; invalid UTF-8 becomes U+FFFD.
		panic("search: " + err.Error())
	}
	return append(b, data...)
}
