package history

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"reportsite/generator/history/gittest"
)

// logs records the revisions of each git log run until the test ends.
func logs(t *testing.T) *[]string {
	var revs []string
	logHook = func(r string) { revs = append(revs, r) }
	t.Cleanup(func() { logHook = nil })
	return &revs
}

// fullDays reads the days of dir without any cache.
func fullDays(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	h, err := new(Reader).Read(dir)
	if err != nil || h == nil {
		t.Fatalf("Read = %v, %v", h, err)
	}
	return h.days
}

// sameDays reports where got and want differ.
func sameDays(t *testing.T, what string, got, want map[string]time.Time) {
	t.Helper()
	for _, p := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[p]; !ok || !g.Equal(want[p]) {
			t.Errorf("%s: %s: day %v (%v), want %v", what, p, g.Format(time.DateOnly), ok, want[p].Format(time.DateOnly))
		}
	}
	for p, g := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: %s: day %v, want none", what, p, g.Format(time.DateOnly))
		}
	}
}

// copyDir copies the files of the folder from into to.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
}

// onlyFile returns the one cache file in dir.
func onlyFile(t *testing.T, dir string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.gob"))
	if len(files) != 1 {
		t.Fatalf("cache files %v, want one", files)
	}
	return files[0]
}

// TestCachedDaysAreTheDaysOfAFullRead: for every pair of commits A, B
// of a history of edits, adds, deletes, renames (back and forth, into
// and out of the content folder), a merge, and a path that is deleted
// then taken by a new file, the days read at B with the cache written at
// A are those of a full read at B, and only the log A..B is read, unless
// a file came into the folder from outside since A. A Reader kept from
// commit to commit, as serve keeps one, reads the same days.
func TestCachedDaysAreTheDaysOfAFullRead(t *testing.T) {
	gittest.Isolate(t)
	r := gittest.New(t, t.TempDir())
	long := "name: Water Centre\nkind: centre\nstaff: {2023: 40, 2024: 42}\nhead: Someone\nplace: Hill\n"
	var commits []string
	commit := func() {
		commits = append(commits, strings.TrimSpace(r.Git("rev-parse", "HEAD")))
	}
	r.Commit("2023-01-10T09:00:00+07:00", map[string]string{
		"content/site.yaml": "title: A\n", "content/a.yaml": "a\n", "content/b.yaml": "b\n",
		"content/units/long.yaml": long, "content/units/edited.yaml": long + "# e\n",
		"elsewhere/in.yaml": long + "# in\n", "README.md": "r\n",
	})
	commit()
	r.Commit("2023-02-10T23:30:00+07:00", map[string]string{"content/a.yaml": "aa\n"}) // edit
	commit()
	r.Write(map[string]string{"content/c.yaml": "c\n"}) // add and delete
	r.Git("rm", "-q", "content/b.yaml")
	r.Git("add", "-A")
	r.CommitStaged("2023-03-10T09:00:00Z")
	commit()
	r.Move("content/units/long.yaml", "content/units/moved.yaml") // rename
	r.CommitStaged("2023-04-10T09:00:00Z")
	commit()
	r.Move("content/units/moved.yaml", "content/units/long.yaml") // and back
	r.CommitStaged("2023-05-10T09:00:00Z")
	commit()
	r.Git("checkout", "-q", "-b", "side") // a merge
	r.Commit("2023-06-01T09:00:00Z", map[string]string{"content/a.yaml": "aaa\n", "content/d.yaml": "d\n"})
	r.Git("checkout", "-q", "main")
	r.Commit("2023-06-05T09:00:00Z", map[string]string{"content/c.yaml": "cc\n"})
	commit()
	r.GitEnv([]string{"GIT_AUTHOR_DATE=2023-06-10T09:00:00Z", "GIT_COMMITTER_DATE=2023-06-10T09:00:00Z"},
		"merge", "-q", "--no-ff", "-m", "merge", "side")
	commit()
	r.Move("content/units/edited.yaml", "content/units/moved-and-edited.yaml") // moved and changed
	r.Write(map[string]string{"content/units/moved-and-edited.yaml": long + "# e\nshort: W\n"})
	r.Git("add", "-A")
	r.CommitStaged("2023-07-10T09:00:00Z")
	commit()
	r.Commit("2023-08-10T09:00:00Z", map[string]string{"content/b.yaml": "b again\n"}) // a deleted path taken again
	commit()
	r.Move("content/a.yaml", "elsewhere/a.yaml") // out of the folder
	r.CommitStaged("2023-09-10T09:00:00Z")
	commit()
	in := len(commits)
	r.Move("elsewhere/in.yaml", "content/in.yaml") // into the folder, as it is
	r.CommitStaged("2023-10-10T09:00:00Z")
	commit()
	r.CommitStaged("2023-11-10T09:00:00Z") // no change
	commit()
	r.Commit("2023-12-10T09:00:00Z", map[string]string{"README.md": "rr\n"}) // outside only
	commit()

	content := filepath.Join(r.Dir, "content")
	caches := t.TempDir()
	want := make([]map[string]time.Time, len(commits))
	for i, c := range commits {
		r.Git("checkout", "-q", "--detach", c)
		want[i] = fullDays(t, content)
		dir := filepath.Join(caches, c)
		if _, err := (&Reader{CacheDir: dir}).Read(content); err != nil {
			t.Fatal(err)
		}
		onlyFile(t, dir)
	}
	for j, b := range commits {
		r.Git("checkout", "-q", "--detach", b)
		for i, a := range commits[:j+1] {
			dir := t.TempDir()
			copyDir(t, filepath.Join(caches, a), dir)
			revs := logs(t)
			h, err := (&Reader{CacheDir: dir}).Read(content)
			if err != nil {
				t.Fatal(err)
			}
			what := "cache of commit " + string(rune('0'+i)) + " read at " + string(rune('0'+j))
			sameDays(t, what, h.days, want[j])
			switch {
			case i == j && len(*revs) != 0:
				t.Errorf("%s: logs %q, want none", what, *revs)
			case i < j && (i >= in || j < in) && !slices.Equal(*revs, []string{a + ".." + b}):
				t.Errorf("%s: logs %q, want only %s..", what, *revs, a[:7])
			case i < in && in <= j && len(*revs) != 2:
				t.Errorf("%s: logs %q, want the commits since, then all", what, *revs)
			}
			if s := loadCache(onlyFile(t, dir), "content/"); s == nil || s.commit != b {
				t.Errorf("%s: cache not rewritten for the commit read", what)
			}
		}
	}

	// A Reader kept from commit to commit, with no cache file.
	var reader Reader
	for j, b := range commits {
		r.Git("checkout", "-q", "--detach", b)
		revs := logs(t)
		h, err := reader.Read(content)
		if err != nil {
			t.Fatal(err)
		}
		sameDays(t, "reader at "+b[:7], h.days, want[j])
		if j > 0 && j != in && !slices.Equal(*revs, []string{commits[j-1] + ".." + b}) {
			t.Errorf("reader at %s: logs %q, want only the commit since", b[:7], *revs)
		}
	}
}

