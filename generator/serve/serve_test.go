package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"reportsite/generator/diag"
	"reportsite/generator/site"
)

const unitFile = "units/aquaculture-centre.yaml"
const unitName = "Aquaculture Seed and Technology Centre"
const unitPage = "/units/aquaculture-centre/"

func TestAnEditIsServedAfterAReloadEvent(t *testing.T) {
	dir := exampleCopy(t)
	r := start(t, Options{Content: dir})
	events := r.listen(t)
	before := events.last
	if status, body, _ := r.get(t, unitPage); status != http.StatusOK || !strings.Contains(body, unitName) {
		t.Fatalf("GET %s: %d, want 200 with %q", unitPage, status, unitName)
	}

	edit(t, filepath.Join(dir, unitFile), unitName, "Aquaculture Centre of Quảng Trị")
	after := events.next(t)
	if after == before {
		t.Fatalf("the reload event names the build the page already has (%s)", after)
	}
	status, body, _ := r.get(t, unitPage)
	if status != http.StatusOK || !strings.Contains(body, "Aquaculture Centre of Quảng Trị") || strings.Contains(body, unitName) {
		t.Errorf("after the reload event, GET %s: %d, want 200 with the new name only:\n%s", unitPage, status, body)
	}
	if !strings.Contains(r.stdout.String(), "ready in ") {
		t.Errorf("the terminal was not told of the builds:\n%s", r.stdout.String())
	}
}

// TestABrokenSaveShowsTheErrorPageUntilFixed: a mistake in the content
// does not stop the server; every page shows the same messages as
// "reportsite check" until the file is fixed, and the pages reload by
// themselves both times.
func TestABrokenSaveShowsTheErrorPageUntilFixed(t *testing.T) {
	dir := exampleCopy(t)
	r := start(t, Options{Content: dir})
	events := r.listen(t)
	name := filepath.Join(dir, unitFile)
	original, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}

	writeFile(t, name, append(bytes.Clone(original), "colour: blue\n"...))
	events.until(t, "the error page", func() bool { _, failed := r.Site(); return failed })

	var diags diag.List
	site.Check(dir, false, &diags)
	var check bytes.Buffer
	diags.WriteText(&check)
	want := strings.Split(strings.TrimSuffix(check.String(), "\n"), "\n")
	if !strings.Contains(check.String(), unitFile+":9:1: unknown field \"colour\"") {
		t.Fatalf("reportsite check does not report the mistake as expected:\n%s", check.String())
	}
	for _, path := range []string{"/", unitPage, "/2023/", "/activities/index.html", "/no-such-page/"} {
		status, body, header := r.get(t, path)
		if status != http.StatusInternalServerError {
			t.Errorf("GET %s: status %d, want 500 while the content has errors", path, status)
		}
		if got := codeLines(body); !equal(got, want) {
			t.Errorf("GET %s: the error page lists\n%s\nwant the lines of reportsite check:\n%s", path, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if !strings.Contains(body, `<script src="`+ScriptPath+`" defer></script>`) || !strings.HasSuffix(body, "</html>\n") {
			t.Errorf("GET %s: the error page lacks the live-reload script or its end:\n%s", path, body)
		}
		if ct := header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", path, ct)
		}
	}
	// What the error page and the last good pages need keeps loading.
	for _, path := range []string{ScriptPath, errorStylePath, "/assets/style.css"} {
		if status, _, _ := r.get(t, path); status != http.StatusOK {
			t.Errorf("GET %s: status %d while the content has errors, want 200", path, status)
		}
	}
	if !strings.Contains(r.stderr.String(), `unknown field "colour"`) {
		t.Errorf("the terminal was not told of the error:\n%s", r.stderr.String())
	}

	broken := events.last
	writeFile(t, name, original)
	events.until(t, "the fixed site", func() bool { _, failed := r.Site(); return !failed })
	if events.last == broken {
		t.Errorf("the fix brought no new build event")
	}
	if status, body, _ := r.get(t, unitPage); status != http.StatusOK || !strings.Contains(body, unitName) {
		t.Errorf("GET %s after the fix: %d, want 200 with the page", unitPage, status)
	}
}

// codeLines returns the text of the <code> lines of the error page.
func codeLines(body string) []string {
	var lines []string
	for _, m := range regexp.MustCompile(`(?m)^<code>(.*)</code>$`).FindAllStringSubmatch(body, -1) {
		lines = append(lines, html.UnescapeString(m[1]))
	}
	return lines
}

func equal(a, b []string) bool {
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}

