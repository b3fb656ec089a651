package site

import (
	"bytes"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"reportsite/templates"
)

// A render case is one testdata/render/<case>.txtar: a whole site and what
// its build must show. The archive's comment says in a sentence what the
// case is about. Its sections are:
//
//	content/...      the content folder
//	templates/...    a --templates folder (optional)
//	want/<path>      each non-blank line must appear in the built file <path>
//	absent/<glob>    no non-blank line may appear, in any letter case, in
//	                 a built file whose base name matches <glob> (path.Match:
//	                 "*.html" is every page, "*" every file)
//	warnings         each non-blank line must appear in the warnings (without
//	                 this section, the build must not warn)
//	error            the build must fail, and each non-blank line must
//	                 appear in the error or the diagnostics
//
// A case with a templates/ folder that builds checks one more thing: every
// file not named by a want/ section is the same as in the build without
// the folder, since an override replaces only what it names.

func TestRenderCasesFromTestdata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "render", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/render/*.txtar")
	}
	for _, name := range files {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			archive, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			runRenderCase(t, archive)
		})
	}
}

func runRenderCase(t *testing.T, archive *txtar.Archive) {
	dir := t.TempDir()
	contentDir, templatesDir := writeArchive(t, archive, dir)
	s, diags, err := tryRender(Options{Content: contentDir, Templates: templatesDir})

	var wantErr []string
	for _, f := range archive.Files {
		if f.Name == "error" {
			wantErr = append(wantErr, lines(f.Data)...)
		}
	}
	if len(wantErr) > 0 {
		if err == nil {
			t.Fatalf("the build succeeded; want it to fail with:\n%s", strings.Join(wantErr, "\n"))
		}
		// Show the folders as the archive names them.
		got := strings.ReplaceAll(err.Error()+"\n"+diagText(diags), dir+string(filepath.Separator), "")
		got = filepath.ToSlash(got)
		for _, w := range wantErr {
			if !strings.Contains(got, w) {
				t.Errorf("the error lacks %q:\n%s", w, got)
			}
		}
		return
	}
	if err != nil {
		t.Fatalf("the build failed: %v\n%s", err, diagText(diags))
	}
	var wantWarnings []string
	for _, f := range archive.Files {
		if f.Name == "warnings" {
			wantWarnings = append(wantWarnings, lines(f.Data)...)
		}
	}
	if _, warnings := diags.Count(); warnings > 0 && len(wantWarnings) == 0 {
		t.Errorf("the build warned:\n%s", diagText(diags))
	}
	for _, w := range wantWarnings {
		if !strings.Contains(diagText(diags), w) {
			t.Errorf("the warnings lack %q:\n%s", w, diagText(diags))
		}
	}
	built := siteFiles(t, s)

	var wanted []string
	for _, f := range archive.Files {
		switch {
		case strings.HasPrefix(f.Name, "want/"):
			name := strings.TrimPrefix(f.Name, "want/")
			wanted = append(wanted, name)
			data, ok := built[name]
			if !ok {
				t.Errorf("the site has no %s", name)
				continue
			}
			for _, w := range lines(f.Data) {
				if !strings.Contains(string(data), w) {
					t.Errorf("%s lacks %q", name, w)
				}
			}
		case strings.HasPrefix(f.Name, "absent/"):
			glob := strings.TrimPrefix(f.Name, "absent/")
			matched := 0
			for _, name := range slices.Sorted(maps.Keys(built)) {
				if ok, err := path.Match(glob, path.Base(name)); err != nil {
					t.Fatalf("bad pattern %s: %v", f.Name, err)
				} else if !ok {
					continue
				}
				matched++
				text := strings.ToLower(string(built[name]))
				for _, w := range lines(f.Data) {
					if strings.Contains(text, strings.ToLower(w)) {
						t.Errorf("%s contains %q", name, w)
					}
				}
			}
			if matched == 0 {
				t.Errorf("%s matches no file of the site", f.Name)
			}
		}
	}

	if templatesDir != "" {
		defaults := siteFiles(t, renderDir(t, Options{Content: contentDir}))
		for name, data := range built {
			if !slices.Contains(wanted, name) && !bytes.Equal(data, defaults[name]) {
				t.Errorf("%s changed, though the templates folder should change only the files of its want/ sections", name)
			}
		}
		for name := range defaults {
			if _, ok := built[name]; !ok {
				t.Errorf("%s is missing from the site built with the templates folder", name)
			}
		}
	}
}

// lines returns the non-blank lines of data, without their line ends.
func lines(data []byte) []string {
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimRight(l, "\r"); strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestTemplateOverrideOfInterfaceStringsShowsTheNewText replaces one
// string of the default i18n/en.yaml. The file must hold every key, so the
// test derives it from the embedded default instead of spelling it out.
func TestTemplateOverrideOfInterfaceStringsShowsTheNewText(t *testing.T) {
	defaults, err := fs.ReadFile(templates.FS, "i18n/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const key = "not_found.text: "
	i := bytes.Index(defaults, []byte("\n"+key))
	if i < 0 {
		t.Fatalf("templates/i18n/en.yaml has no %s line", key)
	}
	end := bytes.IndexByte(defaults[i+1:], '\n')
	old := string(defaults[i+1+len(key) : i+1+end])
	const changed = "Trang này không còn — sorry, this page has gone."
	override := string(defaults[:i+1]) + key + changed + string(defaults[i+1+end:])

	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "templates", "i18n", "en.yaml"), []byte(override))
	content := exampleContent(t, "en")
	s := renderDir(t, Options{Content: content, Templates: filepath.Join(dir, "templates")})
	page := file(t, s, "404.html")
	if !strings.Contains(page, changed) {
		t.Errorf("404.html lacks the overridden text %q", changed)
	}
	if strings.Contains(page, old) {
		t.Errorf("404.html still shows the default text %q", old)
	}
	for name, data := range siteFiles(t, s) {
		if name != "404.html" && strings.Contains(string(data), changed) {
			t.Errorf("%s shows the 404 text", name)
		}
	}
}
