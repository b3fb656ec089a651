package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// exampleCopy copies the example site into a new temporary folder, so
// that a test may break it, and returns the copy.
func exampleCopy(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	files := map[string]string{}
	err := filepath.WalkDir("../../content", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(name)
		rel, _ := filepath.Rel("../../content", name)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, files)
	return dir
}

// snapshot returns every file under dir by its slash path, nil when dir
// does not exist.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return nil
	}
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(name)
		rel, _ := filepath.Rel(dir, name)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameFiles reports every difference between two snapshots.
func sameFiles(t *testing.T, before, after map[string][]byte) {
	t.Helper()
	for name, data := range before {
		got, ok := after[name]
		switch {
		case !ok:
			t.Errorf("%s was removed", name)
		case !bytes.Equal(got, data):
			t.Errorf("%s was changed", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok {
			t.Errorf("%s was added", name)
		}
	}
}

// noLeftovers checks that the folder holding out has nothing but out: no
// half-written or set-aside copy of a build.
func noLeftovers(t *testing.T, out string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(out) {
			t.Errorf("the build left %s beside %s", e.Name(), out)
		}
	}
}

// build runs "reportsite build" with args, failing the test unless it
// succeeds.
func build(t *testing.T, args ...string) (stdout string) {
	t.Helper()
	stdout, stderr, exit := run(append([]string{"build"}, args...)...)
	if exit != ExitOK {
		t.Fatalf("build %s: exit status %d\n%s", strings.Join(args, " "), exit, stderr)
	}
	return stdout
}

var closingLine = regexp.MustCompile(`^built (\d+) pages, (\d+) charts?, 0 warnings in (\d+ms|\d+(\.\d+)?s) → (.+)\n$`)

func TestBuildEndsWithOneClosingLine(t *testing.T) {
	content := exampleCopy(t)
	out := filepath.Join(t.TempDir(), "public")
	stdout, stderr, exit := run("build", "--content", content, "--out", out)
	if exit != ExitOK {
		t.Fatalf("exit status %d, want %d\n%s", exit, ExitOK, stderr)
	}
	if stderr != "" {
		t.Errorf("standard error should stay empty when not on a terminal, got:\n%s", stderr)
	}
	m := closingLine.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("standard output is not one closing line \"built N pages, N charts, 0 warnings in Nms → OUT\":\n%q", stdout)
	}
	if m[5] != out {
		t.Errorf("the closing line names %q, want the output folder %q", m[5], out)
	}

	// The counts are those of the files written.
	pages, charts := 0, 0
	for name, data := range snapshot(t, out) {
		if strings.HasSuffix(name, ".html") {
			pages++
			charts += bytes.Count(data, []byte(`data-chart="`))
		}
	}
	count := func(pattern string) int {
		matches, err := filepath.Glob(filepath.Join(content, pattern))
		if err != nil {
			t.Fatal(err)
		}
		return len(matches)
	}
	// home, years, units index and units, activities index and
	// activities, search, 404.
	wantPages := 1 + count("years/*.yaml") + 1 + count("units/*.yaml") + 1 + count("activities/*.yaml") + 1 + 1
	if pages != wantPages {
		t.Errorf("the build wrote %d pages, want %d", pages, wantPages)
	}
	if got, _ := strconv.Atoi(m[1]); got != pages {
		t.Errorf("the closing line counts %d pages, the build wrote %d", got, pages)
	}
	if got, _ := strconv.Atoi(m[2]); got != charts {
		t.Errorf("the closing line counts %d charts, the pages hold %d", got, charts)
	}
}

func TestBuildReplacesItsOwnPreviousOutput(t *testing.T) {
	content := exampleCopy(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, "--content", content, "--out", out)
	first := snapshot(t, out)
	// A page of a unit that has since been removed must not survive.
	writeFiles(t, out, map[string]string{"units/gone/index.html": "old"})
	build(t, "--content", content, "--out", out)
	sameFiles(t, first, snapshot(t, out))
	noLeftovers(t, out)
}