// yearOverride makes a --templates folder for a year.html of the test's
// own, and returns it, the path of that file and the default year.html.
func yearOverride(t *testing.T) (templates, year string, good []byte) {
	t.Helper()
	templates = filepath.Join(t.TempDir(), "templates")
	if err := os.MkdirAll(templates, 0o755); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile("../../templates/year.html")
	if err != nil {
		t.Fatal(err)
	}
	return templates, filepath.Join(templates, "year.html"), good
}

// TestABrokenTemplateShowsTheErrorPageUntilFixed is the same for a
// --templates folder, which is watched too.
func TestABrokenTemplateShowsTheErrorPageUntilFixed(t *testing.T) {
	dir := exampleCopy(t)
	templates, year, good := yearOverride(t)
	writeFile(t, year, good)
	r := start(t, Options{Content: dir, Templates: templates})
	events := r.listen(t)

	writeFile(t, year, []byte("{{define \"main\"}}\n{{.Nope}}\n{{end}}\n"))
	events.until(t, "the error page", func() bool { _, failed := r.Site(); return failed })
	status, body, _ := r.get(t, "/")
	if status != http.StatusInternalServerError || !strings.Contains(body, year+": template: year.html:2:") || !strings.Contains(body, "Nope") {
		t.Errorf("GET /: %d, want 500 naming %s:2 and the missing field:\n%s", status, year, body)
	}

	writeFile(t, year, bytes.Replace(good, []byte("<h1>{{.Title}}</h1>"), []byte("<h1>{{.Title}} (override)</h1>"), 1))
	events.until(t, "the fixed site", func() bool { _, failed := r.Site(); return !failed })
	if status, body, _ := r.get(t, "/2023/"); status != http.StatusOK || !strings.Contains(body, "(override)</h1>") {
		t.Errorf("GET /2023/ after the fix: %d, want 200 with the edited template", status)
	}
}

// TestAPageThatFailsAloneShowsItsError: pages are rendered when asked for,
// so a template that fails on one page only, past the first page of its
// template that the build renders at once, fails when that page is
// opened. That page shows the error; the others are served.
func TestAPageThatFailsAloneShowsItsError(t *testing.T) {
	dir := exampleCopy(t)
	templates, year, good := yearOverride(t)
	writeFile(t, year, bytes.Replace(good, []byte("<h1>{{.Title}}</h1>"), []byte("<h1>{{.Title}}</h1>{{if eq .Year.Year 2024}}{{.Nope}}{{end}}"), 1))
	r := start(t, Options{Content: dir, Templates: templates})
	if _, failed := r.Site(); failed {
		t.Fatalf("the build failed, though the first year's page renders:\n%s", r.stderr.String())
	}
	if status, body, _ := r.get(t, "/2023/"); status != http.StatusOK || !strings.Contains(body, "2023") {
		t.Errorf("GET /2023/: %d, want 200 with the page", status)
	}
	status, body, _ := r.get(t, "/2024/")
	if status != http.StatusInternalServerError || !strings.Contains(body, "rendering 2024/index.html") || !strings.Contains(body, "Nope") {
		t.Errorf("GET /2024/: %d, want 500 naming the page and the missing field:\n%s", status, body)
	}
}

// TestFoldersCreatedLaterAreWatched: a folder made under media/ after the
// server started is watched, so a photo saved into it afterwards brings a
// build of its own; and a file saved the way many editors do, written
// beside and renamed over the old one, is seen too.
func TestFoldersCreatedLaterAreWatched(t *testing.T) {
	dir := exampleCopy(t)
	r := start(t, Options{Content: dir})
	events := r.listen(t)

	folder := filepath.Join(dir, "media", "2024", "spring")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	events.next(t) // the folders themselves
	photo := smallPicture(t, "png")
	writeFile(t, filepath.Join(folder, "planting.png"), photo)
	events.until(t, "the new photo", func() bool {
		s, _ := r.Site()
		_, ok := s.Get("media/2024/spring/planting.png")
		return ok
	})
	status, body, header := r.get(t, "/media/2024/spring/planting.png")
	// Published written anew without metadata: the same picture, not
	// the same bytes.
	if _, err := png.DecodeConfig(strings.NewReader(body)); status != http.StatusOK || err != nil || header.Get("Content-Type") != "image/png" {
		t.Errorf("GET the new photo: %d, %v, Content-Type %q", status, err, header.Get("Content-Type"))
	}

	// An atomic save: a hidden temporary file renamed over the unit.
	name := filepath.Join(dir, unitFile)
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(dir, "units", ".aquaculture-centre.yaml.tmp")
	writeFile(t, tmp, bytes.Replace(data, []byte(unitName), []byte("Renamed Centre"), 1))
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
	events.until(t, "the renamed-over file", func() bool {
		_, body, _ := r.get(t, unitPage)
		return strings.Contains(body, "Renamed Centre")
	})
}

