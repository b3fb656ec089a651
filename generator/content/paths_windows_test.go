//go:build windows

package content_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportsite/generator/content"
	"reportsite/generator/diag"
)

// TestFilePathNamesWindowsFilesWithSlashes: a content folder given the
// Windows way, with a drive, backslashes or both, names its files with /
// throughout, never C:\bloc\content/units/x.yaml.
func TestFilePathNamesWindowsFilesWithSlashes(t *testing.T) {
	tests := []struct{ dir, rel, want string }{
		{`C:\bloc\content`, "units/x.yaml", "C:/bloc/content/units/x.yaml"},
		{`C:\bloc\content\`, "units/x.yaml", "C:/bloc/content/units/x.yaml"},
		{`c:/bloc\content`, "site.yaml", "c:/bloc/content/site.yaml"},
		{`C:\`, "units/x.yaml", "C:/units/x.yaml"},
		{`..\bloc\content`, "years/2023.yaml", "../bloc/content/years/2023.yaml"},
		{`.\content`, "units/x.yaml", "content/units/x.yaml"},
		{`content\`, ".", "content"},
		{`\\server\share\content`, "units/x.yaml", "//server/share/content/units/x.yaml"},
	}
	for _, tt := range tests {
		if got := content.FilePath(tt.dir, tt.rel); got != tt.want {
			t.Errorf("FilePath(%q, %q) = %q, want %q", tt.dir, tt.rel, got, tt.want)
		}
		if rel, ok := content.RelPath(tt.dir, content.FilePath(tt.dir, tt.rel)); tt.rel != "." && (!ok || rel != tt.rel) {
			t.Errorf("RelPath(%q, %q) = %q, %v; want %q, true", tt.dir, content.FilePath(tt.dir, tt.rel), rel, ok, tt.rel)
		}
	}
}

// TestLoadOfAFolderWithADriveNamesFilesWithSlashes loads a folder named
// by its absolute Windows path (C:\Users\...\content) and by a relative
// one with backslashes: every diagnostic names its file as the folder
// was given, with / between all folders.
func TestLoadOfAFolderWithADriveNamesFilesWithSlashes(t *testing.T) {
	top := t.TempDir()
	dir := filepath.Join(top, "bloc", "content")
	for name, data := range map[string]string{
		"site.yaml":                  "title: Test Bloc\nlanguage: fr\n",
		"units/water-centre.yaml":    "name: Water Centre\nstaff: {2023: 40}\n",
		"activities/drive-2023.yaml": "title: Drive\nyear: 2023\n",
		"activities/drive-2023.md":   "<b>x</b>\n",
		"activities/lost.md":         "No activity.\n",
	} {
		name = filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if filepath.VolumeName(dir) == "" {
		t.Fatalf("the temporary folder %s has no drive", dir)
	}
	t.Chdir(top)
	for given, shown := range map[string]string{
		dir:               filepath.ToSlash(dir),
		`bloc\content`:    "bloc/content",
		`.\bloc\content\`: "bloc/content",
	} {
		var diags diag.List
		c := content.Load(given, &diags)
		if len(c.Units) != 1 || len(c.Activities) != 1 {
			t.Errorf("%s: loaded %d units and %d activities, want 1 of each", given, len(c.Units), len(c.Activities))
		}
		items := diags.Items()
		if len(items) == 0 {
			t.Fatalf("%s: no diagnostics", given)
		}
		files := []string{c.Site.File, c.Units[0].File, c.Activities[0].File}
		for _, d := range items {
			files = append(files, d.Pos.File)
		}
		for _, f := range files {
			if !strings.HasPrefix(f, shown+"/") || strings.Contains(f, `\`) {
				t.Errorf("%s: file named %q, want %s/ and a slash path", given, f, shown)
			}
		}
	}
}
