//go:build windows

package site

import (
	"os"
	"path/filepath"
	"testing"
)

// TestEditDirOfWindowsPaths: a content folder given with backslashes is a
// path inside the repository; one with a drive, rooted at \ or reached
// through .. is not, and gives no "edit this page" link.
func TestEditDirOfWindowsPaths(t *testing.T) {
	for dir, want := range map[string]string{
		`content`:            "content",
		`.\content\`:         "content",
		`docs\content`:       "docs/content",
		`docs/content\`:      "docs/content",
		`C:\bloc\content`:    "",
		`c:/bloc/content`:    "",
		`C:content`:          "",
		`\bloc\content`:      "",
		`..\content`:         "",
		`\\server\share\c`:   "",
		`content\..\..\bloc`: "",
	} {
		if got := editDir(dir); got != want {
			t.Errorf("editDir(%q) = %q, want %q", dir, got, want)
		}
	}
}

// TestEditLinksOfAContentFolderGivenWithBackslashes: .\docs\content\ as
// given on Windows links a page to docs/content/units/<id>.yaml.
func TestEditLinksOfAContentFolderGivenWithBackslashes(t *testing.T) {
	t.Chdir(t.TempDir())
	const want = "https://git.example.org/bloc/report/blob/HEAD/docs/content/units/water-centre.yaml"
	if got := editLinkOf(t, filepath.Join("docs", "content"), `.\docs\content\`); got != want {
		t.Errorf("edit link %q, want %q", got, want)
	}
}

// TestBuildIntoAnOutputFolderGivenTheWindowsWay builds into ..\public,
// relative to the working folder, and into an absolute C:\...\public\
// with a trailing backslash: the site lands there, and a second build
// replaces the first.
func TestBuildIntoAnOutputFolderGivenTheWindowsWay(t *testing.T) {
	top := t.TempDir()
	work := filepath.Join(top, "work")
	content := filepath.Join(work, "content")
	for name, data := range editContent {
		writeFile(t, filepath.Join(content, filepath.FromSlash(name)), []byte(data))
	}
	t.Chdir(work)
	for out, where := range map[string]string{
		`..\public`:                      filepath.Join(top, "public"),
		filepath.Join(top, "site") + `\`: filepath.Join(top, "site"),
		`.\content\..\built`:             filepath.Join(work, "built"),
	} {
		for range 2 {
			buildDir(t, Options{Content: `.\content`, Out: out})
			if _, err := os.Stat(filepath.Join(where, "units", "water-centre", "index.html")); err != nil {
				t.Errorf("--out %s: %v", out, err)
			}
		}
	}
}
