package site

import (
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
// repository of historyCommits commits (fixture.CachedGit), with and
// without git info, and git's part alone (history.Read). The large size
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
			for _, gitInfo := range []bool{false, true} {
				name := "without"
				if gitInfo {
					name = "with"
				}
				b.Run(name, func(b *testing.B) {
					out := filepath.Join(b.TempDir(), "public")
					for b.Loop() {
						var diags diag.List
						if _, err := Build(Options{Content: dir, Out: out, GitInfo: gitInfo}, &diags); err != nil {
							b.Fatal(err, diags.Items())
						}
					}
				})
			}
		})
	}
}
