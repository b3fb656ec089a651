package serve

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"time"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/history"
	"reportsite/generator/output"
	"reportsite/generator/site"
)

// rebuild loads, validates and renders the site in memory, swaps the
// result in and tells the open pages. It is called by one goroutine at a
// time: New, then the watcher.
func (s *Server) rebuild() {
	start := time.Now()
	// git reads the history while the content is loaded and checked.
	histRead := make(chan *history.History, 1)
	go func() {
		if !s.opts.GitInfo {
			histRead <- nil
			return
		}
		h, err := s.history.Read(s.opts.Content)
		if err != nil {
			s.notice(err.Error())
		}
		histRead <- h
	}()
	var diags diag.List
	c := s.checker.Check(false, &diags)
	if s.trustWatcher {
		// Every change from now on is reported by the watcher, which was
		// set up before this load began.
		s.checker.Loader.TrustChanged()
		s.trustWatcher = false
	}
	var buf bytes.Buffer
	diags.WriteText(&buf)
	problems := buf.String()

	hist := <-histRead
	snap := &snapshot{}
	if !diags.HasErrors() {
		out, pages, err := s.plan(c, hist)
		if err == nil {
			snap.site = out
			snap.pages = pages
		} else {
			// A template or rendering problem: the same text build prints.
			problems += err.Error() + "\n"
		}
	}
	if snap.site == nil {
		if prev := s.current.Load(); prev != nil {
			snap.site = prev.site
		}
		snap.failed = errorPage(strings.Split(strings.TrimSuffix(problems, "\n"), "\n"))
	}
	snap.duration = time.Since(start)
	if s.stopped.Load() {
		return
	}
	snap.token = s.boot + "-" + strconv.FormatUint(s.gen.Add(1), 10)
	s.current.Store(snap)
	s.hub.notify()

	took := snap.duration.Round(time.Millisecond)
	if snap.failed != nil {
		s.eprintf("%sthe site has errors; pages show them until they are fixed (%s)\n", problems, took)
		return
	}
	if problems != "" {
		s.eprintf("%s", problems) // warnings
	}
	// The pages are only planned here: each is rendered when first opened.
	s.printf("ready in %s: %s, each rendered when first opened\n", took, diag.Plural(snap.pages, "page", "pages"))
}

// plan plans the site of c and returns it as a site in memory whose
// files are made when first opened: a change to a large site is served
// without rendering every page first. Each HTML page gets the live-reload
// script. With templates of the site's own, the first page of each
// template is made at once, so that a template that fails on every page
// fails the build, as it does in reportsite build.
func (s *Server) plan(c *content.Content, hist *history.History) (*output.Site, int, error) {
	plan, err := site.NewPlan(c, site.Options{
		Content:   s.opts.Content,
		Templates: s.opts.Templates,
		// 404.html is shown at any depth of the server's own address.
		NotFoundRoot: "/",
		History:      hist,
	})
	if err != nil {
		return nil, 0, err
	}
	out := output.NewSized(len(plan.Entries))
	for _, e := range plan.Entries {
		if e.Source != "" {
			out.AddCopy(e.Path, e.Source)
			continue
		}
		out.AddLater(e.Path, func() ([]byte, error) {
			data, err := e.Render()
			if err != nil || e.Template == "" {
				return data, err
			}
			return withLiveReload(data), nil
		})
	}
	if s.opts.Templates != "" {
		for _, e := range plan.FirstOfEachTemplate() {
			if _, err := out.Open(e.Path); err != nil {
				return nil, 0, err
			}
		}
	}
	return out, plan.Pages(), nil
}

// notice prints a notice of a build the first time it comes. Only the
// goroutine of rebuild calls it, one build at a time.
func (s *Server) notice(msg string) {
	if s.noticed[msg] {
		return
	}
	if s.noticed == nil {
		s.noticed = map[string]bool{}
	}
	s.noticed[msg] = true
	s.eprintf("notice: %s\n", msg)
}

// liveReloadTag loads the live-reload script from the server's root.
const liveReloadTag = `<script src="` + ScriptPath + `" defer></script>`

// withLiveReload adds the live-reload script to an HTML page, before its
// last </body>, or at its end when it has none. A page that loads the
// script itself, from a layout written when layouts had to, is left as
// it is.
func withLiveReload(page []byte) []byte {
	if bytes.Contains(page, []byte("assets/livereload.js")) {
		return page
	}
	at := bytes.LastIndex(page, []byte("</body>"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(liveReloadTag)+1)
	out = append(out, page[:at]...)
	out = append(out, liveReloadTag...)
	if at < len(page) {
		out = append(out, '\n')
	}
	return append(out, page[at:]...)
}

// errorPage is shown instead of every HTML page while the site has errors.
// It is a page of its own, not the site's layout, since the layout may be
// what is broken; it reloads itself like the site's pages.
var errorPageTemplate = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'">
<title>The site has errors · reportsite serve</title>
<link rel="stylesheet" href="` + errorStylePath + `">
</head>
<body>
<main>
<h1>The site cannot be built</h1>
<p>Fix these problems and save: this page reloads by itself. <code>reportsite check</code> prints the same list.</p>
<pre>
{{- range .}}
<code>{{.}}</code>
{{- end}}
</pre>
</main>
<script src="` + ScriptPath + `" defer></script>
</body>
</html>
`))

func errorPage(problems []string) []byte {
	var buf bytes.Buffer
	if err := errorPageTemplate.Execute(&buf, problems); err != nil {
		panic("serve: error page: " + err.Error())
	}
	return buf.Bytes()
}

// errorStyle is the error page's style sheet: plain, readable on a phone.
const errorStyle = `body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.5rem;color:#a4161a;margin:0 0 .5rem}
pre{background:#fff5f5;border-left:4px solid #a4161a;padding:1rem;overflow-x:auto;white-space:pre-wrap;word-break:break-word}
code{font:14px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre code{display:block}
`
