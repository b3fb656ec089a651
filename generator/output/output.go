// Package output is the one sink every built file goes through: a site is
// assembled in memory as a set of files, then either served from memory or
// written to disk in one swap, so that a failed build never leaves a
// half-written folder behind.
//
// A site written to disk is staged in a new folder beside the output
// folder, named "." + the output folder's name + ".new-" and digits, and
// put in its place only when it is whole. A web server serving the output
// folder meanwhile must never find it missing, and a build killed at any
// moment must leave a whole site, so how it is put in place depends on
// what the system offers:
//
//   - Linux (renameat2 with RENAME_EXCHANGE, on ext4, XFS, Btrfs, tmpfs
//     and most local filesystems) and macOS (renamex_np with RENAME_SWAP,
//     on APFS and HFS+): the two folders are exchanged in one step. A
//     reader sees the previous site or the new one, never neither; a
//     build killed before the exchange leaves the previous site, after it
//     the new one.
//   - A first build, on every system: the staging folder is renamed to
//     the output folder's name, which is atomic too.
//   - Windows, other systems, and filesystems that refuse the exchange
//     (network shares, FAT, some container overlays): two renames, the
//     previous site aside to the staging name + ".old", then the new one
//     in its place. Between the two the output folder is missing for a
//     moment, and a build killed there leaves the previous site in the
//     ".old" folder only; if the second rename fails the first is undone.
//
// After a site is in place, the previous one is removed, and so are the
// staging and ".old" folders that builds killed part way left beside the
// output folder: only folders named exactly as this package names them.
package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// Marker is the file a build leaves in its output folder. Build refuses to
// replace a non-empty folder without it, so that a mistyped --out cannot
// wipe out somebody's documents.
const Marker = ".reportsite-output"

const markerText = "This folder is written by reportsite build and replaced by the next build.\n"

// File is one file of the site: its bytes, or a file on disk to copy (for
// media, which can be large).
type File struct {
	Data   []byte
	Source string // a path on disk, used when Data is nil
	// later, when set, makes Data the first time the file is opened.
	later *later
}

// later is a file made on first use, once, however many ask for it at
// the same time.
type later struct {
	once sync.Once
	make func() ([]byte, error)
	data []byte
	err  error
}

// Site is a built site: files by their slash path inside the site. It is
// safe for concurrent use, so pages can be rendered in parallel.
type Site struct {
	mu    sync.Mutex
	files map[string]File
	// staging, when set, is a folder on disk that receives each file as
	// it is added, so that a large site never has to fit in memory.
	staging string
	out     string
	err     error    // the first failed write to staging
	dirs    sync.Map // folders already made in staging
}

// madeDir reports whether dir is known to exist in staging, which saves
// a system call per file; two workers may both make a new folder, which
// MkdirAll allows.
func (s *Site) madeDir(dir string) bool {
	_, made := s.dirs.Load(dir)
	return made
}

// New returns an empty site.
func New() *Site {
	return &Site{files: map[string]File{}}
}

// NewSized returns an empty site with room for about n files.
func NewSized(n int) *Site {
	return &Site{files: make(map[string]File, n)}
}

// Add stores data at name (a slash path such as "units/x/index.html").
// Adding the same name twice is a programming error and panics, as two
// pages would otherwise silently overwrite each other.
func (s *Site) Add(name string, data []byte) {
	s.put(name, File{Data: data})
}

// AddBuffer stores the bytes of buf at name, like Add, but leaves buf to
// the caller, who may reuse it as soon as AddBuffer returns: a staged site
// writes the bytes to disk at once, a site in memory keeps a copy.
func (s *Site) AddBuffer(name string, buf []byte) {
	if s.staging == "" {
		buf = slices.Clone(buf)
	}
	s.put(name, File{Data: buf})
}

// AddLater stores a file whose bytes make returns when the file is first
// opened. A site served from memory is planned this way, so that a change
// to a large site is shown without rendering every page first. make must
// be safe to call from any goroutine; it is called at most once.
func (s *Site) AddLater(name string, make func() ([]byte, error)) {
	s.put(name, File{later: &later{make: make}})
}

// AddCopy stores a file to be copied from source on disk.
func (s *Site) AddCopy(name, source string) {
	s.put(name, File{Source: source})
}

func (s *Site) put(name string, f File) {
	if !fs.ValidPath(name) || name == "." {
		panic(fmt.Sprintf("output: invalid path %q", name))
	}
	s.mu.Lock()
	if _, dup := s.files[name]; dup {
		s.mu.Unlock()
		panic(fmt.Sprintf("output: %q written twice", name))
	}
	s.files[name] = f
	s.mu.Unlock()
	if s.staging != "" {
		target := filepath.Join(s.staging, filepath.FromSlash(name))
		var err error
		if dir := filepath.Dir(target); !s.madeDir(dir) {
			if err = os.MkdirAll(dir, 0o755); err == nil {
				s.dirs.Store(dir, true)
			}
		}
		if err == nil {
			err = writeFile(target, f)
		}
		s.mu.Lock()
		if err != nil && s.err == nil {
			s.err = fmt.Errorf("writing %s: %w", name, err)
		}
		// Only the name is kept; the bytes are on disk now.
		s.files[name] = File{Source: target}
		s.mu.Unlock()
	}
}

