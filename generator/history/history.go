// Package history reads, from git, the day each file of a content folder
// last changed, for the date each page shows. It runs three git processes
// whatever the size of the folder and its history: rev-parse (is this a
// repository, a shallow clone, and where is the folder in it), one log of
// the whole history, and one status for the files changed
// since the last commit.
//
// The log is the costly part, git's own comparison of each commit's
// tree with its parent's, and it grows with the history. A Reader with a
// CacheDir (reportsite build and serve use .reportsite-cache/history
// beside the content folder) keeps the days it read in a file, as of the
// commit read; the next run, when that commit is on HEAD's first-parent
// line, runs the log over the commits since alone and takes the days of
// the files they did not change from the file, following the renames
// they made, and when HEAD has not moved runs no log at all. The days
// are always those a read of the whole history gives: when the cached
// commit is not on the first-parent line (a branch amended, rebased or
// reset, another history), when a file came into the folder by a rename
// from outside it, or when the file is missing or spoilt, the whole
// history is read, and the file written again; one more log process at
// most. The file is never a reason for a build to fail: one that cannot
// be read or written is left aside without a word.
//
// The rules:
//
//   - A file's day is the committer date of the newest commit that changed
//     it, as a calendar day in the committer's own time zone: the day the
//     change landed, as the person who committed it saw it. Author dates
//     are not used: a change written long ago and merged today landed
//     today.
//   - The history followed is the first-parent line of HEAD: a branch
//     merged in counts on the day of the merge, not on the days of its
//     own commits.
//   - Renames that git detects (-M, 50% similar) are followed: a file
//     moved without changes keeps the day of its last real change; a file
//     moved and changed takes the day of the move. The log covers the
//     whole repository, not only the content folder, so that a file moved
//     into the folder, or the folder itself moved, keeps its days too.
//   - A file with changes not committed — modified, staged, new and not
//     yet committed — has no day: its pages show none rather than a day
//     that is not the day of their content, and never today's date, so
//     that building twice gives the same site.
//   - Outside a git repository, without git, or in a repository with no
//     commit yet, there are no days. In a shallow clone there are none
//     either, since the oldest commit fetched would claim every change
//     before it: Read says so with ErrShallow.
package history

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// ErrShallow is returned by Read in a shallow clone.
var ErrShallow = errors.New("shallow clone: page dates left out; fetch the full history to show them")

// History is what git knows of one content folder.
type History struct {
	// Prefix is the content folder's slash path inside the repository,
	// ending with "/", or "" when it is the repository's top.
	Prefix string
	// days holds, by slash path inside the content folder, the day each
	// committed file last changed.
	days map[string]time.Time
	// dirty holds the files, by slash path inside the content folder,
	// with changes not committed.
	dirty map[string]bool
}

// Read reads the history of the content folder dir. It returns nil and no
// error when there is nothing to read: dir is not in a git repository,
// git is not installed, or the repository has no commit. In a shallow
// clone it returns a History that knows the folder's place in the
// repository but no days, and ErrShallow. Any other failure of git is
// returned as an error that says the dates were left out.
func Read(dir string) (*History, error) {
	return new(Reader).Read(dir)
}

// Reader reads the history of one content folder again and again, as
// reportsite serve does after every save: the log, the costly part, is
// read again only when HEAD has moved to another commit, and then only
// over the commits since the last read when HEAD has moved forward; the
// status is read every time. With CacheDir set, the days read are also
// kept in a file there, so that the next run reads only the commits made
// since (see cache.go). The zero Reader is ready to use, without a cache
// file. It is not safe for concurrent use.
type Reader struct {
	// CacheDir, when not empty, is the folder of the cache file of the
	// days read: .reportsite-cache/history beside the content folder for
	// reportsite build and serve. A cache that cannot be read or written
	// is ignored.
	CacheDir string

	last *state // the days read last, nil before the first read
}

