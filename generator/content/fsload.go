package content

import (
	"bytes"
	"io/fs"
	"sync"

	"reportsite/generator/diag"
)

// LoadFS reads a content folder from fsys, whose root is the folder, as
// Load reads one from disk: the same parsing, checks and diagnostics.
// dir is the name messages and the File fields give the folder, such as
// "content": a file of fsys named units/x.yaml is content/units/x.yaml.
//
// Symbolic links (entries whose mode has fs.ModeSymlink, as fs.Lstat
// tells when fsys implements fs.ReadLinkFS, or as its folder listings
// tell) are refused with a message wherever they lead, as links out of
// the folder are from disk: in a git tree a link is a path, whose target
// may not be in the tree at all.
//
// With a Memo, a file whose name and bytes are those of a file parsed
// through the same Memo before is not parsed again: the two Contents then
// share its values, which must not be changed. memo may be nil.
func LoadFS(fsys fs.FS, dir string, memo *Memo, diags *diag.List) *Content {
	c := &Content{Dir: dir}
	if _, err := fs.Stat(fsys, "."); err != nil {
		diags.Errorf(diag.Pos{File: FilePath(dir, ".")}, "content folder cannot be read: %v", unwrapPathError(err))
		return c
	}
	ld := &loader{
		dir: dir, fsys: fsys, diags: diags,
		next:    map[string][]*cachedFile{},
		narrate: map[*Activity]*Activity{},
		memo:    memo,
	}
	ld.load(c)
	return c
}

// LoadMemo is Load sharing parses with other loads through memo, as
// LoadFS does.
func LoadMemo(dir string, memo *Memo, diags *diag.List) *Content {
	l := NewLoader(dir)
	l.memo = memo
	return l.Load(diags)
}

// Memo remembers the files that loads parsed, by the name messages give
// them and their bytes, so that a load of the same folder at another
// revision parses only the files that differ. It keeps every file it is
// given, bytes included, for as long as it lives. It is safe for
// concurrent use; the zero Memo is not usable, use NewMemo.
type Memo struct {
	mu    sync.Mutex
	files map[string]memoFile
}

// memoFile is a parse the Memo keeps, with the bytes it came from.
type memoFile struct {
	data []byte
	f    *cachedFile
}

// NewMemo returns a Memo that remembers nothing yet.
func NewMemo() *Memo {
	return &Memo{files: map[string]memoFile{}}
}

// find returns the parse of the file named file with these bytes, or nil.
func (m *Memo) find(file string, data []byte) *cachedFile {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	kept, ok := m.files[file]
	m.mu.Unlock()
	if !ok || !bytes.Equal(kept.data, data) {
		return nil
	}
	return kept.f
}

// add remembers f, the parse of data read from file.
func (m *Memo) add(file string, data []byte, f *cachedFile) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.files[file] = memoFile{data: data, f: f}
	m.mu.Unlock()
}

// readDirFS lists folder of fsys like readDir, sorted by name, with what
// the file system tells of each entry without following links.
func readDirFS(fsys fs.FS, folder string) ([]fs.FileInfo, error) {
	entries, err := fs.ReadDir(fsys, folder)
	if err != nil {
		return nil, err
	}
	infos := make([]fs.FileInfo, 0, len(entries))
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			return nil, err
		}
		infos = append(infos, info)
	}
	return infos, nil
}
