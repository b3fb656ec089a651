package content_test

import (
	"io/fs"
	"path/filepath"
	"testing"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/fixture"
)

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
	for _, size := range fixture.BenchSizes {
		b.Run(size.Name, func(b *testing.B) {
			dir := "../../content"
			if size.Config != (fixture.Config{}) {
				if size.Config == fixture.Large && !fixture.LargeWanted() {
					b.Skip("set REPORTSITE_BENCH_LARGE=1 or name large in -bench")
				}
				var err error
				if dir, err = fixture.Cached(size.Config); err != nil {
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
