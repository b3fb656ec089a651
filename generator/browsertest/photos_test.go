package browsertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"reportsite/generator/photos/phototest"
)

// layoutShiftProbe runs before the page's scripts and adds up, in
// window.layoutShifts, every layout shift the page makes without input.
const layoutShiftProbe = `window.layoutShifts = 0;
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.layoutShifts += e.value;
}).observe({type: "layout-shift", buffered: true});`

// photoBoxesJS gives each photo's box on the page, and whether it has
// loaded.
const photoBoxesJS = `Array.from(document.querySelectorAll(".photos img")).map(i => {
  const r = i.getBoundingClientRect();
  return {w: Math.round(r.width), h: Math.round(r.height), top: Math.round(r.top + scrollY), loaded: i.complete && i.naturalWidth > 0, src: i.currentSrc};
})`

type photoBox struct {
	W, H, Top int
	Loaded    bool
	Src       string
}

// TestPhotosDoNotShiftThePage opens an activity page with photos, whose
// files the server sends late, on a phone and on a desktop: each photo's
// box has its final size before the photo arrives (width and height), so
// nothing on the page moves when it does; and the browser picks the copy
// that suits the screen.
func TestPhotosDoNotShiftThePage(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	files := map[string][]byte{
		"site.yaml":               []byte("title: Test Bloc\n"),
		"years/2023.yaml":         []byte("year: 2023\n"),
		"units/water-centre.yaml": []byte("name: Water Centre\nstaff: {2023: 40}\n"),
		"activities/drive-2023.yaml": []byte("title: Drive 2023\nyear: 2023\ncontributions:\n  - {unit: water-centre, participants: 12}\nphotos:\n" +
			"  - {file: media/hall.jpg, caption: The hall from the stage}\n" +
			"  - {file: media/shelves.jpg, caption: The shelves}\n" +
			"  - {file: media/wide.jpg, caption: The yard}\n"),
		"media/hall.jpg":    phototest.PhoneJPEG(t, phototest.Noise(2400, 1800), 6),
		"media/shelves.jpg": phototest.PhoneJPEG(t, phototest.Quadrants(1600, 1200), 1),
		"media/wide.jpg":    phototest.PhoneJPEG(t, phototest.Noise(3000, 1000), 3),
	}
	for name, data := range files {
		name = filepath.Join(content, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := buildSite(content, filepath.Join(dir, "site"))
	if err != nil {
		t.Fatal(err)
	}
	// The server holds the photos back until the test lets them go, as
	// a slow network would, so that the page is measured without them.
	// Each subtest has the site under a prefix of its own, with photos
	// of its own to hold back, which no cache can hold from before.
	release := map[string]chan struct{}{"phone": make(chan struct{}), "desktop": make(chan struct{})}
	site := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		run, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
		if release[run] == nil {
			http.NotFound(w, r)
			return
		}
		if strings.HasPrefix(rest, "media/") {
			select {
			case <-release[run]:
			case <-time.After(20 * time.Second):
			}
		}
		w.Header().Set("Cache-Control", "no-store")
		http.StripPrefix("/"+run, site).ServeHTTP(w, r)
	}))
	defer srv.Close()

	for _, c := range []struct {
		name          string
		width, height int64
		opts          []chromedp.EmulateViewportOption
		copy          string // the copy of the first photo the browser should load
	}{
		// 360 px less the margins, at 2 device pixels a pixel: 656.
		{"phone", phoneWidth, phoneHeight, []chromedp.EmulateViewportOption{chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)}, "hall-960.jpg"},
		// 22rem columns, at 1 device pixel a pixel: 352.
		{"desktop", desktopWidth, desktopHeight, nil, "hall-480.jpg"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := openTab(t, func(url string) bool { return strings.HasPrefix(url, srv.URL+"/") })
			tb.run("adding the layout shift probe", chromedp.ActionFunc(func(ctx context.Context) error {
				_, err := page.AddScriptToEvaluateOnNewDocument(layoutShiftProbe).Do(ctx)
				return err
			}))
			tb.load(srv.URL+"/"+c.name+"/activities/drive-2023/", c.width, c.height, c.opts...)
			// Scrolled through, the charts are drawn and the photos asked
			// for; only then is the page measured, and the shifts counted
			// from there are those the photos make.
			tb.scrollAndDraw()
			var ok bool
			tb.eval("scrolling to the photos", `(async () => { document.querySelector(".photos").scrollIntoView(); window.layoutShifts = 0; return true })()`, &ok)
			var before []photoBox
			tb.eval("measuring the photos before they load", photoBoxesJS, &before)
			if len(before) != 3 {
				t.Fatalf("%d photos on the page, want 3", len(before))
			}
			close(release[c.name])
			err := chromedp.Run(tb.ctx, chromedp.Poll(`Array.from(document.querySelectorAll(".photos img")).every(i => i.complete && i.naturalWidth > 0)`,
				&ok, chromedp.WithPollingTimeout(15*time.Second), chromedp.WithPollingInterval(50*time.Millisecond)))
			if err != nil {
				t.Fatalf("waiting for the photos to load: %v", err)
			}
			var after []photoBox
			tb.eval("measuring the photos after they load", photoBoxesJS, &after)
			for i := range before {
				b, a := before[i], after[i]
				if b.Loaded {
					t.Errorf("photo %d had loaded before the server sent it", i)
				}
				if b.W != a.W || b.H != a.H || b.Top != a.Top {
					t.Errorf("photo %d: box %dx%d at %d before it loaded, %dx%d at %d after", i, b.W, b.H, b.Top, a.W, a.H, a.Top)
				}
				if a.H == 0 || a.W == 0 {
					t.Errorf("photo %d has an empty box", i)
				}
			}
			if !strings.HasSuffix(after[0].Src, "/"+c.copy) {
				t.Errorf("the browser loaded %s, want the copy %s", after[0].Src, c.copy)
			}
			var shift float64
			tb.eval("adding up the layout shifts", `window.layoutShifts`, &shift)
			if shift > 0.001 {
				t.Errorf("the page shifted by %.4f (cumulative layout shift)", shift)
			}
			t.Logf("boxes %v, cumulative layout shift %.4f", after, shift)
			tb.assertClean("activities/drive-2023/")
		})
	}
}
