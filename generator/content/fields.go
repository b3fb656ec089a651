package content

import "reportsite/generator/locale"

// Type is the kind of value a field holds, as an editor would describe it.
type Type int

// The value types of content fields.
const (
	TypeText       Type = iota // one line of plain text
	TypeMarkdown               // Markdown, usually a block after "|"
	TypeWhole                  // a whole number, 0 or more
	TypeDate                   // a day written YYYY-MM-DD
	TypeURL                    // an http or https address
	TypeUnitRef                // the ID of a unit
	TypeUnitRefs               // a list of unit IDs
	TypeEnum                   // one of Field.Enum
	TypeObject                 // a mapping with Field.Fields
	TypeObjects                // a list of mappings with Field.Fields
	TypeItemCounts             // a mapping of item kind to whole number
	TypeYearCounts             // a mapping of year to whole number
	TypeYear                   // a four-digit year
	TypeBranch                 // a git branch name, matching BranchPattern
	TypeEditURL                // an http or https address with {path} in it
)

// BranchPattern is what a branch name in site.yaml may be: words of
// letters a-z and A-Z, digits, "_", "-" and "+", joined by "." or "/".
// It is stricter than git, which also allows other characters, so that
// the name goes into an address as it is; the JSON Schema uses it too.
const BranchPattern = `^[A-Za-z0-9_][A-Za-z0-9_+-]*([./][A-Za-z0-9_][A-Za-z0-9_+-]*)*$`

// PathPlaceholder is what an edit_url pattern holds where the path of
// the file to edit goes.
const PathPlaceholder = "{path}"

// Field describes one key an editor may write in a content file. The loader
// rejects keys that are not listed, reports missing required ones, and the
// JSON Schemas under schema/ are generated from these tables, so the three
// cannot drift apart.
type Field struct {
	Name     string
	Type     Type
	Required bool
	Enum     []string // allowed values for TypeEnum
	Fields   []Field  // the keys of TypeObject and TypeObjects values
	Doc      string   // one sentence for editors
}

// Languages are the site languages, for site.yaml's language field: those
// of locale, in its order, so that the two lists are one.
var Languages = locale.Languages()

// Categories are the allowed activity categories.
var Categories = []string{"donation", "charity", "sports", "culture", "gratitude", "other"}

// AwardStatuses are the allowed award statuses.
var AwardStatuses = []string{"proposed", "granted"}

// SiteFields are the keys of site.yaml.
var SiteFields = []Field{
	{Name: "title", Type: TypeText, Required: true, Doc: "The bloc's name, shown on every page."},
	{Name: "organisation", Type: TypeText, Doc: "The department and province the bloc belongs to."},
	{Name: "language", Type: TypeEnum, Enum: Languages, Doc: "The language of the site's labels, numbers and dates: en, vi or pt (en when left out)."},
	{Name: "base_url", Type: TypeURL, Doc: "The address the site is published at; used only for the sitemap and share cards."},
	{Name: "repository", Type: TypeURL, Doc: "The address of the content's git repository, for \"edit this page\" links."},
	{Name: "branch", Type: TypeBranch, Doc: "The branch that \"edit this page\" links open (main when left out)."},
	{Name: "edit_url", Type: TypeEditURL, Doc: "The address of the page that edits a file, with {path} where the file's path in the repository goes; only for hosts other than GitHub, GitLab, Gitea, Forgejo and Bitbucket."},
	{Name: "about", Type: TypeMarkdown, Doc: "Markdown about the bloc, shown on the home page."},
}

// YearFields are the keys of years/<year>.yaml.
var YearFields = []Field{
	{Name: "year", Type: TypeYear, Required: true, Doc: "The year; must match the file name."},
	{Name: "motto", Type: TypeText, Doc: "The bloc's motto for the year."},
	{Name: "head", Type: TypeUnitRef, Doc: "The ID of the unit heading the bloc that year."},
	{Name: "deputies", Type: TypeUnitRefs, Doc: "The IDs of the deputy head units."},
	{Name: "conference", Type: TypeObject, Doc: "The conference that summed up the year.", Fields: []Field{
		{Name: "date", Type: TypeDate, Required: true, Doc: "The day of the conference, YYYY-MM-DD."},
		{Name: "place", Type: TypeText, Doc: "Where it was held."},
	}},
	{Name: "plan", Type: TypeMarkdown, Doc: "Markdown: what the bloc set out to do that year."},
	{Name: "summary", Type: TypeMarkdown, Doc: "Markdown: what happened, the annual review."},
	{Name: "awards", Type: TypeObjects, Doc: "Awards proposed for or granted to units.", Fields: []Field{
		{Name: "title", Type: TypeText, Required: true, Doc: "The award, e.g. Emulation Flag 2023."},
		{Name: "grantor", Type: TypeText, Doc: "Who grants it."},
		{Name: "status", Type: TypeEnum, Required: true, Enum: AwardStatuses, Doc: "proposed or granted."},
		{Name: "units", Type: TypeUnitRefs, Required: true, Doc: "The IDs of the units it is for."},
	}},
}

