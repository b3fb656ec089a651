// Package address is the one place that knows where each page and data
// file of a built site lives, and how one page links to another.
//
// A page is a folder's index.html, so that a web server shows it at the
// folder's address and a reader who opens the site from disk follows the
// same links:
//
//	index.html                    the home page
//	2023/index.html               a year's report or plan
//	units/index.html              the list of units
//	units/<id>/index.html         a unit
//	activities/index.html         the list of activities
//	activities/<id>/index.html    an activity
//	2023/activities/index.html    a year's own list of activities, when
//	                              the year has too many for its report;
//	                              its further pages 2023/activities/2/…
//	2023/units/index.html         the year's table by unit, when the site
//	                              has too many units for the report;
//	                              its further pages 2023/units/2/…
//	search/index.html             the search page
//	404.html                      the page a server shows for a missing one
//
// The figures behind the pages are written under data/, each table once as
// CSV and once as JSON (see Data).
//
// Links are relative, so that a site works from any folder of any server
// and from disk: a page's root is its way back to the site's root
// ("../../" from units/<id>/index.html), and a link is that root followed
// by the path of the page it leads to. The functions that name a page
// take that root first and put it in front in the same concatenation, so a
// link costs one string; with root "" they give the page's path in the
// site.
//
// The package imports nothing of reportsite, so that every step that
// writes a path or a link (site, render, markdown, output, serve) can use
// it.
package address

import (
	"path"
	"strconv"
	"strings"
)

const (
	// page is the file that holds a folder's page.
	page = "index.html"
	// slashPage ends the path of a page in a folder below the root.
	slashPage     = "/" + page
	unitsDir      = "units/"
	activitiesDir = "activities/"
	dataDir       = "data/"
	searchPage    = "search/" + page
)

// NotFound is the path of the page a server shows for an address that
// names nothing. A server shows it at any depth, so its links cannot be
// relative to its own path (see Root).
const NotFound = "404.html"

// Home returns the address of the home page from a page whose way back to
// the root is root: "../index.html" from a year's page.
func Home(root string) string { return root + page }

// Year returns the address of the page of year y (its report, or its
// plan) from root: "2023/index.html" from the home page.
func Year(root string, y int) string {
	var n [20]byte
	return root + string(strconv.AppendInt(n[:0], int64(y), 10)) + slashPage
}

// Units returns the address of the list of units from root.
func Units(root string) string { return root + unitsDir + page }

// Unit returns the address of the page of the unit with the given ID from
// root: "../units/x/index.html" from a year's page.
func Unit(root, id string) string { return root + unitsDir + id + slashPage }

// Activities returns the address of the list of activities from root.
func Activities(root string) string { return root + activitiesDir + page }

// Activity returns the address of the page of the activity with the given
// ID from root.
func Activity(root, id string) string { return root + activitiesDir + id + slashPage }

// Search returns the address of the search page from root; the words to
// find go after it as ?q=.
func Search(root string) string { return root + searchPage }

// YearActivities returns the address from root of page n (counted from
// 1) of the list of year y's activities: "2023/activities/index.html",
// then "2023/activities/2/index.html". The lists live in the year's folder
// because any folder under activities/ could be an activity's ID.
func YearActivities(root string, y, n int) string { return yearList(root, y, activitiesDir, n) }

// YearUnits returns the address from root of page n (counted from 1) of
// the table of what each unit did in year y: "2023/units/index.html", then
// "2023/units/2/index.html".
func YearUnits(root string, y, n int) string { return yearList(root, y, unitsDir, n) }

// yearList is the address of page n of a year's list in the folder dir
// (with its final slash) of the year's folder.
func yearList(root string, y int, dir string, n int) string {
	var b [20]byte
	p := root + string(strconv.AppendInt(b[:0], int64(y), 10)) + "/" + dir
	if n > 1 {
		p += strconv.Itoa(n) + "/"
	}
	return p + page
}

