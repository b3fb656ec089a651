package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"reportsite/generator/output"
	"reportsite/generator/render"
)

// csvTable is a parsed CSV download: its header and its rows.
type csvTable struct {
	header []string
	rows   [][]string
}

const utf8BOMBytes = "\xef\xbb\xbf"

// readCSV parses the CSV file name of the site, which must start with the
// UTF-8 byte order mark so that spreadsheet programs read Vietnamese names
// right.
func readCSV(t *testing.T, s *output.Site, name string) csvTable {
	t.Helper()
	data := []byte(file(t, s, name))
	if !bytes.HasPrefix(data, []byte(utf8BOMBytes)) {
		t.Errorf("%s does not start with the UTF-8 byte order mark", name)
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte(utf8BOMBytes)))).ReadAll()
	if err != nil {
		t.Fatalf("%s does not parse as CSV: %v", name, err)
	}
	if len(records) == 0 {
		t.Fatalf("%s has no header row", name)
	}
	return csvTable{header: records[0], rows: records[1:]}
}

// sum adds up the whole numbers of a column; an empty cell counts as 0.
func (c csvTable) sum(t *testing.T, column string) int64 {
	t.Helper()
	i := slices.Index(c.header, column)
	if i < 0 {
		t.Fatalf("no column %q among %v", column, c.header)
	}
	var total int64
	for _, row := range c.rows {
		if row[i] == "" {
			continue
		}
		n, err := strconv.ParseInt(row[i], 10, 64)
		if err != nil {
			t.Fatalf("column %s: %q is not a whole number", column, row[i])
		}
		total += n
	}
	return total
}

func TestEveryDataDownloadParsesAsCSVAndJSONWithTheSameRows(t *testing.T) {
	s := renderDir(t, Options{Content: exampleContent(t, "vi")})
	var csvs int
	for _, name := range s.Names() {
		if !strings.HasPrefix(name, "data/") || !strings.HasSuffix(name, ".csv") {
			continue
		}
		csvs++
		table := readCSV(t, s, name)
		jsonName := strings.TrimSuffix(name, ".csv") + ".json"
		var objects []map[string]any
		if err := json.Unmarshal([]byte(file(t, s, jsonName)), &objects); err != nil {
			t.Errorf("%s does not parse as a JSON array of objects: %v", jsonName, err)
			continue
		}
		if len(objects) != len(table.rows) {
			t.Errorf("%s has %d rows, %s %d", name, len(table.rows), jsonName, len(objects))
			continue
		}
		for i, obj := range objects {
			for j, col := range table.header {
				v, ok := obj[col]
				if !ok {
					t.Errorf("%s row %d has no %q", jsonName, i+1, col)
					continue
				}
				if got, want := jsonCell(v), table.rows[i][j]; got != want && !sameNumber(got, want) {
					t.Errorf("%s row %d column %s: JSON %q, CSV %q", jsonName, i+1, col, got, want)
				}
			}
		}
	}
	if csvs < 3 {
		t.Errorf("the example has only %d CSV downloads", csvs)
	}
}

// jsonCell writes a decoded JSON value as the CSV writes it.
func jsonCell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return "?"
}

// sameNumber reports whether two cells are the same number written with
// different decimals ("0.3" and "0.3000").
func sameNumber(a, b string) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && (x-y < 1e-4 && y-x < 1e-4)
}

// activityFile is what this test reads of an activity on its own, without
// the content package, so that the downloads are checked against the
// content and not against the code that wrote them.
type activityFile struct {
	Year          int `yaml:"year"`
	Contributions []struct {
		Unit  string           `yaml:"unit"`
		Money int64            `yaml:"money"`
		Items map[string]int64 `yaml:"items"`
	} `yaml:"contributions"`
}

