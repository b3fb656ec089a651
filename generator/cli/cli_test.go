package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportsite/generator/chartscript"
)

// run runs reportsite with args into buffers.
func run(args ...string) (stdout, stderr string, exit int) {
	var out, errOut bytes.Buffer
	cmd := &Command{Stdout: &out, Stderr: &errOut, Now: fixedNow}
	exit = cmd.Run(args)
	return out.String(), errOut.String(), exit
}

// writeFiles writes files (slash paths to contents) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestUsageErrorsExitWithStatus2AndExplain(t *testing.T) {
	content := t.TempDir()
	tests := []struct {
		name string
		args []string
		// wantErr are lines standard error must contain.
		wantErr []string
	}{
		{"no command", nil, []string{"Usage:", "reportsite check"}},
		{"unknown command", []string{"biuld"}, []string{`reportsite: unknown command "biuld"`, "Usage:"}},
		{"unknown flag", []string{"check", "--stirct"}, []string{"flag provided but not defined: -stirct", "Usage: reportsite check"}},
		{"unknown flag after a positional", []string{"new", "unit", "x", "--force"}, []string{"flag provided but not defined: -force"}},
		{"bad format", []string{"check", "--format", "xml"}, []string{`reportsite check: --format must be text, json or github, not "xml"`, "Usage: reportsite check"}},
		{"flag without its value", []string{"check", "--format"}, []string{"flag needs an argument: -format"}},
		{"check with an argument", []string{"check", "content"}, []string{`reportsite check: unexpected argument "content"`}},
		{"new without an ID", []string{"new", "unit"}, []string{"reportsite new: give the kind of file (unit or activity) and its ID, e.g. reportsite new unit centre-water"}},
		{"new with too many arguments", []string{"new", "unit", "a", "b"}, []string{"give the kind of file (unit or activity) and its ID"}},
		{"new with a bad kind", []string{"new", "page", "about", "--content", content}, []string{`reportsite new: cannot create a "page"; choose unit or activity`}},
		{"new with a name for an ID", []string{"new", "unit", "Trung tâm Khuyến nông", "--content", content},
			[]string{`reportsite new: "Trung tâm Khuyến nông" is not a valid ID: use lowercase letters a-z, digits and single hyphens, at most 64 characters, e.g. "trung-tam-khuyen-nong"`}},
		{"new with an underscore in the ID", []string{"new", "activity", "book_drive_2023", "--content", content},
			[]string{`"book_drive_2023" is not a valid ID`, `e.g. "book-drive-2023"`}},
		{"new with an ID too long", []string{"new", "unit", strings.Repeat("a", 65), "--content", content},
			[]string{"is not a valid ID", "at most 64 characters"}},
		{"new with a path for an ID", []string{"new", "unit", "../escape", "--content", content},
			[]string{`"../escape" is not a valid ID`, `e.g. "escape"`}},
		{"new in a missing content folder", []string{"new", "unit", "water-centre", "--content", filepath.Join(content, "missing")},
			[]string{`content folder "` + filepath.Join(content, "missing") + `" does not exist; name it with --content`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, exit := run(tt.args...)
			if exit != ExitUsage {
				t.Errorf("exit status %d, want %d", exit, ExitUsage)
			}
			if stdout != "" {
				t.Errorf("standard output should stay empty, got:\n%s", stdout)
			}
			for _, want := range tt.wantErr {
				if !strings.Contains(stderr, want) {
					t.Errorf("standard error lacks %q:\n%s", want, stderr)
				}
			}
		})
	}
	entries, err := os.ReadDir(content)
	if err != nil || len(entries) != 0 {
		t.Errorf("usage errors must not write anything; the content folder holds %v (%v)", entries, err)
	}
}

func TestHelpExitsWithStatus0(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"check", "-h"}, {"new", "--help"}} {
		_, _, exit := run(args...)
		if exit != ExitOK {
			t.Errorf("%q: exit status %d, want 0", args, exit)
		}
	}
}

