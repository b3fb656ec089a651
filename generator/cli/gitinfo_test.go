package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportsite/generator/history/gittest"
)

// gitContent is a small content folder with no activity, so that no page
// needs the chart script.
var gitContent = map[string]string{
	"content/site.yaml":       "title: Test Bloc\nrepository: https://codeberg.org/bloc/report\nbranch: trunk\n",
	"content/years/2024.yaml": "year: 2024\n",
}

func readPage(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestBuildShowsDatesFromGitUnlessToldNot(t *testing.T) {
	gittest.Isolate(t)
	r := gittest.New(t, filepath.Join(t.TempDir(), "repo"))
	r.Commit("2024-01-16T10:00:00+07:00", gitContent)
	content := filepath.Join(r.Dir, "content")

	out := filepath.Join(t.TempDir(), "public")
	_, stderr, exit := run("build", "--content", content, "--out", out)
	if exit != 0 || stderr != "" {
		t.Fatalf("build: exit %d, stderr %q", exit, stderr)
	}
	home := readPage(t, filepath.Join(out, "index.html"))
	if !strings.Contains(home, `<time datetime="2024-01-16">16 January 2024</time>`) {
		t.Error("the home page does not show the day of the commit")
	}
	if !strings.Contains(home, `href="https://codeberg.org/bloc/report/_edit/trunk/content/site.yaml"`) {
		t.Error("the home page does not link to site.yaml's edit page on Codeberg")
	}

	_, stderr, exit = run("build", "--content", content, "--out", out, "--no-git-info")
	if exit != 0 || stderr != "" {
		t.Fatalf("build --no-git-info: exit %d, stderr %q", exit, stderr)
	}
	if home := readPage(t, filepath.Join(out, "index.html")); strings.Contains(home, "<time") {
		t.Error("build --no-git-info shows a date")
	}
}

func TestBuildInAShallowCloneSaysSoOnce(t *testing.T) {
	gittest.Isolate(t)
	r := gittest.New(t, filepath.Join(t.TempDir(), "repo"))
	r.Commit("2024-01-16T10:00:00+07:00", gitContent)
	r.Commit("2024-02-16T10:00:00+07:00", map[string]string{"content/years/2024.yaml": "year: 2024\nmotto: Solidarity\n"})
	clone := r.ShallowClone(filepath.Join(t.TempDir(), "clone"))
	content := filepath.Join(clone.Dir, "content")
	out := filepath.Join(t.TempDir(), "public")

	_, stderr, exit := run("build", "--content", content, "--out", out)
	const notice = "notice: shallow clone: page dates left out; fetch the full history to show them\n"
	if exit != 0 || stderr != notice {
		t.Errorf("build: exit %d, stderr %q; want 0 and %q", exit, stderr, notice)
	}
	if home := readPage(t, filepath.Join(out, "index.html")); strings.Contains(home, "<time") {
		t.Error("a shallow clone shows a date")
	}
	// --strict does not turn the notice into an error.
	if _, _, exit := run("build", "--content", content, "--out", out, "--strict"); exit != 0 {
		t.Errorf("build --strict in a shallow clone: exit %d", exit)
	}
	if _, stderr, _ := run("build", "--content", content, "--out", out, "--no-git-info"); stderr != "" {
		t.Errorf("build --no-git-info in a shallow clone: stderr %q", stderr)
	}
}

func TestNoGitInfoIsInTheHelp(t *testing.T) {
	for _, command := range []string{"build", "serve"} {
		_, stderr, _ := run(command, "-h")
		if !strings.Contains(stderr, "[--no-git-info]") || !strings.Contains(stderr, "-no-git-info") {
			t.Errorf("reportsite %s -h does not offer --no-git-info:\n%s", command, stderr)
		}
	}
	if stdout, _, _ := run("help"); strings.Count(stdout, "[--no-git-info]") != 2 {
		t.Errorf("the usage does not give --no-git-info for build and serve:\n%s", stdout)
	}
}
