package gittree

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// Tree is a folder of a commit held in memory, as ReadTree read it. It is
// a read-only fs.FS, and also an fs.ReadDirFS, fs.ReadFileFS, fs.StatFS
// and fs.ReadLinkFS. Symbolic links are listed with fs.ModeSymlink and
// never followed: Open and Stat refuse them. Files have no modification
// time. A Tree is safe for concurrent use.
type Tree struct {
	root  *node
	nodes map[string]*node // by slash path; "." is the root
	// objects holds the bytes read, by object name.
	objects map[string][]byte
}

// node is a file, folder or link of a Tree.
type node struct {
	name     string
	mode     fs.FileMode
	size     int64
	oid      string
	data     []byte
	skipped  bool    // its bytes were not read (Options.Skip)
	children []*node // of a folder, sorted by name
}

// ErrSkipped is the error of opening a file whose bytes ReadTree was
// told to skip.
var ErrSkipped = errors.New("file not read from git")

// errLink is the error of opening a symbolic link.
var errLink = errors.New("symbolic link not followed")

func newTree() *Tree {
	root := &node{name: ".", mode: fs.ModeDir | 0o555}
	return &Tree{root: root, nodes: map[string]*node{".": root}, objects: map[string][]byte{}}
}

// add puts the file at the slash path name into the tree, with its
// folders, and returns it; nil when name is not a valid path or is taken.
// ls-tree lists a folder's files in order, so children stay sorted.
func (t *Tree) add(name string, mode fs.FileMode, size int64, oid string) *node {
	if !fs.ValidPath(name) || t.nodes[name] != nil {
		return nil
	}
	parent := t.root
	dir := path.Dir(name)
	if dir != "." {
		parent = t.folder(dir)
		if parent == nil {
			return nil
		}
	}
	n := &node{name: path.Base(name), mode: mode, size: size, oid: oid}
	parent.insert(n)
	t.nodes[name] = n
	return n
}

// folder returns the folder at name, making it and its parents as
// needed; nil when a file stands in the way.
func (t *Tree) folder(name string) *node {
	if n := t.nodes[name]; n != nil {
		if !n.mode.IsDir() {
			return nil
		}
		return n
	}
	parent := t.root
	if dir := path.Dir(name); dir != "." {
		if parent = t.folder(dir); parent == nil {
			return nil
		}
	}
	n := &node{name: path.Base(name), mode: fs.ModeDir | 0o555}
	parent.insert(n)
	t.nodes[name] = n
	return n
}

// insert adds child to the folder n, keeping its children sorted.
func (n *node) insert(child *node) {
	k := len(n.children)
	if k > 0 && n.children[k-1].name > child.name {
		k, _ = slices.BinarySearchFunc(n.children, child.name, func(c *node, name string) int {
			return strings.Compare(c.name, name)
		})
	}
	n.children = slices.Insert(n.children, k, child)
}

// object returns the bytes of the object oid if t holds them.
func (t *Tree) object(oid string) ([]byte, bool) {
	if t == nil {
		return nil, false
	}
	data, ok := t.objects[oid]
	return data, ok
}

// lookup returns the node at name, or an error for Op op.
func (t *Tree) lookup(op, name string) (*node, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	n := t.nodes[name]
	if n == nil {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return n, nil
}

// Open opens the file or folder at name. Links cannot be opened, nor
// files whose bytes were skipped.
func (t *Tree) Open(name string) (fs.File, error) {
	n, err := t.lookup("open", name)
	if err != nil {
		return nil, err
	}
	switch {
	case n.mode&fs.ModeSymlink != 0:
		return nil, &fs.PathError{Op: "open", Path: name, Err: errLink}
	case n.skipped:
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrSkipped}
	case n.mode.IsDir():
		return &openDir{n: n}, nil
	}
	return &openFile{n: n, r: bytes.NewReader(n.data)}, nil
}

// ReadFile returns a copy of the bytes of the file at name.
func (t *Tree) ReadFile(name string) ([]byte, error) {
	f, err := t.Open(name)
	if err != nil {
		return nil, err
	}
	of, ok := f.(*openFile)
	if !ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a folder")}
	}
	return bytes.Clone(of.n.data), nil
}

// ReadDir lists the folder at name, sorted by name.
func (t *Tree) ReadDir(name string) ([]fs.DirEntry, error) {
	n, err := t.lookup("readdir", name)
	if err != nil {
		return nil, err
	}
	if !n.mode.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a folder")}
	}
	return n.entries(), nil
}

// Stat describes the file or folder at name; it refuses links, which it
// would have to follow.
func (t *Tree) Stat(name string) (fs.FileInfo, error) {
	n, err := t.lookup("stat", name)
	if err != nil {
		return nil, err
	}
	if n.mode&fs.ModeSymlink != 0 {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: errLink}
	}
	return info{n}, nil
}

// Lstat describes the file, folder or link at name.
func (t *Tree) Lstat(name string) (fs.FileInfo, error) {
	n, err := t.lookup("lstat", name)
	if err != nil {
		return nil, err
	}
	return info{n}, nil
}

// ReadLink returns the target of the link at name, as written in git.
func (t *Tree) ReadLink(name string) (string, error) {
	n, err := t.lookup("readlink", name)
	if err != nil {
		return "", err
	}
	if n.mode&fs.ModeSymlink == 0 {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	return string(n.data), nil
}

func (n *node) entries() []fs.DirEntry {
	entries := make([]fs.DirEntry, len(n.children))
	for i, c := range n.children {
		entries[i] = fs.FileInfoToDirEntry(info{c})
	}
	return entries
}

// info is what a Tree tells of a node. Sys returns the object name of a
// file or link.
type info struct{ n *node }

func (i info) Name() string       { return i.n.name }
func (i info) Size() int64        { return i.n.size }
func (i info) Mode() fs.FileMode  { return i.n.mode }
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.n.mode.IsDir() }
func (i info) Sys() any           { return i.n.oid }

// openFile is a file of a Tree being read.
type openFile struct {
	n *node
	r *bytes.Reader
}

func (f *openFile) Stat() (fs.FileInfo, error) { return info{f.n}, nil }
func (f *openFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *openFile) Close() error               { return nil }

// Seek and ReadAt make an open file an io.ReadSeeker and io.ReaderAt,
// as fstest.TestFS expects of files that can be read again.
func (f *openFile) Seek(offset int64, whence int) (int64, error) { return f.r.Seek(offset, whence) }
func (f *openFile) ReadAt(p []byte, off int64) (int, error)      { return f.r.ReadAt(p, off) }

// openDir is a folder of a Tree being listed.
type openDir struct {
	n    *node
	next int
}

func (d *openDir) Stat() (fs.FileInfo, error) { return info{d.n}, nil }
func (d *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.n.name, Err: errors.New("is a folder")}
}
func (d *openDir) Close() error { return nil }

// ReadDir lists the folder like fs.ReadDirFile.
func (d *openDir) ReadDir(count int) ([]fs.DirEntry, error) {
	rest := d.n.children[d.next:]
	if count > 0 && len(rest) == 0 {
		return nil, io.EOF
	}
	if count > 0 && count < len(rest) {
		rest = rest[:count]
	}
	d.next += len(rest)
	entries := make([]fs.DirEntry, len(rest))
	for i, c := range rest {
		entries[i] = fs.FileInfoToDirEntry(info{c})
	}
	return entries, nil
}