// Read reads the history of the content folder dir, as the function Read
// does.
func (r *Reader) Read(dir string) (*History, error) {
	out, err := git(dir, "rev-parse", "--is-shallow-repository", "--show-prefix", "--show-toplevel", "HEAD")
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	shallow := len(lines) > 0 && (lines[0] == "true" || lines[0] == "false")
	if err != nil {
		switch {
		case notRepository(err):
			return nil, nil
		case shallow:
			return nil, nil // a repository whose HEAD is no commit yet
		}
		return nil, failed(err)
	}
	if !shallow || len(lines) != 4 {
		return nil, fmt.Errorf("git rev-parse said %q; page dates left out", out)
	}
	h := &History{Prefix: lines[1], days: map[string]time.Time{}, dirty: map[string]bool{}}
	if lines[0] == "true" {
		return h, ErrShallow
	}
	top, head := lines[2], lines[3]
	// The log and the status are independent: they run side by side.
	statusDone := make(chan error, 1)
	go func() {
		out, err := git(dir, "-c", "core.quotePath=false", "status", "--porcelain", "-z",
			"--untracked-files=all", "--no-renames", "--ignore-submodules", "--", ".")
		if err == nil {
			h.readStatus(out)
		}
		statusDone <- err
	}()
	var logErr error
	if r.last != nil && r.last.commit == head && r.last.prefix == h.Prefix {
		h.days = r.last.days // read-only from here on
	} else {
		// The days of an earlier commit, to read only the commits since:
		// those of the last read, else those of the cache file.
		base := r.last
		if base == nil || base.prefix != h.Prefix {
			base = nil
			if r.CacheDir != "" {
				base = loadCache(r.cacheFile(top, h.Prefix), h.Prefix)
			}
		}
		r.last = nil
		var logged bool
		h.days, logged, logErr = readDays(dir, head, h.Prefix, base)
		if logErr == nil {
			r.last = &state{commit: head, prefix: h.Prefix, days: h.days}
			if logged && r.CacheDir != "" {
				saveCache(r.cacheFile(top, h.Prefix), r.last) // a cache not written is no failure
			}
		}
	}
	if err := errors.Join(logErr, <-statusDone); err != nil {
		return nil, failed(err)
	}
	return h, nil
}

// logHook, when not nil, is told of each log run; for tests.
var logHook func(revs string)

// state is the days of the files of a content folder as of one commit.
type state struct {
	commit string // the commit's full hash
	prefix string // History.Prefix
	days   map[string]time.Time
}

// readDays returns the day of each committed file under prefix as of the
// commit head, and whether it ran git log for them. When base holds the
// days as of a commit on head's first-parent line, only the commits
// since are read, and the days of the files they did not change are
// taken from base, following the renames they made; if head is that
// commit, no log is read at all. Otherwise, and whenever the short read
// cannot give the same days as a full one, the whole history is read.
func readDays(dir, head, prefix string, base *state) (map[string]time.Time, bool, error) {
	if base != nil && base.commit == head {
		return base.days, false, nil
	}
	if base != nil {
		if days, ok := readSince(dir, head, prefix, base); ok {
			return days, true, nil
		}
	}
	out, err := gitLog(dir, head)
	if err != nil {
		return nil, true, err
	}
	h := &History{Prefix: prefix, days: map[string]time.Time{}}
	if _, err := h.readLog(out); err != nil {
		return nil, true, fmt.Errorf("reading git log: %w", err)
	}
	return h.days, true, nil
}

