package address

import (
	"strconv"
	"testing"
)

func TestPagePaths(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"home", Home(""), "index.html"},
		{"year", Year("", 2023), "2023/index.html"},
		{"units", Units(""), "units/index.html"},
		{"unit", Unit("", "tt-khuyen-nong"), "units/tt-khuyen-nong/index.html"},
		{"activities", Activities(""), "activities/index.html"},
		{"activity", Activity("", "trao-sach-2023"), "activities/trao-sach-2023/index.html"},
		{"not found", NotFound, "404.html"},
		{"folder home", Folder("", ""), "index.html"},
		{"folder unit", Folder("", "units/x"), "units/x/index.html"},
		{"folder units", Folder("", "units"), "units/index.html"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestDataPaths(t *testing.T) {
	tests := []struct {
		data            Data
		name, csv, json string
	}{
		{YearsData(), "years", "data/years.csv", "data/years.json"},
		{YearUnitsData(2023), "2023/units", "data/2023/units.csv", "data/2023/units.json"},
		{YearActivitiesData(2023), "2023/activities", "data/2023/activities.csv", "data/2023/activities.json"},
		{YearContributionsData(2024), "2024/contributions", "data/2024/contributions.csv", "data/2024/contributions.json"},
		{UnitData("x"), "units/x", "data/units/x.csv", "data/units/x.json"},
		{ActivityData("y"), "activities/y", "data/activities/y.csv", "data/activities/y.json"},
	}
	for _, tt := range tests {
		if got := tt.data.Name(); got != tt.name {
			t.Errorf("Name() = %q, want %q", got, tt.name)
		}
		if got := tt.data.CSV(""); got != tt.csv {
			t.Errorf("%s: CSV(\"\") = %q, want %q", tt.name, got, tt.csv)
		}
		if got := tt.data.JSON(""); got != tt.json {
			t.Errorf("%s: JSON(\"\") = %q, want %q", tt.name, got, tt.json)
		}
		if got, want := tt.data.CSV("../../"), "../../"+tt.csv; got != want {
			t.Errorf("%s: CSV(\"../../\") = %q, want %q", tt.name, got, want)
		}
		if got, want := tt.data.JSON("../"), "../"+tt.json; got != want {
			t.Errorf("%s: JSON(\"../\") = %q, want %q", tt.name, got, want)
		}
	}
}

func TestRoot(t *testing.T) {
	tests := map[string]string{
		Home(""):                    "",
		NotFound:                    "",
		Year("", 2023):              "../",
		Units(""):                   "../",
		Activities(""):              "../",
		Unit("", "x"):               "../../",
		Activity("", "y"):           "../../",
		YearUnitsData(2023).CSV(""): "../../",
		UnitData("x").JSON(""):      "../../",
		YearsData().CSV(""):         "../",
	}
	for name, want := range tests {
		if got := Root(name); got != want {
			t.Errorf("Root(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestLinks checks links between pages at each depth, both ways, as the
// pages write them: the root of the page they are on followed by the path
// of the page they lead to.
func TestLinks(t *testing.T) {
	tests := []struct {
		from, to, want string
	}{
		{Home(""), Home(""), "index.html"},
		{Home(""), Year("", 2023), "2023/index.html"},
		{Home(""), Unit("", "x"), "units/x/index.html"},
		{Home(""), YearsData().CSV(""), "data/years.csv"},
		{Year("", 2023), Home(""), "../index.html"},
		{Year("", 2023), Unit("", "x"), "../units/x/index.html"},
		{Year("", 2023), Activity("", "y"), "../activities/y/index.html"},
		{Year("", 2023), YearContributionsData(2023).JSON(""), "../data/2023/contributions.json"},
		{Units(""), Unit("", "x"), "../units/x/index.html"},
		{Unit("", "x"), Home(""), "../../index.html"},
		{Unit("", "x"), Units(""), "../../units/index.html"},
		{Unit("", "x"), Activity("", "y"), "../../activities/y/index.html"},
		{Unit("", "x"), Year("", 2024), "../../2024/index.html"},
		{Unit("", "x"), UnitData("x").CSV(""), "../../data/units/x.csv"},
		{Activity("", "y"), Activities(""), "../../activities/index.html"},
		{Activity("", "y"), Unit("", "x"), "../../units/x/index.html"},
		{NotFound, Home(""), "index.html"},
	}
	for _, tt := range tests {
		if got := Link(tt.from, tt.to); got != tt.want {
			t.Errorf("Link(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestRootFirst checks that every function of a page or data file puts its
// root argument in front of the path it gives with root "", whatever the
// root: relative, or a site's address for the 404 page.
func TestRootFirst(t *testing.T) {
	for _, root := range []string{"", "../", "../../", "https://example.org/report/", "/"} {
		pairs := [][2]string{
			{Home(root), Home("")},
			{Year(root, 2023), Year("", 2023)},
			{Units(root), Units("")},
			{Unit(root, "x"), Unit("", "x")},
			{Activities(root), Activities("")},
			{Activity(root, "y"), Activity("", "y")},
			{Folder(root, "units/x"), Folder("", "units/x")},
			{YearsData().CSV(root), YearsData().CSV("")},
			{UnitData("x").JSON(root), UnitData("x").JSON("")},
		}
		for _, p := range pairs {
			if p[0] != root+p[1] {
				t.Errorf("root %q: got %q, want %q", root, p[0], root+p[1])
			}
		}
	}
}

func TestYearOfEveryWidth(t *testing.T) {
	for _, y := range []int{0, 7, 99, 100, 2023, 10000, -1} {
		if got, want := Year("../", y), "../"+strconv.Itoa(y)+"/index.html"; got != want {
			t.Errorf("Year(%d) = %q, want %q", y, got, want)
		}
	}
}

func TestAppendMatchesString(t *testing.T) {
	verbatim := func(b []byte, s string) []byte { return append(b, s...) }
	for _, id := range []string{"x", "tt-khuyen-nong", "a-very-long-identifier-of-sixty-four-bytes-which-ids-may-be-1234"} {
		if got, want := string(AppendUnit([]byte("../"), id, verbatim)), Unit("../", id); got != want {
			t.Errorf("AppendUnit(%q) = %q, want %q", id, got, want)
		}
		if got, want := string(AppendActivity(nil, id, verbatim)), Activity("", id); got != want {
			t.Errorf("AppendActivity(%q) = %q, want %q", id, got, want)
		}
	}
	// Only the ID goes through escape.
	mark := func(b []byte, s string) []byte { return append(append(append(b, '<'), s...), '>') }
	if got, want := string(AppendUnit(nil, "x", mark)), "units/<x>/index.html"; got != want {
		t.Errorf("AppendUnit escaped %q, want %q", got, want)
	}
}

func TestIsFolderPage(t *testing.T) {
	for name, want := range map[string]bool{
		Home(""):            true,
		Year("", 2023):      true,
		Units(""):           true,
		Unit("", "x"):       true,
		Activity("", "y"):   true,
		NotFound:            false,
		YearsData().CSV(""): false,
		"assets/style.css":  false,
		"units/xindex.html": false,
	} {
		if got := IsFolderPage(name); got != want {
			t.Errorf("IsFolderPage(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestPublic(t *testing.T) {
	const site = "https://example.org/report/"
	tests := map[string]string{
		Home(""):          site,
		Year("", 2023):    site + "2023/",
		Units(""):         site + "units/",
		Unit("", "x"):     site + "units/x/",
		Activity("", "y"): site + "activities/y/",
	}
	for name, want := range tests {
		if got := Public(site, name); got != want {
			t.Errorf("Public(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestPhotoCopy(t *testing.T) {
	for _, c := range []struct {
		name  string
		width int
		want  string
	}{
		{"media/team.jpg", 480, "media/team-480.jpg"},
		{"media/2023/hội nghị.JPEG", 960, "media/2023/hội nghị-960.JPEG"},
		{"media/v1.2/plan.png", 480, "media/v1.2/plan-480.png"},
		{"media/v1.2/README", 480, "media/v1.2/README-480"},
	} {
		if got := PhotoCopy(c.name, c.width); got != c.want {
			t.Errorf("PhotoCopy(%q, %d) = %q, want %q", c.name, c.width, got, c.want)
		}
	}
}
