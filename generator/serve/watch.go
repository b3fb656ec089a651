package serve

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watcher watches the content and templates folders and every folder
// inside them. fsnotify watches single folders, so folders created later
// are added as their creation is seen; editors that save by writing a
// new file and renaming it over the old one show up as a create.
type watcher struct {
	s     *Server
	fw    *fsnotify.Watcher
	roots []string
}

func newWatcher(s *Server) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{s: s, fw: fw, roots: []string{s.opts.Content}}
	if s.opts.Templates != "" {
		w.roots = append(w.roots, s.opts.Templates)
	}
	for _, root := range w.roots {
		if err := w.addTree(root, true); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and the folders inside it, skipping hidden ones,
// which the content loader skips too. Only a failure on a root is
// returned: a folder that vanished while being walked will be seen gone.
func (w *watcher) addTree(dir string, root bool) error {
	return filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == dir && root {
				return err
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if name != dir && hidden(name) {
			return filepath.SkipDir
		}
		if err := w.fw.Add(name); err != nil {
			if name == dir && root {
				return err
			}
			w.s.eprintf("warning: cannot watch %s: %v; changes in it need a restart\n", name, err)
		}
		return nil
	})
}

// run handles the folders' events until ctx is done, rebuilding once the
// folders have been quiet for the debounce time (or at most maxDelay after
// the first change of a steady stream).
func (w *watcher) run(ctx context.Context) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	w.s.trustWatcher = true
	var first time.Time // of the changes not yet built; zero when none
	changed := func() {
		now := time.Now()
		if first.IsZero() {
			first = now
		}
		wait := w.s.opts.Debounce
		if left := maxDelay - now.Sub(first); left < wait {
			wait = max(left, 0)
		}
		timer.Reset(wait)
	}
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if w.handle(ev) {
				changed()
			}
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: watch every folder again, read every
				// file again and rebuild.
				for _, root := range w.roots {
					w.addTree(root, false)
				}
				w.s.checker.Loader.Changed(w.s.opts.Content)
				changed()
				continue
			}
			w.s.eprintf("warning: watching the folders: %v\n", err)
		case <-timer.C:
			first = time.Time{}
			w.s.rebuild()
		}
	}
}

// handle watches new folders and forgets removed ones, and reports whether
// the event can change the site.
func (w *watcher) handle(ev fsnotify.Event) bool {
	if hidden(ev.Name) {
		return false
	}
	// The loader reads what an event names again, even a change of
	// permissions alone, which does not bring a build of its own.
	w.s.checker.Loader.Changed(ev.Name)
	if ev.Op == fsnotify.Chmod {
		return false
	}
	if ev.Has(fsnotify.Create) {
		// A new folder, or one moved in: watch it and what it holds. Files
		// made in it before its watch starts are read by the rebuild this
		// event already asks for.
		w.addTree(ev.Name, false)
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		// A folder removed or moved away takes its watches with it; a
		// folder moved in elsewhere under a root comes as a create.
		prefix := ev.Name + string(filepath.Separator)
		for _, name := range w.fw.WatchList() {
			if name == ev.Name || strings.HasPrefix(name, prefix) {
				w.fw.Remove(name)
			}
		}
	}
	return true
}

// hidden reports whether the base name starts with a dot: editors' swap
// and temporary files, which the content loader ignores too.
func hidden(name string) bool {
	return strings.HasPrefix(filepath.Base(name), ".")
}

func (w *watcher) close() error {
	return w.fw.Close()
}
