package site

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportsite/generator/chartscript"
	"reportsite/generator/fixture"
)

var updateGolden = flag.Bool("update", false, "write testdata/golden/*.sha256 from this build")

// TestBuiltBytesAreTheGoldenOnes builds the example and a generated site
// and compares every file but the chart script with the SHA-256 sums in
// testdata/golden: a change anywhere in the pipeline that moves a byte of
// the output shows here, file by file. After a change meant to alter the
// output, look at the difference, then run
//
//	go test ./generator/site -run Golden -update
//
// The chart script is left out: it changes with the ECharts it bundles,
// and the browser tests check what it draws.
func TestBuiltBytesAreTheGoldenOnes(t *testing.T) {
	generated := filepath.Join(t.TempDir(), "content")
	if err := fixture.Write(generated, fixture.Config{Units: 12, Activities: 40, Years: 3, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, content string }{
		{"example", "../../content"},
		{"generated", generated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := renderDir(t, Options{Content: tc.content})
			var sums strings.Builder
			for _, name := range s.Names() {
				if name == chartscript.Path {
					continue
				}
				data, err := s.Bytes(name)
				if err != nil {
					t.Fatal(err)
				}
				fmt.Fprintf(&sums, "%x  %s\n", sha256.Sum256(data), name)
			}
			golden := filepath.Join("testdata", "golden", tc.name+".sha256")
			if *updateGolden {
				if err := os.WriteFile(golden, []byte(sums.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to make it)", err)
			}
			compareSums(t, string(want), sums.String())
		})
	}
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
