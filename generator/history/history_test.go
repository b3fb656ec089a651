package history_test

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"reportsite/generator/history"
	"reportsite/generator/history/gittest"
)

// day returns the day d (YYYY-MM-DD) as Changed gives it.
func day(t *testing.T, d string) time.Time {
	t.Helper()
	v, err := time.Parse(time.DateOnly, d)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// wantDays checks the day of each file: "" for none.
func wantDays(t *testing.T, h *history.History, want map[string]string) {
	t.Helper()
	for file, w := range want {
		got, ok := h.Changed(file)
		switch {
		case w == "" && ok:
			t.Errorf("%s: day %s, want none", file, got.Format(time.DateOnly))
		case w != "" && !ok:
			t.Errorf("%s: no day, want %s", file, w)
		case w != "" && !got.Equal(day(t, w)):
			t.Errorf("%s: day %s, want %s", file, got.Format(time.DateOnly), w)
		}
	}
}

func read(t *testing.T, dir string) *history.History {
	t.Helper()
	h, err := history.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if h == nil {
		t.Fatal("no history")
	}
	return h
}

func TestDaysAreTheCommitterDaysOfTheLastChange(t *testing.T) {
	gittest.Isolate(t)
	r := gittest.New(t, t.TempDir())
	r.Commit("2023-03-01T10:00:00+07:00", map[string]string{
		"content/site.yaml": "title: A\n", "content/units/a.yaml": "name: A\n", "README.md": "x\n",
	})
	r.Commit("2023-05-02T10:00:00+07:00", map[string]string{"content/units/a.yaml": "name: AA\n", "content/units/b.yaml": "name: B\n"})
	r.Commit("2023-06-03T10:00:00+07:00", map[string]string{"README.md": "y\n"}) // outside the folder
	h := read(t, filepath.Join(r.Dir, "content"))
	if h.Prefix != "content/" {
		t.Errorf("Prefix %q, want content/", h.Prefix)
	}
	wantDays(t, h, map[string]string{
		"site.yaml":    "2023-03-01",
		"units/a.yaml": "2023-05-02",
		"units/b.yaml": "2023-05-02",
		"units/c.yaml": "",
		"../README.md": "",
	})
	if d, ok := h.Newest("site.yaml", "units/a.yaml"); !ok || !d.Equal(day(t, "2023-05-02")) {
		t.Errorf("Newest = %v, %v; want 2023-05-02", d, ok)
	}
	if _, ok := h.Newest("site.yaml", "units/c.yaml"); ok {
		t.Error("Newest of a file never committed has a day")
	}
}

// TestTheDayIsTheCommittersCalendarDay: a commit made at 23:30 in Hanoi
// is on the day Hanoi saw, though it was still the day before in UTC;
// the author's date does not count.
func TestTheDayIsTheCommittersCalendarDay(t *testing.T) {
	gittest.Isolate(t)
	r := gittest.New(t, t.TempDir())
	r.Commit("2024-01-16T00:30:00+07:00", map[string]string{"a.yaml": "a\n"})
	r.Write(map[string]string{"b.yaml": "b\n"})
	r.Git("add", "-A")
	r.GitEnv([]string{"GIT_AUTHOR_DATE=2020-01-01T12:00:00Z", "GIT_COMMITTER_DATE=2024-02-03T12:00:00-05:00"}, "commit", "-q", "-m", "b")
	wantDays(t, read(t, r.Dir), map[string]string{"a.yaml": "2024-01-16", "b.yaml": "2024-02-03"})
}

// TestRenamesKeepTheDayOfTheLastRealChange: a file moved as it is keeps
// the day it last changed before; a file moved and changed takes the day
// of the move; a path that held another file before does not lend it
// its days.
func TestRenamesKeepTheDayOfTheLastRealChange(t *testing.T) {
	gittest.Isolate(t)
	r := gittest.New(t, t.TempDir())
	long := "name: Water Centre\nkind: centre\nstaff: {2023: 40, 2024: 42}\nhead: Someone\n"
	r.Commit("2023-01-10T09:00:00Z", map[string]string{"units/old.yaml": long, "units/edited.yaml": long + "# e\n", "units/gone.yaml": "x\n"})
	r.Commit("2023-02-10T09:00:00Z", map[string]string{"units/old.yaml": long + "description: More.\n"})
	r.Move("units/old.yaml", "units/new.yaml")
	r.CommitStaged("2023-03-10T09:00:00Z")
	r.Move("units/new.yaml", "units/newer.yaml")
	r.CommitStaged("2023-04-10T09:00:00Z")
	r.Move("units/edited.yaml", "units/moved-and-edited.yaml")
	r.Write(map[string]string{"units/moved-and-edited.yaml": long + "# e\nshort_name: W\n"})
	r.Git("add", "-A")
	r.CommitStaged("2023-05-10T09:00:00Z")
	// gone.yaml is deleted, then its name is taken by a new file.
	r.Git("rm", "-q", "units/gone.yaml")
	r.CommitStaged("2023-06-10T09:00:00Z")
	r.Commit("2023-07-10T09:00:00Z", map[string]string{"units/gone.yaml": "y\n"})
	wantDays(t, read(t, r.Dir), map[string]string{
		"units/newer.yaml":            "2023-02-10",
		"units/moved-and-edited.yaml": "2023-05-10",
		"units/gone.yaml":             "2023-07-10",
	})
}

// TestMergesCountOnTheDayOfTheMerge: a branch's commits land when the
// branch is merged.
func TestMergesCountOnTheDayOfTheMerge(t *testing.T) {
	gittest.Isolate(t)
	r := gittest.New(t, t.TempDir())
	r.Commit("2023-01-01T09:00:00Z", map[string]string{"a.yaml": "a\n", "b.yaml": "b\n"})
	r.Git("checkout", "-q", "-b", "edit")
	r.Commit("2023-02-01T09:00:00Z", map[string]string{"a.yaml": "aa\n"})
	r.Git("checkout", "-q", "main")
	r.Commit("2023-03-01T09:00:00Z", map[string]string{"b.yaml": "bb\n"})
	r.GitEnv([]string{"GIT_AUTHOR_DATE=2023-04-01T09:00:00Z", "GIT_COMMITTER_DATE=2023-04-01T09:00:00Z"},
		"merge", "-q", "--no-ff", "-m", "merge", "edit")
	wantDays(t, read(t, r.Dir), map[string]string{"a.yaml": "2023-04-01", "b.yaml": "2023-03-01"})
}

// TestUncommittedChangesHaveNoDay: modified, staged, new and deleted
// files have no day; the others keep theirs.
func TestUncommittedChangesHaveNoDay(t *testing.T) {
	gittest.Isolate(t)
	r := gittest.New(t, t.TempDir())
	r.Commit("2023-01-01T09:00:00Z", map[string]string{
		"c/clean.yaml": "a\n", "c/modified.yaml": "a\n", "c/staged.yaml": "a\n", "c/sub dir/é.yaml": "a\n",
	})
	r.Write(map[string]string{"c/modified.yaml": "b\n", "c/staged.yaml": "b\n", "c/new.yaml": "n\n", "c/sub dir/é.yaml": "b\n"})
	r.Git("add", "c/staged.yaml")
	wantDays(t, read(t, filepath.Join(r.Dir, "c")), map[string]string{
		"clean.yaml": "2023-01-01", "modified.yaml": "", "staged.yaml": "", "new.yaml": "", "sub dir/é.yaml": "",
	})
}

func TestNoHistoryOutsideARepository(t *testing.T) {
	gittest.Isolate(t)
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	h, err := history.Read(dir)
	if h != nil || err != nil {
		t.Errorf("Read = %v, %v; want nil, nil", h, err)
	}
	if _, ok := h.Changed("site.yaml"); ok {
		t.Error("a nil History has a day")
	}
	// A repository without a commit.
	gittest.New(t, filepath.Join(dir, "repo"))
	h, err = history.Read(filepath.Join(dir, "repo"))
	if h != nil || err != nil {
		t.Errorf("Read of a repository with no commit = %v, %v; want nil, nil", h, err)
	}
}

func TestNoHistoryWithoutGit(t *testing.T) {
	gittest.Isolate(t)
	r := gittest.New(t, t.TempDir())
	r.Commit("2023-01-01T09:00:00Z", map[string]string{"a.yaml": "a\n"})
	t.Setenv("PATH", t.TempDir())
	h, err := history.Read(r.Dir)
	if h != nil || err != nil {
		t.Errorf("Read = %v, %v; want nil, nil", h, err)
	}
}

func TestShallowClonesHaveNoDays(t *testing.T) {
	gittest.Isolate(t)
	r := gittest.New(t, filepath.Join(t.TempDir(), "origin"))
	r.Commit("2023-01-01T09:00:00Z", map[string]string{"content/a.yaml": "a\n"})
	r.Commit("2023-02-01T09:00:00Z", map[string]string{"content/b.yaml": "b\n"})
	clone := r.ShallowClone(filepath.Join(t.TempDir(), "clone"))
	h, err := history.Read(filepath.Join(clone.Dir, "content"))
	if !errors.Is(err, history.ErrShallow) {
		t.Fatalf("Read: %v, want ErrShallow", err)
	}
	if h == nil || h.Prefix != "content/" {
		t.Fatalf("History %+v, want one with Prefix content/", h)
	}
	wantDays(t, h, map[string]string{"a.yaml": "", "b.yaml": ""})
}

func TestMissingFolderHasNoHistory(t *testing.T) {
	gittest.Isolate(t)
	h, err := history.Read(filepath.Join(t.TempDir(), "nowhere"))
	if h != nil || err != nil {
		t.Errorf("Read = %v, %v; want nil, nil", h, err)
	}
}

// TestAReaderReadsTheLogAgainOnlyAfterACommit: the days of a Reader's
// second read come from its first while HEAD stays; the status is read
// every time; a commit is seen at once.
func TestAReaderReadsTheLogAgainOnlyAfterACommit(t *testing.T) {
	gittest.Isolate(t)
	r := gittest.New(t, t.TempDir())
	r.Commit("2023-01-01T09:00:00Z", map[string]string{"a.yaml": "a\n", "b.yaml": "b\n"})
	var reader history.Reader
	read := func() *history.History {
		t.Helper()
		h, err := reader.Read(r.Dir)
		if err != nil || h == nil {
			t.Fatalf("Read = %v, %v", h, err)
		}
		return h
	}
	wantDays(t, read(), map[string]string{"a.yaml": "2023-01-01", "b.yaml": "2023-01-01"})
	r.Write(map[string]string{"a.yaml": "aa\n"})
	wantDays(t, read(), map[string]string{"a.yaml": "", "b.yaml": "2023-01-01"})
	r.Commit("2023-02-01T09:00:00Z", nil)
	wantDays(t, read(), map[string]string{"a.yaml": "2023-02-01", "b.yaml": "2023-01-01"})
	wantDays(t, read(), map[string]string{"a.yaml": "2023-02-01", "b.yaml": "2023-01-01"})
}
