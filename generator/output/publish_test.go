package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// TestReadersNeverMissThePublishedSiteDuringRebuilds: a web server
// reading the output folder while the site is rebuilt 20 times always
// finds a whole page of one build, never no page and never an empty or
// cut one.
func TestReadersNeverMissThePublishedSiteDuringRebuilds(t *testing.T) {
	const rebuilds = 20
	out := filepath.Join(t.TempDir(), "public")
	page := func(n int) []byte {
		head := fmt.Sprintf("<!-- build %02d -->\n", n)
		body := bytes.Repeat([]byte(fmt.Sprintf("<p>page of build %02d</p>\n", n)), 40)
		return append(append([]byte(head), body...), "</html>\n"...)
	}
	pages := make([][]byte, rebuilds+1)
	for n := range pages {
		pages[n] = page(n)
	}
	build := func(n int) {
		s := New()
		s.Add("index.html", pages[n])
		s.Add("units/a/index.html", pages[n])
		if err := s.WriteDir(out); err != nil {
			t.Fatalf("build %d: %v", n, err)
		}
	}
	build(0)

	var (
		stop   atomic.Bool
		reads  atomic.Int64
		mu     sync.Mutex
		misses []string
		wg     sync.WaitGroup
	)
	miss := func(format string, args ...any) {
		mu.Lock()
		misses = append(misses, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	index := filepath.Join(out, "index.html")
	// Many readers, each as cheap as a read can be, on more threads than
	// the machine has processors, as on a busy server: some reader is
	// opening the file at almost any moment of a rebuild, and a rebuild
	// may be held up at any point of its own.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(4, 2*runtime.NumCPU())))
	for range 16 {
		wg.Go(func() {
			buf := make([]byte, 2*len(pages[rebuilds]))
			for !stop.Load() {
				f, err := os.Open(index)
				if err != nil {
					miss("open: %v", err)
					continue
				}
				size, err := io.ReadFull(f, buf)
				f.Close()
				reads.Add(1)
				data := buf[:size]
				if err == io.ErrUnexpectedEOF {
					err = nil
				}
				switch n := buildOf(data); {
				case err != nil:
					miss("read: %v", err)
				case size == 0:
					miss("an empty index.html")
				case n < 0 || n > rebuilds:
					miss("index.html begins %q", data[:min(size, 20)])
				case !bytes.Equal(data, pages[n]):
					miss("index.html of build %d is not whole: %d bytes, want %d", n, size, len(pages[n]))
				}
			}
		})
	}
	for n := 1; n <= rebuilds; n++ {
		build(n)
	}
	stop.Store(true)
	wg.Wait()

	if len(misses) > 0 {
		t.Errorf("%d of %d reads during %d rebuilds missed the site; the first: %s",
			len(misses), reads.Load()+int64(len(misses)), rebuilds, misses[0])
	}
	if reads.Load() < rebuilds {
		t.Errorf("only %d reads during %d rebuilds; the readers did not run alongside them", reads.Load(), rebuilds)
	}
	if got, _ := os.ReadFile(index); !bytes.Equal(got, pages[rebuilds]) {
		t.Errorf("after the last rebuild index.html begins %q, want build %d", got[:min(len(got), 30)], rebuilds)
	}
}

// buildOf returns the number of the build in the first line of a page,
// -1 if it has none.
func buildOf(page []byte) int {
	rest, ok := bytes.CutPrefix(page, []byte("<!-- build "))
	if !ok || len(rest) < 2 || rest[0] < '0' || rest[0] > '9' || rest[1] < '0' || rest[1] > '9' {
		return -1
	}
	return int(rest[0]-'0')*10 + int(rest[1]-'0')
}

// TestAGoodBuildRemovesWhatKilledBuildsLeft: the staging folders of
// builds stopped part way, and a previous site moved aside, are removed
// by the next build; names that only look like them, and files, stay.
func TestAGoodBuildRemovesWhatKilledBuildsLeft(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	leftovers := []string{".public.new-1", ".public.new-4294967295", ".public.new-0815.old"}
	others := []string{
		".public.new-", ".public.new-12a", ".public.new-12.old.old", ".public.new-12345678901",
		".public.new-1.older", ".public.newer-1", "public.new-1", ".public2.new-1", ".pub.new-1",
		".other.new-1", "..public.new-1",
	}
	for _, name := range append(leftovers, others...) {
		if err := os.MkdirAll(filepath.Join(root, name, "units"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A file and a link with a leftover's name are not folders a build made.
	os.WriteFile(filepath.Join(root, ".public.new-2"), []byte("notes"), 0o644)
	os.Symlink(filepath.Join(root, "public.new-1"), filepath.Join(root, ".public.new-3"))
	others = append(others, ".public.new-2", ".public.new-3")

	for n := range 2 { // with no output folder yet, then with one
		s := New()
		s.Add("index.html", []byte{byte('0' + n)})
		if err := s.WriteDir(out); err != nil {
			t.Fatal(err)
		}
		for _, name := range leftovers {
			if _, err := os.Lstat(filepath.Join(root, name)); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("build %d: leftover %s was not removed (%v)", n, name, err)
			}
		}
		for _, name := range others {
			if _, err := os.Lstat(filepath.Join(root, name)); err != nil {
				t.Errorf("build %d: %s, which no build made, is gone: %v", n, name, err)
			}
		}
		if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != string(rune('0'+n)) {
			t.Errorf("build %d: index.html = %q", n, got)
		}
		os.MkdirAll(filepath.Join(root, leftovers[0]), 0o755)
	}
	entries, _ := os.ReadDir(root)
	if want := len(others) + 2; len(entries) != want { // others, public and the leftover made again
		t.Errorf("%d entries beside the output folder, want %d: %v", len(entries), want, entries)
	}
}

// TestTwoRenamesPutTheNewSiteInPlace is the fallback of systems that
// cannot exchange two folders: the old site is moved aside, the new one
// takes its name, and the old one is moved back if that fails.
func TestTwoRenamesPutTheNewSiteInPlace(t *testing.T) {
	root := t.TempDir()
	dir, tmp := filepath.Join(root, "public"), filepath.Join(root, ".public.new-1")
	old := tmp + oldSuffix
	write := func(folder, text string) {
		os.MkdirAll(folder, 0o755)
		os.WriteFile(filepath.Join(folder, "index.html"), []byte(text), 0o644)
	}
	read := func(folder string) string {
		data, _ := os.ReadFile(filepath.Join(folder, "index.html"))
		return string(data)
	}
	write(dir, "old")
	write(tmp, "new")
	if err := renameTwice(tmp, old, dir); err != nil {
		t.Fatal(err)
	}
	if read(dir) != "new" || read(old) != "old" {
		t.Errorf("after two renames %s holds %q and %s %q", dir, read(dir), old, read(old))
	}

	// The new site is gone: the second rename fails and the first is undone.
	os.RemoveAll(old)
	missing := filepath.Join(root, ".public.new-2")
	if err := renameTwice(missing, missing+oldSuffix, dir); err == nil {
		t.Fatal("no error renaming a missing folder")
	}
	if read(dir) != "new" {
		t.Errorf("after a failed second rename %s holds %q, want it back as it was", dir, read(dir))
	}
	if _, err := os.Stat(missing + oldSuffix); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the site moved aside is still aside: %v", err)
	}
}

// TestPublishExchangesAnExistingFolder: where the system can exchange two
// folders, the staging name holds the previous site right after, which
// publish then removes; elsewhere the fallback gives the same result.
func TestPublishExchangesAnExistingFolder(t *testing.T) {
	root := t.TempDir()
	dir, tmp := filepath.Join(root, "public"), filepath.Join(root, ".public.new-7")
	for folder, text := range map[string]string{dir: "old", tmp: "new"} {
		os.MkdirAll(folder, 0o755)
		os.WriteFile(filepath.Join(folder, "index.html"), []byte(text), 0o644)
	}
	err := exchange(tmp, dir)
	if errors.Is(err, errNoExchange) {
		t.Logf("no exchange here (%s): publish uses two renames", runtime.GOOS)
	} else if err != nil {
		t.Fatal(err)
	} else {
		if got, _ := os.ReadFile(filepath.Join(tmp, "index.html")); string(got) != "old" {
			t.Errorf("after the exchange the staging folder holds %q, want the old site", got)
		}
		exchange(tmp, dir) // back as they were
	}
	if err := publish(tmp, dir); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(got) != "new" {
		t.Errorf("published index.html = %q, want new", got)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("left beside the output folder: %v", entries)
	}
}