// TestRequestsDuringRebuildsSeeWholePages floods the server while the
// content is saved again and again: no request fails and every page is
// whole, since each build is swapped in only once complete.
func TestRequestsDuringRebuildsSeeWholePages(t *testing.T) {
	dir := exampleCopy(t)
	r := start(t, Options{Content: dir, Debounce: 5 * time.Millisecond})
	firstGen := r.gen.Load()

	s, _ := r.Site()
	var pages []string
	for _, name := range s.Names() {
		if strings.HasSuffix(name, ".html") {
			pages = append(pages, "/"+strings.TrimSuffix(name, "index.html"))
		}
	}
	pages = append(pages, "/assets/style.css", "/no-such-page/")

	stop := make(chan struct{})
	var editor sync.WaitGroup
	editor.Add(1)
	go func() {
		defer editor.Done()
		name := filepath.Join(dir, unitFile)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if i >= 200 {
				return
			}
			data, err := os.ReadFile(name)
			if err != nil {
				t.Error(err)
				return
			}
			data = regexp.MustCompile(`(?m)^name: .*$`).ReplaceAll(data, []byte(fmt.Sprintf("name: Aquaculture Centre, edit %d", i)))
			// Saved whole, as editors do, so that no build reads half a file.
			tmp := filepath.Join(dir, "units", ".save.tmp")
			if err := os.WriteFile(tmp, data, 0o644); err != nil {
				t.Error(err)
				return
			}
			if err := os.Rename(tmp, name); err != nil {
				t.Error(err)
				return
			}
			time.Sleep(15 * time.Millisecond)
		}
	}()

	const workers, requests = 8, 200
	client := &http.Client{Timeout: waitLimit}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var problems []string
	report := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range requests {
				path := pages[(w*requests+i)%len(pages)]
				resp, err := client.Get(r.base + path)
				if err != nil {
					report("GET %s: %v", path, err)
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				want := http.StatusOK
				if path == "/no-such-page/" {
					want = http.StatusNotFound
				}
				switch {
				case err != nil:
					report("GET %s: reading: %v", path, err)
				case resp.StatusCode != want:
					report("GET %s: status %d, want %d", path, resp.StatusCode, want)
				case strings.HasSuffix(path, "/") && !strings.HasSuffix(string(body), "</html>\n"):
					report("GET %s: a torn page of %d bytes", path, len(body))
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	editor.Wait()
	for _, p := range problems {
		t.Error(p)
	}
	// The flood is only a test if rebuilds happened during it.
	if rebuilds := r.gen.Load() - firstGen; rebuilds < 2 {
		t.Errorf("only %d rebuilds happened during the flood", rebuilds)
	}
	if _, failed := r.Site(); failed {
		t.Errorf("the flood's saves broke the site:\n%s", r.stderr.String())
	}
}

// TestPathsOutsideTheSiteAreRefused sends request targets that try to
// leave the site, exactly as written, and checks that none is answered
// with a file, least of all the repository's go.mod two folders up.
func TestPathsOutsideTheSiteAreRefused(t *testing.T) {
	dir := exampleCopy(t)
	// A go.mod beside the content folder, where a path escaping the site
	// folder by one or two levels would find it.
	writeFile(t, filepath.Join(filepath.Dir(dir), "go.mod"), []byte("module secret\n"))
	r := start(t, Options{Content: dir})
	for _, target := range []string{
		"/../go.mod",
		"/../../go.mod",
		"/%2e%2e/go.mod",
		"/%2E%2E/%2e%2e/go.mod",
		"/..%2fgo.mod",
		"/..%2Fgo.mod",
		"/assets/..%5c..%5cgo.mod",
		"/assets/..\\..\\go.mod",
		"/assets/%2e%2e/%2e%2e/go.mod",
		"/units/../../go.mod",
		"/./index.html",
		"//etc/passwd",
		"/index.html%00.css",
		"/assets/style.css%00",
		"/%c0%ae%c0%ae/go.mod",
		"/media/../../go.mod",
		"/units/%2e%2e%2f%2e%2e%2fgo.mod",
	} {
		status, body := r.rawGet(t, target)
		if status != http.StatusBadRequest && status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 400 or 404", target, status)
		}
		if strings.Contains(body, "module ") {
			t.Errorf("GET %s: answered with a go.mod:\n%s", target, body)
		}
	}
	for _, target := range []string{"/", "/index.html", "/units/", "/assets/style.css"} {
		if status, _ := r.rawGet(t, target); status != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", target, status)
		}
	}
}

