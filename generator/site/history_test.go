package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"reportsite/generator/history"
	"reportsite/generator/history/gittest"
	"reportsite/generator/output"
)

// The tests below build sites from git repositories made for them, with
// commits on chosen days, and read the day each page shows.

// historyFiles is a content folder, under content/ in the repository,
// with every kind of page: unit a heads 2023 and gave to books; unit b
// gave to sport and placed in it; unit c ran, and its file changed last;
// sport has a .md narrative.
var historyFiles = map[string]string{
	"content/site.yaml":             "title: Test Bloc\nrepository: https://github.com/bloc/report\nbase_url: https://reports.example.org/bloc/\n",
	"content/years/2023.yaml":       "year: 2023\nhead: a\n",
	"content/units/a.yaml":          "name: Unit A\nstaff: {2023: 40}\n",
	"content/units/b.yaml":          "name: Unit B\nstaff: {2023: 40}\n",
	"content/units/c.yaml":          "name: Unit C\nstaff: {2023: 40}\n",
	"content/activities/books.yaml": "title: Books\nyear: 2023\ncontributions:\n  - unit: a\n    participants: 12\n",
	"content/activities/sport.yaml": "title: Sport\nyear: 2023\ncontributions:\n  - unit: b\n    participants: 8\n" +
		"results:\n  - {place: 1, unit: b, event: doubles}\n",
	"content/activities/sport.md":     "The tournament.\n",
	"content/activities/running.yaml": "title: Running\nyear: 2023\ncontributions:\n  - unit: c\n    participants: 3\n",
}

// historyRepo makes the repository of historyFiles with this history:
//
//	2023-01-10  every file
//	2023-03-15  activities/books.yaml
//	2023-03-20  years/2023.yaml, at 23:30 in UTC-5 (21 March in UTC)
//	2023-04-20  activities/sport.md
//	2023-06-01  units/c.yaml
//	2023-08-08  site.yaml
//
// and returns it with its content folder.
func historyRepo(t *testing.T) (*gittest.Repo, string) {
	t.Helper()
	gittest.Isolate(t)
	r := gittest.New(t, filepath.Join(t.TempDir(), "repo"))
	r.Commit("2023-01-10T09:00:00+07:00", historyFiles)
	r.Commit("2023-03-15T09:00:00+07:00", map[string]string{"content/activities/books.yaml": historyFiles["content/activities/books.yaml"] + "summary: Books for schools.\n"})
	r.Commit("2023-03-20T23:30:00-05:00", map[string]string{"content/years/2023.yaml": historyFiles["content/years/2023.yaml"] + "motto: Solidarity\n"})
	r.Commit("2023-04-20T09:00:00+07:00", map[string]string{"content/activities/sport.md": "The tournament, in the gym.\n"})
	r.Commit("2023-06-01T09:00:00+07:00", map[string]string{"content/units/c.yaml": historyFiles["content/units/c.yaml"] + "kind: centre\n"})
	r.Commit("2023-08-08T09:00:00+07:00", map[string]string{"content/site.yaml": historyFiles["content/site.yaml"] + "organisation: Department\n"})
	return r, filepath.Join(r.Dir, "content")
}

var updatedLine = regexp.MustCompile(`<p class="updated">[^<]*<time datetime="([0-9-]+)">([^<]*)</time></p>`)

// updated returns the day the page shows, as YYYY-MM-DD, and as written,
// or "" for none.
func updated(t *testing.T, s *output.Site, page string) (iso, text string) {
	t.Helper()
	m := updatedLine.FindStringSubmatch(file(t, s, page))
	if m == nil {
		return "", ""
	}
	return m[1], m[2]
}

// wantUpdated checks the day of each page: "" for none.
func wantUpdated(t *testing.T, s *output.Site, want map[string]string) {
	t.Helper()
	for page, w := range want {
		if got, _ := updated(t, s, page); got != w {
			t.Errorf("%s: updated %q, want %q", page, got, w)
		}
	}
}

// everyPageDay is the day of each page of historyRepo's site.
var everyPageDay = map[string]string{
	"activities/books/index.html": "2023-03-15", // its file
	"activities/sport/index.html": "2023-04-20", // its .md narrative
	"units/a/index.html":          "2023-03-20", // the year that names it head
	"units/b/index.html":          "2023-04-20", // the activity it gave to
	"units/c/index.html":          "2023-06-01", // its own file
	"2023/index.html":             "2023-04-20", // its activities
	"index.html":                  "2023-08-08", // everything: site.yaml
	"units/index.html":            "2023-08-08",
	"activities/index.html":       "2023-08-08",
	"404.html":                    "",
}

