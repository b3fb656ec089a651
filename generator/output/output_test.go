package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
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

// TestFilesAddedLaterAreMadeOnceWhenFirstOpened: a planned file is made by
// the first of many readers, once, and a failure is the error of every
// reader and of writing the site, which then leaves the folder alone.
func TestFilesAddedLaterAreMadeOnceWhenFirstOpened(t *testing.T) {
	s := New()
	var made atomic.Int32
	s.AddLater("index.html", func() ([]byte, error) {
		made.Add(1)
		return []byte("home"), nil
	})
	broken := errors.New("rendering units/a/index.html: template failed")
	s.AddLater("units/a/index.html", func() ([]byte, error) { return nil, broken })
	if made.Load() != 0 {
		t.Fatalf("made before it was opened")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if data, err := s.Bytes("index.html"); err != nil || string(data) != "home" {
				t.Errorf("Bytes = %q, %v; want home", data, err)
			}
		})
	}
	wg.Wait()
	if n := made.Load(); n != 1 {
		t.Errorf("made %d times, want once", n)
	}
	if !s.Has("units/a/index.html") || s.Has("units/b/index.html") {
		t.Errorf("Has does not tell the planned files")
	}
	if _, err := s.Open("units/a/index.html"); err != broken {
		t.Errorf("Open = %v, want the error of making it", err)
	}
	if _, err := s.Open("units/b/index.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing file = %v, want fs.ErrNotExist", err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := s.WriteDir(out); err != broken {
		t.Errorf("WriteDir = %v, want the error of making a file", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed WriteDir left %s behind", out)
	}
}

// A web server running as another user reads the site: the output folder
// is as readable as the folders inside it.
func TestOutputFolderIsReadableByOthers(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows folders have no permission bits")
	}
	out := filepath.Join(t.TempDir(), "public")
	s := New()
	s.Add("units/a/index.html", []byte("a"))
	if err := s.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{out, filepath.Join(out, "units")} {
		info, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm&0o005 != 0o005 {
			t.Errorf("%s has mode %v: others cannot read it", filepath.Base(dir), perm)
		}
	}
}
