package site

import (
	"path/filepath"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/figures"
	"reportsite/generator/fixture"
	"reportsite/generator/output"
	"reportsite/generator/search"
	"reportsite/generator/validate"
)

// The benchmarks below time each phase of a build — load, validate,
// aggregate, render, write — and the whole Build, on the example site and
// on three generated sizes; docs/performance.md holds the results and how
// to reproduce them. Each benchmark prepares what its phase needs before
// b.Loop, which leaves that work out of the time and the allocations.
//
// Fixtures are generated once into the system's temporary folder by
// fixture.Cached and shared by every benchmark and every run. The large
// size runs only when asked for (see fixture.LargeWanted): it takes minutes.

// eachSize runs bench as a sub-benchmark per size, with the content
// folder of that size.
func eachSize(b *testing.B, bench func(b *testing.B, dir string)) {
	for _, size := range fixture.BenchSizes {
		b.Run(size.Name, func(b *testing.B) {
			dir := exampleDir
			if size.Config != (fixture.Config{}) {
				if size.Config == fixture.Large && !fixture.LargeWanted() {
					b.Skip("set REPORTSITE_BENCH_LARGE=1 or name large in -bench")
				}
				var err error
				if dir, err = fixture.Cached(size.Config); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			bench(b, dir)
		})
	}
}

// load reads and validates dir, failing on any diagnostic: a benchmark of
// content with errors would measure the error paths.
func load(b *testing.B, dir string) *content.Content {
	var diags diag.List
	c := Check(dir, true, &diags)
	if items := diags.Items(); len(items) > 0 {
		b.Fatalf("%d diagnostics, the first: %s", len(items), items[0])
	}
	return c
}

func BenchmarkLoad(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		for b.Loop() {
			var diags diag.List
			content.Load(dir, &diags)
		}
	})
}

func BenchmarkValidate(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		c := load(b, dir)
		for b.Loop() {
			var diags diag.List
			validate.Check(c, &diags)
		}
	})
}

// BenchmarkValidateRepeat measures validating content that a Checker has
// validated before, as reportsite serve does after each edit: the Markdown
// is not parsed again.
func BenchmarkValidateRepeat(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		c := load(b, dir)
		k := validate.NewChecker()
		k.Check(c, &diag.List{})
		for b.Loop() {
			var diags diag.List
			k.Check(c, &diags)
		}
	})
}

func BenchmarkAggregate(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		c := load(b, dir)
		for b.Loop() {
			figures.Compute(c)
		}
	})
}

// BenchmarkRender measures Render: the templates, the figures (so it
// includes Aggregate) and every page, chart and data file, into memory.
func BenchmarkRender(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		c := load(b, dir)
		for b.Loop() {
			if _, _, err := Render(c, Options{Content: dir}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPlan measures what reportsite serve does after loading on
// every save: aggregating and planning the site, whose pages are rendered
// only when asked for.
func BenchmarkPlan(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		c := load(b, dir)
		for b.Loop() {
			if _, err := NewPlan(c, Options{Content: dir, NotFoundRoot: "/"}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkWrite measures writing a rendered site to disk. From the
// second iteration on, each write also removes the site the previous one
// wrote, as a rebuild does.
func BenchmarkWrite(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		s, _, err := Render(load(b, dir), Options{Content: dir})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(siteBytes(b, s))
		out := filepath.Join(b.TempDir(), "public")
		for b.Loop() {
			if err := s.WriteDir(out); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// siteBytes is the size of the files of s.
func siteBytes(b *testing.B, s *output.Site) int64 {
	var n int64
	for _, name := range s.Names() {
		data, err := s.Bytes(name)
		if err != nil {
			b.Fatal(err)
		}
		n += int64(len(data))
	}
	return n
}

// BenchmarkBuild measures the whole pipeline as `reportsite build` runs
// it, and reports the peak of the Go heap during the builds: peak-heap-MB
// is the most memory live and not yet collected objects took,
// peak-go-MB the most the Go runtime held from the system (heap, stacks
// and its own structures, less what it returned), the closest in-process
// figure to the peak resident size that `make bench` also measures.
func BenchmarkBuild(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		out := filepath.Join(b.TempDir(), "public")
		stop := samplePeaks()
		for b.Loop() {
			var diags diag.List
			if _, err := Build(Options{Content: dir, Out: out}, &diags); err != nil {
				b.Fatal(err, diags.Items())
			}
		}
		heap, held := stop()
		b.ReportMetric(float64(heap)/1e6, "peak-heap-MB")
		b.ReportMetric(float64(held)/1e6, "peak-go-MB")
	})
}

// samplePeaks watches the runtime's memory every few milliseconds until
// the function it returns is called, which returns the peaks of the heap
// objects and of the memory the runtime holds. runtime/metrics is read
// rather than runtime.ReadMemStats, which stops the world.
func samplePeaks() (stop func() (heap, held uint64)) {
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
	}
	done := make(chan struct{})
	peaks := make(chan [2]uint64)
	go func() {
		var peak [2]uint64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			peak[0] = max(peak[0], samples[0].Value.Uint64())
			peak[1] = max(peak[1], samples[1].Value.Uint64()-samples[2].Value.Uint64())
			select {
			case <-done:
				peaks <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return func() (uint64, uint64) {
		close(done)
		p := <-peaks
		return p[0], p[1]
	}
}

// BenchmarkSearchIndex makes the parts of the search index
// (assets/search/*.js), which build makes besides the pages: mostly the
// plain text of every narrative.
func BenchmarkSearchIndex(b *testing.B) {
	eachSize(b, func(b *testing.B, dir string) {
		plan, err := NewPlan(load(b, dir), Options{Content: dir})
		if err != nil {
			b.Fatal(err)
		}
		var parts []*Entry
		for _, e := range plan.Entries {
			if strings.HasPrefix(e.Path, search.Dir) {
				parts = append(parts, e)
			}
		}
		size := 0
		for b.Loop() {
			size = 0
			for _, e := range parts {
				data, err := e.Render()
				if err != nil {
					b.Fatal(err)
				}
				size += len(data)
			}
		}
		b.ReportMetric(float64(size), "index-bytes")
	})
}
