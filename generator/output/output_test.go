package output

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteDirReplacesItsOwnFolderInOneSwap(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first := New()
	first.Add("index.html", []byte("one"))
	first.Add("units/a/index.html", []byte("a"))
	if err := first.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	second := New()
	second.Add("index.html", []byte("two"))
	if err := second.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != "two" {
		t.Errorf("index.html = %q, want two", got)
	}
	if _, err := os.Stat(filepath.Join(out, "units")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file of the previous build survived: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("temporary folders left beside the output: %v", entries)
	}
}

func TestWriteDirRefusesAFolderItDidNotCreate(t *testing.T) {
	out := t.TempDir()
	precious := filepath.Join(out, "thesis.docx")
	os.WriteFile(precious, []byte("years of work"), 0o644)
	s := New()
	s.Add("index.html", []byte("x"))
	err := s.WriteDir(out)
	if !errors.Is(err, ErrNotOurs) {
		t.Fatalf("err = %v, want ErrNotOurs", err)
	}
	if got, _ := os.ReadFile(precious); string(got) != "years of work" {
		t.Error("the folder's file was touched")
	}
}

func TestWriteDirAcceptsAnEmptyFolder(t *testing.T) {
	out := t.TempDir()
	s := New()
	s.Add("index.html", []byte("x"))
	if err := s.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
		t.Errorf("marker missing: %v", err)
	}
}

func TestCopiedFilesAreWritten(t *testing.T) {
	src := filepath.Join(t.TempDir(), "photo.jpg")
	os.WriteFile(src, []byte("jpeg"), 0o644)
	out := filepath.Join(t.TempDir(), "site")
	s := New()
	s.AddCopy("media/photo.jpg", src)
	if err := s.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "media", "photo.jpg")); string(got) != "jpeg" {
		t.Errorf("copied file = %q", got)
	}
}

func TestAddingAPathTwicePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	s := New()
	s.Add("a.html", nil)
	s.Add("a.html", nil)
}

func TestRel(t *testing.T) {
	for name, want := range map[string]string{
		"index.html":                "",
		"2023/index.html":           "../",
		"units/a/index.html":        "../../",
		"activities/x/index.html":   "../../",
		"data/2023/activities.json": "../../",
	} {
		if got := Rel(name); got != want {
			t.Errorf("Rel(%q) = %q, want %q", name, got, want)
		}
	}
}
