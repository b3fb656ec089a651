// Package serve is "reportsite serve": it builds the site in memory,
// serves it over HTTP, watches the content and templates folders, rebuilds
// on every save and tells open pages to reload themselves.
//
// Nothing is written to disk. Each build is a complete output.Site held
// behind an atomic pointer, swapped in only once it is whole, so a request
// made during a rebuild sees either the previous site or the next one,
// never a mixture. A build that fails keeps the server running: HTML pages
// then show the same messages as "reportsite check" until the files are
// fixed, and reload by themselves when they are.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"reportsite/generator/history"
	"reportsite/generator/output"
	"reportsite/generator/site"
)

// Options are the settings of a server.
type Options struct {
	Content   string // the content folder
	Templates string // a folder of templates replacing the defaults, or ""
	// Stdout hears one line per rebuild; Stderr hears the diagnostics of
	// builds that have any, and problems of the watcher. Either may be
	// nil. Writes to them are serialised.
	Stdout io.Writer
	Stderr io.Writer
	// Debounce is how long the folders must stay quiet after a change
	// before the site is rebuilt, so that an editor's burst of writes and
	// renames makes one build. Zero means DefaultDebounce.
	Debounce time.Duration
	// ShutdownTimeout bounds how long Serve waits for requests in flight
	// when it stops. Zero means DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
	// GitInfo shows the day each page last changed, read from git on
	// every build (site.Options.GitInfo). Pages built from a file being
	// edited show none until it is committed.
	GitInfo bool
}

// DefaultDebounce is the quiet time before a rebuild. The events of one
// save (a write, or a new file renamed over the old one, and a change of
// permissions) come within a millisecond or two of each other, so this is
// ample to make them one build, and short enough to count for little in
// the time from a save to the page reloaded.
const DefaultDebounce = 30 * time.Millisecond

// maxDelay bounds how long a steady stream of changes (a git checkout, a
// copy of many photos) can hold a rebuild back.
const maxDelay = 500 * time.Millisecond

// DefaultShutdownTimeout is how long Serve waits for requests in flight.
const DefaultShutdownTimeout = 5 * time.Second

// EventsPath is the address of the Server-Sent Events stream that tells
// pages a new build is ready.
const EventsPath = "/_reportsite/events"

// ScriptPath is where pages find the live-reload script. It is served from
// memory and is never part of a built site.
const ScriptPath = "/assets/livereload.js"

// errorStylePath is the style sheet of the error page.
const errorStylePath = "/_reportsite/error.css"

// Server serves one content folder, rebuilding it as it changes.
type Server struct {
	opts    Options
	content string // the content folder, absolute, for opening media
	boot    string // tells this server's builds from an earlier server's
	gen     atomic.Uint64
	current atomic.Pointer[snapshot]
	hub     *hub
	outMu   sync.Mutex // serialises writes to Stdout and Stderr
	// localOnly is set when listening on loopback only: requests must
	// then name this computer, so that a web page elsewhere cannot read
	// the site through a domain name pointed at 127.0.0.1 (DNS rebinding).
	localOnly bool
	// stopped is set when Serve stops: a build finishing after that is
	// neither served nor reported.
	stopped atomic.Bool
	// checker loads the content again on every build, reading only the
	// files that changed.
	checker *site.Checker
	// trustWatcher is set once the watcher runs: the next build's load
	// still looks at every file, since a save made before the watcher
	// started was not reported, and the loads after it rely on the
	// watcher's reports alone (content.Loader.TrustChanged).
	trustWatcher bool
	// noticed holds the notices already printed: each is printed once,
	// not on every build.
	noticed map[string]bool
	// history reads the content's git history on every build, the log
	// only when HEAD has moved, and then only over the commits since
	// when it moved forward; it keeps the days in the cache file a build
	// uses too.
	history history.Reader
}

// snapshot is one build as the server shows it. It never changes once
// stored, so handlers may use it without locks.
type snapshot struct {
	token string // boot-generation; pages reload when it changes
	// site serves the files: this build's site, or when this build failed,
	// the last one that succeeded (nil if none has), so that styles and
	// photos keep loading while pages show the error.
	site *output.Site
	// failed holds the error page when the build failed, nil otherwise.
	failed   []byte
	pages    int
	duration time.Duration
}

// New checks that the folders exist and builds the site once. Content
// errors do not make it fail: they are shown in the browser until fixed.
func New(opts Options) (*Server, error) {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.ShutdownTimeout <= 0 {
		opts.ShutdownTimeout = DefaultShutdownTimeout
	}
	if err := isDir(opts.Content, "content folder", "--content"); err != nil {
		return nil, err
	}
	if opts.Templates != "" {
		if err := isDir(opts.Templates, "templates folder", "--templates"); err != nil {
			return nil, err
		}
	}
	abs, err := filepath.Abs(opts.Content)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:    opts,
		content: abs,
		boot:    strconv.FormatInt(time.Now().UnixNano(), 36),
		hub:     newHub(),
		checker: site.NewChecker(opts.Content),
		history: history.Reader{CacheDir: site.HistoryCacheDir(opts.Content)},
	}
	s.rebuild()
	return s, nil
}

func isDir(dir, what, flag string) error {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s %q does not exist; run in the folder that holds it or name it with %s", what, dir, flag)
	case err != nil:
		return fmt.Errorf("%s %q cannot be read: %w", what, dir, err)
	case !info.IsDir():
		return fmt.Errorf("%s %q is a file, not a folder; name the folder with %s", what, dir, flag)
	}
	return nil
}

// Serve serves the site on ln and rebuilds it as the folders change, until
// ctx is done; then it stops watching, closes the live-reload streams,
// waits for requests in flight (at most Options.ShutdownTimeout) and
// returns nil. It returns an error when watching or serving cannot start.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	w, err := newWatcher(s)
	if err != nil {
		ln.Close()
		return err
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsLoopback() {
		s.localOnly = true
	}
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
		// No WriteTimeout: the live-reload streams stay open for as long as
		// a page does.
	}
	// Shutdown waits for handlers to return; the event streams return only
	// when told to.
	srv.RegisterOnShutdown(s.hub.close)

	watchCtx, stopWatching := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		w.run(watchCtx)
	}()

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served:
	}
	s.stopped.Store(true)
	stopWatching()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), s.opts.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		srv.Close()
	}
	s.hub.close()
	w.close()
	// A build cannot be interrupted: one in flight is left to finish on its
	// own, unseen, rather than hold up Ctrl-C for as long as a large site
	// takes to build.
	select {
	case <-watched:
	case <-shutdownCtx.Done():
	}
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return nil
}

// Site returns the site being served and whether its latest build
// failed. The site is the last good build when there is one.
func (s *Server) Site() (site *output.Site, failed bool) {
	snap := s.current.Load()
	return snap.site, snap.failed != nil
}

// printf writes a line to Stdout.
func (s *Server) printf(format string, args ...any) {
	s.write(s.opts.Stdout, fmt.Sprintf(format, args...))
}

// eprintf writes a line to Stderr.
func (s *Server) eprintf(format string, args ...any) {
	s.write(s.opts.Stderr, fmt.Sprintf(format, args...))
}

func (s *Server) write(w io.Writer, text string) {
	if w == nil {
		return
	}
	s.outMu.Lock()
	defer s.outMu.Unlock()
	io.WriteString(w, text)
}
