package render

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/figures"
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

// declaredTable is a Table whatever its types, with the figures of the
// example it is shown for.
type declaredTable struct {
	name    string
	table   pageTable
	foot    bool
	figures []any
}

func declaredTables(f *figures.Figures) []declaredTable {
	var activities, years, units []any
	for _, a := range f.Activities {
		activities = append(activities, a)
	}
	for _, y := range f.Years {
		years = append(years, y)
	}
	for _, u := range f.Units {
		for _, uy := range u.Years {
			units = append(units, uy)
		}
	}
	var yearActivities []any
	for _, y := range f.Years {
		yearActivities = append(yearActivities, y.Activities)
	}
	return []declaredTable{
		{ActivityContributions.Name, ActivityContributions, ActivityContributions.Foot, activities},
		{UnitContributions.Name, UnitContributions, UnitContributions.Foot, units},
		{YearUnits.Name, YearUnits, YearUnits.Foot, years},
		{Activities.Name, Activities, Activities.Foot, append(yearActivities, f.Activities)},
		{Years.Name, Years, Years.Foot, []any{f}},
		{Recipients.Name, Recipients, Recipients.Foot, activities},
		{Units.Name, Units, Units.Foot, []any{f.Units}},
	}
}

// cellPattern finds the cells of a row.
var cellPattern = regexp.MustCompile(`<t[hd][ >]`)

// rowCells returns how many cells each row of html has.
func rowCells(html string) []int {
	var counts []int
	for _, row := range strings.Split(html, "<tr>")[1:] {
		counts = append(counts, len(cellPattern.FindAllString(row, -1)))
	}
	return counts
}

// TestDeclaredTablesHaveAsManyCellsInEachRow checks, for each declared
// table and each of the example's figures it is shown for, that the head,
// every row and the foot have the same number of cells, and that the
// table is in the list templates call tables from.
func TestDeclaredTablesHaveAsManyCellsInEachRow(t *testing.T) {
	r, err := New("", "vi")
	if err != nil {
		t.Fatal(err)
	}
	f := exampleFigures(t)
	for _, d := range declaredTables(f) {
		if pageTables[d.name] != d.table {
			t.Errorf("table %q is not in pageTables", d.name)
		}
		var rows int
		for _, v := range d.figures {
			head, err := d.table.head(r, v)
			if err != nil {
				t.Fatal(err)
			}
			body, err := d.table.rows(r, "../", v)
			if err != nil {
				t.Fatal(err)
			}
			foot, err := d.table.foot(r, v)
			if err != nil {
				t.Fatal(err)
			}
			want := rowCells(string(head))
			if len(want) != 1 || want[0] == 0 {
				t.Fatalf("%s: head %q is not one row of cells", d.name, head)
			}
			counts := rowCells(string(body))
			rows += len(counts)
			if d.foot {
				footCells := rowCells(string(foot))
				if len(footCells) != 1 {
					t.Fatalf("%s: foot %q is not one row", d.name, foot)
				}
				counts = append(counts, footCells...)
			} else if foot != "" {
				t.Errorf("%s: a foot %q for a table without one", d.name, foot)
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
	if len(declaredTables(f)) != len(pageTables) {
		t.Errorf("%d declared tables tested, %d in pageTables", len(declaredTables(f)), len(pageTables))
	}
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

// TestDefaultTemplatesDoNotHeadDeclaredTables fails when a default
// template writes by hand a <th scope="col"> heading of a declared table's
// column, or calls a declared table's old row helper, instead of calling
// tableHead and tableRows: a hand-written head falls out of step with the
// declaration's cells.
func TestDefaultTemplatesDoNotHeadDeclaredTables(t *testing.T) {
	calls := []string{"tableHead", "tableRows", "tableFoot", "activityRows", "unitYearRows", "unitContributionRows", "activityContributionRows", "recipientRows"}
	declared := func(table string, calls []string) bool {
		return slices.ContainsFunc(calls, func(c string) bool { return strings.Contains(table, "{{"+c+" ") })
	}
	err := fs.WalkDir(templates.FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".html") {
			return err
		}
		src, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			return err
		}
		for _, table := range strings.Split(string(src), "<table")[1:] {
			table, _, _ = strings.Cut(table, "</table>")
			if declared(table, calls) && strings.Contains(table, "<th") {
				t.Errorf("%s: a declared table has a <th> written by hand; call tableHead and tableFoot:\n%s", name, table)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
