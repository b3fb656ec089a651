package content_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/fixture"
	"reportsite/generator/parallel"
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

// benchDir returns the content folder of a benchmark size, skipping the
// large one unless asked for.
func benchDir(b *testing.B, cfg fixture.Config) string {
	if cfg == (fixture.Config{}) {
		return "../../content"
	}
	if cfg == fixture.Large && !fixture.LargeWanted() {
		b.Skip("set REPORTSITE_BENCH_LARGE=1 or name large in -bench")
	}
	dir, err := fixture.Cached(cfg)
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkLoad measures reading and decoding a whole content folder, from
// the page cache: the fixture has just been written or read.
func BenchmarkLoad(b *testing.B) {
	for _, size := range fixture.BenchSizes {
		b.Run(size.Name, func(b *testing.B) {
			dir := benchDir(b, size.Config)
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

// BenchmarkYAMLParse measures yaml.v3 alone on the YAML files of each
// size: every file, already in memory, parsed into a yaml.Node on every
// core, as the loader parses them. It is the part of BenchmarkLoad that
// no change to the loader can remove.
func BenchmarkYAMLParse(b *testing.B) {
	for _, size := range fixture.BenchSizes {
		b.Run(size.Name, func(b *testing.B) {
			dir := benchDir(b, size.Config)
			var files [][]byte
			var total int64
			err := filepath.WalkDir(dir, func(name string, e fs.DirEntry, err error) error {
				if err != nil || e.IsDir() || filepath.Ext(name) != ".yaml" {
					return err
				}
				data, err := os.ReadFile(name)
				files = append(files, data)
				total += int64(len(data))
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(total)
			b.ReportAllocs()
			for b.Loop() {
				parallel.For(len(files), func() func(int) {
					return func(i int) {
						var doc yaml.Node
						if err := yaml.Unmarshal(files[i], &doc); err != nil {
							b.Error(err)
						}
					}
				})
			}
		})
	}
}

// BenchmarkLoadRepeat measures what the server does after a save: loading
// a content folder again with a Loader after one activity file was
// written. The Loader lists the folders, compares every file's size and
// time, and reads only that file; with TrustChanged ("-trusted"), it is
// told which file changed and compares nothing.
func BenchmarkLoadRepeat(b *testing.B) {
	for _, size := range fixture.BenchSizes {
		for _, trusted := range []bool{false, true} {
			name := size.Name
			if trusted {
				name += "-trusted"
			}
			b.Run(name, func(b *testing.B) {
				dir := benchDir(b, size.Config)
				activities, err := filepath.Glob(filepath.Join(dir, "activities", "*.yaml"))
				if err != nil || len(activities) == 0 {
					b.Fatal("no activity to change", err)
				}
				touched, err := filepath.Rel(dir, activities[len(activities)/2])
				if err != nil {
					b.Fatal(err)
				}
				// A copy of the fixture, which must not change; the files
				// not written are linked, which keeps their times.
				copied := filepath.Join(b.TempDir(), "content")
				linkTree(b, dir, copied, touched)
				touched = filepath.Join(copied, touched)
				data, err := os.ReadFile(touched)
				if err != nil {
					b.Fatal(err)
				}
				l := content.NewLoader(copied)
				if trusted {
					l.TrustChanged()
				}
				l.Load(&diag.List{})
				b.ReportAllocs()
				for b.Loop() {
					if err := os.WriteFile(touched, data, 0o644); err != nil {
						b.Fatal(err)
					}
					if trusted {
						l.Changed(touched)
					}
					var diags diag.List
					l.Load(&diags)
					if diags.HasErrors() {
						b.Fatal(diags.Items()[0])
					}
				}
			})
		}
	}
}

// linkTree makes dst a copy of the folder src in which every file but
// the one named copied (a path relative to src) is a hard link, or a copy
// with the same time where links cannot be made.
func linkTree(b *testing.B, src, dst, copied string) {
	err := filepath.WalkDir(src, func(name string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, name)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if e.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if rel != copied && os.Link(name, target) == nil {
			return nil
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return err
		}
		return os.Chtimes(target, info.ModTime(), info.ModTime())
	})
	if err != nil {
		b.Fatal(err)
	}
}
