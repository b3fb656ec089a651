package serve

import (
	"bytes"
	_ "embed"
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"reportsite/generator/address"
	"reportsite/generator/output"
)

// liveReloadScript is assets/livereload.js. It is served from memory
// under serve only, never written into a built site.
//
//go:embed livereload.js
var liveReloadScript string

// tokenPlaceholder in the script is replaced by the build the page came
// with, so that a page loaded just before a rebuild still reloads.
const tokenPlaceholder = "RELOAD_TOKEN"

// contentTypes are the types of the files a site holds. They are spelt
// out rather than taken from the system's tables, which differ between
// machines.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".json":  "application/json",
	".csv":   "text/csv; charset=utf-8",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/plain; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".pdf":   "application/pdf",
	".woff2": "font/woff2",
	".woff":  "font/woff",
	".map":   "application/json",
}

// contentType returns the type of the file name, by its extension.
func contentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// ServeHTTP serves the current build: its files, the live-reload script
// and event stream, the site's 404.html for unknown paths, and the error
// page in place of HTML pages while the site has errors.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// Every response is of the build of the moment: a browser that keeps
	// one would show a page older than the files.
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD are served", http.StatusMethodNotAllowed)
		return
	}
	if s.localOnly && !localHost(r.Host) {
		http.Error(w, "this server answers only to this computer's own addresses, such as localhost or 127.0.0.1", http.StatusMisdirectedRequest)
		return
	}
	name, ok := siteName(r)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	snap := s.current.Load()
	switch "/" + name {
	case EventsPath:
		s.events(w, r)
		return
	case ScriptPath:
		script := strings.Replace(liveReloadScript, tokenPlaceholder, snap.token, 1)
		serveBytes(w, r, name, []byte(script))
		return
	case errorStylePath:
		serveBytes(w, r, name, []byte(errorStyle))
		return
	}
	if snap.failed != nil && isPage(name) {
		serveHTML(w, r, http.StatusInternalServerError, snap.failed)
		return
	}
	site := snap.site
	if site == nil {
		http.NotFound(w, r)
		return
	}
	switch f, err := site.Open(name); {
	case err == nil:
		s.serveFile(w, r, name, f)
		return
	case !errors.Is(err, fs.ErrNotExist):
		// A page whose template fails on its figures: shown as the
		// build's problems are.
		serveHTML(w, r, http.StatusInternalServerError, errorPage([]string{err.Error()}))
		return
	}
	if !address.IsFolderPage(name) && site.Has(address.Folder("", name)) {
		// A folder asked for without its slash: its relative links only
		// work from the address with the slash.
		target := r.URL.EscapedPath() + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	notFound, err := site.Bytes(address.NotFound)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	serveHTML(w, r, http.StatusNotFound, notFound)
}

// serveHTML answers with a page of its own status: an error page or the
// site's 404.html.
func serveHTML(w http.ResponseWriter, r *http.Request, status int, page []byte) {
	w.Header().Set("Content-Type", contentTypes[".html"])
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

// localHost reports whether the Host of a request names this computer:
// localhost, a name under .localhost, or an IP address. A rebound domain
// name does not.
func localHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "" || host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	_, err := netip.ParseAddr(host)
	return err == nil
}

// siteName returns the name inside the site of the file a request asks
// for ("index.html" for "/", "units/index.html" for "/units/"), and false
// for any path that is not a plain path inside the site: dot segments,
// backslashes, encoded slashes, control characters, empty segments or bad
// UTF-8. The checks are on the decoded path, so that encoded forms such as
// %2e%2e are refused like the plain ones.
func siteName(r *http.Request) (string, bool) {
	raw := strings.ToLower(r.URL.RawPath)
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return "", false
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || !utf8.ValidString(p) {
		return "", false
	}
	for _, c := range p {
		if c < 0x20 || c == 0x7f || c == '\\' {
			return "", false
		}
	}
	name := p[1:]
	if name == "" || strings.HasSuffix(name, "/") {
		name = address.Folder("", strings.TrimSuffix(name, "/"))
	}
	if !fs.ValidPath(name) {
		return "", false // "..", ".", empty segments
	}
	return name, true
}

// isPage reports whether name is an HTML page rather than a file that
// pages use.
func isPage(name string) bool {
	ext := path.Ext(name)
	return ext == ".html" || ext == ""
}

// serveFile serves one file of the site: bytes held in memory, or a
// copied file (photos, ECharts) read from disk. Photos are opened inside
// the content folder, so that a link swapped in after the last check
// cannot lead outside it.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, name string, f output.File) {
	if f.Data != nil || f.Source == "" {
		serveBytes(w, r, name, f.Data)
		return
	}
	file, err := s.openCopy(f.Source)
	if err != nil {
		http.Error(w, "cannot read "+name+"; the next build will say why", http.StatusNotFound)
		return
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil || !info.Mode().IsRegular() {
		http.Error(w, "cannot read "+name, http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", contentType(name))
	http.ServeContent(w, r, name, time.Time{}, file)
}

func (s *Server) openCopy(source string) (*os.File, error) {
	abs, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(s.content, abs)
	if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return os.OpenInRoot(s.content, rel)
	}
	return os.Open(abs)
}

func serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	w.Header().Set("Content-Type", contentType(name))
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// events streams Server-Sent Events: a "build" event with the current
// build's token when the page connects and after every rebuild. A page
// reloads when the token differs from the one it was served with, which
// also covers a restarted server and a rebuild during the page's own load.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	wake, unsubscribe := s.hub.subscribe()
	defer unsubscribe()

	// retry: how soon the browser reconnects after the server went away.
	sent := s.current.Load().token
	if _, err := io.WriteString(w, "retry: 1000\nevent: build\ndata: "+sent+"\n\n"); err != nil {
		return
	}
	if rc.Flush() != nil {
		return
	}
	keepAlive := time.NewTicker(20 * time.Second)
	defer keepAlive.Stop()
	for {
		var msg string
		select {
		case <-r.Context().Done():
			return
		case <-s.hub.done:
			return
		case <-keepAlive.C:
			// A comment, ignored by the browser, to notice closed pages.
			msg = ": keep-alive\n\n"
		case <-wake:
			token := s.current.Load().token
			if token == sent {
				continue
			}
			sent = token
			msg = "event: build\ndata: " + token + "\n\n"
		}
		if _, err := io.WriteString(w, msg); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}