// TestOnlyThisComputersNamesAreAnswered: on loopback, a request whose
// Host is some domain name (a web page that pointed its own name at
// 127.0.0.1) is refused; localhost and IP addresses are answered.
func TestOnlyThisComputersNamesAreAnswered(t *testing.T) {
	r := start(t, Options{Content: exampleCopy(t)})
	_, port, _ := net.SplitHostPort(r.addr)
	for host, want := range map[string]int{
		"attacker.example:" + port:  http.StatusMisdirectedRequest,
		"attacker.example":          http.StatusMisdirectedRequest,
		"localhost.example:" + port: http.StatusMisdirectedRequest,
		"localhost:" + port:         http.StatusOK,
		"LOCALHOST.:" + port:        http.StatusOK,
		"site.localhost:" + port:    http.StatusOK,
		"127.0.0.1:" + port:         http.StatusOK,
		"[::1]:" + port:             http.StatusOK,
	} {
		if status, _ := r.rawGetHost(t, "/", host); status != want {
			t.Errorf("Host %s: status %d, want %d", host, status, want)
		}
	}
}

// TestALayoutThatLoadsTheScriptItself: a --templates layout.html written
// when layouts loaded the live-reload script themselves. One that still
// asks for .LiveReload is told what to remove; one that loads the script
// always is served as it is, with the script once.
func TestALayoutThatLoadsTheScriptItself(t *testing.T) {
	layout, err := os.ReadFile("../../templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, block, want string
	}{
		{"asks for .LiveReload", "{{- if .LiveReload}}\n<script src=\"{{.Root}}assets/livereload.js\" defer></script>\n{{- end}}\n",
			"remove the {{if .LiveReload}} block from layout.html"},
		{"always loads it", "<script src=\"{{.Root}}assets/livereload.js\" defer></script>\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := bytes.Replace(layout, []byte("</body>"), []byte(tt.block+"</body>"), 1)
			templates := t.TempDir()
			writeFile(t, filepath.Join(templates, "layout.html"), old)
			r := start(t, Options{Content: exampleCopy(t), Templates: templates})
			if tt.want != "" {
				if !strings.Contains(r.stderr.String(), tt.want) {
					t.Errorf("the terminal was not told what to remove:\n%s", r.stderr.String())
				}
				return
			}
			_, body, _ := r.get(t, "/")
			if n := strings.Count(body, "livereload.js"); n != 1 {
				t.Errorf("the home page loads the script %d times:\n%s", n, body)
			}
		})
	}
}

