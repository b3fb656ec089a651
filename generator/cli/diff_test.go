package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportsite/generator/gittree/gittest"
)

// diffBase is the content of the first commit of every diff test: two
// units taking part in two activities of 2023, a third taking part in
// nothing, and an award.
var diffBase = map[string]string{
	"site.yaml": "title: Test Bloc\n",
	"years/2023.yaml": `year: 2023
motto: Solidarity and efficiency
head: water-centre
summary: A good year.
awards:
  - title: Emulation Flag 2023
    grantor: Provincial People's Committee
    status: proposed
    units: [water-centre]
`,
	"units/water-centre.yaml": "name: Water Centre\nstaff: {2023: 40}\n",
	"units/seed-centre.yaml":  "name: Seed Centre\nstaff: {2023: 20}\n",
	"units/idle-board.yaml":   "name: Idle Board\nstaff: {2023: 8}\n",
	"activities/book-drive-2023.yaml": `title: Book Drive 2023
year: 2023
date: 2023-09-05
category: donation
contributions:
  - unit: water-centre
    participants: 10
    money: 1000000
    items: {books: 30}
  - unit: seed-centre
    participants: 5
    money: 500000
recipients:
  - name: A Vao Primary School
    value: 1500000
    items: {books: 30}
`,
	"activities/book-drive-2023.md": "The story of the drive.\n",
	"activities/badminton-2023.yaml": `title: Badminton 2023
year: 2023
category: sports
contributions:
  - {unit: water-centre, participants: 4}
  - {unit: seed-centre, participants: 4}
results:
  - {place: 1, unit: water-centre, event: men's singles}
  - {place: 2, unit: seed-centre, event: men's singles}
`,
}

// diffRepo is a git repository whose content folder the tests change and
// commit.
type diffRepo struct {
	t   *testing.T
	dir string
}

// newDiffRepo makes a repository holding diffBase, committed, and makes
// it the working folder; git runs isolated from the user's configuration.
func newDiffRepo(t *testing.T) *diffRepo {
	t.Helper()
	gittest.Isolate(t)
	r := &diffRepo{t: t, dir: t.TempDir()}
	gittest.Init(t, r.dir)
	r.write(diffBase)
	r.commit("base")
	t.Chdir(r.dir)
	return r
}

