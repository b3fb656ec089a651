package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"syscall"

	"reportsite/generator/diag"
)

// readParsed reads the file e of folder ("" for the content folder) and
// parses it, unless prev, the file as the previous load kept it, shows
// that it did not change. It records the diagnostics either way and
// keeps the file for the next load. It returns nil when the file could
// not be read.
func (l *loader) readParsed(folder string, e entry, prev *cachedFile, required bool, parse func(data []byte, file, id string, diags *diag.List) any) *cachedFile {
	f := reuse(prev, e)
	if f == nil {
		var ok bool
		if f, ok = l.parse(folder, e, required, parse); !ok {
			return nil
		}
	}
	l.diags.Add(f.diags...)
	l.keep(kindOf(folder, e.name), f)
	return f
}

// parse reads the file e of folder and parses it; problems reading it go
// to l.diags, those of its content into the result.
func (l *loader) parse(folder string, e entry, required bool, parse func(data []byte, file, id string, diags *diag.List) any) (*cachedFile, bool) {
	data, ok := l.read(path.Join(folder, e.name), required)
	if !ok {
		return nil, false
	}
	file := l.display(folder, e.name)
	if f := l.memo.find(file, data); f != nil {
		return &cachedFile{name: e.name, info: e.info, value: f.value, diags: f.diags}, true
	}
	var diags diag.List
	value := parse(data, file, e.id, &diags)
	f := &cachedFile{name: e.name, info: e.info, value: value, diags: diags.Items()}
	l.memo.add(file, data, f)
	return f, true
}

// read returns the bytes of the file at name (a slash path inside the
// content folder), refusing links that lead outside it and files over
// MaxFileSize. The file is opened first and checked as opened, which costs
// one walk of the path instead of two, and the checks hold for the bytes
// read. It is opened without waiting, since opening a named pipe would
// otherwise wait for something to write to it.
func (l *loader) read(name string, required bool) ([]byte, bool) {
	f, err := l.open(name)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist) && required:
			l.errorf(name, "%s is missing; create it with at least a title: line", name)
		case errors.Is(err, fs.ErrNotExist):
			l.errorf(name, "file disappeared while it was being read")
		default:
			l.errorf(name, "%s", l.openProblem(name, err))
		}
		return nil, false
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		l.errorf(name, "file cannot be read: %v", unwrapPathError(err))
		return nil, false
	}
	if !info.Mode().IsRegular() {
		l.errorf(name, "%s is not a regular file", name)
		return nil, false
	}
	if info.Size() > MaxFileSize {
		l.errorf(name, "file is %s, larger than the limit of %s; split it or move long text into a .md file",
			sizeString(int(info.Size())), sizeString(MaxFileSize))
		return nil, false
	}
	data, err := readAll(io.LimitReader(f, MaxFileSize+1), min(info.Size(), MaxFileSize)+1)
	if err != nil {
		l.errorf(name, "file cannot be read: %v", unwrapPathError(err))
		return nil, false
	}
	return data, true
}

// open opens the file at name for reading.
func (l *loader) open(name string) (fs.File, error) {
	if l.root == nil {
		if info, err := fs.Lstat(l.fsys, name); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			return nil, &fs.PathError{Op: "open", Path: name, Err: errLink}
		}
		return l.fsys.Open(name)
	}
	return l.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}

// errLink is why a file system other than the disk does not open a
// symbolic link.
var errLink = errors.New("symbolic link")

// readAll is io.ReadAll with a first buffer of size bytes: given the
// file's size and one byte more to meet its end, it reads the file
// without growing the buffer, unless the file grew.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, size)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}

// openProblem explains why a file inside the content folder could not be
// opened; the usual cause is a link that leads outside it.
func (l *loader) openProblem(name string, err error) string {
	if l.root == nil {
		if errors.Is(err, errLink) {
			return "this is a symbolic link, which is not followed when content is read from git; copy the file here instead"
		}
		return fmt.Sprintf("file cannot be opened: %v", unwrapPathError(err))
	}
	if info, lerr := l.root.Lstat(name); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
		return "this is a link to a file outside the content folder, which is not allowed; copy the file here instead"
	}
	return fmt.Sprintf("file cannot be opened: %v", unwrapPathError(err))
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
