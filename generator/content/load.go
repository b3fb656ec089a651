package content

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gosimple/slug"

	"reportsite/generator/diag"
	"reportsite/generator/parallel"
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

// Load reads the content folder dir: site.yaml, years/, units/,
// activities/ and the list of files under media/. Every problem is
// recorded in diags with its position; what could be read is returned so
// that later checks can still run. The returned Content is never nil.
func Load(dir string, diags *diag.List) *Content {
	return NewLoader(dir).Load(diags)
}

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

// Load reads the folder like the function Load, reusing the parse of
// every file that did not change since the previous call.
func (l *Loader) Load(diags *diag.List) *Content {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.forgetChanged()
	c := &Content{Dir: l.dir}
	root, err := os.OpenRoot(l.dir)
	if err != nil {
		dir := diag.Pos{File: FilePath(l.dir, ".")}
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(dir, "content folder does not exist; run in the folder that holds it or name it with --content")
		} else {
			diags.Errorf(dir, "content folder cannot be opened: %v", unwrapPathError(err))
		}
		// Whatever comes back in its place is read afresh.
		l.kept, l.narrated = nil, nil
		return c
	}
	defer root.Close()
	ld := &loader{
		dir: l.dir, root: root, diags: diags,
		settled:      time.Now().Add(-racyWindow),
		trustChanged: l.trustChanged,
		prev:         l.kept,
		next:         map[string][]*cachedFile{},
		narrated:     l.narrated,
		narrate:      make(map[*Activity]*Activity, len(l.narrated)),
	}
	c.Site = ld.site(ld.checkTopLevel())
	c.Unreadable = map[string]bool{}
	c.Years = parseAll(ld, "years", ld.ids("years", ".yaml", nil), ParseYear, c.Unreadable)
	c.Units = parseAll(ld, "units", ld.ids("units", ".yaml", nil), ParseUnit, c.Unreadable)
	var narratives []entry
	c.Activities = parseAll(ld, "activities", ld.ids("activities", ".yaml", &narratives), ParseActivity, c.Unreadable)
	ld.attachNarratives(c.Activities, narratives, c.Unreadable)
	c.Media = ld.media()
	slices.SortFunc(c.Years, func(a, b *Year) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(c.Units, func(a, b *Unit) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(c.Activities, func(a, b *Activity) int { return strings.Compare(a.ID, b.ID) })
	l.kept, l.narrated = ld.next, ld.narrate
	return c
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

// loader reads one content folder through an os.Root, so that no file
// name or symbolic link can reach outside it.
type loader struct {
	dir   string
	root  *os.Root
	diags *diag.List

	// settled is the time before which a file must have been modified
	// for its parse to be kept for the next load; see racyWindow.
	settled time.Time
	// trustChanged is Loader.trustChanged: files kept by the previous
	// load are not looked at again.
	trustChanged bool
	// prev holds the files kept by the previous load, which are reused
	// when unchanged; next collects those this load keeps, by kind.
	prev, next map[string][]*cachedFile
	// narrated and narrate are the same for activities given their
	// narrative, by the previous load and by this one.
	narrated, narrate map[*Activity]*Activity
}

// entry is a file of a content folder and what lstat told of it.
type entry struct {
	name string // the file name, "water-centre.yaml"
	id   string // the name without its extension
	info fs.FileInfo
}

// display returns the path of a content file as messages show it; parts
// are slash paths inside the content folder.
func (l *loader) display(parts ...string) string {
	return FilePath(l.dir, path.Join(parts...))
}

// FilePath returns the path of rel, a slash path inside the content
// folder dir, as diagnostics and the File fields of the model name it:
// dir as given, cleaned, then rel, with / between folders on every
// system. Messages then read alike on Linux, macOS and Windows, and tools
// that take them in, such as GitHub's annotations, find the file: on
// Windows, C:\bloc\content and units/x.yaml give
// C:/bloc/content/units/x.yaml, a path Windows accepts as well.
func FilePath(dir, rel string) string {
	d := filepath.ToSlash(filepath.Clean(dir))
	rel = path.Clean(rel)
	switch {
	case rel == ".":
		return d
	case d == ".":
		return rel
	case strings.HasSuffix(d, "/"):
		return d + rel // "/" or "C:/"
	}
	return d + "/" + rel
}

// RelPath returns the slash path inside the content folder dir of file,
// a path as FilePath gives it, and whether file is inside dir.
func RelPath(dir, file string) (string, bool) {
	d := FilePath(dir, ".")
	if d == "." {
		return file, filepath.IsLocal(filepath.FromSlash(file))
	}
	if !strings.HasSuffix(d, "/") {
		d += "/"
	}
	rel, ok := strings.CutPrefix(file, d)
	return rel, ok && rel != ""
}

func (l *loader) errorf(name, format string, args ...any) {
	l.diags.Errorf(diag.Pos{File: l.display(name)}, format, args...)
}

// checkTopLevel warns of the entries of the content folder that are not
// content, and returns site.yaml as it found it (without info when
// absent or not listed).
func (l *loader) checkTopLevel() entry {
	site := entry{name: "site.yaml", id: "site"}
	entries, err := fs.ReadDir(l.root.FS(), ".")
	if err != nil {
		l.errorf(".", "content folder cannot be read: %v", unwrapPathError(err))
		return site
	}
	for _, e := range entries {
		name := e.Name()
		if name == site.name {
			// Listed through a Root, the entry holds what lstat said.
			site.info, _ = e.Info()
		}
		if strings.HasPrefix(name, ".") || slices.Contains(topLevel, name) || strings.HasSuffix(name, ".md") {
			continue
		}
		l.diags.Warnf(diag.Pos{File: l.display(name)}, "%q is not part of the content and is ignored%s",
			name, hint(name, topLevel, "the content folder holds site.yaml, years/, units/, activities/ and media/"))
	}
	return site
}

// site reads site.yaml, listed as e, or takes it from the previous load.
func (l *loader) site(e entry) *Site {
	f := l.readParsed("", e, l.previous("site.yaml", []entry{e})[0], true, func(data []byte, file, _ string, diags *diag.List) any {
		return ParseSite(data, file, diags)
	})
	if f == nil {
		return nil
	}
	return f.value.(*Site)
}

// read returns the bytes of the file at name (a slash path inside the
// content folder), refusing links that lead outside it and files over
// MaxFileSize. The file is opened first and checked as opened, which costs
// one walk of the path instead of two, and the checks hold for the bytes
// read. It is opened without waiting, since opening a named pipe would
// otherwise wait for something to write to it.
func (l *loader) read(name string, required bool) ([]byte, bool) {
	f, err := l.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
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

// ids lists the files with extension ext in folder, sorted, reporting
// names that are not valid IDs and files that do not belong. When
// narratives is not nil, .md files are collected into it.
func (l *loader) ids(folder, ext string, narratives *[]entry) []entry {
	infos, err := l.readDir(folder)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		l.errorf(folder, "folder cannot be read: %v", unwrapPathError(err))
		return nil
	}
	files := make([]entry, 0, len(infos))
	for _, info := range infos {
		name := info.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		if info.IsDir() {
			l.errorf(path.Join(folder, name), "folders inside %s/ are not read; move the files in it up into %s/", folder, folder)
			continue
		}
		fileExt := path.Ext(name)
		stem := name[:len(name)-len(fileExt)]
		switch {
		case fileExt == ".md" && narratives != nil:
		case fileExt == ext:
		case strings.EqualFold(fileExt, ".yml") || strings.EqualFold(fileExt, ext):
			l.errorf(path.Join(folder, name), "file ends in %s; rename it to %s%s", fileExt, stem, ext)
			continue
		default:
			l.errorf(path.Join(folder, name), "only %s files belong in %s/; move or remove this file", ext, folder)
			continue
		}
		if msg := l.idProblem(folder, stem, fileExt); msg != "" {
			l.errorf(path.Join(folder, name), "%s", msg)
			continue
		}
		if fileExt == ".md" {
			*narratives = append(*narratives, entry{name: name, id: stem, info: info})
		} else {
			files = append(files, entry{name: name, id: stem, info: info})
		}
	}
	return files
}

// readDir lists folder like fs.ReadDir through the Root, sorted by name,
// with what lstat says of each file. It reads the names alone, then
// calls lstat on every core: at ten thousand files, lstat is most of the
// cost of a load that reuses every parse.
func (l *loader) readDir(folder string) ([]fs.FileInfo, error) {
	dir, err := l.root.OpenRoot(folder)
	if err != nil {
		return nil, err
	}
	defer dir.Close()
	f, err := dir.Open(".")
	if err != nil {
		return nil, err
	}
	names, err := f.Readdirnames(-1)
	f.Close()
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	infos := l.trustedInfos(folder, names)
	var unknown []int
	for i, info := range infos {
		if info == nil {
			unknown = append(unknown, i)
		}
	}
	errs := make([]error, len(names))
	parallel.For(len(unknown), func() func(int) {
		return func(k int) {
			i := unknown[k]
			infos[i], errs[i] = dir.Lstat(names[i])
		}
	})
	listed := infos[:0]
	for i, info := range infos {
		switch {
		case errors.Is(errs[i], fs.ErrNotExist):
			// Removed since the names were read, as fs.ReadDir skips it.
		case errs[i] != nil:
			return nil, errs[i]
		default:
			listed = append(listed, info)
		}
	}
	return listed, nil
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
// file and reports narratives without an activity or written twice. The
// activities given a narrative are replaced by copies, so that the parse
// of their .yaml file stays as it was for the next load.
//
// Activities and narratives come in the order of their file names.
func (l *loader) attachNarratives(activities []*Activity, narratives []entry, unreadable map[string]bool) {
	prev := l.previous("activities/*.md", narratives)
	i := 0
	for j, n := range narratives {
		for i < len(activities) && compareListed(activities[i].ID, n.id) < 0 {
			i++
		}
		found := i < len(activities) && activities[i].ID == n.id
		if !found && unreadable["activities/"+n.id] {
			continue // its activity file has an error of its own
		}
		if !found {
			ids := make([]string, len(activities))
			for k, a := range activities {
				ids[k] = a.ID
			}
			l.errorf(path.Join("activities", n.name), "narrative has no activity: there is no activities/%s.yaml%s", n.id,
				hint(n.id, ids, "rename the file after its activity"))
			continue
		}
		f := l.readParsed("activities", n, prev[j], false, parseNarrative)
		if f == nil {
			continue
		}
		text, ok := f.value.(string)
		if !ok {
			continue
		}
		a := activities[i]
		if a.Narrative.Set() {
			l.diags.Errorf(a.Narrative.Pos, "the narrative is written both here and in %s; keep one of the two", l.display("activities", n.name))
			continue
		}
		// The file of the narrative follows from the activity's ID.
		narrated := l.narrated[a]
		if narrated == nil || narrated.Narrative.Value != text {
			copied := *a
			file := l.display("activities", n.name)
			copied.Narrative = Text{Value: text, Pos: diag.Pos{File: file, Line: 1, Col: 1}, WholeFile: true}
			copied.NarrativeFile = file
			narrated = &copied
		}
		l.narrate[a] = narrated
		activities[i] = narrated
	}
}

// compareListed orders IDs as the names of their files sort, whatever
// their extension: "a-b" before "a", as a-b.yaml sorts before a.yaml.
// It compares a+"." with b+".", which holds since IDs have no dot.
func compareListed(a, b string) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 || len(a) == len(b) {
		return c
	}
	if len(a) < len(b) {
		return cmp.Compare('.', b[n])
	}
	return cmp.Compare(a[n], '.')
}

// parseNarrative checks that a narrative is UTF-8 text, which is all that
// the loader reads of it, and returns it without the byte order mark and
// the \r of Windows line ends (see normalize): a BOM would otherwise stand
// before its first heading, which then would not be one.
func parseNarrative(data []byte, file, _ string, diags *diag.List) any {
	data = normalize(data)
	if !validUTF8(data, file, diags) {
		return nil
	}
	return string(data)
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

// parse reads the file e of folder and parses it; problems reading it go
// to l.diags, those of its content into the result.
func (l *loader) parse(folder string, e entry, required bool, parse func(data []byte, file, id string, diags *diag.List) any) (*cachedFile, bool) {
	data, ok := l.read(path.Join(folder, e.name), required)
	if !ok {
		return nil, false
	}
	var diags diag.List
	value := parse(data, l.display(folder, e.name), e.id, &diags)
	return &cachedFile{name: e.name, info: e.info, value: value, diags: diags.Items()}, true
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

// parseAll reads and parses the files of folder on every core, or takes
// their parse from the previous load. Each file's diagnostics are kept
// apart and added in the order of files, so the result does not depend on
// which file finished first.
//
// The names of files that could not be read at all go into unreadable.
func parseAll[T any](l *loader, folder string, files []entry, parse func(data []byte, file, id string, diags *diag.List) *T, unreadable map[string]bool) []*T {
	kind := kindOf(folder, "*.yaml")
	parsed := l.previous(kind, files)
	lists := make([]diag.List, len(files))
	parallel.For(len(files), func() func(int) {
		return func(i int) {
			if parsed[i] = reuse(parsed[i], files[i]); parsed[i] != nil {
				return
			}
			file := *l
			file.diags = &lists[i]
			parsed[i], _ = file.parse(folder, files[i], false, func(data []byte, name, id string, diags *diag.List) any {
				return parse(data, name, id, diags)
			})
		}
	})
	values := make([]*T, 0, len(files))
	for i, f := range parsed {
		if problems := lists[i].Items(); len(problems) > 0 {
			l.diags.Add(problems...)
		}
		var v *T
		if f != nil {
			if len(f.diags) > 0 {
				l.diags.Add(f.diags...)
			}
			l.keep(kind, f)
			v = f.value.(*T)
		}
		if v != nil {
			values = append(values, v)
		} else {
			unreadable[folder+"/"+files[i].id] = true
		}
	}
	return values
}