// UnitFields are the keys of units/<id>.yaml.
var UnitFields = []Field{
	{Name: "name", Type: TypeText, Required: true, Doc: "The unit's full name."},
	{Name: "short_name", Type: TypeText, Doc: "A short name for charts and tables."},
	{Name: "kind", Type: TypeText, Doc: "What sort of unit it is, e.g. centre or management board; used for grouping."},
	{Name: "staff", Type: TypeYearCounts, Doc: "Headcount by year, e.g. {2023: 42}: the base of participation rates."},
	{Name: "head", Type: TypeText, Doc: "The name of the unit's head."},
	{Name: "website", Type: TypeURL, Doc: "The unit's website, http or https."},
	{Name: "description", Type: TypeMarkdown, Doc: "Markdown about the unit."},
}

// itemsDoc explains the items mapping, shared by contributions and recipients.
const itemsDoc = "In-kind gifts by kind, e.g. {books: 85}."

// ActivityFields are the keys of activities/<id>.yaml.
var ActivityFields = []Field{
	{Name: "title", Type: TypeText, Required: true, Doc: "The activity's title."},
	{Name: "year", Type: TypeYear, Required: true, Doc: "The year the activity belongs to."},
	{Name: "date", Type: TypeDate, Doc: "The day it took place or started, YYYY-MM-DD."},
	{Name: "end", Type: TypeDate, Doc: "The last day, when it lasted several days; not before date."},
	{Name: "category", Type: TypeEnum, Enum: Categories, Doc: "donation, charity, sports, culture, gratitude or other."},
	{Name: "organisers", Type: TypeUnitRefs, Doc: "The IDs of the units that organised it."},
	{Name: "summary", Type: TypeText, Doc: "One plain sentence for lists and share cards."},
	{Name: "narrative", Type: TypeMarkdown, Doc: "Markdown: the story of the activity (or write it in activities/<id>.md instead)."},
	{Name: "contributions", Type: TypeObjects, Doc: "What each taking-part unit gave.", Fields: []Field{
		{Name: "unit", Type: TypeUnitRef, Required: true, Doc: "The ID of the unit."},
		{Name: "participants", Type: TypeWhole, Doc: "How many people of the unit took part."},
		{Name: "money", Type: TypeWhole, Doc: "Money given, in VND, a whole number without separators."},
		{Name: "items", Type: TypeItemCounts, Doc: itemsDoc},
	}},
	{Name: "recipients", Type: TypeObjects, Doc: "Who received what.", Fields: []Field{
		{Name: "name", Type: TypeText, Required: true, Doc: "The recipient's name."},
		{Name: "value", Type: TypeWhole, Doc: "The value received in VND, cash and in kind."},
		{Name: "items", Type: TypeItemCounts, Doc: itemsDoc},
	}},
	{Name: "results", Type: TypeObjects, Doc: "Placings in a tournament.", Fields: []Field{
		{Name: "place", Type: TypeWhole, Required: true, Doc: "1 for first place, 2 for second…"},
		{Name: "unit", Type: TypeUnitRef, Required: true, Doc: "The ID of the unit placed."},
		{Name: "event", Type: TypeText, Doc: "The event, e.g. men's doubles."},
	}},
	{Name: "photos", Type: TypeObjects, Doc: "Photos of the activity, files under media/.", Fields: []Field{
		{Name: "file", Type: TypeText, Required: true, Doc: "The photo's path, e.g. media/bookshelves-2023.jpg."},
		{Name: "caption", Type: TypeText, Doc: "What the photo shows, shown under it; also read out by screen readers when there is no alt."},
		{Name: "alt", Type: TypeText, Doc: "Optional: what the photo shows, for readers who cannot see it, when the caption does not say it."},
	}},
}
