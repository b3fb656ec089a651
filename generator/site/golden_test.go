package site

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportsite/generator/chartscript"
	"reportsite/generator/fixture"
	"reportsite/generator/output"
)

var updateGolden = flag.Bool("update", false, "write testdata/golden from this build")

// The golden files in testdata/golden hold what the build writes today:
// the SHA-256 of every file of a few sites (the example in each language
// and two generated sites), and whole pages, one of each kind, of the
// example in Vietnamese. A change anywhere in the pipeline that moves a
// byte of the output shows here: the sums name the files that changed,
// the whole pages show how. After a change meant to alter the output, look
// at the difference, then run
//
//	go test ./generator/site -run Golden -update
//
// and commit the new files with the change. The chart and search scripts
// are left out: they change with the ECharts and MiniSearch they bundle,
// and the browser tests check what they do.

// goldenPages are the pages kept whole: one of each kind.
var goldenPages = []string{
	"index.html",
	"2023/index.html",
	"units/index.html",
	"units/agricultural-extension-centre/index.html",
	"activities/index.html",
	"activities/donating-bookshelves-2023/index.html",
	"search/index.html",
	"404.html",
	"data/2023/contributions.csv",
}

func TestBuiltBytesAreTheGoldenOnes(t *testing.T) {
	generated := func(name string, cfg fixture.Config) func(t *testing.T) string {
		return func(t *testing.T) string {
			dir := filepath.Join(t.TempDir(), name)
			if err := fixture.Write(dir, cfg); err != nil {
				t.Fatal(err)
			}
			return dir
		}
	}
	for _, tc := range []struct {
		name    string
		content func(t *testing.T) string
	}{
		{"example-en", func(*testing.T) string { return exampleDir }},
		{"example-vi", func(t *testing.T) string { return exampleContent(t, "vi") }},
		{"example-pt", func(t *testing.T) string { return exampleContent(t, "pt") }},
		{"generated", generated("generated", fixture.Config{Units: 12, Activities: 40, Years: 3, Seed: 11})},
		{"generated-200-units", generated("generated-200-units", fixture.Config{Units: 200, Activities: 400, Years: 2, Seed: 12})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := renderDir(t, Options{Content: tc.content(t)})
			checkGolden(t, filepath.Join("testdata", "golden", tc.name+".sha256"), sums(t, s), false)
			if tc.name != "example-vi" {
				return
			}
			for _, page := range goldenPages {
				data, err := s.Bytes(page)
				if err != nil {
					t.Fatalf("%s: %v", page, err)
				}
				checkGolden(t, filepath.Join("testdata", "golden", "vi", filepath.FromSlash(page)), data, true)
			}
		})
	}
}

// sums lists the SHA-256 of every file of s but the chart script, one
// "sum  path" line each, in the order of the paths.
func sums(t *testing.T, s *output.Site) []byte {
	t.Helper()
	var list bytes.Buffer
	for _, name := range s.Names() {
		if name == chartscript.Path || name == chartscript.SearchPath {
			continue
		}
		data, err := s.Bytes(name)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&list, "%x  %s\n", sha256.Sum256(data), name)
	}
	return list.Bytes()
}

// checkGolden compares got with the golden file, or writes it with
// -update. A whole page's difference is shown from its first changed
// line; a list of sums names each file that changed.
func checkGolden(t *testing.T, golden string, got []byte, whole bool) {
	t.Helper()
	if *updateGolden {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to make it)", err)
	}
	if bytes.Equal(want, got) {
		return
	}
	if whole {
		t.Errorf("%s differs from the build:\n%s", golden, firstDifference(string(want), string(got)))
		return
	}
	compareSums(t, string(want), string(got))
}

// firstDifference shows the first line where want and got part, with a
// line of context before it.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		if i < len(w) && i < len(g) && w[i] == g[i] {
			continue
		}
		line := func(lines []string, i int) string {
			if i < len(lines) {
				return lines[i]
			}
			return "(end of file)"
		}
		before := ""
		if i > 0 {
			before = fmt.Sprintf("  %d: %s\n", i, line(w, i-1))
		}
		return fmt.Sprintf("%s- %d: %s\n+ %d: %s", before, i+1, line(w, i), i+1, line(g, i))
	}
	return "(they differ only in line ends)"
}

// compareSums reports each file whose sum differs, is new or is gone.
func compareSums(t *testing.T, want, got string) {
	t.Helper()
	parse := func(list string) map[string]string {
		m := map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
			if sum, name, ok := strings.Cut(line, "  "); ok {
				m[name] = sum
			}
		}
		return m
	}
	wantSums, gotSums := parse(want), parse(got)
	for name, sum := range gotSums {
		switch w, ok := wantSums[name]; {
		case !ok:
			t.Errorf("%s is new", name)
		case w != sum:
			t.Errorf("%s has changed", name)
		}
	}
	for name := range wantSums {
		if _, ok := gotSums[name]; !ok {
			t.Errorf("%s is no longer written", name)
		}
	}
}
