package browsertest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"reportsite/generator/chartscript"
)

// TestBinaryAloneMakesASiteThatDraws runs reportsite as a bloc does, in a
// repository of its own: the binary alone, started in an empty folder
// with no Node.js or npm on the PATH and an empty home. There it writes a
// new repository (init), checks it, builds it, and the pages it built
// draw their charts from disk with no console errors and no request
// leaving the site.
func TestBinaryAloneMakesASiteThatDraws(t *testing.T) {
	browser(t)
	if _, err := chartscript.Script(); err != nil {
		t.Fatalf("%v (the browser tests need the bundled chart script)", err)
	}
	binDir := t.TempDir()
	binary := filepath.Join(binDir, "reportsite")
	build := exec.Command("go", "build", "-o", binary, "../../cmd/reportsite")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	work, home := t.TempDir(), t.TempDir()
	env := []string{"PATH=" + binDir, "HOME=" + home}
	for _, tool := range []string{"node", "npm"} {
		if p := lookPathIn(binDir, tool); p != "" {
			t.Fatalf("%s is on the test's PATH: %s", tool, p)
		}
	}
	reportsite := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(binary, args...)
		cmd.Dir, cmd.Env = work, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("reportsite %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	for _, lang := range []string{"vi", "en", "pt"} {
		t.Run(lang, func(t *testing.T) {
			repo := "bloc-" + lang
			reportsite("init", repo, "--language", lang)
			content := filepath.Join(repo, "content")
			reportsite("check", "--content", content, "--strict")
			out := reportsite("build", "--content", content, "--out", filepath.Join(repo, "public"), "--strict")
			if !strings.Contains(out, "0 warnings") {
				t.Errorf("build --strict of a new repository: %s", out)
			}
			dir := filepath.Join(work, repo, "public")
			if _, err := os.Stat(filepath.Join(dir, chartscript.Path)); err != nil {
				t.Fatalf("the built site has no chart script: %v", err)
			}
			inSite := func(url string) bool { return strings.HasPrefix(url, "file://"+dir+"/") }
			var drawn int
			for _, page := range builtPages(t, dir) {
				tb := openTab(t, inSite)
				tb.load("file://"+filepath.ToSlash(filepath.Join(dir, page)), desktopWidth, desktopHeight)
				tb.scrollAndDraw()
				drawn += len(tb.charts())
				if len(tb.charts()) > 0 {
					tb.assertChartsDrawn(page)
				}
				tb.assertClean(page)
			}
			if drawn == 0 {
				t.Error("no page of the new repository's site has a chart")
			}
			t.Logf("%d charts drawn", drawn)
		})
	}
}

// builtPages lists the HTML pages under dir, slash-separated.
func builtPages(t *testing.T, dir string) []string {
	t.Helper()
	var list []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		list = append(list, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// lookPathIn returns the path of the program name in the folder list
// path, or "".
func lookPathIn(path, name string) string {
	for _, dir := range filepath.SplitList(path) {
		if info, err := os.Stat(filepath.Join(dir, name)); err == nil && !info.IsDir() {
			return filepath.Join(dir, name)
		}
	}
	return ""
}
