package cli

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"reportsite/generator/fixture"
	"reportsite/generator/gittree/gittest"
)

// BenchmarkDiff times "reportsite diff HEAD~1 HEAD" on a repository of
// each fixture size with two commits: the fixture, then a change of the
// money of 20 activities, of a unit's staff, and an activity renamed.
// Making the repository is left out of the time. The large size runs
// only when asked for (see fixture.LargeWanted):
//
//	go test ./generator/cli -run '^$' -bench 'Diff/large' -count 5
func BenchmarkDiff(b *testing.B) {
	for _, size := range fixture.BenchSizes {
		if size.Config == (fixture.Config{}) {
			continue
		}
		b.Run(size.Name, func(b *testing.B) {
			if size.Config == fixture.Large && !fixture.LargeWanted() {
				b.Skip("set REPORTSITE_BENCH_LARGE=1 or name large in -bench")
			}
			dir, err := fixture.Cached(size.Config)
			if err != nil {
				b.Fatal(err)
			}
			top := twoCommits(b, dir)
			gittest.Isolate(b)
			b.Chdir(top)
			var stderr strings.Builder
			cmd := &Command{Stdout: io.Discard, Stderr: &stderr, Now: fixedNow}
			b.ReportAllocs()
			for b.Loop() {
				if status := cmd.Run([]string{"diff", "HEAD~1", "HEAD"}); status != ExitOK {
					b.Fatalf("exit status %d:\n%s", status, stderr.String())
				}
			}
		})
	}
}

var moneyLine = regexp.MustCompile(`money: (\d+)`)

// twoCommits makes a repository whose first commit holds the content
// folder dir and whose second changes it, and returns its folder.
func twoCommits(b *testing.B, dir string) string {
	b.Helper()
	top := b.TempDir()
	gittest.Init(b, top)
	content := filepath.Join(top, "content")
	if err := os.CopyFS(content, os.DirFS(dir)); err != nil {
		b.Fatal(err)
	}
	gittest.CommitAll(b, top, "fixture")

	activities, err := filepath.Glob(filepath.Join(content, "activities", "*.yaml"))
	if err != nil || len(activities) < 21 {
		b.Fatalf("%d activities: %v", len(activities), err)
	}
	slices.Sort(activities)
	for _, file := range activities[:20] {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		done := false
		data = moneyLine.ReplaceAllFunc(data, func(m []byte) []byte {
			if done {
				return m
			}
			done = true
			n, _ := strconv.ParseInt(string(moneyLine.FindSubmatch(m)[1]), 10, 64)
			return []byte("money: " + strconv.FormatInt(n+10_000, 10))
		})
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	units, _ := filepath.Glob(filepath.Join(content, "units", "*.yaml"))
	slices.Sort(units)
	data, err := os.ReadFile(units[0])
	if err != nil {
		b.Fatal(err)
	}
	data = regexp.MustCompile(`(\d{4}): (\d+)`).ReplaceAll(data, []byte("$1: 1$2"))
	if err := os.WriteFile(units[0], data, 0o644); err != nil {
		b.Fatal(err)
	}
	last := activities[len(activities)-1]
	gittest.Git(b, top, "mv", last, filepath.Join(filepath.Dir(last), "renamed-activity.yaml"))
	if md := last[:len(last)-len(".yaml")] + ".md"; fileExists(md) {
		gittest.Git(b, top, "mv", md, filepath.Join(filepath.Dir(last), "renamed-activity.md"))
	}
	gittest.CommitAll(b, top, "changes")
	return top
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}
