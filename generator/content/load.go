package content

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"reportsite/generator/diag"
	"reportsite/generator/parallel"
)

// topLevel are the entries a content folder may hold.
var topLevel = []string{"site.yaml", "years", "units", "activities", "media"}

// Load reads the content folder dir: site.yaml, years/, units/,
// activities/ and the list of files under media/. Every problem is
// recorded in diags with its position; what could be read is returned so
// that later checks can still run. The returned Content is never nil.
func Load(dir string, diags *diag.List) *Content {
	return NewLoader(dir).Load(diags)
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
		memo:         l.memo,
	}
	ld.load(c)
	l.kept, l.narrated = ld.next, ld.narrate
	return c
}

// load reads the whole content folder into c.
func (ld *loader) load(c *Content) {
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
}

// loader reads one content folder through an os.Root, so that no file
// name or symbolic link can reach outside it, or, when root is nil, from
// the read-only file system fsys (see LoadFS).
type loader struct {
	dir   string
	root  *os.Root
	fsys  fs.FS
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
	// memo, when not nil, holds parses of another load to reuse for
	// files with the same name and bytes, and takes this load's.
	memo *Memo
}

// files returns the content folder as an fs.FS: the Root's, or fsys.
func (l *loader) files() fs.FS {
	if l.root != nil {
		return l.root.FS()
	}
	return l.fsys
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

func (l *loader) errorf(name, format string, args ...any) {
	l.diags.Errorf(diag.Pos{File: l.display(name)}, format, args...)
}

// checkTopLevel warns of the entries of the content folder that are not
// content, and returns site.yaml as it found it (without info when
// absent or not listed).
func (l *loader) checkTopLevel() entry {
	site := entry{name: "site.yaml", id: "site"}
	entries, err := fs.ReadDir(l.files(), ".")
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
	if l.root == nil {
		return readDirFS(l.fsys, folder)
	}
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

// media lists the files under media/, refusing links that lead outside
// the content folder.
func (l *loader) media() []string {
	var files []string
	err := fs.WalkDir(l.files(), "media", func(name string, e fs.DirEntry, err error) error {
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
		if e.Type()&fs.ModeSymlink != 0 && l.root == nil {
			l.errorf(name, "%s", l.openProblem(name, errLink))
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
