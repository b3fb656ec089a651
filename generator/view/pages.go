package view

import "html/template"

// Page is what every page template receives. Its Layout's fields are
// promoted (.Title, .Root); of the page views below, only the one of the
// page's kind is set, and none on 404.html, which reads only the layout.
type Page struct {
	Layout
	// Charts are the page's charts, each with the table of its figures;
	// empty on pages without charts.
	Charts []Chart
	// Home is the home page's view (index.html).
	Home *Home
	// Year is a year's report or plan (year.html).
	Year *Year
	// Units is the list of units (units.html).
	Units *Units
	// Unit is a unit's page (unit.html).
	Unit *Unit
	// Activities is the list of activities (activities.html).
	Activities *Activities
	// Activity is an activity's page (activity.html).
	Activity *Activity
	// Search is the search page (search.html).
	Search *Search
}

// KeyFigure is one of the large figures at the top of a report: a total,
// amounts of money in compact form with the full amount beside.
type KeyFigure struct {
	// Label names the figure: "Money collected", "books".
	Label string
	// Big is the figure as shown large: "33.8 million VND", "641".
	Big string
	// Exact is an amount of money in full, "33,800,000 VND"; empty for
	// counts, which Big shows in full.
	Exact string
}

// Table is a table ready to print: its head, rows and foot are HTML
// written from one declaration, so that their cells always line up.
type Table struct {
	// Caption is the table's caption; empty when it has none.
	Caption string
	// Head is the table's <thead> element.
	Head template.HTML
	// Body is the table's rows, each on a line of its own, to go inside
	// <tbody>.
	Body template.HTML
	// Foot is the table's <tfoot> element with its totals; empty when the
	// table has none.
	Foot template.HTML
}

// Chart is one chart of a page, drawn by the site's chart script, with
// the table of the same figures beside it for readers without it.
type Chart struct {
	// ID is unique within the page: "money-by-activity". The default
	// figure's id is "chart-" and the ID.
	ID string
	// Title is the chart's caption.
	Title string
	// Note says when the chart draws only part of its figures; may be
	// empty.
	Note string
	// Label is the chart's accessible name, for aria-label.
	Label string
	// Format is how the script writes the chart's values: "money",
	// "number" or "percent".
	Format string
	// Height is how many pixels high the chart is drawn.
	Height int
	// Option is the ECharts option as JSON, safe inside a <script
	// type="application/json"> element.
	Option template.JS
	// Table is the chart's figures as a table; its caption is the
	// chart's title.
	Table Table
	// HTML is the whole figure as the default templates show it: the
	// caption, the element the script draws in, the option and the table.
	HTML template.HTML
}

// Date is a calendar day.
type Date struct {
	// Text is the day written out in the site's language; empty when the
	// content gives no date.
	Text string
	// ISO is the day as 2024-05-31, for <time datetime>; empty when the
	// content gives no date.
	ISO string
}

// Dates are when an activity took place: one day or a range of days.
type Dates struct {
	// Text is the day or the range, written out in the site's language;
	// empty when the activity has no date.
	Text string
	// Short is the same in the short form the tables use.
	Short string
	// Start is the first day as 2024-05-31; empty when there is no date.
	Start string
	// End is the last day as 2024-05-31; empty for an activity of one day.
	End string
}

// Home is the home page's view.
type Home struct {
	// Latest is the report of the latest year with activities (or the
	// latest year when none has any); nil when the site has no year.
	Latest *LatestYear
	// About is the site's about text as HTML; empty when it has none.
	About template.HTML
	// Years is the table of every year's totals; nil when the site has no
	// year.
	Years *Table
}

// LatestYear is the year the home page shows first.
type LatestYear struct {
	// Year is the year: 2024.
	Year int
	// Title is the heading of its report: "Annual report 2024".
	Title string
	// Motto is the year's motto; may be empty.
	Motto string
	// KeyFigures are the year's totals.
	KeyFigures []KeyFigure
	// Report links to the year's page, labelled as a call to read it.
	Report Link
}

// Year is the view of a year's page: its report, or its plan while it has
// no activities.
type Year struct {
	// Year is the year: 2024.
	Year int
	// Motto is the year's motto; may be empty.
	Motto string
	// Head links to the unit that heads the bloc this year; nil when none
	// is named.
	Head *Link
	// Deputies link to the deputy units, in the order written.
	Deputies []Link
	// Conference is the year's summary conference; nil when there is none.
	Conference *Conference
	// KeyFigures are the year's totals; empty when it has no activities.
	KeyFigures []KeyFigure
	// Summary is the year's summary as HTML; may be empty.
	Summary template.HTML
	// Activities is the table of the year's activities; nil when it has
	// none. A year with more activities than a report lists shows those
	// that collected the most, and AllActivities leads to the rest.
	Activities *Table
	// AllActivities leads to the year's own list of activities when
	// Activities shows only some of them; nil when it shows them all.
	AllActivities *Link
	// ByUnit is the table of what each unit did this year, with a caption;
	// nil when the year has no activities. On a site of more units than a
	// report lists, it shows those that gave the most money, and AllUnits
	// leads to the rest.
	ByUnit *Table
	// AllUnits leads to the year's own table by unit when ByUnit shows
	// only some units; nil when it shows them all.
	AllUnits *Link
	// Awards is the table of the year's awards; nil when there are none.
	Awards *Table
	// PlanTitle is the heading of the year's plan: "Plan for 2024".
	PlanTitle string
	// Plan is the year's plan as HTML; may be empty.
	Plan template.HTML
	// Next is the plan of the following year; nil when it has none.
	Next *NextPlan
}