func TestFailedBuildLeavesThePreviousSiteUntouched(t *testing.T) {
	tests := []struct {
		name string
		// breaks the content folder, or fills the templates folder, and
		// returns the arguments to add to the build.
		breaks func(t *testing.T, content, templates string) []string
		// wantErr are texts standard error must contain; "TEMPLATES" stands
		// for the templates folder.
		wantErr []string
	}{
		{
			name: "unknown field",
			breaks: func(t *testing.T, content, _ string) []string {
				appendTo(t, filepath.Join(content, "units", "aquaculture-centre.yaml"), "colour: blue\n")
				return nil
			},
			wantErr: []string{filepath.Join("units", "aquaculture-centre.yaml") + ":", `unknown field "colour"`, "1 error"},
		},
		{
			name: "javascript website",
			breaks: func(t *testing.T, content, _ string) []string {
				appendTo(t, filepath.Join(content, "units", "aquaculture-centre.yaml"), "website: javascript:alert(1)\n")
				return nil
			},
			wantErr: []string{filepath.Join("units", "aquaculture-centre.yaml") + ":", `website "javascript:alert(1)" is not allowed`},
		},
		{
			name: "template using a field pages lack",
			breaks: func(t *testing.T, _, templates string) []string {
				writeFiles(t, templates, map[string]string{"year.html": "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n{{.Nope}}\n{{end}}\n"})
				return []string{"--templates", templates}
			},
			wantErr: []string{filepath.Join("TEMPLATES", "year.html"), "year.html:3", "Nope"},
		},
		{
			name: "template syntax error",
			breaks: func(t *testing.T, _, templates string) []string {
				writeFiles(t, templates, map[string]string{"year.html": "{{define \"main\"}}\n{{if}}\n{{end}}\n"})
				return []string{"--templates", templates}
			},
			wantErr: []string{filepath.Join("TEMPLATES", "year.html"), "year.html:2"},
		},
		{
			name: "template that replaces nothing",
			breaks: func(t *testing.T, _, templates string) []string {
				writeFiles(t, templates, map[string]string{"yaer.html": "{{define \"main\"}}{{end}}\n"})
				return []string{"--templates", templates}
			},
			wantErr: []string{filepath.Join("TEMPLATES", "yaer.html") + ": replaces no default template"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := exampleCopy(t)
			templates := filepath.Join(t.TempDir(), "templates")
			out := filepath.Join(t.TempDir(), "public")
			build(t, "--content", content, "--out", out)
			before := snapshot(t, out)

			args := append([]string{"build", "--content", content, "--out", out}, tt.breaks(t, content, templates)...)
			stdout, stderr, exit := run(args...)
			if exit != ExitContent {
				t.Errorf("exit status %d, want %d", exit, ExitContent)
			}
			if stdout != "" {
				t.Errorf("standard output should stay empty, got:\n%s", stdout)
			}
			for _, w := range tt.wantErr {
				w = strings.ReplaceAll(w, "TEMPLATES", templates)
				if !strings.Contains(stderr, w) {
					t.Errorf("standard error lacks %q:\n%s", w, stderr)
				}
			}
			if want := "nothing was written; " + out + " is as it was"; !strings.Contains(stderr, want) {
				t.Errorf("standard error lacks %q:\n%s", want, stderr)
			}
			sameFiles(t, before, snapshot(t, out))
			noLeftovers(t, out)
		})
	}
}