// readSince reads the log of the commits after base.commit up to head
// and returns the days as of head, and false when they cannot be had
// that way: git failed (base.commit is not in this repository), or
// base.commit is not on head's first-parent line (a commit amended, a
// branch rebased or reset, another history), or a file of today came in
// by a rename from outside the content folder, whose days base does not
// hold.
func readSince(dir, head, prefix string, base *state) (map[string]time.Time, bool) {
	out, err := gitLog(dir, base.commit+".."+head)
	if err != nil {
		return nil, false
	}
	h := &History{Prefix: prefix, days: map[string]time.Time{}}
	walk, err := h.readLog(out)
	if err != nil || walk.commits == 0 {
		return nil, false // nothing since, though head is not base.commit: head went back
	}
	if walk.root {
		// The log went down to the first commit: base.commit shares no
		// first-parent line with head, and this is the whole history.
		return h.days, true
	}
	if walk.parent != base.commit {
		return nil, false
	}
	// alias now maps each path met as it was at base.commit to the path
	// of the same file today ("" for none); the other paths are the same
	// file under the same name. Going on with the full log would give
	// each file of today not changed since the day base holds for its
	// name at base.commit.
	for old, now := range walk.alias {
		if now != "" && !strings.HasPrefix(old, prefix) && strings.HasPrefix(now, prefix) {
			if _, seen := h.days[now[len(prefix):]]; !seen {
				return nil, false
			}
		}
	}
	for rel, d := range base.days {
		now, met := walk.alias[prefix+rel]
		if !met {
			now = prefix + rel
		}
		if now != "" {
			h.record(now, d)
		}
	}
	return h.days, true
}

// gitLog runs the log of the history of revs, the commit of HEAD or a
// range "base..head", along the first-parent line, newest first: for
// each commit, its committer date and parents, then the files it
// changed, renames found.
func gitLog(dir, revs string) ([]byte, error) {
	if logHook != nil {
		logHook(revs)
	}
	return git(dir, "-c", "diff.relative=false", "-c", "log.showSignature=false",
		"log", "-z", "--first-parent", "-m", "-M", "--root", "--no-color", "--no-ext-diff",
		"--name-status", "--format=%x01%cI %P", revs)
}

// Changed returns the day the file rel, a slash path inside the content
// folder, last changed, and false when it has no day: it was never
// committed, or has changes not committed. A nil History knows no days.
func (h *History) Changed(rel string) (time.Time, bool) {
	if h == nil || h.dirty[rel] {
		return time.Time{}, false
	}
	d, ok := h.days[rel]
	return d, ok
}

// Newest returns the latest of the days the files rel last changed, and
// false when any of them has no day, or there are none.
func (h *History) Newest(rel ...string) (time.Time, bool) {
	var newest time.Time
	for _, r := range rel {
		d, ok := h.Changed(r)
		if !ok {
			return time.Time{}, false
		}
		if d.After(newest) {
			newest = d
		}
	}
	return newest, len(rel) > 0
}

// readStatus records the files of git status --porcelain -z output
// inside the content folder as dirty.
func (h *History) readStatus(out []byte) {
	for entry := range bytes.SplitSeq(out, []byte{0}) {
		// "XY path": two status letters, a space, the path from the top.
		if len(entry) < 4 {
			continue
		}
		if rel, ok := strings.CutPrefix(string(entry[3:]), h.Prefix); ok {
			h.dirty[rel] = true
		}
	}
}

