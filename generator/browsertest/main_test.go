package browsertest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"reportsite/generator/chartscript"
	"reportsite/generator/diag"
	"reportsite/generator/fixture"
	"reportsite/generator/site"
)

// The example site, built once for the whole test binary and served on
// the loopback interface only.
var (
	siteDir string           // the built site, an absolute path
	server  *httptest.Server // serves siteDir at 127.0.0.1
	pages   []string         // every HTML page of the site, slash-separated, sorted
)

// generated is a site of content made by the fixture generator, built
// and served like the example site.
type generated struct {
	name string
	cfg  fixture.Config
	// edit, when not nil, changes the generated content before it is
	// built.
	edit   func(content string) error
	dir    string           // the built site, an absolute path
	server *httptest.Server // serves dir at 127.0.0.1
}

// The generated sites: longNames has twenty units, each taking part in
// some fifty activities over two years, whose long Vietnamese names
// fill every chart of a unit with as many bars as a chart draws, for the
// charts of names too long for their bars; manyYears has twenty-five
// years, more than a chart of years draws.
var (
	longNames = &generated{name: "long-names", cfg: fixture.Config{Units: 20, Activities: 60, Years: 2, Seed: 1}}
	manyYears = &generated{name: "many-years", cfg: fixture.Config{Units: 5, Activities: 75, Years: 25, Seed: 1}}
	// vietnamese is a site in Vietnamese for the search: its book drives
	// ("Tặng tủ sách cho học sinh") and units at Đakrông come from the
	// generator, and one unit's head is made a Nguyễn.
	vietnamese = &generated{name: "vietnamese", cfg: fixture.Config{Units: 20, Activities: 60, Years: 2, Seed: 1}, edit: headNamedNguyen}
)

// headNamedNguyen makes the head of the first unit of the content folder
// Nguyễn Văn Tâm.
func headNamedNguyen(content string) error {
	files, err := filepath.Glob(filepath.Join(content, "units", "*.yaml"))
	if err != nil || len(files) == 0 {
		return fmt.Errorf("no unit to edit in %s: %v", content, err)
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		return err
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "head: ") {
			lines[i] = "head: Nguyễn Văn Tâm"
			return os.WriteFile(files[0], []byte(strings.Join(lines, "\n")), 0o644)
		}
	}
	return fmt.Errorf("%s has no head", files[0])
}

// url is the address of a page of the site on its test server.
func (g *generated) url(page string) string {
	return g.server.URL + "/" + strings.TrimSuffix(page, "index.html")
}

// servedOnly allows requests to the site's test server only.
func (g *generated) servedOnly(url string) bool {
	return strings.HasPrefix(url, g.server.URL+"/")
}

// onDesktopAndPhone runs test on each of pages of the site, as a subtest
// named after the page, at desktop size and on a slow phone, with the page
// loaded and its charts drawn.
func (g *generated) onDesktopAndPhone(t *testing.T, pages []string, test func(t *testing.T, tb *tab, page string, phone bool)) {
	for _, p := range pages {
		for _, phone := range []bool{false, true} {
			name := strings.TrimSuffix(strings.TrimSuffix(p, "index.html"), "/")
			if name == "" {
				name = "home"
			}
			if phone {
				name += "/phone"
			} else {
				name += "/desktop"
			}
			t.Run(name, func(t *testing.T) {
				tb := openTab(t, g.servedOnly)
				if phone {
					tb.run("slowing the processor", emulation.SetCPUThrottlingRate(slowdown))
					tb.load(g.url(p), phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2))
				} else {
					tb.load(g.url(p), desktopWidth, desktopHeight)
				}
				tb.scrollAndDraw()
				test(t, tb, p, phone)
			})
		}
	}
}

// build generates the site's content in dir, builds it and starts its
// server.
func (g *generated) build(dir string) error {
	content := filepath.Join(dir, g.name)
	if err := fixture.Write(content, g.cfg); err != nil {
		return fmt.Errorf("generating the content of %s: %w", g.name, err)
	}
	if g.edit != nil {
		if err := g.edit(content); err != nil {
			return fmt.Errorf("editing the content of %s: %w", g.name, err)
		}
	}
	var err error
	g.dir, _, err = buildSite(content, filepath.Join(dir, g.name+"-site"))
	if err != nil {
		return fmt.Errorf("building the site of %s: %w", g.name, err)
	}
	g.server = httptest.NewServer(http.FileServer(http.Dir(g.dir)))
	return nil
}