func TestDataDownloadsAddUpToTheContent(t *testing.T) {
	dir := exampleContent(t, "en")
	s := renderDir(t, Options{Content: dir})

	var money2023, books2023, moneyAll int64
	for _, id := range contentIDs(t, dir, "activities") {
		var a activityFile
		readYAML(t, filepath.Join(dir, "activities", id+".yaml"), &a)
		var money, books int64
		for _, c := range a.Contributions {
			money += c.Money
			books += c.Items["books"]
		}
		moneyAll += money
		if a.Year == 2023 {
			money2023 += money
			books2023 += books
		}
		t.Run(id, func(t *testing.T) {
			table := readCSV(t, s, "data/activities/"+id+".csv")
			if got := table.sum(t, "money_vnd"); got != money {
				t.Errorf("money_vnd adds up to %d, want %d", got, money)
			}
			if len(table.rows) != len(a.Contributions) {
				t.Errorf("%d rows, want one per contribution: %d", len(table.rows), len(a.Contributions))
			}
		})
	}

	bookshelves := readCSV(t, s, "data/activities/donating-bookshelves-2023.csv")
	if got := bookshelves.sum(t, "money_vnd"); got != 33_820_000 {
		t.Errorf("the bookshelf drive's money_vnd adds up to %d, want the published 33,820,000", got)
	}
	if got := bookshelves.sum(t, "items_books"); got != 641 {
		t.Errorf("the bookshelf drive's items_books adds up to %d, want the published 641", got)
	}

	for _, name := range []string{"data/2023/units.csv", "data/2023/contributions.csv"} {
		table := readCSV(t, s, name)
		if got := table.sum(t, "money_vnd"); got != money2023 {
			t.Errorf("%s: money_vnd adds up to %d, want %d, the sum of 2023's contributions", name, got, money2023)
		}
		if got := table.sum(t, "items_books"); got != books2023 {
			t.Errorf("%s: items_books adds up to %d, want %d", name, got, books2023)
		}
	}
	years := readCSV(t, s, "data/years.csv")
	if got := years.sum(t, "money_vnd"); got != moneyAll {
		t.Errorf("data/years.csv: money_vnd adds up to %d, want %d, the sum of every contribution", got, moneyAll)
	}
}

// fixedTable is a table of rows made beforehand.
func fixedTable(columns []string, rows [][]value) *table {
	return &table{columns: columns, rows: len(rows), fill: func(i int, row []value) { copy(row, rows[i]) }}
}

func TestCSVTextCellsCannotBecomeSpreadsheetFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"\"x\"\")",
		"+1":                "'+1",
		"-2":                "'-2",
		"@SUM(A1)":          "'@SUM(A1)",
		"Trung tâm":         "Trung tâm",
	} {
		tbl := fixedTable([]string{"a"}, [][]value{{render.Text(in)}})
		got := strings.TrimPrefix(string(tbl.appendCSV(nil)), utf8BOMBytes+"a\n")
		if strings.Contains(want, `""`) {
			want = `"` + want + `"`
		}
		if got != want+"\n" {
			t.Errorf("cell %q written as %q, want %q", in, got, want+"\n")
		}
	}
	tbl := fixedTable([]string{"a"}, [][]value{{render.Whole(-5)}})
	if got := string(tbl.appendCSV(nil)); got != utf8BOMBytes+"a\n-5\n" {
		t.Errorf("numbers are written as numbers: got %q", got)
	}
}

