package serve

import (
	"path/filepath"
	"strings"
	"testing"

	"reportsite/generator/history/gittest"
)

// TestServeShowsDatesUntilAFileIsChanged: with GitInfo, pages show the
// day of their last commit; a save leaves the pages of the changed file
// undated, as it is not committed, and the others as they were.
func TestServeShowsDatesUntilAFileIsChanged(t *testing.T) {
	gittest.Isolate(t)
	repo := gittest.New(t, filepath.Join(t.TempDir(), "repo"))
	repo.Commit("2024-01-16T10:00:00+07:00", map[string]string{
		"content/site.yaml":       "title: Test Bloc\n",
		"content/years/2023.yaml": "year: 2023\n",
		"content/years/2025.yaml": "year: 2025\n",
	})
	dir := filepath.Join(repo.Dir, "content")
	r := start(t, Options{Content: dir, GitInfo: true})
	const day = `<time datetime="2024-01-16">`
	for _, page := range []string{"/", "/2023/", "/2025/"} {
		if _, body, _ := r.get(t, page); !strings.Contains(body, day) {
			t.Errorf("GET %s: no %s", page, day)
		}
	}
	events := r.listen(t)
	before := events.last
	edit(t, filepath.Join(dir, "years", "2025.yaml"), "year: 2025\n", "year: 2025\nmotto: Solidarity\n")
	events.until(t, "the new build", func() bool { return events.last != before })
	for page, dated := range map[string]bool{"/": false, "/2023/": true, "/2025/": false} {
		if _, body, _ := r.get(t, page); strings.Contains(body, day) != dated {
			t.Errorf("GET %s after the save: dated %v, want %v", page, !dated, dated)
		}
	}
}
