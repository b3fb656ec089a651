package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"reportsite/generator/fixture"
)

// The contract's target "one file edited → browser reloaded" is measured
// here, not asserted: each iteration saves a unit's file in place, as most
// editors do, and times the wait until the event stream announces a build
// whose page shows the edit. That is the debounce, the whole rebuild and
// the event's trip to the page; the page's own reload comes after.
//
//	go test -run '^$' -bench EditToReload -benchtime 20x ./generator/serve/
//
// reports the median and 90th percentile of those times and the median of
// the builds alone.

func BenchmarkEditToReloadExample(b *testing.B) {
	benchmarkEditToReload(b, exampleCopy(b), unitFile, waitLimit)
}

// BenchmarkEditToReloadLarge is the contract's large site: 1,000 units ×
// 10,000 activities × 5 years, from generator/fixture.
func BenchmarkEditToReloadLarge(b *testing.B) {
	cached, err := fixture.Cached(fixture.Large)
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "content")
	copyTree(b, cached, dir) // the cached fixture must stay unchanged
	units, err := filepath.Glob(filepath.Join(dir, "units", "*.yaml"))
	if err != nil || len(units) == 0 {
		b.Fatalf("the fixture has no units: %v", err)
	}
	slices.Sort(units)
	rel, _ := filepath.Rel(dir, units[0])
	benchmarkEditToReload(b, dir, filepath.ToSlash(rel), 10*time.Minute)
}

var nameLine = regexp.MustCompile(`(?m)^name: .*$`)

func benchmarkEditToReload(b *testing.B, dir, file string, limit time.Duration) {
	name := filepath.Join(dir, filepath.FromSlash(file))
	original, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	if !nameLine.Match(original) {
		b.Fatalf("%s has no name line to edit", file)
	}
	page := "/units/" + strings.TrimSuffix(filepath.Base(file), ".yaml") + "/"
	r := startWithin(b, Options{Content: dir}, limit)
	if _, failed := r.Site(); failed {
		b.Fatalf("the site has errors:\n%s", r.stderr.String())
	}
	events := r.listen(b)

	var reloads, builds []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		marker := fmt.Sprintf("Edited Unit %d", i)
		data := nameLine.ReplaceAll(original, []byte("name: "+marker))
		saved := time.Now()
		writeFile(b, name, data)
		var took time.Duration
		events.until(b, "the edit", func() bool {
			took = time.Since(saved)
			_, body, _ := r.get(b, page)
			return strings.Contains(body, marker)
		})
		reloads = append(reloads, took)
		builds = append(builds, r.current.Load().duration)
	}
	b.StopTimer()
	b.ReportMetric(ms(percentile(reloads, 50)), "ms-reload-median")
	b.ReportMetric(ms(percentile(reloads, 90)), "ms-reload-p90")
	b.ReportMetric(ms(percentile(builds, 50)), "ms-build-median")
}

func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[(len(s)-1)*p/100]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
