package render

import (
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/figures"
	"reportsite/generator/view"
	"reportsite/templates"
)

// exampleFigures are the figures of the example site.
func exampleFigures(t *testing.T) *figures.Figures {
	t.Helper()
	var diags diag.List
	c := content.Load("../../content", &diags)
	if c == nil {
		t.Fatal("the example does not load")
	}
	return figures.Compute(c)
}

// declaredTable is a declared table whatever its types, written for
// each of the example's figures it is shown for.
type declaredTable struct {
	name  string
	foot  bool
	views []view.Table
}

func tableViews[R, T any](r *Renderer, t *Table[R, T], figures []T) declaredTable {
	d := declaredTable{name: t.Name, foot: t.Foot}
	for _, f := range figures {
		d.views = append(d.views, t.View(r, "../", f))
	}
	return d
}

func declaredTables(r *Renderer, f *figures.Figures) []declaredTable {
	var unitYears []*figures.UnitYear
	for _, u := range f.Units {
		unitYears = append(unitYears, u.Years...)
	}
	yearActivities := [][]*figures.ActivityFigures{f.Activities}
	for _, y := range f.Years {
		yearActivities = append(yearActivities, y.Activities)
	}
	return []declaredTable{
		tableViews(r, ActivityContributions, f.Activities),
		tableViews(r, UnitContributions, unitYears),
		tableViews(r, YearUnits, f.Years),
		tableViews(r, Activities, yearActivities),
		tableViews(r, Years, []*figures.Figures{f}),
		tableViews(r, Recipients, f.Activities),
		tableViews(r, Units, [][]*figures.UnitFigures{f.Units}),
		tableViews(r, Results, f.Activities),
		tableViews(r, Awards, f.Years),
	}
}

// cellPattern finds the cells of a row; spanPattern the rows a cell spans.
var (
	cellPattern = regexp.MustCompile(`<t[hd][ >]`)
	spanPattern = regexp.MustCompile(`rowspan="([0-9]+)"`)
)

// rowCells returns how many cells each row of html has, counting in a row
// the cells of rows above that span it.
func rowCells(html string) []int {
	var counts []int
	var spans []int // how many more rows each spanning cell covers
	for _, row := range strings.Split(html, "<tr>")[1:] {
		n := len(cellPattern.FindAllString(row, -1))
		var left []int
		for _, s := range spans {
			n++
			if s > 1 {
				left = append(left, s-1)
			}
		}
		for _, m := range spanPattern.FindAllStringSubmatch(row, -1) {
			if rows, _ := strconv.Atoi(m[1]); rows > 1 {
				left = append(left, rows-1)
			}
		}
		spans = left
		counts = append(counts, n)
	}
	return counts
}

// TestDeclaredTablesHaveAsManyCellsInEachRow checks, for each declared
// table and each of the example's figures it is shown for, that the head,
// every row and the foot have the same number of cells, and that every
// declared table is checked.
func TestDeclaredTablesHaveAsManyCellsInEachRow(t *testing.T) {
	r, err := New("", "vi")
	if err != nil {
		t.Fatal(err)
	}
	tested := map[string]bool{}
	for _, d := range declaredTables(r, exampleFigures(t)) {
		tested[d.name] = true
		var rows int
		for _, v := range d.views {
			want := rowCells(string(v.Head))
			if len(want) != 1 || want[0] == 0 {
				t.Fatalf("%s: head %q is not one row of cells", d.name, v.Head)
			}
			counts := rowCells(string(v.Body))
			rows += len(counts)
			if d.foot {
				footCells := rowCells(string(v.Foot))
				if len(footCells) != 1 {
					t.Fatalf("%s: foot %q is not one row", d.name, v.Foot)
				}
				counts = append(counts, footCells...)
			} else if v.Foot != "" {
				t.Errorf("%s: a foot %q for a table without one", d.name, v.Foot)
			}
			for i, n := range counts {
				if n != want[0] {
					t.Errorf("%s: row %d has %d cells, the head %d", d.name, i+1, n, want[0])
				}
			}
		}
		if rows == 0 {
			t.Errorf("%s: the example shows no rows of it; the test checks nothing", d.name)
		}
	}
	for _, name := range declaredTableNames(t) {
		if !tested[name] {
			t.Errorf("the table %s is not in declaredTables, so its cells are not checked", name)
		}
	}
}

// declaredTableNames returns the Name of every Table declared in
// tables.go, read from its source.
func declaredTableNames(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("tables.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^var [A-Za-z]+ = &Table\[[^{]*\{\n\tName: +"([a-z-]+)"`).FindAllStringSubmatch(string(src), -1) {
		names = append(names, m[1])
	}
	if len(names) < 9 {
		t.Fatalf("found %d declared tables in tables.go: %q", len(names), names)
	}
	return names
}

// TestContributionsFilesHaveOneSetOfColumns checks that both tables of
// contributions give the data file the same columns, as every
// contributions file (a year's, a unit's, an activity's) has.
func TestContributionsFilesHaveOneSetOfColumns(t *testing.T) {
	kinds := []string{"books", "gift-boxes"}
	a, u := ActivityContributions.DataColumns(kinds), UnitContributions.DataColumns(kinds)
	if !slices.Equal(a, u) {
		t.Errorf("an activity's contributions have the columns %q, a unit's %q", a, u)
	}
}

// TestDefaultTemplatesWriteNoTableCells fails when a default template
// writes a table's heading or cell by hand: every table comes from its
// declaration, as a view.Table, so that an override that moves a column
// cannot leave the head and the rows out of step.
func TestDefaultTemplatesWriteNoTableCells(t *testing.T) {
	err := fs.WalkDir(templates.FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".html") {
			return err
		}
		src, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			return err
		}
		if cellPattern.Match(src) {
			t.Errorf("%s writes a <th> or <td> by hand; a table's cells come from its declaration in tables.go", name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
