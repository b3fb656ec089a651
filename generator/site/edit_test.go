package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// editContent is a content folder with a repository, so that pages link
// to their source files, and no activity, so that no chart needs ECharts.
var editContent = map[string]string{
	"site.yaml":               "title: Test Bloc\nrepository: https://github.com/bloc/report\n",
	"years/2023.yaml":         "year: 2023\n",
	"units/water-centre.yaml": "name: Water Centre\nstaff: {2023: 40}\n",
}

// editLinkOf builds the content folder written in the working folder at
// written, named to the build as given, and returns the "edit this page"
// address of the unit's page, or "" when it has none.
func editLinkOf(t *testing.T, written, given string) string {
	t.Helper()
	for name, data := range editContent {
		writeFile(t, filepath.Join(written, filepath.FromSlash(name)), []byte(data))
	}
	page := file(t, renderDir(t, Options{Content: given}), "units/water-centre/index.html")
	const prefix = `<a href="https://github.com/bloc/report/edit/main/`
	i := strings.Index(page, prefix)
	if i < 0 {
		return ""
	}
	link := page[i+len(`<a href="`):]
	return link[:strings.IndexByte(link, '"')]
}

// TestEditLinksNameTheSourceFileInsideTheRepository: however the content
// folder inside the working folder (the repository) is named, a page
// links to its file by its slash path from the repository's top; a
// folder given by an absolute path or above the working folder gives no
// link, since its place in the repository is not known.
func TestEditLinksNameTheSourceFileInsideTheRepository(t *testing.T) {
	const want = "https://github.com/bloc/report/edit/main/"
	tests := []struct{ written, given, want string }{
		{"content", "content", want + "content/units/water-centre.yaml"},
		{"content", "./content/", want + "content/units/water-centre.yaml"},
		{"content", "content/../content", want + "content/units/water-centre.yaml"},
		{"docs/content", "docs/content", want + "docs/content/units/water-centre.yaml"},
		{".", ".", want + "units/water-centre.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.given, func(t *testing.T) {
			t.Chdir(t.TempDir())
			if got := editLinkOf(t, tt.written, tt.given); got != tt.want {
				t.Errorf("edit link %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("absolute", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "content")
		if got := editLinkOf(t, dir, dir); got != "" {
			t.Errorf("edit link %q, want none", got)
		}
	})
	t.Run("above", func(t *testing.T) {
		top := t.TempDir()
		repo := filepath.Join(top, "repo")
		if err := os.Mkdir(repo, 0o755); err != nil {
			t.Fatal(err)
		}
		t.Chdir(repo)
		if got := editLinkOf(t, filepath.Join(top, "content"), filepath.Join("..", "content")); got != "" {
			t.Errorf("edit link %q, want none", got)
		}
	})
}

// TestEditDirIsTheContentFolderInsideTheRepository: the paths of this
// test are written as Linux and macOS take them; paths_windows_test.go
// has those of Windows.
func TestEditDirIsTheContentFolderInsideTheRepository(t *testing.T) {
	for dir, want := range map[string]string{
		"content":           "content",
		"./content/":        "content",
		"docs//content":     "docs/content",
		".":                 ".",
		"../content":        "",
		"content/../../x":   "",
		"/srv/bloc/content": "",
		"":                  "",
	} {
		if got := editDir(dir); got != want {
			t.Errorf("editDir(%q) = %q, want %q", dir, got, want)
		}
	}
}