// Conference is a year's summary conference.
type Conference struct {
	// Date is the day of the conference.
	Date Date
	// Place is where it is held; may be empty.
	Place string
}

// NextPlan is the following year's plan, shown at the end of a report.
type NextPlan struct {
	// Title is its heading: "Plan for 2025".
	Title string
	// Plan is the plan as HTML.
	Plan template.HTML
	// Link leads to the following year's page.
	Link Link
}

// Units is the view of the list of units.
type Units struct {
	// Table lists every unit in the alphabetical order of the site's
	// language, with its totals; on a page of a year's own table by unit,
	// the page's part of it.
	Table Table
	// Pager leads through the pages of a year's own table by unit; nil
	// on a list of one page.
	Pager *Pager
}

// Unit is the view of a unit's page.
type Unit struct {
	// Name is the unit's full name.
	Name string
	// Kind is what sort of unit it is; may be empty.
	Kind string
	// Head is who heads the unit; may be empty.
	Head string
	// Website is the unit's website; may be empty.
	Website string
	// Roles are the unit's roles in the bloc, one per year in which it
	// had any, ascending.
	Roles []Role
	// Description is the unit's description as HTML; may be empty.
	Description template.HTML
	// KeyFigures are the unit's totals over every year.
	KeyFigures []KeyFigure
	// Years are the unit's figures for every year with activities,
	// ascending.
	Years []UnitYear
	// Placings are the unit's places in tournaments.
	Placings []Placing
}

// Role is a unit's place in the bloc in one year.
type Role struct {
	// Year is the year: 2024.
	Year int
	// Head is whether the unit headed the bloc that year.
	Head bool
	// Deputy is whether it was a deputy that year.
	Deputy bool
	// Awards are the year's awards naming the unit.
	Awards []Award
}

// Award is an award naming a unit.
type Award struct {
	// Title is the award's title.
	Title string
	// Status is where the award stands, in the site's language:
	// "Proposed", "Granted".
	Status string
}

// UnitYear is what a unit did in one year.
type UnitYear struct {
	// Year is the year: 2024.
	Year int
	// Summary is a sentence of what the unit did that year: how many
	// activities it took part in and its peak participation, or that it
	// took part in none.
	Summary string
	// Contributions is the table of what the unit gave to each activity
	// that year; nil when it took part in none.
	Contributions *Table
}

// Placing is a unit's place in one event of a tournament.
type Placing struct {
	// Text says the place and the event: "Place 1, men's doubles".
	Text string
	// Activity links to the tournament's page.
	Activity Link
}

// Activities is the view of the list of activities.
type Activities struct {
	// Years are the years with activities, ascending, each with its
	// table of activities; on the page of one year's own list, that year
	// alone, with the page's part of its table.
	Years []ActivityYear
	// Pager leads through the pages of a year's own list; nil on a list
	// of one page.
	Pager *Pager
}

// ActivityYear is one year of the list of activities.
type ActivityYear struct {
	// Year is the year: 2024.
	Year int
	// Href is the address of the year's report.
	Href string
	// Table is the table of the year's activities; nil where the list of
	// a large site only leads to each year's own list (List).
	Table *Table
	// List leads to the year's own list of activities, on a site with
	// too many for one page; nil when Table is here.
	List *Link
}

// Pager leads through the pages of a list too long for one page.
type Pager struct {
	// Label names the pager for screen readers: "Pages".
	Label string
	// Pages are the list's pages in order, the one shown marked Current;
	// each Label is the page's number.
	Pages []MenuLink
	// Prev leads to the page before; nil on the first.
	Prev *Link
	// Next leads to the page after; nil on the last.
	Next *Link
}

// Activity is the view of an activity's page.
type Activity struct {
	// Title is the activity's title.
	Title string
	// Summary is the activity's one-line summary; may be empty.
	Summary string
	// When is when the activity took place.
	When Dates
	// Category is the activity's category, in the site's language.
	Category string
	// Organisers link to the units that organised the activity.
	Organisers []Link
	// KeyFigures are the activity's totals.
	KeyFigures []KeyFigure
	// Narrative is the activity's story as HTML; may be empty.
	Narrative template.HTML
	// Contributions is the table of what each unit gave; nil when none
	// did.
	Contributions *Table
	// Recipients is the table of what each recipient received; nil when
	// there are none.
	Recipients *Table
	// Results is the table of a tournament's results, each event's name
	// spanning its placings; nil when there are none.
	Results *Table
	// Photos are the activity's photos, in the order written.
	Photos []Photo
}
