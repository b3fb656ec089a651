package content

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/txtar"

	"reportsite/generator/diag"
)

// parsers are the four file parsers, by the folder their files live in.
var parsers = []struct {
	folder string
	parse  func(data []byte, file string, diags *diag.List) bool
}{
	{"", func(data []byte, file string, diags *diag.List) bool { return ParseSite(data, file, diags) != nil }},
	{"years", func(data []byte, file string, diags *diag.List) bool {
		return ParseYear(data, file, "2023", diags) != nil
	}},
	{"units", func(data []byte, file string, diags *diag.List) bool {
		return ParseUnit(data, file, "water-centre", diags) != nil
	}},
	{"activities", func(data []byte, file string, diags *diag.List) bool {
		return ParseActivity(data, file, "book-drive-2023", diags) != nil
	}},
}

// maxSeedSize leaves out of the seeds the few large files of the check
// corpus, the alias bomb above all: every mutation of it costs the decoder
// its whole budget, which would slow the fuzzer down a hundredfold.
// TestParseRefusesAliasBombQuickly covers them.
const maxSeedSize = 4 << 10

// addSeeds seeds f with every content file of the example site and of the
// check corpus (../cli/testdata/check) up to maxSeedSize, calling add with
// the file's folder (years, units, activities or "" for site.yaml) and its
// bytes.
func addSeeds(f *testing.F, add func(folder string, data []byte)) {
	f.Helper()
	dir := filepath.Join("..", "..", "content")
	example, err := filepath.Glob(filepath.Join(dir, "*", "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	example = append(example, filepath.Join(dir, "site.yaml"))
	for _, name := range example {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		rel, err := filepath.Rel(dir, name)
		if err != nil {
			f.Fatal(err)
		}
		add(seedFolder(filepath.ToSlash(rel)), data)
	}
	cases, err := filepath.Glob(filepath.Join("..", "cli", "testdata", "check", "*.txtar"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range cases {
		archive, err := txtar.ParseFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range archive.Files {
			if strings.HasSuffix(file.Name, ".yaml") && len(file.Data) <= maxSeedSize {
				add(seedFolder(file.Name), file.Data)
			}
		}
	}
}

// seedFolder returns the folder of a content file named by its slash path
// inside the content folder.
func seedFolder(name string) string {
	if dir, _, ok := strings.Cut(name, "/"); ok {
		return dir
	}
	return ""
}

// checkDiagnostics fails t unless every diagnostic points into file at a
// place that exists, and reads as one line of text.
func checkDiagnostics(t *testing.T, data []byte, file string, items []diag.Diagnostic) {
	t.Helper()
	lines := lastLine(data)
	for _, d := range items {
		p := d.Pos
		switch {
		case p.File != file:
			t.Errorf("diagnostic for another file %q: %s", p.File, d)
		case p.Line < 0 || p.Line > lines:
			t.Errorf("line %d outside the file's %d lines: %s", p.Line, lines, d)
		case p.Line == 0 && p.Col != 0, p.Line > 0 && p.Col < 1:
			t.Errorf("column %d at line %d: %s", p.Col, p.Line, d)
		case d.Message == "":
			t.Errorf("empty message at %s", p)
		case !utf8.ValidString(d.Message) || strings.ContainsFunc(d.Message, unicode.IsControl):
			t.Errorf("message is not one line of text: %q", d.Message)
		}
	}
}

// parseWithin runs parse and fails t if it takes longer than limit, which
// means an input made the decoder hang or work out of all proportion.
func parseWithin(t *testing.T, limit time.Duration, parse func() []diag.Diagnostic) []diag.Diagnostic {
	t.Helper()
	done := make(chan []diag.Diagnostic, 1)
	go func() { done <- parse() }()
	select {
	case items := <-done:
		return items
	case <-time.After(limit):
		t.Fatalf("parsing took more than %v", limit)
		return nil
	}
}

// fuzzParse checks one input against one parser: no panic, no hang, every
// diagnostic well placed, a refused file explained, the same diagnostics
// every time.
func fuzzParse(t *testing.T, folder string, parse func([]byte, string, *diag.List) bool, data []byte) {
	file := filepath.Join("content", folder, "fuzz.yaml")
	var first []diag.Diagnostic
	for range 2 {
		var ok bool
		items := parseWithin(t, 10*time.Second, func() []diag.Diagnostic {
			var diags diag.List
			ok = parse(data, file, &diags)
			return diags.Items()
		})
		checkDiagnostics(t, data, file, items)
		if !ok && len(items) == 0 {
			t.Error("the file was refused without a message")
		}
		if first == nil {
			first = items
		} else if !reflect.DeepEqual(first, items) {
			t.Errorf("a second parse gave other diagnostics:\n%v\n%v", first, items)
		}
	}
}

// FuzzParseActivity feeds activity files, the richest kind, to
// ParseActivity.
func FuzzParseActivity(f *testing.F) {
	addSeeds(f, func(folder string, data []byte) {
		if folder == "activities" {
			f.Add(data)
		}
	})
	f.Add([]byte("contributions: [&c {unit: a, items: {books: 1}}, *c, *c]\n"))
	f.Add([]byte("title: \"unclosed\nyear: 2023\n"))
	f.Add([]byte("year: !!int \"20\\n23\"\ncontributions:\n  - {unit: a, items: {\"a\\nb\": -1}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, "activities", parsers[3].parse, data)
	})
}

// FuzzParseFile feeds any content file to each of the four parsers; kind
// chooses the parser.
func FuzzParseFile(f *testing.F) {
	addSeeds(f, func(folder string, data []byte) {
		for i, p := range parsers {
			if p.folder == folder {
				f.Add(uint8(i), data)
			}
		}
	})
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		p := parsers[int(kind)%len(parsers)]
		fuzzParse(t, p.folder, p.parse, data)
	})
}
