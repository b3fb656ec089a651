package site

import (
	"bytes"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// savedAs turns a YAML or Markdown file into the bytes an editor saves
// on Windows: with \r\n line ends, a byte order mark first (Notepad's
// "UTF-8 with BOM"), or both.
var savedAs = map[string]func([]byte) []byte{
	"unix": func(data []byte) []byte { return data },
	"crlf": func(data []byte) []byte { return bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")) },
	"bom":  func(data []byte) []byte { return append([]byte("\uFEFF"), data...) },
	"bom-crlf": func(data []byte) []byte {
		return append([]byte("\uFEFF"), bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))...)
	},
}

// TestFilesSavedOnWindowsBuildTheSameSite builds the example site as it
// is, then with every YAML and Markdown file saved as an editor on
// Windows saves them (see savedAs). Its narrative is given a heading on
// its first line and a code block, the two places where a BOM and a \r
// would show. Every file of the sites must be the same, byte for byte.
func TestFilesSavedOnWindowsBuildTheSameSite(t *testing.T) {
	const narrative = "activities/donating-bookshelves-2023.md"
	sites := map[string]map[string][]byte{}
	for _, saved := range slices.Sorted(maps.Keys(savedAs)) {
		dir := filepath.Join(t.TempDir(), "content")
		copyTree(t, exampleDir, dir)
		files := readTree(t, dir)
		if _, ok := files[narrative]; !ok {
			t.Fatalf("the example has no %s", narrative)
		}
		files[narrative] = append([]byte("# The drive\n\n"), files[narrative]...)
		files[narrative] = append(files[narrative], "\n```\nshelf 1\nshelf 2\n```\n"...)
		for name, data := range files {
			if strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".md") {
				data = savedAs[saved](data)
			}
			writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), data)
		}
		sites[saved] = siteFiles(t, renderDir(t, Options{Content: dir}))
	}
	unix := sites["unix"]
	page := unix["activities/donating-bookshelves-2023/index.html"]
	for _, want := range []string{">The drive</h", "<pre><code>shelf 1\nshelf 2\n</code></pre>"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Fatalf("the activity page built from LF files lacks %q; the test no longer tests what it says", want)
		}
	}
	for _, saved := range []string{"crlf", "bom", "bom-crlf"} {
		windows := sites[saved]
		for _, name := range slices.Sorted(maps.Keys(unix)) {
			got, ok := windows[name]
			switch {
			case !ok:
				t.Errorf("%s: %s is missing", saved, name)
			case bytes.Contains(got, []byte("\uFEFF")) && !bytes.Contains(unix[name], []byte("\uFEFF")):
				t.Errorf("%s: %s holds a byte order mark", saved, name)
			case bytes.Contains(got, []byte("\r")) && !bytes.Contains(unix[name], []byte("\r")):
				t.Errorf("%s: %s holds a \\r", saved, name)
			case !bytes.Equal(got, unix[name]):
				t.Errorf("%s: %s differs from the site of LF files", saved, name)
			}
		}
		if len(windows) != len(unix) {
			t.Errorf("%s: the site has %d files, the site of LF files %d", saved, len(windows), len(unix))
		}
	}
}
