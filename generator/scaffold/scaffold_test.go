package scaffold_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"reportsite/generator/content"
	"reportsite/generator/scaffold"
)

const testReleases = "https://releases.example/reportsite"

func files(t *testing.T, opts scaffold.Options) map[string][]byte {
	t.Helper()
	if opts.Year == 0 {
		opts.Year = 2031
	}
	if opts.ReleasesURL == "" {
		opts.ReleasesURL = testReleases
	}
	list, err := scaffold.Files(opts)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range list {
		if _, dup := m[f.Path]; dup {
			t.Errorf("%s is listed twice", f.Path)
		}
		m[f.Path] = f.Data
	}
	return m
}

var placeholder = regexp.MustCompile(`@[A-Z_]+@`)

func TestEveryLanguageFillsEveryPlaceholder(t *testing.T) {
	for _, lang := range content.Languages {
		for name, data := range files(t, scaffold.Options{Language: lang, Version: "v1.2.3"}) {
			if left := placeholder.FindAll(data, -1); left != nil {
				t.Errorf("%s %s: placeholders left unfilled: %q", lang, name, left)
			}
			if strings.Contains(name, "YEAR") {
				t.Errorf("%s: file name %s still says YEAR", lang, name)
			}
		}
	}
}

// kindOf names the schema kind of a content file, "" for other files.
func kindOf(name string) string {
	switch {
	case name == "content/site.yaml":
		return "site"
	case strings.HasPrefix(name, "content/years/"):
		return "year"
	case strings.HasPrefix(name, "content/units/"):
		return "unit"
	case strings.HasPrefix(name, "content/activities/") && strings.HasSuffix(name, ".yaml"):
		return "activity"
	}
	return ""
}

var fieldTables = map[string][]content.Field{
	"site":     content.SiteFields,
	"year":     content.YearFields,
	"unit":     content.UnitFields,
	"activity": content.ActivityFields,
}

func TestContentFilesPointAtTheirSchemaAndShowEveryField(t *testing.T) {
	for _, lang := range content.Languages {
		got := files(t, scaffold.Options{Language: lang})
		seen := map[string]bool{}
		for name, data := range got {
			kind := kindOf(name)
			if kind == "" {
				continue
			}
			seen[kind] = true
			first, _, _ := strings.Cut(string(data), "\n")
			ref, ok := strings.CutPrefix(first, "# yaml-language-server: $schema=")
			if !ok {
				t.Errorf("%s %s: first line %q is not the yaml-language-server line", lang, name, first)
				continue
			}
			target := path.Join(path.Dir(name), ref)
			if target != "schema/"+kind+".schema.json" || got[target] == nil {
				t.Errorf("%s %s: $schema=%s leads to %s, want the written schema/%s.schema.json", lang, name, ref, target, kind)
			}
			for _, missing := range missingFields(string(data), fieldTables[kind], "") {
				t.Errorf("%s %s: field %s is neither written nor shown in a note", lang, name, missing)
			}
		}
		for kind := range fieldTables {
			if !seen[kind] {
				t.Errorf("%s: no %s file", lang, kind)
			}
		}
	}
}

// missingFields returns the fields (with their parents, a.b) of which no
// key, written or in a note, is in text.
func missingFields(text string, fields []content.Field, parent string) []string {
	var missing []string
	for _, f := range fields {
		key := regexp.MustCompile(`(?m)(^|[\s{,#-])` + regexp.QuoteMeta(f.Name) + `:`)
		if !key.MatchString(text) {
			missing = append(missing, parent+f.Name)
		}
		missing = append(missing, missingFields(text, f.Fields, parent+f.Name+".")...)
	}
	return missing
}

func TestTitleAndLanguageReachSiteYAML(t *testing.T) {
	tests := []struct {
		lang, title, want string
	}{
		{"en", "", "Emulation Bloc"},
		{"vi", "", "Khối thi đua"},
		{"pt", "", "Bloco de Emulação"},
		{"vi", "Khối thi đua: các Trung tâm # 2", "Khối thi đua: các Trung tâm # 2"},
		{"en", "  'Quoted' bloc  ", "'Quoted' bloc"},
	}
	for _, tt := range tests {
		got := files(t, scaffold.Options{Language: tt.lang, Title: tt.title})
		var site struct {
			Title    string `yaml:"title"`
			Language string `yaml:"language"`
		}
		if err := yaml.Unmarshal(got["content/site.yaml"], &site); err != nil {
			t.Fatalf("%s %q: site.yaml: %v", tt.lang, tt.title, err)
		}
		if site.Title != tt.want || site.Language != tt.lang {
			t.Errorf("%s %q: site.yaml has title %q and language %q, want %q and %q", tt.lang, tt.title, site.Title, site.Language, tt.want, tt.lang)
		}
		if !bytes.Contains(got["README.md"], []byte(tt.want)) {
			t.Errorf("%s %q: README.md does not name the bloc", tt.lang, tt.title)
		}
	}
}

