package search

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/figures"
	"reportsite/generator/fixture"
)

// texts stand in for the renderer's: Markdown as it is, categories and
// year titles in a form a test can recognise.
var texts = Texts{
	PlainText: func(t content.Text) string { return strings.ReplaceAll(t.Value, "**", "") },
	Category:  func(c string) string { return "category " + c },
	YearTitle: func(y *figures.YearFigures) string { return "Report " + strconv.Itoa(y.Year) },
}

// exampleFigures loads the example site.
func exampleFigures(t *testing.T) *figures.Figures {
	t.Helper()
	var diags diag.List
	c := content.Load("../../content", &diags)
	if diags.HasErrors() {
		t.Fatalf("the example has errors: %v", diags.Items())
	}
	return figures.Compute(c)
}

func TestPartsAreUnitsYearsThenActivitiesNewestFirst(t *testing.T) {
	dir := t.TempDir()
	if err := fixture.Write(dir, fixture.Config{Units: 6, Activities: 12, Years: 3, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	f := figures.Compute(content.Load(dir, &diags))
	var names []string
	for _, p := range Parts(f) {
		names = append(names, p.Name)
		if p.Path() != "assets/search/"+p.Name+".js" {
			t.Errorf("part %s is written at %s", p.Name, p.Path())
		}
	}
	want := "units years activities-2024 activities-2023 activities-2022"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("parts %q, want %q", got, want)
	}
	// Every activity is in the part of its year, once.
	seen := map[string]int{}
	for _, p := range Parts(f) {
		for _, d := range Docs(f, p, texts) {
			seen[d.Path]++
			if p.Kind == Activity {
				a := f.Activity(strings.TrimSuffix(strings.TrimPrefix(d.Path, "activities/"), "/index.html"))
				if a == nil || a.Year != p.Year {
					t.Errorf("%s is in the part of %d", d.Path, p.Year)
				}
			}
		}
	}
	if len(seen) != len(f.Units)+len(f.Years)+len(f.Activities) {
		t.Errorf("%d documents for %d units, %d years and %d activities", len(seen), len(f.Units), len(f.Years), len(f.Activities))
	}
	for path, n := range seen {
		if n != 1 {
			t.Errorf("%s is in the index %d times", path, n)
		}
	}
}

func TestDocsHoldTheFieldsReadersSearch(t *testing.T) {
	f := exampleFigures(t)
	docs := map[string]Doc{}
	for _, p := range Parts(f) {
		for _, d := range Docs(f, p, texts) {
			docs[d.Path] = d
		}
	}
	unit := docs["units/agricultural-extension-centre/index.html"]
	if unit.Title != "Agricultural Extension Centre" || !strings.Contains(unit.Short, "Nguyễn Văn An") || !strings.Contains(unit.Short, "Agri Extension") || unit.Text == "" {
		t.Errorf("the unit's document lacks its name, short name, head or description: %+v", unit)
	}
	a := docs["activities/donating-bookshelves-2023/index.html"]
	for _, want := range []string{"category donation"} {
		if !strings.Contains(a.Short, want) {
			t.Errorf("the activity's short texts %q lack %q", a.Short, want)
		}
	}
	act := f.Activity("donating-bookshelves-2023")
	for _, u := range act.Organisers {
		if !strings.Contains(a.Short, u.Name.Value) {
			t.Errorf("the activity's short texts lack its organiser %q", u.Name.Value)
		}
	}
	for _, r := range act.Recipients {
		if !strings.Contains(a.Short, r.Name) {
			t.Errorf("the activity's short texts lack its recipient %q", r.Name)
		}
	}
	if !strings.Contains(a.Text, act.Activity.Summary.Value) || len(a.Text) <= len(act.Activity.Summary.Value) {
		t.Errorf("the activity's text lacks its summary or its narrative: %q", a.Text)
	}
	y := docs["2023/index.html"]
	if y.Title != "Report 2023" || y.Short == "" || y.Text == "" {
		t.Errorf("the year's document lacks its title, motto or summary: %+v", y)
	}
}

// TestScriptIsOneCallWithTheDocuments: the part's file is a script that
// hands its name and documents, as JSON, to window.reportsiteSearch.add,
// and no text of the content can end it early.
func TestScriptIsOneCallWithTheDocuments(t *testing.T) {
	docs := []Doc{
		{Path: "units/a/index.html", Title: "Tủ sách </script><b>", Short: "Nguyễn · x", Text: "line\u2028sep \"quoted\""},
		{Path: "units/b/index.html", Title: "B"},
	}
	script := string(AppendScript(nil, Part{Name: "units", Kind: Unit}, docs))
	const prefix, suffix = `window.reportsiteSearch.add("units",`, ");\n"
	if !strings.HasPrefix(script, prefix) || !strings.HasSuffix(script, suffix) {
		t.Fatalf("the script is not one call: %q", script)
	}
	for _, bad := range []string{"</script", "<b>", "\u2028"} {
		if strings.Contains(script, bad) {
			t.Errorf("the script holds %q as it is", bad)
		}
	}
	var got [][]string
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(script, prefix), suffix)), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0][0] != docs[0].Path || got[0][1] != docs[0].Title || got[0][2] != docs[0].Short || got[0][3] != docs[0].Text || got[1][1] != "B" {
		t.Errorf("the documents read back as %q", got)
	}
}

func TestASiteWithoutContentHasNoParts(t *testing.T) {
	if parts := Parts(&figures.Figures{}); len(parts) != 0 {
		t.Errorf("parts of nothing: %v", parts)
	}
}
