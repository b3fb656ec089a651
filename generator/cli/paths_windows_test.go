//go:build windows

package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// windowsContent is a content folder with one mistake, on line 2.
var windowsContent = map[string]string{
	"content/site.yaml":               "title: Test Bloc\nlanguage: fr\n",
	"content/years/2023.yaml":         "year: 2023\n",
	"content/units/water-centre.yaml": "name: Water Centre\nstaff: {2023: 40}\n",
}

// TestCheckNamesFilesWithSlashesOnWindows: check --content C:\...\content
// (the absolute path, with its drive) and --content .\content\ print the
// folder as given with / between every folder, never a mix of \ and /.
func TestCheckNamesFilesWithSlashesOnWindows(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, windowsContent)
	t.Chdir(dir)
	abs := filepath.Join(dir, "content")
	if filepath.VolumeName(abs) == "" {
		t.Fatalf("the temporary folder %s has no drive", abs)
	}
	const message = `:2:11: language "fr" is not allowed; write one of: en, vi, pt` + "\n1 error, 0 warnings\n"
	for given, shown := range map[string]string{
		abs:          filepath.ToSlash(abs),
		`.\content\`: "content",
		`content`:    "content",
	} {
		stdout, stderr, exit := run("check", "--content", given)
		if want := shown + "/site.yaml" + message; exit != ExitContent || stderr != "" || stdout != want {
			t.Errorf("check --content %s: exit status %d, stderr %q, output:\n%s\nwant 1 and:\n%s", given, exit, stderr, stdout, want)
		}
	}
}

// TestBuildFromAndToFoldersGivenTheWindowsWay: build --content with a
// drive and backslashes, --out ..\public relative to the working folder.
func TestBuildFromAndToFoldersGivenTheWindowsWay(t *testing.T) {
	top := t.TempDir()
	work := filepath.Join(top, "work")
	writeFiles(t, work, map[string]string{
		"content/site.yaml":               "title: Test Bloc\n",
		"content/years/2023.yaml":         "year: 2023\n",
		"content/units/water-centre.yaml": "name: Water Centre\nstaff: {2023: 40}\n",
	})
	t.Chdir(work)
	_, stderr, exit := run("build", "--content", filepath.Join(work, "content"), "--out", `..\public`)
	if exit != ExitOK {
		t.Fatalf("build: exit status %d\n%s", exit, stderr)
	}
	if _, err := os.Stat(filepath.Join(top, "public", "units", "water-centre", "index.html")); err != nil {
		t.Error(err)
	}
}
