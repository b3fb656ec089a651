package site

import (
	"os"
	"path/filepath"
	"testing"

	"reportsite/generator/diag"
	"reportsite/generator/fixture"
	"reportsite/generator/history"
	"reportsite/generator/history/gittest"
)

// historyCommits is the length of the history BenchmarkBuildGitInfo
// builds with: the contract's measure of the cost of page dates.
const historyCommits = 2_000

// BenchmarkBuildGitInfo measures Build of a content folder in a git
// repository of historyCommits commits (fixture.CachedGit), without git
// info, with it and no cache of the history, with it and the cache of
// HEAD, and git's part alone without a cache (history.Read). The large size
// runs when asked for, as in the other benchmarks.
func BenchmarkBuildGitInfo(b *testing.B) {
	for _, size := range []struct {
		name string
		cfg  fixture.Config
	}{{"small", fixture.Small}, {"medium", fixture.Medium}, {"large", fixture.Large}} {
		b.Run(size.name, func(b *testing.B) {
			if size.cfg == fixture.Large && !fixture.LargeWanted() {
				b.Skip("set REPORTSITE_BENCH_LARGE=1 or name large in -bench")
			}
			gittest.Isolate(b)
			dir, err := fixture.CachedGit(size.cfg, historyCommits)
			if err != nil {
				b.Fatal(err)
			}
			b.Run("history", func(b *testing.B) {
				for b.Loop() {
					if h, err := history.Read(dir); h == nil || err != nil {
						b.Fatal("no history:", err)
					}
				}
			})
			// without: no git; with: the whole history read (no cache
			// file, as a first build); cached: the days read from the
			// cache file of HEAD, as every build after it.
			for _, name := range []string{"without", "with", "cached"} {
				b.Run(name, func(b *testing.B) {
					out := filepath.Join(b.TempDir(), "public")
					cache := b.TempDir()
					opts := Options{Content: dir, Out: out, GitInfo: name != "without", HistoryCache: cache}
					if name == "cached" {
						if _, err := (&history.Reader{CacheDir: cache}).Read(dir); err != nil {
							b.Fatal(err)
						}
					}
					for b.Loop() {
						if name == "with" {
							os.RemoveAll(cache)
						}
						var diags diag.List
						if _, err := Build(opts, &diags); err != nil {
							b.Fatal(err, diags.Items())
						}
					}
				})
			}
		})
	}
}
