package content_test

import (
	"testing"

	"reportsite/generator/content"
)

// TestFilePathNamesFilesWithSlashes: the content folder as given,
// cleaned, then the slash path inside it. The paths of this test are
// written as Linux and macOS take them; paths_windows_test.go has those
// of Windows.
func TestFilePathNamesFilesWithSlashes(t *testing.T) {
	tests := []struct{ dir, rel, want string }{
		{"content", "units/x.yaml", "content/units/x.yaml"},
		{"./content/", "units/x.yaml", "content/units/x.yaml"},
		{"content", "site.yaml", "content/site.yaml"},
		{"content", ".", "content"},
		{"content", "activities/../media", "content/media"},
		{".", "units/x.yaml", "units/x.yaml"},
		{".", ".", "."},
		{"", "site.yaml", "site.yaml"},
		{"../bloc/content", "years/2023.yaml", "../bloc/content/years/2023.yaml"},
		{"/srv/bloc//content/", "units/x.yaml", "/srv/bloc/content/units/x.yaml"},
		{"/", "units/x.yaml", "/units/x.yaml"},
	}
	for _, tt := range tests {
		if got := content.FilePath(tt.dir, tt.rel); got != tt.want {
			t.Errorf("FilePath(%q, %q) = %q, want %q", tt.dir, tt.rel, got, tt.want)
		}
	}
}

// TestRelPathUndoesFilePath: the path inside the content folder of a file
// named by FilePath, and no path for a file elsewhere.
func TestRelPathUndoesFilePath(t *testing.T) {
	for _, dir := range []string{"content", "./content/", ".", "../bloc/content", "/srv/bloc/content", "/"} {
		for _, rel := range []string{"site.yaml", "units/x.yaml", "activities/a.md"} {
			got, ok := content.RelPath(dir, content.FilePath(dir, rel))
			if !ok || got != rel {
				t.Errorf("RelPath(%q, FilePath(%q, %q)) = %q, %v; want %q, true", dir, dir, rel, got, ok, rel)
			}
		}
	}
	for _, tt := range []struct{ dir, file string }{
		{"content", "contents/site.yaml"},
		{"content", "other/content/site.yaml"},
		{"content", "content"},
		{".", "../site.yaml"},
		{".", "/etc/passwd"},
		{"/srv/bloc/content", "/srv/bloc/site.yaml"},
	} {
		if got, ok := content.RelPath(tt.dir, tt.file); ok {
			t.Errorf("RelPath(%q, %q) = %q, true; want false: the file is not inside the folder", tt.dir, tt.file, got)
		}
	}
}