// AppendUnit appends to b the path of the page of the unit id, passing id
// through escape, as Unit(root, id) would give it with root "". It is for
// code that writes links into a buffer, such as the rows of a long table,
// which would otherwise make a string per row only to copy it.
func AppendUnit(b []byte, id string, escape func(b []byte, s string) []byte) []byte {
	b = append(b, unitsDir...)
	b = escape(b, id)
	return append(b, slashPage...)
}

// AppendActivity appends to b the path of the page of the activity id, as
// AppendUnit does for a unit.
func AppendActivity(b []byte, id string, escape func(b []byte, s string) []byte) []byte {
	b = append(b, activitiesDir...)
	b = escape(b, id)
	return append(b, slashPage...)
}

// Folder returns the address from root of the page of a folder, given by
// its path from the site's root without a final slash: "" for the home
// page, "units/x" for a unit. It is for paths that editors write, such as
// Markdown's internal links; the site's own pages have a function each.
func Folder(root, dir string) string {
	if dir == "" {
		return root + page
	}
	return root + dir + slashPage
}

// IsFolderPage reports whether name, a path inside the site, is the page
// of a folder: the form of every page but NotFound.
func IsFolderPage(name string) bool {
	return name == page || strings.HasSuffix(name, slashPage)
}

// Root returns the way back to the site's root from the page or file at
// name: "../../" for "units/x/index.html", "" for "index.html".
func Root(name string) string {
	return strings.Repeat("../", strings.Count(path.Clean(name), "/"))
}

// Link returns the relative address of the page or file at to, as written
// in the page at from: the root of from followed by to.
func Link(from, to string) string { return Root(from) + to }

// Public returns the address a page is known by on the web, given the
// site's address with a final slash: the page's folder, since a server
// shows a folder's index.html at it. It is a page's canonical address and
// the one the sitemap lists.
func Public(site, name string) string {
	return site + strings.TrimSuffix(name, page)
}

// Data is a table of figures behind a page or chart, written under data/
// twice with the same columns: as CSV and as JSON.
type Data struct {
	// name is the file's path inside data/ without its extension,
	// e.g. "2023/units".
	name string
}

// YearsData is the table of every year's totals.
func YearsData() Data { return Data{"years"} }

// YearUnitsData is the table of what each unit did in year y.
func YearUnitsData(y int) Data { return yearData(y, "units") }

// YearActivitiesData is the table of the activities of year y.
func YearActivitiesData(y int) Data { return yearData(y, "activities") }

// YearContributionsData is the table of every contribution of year y.
func YearContributionsData(y int) Data { return yearData(y, "contributions") }

func yearData(y int, table string) Data {
	return Data{strconv.Itoa(y) + "/" + table}
}

// UnitData is the table of the contributions of the unit with the given
// ID.
func UnitData(id string) Data { return Data{unitsDir + id} }

// ActivityData is the table of the contributions to the activity with
// the given ID.
func ActivityData(id string) Data { return Data{activitiesDir + id} }

// Name returns the table's path inside data/ without its extension, e.g.
// "2023/units", which is how download links name it.
func (d Data) Name() string { return d.name }

// CSV returns the address of the table's CSV file from root.
func (d Data) CSV(root string) string { return root + dataDir + d.name + ".csv" }

// JSON returns the address of the table's JSON file from root.
func (d Data) JSON(root string) string { return root + dataDir + d.name + ".json" }

// PhotoCopy returns the path in the site of the copy of a photo resized
// to width pixels, given the photo's path as the content names it, under
// media/: "media/2023/team-480.jpg" for "media/2023/team.jpg". The width
// goes before the extension, so the copy keeps its type. A photo's
// largest copy keeps the photo's own path, so that a link to the photo,
// from Markdown say, shows it as it is published.
func PhotoCopy(name string, width int) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "-" + strconv.Itoa(width) + ext
}
