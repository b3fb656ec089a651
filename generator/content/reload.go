package content

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"reportsite/generator/diag"
)

// Loader loads one content folder again and again, as on every save while
// the site is served, reading and parsing again only the files that
// changed since the previous load. Whatever changed, a load returns what
// Load would: the same values and the same diagnostics.
//
// A file counts as changed when its size, modification time, mode or
// identity (device and inode) is not what it was, when it was named by
// Changed, or when it had been modified so shortly before the previous
// load that a later change could have kept its time. The parse of every
// other file, with its diagnostics, is taken from the previous load, so
// successive Contents share their values: they must not be changed.
//
// With TrustChanged, the loader relies on Changed alone and no longer
// looks at the files it read.
//
// Its methods may be called from any goroutine; loads run one at a time.
type Loader struct {
	dir string

	mu sync.Mutex // held through a load
	// kept holds the files the previous load read that the next may
	// reuse, by kind, each kind sorted by name; see kindOf.
	kept map[string][]*cachedFile
	// narrated holds the activities given the narrative of their .md
	// file by the previous load, by the activity parsed from the .yaml
	// file, so that an unchanged activity stays the same value.
	narrated map[*Activity]*Activity

	trustChanged bool // set by TrustChanged

	changedMu sync.Mutex
	changed   []string // slash paths inside dir named by Changed since the last load began; "." for all

	memo *Memo // set by LoadMemo
}

// cachedFile is what a Loader keeps of a file it read.
type cachedFile struct {
	name string      // the file name, "water-centre.yaml"
	info fs.FileInfo // the file as lstat saw it before it was read
	// value is what parsing gave: *Site, *Year, *Unit or *Activity,
	// possibly nil, or the text of a narrative, nil when not UTF-8.
	value any
	diags []diag.Diagnostic // what parsing reported
}

// racyWindow is how long after its last change a file is read again on
// every load, whatever its size and time say: a change made in the same
// tick of the file system's clock as the one before, or within its
// granularity (1 s on some file systems, 2 s on FAT), can keep both.
// Tests that cannot set the time of what they write set it to zero.
var racyWindow = 2 * time.Second

// NewLoader returns a Loader of the content folder dir, which has read
// nothing yet.
func NewLoader(dir string) *Loader {
	return &Loader{dir: dir}
}

// TrustChanged makes the loader rely on Changed to learn which files
// changed, as when a file watcher reports every change, attributes
// included: a file that the previous load read and that Changed did not
// name since is then reused without a look at its size and time, which
// saves a system call per file. Folders are still listed, so files
// added, removed or renamed are seen all the same. A change that no event
// reports, such as one through another hard link to the file, is then
// missed until Changed names the file.
func (l *Loader) TrustChanged() {
	l.mu.Lock()
	l.trustChanged = true
	l.mu.Unlock()
}

// Changed names files or folders that changed, as a file watcher reports
// them, so that the next load reads them again even if their size and
// time look the same. Paths are taken like the folder given to
// NewLoader: relative to the working folder unless absolute; paths
// outside the folder are ignored.
func (l *Loader) Changed(paths ...string) {
	var rels []string
	for _, p := range paths {
		if rel, ok := l.relative(p); ok {
			rels = append(rels, rel)
		}
	}
	l.changedMu.Lock()
	l.changed = append(l.changed, rels...)
	l.changedMu.Unlock()
}

// relative returns the slash path of p inside the content folder, "."
// for the folder itself, and whether p is inside it.
func (l *Loader) relative(p string) (string, bool) {
	rel, err := filepath.Rel(l.dir, p)
	if err != nil {
		// One path is absolute and the other not.
		dir, derr := filepath.Abs(l.dir)
		abs, perr := filepath.Abs(p)
		if derr != nil || perr != nil {
			return "", false
		}
		if rel, err = filepath.Rel(dir, abs); err != nil {
			return "", false
		}
	}
	rel = filepath.ToSlash(rel)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false
	}
	return rel, true
}

// forgetChanged drops the files named by Changed from what the next load
// may reuse.
func (l *Loader) forgetChanged() {
	l.changedMu.Lock()
	changed := l.changed
	l.changed = nil
	l.changedMu.Unlock()
	for _, rel := range changed {
		folder, name, inFolder := strings.Cut(rel, "/")
		if !inFolder && rel != "site.yaml" {
			// A folder: everything kept from inside it.
			for kind := range l.kept {
				if rel == "." || strings.HasPrefix(kind, rel+"/") {
					delete(l.kept, kind)
				}
			}
			continue
		}
		if !inFolder {
			folder, name = "", rel
		}
		kind := kindOf(folder, name)
		files := l.kept[kind]
		if i, found := slices.BinarySearchFunc(files, name, func(f *cachedFile, name string) int {
			return strings.Compare(f.name, name)
		}); found {
			l.kept[kind] = slices.Delete(files, i, i+1)
		}
	}
}

// kindOf returns the kind of the file name in folder ("" for the content
// folder itself), under which a Loader keeps it: "site.yaml",
// "units/*.yaml", "activities/*.md"...
func kindOf(folder, name string) string {
	if folder == "" {
		return name
	}
	return folder + "/*" + path.Ext(name)
}

// trustedInfos returns, for each of names (sorted) in folder, what lstat
// told of the file of that name when the previous load read it, if the
// loader trusts Changed and it was a regular file; otherwise nil.
func (l *loader) trustedInfos(folder string, names []string) []fs.FileInfo {
	infos := make([]fs.FileInfo, len(names))
	if !l.trustChanged {
		return infos
	}
	for kind, kept := range l.prev {
		if !strings.HasPrefix(kind, folder+"/") {
			continue
		}
		for i, f := range sameNames(kept, names) {
			if f != nil && f.info.Mode().IsRegular() {
				infos[i] = f.info
			}
		}
	}
	return infos
}

// previous returns, for each of files of folder (sorted by name), the
// file of the same name kept by the previous load, or nil.
func (l *loader) previous(kind string, files []entry) []*cachedFile {
	names := make([]string, len(files))
	for i, e := range files {
		names[i] = e.name
	}
	return sameNames(l.prev[kind], names)
}

// sameNames returns, for each of names (sorted), the file of that name in
// kept (sorted by name), or nil.
func sameNames(kept []*cachedFile, names []string) []*cachedFile {
	found := make([]*cachedFile, len(names))
	j := 0
	for i, name := range names {
		for j < len(kept) && kept[j].name < name {
			j++
		}
		if j < len(kept) && kept[j].name == name {
			found[i] = kept[j]
		}
	}
	return found
}

// reuse returns prev, the file e as the previous load kept it, unless it
// may have changed since.
func reuse(prev *cachedFile, e entry) *cachedFile {
	if prev == nil || e.info == nil || !e.info.Mode().IsRegular() {
		// A link is followed when the file is read, and its target may
		// have changed without the link.
		return nil
	}
	old, now := prev.info, e.info
	if old.Size() != now.Size() || !old.ModTime().Equal(now.ModTime()) || old.Mode() != now.Mode() || !os.SameFile(old, now) {
		return nil
	}
	return prev
}

// keep makes f, a file of kind read or reused by this load, available to
// the next one, unless it changed too recently to be trusted (see
// racyWindow). Files of a kind must be kept in the order of their names.
func (l *loader) keep(kind string, f *cachedFile) {
	if f.info == nil || !f.info.ModTime().Before(l.settled) {
		return
	}
	if l.next[kind] == nil {
		l.next[kind] = make([]*cachedFile, 0, len(l.prev[kind]))
	}
	l.next[kind] = append(l.next[kind], f)
}