// TestCacheOffTheFirstParentLineIsNotUsed: days cached for a commit that
// is not on HEAD's first-parent line — a branch merged since, a commit
// amended since, a commit HEAD was reset from, another history — or a
// cache file spoilt, give way to a full read, and the file is written
// again for HEAD.
func TestCacheOffTheFirstParentLineIsNotUsed(t *testing.T) {
	gittest.Isolate(t)
	r := gittest.New(t, t.TempDir())
	r.Commit("2023-01-01T09:00:00Z", map[string]string{"a.yaml": "a\n", "b.yaml": "b\n"})
	rev := func() string { return strings.TrimSpace(r.Git("rev-parse", "HEAD")) }
	cacheAt := func() string { // the cache file of a read at HEAD
		dir := t.TempDir()
		if _, err := (&Reader{CacheDir: dir}).Read(r.Dir); err != nil {
			t.Fatal(err)
		}
		return onlyFile(t, dir)
	}
	var other string // the cache of another history
	check := func(what, file string, wantLogs int) {
		t.Helper()
		want := fullDays(t, r.Dir)
		revs := logs(t)
		h, err := (&Reader{CacheDir: filepath.Dir(file)}).Read(r.Dir)
		if err != nil {
			t.Fatal(err)
		}
		sameDays(t, what, h.days, want)
		switch {
		case len(*revs) != wantLogs:
			t.Errorf("%s: logs %q, want %d", what, *revs, wantLogs)
		case file != other && (*revs)[wantLogs-1] != rev():
			t.Errorf("%s: logs %q, want a full log last", what, *revs)
		}
		if s := loadCache(onlyFile(t, filepath.Dir(file)), ""); s == nil || s.commit != rev() {
			t.Errorf("%s: cache not written again", what)
		}
	}

	// A branch's tip, merged since: an ancestor, but not first-parent.
	r.Git("checkout", "-q", "-b", "side")
	r.Commit("2023-02-01T09:00:00Z", map[string]string{"a.yaml": "aa\n"})
	r.Commit("2023-02-02T09:00:00Z", map[string]string{"a.yaml": "a\n"}) // back as it was: the merge does not change it
	side := cacheAt()
	r.Git("checkout", "-q", "main")
	r.Commit("2023-03-01T09:00:00Z", map[string]string{"b.yaml": "bb\n"})
	r.GitEnv([]string{"GIT_COMMITTER_DATE=2023-04-01T09:00:00Z"}, "merge", "-q", "--no-ff", "-m", "merge", "side")
	check("branch merged", side, 2)

	// A commit amended.
	r.Commit("2023-05-01T09:00:00Z", map[string]string{"c.yaml": "c\n"})
	amended := cacheAt()
	r.Write(map[string]string{"c.yaml": "cc\n"})
	r.Git("add", "-A")
	r.GitEnv([]string{"GIT_COMMITTER_DATE=2023-05-02T09:00:00Z"}, "commit", "-q", "--amend", "-m", "amended")
	check("commit amended", amended, 2)

	// HEAD reset to an older commit.
	r.Commit("2023-06-01T09:00:00Z", map[string]string{"a.yaml": "aaa\n"})
	newer := cacheAt()
	r.Git("reset", "-q", "--hard", "HEAD~1")
	check("reset", newer, 2)

	// Another history: a branch with no common commit, whose full log
	// the short read already is.
	r.Git("checkout", "-q", "--orphan", "other")
	r.Commit("2023-07-01T09:00:00Z", map[string]string{"o.yaml": "o\n"})
	other = cacheAt()
	r.Git("checkout", "-q", "-f", "main")
	check("orphan branch", other, 1)

	// A commit this repository does not have.
	o := gittest.New(t, t.TempDir())
	o.Commit("2023-08-01T09:00:00Z", map[string]string{"a.yaml": "x\n"})
	dir := t.TempDir()
	if _, err := (&Reader{CacheDir: dir}).Read(o.Dir); err != nil {
		t.Fatal(err)
	}
	foreign := onlyFile(t, dir)
	mine := cacheAt()
	if err := os.Rename(foreign, mine); err != nil {
		t.Fatal(err)
	}
	check("another repository", mine, 2)

	// Spoilt files: cut short, a byte changed, empty, not a cache.
	good, err := os.ReadFile(cacheAt())
	if err != nil {
		t.Fatal(err)
	}
	spoilt := map[string][]byte{
		"cut short": good[:len(good)/2],
		"changed":   append(append([]byte{}, good[:len(good)-3]...), good[len(good)-3]^1, good[len(good)-2], good[len(good)-1]),
		"empty":     {},
		"not one":   []byte("{\"commit\": \"x\"}\n"),
	}
	for what, b := range spoilt {
		file := cacheAt()
		if err := os.WriteFile(file, b, 0o644); err != nil {
			t.Fatal(err)
		}
		check(what, file, 1)
	}
}

// TestACacheThatCannotBeWrittenIsNoFailure: a cache folder that cannot
// be made leaves the read as it is.
func TestACacheThatCannotBeWrittenIsNoFailure(t *testing.T) {
	gittest.Isolate(t)
	r := gittest.New(t, t.TempDir())
	r.Commit("2023-01-01T09:00:00Z", map[string]string{"a.yaml": "a\n"})
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := (&Reader{CacheDir: filepath.Join(blocker, "history")}).Read(r.Dir)
	if err != nil || h == nil {
		t.Fatalf("Read = %v, %v", h, err)
	}
	sameDays(t, "no cache", h.days, fullDays(t, r.Dir))
}