func appendTo(t *testing.T, name, text string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, append(data, text...), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestBuildRefusesAnOutputFolderItDidNotCreate(t *testing.T) {
	content := exampleCopy(t)
	t.Run("folder with somebody's files", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "Documents")
		writeFiles(t, out, map[string]string{"thesis.docx": "four years of work", "notes/todo.txt": "finish"})
		before := snapshot(t, out)
		stdout, stderr, exit := run("build", "--content", content, "--out", out)
		if exit != ExitContent {
			t.Errorf("exit status %d, want %d", exit, ExitContent)
		}
		if stdout != "" {
			t.Errorf("standard output should stay empty, got:\n%s", stdout)
		}
		for _, w := range []string{"not created by reportsite", out + " holds files but no .reportsite-output file", "choose another --out"} {
			if !strings.Contains(stderr, w) {
				t.Errorf("standard error lacks %q:\n%s", w, stderr)
			}
		}
		sameFiles(t, before, snapshot(t, out))
		noLeftovers(t, out)
	})
	t.Run("a file", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "public")
		writeFiles(t, filepath.Dir(out), map[string]string{"public": "not a folder"})
		_, stderr, exit := run("build", "--content", content, "--out", out)
		if exit != ExitContent {
			t.Errorf("exit status %d, want %d", exit, ExitContent)
		}
		if !strings.Contains(stderr, out+" is a file, not a folder") {
			t.Errorf("standard error does not say %s is a file:\n%s", out, stderr)
		}
		if data, err := os.ReadFile(out); err != nil || string(data) != "not a folder" {
			t.Errorf("the file was changed: %q, %v", data, err)
		}
	})
	t.Run("empty folder", func(t *testing.T) {
		out := t.TempDir()
		build(t, "--content", content, "--out", out)
		if _, err := os.Stat(filepath.Join(out, ".reportsite-output")); err != nil {
			t.Errorf("the build into an empty folder left no marker: %v", err)
		}
	})
}

func TestBuildUsageErrorsExitWithStatus2(t *testing.T) {
	content := exampleCopy(t)
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"base URL without a scheme", []string{"--base-url", "reports.example.org/bloc/"}, "--base-url must be an http or https address"},
		{"base URL of another scheme", []string{"--base-url", "ftp://reports.example.org/bloc/"}, "--base-url must be an http or https address"},
		{"base URL without a host", []string{"--base-url", "https:///bloc/"}, "--base-url must be an http or https address"},
		{"javascript base URL", []string{"--base-url", "javascript:alert(1)"}, "--base-url must be an http or https address"},
		{"an extra argument", []string{"public"}, `reportsite build: unexpected argument "public"`},
		{"an unknown flag", []string{"--output", "site"}, "flag provided but not defined: -output"},
		{"a flag without its value", []string{"--out"}, "flag needs an argument: -out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			args := append([]string{"build", "--content", content, "--out", out}, tt.args...)
			stdout, stderr, exit := run(args...)
			checkUsageError(t, "build", stdout, stderr, exit, tt.wantErr)
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("a usage error created %s", out)
			}
		})
	}
}

// checkUsageError asserts what a command-line mistake must give: exit
// status 2, nothing on standard output, the message and the command's
// usage on standard error.
func checkUsageError(t *testing.T, command, stdout, stderr string, exit int, wantErr string) {
	t.Helper()
	if exit != ExitUsage {
		t.Errorf("exit status %d, want %d", exit, ExitUsage)
	}
	if stdout != "" {
		t.Errorf("standard output should stay empty, got:\n%s", stdout)
	}
	if !strings.Contains(stderr, wantErr) {
		t.Errorf("standard error lacks %q:\n%s", wantErr, stderr)
	}
	if !strings.Contains(stderr, "Usage: reportsite "+command) {
		t.Errorf("standard error does not show the usage:\n%s", stderr)
	}
}

// TestBuildLineCountsPhotosAndTheCache: with photos, the closing line
// says how many were resized and how many came from the cache, which a
// second build fills from.
func TestBuildLineCountsPhotosAndTheCache(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"content/site.yaml":               "title: Test Bloc\n",
		"content/years/2023.yaml":         "year: 2023\n",
		"content/units/water-centre.yaml": "name: Water Centre\nstaff: {2023: 40}\n",
		"content/activities/drive-2023.yaml": "title: Drive 2023\nyear: 2023\ncontributions:\n  - {unit: water-centre, participants: 12}\n" +
			"photos:\n  - {file: media/drive.jpg, caption: The drive}\n",
		"content/media/drive.jpg": smallJPEG(t),
	})
	content, out := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	for _, want := range []string{"1 photo (1 resized, 0 from the cache), 0 warnings", "1 photo (0 resized, 1 from the cache), 0 warnings"} {
		if stdout := build(t, "--content", content, "--out", out); !strings.Contains(stdout, want) {
			t.Errorf("closing line %q lacks %q", stdout, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".reportsite-cache", "photos")); err != nil {
		t.Errorf("no cache beside the content folder: %v", err)
	}
}
