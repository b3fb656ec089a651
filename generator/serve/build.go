package serve

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"time"

	"reportsite/generator/address"
	"reportsite/generator/diag"
	"reportsite/generator/site"
)

// rebuild loads, validates and renders the site in memory, swaps the
// result in and tells the open pages. It is called by one goroutine at a
// time: New, then the watcher.
func (s *Server) rebuild() {
	start := time.Now()
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

	snap := &snapshot{}
	if !diags.HasErrors() {
		out, stats, err := site.Render(c, site.Options{
			Content:    s.opts.Content,
			Templates:  s.opts.Templates,
			LiveReload: true,
			// Pages are rendered when asked for: a change to a large site
			// is served without rendering every page first.
			OnDemand: true,
		})
		if err == nil {
			snap.site = out
			snap.pages = stats.Pages
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
	s.checkScript(snap)
}

// checkScript warns, once, when the home page does not load the
// live-reload script: a --templates layout.html made before serve existed.
func (s *Server) checkScript(snap *snapshot) {
	if s.opts.Templates == "" || s.warnedScript {
		// The default layout loads it; and the home page is rendered when
		// asked for, which can take a while on a large site.
		return
	}
	home, err := snap.site.Bytes(address.Home(""))
	if err != nil || bytes.Contains(home, []byte("assets/livereload.js")) {
		return
	}
	s.warnedScript = true
	s.eprintf("warning: the pages do not load assets/livereload.js, so they will not reload by themselves; " +
		"add {{if .LiveReload}}<script src=\"{{.Root}}assets/livereload.js\" defer></script>{{end}} before </body> in layout.html\n")
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
