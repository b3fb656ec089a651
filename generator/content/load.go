package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gosimple/slug"

	"reportsite/generator/diag"
)

// MaxIDLength is the longest ID allowed; IDs become URLs.
const MaxIDLength = 64

// ValidID reports whether id can name a unit or an activity: lowercase
// letters and digits in words joined by single hyphens, at most 64 bytes.
func ValidID(id string) bool {
	// As ^[a-z0-9]+(-[a-z0-9]+)*$, which the schemas use, but without a
	// regular expression: the loader checks every file name of every load.
	if id == "" || len(id) > MaxIDLength || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// SuggestID turns a name into a valid ID, for hints: "Trung tâm Khuyến
// nông" becomes "trung-tam-khuyen-nong".
func SuggestID(name string) string {
	// slug keeps underscores, which IDs do not allow.
	s := slug.Make(strings.NewReplacer("đ", "d", "Đ", "D", "_", " ").Replace(name))
	s = strings.Trim(s[:min(len(s), MaxIDLength)], "-")
	if !ValidID(s) {
		return ""
	}
	return s
}

// topLevel are the entries a content folder may hold.
var topLevel = []string{"site.yaml", "years", "units", "activities", "media"}

// loader reads one content folder through an os.Root, so that no file
// name or symbolic link can reach outside it.
type loader struct {
	dir   string
	root  *os.Root
	diags *diag.List
}

// Load reads the content folder dir: site.yaml, years/, units/,
// activities/ and the list of files under media/. Every problem is
// recorded in diags with its position; what could be read is returned so
// that later checks can still run. The returned Content is never nil.
func Load(dir string, diags *diag.List) *Content {
	c := &Content{Dir: dir}
	root, err := os.OpenRoot(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(diag.Pos{File: dir}, "content folder does not exist; run in the folder that holds it or name it with --content")
		} else {
			diags.Errorf(diag.Pos{File: dir}, "content folder cannot be opened: %v", unwrapPathError(err))
		}
		return c
	}
	defer root.Close()
	l := &loader{dir: dir, root: root, diags: diags}
	l.checkTopLevel()
	if data, ok := l.read("site.yaml", true); ok {
		c.Site = ParseSite(data, l.display("site.yaml"), diags)
	}
	c.Unreadable = map[string]bool{}
	c.Years = parseAll(l, "years", l.ids("years", ".yaml", nil), ParseYear, c.Unreadable)
	c.Units = parseAll(l, "units", l.ids("units", ".yaml", nil), ParseUnit, c.Unreadable)
	var narratives []string
	c.Activities = parseAll(l, "activities", l.ids("activities", ".yaml", &narratives), ParseActivity, c.Unreadable)
	l.attachNarratives(c.Activities, narratives, c.Unreadable)
	c.Media = l.media()
	slices.SortFunc(c.Years, func(a, b *Year) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(c.Units, func(a, b *Unit) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(c.Activities, func(a, b *Activity) int { return strings.Compare(a.ID, b.ID) })
	return c
}

// display returns the path of a content file as messages show it.
func (l *loader) display(parts ...string) string {
	return filepath.Join(append([]string{l.dir}, parts...)...)
}

func (l *loader) errorf(name, format string, args ...any) {
	l.diags.Errorf(diag.Pos{File: l.display(name)}, format, args...)
}

func (l *loader) checkTopLevel() {
	entries, err := fs.ReadDir(l.root.FS(), ".")
	if err != nil {
		l.errorf(".", "content folder cannot be read: %v", unwrapPathError(err))
		return
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || slices.Contains(topLevel, name) || strings.HasSuffix(name, ".md") {
			continue
		}
		l.diags.Warnf(diag.Pos{File: l.display(name)}, "%q is not part of the content and is ignored%s",
			name, hint(name, topLevel, "the content folder holds site.yaml, years/, units/, activities/ and media/"))
	}
}

// read returns the bytes of the file at name (a slash path inside the
// content folder), refusing links that lead outside it and files over
// MaxFileSize.
func (l *loader) read(name string, required bool) ([]byte, bool) {
	info, err := l.root.Stat(name)
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
	if !info.Mode().IsRegular() {
		l.errorf(name, "%s is not a regular file", name)
		return nil, false
	}
	if info.Size() > MaxFileSize {
		l.errorf(name, "file is %s, larger than the limit of %s; split it or move long text into a .md file",
			sizeString(int(info.Size())), sizeString(MaxFileSize))
		return nil, false
	}
	f, err := l.root.Open(name)
	if err != nil {
		l.errorf(name, "%s", l.openProblem(name, err))
		return nil, false
	}
	defer f.Close()
	data, err := readAll(io.LimitReader(f, MaxFileSize+1), min(info.Size(), MaxFileSize)+1)
	if err != nil {
		l.errorf(name, "file cannot be read: %v", unwrapPathError(err))
		return nil, false
	}
	return data, true
}

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

// ids lists the IDs of the files with extension ext in folder, sorted,
// reporting names that are not valid IDs and files that do not belong.
// When narratives is not nil, .md files are collected into it as IDs.
func (l *loader) ids(folder, ext string, narratives *[]string) []string {
	entries, err := fs.ReadDir(l.root.FS(), folder)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		l.errorf(folder, "folder cannot be read: %v", unwrapPathError(err))
		return nil
	}
	var ids []string
	for _, e := range entries {
		name := e.Name()
		rel := path.Join(folder, name)
		if strings.HasPrefix(name, ".") {
			continue
		}
		if e.IsDir() {
			l.errorf(rel, "folders inside %s/ are not read; move the files in it up into %s/", folder, folder)
			continue
		}
		stem, fileExt := strings.TrimSuffix(name, path.Ext(name)), path.Ext(name)
		switch {
		case fileExt == ".md" && narratives != nil:
		case fileExt == ext:
		case strings.EqualFold(fileExt, ".yml") || strings.EqualFold(fileExt, ext):
			l.errorf(rel, "file ends in %s; rename it to %s%s", fileExt, stem, ext)
			continue
		default:
			l.errorf(rel, "only %s files belong in %s/; move or remove this file", ext, folder)
			continue
		}
		if msg := l.idProblem(folder, stem, fileExt); msg != "" {
			l.errorf(rel, "%s", msg)
			continue
		}
		if fileExt == ".md" {
			*narratives = append(*narratives, stem)
		} else {
			ids = append(ids, stem)
		}
	}
	return ids
}

// idProblem says what is wrong with a file name used as an ID, or "";
// ext is the file's extension, for the name to rename it to.
func (l *loader) idProblem(folder, id, ext string) string {
	if folder == "years" {
		if len(id) != 4 || strings.Trim(id, "0123456789") != "" {
			return fmt.Sprintf("file name %q is not a year; name year files after their year, e.g. 2023.yaml", id)
		}
		return ""
	}
	if ValidID(id) {
		return ""
	}
	if len(id) > MaxIDLength {
		return fmt.Sprintf("file name %q is longer than %d characters; file names become web addresses, so keep them short", id, MaxIDLength)
	}
	msg := fmt.Sprintf("file name %q is not a valid ID: use lowercase letters a-z, digits and single hyphens", id)
	if s := SuggestID(id); s != "" {
		msg += fmt.Sprintf("; rename the file to %s%s", s, ext)
	}
	return msg
}

// attachNarratives gives each activity the text of its activities/<id>.md
// file and reports narratives without an activity or written twice.
func (l *loader) attachNarratives(activities []*Activity, narratives []string, unreadable map[string]bool) {
	byID := map[string]*Activity{}
	ids := make([]string, 0, len(activities))
	for _, a := range activities {
		byID[a.ID] = a
		ids = append(ids, a.ID)
	}
	for _, id := range narratives {
		name := path.Join("activities", id+".md")
		a := byID[id]
		if a == nil && unreadable["activities/"+id] {
			continue // its activity file has an error of its own
		}
		if a == nil {
			l.errorf(name, "narrative has no activity: there is no activities/%s.yaml%s", id,
				hint(id, ids, "rename the file after its activity"))
			continue
		}
		data, ok := l.read(name, false)
		if !ok {
			continue
		}
		file := l.display(name)
		if !validUTF8(data, file, l.diags) {
			continue
		}
		if a.Narrative.Set() {
			l.diags.Errorf(a.Narrative.Pos, "the narrative is written both here and in %s; keep one of the two", file)
			continue
		}
		a.Narrative = Text{Value: string(data), Pos: diag.Pos{File: file, Line: 1, Col: 1}, WholeFile: true}
		a.NarrativeFile = file
	}
}

// media lists the files under media/, refusing links that lead outside
// the content folder.
func (l *loader) media() []string {
	var files []string
	err := fs.WalkDir(l.root.FS(), "media", func(name string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && name == "media" {
				return fs.SkipAll
			}
			l.errorf(name, "cannot be read: %v", unwrapPathError(err))
			return nil
		}
		if strings.HasPrefix(e.Name(), ".") && name != "media" {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.Type()&fs.ModeSymlink != 0 {
			info, serr := l.root.Stat(name)
			if serr != nil {
				l.errorf(name, "%s", l.openProblem(name, serr))
				return nil
			}
			if !info.Mode().IsRegular() {
				l.errorf(name, "links to folders are not followed in media/; copy the files here instead")
				return nil
			}
		} else if !e.Type().IsRegular() {
			return nil
		}
		files = append(files, name)
		return nil
	})
	if err != nil {
		l.errorf("media", "cannot be read: %v", unwrapPathError(err))
	}
	return files
}

// parseAll reads and parses folder/<id>.yaml for every id on every core.
// Each file's diagnostics are kept apart and added in the order of ids,
// so the result does not depend on which file finished first.
//
// The names of files that could not be read at all go into unreadable.
func parseAll[T any](l *loader, folder string, ids []string, parse func(data []byte, file, id string, diags *diag.List) *T, unreadable map[string]bool) []*T {
	results := make([]*T, len(ids))
	lists := make([]diag.List, len(ids))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(ids))) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(ids) {
					return
				}
				file := *l
				file.diags = &lists[i]
				name := ids[i] + ".yaml"
				if data, ok := file.read(path.Join(folder, name), false); ok {
					results[i] = parse(data, l.display(folder, name), ids[i], &lists[i])
				}
			}
		})
	}
	wg.Wait()
	parsed := make([]*T, 0, len(ids))
	for i, r := range results {
		l.diags.Add(lists[i].Items()...)
		if r != nil {
			parsed = append(parsed, r)
		} else {
			unreadable[folder+"/"+ids[i]] = true
		}
	}
	return parsed
}