// TestCSVIsWhatEncodingCSVWrites checks the CSV writer against the standard
// library's on cells that need quotes, and that it reads back.
func TestCSVIsWhatEncodingCSVWrites(t *testing.T) {
	cells := []string{"", "plain", "Trung tâm", "a,b", `say "hi"`, "two\nlines", "cr\rhere", " leading space",
		"\u00a0no-break", "\\.", `\.x`, "trailing ", "tab\tinside", "\tlead", "đ,\"\n"}
	columns := []string{"name", "n", "rate", "none"}
	var rows [][]value
	var want bytes.Buffer
	want.WriteString(utf8BOMBytes)
	w := csv.NewWriter(&want)
	w.Write(columns)
	for i, c := range cells {
		rows = append(rows, []value{render.Text(c), render.Whole(int64(i) * -1_000_003), render.Ratio(float64(i) / 7), {}})
		w.Write([]string{defuse(c), strconv.FormatInt(int64(i)*-1_000_003, 10), strconv.FormatFloat(float64(i)/7, 'f', 4, 64), ""})
	}
	w.Flush()
	tbl := fixedTable(columns, rows)
	if got := tbl.appendCSV(nil); string(got) != want.String() {
		t.Errorf("CSV differs from encoding/csv:\n got %q\nwant %q", got, want.String())
	}
	if _, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(tbl.appendCSV(nil), []byte(utf8BOMBytes)))).ReadAll(); err != nil {
		t.Errorf("does not read back: %v", err)
	}
}

func TestDataJSONIsWhatEncodingJSONReadsBack(t *testing.T) {
	s := "Trung tâm \"Đông Hà\"\n<b>&</b>\t\x01\u2028 it’s 5€\u2029\\"
	tbl := fixedTable([]string{"a", "b", "c", "d", "e"}, [][]value{
		{render.Text(s), render.Whole(-33_820_000), render.Ratio(0.9474), {}, render.Text("")},
		{render.Text(""), render.Whole(0), render.Ratio(1), render.Text("x"), {}},
	})
	data := tbl.appendJSON(nil)
	var got []map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	want := []map[string]any{
		{"a": s, "b": float64(-33_820_000), "c": 0.9474, "d": nil, "e": ""},
		{"a": "", "b": float64(0), "c": float64(1), "d": "x", "e": nil},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back %#v, want %#v", got, want)
	}
	if bytes.ContainsAny(data, "<>&") {
		t.Errorf("unescaped <, > or &: %s", data)
	}
	empty := fixedTable([]string{"a"}, nil).appendJSON(nil)
	if err := json.Unmarshal(empty, &got); err != nil || len(got) != 0 {
		t.Errorf("an empty table is %q, which reads back as %v, %v", empty, got, err)
	}
}

// TestDataFilesHaveTheDeclaredColumns checks that every CSV file's
// columns are those of the table declared for it, with a column for each
// kind of item the file counts.
func TestDataFilesHaveTheDeclaredColumns(t *testing.T) {
	s := renderDir(t, Options{Content: exampleContent(t, "en")})
	declared := func(name string) (string, func(kinds []string) []string) {
		switch {
		case name == "data/years.csv":
			return render.Years.Name, render.Years.DataColumns
		case strings.HasPrefix(name, "data/units/"), strings.HasPrefix(name, "data/activities/"),
			strings.HasSuffix(name, "/contributions.csv"):
			return render.ActivityContributions.Name, render.ActivityContributions.DataColumns
		case strings.HasSuffix(name, "/units.csv"):
			return render.YearUnits.Name, render.YearUnits.DataColumns
		case strings.HasSuffix(name, "/activities.csv"):
			return render.Activities.Name, render.Activities.DataColumns
		}
		return "", nil
	}
	seen := map[string]bool{}
	for _, name := range s.Names() {
		if !strings.HasPrefix(name, "data/") || !strings.HasSuffix(name, ".csv") {
			continue
		}
		table, columns := declared(name)
		if columns == nil {
			t.Errorf("%s: no declared table for it", name)
			continue
		}
		header := readCSV(t, s, name).header
		var kinds []string
		for _, c := range header {
			if k, ok := strings.CutPrefix(c, "items_"); ok {
				kinds = append(kinds, k)
			}
		}
		if want := columns(kinds); !slices.Equal(header, want) {
			t.Errorf("%s has the columns\n%q\nits table declares\n%q", name, header, want)
		}
		seen[table] = true
	}
	if len(seen) != 4 {
		t.Errorf("the example's data files are of %d declared tables, want 4", len(seen))
	}
}