// write writes files of the content folder; an empty text removes one.
func (r *diffRepo) write(files map[string]string) {
	r.t.Helper()
	for name, text := range files {
		p := filepath.Join(r.dir, "content", filepath.FromSlash(name))
		if text == "" {
			if err := os.Remove(p); err != nil {
				r.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// edit replaces old by new in a file of the content folder.
func (r *diffRepo) edit(name, old, new string) {
	r.t.Helper()
	p := filepath.Join(r.dir, "content", filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil {
		r.t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		r.t.Fatalf("%s does not hold %q", name, old)
	}
	r.write(map[string]string{name: strings.Replace(string(data), old, new, 1)})
}

func (r *diffRepo) commit(message string) string {
	r.t.Helper()
	return gittest.CommitAll(r.t, r.dir, message)
}

// diff runs "reportsite diff args...".
func (r *diffRepo) diff(args ...string) (stdout, stderr string, exit int) {
	r.t.Helper()
	var out, errOut bytes.Buffer
	cmd := &Command{Stdout: &out, Stderr: &errOut, Now: fixedNow}
	exit = cmd.Run(append([]string{"diff"}, args...))
	return out.String(), errOut.String(), exit
}

// wantLines runs "reportsite diff HEAD~1 HEAD args..." and checks that it
// succeeds and prints every one of lines, trimmed, as a line of its own.
func (r *diffRepo) wantLines(lines ...string) string {
	r.t.Helper()
	out, errOut, exit := r.diff("HEAD~1", "HEAD")
	if exit != ExitOK || errOut != "" {
		r.t.Fatalf("exit %d, stderr:\n%s", exit, errOut)
	}
	got := map[string]bool{}
	for l := range strings.SplitSeq(out, "\n") {
		got[strings.TrimSpace(l)] = true
	}
	for _, l := range lines {
		if !got[l] {
			r.t.Errorf("no line %q in:\n%s", l, out)
		}
	}
	return out
}

func TestDiffYearTotals(t *testing.T) {
	r := newDiffRepo(t)
	r.write(map[string]string{"activities/tet-gifts-2023.yaml": `title: Tet Gifts 2023
year: 2023
contributions:
  - {unit: idle-board, participants: 3, money: 2000000}
`})
	r.commit("tet gifts")
	out := r.wantLines(
		"Years", "2023",
		"money: 1,500,000 → 3,500,000 VND (+2,000,000)",
		"participants: 23 → 26 (+3)",
		"units taking part: 2 → 3 (+1)",
		"activities: 2 → 3 (+1)",
		"added: Tet Gifts 2023 (tet-gifts-2023)",
	)
	if !strings.Contains(out, "Whole site\n  money: 1,500,000 → 3,500,000 VND (+2,000,000)\n") {
		t.Errorf("no whole-site money in:\n%s", out)
	}
}

func TestDiffActivityTotals(t *testing.T) {
	r := newDiffRepo(t)
	r.edit("activities/book-drive-2023.yaml", "participants: 5", "participants: 7")
	r.edit("activities/book-drive-2023.yaml", "items: {books: 30}\n  - unit", "items: {books: 35, pens: 10}\n  - unit")
	r.commit("more")
	r.wantLines(
		"Book Drive 2023 (book-drive-2023)",
		"participants: 15 → 17 (+2)",
		"books given: 30 → 35 (+5)",
		"pens given: 0 → 10 (+10)",
	)
}

func TestDiffUnitTotals(t *testing.T) {
	r := newDiffRepo(t)
	r.edit("units/water-centre.yaml", "{2023: 40}", "{2023: 50}")
	r.edit("activities/book-drive-2023.yaml", "money: 1000000", "money: 1200000")
	r.commit("staff")
	out := r.wantLines(
		"Water Centre (water-centre)",
		"money: 1,000,000 → 1,200,000 VND (+200,000)",
		"staff 2023: 40 → 50 (+10)",
		"peak participation 2023: 25% → 20%",
	)
	if strings.Contains(out, "Seed Centre") {
		t.Errorf("a unit that did not change is listed:\n%s", out)
	}
}

func TestDiffRecipientValue(t *testing.T) {
	r := newDiffRepo(t)
	r.edit("activities/book-drive-2023.yaml", "value: 1500000", "value: 1600000")
	r.edit("activities/book-drive-2023.yaml", "value: 1600000\n    items: {books: 30}\n", "value: 1600000\n    items: {books: 30}\n  - name: Huong Phung School\n    value: 200000\n")
	r.commit("value")
	r.wantLines(
		"A Vao Primary School (Book Drive 2023): value 1,500,000 → 1,600,000 VND (+100,000)",
		"Huong Phung School (Book Drive 2023): added, value 200,000 VND",
		"value received: 1,500,000 → 1,800,000 VND (+300,000)",
	)
}

func TestDiffResults(t *testing.T) {
	r := newDiffRepo(t)
	r.edit("activities/badminton-2023.yaml", "{place: 2, unit: seed-centre, event: men's singles}",
		"{place: 3, unit: seed-centre, event: men's singles}\n  - {place: 1, unit: seed-centre, event: women's singles}")
	r.edit("activities/badminton-2023.yaml", "  - {place: 1, unit: water-centre, event: men's singles}\n", "")
	r.commit("results")
	r.wantLines(
		"result men's singles, Seed Centre: place 2 → 3",
		"result women's singles, Seed Centre: added, place 1",
		"result men's singles, Water Centre: removed, was place 1",
	)
}

func TestDiffAwards(t *testing.T) {
	r := newDiffRepo(t)
	r.edit("years/2023.yaml", "status: proposed\n    units: [water-centre]", "status: granted\n    units: [seed-centre]")
	r.write(map[string]string{"years/2023.yaml": mustRead(t, "content/years/2023.yaml") +
		"  - title: Certificate of Merit\n    grantor: Department\n    status: proposed\n    units: [idle-board]\n"})
	r.commit("awards")
	r.wantLines(
		"award Emulation Flag 2023: status proposed → granted; units added: Seed Centre; units removed: Water Centre",
		"award Certificate of Merit: added; units: Idle Board",
	)
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestDiffUnitAddedAndRemoved(t *testing.T) {
	r := newDiffRepo(t)
	r.write(map[string]string{
		"units/idle-board.yaml":  "",
		"units/river-board.yaml": "name: River Board\nkind: board\nstaff: {2023: 12}\n",
	})
	r.commit("units")
	r.wantLines(
		"Units",
		"added: River Board (river-board)",
		"removed: Idle Board (idle-board)",
		"staff 2023: 12",
		"staff 2023: 8",
	)
}

func TestDiffActivityRenamed(t *testing.T) {
	r := newDiffRepo(t)
	gittest.Git(t, r.dir, "mv", "content/activities/book-drive-2023.yaml", "content/activities/book-drive.yaml")
	gittest.Git(t, r.dir, "mv", "content/activities/book-drive-2023.md", "content/activities/book-drive.md")
	r.commit("rename")
	out := r.wantLines("renamed: Book Drive 2023 (book-drive, was book-drive-2023)")
	if strings.Contains(out, "money") || strings.Contains(out, "added") || strings.Contains(out, "removed") {
		t.Errorf("a rename shows as more than a rename:\n%s", out)
	}
}

func TestDiffUnitRenamed(t *testing.T) {
	r := newDiffRepo(t)
	gittest.Git(t, r.dir, "mv", "content/units/seed-centre.yaml", "content/units/plant-seed-centre.yaml")
	for _, f := range []string{"activities/book-drive-2023.yaml", "activities/badminton-2023.yaml"} {
		r.write(map[string]string{f: strings.ReplaceAll(mustRead(t, "content/"+f), "seed-centre", "plant-seed-centre")})
	}
	r.commit("rename")
	out := r.wantLines("renamed: Seed Centre (plant-seed-centre, was seed-centre)")
	if strings.Contains(out, "result") || strings.Contains(out, "Activities") {
		t.Errorf("renaming a unit changed more than its ID:\n%s", out)
	}
}

func TestDiffTextChanged(t *testing.T) {
	r := newDiffRepo(t)
	r.edit("years/2023.yaml", "Solidarity and efficiency", "Solidarity, discipline and efficiency")
	r.write(map[string]string{"activities/book-drive-2023.md": "The story of the drive, told again.\n"})
	r.edit("activities/book-drive-2023.yaml", "date: 2023-09-05", "date: 2023-09-06")
	r.write(map[string]string{"site.yaml": "title: Test Bloc\nabout: Who we are.\n"})
	r.commit("texts")
	out := r.wantLines(
		"about of site.yaml changed",
		"motto of year 2023 changed",
		"narrative of activity book-drive-2023 changed",
		"date 5 September 2023 → 6 September 2023",
	)
	if strings.Contains(out, "Solidarity") || strings.Contains(out, "told again") {
		t.Errorf("the texts themselves are shown:\n%s", out)
	}
}

func TestDiffNothingChanged(t *testing.T) {
	r := newDiffRepo(t)
	r.edit("units/water-centre.yaml", "name: Water Centre\n", "# the centre\nname: Water Centre\n")
	r.commit("comment")
	out := r.wantLines("No figures changed.")
	if strings.Count(out, "\n") != 2 {
		t.Errorf("more than the heading and one line:\n%s", out)
	}
}

func TestDiffBrokenRevision(t *testing.T) {
	r := newDiffRepo(t)
	r.edit("activities/badminton-2023.yaml", "{unit: seed-centre, participants: 4}", "{unit: seed-centr, participants: 4}")
	broken := r.commit("typo")
	out, errOut, exit := r.diff("HEAD~1", "HEAD")
	if exit != ExitContent || out != "" {
		t.Fatalf("exit %d, stdout %q; want 1 and nothing", exit, out)
	}
	want := "HEAD (" + broken[:7] + `): content/activities/badminton-2023.yaml:6:12: unknown unit "seed-centr"; did you mean "seed-centre"?`
	if !strings.Contains(errOut, want+"\n") {
		t.Errorf("stderr:\n%s\nwant the line:\n%s", errOut, want)
	}
	// The other way round, the broken revision is the first.
	if _, errOut, exit := r.diff("HEAD", "HEAD~1"); exit != ExitContent || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr:\n%s", exit, errOut)
	}
}

func TestDiffUsageErrors(t *testing.T) {
	r := newDiffRepo(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"no-such-branch"}, `unknown revision "no-such-branch": no commit of this repository has that name`},
		{[]string{"HEAD", "HEAD~7"}, `unknown revision "HEAD~7"`},
		{[]string{"HEAD", "--content", "site"}, "there is no content folder site at HEAD ("},
		{[]string{"HEAD", "--content", "../elsewhere"}, "is not inside the repository"},
		{[]string{"HEAD", "--format", "html"}, "--format must be text, markdown or json"},
		{nil, "name the revision to compare with"},
	} {
		out, errOut, exit := r.diff(tc.args...)
		if exit != ExitUsage || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("diff %v: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and %q", tc.args, exit, out, errOut, tc.want)
		}
	}
	t.Chdir(t.TempDir())
	if _, errOut, exit := r.diff("HEAD"); exit != ExitUsage || !strings.Contains(errOut, "not inside a git repository") {
		t.Errorf("outside a repository: exit %d, stderr:\n%s", exit, errOut)
	}
}

func TestDiffWorkingTree(t *testing.T) {
	r := newDiffRepo(t)
	r.edit("activities/book-drive-2023.yaml", "money: 500000", "money: 700000")
	out, errOut, exit := r.diff("HEAD")
	if exit != ExitOK || errOut != "" {
		t.Fatalf("exit %d, stderr:\n%s", exit, errOut)
	}
	head := gittest.Git(t, r.dir, "rev-parse", "--short=7", "HEAD")
	for _, want := range []string{
		"Figures from HEAD (" + head + ") to working tree\n",
		"Seed Centre (seed-centre)\n    money: 500,000 → 700,000 VND (+200,000)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	// From a folder inside the repository, the same.
	t.Chdir(filepath.Join(r.dir, "content", "units"))
	if again, _, _ := r.diff("HEAD"); again != out {
		t.Errorf("from content/units:\n%s\nfrom the top:\n%s", again, out)
	}
	// An error on disk is named as from the folder the command runs in.
	r.edit("units/water-centre.yaml", "name: Water Centre", "name: Water Centre\nnmae: typo")
	_, errOut, exit = r.diff("HEAD")
	if exit != ExitContent || !strings.Contains(errOut, "working tree: ../units/water-centre.yaml:") {
		t.Errorf("exit %d, stderr:\n%s", exit, errOut)
	}
}

func TestDiffVietnamese(t *testing.T) {
	r := newDiffRepo(t)
	r.write(map[string]string{"site.yaml": "title: Khối thi đua\nlanguage: vi\n"})
	r.commit("vi")
	r.edit("activities/book-drive-2023.yaml", "value: 1500000", "value: 33800000")
	r.commit("value")
	r.wantLines("A Vao Primary School (Book Drive 2023): value 1.500.000 → 33.800.000 đ (+32.300.000)")
}

// TestDiffMarkdownAndJSON compares the Markdown and JSON forms of one
// change with testdata/diff; -update rewrites them. Commit hashes are
// written as REV1 and REV2.
func TestDiffMarkdownAndJSON(t *testing.T) {
	r := newDiffRepo(t)
	r.write(map[string]string{
		"units/idle-board.yaml": "name: Idle | *Board*\nstaff: {2023: 8}\n",
	})
	r.edit("activities/book-drive-2023.yaml", "value: 1500000", "value: 1600000")
	r.edit("activities/badminton-2023.yaml", "place: 2", "place: 3")
	r.edit("activities/book-drive-2023.yaml", "participants: 5", "participants: 9")
	r.edit("years/2023.yaml", "status: proposed", "status: granted")
	r.write(map[string]string{"activities/book-drive-2023.md": "Told again.\n"})
	gittest.Git(t, r.dir, "mv", "content/activities/badminton-2023.yaml", "content/activities/badminton-tournament-2023.yaml")
	r.commit("changes")
	from := gittest.Git(t, r.dir, "rev-parse", "HEAD~1")
	to := gittest.Git(t, r.dir, "rev-parse", "HEAD")
	for _, format := range []string{"markdown", "json"} {
		out, errOut, exit := r.diff("HEAD~1", "HEAD", "--format", format)
		if exit != ExitOK || errOut != "" {
			t.Fatalf("%s: exit %d, stderr:\n%s", format, exit, errOut)
		}
		out = strings.NewReplacer(from, "REV1", from[:7], "REV1", to, "REV2", to[:7], "REV2").Replace(out)
		golden := filepath.Join(testdataDir, "diff", "changes."+map[string]string{"markdown": "md", "json": "json"}[format])
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if out != string(want) {
			t.Errorf("%s output differs from %s:\n%s", format, golden, out)
		}
	}
	out, _, _ := r.diff("HEAD", "HEAD", "--format", "markdown")
	if !strings.HasSuffix(out, "\n\nNo figures changed.\n") {
		t.Errorf("no change in Markdown:\n%s", out)
	}
}

func TestRelativeTo(t *testing.T) {
	for _, tc := range []struct{ prefix, target, want string }{
		{"", "content", "content"},
		{"", ".", "."},
		{"content/", "content", "."},
		{"content/units/", "content", ".."},
		{"docs/", "content", "../content"},
		{"docs/", ".", ".."},
		{"site/", "site/content", "content"},
	} {
		if got := relativeTo(tc.prefix, tc.target); got != tc.want {
			t.Errorf("relativeTo(%q, %q) = %q, want %q", tc.prefix, tc.target, got, tc.want)
		}
	}
}

// testdataDir is testdata, found before the tests change folder.
var testdataDir = func() string {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		panic(err)
	}
	return dir
}()
