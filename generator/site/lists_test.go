package site

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"reportsite/generator/fixture"
)

// maxPageBytes is the most an HTML page may weigh, whatever the size of
// the site (data files are exempt).
const maxPageBytes = 500_000

// TestNoPageOfALargeSiteIsOver500KB builds a Vietnamese site of 200 units
// and 2,000 activities in one year, the worst case for the year's pages, and
// checks every HTML page against the limit, and that its lists are split
// as docs/templates.md says: the year report shows the 20 units that
// gave the most and leads to the year's table of all 200, and the 20
// activities that collected the most and leads to the year's own list,
// which has
// four pages of 500, each leading to the others; the list of activities
// only leads to the year's list. Every link of the site reaches a page.
func TestNoPageOfALargeSiteIsOver500KB(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	if err := fixture.Write(content, fixture.Config{Units: 200, Activities: 2_000, Years: 1, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	out := buildDir(t, Options{Content: content})
	var pages int
	err := filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		pages++
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() > maxPageBytes {
			rel, _ := filepath.Rel(out, path)
			t.Errorf("%s is %d bytes, over the limit of %d", filepath.ToSlash(rel), info.Size(), maxPageBytes)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 2_000 {
		t.Fatalf("only %d HTML pages were written", pages)
	}

	read := func(name string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	// The rows of the table of activities, after the charts' tables.
	rows := regexp.MustCompile(`(?s)(?:<section aria-labelledby="activities">|<section aria-labelledby="year-2024">).*?<tbody>(.*?)</tbody>`)
	countRows := func(page string) int {
		m := rows.FindStringSubmatch(page)
		if m == nil {
			return 0
		}
		return strings.Count(m[1], "<tr>")
	}
	year := read("2024/index.html")
	if n := countRows(year); n != yearReportTop {
		t.Errorf("2024/index.html lists %d activities first, want the %d that collected the most", n, yearReportTop)
	}
	if !strings.Contains(year, `<caption>20 hoạt động có số tiền ủng hộ lớn nhất, trong tổng số 2.000 hoạt động của năm</caption>`) {
		t.Errorf("2024/index.html does not say its table shows only some activities")
	}
	if !strings.Contains(year, `<a href="../2024/activities/index.html">Tất cả 2.000 hoạt động năm 2024</a>`) {
		t.Errorf("2024/index.html does not lead to the year's own list")
	}
	byUnit := regexp.MustCompile(`(?s)<section aria-labelledby="by-unit">.*?<tbody>(.*?)</tbody>`)
	if m := byUnit.FindStringSubmatch(year); m == nil || strings.Count(m[1], "<tr>") != yearReportTop {
		t.Errorf("2024/index.html does not show the %d units that gave the most", yearReportTop)
	}
	if !strings.Contains(year, `<a href="../2024/units/index.html">Tất cả 200 đơn vị năm 2024</a>`) {
		t.Errorf("2024/index.html does not lead to the year's own table by unit")
	}
	units := read("2024/units/index.html")
	if n := strings.Count(units, "<tr>") - 1; n != 200 {
		t.Errorf("2024/units/index.html has %d rows of units, want 200", n)
	}
	if strings.Contains(units, `class="pager"`) {
		t.Errorf("2024/units/index.html, a list of one page, has a pager")
	}
	list := read("activities/index.html")
	if strings.Contains(list, "<tbody>") {
		t.Errorf("activities/index.html still holds a table")
	}
	if !strings.Contains(list, `<a href="../2024/activities/index.html">Tất cả 2.000 hoạt động năm 2024</a>`) {
		t.Errorf("activities/index.html does not lead to the year's own list")
	}
	for n := 1; n <= 4; n++ {
		name := "2024/activities/index.html"
		if n > 1 {
			name = fmt.Sprintf("2024/activities/%d/index.html", n)
		}
		page := read(name)
		if got := countRows(page); got != listPageActivities {
			t.Errorf("%s lists %d activities, want %d", name, got, listPageActivities)
		}
		if want := fmt.Sprintf(`<title>Các hoạt động năm 2024, trang %d/4 · `, n); !strings.Contains(page, want) {
			t.Errorf("%s has no title %q", name, want)
		}
		if want := fmt.Sprintf(`<span aria-current="page">%d</span>`, n); !strings.Contains(page, want) {
			t.Errorf("%s does not mark itself in its pager (%s)", name, want)
		}
		if got := strings.Contains(page, `rel="prev"`); got != (n > 1) {
			t.Errorf("%s: a link to the page before is there: %v", name, got)
		}
		if got := strings.Contains(page, `rel="next"`); got != (n < 4) {
			t.Errorf("%s: a link to the page after is there: %v", name, got)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "2024", "activities", "5")); err == nil {
		t.Errorf("2024/activities/5/ was written for a list of 2,000")
	}
	problems, err := checkLinks(os.DirFS(out), "https://reports.example.org/khoi-thi-dua/")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