func TestCheckPassesTheExampleContent(t *testing.T) {
	dir := filepath.Join("..", "..", "content")
	for _, args := range [][]string{{"check", "--content", dir}, {"check", "--strict", "--content", dir}} {
		stdout, stderr, exit := run(args...)
		if exit != ExitOK || stderr != "" {
			t.Errorf("%q: exit status %d, stderr %q; want 0 and nothing", args, exit, stderr)
		}
		lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
		if len(lines) != 1 || !strings.HasPrefix(lines[0], dir+": ") || !strings.HasSuffix(lines[0], " checked") {
			t.Errorf("%q: want only the summary line, got:\n%s", args, stdout)
		}
	}
}

func TestCheckJSONOfTheExampleContentIsEmpty(t *testing.T) {
	stdout, _, exit := run("check", "--format", "json", "--content", filepath.Join("..", "..", "content"))
	want := "{\n  \"diagnostics\": [],\n  \"errors\": 0,\n  \"warnings\": 0\n}\n"
	if exit != ExitOK || stdout != want {
		t.Errorf("exit status %d, output:\n%s\nwant 0 and:\n%s", exit, stdout, want)
	}
}

func TestCheckOfAMissingContentFolderIsAContentError(t *testing.T) {
	t.Chdir(t.TempDir())
	stdout, _, exit := run("check")
	want := "content: content folder does not exist; run in the folder that holds it or name it with --content\n1 error, 0 warnings\n"
	if exit != ExitContent || stdout != want {
		t.Errorf("exit status %d, output:\n%s\nwant 1 and:\n%s", exit, stdout, want)
	}
}

// TestNewUnitSkeletonNeedsOnlyAName follows an editor adding a unit: the
// skeleton "new" writes is refused by check only for its empty name, and
// accepted once the name is filled in, with at most the warning that the
// new unit took part in nothing yet.
func TestNewUnitSkeletonNeedsOnlyAName(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"content/site.yaml": "title: Test Bloc\n"})
	t.Chdir(dir)

	stdout, stderr, exit := run("new", "unit", "water-centre", "--content", "content")
	file := filepath.Join("content", "units", "water-centre.yaml")
	if exit != ExitOK || stderr != "" || stdout != "created "+file+"; fill in the required fields, then run reportsite check\n" {
		t.Fatalf("new: exit status %d\nstdout: %s\nstderr: %s", exit, stdout, stderr)
	}
	skeleton, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(skeleton), "e.g. {2024: 42}") {
		t.Errorf("the skeleton should show staff for the current year (2024) as an example:\n%s", skeleton)
	}
	if strings.Contains(string(skeleton), "2024: 0") {
		t.Errorf("the skeleton should not fill in a headcount of 0 that would be published:\n%s", skeleton)
	}

	stdout, _, exit = run("check")
	want := `content/units/water-centre.yaml:1:1: warning: unit "water-centre" took part in no activity; add its contributions or remove the unit
content/units/water-centre.yaml:2:1: name is required but empty; write its value after the colon
1 error, 1 warning
`
	if exit != ExitContent || stdout != want {
		t.Errorf("check of the skeleton: exit status %d, output:\n%s\nwant 1 and:\n%s", exit, stdout, want)
	}

	filled := strings.Replace(string(skeleton), "name:   ", "name: Water Centre", 1)
	if filled == string(skeleton) {
		t.Fatalf("the skeleton has no name line to fill:\n%s", skeleton)
	}
	if err := os.WriteFile(file, []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, exit = run("check")
	want = `content/units/water-centre.yaml:2:7: warning: unit "water-centre" took part in no activity; add its contributions or remove the unit
0 errors, 1 warning
content: 0 years, 1 unit, 0 activities checked
`
	if exit != ExitOK || stdout != want {
		t.Errorf("check of the filled skeleton: exit status %d, output:\n%s\nwant 0 and:\n%s", exit, stdout, want)
	}
}