func TestFilesAreServedWithTheirTypesAndNeverCached(t *testing.T) {
	dir := exampleCopy(t)
	site := filepath.Join(dir, "site.yaml")
	edit(t, site, "language: en\n", "language: en\nbase_url: https://reports.example.org/bloc/\n")
	if err := os.MkdirAll(filepath.Join(dir, "media"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"logo.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "hall.jpg": string(smallPicture(t, "jpeg")), "flag.webp": "RIFF"} {
		writeFile(t, filepath.Join(dir, "media", name), []byte(data))
	}
	r := start(t, Options{Content: dir})
	s, failed := r.Site()
	if failed {
		t.Fatalf("the site has errors:\n%s", r.stderr.String())
	}
	first := func(ext string) string {
		for _, name := range s.Names() {
			if strings.HasPrefix(name, "data/") && strings.HasSuffix(name, ext) {
				return "/" + name
			}
		}
		t.Fatalf("the site has no data/*%s file", ext)
		return ""
	}
	tests := []struct {
		path, status, contentType string
	}{
		{"/", "200", "text/html; charset=utf-8"},
		{"/units/", "200", "text/html; charset=utf-8"},
		{"/2023/index.html", "200", "text/html; charset=utf-8"},
		{"/assets/style.css", "200", "text/css; charset=utf-8"},
		{"/assets/charts.js", "200", "text/javascript; charset=utf-8"},
		{ScriptPath, "200", "text/javascript; charset=utf-8"},
		{first(".json"), "200", "application/json"},
		{first(".csv"), "200", "text/csv; charset=utf-8"},
		{"/sitemap.xml", "200", "application/xml; charset=utf-8"},
		{"/media/logo.svg", "200", "image/svg+xml"},
		{"/media/hall.jpg", "200", "image/jpeg"},
		{"/media/flag.webp", "200", "image/webp"},
		{"/no-such-page", "404", "text/html; charset=utf-8"},
		{"/units/no-such-unit/", "404", "text/html; charset=utf-8"},
		{"/units", "301", ""},
	}
	for _, tt := range tests {
		status, body, header := r.get(t, tt.path)
		if got := fmt.Sprint(status); got != tt.status {
			t.Errorf("GET %s: status %s, want %s", tt.path, got, tt.status)
		}
		if tt.contentType != "" && header.Get("Content-Type") != tt.contentType {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.path, header.Get("Content-Type"), tt.contentType)
		}
		if header.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s: Cache-Control %q, want no-store", tt.path, header.Get("Cache-Control"))
		}
		if tt.status == "404" {
			notFound, _ := s.Bytes("404.html")
			if body != string(notFound) {
				t.Errorf("GET %s: the body is not the site's 404.html", tt.path)
			}
		}
	}
	if _, _, header := r.get(t, "/units"); header.Get("Location") != "/units/" {
		t.Errorf("GET /units redirects to %q, want /units/", header.Get("Location"))
	}
	// The 404 page is shown at any depth, so it links from the root.
	notFound, _ := s.Bytes("404.html")
	for _, link := range []string{`href="/assets/style.css"`, `src="/assets/livereload.js"`} {
		if !bytes.Contains(notFound, []byte(link)) {
			t.Errorf("404.html lacks %s", link)
		}
	}
	resp, err := http.Post(r.base+"/", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: status %d, want 405", resp.StatusCode)
	}
}

// TestTheLiveReloadScriptIsServedNotBuilt: serve adds the script to every
// page, and makes it from memory with the build the page belongs to;
// the built site itself holds no such file.
func TestTheLiveReloadScriptIsServedNotBuilt(t *testing.T) {
	r := start(t, Options{Content: exampleCopy(t)})
	s, _ := r.Site()
	if _, ok := s.Get("assets/livereload.js"); ok {
		t.Error("the site in memory holds assets/livereload.js; it must only be served")
	}
	for _, name := range s.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		data, _ := s.Bytes(name)
		if want := `<script src="/assets/livereload.js" defer></script>` + "\n</body>"; !bytes.Contains(data, []byte(want)) {
			t.Errorf("%s lacks %s", name, want)
		}
	}
	events := r.listen(t)
	status, body, _ := r.get(t, ScriptPath)
	if status != http.StatusOK || !strings.Contains(body, `var build = "`+events.last+`";`) {
		t.Errorf("GET %s: %d; want 200 naming the current build %s:\n%s", ScriptPath, status, events.last, body)
	}
}

// TestStoppingClosesStreamsAndTheListener: a page's open event stream does
// not hold the server up; once stopped, it accepts no connection.
func TestStoppingClosesStreamsAndTheListener(t *testing.T) {
	r := start(t, Options{Content: exampleCopy(t)})
	events := r.listen(t)
	r.stop()
	select {
	case _, open := <-events.builds:
		if open {
			t.Error("the event stream sent an event instead of ending")
		}
	case <-time.After(waitLimit):
		t.Fatal("the event stream stayed open after the server stopped")
	}
	if conn, err := net.DialTimeout("tcp", r.addr, time.Second); err == nil {
		conn.Close()
		t.Error("the server still accepts connections after stopping")
	}
}

func TestMissingFoldersAreRefused(t *testing.T) {
	dir := t.TempDir()
	for _, opts := range []Options{
		{Content: filepath.Join(dir, "missing")},
		{Content: exampleDir, Templates: filepath.Join(dir, "missing")},
	} {
		_, err := New(opts)
		if err == nil || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("New(%+v): %v, want an error saying the folder does not exist", opts, err)
		}
	}
}

func TestServeReturnsWhenTheContextIsAlreadyDone(t *testing.T) {
	s, err := New(Options{Content: exampleCopy(t)})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("Serve did not return")
	}
}

// smallPicture returns a picture of 4 × 3 pixels encoded as format, "png"
// or "jpeg": media/ publishes JPEG and PNG files only once it has read
// them as pictures.
func smallPicture(t *testing.T, format string) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, 4, 3))
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, m)
	} else {
		err = jpeg.Encode(&buf, m, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