func TestEachPageShowsTheDayItsFilesLastChanged(t *testing.T) {
	_, dir := historyRepo(t)
	s := renderDir(t, Options{Content: dir, GitInfo: true})
	wantUpdated(t, s, everyPageDay)
	if _, text := updated(t, s, "2023/index.html"); text != "20 April 2023" {
		t.Errorf("the year's day is written %q, want 20 April 2023", text)
	}
	if !strings.Contains(file(t, s, "index.html"), `<p class="updated">Last changed on <time datetime="2023-08-08">8 August 2023</time></p>`) {
		t.Error("the home page does not say when it last changed in the footer's words")
	}
}

func TestTheSitemapGivesEachPagesDay(t *testing.T) {
	_, dir := historyRepo(t)
	sitemap := file(t, renderDir(t, Options{Content: dir, GitInfo: true}), "sitemap.xml")
	for page, day := range everyPageDay {
		if page == "404.html" {
			continue
		}
		loc := "https://reports.example.org/bloc/" + strings.TrimSuffix(page, "index.html")
		want := "<url><loc>" + loc + "</loc><lastmod>" + day + "</lastmod></url>"
		if !strings.Contains(sitemap, want) {
			t.Errorf("the sitemap has no %s\n%s", want, sitemap)
		}
	}
	plain := file(t, renderDir(t, Options{Content: dir}), "sitemap.xml")
	if strings.Contains(plain, "lastmod") {
		t.Errorf("without git info the sitemap has lastmod:\n%s", plain)
	}
}

func TestEditLinksOpenThePagesOwnFile(t *testing.T) {
	_, dir := historyRepo(t)
	const edit = "https://github.com/bloc/report/edit/main/content/"
	for _, opts := range []Options{{Content: dir, GitInfo: true}, {Content: dir}} {
		// Without git the content folder's place in the repository is
		// not known from an absolute path: no links.
		s := renderDir(t, opts)
		for page, source := range map[string]string{
			"index.html":                  "site.yaml",
			"2023/index.html":             "years/2023.yaml",
			"units/a/index.html":          "units/a.yaml",
			"activities/books/index.html": "activities/books.yaml",
			"activities/sport/index.html": "activities/sport.md",
		} {
			link := `<a href="` + edit + source + `" rel="nofollow">`
			if got := strings.Contains(file(t, s, page), link); got != opts.GitInfo {
				t.Errorf("GitInfo %v: %s has link %s: %v", opts.GitInfo, page, link, got)
			}
		}
	}
}

// TestRenamedFilesKeepTheirDay: an activity moved to a new ID without a
// change, with its narrative, keeps the day of its last change; the
// whole content folder moved keeps every day.
func TestRenamedFilesKeepTheirDay(t *testing.T) {
	r, _ := historyRepo(t)
	r.Move("content/activities/sport.yaml", "content/activities/sport-2023.yaml")
	r.Move("content/activities/sport.md", "content/activities/sport-2023.md")
	r.CommitStaged("2023-09-09T09:00:00+07:00")
	r.Move("content", "report")
	r.CommitStaged("2023-10-10T09:00:00+07:00")
	s := renderDir(t, Options{Content: filepath.Join(r.Dir, "report"), GitInfo: true})
	want := map[string]string{}
	for page, day := range everyPageDay {
		want[page] = day
	}
	want["activities/sport-2023/index.html"] = want["activities/sport/index.html"]
	delete(want, "activities/sport/index.html")
	wantUpdated(t, s, want)
	if !strings.Contains(file(t, s, "activities/sport-2023/index.html"), "https://github.com/bloc/report/edit/main/report/activities/sport-2023.md") {
		t.Error("the moved activity's edit link does not open its file where it is now")
	}
}

func TestUncommittedChangesLeaveTheirPagesUndated(t *testing.T) {
	r, dir := historyRepo(t)
	r.Write(map[string]string{
		"content/activities/sport.md":     "The tournament, in the big gym.\n",
		"content/activities/walking.yaml": "title: Walking\nyear: 2024\ncontributions:\n  - unit: c\n    participants: 3\n",
	})
	s := renderDir(t, Options{Content: dir, GitInfo: true})
	wantUpdated(t, s, map[string]string{
		"activities/books/index.html":   "2023-03-15",
		"activities/sport/index.html":   "", // modified
		"activities/walking/index.html": "", // never committed
		"activities/running/index.html": "2023-01-10",
		"units/a/index.html":            "2023-03-20",
		"units/b/index.html":            "", // through sport
		"units/c/index.html":            "", // through walking
		"2023/index.html":               "",
		"2024/index.html":               "",
		"index.html":                    "",
		"units/index.html":              "",
		"activities/index.html":         "",
	})
}