// TestNewActivitySkeletonNeedsOnlyATitle is the same for an activity: it
// is filed under the current year, whose years/ file does not exist yet.
func TestNewActivitySkeletonNeedsOnlyATitle(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"content/site.yaml": "title: Test Bloc\n"})
	t.Chdir(dir)

	// The flags stand before the positional arguments this time.
	if _, stderr, exit := run("new", "--content", "content", "activity", "book-drive-2024"); exit != ExitOK {
		t.Fatalf("new: exit status %d: %s", exit, stderr)
	}
	stdout, _, exit := run("check")
	want := `content/activities/book-drive-2024.yaml:2:1: title is required but empty; write its value after the colon
content/activities/book-drive-2024.yaml:3:7: warning: there are activities in 2024 but no years/2024.yaml; create it to give the year its report page
1 error, 1 warning
`
	if exit != ExitContent || stdout != want {
		t.Errorf("check of the skeleton: exit status %d, output:\n%s\nwant 1 and:\n%s", exit, stdout, want)
	}
}

func TestNewRefusesToOverwriteAFile(t *testing.T) {
	dir := t.TempDir()
	original := "name: Water Centre\nstaff: {2023: 40}\n"
	writeFiles(t, dir, map[string]string{
		"content/site.yaml":               "title: Test Bloc\n",
		"content/units/water-centre.yaml": original,
	})
	content := filepath.Join(dir, "content")
	file := filepath.Join(content, "units", "water-centre.yaml")

	stdout, stderr, exit := run("new", "unit", "water-centre", "--content", content)
	if exit != ExitContent {
		t.Errorf("exit status %d, want %d", exit, ExitContent)
	}
	if stdout != "" {
		t.Errorf("standard output should stay empty, got %q", stdout)
	}
	want := "reportsite new: " + file + " already exists; it was left as it is (choose another ID or edit that file)\n"
	if stderr != want {
		t.Errorf("standard error:\n%s\nwant:\n%s", stderr, want)
	}
	if got, err := os.ReadFile(file); err != nil || string(got) != original {
		t.Errorf("the existing file changed to %q (%v)", got, err)
	}
}

func TestNewCreatesTheFolderOfItsKind(t *testing.T) {
	content := t.TempDir()
	if _, stderr, exit := run("new", "activity", "tet-gifts-2024", "--content", content); exit != ExitOK {
		t.Fatalf("exit status %d: %s", exit, stderr)
	}
	if _, err := os.Stat(filepath.Join(content, "activities", "tet-gifts-2024.yaml")); err != nil {
		t.Error(err)
	}
}

func TestVersionNamesReportsiteAndTheBundledLibraries(t *testing.T) {
	stdout, stderr, status := run("version")
	if status != ExitOK {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("version printed %q, want three lines", stdout)
	}
	if !strings.HasPrefix(lines[0], "reportsite ") || len(lines[0]) <= len("reportsite ") {
		t.Errorf("first line %q does not give reportsite's version", lines[0])
	}
	if _, err := chartscript.Script(); err != nil {
		if want := "ECharts: none, " + chartscript.ErrNotBundled.Error(); lines[1] != want {
			t.Errorf("without a chart script the second line is %q, want %q", lines[1], want)
		}
		if want := "MiniSearch: none, " + chartscript.ErrNotBundled.Error(); lines[2] != want {
			t.Errorf("without a search script the third line is %q, want %q", lines[2], want)
		}
		return
	}
	// The versions the bundles embed are those package-lock.json pins.
	data, err := os.ReadFile("../../package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	if err := json.Unmarshal(data, &lock); err != nil {
		t.Fatal(err)
	}
	pinned := lock.Packages["node_modules/echarts"].Version
	if pinned == "" {
		t.Fatal("package-lock.json pins no echarts")
	}
	if want := "ECharts " + pinned; lines[1] != want {
		t.Errorf("second line %q, want %q", lines[1], want)
	}
	if want := "MiniSearch " + lock.Packages["node_modules/minisearch"].Version; lines[2] != want || want == "MiniSearch " {
		t.Errorf("third line %q, want %q", lines[2], want)
	}
	if _, _, status := run("version", "extra"); status != ExitUsage {
		t.Errorf("version with an argument: status %d, want %d", status, ExitUsage)
	}
}