// workDir is the folder of the test binary's built sites, removed when it
// ends.
var workDir string

// The one browser shared by every test; each page gets a tab of its own.
var (
	browserOnce   sync.Once
	browserCtx    context.Context
	browserErr    error
	browserCancel = func() {}
	profileDir    string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "reportsite-browsertest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	workDir = dir
	siteDir, pages, err = buildSite(filepath.Join("..", "..", "content"), filepath.Join(dir, "site"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "browsertest: building the example site:", err)
		return 1
	}
	for _, g := range []*generated{longNames, manyYears, vietnamese} {
		if err := g.build(dir); err != nil {
			fmt.Fprintln(os.Stderr, "browsertest:", err)
			return 1
		}
		defer g.server.Close()
	}
	profileDir = filepath.Join(dir, "profile")
	server = httptest.NewServer(http.FileServer(http.Dir(siteDir)))
	defer server.Close()
	// The browser must be gone before its profile folder is removed.
	defer func() { browserCancel() }()
	return m.Run()
}

// buildSite builds content into out and returns the site's absolute path
// and its pages.
func buildSite(content, out string) (dir string, list []string, err error) {
	var diags diag.List
	_, err = site.Build(site.Options{Content: content, Out: out}, &diags)
	if err != nil {
		var report strings.Builder
		diags.WriteText(&report)
		if errors.Is(err, chartscript.ErrNotBundled) {
			return "", nil, fmt.Errorf("%w\n(the browser tests draw the charts with the bundled chart script: run `make bundle` at the repository root)", err)
		}
		return "", nil, fmt.Errorf("%w\n%s", err, report.String())
	}
	dir, err = filepath.Abs(out)
	if err != nil {
		return "", nil, err
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".html") {
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			list = append(list, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(list)
	if err == nil && len(list) == 0 {
		err = fmt.Errorf("the build wrote no HTML pages to %s", dir)
	}
	return dir, list, err
}

// chromium returns the browser to drive: $CHROMIUM, else /usr/bin/chromium,
// else the first Chromium-like program on the PATH.
func chromium() (string, error) {
	if p := os.Getenv("CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("$CHROMIUM is %q, which cannot be used: %v", p, err)
		}
		return p, nil
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found: install it at /usr/bin/chromium or set $CHROMIUM to the browser program")
}

// browser returns the shared browser's context, starting the browser on
// first use. Without a browser the test is skipped, or fails on CI.
func browser(t testing.TB) context.Context {
	t.Helper()
	path, err := chromium()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %v", err)
		}
		t.Skip(err)
	}
	browserOnce.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("headless", true),
			chromedp.Flag("lang", "en-GB"),
			chromedp.UserDataDir(profileDir),
		)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelBrowser := chromedp.NewContext(allocCtx)
		browserCancel = func() { cancelBrowser(); cancelAlloc() }
		// Run with no actions starts the browser and its first tab. It
		// must get ctx itself: cancelling the context of this first run
		// would close the browser.
		if err := chromedp.Run(ctx); err != nil {
			browserErr = fmt.Errorf("starting %s: %w", path, err)
			return
		}
		browserCtx = ctx
	})
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	return browserCtx
}

// pageURL is the address of a page of the site on the test server.
func pageURL(page string) string {
	return server.URL + "/" + strings.TrimSuffix(page, "index.html")
}

// fileURL is the address of a page of the site opened from disk.
func fileURL(page string) string {
	return "file://" + filepath.ToSlash(filepath.Join(siteDir, filepath.FromSlash(page)))
}

// artifactsDir returns artifacts/<name> at the repository root (the
// folder holding go.mod), creating it.
func artifactsDir(t *testing.T, name string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test folder: cannot find the repository root for artifacts/")
		}
		dir = parent
	}
	out := filepath.Join(dir, "artifacts", name)
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	return out
}