func TestFilesRefusesWhatItCannotWrite(t *testing.T) {
	for _, opts := range []scaffold.Options{
		{Language: "fr", Year: 2030},
		{Language: "en", Year: 0},
		{Language: "en", Year: 2030, Title: "two\nlines"},
	} {
		if _, err := scaffold.Files(opts); err == nil {
			t.Errorf("Files(%+v) succeeded, want an error", opts)
		}
	}
}

func TestYearNamesTheYearFileAndActivity(t *testing.T) {
	got := files(t, scaffold.Options{Language: "en", Year: 2042})
	if got["content/years/2042.yaml"] == nil {
		t.Error("no content/years/2042.yaml")
	}
	if !bytes.Contains(got["content/years/2042.yaml"], []byte("\nyear: 2042\n")) {
		t.Error("years/2042.yaml does not say year: 2042")
	}
	found := false
	for name, data := range got {
		if kindOf(name) == "activity" {
			found = true
			if !bytes.Contains(data, []byte("\nyear: 2042\n")) {
				t.Errorf("%s does not say year: 2042", name)
			}
		}
	}
	if !found {
		t.Error("no activity")
	}
}

func TestSchemasAreWrittenAsTheEditorSettingsExpect(t *testing.T) {
	got := files(t, scaffold.Options{Language: "en"})
	var settings struct {
		Schemas map[string][]string `json:"yaml.schemas" yaml:"yaml.schemas"`
	}
	// JSON is YAML: yaml.v3 reads the settings file.
	if err := yaml.Unmarshal(got[".vscode/settings.json"], &settings); err != nil {
		t.Fatal(err)
	}
	if len(settings.Schemas) != 4 {
		t.Errorf("yaml.schemas maps %d schemas, want 4", len(settings.Schemas))
	}
	for schemaPath, globs := range settings.Schemas {
		if got[strings.TrimPrefix(schemaPath, "./")] == nil {
			t.Errorf("yaml.schemas names %s, which is not written", schemaPath)
		}
		for _, g := range globs {
			matched := false
			for name := range got {
				if ok, _ := path.Match(strings.TrimPrefix(g, "/"), name); ok {
					matched = true
				}
			}
			if !matched {
				t.Errorf("yaml.schemas glob %s matches no written file", g)
			}
		}
	}
	if !bytes.Contains(got[".vscode/extensions.json"], []byte(`"redhat.vscode-yaml"`)) {
		t.Error(".vscode/extensions.json does not recommend redhat.vscode-yaml")
	}
	if !bytes.Contains(got[".gitignore"], []byte("public/")) {
		t.Error(".gitignore does not ignore public/")
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, name)
		if d.IsDir() {
			m[rel+"/"] = ""
			return nil
		}
		data, _ := os.ReadFile(name)
		m[rel] = string(data)
		return nil
	})
	return m
}

func TestWriteReplacesNothingAndWritesNothingWhenAFileExists(t *testing.T) {
	list, err := scaffold.Files(scaffold.Options{Language: "en", Year: 2030})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		existing map[string]string
		want     string // the path the error names, "" for success
	}{
		{"a clone with a licence", map[string]string{"LICENSE": "licence text"}, ""},
		{"an existing site.yaml", map[string]string{"LICENSE": "x", "content/site.yaml": "title: Mine\n"}, "content/site.yaml"},
		{"an existing workflow", map[string]string{".github/workflows/report.yml": "mine"}, ".github/workflows/report.yml"},
		{"a file where a folder goes", map[string]string{"content": "not a folder"}, "content"},
		{"a folder where a file goes", map[string]string{"README.md/keep": "x"}, "README.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tt.existing {
				p := filepath.Join(dir, filepath.FromSlash(name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, dir)
			err := scaffold.Write(dir, list)
			after := snapshot(t, dir)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				for name, text := range before {
					if after[name] != text {
						t.Errorf("%s changed", name)
					}
				}
				for _, f := range list {
					if after[filepath.FromSlash(f.Path)] != string(f.Data) {
						t.Errorf("%s was not written as made", f.Path)
					}
				}
				return
			}
			var exists *scaffold.ExistsError
			if !errors.As(err, &exists) || exists.Path != filepath.Join(dir, filepath.FromSlash(tt.want)) {
				t.Fatalf("Write returned %v, want an ExistsError naming %s", err, tt.want)
			}
			if len(after) != len(before) {
				t.Errorf("Write wrote files although %s exists: before %d entries, after %d", tt.want, len(before), len(after))
			}
			for name, text := range before {
				if after[name] != text {
					t.Errorf("%s changed", name)
				}
			}
		})
	}
}

func TestPublishScriptIsExecutable(t *testing.T) {
	list, err := scaffold.Files(scaffold.Options{Language: "en", Year: 2030})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range list {
		want := fs.FileMode(0o644)
		if strings.HasSuffix(f.Path, ".sh") {
			want = 0o755
		}
		if f.Mode != want {
			t.Errorf("%s has mode %v, want %v", f.Path, f.Mode, want)
		}
	}
}
