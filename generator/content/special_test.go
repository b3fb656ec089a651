//go:build unix

package content_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"reportsite/generator/content"
	"reportsite/generator/diag"
)

// TestFilesThatAreNotRegularAreRefused: a named pipe and a link to a
// folder, given the name of a unit's file, are each refused with a
// message, and reading them does not wait for anything (opening a named
// pipe for reading would wait for a writer).
func TestFilesThatAreNotRegularAreRefused(t *testing.T) {
	f := newFolder(t)
	f.write("site.yaml", "title: Bloc\n")
	f.write("units/centre.yaml", "name: Centre\n")
	if err := os.MkdirAll(f.path("media/photos"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(f.path("units/pipe.yaml"), 0o644); err != nil {
		t.Skip("cannot make a named pipe here:", err)
	}
	f.symlink("../media/photos", "units/folder-link.yaml")

	done := make(chan []diag.Diagnostic, 1)
	go func() {
		var diags diag.List
		content.Load(f.dir, &diags)
		done <- diags.Items()
	}()
	var got []diag.Diagnostic
	select {
	case got = <-done:
	case <-time.After(time.Minute):
		t.Fatal("loading a folder with a named pipe did not finish: the pipe was opened waiting for a writer")
	}
	want := map[string]string{
		filepath.Join(f.dir, "units", "folder-link.yaml"): "units/folder-link.yaml is not a regular file",
		filepath.Join(f.dir, "units", "pipe.yaml"):        "units/pipe.yaml is not a regular file",
	}
	for _, d := range got {
		if msg, ok := want[d.Pos.File]; ok && d.Message == msg && d.Severity == diag.Error {
			delete(want, d.Pos.File)
			continue
		}
		t.Errorf("unexpected diagnostic: %s", d)
	}
	for file, msg := range want {
		t.Errorf("no error %q for %s; got:\n%s", msg, file, listed(got))
	}
}