func TestNoDatesWithoutGitInfo(t *testing.T) {
	_, dir := historyRepo(t)
	s := renderDir(t, Options{Content: dir})
	for _, name := range htmlPages(s.Names()) {
		if strings.Contains(file(t, s, name), `class="updated"`) {
			t.Errorf("%s has a date though git info was not asked for", name)
		}
	}
}

func TestShallowClonesShowNoDatesAndSaySoOnce(t *testing.T) {
	r, _ := historyRepo(t)
	clone := r.ShallowClone(filepath.Join(t.TempDir(), "clone"))
	var notices []string
	opts := Options{Content: filepath.Join(clone.Dir, "content"), GitInfo: true, Notice: func(msg string) { notices = append(notices, msg) }}
	out := buildDir(t, opts)
	if len(notices) != 1 || notices[0] != history.ErrShallow.Error() {
		t.Errorf("notices %q, want one: %q", notices, history.ErrShallow)
	}
	s := readSite(t, out)
	for _, name := range htmlPages(s.Names()) {
		if strings.Contains(file(t, s, name), `class="updated"`) {
			t.Errorf("%s has a date in a shallow clone", name)
		}
	}
	if !strings.Contains(file(t, s, "activities/sport/index.html"), "https://github.com/bloc/report/edit/main/content/activities/sport.md") {
		t.Error("a shallow clone has lost its edit links")
	}
}

// TestBuildsWithGitInfoAreTheSameTwice: the same commit gives the same
// bytes, whatever the time of the build.
func TestBuildsWithGitInfoAreTheSameTwice(t *testing.T) {
	_, dir := historyRepo(t)
	first := readSite(t, buildDir(t, Options{Content: dir, GitInfo: true}))
	second := readSite(t, buildDir(t, Options{Content: dir, GitInfo: true}))
	if a, b := strings.Join(first.Names(), "\n"), strings.Join(second.Names(), "\n"); a != b {
		t.Fatalf("the two builds have different files:\n%s\n---\n%s", a, b)
	}
	for _, name := range first.Names() {
		a, _ := first.Bytes(name)
		b, _ := second.Bytes(name)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// readSite reads a built folder into memory.
func readSite(t *testing.T, dir string) *output.Site {
	t.Helper()
	s := output.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		s.Add(filepath.ToSlash(rel), data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTheDaysReadAreKeptBesideTheContent: a build keeps the days it read
// in .reportsite-cache/history beside the content folder; the next build,
// after a commit and a rename, shows the days a build without the cache
// shows.
func TestTheDaysReadAreKeptBesideTheContent(t *testing.T) {
	r, dir := historyRepo(t)
	renderDir(t, Options{Content: dir, GitInfo: true})
	cache := filepath.Join(r.Dir, ".reportsite-cache", "history")
	if HistoryCacheDir(dir) != cache {
		t.Errorf("HistoryCacheDir = %q, want %q", HistoryCacheDir(dir), cache)
	}
	if files, _ := os.ReadDir(cache); len(files) != 1 {
		t.Fatalf("the cache holds %d files, want 1", len(files))
	}
	r.Commit("2023-09-09T09:00:00+07:00", map[string]string{"content/units/b.yaml": historyFiles["content/units/b.yaml"] + "kind: school\n"})
	r.Move("content/activities/sport.md", "content/activities/sport-old.md")
	r.Move("content/activities/sport-old.md", "content/activities/sport.md")
	r.Move("content/units/c.yaml", "content/units/c2.yaml")
	r.CommitStaged("2023-10-10T09:00:00+07:00")
	r.Move("content/units/c2.yaml", "content/units/c.yaml")
	r.CommitStaged("2023-11-11T09:00:00+07:00")
	cached := renderDir(t, Options{Content: dir, GitInfo: true})
	want := map[string]string{}
	for page, day := range everyPageDay {
		want[page] = day
	}
	want["units/b/index.html"] = "2023-09-09"
	want["index.html"], want["units/index.html"], want["activities/index.html"] = "2023-09-09", "2023-09-09", "2023-09-09"
	wantUpdated(t, cached, want)
	uncached := renderDir(t, Options{Content: dir, GitInfo: true, HistoryCache: t.TempDir()})
	wantUpdated(t, uncached, want)
}