// NewStaging returns a site written straight to disk, into a new folder
// beside out that Commit puts in its place (see the package comment). It
// refuses an out folder that a build did not create (see Marker).
func NewStaging(out string) (*Site, error) {
	out = filepath.Clean(out)
	if err := checkReplaceable(out); err != nil {
		return nil, err
	}
	parent, base := filepath.Split(out)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, stagingPattern(base))
	if err != nil {
		return nil, err
	}
	// MkdirTemp makes a folder only its owner may read; the folder
	// becomes the site, which a web server running as another user must
	// read, as it reads the folders inside it.
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.Remove(tmp)
		return nil, err
	}
	return &Site{files: map[string]File{}, staging: tmp, out: out}, nil
}

// Commit puts a staged site in the place of its output folder: in one
// exchange of the two folders on Linux and macOS, by two renames where
// the system or filesystem cannot exchange them (see the package
// comment). The previous site stays untouched if anything failed before.
// Once the new site is in place, Commit removes the previous one and the
// folders that killed builds left beside the output folder; it does not
// fail if it cannot, as the next build tries again.
func (s *Site) Commit() error {
	if s.staging == "" {
		return errors.New("output: Commit of a site that is not staged")
	}
	if s.err != nil {
		s.Discard()
		return s.err
	}
	if err := os.WriteFile(filepath.Join(s.staging, Marker), []byte(markerText), 0o644); err != nil {
		s.Discard()
		return err
	}
	if err := checkReplaceable(s.out); err != nil {
		s.Discard()
		return err
	}
	if err := publish(s.staging, s.out); err != nil {
		s.Discard()
		return err
	}
	return nil
}

// Discard removes a staged site's folder; the output folder is untouched.
func (s *Site) Discard() {
	if s.staging != "" {
		os.RemoveAll(s.staging)
	}
}

// Names returns the paths of all files, sorted.
func (s *Site) Names() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.files))
	for n := range s.files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Get returns the file at name as it is stored: one added with AddLater
// has no bytes until it is opened with Open or Bytes.
func (s *Site) Get(name string) (File, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.files[name]
	return f, ok
}

// Open returns the file at name, made first if it was added with
// AddLater. It returns fs.ErrNotExist for a name the site does not have,
// and the error of making the file if that failed.
func (s *Site) Open(name string) (File, error) {
	f, ok := s.Get(name)
	if !ok {
		return File{}, fs.ErrNotExist
	}
	if l := f.later; l != nil {
		l.once.Do(func() {
			l.data, l.err = l.make()
			l.make = nil
		})
		if l.err != nil {
			return File{}, l.err
		}
		return File{Data: l.data}, nil
	}
	return f, nil
}

// Has reports whether the site has a file at name.
func (s *Site) Has(name string) bool {
	_, ok := s.Get(name)
	return ok
}

// Bytes returns the content of the file at name, reading a copied file
// from disk.
func (s *Site) Bytes(name string) ([]byte, error) {
	f, err := s.Open(name)
	if err != nil {
		return nil, err
	}
	if f.Data != nil || f.Source == "" {
		return f.Data, nil
	}
	return os.ReadFile(f.Source)
}

// Len returns the number of files.
func (s *Site) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.files)
}

// ErrNotOurs is returned when the output folder holds files that a build
// did not write.
var ErrNotOurs = errors.New("output folder is not empty and was not created by reportsite")

// WriteDir writes a site held in memory to dir in one swap, through the
// same staging as NewStaging: the files go to a new folder beside dir,
// which then replaces dir. If anything fails, dir is left as it was. A
// non-empty dir without the Marker file is refused.
func (s *Site) WriteDir(dir string) error {
	staged, err := NewStaging(dir)
	if err != nil {
		return err
	}
	for _, name := range s.Names() {
		f, err := s.Open(name)
		if err != nil {
			staged.Discard()
			return err
		}
		staged.put(name, f)
	}
	return staged.Commit()
}

// checkReplaceable refuses to replace a folder that holds files but no
// Marker.
func checkReplaceable(dir string) error {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s is a file, not a folder; choose another --out", dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
		return fmt.Errorf("%w: %s holds files but no %s file; empty it or choose another --out", ErrNotOurs, dir, Marker)
	}
	return nil
}

func writeFile(target string, f File) error {
	if f.Data != nil || f.Source == "" {
		return os.WriteFile(target, f.Data, 0o644)
	}
	in, err := os.Open(f.Source)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(target)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
