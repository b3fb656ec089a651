package content_test

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/fixture"
)

// The sizes of generator/site's benchmarks, loaded here alone; see
// docs/performance.md. The large one runs only when asked for (see
// largeWanted), as generating it takes seconds.
var benchSizes = []struct {
	name string
	cfg  fixture.Config // the zero Config stands for the example site
}{
	{"example", fixture.Config{}},
	{"small", fixture.Small},
	{"medium", fixture.Medium},
	{"large", fixture.Large},
}

// largeWanted reports whether the large size should run: when
// REPORTSITE_BENCH_LARGE=1 or when -bench names it.
func largeWanted() bool {
	if os.Getenv("REPORTSITE_BENCH_LARGE") == "1" {
		return true
	}
	f := flag.Lookup("test.bench")
	return f != nil && strings.Contains(f.Value.String(), "large")
}

// folderSize is the number of bytes of the files under dir.
func folderSize(b *testing.B, dir string) int64 {
	var size int64
	err := filepath.WalkDir(dir, func(_ string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		info, err := e.Info()
		size += info.Size()
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return size
}

// BenchmarkLoad measures reading and decoding a whole content folder, from
// the page cache: the fixture has just been written or read.
func BenchmarkLoad(b *testing.B) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			dir := "../../content"
			if size.cfg != (fixture.Config{}) {
				if size.cfg == fixture.Large && !largeWanted() {
					b.Skip("set REPORTSITE_BENCH_LARGE=1 or name large in -bench")
				}
				var err error
				if dir, err = fixture.Cached(size.cfg); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(folderSize(b, dir))
			b.ReportAllocs()
			for b.Loop() {
				var diags diag.List
				content.Load(dir, &diags)
				if diags.HasErrors() {
					b.Fatal(diags.Items()[0])
				}
			}
		})
	}
}
