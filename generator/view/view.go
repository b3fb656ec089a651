// Package view holds what templates are given: display-ready values,
// built by the site package from content and figures, so that a site's
// own templates (--templates) read names that stay put when the model
// underneath changes. docs/templates.md documents every field, and a test
// keeps the two in step.
package view

import "html/template"

// Layout is everything layout.html reads: the frame around every page,
// its head, header, menu, breadcrumbs and footer. Every value is ready to
// print; the layout formats and looks up nothing itself.
type Layout struct {
	// Lang is the site's language tag, for the html element: "en", "vi".
	Lang string
	// Title is the page's own title, without the site's; empty on the
	// home page.
	Title string
	// SiteTitle is the site's title, shown in the header and footer and
	// after the page's title in the browser's tab.
	SiteTitle string
	// Organisation is the organisation behind the site; may be empty.
	Organisation string
	// Description is the page's description, for search engines and link
	// previews.
	Description string
	// Canonical is the page's absolute address; empty when the site has
	// no base_url, and on the page for missing addresses.
	Canonical string
	// Root is the relative way back to the site root ("", "../",
	// "../../"), to put before the address of an asset.
	Root string
	// HomeURL is the address of the home page, for the site's title in
	// the header.
	HomeURL string
	// SearchURL is the address of the search page, where the search box
	// of the header sends its words as ?q=; empty on the search page,
	// which has a box of its own.
	SearchURL string
	// Menu is the site's main menu: home, units and activities, with the
	// one this page is marked current.
	Menu []MenuLink
	// Breadcrumbs lead from the home page down to the parent of this
	// page; empty on the home page.
	Breadcrumbs []Link
	// Downloads are the data files with this page's figures.
	Downloads []Link
	// EditURL is where the content of this page is edited: the page on
	// the git host that edits its own file; empty when the site names no
	// repository, or one on a host without a known form and no edit_url.
	EditURL string
	// ReportDate is the date a printed copy of the page carries in its
	// header: a year report's conference date, written out in the site's
	// language; empty when the page has none.
	ReportDate string
	// Updated is the day the page's content last changed, in the site's
	// language ("16 January 2024"): the newest commit of the files it is
	// built from. Empty when not known: the build was not asked for it
	// (--no-git-info), the content is not in a full git history, or one
	// of those files has changes not committed.
	Updated string
	// UpdatedISO is the same day as YYYY-MM-DD, for a time element's
	// datetime; empty when Updated is.
	UpdatedISO string
	// HasCharts is whether the page draws charts, and so needs the
	// charts' scripts.
	HasCharts bool
	// NumberFormat is the site language's number formats as JSON, for the
	// charts' script to write figures as the tables do; set when
	// HasCharts is.
	NumberFormat template.JS
}

// Link is a labelled address, relative to the page it is on.
type Link struct {
	// Label is the text of the link.
	Label string
	// Href is the address it leads to.
	Href string
}

// MenuLink is an entry of the main menu.
type MenuLink struct {
	// Label is the text of the entry, in the site's language.
	Label string
	// Href is the address of the page it leads to.
	Href string
	// Current is whether the entry leads to the page it is on.
	Current bool
}

// Search is what the search page reads besides the layout.
type Search struct {
	// Config is the search script's settings as JSON, for
	// <script type="application/json" id="reportsite-search">: the parts
	// of the index with their addresses, the interface strings and the
	// number formats.
	Config template.JS
	// Script is the address of the search script; empty in a reportsite
	// built without it, where the page offers only its links.
	Script string
	// Browse are the lists to find pages in without the script: the
	// units, the activities and each year's report.
	Browse []Link
}

// Photo is one photo as a page shows it: an image whose copies of
// several widths the browser chooses from, in a link that opens the
// largest copy.
type Photo struct {
	// Src is the address of the copy about 960 pixels wide, for browsers
	// that do not read Srcset.
	Src string
	// Srcset lists every copy's address and width, for the img's srcset:
	// "../../media/a-480.jpg 480w, ../../media/a-960.jpg 960w,
	// ../../media/a.jpg 1600w".
	Srcset string
	// Sizes tells the browser how wide the photo is shown at each width
	// of screen, for the img's sizes, so that it picks the copy to load.
	Sizes string
	// Width and Height are the size of the largest copy in pixels, for the
	// img's width and height: with them the browser keeps the photo's
	// place before it has loaded, and nothing below it moves.
	Width, Height int
	// Alt describes the photo to readers who cannot see it: the photo's
	// alt, else its caption.
	Alt string
	// Caption is the photo's caption; may be empty.
	Caption string
	// Large is the address of the largest copy, which a tap on the photo
	// opens.
	Large string
	// Lazy is whether the photo may load only when the reader scrolls
	// near it (loading="lazy"): every photo but one at the top of a page.
	Lazy bool
}