// readLog reads git log -z --name-status --format="%x01%cI %P" output,
// newest commit first, and records the day each file that is still there
// last changed.
//
// Going back in time, alias maps a path as it was at that point to the
// path the same file has now, or to "" when what was at that path then is
// not a file of today (it was deleted, or replaced by another file since).
// A path met for the first time holds a file of today under its own name:
// a later delete, rename or re-creation would have been met first. The
// walk returned holds alias as it is before the oldest commit read.
func (h *History) readLog(out []byte) (walk, error) {
	alias := map[string]string{}
	current := func(p string) string {
		if now, ok := alias[p]; ok {
			return now
		}
		alias[p] = p
		return p
	}
	var day time.Time
	var w walk
	fields := bytes.Split(out, []byte{0})
	for i := 0; i < len(fields); i++ {
		f := bytes.TrimPrefix(fields[i], []byte{'\n'})
		if len(f) == 0 {
			continue
		}
		if f[0] == 1 {
			date, parents, _ := strings.Cut(string(f[1:]), " ")
			d, err := commitDay(date)
			if err != nil {
				return w, err
			}
			day = d
			w.commits++
			w.parent, _, _ = strings.Cut(parents, " ")
			w.root = w.parent == ""
			continue
		}
		status := f[0]
		if i+1 >= len(fields) {
			return w, fmt.Errorf("status %q without a path", f)
		}
		i++
		path := string(fields[i])
		switch status {
		case 'R', 'C':
			if i+1 >= len(fields) {
				return w, fmt.Errorf("rename of %q without its new path", path)
			}
			i++
			to := string(fields[i])
			now := current(to)
			if now != "" && (status == 'C' || string(f[1:]) != "100") {
				h.record(now, day)
			}
			if status == 'R' {
				// Before the rename the file was at path, and what was
				// at to, if anything, is another file.
				alias[to] = ""
				alias[path] = now
			}
		case 'A':
			if now := current(path); now != "" {
				h.record(now, day)
			}
			alias[path] = "" // before it was added, the path held another file or none
		case 'D':
			alias[path] = "" // what it held is gone
		default: // M, T
			if now := current(path); now != "" {
				h.record(now, day)
			}
		}
	}
	w.alias = alias
	return w, nil
}

// walk is what readLog tells of the commits it read.
type walk struct {
	commits int
	// parent is the first parent of the oldest commit read, "" when it
	// has none (root) or no commit was read.
	parent string
	root   bool
	// alias maps the paths met to the path the same file has now, or
	// "", as of before the oldest commit read.
	alias map[string]string
}

// record sets the day of the file at path, a path from the repository's
// top, unless a newer commit set it already.
func (h *History) record(path string, day time.Time) {
	rel, ok := strings.CutPrefix(path, h.Prefix)
	if !ok {
		return
	}
	if _, seen := h.days[rel]; !seen {
		h.days[rel] = day
	}
}

// commitDay returns the calendar day of a strict ISO 8601 date, as it is
// written, in its own time zone, as midnight UTC.
func commitDay(iso string) (time.Time, error) {
	if len(iso) < 10 {
		return time.Time{}, fmt.Errorf("commit date %q is not YYYY-MM-DD…", iso)
	}
	d, err := time.Parse(time.DateOnly, iso[:10])
	if err != nil {
		return time.Time{}, fmt.Errorf("commit date %q: %w", iso, err)
	}
	return d, nil
}

// git runs git in dir with the given arguments and returns its standard
// output. Settings that would change what it prints are left out of its
// environment.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_OPTIONAL_LOCKS=0", // status need not refresh the index for others
		"GIT_PAGER=cat", "LC_ALL=C",
	)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if _, exited := err.(*exec.ExitError); err != nil && !exited {
		return nil, err // git not found, or dir not there
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		if msg == "" {
			msg = err.Error()
		}
		return out, &gitError{args: args, msg: msg}
	}
	return out, nil
}

// gitError is a git command that failed, with the first line it wrote to
// its standard error.
type gitError struct {
	args []string
	msg  string
}

func (e *gitError) Error() string {
	name := ""
	for _, a := range e.args {
		if !strings.HasPrefix(a, "-") && !strings.Contains(a, "=") {
			name = a
			break
		}
	}
	return "git " + name + ": " + e.msg
}

// notRepository reports whether err says the folder is not in a git
// repository, or does not exist.
func notRepository(err error) bool {
	var g *gitError
	if !errors.As(err, &g) {
		return errors.Is(err, os.ErrNotExist) || errors.Is(err, exec.ErrNotFound)
	}
	return strings.Contains(g.msg, "not a git repository")
}

// failed is err, saying that the dates were left out.
func failed(err error) error {
	return fmt.Errorf("%w; page dates left out", err)
}
