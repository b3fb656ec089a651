package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"reportsite/generator/scaffold"
)

func TestInitWritesARepositoryThatPassesStrictCheckAndBuild(t *testing.T) {
	for _, lang := range []string{"en", "vi", "pt"} {
		t.Run(lang, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "bloc-report")
			stdout, stderr, exit := run("init", dir, "--language", lang)
			if exit != ExitOK {
				t.Fatalf("init exited with %d:\n%s%s", exit, stdout, stderr)
			}
			year := filepath.Join(dir, "content", "years", "2024.yaml") // fixedNow's year
			if _, err := os.Stat(year); err != nil {
				t.Errorf("no year file for the clock's year: %v", err)
			}
			var site struct{ Language string }
			data, _ := os.ReadFile(filepath.Join(dir, "content", "site.yaml"))
			if err := yaml.Unmarshal(data, &site); err != nil || site.Language != lang {
				t.Errorf("site.yaml says language %q (%v), want %q", site.Language, err, lang)
			}
			content := filepath.Join(dir, "content")
			stdout, stderr, exit = run("check", "--content", content, "--strict")
			if exit != ExitOK || strings.Contains(stdout+stderr, "warning") || !strings.Contains(stdout, "1 year, 1 unit, 1 activity checked") {
				t.Errorf("check --strict exited with %d:\n%s%s", exit, stdout, stderr)
			}
			out := filepath.Join(t.TempDir(), "public")
			stdout, stderr, exit = run("build", "--content", content, "--out", out, "--strict", "--base-url", "https://example.org/bloc/")
			if exit != ExitOK || !strings.Contains(stdout, " 0 warnings ") {
				t.Errorf("build --strict exited with %d:\n%s%s", exit, stdout, stderr)
			}
			if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
				t.Errorf("the build wrote no index.html: %v", err)
			}
		})
	}
}

func TestInitListsWhatItWroteAndWhatToDoNext(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	stdout, stderr, exit := run("init", dir)
	if exit != ExitOK {
		t.Fatalf("exit %d: %s", exit, stderr)
	}
	list, err := scaffold.Files(scaffold.Options{Language: "en", Year: 2024})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range list {
		if !strings.Contains(stdout, "  "+f.Path+"\n") {
			t.Errorf("the output does not list %s:\n%s", f.Path, stdout)
		}
	}
	for _, want := range []string{"reportsite check", "reportsite serve", "README.md"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the next steps do not mention %s:\n%s", want, stdout)
		}
	}
	// A test binary is no release: the CI files get the placeholder, and
	// init says so.
	ci, _ := os.ReadFile(filepath.Join(dir, ".github", "workflows", "report.yml"))
	placeholder := strings.Contains(string(ci), "REPORTSITE_VERSION: "+scaffold.PlaceholderVersion)
	warned := strings.Contains(stderr, "warning:") && strings.Contains(stderr, "REPORTSITE_VERSION")
	if placeholder != warned || strings.Count(stderr, "\n") > 1 {
		t.Errorf("placeholder version %v but warning %q; want one line exactly when the version is a placeholder", placeholder, stderr)
	}
}

func TestInitNeverOverwritesAFile(t *testing.T) {
	for _, existing := range []string{"content/site.yaml", "README.md", ".gitignore", "schema/unit.schema.json", "publish.sh"} {
		t.Run(existing, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"LICENSE": "licence", existing: "the editor's own\n"})
			before := snapshot(t, dir)
			stdout, stderr, exit := run("init", dir, "--language", "vi")
			if exit != ExitContent {
				t.Errorf("exit %d, want %d", exit, ExitContent)
			}
			if !strings.Contains(stderr, filepath.Join(dir, filepath.FromSlash(existing))+" already exists") || !strings.Contains(stderr, "nothing was written") {
				t.Errorf("standard error does not name %s:\n%s", existing, stderr)
			}
			if stdout != "" {
				t.Errorf("standard output should stay empty:\n%s", stdout)
			}
			sameFiles(t, before, snapshot(t, dir))
		})
	}
}

func TestInitWritesIntoAClonedRepository(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"LICENSE": "licence", ".git/HEAD": "ref: refs/heads/main\n"})
	if _, stderr, exit := run("init", dir, "--title", "Khối thi đua: Sở Nông nghiệp", "--language", "vi"); exit != ExitOK {
		t.Fatalf("exit %d: %s", exit, stderr)
	}
	after := snapshot(t, dir)
	if string(after["LICENSE"]) != "licence" || string(after[".git/HEAD"]) != "ref: refs/heads/main\n" {
		t.Error("init changed the clone's own files")
	}
	var site struct{ Title string }
	if err := yaml.Unmarshal(after["content/site.yaml"], &site); err != nil || site.Title != "Khối thi đua: Sở Nông nghiệp" {
		t.Errorf("site.yaml has title %q (%v)", site.Title, err)
	}
	if _, stderr, exit := run("check", "--content", filepath.Join(dir, "content"), "--strict"); exit != ExitOK {
		t.Errorf("check --strict exited with %d: %s", exit, stderr)
	}
}

func TestInitUsageErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a-file")
	writeFiles(t, dir, map[string]string{"a-file": "x"})
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"init"}, "give the folder of the new repository"},
		{[]string{"init", "a", "b"}, "give the folder of the new repository"},
		{[]string{"init", filepath.Join(dir, "r"), "--language", "fr"}, `--language must be one of en, vi, pt, not "fr"`},
		{[]string{"init", filepath.Join(dir, "r"), "--title", "two\nlines"}, "--title must be one line"},
		{[]string{"init", file}, "is a file, not a folder"},
		{[]string{"schema"}, "give the repository's folder"},
		{[]string{"schema", filepath.Join(dir, "missing")}, "does not exist"},
	}
	for _, tt := range tests {
		_, stderr, exit := run(tt.args...)
		if exit != ExitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: exit %d, standard error:\n%s\nwant %d and %q", tt.args, exit, stderr, ExitUsage, tt.want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("usage errors wrote files: %v", entries)
	}
}

func TestSchemaRewritesTheSchemasAndSaysWhich(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, exit := run("schema", dir)
	if exit != ExitOK {
		t.Fatalf("exit %d: %s", exit, stderr)
	}
	schemas, err := scaffold.Schemas()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range schemas {
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		if !strings.Contains(stdout, "wrote "+name+"\n") {
			t.Errorf("the output does not say it wrote %s:\n%s", name, stdout)
		}
	}
	// An older schema is replaced; the others are left as they are.
	old := filepath.Join(dir, "schema", "unit.schema.json")
	if err := os.WriteFile(old, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, _, exit = run("schema", dir)
	if exit != ExitOK || strings.Count(stdout, "wrote ") != 1 || !strings.Contains(stdout, "wrote "+old+"\n") || strings.Count(stdout, "is up to date") != len(schemas)-1 {
		t.Errorf("second run, exit %d:\n%s", exit, stdout)
	}
	for _, f := range schemas {
		got, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if string(got) != string(f.Data) {
			t.Errorf("%s is not this reportsite's schema", f.Path)
		}
	}
}

func TestInitAndSchemaAreInTheUsage(t *testing.T) {
	stdout, _, _ := run("help")
	for _, want := range []string{"reportsite init   DIR [--language vi|en|pt] [--title TITLE]", "reportsite schema DIR"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("usage lacks %q", want)
		}
	}
}
